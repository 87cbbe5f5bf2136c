// Officials: titled names from rules/officials.toml joined into one entry per person.
// The decisions shared with the rule file are listed at the top of that file. The steps,
// in order: the titled names make the people (AddTitled); then their later mentions by
// honorific (AddHonorifics), by name (AddNameMentions) and by title alone
// (AddTitlesAlone). Pronouns are the coreference pass's (extract/coref.h): ExtractOfficials
// runs one of its own, ExtractOfficialsAndQuotes shares the quotes'.

#include "extract/officials.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/coref.h"
#include "extract/extract.h"
#include "extract/people.h"
#include "extract/quotes_attribution.h"

namespace newsfacts {
namespace {

using rules::Capture;
using rules::Lexicon;
using rules::Match;
using rules::Rule;
using rules::RuleSet;

// Beyond this many distinct people, later ones are still reported but their later
// mentions by name are not searched: each person costs a pass over the text.
constexpr size_t kMaxSearchedPeople = 256;

struct Person {
  std::vector<std::string> words;  // the fullest name, word by word
  std::string name;
  std::string title;
  bool former = false;
  std::optional<std::string> affiliation;
  Span span;
  std::string rule;
  size_t last_fixed_start = 0;  // start of the latest titled or honorific mention
};

struct Mention {
  Span span;
  size_t person = 0;
};

// A surname as compared: "Zelensky", "Zelenskiy" and "Zelenskyy" are one name written
// three ways (a final "y", "i", "iy" or "yy" is left out of a word of six letters or more).
std::string SurnameKey(const std::string& word) {
  constexpr size_t kMinLetters = 6;
  if (word.size() < kMinLetters) return word;
  size_t n = word.size();
  while (n > kMinLetters - 2 && (word[n - 1] == 'y' || word[n - 1] == 'i')) --n;
  return word.substr(0, n);
}

// Are the words of `part` the last words of `whole` (the surname as SurnameKey reads it)?
bool IsSuffix(const std::vector<std::string>& part, const std::vector<std::string>& whole) {
  if (part.empty() || part.size() > whole.size()) return false;
  if (SurnameKey(part.back()) != SurnameKey(whole.back())) return false;
  return std::equal(part.rbegin() + 1, part.rend(), whole.rbegin() + 1);
}

bool TitlesCompatible(const std::string& a, const std::string& b) {
  const std::string la = people::AsciiLower(a);
  const std::string lb = people::AsciiLower(b);
  return la.find(lb) != std::string::npos || lb.find(la) != std::string::npos;
}

std::string CanonicalTitle(const RuleSet& rules, std::string_view written) {
  std::string folded = people::FoldSpaces(written);
  if (const Lexicon* lex = rules.lexicon("title")) {
    if (const rules::LexiconEntry* e = lex->Find(folded)) return e->attr("canonical", folded);
  }
  return folded;
}

// A name capture with stop words and dangling particles or initials cut off the end.
// `words` leaves out a closing `name_suffix` ("Jr.", "II"), which the span keeps: later
// mentions say "Kennedy", never "Jr.".
struct CleanName {
  size_t start = 0;
  size_t end = 0;
  std::vector<std::string> words;
};

// With strip_leading, stop words at the front are cut off ("Yesterday Rosa Vidal", for
// a name written before its title); otherwise a name starting with one is dropped.
std::optional<CleanName> Clean(const RuleSet& rules, const Capture& cap,
                               bool strip_leading = false) {
  std::vector<people::Word> words = people::SplitWords(cap.text);
  const Lexicon* stop = rules.lexicon("not_name");
  const Lexicon* particle = rules.lexicon("particle");
  const Lexicon* suffix = rules.lexicon("name_suffix");
  const bool suffixed = words.size() > 1 && people::HasForm(suffix, words.back().text);
  const size_t suffix_end = suffixed ? words.back().end : 0;
  if (suffixed) words.pop_back();
  const Lexicon* family = rules.lexicon("family_first");
  // "He Jianxiong, the former executive director": a family name written first that is
  // also a stop word opens a name written before its office.
  auto family_lead = [&](size_t i) {
    return strip_leading && i + 1 < words.size() && people::HasForm(family, words[i].text);
  };
  if (strip_leading) {
    size_t lead = 0;
    while (lead < words.size() && people::HasForm(stop, words[lead].text) && !family_lead(lead)) {
      ++lead;
    }
    words.erase(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(lead));
  }
  if (words.empty() || (people::HasForm(stop, words[0].text) && !family_lead(0))) {
    return std::nullopt;
  }
  size_t n = family_lead(0) ? 1 : 0;
  // A stop word ends the name ("President Obama Monday"), except the given name after a
  // family name written first ("Liu He").
  const bool family_first = words.size() >= 2 && people::HasForm(family, words[0].text);
  while (n < words.size() && (!people::HasForm(stop, words[n].text) || (n == 1 && family_first))) {
    ++n;
  }
  auto dangling = [&](std::string_view w) {
    return people::HasForm(particle, w) || (w.size() <= 3 && w.back() == '.');
  };
  while (n > 0 && dangling(words[n - 1].text)) --n;
  if (n == 0) return std::nullopt;
  CleanName out;
  out.start = cap.start + words[0].start;
  out.end = cap.start + (suffixed && n == words.size() ? suffix_end : words[n - 1].end);
  for (size_t i = 0; i < n; ++i) out.words.emplace_back(words[i].text);
  return out;
}

bool Overlaps(const std::map<size_t, size_t>& taken, size_t start, size_t end) {
  auto next = taken.lower_bound(start);
  if (next != taken.end() && next->first < end) return true;
  if (next != taken.begin() && std::prev(next)->second > start) return true;
  return false;
}

// The candidate among `who` mentioned (titled or by honorific) most recently before pos.
size_t MostRecent(const std::vector<Person>& persons, const std::vector<size_t>& who, size_t pos) {
  size_t best = who.front();
  bool found = false;
  for (size_t p : who) {
    const size_t at = persons[p].last_fixed_start;
    if (at > pos) continue;
    if (!found || at > persons[best].last_fixed_start) {
      best = p;
      found = true;
    }
  }
  return best;
}

// Every match of a rule whose one field is the whole match, found by RE2's DFA alone
// (no group extraction), left to right.
void FindWhole(std::string_view text, const rules::Rule& rule, size_t rule_index,
               std::vector<Match>* out) {
  const re2::StringPiece input(text.data(), text.size());
  const RE2& re = *rule.re(text);
  re2::StringPiece m;
  size_t pos = 0;
  while (pos < text.size() && re.Match(input, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
    const size_t start = static_cast<size_t>(m.data() - text.data());
    if (m.size() == 0) {
      pos = start + 1;
      continue;
    }
    const size_t end = start + m.size();
    out->push_back(people::WholeMatch(rule, rule_index, text, start, end));
    pos = end;
  }
}

// The head noun of a title, lower case: the word before the first `title_link` word
// after the first word ("Secretary of State" -> "secretary"), else the last word
// ("Police Chief" -> "chief", "spokesperson" -> "spokesperson").
std::string TitleHead(std::string_view title, const Lexicon* title_link) {
  const std::vector<people::Word> words = people::SplitWords(title);
  size_t head = words.size();
  for (size_t i = 1; i < words.size(); ++i) {
    if (people::HasForm(title_link, words[i].text)) {
      head = i;
      break;
    }
  }
  return head == 0 ? std::string() : people::AsciiLower(words[head - 1].text);
}

std::string Join(const std::vector<std::string>& words, size_t from) {
  std::string out;
  for (size_t i = from; i < words.size(); ++i) {
    if (i > from) out += ' ';
    out += words[i];
  }
  return out;
}

// Finds the matches of the officials rules in one article. Each rule runs on its own
// (an RE2::Set pass first would cost more than it saves: nearly every rule matches
// somewhere in an article). Rules marked `gated` run only over the lines where a `gate`
// rule matched (a title word): most lines of an article have none, and those rules'
// automata are large.
class RuleRunner {
 public:
  RuleRunner(std::string_view text, const RuleSet& rules)
      : text_(text), rules_(rules), lines_(GatedLines(text, rules)) {}

  // The matches of one rule, left to right, appended to *dest.
  void Run(const Rule& rule, std::vector<Match>* dest) const {
    const size_t rule_index = static_cast<size_t>(&rule - rules_.rules().data());
    if (rule.Emit("capture") == "whole" && rule.fields.size() == 1) {
      if (!people::FindAllLedByLexicon(rules_, rule, text_, false, dest)) {
        FindWhole(text_, rule, rule_index, dest);
      }
    } else if (rule.Emit("gated") == "true") {
      for (const auto& [start, end] : lines_) {
        for (Match& m : rules_.FindAllOf(rule, text_.substr(start, end - start))) {
          m.start += start;
          m.end += start;
          for (Capture& c : m.captures) {
            if (!c.matched) continue;
            c.start += start;
            c.end += start;
          }
          dest->push_back(std::move(m));
        }
      }
    } else if (!people::FindAllLedByLexicon(rules_, rule, text_, true, dest)) {
      std::vector<Match> found = rules_.FindAllOf(rule, text_);
      std::move(found.begin(), found.end(), std::back_inserter(*dest));
    }
  }

 private:
  // [start, end) of the lines with a `gate` match, merged where they touch.
  static std::vector<std::pair<size_t, size_t>> GatedLines(std::string_view text,
                                                           const RuleSet& rules) {
    std::vector<std::pair<size_t, size_t>> lines;
    for (const Rule& rule : rules.rules()) {
      if (rule.Emit("kind") != "gate") continue;
      const re2::StringPiece input(text.data(), text.size());
      const RE2& re = *rule.re(text);
      re2::StringPiece m;
      size_t pos = 0;
      while (pos < text.size() && re.Match(input, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
        const size_t at = static_cast<size_t>(m.data() - text.data());
        const size_t nl = text.rfind('\n', at);
        const size_t start = nl == std::string_view::npos ? 0 : nl + 1;
        size_t end = text.find('\n', at);
        if (end == std::string_view::npos) end = text.size();
        if (lines.empty() || lines.back().second < start) {
          lines.emplace_back(start, end);
        } else {
          lines.back().second = std::max(lines.back().second, end);
        }
        pos = std::max(end, at + 1);
      }
    }
    return lines;
  }

  std::string_view text_;
  const RuleSet& rules_;
  std::vector<std::pair<size_t, size_t>> lines_;
};

// What one titled-name match says of its person.
struct Titled {
  CleanName name;
  Span span;  // from the title to the end of the name, or from the name to the title's end
  std::string title;
  bool former = false;
  std::optional<std::string> affiliation;
};

// Does `word` end a sentence ("Smith.")? An abbreviation ("Co.", "U.S.") does not: a
// word of more than four bytes whose only dot is its last.
bool EndsSentence(std::string_view word) {
  return word.size() > 4 && word.back() == '.' && word.find('.') == word.size() - 1;
}

// A body written right before a title that has no affiliation of its own: "Commerzbank
// analyst", "Walt Disney Co. executive", "NASA's Administrator". Capitalised words
// (joined by `org_link` words: "Bank of America") back from `pos` on the same line, up to
// a lower-case word, punctuation or a sentence end; `not_org` words (sentence openers
// such as "But", "Like") are no body and end it. Empty when there is none.
std::string_view BodyBefore(std::string_view text, size_t pos, const RuleSet& rules) {
  constexpr size_t kMaxWords = 6;
  const Lexicon* not_org = rules.lexicon("not_org");
  const Lexicon* link = rules.lexicon("org_link");
  size_t start = pos, end = pos;  // the body found so far
  size_t at = pos;
  for (size_t words = 0; words < kMaxWords; ++words) {
    if (at == 0 || (text[at - 1] != ' ' && text[at - 1] != '\t')) break;
    size_t word_end = at - 1;
    while (word_end > 0 && (text[word_end - 1] == ' ' || text[word_end - 1] == '\t')) --word_end;
    size_t word_start = word_end;
    while (word_start > 0 &&
           std::string_view(" \t\n,;:()\"").find(text[word_start - 1]) == std::string_view::npos) {
      --word_start;
    }
    std::string_view word = text.substr(word_start, word_end - word_start);
    if (word.empty()) break;
    if (end == pos) {  // the word next to the title may be possessive: "NASA's"
      for (std::string_view s : {"'s", "\u2019s", "'", "\u2019"}) {
        if (word.size() > s.size() && word.substr(word.size() - s.size()) == s) {
          word.remove_suffix(s.size());
          break;
        }
      }
      word_end = word_start + word.size();
    }
    if (people::HasForm(link, word) && end != pos) {
      at = word_start;
      continue;
    }
    if (!people::StartsUpper(word) || people::HasForm(not_org, word)) break;
    if (EndsSentence(word)) break;
    start = word_start;
    if (end == pos) end = word_end;
    at = word_start;
  }
  return text.substr(start, end - start);
}

// The office as the match writes it: a second office written just before the name wins
// ("his running mate, Gov. Mike Pence" is a Governor); otherwise the words before the
// title that say what it is ("planetary scientist", "senior military analyst"; not
// `title_adjective` words such as "new" or possessives), the title, and the field or
// body it is "of", "for" or "to" ("professor of physics", "ambassador to Britain").
std::string TitleOf(const RuleSet& rules, const Match& m) {
  if (const Capture* inner = m.Get("inner")) return CanonicalTitle(rules, inner->text);
  std::string_view title = m.Get("title")->text;
  // "scientist and study co-author": a second role that is no office (`office = false`)
  // is left out.
  if (const size_t and_at = title.rfind(" and "); and_at != std::string_view::npos) {
    const std::vector<people::Word> tail = people::SplitWords(title.substr(and_at + 5));
    const Lexicon* joint = rules.lexicon("joint_office");
    const rules::LexiconEntry* e = joint && !tail.empty() ? joint->Find(tail.back().text) : nullptr;
    if (e != nullptr && e->attr("office") == "false") title = title.substr(0, and_at);
  }
  // "the principal deputy White House press secretary": ranks before the body.
  std::string written;
  if (const Capture* lead = m.Get("lead"); lead != nullptr && !lead->text.empty()) {
    written = people::FoldSpaces(lead->text) + " ";
  }
  if (const Capture* mods = m.Get("mods")) {
    const Lexicon* adjective = rules.lexicon("title_adjective");
    for (const people::Word& w : people::SplitWords(mods->text)) {
      if (people::HasForm(adjective, w.text) || w.text.find('\'') != std::string_view::npos ||
          w.text.find("\u2019") != std::string_view::npos) {
        continue;
      }
      written.append(w.text).push_back(' ');
    }
  }
  const Capture* field = m.Get("field");
  if (field == nullptr) field = m.Get("field_to");
  if (written.empty() && field == nullptr) return CanonicalTitle(rules, title);
  written.append(title);
  if (field != nullptr) written.append(field->text);
  return people::FoldSpaces(written);
}

// Where one or two lower-case words right before an office at `title_start` start, when
// a body or a party (BodyBefore) is written right before them: "planetary" of "NASA
// planetary scientist", "defensive" of "Steelers defensive captain", or a `field_lead`
// word ("said planetary geologist Rosaly Lopes"). `title_adjective`
// ("new", "longtime") and `not_field` words ("and", "under") are none. `title_start` when
// there are none.
size_t FieldBefore(std::string_view text, size_t title_start, const RuleSet& rules) {
  constexpr size_t kMaxWords = 2;
  const Lexicon* adjective = rules.lexicon("title_adjective");
  size_t at = title_start, start = title_start;
  for (size_t words = 0; words < kMaxWords; ++words) {
    if (at < 2 || text[at - 1] != ' ') break;
    size_t word_start = at - 1;
    while (word_start > 0 && (std::islower(static_cast<unsigned char>(text[word_start - 1])) ||
                              text[word_start - 1] == '-')) {
      --word_start;
    }
    if (word_start == at - 1 || (word_start > 0 && text[word_start - 1] != ' ')) break;
    const std::string_view word = text.substr(word_start, at - 1 - word_start);
    if (!std::islower(static_cast<unsigned char>(word[0])) || people::HasForm(adjective, word) ||
        people::HasForm(rules.lexicon("not_field"), word)) {
      break;
    }
    start = word_start;
    at = word_start;
  }
  if (start == title_start) return title_start;
  // "said planetary geologist Rosaly Lopes": a verb of saying opens the role too.
  size_t lead_start = start - 1;
  while (lead_start > 0 && text[lead_start - 1] != ' ' && text[lead_start - 1] != '\n') {
    --lead_start;
  }
  const std::string_view lead = text.substr(lead_start, start - 1 - lead_start);
  if (people::HasForm(rules.lexicon("field_lead"), lead)) return start;
  return BodyBefore(text, start, rules).empty() ? title_start : start;
}

// The attribute `name` of the `title` lexicon entry of an office as written, whitespace
// folded, or else of its last word ("senior official" -> "official"); empty when none.
std::string TitleAttr(const RuleSet& rules, std::string_view title, const std::string& name) {
  const Lexicon* lex = rules.lexicon("title");
  if (lex == nullptr) return "";
  const std::string folded = people::FoldSpaces(title);
  const rules::LexiconEntry* e = lex->Find(folded);
  const size_t space = folded.rfind(' ');
  if (e == nullptr && space != std::string::npos) e = lex->Find(folded.substr(space + 1));
  return e != nullptr ? e->attr(name) : "";
}

// True for an office that makes an official only with a body beside it (`needs_body`:
// "State Department official David Holmes", not "the official Xinhua agency"), written
// alone or after a rank ("senior official").
bool NeedsBody(const RuleSet& rules, std::string_view title) {
  return TitleAttr(rules, title, "needs_body") == "true";
}

// True for a name that is no person: a place or body of the `affiliation` lexicon ("In
// Kentucky, the Democratic candidate, ..."), after its title one that starts with an
// office word ("General Manager of ...": the office goes on), before it one that ends
// with one ("former Vice President is a political opponent").
bool NotAPerson(const RuleSet& rules, const CleanName& name, bool name_first) {
  std::string joined;
  for (const std::string& w : name.words) {
    if (!joined.empty()) joined.push_back(' ');
    joined += w;
  }
  const Lexicon* affiliation = rules.lexicon("affiliation");
  if (affiliation != nullptr && affiliation->Find(joined) != nullptr) return true;
  return people::HasForm(rules.lexicon("title"),
                         name_first ? name.words.back() : name.words.front());
}

// Is the word written right before `at`, one space between, a form of `lexicon` ("former"
// of "former NASA")?
bool WordBeforeIn(std::string_view text, size_t at, const Lexicon* lexicon) {
  if (at < 2 || text[at - 1] != ' ') return false;
  size_t start = at - 1;
  while (start > 0 && text[start - 1] != ' ' && text[start - 1] != '\n') --start;
  return people::HasForm(lexicon, text.substr(start, at - 1 - start));
}

// Where the last one or two words of `body` that are a `place` of the affiliation
// lexicon start, when more words come before them ("Ukraine" of "National Security
// Council Ukraine"); 0 when none do.
size_t PlaceAtEnd(std::string_view body, const RuleSet& rules) {
  const Lexicon* lex = rules.lexicon("affiliation");
  if (lex == nullptr) return 0;
  const std::vector<people::Word> words = people::SplitWords(body);
  for (size_t n = 1; n <= 2 && n < words.size(); ++n) {
    const size_t from = words[words.size() - n].start;
    const rules::LexiconEntry* e = lex->Find(body.substr(from));
    if (e != nullptr && e->attr("place") == "true") return from;
  }
  return 0;
}

// "Rep. Brian Babin (R-TX)", "Sen. Ben Sasse, R-Neb., said": the party and state in
// brackets or between commas right after a name ending at `end`, as written; empty when
// there are none.
std::string_view PartyCodeAfter(std::string_view text, size_t end) {
  constexpr size_t kMaxCode = 16;
  const bool bracket = text.substr(end, 2) == " (";
  if ((!bracket && text.substr(end, 2) != ", ") || end + 5 > text.size()) return {};
  const size_t from = end + 2;
  const char party = text[from];
  if ((party != 'R' && party != 'D' && party != 'I') || text[from + 1] != '-') return {};
  const size_t close = text.find(bracket ? ')' : ',', from);
  if (close == std::string_view::npos || close - from > kMaxCode || close == from + 2) return {};
  for (size_t k = from + 2; k < close; ++k) {
    const char c = text[k];
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != '.' && c != ' ') return {};
  }
  return text.substr(from, close - from);
}

// "Rosaly Lopes of NASA's Jet Propulsion Laboratory in California": the capitalised
// words after " of " (and "the") right after a name ending at `end`, `org_link` words
// between them, up to a lower-case word, punctuation or a sentence end. Empty when none.
std::string_view OfBodyAfter(std::string_view text, size_t end, const RuleSet& rules) {
  constexpr size_t kMaxWords = 8;
  for (std::string_view lead : {" of the ", " of "}) {
    if (text.substr(end, lead.size()) != lead) continue;
    const size_t from = end + lead.size();
    size_t at = from, body_end = from;
    for (size_t words = 0; words < kMaxWords && at < text.size(); ++words) {
      size_t word_end = at;
      while (word_end < text.size() &&
             std::string_view(" \t\n,;:()\"").find(text[word_end]) == std::string_view::npos) {
        ++word_end;
      }
      std::string_view word = text.substr(at, word_end - at);
      const bool sentence_end = EndsSentence(word);
      if (sentence_end) word.remove_suffix(1);
      if (word.empty()) break;
      if (people::StartsUpper(word)) {
        body_end = at + word.size();
      } else if (!people::HasForm(rules.lexicon("org_link"), word) || body_end == from) {
        break;
      }
      if (sentence_end || word_end >= text.size() || text[word_end] != ' ') break;
      at = word_end + 1;
    }
    return text.substr(from, body_end - from);
  }
  return {};
}

// True when a possessive ending ("'s", "’s") is written at `at`.
bool PossessiveAt(std::string_view text, size_t at) {
  return text.substr(at, 2) == "'s" || text.substr(at, 4) == "\u2019s";
}

// "NASA's Steve Clarke, deputy associate administrator": the one capitalised word (or
// initials) written with a possessive right before a name at `name_start`; empty when
// there is none.
std::string_view PossessorBefore(std::string_view text, size_t name_start) {
  size_t end = name_start;
  if (end < 1 || text[end - 1] != ' ') return {};
  --end;
  if (end >= 2 && PossessiveAt(text, end - 2)) {
    end -= 2;
  } else if (end >= 4 && PossessiveAt(text, end - 4)) {
    end -= 4;
  } else {
    return {};
  }
  size_t start = end;
  while (start > 0 &&
         (std::isalnum(static_cast<unsigned char>(text[start - 1])) || text[start - 1] == '.' ||
          text[start - 1] == '&' || text[start - 1] == '-')) {
    --start;
  }
  if (start == end || !std::isupper(static_cast<unsigned char>(text[start]))) return {};
  return text.substr(start, end - start);
}

// The body an office belongs to as the match writes it, empty when it names none; none
// when the words are no titled name after all ("the president in May, Zippy Duvall": a
// month is no body) or the office needs a body and has none (NeedsBody). The body is
// the match's first group of "affiliation", "at", "org", ...; a body of the lexicon
// takes the capitalised words before it ("National Security Council official"), and a
// place there is a lower-case role's field when another body is written ("White House
// Russia adviser", "China scholar at the American Enterprise Institute": *title gets the
// place), as is a place that ends an "org_before" body (PlaceAtEnd: "the White House
// National Security Council Ukraine expert"). With no group, for a title-first match: a
// party-and-state code after its name (PartyCodeAfter), the words before it (BodyBefore,
// after the field words of FieldBefore, which *title gets: "NASA planetary scientist"),
// else "of BODY" after its name (OfBodyAfter). "former" before a body read outside the
// match sets *former.
std::optional<std::string_view> BodyOf(std::string_view text, const RuleSet& rules, const Match& m,
                                       bool name_first, size_t name_end, std::string* title,
                                       bool* former) {
  const Capture* title_cap = m.Get("title");
  const bool lower_title = !people::StartsUpper(title_cap->text);
  std::string_view aff;
  const Capture* aff_cap = nullptr;
  for (const char* group : {"affiliation", "at", "org", "org_bare", "org_at", "owner", "org_before",
                            "party", "district"}) {
    const Capture* c = m.Get(group);
    if (c == nullptr) continue;
    aff = c->text;
    aff_cap = c;
    if (people::HasForm(rules.lexicon("not_org"), aff)) return std::nullopt;
    if (std::string_view(group) != "affiliation") break;
    const Lexicon* lex = rules.lexicon("affiliation");
    const rules::LexiconEntry* e = lex ? lex->Find(aff) : nullptr;
    const bool place = e != nullptr && e->attr("place") == "true";
    std::string_view other;
    // "Washington State Department of Health public information officer": a place that
    // opens the body written before the office is part of it.
    if (const Capture* before = m.Get("org_before");
        before != nullptr && before->start > c->end && before->start <= c->end + 2) {
      // Not a place that ends it before a lower-case role, which is the role's field
      // (below): "White House National Security Council Ukraine expert".
      size_t end = before->end;
      if (const size_t place = lower_title ? PlaceAtEnd(before->text, rules) : 0; place > 0) {
        end = people::Trim(text, before->start, before->start + place).second;
      }
      aff = text.substr(c->start, end - c->start);
      break;
    }
    if (!name_first) {
      other = BodyBefore(text, c->start, rules);
    } else {
      for (const char* after : {"at", "org", "org_bare", "org_at"}) {
        if (const Capture* o = m.Get(after)) {
          other = o->text;
          break;
        }
      }
    }
    if (other.empty()) break;
    if (place && lower_title) {
      *title = std::string(aff) + " " + *title;
      aff = other;
    } else if (!name_first) {
      const size_t from = static_cast<size_t>(other.data() - text.data());
      aff = text.substr(from, c->end - from);
    }
    break;
  }
  // "the White House National Security Council Ukraine expert": a place that ends the body
  // written right before a lower-case role is the role's field.
  if (const Capture* before = m.Get("org_before"); before != nullptr && lower_title) {
    if (const size_t place = PlaceAtEnd(before->text, rules); place > 0) {
      *title = std::string(before->text.substr(place)) + " " + *title;
      if (aff == before->text) {
        auto [from, to] = people::Trim(before->text, 0, place);
        aff = before->text.substr(from, to - from);
      }
    }
  }
  if (!name_first && lower_title && m.Get("mods") == nullptr && m.Get("inner") == nullptr) {
    // Before a capitalised office, lower-case words are more often a verb: "Democrats
    // re-elected Governor X".
    const size_t field = FieldBefore(text, title_cap->start, rules);
    if (field < title_cap->start) {
      *title = people::FoldSpaces(text.substr(field, title_cap->start - field)) + " " + *title;
      if (aff.empty()) aff = BodyBefore(text, field, rules);
    }
  }
  if (aff.empty() && !name_first) aff = PartyCodeAfter(text, name_end);
  if (aff.empty() && !name_first) aff = BodyBefore(text, m.start, rules);
  if (aff.empty() && !name_first) aff = OfBodyAfter(text, name_end, rules);
  if (aff.empty() && name_first) {
    if (const Capture* name = m.Get("name")) aff = PossessorBefore(text, name->start);
  }
  if (NeedsBody(rules, title_cap->text)) {
    // "the head of the observer mission" is an office whatever it is of, and so is "a top
    // aide to Vice President Pence"; "a home health aide in Las Vegas" has a place, not a
    // body.
    const bool of_after = text.substr(title_cap->end, 4) == " of " || m.Get("field_to") != nullptr;
    const bool in_place =
        aff_cap != nullptr && aff_cap->start >= 4 && text.substr(aff_cap->start - 4, 4) == " in ";
    if ((aff.empty() && !of_after) || in_place) return std::nullopt;
  }
  // "former White House Russia adviser", "former NASA scientist": "former" before a body
  // read outside the match.
  if (!aff.empty() && !name_first) {
    const size_t at = static_cast<size_t>(aff.data() - text.data());
    if (at < m.start && WordBeforeIn(text, at, rules.lexicon("former_word"))) *former = true;
  }
  return aff;
}

// True for an office that serves a client (`client = "true"` in the `title` lexicon:
// attorney, lawyer), whose possessive before it names the client, not a body:
// "Carlineo's attorney, Sonya Zoghlin", "Trump's personal lawyer, Rudy Giuliani".
bool ForClient(const RuleSet& rules, std::string_view title) {
  return TitleAttr(rules, title, "client") == "true";
}

// True when one word of `phrase` is a form of `lexicon`.
bool HasWordOf(std::string_view phrase, const Lexicon* lexicon) {
  for (const people::Word& w : people::SplitWords(phrase)) {
    if (people::HasForm(lexicon, w.text)) return true;
  }
  return false;
}

// True when `phrase` reads as a body rather than a person: one word of the `not_name`
// lexicon ("Department", "Council", "Party") or of the `affiliation` lexicon as a whole.
bool BodyLike(std::string_view phrase, const RuleSet& rules) {
  const Lexicon* affiliation = rules.lexicon("affiliation");
  if (affiliation != nullptr && affiliation->Find(phrase) != nullptr) return true;
  return HasWordOf(phrase, rules.lexicon("not_name"));
}

// A body read across "and" into a person's name: the part that is no person ("Department
// of Homeland Security and Alex Azar" -> "Department of Homeland Security", "Magic Johnson
// and Lakers" -> "Lakers"). A part is a person when it is two or three capitalised words,
// none a `not_name` word, and the other part is one word or holds a `not_name` word
// ("Department", "Council").
std::string_view WithoutPerson(std::string_view body, const RuleSet& rules) {
  const size_t and_at = body.find(" and ");
  if (and_at == std::string_view::npos) return body;
  const Lexicon* stop = rules.lexicon("not_name");
  auto person = [&](std::string_view part) {
    const std::vector<people::Word> words = people::SplitWords(part);
    if (words.size() < 2 || words.size() > 3) return false;
    for (const people::Word& w : words) {
      if (!people::StartsUpper(w.text) || people::HasForm(stop, w.text)) return false;
    }
    return true;
  };
  auto body_like = [&](std::string_view part) {
    return people::SplitWords(part).size() == 1 || HasWordOf(part, stop);
  };
  const std::string_view before = body.substr(0, and_at), after = body.substr(and_at + 5);
  if (person(after) && body_like(before)) return before;
  if (person(before) && body_like(after)) return after;
  return body;
}

std::optional<Titled> ReadTitled(std::string_view text, const RuleSet& rules, const Match& m) {
  const Capture* name_cap = m.Get("name");
  const Capture* title_cap = m.Get("title");
  if (name_cap == nullptr || title_cap == nullptr) return std::nullopt;
  const bool name_first = m.rule->Emit("name_first") == "true";
  std::optional<CleanName> name = Clean(rules, *name_cap, name_first);
  if (!name || NotAPerson(rules, *name, name_first)) return std::nullopt;
  Titled t;
  t.span = name_first
               ? Span{static_cast<int64_t>(name->start), static_cast<int64_t>(title_cap->end)}
               : Span{static_cast<int64_t>(title_cap->start), static_cast<int64_t>(name->end)};
  t.name = std::move(*name);
  t.title = TitleOf(rules, m);
  t.former = m.Get("former") != nullptr || m.Get("former_after") != nullptr ||
             m.Get("former_in") != nullptr;
  if (m.Get("at") != nullptr && t.name.words.size() == 1) {
    // "scholar at the American Enterprise Institute": a body's name went on after "at".
    return std::nullopt;
  }
  std::optional<std::string_view> aff =
      BodyOf(text, rules, m, name_first, t.name.end, &t.title, &t.former);
  if (!aff) return std::nullopt;
  aff = WithoutPerson(*aff, rules);
  if (!aff->empty() && ForClient(rules, t.title) && !BodyLike(*aff, rules) &&
      PossessiveAt(text, static_cast<size_t>(aff->data() + aff->size() - text.data()))) {
    aff = "";
  }
  if (!aff->empty()) {
    const Lexicon* lex = rules.lexicon("affiliation");
    const rules::LexiconEntry* e = lex ? lex->Find(*aff) : nullptr;
    t.affiliation = e ? e->attr("country", std::string(*aff)) : std::string(*aff);
  }
  return t;
}

// What ReadTitled said of each titled-name match that makes a person, by the match's
// start and rule (one rule's matches do not overlap).
using TitledReadings = std::map<std::pair<size_t, size_t>, Titled>;

// The titled-name matches in text order, with what each says in *readings. A name written
// before its title ("Lorraine Pike, the minority leader,") counts only where no title
// written before a name ("Sen. Lorraine Pike") overlaps it, unless that one opens right
// after a comma inside it.
std::vector<Match> TitledMatches(std::string_view text, const RuleRunner& runner,
                                 const RuleSet& rules, TitledReadings* readings) {
  std::vector<Match> title_first, name_first;
  {
    std::vector<Match> titled;
    for (const Rule& rule : rules.rules()) {
      if (rule.Emit("kind") == "titled") runner.Run(rule, &titled);
    }
    for (Match& m : titled) {
      // A match that makes no person ("General Manager" read as General + name) must
      // not hide the one that does.
      std::optional<Titled> t = ReadTitled(text, rules, m);
      if (!t) continue;
      readings->emplace(std::make_pair(m.start, m.rule_index), std::move(*t));
      (m.rule->Emit("name_first") == "true" ? name_first : title_first).push_back(std::move(m));
    }
  }
  std::vector<Match> titled = RuleSet::SelectNonOverlapping(std::move(title_first));
  std::vector<Match> names = RuleSet::SelectNonOverlapping(std::move(name_first));
  // "Richard Locksley, an immunologist at the University of California, San Francisco,":
  // a title-first match that opens with "a", "an" or "the" right after ", " inside a
  // name-first one of two words or more is that name's aside, not an office before
  // another name.
  auto aside = [&](const Match& t) {
    if (t.start < 2 || text.substr(t.start - 2, 2) != ", ") return false;
    const std::string_view opening = text.substr(t.start, 4);
    if (opening.substr(0, 2) != "a " && opening.substr(0, 3) != "an " && opening != "the ") {
      return false;
    }
    for (const Match& n : names) {
      const Capture* name = n.Get("name");
      if (n.start < t.start && t.start < n.end && name != nullptr &&
          name->text.find(' ') != std::string_view::npos) {
        return true;
      }
    }
    return false;
  };
  titled.erase(std::remove_if(titled.begin(), titled.end(), aside), titled.end());
  const size_t kept = titled.size();
  for (Match& m : names) {
    bool overlaps = false;
    for (size_t i = 0; i < kept && !overlaps; ++i) {
      overlaps = titled[i].start < m.end && m.start < titled[i].end;
    }
    if (!overlaps) titled.push_back(std::move(m));
  }
  std::stable_sort(titled.begin(), titled.end(),
                   [](const Match& a, const Match& b) { return a.start < b.start; });
  return titled;
}

// The end of up to max_words capitalised words from `from`, one space between them; a
// word's closing punctuation (",", ".", ";", ":", ")") is left out, but not an initial's
// dot ("F."). `from` when no word there is capitalised.
size_t CapitalisedRunEnd(std::string_view text, size_t from, size_t max_words) {
  size_t end = from;
  for (size_t words = 0; words < max_words; ++words) {
    if (end >= text.size() || !people::StartsUpper(text.substr(end))) break;
    size_t w = end;
    while (w < text.size() && text[w] != ' ' && text[w] != '\n' && text[w] != ',') ++w;
    size_t word_end = w;
    while (word_end > end + 2 &&
           std::string_view(".;:)").find(text[word_end - 1]) != std::string_view::npos) {
      --word_end;
    }
    end = word_end;
    if (word_end < w || w >= text.size() || text[w] != ' ') break;
    if (w + 1 >= text.size() || !people::StartsUpper(text.substr(w + 1))) break;
    end = w + 1;
  }
  while (end > from && text[end - 1] == ' ') --end;
  return end;
}

// "Sens. Cory Booker and Kamala Harris": for a match whose office is in the plural
// (`plural` in the `title` lexicon), the names listed after its own name, each one to
// five capitalised words after ", ", ", and " or " and "; none unless the list ends
// with "and" ("Sens. Ana Ruiz, Democrat of Ohio, …" lists no one).
std::vector<CleanName> ListedAfter(std::string_view text, const RuleSet& rules, const Match& m,
                                   size_t name_end) {
  const Lexicon* lex = rules.lexicon("title");
  const rules::LexiconEntry* e = lex ? lex->Find(m.Get("title")->text) : nullptr;
  if (e == nullptr || e->attr("plural") != "true") return {};
  constexpr size_t kMaxListed = 4, kMaxWords = 5;
  std::vector<CleanName> names;
  size_t at = name_end;
  bool closed = false;
  while (!closed && names.size() < kMaxListed) {
    size_t from;
    if (text.substr(at, 6) == ", and ") {
      from = at + 6;
      closed = true;
    } else if (text.substr(at, 5) == " and ") {
      from = at + 5;
      closed = true;
    } else if (text.substr(at, 2) == ", ") {
      from = at + 2;
    } else {
      break;
    }
    const size_t end = CapitalisedRunEnd(text, from, kMaxWords);
    if (end == from) break;
    rules::Capture cap;
    cap.text = text.substr(from, end - from);
    cap.start = from;
    cap.end = end;
    cap.matched = true;
    std::optional<CleanName> name = Clean(rules, cap);
    if (!name || NotAPerson(rules, *name, false)) break;
    at = name->end;
    names.push_back(std::move(*name));
  }
  if (!closed) names.clear();
  return names;
}

// The people found so far and their mentions.
struct Found {
  std::vector<Person> persons;
  std::vector<Mention> mentions;
  std::map<size_t, size_t> taken;  // start -> end of every accepted mention

  // A mention of persons[person] at [start, end), which no later mention may overlap.
  void Take(size_t start, size_t end, size_t person) {
    mentions.push_back({{static_cast<int64_t>(start), static_cast<int64_t>(end)}, person});
    taken.emplace(start, end);
  }
};

// Step 1: each titled name joins the person whose name it meets (one ends the other)
// with a compatible title (the latest mentioned, when several do), keeping the fullest
// name and the longest title, or makes a new person.
void AddTitled(std::string_view text, const RuleSet& rules, const std::vector<Match>& titled,
               const TitledReadings& readings, Found* found) {
  std::vector<Person>& persons = found->persons;
  // Names that can be the same person end with the same word.
  std::map<std::string, std::vector<size_t>> by_last_word;
  auto add = [&](const Titled* t, const Match& m) {
    const std::string written =
        people::FoldSpaces(text.substr(t->name.start, t->name.end - t->name.start));
    std::vector<size_t> same;
    std::vector<size_t>& namesakes = by_last_word[SurnameKey(t->name.words.back())];
    for (size_t p : namesakes) {
      const Person& q = persons[p];
      const bool names_meet = IsSuffix(t->name.words, q.words) || IsSuffix(q.words, t->name.words);
      if (names_meet && (t->name.words == q.words || TitlesCompatible(t->title, q.title))) {
        same.push_back(p);
      }
    }
    size_t index;
    if (same.empty()) {
      index = persons.size();
      Person p;
      p.words = t->name.words;
      p.name = written;
      p.title = t->title;
      p.former = t->former;
      p.affiliation = t->affiliation;
      p.span = t->span;
      p.rule = m.rule->id;
      persons.push_back(std::move(p));
      namesakes.push_back(index);
    } else {
      index = MostRecent(persons, same, m.start);
      Person& p = persons[index];
      if (t->name.words.size() > p.words.size()) {
        p.words = t->name.words;
        p.name = written;
      }
      if (t->title.size() > p.title.size() && TitlesCompatible(t->title, p.title)) {
        p.title = t->title;
      }
      p.former = p.former || t->former;
      if (!p.affiliation) p.affiliation = t->affiliation;
    }
    persons[index].last_fixed_start = static_cast<size_t>(t->span.start);
    found->Take(static_cast<size_t>(t->span.start), static_cast<size_t>(t->span.end), index);
  };
  for (const Match& m : titled) {
    const Titled* t = &readings.at({m.start, m.rule_index});
    add(t, m);
    for (CleanName& listed : ListedAfter(text, rules, m, t->name.end)) {
      Titled other = *t;
      other.span = {static_cast<int64_t>(listed.start), static_cast<int64_t>(listed.end)};
      other.name = std::move(listed);
      add(&other, m);
    }
  }
}

// The capitalised words written right before text[end) that may open a name: none that
// is a stop word, an office, an honorific, a party or a place ("Dr. Luz Contreras" before "Arroyo",
// not "Vice President" before "Biden"); particles may stand between them.
std::vector<std::string> GivenNamesBefore(std::string_view text, size_t end, const RuleSet& rules) {
  const Lexicon* stop = rules.lexicon("not_name");
  const Lexicon* particle = rules.lexicon("particle");
  std::vector<std::string> words;  // right to left
  size_t at = end;
  while (words.size() < 4 && at > 1 && text[at - 1] == ' ') {
    size_t start = at - 1;
    while (start > 0 &&
           std::string_view(" \t\n,;:()\"").find(text[start - 1]) == std::string_view::npos) {
      --start;
    }
    const std::string_view word = text.substr(start, at - 1 - start);
    if (word.empty()) break;
    if (people::HasForm(particle, word)) {
      words.emplace_back(word);
      at = start;
      continue;
    }
    const bool plain = std::all_of(word.begin(), word.end(), [](char c) {
      const auto u = static_cast<unsigned char>(c);
      return u >= 0x80 || std::isalpha(u) || c == '-' || c == '\'';
    });
    const bool quoted = word.find("\u201C") != std::string_view::npos ||
                        word.find("\u201D") != std::string_view::npos;
    if (!plain || quoted || !people::StartsUpper(word) || people::HasForm(stop, word) ||
        people::HasForm(rules.lexicon("title"), word) ||
        people::HasForm(rules.lexicon("honorific"), word) ||
        people::HasForm(rules.lexicon("rank_title"), word) ||
        people::HasForm(rules.lexicon("party"), word) ||
        people::HasForm(rules.lexicon("affiliation"), word)) {
      break;
    }
    words.emplace_back(word);
    at = start;
  }
  while (!words.empty() && people::HasForm(particle, words.back())) words.pop_back();
  std::reverse(words.begin(), words.end());
  return words;
}

// A person named by a surname alone after its title ("Arroyo, a family physician") takes
// the fullest name the article writes for that surname ("Dr. Luz Contreras Arroyo"),
// when all the fuller names written are one name or parts of it (not "Joe Biden" and
// "Hunter Biden").
void CompleteNames(std::string_view text, const RuleSet& rules, Found* found) {
  for (Person& p : found->persons) {
    if (p.words.size() != 1) continue;
    const std::string& surname = p.words[0];
    std::vector<std::string> fullest;
    bool conflict = false;
    for (size_t pos = text.find(surname); pos != std::string_view::npos && !conflict;
         pos = text.find(surname, pos + 1)) {
      if (!people::IsWholeWord(text, pos, pos + surname.size())) continue;
      std::vector<std::string> given = GivenNamesBefore(text, pos, rules);
      if (given.empty()) continue;
      // One list must end the other: "Contreras" and "Luz Contreras" agree.
      const std::vector<std::string>& longer = given.size() > fullest.size() ? given : fullest;
      const std::vector<std::string>& shorter = given.size() > fullest.size() ? fullest : given;
      if (!shorter.empty() && !IsSuffix(shorter, longer)) conflict = true;
      if (given.size() > fullest.size()) fullest = given;
    }
    if (conflict || fullest.empty()) continue;
    fullest.push_back(surname);
    p.words = fullest;
    p.name = Join(fullest, 0);
  }
}

// Step 2: "Mr Blinken", "Dr. Ruiz": an honorific and a name that ends a known person's
// name (the latest mentioned, when several do).
void AddHonorifics(const RuleSet& rules, const std::vector<const Match*>& honorific, Found* found) {
  std::vector<Person>& persons = found->persons;
  for (const Match* m : honorific) {
    const Capture* name_cap = m->Get("name");
    const Capture* hon = m->Get("honorific");
    if (name_cap == nullptr || hon == nullptr) continue;
    std::optional<CleanName> name = Clean(rules, *name_cap);
    if (!name) continue;
    std::vector<size_t> who;
    for (size_t p = 0; p < persons.size(); ++p) {
      if (IsSuffix(name->words, persons[p].words)) who.push_back(p);
    }
    if (who.empty() || Overlaps(found->taken, m->start, name->end)) continue;
    const size_t index = MostRecent(persons, who, m->start);
    persons[index].last_fixed_start = m->start;
    found->Take(m->start, name->end, index);
  }
}

// The parts of the people's names a later mention may be, folded (FoldKey), each with
// the people it may stand for: the full name and every trailing part of it that starts
// with a capital ("Blinken", "López Obrador"), the first of a two-part surname ("Peña"
// of "Enrique Peña Nieto"), and the first word of a name written family name first ("Xi"
// of "Xi Jinping", "Moon" of "Moon Jae-in"). Only the first kMaxSearchedPeople people.
std::map<std::string, std::vector<size_t>> NameParts(const RuleSet& rules,
                                                     const std::vector<Person>& persons) {
  std::map<std::string, std::vector<size_t>> owners;  // folded name part -> persons
  auto own = [&](std::string part, size_t p) {
    std::vector<size_t>& v = owners[people::FoldKey(part)];
    if (std::find(v.begin(), v.end(), p) == v.end()) v.push_back(p);
  };
  const Lexicon* family_first = rules.lexicon("family_first");
  for (size_t p = 0; p < persons.size() && p < kMaxSearchedPeople; ++p) {
    const std::vector<std::string>& words = persons[p].words;
    if (people::FamilyNameFirst(people::SplitWords(persons[p].name), family_first)) {
      own(words[0], p);
    }
    for (size_t k = 0; k < words.size(); ++k) {
      const std::string& first = words[k];
      if (!people::StartsUpper(first)) continue;
      own(Join(words, k), p);
      if (words.size() >= 3 && k + 2 == words.size()) own(first, p);
    }
  }
  return owners;
}

// Step 3: the NameParts() written as whole words, matched without regard to case or
// accents ("Pena Nieto" = "Peña Nieto"); longest first, so a part inside a longer
// mention is not counted twice.
void AddNameMentions(std::string_view text, const RuleSet& rules, Found* found) {
  const std::map<std::string, std::vector<size_t>> owners = NameParts(rules, found->persons);
  const people::FoldedText folded = people::Fold(text);
  struct Candidate {
    size_t start, end;
    const std::vector<size_t>* who;
  };
  std::vector<Candidate> candidates;
  for (const auto& [part, who] : owners) {
    if (part.empty()) continue;
    // Boyer-Moore-Horspool: a part's first letter is in most words of the text, and a
    // search that stops at each costs more than one that skips along.
    const std::boyer_moore_horspool_searcher searcher(part.begin(), part.end());
    const std::string& haystack = folded.folded;
    for (auto at = std::search(haystack.begin(), haystack.end(), searcher); at != haystack.end();
         at = std::search(at + 1, haystack.end(), searcher)) {
      const auto pos = static_cast<size_t>(at - haystack.begin());
      const size_t start = folded.offsets[pos];
      const size_t end = folded.offsets[pos + part.size()];
      if (end > start && people::IsWholeWord(text, start, end)) {
        candidates.push_back({start, end, &who});
      }
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.end - a.start != b.end - b.start) return a.end - a.start > b.end - b.start;
    return a.start < b.start;
  });
  for (const Candidate& c : candidates) {
    if (Overlaps(found->taken, c.start, c.end)) continue;
    found->Take(c.start, c.end, MostRecent(found->persons, *c.who, c.start));
  }
}

// True when the title alone at [.., end) is followed by an `owner_link` word ("the
// president of the club": someone else's office) that the title does not hold itself
// ("the Secretary of State").
bool OwnedElsewhere(std::string_view text, size_t end, std::string_view title,
                    const Lexicon* owner_link) {
  if (owner_link == nullptr) return false;
  for (const rules::LexiconEntry& e : owner_link->entries()) {
    for (const std::string& f : e.forms) {
      const std::string spaced = " " + f + " ";
      if (text.substr(end, spaced.size()) == spaced &&
          title.find(spaced.substr(0, spaced.size() - 1)) == std::string_view::npos) {
        return true;
      }
    }
  }
  return false;
}

// Step 4: "The Secretary of State", "the spokesman", "the chief": a title that exactly
// one person holds (a former one, when it says "former"; one of that party, when a party
// is written: "the Republican nominee"), or the head noun of exactly one person's title.
void AddTitlesAlone(std::string_view text, const RuleSet& rules,
                    const std::vector<const Match*>& alone, Found* found) {
  const Lexicon* title_link = rules.lexicon("title_link");
  const Lexicon* owner_link = rules.lexicon("owner_link");
  for (const Match* m : alone) {
    const Capture* title_cap = m->Get("title");
    if (title_cap == nullptr || title_cap->text.empty()) continue;
    if (Overlaps(found->taken, m->start, m->end)) continue;
    if (OwnedElsewhere(text, m->end, title_cap->text, owner_link)) continue;
    const std::string title = people::AsciiLower(CanonicalTitle(rules, title_cap->text));
    const std::string head = TitleHead(title_cap->text, title_link);
    const bool former = m->Get("former") != nullptr;
    const Capture* party = m->Get("party");  // "the Republican nominee": that party's
    size_t count = 0, index = 0;
    for (size_t p = 0; p < found->persons.size(); ++p) {
      const Person& person = found->persons[p];
      const std::string held = people::AsciiLower(person.title);
      const bool same = held == title || (!head.empty() && TitleHead(held, title_link) == head);
      const bool party_ok = party == nullptr || person.affiliation == std::string(party->text);
      if (same && party_ok && (!former || person.former)) {
        ++count;
        index = p;
      }
    }
    if (count != 1) continue;
    found->Take(m->start, m->end, index);
  }
}

// The name to report: the title before it when the title's entry says it is part of the
// name (`in_name`: "Prince Andrew", "Queen Elizabeth II", "Pope Francis") and the name
// is a given name alone, with a regnal number at most.
std::string ReportedName(const RuleSet& rules, const Person& person) {
  const std::vector<people::Word> words = people::SplitWords(person.name);
  const bool regnal =
      words.size() == 2 && words[1].text.find_first_not_of("IVXL") == std::string_view::npos;
  if (words.empty() || (words.size() > 1 && !regnal)) return person.name;
  const Lexicon* titles = rules.lexicon("title");
  const rules::LexiconEntry* e = titles ? titles->Find(person.title) : nullptr;
  if (e == nullptr || e->attr("in_name") != "true") return person.name;
  return person.title + " " + person.name;
}

// The people as officials, each with its mentions sorted and without duplicates, in
// the order of extract.h.
std::vector<Official> Report(const RuleSet& rules, Found found) {
  std::vector<std::vector<Span>> by_person(found.persons.size());
  for (const Mention& m : found.mentions) by_person[m.person].push_back(m.span);
  std::vector<Official> officials;
  for (size_t p = 0; p < found.persons.size(); ++p) {
    Person& person = found.persons[p];
    Official o;
    o.name = ReportedName(rules, person);
    o.title = person.title;
    o.former = person.former;
    o.affiliation = person.affiliation;
    o.span = person.span;
    o.rule = person.rule;
    o.ruleset_version = rules.version();
    o.mentions = std::move(by_person[p]);
    std::sort(o.mentions.begin(), o.mentions.end(), [](const Span& a, const Span& b) {
      return a.start != b.start ? a.start < b.start : a.end < b.end;
    });
    o.mentions.erase(std::unique(o.mentions.begin(), o.mentions.end()), o.mentions.end());
    officials.push_back(std::move(o));
  }
  std::stable_sort(officials.begin(), officials.end(), [](const Official& a, const Official& b) {
    if (a.span.start != b.span.start) return a.span.start < b.span.start;
    if (a.span.end != b.span.end) return a.span.end < b.span.end;
    return a.rule < b.rule;
  });
  return officials;
}

}  // namespace

namespace officials {

std::vector<Official> FindOfficials(const std::string& text, const rules::RuleSet& rules) {
  const RuleRunner runner(text, rules);
  // Titled names first: the other kinds only refer back to the people they make, so
  // an article without any needs no search for them.
  Found found;
  TitledReadings readings;
  const std::vector<Match> titled = TitledMatches(text, runner, rules, &readings);
  AddTitled(text, rules, titled, readings, &found);
  if (found.persons.empty()) return {};
  CompleteNames(text, rules, &found);

  std::vector<Match> late;
  for (const Rule& rule : rules.rules()) {
    const std::string& kind = rule.Emit("kind");
    if (kind == "title_alone" || kind == "honorific") runner.Run(rule, &late);
  }
  std::vector<const Match*> alone, honorific;
  for (const Match& m : late) {
    const std::string& kind = m.rule->Emit("kind");
    if (kind == "title_alone") alone.push_back(&m);
    if (kind == "honorific") honorific.push_back(&m);
  }
  AddHonorifics(rules, honorific, &found);
  AddNameMentions(text, rules, &found);
  AddTitlesAlone(text, rules, alone, &found);
  return Report(rules, std::move(found));
}

}  // namespace officials

void ExtractOfficials(const std::string& text, const rules::RuleSet& rules,
                      std::vector<Official>* out) {
  const rules::MatchMemo memo;
  std::vector<Official> found = officials::FindOfficials(text, rules);
  if (found.empty()) return;
  // The coreference pass over this set's lexicons, with no quotations credited.
  const quotes::Roles roles(rules);
  const std::vector<std::pair<size_t, size_t>> quoted = people::QuotedRanges(text);
  std::vector<std::pair<Span, std::string>> resolved;
  {
    coref::People who(text, rules, roles, found, quoted);
    resolved = who.Resolved();
  }
  coref::AddMentions(resolved, &found);
  for (Official& o : found) out->push_back(std::move(o));
}

}  // namespace newsfacts
