// The wall clock, in the one form the project stores and prints times.
//
// Only the fetch and store stages read the clock (fetch times, run times); extraction
// never does (relative dates use the article's publication date).
#pragma once

#include <string>

namespace newsfacts {

// The current UTC time as ISO 8601, "2024-05-23T09:41:00Z". Thread-safe.
std::string NowIso8601();

}  // namespace newsfacts
