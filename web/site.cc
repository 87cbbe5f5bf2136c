#include "web/site.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <exception>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "factcheck/check.h"
#include "factcheck/conflicts.h"
#include "factcheck/hit_json.h"
#include "factcheck/marks.h"
#include "store/queries.h"
#include "store/speakers.h"
#include "web/assets.h"
#include "web/chart.h"
#include "web/html.h"

namespace newsfacts::web {
namespace {

constexpr size_t kHitLimit = 10;
constexpr size_t kArticleLimit = 20;
constexpr size_t kHistoryLimit = 300;
constexpr size_t kSpeakerLimit = 200;
constexpr size_t kQuoteLimit = 200;
constexpr size_t kConflictLimit = 50;
constexpr size_t kMaxSearchWords = 20;

// The page around body; the header's search box is left out where the page has its own.
std::string Layout(const std::string& title, const std::string& body, const std::string& query,
                   bool header_search) {
  std::string page =
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>" +
      Escape(title) +
      " · newsfacts</title><link rel=\"stylesheet\" href=\"/assets/style.css\"></head>"
      "<body><header class=\"top\"><a class=\"brand\" href=\"/\">newsfacts</a>" +
      (header_search
           ? "<form class=\"search\" action=\"/check\" method=\"get\" role=\"search\">"
             "<input type=\"search\" name=\"claim\" maxlength=\"1000\" value=\"" +
                 Escape(query) +
                 "\" placeholder=\"A claim with a figure, or words\" aria-label=\"claim or "
                 "words\"><button type=\"submit\">Check</button></form>"
           : std::string()) +
      "<nav>"
      "<a href=\"/conflicts\">Conflicts</a><a href=\"/speakers\">Quotes by speaker</a></nav>"
      "</header><main>";
  page += body;
  page +=
      "</main><footer>newsfacts · read-only view of the database · every fact names the rule "
      "that made it</footer></body></html>\n";
  return page;
}

Response Html(int status, const std::string& title, const std::string& body,
              const std::string& query = "", bool header_search = true) {
  return Response{status, "text/html; charset=utf-8", Layout(title, body, query, header_search)};
}

Response Json(int status, const nlohmann::ordered_json& value) {
  return Response{status, "application/json; charset=utf-8",
                  value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"};
}

int StatusFor(const Status& s) {
  switch (s.code()) {
    case StatusCode::kInvalidInput:
    case StatusCode::kUsage:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    default:
      return 500;
  }
}

std::string Day(const std::optional<std::string>& published) {
  return published ? published->substr(0, 10) : std::string();
}

// "2024-05-23 09:41 UTC" for "2024-05-23T09:41:00Z"; other forms as written.
std::string WhenText(const std::string& published) {
  if (published.size() == 20 && published[10] == 'T' && published[19] == 'Z') {
    return published.substr(0, 10) + " " + published.substr(11, 5) + " UTC";
  }
  return published;
}

std::string ArticleHref(const std::string& id, const std::string& fragment = "") {
  return "/article?id=" + QueryEncode(id) + (fragment.empty() ? "" : "#" + fragment);
}

std::string QuantityAnchor(const Span& span) {
  return "quantity-" + std::to_string(span.start) + "-" + std::to_string(span.end);
}

// "title — site, 2024-05-23" with the title linking to the article.
std::string SourceLine(const std::string& id, const std::optional<std::string>& title,
                       const std::optional<std::string>& site,
                       const std::optional<std::string>& published,
                       const std::string& fragment = "") {
  std::string out = "<a class=\"title\" href=\"" + Escape(ArticleHref(id, fragment)) + "\">" +
                    Escape(title && !title->empty() ? *title : id) + "</a>";
  if (site) out += " <span class=\"site\">" + Escape(*site) + "</span>";
  if (published) out += " <time>" + Escape(Day(published)) + "</time>";
  return out;
}

std::string ArchiveText(const ArchiveRef& a) {
  std::string out = a.file + " @ " + std::to_string(a.offset);
  if (a.length > 0) out += " (" + std::to_string(a.length) + " bytes)";
  if (!a.date.empty()) out += ", captured " + a.date;
  if (!a.digest.empty()) out += ", " + a.digest;
  return out;
}

std::string ArchiveLine(const std::optional<ArchiveRef>& archive) {
  if (!archive) return "";
  return "<div class=\"archive\">archived copy: <code>" + Escape(ArchiveText(*archive)) +
         "</code></div>";
}

// sentence with the code points [from, to) of it in <mark class="figure">.
std::string MarkedSentence(const std::string& sentence, const Span& sentence_span,
                           const std::optional<Span>& figure) {
  if (!figure) return Escape(sentence);
  const int64_t length = CodePointCount(sentence);
  const int64_t from = figure->start - sentence_span.start;
  const int64_t to = figure->end - sentence_span.start;
  if (from < 0 || to > length || from >= to) return Escape(sentence);
  return Escape(CodePointSlice(sentence, 0, from)) + "<mark class=\"figure\">" +
         Escape(CodePointSlice(sentence, from, to)) + "</mark>" +
         Escape(CodePointSlice(sentence, to, length));
}

std::string FigureText(const Quantity& q) {
  std::string out = q.text;
  if (q.si_value && !q.si_unit.empty()) {
    out += " = " + FormatNumber(*q.si_value) + " " + q.si_unit;
  }
  if (q.subject) out += " of " + *q.subject;
  return out;
}

std::string HistoryHref(const std::string& subject, const std::string& unit) {
  return "/history?subject=" + QueryEncode(subject) +
         (unit.empty() ? "" : "&unit=" + QueryEncode(unit));
}

// Search words of free text for the full-text index: runs of letters and digits (non-ASCII
// letters kept whole, curly quotes and dashes splitting), lower-case, three characters or
// more, common function words left out, each once. The claim's own content words are stems cut to
// five letters, which the unstemmed index would not match.
std::vector<std::string> SearchWords(const std::string& text) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  std::string word;
  static const std::set<std::string> kStop = {
      "the",  "and",  "for",  "that", "with",  "from", "was",  "were", "are",   "has",
      "have", "had",  "this", "its",  "their", "his",  "her",  "they", "than",  "but",
      "not",  "been", "will", "who",  "what",  "when", "said", "says", "about", "into"};
  auto flush = [&] {
    if (word.size() >= 3 && !kStop.count(word) && seen.insert(word).second &&
        out.size() < kMaxSearchWords) {
      out.push_back(word);
    }
    word.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80 && !IsUtf8ContinuationByte(text[i])) {
      size_t next = i;
      const char32_t cp = DecodeUtf8(text, &next);
      if (cp >= 0x2010 && cp <= 0x201F) {  // dashes and curly quotes
        flush();
        i = next - 1;
        continue;
      }
    }
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c >= 0x80) {
      word += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      word += static_cast<char>(c - 'A' + 'a');
    } else {
      flush();
    }
  }
  flush();
  return out;
}

// A stretch of text around the first of words that starts a word there, the word marked.
std::string Snippet(const std::string& text, const std::vector<std::string>& words) {
  std::string lower = text;
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  size_t best = std::string::npos, best_len = 0;
  for (const std::string& w : words) {
    for (size_t at = lower.find(w); at != std::string::npos; at = lower.find(w, at + 1)) {
      const bool starts = at == 0 || !std::isalnum(static_cast<unsigned char>(lower[at - 1]));
      if (starts) {
        if (at < best) {
          best = at;
          best_len = w.size();
        }
        break;
      }
    }
  }
  auto boundary_back = [&](size_t i) { return i < text.size() ? CodePointStart(text, i) : i; };
  if (best == std::string::npos) {
    const size_t end = boundary_back(std::min<size_t>(text.size(), 220));
    return Escape(text.substr(0, end)) + (end < text.size() ? "…" : "");
  }
  size_t end_word = best + best_len;
  while (end_word < text.size() && (std::isalnum(static_cast<unsigned char>(text[end_word])) ||
                                    IsUtf8ContinuationByte(text[end_word]))) {
    ++end_word;
  }
  size_t from = best > 100 ? boundary_back(best - 100) : 0;
  if (from > 0) {
    const size_t space = text.find(' ', from);
    if (space != std::string::npos && space < best) from = space + 1;
  }
  const size_t to = boundary_back(std::min(text.size(), end_word + 140));
  return (from > 0 ? "…" : "") + Escape(text.substr(from, best - from)) + "<mark class=\"word\">" +
         Escape(text.substr(best, end_word - best)) + "</mark>" +
         Escape(text.substr(end_word, to - end_word)) + (to < text.size() ? "…" : "");
}

// ---- the article view -------------------------------------------------------------------

// A fact card: every mark of one fact links to it.
struct Card {
  std::string anchor;
  factcheck::MarkKind kind;
  const factcheck::Mark* first = nullptr;  // the mark whose rule and fields the card shows
};

std::string CardAnchor(const factcheck::Mark& m) {
  switch (m.kind) {
    case factcheck::MarkKind::kQuantity:
      return QuantityAnchor(m.span);
    case factcheck::MarkKind::kDate:
      return "date-" + std::to_string(m.index);
    case factcheck::MarkKind::kOfficial:
      return "official-" + std::to_string(m.index);
    case factcheck::MarkKind::kQuote:
    case factcheck::MarkKind::kSpeaker:
      return "quote-" + std::to_string(m.index);
  }
  return "fact";
}

std::string KindClass(factcheck::MarkKind kind) {
  return std::string("k-") + factcheck::MarkKindName(kind);
}

// Code point offsets of a text and the byte offsets they start at.
struct CodePoints {
  explicit CodePoints(const std::string& text)
      : cp_of_byte(CodePointIndex(text)),
        n(cp_of_byte.back()),
        byte_of_cp(static_cast<size_t>(n) + 1, text.size()) {
    for (size_t b = text.size() + 1; b-- > 0;) {
      byte_of_cp[static_cast<size_t>(cp_of_byte[b])] = b;
    }
  }
  int64_t Clamp(int64_t cp) const { return std::clamp<int64_t>(cp, 0, n); }
  // The bytes of text from code point from to code point to.
  std::string Piece(const std::string& text, int64_t from, int64_t to) const {
    const size_t at = byte_of_cp[static_cast<size_t>(from)];
    return text.substr(at, byte_of_cp[static_cast<size_t>(to)] - at);
  }

  std::vector<int64_t> cp_of_byte;
  int64_t n;  // code points in all
  std::vector<size_t> byte_of_cp;
};

// Where the marked text is cut into stretches: the ends of the text, of each mark and of
// each paragraph break.
std::set<int64_t> Cuts(const std::string& text, const std::vector<factcheck::Mark>& marks,
                       const CodePoints& cps) {
  std::set<int64_t> cuts = {0, cps.n};
  for (const factcheck::Mark& m : marks) {
    cuts.insert(cps.Clamp(m.span.start));
    cuts.insert(cps.Clamp(m.span.end));
  }
  for (size_t at = text.find("\n\n"); at != std::string::npos; at = text.find("\n\n", at + 2)) {
    cuts.insert(cps.cp_of_byte[at]);
    cuts.insert(cps.cp_of_byte[at + 2]);
  }
  return cuts;
}

// The innermost of the active marks covering a stretch ending at code point to (the
// shortest; the first of equals), and whether a quote covers it.
struct Innermost {
  const factcheck::Mark* mark = nullptr;
  size_t index = 0;
  bool in_quote = false;
};

Innermost InnermostMark(const std::vector<factcheck::Mark>& marks,
                        const std::vector<size_t>& active, int64_t to, const CodePoints& cps) {
  Innermost inner;
  for (size_t i : active) {
    const factcheck::Mark& m = marks[i];
    if (cps.Clamp(m.span.end) < to || m.span.end <= m.span.start) continue;
    if (m.kind == factcheck::MarkKind::kQuote) inner.in_quote = true;
    const factcheck::Mark* best = inner.mark;
    if (!best || m.span.end - m.span.start < best->span.end - best->span.start ||
        (m.span.end - m.span.start == best->span.end - best->span.start && i < inner.index)) {
      inner.mark = &m;
      inner.index = i;
    }
  }
  return inner;
}

// A stretch of text as a link to the card of its innermost mark.
std::string MarkLink(const std::string& piece, const Innermost& inner, const std::string& anchor) {
  std::string cls = "m " + KindClass(inner.mark->kind);
  if (inner.in_quote && inner.mark->kind != factcheck::MarkKind::kQuote) cls += " in-quote";
  return "<a class=\"" + cls + "\" href=\"#" + anchor + "\" title=\"" +
         Escape(std::string(factcheck::MarkKindName(inner.mark->kind)) + " · " + inner.mark->rule) +
         "\">" + Escape(piece) + "</a>";
}

// The text as paragraphs (split at blank lines), every stretch covered by marks in one <a>
// to the card of its innermost mark (the shortest covering one; the first of equals), so
// that marks nest without nesting links.
std::string MarkedText(const std::string& text, const std::vector<factcheck::Mark>& marks,
                       const std::vector<std::string>& anchors) {
  const CodePoints cps(text);
  const std::set<int64_t> cuts = Cuts(text, marks, cps);
  // Marks starting at or before each cut, by start; the active set is rebuilt per stretch
  // from the few marks that can cover it.
  std::vector<size_t> order(marks.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return marks[a].span.start < marks[b].span.start; });

  std::string out = "<p>";
  std::vector<size_t> active;
  size_t next = 0;
  for (auto it = cuts.begin(); std::next(it) != cuts.end(); ++it) {
    const int64_t from = *it, to = *std::next(it);
    const std::string piece = cps.Piece(text, from, to);
    if (piece.find("\n\n") != std::string::npos || piece == "\n\n") {
      out += "</p><p>";
      continue;
    }
    while (next < order.size() && cps.Clamp(marks[order[next]].span.start) <= from) {
      active.push_back(order[next++]);
    }
    std::erase_if(active, [&](size_t i) { return cps.Clamp(marks[i].span.end) <= from; });
    const Innermost inner = InnermostMark(marks, active, to, cps);
    out += inner.mark ? MarkLink(piece, inner, anchors[inner.index]) : Escape(piece);
  }
  out += "</p>";
  return out;
}

std::string CardHtml(const Card& card, const Article& a) {
  const factcheck::Mark& m = *card.first;
  const std::string kind = factcheck::MarkKindName(card.kind);
  std::string out = "<li class=\"fact " + KindClass(card.kind) + "\" id=\"" + card.anchor +
                    "\"><a class=\"fact-head\" href=\"#" + card.anchor +
                    "\"><span class=\"kind\">" + Escape(kind) +
                    "</span> <span class=\"fact-text\">" +
                    Escape(CodePointSlice(a.text, m.span.start, m.span.end)) + "</span></a>";
  if (!m.summary.empty()) out += "<div class=\"fact-summary\">" + Escape(m.summary) + "</div>";
  out += "<div class=\"fact-detail\"><dl><dt>rule</dt><dd><code class=\"rule\">" + Escape(m.rule) +
         "</code></dd><dt>span</dt><dd>" + std::to_string(m.span.start) + "–" +
         std::to_string(m.span.end) + "</dd>";
  for (const auto& [name, value] : m.fields) {
    out += "<dt>" + Escape(name) + "</dt><dd>" + Escape(value) + "</dd>";
  }
  out += "<dt>archived copy</dt><dd>" +
         (a.archive ? "<code>" + Escape(ArchiveText(*a.archive)) + "</code>"
                    : std::string("none (not read from an archive)")) +
         "</dd></dl>";
  if (card.kind == factcheck::MarkKind::kQuantity && m.index < a.quantities.size()) {
    const Quantity& q = a.quantities[m.index];
    if (q.subject && !q.subject->empty()) {
      out += "<a class=\"more\" href=\"" + Escape(HistoryHref(*q.subject, q.si_unit)) +
             "\">history of “" + Escape(*q.subject) + "” figures →</a>";
    }
  }
  if (card.kind == factcheck::MarkKind::kQuote && m.index < a.quotes.size() &&
      a.quotes[m.index].speaker) {
    out += "<a class=\"more\" href=\"/speakers?name=" +
           Escape(QueryEncode(*a.quotes[m.index].speaker)) + "\">all quotes by " +
           Escape(*a.quotes[m.index].speaker) + " →</a>";
  }
  out += "</div></li>";
  return out;
}

std::string ArticleHtml(const Article& a) {
  const std::vector<factcheck::Mark> marks = factcheck::MarksOf(a);
  std::vector<std::string> anchors;
  std::vector<Card> cards;
  std::map<std::string, size_t> card_of;
  std::map<factcheck::MarkKind, size_t> counts;
  for (const factcheck::Mark& m : marks) {
    anchors.push_back(CardAnchor(m));
    const factcheck::MarkKind kind =
        m.kind == factcheck::MarkKind::kSpeaker ? factcheck::MarkKind::kQuote : m.kind;
    if (card_of.count(anchors.back())) {
      Card& c = cards[card_of[anchors.back()]];
      if (c.first->kind == factcheck::MarkKind::kSpeaker && m.kind == kind) c.first = &m;
      continue;
    }
    card_of[anchors.back()] = cards.size();
    cards.push_back({anchors.back(), kind, &m});
    ++counts[kind];
  }

  std::string head = "<header class=\"article-head\"><h1>" +
                     Escape(a.title && !a.title->empty() ? *a.title : a.id) +
                     "</h1><div class=\"meta\">";
  if (a.site) head += "<span class=\"site\">" + Escape(*a.site) + "</span>";
  if (a.published) head += " <time>" + Escape(WhenText(*a.published)) + "</time>";
  if (a.byline) head += " <span class=\"byline\">by " + Escape(*a.byline) + "</span>";
  head += "</div>";
  const std::string url = a.url.value_or(a.canonical_url.value_or(""));
  if (!url.empty()) {
    head += "<div class=\"url\">";
    head += IsWebUrl(url) ? "<a href=\"" + Escape(url) + "\" rel=\"noreferrer noopener\">" +
                                Escape(url) + "</a>"
                          : Escape(url);
    head += "</div>";
  }
  head += ArchiveLine(a.archive);
  head += "<div class=\"legend\">";
  for (const factcheck::MarkKind k :
       {factcheck::MarkKind::kQuantity, factcheck::MarkKind::kDate, factcheck::MarkKind::kOfficial,
        factcheck::MarkKind::kQuote}) {
    static const std::map<factcheck::MarkKind, std::pair<const char*, const char*>> kNames = {
        {factcheck::MarkKind::kQuantity, {"quantity", "quantities"}},
        {factcheck::MarkKind::kDate, {"date", "dates"}},
        {factcheck::MarkKind::kOfficial, {"official", "officials"}},
        {factcheck::MarkKind::kQuote, {"quote", "quotes"}}};
    const auto& [one, many] = kNames.at(k);
    head += "<span class=\"key " + KindClass(k) + "\">" + std::to_string(counts[k]) + " " +
            (counts[k] == 1 ? one : many) + "</span>";
  }
  head += "</div></header>";

  std::string body = head + "<div class=\"article-layout\"><article class=\"text\">" +
                     MarkedText(a.text, marks, anchors) + "</article><aside class=\"facts\">" +
                     "<h2>Facts <small>click a mark or a fact</small></h2><ol class=\"cards\">";
  for (const Card& c : cards) body += CardHtml(c, a);
  body += "</ol></aside></div>";
  return body;
}

std::string Explain(const std::string& message) {
  return "<p class=\"notice\">" + Escape(message) + "</p>";
}

// How the claim's figures were read.
std::string ReadAs(const factcheck::Claim& claim) {
  std::string out = "<p class=\"read-as\">Read as: ";
  for (size_t i = 0; i < claim.figures.size(); ++i) {
    out += (i ? "; " : "") + std::string("<span class=\"claim-figure\">") +
           Escape(FigureText(claim.figures[i])) + "</span>";
  }
  return out + "</p>";
}

// One hit of a check: verdict, sentence with its figure marked, source, speaker, archive.
std::string HitItem(const factcheck::Hit& h) {
  const std::string verdict = factcheck::VerdictName(h.verdict);
  std::string out = "<li class=\"hit v-" + verdict + "\" data-verdict=\"" + verdict +
                    "\"><div class=\"verdict\"><span class=\"badge v-" + verdict + "\">" + verdict +
                    "</span>";
  if (!h.how.empty()) out += " <span class=\"how\">" + Escape(h.how) + "</span>";
  out += "</div><blockquote class=\"sentence\">" +
         MarkedSentence(h.sentence, h.sentence_span,
                        h.figure ? std::optional<Span>(h.figure->span) : std::nullopt) +
         "</blockquote><div class=\"source\">" +
         SourceLine(h.article_id, h.title, h.site, h.published,
                    h.figure ? QuantityAnchor(h.figure->span) : "");
  if (h.speaker) out += " <span class=\"speaker\">said by " + Escape(*h.speaker) + "</span>";
  return out + "</div>" + ArchiveLine(h.archive) + "</li>";
}

// The chart of the stored figures about the subject of the hit's figure, or "" when there
// are fewer than two (or they cannot be read).
std::string HistorySection(const store::Store& store, const factcheck::Hit& h) {
  auto figures = factcheck::FiguresAbout(store, *h.figure->subject, h.figure->si_unit, 60);
  if (!figures.ok() || figures->size() <= 1) return "";
  std::vector<ChartPoint> points;
  for (const factcheck::SourcedFigure& f : *figures) {
    if (!f.figure.si_value) continue;
    points.push_back(
        {Day(f.published), *f.figure.si_value,
         f.figure.text + " — " + f.site.value_or(f.article_id) + " " + Day(f.published),
         ArticleHref(f.article_id, QuantityAnchor(f.figure.span))});
  }
  return "<section class=\"history\"><h2>“" + Escape(*h.figure->subject) +
         "” over time <a class=\"more\" href=\"" +
         Escape(HistoryHref(*h.figure->subject, h.figure->si_unit)) + "\">all figures →</a></h2>" +
         HistoryChart(points, {560, 180, h.figure->si_unit}) + "</section>";
}

// The sources of a claim with figures, and in *history the chart for the first hit whose
// figure has a subject with figures enough.
Result<std::string> HitsSection(const store::Store& store, const factcheck::Claim& claim,
                                std::string* history) {
  factcheck::CheckOptions options;
  options.limit = kHitLimit;
  auto hits = factcheck::Check(store, claim, options);
  if (!hits.ok()) return hits.status();
  std::string out = "<section><h2>" + std::to_string(hits->size()) +
                    (hits->size() == 1 ? " source" : " sources") + "</h2>";
  if (hits->empty()) {
    out += Explain("No stored article states a figure of this kind about the same thing.");
  }
  out += "<ol class=\"hits\">";
  for (const factcheck::Hit& h : *hits) {
    out += HitItem(h);
    if (history->empty() && h.figure && h.figure->subject && !h.figure->subject->empty()) {
      *history = HistorySection(store, h);
    }
  }
  return out + "</ol></section>";
}

// The articles that hold the words of text, each with a snippet.
Result<std::string> ArticlesSection(const store::Store& store, const std::string& text) {
  const std::vector<std::string> words = SearchWords(text);
  auto ids = store::ArticlesMatchingWords(store, words, {}, kArticleLimit);
  if (!ids.ok()) return ids.status();
  std::string out = "<section><h2>Articles with these words</h2>";
  if (ids->empty()) out += Explain("No stored article holds these words.");
  out += "<ul class=\"articles\">";
  for (const std::string& id : *ids) {
    auto article = store.ReadArticle(id);
    if (!article.ok()) return article.status();
    if (!*article) continue;
    const Article& a = **article;
    out += "<li><div class=\"source\">" + SourceLine(a.id, a.title, a.site, a.published) +
           "</div><p class=\"snippet\">" + Snippet(a.text, words) + "</p></li>";
  }
  return out + "</ul></section>";
}

}  // namespace

Site::Site(std::string db_path, const RuleBook* rules) : pool_(std::move(db_path)), rules_(rules) {}

Response Site::ErrorPage(int status, const std::string& message) {
  std::string title = status == 404   ? "Not found"
                      : status == 400 ? "Bad request"
                      : status >= 500 ? "Server error"
                                      : "Error " + std::to_string(status);
  return Html(status, title,
              "<h1>" + Escape(title) + "</h1>" + Explain(message) +
                  "<p><a href=\"/\">Back to the search</a></p>");
}

Response Site::Get(const std::string& path, const Params& params) {
  try {
    if (const Asset* asset = FindAsset(path)) {
      return Response{200, std::string(asset->content_type), std::string(asset->body)};
    }
    using Handler = Response (Site::*)(const Params&);
    static const std::map<std::string, Handler> kRoutes = {
        {"/", &Site::Home},
        {"/check", &Site::Check},
        {"/api/check", &Site::ApiCheck},
        {"/article", &Site::ArticlePage},
        {"/history", &Site::History},
        {"/speakers", &Site::SpeakersPage},
        {"/conflicts", &Site::ConflictsPage},
    };
    const auto route = kRoutes.find(path);
    if (route == kRoutes.end()) return ErrorPage(404, "There is no page at this address.");
    if (Status s = CheckParamCount(params); !s.ok()) {
      return path == "/api/check" ? Json(400, {{"error", s.message()}})
                                  : ErrorPage(400, s.message());
    }
    return (this->*(route->second))(params);
  } catch (const std::exception& e) {
    return ErrorPage(500, std::string("unexpected error: ") + e.what());
  } catch (...) {
    return ErrorPage(500, "unexpected error");
  }
}

Response Site::Home(const Params& params) {
  if (!params.empty()) {
    // "/?claim=…" is what a browser sends from a bookmarked search box; answer it as /check.
    if (params.count("claim")) return Check(params);
  }
  std::string body =
      "<section class=\"hero\"><h1>Check a figure against the archive</h1>"
      "<p>Type a claim with a figure, such as <q>the ministry seized 8.2 tonnes of "
      "fentanyl</q>: every stored article stating a figure of that kind in a sentence about the "
      "same thing is listed, with the verdict (<span class=\"badge v-same\">same</span>, "
      "<span class=\"badge v-rounded\">rounded</span>, <span class=\"badge "
      "v-different\">different</span>, <span class=\"badge v-related\">related</span>). "
      "Type words without a figure to find articles.</p>"
      "<form class=\"search big\" action=\"/check\" method=\"get\" role=\"search\">"
      "<input type=\"search\" name=\"claim\" maxlength=\"1000\" autofocus "
      "placeholder=\"A claim with a figure, or words\" aria-label=\"claim or words\">"
      "<button type=\"submit\">Check</button></form></section>";
  auto lease = pool_.Acquire();
  if (!lease.ok()) return ErrorPage(500, lease.status().ToString());
  auto count = lease->store().CountArticles(nullptr);
  if (count.ok()) {
    body += "<p class=\"stats\">" + std::to_string(*count) +
            " articles stored. See <a href=\"/conflicts\">figures that disagree across "
            "sources</a>.</p>";
  }
  auto speakers = store::Speakers(lease->store(), 8);
  if (speakers.ok() && !speakers->empty()) {
    body += "<section><h2>Most quoted</h2><ul class=\"speakers\">";
    for (const store::SpeakerCount& s : *speakers) {
      body += "<li><a href=\"/speakers?name=" + Escape(QueryEncode(s.name)) + "\">" +
              Escape(s.name) + "</a> <span class=\"count\">" + std::to_string(s.quotes) +
              (s.quotes == 1 ? " quote" : " quotes") + "</span></li>";
    }
    body += "</ul></section>";
  }
  return Html(200, "Search", body, "", false);
}

Response Site::Check(const Params& params) {
  auto claim_text = TextParam(params, "claim", kMaxClaimBytes);
  if (!claim_text.ok()) return ErrorPage(400, claim_text.status().message());
  if (!*claim_text) return ErrorPage(400, "Give a claim or words to look for (claim=…).");
  const std::string& text = **claim_text;
  auto claim = factcheck::ParseClaim(text, *rules_);
  if (!claim.ok()) {
    return Html(StatusFor(claim.status()), "Check",
                "<h1>" + Escape(text) + "</h1>" + Explain(claim.status().message()), text);
  }
  auto lease = pool_.Acquire();
  if (!lease.ok()) return ErrorPage(500, lease.status().ToString());
  const store::Store& store = lease->store();

  std::string body = "<h1 class=\"claim\">" + Escape(text) + "</h1>";
  std::string history;
  if (!claim->figures.empty()) {
    auto hits = HitsSection(store, *claim, &history);
    if (!hits.ok()) return ErrorPage(StatusFor(hits.status()), hits.status().ToString());
    body += ReadAs(*claim) + *hits;
  } else {
    body += Explain("No figure read in this text: articles with its words follow.");
  }
  body += history;
  auto articles = ArticlesSection(store, text);
  if (!articles.ok()) return ErrorPage(StatusFor(articles.status()), articles.status().ToString());
  body += *articles;
  return Html(200, text, body, text);
}

Response Site::ApiCheck(const Params& params) {
  auto error = [](int status, const std::string& message) {
    return Json(status, {{"error", message}});
  };
  auto claim_text = TextParam(params, "claim", kMaxClaimBytes);
  if (!claim_text.ok()) return error(400, claim_text.status().message());
  if (!*claim_text) return error(400, "the claim is empty");
  auto claim = factcheck::ParseClaim(**claim_text, *rules_);
  if (!claim.ok()) return error(StatusFor(claim.status()), claim.status().message());
  auto lease = pool_.Acquire();
  if (!lease.ok()) return error(500, lease.status().ToString());
  factcheck::CheckOptions options;
  options.limit = kHitLimit;
  auto hits = factcheck::Check(lease->store(), *claim, options);
  if (!hits.ok()) return error(StatusFor(hits.status()), hits.status().ToString());
  nlohmann::ordered_json array = nlohmann::ordered_json::array();
  for (size_t i = 0; i < hits->size(); ++i) array.push_back(factcheck::HitJson((*hits)[i], i + 1));
  return Json(200, array);
}

Response Site::ArticlePage(const Params& params) {
  auto id = TextParam(params, "id", kMaxIdBytes);
  if (!id.ok()) return ErrorPage(400, id.status().message());
  if (!*id) return ErrorPage(400, "Give the article's id or URL (id=…).");
  auto lease = pool_.Acquire();
  if (!lease.ok()) return ErrorPage(500, lease.status().ToString());
  auto article = factcheck::FindArticle(lease->store(), **id);
  if (!article.ok()) return ErrorPage(StatusFor(article.status()), article.status().ToString());
  if (!*article) return ErrorPage(404, "No stored article has the id or URL " + **id + ".");
  const Article& a = **article;
  return Html(200, a.title.value_or(a.id), ArticleHtml(a));
}

Response Site::History(const Params& params) {
  auto subject = TextParam(params, "subject", kMaxNameBytes);
  if (!subject.ok()) return ErrorPage(400, subject.status().message());
  auto unit = TextParam(params, "unit", kMaxNameBytes);
  if (!unit.ok()) return ErrorPage(400, unit.status().message());
  if (!*subject) return ErrorPage(400, "Give the subject whose figures to show (subject=…).");
  auto lease = pool_.Acquire();
  if (!lease.ok()) return ErrorPage(500, lease.status().ToString());
  auto figures =
      factcheck::FiguresAbout(lease->store(), **subject, unit->value_or(""), kHistoryLimit);
  if (!figures.ok()) return ErrorPage(StatusFor(figures.status()), figures.status().ToString());

  std::string body = "<h1>Figures about “" + Escape(**subject) + "”</h1>";
  if (figures->empty()) body += Explain("No stored figure has this subject.");
  // One chart per SI unit: kilograms and dollars do not share an axis.
  std::vector<std::string> units;
  for (const factcheck::SourcedFigure& f : *figures) {
    if (std::find(units.begin(), units.end(), f.figure.si_unit) == units.end()) {
      units.push_back(f.figure.si_unit);
    }
  }
  for (const std::string& u : units) {
    std::vector<ChartPoint> points;
    std::string rows;
    for (const factcheck::SourcedFigure& f : *figures) {
      if (f.figure.si_unit != u) continue;
      const double value = f.figure.si_value.value_or(f.figure.value);
      const std::string anchor = QuantityAnchor(f.figure.span);
      points.push_back(
          {Day(f.published), value,
           f.figure.text + " — " + f.site.value_or(f.article_id) + " " + Day(f.published),
           ArticleHref(f.article_id, anchor)});
      rows += "<tr><td><time>" + Escape(Day(f.published)) + "</time></td><td class=\"num\">" +
              Escape(FormatNumber(value)) + " " + Escape(u) + "</td><td>" +
              MarkedSentence(f.sentence, f.sentence_span, f.figure.span) +
              "<div class=\"source\">" +
              SourceLine(f.article_id, f.title, f.site, std::nullopt, anchor) + "</div></td></tr>";
    }
    body += "<section><h2>in " + Escape(u.empty() ? std::string("counts") : u) + "</h2>" +
            HistoryChart(points, {720, 240, u}) +
            "<table class=\"figures\"><thead><tr><th>published</th><th>value</th><th>where"
            "</th></tr></thead><tbody>" +
            rows + "</tbody></table></section>";
  }
  return Html(200, "Figures about " + **subject, body);
}

Response Site::SpeakersPage(const Params& params) {
  auto name = TextParam(params, "name", kMaxNameBytes);
  if (!name.ok()) return ErrorPage(400, name.status().message());
  auto lease = pool_.Acquire();
  if (!lease.ok()) return ErrorPage(500, lease.status().ToString());
  if (!*name) {
    auto speakers = store::Speakers(lease->store(), kSpeakerLimit);
    if (!speakers.ok()) {
      return ErrorPage(StatusFor(speakers.status()), speakers.status().ToString());
    }
    std::string body = "<h1>Quotes by speaker</h1>";
    if (speakers->empty()) body += Explain("No stored quote has a speaker.");
    body +=
        "<table class=\"figures\"><thead><tr><th>speaker</th><th>quotes</th><th>articles</th>"
        "<th>latest</th></tr></thead><tbody>";
    for (const store::SpeakerCount& s : *speakers) {
      body += "<tr><td><a href=\"/speakers?name=" + Escape(QueryEncode(s.name)) + "\">" +
              Escape(s.name) + "</a></td><td class=\"num\">" + std::to_string(s.quotes) +
              "</td><td class=\"num\">" + std::to_string(s.articles) + "</td><td><time>" +
              Escape(Day(s.latest)) + "</time></td></tr>";
    }
    body += "</tbody></table>";
    return Html(200, "Quotes by speaker", body);
  }
  auto quotes = store::QuotesBy(lease->store(), **name, kQuoteLimit);
  if (!quotes.ok()) return ErrorPage(StatusFor(quotes.status()), quotes.status().ToString());
  std::string body = "<h1>Quotes by " + Escape(**name) + "</h1>";
  if (quotes->empty()) body += Explain("No stored quote is attributed to this name.");
  body += "<ol class=\"quotes\">";
  for (const store::SpeakerQuote& q : *quotes) {
    body +=
        "<li><blockquote class=\"quote\">" + Escape(q.text) + "</blockquote><div class=\"source\">";
    if (q.cue) body += "<span class=\"cue\">" + Escape(*q.cue) + "</span> ";
    if (q.via) body += "<span class=\"via\">via " + Escape(*q.via) + "</span> ";
    body += SourceLine(q.article_id, q.title, q.site, q.published,
                       "quote-" + std::to_string(q.position)) +
            "</div></li>";
  }
  body += "</ol>";
  return Html(200, "Quotes by " + **name, body);
}

Response Site::ConflictsPage(const Params& params) {
  auto subject = TextParam(params, "subject", kMaxNameBytes);
  if (!subject.ok()) return ErrorPage(400, subject.status().message());
  auto since = DateParam(params, "since");
  if (!since.ok()) return ErrorPage(400, since.status().message());
  auto lease = pool_.Acquire();
  if (!lease.ok()) return ErrorPage(500, lease.status().ToString());
  factcheck::ConflictOptions options;
  options.subject = *subject;
  options.since = *since;
  options.limit = kConflictLimit;
  auto conflicts = factcheck::FindConflicts(lease->store(), options);
  if (!conflicts.ok()) {
    return ErrorPage(StatusFor(conflicts.status()), conflicts.status().ToString());
  }
  std::string body =
      "<h1>Figures that disagree across sources</h1>"
      "<form class=\"filter\" action=\"/conflicts\" method=\"get\"><label>subject "
      "<input name=\"subject\" maxlength=\"300\" value=\"" +
      Escape(subject->value_or("")) +
      "\"></label> <label>published since <input name=\"since\" maxlength=\"10\" "
      "placeholder=\"YYYY-MM-DD\" value=\"" +
      Escape(since->value_or("")) + "\"></label> <button type=\"submit\">Filter</button></form>";
  if (conflicts->empty()) body += Explain("No two sources disagree on a figure.");
  body += "<ol class=\"conflicts\">";
  for (const factcheck::Conflict& c : *conflicts) {
    body += "<li class=\"conflict\"><h2>" + Escape(c.subject) + " <small>" + Escape(c.si_unit);
    if (c.period_from) {
      body += " · " + Escape(*c.period_from);
      if (c.period_to && *c.period_to != *c.period_from) body += " – " + Escape(*c.period_to);
    }
    body += "</small> <a class=\"more\" href=\"" + Escape(HistoryHref(c.subject, c.si_unit)) +
            "\">history →</a></h2><p class=\"how\">" + Escape(c.how) + "</p><ul>";
    for (const factcheck::SourcedFigure& f : c.figures) {
      body +=
          "<li><blockquote class=\"sentence\">" +
          MarkedSentence(f.sentence, f.sentence_span, f.figure.span) +
          "</blockquote><div class=\"source\">" +
          SourceLine(f.article_id, f.title, f.site, f.published, QuantityAnchor(f.figure.span)) +
          "</div>" + ArchiveLine(f.archive) + "</li>";
    }
    body += "</ul></li>";
  }
  body += "</ol>";
  return Html(200, "Conflicts", body);
}

}  // namespace newsfacts::web
