#include "normalise/main_text.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_set>

#include "normalise/text_fold.h"

namespace newsfacts::normalise_internal {
namespace {

bool IsBlockTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_CENTER: case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIV: case GUMBO_TAG_DL:
    case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR:
    case GUMBO_TAG_LI: case GUMBO_TAG_MAIN: case GUMBO_TAG_NAV: case GUMBO_TAG_OL:
    case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR:
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION: case GUMBO_TAG_UL:
    case GUMBO_TAG_SUMMARY: case GUMBO_TAG_BODY: case GUMBO_TAG_HTML: case GUMBO_TAG_LISTING:
    case GUMBO_TAG_MENU: case GUMBO_TAG_OPTION:
      return true;
    default:
      return false;
  }
}

// Never content, whatever holds them.
bool IsHardDropTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS: case GUMBO_TAG_MATH: case GUMBO_TAG_HEAD: case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO: case GUMBO_TAG_MAP: case GUMBO_TAG_TITLE: case GUMBO_TAG_OPTION:
    case GUMBO_TAG_DATALIST: case GUMBO_TAG_APPLET: case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_NOEMBED:
      return true;
    default:
      return false;
  }
}

// Boilerplate by element type, unless it holds most of the page's paragraphs.
bool IsSoftDropTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_FORM: case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE: case GUMBO_TAG_MENU:
      return true;
    default:
      return false;
  }
}

bool IsInlineTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_A: case GUMBO_TAG_SPAN: case GUMBO_TAG_EM: case GUMBO_TAG_STRONG:
    case GUMBO_TAG_B: case GUMBO_TAG_I: case GUMBO_TAG_U: case GUMBO_TAG_TIME:
    case GUMBO_TAG_SMALL: case GUMBO_TAG_ABBR: case GUMBO_TAG_CITE: case GUMBO_TAG_SUP:
    case GUMBO_TAG_SUB: case GUMBO_TAG_FONT: case GUMBO_TAG_LABEL: case GUMBO_TAG_MARK:
    case GUMBO_TAG_Q: case GUMBO_TAG_S: case GUMBO_TAG_CODE:
      return true;
    default:
      return false;
  }
}

// Blocks whose inline children are running text.
bool IsParagraphContext(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_LI: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_PRE:
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

const std::unordered_set<std::string_view>& BoilerplateWords() {
  static const auto* words = new std::unordered_set<std::string_view>{
      "nav", "navbar", "navigation", "navlinks", "menu", "menus", "submenu", "megamenu",
      "share", "shares", "sharing", "sharebar", "sharetools", "social", "socials",
      "cookie", "cookies", "consent", "gdpr", "newsletter", "newsletters", "subscribe",
      "subscription", "signup", "related", "recommended", "recommendations", "recirc",
      "outbrain", "taboola", "promo", "promos", "promoted", "advert", "adverts",
      "advertisement", "advertising", "ad", "ads", "adslot", "adunit", "adcontainer",
      "dfp", "sponsored", "sponsor", "comment", "comments", "disqus", "byline", "bylines",
      "author", "authors", "dateline", "timestamp", "breadcrumb", "breadcrumbs", "tags",
      "tag", "footer", "modal", "popup", "paywall", "sidebar", "trending", "masthead",
      "toolbar", "skiplink", "sronly", "hidden", "invisible", "offscreen"};
  return *words;
}

// Roots that give a run-together class name away ("socialshare", "newsletterbox").
constexpr std::array<std::string_view, 14> kBoilerplateRoots = {
    "newsletter", "cookie", "breadcrumb", "advert", "sponsor", "taboola", "outbrain",
    "sharebar", "socialshare", "sharing", "recommend", "popup", "subscribe", "byline"};

bool HasWordPair(const std::vector<std::string>& w, std::string_view a, std::string_view b) {
  for (size_t i = 0; i + 1 < w.size(); ++i) {
    if (w[i] == a && w[i + 1] == b) return true;
  }
  return false;
}

bool IsNonContentRole(std::string_view role) {
  std::string r = LowerAscii(role);
  return r == "navigation" || r == "banner" || r == "contentinfo" || r == "complementary" ||
         r == "menu" || r == "menubar" || r == "dialog" || r == "alertdialog" ||
         r == "search" || r == "toolbar" || r == "tablist";
}

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
    case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_SECTION: case GUMBO_TAG_MAIN:
      return 5;
    case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE:
      return 3;
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL:
    case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM:
      return -3;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_TH:
      return -5;
    default:
      return 0;
  }
}

// Per-node facts, indexed like the node table.
struct Marks {
  std::vector<char> removed;           // not text (self or an ancestor is boilerplate)
  std::vector<char> caption_removed;   // like removed, but <header> does not count
  std::vector<char> caption;           // root of a caption
  std::vector<char> in_caption;
};

Marks MarkBoilerplate(const std::vector<Node>& nodes) {
  const size_t n = nodes.size();
  std::vector<char> hard(n, 0), soft(n, 0), in_p(n, 0), in_para(n, 0), in_figure(n, 0);
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
    const GumboTag t = node.tag;
    if (IsHardDropTag(t) || HasAttr(node, "hidden")) {
      hard[i] = 1;
      continue;
    }
    std::string_view cls = Attr(node, "class");
    std::string_view id = Attr(node, "id");
    if (!m.in_caption[i]) {
      bool is_caption = t == GUMBO_TAG_FIGCAPTION;
      if (!is_caption && in_figure[i]) {
        for (const auto& w : SplitWords(std::string(cls) + " " + std::string(id))) {
          if (w == "caption" || w == "credit" || w == "credits" || w == "copyright" ||
              w == "figcaption") {
            is_caption = true;
          }
        }
      }
      if (is_caption) {
        m.caption[i] = 1;
        m.in_caption[i] = 1;
        continue;
      }
    }
    if (IsSoftDropTag(t) || IsNonContentRole(Attr(node, "role")) ||
        IsHiddenStyle(Attr(node, "style")) || LowerAscii(Attr(node, "aria-hidden")) == "true") {
      soft[i] = 1;
      continue;
    }
    if (t == GUMBO_TAG_BODY || t == GUMBO_TAG_HTML || t == GUMBO_TAG_MAIN ||
        t == GUMBO_TAG_ARTICLE || LowerAscii(Attr(node, "itemprop")) == "articlebody") {
      continue;
    }
    // A classed span inside a sentence is part of the sentence.
    if (IsInlineTag(t) && in_para[i]) continue;
    if (IsBoilerplateName(cls) || IsBoilerplateName(id) ||
        IsBoilerplateName(Attr(node, "aria-label"))) {
      soft[i] = 1;
    }
  }

  // Paragraph text per subtree, to protect page-wide wrappers from the soft rules.
  std::vector<size_t> ptext(n, 0);
  for (size_t i = n; i-- > 0;) {
    if (nodes[i].is_text && !hard[i] && in_p[i]) ptext[i] = NonSpaceBytes(nodes[i].text);
    if (nodes[i].parent >= 0) ptext[static_cast<size_t>(nodes[i].parent)] += ptext[i];
  }
  const size_t total = n > 0 ? ptext[0] : 0;
  m.removed.assign(n, 0);
  m.caption_removed.assign(n, 0);
  for (size_t i = 0; i < n; ++i) {
    const int p = nodes[i].parent;
    bool drop_soft = soft[i] && !(total > 0 && ptext[i] * 2 >= total);
    m.removed[i] = hard[i] || drop_soft || (p >= 0 && m.removed[static_cast<size_t>(p)]);
    m.caption_removed[i] = hard[i] || (drop_soft && nodes[i].tag != GUMBO_TAG_HEADER) ||
                           (p >= 0 && m.caption_removed[static_cast<size_t>(p)]);
  }
  return m;
}

// Picks the subtrees that hold the article, in document order.
std::vector<int> ChooseContainers(const std::vector<Node>& nodes, const Marks& m) {
  const size_t n = nodes.size();
  std::vector<double> chars(n, 0), link_chars(n, 0), para_chars(n, 0), commas(n, 0);
  std::vector<char> has_block(n, 0), in_link(n, 0), in_p(n, 0);
  for (size_t i = 1; i < n; ++i) {
    const auto p = static_cast<size_t>(nodes[i].parent);
    in_link[i] = in_link[p] || nodes[p].tag == GUMBO_TAG_A;
    in_p[i] = in_p[p] || nodes[p].tag == GUMBO_TAG_P || nodes[p].tag == GUMBO_TAG_PRE;
  }
  for (size_t i = n; i-- > 0;) {
    const Node& node = nodes[i];
    if (m.removed[i] || m.in_caption[i]) continue;
    if (node.is_text) {
      double c = static_cast<double>(NonSpaceBytes(node.text));
      chars[i] = c;
      if (in_link[i]) link_chars[i] = c;
      if (in_p[i]) para_chars[i] = c;
      commas[i] = static_cast<double>(Commas(node.text));
    }
    if (node.parent >= 0) {
      const auto p = static_cast<size_t>(node.parent);
      chars[p] += chars[i];
      link_chars[p] += link_chars[i];
      para_chars[p] += para_chars[i];
      commas[p] += commas[i];
      has_block[p] = has_block[p] || has_block[i] || (!node.is_text && IsBlockTag(node.tag));
    }
  }
  auto link_density = [&](size_t i) { return chars[i] > 0 ? link_chars[i] / chars[i] : 0.0; };

  int body = 0;
  for (size_t i = 0; i < n; ++i) {
    if (nodes[i].tag == GUMBO_TAG_BODY) {
      body = static_cast<int>(i);
      break;
    }
  }
  const double page_para = para_chars[static_cast<size_t>(body)];

  // 1. itemprop=articleBody.
  int best = -1;
  for (size_t i = 0; i < n; ++i) {
    if (m.removed[i] || nodes[i].is_text) continue;
    if (LowerAscii(Attr(nodes[i], "itemprop")).find("articlebody") == std::string::npos) continue;
    if (best < 0 || chars[i] > chars[static_cast<size_t>(best)]) best = static_cast<int>(i);
  }
  if (best >= 0 && chars[static_cast<size_t>(best)] >= 100) return {best};

  // 2. The <article> with the most paragraph text, if it holds a fair share.
  best = -1;
  for (size_t i = 0; i < n; ++i) {
    if (m.removed[i] || nodes[i].tag != GUMBO_TAG_ARTICLE) continue;
    if (best < 0 || para_chars[i] > para_chars[static_cast<size_t>(best)]) {
      best = static_cast<int>(i);
    }
  }
  if (best >= 0) {
    double pc = para_chars[static_cast<size_t>(best)];
    if (pc >= 200 && pc * 10 >= page_para * 4) return {best};
  }

  // 3. Readability-style scoring: paragraphs give points to their ancestors.
  std::vector<double> score(n, 0);
  std::vector<char> touched(n, 0);
  for (size_t i = 0; i < n; ++i) {
    const Node& node = nodes[i];
    if (node.is_text || m.removed[i] || m.in_caption[i] || node.parent < 0) continue;
    const GumboTag t = node.tag;
    bool is_para = t == GUMBO_TAG_P || t == GUMBO_TAG_PRE ||
                   ((t == GUMBO_TAG_DIV || t == GUMBO_TAG_SECTION || t == GUMBO_TAG_TD ||
                     t == GUMBO_TAG_BLOCKQUOTE) && !has_block[i]);
    if (!is_para || chars[i] < 25) continue;
    double s = 1 + commas[i] + std::min(std::floor(chars[i] / 100), 3.0);
    int a = node.parent;
    for (int level = 0; a > 0 && level < 5; ++level) {
      const auto ai = static_cast<size_t>(a);
      if (!touched[ai]) {
        touched[ai] = 1;
        score[ai] += CandidateBonus(nodes[ai].tag);
      }
      score[ai] += s / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
      a = nodes[ai].parent;
    }
  }
  int top = -1;
  double top_score = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!touched[i]) continue;
    double s = score[i] * (1 - link_density(i));
    if (top < 0 || s > top_score) {
      top = static_cast<int>(i);
      top_score = s;
    }
  }
  if (top < 0) return {body};

  // Siblings that carry article text too (a body split over several blocks).
  std::vector<int> out;
  const int parent = nodes[static_cast<size_t>(top)].parent;
  if (parent < 0 || nodes[static_cast<size_t>(top)].tag == GUMBO_TAG_BODY) return {top};
  const double threshold = std::max(10.0, top_score * 0.2);
  for (int c = parent + 1; c < nodes[static_cast<size_t>(parent)].end;
       c = nodes[static_cast<size_t>(c)].end) {
    const auto ci = static_cast<size_t>(c);
    if (c == top) {
      out.push_back(c);
      continue;
    }
    if (m.removed[ci] || m.in_caption[ci] || nodes[ci].is_text) continue;
    double s = touched[ci] ? score[ci] * (1 - link_density(ci)) : 0;
    bool keep = s >= threshold;
    if (!keep && nodes[ci].tag == GUMBO_TAG_P) {
      keep = chars[ci] > 80 && link_density(ci) < 0.25;
    }
    if (keep) out.push_back(c);
  }
  return out;
}

struct ParagraphBuilder {
  std::string title;
  std::vector<std::string>* out;
  std::string buf;
  bool pending_space = false;
  size_t link_bytes = 0;
  size_t time_bytes = 0;
  size_t total_bytes = 0;

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
    out->push_back(std::move(para));
  }
};

void CollectParagraphs(const std::vector<Node>& nodes, const Marks& m,
                       const std::vector<int>& roots, ParagraphBuilder* b) {
  struct Open {
    int end;
    bool block;
    bool link;
    bool time;
  };
  for (int root : roots) {
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
        size_t bytes = NonSpaceBytes(node.text);
        if (bytes == 0) {
          b->pending_space = true;
          continue;
        }
        br_run = 0;
        b->total_bytes += bytes;
        if (link_depth > 0) b->link_bytes += bytes;
        if (time_depth > 0) b->time_bytes += bytes;
        AppendFolded(node.text, &b->buf, &b->pending_space);
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
}

}  // namespace

bool IsBoilerplateName(std::string_view value) {
  if (value.empty()) return false;
  const auto words = SplitWords(value);
  const auto& set = BoilerplateWords();
  for (const auto& w : words) {
    if (set.count(w) > 0) return true;
  }
  if (HasWordPair(words, "more", "stories") || HasWordPair(words, "also", "like") ||
      HasWordPair(words, "read", "more") || HasWordPair(words, "most", "read") ||
      HasWordPair(words, "most", "popular") || HasWordPair(words, "more", "from") ||
      HasWordPair(words, "sign", "up") || HasWordPair(words, "sr", "only") ||
      HasWordPair(words, "visually", "hidden") || HasWordPair(words, "screen", "reader")) {
    return true;
  }
  const std::string lower = LowerAscii(value);
  for (std::string_view root : kBoilerplateRoots) {
    if (lower.find(root) != std::string::npos) return true;
  }
  return false;
}

bool IsStockLine(std::string_view line) {
  if (line.size() > 80) return false;
  static const RE2 kStock(
      R"((?i)(?:advertisement|advertising|sponsored(?: content)?|ads?|)"
      R"(share(?: this)?(?: article| story| page| post)?(?: on \w+| via \w+)?|)"
      R"((?:image|photo|picture|slide|video) \d+ (?:of|/) \d+|)"
      R"(read more|continue reading|read next|read the full story|)"
      R"(related(?: articles| stories| content| coverage| news)?|more stories|more on this story|)"
      R"(you (?:may|might) also like|recommended(?: for you)?|skip to (?:main )?content|)"
      R"(sign up|subscribe(?: now)?|print|email|tweet|comments?(?: \(\d+\))?|\d+ comments?|)"
      R"(loading|story continues below(?: advertisement)?|scroll to continue(?: with content)?|)"
      R"(article continues below(?: this ad)?|back to top|follow us)[\s.:!…]*)");
  if (RE2::FullMatch(line, kStock)) return true;
  // Timestamp and byline lines: "Published 11:11 PM EST Nov 19, 2019", "Updated May 23,
  // 2024", "By Ana Ruiz and Tom Hale".
  static const RE2 kStamp(
      R"((?i:(?:first )?(?:published|updated|posted|last (?:updated|modified))(?: on| at)?:?)\s.*\d.*)");
  static const RE2 kByline(
      R"(By\s+\p{Lu}[\p{L}.'’-]*(?:,?\s+(?:\p{Lu}[\p{L}.'’-]*|and|&))*)");
  return RE2::FullMatch(line, kStamp) || RE2::FullMatch(line, kByline);
}

MainText ExtractMainText(const std::vector<Node>& nodes, std::string_view title) {
  MainText out;
  if (nodes.empty()) return out;
  const Marks marks = MarkBoilerplate(nodes);
  ParagraphBuilder builder;
  builder.title = FoldText(title);
  builder.out = &out.paragraphs;
  CollectParagraphs(nodes, marks, ChooseContainers(nodes, marks), &builder);
  if (out.paragraphs.empty()) CollectParagraphs(nodes, marks, {0}, &builder);

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
