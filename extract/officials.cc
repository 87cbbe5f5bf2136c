// Officials: titled names from rules/officials.toml joined into one entry per person.
// The decisions shared with the rule file are listed at the top of that file.

#include <re2/re2.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extract.h"
#include "extract/people.h"

namespace newsfacts {
namespace {

using rules::Capture;
using rules::Lexicon;
using rules::Match;
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
  char gender = 0;              // 'm', 'f' or 0 when no honorific said
  size_t last_fixed_start = 0;  // start of the latest titled or honorific mention
};

struct Mention {
  Span span;
  size_t person = 0;
};

bool IsSuffix(const std::vector<std::string>& part, const std::vector<std::string>& whole) {
  if (part.empty() || part.size() > whole.size()) return false;
  return std::equal(part.rbegin(), part.rend(), whole.rbegin());
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
  if (strip_leading) {
    size_t lead = 0;
    while (lead < words.size() && people::HasForm(stop, words[lead].text)) ++lead;
    words.erase(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(lead));
  }
  if (words.empty() || people::HasForm(stop, words[0].text)) return std::nullopt;
  size_t n = 0;
  // A stop word ends the name ("President Obama Monday").
  while (n < words.size() && !people::HasForm(stop, words[n].text)) ++n;
  auto dangling = [&](std::string_view w) {
    return people::HasForm(particle, w) || (w.size() <= 3 && w.back() == '.');
  };
  while (n > 0 && dangling(words[n - 1].text)) --n;
  if (n == 0) return std::nullopt;
  CleanName out;
  out.start = cap.start + words[0].start;
  out.end = cap.start + words[n - 1].end;
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
    Match match;
    match.rule = &rule;
    match.rule_index = rule_index;
    match.start = start;
    match.end = start + m.size();
    Capture c;
    c.name = rule.fields[0];
    c.text = text.substr(start, m.size());
    c.start = start;
    c.end = match.end;
    c.matched = true;
    match.captures.push_back(c);
    out->push_back(std::move(match));
    pos = match.end;
  }
}

// The head noun of a title, lower case: "Police Chief" -> "chief", "Secretary of State"
// -> "secretary", "spokesperson" -> "spokesperson".
std::string TitleHead(std::string_view title) {
  const std::vector<people::Word> words = people::SplitWords(title);
  size_t head = words.size();
  for (size_t i = 1; i < words.size(); ++i) {
    const std::string_view w = words[i].text;
    if (w == "of" || w == "for" || w == "to") {
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

}  // namespace

void ExtractOfficials(const std::string& text, const rules::RuleSet& rules,
                      std::vector<Official>* out) {
  // Each rule on its own (an RE2::Set pass first would cost more than it saves: nearly
  // every rule matches somewhere in an article). Matches come left to right per rule.
  // Rules marked `gated` run only over the lines where a `gate` rule matched (a title
  // word): most lines of an article have none, and those rules' automata are large.
  std::vector<std::pair<size_t, size_t>> lines;  // [start, end) of lines with a gate match
  for (const rules::Rule& rule : rules.rules()) {
    if (rule.Emit("kind") != "gate") continue;
    const re2::StringPiece input(text.data(), text.size());
    const RE2& re = *rule.re(text);
    re2::StringPiece m;
    size_t pos = 0;
    while (pos < text.size() && re.Match(input, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
      const size_t at = static_cast<size_t>(m.data() - text.data());
      const size_t nl = text.rfind('\n', at);
      const size_t start = nl == std::string::npos ? 0 : nl + 1;
      size_t end = text.find('\n', at);
      if (end == std::string::npos) end = text.size();
      if (lines.empty() || lines.back().second < start) {
        lines.emplace_back(start, end);
      } else {
        lines.back().second = std::max(lines.back().second, end);
      }
      pos = std::max(end, at + 1);
    }
  }
  // Matches of one rule, left to right, appended to *dest.
  auto run = [&](const rules::Rule& rule, std::vector<Match>* dest) {
    const size_t rule_index = static_cast<size_t>(&rule - rules.rules().data());
    if (rule.Emit("capture") == "whole" && rule.fields.size() == 1) {
      if (!people::FindAllLedByLexicon(rules, rule, text, false, dest)) {
        FindWhole(text, rule, rule_index, dest);
      }
    } else if (rule.Emit("gated") == "true") {
      for (const auto& [start, end] : lines) {
        for (Match& m : rules.FindAllOf(rule, std::string_view(text).substr(start, end - start))) {
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
    } else if (!people::FindAllLedByLexicon(rules, rule, text, true, dest)) {
      std::vector<Match> found = rules.FindAllOf(rule, text);
      std::move(found.begin(), found.end(), std::back_inserter(*dest));
    }
  };
  // Titled names first: the other kinds only refer back to the people they make, so
  // an article without any needs no search for them.
  std::vector<Match> titled;
  for (const rules::Rule& rule : rules.rules()) {
    if (rule.Emit("kind") == "titled") run(rule, &titled);
  }
  // A name written before its title ("Lorraine Pike, the minority leader,") counts only
  // where no title written before a name ("Sen. Lorraine Pike") overlaps it.
  {
    std::vector<Match> title_first, name_first;
    for (Match& m : titled) {
      (m.rule->Emit("name_first") == "true" ? name_first : title_first).push_back(std::move(m));
    }
    titled = RuleSet::SelectNonOverlapping(std::move(title_first));
    const size_t kept = titled.size();
    for (Match& m : RuleSet::SelectNonOverlapping(std::move(name_first))) {
      bool overlaps = false;
      for (size_t i = 0; i < kept && !overlaps; ++i) {
        overlaps = titled[i].start < m.end && m.start < titled[i].end;
      }
      if (!overlaps) titled.push_back(std::move(m));
    }
    std::stable_sort(titled.begin(), titled.end(),
                     [](const Match& a, const Match& b) { return a.start < b.start; });
  }

  std::vector<Person> persons;
  std::vector<Mention> mentions;
  std::map<size_t, size_t> taken;  // start -> end of every accepted mention
  // Names that can be the same person end with the same word.
  std::map<std::string, std::vector<size_t>> by_last_word;

  // 1. Titled names make the people.
  for (const Match& m : titled) {
    const Capture* name_cap = m.Get("name");
    const Capture* title_cap = m.Get("title");
    if (name_cap == nullptr || title_cap == nullptr) continue;
    const bool name_first = m.rule->Emit("name_first") == "true";
    std::optional<CleanName> name = Clean(rules, *name_cap, name_first);
    if (!name) continue;
    // From the title to the end of the name, or from the name to the end of the title.
    const Span span =
        name_first ? Span{static_cast<int64_t>(name->start), static_cast<int64_t>(title_cap->end)}
                   : Span{static_cast<int64_t>(title_cap->start), static_cast<int64_t>(name->end)};
    const std::string title = CanonicalTitle(rules, title_cap->text);
    const bool former = m.Get("former") != nullptr || m.Get("former_after") != nullptr;
    std::optional<std::string> affiliation;
    const Capture* aff = m.Get("affiliation");
    if (aff == nullptr) aff = m.Get("org");
    if (aff == nullptr) aff = m.Get("owner");
    if (aff != nullptr) {
      const Lexicon* lex = rules.lexicon("affiliation");
      const rules::LexiconEntry* e = lex ? lex->Find(aff->text) : nullptr;
      affiliation = e ? e->attr("country", std::string(aff->text)) : std::string(aff->text);
    }

    std::vector<size_t> same;
    std::vector<size_t>& namesakes = by_last_word[name->words.back()];
    for (size_t p : namesakes) {
      const Person& q = persons[p];
      const bool names_meet = IsSuffix(name->words, q.words) || IsSuffix(q.words, name->words);
      if (names_meet && (name->words == q.words || TitlesCompatible(title, q.title))) {
        same.push_back(p);
      }
    }
    size_t index;
    if (same.empty()) {
      index = persons.size();
      Person p;
      p.words = name->words;
      p.name =
          people::FoldSpaces(std::string_view(text).substr(name->start, name->end - name->start));
      p.title = title;
      p.former = former;
      p.affiliation = affiliation;
      p.span = span;
      p.rule = m.rule->id;
      persons.push_back(std::move(p));
      namesakes.push_back(index);
    } else {
      index = MostRecent(persons, same, m.start);
      Person& p = persons[index];
      if (name->words.size() > p.words.size()) {
        p.words = name->words;
        p.name =
            people::FoldSpaces(std::string_view(text).substr(name->start, name->end - name->start));
      }
      if (title.size() > p.title.size() && TitlesCompatible(title, p.title)) p.title = title;
      p.former = p.former || former;
      if (!p.affiliation) p.affiliation = affiliation;
    }
    persons[index].last_fixed_start = static_cast<size_t>(span.start);
    mentions.push_back({span, index});
    taken.emplace(static_cast<size_t>(span.start), static_cast<size_t>(span.end));
  }
  if (persons.empty()) return;

  std::vector<Match> late;
  for (const rules::Rule& rule : rules.rules()) {
    const std::string& kind = rule.Emit("kind");
    if (kind == "title_alone" || kind == "honorific" || kind == "pronoun") run(rule, &late);
  }
  std::vector<const Match*> alone, honorific, pronoun;
  for (const Match& m : late) {
    const std::string& kind = m.rule->Emit("kind");
    if (kind == "title_alone") alone.push_back(&m);
    if (kind == "honorific") honorific.push_back(&m);
    if (kind == "pronoun") pronoun.push_back(&m);
  }

  // 2. "Mr Blinken", "Dr. Ruiz": honorific + a name that ends a known person's name.
  const Lexicon* honorifics = rules.lexicon("honorific");
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
    if (who.empty() || Overlaps(taken, m->start, name->end)) continue;
    const size_t index = MostRecent(persons, who, m->start);
    const rules::LexiconEntry* e = honorifics ? honorifics->Find(hon->text) : nullptr;
    const std::string& gender = e ? e->attr("gender") : rules::LexiconEntry::kEmpty;
    if (persons[index].gender == 0 && !gender.empty()) persons[index].gender = gender[0];
    persons[index].last_fixed_start = m->start;
    mentions.push_back({{static_cast<int64_t>(m->start), static_cast<int64_t>(name->end)}, index});
    taken.emplace(m->start, name->end);
  }

  // 3. The full name or any trailing part of it that starts with a capital
  //    ("Blinken", "López Obrador"), the first of a two-part surname ("Peña" of
  //    "Enrique Peña Nieto"), or the first word of a name written family name first
  //    ("Xi" of "Xi Jinping", "Moon" of "Moon Jae-in"); longest first, so a part inside a longer
  //    mention is not counted twice. Matching ignores case and accents ("Pena Nieto" = "Peña
  //    Nieto").
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
      size_t len = 0;
      if (first.empty() || !people::IsUpper(people::DecodeAt(first, 0, &len))) continue;
      own(Join(words, k), p);
      if (words.size() >= 3 && k + 2 == words.size()) own(first, p);
    }
  }
  const people::FoldedText folded = people::Fold(text);
  struct Candidate {
    size_t start, end;
    const std::vector<size_t>* who;
  };
  std::vector<Candidate> candidates;
  for (const auto& [part, who] : owners) {
    if (part.empty()) continue;
    size_t pos = folded.folded.find(part);
    while (pos != std::string::npos) {
      const size_t start = folded.offsets[pos];
      const size_t end = folded.offsets[pos + part.size()];
      if (end > start && people::IsWholeWord(text, start, end)) {
        candidates.push_back({start, end, &who});
      }
      pos = folded.folded.find(part, pos + 1);
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.end - a.start != b.end - b.start) return a.end - a.start > b.end - b.start;
    return a.start < b.start;
  });
  for (const Candidate& c : candidates) {
    if (Overlaps(taken, c.start, c.end)) continue;
    const size_t index = MostRecent(persons, *c.who, c.start);
    mentions.push_back({{static_cast<int64_t>(c.start), static_cast<int64_t>(c.end)}, index});
    taken.emplace(c.start, c.end);
  }

  // 4. "The Secretary of State", "the spokesman", "the chief": a title that exactly one
  //    person holds, or the head noun of exactly one person's title.
  for (const Match* m : alone) {
    const Capture* title_cap = m->Get("title");
    if (title_cap == nullptr || title_cap->text.empty()) continue;
    if (Overlaps(taken, m->start, m->end)) continue;
    // "the president of the club" is someone else's office.
    if (std::string_view(text).substr(m->end, 4) == " of " &&
        title_cap->text.find(" of") == std::string_view::npos) {
      continue;
    }
    const std::string title = people::AsciiLower(CanonicalTitle(rules, title_cap->text));
    const std::string head = TitleHead(title_cap->text);
    const bool former = m->Get("former") != nullptr;
    size_t count = 0, index = 0;
    for (size_t p = 0; p < persons.size(); ++p) {
      const std::string held = people::AsciiLower(persons[p].title);
      const bool same = held == title || (!head.empty() && TitleHead(held) == head);
      if (same && (!former || persons[p].former)) {
        ++count;
        index = p;
      }
    }
    if (count != 1) continue;
    mentions.push_back({{static_cast<int64_t>(m->start), static_cast<int64_t>(m->end)}, index});
    taken.emplace(m->start, m->end);
  }

  // 5. Pronouns go to the person mentioned last before them, within the same or the
  //    previous paragraph, skipping people whose honorific says the other gender.
  //    Mentions are swept in text order; a resolved pronoun is itself a mention.
  std::sort(mentions.begin(), mentions.end(),
            [](const Mention& a, const Mention& b) { return a.span.start < b.span.start; });
  const auto quoted = people::QuotedRanges(text);
  const people::Paragraphs paragraphs(text);
  const Lexicon* pronouns = rules.lexicon("pronoun");
  std::optional<Mention> last_for_m, last_for_f;  // latest mention usable by he / she
  auto note = [&](const Mention& mention) {
    const char g = persons[mention.person].gender;
    if (g != 'f') last_for_m = mention;
    if (g != 'm') last_for_f = mention;
  };
  std::vector<Mention> resolved;
  size_t next = 0;
  for (const Match* m : pronoun) {
    while (next < mentions.size() && static_cast<size_t>(mentions[next].span.end) <= m->start) {
      note(mentions[next++]);
    }
    if (people::InRanges(quoted, m->start) || Overlaps(taken, m->start, m->end)) continue;
    const rules::LexiconEntry* e = pronouns ? pronouns->Find(m->Group("pronoun")) : nullptr;
    const std::string& gender = e ? e->attr("gender") : rules::LexiconEntry::kEmpty;
    const std::optional<Mention>& last = gender == "f" ? last_for_f : last_for_m;
    if (!last) continue;
    const size_t here = paragraphs.IndexOf(m->start);
    const size_t there = paragraphs.IndexOf(static_cast<size_t>(last->span.start));
    if (there + 1 < here) continue;
    Mention mention{{static_cast<int64_t>(m->start), static_cast<int64_t>(m->end)}, last->person};
    resolved.push_back(mention);
    note(mention);
  }
  mentions.insert(mentions.end(), resolved.begin(), resolved.end());

  std::vector<std::vector<Span>> by_person(persons.size());
  for (const Mention& m : mentions) by_person[m.person].push_back(m.span);
  std::vector<Official> found;
  for (size_t p = 0; p < persons.size(); ++p) {
    Person& person = persons[p];
    Official o;
    o.name = person.name;
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
    found.push_back(std::move(o));
  }
  std::stable_sort(found.begin(), found.end(), [](const Official& a, const Official& b) {
    if (a.span.start != b.span.start) return a.span.start < b.span.start;
    if (a.span.end != b.span.end) return a.span.end < b.span.end;
    return a.rule < b.rule;
  });
  for (Official& o : found) out->push_back(std::move(o));
}

}  // namespace newsfacts
