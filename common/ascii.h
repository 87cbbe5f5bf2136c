// ASCII case and whitespace helpers for protocol texts (HTTP headers, WARC headers,
// robots.txt, feeds, URLs) and lexicon lookups, where only ASCII letters fold and only
// ASCII spaces trim.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace newsfacts {

// s with ASCII letters lower-cased; other bytes unchanged.
inline std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// s without leading and trailing ASCII whitespace.
inline std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace newsfacts
