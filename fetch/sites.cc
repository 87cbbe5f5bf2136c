#include "fetch/sites.h"

#include <re2/re2.h>
#include <toml++/toml.h>

#include <fstream>
#include <set>
#include <sstream>

#include "url/url.h"

namespace newsfacts::fetch {
namespace {

std::string Where(const std::string& origin, const toml::source_region& src) {
  return origin + ":" + std::to_string(src.begin.line);
}

Status StringList(const toml::table& site, const char* key, const std::string& origin,
                  const std::string& name, std::vector<std::string>* out) {
  const toml::node* node = site.get(key);
  if (!node) return Status::Ok();
  const toml::array* arr = node->as_array();
  if (!arr) {
    return InvalidInput("site \"" + name + "\": " + key + " must be an array of strings",
                        Where(origin, node->source()));
  }
  for (const toml::node& item : *arr) {
    const auto* s = item.as_string();
    if (!s) {
      return InvalidInput("site \"" + name + "\": " + key + " must be an array of strings",
                          Where(origin, item.source()));
    }
    out->push_back(s->get());
  }
  return Status::Ok();
}

// The TOML document, whose only top-level key is the array of [[site]] tables.
Result<toml::table> ParseDocument(const std::string& text, const std::string& origin) {
  toml::table doc;
  try {
    doc = toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    return InvalidInput(std::string(e.description()),
                        origin + ":" + std::to_string(e.source().begin.line));
  } catch (const std::exception& e) {
    return InvalidInput(e.what(), origin);
  }
  for (const auto& [key, value] : doc) {
    if (key.str() != "site") {
      return InvalidInput("unknown key \"" + std::string(key.str()) + "\" (expected [[site]])",
                          Where(origin, value.source()));
    }
  }
  return doc;
}

Status CheckKeys(const toml::table& t, const std::string& origin, const std::string& name) {
  static const std::set<std::string> kKeys = {"name",   "start", "feeds",     "sitemaps",
                                              "follow", "skip",  "max_pages", "delay"};
  for (const auto& [key, value] : t) {
    if (!kKeys.count(std::string(key.str()))) {
      return InvalidInput("site \"" + name + "\": unknown key \"" + std::string(key.str()) + "\"",
                          Where(origin, value.source()));
    }
  }
  return Status::Ok();
}

// The URL lists and patterns: at least one URL to start from, every URL one ParseUrl takes,
// every pattern compiled.
Status ReadLists(const toml::table& t, const std::string& origin, const std::string& where,
                 Site* site) {
  for (auto [key, list] : {std::pair{"start", &site->start}, std::pair{"feeds", &site->feeds},
                           std::pair{"sitemaps", &site->sitemaps},
                           std::pair{"follow", &site->follow}, std::pair{"skip", &site->skip}}) {
    if (Status s = StringList(t, key, origin, site->name, list); !s.ok()) return s;
  }
  if (site->start.empty() && site->feeds.empty() && site->sitemaps.empty()) {
    return InvalidInput("site \"" + site->name + "\" needs start, feeds or sitemaps", where);
  }
  for (const auto* list : {&site->start, &site->feeds, &site->sitemaps}) {
    for (const std::string& url : *list) {
      if (auto p = ParseUrl(url); !p.ok()) {
        return InvalidInput("site \"" + site->name + "\": " + p.status().ToString(), where);
      }
    }
  }
  for (auto [patterns, compiled] :
       {std::pair{&site->follow, &site->follow_re}, std::pair{&site->skip, &site->skip_re}}) {
    for (const std::string& p : *patterns) {
      RE2::Options options;
      options.set_log_errors(false);
      auto re = std::make_shared<const RE2>(p, options);
      if (!re->ok()) {
        return InvalidInput("site \"" + site->name + "\": bad pattern '" + p + "': " + re->error(),
                            where);
      }
      compiled->push_back(std::move(re));
    }
  }
  return Status::Ok();
}

Status ReadLimits(const toml::table& t, const std::string& origin, Site* site) {
  if (const toml::node* n = t.get("max_pages")) {
    const auto* v = n->as_integer();
    if (!v || v->get() < 0 || v->get() > 10000000) {
      return InvalidInput("site \"" + site->name + "\": max_pages must be a whole number >= 0",
                          Where(origin, n->source()));
    }
    site->max_pages = static_cast<int>(v->get());
  }
  if (const toml::node* n = t.get("delay")) {
    std::optional<double> d = n->value<double>();
    if (!d || *d < 0 || *d > 3600) {
      return InvalidInput("site \"" + site->name + "\": delay must be seconds between 0 and 3600",
                          Where(origin, n->source()));
    }
    site->delay = *d;
  }
  return Status::Ok();
}

// One [[site]] table; names holds the names of the sites before it.
Result<Site> ReadSite(const toml::node& node, const std::string& origin,
                      std::set<std::string>* names) {
  const toml::table* t = node.as_table();
  const std::string where = Where(origin, node.source());
  if (!t) return InvalidInput("[[site]] must be a table", where);
  Site site;
  const auto* name = t->get_as<std::string>("name");
  if (!name || name->get().empty()) return InvalidInput("site without a name", where);
  site.name = name->get();
  if (!names->insert(site.name).second) {
    return InvalidInput("two sites named \"" + site.name + "\"", where);
  }
  if (Status s = CheckKeys(*t, origin, site.name); !s.ok()) return s;
  if (Status s = ReadLists(*t, origin, where, &site); !s.ok()) return s;
  if (Status s = ReadLimits(*t, origin, &site); !s.ok()) return s;
  return site;
}

}  // namespace

bool Site::Wanted(const std::string& url) const {
  for (const auto& re : skip_re) {
    if (RE2::PartialMatch(url, *re)) return false;
  }
  if (follow_re.empty()) return true;
  for (const auto& re : follow_re) {
    if (RE2::PartialMatch(url, *re)) return true;
  }
  return false;
}

Result<std::vector<Site>> ParseSites(const std::string& text, const std::string& origin) {
  auto doc = ParseDocument(text, origin);
  if (!doc.ok()) return doc.status();
  const toml::array* sites = (*doc)["site"].as_array();
  if (!sites || sites->empty()) return InvalidInput("no [[site]] tables", origin);
  std::vector<Site> out;
  std::set<std::string> names;
  for (const toml::node& node : *sites) {
    auto site = ReadSite(node, origin, &names);
    if (!site.ok()) return site.status();
    out.push_back(std::move(*site));
  }
  return out;
}

Result<std::vector<Site>> LoadSites(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot read sites file", path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseSites(ss.str(), path);
}

}  // namespace newsfacts::fetch
