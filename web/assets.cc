#include "web/assets.h"

namespace newsfacts::web {
namespace {

// The pages carry no script; the fact cards open with :target, from the marks' links.
constexpr std::string_view kStyle = R"CSS(
:root { --ink: #1d2330; --muted: #5b6472; --line: #dde2e8; --bg: #f6f7f9; --card: #fff;
  --accent: #1f5fa8; --q: #fff0b3; --q-ink: #6b5200; --d: #dcefff; --d-ink: #0d4c85;
  --o: #e4f6e0; --o-ink: #22632a; --quote: #f1e6ff; --quote-ink: #5a2d91; }
* { box-sizing: border-box; }
html { font-size: 16px; }
body { margin: 0; color: var(--ink); background: var(--bg);
  font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code { font: 0.85em/1.4 ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
header.top { display: flex; align-items: center; gap: 1.25rem; padding: 0.6rem 1.5rem;
  background: #18202c; color: #fff; position: sticky; top: 0; z-index: 2; }
header.top .brand { color: #fff; font-weight: 700; font-size: 1.15rem; letter-spacing: 0.02em; }
header.top nav { display: flex; gap: 1rem; margin-left: auto; }
header.top nav a { color: #c9d6e6; }
form.search { display: flex; flex: 1; max-width: 44rem; }
form.search input { flex: 1; padding: 0.45rem 0.7rem; border: 1px solid #3b4757;
  border-radius: 6px 0 0 6px; font: inherit; background: #fff; color: var(--ink); min-width: 0; }
form.search button, form.filter button { padding: 0.45rem 1rem; border: 0; border-radius: 0 6px 6px 0;
  background: #3d7fd0; color: #fff; font: inherit; font-weight: 600; cursor: pointer; }
form.filter button { border-radius: 6px; }
form.search.big { max-width: none; margin: 1.2rem 0 0.5rem; }
form.search.big input { padding: 0.75rem 1rem; font-size: 1.1rem; border-color: var(--line); }
form.search.big button { padding: 0.75rem 1.4rem; font-size: 1.05rem; }
main { max-width: 76rem; margin: 0 auto; padding: 1.5rem; }
footer { max-width: 76rem; margin: 0 auto; padding: 1rem 1.5rem 2rem; color: var(--muted); font-size: 0.85rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.3rem 0 0.8rem; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 0.6rem; }
h2 small { color: var(--muted); font-weight: 400; font-size: 0.8rem; }
.hero { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 1.6rem 1.8rem; }
.hero p { color: var(--muted); max-width: 52rem; }
.notice { color: var(--muted); font-style: italic; }
.stats { color: var(--muted); }
.read-as { color: var(--muted); }
.claim-figure { color: var(--ink); background: var(--q); padding: 0 0.25rem; border-radius: 3px; }
.badge { display: inline-block; padding: 0.05rem 0.55rem; border-radius: 999px; font-size: 0.8rem;
  font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; color: #fff; background: #7a8594; }
.badge.v-same { background: #1e7b3a; }
.badge.v-rounded { background: #2866b0; }
.badge.v-different { background: #b3261e; }
.badge.v-related { background: #7a8594; }
ol.hits, ol.quotes, ol.conflicts, ul.articles, ol.cards { list-style: none; padding: 0; margin: 0; }
li.hit, ol.quotes > li, li.conflict, ul.articles > li { background: var(--card); border: 1px solid var(--line);
  border-left: 4px solid #7a8594; border-radius: 8px; padding: 0.8rem 1rem; margin: 0 0 0.75rem; }
li.hit.v-same { border-left-color: #1e7b3a; }
li.hit.v-rounded { border-left-color: #2866b0; }
li.hit.v-different { border-left-color: #b3261e; }
ul.articles > li, ol.quotes > li, li.conflict { border-left-color: var(--line); }
.how { color: var(--muted); font-size: 0.9rem; margin-left: 0.4rem; }
blockquote { margin: 0.5rem 0; padding: 0; font-size: 1.02rem; }
blockquote.quote::before { content: "“"; } blockquote.quote::after { content: "”"; }
mark.figure { background: var(--q); color: var(--q-ink); font-weight: 700; padding: 0 0.2rem;
  border-radius: 3px; box-shadow: inset 0 -2px 0 #e0b400; }
mark.word { background: #fff4c7; padding: 0 0.1rem; }
.source { font-size: 0.9rem; color: var(--muted); }
.source .title { font-weight: 600; }
.source .site, .source time, .meta time, .meta .byline { margin-left: 0.5rem; }
.speaker, .cue, .via { font-style: italic; }
.archive { font-size: 0.8rem; color: var(--muted); margin-top: 0.3rem; }
.snippet { margin: 0.35rem 0 0; color: #3a4250; font-size: 0.93rem; }
.history { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 0.2rem 1rem 0.8rem; }
.history h2 { margin-top: 0.8rem; }
svg.chart { max-width: 100%; height: auto; display: block; }
svg.chart .dot:hover { fill: #e07b00; }
a.more { font-size: 0.85rem; font-weight: 400; margin-left: 0.5rem; }
table.figures { border-collapse: collapse; width: 100%; background: var(--card); border: 1px solid var(--line); }
table.figures th, table.figures td { text-align: left; padding: 0.45rem 0.7rem; border-bottom: 1px solid var(--line); vertical-align: top; }
table.figures th { background: #eef1f4; font-size: 0.85rem; }
table.figures time { white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
ul.speakers { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; }
ul.speakers li { background: var(--card); border: 1px solid var(--line); border-radius: 999px; padding: 0.2rem 0.8rem; }
.count { color: var(--muted); font-size: 0.85rem; }
form.filter { margin: 0 0 1rem; display: flex; gap: 0.8rem; align-items: center; flex-wrap: wrap; }
form.filter input { padding: 0.35rem 0.5rem; border: 1px solid var(--line); border-radius: 5px; font: inherit; }
.article-head .meta, .article-head .url { color: var(--muted); font-size: 0.92rem; overflow-wrap: anywhere; }
.legend { margin: 0.7rem 0 0; display: flex; gap: 0.5rem; flex-wrap: wrap; }
.key { font-size: 0.8rem; padding: 0.1rem 0.6rem; border-radius: 999px; }
.key.k-quantity { background: var(--q); color: var(--q-ink); }
.key.k-date { background: var(--d); color: var(--d-ink); }
.key.k-official { background: var(--o); color: var(--o-ink); }
.key.k-quote { background: var(--quote); color: var(--quote-ink); }
.article-layout { display: grid; grid-template-columns: minmax(0, 1fr) 22rem; gap: 1.5rem; margin-top: 1rem; align-items: start; }
article.text { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  padding: 0.6rem 1.6rem; font-size: 1.05rem; line-height: 1.7; white-space: pre-line; overflow-wrap: anywhere; }
a.m { color: inherit; border-radius: 3px; padding: 0 1px; }
a.m:hover { text-decoration: none; outline: 2px solid #9ab8dc; }
a.m.k-quantity { background: var(--q); box-shadow: inset 0 -2px 0 #e0b400; font-weight: 600; }
a.m.k-date { background: var(--d); box-shadow: inset 0 -2px 0 #6aa8e0; }
a.m.k-official, a.m.k-speaker { background: var(--o); box-shadow: inset 0 -2px 0 #73b36b; }
a.m.k-quote { background: var(--quote); }
a.m.in-quote { outline: 1px dashed #b99be0; }
aside.facts { position: sticky; top: 4rem; max-height: calc(100vh - 5rem); overflow: auto;
  background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 0 0.9rem 0.9rem; }
aside.facts h2 { margin-top: 0.9rem; }
li.fact { border-top: 1px solid var(--line); padding: 0.45rem 0.2rem; scroll-margin-top: 1rem; }
li.fact .fact-head { color: var(--ink); display: block; }
li.fact .kind { font-size: 0.7rem; text-transform: uppercase; letter-spacing: 0.05em; padding: 0 0.4rem; border-radius: 3px; }
li.fact.k-quantity .kind { background: var(--q); color: var(--q-ink); }
li.fact.k-date .kind { background: var(--d); color: var(--d-ink); }
li.fact.k-official .kind { background: var(--o); color: var(--o-ink); }
li.fact.k-quote .kind { background: var(--quote); color: var(--quote-ink); }
li.fact .fact-text { font-weight: 600; }
li.fact.k-quote .fact-text { font-weight: 400; font-style: italic; display: -webkit-box; -webkit-line-clamp: 2;
  -webkit-box-orient: vertical; overflow: hidden; }
.fact-summary { font-size: 0.82rem; color: var(--muted); }
.fact-detail { display: none; font-size: 0.85rem; }
li.fact:target { background: #fffbe6; outline: 2px solid #e0b400; border-radius: 6px; }
li.fact:target .fact-detail { display: block; }
li.fact:target.k-quote .fact-text { -webkit-line-clamp: unset; }
.fact-detail dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.15rem 0.7rem; margin: 0.5rem 0; }
.fact-detail dt { color: var(--muted); }
.fact-detail dd { margin: 0; overflow-wrap: anywhere; }
@media (max-width: 900px) { .article-layout { grid-template-columns: 1fr; } aside.facts { position: static; max-height: none; }
  header.top { flex-wrap: wrap; } }
)CSS";

constexpr Asset kAssets[] = {{"text/css; charset=utf-8", kStyle}};

}  // namespace

const Asset* FindAsset(const std::string& path) {
  if (path == "/assets/style.css") return &kAssets[0];
  return nullptr;
}

}  // namespace newsfacts::web
