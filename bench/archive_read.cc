// Speed and sanity of the archive reader: reads every FILE to its end with ArchiveReader,
// as the extract pipeline does (pages decoded, nothing else done with them).
//
// Usage: bench_archive_read [--repeat N] FILE...
//
// stderr: each file's SummaryLine and every damaged entry's error (from the first run).
// stdout: one line, "stored MB M, records R, articles A, seconds S (CPU C), MB/s X", where
// S and C are the median over N runs (default 1) and MB/s is stored megabytes (10^6 bytes)
// per wall-clock second: the figure to set beside `zcat FILE > /dev/null` on the same file.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "archive/reader.h"
#include "bench/bench_util.h"

namespace {

struct Run {
  double wall = 0, cpu = 0;
  uint64_t stored = 0, records = 0, articles = 0;
  bool failed = false;
};

Run ReadAll(const std::vector<std::string>& files, bool report) {
  using newsfacts::archive::ArchiveReader;
  using newsfacts::archive::EntryKind;
  Run run;
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = newsfacts::bench::CpuSeconds();
  for (const std::string& file : files) {
    auto reader = ArchiveReader::Open(file);
    if (!reader.ok()) {
      std::fprintf(stderr, "%s\n", reader.status().ToString().c_str());
      run.failed = true;
      continue;
    }
    while (auto entry = (*reader)->Next()) {
      if (report && entry->kind == EntryKind::kDamaged) {
        std::fprintf(stderr, "  damaged: %s\n", entry->error.ToString().c_str());
      }
    }
    if (report) {
      std::fprintf(stderr, "%s\n", SummaryLine(file, (*reader)->counts()).c_str());
    }
    run.stored += (*reader)->bytes_read();
    run.records += (*reader)->counts().records;
    run.articles += (*reader)->counts().articles;
  }
  run.cpu = newsfacts::bench::CpuSeconds() - cpu_start;
  run.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return run;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 1;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else {
      files.push_back(argv[i]);
    }
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: %s [--repeat N] FILE...\n", argv[0]);
    return 2;
  }
  std::vector<double> walls, cpus;
  Run first;
  for (int r = 0; r < repeat; ++r) {
    Run run = ReadAll(files, r == 0);
    if (r == 0) first = run;
    walls.push_back(run.wall);
    cpus.push_back(run.cpu);
  }
  const double wall = Median(walls);
  const double mb = static_cast<double>(first.stored) / 1e6;
  std::printf(
      "stored MB %.1f, records %llu, articles %llu, seconds %.3f (CPU %.3f), MB/s %.1f "
      "(median of %d)\n",
      mb, static_cast<unsigned long long>(first.records),
      static_cast<unsigned long long>(first.articles), wall, Median(cpus),
      wall > 0 ? mb / wall : 0.0, repeat);
  return first.failed ? 1 : 0;
}
