// Coreference: which names are organisations (see coref.h).

#include <re2/re2.h>

#include <algorithm>

#include "extract/coref.h"

namespace newsfacts::coref {
namespace {

// The phrase's first word when it is a `definite_article` form followed by more words,
// else npos: the length of the article.
size_t LeadingArticle(std::string_view phrase, const Lexicons& lex) {
  const size_t space = phrase.find(' ');
  if (space == std::string_view::npos || space + 1 >= phrase.size()) return std::string_view::npos;
  return people::HasForm(lex.definite_article, phrase.substr(0, space)) ? space
                                                                        : std::string_view::npos;
}

bool ByStart(const Named& x, const Named& y) { return x.start < y.start; }

}  // namespace

bool People::IsOrgPhrase(std::string_view phrase) const {
  const std::vector<people::Word> words = people::SplitWords(phrase);
  if (words.empty()) return false;
  const rules::Lexicon* org = lex_.organisation;
  if (people::HasForm(org, words.back().text)) return true;
  for (const people::Word& w : words) {
    if (people::StartsUpper(w.text) && people::HasForm(org, w.text)) return true;
  }
  return false;
}

// An organisation: marked so, or a name ClassifyOrgs() found to be one (call it first),
// or one IsOrgName() finds to be one.
bool People::IsOrg(const Named& n) {
  return n.org || org_names_.count(n.name) > 0 || IsOrgName(n.name);
}

// Whether a name without a title is an organisation, by the same tests as
// ClassifyOrgs() on the mentions of that name alone; cached per name, so that a
// pronoun costs only the names it looks at.
bool People::IsOrgName(const std::string& name) {
  auto cached = org_cache_.find(name);
  if (cached != org_cache_.end()) return cached->second;
  if (by_full_name_.empty()) {
    for (size_t i = 0; i < names_written_; ++i) by_full_name_[names_[i].name].push_back(i);
  }
  bool is_org = false;
  auto found = by_full_name_.find(name);
  if (found != by_full_name_.end()) {
    const bool has_word = HasOrgWord(name);
    is_org = has_word;
    for (size_t k = 0; k < found->second.size() && !is_org && k < 16; ++k) {
      const Named& n = names_[found->second[k]];
      is_org = IsOrgContext(n.start, n.end);
    }
    if (is_org && !has_word && FirstNameGender(lex_, name) != 0) is_org = false;
  }
  org_cache_.emplace(name, is_org);
  return is_org;
}

// An aside headed by an organisation word right after [start, end) ("Carrier
// Dynamics, the air conditioner maker,"), or one right before it ("its parent
// company, United Technics").
bool People::IsOrgContext(size_t start, size_t end) const {
  const rules::Lexicon* org = lex_.organisation;
  const std::vector<std::string_view> aside = AsideAfter(text_, end, lex_);
  if (!aside.empty() && people::HasForm(org, aside.back())) return true;
  if (start >= 2 && text_[start - 1] == ' ' && text_[start - 2] == ',') {
    size_t w = start - 2;
    while (w > 0 && text_[w - 1] != ' ' && text_[w - 1] != '\t' && text_[w - 1] != '\n') --w;
    return people::HasForm(org, text_.substr(w, start - 2 - w));
  }
  return false;
}

// True when any word of the phrase (trailing ",;:" aside) is in `organisation`.
bool People::HasOrgWord(std::string_view phrase) const {
  size_t i = 0;
  while (i < phrase.size()) {
    while (i < phrase.size() && (phrase[i] == ' ' || phrase[i] == '\t')) ++i;
    size_t j = i;
    while (j < phrase.size() && phrase[j] != ' ' && phrase[j] != '\t') ++j;
    std::string_view word = phrase.substr(i, j - i);
    while (!word.empty() && (word.back() == ',' || word.back() == ';' || word.back() == ':')) {
      word.remove_suffix(1);
    }
    if (!word.empty() && people::HasForm(lex_.organisation, word)) return true;
    i = j;
  }
  return false;
}

// Which names are organisations, once per article, on the first need (pronouns and
// sentence subjects; most articles resolve no pronoun). A capitalised phrase is one
// when it has an `organisation` word ("Foreign Ministry"), an aside headed by one
// ("Carrier Dynamics, the air conditioner maker,") or one right before it ("its parent
// company, United Technics"); every mention of that name is then one. Phrases kept
// out of names_ by a `not_name` word ("Foreign Ministry") are added to mentions_ as
// organisations. ("The Democratic campaign" is left to CollectOrgPhrases().)
void People::ClassifyOrgs() {
  if (orgs_classified_) return;
  orgs_classified_ = true;
  CollectNames();
  std::vector<Named> orgs;
  for (const auto& [cap_start, cap_end, single] : spans_) {
    if (single) continue;
    const std::string_view phrase = text_.substr(cap_start, cap_end - cap_start);
    const bool has_word = HasOrgWord(phrase);
    bool is_org = has_word || IsOrgContext(cap_start, cap_end);
    // A phrase that opens with a known first name is a person unless it holds an
    // organisation word ("Kellyanne Conroy" after "adviser to the campaign,").
    if (is_org && !has_word && FirstNameGender(lex_, phrase) != 0) is_org = false;
    if (!is_org) continue;
    std::string name = OrgName(cap_start, cap_end);
    org_names_.insert(name);
    if (!people::InRanges(quoted_, cap_start)) orgs.push_back({cap_start, cap_end, name, true});
  }
  if (org_names_.empty()) return;
  // A person mention of an organisation's name (or of its last word) is the
  // organisation; the mention found as a phrase replaces it.
  std::vector<Named> kept;
  kept.reserve(mentions_.size() + orgs.size());
  for (Named& n : mentions_) {
    if (org_names_.count(n.name)) continue;
    kept.push_back(std::move(n));
  }
  std::sort(orgs.begin(), orgs.end(), ByStart);
  std::vector<std::pair<size_t, size_t>> covered;
  for (const Named& o : orgs) {
    if (!covered.empty() && o.start <= covered.back().second) {
      covered.back().second = std::max(covered.back().second, o.end);
    } else {
      covered.emplace_back(o.start, o.end);
    }
  }
  for (const Named& n : names_) {
    // Surname mentions ("Dynamics" of "Carrier Dynamics") stay, as the organisation.
    if (org_names_.count(n.name) && !people::InRanges(quoted_, n.start) &&
        !people::InRanges(covered, n.start)) {
      kept.push_back({n.start, n.end, n.name, true});
    }
  }
  kept.insert(kept.end(), orgs.begin(), orgs.end());
  mentions_ = std::move(kept);
  std::stable_sort(mentions_.begin(), mentions_.end(), ByStart);
}

// Organisations written with an article and a head noun ("The Democratic campaign") in
// [from, to), by the `role = "org"` rules, outside quotations; reported as written with
// the article in lower case.
std::vector<Named> People::OrgPhrasesIn(size_t from, size_t to) const {
  std::vector<Named> out;
  const re2::StringPiece input(text_.data(), to);
  for (const rules::Rule* rule : org_rules_) {
    re2::StringPiece m;
    size_t pos = from;
    while (pos < to && rule->re()->Match(input, pos, to, RE2::UNANCHORED, &m, 1)) {
      const size_t start = static_cast<size_t>(m.data() - text_.data());
      const size_t end = start + m.size();
      pos = end > start ? end : start + 1;
      if (end <= start || people::InRanges(quoted_, start)) continue;
      std::string name = people::FoldSpaces(text_.substr(start, end - start));
      const size_t article = LeadingArticle(name, lex_);
      if (article != std::string::npos) {
        name.replace(0, article, people::AsciiLower(std::string_view(name).substr(0, article)));
      }
      out.push_back({start, end, std::move(name), true});
    }
  }
  return out;
}

// Adds OrgPhrasesIn() of the whole text to mentions_; once per article, on the first
// "it" (they matter to nothing else: organisations are never "he" or "she").
void People::CollectOrgPhrases() {
  if (org_phrases_) return;
  org_phrases_ = true;
  std::vector<Named> orgs = OrgPhrasesIn(0, text_.size());
  if (orgs.empty()) return;
  mentions_.insert(mentions_.end(), orgs.begin(), orgs.end());
  std::stable_sort(mentions_.begin(), mentions_.end(), ByStart);
}

// An organisation's name as reported: the phrase with a leading `definite_article`
// ("The") dropped.
std::string People::OrgName(size_t start, size_t end) const {
  std::string s = people::FoldSpaces(text_.substr(start, end - start));
  const size_t article = LeadingArticle(s, lex_);
  if (article != std::string::npos) s.erase(0, article + 1);
  return s;
}

}  // namespace newsfacts::coref
