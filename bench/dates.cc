// Speed of the dates extractor on one core, sentence by sentence.
//
// Usage: bench_dates RULES_DIR CASES.jsonl [SECONDS]
// CASES.jsonl holds one object a line with "text" and optionally "reference" or
// "published" (YYYY-MM-DD), e.g. bench/data/dates-dev.jsonl. Runs ExtractDates over
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
  newsfacts::bench::TimeSentences("dates", cases.size(), seconds, [&](size_t i) {
    std::vector<newsfacts::DateFact> out;
    newsfacts::ExtractDates(cases[i].text, rules, cases[i].context, &out);
    return out.size();
  });
  return 0;
}
