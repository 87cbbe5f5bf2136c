#include "factcheck/conflicts.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <tuple>

#include "factcheck/text.h"
#include "factcheck/verdict.h"
#include "store/queries.h"

namespace newsfacts::factcheck {
namespace {

namespace chr = std::chrono;

// Two periods are the same when their overlap covers at least this share of the longer:
// a five-year total and one of its months are about different things.
constexpr double kSamePeriod = 0.5;

struct Period {
  chr::sys_days from, to;  // inclusive
};

std::optional<chr::sys_days> Day(const std::string& iso) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (iso.size() < 10 || std::sscanf(iso.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) {
    return std::nullopt;
  }
  const chr::year_month_day ymd{chr::year{y}, chr::month{m}, chr::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return chr::sys_days{ymd};
}

std::string Iso(chr::sys_days day) {
  const chr::year_month_day ymd{day};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

double Days(const Period& p) { return static_cast<double>((p.to - p.from).count() + 1); }

std::optional<Period> Overlap(const Period& a, const Period& b) {
  const Period o{std::max(a.from, b.from), std::min(a.to, b.to)};
  if (o.to < o.from) return std::nullopt;
  return o;
}

bool SamePeriod(const Period& a, const Period& b) {
  const auto o = Overlap(a, b);
  return o && Days(*o) >= kSamePeriod * std::max(Days(a), Days(b));
}

// The date context of figure q: the date fact of its sentence nearest to it, else the
// article's publication month.
std::optional<Period> PeriodOf(const Article& a, const Quantity& q, Span sentence) {
  std::optional<Period> best;
  int64_t best_distance = std::numeric_limits<int64_t>::max();
  for (const DateFact& d : a.dates) {
    if (!d.from || !d.to || d.span.start < sentence.start || d.span.end > sentence.end) continue;
    const auto from = Day(*d.from), to = Day(*d.to);
    if (!from || !to || *to < *from) continue;
    const int64_t distance = d.span.start >= q.span.end   ? d.span.start - q.span.end
                             : q.span.start >= d.span.end ? q.span.start - d.span.end
                                                          : 0;
    if (distance < best_distance) {
      best_distance = distance;
      best = Period{*from, *to};
    }
  }
  if (best || !a.published || a.published->size() < 7) return best;
  const auto first = Day(a.published->substr(0, 7) + "-01");
  if (!first) return std::nullopt;
  const chr::year_month_day ymd{*first};
  return Period{*first, chr::sys_days{ymd.year() / ymd.month() / chr::last}};
}

// A stored article with its sentences; not movable, as the sentences point into the text.
struct Loaded {
  explicit Loaded(Article read) : article(std::move(read)), sentences(article.text) {}
  Loaded(const Loaded&) = delete;
  Loaded& operator=(const Loaded&) = delete;
  Article article;
  Sentences sentences;
};

class Articles {
 public:
  explicit Articles(const store::Store& store) : store_(store) {}

  // The article with this id, or nullptr when it went away since the figures were read.
  Result<const Loaded*> Get(const std::string& id) {
    auto it = loaded_.find(id);
    if (it != loaded_.end()) return it->second.get();
    auto read = store_.ReadArticle(id);
    if (!read.ok()) return read.status();
    std::unique_ptr<Loaded> entry;
    if (*read) entry = std::make_unique<Loaded>(std::move(**read));
    return loaded_.emplace(id, std::move(entry)).first->second.get();
  }

 private:
  const store::Store& store_;
  std::map<std::string, std::unique_ptr<Loaded>> loaded_;
};

struct Placed {
  SourcedFigure source;
  std::optional<Period> period;
};

std::optional<Placed> Place(const Loaded& l, int64_t position) {
  const Article& a = l.article;
  if (position < 0 || static_cast<size_t>(position) >= a.quantities.size()) return std::nullopt;
  Placed p;
  SourcedFigure& f = p.source;
  f.figure = a.quantities[static_cast<size_t>(position)];
  f.article_id = a.id;
  f.url = a.url;
  f.canonical_url = a.canonical_url;
  f.title = a.title;
  f.site = a.site;
  f.published = a.published;
  f.archive = a.archive;
  const Sentences::Sentence s = l.sentences.At(f.figure.span.start);
  f.sentence = std::string(l.sentences.Text(s));
  f.sentence_span = s.span;
  p.period = PeriodOf(a, f.figure, s.span);
  if (p.period) {
    f.period_from = Iso(p.period->from);
    f.period_to = Iso(p.period->to);
  }
  return p;
}

std::vector<std::string> Split(const std::string& folded) {
  std::vector<std::string> out;
  std::istringstream in(folded);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// Whether folded (a folded subject) holds every word of wanted.
bool HoldsWords(const std::string& folded, const std::vector<std::string>& wanted) {
  const std::vector<std::string> words = Split(folded);
  return std::all_of(wanted.begin(), wanted.end(), [&](const std::string& w) {
    return std::find(words.begin(), words.end(), w) != words.end();
  });
}

// LIKE patterns that let through every subject whose folding holds the words: a folded word
// without its last letter is in the subject as written ("body" is "bodies" folded).
std::vector<std::string> LikeParts(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  for (const std::string& w : words) out.push_back(w.size() > 3 ? w.substr(0, w.size() - 1) : w);
  return out;
}

bool Disagree(const Quantity& x, const Quantity& y) {
  return Compare(x, y).verdict == Verdict::kDifferent &&
         Compare(y, x).verdict == Verdict::kDifferent;
}

std::string Amount(double v, const std::string& unit) {
  if (unit.empty()) return FormatNumber(v);
  return FormatNumber(v) + (unit == "%" ? "" : " ") + unit;
}

// The spread of a group: its largest and smallest SI values, apart by a share of the smaller.
double Spread(double lo, double hi) {
  if (lo == 0) return hi == 0 ? 0 : std::numeric_limits<double>::infinity();
  return (hi - lo) / std::fabs(lo);
}

struct Ranked {
  Conflict conflict;
  double spread = 0;
};

// Figures of about the same period.
struct Group {
  Period period;  // the overlap of its members' periods
  std::vector<const Placed*> members;
};

// The figures (sorted by period) in groups: each joins the first group of the same period,
// else starts one.
std::vector<Group> GroupByPeriod(const std::vector<Placed>& figures) {
  std::vector<Group> groups;
  for (const Placed& p : figures) {
    Group* home = nullptr;
    for (Group& g : groups) {
      if (SamePeriod(g.period, *p.period)) {
        home = &g;
        break;
      }
    }
    if (home == nullptr) {
      groups.push_back({*p.period, {}});
      home = &groups.back();
    }
    home->period = *Overlap(home->period, *p.period);
    // One article saying the same amount twice is one figure.
    const bool repeated =
        std::any_of(home->members.begin(), home->members.end(), [&](const Placed* m) {
          return m->source.article_id == p.source.article_id &&
                 Compare(m->source.figure, p.source.figure).verdict == Verdict::kSame;
        });
    if (!repeated) home->members.push_back(&p);
  }
  return groups;
}

// Whether two articles of the group disagree.
bool HasConflict(const Group& g) {
  for (size_t i = 0; i < g.members.size(); ++i) {
    for (size_t j = i + 1; j < g.members.size(); ++j) {
      const SourcedFigure& x = g.members[i]->source;
      const SourcedFigure& y = g.members[j]->source;
      if (x.article_id != y.article_id && Disagree(x.figure, y.figure)) return true;
    }
  }
  return false;
}

// The conflict a group makes, its figures by SI value, ranked by their spread.
Ranked GroupConflict(const std::string& subject, const std::string& si_unit, const Group& g) {
  Ranked r;
  Conflict& c = r.conflict;
  c.subject = subject;
  c.si_unit = si_unit;
  c.period_from = Iso(g.period.from);
  c.period_to = Iso(g.period.to);
  for (const Placed* m : g.members) c.figures.push_back(m->source);
  std::stable_sort(c.figures.begin(), c.figures.end(),
                   [](const SourcedFigure& a, const SourcedFigure& b) {
                     return *a.figure.si_value < *b.figure.si_value;
                   });
  const double lo = *c.figures.front().figure.si_value;
  const double hi = *c.figures.back().figure.si_value;
  r.spread = Spread(lo, hi);
  c.how = Amount(hi, si_unit) + " vs " + Amount(lo, si_unit);
  if (std::isfinite(r.spread)) {
    c.how += ": " + std::to_string(static_cast<long long>(std::lround(r.spread * 100))) + "% apart";
  }
  return r;
}

// The conflicts among figures of one subject and unit: figures grouped by period, a group
// kept when two of its articles disagree.
void ConflictsIn(const std::string& subject, const std::string& si_unit,
                 std::vector<Placed> figures, std::vector<Ranked>* out) {
  std::stable_sort(figures.begin(), figures.end(), [](const Placed& a, const Placed& b) {
    return std::make_pair(a.period->from, a.period->to) <
           std::make_pair(b.period->from, b.period->to);
  });
  for (const Group& g : GroupByPeriod(figures)) {
    if (HasConflict(g)) out->push_back(GroupConflict(subject, si_unit, g));
  }
}

}  // namespace

Result<std::vector<Conflict>> FindConflicts(const store::Store& store,
                                            const ConflictOptions& options) {
  const std::vector<std::string> wanted =
      options.subject ? Split(FoldSubject(*options.subject)) : std::vector<std::string>();
  if (options.subject && wanted.empty()) return std::vector<Conflict>();
  store::ArticleFilter filter;
  filter.since = options.since;
  auto rows = store::FiguresWithSubject(store, "", LikeParts(wanted), filter);
  if (!rows.ok()) return rows.status();
  // (si_unit, folded subject) -> its figures.
  std::map<std::pair<std::string, std::string>, std::vector<const store::SubjectFigure*>> buckets;
  for (const store::SubjectFigure& row : *rows) {
    std::string folded = FoldSubject(row.subject);
    if (folded.empty() || !HoldsWords(folded, wanted)) continue;
    buckets[{row.si_unit, std::move(folded)}].push_back(&row);
  }
  Articles articles(store);
  std::vector<Ranked> ranked;
  for (const auto& [key, members] : buckets) {
    std::set<std::string> ids;
    for (const store::SubjectFigure* m : members) ids.insert(m->article_id);
    if (ids.size() < 2) continue;
    std::vector<Placed> placed;
    for (const store::SubjectFigure* m : members) {
      auto loaded = articles.Get(m->article_id);
      if (!loaded.ok()) return loaded.status();
      if (*loaded == nullptr) continue;
      auto p = Place(**loaded, m->position);
      if (p && p->period && p->source.figure.si_value) placed.push_back(std::move(*p));
    }
    ConflictsIn(key.second, key.first, std::move(placed), &ranked);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    if (a.spread != b.spread) return a.spread > b.spread;
    return a.conflict.subject < b.conflict.subject;
  });
  std::vector<Conflict> out;
  for (Ranked& r : ranked) {
    if (out.size() >= options.limit) break;
    out.push_back(std::move(r.conflict));
  }
  return out;
}

Result<std::vector<SourcedFigure>> FiguresAbout(const store::Store& store,
                                                const std::string& subject,
                                                const std::string& si_unit, size_t limit) {
  const std::vector<std::string> wanted = Split(FoldSubject(subject));
  std::vector<SourcedFigure> out;
  if (wanted.empty() || limit == 0) return out;
  auto rows = store::FiguresWithSubject(store, si_unit, LikeParts(wanted), {});
  if (!rows.ok()) return rows.status();
  Articles articles(store);
  for (const store::SubjectFigure& row : *rows) {
    if (out.size() >= limit) break;
    if (!HoldsWords(FoldSubject(row.subject), wanted)) continue;
    auto loaded = articles.Get(row.article_id);
    if (!loaded.ok()) return loaded.status();
    if (*loaded == nullptr) continue;
    if (auto p = Place(**loaded, row.position)) out.push_back(std::move(p->source));
  }
  // The rows come newest first, so that the limit keeps the latest figures; they are shown
  // oldest first.
  std::stable_sort(out.begin(), out.end(), [](const SourcedFigure& a, const SourcedFigure& b) {
    return std::make_tuple(a.published.value_or(""), a.article_id, a.figure.span.start) <
           std::make_tuple(b.published.value_or(""), b.article_id, b.figure.span.start);
  });
  return out;
}

}  // namespace newsfacts::factcheck
