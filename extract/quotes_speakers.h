// Speakers: who a quotation's attribution names. The words written where the speaker is
// (a pronoun, an official's mention, a name, a role) resolved against the people of the
// article (extract/coref.h) into the name to report. The third step of the quotes
// extractor (extract/quotes.cc), after extract/quotes_attribution.h; private to extract/.
//
// Offsets are bytes into the UTF-8 text. Thread safety: as People (one per article and
// thread).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "common/article.h"
#include "extract/coref.h"
#include "extract/rule_set.h"

namespace newsfacts::quotes {

// Who is who comes from the coreference pass.
using coref::AsideAfter;
using coref::HeadWord;
using coref::Lexicons;
using coref::Named;
using coref::NarrowName;
using coref::People;

struct Speaker {
  // The name to report; none for "they" or "we", for a pronoun whose antecedent is not
  // found, and for words that name no one.
  std::optional<std::string> name;
  // The mention credited: [start, end), or none for a capitalised word that names no one
  // ("That said, ...").
  std::optional<Span> span;
};

// The speaker written at [start, end) of the quotation opening at `open`, in this order:
//  - a `pronoun_word` form: by its `speaker` attribute, the antecedent of "he", "she"
//    or "it" (People::PronounAt, read from the earlier of start and open), or nobody
//    ("none": "they", "we");
//  - an official's mention: that official's name;
//  - otherwise the phrase narrowed to a name (NarrowName). Only `not_name` words that
//    are no `organisation` word: no speaker. A capitalised name held by an official's
//    name: that official. A `definite_article` + role ("the senator"): the official
//    whose title has that head noun, else (when no organisation) the one person
//    described so (People::ByDescriptor). Else the fullest earlier form of a
//    capitalised name, or the role as written.
// A name or role is first cut at its affiliation (CutAtAffiliation, by the
// `affiliation_link` lexicon of `rules`); a role whose capitalised words follow such a
// link ("a spokesperson for the British Foreign Office") is reported whole, as a role;
// a role is reported without its indefinite article (DropIndefiniteArticle); a
// document ("the statement", "a report from X") is its author (see DocumentAuthor in
// the .cc); an acronym is the name written out before it (People::SpelledOut). A resolved speaker
// is noted in `who` for later pronouns and descriptions.
Speaker ResolveSpeaker(std::string_view text, const rules::RuleSet& rules, People& who,
                       size_t start, size_t end, size_t open);

// The end of the person's name in a speaker written as a name, a link word (`links`:
// "of", "at") and the place or organisation the person is of: "planetary geologist
// Rosaly Lopes of NASA's Jet Propulsion Laboratory" ends after "Lopes". Only when the
// first link is preceded by two capitalised words that are no `descriptor`, `not_name`
// or `organisation` word and followed by a capitalised word ("Secretary of State X",
// "Bank of America" are kept whole); else `end`. A null `links` holds no word.
size_t CutAtAffiliation(std::string_view text, size_t start, size_t end,
                        const rules::Lexicon* links, const Lexicons& lex);

// Where a role reported as written starts: after a leading `indefinite_article` ("a
// WeWork spokesperson" -> "WeWork spokesperson", the form the guideline reports), when
// a word follows it; else `start`.
size_t DropIndefiniteArticle(std::string_view text, size_t start, size_t end, const Lexicons& lex);

}  // namespace newsfacts::quotes
