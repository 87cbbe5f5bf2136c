// The emit keys each extractor reads from its rule set, with their types and values: the
// contract between the rule files (`emit = { ... }` of a [[rule]]) and the code. A key the
// extractor does not read, a value of the wrong TOML type (booleans are TOML booleans,
// `true`, not "yes") or outside the allowed values is an error at load, so that a
// misspelled key ("part_onyl") cannot silently change what a rule means.
//
// Thread safety: the tables are constant; CheckEmits only reads the set.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "extract/rule_set.h"

namespace newsfacts {

struct EmitKey {
  enum class Type {
    kBoolean,  // a TOML boolean
    kChoice,   // a string among `choices`
    kInteger,  // a TOML integer
    kGroup,    // a string naming one of the rule's fields
  };
  std::string_view name;
  Type type;
  std::vector<std::string_view> choices;  // for kChoice
  bool required = false;                  // every rule of the set must give it
};

// The keys the extractor of set `set_id` reads ("quantities", "dates", "officials",
// "quotes"); nullptr for a set no extractor reads (its emits are not checked).
const std::vector<EmitKey>* EmitKeysOf(std::string_view set_id);

// Checks every rule's emit table against EmitKeysOf(set.id()). The first problem is
// kInvalidRule with where() = "file:line" of the value and a message naming the rule id,
// the key and what is allowed.
Status CheckEmits(const rules::RuleSet& set);

}  // namespace newsfacts
