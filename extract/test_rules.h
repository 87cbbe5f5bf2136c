// Shared pieces of the extract/ tests: the shipped rule sets, loaded once per test
// binary, and the extractors run over one text. For *_test.cc files only: it uses
// doctest, and a rule file that does not load fails the test that asked for it.
// Not thread-safe (doctest runs tests one at a time).
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extract.h"

namespace newsfacts::test {

// rules/<file> as shipped, loaded on first use and kept for the binary's life.
inline const rules::RuleSet& ShippedRules(const std::string& file) {
  static auto* sets = new std::map<std::string, rules::RuleSet>;
  auto it = sets->find(file);
  if (it == sets->end()) {
    auto loaded = rules::RuleSet::Load(NEWSFACTS_SOURCE_DIR "/rules/" + file);
    REQUIRE_MESSAGE(loaded.ok(), loaded.status().ToString());
    it = sets->emplace(file, std::move(loaded).value()).first;
  }
  return it->second;
}

// rules/FILE as shipped with `from`, which it must hold once, replaced by `to`: for tests
// that change one word list or fragment and check that the output follows.
inline rules::RuleSet ShippedRulesWith(const std::string& file, const std::string& from,
                                       const std::string& to) {
  const std::string path = NEWSFACTS_SOURCE_DIR "/rules/" + file;
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string toml = buffer.str();
  const size_t at = toml.find(from);
  REQUIRE(at != std::string::npos);
  REQUIRE(toml.find(from, at + 1) == std::string::npos);
  toml.replace(at, from.size(), to);
  auto loaded = rules::RuleSet::FromText(toml, path);
  REQUIRE_MESSAGE(loaded.ok(), loaded.status().ToString());
  return std::move(loaded).value();
}

inline const rules::RuleSet& DateRules() { return ShippedRules("dates.toml"); }
inline const rules::RuleSet& QuantityRules() { return ShippedRules("quantities.toml"); }
inline const rules::RuleSet& OfficialRules() { return ShippedRules("officials.toml"); }
inline const rules::RuleSet& QuoteRules() { return ShippedRules("quotes.toml"); }

// The officials of text.
inline std::vector<Official> Officials(const std::string& text) {
  std::vector<Official> out;
  ExtractOfficials(text, OfficialRules(), &out);
  return out;
}

// The byte span of the n-th (0-based) occurrence of `what` in text.
inline Span At(const std::string& text, std::string_view what, int n = 0) {
  size_t pos = text.find(what);
  for (int i = 0; i < n && pos != std::string::npos; ++i) pos = text.find(what, pos + 1);
  REQUIRE(pos != std::string::npos);
  return {static_cast<int64_t>(pos), static_cast<int64_t>(pos + what.size())};
}

// Every quantity of text.
inline std::vector<Quantity> Quantities(const std::string& text) {
  std::vector<Quantity> out;
  ExtractQuantities(text, QuantityRules(), &out);
  return out;
}

// The one quantity of text (the test fails when there is not exactly one).
inline Quantity OneQuantity(const std::string& text) {
  std::vector<Quantity> qs = Quantities(text);
  INFO(text);
  REQUIRE(qs.size() == 1);
  return qs[0];
}

// Every date of text, resolved against the publication date ref (YYYY-MM-DD).
inline std::vector<DateFact> DatesAt(const std::string& text, const char* ref) {
  std::vector<DateFact> out;
  Context context;
  context.reference_date = ref;
  ExtractDates(text, DateRules(), context, &out);
  return out;
}

// Checks that text has exactly one date, with the given text, from and to.
inline void CheckOnlyDate(const std::string& text, const char* ref, const std::string& span,
                          const std::string& from, const std::string& to) {
  std::vector<DateFact> facts = DatesAt(text, ref);
  INFO(text << " @ " << std::string(ref));
  REQUIRE(facts.size() == 1);
  CHECK(facts[0].text == span);
  CHECK(facts[0].from == std::optional<std::string>(from));
  CHECK(facts[0].to == std::optional<std::string>(to));
}

// Checks that text has a date whose text is span (the last such), with from and to.
inline void CheckDate(const std::string& text, const char* ref, const std::string& span,
                      const std::string& from, const std::string& to) {
  std::vector<DateFact> facts = DatesAt(text, ref);
  INFO(text << " @ " << std::string(ref));
  const DateFact* found = nullptr;
  for (const DateFact& f : facts) {
    if (f.text == span) found = &f;
  }
  REQUIRE(found != nullptr);
  CHECK(found->from == std::optional<std::string>(from));
  CHECK(found->to == std::optional<std::string>(to));
}

// The quotes of text, after its officials, as the pipeline runs them.
inline std::vector<Quote> Quotes(const std::string& text) {
  std::vector<Official> officials;
  ExtractOfficials(text, OfficialRules(), &officials);
  std::vector<Quote> out;
  ExtractQuotes(text, QuoteRules(), officials, &out);
  return out;
}

}  // namespace newsfacts::test
