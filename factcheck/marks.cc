#include "factcheck/marks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>

#include "factcheck/verdict.h"
#include "store/queries.h"

namespace newsfacts::factcheck {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

// Numbers as JSON writes them (shortest round trip), so a field reads as in --json.
std::string Number(double v) { return nlohmann::json(v).dump(); }

void Add(Fields* fields, const char* name, const std::optional<std::string>& v) {
  if (v) fields->emplace_back(name, *v);
}
void Add(Fields* fields, const char* name, const std::optional<double>& v) {
  if (v) fields->emplace_back(name, Number(*v));
}
void Add(Fields* fields, const char* name, bool v) {
  fields->emplace_back(name, v ? "true" : "false");
}

Mark QuantityMark(const Article& a, size_t index) {
  const Quantity& q = a.quantities[index];
  Mark m{MarkKind::kQuantity, q.span, q.rule, "", {}, index};
  m.summary = FormatNumber(q.value) + (q.unit.empty() ? "" : " " + q.unit);
  if (q.si_value && !(q.unit.empty() && q.si_unit.empty())) {
    m.summary += " = " + FormatNumber(*q.si_value) + " " + q.si_unit;
  }
  if (q.low || q.high) {
    m.summary += q.low && q.high
                     ? ", range " + FormatNumber(*q.low) + " to " + FormatNumber(*q.high)
                 : q.low ? ", at least " + FormatNumber(*q.low)
                         : ", at most " + FormatNumber(*q.high);
  }
  if (q.approx) m.summary += ", approximate";
  if (q.subject) m.summary += ", subject " + *q.subject;
  if (q.equivalent_of && *q.equivalent_of >= 0 &&
      static_cast<size_t>(*q.equivalent_of) < a.quantities.size()) {
    m.summary += ", restates " + a.quantities[static_cast<size_t>(*q.equivalent_of)].text;
  }
  Add(&m.fields, "text", std::optional<std::string>(q.text));
  Add(&m.fields, "value", std::optional<double>(q.value));
  Add(&m.fields, "unit", std::optional<std::string>(q.unit));
  Add(&m.fields, "dimension", std::optional<std::string>(q.dimension));
  Add(&m.fields, "si_value", q.si_value);
  Add(&m.fields, "si_unit", std::optional<std::string>(q.si_unit));
  Add(&m.fields, "approx", q.approx);
  Add(&m.fields, "low", q.low);
  Add(&m.fields, "high", q.high);
  Add(&m.fields, "subject", q.subject);
  if (q.equivalent_of) m.fields.emplace_back("equivalent_of", std::to_string(*q.equivalent_of));
  return m;
}

Mark DateMark(const DateFact& d, size_t index) {
  Mark m{MarkKind::kDate, d.span, d.rule, d.kind, {}, index};
  if (d.from && d.to) m.summary += " " + (*d.from == *d.to ? *d.from : *d.from + ".." + *d.to);
  if (d.duration) m.summary += " " + *d.duration;
  Add(&m.fields, "text", std::optional<std::string>(d.text));
  Add(&m.fields, "kind", std::optional<std::string>(d.kind));
  Add(&m.fields, "from", d.from);
  Add(&m.fields, "to", d.to);
  Add(&m.fields, "granularity", d.granularity);
  Add(&m.fields, "duration", d.duration);
  return m;
}

void AddOfficialMarks(const Official& o, size_t index, std::vector<Mark>* out) {
  Mark m{MarkKind::kOfficial, o.span, o.rule, "", {}, index};
  m.summary = (o.former ? "former " : "") + o.title + (o.title.empty() ? "" : " ") + o.name;
  if (o.affiliation) m.summary += " (" + *o.affiliation + ")";
  Add(&m.fields, "name", std::optional<std::string>(o.name));
  Add(&m.fields, "title", std::optional<std::string>(o.title));
  Add(&m.fields, "former", o.former);
  Add(&m.fields, "affiliation", o.affiliation);
  if (o.mentions.empty()) {
    out->push_back(m);
    return;
  }
  for (const Span& s : o.mentions) {
    out->push_back(m);
    out->back().span = s;
  }
}

void AddQuoteMarks(const Quote& q, size_t index, std::vector<Mark>* out) {
  Mark m{MarkKind::kQuote, q.span, q.rule, "", {}, index};
  m.summary = q.speaker ? *q.speaker : std::string("unattributed");
  if (q.cue) m.summary += " " + *q.cue;
  if (q.via) m.summary += ", via " + *q.via;
  if (q.partial) m.summary += " (partial)";
  Add(&m.fields, "text", std::optional<std::string>(q.text));
  Add(&m.fields, "speaker", q.speaker);
  Add(&m.fields, "cue", q.cue);
  Add(&m.fields, "via", q.via);
  Add(&m.fields, "partial", q.partial);
  if (q.parts.empty()) {
    out->push_back(m);
  } else {
    for (const Span& s : q.parts) {
      out->push_back(m);
      out->back().span = s;
    }
  }
  if (q.speaker_span) {
    Mark speaker = m;
    speaker.kind = MarkKind::kSpeaker;
    speaker.span = *q.speaker_span;
    speaker.summary = "speaker: " + m.summary;
    out->push_back(std::move(speaker));
  }
}

}  // namespace

const char* MarkKindName(MarkKind kind) {
  switch (kind) {
    case MarkKind::kQuantity:
      return "quantity";
    case MarkKind::kDate:
      return "date";
    case MarkKind::kOfficial:
      return "official";
    case MarkKind::kQuote:
      return "quote";
    case MarkKind::kSpeaker:
      return "speaker";
  }
  return "";
}

std::vector<Mark> MarksOf(const Article& article) {
  std::vector<Mark> marks;
  for (size_t i = 0; i < article.quantities.size(); ++i) {
    marks.push_back(QuantityMark(article, i));
  }
  for (size_t i = 0; i < article.dates.size(); ++i) {
    marks.push_back(DateMark(article.dates[i], i));
  }
  for (size_t i = 0; i < article.officials.size(); ++i) {
    AddOfficialMarks(article.officials[i], i, &marks);
  }
  for (size_t i = 0; i < article.quotes.size(); ++i) AddQuoteMarks(article.quotes[i], i, &marks);
  // Longer first at the same start, so that an enclosing mark opens before what it holds.
  std::stable_sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) {
    return std::make_tuple(a.span.start, -a.span.end, static_cast<int>(a.kind), a.index) <
           std::make_tuple(b.span.start, -b.span.end, static_cast<int>(b.kind), b.index);
  });
  return marks;
}

Result<std::optional<Article>> FindArticle(const store::Store& store, const std::string& ref) {
  auto by_id = store.ReadArticle(ref);
  if (!by_id.ok() || *by_id) return by_id;
  auto id = store::ArticleIdByUrl(store, ref);
  if (!id.ok()) return id.status();
  if (!*id) return std::optional<Article>();
  return store.ReadArticle(**id);
}

}  // namespace newsfacts::factcheck
