// Speed of the normaliser against the bare gumbo parse of the same pages.
//
//   bench_gumbo_floor [--runs N] FILE.html[.gz]...
//
// For every page, in the same process and run: (a) gumbo parse plus an iterative walk
// that touches every node and text (the floor any gumbo-based extractor pays), and
// (b) NormaliseHtml. Each is timed in process CPU time, so load from other processes
// on the machine does not count. Each pass over all pages is repeated N times (default
// 5) and the median pass is reported. Prints pages/s for both and the ratio
// normaliser/gumbo (1.0 = as fast as the bare parse).

#include <gumbo.h>
#include <time.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "bench/bench_util.h"
#include "normalise/normalise.h"

namespace {

using newsfacts::bench::CpuSeconds;

bool ReadPage(const char* path, std::string* out) {
  gzFile f = gzopen(path, "rb");  // reads plain files too
  if (f == nullptr) return false;
  char buf[1 << 16];
  int n = 0;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out->append(buf, static_cast<size_t>(n));
  gzclose(f);
  return n == 0;
}

// Parse and walk; the returned count keeps the walk from being optimised away.
size_t ParseAndWalk(const std::string& html) {
  GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  size_t touched = 0;
  std::vector<const GumboNode*> stack{output->root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    ++touched;
    if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
      const GumboVector& kids = node->v.element.children;
      for (unsigned i = kids.length; i-- > 0;) {
        stack.push_back(static_cast<const GumboNode*>(kids.data[i]));
      }
    } else if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE) {
      touched += std::string_view(node->v.text.text).size() & 1;
    }
  }
  gumbo_destroy_output(&kGumboDefaultOptions, output);
  return touched;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 5;
  std::vector<std::string> pages;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
      continue;
    }
    std::string page;
    if (!ReadPage(argv[i], &page)) {
      std::fprintf(stderr, "cannot read %s\n", argv[i]);
      return 2;
    }
    pages.push_back(std::move(page));
  }
  if (pages.empty()) {
    std::fprintf(stderr, "usage: bench_gumbo_floor [--runs N] FILE.html[.gz]...\n");
    return 2;
  }
  newsfacts::NormaliseOptions options;
  std::vector<double> gumbo_times, norm_times;
  size_t sink = 0, failures = 0;
  for (int r = 0; r < runs; ++r) {
    double g = 0, nt = 0;
    for (const std::string& page : pages) {
      double t0 = CpuSeconds();
      sink += ParseAndWalk(page);
      double t1 = CpuSeconds();
      auto doc = newsfacts::NormaliseHtml(page, options);
      double t2 = CpuSeconds();
      if (doc.ok()) {
        sink += doc->text.size();
      } else if (r == 0) {
        ++failures;
      }
      g += t1 - t0;
      nt += t2 - t1;
    }
    gumbo_times.push_back(g);
    norm_times.push_back(nt);
  }
  const double n = static_cast<double>(pages.size());
  const double g = Median(gumbo_times), nt = Median(norm_times);
  std::printf("pages %zu, runs %d (median pass, CPU time, one thread)\n", pages.size(), runs);
  std::printf("gumbo parse+walk : %8.1f pages/s\n", n / g);
  std::printf("NormaliseHtml    : %8.1f pages/s\n", n / nt);
  std::printf("ratio normaliser/gumbo: %.3f\n", g / nt);
  if (failures > 0) std::printf("normaliser errors: %zu\n", failures);
  return sink == 0 ? 1 : 0;
}
