// Coreference: gender, pronouns and sentence subjects (see coref.h).

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>

#include "common/utf8.h"
#include "extract/coref.h"

namespace newsfacts::coref {
namespace {

char AsciiUpper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// True when text at pos holds `form` with its first letter in either case and the rest
// as written ("he" or "He").
bool FormAt(std::string_view text, size_t pos, const std::string& form) {
  const char c = text[pos];
  if (c != form[0] && c != AsciiUpper(form[0])) return false;
  return text.substr(pos + 1, form.size() - 1) == std::string_view(form).substr(1);
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// True for the marks that close a quotation: '"' and ”.
bool IsClosingMark(char32_t c) { return c == '"' || c == people::kRightDoubleQuote; }

// The mentions and speakers starting before a position, latest first. Both lists are sorted
// by start and walked backwards together, over at most kMaxCandidates mentions (hostile
// text can hold thousands in one paragraph). Holds references to both lists.
class NamedBackwards {
 public:
  NamedBackwards(const std::vector<Named>& mentions, const std::vector<Named>& speakers, size_t pos)
      : mentions_(mentions),
        speakers_(speakers),
        i_(Before(mentions, pos)),
        j_(Before(speakers, pos)) {}

  // The next one back, or nullptr when none is left or the limit is reached.
  const Named* Next() {
    if (i_ == 0 && j_ == 0) return nullptr;
    if (visited_++ >= kMaxCandidates) return nullptr;
    if (j_ == 0 || (i_ > 0 && mentions_[i_ - 1].start >= speakers_[j_ - 1].start)) {
      return &mentions_[--i_];
    }
    return &speakers_[--j_];
  }

 private:
  static size_t Before(const std::vector<Named>& v, size_t pos) {
    return static_cast<size_t>(
        std::lower_bound(v.begin(), v.end(), pos,
                         [](const Named& n, size_t p) { return n.start < p; }) -
        v.begin());
  }

  const std::vector<Named>& mentions_;
  const std::vector<Named>& speakers_;
  size_t i_, j_;
  size_t visited_ = 0;
};

}  // namespace

char GenderWord(const Lexicons& lex, std::string_view word) {
  if (people::HasForm(lex.female_word, word)) return 'f';
  if (people::HasForm(lex.male_word, word)) return 'm';
  return 0;
}

char FirstNameGender(const Lexicons& lex, std::string_view name) {
  size_t a = 0;
  while (a < name.size() && (name[a] == ' ' || name[a] == '\t')) ++a;
  size_t b = a;
  while (b < name.size() && name[b] != ' ' && name[b] != '\t') ++b;
  const std::string_view first = name.substr(a, b - a);
  if (first.empty()) return 0;
  if (people::HasForm(lex.female_name, first)) return 'f';
  if (people::HasForm(lex.male_name, first)) return 'm';
  return 0;
}

// A pronoun a person's mention may be (the `pronoun_word` lexicon's `person` forms).
bool People::IsPronoun(std::string_view w) const {
  const rules::LexiconEntry* e = lex_.pronoun_word ? lex_.pronoun_word->Find(w) : nullptr;
  return e != nullptr && e->attr("person") == "true";
}

// The person pronouns are ASCII words of a few letters: each run of ASCII letters that is
// a whole word and no longer than the longest form is looked up. A form inside a name is
// no pronoun ("He" of "He Jianxiong"): neither a known mention nor a capitalised form
// in the middle of a sentence (after a word or a comma).
void People::FindPersonPronouns() {
  if (pronouns_found_) return;
  pronouns_found_ = true;
  const rules::Lexicon* lexicon = lex_.pronoun_word;
  if (lexicon == nullptr) return;
  CollectNames();
  size_t longest = 0;
  bool first_letter[256] = {};  // the first letters of the forms, in either case
  for (const rules::LexiconEntry& e : lexicon->entries()) {
    if (e.attr("gender").empty()) continue;
    for (const std::string& form : e.forms) {
      longest = std::max(longest, form.size());
      if (form.empty() || !IsAsciiLetter(form[0])) continue;
      first_letter[static_cast<unsigned char>(std::tolower(form[0]))] = true;
      first_letter[static_cast<unsigned char>(std::toupper(form[0]))] = true;
    }
  }
  for (size_t k = 0; k < text_.size();) {
    if (!IsAsciiLetter(text_[k])) {
      ++k;
      continue;
    }
    size_t j = k;
    while (j < text_.size() && IsAsciiLetter(text_[j])) ++j;
    if (j - k <= longest && first_letter[static_cast<unsigned char>(text_[k])] &&
        people::IsWholeWord(text_, k, j) && !people::InRanges(quoted_, k) && !InMention(k) &&
        !CapitalisedMidSentence(k)) {
      const rules::LexiconEntry* e = lexicon->Find(text_.substr(k, j - k));
      const std::string& gender = e ? e->attr("gender") : rules::LexiconEntry::kEmpty;
      if (!gender.empty()) person_pronouns_.emplace_back(k, j, gender[0]);
    }
    k = j;
  }
}

bool People::CapitalisedMidSentence(size_t pos) const {
  if (!std::isupper(static_cast<unsigned char>(text_[pos]))) return false;
  size_t k = pos;
  while (k > 0 && (text_[k - 1] == ' ' || text_[k - 1] == '\t')) --k;
  if (k == 0) return false;
  const char c = text_[k - 1];
  return c == ',' || c == ';' || std::isalnum(static_cast<unsigned char>(c));
}

// Mentions are sorted by start; one holding pos starts at most a few mentions before it
// (names do not nest deeper).
bool People::InMention(size_t pos) const {
  auto it = std::upper_bound(mentions_.begin(), mentions_.end(), pos,
                             [](size_t p, const Named& n) { return p < n.start; });
  for (int seen = 0; it != mentions_.begin() && seen < 4; ++seen) {
    --it;
    if (it->end > pos) return true;
  }
  return false;
}

void People::ResolvePronounsBefore(size_t at) {
  FindPersonPronouns();
  while (pronouns_resolved_ < person_pronouns_.size() &&
         std::get<0>(person_pronouns_[pronouns_resolved_]) < at) {
    const auto [start, end, want] = person_pronouns_[pronouns_resolved_++];
    PronounAt(start, want, start);
  }
}

std::optional<std::string> People::PronounAt(size_t at, Want want, size_t from) {
  if (auto kept = pronoun_answers_.find(at); kept != pronoun_answers_.end()) return kept->second;
  ResolvePronounsBefore(at);
  std::optional<std::string> name = Antecedent(std::min(from, at), want);
  pronoun_answers_.emplace(at, name);
  size_t end = at;
  while (end < text_.size() && IsAsciiLetter(text_[end])) ++end;
  // A subject pronoun ("he", with a `speaker`) is a mention later pronouns may go back to;
  // "His running mate, Carl Mendez, ..." makes no subject of "His".
  const rules::LexiconEntry* e =
      lex_.pronoun_word ? lex_.pronoun_word->Find(text_.substr(at, end - at)) : nullptr;
  if (name && e != nullptr && !e->attr("speaker").empty()) Note(at, end, *name, want == 'o');
  return name;
}

std::vector<std::pair<Span, std::string>> People::PersonPronouns() {
  ResolvePronounsBefore(text_.size() + 1);
  std::vector<std::pair<Span, std::string>> out;
  for (const auto& [start, end, want] : person_pronouns_) {
    const std::optional<std::string>& name = pronoun_answers_.at(start);
    if (!name) continue;
    out.push_back({Span{static_cast<int64_t>(start), static_cast<int64_t>(end)}, *name});
  }
  return out;
}

std::vector<std::pair<Span, std::string>> People::Resolved() {
  std::vector<std::pair<Span, std::string>> out = PersonPronouns();
  std::set<size_t> taken;
  for (const auto& [span, name] : out) taken.insert(static_cast<size_t>(span.start));
  for (const Named& n : speakers_) {
    if (n.org || !taken.insert(n.start).second) continue;
    out.push_back({Span{static_cast<int64_t>(n.start), static_cast<int64_t>(n.end)}, n.name});
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.first.start < b.first.start; });
  return out;
}

namespace {

// True when `span` overlaps one of `spans` (sorted by start; nested no deeper than a few).
bool OverlapsAny(const std::vector<Span>& spans, const Span& span) {
  auto it = std::lower_bound(spans.begin(), spans.end(), span.end,
                             [](const Span& s, int64_t end) { return s.start < end; });
  for (int seen = 0; it != spans.begin() && seen < 4; ++seen) {
    if ((--it)->end > span.start) return true;
  }
  return false;
}

}  // namespace

void AddMentions(const std::vector<std::pair<Span, std::string>>& resolved,
                 std::vector<Official>* officials) {
  if (officials->empty() || resolved.empty()) return;
  std::unordered_map<std::string_view, size_t> by_name;
  std::vector<Span> written;  // every official's mentions so far
  for (size_t i = 0; i < officials->size(); ++i) {
    by_name.emplace((*officials)[i].name, i);
    for (const Span& s : (*officials)[i].mentions) written.push_back(s);
  }
  std::sort(written.begin(), written.end(),
            [](const Span& a, const Span& b) { return a.start < b.start; });
  std::vector<bool> changed(officials->size(), false);
  for (const auto& [span, name] : resolved) {
    auto it = by_name.find(name);
    if (it == by_name.end() || OverlapsAny(written, span)) continue;
    (*officials)[it->second].mentions.push_back(span);
    changed[it->second] = true;
  }
  for (size_t i = 0; i < officials->size(); ++i) {
    if (!changed[i]) continue;
    std::vector<Span>& mentions = (*officials)[i].mentions;
    std::sort(mentions.begin(), mentions.end(), [](const Span& a, const Span& b) {
      return a.start != b.start ? a.start < b.start : a.end < b.end;
    });
    mentions.erase(std::unique(mentions.begin(), mentions.end()), mentions.end());
  }
}

std::optional<std::string> People::Antecedent(size_t pos, Want want, int depth) {
  CollectNames();
  if (want == 'o') {
    ClassifyOrgs();
    CollectOrgPhrases();
  } else {
    CollectGenderHints();
  }
  const size_t here = paragraphs_.IndexOf(pos);
  NamedBackwards walk(mentions_, speakers_, pos);
  std::optional<std::string> described_org;
  while (const Named* n = walk.Next()) {
    if (paragraphs_.IndexOf(n->start) + 2 < here) break;
    if (n->end > pos) continue;
    if (want == 'o') {
      // "the company" stands for the organisation named before it, when one is.
      if (!IsOrg(*n)) continue;
      if (!people::StartsUpper(n->name) && n->name.find(' ') != std::string::npos) {
        if (!described_org) described_org = n->name;
        continue;
      }
      return n->name;
    }
    if (IsOrg(*n)) continue;
    const char g = GenderOf(n->name);
    if (g != 0 && g != want && want != 'p') continue;
    // The latest sentence with someone who fits. In it, the first person whose gender
    // is known to fit (the subject more often than not: "Obama criticised Tremaine.
    // “…,” he said." is Obama), else, for the same reason, the first who may fit; but
    // one who may fit and opens the sentence comes first.
    const size_t sentence = SentenceStart(n->start);
    const Named* chosen = g == want ? n : nullptr;
    const Named* first_unknown = g == 0 || want == 'p' ? n : nullptr;
    while (const Named* m = walk.Next()) {
      if (m->start < sentence) break;
      if (IsOrg(*m)) continue;
      const char mg = GenderOf(m->name);
      if (mg == want) chosen = m;
      if (mg == 0 || want == 'p') first_unknown = m;
    }
    // "Figgins declined to say whether Thomas slept. “…,” he said."
    const bool opens_sentence = first_unknown != nullptr && first_unknown->start <= sentence + 1;
    if (chosen == nullptr || (opens_sentence && first_unknown->start < chosen->start)) {
      chosen = first_unknown;
    }
    // "On Monday, he emailed Gaiman": a pronoun of that gender before the person in
    // the sentence is its subject, and stands for someone earlier.
    if (depth < 3 && want != 'p') {
      if (std::optional<size_t> p = PronounBetween(sentence, chosen->start, want)) {
        // Pronouns before `pos` were resolved first (ResolvePronounsBefore): read that answer.
        auto kept = pronoun_answers_.find(*p);
        std::optional<std::string> earlier =
            kept != pronoun_answers_.end() ? kept->second : Antecedent(*p, want, depth + 1);
        if (earlier) return earlier;
      }
    }
    return chosen->name;
  }
  return described_org;
}

// The first `pronoun_word` form for `want` ("he"/"He" for 'm', "she"/"She" for 'f') as a
// whole word in [from, to), outside quotations.
std::optional<size_t> People::PronounBetween(size_t from, size_t to, Want want) const {
  const std::vector<std::string>& forms = lex_.PronounsFor(want);
  for (size_t k = from; k < to; ++k) {
    for (const std::string& word : forms) {
      if (k + word.size() > to || !FormAt(text_, k, word)) continue;
      if (!people::IsWholeWord(text_, k, k + word.size())) continue;
      if (people::InRanges(quoted_, k)) continue;
      return k;
    }
  }
  return std::nullopt;
}

// Where the sentence holding `pos` starts: after the last '.', '!' or '?' (and any
// closing marks) followed by a space before it, or at its paragraph's start. A dot
// after a short capitalised word ("Sen.", "Mr.", "U.S.") ends no sentence.
size_t People::SentenceStart(size_t pos) const {
  size_t k = pos;
  const size_t limit = pos > kMaxSentence ? pos - kMaxSentence : 0;
  while (k > limit) {
    const char c = text_[k - 1];
    if (c == '\n') return k;
    // A closing mark after the sentence's end: ".” Next" or '." Next'.
    size_t mark_start = k;
    const char32_t before = DecodeUtf8Before(text_, &mark_start);
    const size_t mark = IsClosingMark(before) ? k - mark_start : 0;
    if (mark > 0 && k > mark && k < text_.size() && text_[k] == ' ') {
      const char e = text_[k - mark - 1];
      if (e == '.' || e == '!' || e == '?') return k;
    }
    if ((c == '.' || c == '!' || c == '?') && k < text_.size() &&
        (text_[k] == ' ' || text_[k] == '\t')) {
      if (c != '.' || !people::IsAbbreviationDot(text_, k - 1)) return k;
    }
    --k;
  }
  return limit;
}

std::optional<Named> People::SubjectBefore(size_t open) {
  size_t end = open;
  while (end > 0 && (text_[end - 1] == ' ' || text_[end - 1] == '\t')) --end;
  if (end == 0 || text_[end - 1] == '\n') return std::nullopt;
  size_t last_start = end;
  const char32_t last = DecodeUtf8Before(text_, &last_start);
  if (last != '.' && last != '!' && last != '?' && !IsClosingMark(last)) return std::nullopt;
  CollectNames();
  size_t sentence = SentenceStart(end - 1);
  while (sentence < end && (text_[sentence] == ' ' || text_[sentence] == '\t')) ++sentence;
  constexpr size_t kSubjectWithin = 60;  // bytes from the sentence start
  auto it = std::lower_bound(mentions_.begin(), mentions_.end(), sentence,
                             [](const Named& n, size_t p) { return n.start < p; });
  // "The company said ...": an organisation opens the sentence.
  const std::vector<Named> org_subject =
      OrgPhrasesIn(sentence, std::min(end, sentence + kSubjectWithin));
  const size_t org_at = org_subject.empty() ? end : org_subject.front().start;
  if (it != mentions_.end() && it->start < end && it->start - sentence <= kSubjectWithin) {
    if (IsOrg(*it) || org_at < it->start) return std::nullopt;
    return *it;
  }
  if (org_at < end) return std::nullopt;
  // A capitalised "He " or "She " opens the sentence.
  for (const Want want : {'m', 'f'}) {
    for (const std::string& form : lex_.PronounsFor(want)) {
      if (sentence + form.size() + 1 > end || text_[sentence] != AsciiUpper(form[0]) ||
          !FormAt(text_, sentence, form) || text_[sentence + form.size()] != ' ') {
        continue;
      }
      std::optional<std::string> name = PronounAt(sentence, want, sentence);
      if (!name) return std::nullopt;
      return Named{sentence, sentence + form.size(), *name, false};
    }
  }
  return std::nullopt;
}

// 'm', 'f' or 0 for a reported name: the first name, else what was seen next to a
// mention of it.
char People::GenderOf(const std::string& name) {
  auto it = gender_.find(name);
  if (it != gender_.end()) return it->second;
  const char g = FirstNameGender(lex_, name);
  gender_.emplace(name, g);
  return g;
}

// The gender told by the words just before [start, end) ("Ms. Park", "spokeswoman
// Emily Park") or by an aside right after it ("Emily Park, a spokeswoman"), or 0.
char People::GenderNear(size_t start, size_t end) const {
  const size_t from = start > 30 ? start - 30 : 0;
  std::vector<people::Word> words = people::SplitWords(text_.substr(from, start - from));
  for (size_t k = words.size(), seen = 0; k > 0 && seen < 2; --k, ++seen) {
    if (from + words[k - 1].end + 1 < start && seen == 0) break;  // not adjacent
    // "her son, filmmaker Charlie McDowell": the word before a role and a comma.
    std::string_view word = words[k - 1].text;
    if (seen == 1 && !word.empty() && word.back() == ',') word.remove_suffix(1);
    if (const char g = GenderWord(lex_, word)) return g;
  }
  for (std::string_view w : AsideAfter(text_, end, lex_)) {
    if (const char g = GenderWord(lex_, w)) return g;
  }
  return 0;
}

// Gender told next to the names without a title whose first name does not tell it
// ("Ms. Sasha Whitcombe"); once per article, on the first pronoun.
void People::CollectGenderHints() {
  if (hinted_) return;
  hinted_ = true;
  // An official's gender: the first name, else an honorific or a gendered title in
  // one of the mentions ("Chairwoman Patricia Hollis", "Mr Davison").
  for (const Official& o : officials_) {
    char g = FirstNameGender(lex_, o.name);
    for (size_t k = 0; k < o.mentions.size() && g == 0; ++k) {
      const Span& s = o.mentions[k];
      if (s.end <= s.start || static_cast<size_t>(s.end) > text_.size()) continue;
      const std::string_view written =
          text_.substr(static_cast<size_t>(s.start), static_cast<size_t>(s.end - s.start));
      if (IsPronoun(written)) continue;
      for (const people::Word& w : people::SplitWords(written)) {
        std::string_view word = w.text;
        while (!word.empty() && word.back() == ',') word.remove_suffix(1);
        if ((g = GenderWord(lex_, word)) != 0) break;
      }
    }
    if (g != 0) gender_[o.name] = g;
  }
  for (size_t i = 0; i < names_written_; ++i) {
    const Named& n = names_[i];
    if (GenderOf(n.name) != 0) continue;
    if (const char g = GenderNear(n.start, n.end)) gender_[n.name] = g;
  }
}

}  // namespace newsfacts::coref
