#include "factcheck/verdict.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <optional>

namespace newsfacts::factcheck {

std::string FormatNumber(double v) {
  if (!std::isfinite(v)) return "";
  char buf[64];
  const double a = std::fabs(v);
  // Beyond 1e15 plain digits stop meaning anything to a reader; keep printf's exponent.
  if (a >= 1e15) {
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
  }
  const int magnitude = a > 0 ? static_cast<int>(std::floor(std::log10(a))) : 0;
  const int decimals = std::clamp(6 - magnitude, 0, 6);
  std::snprintf(buf, sizeof buf, "%.*f", decimals, a);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  const size_t dot = std::min(s.find('.'), s.size());
  std::string out;
  for (size_t i = 0; i < dot; ++i) {
    if (i && (dot - i) % 3 == 0) out += ',';
    out += s[i];
  }
  out += s.substr(dot);
  return (v < 0 && out != "0" ? "-" : "") + out;
}

namespace {

constexpr double kSameTolerance = 1e-6;  // relative: floating point, not precision
constexpr double kApproxTolerance = 0.05;

// The first number written with digits in text ("8,222.5" of "8,222.5 kilograms"), as its
// digits and separators; "" when the number is spelled out.
std::string WrittenNumber(const std::string& text) {
  size_t i = 0;
  while (i < text.size() && !std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  size_t j = i;
  while (j < text.size()) {
    const char c = text[j];
    const bool digit = std::isdigit(static_cast<unsigned char>(c));
    const bool inner_separator = (c == ',' || c == '.') && j + 1 < text.size() &&
                                 std::isdigit(static_cast<unsigned char>(text[j + 1]));
    if (!digit && !inner_separator) break;
    ++j;
  }
  return text.substr(i, j - i);
}

// The value of the source in the claim's unit, from SI (temperatures by their scale).
double InClaimUnit(double si, const Quantity& claim) {
  if (claim.dimension == "temperature") {
    if (claim.unit == "degree Fahrenheit") return si * 9.0 / 5.0 + 32.0;
    if (claim.unit == "kelvin") return si + 273.15;
    return si;
  }
  const double factor = claim.value != 0 ? *claim.si_value / claim.value : 1.0;
  return factor != 0 ? si / factor : si;
}

// A written value of q (value, low or high) in SI, by q's own value-to-SI relation.
std::optional<double> ToSi(const Quantity& q, std::optional<double> written) {
  if (!written || !q.si_value) return std::nullopt;
  if (q.dimension == "temperature") {
    if (q.unit == "degree Fahrenheit") return (*written - 32.0) * 5.0 / 9.0;
    if (q.unit == "kelvin") return *written - 273.15;
    return *written;
  }
  if (q.value == 0) return *written == 0 ? std::optional<double>(0.0) : std::nullopt;
  return *written * (*q.si_value / q.value);
}

bool Near(double a, double b) {
  return std::fabs(a - b) <= kSameTolerance * std::max({std::fabs(a), std::fabs(b), 1e-12});
}

std::string ClaimText(const Quantity& claim, const char* mark) {
  return std::string("claim ") + mark + FormatNumber(*claim.si_value) + " " + claim.si_unit;
}

}  // namespace

const char* VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kSame:
      return "same";
    case Verdict::kRounded:
      return "rounded";
    case Verdict::kDifferent:
      return "different";
    case Verdict::kRelated:
      return "related";
  }
  return "related";
}

double PrecisionStep(const Quantity& q) {
  const std::string written = WrittenNumber(q.text);
  std::string digits;
  size_t decimals = 0;
  bool after_dot = false;
  for (char c : written) {
    if (c == '.') {
      after_dot = true;
    } else if (c != ',') {
      digits += c;
      if (after_dot) ++decimals;
    }
  }
  if (digits.empty()) {
    // Spelled out: "twenty-seven" is exact; "two million" is to the million.
    const double v = std::fabs(q.value);
    return v < 100 ? 1.0 : std::pow(10.0, std::floor(std::log10(v)));
  }
  double step = 1.0;
  if (decimals > 0) {
    step = std::pow(10.0, -static_cast<double>(decimals));
  } else {
    size_t zeros = 0;
    for (size_t i = digits.size(); i > 1 && digits[i - 1] == '0'; --i) ++zeros;
    step = std::pow(10.0, static_cast<double>(zeros));
  }
  const double number = std::strtod((after_dot ? digits.substr(0, digits.size() - decimals) + "." +
                                                     digits.substr(digits.size() - decimals)
                                               : digits)
                                        .c_str(),
                                    nullptr);
  const double scale = number != 0 ? q.value / number : 1.0;
  return step * std::fabs(scale);
}

Comparison Compare(const Quantity& claim, const Quantity& source) {
  Comparison c;
  if (!claim.si_value || !source.si_value || claim.si_unit != source.si_unit) {
    c.how = "source " + source.text + ", claim " + claim.text + ": not comparable";
    return c;
  }
  const double claim_si = *claim.si_value, source_si = *source.si_value;
  c.relative_difference = std::fabs(source_si - claim_si) / std::max(std::fabs(source_si), 1e-12);
  const std::string src = "source " + FormatNumber(source_si) + " " + source.si_unit;
  const std::optional<double> claim_low = ToSi(claim, claim.low);
  const std::optional<double> claim_high = ToSi(claim, claim.high);
  const std::optional<double> source_low = ToSi(source, source.low);
  const std::optional<double> source_high = ToSi(source, source.high);
  auto verdict = [&](Verdict v, const std::string& claim_text) {
    c.verdict = v;
    char pct[32];
    std::snprintf(pct, sizeof pct, " (%.1f%%)", 100.0 * c.relative_difference);
    c.how = src + ", " + claim_text + ": " + VerdictName(v) +
            (v == Verdict::kSame ? std::string() : std::string(pct));
    return c;
  };

  if (claim_low || claim_high) {
    std::string text = "claim ";
    if (claim_low && claim_high) {
      text += FormatNumber(*claim_low) + " to " + FormatNumber(*claim_high) + " " + claim.si_unit;
    } else {
      text += (claim_low ? ">" : "<") + FormatNumber(claim_low ? *claim_low : *claim_high) + " " +
              claim.si_unit;
    }
    const bool same_bounds = claim_low.has_value() == source_low.has_value() &&
                             claim_high.has_value() == source_high.has_value() &&
                             (!claim_low || Near(*claim_low, *source_low)) &&
                             (!claim_high || Near(*claim_high, *source_high));
    if (same_bounds) return verdict(Verdict::kSame, text);
    // The source's figure (its range, when it gives one) must lie within the claim's bounds.
    const double lo = source_low.value_or(source_si), hi = source_high.value_or(source_si);
    const bool above = !claim_low || (claim_high ? lo >= *claim_low : lo > *claim_low);
    const bool below = !claim_high || (claim_low ? hi <= *claim_high : hi < *claim_high);
    return verdict(above && below ? Verdict::kRounded : Verdict::kDifferent, text);
  }

  if (!source_low && !source_high && Near(source_si, claim_si)) {
    return verdict(Verdict::kSame, ClaimText(claim, ""));
  }
  if (source_low && source_high) {
    // A stored range: a claim value inside it is consistent with it.
    const bool inside = claim_si >= *source_low - 1e-9 * std::fabs(*source_low) &&
                        claim_si <= *source_high + 1e-9 * std::fabs(*source_high);
    return verdict(inside ? Verdict::kRounded : Verdict::kDifferent, ClaimText(claim, "≈"));
  }
  const double in_claim_unit = InClaimUnit(source_si, claim);
  const double step = PrecisionStep(claim);
  const bool rounds = std::fabs(in_claim_unit - claim.value) <= step / 2 * (1 + 1e-9);
  const bool approx =
      claim.approx && std::fabs(source_si - claim_si) <= kApproxTolerance * std::fabs(claim_si);
  if (rounds || approx) return verdict(Verdict::kRounded, ClaimText(claim, "≈"));
  return verdict(Verdict::kDifferent, ClaimText(claim, ""));
}

// The significant digits of a value: 11.7 -> "117", 25,000 -> "25", 0.036 -> "36".
namespace {

std::string SignificantDigits(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", std::fabs(v));
  std::string digits;
  for (const char* p = buf; *p != '\0' && *p != 'e'; ++p) {
    if (*p >= '0' && *p <= '9') digits += *p;
  }
  const size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return "0";
  digits.erase(0, first);
  digits.erase(digits.find_last_not_of('0') + 1);
  return digits;
}

}  // namespace

bool LikelyMiswrite(const Quantity& claimed, const Quantity& source) {
  if (!claimed.si_value || !source.si_value) return false;
  const std::string a = SignificantDigits(*claimed.si_value);
  const std::string b = SignificantDigits(*source.si_value);
  if (a == b) return true;
  if (a.size() != b.size() || a.size() < 2) return false;
  size_t changed = 0;
  for (size_t i = 0; i < a.size(); ++i) changed += a[i] != b[i];
  if (changed == 1) return true;
  std::string x = a, y = b;
  std::sort(x.begin(), x.end());
  std::sort(y.begin(), y.end());
  return changed == 2 && x == y;
}

}  // namespace newsfacts::factcheck
