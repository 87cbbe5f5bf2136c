#include "fetch/feeds.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "common/ascii.h"
#include "common/utf8.h"
#include "fetch/http.h"
#include "url/url.h"

namespace newsfacts::fetch {
namespace {

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == ':' || c == '_' || c == '-' ||
         c == '.' || static_cast<unsigned char>(c) >= 0x80;
}

// Parses attributes in s (the inside of a tag after its name), tolerant of missing
// quotes and of attributes without values.
std::vector<std::pair<std::string, std::string>> ParseAttributes(std::string_view s) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (std::isspace(static_cast<unsigned char>(s[i])) || s[i] == '/')) ++i;
    const size_t name_start = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i])) && s[i] != '=' &&
           s[i] != '/') {
      ++i;
    }
    if (i == name_start) {
      ++i;
      continue;
    }
    std::string name = Lower(s.substr(name_start, i - name_start));
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    std::string value;
    if (i < s.size() && s[i] == '=') {
      ++i;
      while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
      if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
        const char quote = s[i++];
        const size_t end = s.find(quote, i);
        const size_t stop = end == std::string_view::npos ? s.size() : end;
        value = DecodeXmlEntities(s.substr(i, stop - i));
        i = stop + 1;
      } else {
        const size_t start = i;
        while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
        value = DecodeXmlEntities(s.substr(start, i - start));
      }
    }
    if (out.size() < 64) out.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

std::string Attribute(const XmlTokenizer::Token& t, const std::string& name) {
  for (const auto& [k, v] : t.attributes) {
    if (k == name) return v;
  }
  return "";
}

std::string LocalName(const std::string& qname) {
  const size_t colon = qname.rfind(':');
  return colon == std::string::npos ? qname : qname.substr(colon + 1);
}
std::string Prefix(const std::string& qname) {
  const size_t colon = qname.rfind(':');
  return colon == std::string::npos ? "" : qname.substr(0, colon);
}

// Adds entry when its URL resolves to http(s).
void Emit(DiscoveredEntry entry, const std::string& base, const DiscoveryLimits& limits,
          Discovery* out) {
  if (out->entries.size() >= limits.max_entries) return;
  if (entry.url.empty()) return;
  auto abs = ResolveUrl(base, entry.url);
  if (!abs.ok()) return;
  entry.url = *abs;
  out->entries.push_back(std::move(entry));
}

Result<Discovery> ParseJsonFeed(std::string_view body, const std::string& base,
                                const DiscoveryLimits& limits) {
  const auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return InvalidInput("invalid JSON Feed: not JSON");
  const auto version = json.find("version");
  if (version == json.end() || !version->is_string() ||
      version->get<std::string>().find("jsonfeed.org") == std::string::npos) {
    return InvalidInput("invalid JSON Feed: no jsonfeed.org version");
  }
  const auto items = json.find("items");
  if (items == json.end() || !items->is_array()) return InvalidInput("invalid JSON Feed: no items");
  Discovery d;
  d.kind = DiscoveryKind::kFeed;
  d.format = "jsonfeed";
  auto str = [](const nlohmann::json& o, const char* key) -> std::string {
    const auto it = o.find(key);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  for (const auto& item : *items) {
    if (!item.is_object()) continue;
    DiscoveredEntry e;
    e.url = str(item, "url");
    if (e.url.empty()) e.url = str(item, "external_url");
    e.title = str(item, "title");
    e.published = str(item, "date_published");
    e.lastmod = str(item, "date_modified");
    Emit(std::move(e), base, limits, &d);
  }
  return d;
}

}  // namespace

std::string DecodeXmlEntities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const size_t semi = s.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 12) {
      out += '&';
      continue;
    }
    const std::string_view name = s.substr(i + 1, semi - i - 1);
    if (name == "amp") {
      out += '&';
    } else if (name == "lt") {
      out += '<';
    } else if (name == "gt") {
      out += '>';
    } else if (name == "quot") {
      out += '"';
    } else if (name == "apos") {
      out += '\'';
    } else if (name.size() >= 2 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      const std::string digits(name.substr(hex ? 2 : 1));
      if (digits.empty() || digits.size() > 8 ||
          !std::all_of(digits.begin(), digits.end(), [hex](char c) {
            return hex ? std::isxdigit(static_cast<unsigned char>(c)) != 0
                       : std::isdigit(static_cast<unsigned char>(c)) != 0;
          })) {
        out += '&';
        continue;
      }
      const auto cp = static_cast<char32_t>(std::stoul(digits, nullptr, hex ? 16 : 10));
      AppendUtf8(cp == 0 ? kReplacementCharacter : cp, &out);  // &#0; is no character
    } else {
      out += '&';
      continue;
    }
    i = semi;
  }
  return out;
}

XmlTokenizer::Token XmlTokenizer::Next() {
  Token t;
  while (pos_ < doc_.size()) {
    if (doc_[pos_] != '<') {
      const size_t end = std::min(doc_.find('<', pos_), doc_.size());
      t.type = Type::kText;
      t.text = DecodeXmlEntities(doc_.substr(pos_, end - pos_));
      pos_ = end;
      return t;
    }
    const std::string_view rest = doc_.substr(pos_);
    if (rest.substr(0, 9) == "<![CDATA[") {
      const size_t start = pos_ + 9;
      if (!SkipTo("]]>", "CDATA section", &t)) return t;
      t.type = Type::kText;
      t.text = std::string(doc_.substr(start, pos_ - 3 - start));
      return t;
    }
    if (rest.substr(0, 2) == "<?" || rest.substr(0, 2) == "<!") {
      if (!SkipMarkup(&t)) return t;
      continue;
    }
    ReadTag(&t);
    return t;
  }
  t.type = Type::kEndOfInput;
  return t;
}

bool XmlTokenizer::SkipTo(std::string_view terminator, const char* what, Token* t) {
  const size_t end = doc_.find(terminator, pos_);
  if (end == std::string_view::npos) {
    t->type = Type::kError;
    t->text = std::string("unterminated ") + what + " at byte " + std::to_string(pos_);
    pos_ = doc_.size();
    return false;
  }
  pos_ = end + terminator.size();
  return true;
}

bool XmlTokenizer::SkipMarkup(Token* t) {
  const std::string_view rest = doc_.substr(pos_);
  if (rest.substr(0, 4) == "<!--") return SkipTo("-->", "comment", t);
  if (rest.substr(0, 2) == "<?") return SkipTo("?>", "processing instruction", t);
  // DOCTYPE, possibly with an internal subset in [...]; its entities are ignored.
  const size_t bracket = doc_.find('[', pos_);
  const size_t close = doc_.find('>', pos_);
  if (bracket != std::string_view::npos && close != std::string_view::npos && bracket < close) {
    return SkipTo("]>", "DOCTYPE", t);
  }
  return SkipTo(">", "declaration", t);
}

void XmlTokenizer::ReadTag(Token* t) {
  // '>' inside a quoted attribute value does not end the tag.
  size_t i = pos_ + 1;
  char quote = 0;
  while (i < doc_.size()) {
    const char c = doc_[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      break;
    }
    ++i;
  }
  if (i >= doc_.size()) {
    t->type = Type::kError;
    t->text = "unterminated tag at byte " + std::to_string(pos_);
    pos_ = doc_.size();
    return;
  }
  std::string_view inside = doc_.substr(pos_ + 1, i - pos_ - 1);
  pos_ = i + 1;
  const bool end_tag = !inside.empty() && inside[0] == '/';
  if (end_tag) inside.remove_prefix(1);
  size_t n = 0;
  while (n < inside.size() && IsNameChar(inside[n])) ++n;
  if (n == 0) {
    t->type = Type::kError;
    t->text = "malformed tag at byte " + std::to_string(i);
    return;
  }
  t->name = Lower(inside.substr(0, n));
  if (end_tag) {
    t->type = Type::kEnd;
    return;
  }
  t->type = Type::kStart;
  std::string_view attrs = inside.substr(n);
  if (!attrs.empty() && attrs.back() == '/') {
    t->self_closing = true;
    attrs.remove_suffix(1);
  }
  t->attributes = ParseAttributes(attrs);
}

namespace {

// One feed or sitemap read element by element: the root names its format, each entry
// element (an RSS item, an Atom entry, a sitemap url) collects its fields until it closes.
class DiscoveryReader {
 public:
  DiscoveryReader(const std::string& base, const DiscoveryLimits& limits)
      : base_(base), limits_(limits) {}

  Result<Discovery> Read(std::string_view body) {
    XmlTokenizer tok(body);
    for (;;) {
      XmlTokenizer::Token t = tok.Next();
      if (t.type == XmlTokenizer::Type::kError) return InvalidInput("malformed XML: " + t.text);
      if (t.type == XmlTokenizer::Type::kEndOfInput) break;
      if (t.type == XmlTokenizer::Type::kText) {
        if (text_.size() < (1u << 16)) text_ += t.text;
        continue;
      }
      const std::string local = LocalName(t.name);
      const std::string prefix = Prefix(t.name);
      if (t.type == XmlTokenizer::Type::kStart) {
        if (Status s = Start(t, local, prefix); !s.ok()) return s;
      } else {
        End(t, local, prefix);
      }
    }
    if (root_.empty()) return InvalidInput("not a feed or sitemap: no XML element");
    if (!stack_.empty()) {
      return InvalidInput("malformed XML: <" + stack_.back() + "> is never closed");
    }
    return std::move(d_);
  }

 private:
  Status Root(const XmlTokenizer::Token& t, const std::string& local) {
    root_ = local;
    if (root_ == "rss") {
      d_.format = "rss";
    } else if (root_ == "rdf") {
      d_.format = "rdf";
    } else if (root_ == "feed") {
      d_.format = "atom";
    } else if (root_ == "urlset") {
      d_.format = "sitemap";
      d_.kind = DiscoveryKind::kSitemap;
    } else if (root_ == "sitemapindex") {
      d_.format = "sitemapindex";
      d_.kind = DiscoveryKind::kSitemapIndex;
    } else {
      return InvalidInput("not a feed or sitemap: root element <" + t.name + ">");
    }
    return Status::Ok();
  }

  Status Start(const XmlTokenizer::Token& t, const std::string& local, const std::string& prefix) {
    if (root_.empty()) {
      if (Status s = Root(t, local); !s.ok()) return s;
    }
    text_.clear();
    const std::string& format = d_.format;
    const bool entry_start =
        (local == "item" && (format == "rss" || format == "rdf") && prefix.empty()) ||
        (local == "entry" && format == "atom") ||
        (local == "url" && format == "sitemap" && prefix.empty()) ||
        (local == "sitemap" && format == "sitemapindex" && prefix.empty());
    if (entry_start) {
      in_entry_ = true;
      entry_ = DiscoveredEntry();
      entry_guid_.clear();
      if (format == "rdf") entry_.url = Attribute(t, "rdf:about");
    }
    if (in_entry_ && format == "atom" && local == "link" && (prefix.empty() || prefix == "atom")) {
      const std::string rel = Lower(Attribute(t, "rel"));
      if ((rel.empty() || rel == "alternate") && entry_.url.empty()) {
        entry_.url = Attribute(t, "href");
      }
    }
    if (!t.self_closing) {
      if (stack_.size() >= limits_.max_depth) {
        return InvalidInput("elements nested deeper than " + std::to_string(limits_.max_depth));
      }
      stack_.push_back(t.name);
    }
    return Status::Ok();
  }

  // An end tag: close up to the matching open element; a stray end tag is ignored.
  void End(const XmlTokenizer::Token& t, const std::string& local, const std::string& prefix) {
    auto it = std::find(stack_.rbegin(), stack_.rend(), t.name);
    if (it == stack_.rend()) return;
    stack_.erase(std::next(it).base(), stack_.end());
    const std::string value = Trim(text_);
    text_.clear();
    if (!in_entry_) return;
    const bool plain = prefix.empty() || (d_.format == "atom" && prefix == "atom");
    if (d_.format == "rss" || d_.format == "rdf") {
      if (plain && local == "link" && !value.empty()) entry_.url = value;
      if (plain && local == "guid") entry_guid_ = value;
      if (plain && local == "title") entry_.title = value;
      if (plain && local == "pubdate") entry_.published = value;
      if (t.name == "dc:date" && entry_.published.empty()) entry_.published = value;
      if (plain && local == "item") {
        if (entry_.url.empty() && entry_guid_.rfind("http", 0) == 0) entry_.url = entry_guid_;
        CloseEntry();
      }
    } else if (d_.format == "atom") {
      if (plain && local == "title") entry_.title = value;
      if (plain && local == "published") entry_.published = value;
      if (plain && local == "updated") entry_.lastmod = value;
      if (plain && local == "entry") CloseEntry();
    } else if (d_.format == "sitemap") {
      if (plain && local == "loc") entry_.url = value;
      if (plain && local == "lastmod") entry_.lastmod = value;
      if (local == "publication_date") entry_.published = value;
      if (prefix == "news" && local == "title") entry_.title = value;
      if (plain && local == "url") CloseEntry();
    } else if (d_.format == "sitemapindex") {
      if (plain && local == "loc") entry_.url = value;
      if (plain && local == "sitemap") {
        auto abs = ResolveUrl(base_, entry_.url);
        if (abs.ok() && d_.sitemaps.size() < limits_.max_entries) d_.sitemaps.push_back(*abs);
        in_entry_ = false;
      }
    }
  }

  void CloseEntry() {
    Emit(std::move(entry_), base_, limits_, &d_);
    in_entry_ = false;
  }

  const std::string& base_;
  const DiscoveryLimits& limits_;
  Discovery d_;
  std::vector<std::string> stack_;
  std::string root_;
  bool in_entry_ = false;
  DiscoveredEntry entry_;
  std::string entry_guid_;  // RSS guid that is a permalink
  std::string text_;        // text of the innermost element so far
};

}  // namespace

Result<Discovery> ParseDiscovery(std::string_view raw, const std::string& base,
                                 const DiscoveryLimits& limits) {
  std::string inflated;
  // A gzipped sitemap (sitemap.xml.gz) arrives without Content-Encoding.
  if (raw.size() >= 2 && static_cast<unsigned char>(raw[0]) == 0x1f &&
      static_cast<unsigned char>(raw[1]) == 0x8b) {
    auto d = DecodeBody(std::string(raw), "gzip", limits.max_decoded_bytes);
    if (!d.ok()) return InvalidInput("gzipped document: " + d.status().message());
    inflated = std::move(d).value();
    raw = inflated;
  }
  std::string_view body = raw;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  size_t first = 0;
  while (first < body.size() && std::isspace(static_cast<unsigned char>(body[first]))) ++first;
  if (first < body.size() && (body[first] == '{' || body[first] == '[')) {
    return ParseJsonFeed(body, base, limits);
  }
  return DiscoveryReader(base, limits).Read(body);
}

std::vector<std::string> FindFeedLinks(std::string_view html, const std::string& base) {
  std::vector<std::string> out;
  size_t pos = 0;
  const std::string lower = Lower(html.substr(0, std::min<size_t>(html.size(), 4u << 20)));
  while ((pos = lower.find("<link", pos)) != std::string::npos) {
    const size_t end = lower.find('>', pos);
    if (end == std::string::npos) break;
    const auto attrs = ParseAttributes(std::string_view(html).substr(pos + 5, end - pos - 5));
    pos = end + 1;
    std::string rel, type, href;
    for (const auto& [k, v] : attrs) {
      if (k == "rel") rel = Lower(v);
      if (k == "type") type = Lower(Trim(v));
      if (k == "href") href = v;
    }
    bool alternate = false;
    size_t s = 0;
    while (s < rel.size()) {
      size_t e = rel.find(' ', s);
      if (e == std::string::npos) e = rel.size();
      if (rel.substr(s, e - s) == "alternate") alternate = true;
      s = e + 1;
    }
    if (!alternate || href.empty()) continue;
    if (type != "application/rss+xml" && type != "application/atom+xml" &&
        type != "application/feed+json" && type != "application/json") {
      continue;
    }
    auto abs = ResolveUrl(base, href);
    if (abs.ok() && std::find(out.begin(), out.end(), *abs) == out.end()) out.push_back(*abs);
  }
  return out;
}

}  // namespace newsfacts::fetch
