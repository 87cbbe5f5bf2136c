#include "web/chart.h"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

namespace newsfacts::web {
namespace {

size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

TEST_CASE("DayNumber counts days since 1970-01-01") {
  long days = -1;
  REQUIRE(DayNumber("1970-01-01", &days));
  CHECK(days == 0);
  REQUIRE(DayNumber("2024-05-23T09:41:00Z", &days));
  CHECK(days == 19866);  // Python: (date(2024,5,23) - date(1970,1,1)).days
  REQUIRE(DayNumber("1969-12-31", &days));
  CHECK(days == -1);
  CHECK_FALSE(DayNumber("2024-5-23", &days));
  CHECK_FALSE(DayNumber("2024-13-01", &days));
  CHECK_FALSE(DayNumber("", &days));
}

TEST_CASE("HistoryChart places dots by date and value") {
  // Plot area: x from 70 to 620 (640 - 70 - 20), y from 26 to 186 (220 - 26 - 34). The value
  // axis runs from 0 to 200 (the nice ceiling of 200), so 100 is half way: y = 26 + 80.
  const std::string svg = HistoryChart(
      {{"2024-01-11", 200, "second", "/article?id=b"}, {"2024-01-01", 100, "first", ""}},
      {640, 220, "kg"});
  CHECK(svg.rfind("<svg ", 0) == 0);
  CHECK(svg.find("</svg>") == svg.size() - 6);
  CHECK(svg.find("cx=\"70.0\" cy=\"106.0\"") != std::string::npos);
  CHECK(svg.find("cx=\"620.0\" cy=\"26.0\"") != std::string::npos);
  CHECK(Count(svg, "<circle") == 2);
  CHECK(Count(svg, "<a href=\"/article?id=b\">") == 1);  // the first point has no link
  CHECK(svg.find("points=\"70.0,106.0 620.0,26.0 \"") != std::string::npos);  // date order
  CHECK(svg.find(">2024-01-01</text>") != std::string::npos);
  CHECK(svg.find(">2024-01-11</text>") != std::string::npos);
  CHECK(svg.find(">kg</text>") != std::string::npos);
  CHECK(svg.find(">200</text>") != std::string::npos);
}

TEST_CASE("HistoryChart: one date is centred, nothing drawable says so") {
  const std::string one =
      HistoryChart({{"2024-05-23", 5, "a", ""}, {"2024-05-23", 5, "b", ""}}, {640, 220, ""});
  CHECK(Count(one, "cx=\"345.0\"") == 2);             // 70 + 550 / 2
  CHECK(one.find("<polyline") == std::string::npos);  // no line through one day
  CHECK(one.find("nan") == std::string::npos);
  const std::string none =
      HistoryChart({{"undated", 5, "", ""}, {"2024-01-01", std::nan(""), "", ""}}, {});
  CHECK(none.find("no dated figures") != std::string::npos);
  CHECK(none.find("<circle") == std::string::npos);
  CHECK(HistoryChart({}, {}).find("no dated figures") != std::string::npos);
}

TEST_CASE("HistoryChart escapes labels, links and units") {
  const std::string svg =
      HistoryChart({{"2024-01-01", 1, "<script>alert(1)</script>", "/article?id=\"><img src=x>"}},
                   {640, 220, "<b>"});
  CHECK(svg.find("<script") == std::string::npos);
  CHECK(svg.find("<img") == std::string::npos);
  CHECK(svg.find("<b>") == std::string::npos);
  CHECK(svg.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(svg.find("href=\"/article?id=&quot;&gt;&lt;img src=x&gt;\"") != std::string::npos);
}

TEST_CASE("HistoryChart: negative values widen the axis below zero") {
  const std::string svg =
      HistoryChart({{"2024-01-01", -50, "", ""}, {"2024-02-01", 100, "", ""}}, {640, 220, ""});
  // Axis from -50 (the nice floor of -50) to 100: -50 at the bottom, 0 a third of the way up.
  CHECK(svg.find("cx=\"70.0\" cy=\"186.0\"") != std::string::npos);
  CHECK(svg.find("y1=\"132.7\"") != std::string::npos);  // the zero line: 26 + 160 * 100 / 150
  CHECK(svg.find("cx=\"620.0\" cy=\"26.0\"") != std::string::npos);
}

}  // namespace
}  // namespace newsfacts::web
