#include "cli/shard.h"

#include <cerrno>
#include <cstdlib>

namespace newsfacts::cli {
namespace {

// A whole decimal number, nothing else.
std::optional<int64_t> ParseInt(const std::string& s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return std::strtoll(s.c_str(), nullptr, 10);
}

}  // namespace

uint64_t StableHash(const std::string& key) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

bool Shard::Contains(const std::string& key) const {
  return n <= 1 || static_cast<int64_t>(StableHash(key) % static_cast<uint64_t>(n)) == k - 1;
}

Result<Shard> ParseShard(const std::string& text) {
  const size_t slash = text.find('/');
  std::optional<int64_t> k, n;
  if (slash != std::string::npos) {
    k = ParseInt(text.substr(0, slash));
    n = ParseInt(text.substr(slash + 1));
  }
  if (!k || !n || *n < 1 || *k < 1 || *k > *n) {
    return UsageError("--shard '" + text + "': expected K/N with 1 <= K <= N (e.g. 3/8)");
  }
  return Shard{*k, *n};
}

Result<std::optional<Shard>> ChooseShard(const std::optional<std::string>& flag,
                                         std::optional<int64_t> shard_count,
                                         const std::map<std::string, std::string>& env) {
  if (flag) {
    auto shard = ParseShard(*flag);
    if (!shard.ok()) return shard.status();
    return std::optional<Shard>(*shard);
  }
  auto get = [&](const char* name) -> std::optional<std::string> {
    auto it = env.find(name);
    if (it == env.end() || it->second.empty()) return std::nullopt;
    return it->second;
  };
  if (auto id = get("SLURM_ARRAY_TASK_ID")) {
    auto count = get("SLURM_ARRAY_TASK_COUNT");
    auto min = get("SLURM_ARRAY_TASK_MIN");
    std::optional<int64_t> i = ParseInt(*id), c, m = int64_t{0};
    if (count) c = ParseInt(*count);
    if (min) m = ParseInt(*min);
    if (!i || !c || !m || *c < 1 || *i < *m || *i - *m >= *c) {
      return UsageError("the Slurm job array gives no usable shard (SLURM_ARRAY_TASK_ID=" + *id +
                        ", SLURM_ARRAY_TASK_MIN=" + min.value_or("") +
                        ", SLURM_ARRAY_TASK_COUNT=" + count.value_or("") +
                        "); the array must be contiguous (--array=0-N); or give --shard K/N");
    }
    return std::optional<Shard>(Shard{*i - *m + 1, *c});
  }
  if (auto index = get("JOB_COMPLETION_INDEX")) {
    std::optional<int64_t> i = ParseInt(*index);
    if (!shard_count) {
      return UsageError(
          "JOB_COMPLETION_INDEX is set: give --shard-count N (the job's completions)");
    }
    if (!i || *shard_count < 1 || *i >= *shard_count) {
      return UsageError("JOB_COMPLETION_INDEX=" + *index + " does not fit --shard-count " +
                        std::to_string(*shard_count));
    }
    return std::optional<Shard>(Shard{*i + 1, *shard_count});
  }
  if (shard_count) {
    return UsageError("--shard-count needs JOB_COMPLETION_INDEX (a Kubernetes Indexed Job)");
  }
  return std::optional<Shard>();
}

std::map<std::string, std::string> ShardEnvironment() {
  std::map<std::string, std::string> env;
  for (const char* name : {"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN",
                           "JOB_COMPLETION_INDEX"}) {
    if (const char* v = std::getenv(name)) env[name] = v;
  }
  return env;
}

}  // namespace newsfacts::cli
