// Speakers: the words where the speaker is written, resolved to the name to report.

#include "extract/quotes_speakers.h"

#include <algorithm>
#include <vector>

#include "extract/quotes_attribution.h"

namespace newsfacts::quotes {
namespace {

struct Resolved {
  std::optional<std::string> name;
  bool org = false;      // an organisation, for a later "it"
  bool credited = true;  // false: the words name no one, and no mention is credited
  std::optional<size_t> start = std::nullopt;  // where the credited words start, if before
};

// Do the words of text[start, at), before their last capitalised ones ("British
// Foreign"), end with a `links` word, or one and a `definite_article` ("spokesperson for
// the")?
bool AfterLink(std::string_view text, size_t start, size_t at, const rules::Lexicon* links,
               const Lexicons& lex) {
  const std::vector<people::Word> words = people::SplitWords(text.substr(start, at - start));
  size_t n = words.size();
  while (n > 0 && people::StartsUpper(words[n - 1].text)) --n;
  if (n > 0 && people::HasForm(lex.definite_article, words[n - 1].text)) --n;
  return n > 0 && people::HasForm(links, words[n - 1].text);
}

// A document as the speaker: its author. "report from Kotak Institutional Equities" (a
// `document` word, an `author_link` word, a capitalised name) is the name; "the
// statement" or "a statement" alone is the organisation named last before it ("the US
// military said in a statement … “…,” the statement said", "the Electoral Commission
// issued a statement warning that “…”"), when there is one. None for other words.
std::optional<Resolved> DocumentAuthor(std::string_view text, const rules::RuleSet& rules,
                                       People& who, size_t start, size_t end) {
  const Lexicons& lex = who.lexicons();
  const std::vector<people::Word> words = people::SplitWords(text.substr(start, end - start));
  size_t i = 0;
  if (i < words.size() && (people::HasForm(lex.definite_article, words[i].text) ||
                           people::HasForm(lex.indefinite_article, words[i].text))) {
    ++i;
  }
  if (i >= words.size() || !people::HasForm(rules.lexicon("document"), words[i].text)) {
    return std::nullopt;
  }
  if (i + 1 == words.size()) {
    if (i == 0) return std::nullopt;  // "report", with no article, names no one in particular
    if (std::optional<std::string> org = who.Antecedent(start, 'o')) {
      return Resolved{std::move(org), true};
    }
    return std::nullopt;
  }
  if (i + 2 < words.size() && people::HasForm(rules.lexicon("author_link"), words[i + 1].text)) {
    size_t from = i + 2;
    if (people::HasForm(lex.definite_article, words[from].text) && from + 1 < words.size()) ++from;
    if (people::StartsUpper(words[from].text)) {
      const std::string_view rest =
          text.substr(start + words[from].start, words.back().end - words[from].start);
      return Resolved{people::FoldSpaces(rest), who.IsOrgPhrase(rest)};
    }
  }
  return std::nullopt;
}

// A speaker written as a name or a role: neither a pronoun nor an official's mention.
// A role written after an organisation's possessive ("China's ambassador to Britain"):
// the official holding that title, mentioned last before or, when none was, named in the
// paragraphs after; else the role as written. None for other words.
std::optional<Resolved> PossessiveRole(std::string_view text, const rules::RuleSet& rules,
                                       People& who, size_t start, size_t end) {
  // The attribution may have taken only the place the role is of ("Britain" of "China's
  // ambassador to Britain accused"): the role and the possessive before it are read too.
  constexpr size_t kMaxBack = 60;  // bytes
  const size_t from = start > kMaxBack ? start - kMaxBack : 0;
  const std::vector<people::Word> before = people::SplitWords(text.substr(from, start - from));
  size_t k = before.size();
  if (k >= 3 && people::HasForm(who.lexicons().title_link, before[k - 1].text)) {
    size_t r = k - 1;
    while (r > 0 && !people::StartsUpper(before[r - 1].text)) --r;
    if (r > 0 && r < k - 1 &&
        people::EndsWithForm(rules.lexicon("possessive"), before[r - 1].text)) {
      start = from + before[r - 1].start;
    }
  }
  const std::string phrase = people::FoldSpaces(text.substr(start, end - start));
  const std::vector<people::Word> words = people::SplitWords(phrase);
  if (words.size() < 2 || !people::StartsUpper(words[0].text) ||
      !people::EndsWithForm(rules.lexicon("possessive"), words[0].text) ||
      people::StartsUpper(words[1].text)) {
    return std::nullopt;
  }
  const std::vector<people::Word> role(words.begin() + 1, words.end());
  const std::string_view head = HeadWord(role, who.lexicons());
  std::optional<size_t> official = who.ByTitle(head, start);
  if (!official) official = who.ByTitleNamedAfter(head, end);
  if (official) return Resolved{who.official(*official).name, false, true, start};
  return Resolved{phrase, who.IsOrgPhrase(phrase), true, start};
}

// A role read with the adverb after it ("the actor previously" of "the actor previously
// said") without it: a last word of six letters or more in "-ly" after two words or more.
size_t DropTrailingAdverb(std::string_view text, size_t start, size_t end) {
  const std::vector<people::Word> words = people::SplitWords(text.substr(start, end - start));
  if (words.size() < 3) return end;
  const std::string_view last = words.back().text;
  if (last.size() < 6 || last.substr(last.size() - 2) != "ly" || people::StartsUpper(last)) {
    return end;
  }
  return start + words[words.size() - 2].end;
}

// Who a definite role stands for ("the senator", "the Republican nominee", "the
// congresswoman", "the expert"), written at `start`; none when no one is known so.
std::optional<std::string> DefiniteRole(const rules::RuleSet& rules, People& who,
                                        const std::string& name,
                                        const std::vector<people::Word>& words, size_t start) {
  const Lexicons& lex = who.lexicons();
  // "the senator said", "the former secretary of state said": the official whose title
  // has that head noun, mentioned last.
  if (std::optional<size_t> titled = who.ByTitle(HeadWord(words, lex), start)) {
    return who.official(*titled).name;
  }
  if (who.IsOrgPhrase(name)) {
    // "the production company said": the organisation named last before, when one is
    // and it is no outlet ("… seen by BuzzFeed News. The company said" is not BuzzFeed).
    std::optional<std::string> org = who.Antecedent(start, 'o');
    if (org && people::StartsUpper(*org) && !AnyWordIn(rules.lexicon("outlet"), *org)) {
      return org;
    }
    return std::nullopt;
  }
  if (std::optional<std::string> described = who.ByDescriptor(words, start)) return described;
  // "the congresswoman said", "the “Pose” actor said", with no one described so: the
  // woman (man) a "she" ("he") there would stand for. Not for the plain person nouns of
  // `role` ("the man", "the mother"), which anyone may be.
  const std::string_view head = words.back().text;
  const char gender = !people::HasForm(rules.lexicon("role"), head) ? GenderWord(lex, head) : 0;
  if (gender != 0) {
    if (std::optional<std::string> person = who.Antecedent(start, gender)) return person;
  }
  // "The 56-year-old said": an age alone describes the person written about last.
  if (words.size() == 2 && people::EndsWithForm(rules.lexicon("age_ending"), words[1].text)) {
    if (std::optional<std::string> person = who.Antecedent(start, 'p')) return person;
  }
  // "said one legal expert … “…,” the expert warned": the role credited before.
  return who.ByEarlierRole(HeadWord(words, lex), start);
}

// Do the words of text[start, end) hold a subject pronoun before their last word ("he
// trusted the Israeli" read as a speaker after "…”, saying")? Then they are a clause.
bool HoldsSubjectPronoun(std::string_view text, size_t start, size_t end, const Lexicons& lex) {
  const std::vector<people::Word> words = people::SplitWords(text.substr(start, end - start));
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    const rules::LexiconEntry* e =
        lex.pronoun_word ? lex.pronoun_word->Find(words[i].text) : nullptr;
    if (e != nullptr && !e->attr("speaker").empty()) return true;
  }
  return false;
}

// "as one neo-bank CEO told me": a title read alone takes back the lower-case words of
// its role, up to two, after a `role_lead` word ("one"). `start` when there are none.
size_t RoleStart(std::string_view text, size_t start, size_t end, const Lexicons& lex,
                 const rules::Lexicon* role_lead) {
  if (!people::HasForm(lex.descriptor, people::FoldSpaces(text.substr(start, end - start)))) {
    return start;
  }
  constexpr size_t kBack = 40;  // bytes
  const size_t from = start > kBack ? start - kBack : 0;
  const std::vector<people::Word> before = people::SplitWords(text.substr(from, start - from));
  size_t k = before.size(), lower = 0;
  while (k > 0 && lower < 2 && !people::StartsUpper(before[k - 1].text) &&
         !people::HasForm(role_lead, before[k - 1].text)) {
    --k;
    ++lower;
  }
  if (lower == 0 || k == 0 || !people::HasForm(role_lead, before[k - 1].text)) return start;
  return from + before[k - 1].start;
}

Resolved ResolveWritten(std::string_view text, const rules::RuleSet& rules, People& who,
                        size_t start, size_t end) {
  const Lexicons& lex = who.lexicons();
  if (HoldsSubjectPronoun(text, start, end, lex)) return {std::nullopt, false, false};
  if (const size_t role = RoleStart(text, start, end, lex, rules.lexicon("role_lead"));
      role < start) {
    return {people::FoldSpaces(text.substr(role, end - role)), false, true, role};
  }
  if (std::optional<Resolved> role = PossessiveRole(text, rules, who, start, end)) return *role;
  end = CutAtAffiliation(text, start, end, rules.lexicon("affiliation_link"), lex);
  auto [a, b] = NarrowName(text, start, end, lex);
  // "a spokesperson for the British Foreign Office": the capitalised words are whom the
  // role serves, not the speaker's name; the role is reported.
  if (a > start && AfterLink(text, start, a, rules.lexicon("affiliation_link"), lex)) {
    a = start;
    b = end;
  }
  b = DropTrailingAdverb(text, a, b);
  if (std::optional<Resolved> author = DocumentAuthor(text, rules, who, a, b)) return *author;
  a = DropIndefiniteArticle(text, a, b, lex);
  const std::string name = people::FoldSpaces(text.substr(a, b - a));
  const std::vector<people::Word> words = people::SplitWords(name);
  const bool capitalised = people::StartsUpper(name);
  // "the senator", "The 56-year-old" (at a sentence's start): a role after an article.
  const bool definite_role = words.size() >= 2 && !people::StartsUpper(words[1].text) &&
                             people::HasForm(lex.definite_article, words[0].text);
  // "That said, ...": a capitalised word that is no name is no speaker.
  bool no_name = !words.empty() && capitalised;
  for (const people::Word& w : words) {
    no_name = no_name && people::HasForm(lex.not_name, w.text) &&
              !people::HasForm(lex.organisation, w.text);
  }
  if (no_name) {
    // "York said", after "Kate York": a word that is mostly no name is the surname of a
    // person named before.
    if (words.size() == 1) {
      std::string full = who.Fullest(name, start);
      if (full != name) return {std::move(full)};
    }
    return {std::nullopt, false, false};
  }
  if (words.size() == 1) {
    if (std::optional<std::string> full = who.SpelledOut(name, start)) {
      return {std::move(full), true};
    }
  }
  if (capitalised && !definite_role) {
    if (std::optional<size_t> official = who.ByName(name, start)) {
      return {who.official(*official).name};
    }
  }
  if (definite_role) {
    if (std::optional<std::string> person = DefiniteRole(rules, who, name, words, start)) {
      return {std::move(person)};
    }
  }
  return {capitalised && !definite_role ? who.Fullest(name, start) : name, who.IsOrgPhrase(name)};
}

}  // namespace

size_t CutAtAffiliation(std::string_view text, size_t start, size_t end,
                        const rules::Lexicon* links, const Lexicons& lex) {
  const std::vector<people::Word> words = people::SplitWords(text.substr(start, end - start));
  auto names = [&](const people::Word& w) {
    return people::StartsUpper(w.text) && !people::HasForm(lex.descriptor, w.text) &&
           !people::HasForm(lex.not_name, w.text) && !people::HasForm(lex.organisation, w.text);
  };
  for (size_t i = 1; i + 1 < words.size(); ++i) {
    if (!people::HasForm(links, words[i].text)) continue;
    // "Secretary of State X", "Bank of America": one capitalised word, or a title, before
    // the link is no name of a person.
    if (i >= 2 && names(words[i - 2]) && names(words[i - 1]) &&
        people::StartsUpper(words[i + 1].text)) {
      return start + words[i - 1].end;
    }
    return end;
  }
  return end;
}

size_t DropIndefiniteArticle(std::string_view text, size_t start, size_t end, const Lexicons& lex) {
  const std::vector<people::Word> words = people::SplitWords(text.substr(start, end - start));
  if (words.size() < 2 || !people::HasForm(lex.indefinite_article, words[0].text)) return start;
  return start + words[1].start;
}

Speaker ResolveSpeaker(std::string_view text, const rules::RuleSet& rules, People& who,
                       size_t start, size_t end, size_t open) {
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
    Resolved resolved = ResolveWritten(text, rules, who, start, end);
    if (!resolved.credited) out.span.reset();
    if (resolved.start && *resolved.start < start && out.span) {
      start = *resolved.start;
      out.span->start = static_cast<int64_t>(start);
    }
    out.name = std::move(resolved.name);
    org = resolved.org;
  }
  if (out.name) who.Note(start, end, *out.name, org);
  return out;
}

}  // namespace newsfacts::quotes
