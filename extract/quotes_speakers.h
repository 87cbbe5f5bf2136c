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
// A resolved speaker is noted in `who` for later pronouns and descriptions.
Speaker ResolveSpeaker(std::string_view text, People& who, size_t start, size_t end, size_t open);

}  // namespace newsfacts::quotes
