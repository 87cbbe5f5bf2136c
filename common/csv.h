// One CSV field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line
// break (or when force_quotes), quotes doubled. Rows end in "\r\n" (the caller's part).
//
// Thread safety: pure function.
#pragma once

#include <ostream>
#include <string_view>

namespace newsfacts {

inline void WriteCsvField(std::string_view field, bool force_quotes, std::ostream& out) {
  if (!force_quotes && field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out << field;
    return;
  }
  out << '"';
  for (char c : field) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

}  // namespace newsfacts
