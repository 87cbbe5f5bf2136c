// Page metadata from the parsed page: JSON-LD, OpenGraph and other <meta> tags,
// <link rel=canonical>, <html lang>, <time>, bylines, the URL.
//
// Sources, strongest first:
//   title      og:title, JSON-LD headline, first <h1>, <title> minus " | Site" / " - Site"
//   byline     JSON-LD author names, <meta name=author>, rel=author links, byline elements
//   published  JSON-LD datePublished (also inside @graph and arrays),
//              article:published_time, <meta name=pubdate|publishdate|date|dc.date...>,
//              itemprop=datePublished, <time datetime> inside <article>, a date in the URL
//   modified   JSON-LD dateModified, article:modified_time, og:updated_time
//   canonical  <link rel=canonical>, og:url; made absolute against the page URL, and
//              kept only when that is an http(s) URL (WebUrl)
//   site_name  og:site_name, JSON-LD publisher.name
//   language   <html lang>, <meta http-equiv=content-language>, og:locale
//   description <meta name=description>, og:description, JSON-LD description
// Malformed JSON-LD is ignored. Every value is folded like the main text.
//
// Internal to normalise/. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "normalise/dom.h"

namespace newsfacts::normalise_internal {

struct PageMetadata {
  std::optional<std::string> title;
  std::optional<std::string> byline;
  std::optional<std::string> published;
  std::optional<std::string> modified;
  std::optional<std::string> canonical_url;
  std::optional<std::string> site_name;
  std::optional<std::string> language;
  std::optional<std::string> description;
  std::string first_h1;    // folded text of the first <h1>, "" if none
  std::string html_title;  // folded <title> as written
};

PageMetadata ExtractMetadata(const std::vector<Node>& nodes, std::string_view page_url);

// `href` made absolute against `page_url` (url/url.h's ResolveUrl; href taken as it is
// when the page has no http(s) address), without its fragment. None unless that is an
// http(s) URL ("javascript:void(0)", "mailto:", "about:blank" and a relative href without
// a page URL are none): a canonical address is a page's, or nothing.
std::optional<std::string> WebUrl(const std::string& page_url, const std::string& href);

// "Headline | Site" -> "Headline" (also " - ", " – ", " — "), when the tail is shorter
// than the head.
std::string StripTitleSuffix(std::string_view title);

// A YYYY-MM-DD date found in a URL path (/2024/05/23/, /2024-05-23-, /20240523/).
std::optional<std::string> DateFromUrl(std::string_view url);

}  // namespace newsfacts::normalise_internal
