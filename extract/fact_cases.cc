#include "extract/fact_cases.h"

#include <toml++/toml.h>

#include <charconv>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string_view>

#include "extract/toml_scalar.h"

namespace newsfacts {
namespace {

const std::set<std::string, std::less<>>& SetIds() {
  static const auto* ids =
      new std::set<std::string, std::less<>>{"quantities", "dates", "officials", "quotes"};
  return *ids;
}

// The field that finds a set's fact in the extractor's output.
std::string KeyField(std::string_view set) { return set == "officials" ? "name" : "text"; }

// The fields of a set's JSON objects (docs/schema.md), from an empty fact of that set.
std::set<std::string> FieldNames(std::string_view set) {
  Article article;
  if (set == "quantities") article.quantities.emplace_back();
  if (set == "dates") article.dates.emplace_back();
  if (set == "officials") article.officials.emplace_back();
  if (set == "quotes") article.quotes.emplace_back();
  std::set<std::string> names;
  const nlohmann::ordered_json json = ToJson(article);
  for (const auto& [key, value] : json[std::string(set)][0].items()) names.insert(key);
  return names;
}

std::string AsString(const nlohmann::ordered_json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

std::optional<double> AsNumber(std::string_view text) {
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

bool SameValue(const std::string& have, const std::string& want) {
  if (have == want) return true;
  auto a = AsNumber(have);
  auto b = AsNumber(want);
  return a && b && *a == *b;
}

int LineOf(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

Status CaseError(const std::string& path, int line, const std::string& message) {
  return InvalidRule(message, path + ":" + std::to_string(line));
}

Result<FactCase> ReadCase(const std::string& path, const std::string& set,
                          const std::set<std::string>& fields, const toml::table& t) {
  FactCase c;
  c.set = set;
  c.where = path + ":" + std::to_string(LineOf(t));
  for (auto&& [key, value] : t) {
    static const std::set<std::string_view> kKnown = {"text", "reference", "only", "facts"};
    if (!kKnown.count(key.str())) {
      return CaseError(path, LineOf(value), "unknown key '" + std::string(key.str()) + "'");
    }
  }
  auto text = t["text"].value<std::string>();
  if (!text) return CaseError(path, LineOf(t), "a case needs a text");
  c.text = *text;
  c.reference = t["reference"].value_or(std::string());
  c.only = t["only"].value_or(false);
  if (const toml::array* facts = t["facts"].as_array()) {
    for (const toml::node& node : *facts) {
      const toml::table* ft = node.as_table();
      if (ft == nullptr) return CaseError(path, LineOf(node), "facts must be tables");
      std::map<std::string, std::string> fact;
      for (auto&& [key, value] : *ft) {
        const std::string name(key.str());
        if (!fields.count(name)) {
          return CaseError(path, LineOf(value), "a " + set + " fact has no field '" + name + "'");
        }
        auto v = rules::ScalarString(value);
        if (!v) return CaseError(path, LineOf(value), "fact fields must be scalars");
        fact[name] = *v;
      }
      if (!fact.count(KeyField(set))) {
        return CaseError(path, LineOf(node), "a fact needs its " + KeyField(set));
      }
      c.facts.push_back(std::move(fact));
    }
  }
  if (c.facts.empty() && !c.only) {
    return CaseError(path, LineOf(t), "a case needs facts, or only = true for none");
  }
  return c;
}

// What is wrong with the facts of c in `found` (the JSON objects of its set); "" when
// nothing is.
std::string Compare(const FactCase& c, const nlohmann::ordered_json& found) {
  std::ostringstream problem;
  const std::string key = KeyField(c.set);
  for (const auto& want : c.facts) {
    const nlohmann::ordered_json* have = nullptr;
    for (const auto& f : found) {
      if (AsString(f[key]) == want.at(key)) have = &f;
    }
    if (have == nullptr) {
      problem << " no " << c.set << " fact '" << want.at(key) << "';";
      continue;
    }
    for (const auto& [name, value] : want) {
      const std::string got = AsString((*have)[name]);
      if (!SameValue(got, value)) {
        problem << " '" << want.at(key) << "': " << name << " is '" << got << "', expected '"
                << value << "';";
      }
    }
  }
  if (c.only && found.size() != c.facts.size()) {
    problem << " " << found.size() << " " << c.set << " facts, expected " << c.facts.size() << " (";
    for (size_t i = 0; i < found.size(); ++i) {
      problem << (i ? ", '" : "'") << AsString(found[i][key]) << "'";
    }
    problem << ");";
  }
  std::string out = problem.str();
  if (!out.empty() && out.back() == ';') out.pop_back();
  return out;
}

}  // namespace

Result<std::vector<FactCase>> LoadFactCases(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot open cases file", path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return IoError("cannot read cases file", path);
  toml::table root;
  try {
    root = toml::parse(text.str(), path);
  } catch (const toml::parse_error& e) {
    return CaseError(path, static_cast<int>(e.source().begin.line), std::string(e.description()));
  }
  for (auto&& [key, value] : root) {
    if (key.str() != "cases" && key.str() != "case") {
      return CaseError(path, LineOf(value), "unknown key '" + std::string(key.str()) + "'");
    }
  }
  auto set = root["cases"]["set"].value<std::string>();
  if (!set || !SetIds().count(*set)) {
    return CaseError(path, 1, "[cases] must name the set: quantities, dates, officials or quotes");
  }
  const std::set<std::string> fields = FieldNames(*set);
  std::vector<FactCase> cases;
  if (const toml::array* list = root["case"].as_array()) {
    for (const toml::node& node : *list) {
      const toml::table* t = node.as_table();
      if (t == nullptr) return CaseError(path, LineOf(node), "[[case]] must be a table");
      auto c = ReadCase(path, *set, fields, *t);
      if (!c.ok()) return c.status();
      cases.push_back(std::move(*c));
    }
  }
  return cases;
}

Result<std::vector<FactCase>> ExampleFactCases(const rules::RuleSet& set) {
  std::vector<FactCase> cases;
  if (!SetIds().count(set.id())) return cases;
  const std::string key = KeyField(set.id());
  const std::set<std::string> fields = FieldNames(set.id());
  for (const rules::Rule& rule : set.rules()) {
    for (const rules::Example& ex : rule.examples) {
      if (ex.expect.empty()) continue;
      for (const auto& [name, value] : ex.expect) {
        if (!fields.count(name)) {
          return CaseError(
              set.origin(), ex.expect_line,
              "rule " + rule.id + ": a " + set.id() + " fact has no field '" + name + "'");
        }
      }
      FactCase c;
      c.where = set.origin() + ":" + std::to_string(ex.line);
      c.set = set.id();
      c.text = ex.text;
      c.reference = ex.reference_date;
      auto fact = ex.expect;
      if (!fact.count(key)) fact[key] = ex.match;
      c.facts.push_back(std::move(fact));
      cases.push_back(std::move(c));
    }
  }
  return cases;
}

std::vector<std::string> RunFactCases(const RuleBook& book, const std::vector<FactCase>& cases) {
  std::vector<std::string> failures;
  for (const FactCase& c : cases) {
    Article article;
    article.text = c.text;
    Context context;
    if (!c.reference.empty()) context.reference_date = c.reference;
    ExtractAll(book, context, &article);
    const nlohmann::ordered_json json = ToJson(article);
    const std::string problem = Compare(c, json[c.set]);
    if (!problem.empty()) failures.push_back(c.where + ": \"" + c.text + "\":" + problem);
  }
  return failures;
}

}  // namespace newsfacts
