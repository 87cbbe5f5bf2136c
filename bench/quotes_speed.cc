// Speed of the officials and quotes extractors over normalised text, on one core.
//
// Usage: bench_quotes_speed RULES_DIR TEXTS.jsonl [SECONDS] [JOIN]
// TEXTS.jsonl holds one object a line with "text" (e.g. bench/quotes/score.py to-jsonl).
// JOIN (default 1) glues that many consecutive texts into one article, paragraphs apart,
// to get articles of news length (about 5 KB) out of short test articles.
// Runs ExtractOfficialsAndQuotes (officials and quotes with their one coreference pass, as
// `extract` runs them) over the texts again and again for about SECONDS
// (default 3) of CPU time and prints articles per second and MB of text per second, in
// CPU time of this process (one core). NEWSFACTS_RULE_TIMES=1 also times each rule.

#include <algorithm>
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
using newsfacts::rules::RuleSet;

// The "text" of each line of path, join texts glued into one article; *bytes is their size.
std::vector<std::string> ReadTexts(const char* path, long join, size_t* bytes) {
  std::vector<std::string> texts;
  std::ifstream in(path);
  std::string line;
  long pending = 0;  // texts glued into the last article so far
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto obj = nlohmann::json::parse(line, nullptr, false);
    if (obj.is_discarded() || !obj.contains("text")) continue;
    std::string text = obj["text"].get<std::string>();
    *bytes += text.size();
    if (!texts.empty() && pending < join) {
      texts.back() += "\n\n" + text;
    } else {
      texts.push_back(std::move(text));
      pending = 0;
    }
    ++pending;
  }
  return texts;
}

// Time of each rule's own search over every text, to find slow patterns.
void TimeRules(const RuleSet& set, const std::vector<std::string>& texts, size_t bytes) {
  for (const auto& rule : set.rules()) {
    for (const std::string& text : texts) set.FindAllOf(rule, text);  // warm the DFA
    const double t0 = CpuSeconds();
    size_t n = 0;
    for (int r = 0; r < 20; ++r) {
      for (const std::string& text : texts) n += set.FindAllOf(rule, text).size();
    }
    const double s = CpuSeconds() - t0;
    std::printf("%8.2f MB/s  %s (%zu)\n", static_cast<double>(bytes) * 20 / s / 1e6,
                rule.id.c_str(), n / 20);
  }
}

void TimeFindAll(const RuleSet& set, const std::vector<std::string>& texts, size_t bytes) {
  for (const std::string& text : texts) set.FindAll(text);
  const double t0 = CpuSeconds();
  size_t n = 0;
  for (int r = 0; r < 20; ++r) {
    for (const std::string& text : texts) n += set.FindAll(text).size();
  }
  const double s = CpuSeconds() - t0;
  std::printf("%8.2f MB/s  FindAll of %s (%zu)\n", static_cast<double>(bytes) * 20 / s / 1e6,
              set.id().c_str(), n / 20);
}

// Runs both extractors over the texts, round after round, for about `seconds` of CPU time.
void TimeExtractors(const newsfacts::RuleBook& book, const std::vector<std::string>& texts,
                    size_t bytes, double seconds) {
  size_t articles = 0, quotes = 0, officials = 0;
  const double start = CpuSeconds();
  double elapsed = 0;
  size_t rounds = 0;
  while (elapsed < seconds) {
    for (const std::string& text : texts) {
      std::vector<newsfacts::Official> o;
      std::vector<newsfacts::Quote> q;
      newsfacts::ExtractOfficialsAndQuotes(text, book.officials(), book.quotes(), &o, &q);
      officials += o.size();
      quotes += q.size();
      ++articles;
    }
    ++rounds;
    elapsed = CpuSeconds() - start;
  }
  std::printf(
      "%zu articles (%zu rounds of %zu), %.2f s: %.0f articles/s, %.2f MB/s; "
      "%zu officials, %zu quotes per round\n",
      articles, rounds, texts.size(), elapsed, static_cast<double>(articles) / elapsed,
      static_cast<double>(bytes * rounds) / elapsed / 1e6, officials / rounds, quotes / rounds);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s RULES_DIR TEXTS.jsonl [SECONDS] [JOIN]\n", argv[0]);
    return 2;
  }
  const double seconds = argc > 3 ? std::atof(argv[3]) : 3.0;
  const long join = argc > 4 ? std::max(1L, std::atol(argv[4])) : 1L;
  auto book = newsfacts::RuleBook::Load(argv[1]);
  if (!book.ok()) {
    std::fprintf(stderr, "%s\n", book.status().message().c_str());
    return 2;
  }
  size_t bytes = 0;
  const std::vector<std::string> texts = ReadTexts(argv[2], join, &bytes);
  if (texts.empty()) {
    std::fprintf(stderr, "no texts in %s\n", argv[2]);
    return 2;
  }
  if (std::getenv("NEWSFACTS_RULE_TIMES") != nullptr) {
    for (const RuleSet* set : {&book->officials(), &book->quotes()}) TimeRules(*set, texts, bytes);
    for (const RuleSet* set : {&book->officials(), &book->quotes()}) {
      TimeFindAll(*set, texts, bytes);
    }
  }
  TimeExtractors(*book, texts, bytes, seconds);
  return 0;
}
