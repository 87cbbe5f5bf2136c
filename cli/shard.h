// Shards: splitting one corpus over N independent runs (a Slurm job array, a Kubernetes
// Indexed Job), each writing its own database, later folded by `newsfacts merge`.
//
// An article belongs to shard K of N (K from 1) when StableHash(key) % N == K - 1, the key
// being the article's URL for a page read from an archive and for a stored article (its
// id), and the input path for any other file. The hash is FNV-1a 64 over the key's bytes:
// the same on every machine and in every release, so a URL lands in the same shard
// whatever file holds it, and the N shards are disjoint and cover everything.
//
// Thread safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "common/status.h"

namespace newsfacts::cli {

struct Shard {
  int64_t k = 1;  // 1..n
  int64_t n = 1;
  std::string ToString() const { return std::to_string(k) + "/" + std::to_string(n); }
  bool Contains(const std::string& key) const;
};

// FNV-1a 64 of the bytes of key.
uint64_t StableHash(const std::string& key);

// "K/N" with 1 <= K <= N. kUsage naming the text otherwise.
Result<Shard> ParseShard(const std::string& text);

// The shard a run takes: --shard when given; else Slurm's job-array variables (K =
// SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN + 1 of SLURM_ARRAY_TASK_COUNT); else
// JOB_COMPLETION_INDEX (K = index + 1) of shard_count (--shard-count, required with it);
// else none. env gives the environment (tests pass their own). kUsage for bad values, and
// for --shard-count without a job index to go with it.
Result<std::optional<Shard>> ChooseShard(const std::optional<std::string>& flag,
                                         std::optional<int64_t> shard_count,
                                         const std::map<std::string, std::string>& env);

// The variables ChooseShard reads, from this process's environment.
std::map<std::string, std::string> ShardEnvironment();

}  // namespace newsfacts::cli
