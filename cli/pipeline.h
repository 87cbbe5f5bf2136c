// The extract pipeline: one reader (the calling thread) -> N workers (normalise +
// extract) -> one writer thread that owns the database and standard output.
//
// Back-pressure: at most `window` items are in flight between the reader and the writer,
// so memory stays bounded whatever the number of inputs. Output (JSON Lines on stdout,
// failures on stderr) is in input order whatever the number of threads. The database gets
// one transaction per batch of `batch_size` articles; a failed input is named on stderr
// and does not stop the others.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "cli/inputs.h"
#include "extract/extract.h"
#include "store/store.h"

namespace newsfacts::cli {

struct PipelineOptions {
  int threads = 1;
  bool json = false;              // write each article as a JSON line to `out`
  store::Store* store = nullptr;  // nullptr with --no-db
  int64_t run_id = 0;
  size_t batch_size = 64;
  bool progress = false;          // show a progress line on stderr
  std::string label = "extract";  // names the progress line
};

struct PipelineCounts {
  int64_t stored = 0;  // articles processed (and stored, when there is a store)
  int64_t failed = 0;  // inputs that failed, each named on stderr
  // Of the stored articles: new ids, replaced ones, and archived ones whose stored
  // capture was later (only the capture was recorded).
  int64_t added = 0, replaced = 0, kept_later = 0;
};

// Runs every item of `source` through the pipeline. Returns the counts, or the store's
// error when writing failed (articles not committed are then counted as failed too).
PipelineCounts RunPipeline(ItemSource* source, const RuleBook& rules,
                           const PipelineOptions& options, std::ostream& out, std::ostream& err);

}  // namespace newsfacts::cli
