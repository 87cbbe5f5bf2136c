#include "web/chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

#include "extract/date_math.h"
#include "web/html.h"

namespace newsfacts::web {
namespace {

using extract_internal::CivilDate;
using extract_internal::FormatIso;
using extract_internal::FromDays;
using extract_internal::ParseIsoDate;
using extract_internal::ToDays;

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// A "nice" upper bound for the value axis: 1, 2 or 5 times a power of ten at or above max.
double NiceCeiling(double max) {
  if (!(max > 0)) return 1;
  const double p = std::pow(10.0, std::floor(std::log10(max)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * p >= max) return m * p;
  }
  return 10 * p;
}

std::string DateOf(long days) { return FormatIso(FromDays(days)); }

struct Dot {
  long day;
  double value;
  const ChartPoint* point;
};

// The points with a finite value and a date.
std::vector<Dot> DotsOf(const std::vector<ChartPoint>& points) {
  std::vector<Dot> dots;
  for (const ChartPoint& p : points) {
    long day = 0;
    if (!std::isfinite(p.value) || !DayNumber(p.date, &day)) continue;
    dots.push_back({day, p.value, &p});
  }
  return dots;
}

// The plot area inside the margins, its date and value ranges, and where a day and a value
// are drawn.
struct Frame {
  double left = 70, right = 20, top = 26, bottom = 34;
  double pw = 0, ph = 0;  // the plot's width and height
  long d0 = 0, d1 = 0;    // first and last day
  double lo = 0, hi = 1;  // the value axis

  double X(long day) const {
    if (d1 == d0) return left + pw / 2;
    return left + pw * static_cast<double>(day - d0) / static_cast<double>(d1 - d0);
  }
  double Y(double v) const { return top + ph * (hi - v) / (hi - lo); }
};

// The frame of a w × h chart of dots (at least one).
Frame FrameOf(int w, int h, const std::vector<Dot>& dots) {
  Frame f;
  f.pw = w - f.left - f.right;
  f.ph = h - f.top - f.bottom;
  f.d0 = f.d1 = dots.front().day;
  double vmin = dots.front().value, vmax = vmin;
  for (const Dot& d : dots) {
    f.d0 = std::min(f.d0, d.day);
    f.d1 = std::max(f.d1, d.day);
    vmin = std::min(vmin, d.value);
    vmax = std::max(vmax, d.value);
  }
  // Amounts are drawn from zero; a negative figure (a change, a balance) widens the axis down.
  f.lo = vmin < 0 ? -NiceCeiling(-vmin) : 0;
  f.hi = vmax > 0 ? NiceCeiling(vmax) : 1;
  return f;
}

// The two axes, the value grid with its labels, and the unit above the value axis.
std::string Axes(const Frame& f, const std::string& unit) {
  const std::string axis = "stroke=\"#9aa3ad\" stroke-width=\"1\"";
  std::string svg = "<line x1=\"" + Num(f.left) + "\" y1=\"" + Num(f.top) + "\" x2=\"" +
                    Num(f.left) + "\" y2=\"" + Num(f.top + f.ph) + "\" " + axis + "/>";
  svg += "<line x1=\"" + Num(f.left) + "\" y1=\"" + Num(f.Y(0)) + "\" x2=\"" + Num(f.left + f.pw) +
         "\" y2=\"" + Num(f.Y(0)) + "\" " + axis + "/>";
  for (double v : {f.lo, (f.lo + f.hi) / 2, f.hi}) {
    const double y = f.Y(v);
    svg += "<line x1=\"" + Num(f.left) + "\" y1=\"" + Num(y) + "\" x2=\"" + Num(f.left + f.pw) +
           "\" y2=\"" + Num(y) + "\" stroke=\"#e3e7eb\" stroke-width=\"1\"/>";
    svg += "<text x=\"" + Num(f.left - 6) + "\" y=\"" + Num(y + 4) +
           "\" text-anchor=\"end\" font-size=\"11\" fill=\"#555\">" + Escape(FormatNumber(v)) +
           "</text>";
  }
  if (!unit.empty()) {
    svg += "<text x=\"" + Num(f.left) + "\" y=\"" + Num(f.top - 12) +
           "\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">" + Escape(unit) + "</text>";
  }
  return svg;
}

// The first and last date under the time axis (one date when they are the same day).
std::string DateLabels(const Frame& f) {
  const double base = f.top + f.ph + 18;
  if (f.d1 == f.d0) {
    return "<text x=\"" + Num(f.X(f.d0)) + "\" y=\"" + Num(base) +
           "\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">" + DateOf(f.d0) + "</text>";
  }
  return "<text x=\"" + Num(f.left) + "\" y=\"" + Num(base) +
         "\" text-anchor=\"start\" font-size=\"11\" fill=\"#555\">" + DateOf(f.d0) + "</text>" +
         "<text x=\"" + Num(f.left + f.pw) + "\" y=\"" + Num(base) +
         "\" text-anchor=\"end\" font-size=\"11\" fill=\"#555\">" + DateOf(f.d1) + "</text>";
}

// A line through the dots in date order shows the drift; dots carry the detail.
std::string Series(const Frame& f, const std::vector<Dot>& dots) {
  std::vector<const Dot*> order;
  for (const Dot& d : dots) order.push_back(&d);
  std::stable_sort(order.begin(), order.end(),
                   [](const Dot* a, const Dot* b) { return a->day < b->day; });
  std::string svg;
  if (f.d1 > f.d0) {
    svg += "<polyline fill=\"none\" stroke=\"#7aa6d6\" stroke-width=\"1.5\" points=\"";
    for (const Dot* d : order) svg += Num(f.X(d->day)) + "," + Num(f.Y(d->value)) + " ";
    svg += "\"/>";
  }
  for (const Dot* d : order) {
    const std::string circle = "<circle class=\"dot\" cx=\"" + Num(f.X(d->day)) + "\" cy=\"" +
                               Num(f.Y(d->value)) +
                               "\" r=\"5\" fill=\"#1f5fa8\" stroke=\"#fff\" stroke-width=\"1.5\">"
                               "<title>" +
                               Escape(d->point->label) + "</title></circle>";
    if (d->point->href.empty()) {
      svg += circle;
    } else {
      svg += "<a href=\"" + Escape(d->point->href) + "\">" + circle + "</a>";
    }
  }
  return svg;
}

}  // namespace

bool DayNumber(const std::string& text, long* days) {
  const std::optional<CivilDate> date = ParseIsoDate(text);
  if (!date) return false;
  *days = static_cast<long>(ToDays(*date));
  return true;
}

std::string HistoryChart(const std::vector<ChartPoint>& points, const ChartOptions& options) {
  const int w = std::max(options.width, 200);
  const int h = std::max(options.height, 120);
  const std::vector<Dot> dots = DotsOf(points);
  std::string svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                    std::to_string(w) + "\" height=\"" + std::to_string(h) + "\" viewBox=\"0 0 " +
                    std::to_string(w) + " " + std::to_string(h) +
                    "\" role=\"img\" aria-label=\"figures over time\">";
  if (dots.empty()) {
    svg += "<text x=\"" + Num(w / 2.0) + "\" y=\"" + Num(h / 2.0) +
           "\" text-anchor=\"middle\" fill=\"#666\" font-size=\"13\">no dated figures</text></svg>";
    return svg;
  }
  const Frame f = FrameOf(w, h, dots);
  svg += Axes(f, options.unit) + DateLabels(f) + Series(f, dots) + "</svg>";
  return svg;
}

}  // namespace newsfacts::web
