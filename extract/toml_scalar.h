// A TOML scalar as the string the rule files' readers keep: a rule's `emit` values, a
// lexicon entry's attributes, an example's `expect` table and a cases file's facts
// (extract/rule_set.h, extract/fact_cases.h).
//
// Thread safety: a pure function.
#pragma once

#include <toml++/toml.h>

#include <optional>
#include <string>

namespace newsfacts::rules {

// A string as it is; an integer in decimal; a boolean as "true" or "false"; a float in
// the shortest form that reads back as the same double ("8222.5", "0.1", "1e+300").
// nullopt for anything else (an array, a table, a date or a time).
std::optional<std::string> ScalarString(const toml::node& node);

}  // namespace newsfacts::rules
