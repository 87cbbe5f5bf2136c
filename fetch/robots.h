// robots.txt per RFC 9309.
//
// Parse() reads the file into groups of rules. A group starts with one or more
// `user-agent` lines and holds the `allow`/`disallow` lines after them; groups naming
// the same agent are merged. For a given product token the group whose user-agent
// matches it (case-insensitive, the token being the product name up to the first "/"
// or space) applies, else the `*` group, else nothing (all allowed).
//
// Matching: the rule with the longest matching path pattern wins; on a tie `allow`
// wins. Patterns may use `*` (any run of characters) and a final `$` (end of the path).
// Paths are compared after percent-encoding case is normalised. "/robots.txt" is always
// allowed. An empty `disallow` line means nothing.
//
// Beyond RFC 9309, Crawl-delay (seconds, from the applying group) and Sitemap lines
// (anywhere in the file) are read.
//
// Unavailable files (RFC 9309 2.3.1): a 4xx status means "allow everything"; a 5xx
// status or an unreachable server means "disallow everything" (Robots::DisallowAll()).
//
// Limits: the first 500 KiB of the file are parsed (RFC 9309 asks for at least 500 KiB).
//
// Thread safety: a Robots is immutable after Parse(); share it freely.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace newsfacts::fetch {

class Robots {
 public:
  // Parses body for the crawler whose product token is `agent` (e.g. "newsfacts").
  static Robots Parse(const std::string& body, const std::string& agent);
  static Robots AllowAll() { return Robots(); }
  static Robots DisallowAll();

  // Whether path_and_query ("/a/b?c=d") may be fetched.
  bool Allowed(const std::string& path_and_query) const;

  // Crawl-delay of the applying group, in seconds, or nullopt.
  std::optional<double> crawl_delay() const { return crawl_delay_; }
  // Absolute URLs of every Sitemap line, in file order.
  const std::vector<std::string>& sitemaps() const { return sitemaps_; }

 private:
  struct Rule {
    bool allow = false;
    std::string pattern;
  };
  struct Group;  // the lines after a run of user-agent lines (robots.cc)

  // Reads body's lines into groups, in file order, and its Sitemap lines into sitemaps_.
  std::vector<Group> ReadGroups(const std::string& body);
  // Takes the rules and Crawl-delay of the groups naming token, else of the `*` groups.
  void TakeGroupsOf(const std::string& token, const std::vector<Group>& groups);
  std::vector<Rule> rules_;
  std::optional<double> crawl_delay_;
  std::vector<std::string> sitemaps_;
  bool disallow_all_ = false;
};

// Whether robots pattern (with * and a final $) matches path from its start.
bool RobotsPatternMatches(const std::string& pattern, const std::string& path);

}  // namespace newsfacts::fetch
