// Sentences with the facts the extractors must give for them, checked through the real
// extractors (ExtractAll), not only the rule's captures:
//   - a rule example's `expect` table (rules/*.toml, docs/rules.md): the fact the example's
//     match gives, with the example's reference date;
//   - the cases of a cases file (rules/examples/<set>.toml): a text, a reference date and
//     the facts of one extractor it must give (all of them with `only = true`).
// A fact is compared field by field, by the names and values of its JSON object
// (docs/schema.md; numbers compared as numbers, null as ""): only the fields a case names.
//
// Thread safety: the functions hold no state; a RuleBook is shared read-only.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/status.h"
#include "extract/extract.h"

namespace newsfacts {

struct FactCase {
  std::string where;  // "file:line" of the case, for messages
  std::string set;    // "quantities", "dates", "officials" or "quotes"
  std::string text;
  std::string reference;  // YYYY-MM-DD or ""
  // The expected facts, each by field; its "text" (officials: "name") finds the fact, the
  // last one with that text.
  std::vector<std::map<std::string, std::string>> facts;
  bool only = false;  // the extractor gives these facts and no others
};

// The cases of a cases file: a [cases] table naming the set, then [[case]] tables with
// `text`, optional `reference`, `only` and `facts` (an array of tables of fields). An
// unknown key or a field the set's facts do not have is kInvalidRule at "file:line".
Result<std::vector<FactCase>> LoadFactCases(const std::string& path);

// The cases of the examples of set's rules that have an `expect` table (none for a set no
// extractor reads); an expected field the set's facts do not have is kInvalidRule.
Result<std::vector<FactCase>> ExampleFactCases(const rules::RuleSet& set);

// Runs each case through the extractors of book (which must hold the case's set, and the
// officials set for quotes); one message per case that fails, "file:line: ...".
std::vector<std::string> RunFactCases(const RuleBook& book, const std::vector<FactCase>& cases);

}  // namespace newsfacts
