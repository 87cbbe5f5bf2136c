#include "cli/shard.h"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

namespace newsfacts::cli {
namespace {

TEST_CASE("StableHash is FNV-1a 64 (published test vectors)") {
  CHECK(StableHash("") == 0xcbf29ce484222325ull);
  CHECK(StableHash("a") == 0xaf63dc4c8601ec8cull);
  CHECK(StableHash("foobar") == 0x85944171f73967e8ull);
}

TEST_CASE("Shards are disjoint and cover every key") {
  std::vector<std::string> urls;
  for (int i = 0; i < 2000; ++i) {
    urls.push_back("https://news.example/" + std::to_string(i * 7919 % 100003) + "/story");
  }
  for (int64_t n : {1, 2, 3, 4, 7}) {
    CAPTURE(n);
    std::vector<int> owners(urls.size(), 0);
    std::vector<int> sizes(static_cast<size_t>(n), 0);
    for (int64_t k = 1; k <= n; ++k) {
      Shard shard{k, n};
      for (size_t i = 0; i < urls.size(); ++i) {
        if (shard.Contains(urls[i])) {
          ++owners[i];
          ++sizes[static_cast<size_t>(k - 1)];
        }
      }
    }
    for (int owner_count : owners) CHECK(owner_count == 1);
    // FNV spreads URLs: no shard gets less than half its share.
    for (int size : sizes) CHECK(size > static_cast<int>(urls.size() / static_cast<size_t>(n)) / 2);
  }
}

TEST_CASE("ParseShard takes K/N with 1 <= K <= N") {
  auto s = ParseShard("3/8");
  REQUIRE(s.ok());
  CHECK(s->k == 3);
  CHECK(s->n == 8);
  CHECK(s->ToString() == "3/8");
  for (const char* bad : {"0/4", "5/4", "1/0", "3", "a/b", "-1/4", "1/4/2", "", "/4", "2/"}) {
    CAPTURE(bad);
    auto r = ParseShard(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == StatusCode::kUsage);
  }
}

TEST_CASE("ChooseShard: the flag, then Slurm's array, then a Kubernetes index") {
  using Env = std::map<std::string, std::string>;
  const Env slurm = {{"SLURM_ARRAY_TASK_ID", "12"},
                     {"SLURM_ARRAY_TASK_MIN", "10"},
                     {"SLURM_ARRAY_TASK_COUNT", "4"}};
  auto from_slurm = ChooseShard(std::nullopt, std::nullopt, slurm);
  REQUIRE(from_slurm.ok());
  REQUIRE(from_slurm->has_value());
  CHECK((*from_slurm)->ToString() == "3/4");  // 12 - 10 + 1 of 4

  auto flag_wins = ChooseShard(std::string("1/2"), std::nullopt, slurm);
  REQUIRE(flag_wins.ok());
  CHECK((*flag_wins)->ToString() == "1/2");

  auto none = ChooseShard(std::nullopt, std::nullopt, {});
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());

  auto k8s = ChooseShard(std::nullopt, int64_t{5}, {{"JOB_COMPLETION_INDEX", "0"}});
  REQUIRE(k8s.ok());
  CHECK((*k8s)->ToString() == "1/5");
  CHECK(ChooseShard(std::nullopt, std::nullopt, {{"JOB_COMPLETION_INDEX", "0"}}).status().code() ==
        StatusCode::kUsage);
  CHECK(ChooseShard(std::nullopt, int64_t{5}, {{"JOB_COMPLETION_INDEX", "5"}}).status().code() ==
        StatusCode::kUsage);
  CHECK(ChooseShard(std::nullopt, int64_t{5}, {}).status().code() == StatusCode::kUsage);
  // A task id outside the array's count (a non-contiguous array) is refused, not guessed.
  CHECK_FALSE(ChooseShard(std::nullopt, std::nullopt,
                          {{"SLURM_ARRAY_TASK_ID", "9"},
                           {"SLURM_ARRAY_TASK_MIN", "0"},
                           {"SLURM_ARRAY_TASK_COUNT", "4"}})
                  .ok());
  CHECK_FALSE(ChooseShard(std::nullopt, std::nullopt, {{"SLURM_ARRAY_TASK_ID", "1"}}).ok());
}

}  // namespace
}  // namespace newsfacts::cli
