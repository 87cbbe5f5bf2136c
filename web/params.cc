#include "web/params.h"

#include <cstdio>

#include "common/utf8.h"

namespace newsfacts::web {

Result<std::optional<std::string>> TextParam(const Params& params, const std::string& name,
                                             size_t max_bytes) {
  const size_t count = params.count(name);
  if (count == 0) return std::optional<std::string>();
  if (count > 1) return InvalidInput("parameter '" + name + "' is given more than once");
  const std::string& raw = params.find(name)->second;
  if (raw.size() > max_bytes) {
    return InvalidInput("parameter '" + name + "' is longer than " + std::to_string(max_bytes) +
                        " bytes");
  }
  if (!IsValidUtf8(raw)) return InvalidInput("parameter '" + name + "' is not valid UTF-8");
  std::string value;
  value.reserve(raw.size());
  for (const char c : raw) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\t' || c == '\n' || c == '\r') {
      value += ' ';
    } else if (u < 0x20 || u == 0x7F) {
      return InvalidInput("parameter '" + name + "' holds a control character");
    } else {
      value += c;
    }
  }
  const size_t first = value.find_first_not_of(' ');
  if (first == std::string::npos) return std::optional<std::string>();
  const size_t last = value.find_last_not_of(' ');
  return std::optional<std::string>(value.substr(first, last - first + 1));
}

Result<std::optional<std::string>> DateParam(const Params& params, const std::string& name) {
  auto text = TextParam(params, name, 10);
  if (!text.ok()) return text.status();
  if (!*text) return std::optional<std::string>();
  const std::string& d = **text;
  auto bad = [&] { return InvalidInput("parameter '" + name + "' is not a date (YYYY-MM-DD)"); };
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return bad();
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (d[i] < '0' || d[i] > '9') return bad();
  }
  const int year = std::stoi(d.substr(0, 4));
  const int month = std::stoi(d.substr(5, 2));
  const int day = std::stoi(d.substr(8, 2));
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return bad();
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29 && !leap) return bad();
  return *text;
}

Status CheckParamCount(const Params& params) {
  if (params.size() > kMaxParams) {
    return InvalidInput("more than " + std::to_string(kMaxParams) + " parameters");
  }
  return Status::Ok();
}

}  // namespace newsfacts::web
