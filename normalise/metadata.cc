#include "normalise/metadata.h"

#include <re2/re2.h>

#include <cctype>
#include <nlohmann/json.hpp>

#include "normalise/text_fold.h"
#include "url/url.h"

namespace newsfacts::normalise_internal {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool HasToken(std::string_view list, std::string_view token) {
  std::string l = Lower(list);
  size_t pos = 0;
  while (pos < l.size()) {
    size_t b = l.find_first_not_of(" \t\n\r\f", pos);
    if (b == std::string::npos) break;
    size_t e = l.find_first_of(" \t\n\r\f", b);
    if (e == std::string::npos) e = l.size();
    if (std::string_view(l).substr(b, e - b) == token) return true;
    pos = e;
  }
  return false;
}

void SetIfEmpty(std::optional<std::string>* slot, std::string_view value) {
  if (slot->has_value()) return;
  std::string folded = FoldText(value);
  if (!folded.empty()) *slot = std::move(folded);
}

// Words of a class or id attribute, lower case, split at non-alphanumerics.
bool ClassHasWord(std::string_view cls, std::string_view word) {
  std::string l = Lower(cls);
  size_t i = 0;
  while (i < l.size()) {
    while (i < l.size() && !isalnum(static_cast<unsigned char>(l[i]))) ++i;
    size_t b = i;
    while (i < l.size() && isalnum(static_cast<unsigned char>(l[i]))) ++i;
    if (std::string_view(l).substr(b, i - b) == word) return true;
  }
  return false;
}

// "By Jane Doe and John Roe" -> {"Jane Doe", "John Roe"}.
std::vector<std::string> SplitAuthors(std::string_view text) {
  std::string folded = FoldText(text);
  std::string l = Lower(folded);
  if (l.rfind("by ", 0) == 0) {
    folded.erase(0, 3);
    l.erase(0, 3);
  }
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= folded.size()) {
    size_t comma = l.find(", ", pos);
    size_t and_pos = l.find(" and ", pos);
    size_t cut = std::min(comma, and_pos);
    std::string part = FoldText(std::string_view(folded).substr(
        pos, cut == std::string::npos ? std::string::npos : cut - pos));
    if (!part.empty()) out.push_back(part);
    if (cut == std::string::npos) break;
    pos = cut + (cut == comma ? 2 : 5);
  }
  return out;
}

void AddUnique(std::vector<std::string>* list, const std::string& value) {
  if (value.empty()) return;
  for (const auto& v : *list) {
    if (v == value) return;
  }
  list->push_back(value);
}

std::string JoinAuthors(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

using Json = nlohmann::json;

bool TypeMatches(const Json& obj, bool* is_article) {
  auto it = obj.find("@type");
  if (it == obj.end()) return false;
  auto check = [&](const Json& t) {
    if (!t.is_string()) return;
    const std::string& s = t.get_ref<const std::string&>();
    if (s.find("Article") != std::string::npos || s.find("BlogPosting") != std::string::npos ||
        s == "Report" || s == "LiveBlogPosting") {
      *is_article = true;
    }
  };
  if (it->is_array()) {
    for (const auto& t : *it) check(t);
  } else {
    check(*it);
  }
  return true;
}

const std::string* StringField(const Json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) return nullptr;
  if (it->is_string()) return &it->get_ref<const std::string&>();
  if (it->is_array() && !it->empty() && it->front().is_string()) {
    return &it->front().get_ref<const std::string&>();
  }
  return nullptr;
}

void CollectAuthors(const Json& author, std::vector<std::string>* out) {
  std::vector<const Json*> items;
  if (author.is_array()) {
    for (const auto& a : author) items.push_back(&a);
  } else {
    items.push_back(&author);
  }
  for (const Json* a : items) {
    const std::string* name = nullptr;
    if (a->is_string()) {
      name = &a->get_ref<const std::string&>();
    } else if (a->is_object()) {
      name = StringField(*a, "name");
    }
    if (name == nullptr) continue;
    std::string folded = FoldText(*name);
    if (Lower(folded).rfind("by ", 0) == 0) folded.erase(0, 3);
    AddUnique(out, folded);
  }
}

struct JsonLdFacts {
  std::optional<std::string> headline, published, modified, publisher, description;
  std::vector<std::string> authors;
};

// Reads one article-like object; earlier objects win.
void ReadArticleObject(const Json& obj, JsonLdFacts* f) {
  if (const std::string* s = StringField(obj, "headline")) SetIfEmpty(&f->headline, *s);
  if (const std::string* s = StringField(obj, "datePublished")) SetIfEmpty(&f->published, *s);
  if (const std::string* s = StringField(obj, "dateModified")) SetIfEmpty(&f->modified, *s);
  if (const std::string* s = StringField(obj, "description")) SetIfEmpty(&f->description, *s);
  auto pub = obj.find("publisher");
  if (pub != obj.end()) {
    if (pub->is_object()) {
      if (const std::string* s = StringField(*pub, "name")) SetIfEmpty(&f->publisher, *s);
    } else if (pub->is_array() && !pub->empty() && pub->front().is_object()) {
      if (const std::string* s = StringField(pub->front(), "name")) SetIfEmpty(&f->publisher, *s);
    }
  }
  if (f->authors.empty()) {
    auto author = obj.find("author");
    if (author != obj.end()) CollectAuthors(*author, &f->authors);
  }
}

// Walks every JSON-LD block (iteratively: the nesting comes from the page) and reads
// the article objects first, then any object that carries the fields.
void ReadJsonLd(const std::vector<std::string>& blocks, JsonLdFacts* facts) {
  std::vector<Json> docs;
  for (const auto& text : blocks) {
    Json doc = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_discarded()) docs.push_back(std::move(doc));
  }
  std::vector<const Json*> articles, others;
  for (const Json& doc : docs) {
    std::vector<const Json*> stack{&doc};
    std::vector<const Json*> order;
    while (!stack.empty()) {
      const Json* j = stack.back();
      stack.pop_back();
      if (j->is_object()) {
        order.push_back(j);
        for (auto it = j->begin(); it != j->end(); ++it) {
          if (it->is_structured()) stack.push_back(&*it);
        }
      } else if (j->is_array()) {
        for (size_t k = j->size(); k-- > 0;) stack.push_back(&(*j)[k]);
      }
    }
    for (const Json* obj : order) {
      bool is_article = false;
      TypeMatches(*obj, &is_article);
      (is_article ? articles : others).push_back(obj);
    }
  }
  for (const Json* obj : articles) ReadArticleObject(*obj, facts);
  for (const Json* obj : others) {
    if (obj->contains("headline") || obj->contains("datePublished")) {
      ReadArticleObject(*obj, facts);
    }
  }
}

std::string NormaliseLanguage(std::string_view value) {
  std::string v = FoldText(value);
  for (char& c : v) {
    if (c == '_') c = '-';
  }
  if (v.size() > 35) return {};
  return v;
}

// What the page says about itself, gathered in one pass before the sources are
// weighed against each other. Every value is folded; the first of each kind wins.
struct PageSignals {
  std::optional<std::string> og_title, og_url, og_site, og_locale, og_description, meta_description,
      meta_author, meta_published, meta_modified, canonical, html_lang, http_lang,
      itemprop_published, time_in_article, twitter_title, byline_element;
  std::vector<std::string> json_ld;
  std::vector<std::string> rel_authors;
  std::string first_h1;
  std::string html_title;
};

bool IsPublishedKey(std::string_view key) {
  return key == "article:published_time" || key == "pubdate" || key == "publishdate" ||
         key == "publish-date" || key == "publish_date" || key == "date" || key == "dc.date" ||
         key == "dc.date.issued" || key == "dc.date.created" || key == "dcterms.created" ||
         key == "dcterms.issued" || key == "sailthru.date" || key == "parsely-pub-date" ||
         key == "article.published" || key == "og:published_time" || key == "datepublished" ||
         key == "original-publish-date" || key == "citation_publication_date";
}

bool IsModifiedKey(std::string_view key) {
  return key == "article:modified_time" || key == "og:updated_time" || key == "datemodified" ||
         key == "dcterms.modified" || key == "last-modified";
}

bool IsAuthorKey(std::string_view key) {
  return key == "author" || key == "article:author" || key == "dc.creator" ||
         key == "parsely-author" || key == "sailthru.author";
}

void ReadMetaTag(const Node& n, PageSignals* s) {
  std::string key = Lower(Attr(n, "property"));
  if (key.empty()) key = Lower(Attr(n, "name"));
  if (key.empty()) key = Lower(Attr(n, "itemprop"));
  const std::string equiv = Lower(Attr(n, "http-equiv"));
  const std::string_view content = Attr(n, "content");
  if (equiv == "content-language") SetIfEmpty(&s->http_lang, content);
  if (key == "og:title") {
    SetIfEmpty(&s->og_title, content);
  } else if (key == "twitter:title") {
    SetIfEmpty(&s->twitter_title, content);
  } else if (key == "og:url") {
    SetIfEmpty(&s->og_url, content);
  } else if (key == "og:site_name") {
    SetIfEmpty(&s->og_site, content);
  } else if (key == "og:locale") {
    SetIfEmpty(&s->og_locale, content);
  } else if (key == "og:description" || key == "twitter:description") {
    SetIfEmpty(&s->og_description, content);
  } else if (key == "description") {
    SetIfEmpty(&s->meta_description, content);
  } else if (IsAuthorKey(key)) {
    // article:author is often a profile URL, not a name.
    if (content.find("://") == std::string_view::npos) SetIfEmpty(&s->meta_author, content);
  } else if (IsPublishedKey(key)) {
    SetIfEmpty(&s->meta_published, content);
  } else if (IsModifiedKey(key)) {
    SetIfEmpty(&s->meta_modified, content);
  }
}

// The text of a JSON-LD <script> element at nodes[i].
std::string ScriptText(const std::vector<Node>& nodes, size_t i) {
  // SubtreeText skips script content; read the children directly.
  std::string text;
  for (int k = static_cast<int>(i) + 1; k < nodes[i].end; ++k) {
    if (nodes[static_cast<size_t>(k)].is_text) text.append(nodes[static_cast<size_t>(k)].text);
  }
  return text;
}

// The facts an element gives by its tag: <html lang>, <meta>, <link rel=canonical>,
// <title>, the first <h1>, JSON-LD scripts, <time datetime>.
void ReadTaggedElement(const std::vector<Node>& nodes, size_t i, bool in_article, PageSignals* s) {
  const Node& n = nodes[i];
  switch (n.tag) {
    case GUMBO_TAG_HTML:
      SetIfEmpty(&s->html_lang, Attr(n, "lang"));
      break;
    case GUMBO_TAG_META:
      ReadMetaTag(n, s);
      break;
    case GUMBO_TAG_LINK:
      if (HasToken(Attr(n, "rel"), "canonical")) SetIfEmpty(&s->canonical, Attr(n, "href"));
      break;
    case GUMBO_TAG_TITLE:
      if (s->html_title.empty()) s->html_title = FoldText(SubtreeText(nodes, static_cast<int>(i)));
      break;
    case GUMBO_TAG_H1:
      if (s->first_h1.empty()) s->first_h1 = FoldText(SubtreeText(nodes, static_cast<int>(i)));
      break;
    case GUMBO_TAG_SCRIPT:
      if (Lower(Attr(n, "type")).find("ld+json") != std::string::npos) {
        s->json_ld.push_back(ScriptText(nodes, i));
      }
      break;
    case GUMBO_TAG_TIME: {
      const std::string_view dt = Attr(n, "datetime");
      if (dt.empty()) break;
      if (Lower(Attr(n, "itemprop")) == "datepublished" || HasAttr(n, "pubdate")) {
        SetIfEmpty(&s->itemprop_published, dt);
      }
      if (in_article) SetIfEmpty(&s->time_in_article, dt);
      break;
    }
    default:
      break;
  }
}

// The facts any element may give by its attributes: itemprop=datePublished, rel=author
// links, and the first byline element. Returns true when nodes[i] is that byline
// element, so that its descendants are not taken for another.
bool ReadAttributedElement(const std::vector<Node>& nodes, size_t i, bool in_byline,
                           PageSignals* s) {
  const Node& n = nodes[i];
  if (Lower(Attr(n, "itemprop")) == "datepublished" && n.tag != GUMBO_TAG_META) {
    std::string_view v = Attr(n, "datetime");
    if (v.empty()) v = Attr(n, "content");
    if (!v.empty()) SetIfEmpty(&s->itemprop_published, v);
  }
  if (n.tag == GUMBO_TAG_A && HasToken(Attr(n, "rel"), "author")) {
    AddUnique(&s->rel_authors, FoldText(SubtreeText(nodes, static_cast<int>(i))));
  }
  if (s->byline_element || in_byline) return false;
  if (!(ClassHasWord(Attr(n, "class"), "byline") || ClassHasWord(Attr(n, "id"), "byline") ||
        Lower(Attr(n, "itemprop")) == "author" || Lower(Attr(n, "rel")) == "author")) {
    return false;
  }
  if (n.tag == GUMBO_TAG_META || n.tag == GUMBO_TAG_LINK) return false;
  std::string text = FoldText(SubtreeText(nodes, static_cast<int>(i)));
  if (!text.empty() && text.size() < 200) s->byline_element = text;
  return true;
}

PageSignals CollectSignals(const std::vector<Node>& nodes) {
  PageSignals s;
  std::vector<bool> in_article(nodes.size(), false);
  std::vector<bool> in_byline(nodes.size(), false);
  for (size_t i = 0; i < nodes.size(); ++i) {
    const Node& n = nodes[i];
    if (n.parent >= 0) {
      const auto p = static_cast<size_t>(n.parent);
      in_article[i] = in_article[p] || nodes[p].tag == GUMBO_TAG_ARTICLE;
      in_byline[i] = in_byline[p];
    }
    if (n.is_text) continue;
    ReadTaggedElement(nodes, i, in_article[i], &s);
    if (ReadAttributedElement(nodes, i, in_byline[i], &s)) in_byline[i] = true;
  }
  return s;
}

std::optional<std::string> ChooseTitle(const PageSignals& s, const JsonLdFacts& ld) {
  std::optional<std::string> title;
  if (s.og_title)
    title = s.og_title;
  else if (ld.headline)
    title = ld.headline;
  else if (!s.first_h1.empty())
    title = s.first_h1;
  else if (!s.html_title.empty())
    title = StripTitleSuffix(s.html_title);
  else if (s.twitter_title)
    title = s.twitter_title;

  // An og:title or headline that still carries " | Site" loses it when Site is the
  // site's own name.
  const std::optional<std::string>& site = s.og_site ? s.og_site : ld.publisher;
  if (title && site && title->size() > site->size() + 3) {
    std::string stripped = StripTitleSuffix(*title);
    if (stripped != *title &&
        FoldText(title->substr(stripped.size())).find(*site) != std::string::npos) {
      title = stripped;
    }
  }
  return title;
}

std::optional<std::string> ChooseByline(const PageSignals& s, const JsonLdFacts& ld) {
  std::vector<std::string> authors = ld.authors;
  if (authors.empty() && s.meta_author) authors = SplitAuthors(*s.meta_author);
  if (authors.empty()) authors = s.rel_authors;
  if (authors.empty() && s.byline_element) authors = SplitAuthors(*s.byline_element);
  if (authors.empty()) return std::nullopt;
  return JoinAuthors(authors);
}

std::optional<std::string> ChoosePublished(const PageSignals& s, const JsonLdFacts& ld,
                                           std::string_view page_url) {
  if (ld.published) return ld.published;
  if (s.meta_published) return s.meta_published;
  if (s.itemprop_published) return s.itemprop_published;
  if (s.time_in_article) return s.time_in_article;
  if (auto d = DateFromUrl(page_url)) return d;
  if (s.og_url) return DateFromUrl(*s.og_url);
  return std::nullopt;
}

std::optional<std::string> ChooseLanguage(const PageSignals& s) {
  std::string lang;
  if (s.html_lang) lang = NormaliseLanguage(*s.html_lang);
  if (lang.empty() && s.http_lang) {
    lang = NormaliseLanguage(s.http_lang->substr(0, s.http_lang->find(',')));
  }
  if (lang.empty() && s.og_locale) lang = NormaliseLanguage(*s.og_locale);
  if (lang.empty()) return std::nullopt;
  return lang;
}

}  // namespace

std::optional<std::string> DateFromUrl(std::string_view url) {
  static const RE2 kDate(
      R"([/_-]((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$))");
  std::string y, m, d;
  if (!RE2::PartialMatch(url, kDate, &y, &m, &d)) return std::nullopt;
  return y + "-" + m + "-" + d;
}

std::string StripTitleSuffix(std::string_view title) {
  static const std::string_view kSeparators[] = {
      " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xB7 "};
  size_t best = std::string_view::npos, sep_len = 0;
  for (std::string_view sep : kSeparators) {
    size_t p = title.rfind(sep);
    if (p != std::string_view::npos && (best == std::string_view::npos || p > best)) {
      best = p;
      sep_len = sep.size();
    }
  }
  if (best == std::string_view::npos || best == 0) return std::string(title);
  std::string_view head = title.substr(0, best);
  std::string_view tail = title.substr(best + sep_len);
  if (tail.size() >= head.size()) return std::string(title);
  return std::string(head);
}

std::optional<std::string> WebUrl(const std::string& page_url, const std::string& href) {
  const std::string folded = FoldText(href);
  Result<std::string> url = ResolveUrl(page_url, folded);
  // A page URL that is no web address (a file's name) leaves only absolute hrefs.
  if (!url.ok() && !page_url.empty()) url = ResolveUrl("", folded);
  if (!url.ok()) return std::nullopt;
  return std::move(*url);
}

PageMetadata ExtractMetadata(const std::vector<Node>& nodes, std::string_view page_url) {
  const PageSignals s = CollectSignals(nodes);
  JsonLdFacts ld;
  try {
    ReadJsonLd(s.json_ld, &ld);
  } catch (const std::exception&) {
    // A JSON-LD value of an unexpected shape: keep what was read before it.
  }

  PageMetadata md;
  md.first_h1 = s.first_h1;
  md.html_title = s.html_title;
  md.title = ChooseTitle(s, ld);
  md.byline = ChooseByline(s, ld);
  md.published = ChoosePublished(s, ld, page_url);
  md.modified = ld.modified ? ld.modified : s.meta_modified;

  // Canonical URL: a web address only ("javascript:void(0)" and "about:blank" are no
  // page's address, and would leave the article without a site).
  const std::string page(page_url);
  if (s.canonical) md.canonical_url = WebUrl(page, *s.canonical);
  if (!md.canonical_url && s.og_url) md.canonical_url = WebUrl(page, *s.og_url);

  md.site_name = s.og_site ? s.og_site : ld.publisher;
  md.language = ChooseLanguage(s);

  if (s.meta_description)
    md.description = s.meta_description;
  else if (s.og_description)
    md.description = s.og_description;
  else if (ld.description)
    md.description = ld.description;
  return md;
}

}  // namespace newsfacts::normalise_internal
