// The emit contract: the shipped rule sets keep it, and each way of breaking it is an
// error naming the file, the line of the value, the rule and the key.
#include "extract/emit_keys.h"

#include <doctest/doctest.h>

#include <string>

namespace newsfacts {
namespace {

// A one-rule set with the given id and emit table (the table on line 8).
Status Check(const std::string& set_id, const std::string& emit,
             const std::string& fields = "\"day\"") {
  const std::string text = "[ruleset]\nid = \"" + set_id +
                           "\"\nversion = 1\n[[rule]]\nid = \"t.one\"\n"
                           "pattern = '(?P<day>\\d+) days'\nfields = [" +
                           fields + "]\nemit = { " + emit +
                           " }\n  [[rule.example]]\n  text = \"3 days\"\n  match = \"3 days\"\n";
  auto set = rules::RuleSet::FromText(text, "t.toml");
  REQUIRE_MESSAGE(set.ok(), set.status().ToString());
  return CheckEmits(*set);
}

TEST_CASE("the shipped rule sets keep the emit contract") {
  for (const char* file : {"quantities.toml", "dates.toml", "officials.toml", "quotes.toml"}) {
    auto set = rules::RuleSet::Load(std::string(NEWSFACTS_SOURCE_DIR "/rules/") + file);
    REQUIRE_MESSAGE(set.ok(), set.status().ToString());
    CHECK_MESSAGE(CheckEmits(*set).ok(), CheckEmits(*set).ToString());
    CHECK(EmitKeysOf(set->id()) != nullptr);
  }
}

TEST_CASE("a misspelled key, a string for a boolean, an unknown value are errors") {
  CHECK(Check("dates", "form = \"duration\", kind = \"duration\", part_only = true").ok());

  Status s = Check("dates", "kind = \"duration\", part_onyl = true");
  CHECK(s.code() == StatusCode::kInvalidRule);
  CHECK(s.where() == "t.toml:8");
  CHECK(s.message().find("rule t.one: emit part_onyl: the dates extractor reads no such key") !=
        std::string::npos);
  CHECK(s.message().find("\"part_only\"") != std::string::npos);  // lists what it reads

  s = Check("dates", "part_only = \"yes\"");
  CHECK(s.message().find("emit part_only: must be true or false") != std::string::npos);
  s = Check("dates", "part_only = \"true\"");
  CHECK(s.message().find("must be true or false") != std::string::npos);

  s = Check("dates", "kind = \"dates\"");
  CHECK(s.message().find("emit kind: must be one of \"date\", \"relative\"") != std::string::npos);
  s = Check("dates", "kind = true");
  CHECK(s.message().find("emit kind: must be one of") != std::string::npos);

  CHECK(Check("dates", "form = \"length_from\", length_days = 7").ok());
  s = Check("dates", "length_days = \"7\"");
  CHECK(s.message().find("emit length_days: must be an integer") != std::string::npos);

  // span names one of the rule's fields in the dates set, and is "match" in quantities.
  CHECK(Check("dates", "form = \"day\", span = \"day\"").ok());
  s = Check("dates", "span = \"month\"");
  CHECK(s.message().find("emit span: must name one of the rule's fields") != std::string::npos);
  CHECK(Check("quantities", "span = \"match\"").ok());
  CHECK_FALSE(Check("quantities", "span = \"day\"").ok());

  // Every dates rule names its form, one the extractor has a handler for.
  s = Check("dates", "kind = \"duration\"");
  CHECK(s.where() == "t.toml:4");  // the rule's header
  CHECK(s.message().find("rule t.one: emit form is required (one of \"day\", ") !=
        std::string::npos);
  s = Check("dates", "form = \"day_of_month\", kind = \"date\"");
  CHECK(s.where() == "t.toml:8");
  CHECK(s.message().find("emit form: must be one of \"day\", \"dotted_day\"") != std::string::npos);
  CHECK_FALSE(Check("dates", "form = true").ok());

  CHECK_FALSE(Check("officials", "gated = \"yes\"").ok());
  CHECK(Check("officials", "gated = true").ok());
  CHECK_FALSE(Check("quotes", "role = \"marks\", single = \"yes\"").ok());
  // A set no extractor reads is not checked.
  CHECK(Check("money", "anything = \"goes\"").ok());
}

}  // namespace
}  // namespace newsfacts
