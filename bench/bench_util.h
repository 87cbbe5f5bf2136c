// Shared pieces of the benchmark programs in bench/.
#pragma once

#include <time.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace newsfacts::bench {

// CPU time of this process in seconds: on a shared machine, wall time counts other
// people's work.
inline double CpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

struct Sentence {
  std::string text;
  std::optional<std::string> reference;  // "reference" or "published", when given
};

// The "text" of every JSON Lines object in path that has one; lines without are skipped.
inline std::vector<Sentence> ReadSentences(const std::string& path) {
  std::vector<Sentence> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    auto obj = nlohmann::json::parse(line, nullptr, false);
    if (obj.is_discarded() || !obj.is_object() || !obj.contains("text") || !obj["text"].is_string())
      continue;
    Sentence s;
    s.text = obj["text"].get<std::string>();
    for (const char* key : {"reference", "published"}) {
      if (obj.contains(key) && obj[key].is_string()) s.reference = obj[key].get<std::string>();
    }
    out.push_back(std::move(s));
  }
  return out;
}

// Times extract(i) over cases 0..count-1, pass after pass, until `seconds` of CPU time
// have gone (extract returns how many facts case i gave), and prints one line:
// "<what>: N sentences (count distinct), R sentences/s, F facts/sentence, CPU T s".
template <typename Extract>
void TimeSentences(const char* what, size_t count, double seconds, Extract extract) {
  size_t sentences = 0, facts = 0;
  const double start = CpuSeconds();
  double elapsed = 0;
  while (elapsed < seconds) {
    for (size_t i = 0; i < count; ++i) {
      facts += extract(i);
      ++sentences;
    }
    elapsed = CpuSeconds() - start;
  }
  std::printf(
      "%s: %zu sentences (%zu distinct), %.0f sentences/s, %.2f facts/sentence, CPU %.2f s\n", what,
      sentences, count, static_cast<double>(sentences) / elapsed,
      static_cast<double>(facts) / static_cast<double>(sentences), elapsed);
}

}  // namespace newsfacts::bench
