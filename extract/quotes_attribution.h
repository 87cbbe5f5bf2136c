// Attribution: the words around a quotation that credit someone with it ("Ruiz said",
// "according to the Border Ledger", "in an interview with El Universal"), found with the
// attribution rules of rules/quotes.toml, and what they say: the cue, where the speaker
// is written, the outlet or document the quotation came through. The second step of the
// quotes extractor (extract/quotes.cc), after extract/quotes_marks.h; who the speaker is
// is worked out afterwards (extract/quotes_speakers.h). Private to extract/.
//
// Offsets are bytes into the UTF-8 text. Thread safety: reentrant; the rule set is only
// read, and the rules it hands out must outlive the Roles and matches made from them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/quotes_marks.h"
#include "extract/rule_set.h"

namespace newsfacts::quotes {

// How far before or after a quotation its attribution is looked for, in bytes.
constexpr size_t kWindow = 400;

// The rules of one emit role, in file order.
using RoleRules = std::vector<const rules::Rule*>;

// The rules of the quotes set by their `role` emit.
struct Roles {
  explicit Roles(const rules::RuleSet& rules);
  RoleRules after;                   // right after the closing mark, anchored there
  RoleRules before;                  // right before the opening mark, anchored there
  RoleRules partial_before;          // before a fragment (partial), or the sentence before
  RoleRules sign_off;                // the paragraph after a quotation that is a paragraph alone
  RoleRules interview;               // "in an interview with X" near a quotation
  RoleRules person;                  // names written without a title
  RoleRules org;                     // organisations written with "the"
  const rules::Lexicon* cue;         // verbs of saying (`cue`), null when the set has none
  const rules::Lexicon* small_word;  // words a title keeps in lower case (`small_word`)
};

// True when `phrase` as a whole, or one of its words, is written exactly as a form of `lex`
// (false for a null lexicon).
bool AnyWordIn(const rules::Lexicon* lex, std::string_view phrase);

// The best match of `rules` (one role) in text[from, to): the rule of higher priority
// wins, then the longer match, then the earlier rule. None when to <= from or nothing
// matches. The match's offsets are into text.
std::optional<rules::Match> Attribute(std::string_view text, const RoleRules& rules, size_t from,
                                      size_t to);

// Quotations split by their attribution joined: “A,” he said. “B.” is one quotation in
// two parts, with the words between as its gap_attribution, when both pieces are on one
// line, the first is no fragment of a sentence (FollowsWord with the `cue` lexicon) and
// was not joined already, the words between are an `after` attribution naming a speaker
// followed only by the rest of its sentence, and the second piece has no `after`
// attribution of its own (when it has one, it is kept in the piece's `after`). Order is
// kept; the result holds every part of `raw`.
std::vector<RawQuote> JoinSplitQuotations(std::string_view text, const rules::RuleSet& rules,
                                          const Roles& roles, std::vector<RawQuote> raw);

// The attribution of q, the first that matches: its gap_attribution; for a whole
// quotation right after a cue and a comma or colon ("… and said, “…,” the office said"),
// the `before` rules; the `after` rules
// from its closing mark to its paragraph's end (at most kWindow bytes); when q is its
// paragraph's only words, the `sign_off` rules over the next paragraph, if that one is
// short ("– Maria K."); the `before`
// rules (the `partial_before` ones when partial) over its paragraph up to its opening
// mark, or over the previous paragraph when q opens its own and that one ends in ':';
// for a whole quotation, the `partial_before` rules over the sentence that ends just
// before it in its paragraph, or, when it opens its paragraph, over the last sentence of
// the paragraph before if that one holds no quotation mark. None when nothing matches.
std::optional<rules::Match> FindAttribution(std::string_view text, const Roles& roles,
                                            const RawQuote& q, bool partial);

// FindAttribution's steps after the `after` rules: from the sign-off rules on.
std::optional<rules::Match> AttributionBefore(std::string_view text, const Roles& roles,
                                              const RawQuote& q, bool partial);

// What an attribution match says.
struct Credit {
  std::optional<std::string> cue;  // lower case, whitespace folded ("is quoted by")
  // Where the speaker is written: the `speaker` group, the name in an aside between a
  // lower-case role and the cue ("a spokeswoman, Emily Park, said"), or an `object` that
  // is no outlet or document ("according to his aunt").
  std::optional<std::pair<size_t, size_t>> speaker_at;
  // The outlet or document the quotation came through, by the rule's `object` emit:
  // "via" always, "outlet" when a word of it is in the `outlet` lexicon,
  // "speaker_or_via" when it is in `outlet` or `document`. Without a leading
  // `definite_article` before a capital ("the Border Ledger" -> "Border Ledger").
  std::optional<std::string> via;
};
Credit ReadAttribution(std::string_view text, const rules::RuleSet& rules,
                       const rules::Match& attribution);

// The outlet of an `interview` rule match ("in an interview with X") in q's paragraph
// within kWindow bytes of q, outside q; the first rule, then the first match, that has
// one. None when there is none.
std::optional<std::string> InterviewVia(std::string_view text, const rules::RuleSet& rules,
                                        const Roles& roles, const RawQuote& q);

}  // namespace newsfacts::quotes
