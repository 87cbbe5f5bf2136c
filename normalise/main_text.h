// Main-text extraction: which part of the page is the article, and its paragraphs.
//
// 1. Boilerplate is marked, never parsed around: script/style/form/nav/header/footer/
//    aside and similar elements; hidden elements; ARIA landmarks that are not content;
//    elements whose class, id or aria-label name navigation, menus, sharing, cookie
//    banners, newsletters, related stories, promotions and ads, comments, bylines and
//    datelines, breadcrumbs, tags, footers, modals. An element holding half or more of
//    the page's paragraph text is never dropped for its name or landmark (sites that
//    wrap the whole page in a <form> or a "has-comments" <div>).
// 2. The article body: the largest [itemprop=articleBody]; else the <article> with the
//    most paragraph text, when it holds a fair share of the page's; else the best
//    container by paragraph scores and link density (Readability's idea), together
//    with sibling blocks that score nearly as well.
// 3. Paragraphs: every block-level element (p, h2-h6, li, blockquote, pre, td, div with
//    text ...) ends a paragraph, as does <br><br>. Dropped: <h1> and any paragraph equal
//    to the title, short lines that are mostly link text, and stock lines such as
//    "Advertisement" or "Image 1 of 12".
// 4. Captions: <figcaption>, and caption or credit elements inside a <figure>, are kept
//    out of the text and returned in page order.
//
// Internal to normalise/. Thread-safe (its static regexes are immutable after
// construction). Linear in the page size.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "normalise/dom.h"

namespace newsfacts::normalise_internal {

struct MainText {
  std::vector<std::string> paragraphs;  // folded, NFC, non-empty
  std::vector<std::string> captions;
};

MainText ExtractMainText(const std::vector<Node>& nodes, std::string_view title);

// True when a class/id/aria-label value names a boilerplate block. Exposed for tests.
bool IsBoilerplateName(std::string_view value);

// True for stock lines that are never article text ("Advertisement"). Exposed for tests.
bool IsStockLine(std::string_view folded_line);

}  // namespace newsfacts::normalise_internal
