#include "normalise/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <climits>
#include <memory>

#include "common/utf8.h"

namespace newsfacts::normalise_internal {
namespace {

constexpr size_t kSniffBytes = 8192;
constexpr size_t kPrescanBytes = 1024;
constexpr int kMinDetectorConfidence = 50;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  const char* ws = " \t\r\n\f\"'";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

// Binary data: NUL bytes or many control bytes in the sample. ESC (ISO-2022) and
// form feed are not counted.
bool LooksBinary(std::string_view sample) {
  if (sample.empty()) return false;
  size_t nul = 0, control = 0;
  for (unsigned char c : sample) {
    if (c == 0) {
      ++nul;
    } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != 0x0C && c != 0x1B) {
      ++control;
    }
  }
  // One stray NUL in a long page is damage, not binary; a few in a short one is not text.
  if (nul > 0 && (nul * 200 > sample.size() || nul >= 8)) return true;
  return (nul + control) * 10 > sample.size();
}

// True when the bytes contain at least one well-formed multi-byte UTF-8 sequence.
bool HasMultiByteUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) >= 0x80 && Utf8SequenceLength(s, i) > 1) return true;
  }
  return false;
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// Decodes with ICU; unmappable or illegal sequences become U+FFFD.
bool DecodeWith(std::string_view bytes, const std::string& charset, std::string* out) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(charset.c_str(), &status));
  if (U_FAILURE(status)) return false;
  if (bytes.size() > static_cast<size_t>(INT_MAX / 4)) return false;
  const int32_t in_len = static_cast<int32_t>(bytes.size());
  int32_t capacity = in_len * 3 + 16;
  for (int attempt = 0; attempt < 2; ++attempt) {
    out->resize(static_cast<size_t>(capacity));
    status = U_ZERO_ERROR;
    ucnv_resetToUnicode(conv.get());
    int32_t n = ucnv_toAlgorithmic(UCNV_UTF8, conv.get(), out->data(), capacity, bytes.data(),
                                   in_len, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) {
      if (n <= capacity || n > INT_MAX - 16) return false;
      capacity = n + 16;
      continue;
    }
    if (U_FAILURE(status)) return false;
    out->resize(static_cast<size_t>(n));
    // Single-byte converters substitute U+001A (SUB) for unmapped bytes.
    std::string fixed;
    fixed.reserve(out->size());
    for (char c : *out) {
      if (c == '\x1A') {
        fixed += "\xEF\xBF\xBD";
      } else {
        fixed += c;
      }
    }
    out->swap(fixed);
    return true;
  }
  return false;
}

std::string DetectCharset(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&status);
  if (U_FAILURE(status)) return {};
  std::string result;
  std::string_view sample = bytes.substr(0, 64 * 1024);
  ucsdet_setText(det, sample.data(), static_cast<int32_t>(sample.size()), &status);
  ucsdet_enableInputFilter(det, true);  // ignore markup
  const UCharsetMatch* match = ucsdet_detect(det, &status);
  if (U_SUCCESS(status) && match != nullptr) {
    int32_t confidence = ucsdet_getConfidence(match, &status);
    const char* name = ucsdet_getName(match, &status);
    if (U_SUCCESS(status) && name != nullptr && confidence >= kMinDetectorConfidence) {
      result = ResolveCharsetLabel(name);
    }
  }
  ucsdet_close(det);
  return result;
}

// Value of the attribute `name` inside one tag's text, or npos-less empty.
bool FindAttr(std::string_view tag_lower, std::string_view tag, std::string_view name,
              std::string* value) {
  size_t pos = 0;
  while ((pos = tag_lower.find(name, pos)) != std::string_view::npos) {
    bool boundary_before = pos > 0 && (tag_lower[pos - 1] == ' ' || tag_lower[pos - 1] == '\t' ||
                                       tag_lower[pos - 1] == '\n' || tag_lower[pos - 1] == '\r' ||
                                       tag_lower[pos - 1] == '/' || tag_lower[pos - 1] == '"' ||
                                       tag_lower[pos - 1] == '\'');
    size_t p = pos + name.size();
    while (p < tag_lower.size() && (tag_lower[p] == ' ' || tag_lower[p] == '\t')) ++p;
    if (!boundary_before || p >= tag_lower.size() || tag_lower[p] != '=') {
      pos += name.size();
      continue;
    }
    ++p;
    while (p < tag_lower.size() && (tag_lower[p] == ' ' || tag_lower[p] == '\t')) ++p;
    if (p >= tag.size()) return false;
    char quote = tag[p];
    size_t end;
    if (quote == '"' || quote == '\'') {
      ++p;
      end = tag.find(quote, p);
      if (end == std::string_view::npos) end = tag.size();
    } else {
      end = tag.find_first_of(" \t\r\n>/", p);
      if (end == std::string_view::npos) end = tag.size();
    }
    *value = std::string(tag.substr(p, end - p));
    return true;
  }
  return false;
}

}  // namespace

std::string ResolveCharsetLabel(std::string_view label) {
  std::string l = Lower(Trim(label));
  if (l.empty()) return {};
  if (l == "utf8" || l == "utf-8" || l == "unicode-1-1-utf-8") return "UTF-8";
  if (l == "iso-8859-1" || l == "iso8859-1" || l == "iso_8859-1" || l == "latin1" ||
      l == "latin-1" || l == "l1" || l == "ascii" || l == "us-ascii" || l == "cp819" ||
      l == "ibm819" || l == "iso-ir-100" || l == "cp1252" || l == "windows-1252" ||
      l == "x-cp1252" || l == "iso_8859-1:1987" || l == "csisolatin1") {
    return "windows-1252";
  }
  // HTML: gb2312 and gbk labels mean GBK; decode with the GB18030 superset.
  if (l == "gb2312" || l == "gbk" || l == "x-gbk" || l == "gb_2312-80") return "GB18030";
  UErrorCode status = U_ZERO_ERROR;
  UConverter* c = ucnv_open(l.c_str(), &status);
  if (U_FAILURE(status)) return {};
  ucnv_close(c);
  return l;
}

std::string PrescanMetaCharset(std::string_view bytes) {
  std::string_view head = bytes.substr(0, kPrescanBytes);
  std::string lower = Lower(head);
  size_t pos = 0;
  while ((pos = lower.find("<meta", pos)) != std::string::npos) {
    size_t end = lower.find('>', pos);
    if (end == std::string::npos) end = lower.size();
    std::string_view tag_lower(lower.data() + pos, end - pos);
    std::string_view tag = head.substr(pos, end - pos);
    std::string value;
    if (FindAttr(tag_lower, tag, "charset", &value) && !Trim(value).empty()) {
      return std::string(Trim(value));
    }
    if (FindAttr(tag_lower, tag, "content", &value)) {
      std::string v = Lower(value);
      size_t c = v.find("charset");
      if (c != std::string::npos) {
        size_t eq = v.find('=', c);
        if (eq != std::string::npos) {
          size_t stop = v.find_first_of(";, ", eq + 1);
          std::string_view name = Trim(std::string_view(v).substr(
              eq + 1, stop == std::string::npos ? std::string::npos : stop - eq - 1));
          if (!name.empty()) return std::string(name);
        }
      }
    }
    pos = end;
  }
  return {};
}

namespace {

// Removes a byte order mark from the front of *bytes; the charset it names, or "" when
// there is none.
std::string StripBom(std::string_view* bytes) {
  auto starts = [&](std::string_view p) { return bytes->substr(0, p.size()) == p; };
  if (starts("\xEF\xBB\xBF")) {
    bytes->remove_prefix(3);
    return "UTF-8";
  }
  if (starts("\xFF\xFE")) {
    bytes->remove_prefix(2);
    return "UTF-16LE";
  }
  if (starts("\xFE\xFF")) {
    bytes->remove_prefix(2);
    return "UTF-16BE";
  }
  return {};
}

// The charset to read ASCII-compatible bytes with: the byte order mark's, else the hint's,
// else a <meta> one's (when looked for), else UTF-8 when the bytes are valid UTF-8, else
// a guess from the bytes (windows-1252 when there is none).
std::string ChooseCharset(std::string_view bytes, bool valid_utf8, const std::string& bom,
                          std::string_view hint, bool look_for_meta) {
  std::string charset = bom;
  if (charset.empty()) charset = ResolveCharsetLabel(hint);
  if (charset.empty() && look_for_meta) {
    charset = ResolveCharsetLabel(PrescanMetaCharset(bytes));
    // A <meta> cannot truthfully claim UTF-16 for bytes we are reading as ASCII.
    if (Lower(charset).rfind("utf-16", 0) == 0) charset = "UTF-8";
  }
  if (charset.empty()) {
    if (valid_utf8) {
      charset = "UTF-8";
    } else {
      charset = DetectCharset(bytes);
      if (charset.empty() || charset == "UTF-8") charset = "windows-1252";
    }
  }
  return charset;
}

}  // namespace

Result<Decoded> DecodeToUtf8(std::string_view bytes, std::string_view hint, bool look_for_meta) {
  Decoded d;
  std::string bom_charset = StripBom(&bytes);

  if (bom_charset.empty()) {
    std::string hinted = ResolveCharsetLabel(hint);
    if (Lower(hinted).rfind("utf-16", 0) == 0) bom_charset = hinted;
  }
  if (Lower(bom_charset).rfind("utf-16", 0) == 0) {
    if (!DecodeWith(bytes, bom_charset, &d.utf8)) return InvalidInput("binary data, not text");
    if (LooksBinary(std::string_view(d.utf8).substr(0, kSniffBytes))) {
      return InvalidInput("binary data, not text");
    }
    d.charset = bom_charset;
    return d;
  }
  if (LooksBinary(bytes.substr(0, kSniffBytes))) return InvalidInput("binary data, not text");

  const bool valid_utf8 = IsValidUtf8(bytes);
  std::string charset = ChooseCharset(bytes, valid_utf8, bom_charset, hint, look_for_meta);
  if (charset == "UTF-8") {
    if (valid_utf8) {
      d.utf8 = std::string(bytes);
    } else if (!HasMultiByteUtf8(bytes)) {
      charset = "windows-1252";
    } else {
      d.utf8 = ScrubUtf8(bytes);
    }
  }
  if (charset != "UTF-8") {
    if (!DecodeWith(bytes, charset, &d.utf8)) {
      charset = "windows-1252";
      if (!DecodeWith(bytes, charset, &d.utf8)) d.utf8 = ScrubUtf8(bytes);
    }
  }
  d.charset = charset;
  return d;
}

}  // namespace newsfacts::normalise_internal
