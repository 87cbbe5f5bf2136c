#include "web/html.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "common/utf8.h"
#include "url/url.h"

namespace newsfacts::web {

std::string Escape(std::string_view raw) {
  const std::string text = IsValidUtf8(raw) ? std::string(raw) : ScrubUtf8(raw);
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F) break;
        out += c;
    }
  }
  return out;
}

std::string QueryEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    }
  }
  return out;
}

bool IsWebUrl(std::string_view url) {
  // White space and controls would be percent-encoded by the parser, and so linked to
  // another address than the one printed.
  const bool plain = std::none_of(url.begin(), url.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7F;
  });
  return plain && ParseUrl(std::string(url)).ok();
}

std::string CodePointSlice(std::string_view text, int64_t start, int64_t end) {
  const std::vector<size_t> offsets = CodePointOffsets(text);
  const auto last = static_cast<int64_t>(offsets.size()) - 1;
  const size_t from = offsets[static_cast<size_t>(std::clamp<int64_t>(start, 0, last))];
  const size_t to = offsets[static_cast<size_t>(std::clamp<int64_t>(end, 0, last))];
  return to > from ? std::string(text.substr(from, to - from)) : std::string();
}

}  // namespace newsfacts::web
