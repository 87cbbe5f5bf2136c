#include "normalise/main_text.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>
#include <unordered_set>

#include "common/utf8.h"
#include "normalise/boilerplate_words.h"
#include "normalise/text_fold.h"
#include "normalise/words.h"

namespace newsfacts::normalise_internal {
namespace {

bool IsBlockTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_OPTION:
      return true;
    default:
      return false;
  }
}

// Never content, whatever holds them.
bool IsHardDropTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_NOEMBED:
      return true;
    default:
      return false;
  }
}

// Boilerplate by element type, unless it holds most of the page's paragraphs.
bool IsSoftDropTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_MENU:
      return true;
    default:
      return false;
  }
}

bool IsInlineTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_A:
    case GUMBO_TAG_SPAN:
    case GUMBO_TAG_EM:
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_B:
    case GUMBO_TAG_I:
    case GUMBO_TAG_U:
    case GUMBO_TAG_TIME:
    case GUMBO_TAG_SMALL:
    case GUMBO_TAG_ABBR:
    case GUMBO_TAG_CITE:
    case GUMBO_TAG_SUP:
    case GUMBO_TAG_SUB:
    case GUMBO_TAG_FONT:
    case GUMBO_TAG_LABEL:
    case GUMBO_TAG_MARK:
    case GUMBO_TAG_Q:
    case GUMBO_TAG_S:
    case GUMBO_TAG_CODE:
      return true;
    default:
      return false;
  }
}

// Blocks whose inline children are running text.
bool IsParagraphContext(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_PRE:
      return true;
    default:
      return false;
  }
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Splits "relatedStories share-bar_top" into {"related", "stories", "share", "bar",
// "top"}: lower case, at non-alphanumerics and at camelCase humps.
std::vector<std::string> SplitWords(std::string_view v) {
  std::vector<std::string> words;
  std::string cur;
  auto is_lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto is_upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  for (size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    bool alnum = is_lower(c) || is_upper(c) || (c >= '0' && c <= '9');
    if (!alnum) {
      if (!cur.empty()) words.push_back(std::move(cur));
      cur.clear();
      continue;
    }
    if (is_upper(c) && i > 0 && is_lower(v[i - 1]) && !cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
    cur.push_back(is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c);
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

template <size_t N>
bool OneOf(std::string_view word, const std::string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

const std::unordered_set<std::string_view>& BoilerplateWords() {
  static const auto* words = new std::unordered_set<std::string_view>(std::begin(kBoilerplateWords),
                                                                      std::end(kBoilerplateWords));
  return *words;
}

bool HasWordPair(const std::vector<std::string>& w, std::string_view a, std::string_view b) {
  for (size_t i = 0; i + 1 < w.size(); ++i) {
    if (w[i] == a && w[i + 1] == b) return true;
  }
  return false;
}

bool IsNonContentRole(std::string_view role) { return OneOf(LowerAscii(role), kNonContentRoles); }

bool IsHiddenStyle(std::string_view style) {
  std::string s;
  for (char c : style) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') s.push_back(c);
  }
  s = LowerAscii(s);
  return s.find("display:none") != std::string::npos ||
         s.find("visibility:hidden") != std::string::npos;
}

size_t NonSpaceBytes(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++n;
  }
  return n;
}

size_t Commas(std::string_view s) {
  size_t n = static_cast<size_t>(std::count(s.begin(), s.end(), ','));
  // U+FF0C FULLWIDTH COMMA and U+3001 IDEOGRAPHIC COMMA.
  for (size_t p = 0; (p = s.find("\xEF\xBC\x8C", p)) != std::string_view::npos; p += 3) ++n;
  for (size_t p = 0; (p = s.find("\xE3\x80\x81", p)) != std::string_view::npos; p += 3) ++n;
  return n;
}

double CandidateBonus(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_MAIN:
      return 5;
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_BLOCKQUOTE:
      return 3;
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_FORM:
      return -3;
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TH:
      return -5;
    default:
      return 0;
  }
}

// Readability's class and id weight: names that mark the story raise a candidate,
// names that mark page furniture lower it.
double NameWeight(const Node& node) {
  static const auto* positive =
      new std::unordered_set<std::string_view>(std::begin(kStoryNames), std::end(kStoryNames));
  static const auto* negative = new std::unordered_set<std::string_view>(
      std::begin(kFurnitureNames), std::end(kFurnitureNames));
  double w = 0;
  for (const char* attr : {"class", "id"}) {
    std::string_view v = Attr(node, attr);
    if (v.empty()) continue;
    bool pos = false, neg = false;
    for (const auto& word : SplitWords(v)) {
      pos = pos || positive->count(word) > 0;
      neg = neg || negative->count(word) > 0;
    }
    if (neg) w -= 25;
    if (pos) w += 25;
  }
  return w;
}

// Per-node facts, indexed like the node table.
struct Marks {
  std::vector<char> removed;          // not text (self or an ancestor is boilerplate)
  std::vector<char> caption_removed;  // like removed, but <header> does not count
  std::vector<char> caption;          // root of a caption
  std::vector<char> in_caption;
};

// Subtree sizes, for the caption-by-name and hover-card rules.
struct SubtreeCounts {
  std::vector<unsigned> paras, links, images;
  std::vector<size_t> text_bytes, link_bytes;
};

SubtreeCounts CountSubtrees(const std::vector<Node>& nodes) {
  const size_t n = nodes.size();
  SubtreeCounts c;
  c.paras.assign(n, 0);
  c.links.assign(n, 0);
  c.images.assign(n, 0);
  c.text_bytes.assign(n, 0);
  c.link_bytes.assign(n, 0);
  for (size_t i = n; i-- > 1;) {
    const GumboTag t = nodes[i].tag;
    if (nodes[i].is_text) c.text_bytes[i] = NonSpaceBytes(nodes[i].text);
    if (t == GUMBO_TAG_P) ++c.paras[i];
    if (t == GUMBO_TAG_IMG) ++c.images[i];
    if (t == GUMBO_TAG_A) {
      ++c.links[i];
      c.link_bytes[i] = c.text_bytes[i];
    }
    const auto p = static_cast<size_t>(nodes[i].parent);
    c.paras[p] += c.paras[i];
    c.text_bytes[p] += c.text_bytes[i];
    c.links[p] += c.links[i];
    c.images[p] += c.images[i];
    c.link_bytes[p] += c.link_bytes[i];
  }
  return c;
}

bool IsPageWrapperTag(GumboTag t) {
  return t == GUMBO_TAG_BODY || t == GUMBO_TAG_HTML || t == GUMBO_TAG_MAIN ||
         t == GUMBO_TAG_ARTICLE;
}

// True when element nodes[i] is the root of a caption: a <figcaption>, or a small
// element whose class or id names a caption or credit.
bool IsCaptionRoot(const std::vector<Node>& nodes, size_t i, bool in_para, bool in_figure,
                   const SubtreeCounts& counts) {
  const Node& node = nodes[i];
  const GumboTag t = node.tag;
  if (t == GUMBO_TAG_FIGCAPTION) return true;
  // By name only when small: a page-wide class list may mention captions too.
  if ((IsInlineTag(t) && in_para) || IsPageWrapperTag(t) || counts.paras[i] > 1 ||
      counts.text_bytes[i] > 600) {
    return false;
  }
  bool is_caption = false;
  const std::string names = std::string(Attr(node, "class")) + " " + std::string(Attr(node, "id"));
  for (const auto& w : SplitWords(names)) {
    if (OneOf(w, kCaptionNames) || (in_figure && OneOf(w, kFigureCaptionNames))) {
      is_caption = true;
    }
  }
  return is_caption;
}

// True when element nodes[i] is boilerplate by a rule that yields to page-wide
// wrappers: its tag, landmark role, hiding style, or name, or a hover card.
bool IsSoftBoilerplate(const std::vector<Node>& nodes, size_t i, bool in_para,
                       const SubtreeCounts& counts) {
  const Node& node = nodes[i];
  const GumboTag t = node.tag;
  if (IsSoftDropTag(t) || IsNonContentRole(Attr(node, "role")) ||
      IsHiddenStyle(Attr(node, "style")) || LowerAscii(Attr(node, "aria-hidden")) == "true") {
    return true;
  }
  if (IsPageWrapperTag(t) || LowerAscii(Attr(node, "itemprop")) == "articlebody") return false;
  // A classed span inside a sentence is part of the sentence, unless it is a hover
  // card: a picture and a list of links that only show when the pointer is over a name.
  if (IsInlineTag(t) && in_para) {
    return t != GUMBO_TAG_A && counts.images[i] > 0 && counts.links[i] >= 3 &&
           counts.link_bytes[i] * 10 >= counts.text_bytes[i] * 9;
  }
  return IsBoilerplateName(Attr(node, "class")) || IsBoilerplateName(Attr(node, "id")) ||
         IsBoilerplateName(Attr(node, "aria-label"));
}

// Fills m->removed and m->caption_removed from the hard and soft marks. Paragraph text
// per subtree protects page-wide wrappers from the soft rules.
void ResolveRemoved(const std::vector<Node>& nodes, const std::vector<char>& hard,
                    const std::vector<char>& soft, const std::vector<char>& in_p, Marks* m) {
  const size_t n = nodes.size();
  std::vector<size_t> ptext(n, 0);
  for (size_t i = n; i-- > 0;) {
    if (nodes[i].is_text && !hard[i] && in_p[i]) ptext[i] = NonSpaceBytes(nodes[i].text);
    if (nodes[i].parent >= 0) ptext[static_cast<size_t>(nodes[i].parent)] += ptext[i];
  }
  const size_t total = n > 0 ? ptext[0] : 0;
  m->removed.assign(n, 0);
  m->caption_removed.assign(n, 0);
  for (size_t i = 0; i < n; ++i) {
    const int p = nodes[i].parent;
    bool drop_soft = soft[i] && !(total > 0 && ptext[i] * 2 >= total);
    m->removed[i] = hard[i] || drop_soft || (p >= 0 && m->removed[static_cast<size_t>(p)]);
    m->caption_removed[i] = hard[i] || (drop_soft && nodes[i].tag != GUMBO_TAG_HEADER) ||
                            (p >= 0 && m->caption_removed[static_cast<size_t>(p)]);
  }
}

Marks MarkBoilerplate(const std::vector<Node>& nodes) {
  const size_t n = nodes.size();
  std::vector<char> hard(n, 0), soft(n, 0), in_p(n, 0), in_para(n, 0), in_figure(n, 0);
  const SubtreeCounts counts = CountSubtrees(nodes);
  Marks m;
  m.caption.assign(n, 0);
  m.in_caption.assign(n, 0);
  for (size_t i = 0; i < n; ++i) {
    const Node& node = nodes[i];
    if (node.parent >= 0) {
      const auto p = static_cast<size_t>(node.parent);
      const GumboTag pt = nodes[p].tag;
      hard[i] = hard[p];
      in_p[i] = in_p[p] || pt == GUMBO_TAG_P;
      in_para[i] = in_para[p] || IsParagraphContext(pt);
      in_figure[i] = in_figure[p] || pt == GUMBO_TAG_FIGURE;
      m.in_caption[i] = m.in_caption[p];
    }
    if (node.is_text || node.parent < 0 || hard[i]) continue;
    if (IsHardDropTag(node.tag) || HasAttr(node, "hidden")) {
      hard[i] = 1;
      continue;
    }
    if (!m.in_caption[i] && IsCaptionRoot(nodes, i, in_para[i], in_figure[i], counts)) {
      m.caption[i] = 1;
      m.in_caption[i] = 1;
      continue;
    }
    soft[i] = IsSoftBoilerplate(nodes, i, in_para[i], counts) ? 1 : 0;
  }
  ResolveRemoved(nodes, hard, soft, in_p, &m);
  return m;
}

// Subtree sums over the text that is neither boilerplate nor caption, indexed like the
// node table.
struct TextTallies {
  std::vector<double> chars, link_chars, para_chars, commas;
  std::vector<char> has_block;  // a block-level element somewhere below
  std::vector<char> in_link;    // inside an <a>

  double LinkDensity(size_t i) const { return chars[i] > 0 ? link_chars[i] / chars[i] : 0.0; }
};

TextTallies TallyText(const std::vector<Node>& nodes, const Marks& m) {
  const size_t n = nodes.size();
  TextTallies t;
  t.chars.assign(n, 0);
  t.link_chars.assign(n, 0);
  t.para_chars.assign(n, 0);
  t.commas.assign(n, 0);
  t.has_block.assign(n, 0);
  t.in_link.assign(n, 0);
  std::vector<char> in_p(n, 0);
  for (size_t i = 1; i < n; ++i) {
    const auto p = static_cast<size_t>(nodes[i].parent);
    t.in_link[i] = t.in_link[p] || nodes[p].tag == GUMBO_TAG_A;
    in_p[i] = in_p[p] || nodes[p].tag == GUMBO_TAG_P || nodes[p].tag == GUMBO_TAG_PRE;
  }
  for (size_t i = n; i-- > 0;) {
    const Node& node = nodes[i];
    if (m.removed[i] || m.in_caption[i]) continue;
    if (node.is_text) {
      double c = static_cast<double>(NonSpaceBytes(node.text));
      t.chars[i] = c;
      if (t.in_link[i]) t.link_chars[i] = c;
      if (in_p[i]) t.para_chars[i] = c;
      t.commas[i] = static_cast<double>(Commas(node.text));
    }
    if (node.parent >= 0) {
      const auto p = static_cast<size_t>(node.parent);
      t.chars[p] += t.chars[i];
      t.link_chars[p] += t.link_chars[i];
      t.para_chars[p] += t.para_chars[i];
      t.commas[p] += t.commas[i];
      t.has_block[p] = t.has_block[p] || t.has_block[i] || (!node.is_text && IsBlockTag(node.tag));
    }
  }
  return t;
}

int FindBody(const std::vector<Node>& nodes) {
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].tag == GUMBO_TAG_BODY) return static_cast<int>(i);
  }
  return 0;
}

// The largest [itemprop=articleBody] with some text, or -1.
int ChooseArticleBodyProp(const std::vector<Node>& nodes, const Marks& m, const TextTallies& t) {
  int best = -1;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (m.removed[i] || nodes[i].is_text) continue;
    if (LowerAscii(Attr(nodes[i], "itemprop")).find("articlebody") == std::string::npos) continue;
    if (best < 0 || t.chars[i] > t.chars[static_cast<size_t>(best)]) best = static_cast<int>(i);
  }
  if (best >= 0 && t.chars[static_cast<size_t>(best)] >= 100) return best;
  return -1;
}

int FirstHeadline(const std::vector<Node>& nodes, const Marks& m) {
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].tag == GUMBO_TAG_H1 && !m.removed[i]) return static_cast<int>(i);
  }
  return -1;
}

// The <article> with the most paragraph text, or -1 when the page has none.
int ArticleWithMostParagraphText(const std::vector<Node>& nodes, const Marks& m,
                                 const TextTallies& t) {
  int best = -1;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (m.removed[i] || nodes[i].tag != GUMBO_TAG_ARTICLE) continue;
    if (best < 0 || t.para_chars[i] > t.para_chars[static_cast<size_t>(best)]) {
      best = static_cast<int>(i);
    }
  }
  return best;
}

// On a page of several <article>s (a story followed by teasers of others), the one
// holding the headline is the story.
int PreferArticleHoldingHeadline(const std::vector<Node>& nodes, const Marks& m,
                                 const TextTallies& t, int best, int first_h1) {
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (m.removed[i] || nodes[i].tag != GUMBO_TAG_ARTICLE || static_cast<int>(i) == best) {
      continue;
    }
    if (first_h1 > static_cast<int>(i) && first_h1 < nodes[i].end && t.para_chars[i] >= 200) {
      const auto b = static_cast<size_t>(best);
      const bool best_has_h1 = first_h1 > best && first_h1 < nodes[b].end;
      return best_has_h1 ? best : static_cast<int>(i);
    }
  }
  return best;
}

// The <article> that is the story when it holds a fair share of the page's paragraph
// text (or the headline), or -1.
int ChooseArticleElement(const std::vector<Node>& nodes, const Marks& m, const TextTallies& t,
                         int body) {
  int best = ArticleWithMostParagraphText(nodes, m, t);
  const int first_h1 = FirstHeadline(nodes, m);
  if (first_h1 >= 0) best = PreferArticleHoldingHeadline(nodes, m, t, best, first_h1);
  if (best < 0) return -1;
  const auto b = static_cast<size_t>(best);
  const double pc = t.para_chars[b];
  const double page_para = t.para_chars[static_cast<size_t>(body)];
  const bool has_h1 = first_h1 > best && first_h1 < nodes[b].end;
  if (pc >= 200 && (pc * 10 >= page_para * 4 || has_h1)) return best;
  return -1;
}

// Readability-style scoring: paragraphs give points to their ancestors.
class CandidateScores {
 public:
  CandidateScores(const std::vector<Node>& nodes, const Marks& m, const TextTallies& t)
      : nodes_(nodes),
        m_(m),
        t_(t),
        score_(nodes.size(), 0),
        touched_(nodes.size(), 0),
        name_weight_(nodes.size(), 0) {
    ScoreTextRuns();
    ScoreParagraphs();
  }

  bool touched(size_t i) const { return touched_[i] != 0; }

  // A good name can at most double what a candidate's own text earned: a page-wide
  // "main-content" wrapper with little text of its own must not beat the story block.
  double Effective(size_t i) const {
    const double w = name_weight_[i];
    const double earned = std::max(0.0, score_[i] - CandidateBonus(nodes_[i].tag));
    return (score_[i] + (w > 0 ? std::min(w, earned) : w)) * (1 - t_.LinkDensity(i));
  }

  // A sibling earns its place by its text, not by its name.
  double ByText(size_t i) const {
    if (!touched_[i]) return 0;
    return (score_[i] + std::min(0.0, name_weight_[i])) * (1 - t_.LinkDensity(i));
  }

  // The best-scoring candidate (the first of equals), or -1 when nothing scored.
  int Top(double* top_score) const {
    int top = -1;
    *top_score = 0;
    for (size_t i = 0; i < nodes_.size(); ++i) {
      if (!touched_[i]) continue;
      const double s = Effective(i);
      if (top < 0 || s > *top_score) {
        top = static_cast<int>(i);
        *top_score = s;
      }
    }
    return top;
  }

 private:
  void Give(int from, double chars_in, double commas_in) {
    const double s = 1 + commas_in + std::min(std::floor(chars_in / 100), 3.0);
    int a = from;
    for (int level = 0; a > 0 && level < 5; ++level) {
      const auto ai = static_cast<size_t>(a);
      if (!touched_[ai]) {
        touched_[ai] = 1;
        name_weight_[ai] = NameWeight(nodes_[ai]);
        score_[ai] += CandidateBonus(nodes_[ai].tag);
      }
      score_[ai] += s / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
      a = nodes_[ai].parent;
    }
  }

  // Text written straight into a container between its blocks ("<div>text<br><br>
  // text<div>...</div>text</div>") forms paragraphs of that container, as if each run
  // were wrapped in a <p>; runs end at a block child or at <br><br>.
  void ScoreTextRuns() {
    const size_t n = nodes_.size();
    std::vector<int> owner(n, -1);
    std::vector<double> run_chars(n, 0), run_commas(n, 0);
    std::vector<char> after_br(n, 0);
    auto end_run = [&](int o) {
      const auto oi = static_cast<size_t>(o);
      if (run_chars[oi] >= 25) Give(o, run_chars[oi], run_commas[oi]);
      run_chars[oi] = run_commas[oi] = 0;
    };
    for (size_t i = 0; i < n; ++i) {
      const Node& node = nodes_[i];
      if (node.parent < 0) continue;
      const auto p = static_cast<size_t>(node.parent);
      owner[i] = IsBlockTag(nodes_[p].tag) ? static_cast<int>(p) : owner[p];
      if (m_.removed[i] || m_.in_caption[i]) {
        i = static_cast<size_t>(node.end - 1);
        continue;
      }
      const int o = owner[i];
      if (o < 0) continue;
      const auto oi = static_cast<size_t>(o);
      if (node.is_text) {
        if (!t_.has_block[oi] || nodes_[oi].tag == GUMBO_TAG_P || nodes_[oi].tag == GUMBO_TAG_PRE ||
            NonSpaceBytes(node.text) == 0) {
          continue;
        }
        after_br[oi] = 0;
        if (!t_.in_link[i]) run_chars[oi] += static_cast<double>(NonSpaceBytes(node.text));
        run_commas[oi] += static_cast<double>(Commas(node.text));
      } else if (node.tag == GUMBO_TAG_BR) {
        if (after_br[oi]) end_run(o);
        after_br[oi] = 1;
      } else if (IsBlockTag(node.tag)) {
        end_run(o);
        after_br[oi] = 0;
      }
    }
    for (size_t i = 0; i < n; ++i) {
      if (run_chars[i] > 0) end_run(static_cast<int>(i));
    }
  }

  void ScoreParagraphs() {
    for (size_t i = 0; i < nodes_.size(); ++i) {
      const Node& node = nodes_[i];
      if (node.is_text || m_.removed[i] || m_.in_caption[i] || node.parent < 0) continue;
      const GumboTag t = node.tag;
      const bool is_para = t == GUMBO_TAG_P || t == GUMBO_TAG_PRE ||
                           ((t == GUMBO_TAG_DIV || t == GUMBO_TAG_SECTION || t == GUMBO_TAG_TD ||
                             t == GUMBO_TAG_BLOCKQUOTE) &&
                            !t_.has_block[i]);
      if (!is_para || t_.chars[i] < 25) continue;
      Give(node.parent, t_.chars[i], t_.commas[i]);
    }
  }

  const std::vector<Node>& nodes_;
  const Marks& m_;
  const TextTallies& t_;
  std::vector<double> score_;
  std::vector<char> touched_;
  std::vector<double> name_weight_;
};

// A story split into several blocks of similar weight: their nearest common ancestor
// that holds at least three of them is the article (Readability's rule). Returns `top`
// when there is none; updates *top_score to the chosen block's score.
int CommonAncestorOfPeers(const std::vector<Node>& nodes, const CandidateScores& scores, int body,
                          int top, double* top_score) {
  std::vector<std::pair<double, int>> ranked;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (scores.touched(i)) ranked.emplace_back(scores.Effective(i), static_cast<int>(i));
  }
  const size_t k = std::min<size_t>(ranked.size(), 5);
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<long>(k), ranked.end(),
                    [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<int> alternatives;
  for (size_t r = 0; r < k; ++r) {
    if (ranked[r].second != top && ranked[r].first >= *top_score * 0.75) {
      alternatives.push_back(ranked[r].second);
    }
  }
  if (alternatives.size() < 3) return top;
  for (int a = nodes[static_cast<size_t>(top)].parent; a > body;
       a = nodes[static_cast<size_t>(a)].parent) {
    const int a_end = nodes[static_cast<size_t>(a)].end;
    int inside = 0;
    for (int alt : alternatives) inside += (alt >= a && alt < a_end) ? 1 : 0;
    if (inside >= 3) {
      *top_score = scores.Effective(static_cast<size_t>(a));
      return a;
    }
  }
  return top;
}

// `top` with the siblings that carry article text too (a body split over several
// blocks), in document order.
std::vector<int> WithSiblings(const std::vector<Node>& nodes, const Marks& m, const TextTallies& t,
                              const CandidateScores& scores, int top, double threshold) {
  std::vector<int> out;
  const int parent = nodes[static_cast<size_t>(top)].parent;
  for (int c = parent + 1; c < nodes[static_cast<size_t>(parent)].end;
       c = nodes[static_cast<size_t>(c)].end) {
    const auto ci = static_cast<size_t>(c);
    if (c == top) {
      out.push_back(c);
      continue;
    }
    if (m.removed[ci] || m.in_caption[ci] || nodes[ci].is_text) continue;
    bool keep = scores.ByText(ci) >= threshold;
    // A lone paragraph beside the body (a standfirst or summary written as a <p> or a
    // bare <div>) is part of the story.
    if (!keep &&
        (nodes[ci].tag == GUMBO_TAG_P || (nodes[ci].tag == GUMBO_TAG_DIV && !t.has_block[ci]))) {
      keep = t.chars[ci] > 80 && t.LinkDensity(ci) < 0.25;
    }
    if (keep) out.push_back(c);
  }
  return out;
}

// Twins: a story split into several blocks of the same kind (same tag and class)
// further apart than siblings, with figures or pull quotes between them. Adds them to
// *out, keeping it in document order.
void AddTwins(const std::vector<Node>& nodes, const CandidateScores& scores, int top,
              double threshold, std::vector<int>* out) {
  const std::string_view top_class = Attr(nodes[static_cast<size_t>(top)], "class");
  if (top_class.empty()) return;
  std::vector<int> twins;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (!scores.touched(i) || nodes[i].tag != nodes[static_cast<size_t>(top)].tag ||
        Attr(nodes[i], "class") != top_class) {
      continue;
    }
    const int ii = static_cast<int>(i);
    bool covered = false;
    for (int r : *out)
      covered = covered || (ii >= r && ii < nodes[static_cast<size_t>(r)].end) ||
                (r >= ii && r < nodes[i].end);
    for (int r : twins) covered = covered || (ii >= r && ii < nodes[static_cast<size_t>(r)].end);
    if (covered) continue;
    if (scores.Effective(i) >= threshold) twins.push_back(ii);
  }
  if (twins.empty()) return;
  out->insert(out->end(), twins.begin(), twins.end());
  std::sort(out->begin(), out->end());
}

// Picks the subtrees that hold the article, in document order.
std::vector<int> ChooseContainers(const std::vector<Node>& nodes, const Marks& m) {
  const TextTallies t = TallyText(nodes, m);
  const int body = FindBody(nodes);
  if (const int b = ChooseArticleBodyProp(nodes, m, t); b >= 0) return {b};
  if (const int a = ChooseArticleElement(nodes, m, t, body); a >= 0) return {a};

  const CandidateScores scores(nodes, m, t);
  double top_score = 0;
  int top = scores.Top(&top_score);
  if (top < 0) return {body};
  top = CommonAncestorOfPeers(nodes, scores, body, top, &top_score);
  const int parent = nodes[static_cast<size_t>(top)].parent;
  if (parent < 0 || nodes[static_cast<size_t>(top)].tag == GUMBO_TAG_BODY) return {top};
  const double threshold = std::max(10.0, top_score * 0.2);
  std::vector<int> out = WithSiblings(nodes, m, t, scores, top, threshold);
  AddTwins(nodes, scores, top, threshold, &out);
  return out;
}

struct ParagraphBuilder {
  std::string title;
  MainText* out;
  std::string buf;
  bool pending_space = false;
  size_t link_bytes = 0;
  size_t time_bytes = 0;
  size_t total_bytes = 0;

  // Appends a text node's folded text.
  void Append(const Node& node) { AppendFolded(node.text, &buf, &pending_space); }

  void Flush() {
    if (buf.empty()) return;
    std::string para = NfcAndTrim(std::move(buf));
    buf.clear();
    pending_space = false;
    size_t links = link_bytes, times = time_bytes, total = total_bytes;
    link_bytes = time_bytes = total_bytes = 0;
    if (para.empty() || para == title || IsStockLine(para)) return;
    if (total > 0 && links * 10 >= total * 8 && para.size() < 150) return;
    // A line that is mostly a <time> element is the story's timestamp, not its text.
    if (total > 0 && times * 10 >= total * 6 && para.size() < 120) return;
    out->paragraphs.push_back(std::move(para));
  }
};

// Adds a text node to the paragraph being built, its bytes counted as link or time text
// when inside one; false when it holds only whitespace (a space between words).
bool AddText(const Node& node, bool in_link, bool in_time, ParagraphBuilder* b) {
  size_t bytes = NonSpaceBytes(node.text);
  if (bytes == 0) {
    b->pending_space = true;
    return false;
  }
  b->total_bytes += bytes;
  if (in_link) b->link_bytes += bytes;
  if (in_time) b->time_bytes += bytes;
  b->Append(node);
  return true;
}

// The paragraphs of the subtree at `root`: block elements and runs of two <br> end one.
void CollectUnder(const std::vector<Node>& nodes, const Marks& m, int root, ParagraphBuilder* b) {
  struct Open {
    int end;
    bool block;
    bool link;
    bool time;
  };
  std::vector<Open> open;
  int link_depth = 0;
  int time_depth = 0;
  int br_run = 0;
  const int end = nodes[static_cast<size_t>(root)].end;
  for (int k = root; k < end; ++k) {
    while (!open.empty() && open.back().end <= k) {
      if (open.back().block) b->Flush();
      if (open.back().link) --link_depth;
      if (open.back().time) --time_depth;
      open.pop_back();
    }
    const auto ki = static_cast<size_t>(k);
    const Node& node = nodes[ki];
    if (node.is_text) {
      if (AddText(node, link_depth > 0, time_depth > 0, b)) br_run = 0;
      continue;
    }
    if (m.removed[ki] || m.caption[ki] || m.in_caption[ki] || node.tag == GUMBO_TAG_H1) {
      k = node.end - 1;
      continue;
    }
    if (node.tag == GUMBO_TAG_BR) {
      if (++br_run >= 2) {
        b->Flush();
        br_run = 0;
      } else {
        b->pending_space = true;
      }
      continue;
    }
    const bool block = IsBlockTag(node.tag) || node.tag == GUMBO_TAG_HR;
    if (block) {
      b->Flush();
      br_run = 0;
    } else {
      b->pending_space = b->pending_space || node.tag == GUMBO_TAG_IMG;
    }
    const bool has_children = node.end > k + 1;
    const bool link = node.tag == GUMBO_TAG_A && has_children;
    if (link) ++link_depth;
    const bool time = node.tag == GUMBO_TAG_TIME && has_children;
    if (time) ++time_depth;
    if (has_children || block) open.push_back({node.end, block, link, time});
  }
  while (!open.empty()) {
    if (open.back().block) b->Flush();
    open.pop_back();
  }
  b->Flush();
}

void CollectParagraphs(const std::vector<Node>& nodes, const Marks& m,
                       const std::vector<int>& roots, ParagraphBuilder* b) {
  for (int root : roots) CollectUnder(nodes, m, root, b);
}

const std::unordered_set<std::string_view>& DateWords() {
  static const auto* words =
      new std::unordered_set<std::string_view>(std::begin(kDateWords), std::end(kDateWords));
  return *words;
}

const std::unordered_set<std::string_view>& DateJoiners() {
  static const auto* words =
      new std::unordered_set<std::string_view>(std::begin(kDateJoiners), std::end(kDateJoiners));
  return *words;
}

// The next word of `line` at or after *i (letters, digits, '.', and any non-ASCII
// byte), without leading and trailing dots; advances *i past it. "" for a word that
// was only dots, and at the end of the line.
std::string_view NextDateToken(std::string_view line, size_t* i) {
  auto word_byte = [](unsigned char c) { return c >= 0x80 || std::isalnum(c) != 0 || c == '.'; };
  while (*i < line.size() && !word_byte(static_cast<unsigned char>(line[*i]))) ++*i;
  if (*i >= line.size()) return {};
  size_t j = *i;
  while (j < line.size()) {
    const auto d = static_cast<unsigned char>(line[j]);
    if (!word_byte(d)) break;
    if (d < 0x80) {
      ++j;
      continue;
    }
    // "…" and the other general punctuation (U+2000..U+203F: dashes, quotation marks)
    // end a word too.
    size_t next = j;
    const char32_t c = DecodeUtf8(line, &next);
    if (c >= 0x2000 && c <= 0x203F) break;
    j = next;
  }
  std::string_view tok = line.substr(*i, j - *i);
  *i = j + (j == *i ? 1 : 0);
  while (!tok.empty() && tok.back() == '.') tok.remove_suffix(1);
  while (!tok.empty() && tok.front() == '.') tok.remove_prefix(1);
  return tok;
}

// True for a number, possibly with an ordinal, hour or am/pm suffix or inner '.'/':'
// ("20", "1st", "9h", "9am", "14:35", "20.11.2019").
bool IsStampNumber(std::string_view tok) {
  size_t digits = 0;
  while (digits < tok.size() && std::isdigit(static_cast<unsigned char>(tok[digits]))) ++digits;
  if (digits == 0) return false;
  const std::string_view suffix = tok.substr(digits);
  const std::string low = LowerAscii(suffix);
  bool ok = suffix.empty() || low == "st" || low == "nd" || low == "rd" || low == "th" ||
            low == "h" || low == "am" || low == "pm";
  for (char ch : suffix) ok = ok || ch == '.' || ch == ':';
  return ok;
}

}  // namespace

bool IsBoilerplateName(std::string_view value) {
  if (value.empty()) return false;
  const auto words = SplitWords(value);
  const auto& set = BoilerplateWords();
  // A social-media embed (a quoted post) is part of the story; a social bar is not.
  const bool embed = std::any_of(words.begin(), words.end(),
                                 [](const std::string& w) { return OneOf(w, kEmbedWords); });
  for (const auto& w : words) {
    if (embed && OneOf(w, kEmbedSocialWords)) continue;
    if (set.count(w) > 0) return true;
  }
  for (const auto& [a, b] : kBoilerplateWordPairs) {
    if (HasWordPair(words, a, b)) return true;
  }
  const std::string lower = LowerAscii(value);
  for (std::string_view root : kBoilerplateRoots) {
    if (lower.find(root) != std::string::npos) return true;
  }
  return false;
}

bool IsStockLine(std::string_view line) {
  // A posting line: "05/10/2018 - Posted by: Ana Ruiz - Category: Ports".
  static const RE2 kPostedBy(
      R"((?i)^[^.]{0,40}\b(?:posted|published|publicado|publicada|publié|veröffentlicht):? )"
      R"((?:by|por|par|von)\b)");
  static const RE2 kSomeDate(R"(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\b(?:19|20)\d\d\b)");
  if (line.size() <= 200 && RE2::PartialMatch(line, kPostedBy) &&
      RE2::PartialMatch(line, kSomeDate)) {
    return true;
  }
  if (line.size() > 80) return IsPromoLine(line);
  static const RE2 kStock(
      R"((?i)(?:advertisement|advertising|sponsored(?: content)?|ads?|adverts?|)"
      R"(share(?: this)?(?: article| story| page| post)?(?: on \w+| via \w+)?|)"
      R"((?:image|photo|picture|slide|video) \d+ (?:of|/) \d+|)"
      R"(read more|continue reading|read next|read the full story|)"
      R"(related(?: articles| stories| content| coverage| news)?|more stories|more on this story|)"
      R"(you (?:may|might) also like|recommended(?: for you)?|skip to (?:main )?content|)"
      R"(sign up|subscribe(?: now)?|print|email|tweet|comments?(?: \(\d+\))?|\d+ comments?|)"
      R"(loading|story continues below(?: advertisement)?|scroll to continue(?: with content)?|)"
      R"(article continues below(?: this ad)?|back to top|follow us|tell us what you think|)"
      R"(explore further|)"
      R"(this (?:slideshow|video|content|page) requires javascript)[\s.:!…]*)");
  if (RE2::FullMatch(line, kStock)) return true;
  // Timestamp and byline lines: "Published 11:11 PM EST Nov 19, 2019", "Updated May 23,
  // 2024", "By Ana Ruiz and Tom Hale".
  static const RE2 kStamp(
      R"((?i:(?:first )?(?:published|updated|posted|last (?:updated|modified))(?: on| at)?:?)\s.*\d.*)");
  static const RE2 kByline(R"(By\s+\p{Lu}[\p{L}.'’-]*(?:,?\s+(?:\p{Lu}[\p{L}.'’-]*|and|&))*)");
  if (RE2::FullMatch(line, kStamp) || RE2::FullMatch(line, kByline)) return true;
  return IsPromoLine(line) || IsDateLine(line);
}

bool IsDateLine(std::string_view line) {
  if (line.size() > 90) return false;
  static const RE2 kFull(
      R"(\d{1,2}:\d\d|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})");
  static const RE2 kYear(R"(\b(?:19|20)\d\d\b)");
  const bool full = RE2::PartialMatch(line, kFull);
  if (!full && !RE2::PartialMatch(line, kYear)) return false;
  // Words that are neither date words nor numbers; a few capitalised ones (a name
  // beside the stamp: "11/19/2019 by Ana Ruiz") are allowed next to a full date.
  int other = 0;
  bool all_names = true;
  bool has_date_word = false;
  size_t i = 0;
  while (i < line.size()) {
    const std::string_view tok = NextDateToken(line, &i);
    if (tok.empty() || IsStampNumber(tok)) continue;
    const std::string low = LowerAscii(tok);
    if (DateWords().count(low) > 0) {
      has_date_word = true;
      continue;
    }
    if (DateJoiners().count(low) > 0) continue;
    ++other;
    const auto first = static_cast<unsigned char>(tok[0]);
    if (!(low == "by" || (first >= 'A' && first <= 'Z'))) all_names = false;
  }
  // A bare clock time is kept: live coverage heads its entries with one ("4:14 p.m.").
  const bool has_year = RE2::PartialMatch(line, kYear);
  if (other == 0) return has_year || has_date_word;
  return full && all_names && other <= 4;
}

bool IsPromoLine(std::string_view line) {
  if (line.size() > 320) return false;
  // Pitches and furniture that sit between the story's paragraphs: newsletter and app
  // pitches, "DON'T MISS" teasers, contact and follow lines, contributor notes,
  // copyright lines.
  static const RE2 kLead(
      R"((?:DON['’]T MISS|READ MORE|MORE|RELATED|SEE ALSO|WATCH|LISTEN|CLICK HERE|)"
      R"(RECOMMENDED|TRENDING|MOST READ|LATEST|PHOTOS|VIDEO|Tags|TAGS|Tagged|Filed under|)"
      R"(FILED UNDER)\b[\s:]*.*)");
  static const RE2 kAnywhere(
      R"((?i:\b(?:may|can) be (?:reached|contacted) at\b|)"
      R"(contributed (?:reporting )?to this (?:report|story|article)|contributed reporting|)"
      R"(^additional reporting by|^write to [^.]{1,40} at \S+@|^related(?: \w+){0,3}:|)"
      R"(^to read the full (?:story|article)|^more (?:great )?\S+ stories$|)"
      R"(like this (?:story|article)\?|successfully subscribed|)"
      R"(^(?:reading time|tempo de leitura|temps de lecture|lesezeit|tiempo de lectura)\b|)"
      R"(^\d+ min(?:ute)?s? read$|)"
      R"(^(?:photo|image|picture|video|graphic|illustration)s?(?: by|:) |)"
      R"(^follow [^.]{0,60}\b(?:on|at) (?:twitter|facebook|instagram|youtube|https?:)|)"
      R"(\bfollow (?:him|her|them|us|me)(?: on (?:twitter|facebook|instagram))? @\w|)"
      R"(this (?:document|material|article) is (?:subject to|protected by) copyright|)"
      R"(^citation: |^\(?reporting by [^.]{0,200}\b(?:editing|writing) by|)"
      R"(^subscribe to \S|^join (?:our|us)\b|)"
      R"(\breach (?:the reporters?|the author|him|her|them|us|me) (?:on|at)\b|)"
      R"(^email [^.@]{1,40} at \S+@|^(?:copyright\b|©)[^.]{0,60}\d{4})|)"
      R"(\[(?:INSIGHT|VIDEO|PICTURES|PICS|REVEAL|LATEST|POLL|ANALYSIS|MAP|LIVE)\]|)"
      R"(^.{0,60}/ ?(?:Getty Images|AFP|Reuters|AP|AP Photo|Associated Press|Shutterstock|)"
      R"(EPA|Bloomberg)\)?$)");
  static const RE2 kNewsletter(R"((?i)newsletter)");
  static const RE2 kSignUp(R"((?i)\b(?:sign(?:ing)? up|subscrib\w*|inbox|delivered)\b)");
  return RE2::FullMatch(line, kLead) || RE2::PartialMatch(line, kAnywhere) ||
         (RE2::PartialMatch(line, kNewsletter) && RE2::PartialMatch(line, kSignUp));
}

bool IsAboutHeading(std::string_view line) {
  // "About Ascom", "About GE Healthcare:", "ABOUT THE ACME GROUP" — a press release's
  // boilerplate about the companies, not "About the survey" or a sentence.
  static const RE2 kAbout(
      R"((?:About|ABOUT)\s+(?:THE\s+)?\p{Lu}[\p{L}\p{N}&.,'’-]*(?:\s+(?:\p{Lu}[\p{L}\p{N}&.,'’-]*|&|and|of|de|AG|SA|plc|Inc\.?))*\s*:?)");
  return line.size() <= 80 && RE2::FullMatch(line, kAbout);
}

namespace {

// A press release ends with "About <company>" sections: drop them from the first such
// heading in the second half of the text on.
void DropAboutFooter(MainText* out) {
  const size_t n = out->paragraphs.size();
  for (size_t i = n / 2 + (n % 2); i < n; ++i) {
    if (i == 0 || !IsAboutHeading(out->paragraphs[i])) continue;
    out->paragraphs.resize(i);
    return;
  }
}

}  // namespace

MainText ExtractMainText(const std::vector<Node>& nodes, std::string_view title) {
  MainText out;
  if (nodes.empty()) return out;
  const Marks marks = MarkBoilerplate(nodes);
  ParagraphBuilder builder;
  builder.title = FoldText(title);
  builder.out = &out;
  CollectParagraphs(nodes, marks, ChooseContainers(nodes, marks), &builder);
  if (out.paragraphs.empty()) CollectParagraphs(nodes, marks, {0}, &builder);
  DropAboutFooter(&out);

  for (size_t i = 0; i < nodes.size(); ++i) {
    if (!marks.caption[i] || marks.caption_removed[i]) continue;
    std::string text = FoldText(SubtreeText(nodes, static_cast<int>(i)));
    if (!text.empty() &&
        std::find(out.captions.begin(), out.captions.end(), text) == out.captions.end()) {
      out.captions.push_back(std::move(text));
    }
    i = static_cast<size_t>(nodes[i].end - 1);
  }
  return out;
}

}  // namespace newsfacts::normalise_internal
