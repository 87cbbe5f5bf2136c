// Merging shard databases: `newsfacts merge OUT IN...` folds each IN into OUT.
//
// Keys are natural, never row numbers: an article is its id, a capture its (url, date,
// digest), a run its uid (random, given when the run began; runs from before uids existed:
// their program version, rule-set versions, command, start time and shard).
// For an article present on both sides, the latest capture wins (store.h, "Captures"); an
// article identical on both sides (the same JSON, the same rule-set versions) is left
// alone; otherwise the incoming one replaces it. Facts keep their rule ids and rule-set
// versions, articles their reference dates and rule-set versions, and each article points
// at its own run, carried over. The full-text index follows by its triggers. Crawl state
// (fetches, crawl_urls) is not merged: a merged article keeps its `archive` object as its
// provenance and has no fetch_id.
//
// One transaction per input: an input is merged whole or not at all. Merging the same
// input again changes nothing. An input of another schema version than this program's, or
// not a newsfacts database, is refused with kStorage naming it, before anything is written
// (the command migrates older shards before calling Merge).
//
// Thread safety: uses `out` from the calling thread only.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"
#include "store/store.h"

namespace newsfacts::store {

struct MergeCounts {
  int64_t added = 0;      // articles new to OUT
  int64_t replaced = 0;   // articles of OUT replaced by a later capture or a changed article
  int64_t unchanged = 0;  // articles OUT already had (identical, or with a later capture)
  int64_t captures = 0;   // capture rows new to OUT
  int64_t runs = 0;       // runs rows new to OUT
};

// Folds the database at in_path into out. kStorage / kNotFound on a bad input.
Result<MergeCounts> Merge(Store* out, const std::string& in_path);

}  // namespace newsfacts::store
