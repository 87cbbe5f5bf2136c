#include "normalise/nesting.h"

#include <algorithm>
#include <array>
#include <vector>

namespace newsfacts::normalise_internal {
namespace {

// Formatting elements are capped separately: they stay "open" in gumbo's list of
// active formatting elements and are reopened in later blocks.
constexpr int kMaxOpenFormatting = 48;

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

template <size_t N>
bool OneOf(std::string_view name, const std::array<std::string_view, N>& set) {
  return std::find(set.begin(), set.end(), name) != set.end();
}

constexpr std::array<std::string_view, 14> kVoid = {"area",   "base",  "br",    "col",  "embed",
                                                    "hr",     "img",   "input", "link", "meta",
                                                    "source", "track", "wbr",   "param"};
constexpr std::array<std::string_view, 14> kFormatting = {
    "a",    "b", "big",   "code",   "em",     "font", "i",
    "nobr", "s", "small", "strike", "strong", "tt",   "u"};
constexpr std::array<std::string_view, 9> kRawText = {
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"};
// Elements that end the search for an end tag's match (the HTML "scope" boundaries).
constexpr std::array<std::string_view, 12> kScopeBoundary = {
    "html",   "table",  "td",      "th",  "caption", "template",
    "applet", "object", "marquee", "svg", "math",    "button"};
// A start tag of one of these closes an open element of the same name.
constexpr std::array<std::string_view, 13> kSelfClosingSiblings = {
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "rt"};

struct Model {
  std::vector<std::string> stack;
  int formatting = 0;
  int foreign = 0;  // open svg/math elements

  int Depth() const { return static_cast<int>(stack.size()) + formatting; }

  // Index of an open element named `name` reachable without crossing a scope
  // boundary, or -1.
  int FindInScope(std::string_view name) const {
    for (size_t i = stack.size(); i-- > 0;) {
      if (stack[i] == name) return static_cast<int>(i);
      if (OneOf(stack[i], kScopeBoundary)) return -1;
    }
    return -1;
  }
  void PopTo(int index) {
    while (static_cast<int>(stack.size()) > index) {
      if (stack.back() == "svg" || stack.back() == "math") --foreign;
      stack.pop_back();
    }
  }
};

// Parses a tag starting at html[i] == '<'. Returns the index past '>', and the tag
// name (lower case), whether it is an end tag and whether it ends in "/>".
size_t ScanTag(std::string_view html, size_t i, std::string* name, bool* end_tag,
               bool* self_closing) {
  size_t p = i + 1;
  *end_tag = false;
  if (p < html.size() && html[p] == '/') {
    *end_tag = true;
    ++p;
  }
  name->clear();
  while (p < html.size() && !IsSpace(html[p]) && html[p] != '>' && html[p] != '/') {
    name->push_back(LowerAscii(html[p]));
    ++p;
  }
  // Attributes: quoted values may contain '>'.
  char last_significant = 0;
  while (p < html.size() && html[p] != '>') {
    char c = html[p];
    if (c == '"' || c == '\'') {
      size_t close = html.find(c, p + 1);
      if (close == std::string_view::npos) return html.size();
      p = close + 1;
      last_significant = c;
      continue;
    }
    if (!IsSpace(c)) last_significant = c;
    ++p;
  }
  *self_closing = last_significant == '/';
  return p < html.size() ? p + 1 : html.size();
}

// The index past a comment, doctype or processing instruction starting at html[lt],
// or npos when html[lt] does not start one.
size_t SkipDeclaration(std::string_view html, size_t lt) {
  const char next = html[lt + 1];
  if (next == '!') {
    if (html.substr(lt, 4) == "<!--") {
      const size_t end = html.find("-->", lt + 4);
      return end == std::string_view::npos ? html.size() : end + 3;
    }
    const size_t end = html.find('>', lt);
    return end == std::string_view::npos ? html.size() : end + 1;
  }
  if (next == '?') {
    const size_t end = html.find('>', lt);
    return end == std::string_view::npos ? html.size() : end + 1;
  }
  return std::string_view::npos;
}

// True when html[lt] == '<' opens a start or end tag rather than being a literal '<'.
bool StartsTag(std::string_view html, size_t lt) {
  const char next = html[lt + 1];
  return IsAsciiAlpha(next) || (next == '/' && lt + 2 < html.size() && IsAsciiAlpha(html[lt + 2]));
}

// Applies one tag to the model. Returns true when the tag is to be dropped because it
// would open an element deeper than max_depth.
bool ApplyTag(Model* m, const std::string& name, bool end_tag, bool self_closing, int max_depth) {
  if (end_tag) {
    if (OneOf(name, kFormatting)) {
      if (m->formatting > 0) --m->formatting;
    } else {
      const int at = m->FindInScope(name);
      if (at >= 0) m->PopTo(at);
    }
    return false;
  }
  if (OneOf(name, kVoid) || OneOf(name, kRawText) || (self_closing && m->foreign > 0)) {
    // No depth below these: raw-text elements hold only text. They are never
    // dropped, so script bodies cannot leak into the text.
    return false;
  }
  if (OneOf(name, kFormatting)) {
    if (m->formatting >= kMaxOpenFormatting || m->Depth() >= max_depth) return true;
    ++m->formatting;
    return false;
  }
  if (OneOf(name, kSelfClosingSiblings)) {
    const int at = m->FindInScope(name);
    if (at >= 0) m->PopTo(at);
  }
  if (m->Depth() >= max_depth) return true;
  m->stack.push_back(name);
  if (name == "svg" || name == "math") ++m->foreign;
  return false;
}

// The index past the end tag that closes raw-text element `name` (lower case), whose
// content starts at html[from]; html.size() when it is never closed.
size_t SkipRawText(std::string_view html, size_t from, const std::string& name) {
  // Skip to the matching end tag, case-insensitively.
  const std::string close = "</" + name;
  size_t p = from;
  while (true) {
    const size_t c = html.find("</", p);
    if (c == std::string_view::npos) return html.size();
    bool match = c + close.size() <= html.size();
    for (size_t k = 2; match && k < close.size(); ++k) {
      match = LowerAscii(html[c + k]) == close[k];
    }
    if (match) {
      const size_t gt = html.find('>', c);
      return gt == std::string_view::npos ? html.size() : gt + 1;
    }
    p = c + 2;
  }
}

}  // namespace

std::optional<std::string> LimitNesting(std::string_view html, int max_depth) {
  Model m;
  std::string out;
  bool rewriting = false;
  size_t copied_to = 0;  // html[0, copied_to) is already in `out` when rewriting
  std::string name;
  size_t i = 0;
  while (i < html.size()) {
    const size_t lt = html.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= html.size()) break;
    const size_t declaration_end = SkipDeclaration(html, lt);
    if (declaration_end != std::string_view::npos) {
      i = declaration_end;
      continue;
    }
    if (!StartsTag(html, lt)) {
      i = lt + 1;  // a literal '<' in text
      continue;
    }
    bool end_tag = false, self_closing = false;
    const size_t after = ScanTag(html, lt, &name, &end_tag, &self_closing);
    const bool drop = ApplyTag(&m, name, end_tag, self_closing, max_depth);
    if (drop) {
      if (!rewriting) {
        rewriting = true;
        out.reserve(html.size());
      }
      out.append(html.substr(copied_to, lt - copied_to));
      copied_to = after;
    }
    i = after;
    if (!end_tag && !drop && OneOf(name, kRawText)) {
      if (name == "plaintext") break;
      i = SkipRawText(html, after, name);
    }
  }
  if (!rewriting) return std::nullopt;
  out.append(html.substr(copied_to));
  return out;
}

}  // namespace newsfacts::normalise_internal
