#include "factcheck/check.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "common/utf8.h"
#include "normalise/normalise.h"
#include "store/queries.h"

namespace newsfacts::factcheck {
namespace {

constexpr size_t kFigureCandidates = 200;
constexpr size_t kWordCandidates = 30;
constexpr double kMinOverlap = 0.34;  // share of the claim's words a hit's sentence must hold

const std::set<std::string>& StopWords() {
  static const std::set<std::string> words = {
      "the",     "and",    "for",     "that",  "with",  "from",  "was",    "were",   "are",
      "has",     "have",   "had",     "this",  "these", "those", "its",    "their",  "his",
      "her",     "they",   "than",    "more",  "less",  "about", "some",   "nearly", "almost",
      "over",    "under",  "into",    "but",   "not",   "been",  "will",   "would",  "which",
      "who",     "what",   "when",    "where", "said",  "says",  "per",    "cent",   "percent",
      "between", "around", "roughly", "only",  "also",  "after", "before", "since",  "during",
      "while",   "there",  "then",    "them",  "our",   "out",   "all",    "any",    "each",
      "other",   "such",   "most",    "many",  "much",  "very"};
  return words;
}

// Lower-case word stems of text: runs of letters (any non-ASCII byte counts as a letter but
// curly quotes, which end a word: "Mexico’s" is "mexico"), three letters or more, stop words
// and anything with a digit left out; a word of six letters or more is cut to its first
// five, a crude stem ("seized", "seizure" and "seizures" meet).
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  bool digit = false;
  auto flush = [&] {
    if (word.size() >= 3 && !digit && !StopWords().count(word)) {
      out.push_back(word.size() >= 6 ? word.substr(0, 5) : word);
    }
    word.clear();
    digit = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    // U+2018..U+201D, the curly quotes: E2 80 98..9D.
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        static_cast<unsigned char>(text[i + 2]) >= 0x98 &&
        static_cast<unsigned char>(text[i + 2]) <= 0x9D) {
      flush();
      i += 2;
      continue;
    }
    const char ch = text[i];
    if (std::isalpha(c) || c >= 0x80) {
      word += static_cast<char>(std::tolower(c));
    } else if (std::isdigit(c)) {
      digit = true;
      word += ch;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

// The share of the claim's words found among words.
double Overlap(const std::vector<std::string>& claim, const std::set<std::string>& words) {
  if (claim.empty()) return 0;
  size_t found = 0;
  for (const std::string& w : claim) found += words.count(w);
  return static_cast<double>(found) / static_cast<double>(claim.size());
}

bool SharesWord(const std::string& a, const std::string& b) {
  const std::vector<std::string> x = Words(a), y = Words(b);
  for (const std::string& w : x) {
    if (std::find(y.begin(), y.end(), w) != y.end()) return true;
  }
  return false;
}

double VerdictWeight(Verdict v) {
  switch (v) {
    case Verdict::kSame:
      return 3.0;
    case Verdict::kRounded:
      return 2.5;
    case Verdict::kDifferent:
      return 1.0;
    case Verdict::kRelated:
      return 0.0;
  }
  return 0;
}

// Byte offset of every code point of text, and text.size() at the end.
std::vector<size_t> CodePointBytes(const std::string& text) {
  std::vector<size_t> out;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80) out.push_back(i);
  }
  out.push_back(text.size());
  return out;
}

bool DatesMeet(const Claim& claim, const Article& a) {
  if (claim.dates.empty() || !a.published) return false;
  const std::string day = a.published->substr(0, 10);
  for (const DateFact& d : claim.dates) {
    if (d.from && d.to && *d.from <= day &&
        (day <= *d.to || day.substr(0, 4) <= d.to->substr(0, 4)))
      return true;
  }
  return false;
}

// A duration the date rules read ("three months": P3M, "90-day": P90D) as a figure in
// seconds, with the quantity rules' year (365.25 days) and month (a twelfth of it). Only
// durations of one component; nullopt otherwise.
std::optional<Quantity> DurationFigure(const DateFact& d) {
  if (d.kind != "duration" || !d.duration || d.duration->size() < 3) return std::nullopt;
  const std::string& iso = *d.duration;
  if (iso[0] != 'P') return std::nullopt;
  const bool time = iso[1] == 'T';
  const size_t start = time ? 2 : 1;
  size_t end = start;
  while (end < iso.size() &&
         (std::isdigit(static_cast<unsigned char>(iso[end])) || iso[end] == '.')) {
    ++end;
  }
  if (end == start || end + 1 != iso.size()) return std::nullopt;
  struct UnitOf {
    char letter;
    bool time;
    const char* name;
    double seconds;
  };
  static const UnitOf kUnits[] = {{'Y', false, "year", 31557600}, {'M', false, "month", 2629800},
                                  {'W', false, "week", 604800},   {'D', false, "day", 86400},
                                  {'H', true, "hour", 3600},      {'M', true, "minute", 60},
                                  {'S', true, "second", 1}};
  for (const UnitOf& u : kUnits) {
    if (u.letter != iso.back() || u.time != time) continue;
    Quantity q;
    q.text = d.text;
    q.span = d.span;
    q.rule = d.rule;
    q.value = std::strtod(iso.substr(start, end - start).c_str(), nullptr);
    q.unit = u.name;
    q.dimension = "duration";
    q.si_value = q.value * u.seconds;
    q.si_unit = "s";
    return q;
  }
  return std::nullopt;
}

// The article's figures: its quantities and its durations.
std::vector<Quantity> FiguresOf(const std::vector<Quantity>& quantities,
                                const std::vector<DateFact>& dates) {
  std::vector<Quantity> out = quantities;
  for (const DateFact& d : dates) {
    if (auto q = DurationFigure(d)) out.push_back(std::move(*q));
  }
  return out;
}

}  // namespace

Result<Claim> ParseClaim(const std::string& text, const RuleBook& rules) {
  Claim claim;
  claim.text = text;
  claim.words = Words(text);
  if (claim.words.empty() && text.find_first_of("0123456789") == std::string::npos) {
    return InvalidInput("the claim has no words to look for");
  }
  Article a;
  a.text = text;
  ExtractAll(rules, Context{}, &a);
  for (const Quantity& q : FiguresOf(a.quantities, a.dates)) {
    if (!q.equivalent_of) claim.figures.push_back(q);
  }
  claim.dates = a.dates;
  for (const Official& o : a.officials) claim.people.push_back(o.name);
  // The figure's own words ("tonnes", "million") say nothing of the subject.
  std::set<std::string> figure_words;
  for (const Quantity& q : claim.figures) {
    for (const std::string& w : Words(q.text)) figure_words.insert(w);
  }
  std::vector<std::string> kept;
  for (const std::string& w : claim.words) {
    if (!figure_words.count(w) && std::find(kept.begin(), kept.end(), w) == kept.end()) {
      kept.push_back(w);
    }
  }
  claim.words = kept;
  return claim;
}

Result<std::vector<Hit>> Check(const store::Store& store, const Claim& claim,
                               const CheckOptions& options) {
  store::ArticleFilter filter{options.since, options.until, options.site};
  std::vector<std::string> ids;
  std::set<std::string> seen;
  auto add = [&](const std::vector<std::string>& more) {
    for (const std::string& id : more) {
      if (seen.insert(id).second) ids.push_back(id);
    }
  };
  std::set<std::string> units;
  for (const Quantity& f : claim.figures) {
    if (!f.si_value) continue;
    units.insert(f.si_unit);
    const double a = *f.si_value / 10, b = *f.si_value * 10;
    auto found = store::ArticlesWithFigures(store, f.si_unit, std::min(a, b) - 1e-9,
                                            std::max(a, b) + 1e-9, filter, kFigureCandidates);
    if (!found.ok()) return found.status();
    add(*found);
  }
  auto matched = store::ArticlesMatchingWords(store, claim.words, filter, kWordCandidates);
  if (!matched.ok()) return matched.status();
  add(*matched);

  std::vector<Hit> hits;
  for (const std::string& id : ids) {
    auto read = store.ReadArticle(id);
    if (!read.ok()) return read.status();
    if (!*read) continue;
    const Article& a = **read;
    const std::vector<size_t> cp = CodePointBytes(a.text);
    auto byte_at = [&](int64_t c) {
      return cp[static_cast<size_t>(
          std::clamp<int64_t>(c, 0, static_cast<int64_t>(cp.size()) - 1))];
    };
    const auto sentences = SentenceRanges(a.text);
    const std::vector<int64_t> cp_of = CodePointIndex(a.text);
    // The whole text is cut into words only when the claim names someone to look for.
    std::set<std::string> article_words;
    if (!claim.people.empty()) {
      for (const std::string& w : Words(a.text)) article_words.insert(w);
    }
    bool people = false;
    for (const std::string& name : claim.people) {
      const auto parts = Words(name);
      if (!parts.empty() && article_words.count(parts.back())) people = true;
    }
    const bool dates = DatesMeet(claim, a);
    auto make_hit = [&](std::pair<size_t, size_t> s) {
      Hit h;
      h.article_id = a.id;
      h.url = a.url;
      h.title = a.title;
      h.site = a.site;
      h.published = a.published;
      h.archive = a.archive;
      h.sentence = a.text.substr(s.first, s.second - s.first);
      h.sentence_span = {cp_of[s.first], cp_of[s.second]};
      return h;
    };
    auto sentence_of = [&](size_t byte) -> std::pair<size_t, size_t> {
      for (const auto& s : sentences) {
        if (byte >= s.first && byte < s.second) return s;
      }
      return {byte, byte};
    };
    bool any = false;
    for (const Quantity& q : FiguresOf(a.quantities, a.dates)) {
      if (!units.count(q.si_unit) || !q.si_value) continue;
      const auto s = sentence_of(byte_at(q.span.start));
      std::set<std::string> sentence_words;
      for (const std::string& w :
           Words(std::string_view(a.text).substr(s.first, s.second - s.first))) {
        sentence_words.insert(w);
      }
      const double overlap = Overlap(claim.words, sentence_words);
      bool subject = false;
      if (q.subject) {
        for (const std::string& w : Words(*q.subject)) {
          if (std::find(claim.words.begin(), claim.words.end(), w) != claim.words.end())
            subject = true;
        }
      }
      if (!subject && overlap < kMinOverlap) continue;
      // The claim's figure this stored one compares best with.
      std::optional<Comparison> best;
      const Quantity* best_claim = nullptr;
      for (const Quantity& f : claim.figures) {
        if (f.si_unit != q.si_unit) continue;
        // Both say what they count, and it is not the same thing: not this figure.
        if (f.subject && q.subject && !SharesWord(*f.subject, *q.subject)) continue;
        Comparison c = Compare(f, q);
        if (!best || VerdictWeight(c.verdict) > VerdictWeight(best->verdict) ||
            (c.verdict == best->verdict && c.relative_difference < best->relative_difference)) {
          best = c;
          best_claim = &f;
        }
      }
      if (!best) continue;
      Hit h = make_hit(s);
      h.verdict = best->verdict;
      h.how = best->how;
      h.figure = q;
      h.claim_figure = *best_claim;
      h.score = 2 * overlap + VerdictWeight(best->verdict) + (subject ? 0.5 : 0) +
                (people ? 0.3 : 0) + (dates ? 0.2 : 0);
      for (const Quote& quote : a.quotes) {
        if (quote.span.start <= q.span.start && q.span.end <= quote.span.end)
          h.speaker = quote.speaker;
      }
      hits.push_back(std::move(h));
      any = true;
    }
    if (any || claim.words.empty()) continue;
    // No comparable figure: the sentence that shares most of the claim's words.
    double best_overlap = 0;
    std::pair<size_t, size_t> best_sentence{0, 0};
    for (const auto& s : sentences) {
      std::set<std::string> words;
      for (const std::string& w :
           Words(std::string_view(a.text).substr(s.first, s.second - s.first))) {
        words.insert(w);
      }
      const double o = Overlap(claim.words, words);
      if (o > best_overlap) {
        best_overlap = o;
        best_sentence = s;
      }
    }
    if (best_overlap < 0.5) continue;
    Hit h = make_hit(best_sentence);
    h.verdict = Verdict::kRelated;
    h.score = 2 * best_overlap + (people ? 0.3 : 0) + (dates ? 0.2 : 0);
    hits.push_back(std::move(h));
  }
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& x, const Hit& y) {
    if (x.score != y.score) return x.score > y.score;
    return x.article_id < y.article_id;
  });
  if (hits.size() > options.limit) hits.resize(options.limit);
  return hits;
}

}  // namespace newsfacts::factcheck
