// Coreference: names without a title, surnames, titles and descriptions (the pronoun and
// organisation parts of People are in coref_pronouns.cc and coref_organisations.cc).

#include <re2/re2.h>

#include <algorithm>
#include <iterator>

#include "extract/coref.h"

namespace newsfacts::coref {
namespace {

using rules::Lexicon;
using rules::Match;
using rules::Rule;

// True when a description's head noun (lower case) names a group ("doctors"): the
// longest `group_ending` form it ends with has `group = true`. Heads of three letters or
// fewer are never groups.
bool IsGroupHead(std::string_view head, const Lexicons& lex) {
  if (head.size() <= 3 || lex.group_ending == nullptr) return false;
  for (size_t len = head.size() - 1; len > 0; --len) {
    const std::string_view ending = head.substr(head.size() - len);
    if (!people::HasForm(lex.group_ending, ending)) continue;
    return lex.group_ending->Find(ending)->attr("group") == "true";
  }
  return false;
}

}  // namespace

Lexicons::Lexicons(const rules::RuleSet& rules)
    : female_name(rules.lexicon("female_name")),
      male_name(rules.lexicon("male_name")),
      female_word(rules.lexicon("female_word")),
      male_word(rules.lexicon("male_word")),
      organisation(rules.lexicon("organisation")),
      not_name(rules.lexicon("not_name")),
      descriptor(rules.lexicon("descriptor")),
      particle(rules.lexicon("particle")),
      pronoun_word(rules.lexicon("pronoun_word")),
      definite_article(rules.lexicon("definite_article")),
      indefinite_article(rules.lexicon("indefinite_article")),
      title_link(rules.lexicon("title_link")),
      name_org_link(rules.lexicon("name_org_link")),
      glued_prefix(rules.lexicon("glued_prefix")),
      aside_end(rules.lexicon("aside_end")),
      group_ending(rules.lexicon("group_ending")),
      acronym_link(rules.lexicon("acronym_link")),
      name_suffix(rules.lexicon("name_suffix")),
      possessive(rules.lexicon("possessive")) {
  if (pronoun_word == nullptr) return;
  for (const rules::LexiconEntry& e : pronoun_word->entries()) {
    const std::string& speaker = e.attr("speaker");
    std::vector<std::string>* to = speaker == "m" ? &he_ : speaker == "f" ? &she_ : nullptr;
    if (to == nullptr) continue;
    for (const std::string& f : e.forms) {
      if (!f.empty()) to->push_back(f);
    }
  }
}

const std::vector<std::string>& Lexicons::PronounsFor(Want want) const {
  return want == 'f' ? she_ : he_;
}

std::string_view HeadWord(const std::vector<people::Word>& words, const Lexicons& lex) {
  size_t head = words.size();
  for (size_t k = 1; k < words.size(); ++k) {
    if (people::HasForm(lex.title_link, words[k].text)) {
      head = k;
      break;
    }
  }
  return words[head - 1].text;
}

std::pair<size_t, size_t> NarrowName(std::string_view text, size_t start, size_t end,
                                     const Lexicons& lex) {
  const std::string_view phrase = text.substr(start, end - start);
  std::vector<people::Word> words = people::SplitWords(phrase);
  // "X of the Y": the person is X when X ends in a capitalised word.
  std::string link;
  for (size_t i = 1; i + 1 < words.size(); ++i) {
    if (!people::StartsUpper(words[i - 1].text)) continue;
    link.assign(words[i].text).append(" ").append(words[i + 1].text);
    if (people::HasForm(lex.name_org_link, link)) {
      words.resize(i);
      break;
    }
  }
  while (!words.empty()) {
    std::string_view& last = words.back().text;
    while (!last.empty() && (last.back() == ',' || last.back() == ';' || last.back() == ':')) {
      last.remove_suffix(1);
      words.back().end = words.back().start + last.size();
    }
    if (!last.empty()) break;
    words.pop_back();
  }
  if (words.empty() || !people::StartsUpper(words.back().text)) return {start, end};
  // "as one neo-bank CEO": a title alone after lower-case words is no name; the role is
  // the title and at most two lower-case words before it, after any article.
  if (words.size() >= 2 && !people::StartsUpper(words[words.size() - 2].text) &&
      people::HasForm(lex.descriptor, words.back().text)) {
    size_t role = words.size() - 1;
    while (role > 0 && role + 3 > words.size() && !people::StartsUpper(words[role - 1].text) &&
           !people::HasForm(lex.indefinite_article, words[role - 1].text) &&
           !people::HasForm(lex.definite_article, words[role - 1].text)) {
      --role;
    }
    return {start + words[role].start, start + words.back().end};
  }
  auto name_word = [&](std::string_view w) {
    if (people::HasForm(lex.particle, w)) return true;
    if (people::StartsWithForm(lex.glued_prefix, w)) return true;
    return people::StartsUpper(w);
  };
  size_t first = words.size() - 1;
  while (first > 0 && name_word(words[first - 1].text)) --first;
  // Titles, ranks and abbreviations ("Sen.", "U.S.") before the name are not part of it.
  // So is a compound of a title and lower-case words ("Singer-guitarists Tom Johnston").
  auto describes = [&](std::string_view w) {
    if (people::HasForm(lex.descriptor, w) || people::HasForm(lex.not_name, w)) return true;
    const size_t hyphen = w.find('-');
    if (hyphen != std::string_view::npos && hyphen + 1 < w.size() &&
        !people::StartsUpper(w.substr(hyphen + 1)) &&
        people::HasForm(lex.descriptor, w.substr(0, hyphen))) {
      return true;
    }
    return w.size() > 2 && w.find('.') != std::string_view::npos;
  };
  size_t cut = first;
  // "NASA's Steve Clarke": a possessive before a known first name says whose the person
  // is (not "the People's Daily").
  auto possessive = [&](size_t i) {
    return people::EndsWithForm(lex.possessive, words[i].text) &&
           FirstNameGender(lex, words[i + 1].text) != 0;
  };
  // "the Associated Press", "the California Governor's Office": a phrase that ends with
  // a word no person's name ends with names a body, whose words before it are its own.
  const std::string_view last_word = words.back().text;
  if (people::HasForm(lex.organisation, last_word) || people::HasForm(lex.not_name, last_word)) {
    while (cut + 1 < words.size() && (people::HasForm(lex.definite_article, words[cut].text) ||
                                      words[cut].text.find('.') != std::string_view::npos)) {
      ++cut;
    }
  } else {
    for (size_t i = first; i + 1 < words.size(); ++i) {
      if (describes(words[i].text) || possessive(i)) cut = i + 1;
    }
  }
  while (cut < words.size() && people::HasForm(lex.particle, words[cut].text)) ++cut;
  if (cut >= words.size()) return {start, end};
  return {start + words[cut].start, start + words.back().end};
}

std::vector<std::string_view> AsideAfter(std::string_view text, size_t end, const Lexicons& lex) {
  std::vector<std::string_view> out;
  size_t i = end;
  if (i >= text.size() || text[i] != ',') return out;
  ++i;
  const size_t limit = std::min(text.size(), i + 80);
  bool first = true;
  while (i < limit) {
    while (i < limit && (text[i] == ' ' || text[i] == '\t')) ++i;
    size_t j = i;
    while (j < limit && text[j] != ' ' && text[j] != '\t' && text[j] != '\n' && text[j] != ',' &&
           text[j] != '.' && text[j] != ';') {
      ++j;
    }
    if (j == i) break;
    const std::string_view w = text.substr(i, j - i);
    if (first && !people::HasForm(lex.definite_article, w) &&
        !people::HasForm(lex.indefinite_article, w)) {
      return out;
    }
    first = false;
    if (people::HasForm(lex.aside_end, w)) break;
    out.push_back(w);
    if (j >= limit || text[j] != ' ') break;
    i = j;
  }
  return out;
}

People::People(std::string_view text, const rules::RuleSet& rules, const Roles& roles,
               const std::vector<Official>& officials,
               const std::vector<std::pair<size_t, size_t>>& quoted)
    : text_(text),
      rules_(rules),
      person_rules_(roles.person),
      org_rules_(roles.org),
      quoted_(quoted),
      officials_(officials),
      lex_(rules),
      paragraphs_(text) {
  for (size_t i = 0; i < officials.size(); ++i) {
    for (const Span& s : officials[i].mentions) official_mentions_.push_back({s, i});
    // A surname may be any word after the first: "Capriles" of "Henrique Capriles
    // Radonski", "Yasay" of "Perfecto Yasay Jr.".
    const std::vector<people::Word> name = people::SplitWords(officials[i].name);
    const bool family_first = people::FamilyNameFirst(name, nullptr);
    for (size_t k = name.size() > 1 && !family_first ? 1 : 0; k < name.size(); ++k) {
      std::vector<size_t>& v = by_word_[std::string(name[k].text)];
      if (v.empty() || v.back() != i) v.push_back(i);
    }
  }
  std::sort(official_mentions_.begin(), official_mentions_.end(),
            [](const auto& a, const auto& b) { return a.first.start < b.first.start; });
}

std::optional<size_t> People::At(size_t start, size_t end) const {
  // Mentions of different people never overlap, so the mention starting last before
  // `end` is the only candidate.
  auto it = std::lower_bound(
      official_mentions_.begin(), official_mentions_.end(), end,
      [](const auto& m, size_t pos) { return static_cast<size_t>(m.first.start) < pos; });
  if (it == official_mentions_.begin()) return std::nullopt;
  --it;
  if (static_cast<size_t>(it->first.end) > start) return it->second;
  return std::nullopt;
}

std::optional<size_t> People::ByName(std::string_view speaker, size_t before) const {
  const std::vector<people::Word> words = people::SplitWords(speaker);
  if (words.empty()) return std::nullopt;
  auto found = by_word_.find(std::string(words.front().text));
  if (found == by_word_.end()) return std::nullopt;
  std::optional<size_t> best;
  int64_t best_at = -1;
  for (size_t i : found->second) {
    if (!Contains(officials_[i].name, words)) continue;
    int64_t at = -1;
    for (const Span& s : officials_[i].mentions) {
      if (static_cast<size_t>(s.start) < before) at = std::max(at, s.start);
    }
    if (!best || at > best_at) {
      best = i;
      best_at = at;
    }
  }
  return best;
}

// True when the official's title has the head noun `want` (lower case).
bool People::HoldsTitleHead(size_t official, const std::string& want) const {
  const std::vector<people::Word> words = people::SplitWords(officials_[official].title);
  return !words.empty() && people::AsciiLower(HeadWord(words, lex_)) == want;
}

std::optional<size_t> People::ByTitle(std::string_view head, size_t before) const {
  const std::string want = people::AsciiLower(head);
  std::optional<size_t> best;
  int64_t best_at = -1;
  for (size_t i = 0; i < officials_.size(); ++i) {
    if (!HoldsTitleHead(i, want)) continue;
    int64_t at = -1;
    for (const Span& s : officials_[i].mentions) {
      if (static_cast<size_t>(s.start) < before) at = std::max(at, s.start);
    }
    if (at >= 0 && at > best_at) {
      best = i;
      best_at = at;
    }
  }
  return best;
}

std::optional<size_t> People::ByTitleNamedAfter(std::string_view head, size_t after) const {
  const std::string want = people::AsciiLower(head);
  const size_t here = paragraphs_.IndexOf(after);
  std::optional<size_t> found;
  for (size_t i = 0; i < officials_.size(); ++i) {
    const Official& o = officials_[i];
    if (!HoldsTitleHead(i, want)) continue;
    if (o.mentions.empty() || static_cast<size_t>(o.mentions.front().start) < after) continue;
    if (paragraphs_.IndexOf(static_cast<size_t>(o.mentions.front().start)) > here + 3) continue;
    if (found) return std::nullopt;  // two of them: no telling which
    found = i;
  }
  return found;
}

std::optional<std::string> People::ByEarlierRole(std::string_view head, size_t before) const {
  const std::string want = people::AsciiLower(head);
  const size_t here = paragraphs_.IndexOf(before);
  for (auto it = speakers_.rbegin(); it != speakers_.rend(); ++it) {
    if (it->start >= before) continue;
    if (paragraphs_.IndexOf(it->start) + 2 < here) break;
    if (it->org || it->name.empty() || people::StartsUpper(it->name)) continue;
    for (const people::Word& w : people::SplitWords(it->name)) {
      if (people::AsciiLower(w.text) == want) return it->name;
    }
  }
  return std::nullopt;
}

std::string People::Fullest(const std::string& name, size_t before) {
  CollectNames();
  std::string fullest = FullestOf(name, before);
  if (fullest != name || name.find(' ') != std::string::npos) return fullest;
  if (std::optional<std::string> first = ByFirstName(name, before)) return *first;
  // "“…,” Clarke said" before "Steve Clarke, deputy associate administrator": with no
  // fuller name before, the one fuller name written after.
  return OnlyFullerAfter(name, before).value_or(name);
}

std::optional<std::string> People::OnlyFullerAfter(const std::string& name, size_t after) const {
  auto found = names_by_word_.find(name);
  if (found == names_by_word_.end()) return std::nullopt;
  const std::vector<people::Word> words = people::SplitWords(name);
  std::optional<std::string> only;
  for (size_t index : found->second) {
    const Named& n = names_[index];
    if (n.start < after || n.name.size() <= name.size() || !Contains(n.name, words)) continue;
    if (only && *only != n.name) return std::nullopt;
    only = n.name;
  }
  return only;
}

namespace {

// True for a word of two to six capital ASCII letters ("WHO", "DEA").
bool IsAcronym(std::string_view word) {
  if (word.size() < 2 || word.size() > 6) return false;
  return std::all_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

std::optional<std::string> People::SpelledOut(std::string_view acronym, size_t before) {
  if (!IsAcronym(acronym)) return std::nullopt;
  auto it = acronym_runs_.find(std::string(acronym));
  if (it == acronym_runs_.end()) {
    if (acronym_runs_.size() >= kMaxSearchedAcronyms) return std::nullopt;
    it = acronym_runs_.emplace(std::string(acronym), RunsSpelling(acronym)).first;
  }
  for (auto run = it->second.rbegin(); run != it->second.rend(); ++run) {
    if (run->first <= before) return run->second;
  }
  return std::nullopt;
}

// Every run of capitalised words whose initials spell the acronym, by its first word in
// text order: where the run ends and its words.
std::vector<std::pair<size_t, std::string>> People::RunsSpelling(std::string_view acronym) {
  if (!text_split_) {
    text_words_ = people::SplitWords(text_);
    text_split_ = true;
  }
  const std::vector<people::Word>& words = text_words_;
  std::vector<std::pair<size_t, std::string>> runs;
  for (size_t i = 0; i < words.size(); ++i) {
    size_t k = 0, j = i, last = i;
    while (j < words.size() && k < acronym.size()) {
      const std::string_view w = words[j].text;
      if (people::StartsUpper(w) && w.size() > 1 && w[0] == acronym[k]) {
        ++k;
        last = j++;
      } else if (k > 0 && people::HasForm(lex_.acronym_link, w)) {
        ++j;
      } else {
        break;
      }
    }
    if (k < acronym.size() || last == i) continue;
    // The whole name the initials are taken from: "Chinese Center for Disease Control and
    // Prevention" for "CDC" (a capitalised word before, "and" and one word after).
    size_t first = i;
    auto plain = [&](size_t w) {
      const std::string_view t = words[w].text;
      return people::StartsUpper(t) && !people::HasForm(lex_.not_name, t) &&
             !people::HasForm(lex_.definite_article, t) &&
             std::string_view(",.;:").find(t.back()) == std::string_view::npos;
    };
    if (first > 0 && plain(first - 1)) --first;
    if (last + 2 < words.size() && words[last + 1].text == "and" && plain(last + 2) &&
        (last + 3 >= words.size() || !people::StartsUpper(words[last + 3].text))) {
      last += 2;
    }
    std::string_view full = text_.substr(words[first].start, words[last].end - words[first].start);
    while (!full.empty() &&
           (full.back() == '.' || full.back() == ',' || full.back() == ';' || full.back() == ':')) {
      full.remove_suffix(1);
    }
    runs.emplace_back(words[last].end, people::FoldSpaces(full));
  }
  return runs;
}

std::optional<std::string> People::ByFirstName(std::string_view word, size_t before) {
  if (!first_names_built_) BuildFirstNames();
  auto it = first_names_.find(std::string(word));
  if (it == first_names_.end()) return std::nullopt;
  std::optional<std::string> found;
  for (const auto& [name, first_written] : it->second) {
    if (first_written >= before) continue;
    if (found) return std::nullopt;  // a second person of that first name
    found = name;
  }
  return found;
}

// Once per article: the officials' and the other names of two words
// or more, by their first word, each with where it is first written.
void People::BuildFirstNames() {
  CollectNames();
  first_names_built_ = true;
  auto add = [&](const std::string& name, size_t at) {
    const std::vector<people::Word> words = people::SplitWords(name);
    if (words.size() < 2 || people::FamilyNameFirst(words, nullptr)) return;
    auto [it, added] = first_names_[std::string(words[0].text)].emplace(name, at);
    if (!added) it->second = std::min(it->second, at);
  };
  for (const auto& [span, who] : official_mentions_) {
    add(officials_[who].name, static_cast<size_t>(span.start));
  }
  for (const Named& n : names_) add(n.name, n.start);
}

std::optional<std::string> People::ByDescriptor(const std::vector<people::Word>& role,
                                                size_t before) {
  std::vector<std::string> want;
  for (const people::Word& w : role) {
    const std::string lower = people::AsciiLower(w.text);
    if (people::HasForm(lex_.definite_article, lower) || people::HasForm(lex_.title_link, lower)) {
      continue;
    }
    want.push_back(lower);
  }
  if (want.empty()) return std::nullopt;
  CollectNames();
  // Not a group ("the doctors") nor a bare "the man" or "the mother".
  const std::string& head = want.back();
  if (IsGroupHead(head, lex_)) return std::nullopt;
  if (GenderWord(lex_, head) != 0) return std::nullopt;
  CollectDescriptors();
  auto fits = [&](const std::string& name) {
    auto d = descriptors_.find(name);
    if (d == descriptors_.end()) return false;
    for (const std::string& w : want) {
      if (!d->second.count(w)) return false;
    }
    return true;
  };
  // The speaker of the quotation before, when the description fits: "“…,” the
  // Democratic nominee said. “…,” the nominee added."
  auto last = std::lower_bound(speakers_.begin(), speakers_.end(), before,
                               [](const Named& n, size_t p) { return n.start < p; });
  if (last != speakers_.begin() && !IsOrg(*std::prev(last)) && fits(std::prev(last)->name)) {
    return std::prev(last)->name;
  }
  auto it = std::lower_bound(mentions_.begin(), mentions_.end(), before,
                             [](const Named& n, size_t p) { return n.start < p; });
  // Only when it fits one person: "the nominee" with two nominees named stays as
  // written.
  std::optional<std::string> found;
  for (size_t seen = 0; it != mentions_.begin() && seen < kMaxCandidates; ++seen) {
    --it;
    if (IsOrg(*it) || (found && *found == it->name) || !fits(it->name)) continue;
    if (found) return std::nullopt;
    found = it->name;
  }
  return found;
}

void People::Note(size_t start, size_t end, const std::string& name, bool org) {
  auto it = std::upper_bound(speakers_.begin(), speakers_.end(), start,
                             [](size_t p, const Named& x) { return p < x.start; });
  speakers_.insert(it, Named{start, end, name, org});
}

// True when `words` appear in a row in `name` after its first word (or are all of a
// one-word name, or start a name written family name first: "Park" of "Park Ji-hoon").
bool People::Contains(std::string_view name, const std::vector<people::Word>& words) {
  const std::vector<people::Word> other = people::SplitWords(name);
  if (words.empty() || words.size() > other.size()) return false;
  const size_t first = other.size() > 1 && !people::FamilyNameFirst(other, nullptr) ? 1 : 0;
  for (size_t at = first; at + words.size() <= other.size(); ++at) {
    bool same = true;
    for (size_t k = 0; k < words.size() && same; ++k) same = other[at + k].text == words[k].text;
    if (same) return true;
  }
  return false;
}

std::string People::FullestOf(const std::string& name, size_t before) const {
  const std::vector<people::Word> words = people::SplitWords(name);
  if (words.empty()) return name;
  auto found = names_by_word_.find(std::string(words.front().text));
  if (found == names_by_word_.end()) return name;
  const Named* best = nullptr;
  for (size_t index : found->second) {
    const Named& n = names_[index];
    if (n.start >= before || n.name.size() <= name.size() || !Contains(n.name, words)) continue;
    if (best == nullptr || n.start > best->start) best = &n;
  }
  return best ? best->name : name;
}

// Lower-case words that describe each person, for ByDescriptor: up to four words just
// before a mention (through one comma right before it: "the nominee, Warren Tate"),
// the words of an aside after it, and an official's title. Articles are left out.
void People::CollectDescriptors() {
  if (described_) return;
  described_ = true;
  auto add = [&](const std::string& name, std::string_view word) {
    while (!word.empty() && (word.back() == ',' || word.back() == '.')) word.remove_suffix(1);
    if (word.empty()) return;
    std::string lower = people::AsciiLower(word);
    if (people::HasForm(lex_.definite_article, lower) ||
        people::HasForm(lex_.indefinite_article, lower)) {
      return;
    }
    descriptors_[name].insert(std::move(lower));
  };
  auto around = [&](const std::string& name, size_t start, size_t end) {
    const size_t from = start > 60 ? start - 60 : 0;
    const std::vector<people::Word> words = people::SplitWords(text_.substr(from, start - from));
    size_t taken = 0;
    for (size_t k = words.size(); k > 0 && taken < 4; --k, ++taken) {
      const std::string_view w = words[k - 1].text;
      const char last = w.back();
      const bool comma_before_name = last == ',' && taken == 0;
      if (!comma_before_name && (last == ',' || last == '.' || last == ';' || last == ':' ||
                                 static_cast<unsigned char>(last) >= 0x80)) {
        break;
      }
      add(name, w);
    }
    for (std::string_view w : AsideAfter(text_, end, lex_)) add(name, w);
  };
  for (size_t i = 0; i < names_written_; ++i) {
    around(names_[i].name, names_[i].start, names_[i].end);
  }
  for (const auto& [span, who] : official_mentions_) {
    const std::string& name = officials_[who].name;
    around(name, static_cast<size_t>(span.start), static_cast<size_t>(span.end));
    for (const people::Word& w : people::SplitWords(officials_[who].title)) add(name, w.text);
  }
}

// Later mentions of a name without a title by its last word alone ("Becker" after
// "Tom Becker"), or by its first when the family name comes first ("Park" after "Park
// Ji-hoon"), outside quotations and other mentions: each goes to the latest
// earlier name ending in that word. Appended to names_, which is then re-sorted.
void People::AddSurnames() {
  std::vector<std::pair<size_t, size_t>> taken;
  for (const Named& n : names_) taken.emplace_back(n.start, n.end);
  for (const auto& [span, who] : official_mentions_) {
    taken.emplace_back(static_cast<size_t>(span.start), static_cast<size_t>(span.end));
  }
  std::sort(taken.begin(), taken.end());
  std::vector<std::pair<size_t, size_t>> merged;
  for (const auto& r : taken) {
    if (!merged.empty() && r.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, r.second);
    } else {
      merged.push_back(r);
    }
  }
  std::map<std::string, std::vector<size_t>> by_surname;  // last word -> names_ indices
  for (size_t i = 0; i < names_.size(); ++i) {
    std::vector<people::Word> words = people::SplitWords(names_[i].name);
    // "Carlineo" of "Patrick Carlineo Jr.".
    if (words.size() > 2 && people::HasForm(lex_.name_suffix, words.back().text)) words.pop_back();
    if (words.size() < 2 || !people::StartsUpper(words.back().text)) continue;
    by_surname[std::string(words.back().text)].push_back(i);
    // "Park" of "Park Ji-hoon": a family name written first.
    if (people::FamilyNameFirst(words, nullptr)) {
      std::vector<size_t>& v = by_surname[std::string(words.front().text)];
      if (v.empty() || v.back() != i) v.push_back(i);
    }
  }
  std::vector<Named> found;
  size_t searched = 0;
  for (const auto& [surname, holders] : by_surname) {
    if (searched++ >= kMaxSearchedSurnames) break;
    size_t pos = text_.find(surname);
    while (pos != std::string_view::npos) {
      const size_t end = pos + surname.size();
      if (people::IsWholeWord(text_, pos, end) && !people::InRanges(merged, pos) &&
          !people::InRanges(quoted_, pos)) {
        // holders are in text order: the last one that starts before pos.
        auto it = std::lower_bound(holders.begin(), holders.end(), pos,
                                   [&](size_t i, size_t p) { return names_[i].start < p; });
        if (it != holders.begin()) found.push_back({pos, end, names_[*std::prev(it)].name});
      }
      pos = text_.find(surname, end);
    }
  }
  names_.insert(names_.end(), found.begin(), found.end());
}

// The spans of the `role = "person"` rules' names, sorted: (start, end, whether a
// single word may be a name).
std::vector<std::tuple<size_t, size_t, bool>> People::FindNameSpans() const {
  std::vector<std::tuple<size_t, size_t, bool>> spans;
  for (const Rule* rule : person_rules_) {
    const bool single = rule->Emit("single") == "true";
    if (rule->Emit("capture") == "whole") {
      // The name is the whole match: RE2's DFA alone finds it.
      const re2::StringPiece input(text_.data(), text_.size());
      re2::StringPiece m;
      size_t pos = 0;
      while (pos < text_.size() &&
             rule->re()->Match(input, pos, text_.size(), RE2::UNANCHORED, &m, 1)) {
        const size_t start = static_cast<size_t>(m.data() - text_.data());
        if (m.size() == 0) {
          pos = start + 1;
          continue;
        }
        spans.emplace_back(start, start + m.size(), single);
        pos = start + m.size();
      }
    } else {
      for (const Match& m : rules_.FindAllOf(*rule, text_)) {
        if (const rules::Capture* cap = m.Get("name")) {
          spans.emplace_back(cap->start, cap->end, single);
        }
      }
    }
  }
  std::sort(spans.begin(), spans.end());
  return spans;
}

// Appends the name written at [start, end) to names_: an official's name when it names
// one, else the fullest earlier name ending with it.
void People::AddName(size_t start, size_t end) {
  Named n{start, end, people::FoldSpaces(text_.substr(start, end - start))};
  if (std::optional<size_t> who = ByName(n.name, start)) {
    n.name = officials_[*who].name;
  } else {
    n.name = FullestOf(n.name, start);
  }
  const std::vector<people::Word> name_words = people::SplitWords(n.name);
  const bool family_first = people::FamilyNameFirst(name_words, nullptr);
  for (size_t k = name_words.size() > 1 && !family_first ? 1 : 0; k < name_words.size(); ++k) {
    std::vector<size_t>& v = names_by_word_[std::string(name_words[k].text)];
    if (v.empty() || v.back() != names_.size()) v.push_back(names_.size());
  }
  names_.push_back(std::move(n));
}

// Names without a title, in text order (narrowed, outside quotations, without a
// `not_name` word, not an official's mention), then their surname mentions; then
// mentions_: those and the officials' mentions outside quotations but pronouns.
void People::CollectNames() {
  if (collected_) return;
  collected_ = true;
  std::vector<std::tuple<size_t, size_t, bool>> spans = FindNameSpans();
  for (const auto& [cap_start, cap_end, single] : spans) {
    if (people::InRanges(quoted_, cap_start)) continue;
    auto [a, b] = NarrowName(text_, cap_start, cap_end, lex_);
    const std::vector<people::Word> words = people::SplitWords(text_.substr(a, b - a));
    if (words.empty() || (!single && words.size() < 2)) continue;
    bool bad = false;
    for (const people::Word& w : words) bad = bad || people::HasForm(lex_.not_name, w.text);
    // "Kate York": a known first name makes a person of words that are mostly places.
    bad = bad && (words.size() < 2 || FirstNameGender(lex_, words[0].text) == 0);
    if (bad || At(a, b)) continue;
    AddName(a, b);
  }
  names_written_ = names_.size();
  AddSurnames();
  spans_ = std::move(spans);
  for (const auto& [span, who] : official_mentions_) {
    // Pronoun mentions, when the officials come with them, are left out: pronouns are
    // this pass's own to resolve (PronounAt).
    const std::string_view written =
        text_.substr(static_cast<size_t>(span.start), static_cast<size_t>(span.end - span.start));
    if (IsPronoun(written)) continue;
    if (!people::InRanges(quoted_, static_cast<size_t>(span.start))) {
      mentions_.push_back(
          {static_cast<size_t>(span.start), static_cast<size_t>(span.end), officials_[who].name});
    }
  }
  mentions_.insert(mentions_.end(), names_.begin(), names_.end());
  std::sort(mentions_.begin(), mentions_.end(),
            [](const Named& x, const Named& y) { return x.start < y.start; });
}

}  // namespace newsfacts::coref
