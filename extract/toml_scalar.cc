#include "extract/toml_scalar.h"

#include <charconv>

namespace newsfacts::rules {

std::optional<std::string> ScalarString(const toml::node& node) {
  if (auto s = node.value_exact<std::string>()) return *s;
  if (auto i = node.value_exact<int64_t>()) return std::to_string(*i);
  if (auto b = node.value_exact<bool>()) return *b ? "true" : "false";
  if (auto d = node.value_exact<double>()) {
    // The shortest round-trip form: a fact case compares it as a number with what the
    // extractor wrote, so no digit may be lost.
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *d);
    if (ec == std::errc()) return std::string(buf, end);
  }
  return std::nullopt;
}

}  // namespace newsfacts::rules
