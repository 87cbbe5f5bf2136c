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

#include "extract/extract.h"

namespace {

double CpuSeconds() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

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
  std::ifstream in(argv[2]);
  std::string line;
  while (std::getline(in, line)) {
    auto obj = nlohmann::json::parse(line, nullptr, false);
    if (obj.is_discarded() || !obj.is_object() || !obj.contains("text") || !obj["text"].is_string())
      continue;
    Case c;
    c.text = obj["text"].get<std::string>();
    for (const char* key : {"reference", "published"}) {
      if (obj.contains(key) && obj[key].is_string())
        c.context.reference_date = obj[key].get<std::string>();
    }
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
