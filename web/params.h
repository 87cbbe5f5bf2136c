// Query parameters of `serve`'s pages, checked before anything reads the database.
//
// A request's parameters arrive as a multimap (name -> value, already percent-decoded by
// the HTTP server). A valid text parameter appears at most once, is well-formed UTF-8 of at
// most max_bytes bytes and holds no control character other than tab, line feed or carriage
// return (those become spaces). Anything else is kInvalidInput with a message a person can
// act on, which the pages answer with 400.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>

#include "common/status.h"

namespace newsfacts::web {

using Params = std::multimap<std::string, std::string>;

// Longest accepted values, in bytes.
inline constexpr size_t kMaxClaimBytes = 1000;  // a claim or search words
inline constexpr size_t kMaxIdBytes = 4096;     // an article id or URL
inline constexpr size_t kMaxNameBytes = 300;    // a speaker, a subject, a unit
inline constexpr size_t kMaxParams = 20;        // parameters in one request

// The value of name, checked as above and trimmed of surrounding whitespace; nullopt when
// absent or blank.
Result<std::optional<std::string>> TextParam(const Params& params, const std::string& name,
                                             size_t max_bytes);

// A YYYY-MM-DD date (a real calendar day), or nullopt when absent or blank.
Result<std::optional<std::string>> DateParam(const Params& params, const std::string& name);

// kInvalidInput when there are more than kMaxParams parameters.
Status CheckParamCount(const Params& params);

}  // namespace newsfacts::web
