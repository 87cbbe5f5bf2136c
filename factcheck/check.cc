#include "factcheck/check.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <future>
#include <iterator>
#include <map>
#include <set>
#include <system_error>
#include <tuple>

#include "factcheck/loose_counts.h"
#include "factcheck/text.h"
#include "store/queries.h"

namespace newsfacts::factcheck {
namespace {

constexpr size_t kFigureCandidates = 50;
constexpr size_t kWordCandidates = 30;
constexpr double kMinOverlap = 0.34;  // share of the claim's words a hit's sentence must hold
// ... unless the article holds this share of them: then any sentence with a comparable
// figure speaks to the claim.
constexpr double kMinTopicOverlap = 0.6;

// The share of the claim's words found among words (a set).
template <typename Set>
double Overlap(const std::vector<std::string>& claim, const Set& words) {
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

// The byte ranges of an article's stored quantities and dates, whose spans are in units
// that span_byte turns into bytes.
template <typename ToByte>
std::vector<std::pair<size_t, size_t>> TakenBytes(const Article& a, ToByte span_byte) {
  std::vector<std::pair<size_t, size_t>> out;
  for (const Quantity& q : a.quantities)
    out.emplace_back(span_byte(q.span.start), span_byte(q.span.end));
  for (const DateFact& d : a.dates)
    out.emplace_back(span_byte(d.span.start), span_byte(d.span.end));
  return out;
}

// For text just extracted: spans are bytes.
std::vector<std::pair<size_t, size_t>> TakenBytes(const Article& a) {
  return TakenBytes(a, [](int64_t b) { return static_cast<size_t>(b); });
}

// "16-inch", "six-month", "2.0-liter": a figure written as a modifier of a noun, which
// in a claim mostly says which thing is meant ("the 16-inch MacBook Pro costs $2,400"),
// not the amount claimed.
bool Descriptor(const Quantity& q) {
  if (q.unit.empty() || q.text.find(' ') != std::string::npos) return false;
  const size_t dash = q.text.find('-');
  return dash != std::string::npos && dash + 1 < q.text.size() &&
         std::isalpha(static_cast<unsigned char>(q.text[dash + 1]));
}

// True when q's subject holds one of the claim's words ("tonnes of fentanyl" for a claim
// about fentanyl).
bool AboutClaim(const Quantity& q, const Claim& claim) {
  if (!q.subject) return false;
  for (const std::string& w : Words(*q.subject)) {
    if (std::find(claim.words.begin(), claim.words.end(), w) != claim.words.end()) return true;
  }
  return false;
}

// How much a claim's figure counts in ranking the sentences that speak to it. A claim's
// point is mostly its last figure and one written with "about" or "more than"; a figure
// naming the thing ("16-inch") or a loose count ("the 4K TV with AirPlay 2") counts less.
double ClaimFigureWeight(const Claim& claim, const Quantity& f) {
  double w = Descriptor(f) ? 0.3 : f.rule == kLooseCountRule ? 0.6 : 1.0;
  const Quantity* last = nullptr;
  for (const Quantity& g : claim.figures) {
    if (!Descriptor(g) && (!last || g.span.start > last->span.start)) last = &g;
  }
  if (last == &f) w += 0.3;
  if (f.approx || f.low || f.high) w += 0.2;
  return w;
}

// How bad a verdict is for the claim, for picking the figure that decides a hit.
int Badness(Verdict v) {
  switch (v) {
    case Verdict::kDifferent:
      return 2;
    case Verdict::kRounded:
      return 1;
    default:
      return 0;
  }
}

// ExtractAll without quotes, the dates on one thread and the rest on another: for a
// claim, the time goes into compiling the rules each set first needs
// (Compile::kOnFirstUse), the sets share nothing, and the dates take about as long as the
// other two together.
void ExtractClaimFacts(const RuleBook& rules, Article* a) {
  const auto others = [&] {
    if (rules.has("quantities")) ExtractQuantities(a->text, rules.quantities(), &a->quantities);
    if (rules.has("officials")) ExtractOfficials(a->text, rules.officials(), &a->officials);
  };
  std::future<void> pending;
  try {
    pending = std::async(std::launch::async, others);
  } catch (const std::system_error&) {
    pending = std::async(std::launch::deferred, others);
  }
  if (rules.has("dates")) ExtractDates(a->text, rules.dates(), Context{}, &a->dates);
  pending.get();
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
  ExtractClaimFacts(rules, &a);
  for (const Quantity& q : FiguresOf(a.quantities, a.dates)) {
    if (!q.equivalent_of) claim.figures.push_back(q);
  }
  if (rules.has("quantities")) {
    // Durations first: "seven and a half weeks" is no count of weeks.
    std::vector<std::pair<size_t, size_t>> taken = TakenBytes(a);
    for (Quantity& q : LooseDurations(text, taken, rules.quantities())) {
      taken.emplace_back(q.span.start, q.span.end);
      claim.figures.push_back(std::move(q));
    }
    for (Quantity& q : LooseCounts(text, taken, rules.quantities())) {
      claim.figures.push_back(std::move(q));
    }
  }
  claim.dates = a.dates;
  for (const Official& o : a.officials) claim.people.push_back(o.name);
  // The figure's own words ("tonnes", "million") say nothing of the subject.
  std::set<std::string> figure_words;
  for (const Quantity& q : claim.figures) {
    // A count's text holds what it counts ("20,000 user reviews"): those words stay.
    const std::vector<std::string> subject =
        q.subject ? Words(*q.subject) : std::vector<std::string>{};
    for (const std::string& w : Words(q.text)) {
      if (std::find(subject.begin(), subject.end(), w) == subject.end()) figure_words.insert(w);
    }
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

namespace {

// What each candidate article is compared with.
struct Wanted {
  const Claim& claim;
  std::set<std::string> units;  // the SI units of the claim's figures
  // The claim's words, then the last word of each person it names.
  std::vector<std::string> article_words;
  const rules::RuleSet* quantity_rules;
};

std::set<std::string> ClaimUnits(const Claim& claim) {
  std::set<std::string> units;
  for (const Quantity& f : claim.figures) {
    if (f.si_value) units.insert(f.si_unit);
  }
  return units;
}

std::vector<std::string> ArticleWords(const Claim& claim) {
  std::vector<std::string> out = claim.words;
  for (const std::string& name : claim.people) {
    const auto parts = Words(name);
    if (!parts.empty()) out.push_back(parts.back());
  }
  return out;
}

// The articles holding a figure near one of the claim's, then those the full-text index
// ranks best for its words; each once, in that order.
Result<std::vector<std::string>> CandidateIds(const store::Store& store, const Claim& claim,
                                              const store::ArticleFilter& filter) {
  std::vector<std::string> ids;
  std::set<std::string> seen;
  auto add = [&](const std::vector<std::string>& more) {
    for (const std::string& id : more) {
      if (seen.insert(id).second) ids.push_back(id);
    }
  };
  for (const Quantity& f : claim.figures) {
    if (!f.si_value) continue;
    const double a = *f.si_value / 10, b = *f.si_value * 10;
    auto found = store::ArticlesWithFigures(store, f.si_unit, *f.si_value, std::min(a, b) - 1e-9,
                                            std::max(a, b) + 1e-9, filter, kFigureCandidates);
    if (!found.ok()) return found.status();
    add(*found);
  }
  auto matched = store::ArticlesMatchingWords(store, claim.words, filter, kWordCandidates,
                                              store::WordMatch::kStems);
  if (!matched.ok()) return matched.status();
  add(*matched);
  return ids;
}

Result<std::vector<Article>> ReadCandidates(const store::Store& store,
                                            const std::vector<std::string>& ids) {
  std::vector<Article> articles;
  articles.reserve(ids.size());
  for (const std::string& id : ids) {
    // Quotes are read for the hits kept, at the end.
    auto read = store.ReadArticle(id, store::Store::kQuantities | store::Store::kDates);
    if (!read.ok()) return read.status();
    if (*read) articles.push_back(std::move(**read));
  }
  return articles;
}

// How an article as a whole meets the claim.
struct ArticleFit {
  double overlap = 0;  // the share of the claim's words it holds
  bool topical = false;
  bool people = false;  // it names a person the claim names
  bool dates = false;   // its publication date falls in a period the claim names
};

// nullopt when no sentence of a can make a hit.
std::optional<ArticleFit> FitOf(const Wanted& w, const Article& a) {
  const Claim& claim = w.claim;
  const auto n_claim_words = static_cast<std::ptrdiff_t>(claim.words.size());
  const std::vector<bool> in_article = FindWords(a.text, w.article_words);
  ArticleFit fit;
  fit.overlap = claim.words.empty()
                    ? 0
                    : static_cast<double>(std::count(in_article.begin(),
                                                     in_article.begin() + n_claim_words, true)) /
                          static_cast<double>(n_claim_words);
  fit.topical = fit.overlap >= kMinOverlap;
  // A sentence's words are among its article's: in an article with few of the claim's
  // words, only a figure whose subject names the claim's thing can make a hit.
  const bool named = std::any_of(a.quantities.begin(), a.quantities.end(), [&](const Quantity& q) {
    return w.units.count(q.si_unit) != 0 && AboutClaim(q, claim);
  });
  if (!fit.topical && !named) return std::nullopt;
  fit.people =
      std::find(in_article.begin() + n_claim_words, in_article.end(), true) != in_article.end();
  fit.dates = DatesMeet(claim, a);
  return fit;
}

Hit MakeHit(const Article& a, const Sentences& sentences, const Sentences::Sentence& s) {
  Hit h;
  h.article_id = a.id;
  h.url = a.url;
  h.title = a.title;
  h.site = a.site;
  h.published = a.published;
  h.archive = a.archive;
  h.sentence = std::string(sentences.Text(s));
  h.sentence_span = s.span;
  return h;
}

// The article's figures, with the counts the rules leave alone when the claim has a count
// or a share and the article is on its subject.
std::vector<Quantity> ArticleFigures(const Wanted& w, const Article& a, const Sentences& sentences,
                                     bool topical) {
  std::vector<Quantity> figures = FiguresOf(a.quantities, a.dates);
  if (w.quantity_rules != nullptr && (w.units.count("") || w.units.count("%")) && topical) {
    const auto byte_of = [&](int64_t cp) { return sentences.ByteOf(cp); };
    for (Quantity& q : LooseCounts(a.text, TakenBytes(a, byte_of), *w.quantity_rules)) {
      q.span = {sentences.CodePointOf(static_cast<size_t>(q.span.start)),
                sentences.CodePointOf(static_cast<size_t>(q.span.end))};
      figures.push_back(std::move(q));
    }
  }
  return figures;
}

// Sentences by their bytes, in text order, each with its figures.
using BySentence = std::map<std::pair<size_t, size_t>,
                            std::pair<Sentences::Sentence, std::vector<const Quantity*>>>;

// The figures of the claim's units, by sentence.
BySentence GroupBySentence(const std::vector<Quantity>& figures, const std::set<std::string>& units,
                           const Sentences& sentences) {
  BySentence by_sentence;
  for (const Quantity& q : figures) {
    if (!units.count(q.si_unit) || !q.si_value) continue;
    const Sentences::Sentence s = sentences.At(q.span.start);
    auto& entry = by_sentence[{s.begin, s.end}];
    entry.first = s;
    entry.second.push_back(&q);
  }
  return by_sentence;
}

// A claim figure against the sentence figure it compares best with.
struct Pick {
  Comparison c;
  const Quantity* source;
  const Quantity* claimed;
};

// Each claim figure against the sentence's figure it compares best with.
std::vector<Pick> PickFigures(const Claim& claim, const std::vector<const Quantity*>& in_sentence,
                              const std::set<std::string>& sentence_words) {
  std::vector<Pick> picks;
  for (const Quantity& f : claim.figures) {
    std::optional<Pick> best;
    for (const Quantity* q : in_sentence) {
      if (f.si_unit != q->si_unit) continue;
      // Both say what they count, and it is not the same thing ("8.2 tonnes of uranium"
      // against "8.2 tonnes of fentanyl"): not this figure, unless the sentence names the
      // claim's thing elsewhere ("15,000 teachers ... 15,000 people").
      if (f.subject && q->subject && !SharesWord(*f.subject, *q->subject) &&
          Overlap(Words(*f.subject), sentence_words) == 0) {
        continue;
      }
      Comparison c = Compare(f, *q);
      // Best verdict first; among contradicted figures the one the claim seems to
      // misquote; at equal verdicts the figure as first written rather than its
      // restatement ("8,222.5 kilograms", not "(8.2 tonnes)"), then the closest.
      const auto key = [&f](const Comparison& x, const Quantity& source) {
        return std::make_tuple(-VerdictWeight(x.verdict),
                               x.verdict == Verdict::kDifferent && !LikelyMiswrite(f, source),
                               source.equivalent_of.has_value(), x.relative_difference);
      };
      if (!best || key(c, *q) < key(best->c, *best->source)) best = Pick{c, q, &f};
    }
    if (best) picks.push_back(*best);
  }
  return picks;
}

// Loose counts disagree with a sentence's other numbers by chance: they decide `different`
// only when no figure the rules read speaks.
void DropChanceDifferences(std::vector<Pick>* picks) {
  const bool rule_figure = std::any_of(picks->begin(), picks->end(), [](const Pick& p) {
    return p.claimed->rule != kLooseCountRule;
  });
  if (!rule_figure) return;
  picks->erase(std::remove_if(picks->begin(), picks->end(),
                              [](const Pick& p) {
                                return p.claimed->rule == kLooseCountRule &&
                                       p.c.verdict == Verdict::kDifferent;
                              }),
               picks->end());
}

// The claim holds only if each of its figures the sentence speaks to holds: the worst
// verdict decides, and its figure is the one shown. A figure that only names the thing
// ("16-inch") decides last.
const Pick& DecidingPick(const std::vector<Pick>& picks) {
  const Pick* decide = &picks.front();
  for (const Pick& p : picks) {
    const auto rank = [](const Pick& x) {
      return std::make_tuple(Badness(x.c.verdict), !Descriptor(*x.claimed),
                             x.c.relative_difference);
    };
    if (rank(p) > rank(*decide)) decide = &p;
  }
  return *decide;
}

// Among equal scores, the nearer amount is likelier the same thing miscounted, and an
// amount the claim seems to misquote is as near as can be.
double Distance(const Pick& p) {
  if (p.claimed->si_value && p.source->si_value && *p.claimed->si_value > 0 &&
      *p.source->si_value > 0 && !LikelyMiswrite(*p.claimed, *p.source)) {
    return std::min(std::fabs(std::log(*p.claimed->si_value / *p.source->si_value)), 5.0);
  }
  return 0;
}

// The hit of sentence s, whose figures of the claim's units are in_sentence; nullopt when
// it does not speak to the claim or holds no figure comparable with the claim's.
std::optional<Hit> SentenceHit(const Wanted& w, const Article& a, const ArticleFit& fit,
                               const Sentences& sentences, const Sentences::Sentence& s,
                               const std::vector<const Quantity*>& in_sentence) {
  const Claim& claim = w.claim;
  std::set<std::string> sentence_words;
  for (const std::string& word : Words(sentences.Text(s))) {
    sentence_words.insert(word);
  }
  const double overlap = Overlap(claim.words, sentence_words);
  bool subject = false;
  for (const Quantity* q : in_sentence) subject = subject || AboutClaim(*q, claim);
  // A sentence that shares few of the claim's words still speaks to it in an article
  // that shares most of them ("it took nearly eight hours" in the report of the tie).
  if (!subject && overlap < kMinOverlap && fit.overlap < kMinTopicOverlap) return std::nullopt;
  std::vector<Pick> picks = PickFigures(claim, in_sentence, sentence_words);
  if (picks.empty()) return std::nullopt;
  DropChanceDifferences(&picks);
  const Pick& decide = DecidingPick(picks);
  double figures_score = 0;
  for (const Pick& p : picks) {
    figures_score += ClaimFigureWeight(claim, *p.claimed) * VerdictWeight(p.c.verdict);
  }
  Hit h = MakeHit(a, sentences, s);
  h.verdict = decide.c.verdict;
  h.how = decide.c.how;
  h.figure = *decide.source;
  h.claim_figure = *decide.claimed;
  h.score = 2 * overlap + fit.overlap + figures_score + (subject ? 0.5 : 0) +
            (fit.people ? 0.3 : 0) + (fit.dates ? 0.2 : 0) - 0.05 * Distance(decide);
  return h;
}

// For an article without a comparable figure: the sentence that shares most of the
// claim's words, when it shares half of them.
std::optional<Hit> RelatedHit(const Claim& claim, const Article& a, const ArticleFit& fit,
                              const Sentences& sentences) {
  double best_overlap = 0;
  Sentences::Sentence best_sentence;
  for (const Sentences::Sentence& s : sentences.all()) {
    const std::vector<bool> found = FindWords(sentences.Text(s), claim.words);
    const double o = static_cast<double>(std::count(found.begin(), found.end(), true)) /
                     static_cast<double>(claim.words.size());
    if (o > best_overlap) {
      best_overlap = o;
      best_sentence = s;
    }
  }
  if (best_overlap < 0.5) return std::nullopt;
  Hit h = MakeHit(a, sentences, best_sentence);
  h.verdict = Verdict::kRelated;
  h.score = 2 * best_overlap + fit.overlap + (fit.people ? 0.3 : 0) + (fit.dates ? 0.2 : 0);
  return h;
}

// The hits of one article, in text order.
std::vector<Hit> HitsIn(const Wanted& w, const Article& a) {
  std::vector<Hit> out;
  const std::optional<ArticleFit> fit = FitOf(w, a);
  if (!fit) return out;
  const Sentences sentences(a.text);
  const std::vector<Quantity> figures = ArticleFigures(w, a, sentences, fit->topical);
  for (const auto& [bytes, entry] : GroupBySentence(figures, w.units, sentences)) {
    const auto& [s, in_sentence] = entry;
    if (auto h = SentenceHit(w, a, *fit, sentences, s, in_sentence)) out.push_back(std::move(*h));
  }
  if (!out.empty() || w.claim.words.empty()) return out;
  if (auto h = RelatedHit(w.claim, a, *fit, sentences)) out.push_back(std::move(*h));
  return out;
}

// The hits of all articles, article by article in their order. The comparing is most of
// the time of a check: it runs on two threads at once.
std::vector<Hit> HitsInAll(const Wanted& w, const std::vector<Article>& articles) {
  std::vector<std::vector<Hit>> found(articles.size());
  std::atomic<size_t> next{0};
  const auto work = [&] {
    for (size_t i = next++; i < articles.size(); i = next++) found[i] = HitsIn(w, articles[i]);
  };
  std::future<void> other;
  try {
    other = std::async(std::launch::async, work);
  } catch (const std::system_error&) {
    // No second thread to be had: this one does all.
  }
  work();
  if (other.valid()) other.get();
  std::vector<Hit> hits;
  for (std::vector<Hit>& h : found) std::move(h.begin(), h.end(), std::back_inserter(hits));
  return hits;
}

// The speaker, when the figure stands in a quote.
Status AddSpeakers(const store::Store& store, std::vector<Hit>* hits) {
  for (Hit& h : *hits) {
    if (!h.figure) continue;
    auto read = store.ReadArticle(h.article_id, store::Store::kQuotes);
    if (!read.ok()) return read.status();
    if (!*read) continue;
    for (const Quote& quote : (*read)->quotes) {
      if (quote.span.start <= h.figure->span.start && h.figure->span.end <= quote.span.end)
        h.speaker = quote.speaker;
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<Hit>> Check(const store::Store& store, const Claim& claim,
                               const CheckOptions& options) {
  const store::ArticleFilter filter{options.since, options.until, options.site};
  auto ids = CandidateIds(store, claim, filter);
  if (!ids.ok()) return ids.status();
  // The articles are read here, in order, and compared on two threads at once, each
  // article's hits together in their order.
  auto articles = ReadCandidates(store, *ids);
  if (!articles.ok()) return articles.status();
  const Wanted wanted{claim, ClaimUnits(claim), ArticleWords(claim), options.quantity_rules};
  std::vector<Hit> hits = HitsInAll(wanted, *articles);
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& x, const Hit& y) {
    if (x.score != y.score) return x.score > y.score;
    return x.article_id < y.article_id;
  });
  if (hits.size() > options.limit) hits.resize(options.limit);
  if (Status s = AddSpeakers(store, &hits); !s.ok()) return s;
  return hits;
}

}  // namespace newsfacts::factcheck
