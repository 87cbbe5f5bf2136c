// WARC header parsing and the normalised forms of WARC-Date and WARC-Payload-Digest.
#include <chrono>
#include <cstdio>

#include "archive/records.h"
#include "common/ascii.h"

namespace newsfacts::archive {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// The field-name characters of RFC 9110 (token).
bool IsTokenChar(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  if (u <= 32 || u >= 127) return false;
  return std::string_view("()<>@,;:\\\"/[]?={}").find(c) == std::string_view::npos;
}

std::string_view StripCr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::string Quote(std::string_view line) {
  std::string out;
  for (char c : line.substr(0, 60)) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 32 || u == 127) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", u);
      out += hex;
    } else {
      out += c;
    }
  }
  return "\"" + out + (line.size() > 60 ? "...\"" : "\"");
}

// Parses n digits at s[pos] into *value.
bool Digits(std::string_view s, size_t pos, size_t n, int* value) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!IsDigit(s[pos + i])) return false;
    v = v * 10 + (s[pos + i] - '0');
  }
  *value = v;
  return true;
}

// W3C-DTF as WARC writes it: YYYY-MM-DD[THH:MM[:SS[.fraction]][Z|+hh:mm|-hh:mm]].
bool ParseW3cDate(std::string_view date, int* year, int* month, int* day, int* hour, int* minute,
                  int* second, int* offset_minutes) {
  if (date.size() < 10 || date[4] != '-' || date[7] != '-' || !Digits(date, 0, 4, year) ||
      !Digits(date, 5, 2, month) || !Digits(date, 8, 2, day)) {
    return false;
  }
  size_t pos = 10;
  if (pos == date.size()) return true;
  if (date[pos] != 'T' || !Digits(date, pos + 1, 2, hour) || pos + 3 >= date.size() ||
      date[pos + 3] != ':' || !Digits(date, pos + 4, 2, minute)) {
    return false;
  }
  pos += 6;
  if (pos < date.size() && date[pos] == ':') {
    if (!Digits(date, pos + 1, 2, second)) return false;
    pos += 3;
    if (pos < date.size() && (date[pos] == '.' || date[pos] == ',')) {
      ++pos;
      while (pos < date.size() && IsDigit(date[pos])) ++pos;
    }
  }
  if (pos < date.size() && (date[pos] == '+' || date[pos] == '-')) {
    const int sign = date[pos] == '+' ? 1 : -1;
    const size_t colon = pos + 3 < date.size() && date[pos + 3] == ':' ? 1 : 0;
    int oh = 0, om = 0;
    if (!Digits(date, pos + 1, 2, &oh) || !Digits(date, pos + 3 + colon, 2, &om)) return false;
    *offset_minutes = sign * (oh * 60 + om);
    pos += 5 + colon;
  } else if (pos < date.size() && date[pos] == 'Z') {
    ++pos;
  }
  return pos == date.size();
}

std::string Format(std::chrono::sys_seconds t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{t - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

}  // namespace

std::string_view RawRecord::Field(std::string_view name) const {
  for (const auto& [n, v] : fields) {
    if (n.size() == name.size() && Lower(n) == Lower(name)) return v;
  }
  return {};
}

Status ParseWarcHead(std::string_view head, std::vector<HeaderField>* fields,
                     uint64_t* content_length) {
  fields->clear();
  size_t pos = head.find('\n');
  const std::string_view version = StripCr(head.substr(0, pos));
  // "WARC/1.0", "WARC/1.1" (and the drafts' "WARC/0.18"): digits, a dot, digits.
  const size_t dot = version.find('.');
  if (version.substr(0, 5) != "WARC/" || dot == std::string_view::npos ||
      !AllDigits(version.substr(5, dot - 5)) || !AllDigits(version.substr(dot + 1))) {
    return InvalidInput("bad WARC version line " + Quote(version));
  }
  bool have_length = false;
  while (pos != std::string_view::npos && pos + 1 < head.size()) {
    const size_t start = pos + 1;
    pos = head.find('\n', start);
    const std::string_view line =
        StripCr(head.substr(start, pos == std::string_view::npos ? head.npos : pos - start));
    if (line.empty()) break;  // the blank line ending the header
    if (line[0] == ' ' || line[0] == '\t') {
      if (fields->empty()) return InvalidInput("continuation line before any field");
      fields->back().second += ' ';
      fields->back().second += Trim(line);
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      return InvalidInput("malformed WARC header line " + Quote(line));
    }
    for (size_t i = 0; i < colon; ++i) {
      if (!IsTokenChar(line[i])) return InvalidInput("malformed WARC header line " + Quote(line));
    }
    fields->emplace_back(std::string(line.substr(0, colon)), Trim(line.substr(colon + 1)));
  }
  for (const auto& [name, value] : *fields) {
    if (name.size() != 14 || Lower(name) != "content-length") continue;
    if (!AllDigits(value) || value.size() > 18) {
      return InvalidInput("bad Content-Length " + Quote(value));
    }
    *content_length = std::stoull(value);
    have_length = true;
    break;
  }
  if (!have_length) return InvalidInput("WARC header without Content-Length");
  return Status::Ok();
}

std::string IsoDate(std::string_view date) {
  int year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, offset_minutes = 0;
  if (AllDigits(date) && date.size() >= 8 && date.size() <= 17) {
    // ARC: YYYYMMDD[hh[mm[ss]]], sometimes with milliseconds after.
    Digits(date, 0, 4, &year);
    Digits(date, 4, 2, &month);
    Digits(date, 6, 2, &day);
    if (date.size() >= 10) Digits(date, 8, 2, &hour);
    if (date.size() >= 12) Digits(date, 10, 2, &minute);
    if (date.size() >= 14) Digits(date, 12, 2, &second);
  } else if (!ParseW3cDate(date, &year, &month, &day, &hour, &minute, &second, &offset_minutes)) {
    return "";
  }
  using namespace std::chrono;
  const year_month_day ymd{std::chrono::year(year), std::chrono::month(month),
                           std::chrono::day(day)};
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) return "";
  return Format(sys_days(ymd) + hours(hour) + minutes(minute - offset_minutes) + seconds(second));
}

std::string NormaliseDigest(std::string_view digest) {
  const std::string d = Trim(digest);
  const size_t colon = d.find(':');
  if (colon == std::string::npos) return d;
  const std::string label = Lower(d.substr(0, colon));
  if (label != "sha1" && label != "sha-1") return d;
  std::string value = d.substr(colon + 1);
  for (char& c : value) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return "sha1:" + value;
}

}  // namespace newsfacts::archive
