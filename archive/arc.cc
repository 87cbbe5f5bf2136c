// ARC header lines (the Internet Archive's format before WARC).
//
// v1: "URL IP-address Archive-date Content-type Archive-length"
// v2: "URL IP-address Archive-date Content-type Result-code Checksum Location Offset Filename
//      Archive-length"
// Some writers leave spaces in URLs; with the file's version known, the extra leading
// fields are taken back into the URL (as %20).
#include <string>
#include <vector>

#include "archive/records.h"

namespace newsfacts::archive {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::vector<std::string_view> SplitSpaces(std::string_view line) {
  std::vector<std::string_view> parts;
  size_t pos = 0;
  while (pos < line.size()) {
    const size_t space = line.find(' ', pos);
    const size_t end = space == std::string_view::npos ? line.size() : space;
    if (end > pos) parts.push_back(line.substr(pos, end - pos));
    pos = end + 1;
  }
  return parts;
}

}  // namespace

bool ParseArcHeader(std::string_view line, int version, ArcHeader* header) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.size() > 64 * 1024) return false;
  const std::vector<std::string_view> parts = SplitSpaces(line);
  size_t fields = 5;
  if (version == 2 || (version == 0 && parts.size() == 10)) fields = 10;
  if (parts.size() < fields) return false;
  // The URL takes whatever is left over at the front.
  const size_t url_parts = parts.size() - fields + 1;
  const std::string_view date = parts[url_parts + 1];
  const std::string_view length = parts.back();
  if (!AllDigits(date) || date.size() < 8 || date.size() > 17) return false;
  if (!AllDigits(length) || length.size() > 18) return false;
  std::string url(parts[0]);
  for (size_t i = 1; i < url_parts; ++i) url += "%20" + std::string(parts[i]);
  if (url.find(':') == std::string::npos) return false;  // every ARC URL has a scheme
  for (char c : line) {
    if (static_cast<unsigned char>(c) < 32 && c != '\t') return false;
  }
  header->url = std::move(url);
  header->ip = std::string(parts[url_parts]);
  header->date = std::string(date);
  header->content_type = std::string(parts[url_parts + 2]);
  header->length = std::stoull(std::string(length));
  return true;
}

int ArcVersionOf(std::string_view block) {
  const size_t end = block.find_first_of(" \n");
  const std::string_view first = block.substr(0, end);
  if (first == "1") return 1;
  if (first == "2") return 2;
  return 0;
}

}  // namespace newsfacts::archive
