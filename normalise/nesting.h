// A guard against pathologically deep HTML, applied before parsing.
//
// gumbo 0.10.1 is slow on deep documents (its scope checks and formatting
// reconstruction scan the open-element stack, so time grows with depth squared) and
// each recorded parse error copies that stack. LimitNesting models the tree
// builder's stack conservatively (end tags close only what is in scope; formatting
// elements count as open until their own end tag; "/>" closes only inside svg/math)
// and removes start tags that would push the model deeper than max_depth. Text,
// comments and raw-text elements are kept byte for byte. Ordinary pages stay far
// below the limit and are returned unchanged.
//
// Internal to normalise/. Thread-safe. Runs in one pass, O(n * max_depth) worst case.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace newsfacts::normalise_internal {

inline constexpr int kMaxNestingDepth = 400;

// The page with over-deep start tags removed, or nullopt when nothing needed removing.
std::optional<std::string> LimitNesting(std::string_view html, int max_depth = kMaxNestingDepth);

}  // namespace newsfacts::normalise_internal
