#include "extract/emit_keys.h"

#include <algorithm>
#include <map>

#include "extract/extract.h"

namespace newsfacts {
namespace {

using Type = EmitKey::Type;

// Kept in step with the Emit("...") reads of each extractor's .cc file.
const std::map<std::string_view, std::vector<EmitKey>, std::less<>>& Tables() {
  static const auto* tables = new std::map<std::string_view, std::vector<EmitKey>, std::less<>>{
      {"quantities",
       {
           {"glued", Type::kBoolean, {}},
           {"spelled_count", Type::kBoolean, {}},
           {"bare_bound", Type::kBoolean, {}},
           {"bounds", Type::kBoolean, {}},
           {"bare_range", Type::kBoolean, {}},
           {"span", Type::kChoice, {"match"}},
       }},
      {"dates",
       {
           {"form", Type::kChoice, DateFormNames(), true},
           {"kind",
            Type::kChoice,
            {"date", "relative", "range", "month", "year", "quarter", "decade", "duration"}},
           {"granularity", Type::kChoice, {"day", "month", "quarter", "year", "decade"}},
           {"anchor", Type::kChoice, {"previous", "which"}},
           {"direction", Type::kChoice, {"future", "past"}},
           {"span", Type::kGroup, {}},
           {"length_days", Type::kInteger, {}},
           {"two_year_start", Type::kInteger, {}},
           {"part_only", Type::kBoolean, {}},
           {"range_part", Type::kBoolean, {}},
           {"plural_unit", Type::kBoolean, {}},
           {"needs_future_cue", Type::kBoolean, {}},
           {"needs_free_end", Type::kBoolean, {}},
       }},
      {"officials",
       {
           {"kind", Type::kChoice, {"gate", "titled", "title_alone", "pronoun", "honorific"}},
           {"capture", Type::kChoice, {"whole"}},
           {"gated", Type::kBoolean, {}},
           {"name_first", Type::kBoolean, {}},
       }},
      {"quotes",
       {
           {"role",
            Type::kChoice,
            {"marks", "after", "sign_off", "before", "partial_before", "person", "org",
             "interview"}},
           {"object", Type::kChoice, {"speaker_or_via", "outlet", "via"}},
           {"opens_after", Type::kChoice, {"space", "nonword"}},
           {"capture", Type::kChoice, {"whole"}},
           {"single", Type::kBoolean, {}},
       }},
  };
  return *tables;
}

std::string Joined(const std::vector<std::string_view>& words) {
  std::string out;
  for (std::string_view w : words) out += (out.empty() ? "\"" : ", \"") + std::string(w) + "\"";
  return out;
}

}  // namespace

const std::vector<EmitKey>* EmitKeysOf(std::string_view set_id) {
  auto it = Tables().find(set_id);
  return it == Tables().end() ? nullptr : &it->second;
}

Status CheckEmits(const rules::RuleSet& set) {
  const std::vector<EmitKey>* keys = EmitKeysOf(set.id());
  if (keys == nullptr) return Status::Ok();
  for (const rules::Rule& rule : set.rules()) {
    for (const auto& [name, value] : rule.emit) {
      const auto source = rule.emit_source.find(name);
      const int line = source != rule.emit_source.end() ? source->second.line : rule.line;
      const std::string type = source != rule.emit_source.end() ? source->second.type : "";
      const auto error = [&](const std::string& message) {
        return InvalidRule("rule " + rule.id + ": emit " + name + ": " + message,
                           set.origin() + ":" + std::to_string(line));
      };
      const auto key = std::find_if(keys->begin(), keys->end(),
                                    [&](const EmitKey& k) { return k.name == name; });
      if (key == keys->end()) {
        std::vector<std::string_view> known;
        for (const EmitKey& k : *keys) known.push_back(k.name);
        return error("the " + set.id() + " extractor reads no such key (it reads " + Joined(known) +
                     ")");
      }
      switch (key->type) {
        case Type::kBoolean:
          if (type != "boolean") return error("must be true or false (a TOML boolean)");
          break;
        case Type::kInteger:
          if (type != "integer") return error("must be an integer");
          break;
        case Type::kChoice:
          if (type != "string" ||
              std::find(key->choices.begin(), key->choices.end(), value) == key->choices.end()) {
            return error("must be one of " + Joined(key->choices));
          }
          break;
        case Type::kGroup:
          if (type != "string" ||
              std::find(rule.fields.begin(), rule.fields.end(), value) == rule.fields.end()) {
            return error("must name one of the rule's fields");
          }
          break;
      }
    }
    for (const EmitKey& key : *keys) {
      if (key.required && rule.emit.find(std::string(key.name)) == rule.emit.end()) {
        return InvalidRule("rule " + rule.id + ": emit " + std::string(key.name) +
                               " is required (one of " + Joined(key.choices) + ")",
                           set.origin() + ":" + std::to_string(rule.line));
      }
    }
  }
  return Status::Ok();
}

}  // namespace newsfacts
