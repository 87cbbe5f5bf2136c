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
  const double left = 70, right = 20, top = 26, bottom = 34;
  const double pw = w - left - right, ph = h - top - bottom;

  struct Dot {
    long day;
    double value;
    const ChartPoint* point;
  };
  std::vector<Dot> dots;
  for (const ChartPoint& p : points) {
    long day = 0;
    if (!std::isfinite(p.value) || !DayNumber(p.date, &day)) continue;
    dots.push_back({day, p.value, &p});
  }

  std::string svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                    std::to_string(w) + "\" height=\"" + std::to_string(h) + "\" viewBox=\"0 0 " +
                    std::to_string(w) + " " + std::to_string(h) +
                    "\" role=\"img\" aria-label=\"figures over time\">";
  if (dots.empty()) {
    svg += "<text x=\"" + Num(w / 2.0) + "\" y=\"" + Num(h / 2.0) +
           "\" text-anchor=\"middle\" fill=\"#666\" font-size=\"13\">no dated figures</text></svg>";
    return svg;
  }

  long d0 = dots.front().day, d1 = d0;
  double vmin = dots.front().value, vmax = vmin;
  for (const Dot& d : dots) {
    d0 = std::min(d0, d.day);
    d1 = std::max(d1, d.day);
    vmin = std::min(vmin, d.value);
    vmax = std::max(vmax, d.value);
  }
  // Amounts are drawn from zero; a negative figure (a change, a balance) widens the axis down.
  const double lo = vmin < 0 ? -NiceCeiling(-vmin) : 0;
  const double hi = vmax > 0 ? NiceCeiling(vmax) : 1;
  auto x_of = [&](long day) {
    if (d1 == d0) return left + pw / 2;
    return left + pw * static_cast<double>(day - d0) / static_cast<double>(d1 - d0);
  };
  auto y_of = [&](double v) { return top + ph * (hi - v) / (hi - lo); };

  const std::string axis = "stroke=\"#9aa3ad\" stroke-width=\"1\"";
  svg += "<line x1=\"" + Num(left) + "\" y1=\"" + Num(top) + "\" x2=\"" + Num(left) + "\" y2=\"" +
         Num(top + ph) + "\" " + axis + "/>";
  svg += "<line x1=\"" + Num(left) + "\" y1=\"" + Num(y_of(0)) + "\" x2=\"" + Num(left + pw) +
         "\" y2=\"" + Num(y_of(0)) + "\" " + axis + "/>";
  for (double v : {lo, (lo + hi) / 2, hi}) {
    const double y = y_of(v);
    svg += "<line x1=\"" + Num(left) + "\" y1=\"" + Num(y) + "\" x2=\"" + Num(left + pw) +
           "\" y2=\"" + Num(y) + "\" stroke=\"#e3e7eb\" stroke-width=\"1\"/>";
    svg += "<text x=\"" + Num(left - 6) + "\" y=\"" + Num(y + 4) +
           "\" text-anchor=\"end\" font-size=\"11\" fill=\"#555\">" + Escape(FormatNumber(v)) +
           "</text>";
  }
  if (!options.unit.empty()) {
    svg += "<text x=\"" + Num(left) + "\" y=\"" + Num(top - 12) +
           "\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">" + Escape(options.unit) +
           "</text>";
  }
  const double base = top + ph + 18;
  if (d1 == d0) {
    svg += "<text x=\"" + Num(x_of(d0)) + "\" y=\"" + Num(base) +
           "\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">" + DateOf(d0) + "</text>";
  } else {
    svg += "<text x=\"" + Num(left) + "\" y=\"" + Num(base) +
           "\" text-anchor=\"start\" font-size=\"11\" fill=\"#555\">" + DateOf(d0) + "</text>";
    svg += "<text x=\"" + Num(left + pw) + "\" y=\"" + Num(base) +
           "\" text-anchor=\"end\" font-size=\"11\" fill=\"#555\">" + DateOf(d1) + "</text>";
  }
  // A line through the dots in date order shows the drift; dots carry the detail.
  std::vector<const Dot*> order;
  for (const Dot& d : dots) order.push_back(&d);
  std::stable_sort(order.begin(), order.end(),
                   [](const Dot* a, const Dot* b) { return a->day < b->day; });
  if (d1 > d0) {
    svg += "<polyline fill=\"none\" stroke=\"#7aa6d6\" stroke-width=\"1.5\" points=\"";
    for (const Dot* d : order) svg += Num(x_of(d->day)) + "," + Num(y_of(d->value)) + " ";
    svg += "\"/>";
  }
  for (const Dot* d : order) {
    const std::string circle = "<circle class=\"dot\" cx=\"" + Num(x_of(d->day)) + "\" cy=\"" +
                               Num(y_of(d->value)) +
                               "\" r=\"5\" fill=\"#1f5fa8\" stroke=\"#fff\" stroke-width=\"1.5\">"
                               "<title>" +
                               Escape(d->point->label) + "</title></circle>";
    if (d->point->href.empty()) {
      svg += circle;
    } else {
      svg += "<a href=\"" + Escape(d->point->href) + "\">" + circle + "</a>";
    }
  }
  svg += "</svg>";
  return svg;
}

}  // namespace newsfacts::web
