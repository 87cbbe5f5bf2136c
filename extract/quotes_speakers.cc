// Speakers: the words where the speaker is written, resolved to the name to report.

#include "extract/quotes_speakers.h"

#include <algorithm>
#include <vector>

namespace newsfacts::quotes {
namespace {

struct Resolved {
  std::optional<std::string> name;
  bool org = false;      // an organisation, for a later "it"
  bool credited = true;  // false: the words name no one, and no mention is credited
};

// A speaker written as a name or a role: neither a pronoun nor an official's mention.
Resolved ResolveWritten(std::string_view text, People& who, size_t start, size_t end) {
  const Lexicons& lex = who.lexicons();
  auto [a, b] = NarrowName(text, start, end, lex);
  const std::string name = people::FoldSpaces(text.substr(a, b - a));
  const std::vector<people::Word> words = people::SplitWords(name);
  const bool capitalised = people::StartsUpper(name);
  // "That said, ...": a capitalised word that is no name is no speaker.
  bool no_name = !words.empty() && capitalised;
  for (const people::Word& w : words) {
    no_name = no_name && people::HasForm(lex.not_name, w.text) &&
              !people::HasForm(lex.organisation, w.text);
  }
  if (no_name) return {std::nullopt, false, false};
  if (capitalised) {
    if (std::optional<size_t> official = who.ByName(name, start)) {
      return {who.official(*official).name};
    }
  }
  if (!capitalised && words.size() >= 2 && people::HasForm(lex.definite_article, words[0].text)) {
    // "the senator said", "the former secretary of state said": the official whose
    // title has that head noun, mentioned last.
    if (std::optional<size_t> titled = who.ByTitle(HeadWord(words, lex), start)) {
      return {who.official(*titled).name};
    }
    if (!who.IsOrgPhrase(name)) {
      if (std::optional<std::string> described = who.ByDescriptor(words, start)) {
        return {std::move(described)};
      }
    }
  }
  return {capitalised ? who.Fullest(name, start) : name, who.IsOrgPhrase(name)};
}

}  // namespace

Speaker ResolveSpeaker(std::string_view text, People& who, size_t start, size_t end, size_t open) {
  Speaker out;
  out.span = Span{static_cast<int64_t>(start), static_cast<int64_t>(end)};
  const rules::Lexicon* pronouns = who.lexicons().pronoun_word;
  const std::string written = people::FoldSpaces(text.substr(start, end - start));
  const rules::LexiconEntry* pronoun = pronouns ? pronouns->Find(written) : nullptr;
  const std::string& refers = pronoun ? pronoun->attr("speaker") : rules::LexiconEntry::kEmpty;
  bool org = false;
  if (refers == "m" || refers == "f" || refers == "o") {
    // PronounAt notes the pronoun as a mention itself.
    out.name = who.PronounAt(start, refers[0], std::min(start, open));
    if (out.name) return out;
  } else if (refers == "none") {
    // A group or the speaker's own voice: nobody to name.
  } else if (std::optional<size_t> official = who.At(start, end)) {
    out.name = who.official(*official).name;
  } else {
    Resolved resolved = ResolveWritten(text, who, start, end);
    if (!resolved.credited) out.span.reset();
    out.name = std::move(resolved.name);
    org = resolved.org;
  }
  if (out.name) who.Note(start, end, *out.name, org);
  return out;
}

}  // namespace newsfacts::quotes
