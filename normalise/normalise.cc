#include "normalise/normalise.h"

#include <string>

#include "normalise/charset.h"
#include "normalise/dom.h"
#include "normalise/main_text.h"
#include "normalise/metadata.h"
#include "normalise/nesting.h"
#include "normalise/sentences.h"
#include "normalise/text_fold.h"
#include "url/url.h"

namespace newsfacts {
namespace {

using normalise_internal::Decoded;
using normalise_internal::DecodeToUtf8;

Status CheckSize(std::string_view bytes, const NormaliseOptions& options) {
  if (bytes.empty()) return InvalidInput("empty input");
  if (bytes.size() > options.max_input_bytes) {
    return InvalidInput("input is " + std::to_string(bytes.size()) +
                        " bytes, larger than the limit of " +
                        std::to_string(options.max_input_bytes));
  }
  return Status::Ok();
}

std::string JoinParagraphs(const std::vector<std::string>& paragraphs) {
  std::string text;
  for (const auto& p : paragraphs) {
    if (!text.empty()) text += "\n\n";
    text += p;
  }
  return text;
}

// A paragraph that is only a link to the page's own site: the address printed for
// readers of the paper version, never story text.
bool IsOwnSiteUrl(const std::string& para, const std::string& host) {
  if (para.find(' ') != std::string::npos) return false;
  return HostOf(para) == host;
}

}  // namespace

Result<Document> NormaliseHtml(std::string_view bytes, const NormaliseOptions& options) {
  if (Status s = CheckSize(bytes, options); !s.ok()) return s;
  Result<Decoded> decoded = DecodeToUtf8(bytes, options.charset_hint, /*look_for_meta=*/true);
  if (!decoded.ok()) return decoded.status();

  std::string& html = decoded->utf8;
  if (auto limited = normalise_internal::LimitNesting(html)) html = std::move(*limited);

  Document doc;
  doc.charset = decoded->charset;
  normalise_internal::ParsedPage page(html);
  doc.parse_errors = page.parse_errors();

  normalise_internal::PageMetadata md =
      normalise_internal::ExtractMetadata(page.nodes(), options.url);
  // The headline is dropped from the text whichever form it takes.
  std::string headline = md.title.value_or("");
  normalise_internal::MainText main = normalise_internal::ExtractMainText(page.nodes(), headline);
  auto drop_paragraph = [&main](size_t i) {
    main.paragraphs.erase(main.paragraphs.begin() + static_cast<long>(i));
  };
  if (!md.first_h1.empty() && md.first_h1 != headline && !main.paragraphs.empty() &&
      main.paragraphs.front() == md.first_h1) {
    drop_paragraph(0);
  }
  if (!md.html_title.empty() && !main.paragraphs.empty() &&
      main.paragraphs.front() == md.html_title) {
    drop_paragraph(0);
  }

  const std::optional<std::string> host =
      HostOf(md.canonical_url ? *md.canonical_url : options.url);
  for (size_t i = main.paragraphs.size(); host && i-- > 0;) {
    if (IsOwnSiteUrl(main.paragraphs[i], *host)) drop_paragraph(i);
  }
  doc.text = JoinParagraphs(main.paragraphs);
  doc.captions = std::move(main.captions);
  doc.title = std::move(md.title);
  doc.byline = std::move(md.byline);
  doc.published = std::move(md.published);
  doc.modified = std::move(md.modified);
  doc.canonical_url = std::move(md.canonical_url);
  doc.site_name = std::move(md.site_name);
  doc.language = std::move(md.language);
  doc.description = std::move(md.description);
  return doc;
}

Result<Document> NormaliseText(std::string_view bytes, const NormaliseOptions& options) {
  if (Status s = CheckSize(bytes, options); !s.ok()) return s;
  Result<Decoded> decoded = DecodeToUtf8(bytes, options.charset_hint, /*look_for_meta=*/false);
  if (!decoded.ok()) return decoded.status();
  const std::string& text = decoded->utf8;

  // Paragraphs are separated by lines holding only white space.
  std::vector<std::string> paragraphs;
  std::string current;
  size_t pos = 0;
  auto flush = [&] {
    std::string folded = normalise_internal::FoldText(current);
    if (!folded.empty()) paragraphs.push_back(std::move(folded));
    current.clear();
  };
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line =
        std::string_view(text).substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    if (normalise_internal::FoldText(line).empty()) {
      flush();
    } else {
      current.append(line);
      current.push_back('\n');
    }
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  flush();

  Document doc;
  doc.charset = decoded->charset;
  doc.text = JoinParagraphs(paragraphs);
  return doc;
}

std::vector<std::pair<size_t, size_t>> SentenceRanges(std::string_view text) {
  return normalise_internal::SplitSentences(text);
}

}  // namespace newsfacts
