// Where the time of one `newsfacts check` goes: loading the three rule sets it loads as it
// does (patterns compiled on first use), reading the claim (which compiles the rules it
// needs), and finding the hits in a database; then, for comparison, each set loaded with
// every pattern compiled. CPU seconds (all threads), median of the runs given.
//
//   bench_check_phases RULES_DIR DB "CLAIM" [RUNS]
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "extract/extract.h"
#include "extract/rule_set.h"
#include "factcheck/check.h"
#include "store/store.h"

using namespace newsfacts;

namespace {
double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s RULES_DIR DB CLAIM [RUNS]\n", argv[0]);
    return 2;
  }
  const int runs = argc > 4 ? std::atoi(argv[4]) : 5;
  std::vector<double> load, parse, check;
  for (int r = 0; r < runs; ++r) {
    double t0 = bench::CpuSeconds();
    // As check does: the sets load in the background, each read for the claim when ready.
    const RuleBook book =
        RuleBook::StartLoading(argv[1], {"quantities", "dates", "officials"}, argv[3]);
    double t1 = bench::CpuSeconds();
    auto claim = factcheck::ParseClaim(argv[3], book);
    if (Status s = book.CompileStatus(); !s.ok()) {
      std::fprintf(stderr, "%s\n", s.ToString().c_str());
      return 2;
    }
    double t2 = bench::CpuSeconds();
    store::StoreOptions ro;
    ro.read_only = true;
    auto db = store::Store::Open(argv[2], ro);
    if (!db.ok() || !claim.ok()) return 2;
    factcheck::CheckOptions options;
    options.quantity_rules = &book.quantities();
    auto hits = factcheck::Check(*db, *claim, options);
    double t3 = bench::CpuSeconds();
    load.push_back(t1 - t0);
    parse.push_back(t2 - t1);
    check.push_back(t3 - t2);
  }
  for (const char* set : {"quantities", "dates", "officials", "quotes"}) {
    std::vector<double> t;
    for (int r = 0; r < runs; ++r) {
      double t0 = bench::CpuSeconds();
      auto one = rules::RuleSet::Load(std::string(argv[1]) + "/" + set + ".toml");
      t.push_back(bench::CpuSeconds() - t0);
    }
    std::printf("  %s %.1f ms\n", set, Median(t) * 1e3);
  }
  std::printf("start loading %.1f ms, load and read claim %.1f ms, check %.1f ms\n",
              Median(load) * 1e3, Median(parse) * 1e3, Median(check) * 1e3);
}
