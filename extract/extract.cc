#include "extract/extract.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace newsfacts {

Result<RuleBook> RuleBook::Load(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return InvalidRule("not a rule directory", dir);
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  }
  if (ec) return IoError(ec.message(), dir);
  std::sort(files.begin(), files.end());

  RuleBook book;
  std::map<std::string, std::string> rule_origin;  // rule id -> file, across sets
  for (const fs::path& file : files) {
    auto set = rules::RuleSet::Load(file.string());
    if (!set.ok()) return set.status();
    if (book.sets_.count(set->id())) {
      return InvalidRule(
          "rule set id " + set->id() + " is also used by " + book.sets_.at(set->id())->origin(),
          file.string());
    }
    for (const rules::Rule& rule : set->rules()) {
      auto [it, fresh] = rule_origin.emplace(rule.id, file.string());
      if (!fresh) {
        return InvalidRule("rule " + rule.id + ": id also used in " + it->second,
                           file.string() + ":" + std::to_string(rule.line));
      }
    }
    std::string id = set->id();
    book.sets_.emplace(id, std::make_unique<rules::RuleSet>(std::move(set).value()));
  }
  for (const char* needed : {"quantities", "dates", "officials", "quotes"}) {
    if (!book.sets_.count(needed)) {
      return InvalidRule(std::string("no rule set with id \"") + needed + "\"", dir);
    }
  }
  return book;
}

std::map<std::string, int> RuleBook::versions() const {
  std::map<std::string, int> out;
  for (const auto& [id, set] : sets_) out[id] = set->version();
  return out;
}

void ExtractAll(const RuleBook& book, const Context& context, Article* article) {
  article->quantities.clear();
  article->dates.clear();
  article->officials.clear();
  article->quotes.clear();
  ExtractQuantities(article->text, book.quantities(), &article->quantities);
  ExtractDates(article->text, book.dates(), context, &article->dates);
  ExtractOfficials(article->text, book.officials(), &article->officials);
  ExtractQuotes(article->text, book.quotes(), article->officials, &article->quotes);
}

}  // namespace newsfacts
