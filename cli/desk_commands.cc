#include "cli/desk_commands.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cli/commands.h"
#include "cli/process.h"
#include "common/utf8.h"
#include "factcheck/conflicts.h"
#include "factcheck/marks.h"
#include "factcheck/text.h"
#include "factcheck/verdict.h"

namespace newsfacts::cli {
namespace {

using factcheck::Mark;
using factcheck::MarkKind;
using Json = nlohmann::ordered_json;

constexpr size_t kFactTextLength = 72;  // code points of a fact's text in show's list
constexpr char kReset[] = "\033[0m";
constexpr char kDim[] = "\033[2m";

int Fail(const char* command, const std::string& message) {
  std::cerr << "newsfacts: " << command << ": " << message << "\n";
  return kExitUsage;
}

// The database opened read-only, or the exit status of the failure, reported.
std::variant<store::Store, int> OpenReadOnly(const char* command, const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Fail(command, "no database at " + path);
  store::StoreOptions options;
  options.read_only = true;
  auto db = store::Store::Open(path, options);
  if (!db.ok()) return Fail(command, db.status().ToString());
  return std::move(db).value();
}

template <typename T>
Json OrNull(const std::optional<T>& v) {
  return v ? Json(*v) : Json();
}

std::string Dump(const Json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

const char* Colour(MarkKind kind) {
  switch (kind) {
    case MarkKind::kQuantity:
      return "\033[1;33m";
    case MarkKind::kDate:
      return "\033[36m";
    case MarkKind::kOfficial:
      return "\033[32m";
    case MarkKind::kQuote:
      return "\033[35m";
    case MarkKind::kSpeaker:
      return "\033[1;35m";
  }
  return kReset;
}

// The fact's name in show's text and list: its kind's letter and its 1-based place in its
// list; a quote and its speaker share one ("s" for what was said).
std::string Tag(MarkKind kind, size_t index) {
  const char* letter = "q";
  switch (kind) {
    case MarkKind::kQuantity:
      letter = "q";
      break;
    case MarkKind::kDate:
      letter = "d";
      break;
    case MarkKind::kOfficial:
      letter = "o";
      break;
    case MarkKind::kQuote:
    case MarkKind::kSpeaker:
      letter = "s";
      break;
  }
  return letter + std::to_string(index + 1);
}

struct Marking {
  Span span;  // code points of the text being marked
  MarkKind kind;
  std::string tag;  // written after the mark, e.g. "q1"; "" for none
};

// text with markings (sorted by start, longer first): "[[" ... "]]{tag}", or on a terminal
// the kind's colour and a dim tag. Marks may nest or cross. Control characters other than
// newline and tab become U+FFFD, so that stored text cannot steer the terminal; so does
// invalid UTF-8.
std::string RenderMarked(const std::string& text, const std::vector<Marking>& marks, bool tty) {
  std::string out;
  std::vector<size_t> active;  // open marks, outermost first
  size_t next = 0;
  auto close = [&](const Marking& m) {
    const std::string tag = m.tag.empty() ? "" : "{" + m.tag + "}";
    out += tty ? std::string(kReset) + (tag.empty() ? "" : kDim + tag + kReset) : "]]" + tag;
  };
  auto events = [&](int64_t at) {
    bool changed = false;
    for (size_t k = active.size(); k-- > 0;) {
      if (marks[active[k]].span.end <= at) {
        close(marks[active[k]]);
        active.erase(active.begin() + static_cast<std::ptrdiff_t>(k));
        changed = true;
      }
    }
    for (; next < marks.size() && marks[next].span.start <= at; ++next) {
      if (!tty) out += "[[";
      if (marks[next].span.end <= at) {
        close(marks[next]);
      } else {
        active.push_back(next);
      }
      changed = true;
    }
    if (tty && changed && !active.empty()) out += Colour(marks[active.back()].kind);
  };
  int64_t cp = 0;
  for (size_t i = 0, cp_end = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (i == cp_end) {  // a code point starts: marks open and close between code points
      events(cp++);
      cp_end = NextCodePoint(text, i);
    }
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
      out += "\uFFFD";
    } else {
      out += text[i];
    }
  }
  events(std::numeric_limits<int64_t>::max());
  return ScrubUtf8(out);
}

// One line of stored text for the terminal, cut to at most max code points: line breaks
// and tabs become spaces, other control characters U+FFFD (as in RenderMarked).
std::string Line(const std::string& text, size_t max) {
  std::string flat;
  size_t cps = 0;
  for (size_t i = 0, cp_end = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (i == cp_end) {
      cp_end = NextCodePoint(text, i);
      if (++cps > max) {
        flat += "…";
        break;
      }
    }
    if (c == '\n' || c == '\t' || c == '\r') {
      flat += ' ';
    } else if (c < 0x20 || c == 0x7F) {
      flat += "\uFFFD";
    } else {
      flat += text[i];
    }
  }
  return ScrubUtf8(flat);
}

// The code points [span.start, span.end) of text.
std::string Slice(const std::string& text, Span span) {
  const std::vector<int64_t> cp = CodePointIndex(text);
  const auto lo = std::lower_bound(cp.begin(), cp.end(), span.start) - cp.begin();
  const auto hi = std::lower_bound(cp.begin(), cp.end(), span.end) - cp.begin();
  return text.substr(static_cast<size_t>(lo), static_cast<size_t>(std::max(hi - lo, 0L)));
}

void PrintSource(const std::optional<std::string>& title, const std::optional<std::string>& site,
                 const std::optional<std::string>& published, const std::optional<std::string>& url,
                 const std::optional<ArchiveRef>& archive, const std::string& indent) {
  std::cout << indent << (title ? Line(*title, 500) : std::string("(no title)"));
  if (site) std::cout << " — " << Line(*site, 200);
  if (published) std::cout << ", " << Line(published->substr(0, 10), 10);
  std::cout << "\n";
  if (url) std::cout << indent << Line(*url, 2000) << "\n";
  if (archive) {
    std::cout << indent << "archived: " << Line(archive->file, 2000) << " @ " << archive->offset
              << " (" << Line(archive->date, 40) << ", " << Line(archive->digest, 100) << ")\n";
  }
}

// ---- show ----

struct ShowArgs {
  std::string db = "newsfacts.db";
  bool json = false;
  std::string ref;
};

Json MarkJson(const Mark& m) {
  Json j;
  j["kind"] = factcheck::MarkKindName(m.kind);
  j["tag"] = Tag(m.kind, m.index);
  j["span"] = {m.span.start, m.span.end};
  j["rule"] = m.rule;
  j["index"] = m.index;
  j["summary"] = m.summary;
  Json fields = Json::object();
  for (const auto& [name, value] : m.fields) fields[name] = value;
  j["fields"] = fields;
  return j;
}

std::string Count(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

void PrintFacts(const Article& a, const std::vector<Mark>& marks) {
  // The first mark of each fact, by kind and then place in its list.
  std::map<std::pair<MarkKind, size_t>, const Mark*> facts;
  for (const Mark& m : marks) {
    if (m.kind != MarkKind::kSpeaker) facts.emplace(std::make_pair(m.kind, m.index), &m);
  }
  std::cout << "\nFacts: " << Count(a.quantities.size(), "quantity", "quantities") << ", "
            << Count(a.dates.size(), "date", "dates") << ", "
            << Count(a.officials.size(), "official", "officials") << ", "
            << Count(a.quotes.size(), "quote", "quotes") << "\n";
  for (const auto& [key, m] : facts) {
    std::string text;
    switch (key.first) {
      case MarkKind::kQuantity:
        text = a.quantities[key.second].text;
        break;
      case MarkKind::kDate:
        text = a.dates[key.second].text;
        break;
      case MarkKind::kQuote:
        text = "“" + a.quotes[key.second].text + "”";
        break;
      default:
        text = Slice(a.text, m->span);
    }
    const std::string shown = Line(text, kFactTextLength), summary = Line(m->summary, 200);
    std::cout << "  " << Tag(key.first, key.second) << "  " << shown
              << (summary == shown ? "" : " — " + summary) << "  [" << Line(m->rule, 200) << "]\n";
  }
}

int RunShow(const ShowArgs& args) {
  if (args.ref.empty()) return Fail("show", "no article id or URL given");
  auto db = OpenReadOnly("show", args.db);
  if (auto* code = std::get_if<int>(&db)) return *code;
  const store::Store& store = std::get<store::Store>(db);
  auto found = factcheck::FindArticle(store, args.ref);
  if (!found.ok()) return Fail("show", found.status().ToString());
  if (!*found) {
    std::cerr << "newsfacts: show: no article with id or URL '" << Line(args.ref, 2000) << "' in "
              << args.db << "\n";
    return kExitSomeFailed;
  }
  const Article& a = **found;
  const std::vector<Mark> marks = factcheck::MarksOf(a);
  if (args.json) {
    Json j = ToJson(a);
    Json array = Json::array();
    for (const Mark& m : marks) array.push_back(MarkJson(m));
    j["marks"] = array;
    std::cout << Dump(j) << "\n";
    std::cout.flush();
    return kExitOk;
  }
  const bool tty = isatty(STDOUT_FILENO);
  PrintSource(a.title, a.site, a.published, a.url ? a.url : a.canonical_url, a.archive, "");
  if (a.byline) std::cout << "by " << Line(*a.byline, 200) << "\n";
  if (a.id != a.url.value_or("")) std::cout << "id: " << Line(a.id, 2000) << "\n";
  std::vector<Marking> markings;
  for (const Mark& m : marks) markings.push_back({m.span, m.kind, Tag(m.kind, m.index)});
  std::cout << "\n" << RenderMarked(a.text, markings, tty) << "\n";
  PrintFacts(a, marks);
  std::cout.flush();
  return kExitOk;
}

// ---- conflicts ----

struct ConflictsArgs {
  std::string db = "newsfacts.db";
  bool json = false;
  std::optional<std::string> subject, since;
  size_t limit = 50;
};

Json PeriodJson(const std::optional<std::string>& from, const std::optional<std::string>& to) {
  if (!from || !to) return Json();
  return Json{{"from", *from}, {"to", *to}};
}

std::string PeriodText(const std::optional<std::string>& from,
                       const std::optional<std::string>& to) {
  if (!from || !to) return "no date";
  return *from == *to ? *from : *from + " to " + *to;
}

Json ConflictJson(const factcheck::Conflict& c, size_t rank) {
  Json j;
  j["rank"] = rank;
  j["subject"] = c.subject;
  j["si_unit"] = c.si_unit;
  j["period"] = PeriodJson(c.period_from, c.period_to);
  j["how"] = c.how;
  Json figures = Json::array();
  for (const factcheck::SourcedFigure& f : c.figures) {
    Json o;
    o["article_id"] = f.article_id;
    o["url"] = OrNull(f.url);
    o["canonical_url"] = OrNull(f.canonical_url);
    o["title"] = OrNull(f.title);
    o["site"] = OrNull(f.site);
    o["published"] = OrNull(f.published);
    o["sentence"] = f.sentence;
    o["sentence_span"] = {f.sentence_span.start, f.sentence_span.end};
    o["figure"] = ToJson(f.figure);
    o["period"] = PeriodJson(f.period_from, f.period_to);
    o["archive"] = f.archive ? ToJson(*f.archive) : Json();
    figures.push_back(o);
  }
  j["figures"] = figures;
  return j;
}

void PrintConflict(const factcheck::Conflict& c, size_t rank, bool tty) {
  std::cout << rank << ". " << Line(c.subject, 200);
  if (!c.si_unit.empty()) std::cout << " (" << Line(c.si_unit, 20) << ")";
  std::cout << ", " << PeriodText(c.period_from, c.period_to) << ": " << c.how << "\n";
  for (const factcheck::SourcedFigure& f : c.figures) {
    const Quantity& q = f.figure;
    std::cout << "   - " << Line(q.text, kFactTextLength);
    if (q.si_value) {
      std::cout << " = " << factcheck::FormatNumber(*q.si_value)
                << (q.si_unit.empty() ? "" : " " + Line(q.si_unit, 20));
    }
    std::cout << ", " << PeriodText(f.period_from, f.period_to) << "\n";
    const Span in_sentence{q.span.start - f.sentence_span.start,
                           q.span.end - f.sentence_span.start};
    std::cout << "     " << RenderMarked(f.sentence, {{in_sentence, MarkKind::kQuantity, ""}}, tty)
              << "\n";
    PrintSource(f.title, f.site, f.published, f.url ? f.url : f.canonical_url, f.archive, "     ");
  }
}

int RunConflicts(const ConflictsArgs& args) {
  factcheck::ConflictOptions options;
  options.limit = args.limit;
  if (args.since) {
    if (!NormaliseTimestamp(*args.since)) {
      return Fail("conflicts", "'" + *args.since + "' is not an ISO 8601 date");
    }
    options.since = args.since->substr(0, 10);
  }
  if (args.subject) {
    if (factcheck::FoldSubject(*args.subject).empty()) {
      return Fail("conflicts", "the subject '" + Line(*args.subject, 200) +
                                   "' has no word to look for (words of three letters or "
                                   "more, not stop words)");
    }
    options.subject = args.subject;
  }
  auto db = OpenReadOnly("conflicts", args.db);
  if (auto* code = std::get_if<int>(&db)) return *code;
  auto found = factcheck::FindConflicts(std::get<store::Store>(db), options);
  if (!found.ok()) return Fail("conflicts", found.status().ToString());
  const bool tty = isatty(STDOUT_FILENO);
  for (size_t i = 0; i < found->size(); ++i) {
    if (args.json) {
      std::cout << Dump(ConflictJson((*found)[i], i + 1)) << "\n";
    } else {
      if (i) std::cout << "\n";
      PrintConflict((*found)[i], i + 1, tty);
    }
  }
  std::cout.flush();
  if (found->empty()) {
    std::cerr << "newsfacts: conflicts: no figures that disagree"
              << (args.subject ? " about '" + Line(*args.subject, 200) + "'" : std::string())
              << "\n";
    return kExitSomeFailed;
  }
  return kExitOk;
}

}  // namespace

void AddShowCommand(CLI::App* app, int* status) {
  auto args = std::make_shared<ShowArgs>();
  CLI::App* show = app->add_subcommand("show", "an article with its facts marked");
  show->add_option("--db", args->db, "database file")->capture_default_str();
  show->add_flag("--json", args->json, "the article as JSON, with its marks");
  show->add_option("article", args->ref, "the article's id, URL or canonical URL")->required();
  show->callback([args, status] { *status = RunShow(*args); });
}

void AddConflictsCommand(CLI::App* app, int* status) {
  auto args = std::make_shared<ConflictsArgs>();
  CLI::App* conflicts = app->add_subcommand("conflicts", "figures that disagree across sources");
  conflicts->add_option("--db", args->db, "database file")->capture_default_str();
  conflicts->add_flag("--json", args->json, "one JSON object per group");
  conflicts->add_option("--subject", args->subject,
                        "only subjects holding these words (e.g. \"fentanyl\")");
  conflicts->add_option("--since", args->since, "articles published on or after this date");
  conflicts->add_option("--limit", args->limit, "at most N groups")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  conflicts->callback([args, status] { *status = RunConflicts(*args); });
}

}  // namespace newsfacts::cli
