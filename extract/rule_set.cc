#include "extract/rule_set.h"

#include <re2/re2.h>
#include <re2/set.h>
#include <toml++/toml.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>

#include "common/utf8.h"
#include "extract/toml_scalar.h"

namespace newsfacts::rules {

struct CompiledSet {
  // Built from the rules' patterns, their gates (Compile::kOnFirstUse: cheaper to
  // compile, but more candidates per text) or their patterns for the set's focus.
  enum class From { kPatterns, kGates, kFocus };
  From from = From::kPatterns;
  std::once_flag once;
  // Null when the set could not be built on first use: every rule is then a candidate.
  std::unique_ptr<RE2::Set> set;
  std::atomic<bool> done{false};
  Status status;
};

// A number no other CompiledRule of the process has: what a rule's remembered matches
// are filed under (an address may be reused by a later rule).
uint64_t NextSerial() {
  static std::atomic<uint64_t> next{0};
  return next.fetch_add(1, std::memory_order_relaxed);
}

struct CompiledRule {
  const uint64_t serial = NextSerial();
  std::string origin;  // where errors are reported: the rule file
  int pattern_line = 0;
  std::string pattern;  // what is compiled; empty for the rule's own pattern
  std::once_flag once;
  std::atomic<bool> done{false};
  std::unique_ptr<RE2> re;
  std::vector<int> field_groups;
  Status status;  // Ok, or why re is one that never matches
  // Set by RuleSet::FocusOn: the focus, and the rule compiled for its text.
  std::shared_ptr<Focus> focus;
  std::unique_ptr<CompiledRule> focused;
};

struct Focus {
  std::string text;
  CompiledSet set;  // of the rules' patterns for text
  // Whether t is text or a part of it: then no form missing from text is in t.
  bool Covers(std::string_view t) const {
    return t.size() <= text.size() && text.find(t) != std::string::npos;
  }
};

const std::string LexiconEntry::kEmpty;

const std::string& LexiconEntry::attr(const std::string& key, const std::string& fallback) const {
  auto it = attrs.find(key);
  return it == attrs.end() ? fallback : it->second;
}

const std::string& Rule::Emit(const std::string& key, const std::string& fallback) const {
  auto it = emit.find(key);
  return it == emit.end() ? fallback : it->second;
}

const Capture* Match::Get(std::string_view name) const {
  for (const Capture& c : captures) {
    if (c.name == name) return c.matched ? &c : nullptr;
  }
  return nullptr;
}

std::string_view Match::Group(std::string_view name) const {
  const Capture* c = Get(name);
  return c ? c->text : std::string_view();
}

namespace {

// Lexicon keys compare with whitespace runs folded to one space.
std::string FoldSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string AsciiLower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// Each code point simply case-folded, as RE2's (?i) compares them; invalid bytes kept.
std::string CaseFolded(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (Utf8SequenceLength(text, i) == 0) {
      out.push_back(text[i++]);
      continue;
    }
    const UChar32 c = static_cast<UChar32>(DecodeUtf8(text, &i));
    AppendUtf8(static_cast<char32_t>(u_foldCase(c, U_FOLD_CASE_DEFAULT)), &out);
  }
  return out;
}

// The key that orders a lexicon's forms in its alternation: the form itself, or, for a
// lexicon that ignores case, the form case-folded as (?i) compares it.
std::string OrderKey(const std::string& form, bool ignore_case) {
  return ignore_case ? CaseFolded(form) : form;
}

// The form as an RE2 pattern: literal, except that a space matches any whitespace run.
std::string FormPattern(const std::string& form) {
  std::string out;
  size_t start = 0;
  while (start <= form.size()) {
    size_t sp = form.find(' ', start);
    std::string_view piece(form.data() + start,
                           (sp == std::string::npos ? form.size() : sp) - start);
    if (!piece.empty()) out += RE2::QuoteMeta(piece);
    if (sp == std::string::npos) break;
    out += "\\s+";
    start = sp + 1;
    while (start < form.size() && form[start] == ' ') ++start;
  }
  return out;
}

std::string Where(const std::string& origin, int line) {
  return line > 0 ? origin + ":" + std::to_string(line) : origin;
}

int LineOf(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

// The TOML type of a scalar, by its name in the TOML specification.
std::string TomlType(const toml::node& node) {
  if (node.is_boolean()) return "boolean";
  if (node.is_integer()) return "integer";
  if (node.is_floating_point()) return "float";
  if (node.is_string()) return "string";
  return "other";
}

// An RE2 pattern that matches nothing (an empty class, which RE2 accepts).
constexpr char kNothing[] = "[^\\x00-\\x{10FFFF}]";

// In a rule's outline, a lexicon is written as kHole, its name, kHoleEnd.
constexpr char kHole = '\x01';
constexpr char kHoleEnd = '\x02';

// A lexicon whose alternation is at least this long is replaced in a rule's gate by
// "any words": such lists (units, titles) are most of what compiling a set costs.
constexpr size_t kGateLexiconBytes = 128;

RE2::Options PatternOptions() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  return options;
}

// The RE2 group of each declared field; the pattern's named groups must be exactly the
// fields.
Status GroupsOf(const Rule& rule, const RE2& re, const std::string& origin, std::vector<int>* out) {
  const auto error = [&](const std::string& message) {
    return InvalidRule("rule " + rule.id + ": " + message, Where(origin, rule.line));
  };
  const std::map<std::string, int>& groups = re.NamedCapturingGroups();
  if (static_cast<int>(groups.size()) != re.NumberOfCapturingGroups()) {
    return error("pattern has unnamed capturing groups; use (?:...) or (?P<name>...)");
  }
  const std::set<std::string> declared(rule.fields.begin(), rule.fields.end());
  for (const auto& [name, index] : groups) {
    if (!declared.count(name)) return error("group " + name + " is not listed in fields");
  }
  for (const std::string& name : rule.fields) {
    auto it = groups.find(name);
    if (it == groups.end()) return error("field " + name + " has no (?P<" + name + ">...) group");
    out->push_back(it->second);
  }
  return Status::Ok();
}

void CompileRule(const Rule& rule, CompiledRule* c) {
  auto re = std::make_unique<RE2>(c->pattern.empty() ? rule.pattern : c->pattern, PatternOptions());
  if (!re->ok()) {
    c->status = InvalidRule("rule " + rule.id + ": pattern does not compile: " + re->error() +
                                " (at '" + re->error_arg() + "')",
                            Where(c->origin, c->pattern_line));
  } else {
    c->status = GroupsOf(rule, *re, c->origin, &c->field_groups);
  }
  if (c->status.ok()) {
    c->re = std::move(re);
  } else {
    c->re = std::make_unique<RE2>(kNothing, PatternOptions());
    c->field_groups.assign(rule.fields.size(), 0);
  }
}

// The rule's fields from RE2's submatches, as byte offsets into text.
void FillCaptures(const Rule& rule, const std::vector<int>& field_groups, std::string_view text,
                  const std::vector<re2::StringPiece>& groups, Match* m) {
  for (size_t f = 0; f < rule.fields.size(); ++f) {
    const re2::StringPiece& g = groups[static_cast<size_t>(field_groups[f])];
    Capture c;
    c.name = rule.fields[f];
    if (g.data() != nullptr) {
      c.matched = true;
      c.start = static_cast<size_t>(g.data() - text.data());
      c.end = c.start + g.size();
      c.text = text.substr(c.start, g.size());
    }
    m->captures.push_back(c);
  }
}

void EnsureCompiled(const Rule& rule, CompiledRule* c) {
  std::call_once(c->once, [&] {
    CompileRule(rule, c);
    c->done.store(true, std::memory_order_release);
  });
}

// The rule compiled for searching text: for the focus when text lies within it (and
// that compiled), the rule's own pattern otherwise.
const CompiledRule& CompiledFor(const Rule& rule, std::string_view text) {
  CompiledRule& c = *rule.compiled;
  if (c.focused && c.focus->Covers(text)) {
    EnsureCompiled(rule, c.focused.get());
    if (c.focused->status.ok()) return *c.focused;
  }
  EnsureCompiled(rule, &c);
  return c;
}

// The groups of a match of a span searched on its own, as offsets into the span: offset
// -1 for a group that did not take part.
using SpanGroups = std::vector<std::pair<ptrdiff_t, size_t>>;

// The groups remembered while a MatchMemo lives on this thread (null when none does), by
// compiled rule (its serial's bytes) and span: a span searched on its own is matched the
// same way wherever it is written.
using Remembered = std::unordered_map<std::string, std::optional<SpanGroups>>;
thread_local std::unique_ptr<Remembered> remembered;

// The compiled rule's groups for the whole of `span` searched on its own, as offsets
// into it; none when the rule does not match all of it.
std::optional<SpanGroups> MatchSpan(const CompiledRule& compiled, std::string_view span) {
  const RE2& re = *compiled.re;
  const int ngroups = re.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> groups(static_cast<size_t>(ngroups) + 1);
  const re2::StringPiece input(span.data(), span.size());
  if (!re.Match(input, 0, input.size(), RE2::ANCHOR_BOTH, groups.data(), ngroups + 1)) {
    return std::nullopt;
  }
  SpanGroups out;
  out.reserve(groups.size());
  for (const re2::StringPiece& g : groups) {
    out.emplace_back(g.data() == nullptr ? -1 : g.data() - span.data(), g.size());
  }
  return out;
}

// MatchSpan, read from memory when a MatchMemo remembers it.
std::optional<SpanGroups> GroupsOfSpan(const CompiledRule& compiled, std::string_view span) {
  if (remembered == nullptr) return MatchSpan(compiled, span);
  std::string key(reinterpret_cast<const char*>(&compiled.serial), sizeof compiled.serial);
  key.append(span);
  auto [it, added] = remembered->try_emplace(std::move(key));
  if (added) it->second = MatchSpan(compiled, span);
  return it->second;
}

// The groups as RE2 gives them, pointing into `span`.
std::vector<re2::StringPiece> InSpan(const SpanGroups& found, std::string_view span) {
  std::vector<re2::StringPiece> groups;
  groups.reserve(found.size());
  for (const auto& [offset, size] : found) {
    groups.push_back(offset < 0 ? re2::StringPiece()
                                : re2::StringPiece(span.data() + offset, size));
  }
  return groups;
}

// Reads a rule's outline (Rule::outline) as far as its structure goes: groups,
// alternatives, repetitions and the lexicon placeholders; every other atom (a literal, a
// class, an escape) is taken to be able to match. CanMatch() is false only when every way
// through the pattern needs a lexicon in `absent`: then the pattern cannot match a text in
// which those lexicons have no form. Anything it does not read (\Q...\E) makes it true.
class OutlineReader {
 public:
  OutlineReader(std::string_view outline, const std::set<std::string, std::less<>>& absent)
      : s_(outline), absent_(absent) {}

  bool CanMatch() {
    const bool can = Alternatives();
    return can || unsure_ || i_ != s_.size();
  }

 private:
  // Alternatives up to a ')' or the end: whether any can match.
  bool Alternatives() {
    bool any = Sequence();
    while (!unsure_ && i_ < s_.size() && s_[i_] == '|') {
      ++i_;
      any = Sequence() || any;
    }
    return any;
  }

  // Atoms up to a '|', a ')' or the end: whether all those that must occur can match.
  bool Sequence() {
    bool all = true;
    while (!unsure_ && i_ < s_.size() && s_[i_] != '|' && s_[i_] != ')') {
      std::optional<bool> can = Atom();
      if (!can) continue;  // a flag group such as (?i): nothing to repeat
      if (MinRepeat() >= 1 && !*can) all = false;
    }
    return all;
  }

  // One atom: whether it can match; nullopt for a flags-only group.
  std::optional<bool> Atom() {
    const char c = s_[i_];
    if (c == kHole) {
      const size_t end = s_.find(kHoleEnd, i_);
      if (end == std::string_view::npos) return Unsure();
      const std::string_view name = s_.substr(i_ + 1, end - i_ - 1);
      i_ = end + 1;
      return absent_.count(name) == 0;
    }
    if (c == '\\') {
      if (i_ + 1 >= s_.size() || s_[i_ + 1] == 'Q') return Unsure();
      const char e = s_[i_ + 1];
      i_ += 2;
      // \x{...}, \p{...}, \P{...}
      if ((e == 'x' || e == 'p' || e == 'P') && i_ < s_.size() && s_[i_] == '{') {
        const size_t close = s_.find('}', i_);
        if (close == std::string_view::npos) return Unsure();
        i_ = close + 1;
      }
      return true;
    }
    if (c == '[') return Class();
    if (c == '(') {
      ++i_;
      if (i_ < s_.size() && s_[i_] == '?') {
        if (s_.compare(i_, 3, "?P<") == 0 || s_.compare(i_, 2, "?<") == 0) {
          const size_t close = s_.find('>', i_);
          if (close == std::string_view::npos) return Unsure();
          i_ = close + 1;
        } else {
          // (?flags:...) or the flags-only (?flags)
          size_t k = i_ + 1;
          while (k < s_.size() && s_[k] != ':' && s_[k] != ')') ++k;
          if (k >= s_.size()) return Unsure();
          i_ = k + 1;
          if (s_[k] == ')') return std::nullopt;
        }
      }
      const bool can = Alternatives();
      if (unsure_ || i_ >= s_.size() || s_[i_] != ')') return Unsure();
      ++i_;
      return can;
    }
    // A literal character (all its UTF-8 bytes), '.', '^', '$'.
    ++i_;
    while (i_ < s_.size() && IsUtf8ContinuationByte(s_[i_])) ++i_;
    return true;
  }

  bool Class() {
    ++i_;  // '['
    if (i_ < s_.size() && s_[i_] == '^') ++i_;
    if (i_ < s_.size() && s_[i_] == ']') ++i_;
    while (i_ < s_.size() && s_[i_] != ']') {
      if (s_[i_] == '\\') {
        i_ += 2;
      } else if (s_.compare(i_, 2, "[:") == 0) {
        const size_t close = s_.find(":]", i_ + 2);
        if (close == std::string_view::npos) return Unsure();
        i_ = close + 2;
      } else {
        ++i_;
      }
    }
    if (i_ >= s_.size()) return Unsure();
    ++i_;  // ']'
    return true;
  }

  // The repetition after an atom, as its least count (1 when there is none).
  int MinRepeat() {
    if (i_ >= s_.size()) return 1;
    int min = 1;
    const char c = s_[i_];
    if (c == '?' || c == '*') {
      min = 0;
      ++i_;
    } else if (c == '+') {
      ++i_;
    } else if (c == '{' && i_ + 1 < s_.size() && s_[i_ + 1] >= '0' && s_[i_ + 1] <= '9') {
      const size_t close = s_.find('}', i_);
      if (close == std::string_view::npos) return 1;  // a literal '{'
      min = std::atoi(std::string(s_.substr(i_ + 1, close - i_ - 1)).c_str());
      i_ = close + 1;
    } else {
      return 1;
    }
    if (i_ < s_.size() && s_[i_] == '?') ++i_;  // lazy
    return min;
  }

  bool Unsure() {
    unsure_ = true;
    return true;
  }

  std::string_view s_;
  const std::set<std::string, std::less<>>& absent_;
  size_t i_ = 0;
  bool unsure_ = false;
};

// A pattern with the rule's fields as groups that matches nothing: what a rule that
// cannot match a focus text is compiled to there.
std::string NothingWithFields(const Rule& rule) {
  std::string out = kNothing;
  for (const std::string& f : rule.fields) out += "(?P<" + f + ">)";
  return out;
}

// The outline with each lexicon's placeholder replaced by its pattern in `patterns`.
std::string FillOutline(const std::string& outline,
                        const std::map<std::string, std::string, std::less<>>& patterns) {
  std::string out;
  out.reserve(outline.size());
  size_t i = 0;
  while (i < outline.size()) {
    const size_t hole = outline.find(kHole, i);
    if (hole == std::string::npos) {
      out.append(outline, i, std::string::npos);
      break;
    }
    out.append(outline, i, hole - i);
    const size_t end = outline.find(kHoleEnd, hole);
    out += patterns.find(std::string_view(outline).substr(hole + 1, end - hole - 1))->second;
    i = end + 1;
  }
  return out;
}

}  // namespace

const re2::RE2* Rule::re() const {
  EnsureCompiled(*this, compiled.get());
  return compiled->re.get();
}

const std::vector<int>& Rule::field_groups() const {
  re();
  return compiled->field_groups;
}

const re2::RE2* Rule::re(std::string_view text) const { return CompiledFor(*this, text).re.get(); }

const std::vector<int>& Rule::field_groups(std::string_view text) const {
  return CompiledFor(*this, text).field_groups;
}

std::string Lexicon::PatternFor(std::string_view folded_text) const {
  std::string pattern = ignore_case_ ? "(?i:" : "(?:";
  bool any = false;
  for (size_t i = 0; i < pattern_forms_.size(); ++i) {
    // Each word of the form must be in the text: RE2 matches it there, case-folded at
    // most. Folded here, not at load: only a focused set needs it.
    const std::string words = CaseFolded(pattern_forms_[i]);
    bool present = true;
    size_t start = 0;
    while (present && start < words.size()) {
      size_t sp = words.find(' ', start);
      if (sp == std::string::npos) sp = words.size();
      present = folded_text.find(std::string_view(words).substr(start, sp - start)) !=
                std::string_view::npos;
      start = sp + 1;
    }
    if (!present) continue;
    if (any) pattern += '|';
    pattern += FormPattern(pattern_forms_[i]);
    any = true;
  }
  if (!any) return std::string();
  pattern += ')';
  return pattern;
}

const LexiconEntry* Lexicon::Find(std::string_view form) const {
  std::string key = FoldSpaces(form);
  if (auto it = exact_.find(key); it != exact_.end()) return &entries_[it->second];
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (auto it = folded_.find(key); it != folded_.end()) return &entries_[it->second];
  return nullptr;
}

// Builds a RuleSet from parsed TOML, collecting the first error with its place.
class RuleSetBuilder {
 public:
  RuleSetBuilder(RuleSet* set, std::string origin, Compile when)
      : set_(set), origin_(std::move(origin)), when_(when) {
    set_->origin_ = origin_;
  }

  Status Build(const toml::table& root) {
    for (auto&& [key, node] : root) {
      std::string_view k = key.str();
      if (k != "ruleset" && k != "fragments" && k != "lexicon" && k != "rule") {
        return Error(LineOf(node), "unknown top-level key '" + std::string(k) + "'");
      }
    }
    if (Status s = ReadHeader(root); !s.ok()) return s;
    if (Status s = ReadLexicons(root); !s.ok()) return s;
    if (Status s = ReadFragments(root); !s.ok()) return s;
    if (Status s = ReadRules(root); !s.ok()) return s;
    set_->set_ = std::make_unique<CompiledSet>();
    set_->on_first_use_ = when_ == Compile::kOnFirstUse;
    if (when_ == Compile::kOnFirstUse) {
      set_->set_->from = CompiledSet::From::kGates;
      return Status::Ok();
    }
    Status status;
    std::call_once(set_->set_->once, [&] { status = CompileSet(*set_, set_->set_.get()); });
    set_->set_->done.store(true, std::memory_order_release);
    return status;
  }

  // Builds the RE2::Set of the rules' patterns, gates or focused patterns (out->from)
  // into out->set; on failure it stays null.
  static Status CompileSet(const RuleSet& rules, CompiledSet* out) {
    auto set = std::make_unique<RE2::Set>(PatternOptions(), RE2::UNANCHORED);
    for (const Rule& rule : rules.rules_) {
      std::string error;
      const std::string& pattern = out->from == CompiledSet::From::kGates ? rule.gate
                                   : out->from == CompiledSet::From::kFocus
                                       ? rule.compiled->focused->pattern
                                       : rule.pattern;
      if (set->Add(pattern, &error) < 0) {
        return InvalidRule("rule " + rule.id + ": pattern rejected by RE2::Set: " + error,
                           Where(rules.origin_, rule.line));
      }
    }
    if (!set->Compile()) {
      return InvalidRule("rule set " + rules.id_ + " is too large to compile",
                         Where(rules.origin_, 1));
    }
    out->set = std::move(set);
    return Status::Ok();
  }

 private:
  Status Error(int line, const std::string& message) const {
    return InvalidRule(message, Where(origin_, line));
  }
  Status RuleError(const Rule& rule, int line, const std::string& message) const {
    return Error(line, "rule " + rule.id + ": " + message);
  }

  Status ReadHeader(const toml::table& root) {
    const toml::table* header = root["ruleset"].as_table();
    if (!header) return Error(1, "missing [ruleset] table with id and version");
    auto id = (*header)["id"].value<std::string>();
    if (!id || id->empty()) return Error(LineOf(*header), "[ruleset] needs a string id");
    auto version = (*header)["version"].value<int64_t>();
    if (!version || *version < 1) {
      return Error(LineOf(*header), "[ruleset] needs an integer version >= 1");
    }
    set_->id_ = *id;
    set_->version_ = static_cast<int>(*version);
    set_->description_ = (*header)["description"].value_or(std::string());
    return Status::Ok();
  }

  // One [[...entry]] table of a lexicon (forms and attributes) read from `origin`, added
  // after the entries it has.
  static Status ReadEntry(const toml::node& e, const std::string& origin, Lexicon* lexicon) {
    const std::string& name = lexicon->name_;
    auto error = [&](const toml::node& at, const std::string& message) {
      return InvalidRule("lexicon " + name + ": " + message, Where(origin, LineOf(at)));
    };
    const toml::table* et = e.as_table();
    if (!et) return error(e, "entries must be tables");
    LexiconEntry entry;
    for (auto&& [ek, ev] : *et) {
      if (ek.str() == "forms") {
        const toml::array* forms = ev.as_array();
        if (!forms || forms->empty()) return error(ev, "forms must be a non-empty list");
        for (const toml::node& f : *forms) {
          auto form = f.value<std::string>();
          if (!form || FoldSpaces(*form).empty()) {
            return error(f, "forms must be non-empty strings");
          }
          entry.forms.push_back(FoldSpaces(*form));
        }
      } else {
        auto v = ScalarString(ev);
        if (!v) return error(ev, "attribute " + std::string(ek.str()) + " must be a scalar");
        entry.attrs[std::string(ek.str())] = *v;
      }
    }
    if (entry.forms.empty()) return error(e, "entry without forms");
    size_t index = lexicon->entries_.size();
    for (const std::string& f : entry.forms) {
      // The first entry to claim a form keeps it: lexicons list preferred readings first.
      lexicon->exact_.emplace(f, index);
      lexicon->folded_.emplace(AsciiLower(f), index);
    }
    lexicon->entries_.push_back(std::move(entry));
    return Status::Ok();
  }

  // The entries of a shared word list (`include = ["lexicons/numbers.toml"]`, relative to the
  // rule file's folder): a file of [[entry]] tables, read before the lexicon's own entries.
  Status ReadIncludedEntries(const std::string& file, int line, Lexicon* lexicon) const {
    const std::filesystem::path path = std::filesystem::path(origin_).parent_path() / file;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return Error(line, "lexicon " + lexicon->name_ + ": cannot open included " + path.string());
    }
    std::ostringstream text;
    text << in.rdbuf();
    toml::table root;
    try {
      root = toml::parse(text.str(), path.string());
    } catch (const toml::parse_error& e) {
      return InvalidRule(std::string(e.description()),
                         Where(path.string(), static_cast<int>(e.source().begin.line)));
    }
    const toml::array* entries = root["entry"].as_array();
    if (entries == nullptr || entries->empty()) {
      return InvalidRule("a word list needs [[entry]] tables", Where(path.string(), 1));
    }
    for (auto&& [key, value] : root) {
      if (key.str() != "entry") {
        return InvalidRule("unknown key '" + std::string(key.str()) + "'",
                           Where(path.string(), LineOf(value)));
      }
    }
    for (const toml::node& e : *entries) {
      if (Status s = ReadEntry(e, path.string(), lexicon); !s.ok()) return s;
    }
    return Status::Ok();
  }

  // The lexicon's alternation of its forms (pattern_, pattern_forms_) and its gate.
  static void BuildAlternation(Lexicon* lexicon) {
    // Among forms that match at one position, the alternation must try the longer
    // first. Any two such forms are a prefix of one another (after folding), so
    // descending order of the folded forms does that, and it also keeps forms with a
    // common prefix side by side, which RE2 factors into a trie: a far smaller
    // program than a flat list in order of length, and far faster to capture with.
    // Forms that differ only in ASCII case match the same text under (?i): one will do.
    std::vector<std::pair<std::string, std::string>> keyed;  // (order key, form)
    for (const auto& [form, index] : lexicon->exact_) {
      keyed.emplace_back(OrderKey(form, lexicon->ignore_case_), form);
    }
    std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::vector<std::string> forms;
    std::string last_lower;
    for (const auto& [key, form] : keyed) {
      if (lexicon->ignore_case_) {
        std::string lower = AsciiLower(form);
        if (!forms.empty() && lower == last_lower) continue;
        last_lower = std::move(lower);
      }
      forms.push_back(form);
    }
    std::string pattern = lexicon->ignore_case_ ? "(?i:" : "(?:";
    for (size_t i = 0; i < forms.size(); ++i) {
      if (i) pattern += '|';
      pattern += FormPattern(forms[i]);
    }
    pattern += ')';
    lexicon->pattern_ = std::move(pattern);
    lexicon->pattern_forms_ = std::move(forms);
    lexicon->gate_ = lexicon->pattern_;
    if (lexicon->pattern_.size() >= kGateLexiconBytes) {
      // Every form is words of non-space characters with single spaces between them.
      size_t spaces = 0;
      for (const std::string& f : lexicon->pattern_forms_) {
        spaces = std::max<size_t>(spaces, std::count(f.begin(), f.end(), ' '));
      }
      lexicon->gate_ =
          spaces == 0 ? "(?:\\S+)" : "(?:\\S+(?:\\s+\\S+){0," + std::to_string(spaces) + "})";
    }
  }

  Status ReadLexicons(const toml::table& root) {
    const toml::node_view<const toml::node> node = root["lexicon"];
    if (!node) return Status::Ok();
    const toml::table* lexicons = node.as_table();
    if (!lexicons) return Error(LineOf(*node.node()), "'lexicon' must be a table of lexicons");
    for (auto&& [key, value] : *lexicons) {
      const toml::table* table = value.as_table();
      std::string name(key.str());
      if (!table) return Error(LineOf(value), "lexicon " + name + " must be a table");
      Lexicon lexicon;
      lexicon.name_ = name;
      lexicon.ignore_case_ = (*table)["ignore_case"].value_or(false);
      for (auto&& [lk, lv] : *table) {
        static const std::set<std::string_view> kKnown = {"ignore_case", "include", "entry"};
        if (!kKnown.count(lk.str())) {
          return Error(LineOf(lv),
                       "lexicon " + name + ": unknown key '" + std::string(lk.str()) + "'");
        }
      }
      if (const toml::node_view<const toml::node> include = (*table)["include"]) {
        const toml::array* files = include.as_array();
        if (files == nullptr) {
          return Error(LineOf(*include.node()), "lexicon " + name + ": include must be a list");
        }
        for (const toml::node& f : *files) {
          auto file = f.value<std::string>();
          if (!file) return Error(LineOf(f), "lexicon " + name + ": include names files");
          if (Status s = ReadIncludedEntries(*file, LineOf(f), &lexicon); !s.ok()) return s;
        }
      }
      const toml::array* entries = (*table)["entry"].as_array();
      if ((!entries || entries->empty()) && lexicon.entries_.empty()) {
        return Error(LineOf(*table), "lexicon " + name + " has no [[lexicon." + name + ".entry]]");
      }
      if (entries != nullptr) {
        for (const toml::node& e : *entries) {
          if (Status s = ReadEntry(e, origin_, &lexicon); !s.ok()) return s;
        }
      }
      BuildAlternation(&lexicon);
      set_->lexicons_.emplace(name, std::move(lexicon));
    }
    return Status::Ok();
  }

  Status ReadFragments(const toml::table& root) {
    const toml::node_view<const toml::node> node = root["fragments"];
    if (!node) return Status::Ok();
    const toml::table* fragments = node.as_table();
    if (!fragments) return Error(LineOf(*node.node()), "'fragments' must be a table");
    for (auto&& [key, value] : *fragments) {
      auto text = value.value<std::string>();
      std::string name(key.str());
      if (!text) return Error(LineOf(value), "fragment " + name + " must be a string");
      if (set_->lexicons_.count(name)) {
        return Error(LineOf(value), "fragment " + name + " has the name of a lexicon");
      }
      raw_fragments_[name] = {*text, LineOf(value)};
    }
    for (const auto& [name, raw] : raw_fragments_) {
      std::vector<std::string> stack;
      auto expanded = ExpandFragment(name, Form::kPattern, &stack);
      if (!expanded.ok()) return expanded.status();
      set_->fragments_[name] = *expanded;
      if (when_ != Compile::kOnFirstUse) continue;
      for (Form form : {Form::kGate, Form::kOutline}) {
        auto other = ExpandFragment(name, form, &stack);
        if (!other.ok()) return other.status();
        expanded_[static_cast<size_t>(form)][name] = *other;
      }
    }
    return Status::Ok();
  }

  // What a lexicon reference expands to: the lexicon's pattern, its gate (see
  // Rule::gate), or a placeholder (see Rule::outline).
  enum class Form { kPattern, kGate, kOutline };

  // Expands %{name} references in text. `stack` holds the fragments being expanded, to
  // report cycles.
  Result<std::string> Expand(const std::string& text, int line, Form form,
                             std::vector<std::string>* stack) {
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
      if (text.compare(i, 2, "%{") != 0) {
        out += text[i++];
        continue;
      }
      size_t close = text.find('}', i + 2);
      if (close == std::string::npos) return Error(line, "unterminated %{ in pattern");
      std::string ref = text.substr(i + 2, close - i - 2);
      if (auto lex = set_->lexicons_.find(ref); lex != set_->lexicons_.end()) {
        switch (form) {
          case Form::kPattern:
            out += lex->second.pattern();
            break;
          case Form::kGate:
            out += lex->second.gate_;
            break;
          case Form::kOutline:
            out += kHole + ref + kHoleEnd;
            break;
        }
      } else if (raw_fragments_.count(ref)) {
        auto sub = ExpandFragment(ref, form, stack);
        if (!sub.ok()) return sub.status();
        out += "(?:" + *sub + ")";
      } else {
        return Error(line, "unknown fragment or lexicon %{" + ref + "}");
      }
      i = close + 1;
    }
    return out;
  }

  Result<std::string> ExpandFragment(const std::string& name, Form form,
                                     std::vector<std::string>* stack) {
    const auto& cache =
        form == Form::kPattern ? set_->fragments_ : expanded_[static_cast<size_t>(form)];
    if (auto done = cache.find(name); done != cache.end()) return done->second;
    const auto& [text, line] = raw_fragments_.at(name);
    if (std::find(stack->begin(), stack->end(), name) != stack->end()) {
      std::string cycle;
      for (const auto& s : *stack) cycle += s + " -> ";
      return Error(line, "fragment cycle: " + cycle + name);
    }
    stack->push_back(name);
    auto expanded = Expand(text, line, form, stack);
    stack->pop_back();
    return expanded;
  }

  Status ReadRules(const toml::table& root) {
    const toml::array* rules = root["rule"].as_array();
    if (!rules || rules->empty()) return Error(1, "no [[rule]] in rule set " + set_->id_);
    std::set<std::string> ids;
    for (const toml::node& node : *rules) {
      const toml::table* t = node.as_table();
      if (!t) return Error(LineOf(node), "[[rule]] must be a table");
      if (Status s = ReadRule(*t, &ids); !s.ok()) return s;
    }
    return Status::Ok();
  }

  // One [[rule]] table, appended to the set; `ids` holds the ids read so far.
  Status ReadRule(const toml::table& t, std::set<std::string>* ids) {
    Rule rule;
    rule.line = LineOf(t);
    auto id = t["id"].value<std::string>();
    if (!id || id->empty()) return Error(rule.line, "rule without an id");
    rule.id = *id;
    for (auto&& [key, value] : t) {
      static const std::set<std::string_view> kKnown = {
          "id", "pattern", "fields", "emit", "priority", "example", "counter_example", "comment"};
      if (!kKnown.count(key.str())) {
        return RuleError(rule, LineOf(value), "unknown key '" + std::string(key.str()) + "'");
      }
    }
    if (!ids->insert(rule.id).second) return RuleError(rule, rule.line, "duplicate rule id");
    int pattern_line = 0;
    if (Status s = ReadPattern(t, &rule, &pattern_line); !s.ok()) return s;
    if (Status s = ReadFields(t, &rule); !s.ok()) return s;
    rule.compiled = std::make_shared<CompiledRule>();
    rule.compiled->origin = origin_;
    rule.compiled->pattern_line = pattern_line;
    if (when_ == Compile::kAtLoad) {
      rule.re();
      if (!rule.compiled->status.ok()) return rule.compiled->status;
    }
    if (Status s = ReadEmit(t, &rule); !s.ok()) return s;
    rule.priority = static_cast<int>(t["priority"].value_or(int64_t{0}));
    if (Status s = ReadExamples(t, &rule); !s.ok()) return s;
    set_->rules_.push_back(std::move(rule));
    return Status::Ok();
  }

  // The rule's pattern with its fragments expanded (and, compiled on first use, its gate
  // and outline); `pattern_line` is set to the line the pattern is on.
  Status ReadPattern(const toml::table& t, Rule* rule, int* pattern_line) {
    auto pattern = t["pattern"].value<std::string>();
    if (!pattern || pattern->empty()) return RuleError(*rule, rule->line, "missing pattern");
    rule->source_pattern = *pattern;
    *pattern_line = LineOf(*t["pattern"].node());
    std::vector<std::string> stack;
    auto expanded = Expand(rule->source_pattern, *pattern_line, Form::kPattern, &stack);
    if (!expanded.ok()) return RuleError(*rule, *pattern_line, expanded.status().message());
    rule->pattern = *expanded;
    if (when_ != Compile::kOnFirstUse) return Status::Ok();
    auto gate = Expand(rule->source_pattern, *pattern_line, Form::kGate, &stack);
    if (!gate.ok()) return RuleError(*rule, *pattern_line, gate.status().message());
    rule->gate = *gate;
    // A pattern that writes the placeholders' own characters keeps its whole form.
    if (rule->pattern.find_first_of({kHole, kHoleEnd}) == std::string::npos) {
      auto outline = Expand(rule->source_pattern, *pattern_line, Form::kOutline, &stack);
      if (!outline.ok()) return RuleError(*rule, *pattern_line, outline.status().message());
      rule->outline = *outline;
    }
    return Status::Ok();
  }

  // The [emit] table's values as strings, with where each was written.
  Status ReadEmit(const toml::table& t, Rule* rule) {
    const toml::table* emit = t["emit"].as_table();
    if (!emit) return Status::Ok();
    for (auto&& [ek, ev] : *emit) {
      auto v = ScalarString(ev);
      if (!v) return RuleError(*rule, LineOf(ev), "emit values must be scalars");
      rule->emit[std::string(ek.str())] = *v;
      rule->emit_source[std::string(ek.str())] = {LineOf(ev), TomlType(ev)};
    }
    return Status::Ok();
  }

  // The declared field names; that they are the pattern's groups is checked with its RE2.
  Status ReadFields(const toml::table& t, Rule* rule) {
    const toml::array* fields = t["fields"].as_array();
    if (!fields) return RuleError(*rule, rule->line, "missing fields = [...] (may be empty)");
    for (const toml::node& f : *fields) {
      auto name = f.value<std::string>();
      if (!name) return RuleError(*rule, LineOf(f), "fields must be strings");
      rule->fields.push_back(*name);
    }
    const std::set<std::string> declared(rule->fields.begin(), rule->fields.end());
    if (declared.size() != rule->fields.size()) {
      return RuleError(*rule, rule->line, "a field is listed twice");
    }
    return Status::Ok();
  }

  Status ReadExamples(const toml::table& t, Rule* rule) {
    if (const toml::array* examples = t["example"].as_array()) {
      for (const toml::node& node : *examples) {
        const toml::table* et = node.as_table();
        if (!et) return RuleError(*rule, LineOf(node), "[[rule.example]] must be a table");
        Example ex;
        ex.line = LineOf(*et);
        for (auto&& [key, value] : *et) {
          static const std::set<std::string_view> kKnown = {"text", "match", "fields",
                                                            "reference_date", "expect"};
          if (!kKnown.count(key.str())) {
            return RuleError(*rule, LineOf(value),
                             "unknown example key '" + std::string(key.str()) + "'");
          }
        }
        auto text = (*et)["text"].value<std::string>();
        auto match = (*et)["match"].value<std::string>();
        if (!text || !match) return RuleError(*rule, ex.line, "example needs text and match");
        ex.text = *text;
        ex.match = *match;
        ex.reference_date = (*et)["reference_date"].value_or(std::string());
        if (const toml::table* fields = (*et)["fields"].as_table()) {
          for (auto&& [fk, fv] : *fields) {
            std::string name(fk.str());
            if (std::find(rule->fields.begin(), rule->fields.end(), name) == rule->fields.end()) {
              return RuleError(*rule, LineOf(fv), "example names unknown field " + name);
            }
            auto v = fv.value<std::string>();
            if (!v) return RuleError(*rule, LineOf(fv), "example field values must be strings");
            ex.fields[name] = *v;
          }
        }
        if (const toml::table* expect = (*et)["expect"].as_table()) {
          ex.expect_line = LineOf(*expect);
          for (auto&& [ek, ev] : *expect) {
            auto v = ScalarString(ev);
            if (!v) return RuleError(*rule, LineOf(ev), "expect values must be scalars");
            ex.expect[std::string(ek.str())] = *v;
          }
        }
        rule->examples.push_back(std::move(ex));
      }
    }
    if (rule->examples.empty()) return RuleError(*rule, rule->line, "needs at least one example");
    if (const toml::array* counters = t["counter_example"].as_array()) {
      for (const toml::node& node : *counters) {
        const toml::table* ct = node.as_table();
        auto text = ct ? (*ct)["text"].value<std::string>() : std::nullopt;
        if (!text) return RuleError(*rule, LineOf(node), "counter_example needs text");
        rule->counter_examples.push_back({*text, LineOf(*ct)});
      }
    }
    return Status::Ok();
  }

  RuleSet* set_;
  std::string origin_;
  Compile when_;
  std::map<std::string, std::pair<std::string, int>> raw_fragments_;
  // Each fragment expanded as a gate and as an outline (by Form), by name.
  std::map<std::string, std::string, std::less<>> expanded_[3];
};

RuleSet::RuleSet() = default;
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;
RuleSet::~RuleSet() = default;

Result<RuleSet> RuleSet::Load(const std::string& path, Compile when) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot open rule file", path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return IoError("cannot read rule file", path);
  return FromText(text.str(), path, when);
}

Result<RuleSet> RuleSet::FromText(std::string_view text, const std::string& origin, Compile when) {
  toml::table root;
  try {
    root = toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    return InvalidRule(std::string(e.description()),
                       Where(origin, static_cast<int>(e.source().begin.line)));
  }
  RuleSet set;
  RuleSetBuilder builder(&set, origin, when);
  if (Status s = builder.Build(root); !s.ok()) return s;
  return set;
}

void RuleSet::FocusOn(std::string_view text) {
  if (!on_first_use_) return;
  auto focus = std::make_shared<Focus>();
  focus->text = std::string(text);
  focus->set.from = CompiledSet::From::kFocus;
  const std::string folded = CaseFolded(text);
  std::map<std::string, std::string, std::less<>> patterns;  // lexicon -> its forms in text
  std::set<std::string, std::less<>> absent;                 // lexicons with none
  for (const auto& [name, lexicon] : lexicons_) {
    std::string pattern = lexicon.PatternFor(folded);
    if (pattern.empty()) {
      absent.insert(name);
      pattern = std::string("(?:") + kNothing + ")";
    }
    patterns[name] = std::move(pattern);
  }
  for (Rule& rule : rules_) {
    auto focused = std::make_unique<CompiledRule>();
    focused->origin = rule.compiled->origin;
    focused->pattern_line = rule.compiled->pattern_line;
    if (rule.outline.empty()) {
      focused->pattern = rule.pattern;
    } else if (!OutlineReader(rule.outline, absent).CanMatch()) {
      // Not worth RE2's time to find out.
      focused->pattern = NothingWithFields(rule);
    } else {
      focused->pattern = FillOutline(rule.outline, patterns);
    }
    rule.compiled->focused = std::move(focused);
    rule.compiled->focus = focus;
  }
  focus_ = std::move(focus);
}

Status RuleSet::CompileStatus() const {
  for (const Rule& rule : rules_) {
    const CompiledRule& c = *rule.compiled;
    if (c.done.load(std::memory_order_acquire) && !c.status.ok()) return c.status;
  }
  if (set_->done.load(std::memory_order_acquire)) return set_->status;
  return Status::Ok();
}

const Rule* RuleSet::FindRule(std::string_view id) const {
  for (const Rule& r : rules_) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

const Lexicon* RuleSet::lexicon(std::string_view name) const {
  auto it = lexicons_.find(name);
  return it == lexicons_.end() ? nullptr : &it->second;
}

const std::string* RuleSet::fragment(std::string_view name) const {
  auto it = fragments_.find(name);
  return it == fragments_.end() ? nullptr : &it->second;
}

std::vector<Match> RuleSet::FindAllOf(const Rule& rule, std::string_view text) const {
  std::vector<Match> out;
  const CompiledRule& compiled = CompiledFor(rule, text);
  const RE2& re = *compiled.re;
  const int ngroups = re.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> groups(static_cast<size_t>(ngroups) + 1);
  const re2::StringPiece input(text.data(), text.size());
  size_t pos = 0;
  const size_t rule_index = static_cast<size_t>(&rule - rules_.data());
  while (pos <= text.size()) {
    if (!re.Match(input, pos, text.size(), RE2::UNANCHORED, groups.data(), ngroups + 1)) break;
    Match m;
    m.rule = &rule;
    m.rule_index = rule_index;
    m.start = static_cast<size_t>(groups[0].data() - text.data());
    m.end = m.start + groups[0].size();
    FillCaptures(rule, compiled.field_groups, text, groups, &m);
    if (m.end > m.start) {
      pos = m.end;
      out.push_back(std::move(m));
    } else {
      // An empty match is never a fact; step over one UTF-8 character.
      pos = m.start + 1;
      while (pos < text.size() && IsUtf8ContinuationByte(text[pos])) ++pos;
    }
  }
  return out;
}

Match RuleSet::MatchAt(const Rule& rule, size_t rule_index, std::string_view text, size_t start,
                       size_t end) {
  const std::string_view span = text.substr(start, end - start);
  const CompiledRule& compiled = CompiledFor(rule, span);
  Match m;
  m.rule = &rule;
  m.rule_index = rule_index;
  m.start = start;
  m.end = end;
  const std::optional<SpanGroups> found = GroupsOfSpan(compiled, span);
  if (found) FillCaptures(rule, compiled.field_groups, text, InSpan(*found, span), &m);
  return m;
}

MatchMemo::MatchMemo() {
  if (remembered == nullptr) {
    remembered = std::make_unique<Remembered>();
    owner_ = true;
  }
}

MatchMemo::~MatchMemo() {
  if (owner_) remembered.reset();
}

std::vector<Match> RuleSet::FindAll(std::string_view text) const {
  CompiledSet* compiled = focus_ && focus_->Covers(text) ? &focus_->set : set_.get();
  std::call_once(compiled->once, [&] {
    compiled->status = RuleSetBuilder::CompileSet(*this, compiled);
    compiled->done.store(true, std::memory_order_release);
  });
  std::vector<int> candidates;
  re2::RE2::Set::ErrorInfo info;
  if (compiled->set == nullptr ||
      (!compiled->set->Match(re2::StringPiece(text.data(), text.size()), &candidates, &info) &&
       info.kind != re2::RE2::Set::kNoError)) {
    // No set (it failed to build on first use), or its DFA ran out of memory on this
    // text: every rule is a candidate.
    candidates.clear();
    for (size_t i = 0; i < rules_.size(); ++i) candidates.push_back(static_cast<int>(i));
  }
  std::sort(candidates.begin(), candidates.end());
  std::vector<Match> out;
  for (int index : candidates) {
    std::vector<Match> found = FindAllOf(rules_[static_cast<size_t>(index)], text);
    std::move(found.begin(), found.end(), std::back_inserter(out));
  }
  std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end > b.end;
    if (a.rule->priority != b.rule->priority) return a.rule->priority > b.rule->priority;
    return a.rule_index < b.rule_index;
  });
  return out;
}

std::vector<Match> RuleSet::SelectNonOverlapping(std::vector<Match> matches) {
  std::stable_sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
    if (a.length() != b.length()) return a.length() > b.length();
    if (a.rule->priority != b.rule->priority) return a.rule->priority > b.rule->priority;
    if (a.rule_index != b.rule_index) return a.rule_index < b.rule_index;
    return a.start < b.start;
  });
  std::vector<Match> chosen;
  // Chosen spans kept sorted by start so each overlap test is a neighbour lookup.
  std::map<size_t, size_t> taken;  // start -> end
  for (Match& m : matches) {
    auto next = taken.lower_bound(m.start);
    if (next != taken.end() && next->first < m.end) continue;
    if (next != taken.begin() && std::prev(next)->second > m.start) continue;
    taken.emplace(m.start, m.end);
    chosen.push_back(std::move(m));
  }
  std::sort(chosen.begin(), chosen.end(),
            [](const Match& a, const Match& b) { return a.start < b.start; });
  return chosen;
}

std::vector<std::string> RuleSet::RunExamples() const {
  std::vector<std::string> failures;
  auto fail = [&](const Rule& rule, int line, const std::string& message) {
    failures.push_back(Where(origin_, line) + ": rule " + rule.id + ": " + message);
  };
  for (const Rule& rule : rules_) {
    for (const Example& ex : rule.examples) {
      std::vector<Match> found = FindAllOf(rule, ex.text);
      const Match* hit = nullptr;
      for (const Match& m : found) {
        if (ex.text.substr(m.start, m.length()) == ex.match) {
          hit = &m;
          break;
        }
      }
      if (!hit) {
        std::string got;
        for (const Match& m : found) got += " '" + ex.text.substr(m.start, m.length()) + "'";
        fail(rule, ex.line,
             "example does not match '" + ex.match + "'" +
                 (got.empty() ? std::string(" (no match)") : " (matched:" + got + ")"));
        continue;
      }
      for (const auto& [name, want] : ex.fields) {
        std::string_view have = hit->Group(name);
        if (have != want) {
          fail(rule, ex.line,
               "field " + name + " is '" + std::string(have) + "', expected '" + want + "'");
        }
      }
    }
    for (const CounterExample& ce : rule.counter_examples) {
      std::vector<Match> found = FindAllOf(rule, ce.text);
      if (!found.empty()) {
        fail(rule, ce.line,
             "counter-example matches '" + ce.text.substr(found[0].start, found[0].length()) + "'");
      }
    }
  }
  return failures;
}

size_t RuleSet::example_count() const {
  size_t n = 0;
  for (const Rule& r : rules_) n += r.examples.size() + r.counter_examples.size();
  return n;
}

}  // namespace newsfacts::rules
