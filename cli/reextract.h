// `newsfacts reextract`: the current rules over stored articles, without the archives.
//
// Which articles: by default those whose facts came from other rule-set versions than the
// rules loaded now (articles.ruleset_versions differs, or is unknown); with `all`, every
// article. With `renormalise`, an article that has an `archive` is read again from its
// archived record (archive/reader.h, ReadRecordAt) and goes through the normaliser too;
// others are extracted from their stored text.
//
// How: a source walks the database in pages of seq order (a read-only connection of its
// own), workers extract, the pipeline's one writer replaces each article's facts in
// batches, one transaction each (cli/pipeline.h). Memory stays flat whatever the number
// of articles. A killed run loses nothing committed; run again, it goes on with the
// articles still stale (without `all`). A run that finds nothing to do changes nothing
// but its runs row.
#pragma once

#include <optional>
#include <string>

#include "cli/shard.h"
#include "extract/extract.h"
#include "store/store.h"

namespace newsfacts::cli {

struct ReextractOptions {
  bool all = false;
  bool renormalise = false;
  std::optional<Shard> shard;  // only articles whose id falls in this shard
  int threads = 1;
  bool progress = false;
  bool json = false;  // also print each article as a JSON line on stdout
};

// Runs the re-extraction of the database at db_path (already migrated by the caller's
// writer `store`). Returns the exit status (0, or 1 when some article failed, each named
// on stderr) and prints a summary line on stderr unless quiet.
int RunReextract(const std::string& db_path, store::Store* store, int64_t run_id,
                 const RuleBook& rules, const ReextractOptions& options, bool quiet);

}  // namespace newsfacts::cli
