// Speed of the dates extractor on one core, sentence by sentence.
//
// Usage: bench_dates RULES_DIR CASES.jsonl [SECONDS]
// CASES.jsonl holds one object a line with "text" and optionally "reference" or
// "published" (YYYY-MM-DD), e.g. ../shared/bench/dates-dev.jsonl. Runs ExtractDates over
// every sentence again and again for about SECONDS (default 3) of CPU time and prints
// sentences per second in CPU time of this process (a shared machine's wall time counts
// other people's work). The rules are loaded once, before timing.

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "extract/extract.h"

namespace {

using newsfacts::bench::CpuSeconds;

struct Case {
  std::string text;
  newsfacts::Context context;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s RULES_DIR CASES.jsonl [SECONDS]\n", argv[0]);
    return 2;
  }
  const double seconds = argc > 3 ? std::atof(argv[3]) : 3.0;
  auto book = newsfacts::RuleBook::Load(argv[1]);
  if (!book.ok()) {
    std::fprintf(stderr, "%s\n", book.status().message().c_str());
    return 2;
  }
  std::vector<Case> cases;
  for (auto& sentence : newsfacts::bench::ReadSentences(argv[2])) {
    Case c;
    c.text = std::move(sentence.text);
    c.context.reference_date = sentence.reference;
    cases.push_back(std::move(c));
  }
  if (cases.empty()) {
    std::fprintf(stderr, "no cases in %s\n", argv[2]);
    return 2;
  }
  const newsfacts::rules::RuleSet& rules = book.value().dates();
  size_t sentences = 0, facts = 0;
  const double start = CpuSeconds();
  double elapsed = 0;
  while (elapsed < seconds) {
    for (const Case& c : cases) {
      std::vector<newsfacts::DateFact> out;
      newsfacts::ExtractDates(c.text, rules, c.context, &out);
      facts += out.size();
      ++sentences;
    }
    elapsed = CpuSeconds() - start;
  }
  std::printf(
      "dates: %zu sentences (%zu distinct), %.0f sentences/s, %.2f facts/sentence, CPU %.2f s\n",
      sentences, cases.size(), static_cast<double>(sentences) / elapsed,
      static_cast<double>(facts) / static_cast<double>(sentences), elapsed);
  return 0;
}
