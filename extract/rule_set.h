// RuleSet: one rule file (TOML) loaded, validated and compiled. The format is
// described in docs/rules.md; in short:
//
//   [ruleset]            id, version, description
//   [fragments]          name = 'RE2 text', referenced in patterns as %{name}
//   [lexicon.NAME]       ignore_case = bool; [[lexicon.NAME.entry]] forms = [...], other
//                        keys are attributes; usable in patterns as %{NAME}
//   [[rule]]             id, pattern, fields, emit = {..}, priority
//     [[rule.example]]          text, match, fields = {..}, reference_date
//     [[rule.counter_example]]  text
//
// Creation. Only through Load()/FromText(), which validate everything at once: TOML
// syntax, unique rule ids, fragments that resolve without cycles, patterns that compile,
// declared fields equal to the pattern's named groups, at least one example per rule.
// A failure is StatusCode::kInvalidRule with where() = "file:line" and a message naming
// the rule id and, for RE2 errors, RE2's own message and the offending text.
//
// Matching. An RE2::Set over all rules finds the candidate rules in one pass over the
// text; each candidate's own RE2 then finds its matches and captures its groups.
//
// Compiling. With Compile::kAtLoad (the default) every pattern and the Set are compiled
// by Load, so every error is Load's. With Compile::kOnFirstUse Load checks everything
// except what needs RE2's compiler (that a pattern compiles, that its named groups are
// the declared fields); each rule's pattern is compiled when the rule is first matched
// and the Set at the first FindAll. For a command that matches a few short texts (a
// claim), where compiling every rule would be most of its time; the Set is then built
// from the rules' gates (Rule::gate), which compile in a fraction of the time but let
// more rules through on long texts. A pattern that fails then never matches, and its
// error is in CompileStatus().
//
// Focusing. FocusOn(text), for a set compiled on first use, tells it the one text most
// of its matching will be on (a claim). A rule is then compiled for that text, and for
// any part of it, with every lexicon cut down to the forms whose words the text holds,
// and the Set is built from those patterns: a form the text does not hold cannot match
// in it, so the matches are the same, and the cut patterns are a small fraction of the
// whole. A rule that cannot match at all, every way through its pattern needing a
// lexicon the text holds no form of, is compiled to a pattern that matches nothing. Any
// other text is matched with the whole patterns, as without focus.
//
// Thread safety: immutable after creation and FocusOn; all const methods may be called
// from any number of threads at once. Movable, not copyable (it owns compiled automata).
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/status.h"

namespace re2 {
class RE2;
}  // namespace re2

namespace newsfacts::rules {

struct CompiledSet;   // wraps re2::RE2::Set, which cannot be forward-declared
struct CompiledRule;  // a rule's RE2 and group numbers, compiled at load or on first use
struct Focus;         // the text a set is focused on, and its Set

enum class Compile { kAtLoad, kOnFirstUse };

struct Example {
  std::string text;
  std::string match;                          // the whole text the rule must match
  std::map<std::string, std::string> fields;  // expected group values; "" = did not match
  std::string reference_date;                 // YYYY-MM-DD, for examples that need "now"
  // The fact the extractor must give for the match, by field of its JSON object (values
  // as TOML writes them); checked by `rules test` (extract/fact_cases.h). Empty: none.
  std::map<std::string, std::string> expect;
  int expect_line = 0;
  int line = 0;
};

struct CounterExample {
  std::string text;
  int line = 0;
};

struct LexiconEntry {
  std::vector<std::string> forms;
  // Every other key of the entry, as a string (numbers as TOML writes them, booleans
  // as "true"/"false").
  std::map<std::string, std::string> attrs;

  // The attribute, or fallback when absent.
  const std::string& attr(const std::string& key, const std::string& fallback = kEmpty) const;
  static const std::string kEmpty;
};

class Lexicon {
 public:
  const std::string& name() const { return name_; }
  bool ignore_case() const { return ignore_case_; }
  const std::vector<LexiconEntry>& entries() const { return entries_; }
  // The entry with this form; exact match first, then (for ignore_case lexicons, or as a
  // fallback in any lexicon) ASCII case-insensitive. Whitespace runs in `form` compare
  // equal to one space. nullptr when absent.
  const LexiconEntry* Find(std::string_view form) const;
  // Non-capturing RE2 alternation of every form, escaped, wrapped in (?i:...) when
  // ignore_case. Spaces in forms match any run of whitespace. Where two forms match at
  // one position, the longer is tried first (so "kilometres" before "kilometre"); the
  // order is otherwise descending by (case-folded) form, which groups common prefixes.
  const std::string& pattern() const { return pattern_; }

 private:
  friend class RuleSetBuilder;
  friend class RuleSet;
  // pattern() with only the forms whose every word is in folded_text (the text, each
  // code point simply case-folded); "" when there is none.
  std::string PatternFor(std::string_view folded_text) const;

  std::string name_;
  bool ignore_case_ = false;
  std::vector<LexiconEntry> entries_;
  std::unordered_map<std::string, size_t> exact_;   // form -> entry
  std::unordered_map<std::string, size_t> folded_;  // ASCII-lowered form -> entry
  std::string pattern_;
  std::string gate_;  // pattern_, or for a long one "any words" (see Rule::gate)
  std::vector<std::string> pattern_forms_;  // the forms in pattern_, in its order
};

struct Rule {
  std::string id;
  std::string source_pattern;  // as written, with %{...} references
  std::string pattern;         // fragments expanded; what RE2 compiled
  // The pattern with each long lexicon replaced by as many words as its longest form
  // has: it matches wherever the pattern does, and compiles in a fraction of the time.
  // The Set of a set compiled on first use is built from the gates.
  std::string gate;
  // The pattern with each lexicon written as a placeholder, from which FocusOn writes
  // the rule's pattern for its text.
  std::string outline;
  std::vector<std::string> fields;          // the pattern's named groups
  std::map<std::string, std::string> emit;  // constant fields, as strings (true/false, 4)
  // Where each emit value is written and its TOML type ("string", "boolean", "integer",
  // "float"), for checking it against what the extractor reads (extract/emit_keys.h).
  struct EmitSource {
    int line = 0;
    std::string type;
  };
  std::map<std::string, EmitSource> emit_source;
  int priority = 0;  // higher wins among equal spans
  std::vector<Example> examples;
  std::vector<CounterExample> counter_examples;
  int line = 0;  // line of the [[rule]] header

  // emit[key] or fallback.
  const std::string& Emit(const std::string& key,
                          const std::string& fallback = LexiconEntry::kEmpty) const;

  // The compiled pattern, compiled by the first call when the set was loaded with
  // Compile::kOnFirstUse (thread-safe). Never null; a pattern that failed to compile is
  // replaced by one that never matches.
  const re2::RE2* re() const;
  // The RE2 group number of each entry of fields (0 for every field of a failed rule).
  const std::vector<int>& field_groups() const;
  // The same for searching `text`: the pattern compiled for the set's focus when text
  // lies within it (RuleSet::FocusOn), re() otherwise. The group numbers are those of
  // the pattern returned.
  const re2::RE2* re(std::string_view text) const;
  const std::vector<int>& field_groups(std::string_view text) const;

  std::shared_ptr<CompiledRule> compiled;  // shared by copies of the rule
};

// A named group's capture, as byte offsets into the searched text.
struct Capture {
  std::string_view name;
  std::string_view text;
  size_t start = 0;
  size_t end = 0;
  bool matched = false;  // false when the group did not take part in the match
};

struct Match {
  const Rule* rule = nullptr;
  size_t rule_index = 0;  // position of the rule in its file
  size_t start = 0;       // byte offsets into the searched text
  size_t end = 0;
  std::vector<Capture> captures;

  // The group's capture, or nullptr if the rule has no such group or it did not match.
  const Capture* Get(std::string_view name) const;
  // The group's text, or "" when absent.
  std::string_view Group(std::string_view name) const;
  bool Has(std::string_view name) const { return Get(name) != nullptr; }
  size_t length() const { return end - start; }
};

// While one lives on a thread, RuleSet::MatchAt on that thread remembers the groups of
// every span it matches, and a span with the same bytes is not matched again: an article
// writes one attribution many times ("Mayer said"), and the groups of a large pattern
// cost RE2's slow NFA. Results are the same with or without one. Made for the matching of
// one article (what is remembered is kept until it ends); one made while another lives
// on its thread does nothing. Not movable or copyable.
class MatchMemo {
 public:
  MatchMemo();
  ~MatchMemo();
  MatchMemo(const MatchMemo&) = delete;
  MatchMemo& operator=(const MatchMemo&) = delete;

 private:
  bool owner_ = false;
};

class RuleSet {
 public:
  static Result<RuleSet> Load(const std::string& path, Compile when = Compile::kAtLoad);
  // `origin` names the text in errors (a file name).
  static Result<RuleSet> FromText(std::string_view toml, const std::string& origin,
                                  Compile when = Compile::kAtLoad);

  RuleSet(RuleSet&&) noexcept;
  RuleSet& operator=(RuleSet&&) noexcept;
  RuleSet(const RuleSet&) = delete;  // owns compiled automata
  RuleSet& operator=(const RuleSet&) = delete;
  ~RuleSet();

  const std::string& id() const { return id_; }
  int version() const { return version_; }
  const std::string& origin() const { return origin_; }
  const std::vector<Rule>& rules() const { return rules_; }
  // Focuses matching on text (see "Focusing" above). Call from one thread while no other
  // uses the set; a set compiled at load ignores it. A second call replaces the focus.
  void FocusOn(std::string_view text);
  // The first error among the patterns compiled so far (Compile::kOnFirstUse), as Load
  // would have reported it; Ok when none failed.
  Status CompileStatus() const;
  const Rule* FindRule(std::string_view id) const;
  const Lexicon* lexicon(std::string_view name) const;
  // The expanded fragment, or nullptr.
  const std::string* fragment(std::string_view name) const;

  // Every match of every rule in text (each rule's matches do not overlap one another;
  // different rules' may). Sorted by start, then longer first, then higher priority,
  // then rule order.
  std::vector<Match> FindAll(std::string_view text) const;

  // Matches of one rule only, left to right, non-overlapping.
  std::vector<Match> FindAllOf(const Rule& rule, std::string_view text) const;

  // The match of `rule` that covers exactly text[start, end), with its groups (byte
  // offsets into text). The span is searched on its own, so ^ and $ hold at its ends.
  // When the rule does not match the whole span, the Match has no captures. For callers
  // that find spans with RE2's DFA alone and extract groups only for the span they keep.
  static Match MatchAt(const Rule& rule, size_t rule_index, std::string_view text, size_t start,
                       size_t end);

  // Greedy choice among overlapping matches: longest span first, then higher
  // priority, then earlier rule, then earlier start. Result sorted by start.
  static std::vector<Match> SelectNonOverlapping(std::vector<Match> matches);

  // Checks every rule's examples and counter-examples against the rule's own pattern.
  // One message per failure ("file:line: rule id: ..."); empty when all pass.
  std::vector<std::string> RunExamples() const;
  size_t example_count() const;

 private:
  friend class RuleSetBuilder;
  RuleSet();
  std::string id_;
  int version_ = 0;
  std::string origin_;
  std::string description_;
  std::vector<Rule> rules_;
  std::map<std::string, std::string, std::less<>> fragments_;
  std::map<std::string, Lexicon, std::less<>> lexicons_;
  std::unique_ptr<CompiledSet> set_;
  bool on_first_use_ = false;
  std::shared_ptr<Focus> focus_;  // null unless FocusOn was called
};

}  // namespace newsfacts::rules
