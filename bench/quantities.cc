// Speed of the quantities extractor on one core, sentence by sentence.
//
// Usage: bench_quantities RULES_DIR CASES.jsonl [SECONDS]
// CASES.jsonl holds one object a line with "text", e.g. bench/data/quantities-dev.jsonl
// (or dates-dev.jsonl, to time both extractors on the same sentences). Runs
// ExtractQuantities over every sentence again and again for about SECONDS (default 3)
// of CPU time and prints sentences per second in CPU time of this process (a shared
// machine's wall time counts other people's work). The rules are loaded once, before
// timing.

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "extract/extract.h"

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
  std::vector<newsfacts::bench::Sentence> cases = newsfacts::bench::ReadSentences(argv[2]);
  if (cases.empty()) {
    std::fprintf(stderr, "no cases in %s\n", argv[2]);
    return 2;
  }
  const newsfacts::rules::RuleSet& rules = book.value().quantities();
  newsfacts::bench::TimeSentences("quantities", cases.size(), seconds, [&](size_t i) {
    std::vector<newsfacts::Quantity> out;
    newsfacts::ExtractQuantities(cases[i].text, rules, &out);
    return out.size();
  });
  return 0;
}
