// The class, id and role words that tell page furniture from the story, for the main-text
// finder (main_text.h): the one place to add a word.
//
// Compiled in, as words.h is and for the same reasons. Every word is lower case ASCII: a
// class or id is split into words (at non-alphanumerics and camelCase humps) and lower
// cased before it is looked up; a role is lower cased whole.
//
// Two lists share words for two uses, and are kept apart on purpose:
// kBoilerplateWords drops a block outright (IsBoilerplateName), kFurnitureNames only
// lowers a candidate's score (NameWeight). So "comment", "footer", "related", "share",
// "sidebar" and the like are in both, while "comments", "newsletter", "cookie" only drop
// and "media", "photo", "widget", "card" only lower. Internal to normalise/.
#pragma once

#include <string_view>
#include <utility>

namespace newsfacts::normalise_internal {

// A class or id with one of these words marks its element as boilerplate (navigation,
// sharing, consent, newsletter and subscription boxes, recirculation, ads, comments,
// bylines and stamps, tags, footers, pop-ups, hidden text).
inline constexpr std::string_view kBoilerplateWords[] = {
    "nav",         "navbar",       "navigation",
    "navlinks",    "menu",         "menus",
    "submenu",     "megamenu",     "share",
    "shares",      "sharing",      "sharebar",
    "sharetools",  "social",       "socials",
    "cookie",      "cookies",      "consent",
    "gdpr",        "newsletter",   "newsletters",
    "subscribe",   "subscription", "signup",
    "related",     "recommended",  "recommendations",
    "recirc",      "outbrain",     "taboola",
    "promo",       "promos",       "promoted",
    "advert",      "adverts",      "advertisement",
    "advertising", "ad",           "ads",
    "adslot",      "adunit",       "adcontainer",
    "dfp",         "sponsored",    "sponsor",
    "comment",     "comments",     "disqus",
    "byline",      "bylines",      "author",
    "authors",     "dateline",     "timestamp",
    "breadcrumb",  "breadcrumbs",  "tags",
    "tag",         "footer",       "modal",
    "popup",       "paywall",      "sidebar",
    "trending",    "masthead",     "toolbar",
    "skiplink",    "sronly",       "hidden",
    "invisible",   "offscreen",    "cta"};

// Two adjacent words that mark boilerplate together though neither does alone
// ("more-stories", "youMayAlsoLike", "sr-only", "visually-hidden").
inline constexpr std::pair<std::string_view, std::string_view> kBoilerplateWordPairs[] = {
    {"more", "stories"},    {"also", "like"},    {"read", "more"}, {"most", "read"},
    {"most", "popular"},    {"more", "from"},    {"sign", "up"},   {"sr", "only"},
    {"visually", "hidden"}, {"screen", "reader"}};

// Roots that give a run-together class name away ("socialshare", "newsletterbox"): found
// anywhere in the lower-cased name, not only as a whole word.
inline constexpr std::string_view kBoilerplateRoots[] = {
    "newsletter", "cookie",      "breadcrumb", "advert",    "sponsor", "taboola",   "outbrain",
    "sharebar",   "socialshare", "sharing",    "recommend", "popup",   "subscribe", "byline"};

// A name with one of these words is a quoted social post, part of the story: in it,
// "social"/"socials" (kEmbedSocialWords) mark nothing ("social-media-embed",
// "twitter-tweet"), though every other boilerplate word still does.
inline constexpr std::string_view kEmbedWords[] = {"embed", "embedded", "tweet"};
inline constexpr std::string_view kEmbedSocialWords[] = {"social", "socials"};

// ARIA landmark and widget roles that are never the story.
inline constexpr std::string_view kNonContentRoles[] = {
    "navigation", "banner",      "contentinfo", "complementary", "menu",   "menubar",
    "dialog",     "alertdialog", "search",      "toolbar",       "tablist"};

// Readability's class and id weights (NameWeight): a word from kStoryNames raises a
// candidate block, a word from kFurnitureNames lowers it.
inline constexpr std::string_view kStoryNames[] = {
    "article", "articlebody", "body", "content", "entry", "hentry", "main",
    "page",    "post",        "text", "blog",    "story", "prose"};
inline constexpr std::string_view kFurnitureNames[] = {
    "banner",     "combx",   "comment",  "contact", "foot",      "footer", "footnote", "masthead",
    "media",      "meta",    "promo",    "related", "scroll",    "share",  "shoutbox", "sidebar",
    "skyscraper", "sponsor", "shopping", "tags",    "tool",      "widget", "caption",  "credit",
    "image",      "img",     "photo",    "gallery", "thumbnail", "teaser", "card"};

// A small element whose class or id has one of these words is a caption (kept apart from
// the text, like a <figcaption>); "copyright" counts only inside a <figure>.
inline constexpr std::string_view kCaptionNames[] = {"caption", "credit", "credits", "figcaption"};
inline constexpr std::string_view kFigureCaptionNames[] = {"copyright"};

}  // namespace newsfacts::normalise_internal
