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
  PageMetadata md;
  std::optional<std::string> og_title, og_url, og_site, og_locale, og_description, meta_description,
      meta_author, meta_published, meta_modified, canonical, html_lang, http_lang,
      itemprop_published, time_in_article, twitter_title;
  std::vector<std::string> json_ld;
  std::vector<std::string> rel_authors;
  std::optional<std::string> byline_element;
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
    switch (n.tag) {
      case GUMBO_TAG_HTML:
        if (!html_lang) SetIfEmpty(&html_lang, Attr(n, "lang"));
        break;
      case GUMBO_TAG_META: {
        std::string key = Lower(Attr(n, "property"));
        if (key.empty()) key = Lower(Attr(n, "name"));
        if (key.empty()) key = Lower(Attr(n, "itemprop"));
        std::string equiv = Lower(Attr(n, "http-equiv"));
        std::string_view content = Attr(n, "content");
        if (equiv == "content-language") SetIfEmpty(&http_lang, content);
        if (key == "og:title")
          SetIfEmpty(&og_title, content);
        else if (key == "twitter:title")
          SetIfEmpty(&twitter_title, content);
        else if (key == "og:url")
          SetIfEmpty(&og_url, content);
        else if (key == "og:site_name")
          SetIfEmpty(&og_site, content);
        else if (key == "og:locale")
          SetIfEmpty(&og_locale, content);
        else if (key == "og:description" || key == "twitter:description")
          SetIfEmpty(&og_description, content);
        else if (key == "description")
          SetIfEmpty(&meta_description, content);
        else if (key == "author" || key == "article:author" || key == "dc.creator" ||
                 key == "parsely-author" || key == "sailthru.author") {
          // article:author is often a profile URL, not a name.
          if (content.find("://") == std::string_view::npos) SetIfEmpty(&meta_author, content);
        } else if (key == "article:published_time" || key == "pubdate" || key == "publishdate" ||
                   key == "publish-date" || key == "publish_date" || key == "date" ||
                   key == "dc.date" || key == "dc.date.issued" || key == "dc.date.created" ||
                   key == "dcterms.created" || key == "dcterms.issued" || key == "sailthru.date" ||
                   key == "parsely-pub-date" || key == "article.published" ||
                   key == "og:published_time" || key == "datepublished" ||
                   key == "original-publish-date" || key == "citation_publication_date") {
          SetIfEmpty(&meta_published, content);
        } else if (key == "article:modified_time" || key == "og:updated_time" ||
                   key == "datemodified" || key == "dcterms.modified" || key == "last-modified") {
          SetIfEmpty(&meta_modified, content);
        }
        break;
      }
      case GUMBO_TAG_LINK: {
        std::string_view rel = Attr(n, "rel");
        if (HasToken(rel, "canonical")) SetIfEmpty(&canonical, Attr(n, "href"));
        break;
      }
      case GUMBO_TAG_TITLE:
        if (md.html_title.empty())
          md.html_title = FoldText(SubtreeText(nodes, static_cast<int>(i)));
        break;
      case GUMBO_TAG_H1:
        if (md.first_h1.empty()) md.first_h1 = FoldText(SubtreeText(nodes, static_cast<int>(i)));
        break;
      case GUMBO_TAG_SCRIPT:
        if (Lower(Attr(n, "type")).find("ld+json") != std::string::npos) {
          // SubtreeText skips script content; read the children directly.
          json_ld.emplace_back();
          for (int k = static_cast<int>(i) + 1; k < n.end; ++k) {
            if (nodes[static_cast<size_t>(k)].is_text)
              json_ld.back().append(nodes[static_cast<size_t>(k)].text);
          }
        }
        break;
      case GUMBO_TAG_TIME: {
        std::string_view dt = Attr(n, "datetime");
        if (dt.empty()) break;
        if (Lower(Attr(n, "itemprop")) == "datepublished" || HasAttr(n, "pubdate")) {
          SetIfEmpty(&itemprop_published, dt);
        }
        if (in_article[i]) SetIfEmpty(&time_in_article, dt);
        break;
      }
      default:
        break;
    }
    if (Lower(Attr(n, "itemprop")) == "datepublished" && n.tag != GUMBO_TAG_META) {
      std::string_view v = Attr(n, "datetime");
      if (v.empty()) v = Attr(n, "content");
      if (!v.empty()) SetIfEmpty(&itemprop_published, v);
    }
    if (n.tag == GUMBO_TAG_A && HasToken(Attr(n, "rel"), "author")) {
      AddUnique(&rel_authors, FoldText(SubtreeText(nodes, static_cast<int>(i))));
    }
    if (!byline_element && !in_byline[i] &&
        (ClassHasWord(Attr(n, "class"), "byline") || ClassHasWord(Attr(n, "id"), "byline") ||
         Lower(Attr(n, "itemprop")) == "author" || Lower(Attr(n, "rel")) == "author")) {
      if (n.tag != GUMBO_TAG_META && n.tag != GUMBO_TAG_LINK) {
        std::string text = FoldText(SubtreeText(nodes, static_cast<int>(i)));
        if (!text.empty() && text.size() < 200) byline_element = text;
        in_byline[i] = true;
      }
    }
  }

  JsonLdFacts ld;
  try {
    ReadJsonLd(json_ld, &ld);
  } catch (const std::exception&) {
    // A JSON-LD value of an unexpected shape: keep what was read before it.
  }

  // Title.
  if (og_title)
    md.title = og_title;
  else if (ld.headline)
    md.title = ld.headline;
  else if (!md.first_h1.empty())
    md.title = md.first_h1;
  else if (!md.html_title.empty())
    md.title = StripTitleSuffix(md.html_title);
  else if (twitter_title)
    md.title = twitter_title;

  // An og:title or headline that still carries " | Site" loses it when Site is the
  // site's own name.
  const std::optional<std::string>& site = og_site ? og_site : ld.publisher;
  if (md.title && site && md.title->size() > site->size() + 3) {
    std::string stripped = StripTitleSuffix(*md.title);
    if (stripped != *md.title &&
        FoldText(md.title->substr(stripped.size())).find(*site) != std::string::npos) {
      md.title = stripped;
    }
  }

  // Byline.
  std::vector<std::string> authors = ld.authors;
  if (authors.empty() && meta_author) authors = SplitAuthors(*meta_author);
  if (authors.empty()) authors = rel_authors;
  if (authors.empty() && byline_element) authors = SplitAuthors(*byline_element);
  if (!authors.empty()) md.byline = JoinAuthors(authors);

  // Dates.
  if (ld.published)
    md.published = ld.published;
  else if (meta_published)
    md.published = meta_published;
  else if (itemprop_published)
    md.published = itemprop_published;
  else if (time_in_article)
    md.published = time_in_article;
  else if (auto d = DateFromUrl(page_url))
    md.published = d;
  else if (og_url) {
    if (auto d2 = DateFromUrl(*og_url)) md.published = d2;
  }
  if (ld.modified)
    md.modified = ld.modified;
  else if (meta_modified)
    md.modified = meta_modified;

  // Canonical URL: a web address only ("javascript:void(0)" and "about:blank" are no
  // page's address, and would leave the article without a site).
  const std::string page(page_url);
  if (canonical) md.canonical_url = WebUrl(page, *canonical);
  if (!md.canonical_url && og_url) md.canonical_url = WebUrl(page, *og_url);

  if (og_site)
    md.site_name = og_site;
  else if (ld.publisher)
    md.site_name = ld.publisher;

  std::string lang;
  if (html_lang) lang = NormaliseLanguage(*html_lang);
  if (lang.empty() && http_lang)
    lang = NormaliseLanguage(http_lang->substr(0, http_lang->find(',')));
  if (lang.empty() && og_locale) lang = NormaliseLanguage(*og_locale);
  if (!lang.empty()) md.language = lang;

  if (meta_description)
    md.description = meta_description;
  else if (og_description)
    md.description = og_description;
  else if (ld.description)
    md.description = ld.description;
  return md;
}

}  // namespace newsfacts::normalise_internal
