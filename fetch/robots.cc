#include "fetch/robots.h"

#include <cctype>
#include <cstdlib>

#include "common/ascii.h"

namespace newsfacts::fetch {
namespace {

constexpr size_t kMaxBytes = 500u << 10;
constexpr size_t kMaxPattern = 4096;

// Percent-encodes non-ASCII bytes and upper-cases existing %xx escapes, so a pattern
// and a path written differently compare equal.
std::string NormalisePercent(const std::string& s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else if (c == '%' && i + 2 < s.size() &&
               std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += '%';
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(s[i + 1])));
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(s[i + 2])));
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// The product token of a user-agent line value: up to the first "/" or space.
std::string ProductToken(const std::string& value) {
  size_t end = value.find_first_of("/ \t");
  return Lower(value.substr(0, end));
}

}  // namespace

bool RobotsPatternMatches(const std::string& raw_pattern, const std::string& path) {
  std::string pattern = raw_pattern;
  bool anchored = false;
  if (!pattern.empty() && pattern.back() == '$') {
    anchored = true;
    pattern.pop_back();
  }
  // Wildcard matching with one backtrack point (the last '*'), iterative and linear
  // in practice. Without '$' the pattern only has to match a prefix of the path.
  size_t p = 0, s = 0;
  size_t star = std::string::npos, star_s = 0;
  while (true) {
    if (p == pattern.size()) {
      if (!anchored || s == path.size()) return true;
      // Anchored and path left over: let the last '*' take more.
      if (star == std::string::npos) return false;
      p = star + 1;
      s = ++star_s;
      if (s > path.size()) return false;
      continue;
    }
    if (pattern[p] == '*') {
      star = p++;
      star_s = s;
      continue;
    }
    if (s < path.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
      continue;
    }
    if (star == std::string::npos) return false;
    p = star + 1;
    s = ++star_s;
    if (s > path.size()) return false;
  }
}

Robots Robots::DisallowAll() {
  Robots r;
  r.disallow_all_ = true;
  return r;
}

struct Robots::Group {
  std::vector<std::string> agents;
  std::vector<Rule> rules;
  std::optional<double> delay;
};

Robots Robots::Parse(const std::string& full_body, const std::string& agent) {
  Robots robots;
  const std::vector<Group> groups = robots.ReadGroups(full_body.substr(0, kMaxBytes));
  robots.TakeGroupsOf(ProductToken(agent), groups);
  return robots;
}

std::vector<Robots::Group> Robots::ReadGroups(const std::string& body) {
  std::vector<Group> groups;
  bool in_agents = false;  // the previous meaningful line was a user-agent line
  size_t pos = 0;
  while (pos < body.size()) {
    size_t end = body.find_first_of("\r\n", pos);
    if (end == std::string::npos) end = body.size();
    std::string line = body.substr(pos, end - pos);
    pos = end + 1;
    if (size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string key = Lower(Trim(line.substr(0, colon)));
    const std::string value = Trim(line.substr(colon + 1));

    if (key == "user-agent" || key == "useragent" || key == "user agent") {
      if (!in_agents) groups.emplace_back();
      groups.back().agents.push_back(ProductToken(value));
      in_agents = true;
      continue;
    }
    if (key == "sitemap") {
      if (!value.empty()) sitemaps_.push_back(value);
      continue;  // not a group member: does not end a run of user-agent lines
    }
    if (key == "allow" || key == "disallow") {
      in_agents = false;
      if (groups.empty()) continue;  // rules before any user-agent line apply to no one
      if (value.empty()) continue;   // "Disallow:" with nothing allows everything
      if (value.size() > kMaxPattern) continue;
      groups.back().rules.push_back(Rule{key == "allow", NormalisePercent(value)});
      continue;
    }
    if (key == "crawl-delay") {
      in_agents = false;
      if (groups.empty()) continue;
      char* rest = nullptr;
      const double d = std::strtod(value.c_str(), &rest);
      if (rest != value.c_str() && d >= 0 && d < 1e6) groups.back().delay = d;
      continue;
    }
  }
  return groups;
}

void Robots::TakeGroupsOf(const std::string& token, const std::vector<Group>& groups) {
  auto take = [this](const Group& g) {
    rules_.insert(rules_.end(), g.rules.begin(), g.rules.end());
    if (g.delay && (!crawl_delay_ || *g.delay > *crawl_delay_)) crawl_delay_ = g.delay;
  };
  bool matched = false;
  for (const Group& g : groups) {
    for (const std::string& a : g.agents) {
      if (!token.empty() && a == token) {
        take(g);
        matched = true;
        break;
      }
    }
  }
  if (matched) return;
  for (const Group& g : groups) {
    for (const std::string& a : g.agents) {
      if (a == "*") {
        take(g);
        break;
      }
    }
  }
}

bool Robots::Allowed(const std::string& raw_path) const {
  const std::string path = NormalisePercent(raw_path.empty() ? "/" : raw_path);
  if (path == "/robots.txt") return true;
  if (disallow_all_) return false;
  size_t best_len = 0;
  bool best_allow = true;
  bool any = false;
  for (const Rule& r : rules_) {
    if (!RobotsPatternMatches(r.pattern, path)) continue;
    const size_t len = r.pattern.size();
    if (!any || len > best_len || (len == best_len && r.allow && !best_allow)) {
      best_len = len;
      best_allow = r.allow;
      any = true;
    }
  }
  return any ? best_allow : true;
}

}  // namespace newsfacts::fetch
