#include "cli/process.h"

#include <cctype>
#include <cstdio>

#include "extract/date_math.h"
#include "normalise/normalise.h"
#include "url/url.h"

namespace newsfacts::cli {
namespace {

// Reads exactly n digits at s[*i].
bool Digits(const std::string& s, size_t* i, size_t n, int* out) {
  if (*i + n > s.size()) return false;
  int v = 0;
  for (size_t k = 0; k < n; ++k) {
    char c = s[*i + k];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *i += n;
  *out = v;
  return true;
}

// raw without the white space around it.
std::string Trimmed(const std::string& raw) {
  std::string s = raw;
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  size_t start = 0;
  while (start < s.size() && std::isspace(static_cast<unsigned char>(s[start]))) ++start;
  return s.substr(start);
}

// Reads "YYYY-MM-DD" at s[*i]; false when it is not there or not a real date.
bool ReadDate(const std::string& s, size_t* i, int* y, int* mo, int* d) {
  if (!Digits(s, i, 4, y) || *i >= s.size() || s[(*i)++] != '-' || !Digits(s, i, 2, mo) ||
      *i >= s.size() || s[(*i)++] != '-' || !Digits(s, i, 2, d)) {
    return false;
  }
  return extract_internal::IsValidDate(*y, *mo, *d);
}

// Reads "HH:MM", then optionally ":SS" and a fraction (dropped), at s[*i]; false when it is
// not there or out of range. A leap second becomes second 59 of its minute.
bool ReadTime(const std::string& s, size_t* i, int* h, int* mi, int* sec) {
  *sec = 0;
  if (!Digits(s, i, 2, h) || *i >= s.size() || s[(*i)++] != ':' || !Digits(s, i, 2, mi)) {
    return false;
  }
  if (*i < s.size() && s[*i] == ':') {
    ++*i;
    if (!Digits(s, i, 2, sec)) return false;
    if (*i < s.size() && (s[*i] == '.' || s[*i] == ',')) {
      ++*i;
      while (*i < s.size() && std::isdigit(static_cast<unsigned char>(s[*i]))) ++*i;
    }
  }
  if (*h > 24 || *mi > 59 || *sec > 60 || (*h == 24 && (*mi || *sec))) return false;
  if (*sec == 60) *sec = 59;  // a leap second stays within its minute
  return true;
}

// Reads an optional zone at s[*i]: "Z", or "+HH[:MM]" / "-HH[:MM]". *zoned tells whether one
// was there, *offset_minutes its offset from UTC. False when a zone is malformed.
bool ReadZone(const std::string& s, size_t* i, bool* zoned, int* offset_minutes) {
  *zoned = false;
  *offset_minutes = 0;
  if (*i >= s.size()) return true;
  if (s[*i] == 'Z' || s[*i] == 'z') {
    *zoned = true;
    ++*i;
  } else if (s[*i] == '+' || s[*i] == '-') {
    int sign = s[*i] == '-' ? -1 : 1;
    ++*i;
    int oh, om = 0;
    if (!Digits(s, i, 2, &oh)) return false;
    if (*i < s.size() && s[*i] == ':') ++*i;
    if (*i < s.size() && !Digits(s, i, 2, &om)) return false;
    if (oh > 23 || om > 59) return false;
    *offset_minutes = sign * (oh * 60 + om);
    *zoned = true;
  }
  return true;
}

// The local date and time, offset_minutes ahead of UTC, as "YYYY-MM-DDTHH:MM:SSZ" in UTC;
// nullopt when that falls outside the years 0000..9999.
std::optional<std::string> UtcText(const extract_internal::CivilDate& date, int h, int mi, int sec,
                                   int offset_minutes) {
  const int64_t minutes = extract_internal::ToDays(date) * 1440 + h * 60 + mi - offset_minutes;
  const int64_t days = minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440);
  const int64_t rem = minutes - days * 1440;
  const extract_internal::CivilDate utc = extract_internal::FromDays(days);
  if (utc.year < 0 || utc.year > 9999) return std::nullopt;  // no four-digit year in UTC
  char out[64];
  std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02lld:%02lld:%02dZ", utc.year, utc.month, utc.day,
                static_cast<long long>(rem / 60), static_cast<long long>(rem % 60), sec);
  return std::string(out);
}

}  // namespace

std::optional<std::string> NormaliseTimestamp(const std::string& raw, std::string* local_date) {
  const std::string s = Trimmed(raw);
  size_t i = 0;
  int y = 0, mo = 0, d = 0;
  if (!ReadDate(s, &i, &y, &mo, &d)) return std::nullopt;
  char date[32];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", y, mo, d);
  if (local_date) *local_date = date;
  if (i == s.size()) return std::string(date);
  if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return std::nullopt;
  ++i;
  int h, mi, sec;
  if (!ReadTime(s, &i, &h, &mi, &sec)) return std::nullopt;
  int offset_minutes;
  bool zoned;
  if (!ReadZone(s, &i, &zoned, &offset_minutes) || i != s.size()) return std::nullopt;
  if (zoned) return UtcText({y, mo, d}, h, mi, sec, offset_minutes);
  char out[64];
  std::snprintf(out, sizeof out, "%sT%02d:%02d:%02d", date, h, mi, sec);
  return std::string(out);
}

Article ReextractArticle(Article a, const RuleBook& rules) {
  a.quantities.clear();
  a.dates.clear();
  a.officials.clear();
  a.quotes.clear();
  a.ruleset_versions.reset();  // the store takes the run's
  // Articles stored before the reference date was kept: their publication date (UTC).
  if (!a.reference_date && a.published && a.published->size() >= 10) {
    a.reference_date = a.published->substr(0, 10);
  }
  Context context;
  if (a.reference_date) context.reference_date = *a.reference_date;
  ExtractAll(rules, context, &a);
  ConvertSpansToCodePoints(&a);
  return a;
}

Result<Article> ProcessItem(const Item& item, const RuleBook& rules) {
  if (item.stored) return ReextractArticle(*item.stored, rules);
  NormaliseOptions options;
  if (item.url) options.url = *item.url;
  options.charset_hint = item.charset_hint;
  Result<Document> doc = item.format == InputFormat::kText ? NormaliseText(item.bytes, options)
                                                           : NormaliseHtml(item.bytes, options);
  if (!doc.ok()) return doc.status();

  Article a;
  a.id = item.id;
  a.url = item.url;
  a.canonical_url = doc->canonical_url;
  a.site = SiteOf(a.canonical_url ? *a.canonical_url : a.url.value_or(""));
  a.title = doc->title;
  a.byline = doc->byline;
  a.language = doc->language;
  a.text = std::move(doc->text);
  a.captions = std::move(doc->captions);

  Context context;
  // The caller's --published (or the JSON Lines field) wins over the page's own.
  const std::optional<std::string>& published = item.published ? item.published : doc->published;
  if (published) {
    std::string local_date;
    a.published = NormaliseTimestamp(*published, &local_date);
    if (a.published) {
      context.reference_date = local_date;
      a.reference_date = local_date;
    }
  }
  a.archive = item.archive;
  ExtractAll(rules, context, &a);
  ConvertSpansToCodePoints(&a);
  return a;
}

}  // namespace newsfacts::cli
