// The static files of `serve`, compiled into the program: nothing is read from disk or
// fetched from elsewhere, so the pages work offline and a URL can never name a local file.
//
// Thread safety: immutable data.
#pragma once

#include <string>
#include <string_view>

namespace newsfacts::web {

struct Asset {
  std::string_view content_type;
  std::string_view body;
};

// The asset served at path ("/assets/style.css"), or nullptr. Only exact paths match.
const Asset* FindAsset(const std::string& path);

}  // namespace newsfacts::web
