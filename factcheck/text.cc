#include "factcheck/text.h"

#include <algorithm>
#include <set>

#include "common/utf8.h"
#include "normalise/normalise.h"

namespace newsfacts::factcheck {
namespace {

const std::set<std::string>& StopWords() {
  static const std::set<std::string> words = {
      "the",     "and",    "for",     "that",  "with",  "from",  "was",    "were",   "are",
      "has",     "have",   "had",     "this",  "these", "those", "its",    "their",  "his",
      "her",     "they",   "than",    "more",  "less",  "about", "some",   "nearly", "almost",
      "over",    "under",  "into",    "but",   "not",   "been",  "will",   "would",  "which",
      "who",     "what",   "when",    "where", "said",  "says",  "per",    "cent",   "percent",
      "between", "around", "roughly", "only",  "also",  "after", "before", "since",  "during",
      "while",   "there",  "then",    "them",  "our",   "out",   "all",    "any",    "each",
      "other",   "such",   "most",    "many",  "much",  "very"};
  return words;
}

// Calls fn(word, has_digit) for every lower-cased run of letters and digits of text.
template <typename Fn>
void ForEachWord(std::string_view text, Fn fn) {
  std::string word;
  bool digit = false;
  auto flush = [&] {
    if (!word.empty()) fn(word, digit);
    word.clear();
    digit = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80 && !IsUtf8ContinuationByte(text[i])) {
      size_t next = i;
      const char32_t cp = DecodeUtf8(text, &next);
      if (cp >= 0x2018 && cp <= 0x201D) {  // the curly quotes
        flush();
        i = next - 1;
        continue;
      }
    }
    if ((c >= 'a' && c <= 'z') || c >= 0x80) {
      word += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      word += static_cast<char>(c - 'A' + 'a');
    } else if (c >= '0' && c <= '9') {
      digit = true;
      word += text[i];
    } else {
      flush();
    }
  }
  flush();
}

std::string Singular(const std::string& w) {
  const auto ends = [&](std::string_view tail) {
    return w.size() > tail.size() && w.compare(w.size() - tail.size(), tail.size(), tail) == 0;
  };
  if (w.size() > 4 && ends("ies")) return w.substr(0, w.size() - 3) + "y";
  if (w.size() > 3 && ends("s") && !ends("ss") && !ends("us") && !ends("is")) {
    return w.substr(0, w.size() - 1);
  }
  return w;
}

}  // namespace

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  ForEachWord(text, [&](const std::string& word, bool digit) {
    if (word.size() >= 3 && !digit && !StopWords().count(word)) {
      out.push_back(word.size() >= 6 ? word.substr(0, 5) : word);
    }
  });
  return out;
}

std::vector<bool> FindWords(std::string_view text, const std::vector<std::string>& wanted) {
  std::vector<bool> found(wanted.size(), false);
  ForEachWord(text, [&](const std::string& word, bool digit) {
    if (word.size() < 3 || digit) return;
    const std::string_view stem = std::string_view(word).substr(0, word.size() >= 6 ? 5 : 6);
    for (size_t i = 0; i < wanted.size(); ++i) {
      if (!found[i] && wanted[i] == stem) found[i] = true;
    }
  });
  return found;
}

std::string FoldSubject(std::string_view subject) {
  std::string out;
  ForEachWord(subject, [&](const std::string& word, bool) {
    if (word.size() < 3 || StopWords().count(word)) return;
    if (!out.empty()) out += ' ';
    out += Singular(word);
  });
  return out;
}

Sentences::Sentences(std::string_view text)
    : text_(text), byte_of_cp_(CodePointOffsets(text)), cp_of_byte_(CodePointIndex(text)) {}

const std::vector<Sentences::Sentence>& Sentences::LineLocked(size_t begin) const {
  auto [it, added] = lines_.try_emplace(begin);
  if (!added) return it->second;
  size_t end = text_.find('\n', begin);
  if (end == std::string_view::npos) end = text_.size();
  for (const auto& [b, e] : SentenceRanges(text_.substr(begin, end - begin))) {
    it->second.push_back({begin + b, begin + e, {cp_of_byte_[begin + b], cp_of_byte_[begin + e]}});
  }
  return it->second;
}

size_t Sentences::ByteOf(int64_t cp) const {
  const auto last = static_cast<int64_t>(byte_of_cp_.size()) - 1;
  return byte_of_cp_[static_cast<size_t>(std::clamp<int64_t>(cp, 0, last))];
}

Sentences::Sentence Sentences::At(int64_t cp) const {
  const auto last = static_cast<int64_t>(byte_of_cp_.size()) - 1;
  const int64_t c = std::clamp<int64_t>(cp, 0, last);
  const size_t byte = ByteOf(c);
  const size_t nl = byte == 0 ? std::string_view::npos : text_.rfind('\n', byte - 1);
  const size_t line = nl == std::string_view::npos ? 0 : nl + 1;
  std::lock_guard<std::mutex> lock(mu_);
  for (const Sentence& s : LineLocked(line)) {
    if (byte >= s.begin && byte < s.end) return s;
  }
  return {byte, byte, {c, c}};
}

const std::vector<Sentences::Sentence>& Sentences::all() const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!all_done_) {
    for (size_t begin = 0; begin < text_.size();) {
      const std::vector<Sentence>& line = LineLocked(begin);
      all_.insert(all_.end(), line.begin(), line.end());
      const size_t nl = text_.find('\n', begin);
      if (nl == std::string_view::npos) break;
      begin = nl + 1;
    }
    all_done_ = true;
  }
  return all_;
}

}  // namespace newsfacts::factcheck
