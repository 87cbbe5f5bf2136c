// Comparing a claim's figure with a stored figure: the arithmetic behind `check`'s verdicts
// (docs/factcheck.md, "Verdicts": same, rounded, different, related).
//
// Both figures are quantities as the quantity rules make them (common/article.h): a value as
// written after scale words, a unit, an SI value and unit, `approx`, and `low`/`high` bounds.
// They are comparable when their SI units are equal (currencies: the same ISO 4217 code);
// otherwise the verdict is `related` (same subject, no comparable figure).
//
// The verdicts, for comparable figures:
//   same       the same amount after unit and scale conversion ("27" and "twenty-seven",
//              "$2.5bn" and "$2,500 million", "3 years" and "36 months"): the SI values agree
//              to one part in a million;
//   rounded    the claim is less precise but consistent with the source:
//              - a rounding: the source, expressed in the claim's unit, rounds to the claim's
//                value at the claim's own precision (the last significant digit as written:
//                "140 million" is to the ten million, "8.2 tonnes" to the tenth of a tonne,
//                a spelled number under a hundred is exact); a claim marked approx ("about",
//                "nearly") also accepts a source within 5% of it;
//              - a bound the source satisfies: "more than 2 million" (low only) for 2.3
//                million, "up to 40" (high only) for 35, "between 20 and 30" for 24;
//   different  comparable, and none of the above (a wrong digit, scale, unit or bound).
//
// Documented choices: temperatures are compared in the claim's own scale (Fahrenheit, Celsius
// or kelvin), so precision is in the claim's degrees; rates are compared in SI (a per-day and
// a per-week figure of the same rate are the same amount); a stored range compared with a
// single claim value is `rounded` when the value lies inside it, `same` only against a claim
// range with the same ends.
//
// Thread safety: pure functions.
#pragma once

#include <string>

#include "common/article.h"

namespace newsfacts::factcheck {

enum class Verdict { kSame, kRounded, kDifferent, kRelated };

// "same", "rounded", "different", "related".
const char* VerdictName(Verdict v);

struct Comparison {
  Verdict verdict = Verdict::kRelated;
  // How, for people: "source 137,000,000 USD, claim ≈140,000,000 USD: rounded (2.2%)".
  std::string how;
  // |source - claim| / |source| in SI, or 0 when not comparable (for ranking).
  double relative_difference = 0;
};

// Compares claim (from the claim's text) with source (a stored figure).
Comparison Compare(const Quantity& claim, const Quantity& source);

// The step of the claim's precision in its own value's terms: 10 for "140", 0.1 for "8.2",
// 1,000 for "2,000", 1 for "twenty-seven"; times the scale word ("140 million": 1e7).
double PrecisionStep(const Quantity& q);

// v for people: seven significant digits at most, thousands separated by commas, trailing
// zeros dropped ("1,234,567.5", "8.2", "-0.5"); from 1e15 up, printf's "%.6g"; "" for NaN or
// infinity.
std::string FormatNumber(double v);

// Whether a claimed amount reads like the source's written wrong rather than another
// amount: the same digits at another scale ("$60 million" for $6 million, "25,000" for
// 2,500), two digits swapped ("6.3%" for 3.6%) or one digit changed ("11.7" for 11.1).
// Among a sentence's figures that a claim contradicts, such a one is likelier the figure
// the claim misquotes than the nearest amount.
bool LikelyMiswrite(const Quantity& claimed, const Quantity& source);

}  // namespace newsfacts::factcheck
