// Main-text extraction: which part of the page is the article, and its paragraphs.
// docs/normaliser.md walks through every decision.
//
// 1. Boilerplate is marked, never parsed around: script/style/form/nav/header/footer/
//    aside and similar elements; hidden elements; ARIA landmarks that are not content;
//    elements whose class, id or aria-label name navigation, menus, sharing, cookie
//    banners, newsletters, related stories, promotions and ads, calls to action,
//    comments, bylines and datelines, breadcrumbs, tags, footers, modals (a social
//    *embed* is kept); hover cards inside sentences. An element holding half or more of
//    the page's paragraph text is never dropped for its name or landmark (sites that
//    wrap the whole page in a <form> or a "has-comments" <div>).
// 2. The article body: the largest [itemprop=articleBody]; else the <article> holding
//    the first <h1>, or the one with the most paragraph text when it holds a fair share
//    of the page's; else the best container by paragraph scores, class/id weight and
//    link density (Readability's idea; text written straight into a container between
//    <br>s counts as paragraphs), together with sibling blocks that score nearly as
//    well, a lone standfirst beside it, and blocks of the same tag and class further
//    away (a story split around figures).
// 3. Paragraphs: every block-level element (p, h2-h6, li, blockquote, pre, td, div with
//    text ...) ends a paragraph, as does <br><br>. Dropped: <h1> and any paragraph equal
//    to the title, short lines that are mostly link text, timestamp lines, and the
//    lines IsStockLine names.
// 4. Captions: <figcaption>, caption or credit elements inside a <figure>, and small
//    elements classed caption/credit anywhere, are kept out of the text and returned
//    in page order.
//
// Internal to normalise/. Thread-safe (its static regexes and word sets are immutable
// after construction). Linear in the page size.
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

// True for the heading of a press release's company boilerplate ("About Ascom", "ABOUT
// GE HEALTHCARE:"). From the first such line in the second half of the text on, the
// paragraphs are dropped. Exposed for tests.
bool IsAboutHeading(std::string_view folded_line);

// True when a class/id/aria-label value names a boilerplate block. Exposed for tests.
bool IsBoilerplateName(std::string_view value);

// True for stock lines that are never article text: "Advertisement", "Image 1 of 12",
// "Published …"/"Updated …" stamps, "By Name" bylines, posting lines ("Posted by …"
// with a date), and everything IsPromoLine and IsDateLine accept. Exposed for tests.
bool IsStockLine(std::string_view folded_line);

// True for lines of at most 320 bytes that promote or sign off rather than report:
// newsletter and app pitches, "DON'T MISS"/"RELATED"/"Tags" leads, "[PICTURES]"-style
// teasers, follow and contact lines, contributor and reporting credits, photo
// credits, reading-time lines, copyright lines. Part of IsStockLine; exposed for tests.
bool IsPromoLine(std::string_view folded_line);

// True for a line that is only a date or time stamp ("Wednesday 20 November 2019
// 9:22 am", "2019-11-20 14:35", "18 Nov 2019, 19:09"), possibly with the author's
// name beside a full date. Part of IsStockLine; exposed for tests.
bool IsDateLine(std::string_view folded_line);

}  // namespace newsfacts::normalise_internal
