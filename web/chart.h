// A figure's history as a small SVG chart, drawn on the server (no script, no external
// asset): one dot per stored figure, publication date across, value up, the axis starting at
// zero so that bars of memory are honest. Each dot links to its article and carries a
// tooltip (<title>).
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <vector>

namespace newsfacts::web {

struct ChartPoint {
  std::string date;   // YYYY-MM-DD (a longer ISO 8601 time is cut to its day)
  double value = 0;   // in the chart's unit
  std::string label;  // tooltip text, e.g. "8,222.5 kilograms — borderledger.example"
  std::string href;   // the link of the dot, a path on this server ("" for none)
};

struct ChartOptions {
  int width = 640;
  int height = 220;
  std::string unit;  // printed beside the value axis, e.g. "kg"
};

// The chart as an <svg> element, every text escaped. Points without a parseable date or with
// a non-finite value are left out; with no point left, the SVG says "no dated figures".
// One date (or one value) is drawn centred, never divided by zero.
std::string HistoryChart(const std::vector<ChartPoint>& points, const ChartOptions& options);

// Days since 1970-01-01 of a YYYY-MM-DD prefix of text, or false when it does not start
// with a real day (extract/date_math.h).
bool DayNumber(const std::string& text, long* days);

}  // namespace newsfacts::web
