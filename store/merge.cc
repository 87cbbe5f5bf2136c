#include "store/merge.h"

#include <map>
#include <memory>
#include <optional>

#include "store/stmt.h"

namespace newsfacts::store {
namespace {

// Carries the input's runs over; returns {input run id: OUT run id}.
Result<std::map<int64_t, int64_t>> MergeRuns(const Store& out, int64_t* added) {
  std::map<int64_t, int64_t> ids;
  // A run is its uid; runs written before uids existed are matched on what they hold
  // (`IS` compares NULLs as equal).
  auto all = out.Prepare(
      "SELECT id, program_version, ruleset_versions, command, started_at, shard, "
      "uid FROM src.runs ORDER BY id");
  auto find = out.Prepare(
      "SELECT o.id FROM main.runs o WHERE (?6 IS NOT NULL AND o.uid = ?6) OR (?6 IS NULL AND "
      "o.uid IS NULL AND o.program_version IS ?1 AND o.ruleset_versions IS ?2 AND o.command IS ?3 "
      "AND o.started_at IS ?4 AND o.shard IS ?5) ORDER BY o.id LIMIT 1");
  auto insert = out.Prepare(
      "INSERT INTO main.runs (program_version, ruleset_versions, command, started_at, "
      "finished_at, articles_stored, articles_failed, shard, uid) "
      "SELECT program_version, ruleset_versions, command, started_at, finished_at, "
      "articles_stored, articles_failed, shard, uid FROM src.runs WHERE id = ?1");
  if (!all.ok()) return all.status();
  if (!find.ok()) return find.status();
  if (!insert.ok()) return insert.status();
  while (true) {
    auto row = all->Step("reading runs");
    if (!row.ok()) return row.status();
    if (!*row) break;
    const int64_t src_id = all->ColInt(0);
    find->Reset();
    for (int i = 1; i <= 6; ++i) find->Value(*all, i);
    auto found = find->Step("finding a run");
    if (!found.ok()) return found.status();
    if (*found) {
      ids[src_id] = find->ColInt(0);
      continue;
    }
    insert->Reset();
    insert->Int(src_id);
    if (Status s = insert->Run("copying a run"); !s.ok()) return s;
    ids[src_id] = insert->LastInsertRowid();
    ++*added;
  }
  return ids;
}

// Whether two stored articles are the same for a merge: the same JSON, the same versions.
bool Same(const Article& a, const Article& b) {
  return a.ruleset_versions == b.ruleset_versions && a.reference_date == b.reference_date &&
         ToJsonLine(a) == ToJsonLine(b);
}

// Attaches the database at in_path to out as `src`.
Status AttachSource(Store* out, const std::string& in_path) {
  auto attach = out->Prepare("ATTACH DATABASE ?1 AS src");
  if (!attach.ok()) return attach.status();
  attach->Text(in_path);
  return attach->Run("attaching " + in_path);
}

// Carries the input's captures over; *added: how many were new.
Status MergeCaptures(const Store& out, int64_t* added) {
  // No trigger writes to captures: the rows the INSERT changed are the new captures.
  auto captures = out.Prepare(
      "INSERT INTO main.captures (url, date, digest, file, offset, length, "
      "record_id, article_id) SELECT url, date, digest, file, offset, length, "
      "record_id, article_id FROM src.captures WHERE true "
      "ON CONFLICT (url, date, digest) DO NOTHING");
  if (!captures.ok()) return captures.status();
  if (Status s = captures->Run("copying captures"); !s.ok()) return s;
  *added = captures->Changes();
  return Status::Ok();
}

// Writes article a of the input to out unless out holds the same, counting what happened.
// run_of reads an input article's run id; runs maps input run ids to out's.
Status MergeArticle(Store* out, const Article& a, Stmt* run_of,
                    const std::map<int64_t, int64_t>& runs, MergeCounts* counts) {
  auto existing = out->ReadArticle(a.id);
  if (!existing.ok()) return existing.status();
  if (*existing && Same(**existing, a)) {
    ++counts->unchanged;
    return Status::Ok();
  }
  Stmt& r = *run_of;
  r.Reset();
  r.Text(a.id);
  int64_t run_id = 0;
  if (r.StepCode() == SQLITE_ROW && !r.IsNull(0)) {
    auto it = runs.find(r.ColInt(0));
    if (it != runs.end()) run_id = it->second;
  }
  // Captures were carried over first; WriteArticles records this article's again
  // (a no-op) and keeps the later of the two captures.
  std::vector<WriteOutcome> outcome;
  if (Status s = out->WriteArticles({a}, run_id, &outcome); !s.ok()) return s;
  switch (outcome[0]) {
    case WriteOutcome::kAdded:
      ++counts->added;
      break;
    case WriteOutcome::kReplaced:
      ++counts->replaced;
      break;
    case WriteOutcome::kKeptLater:
      ++counts->unchanged;
      break;
  }
  return Status::Ok();
}

// Carries the articles of in over, a page at a time.
Status MergeArticles(Store* out, const Store& in, const std::map<int64_t, int64_t>& runs,
                     MergeCounts* counts) {
  auto run_of = out->Prepare("SELECT run_id FROM src.articles WHERE id = ?1");
  if (!run_of.ok()) return run_of.status();
  int64_t last_seq = 0;
  while (true) {
    auto page = in.ReadArticlesAfter(last_seq, 128, nullptr, /*with_facts=*/true, &last_seq);
    if (!page.ok()) return page.status();
    if (page->empty()) break;
    for (const Article& a : *page) {
      if (Status s = MergeArticle(out, a, &*run_of, runs, counts); !s.ok()) return s;
    }
  }
  return Status::Ok();
}

}  // namespace

Result<MergeCounts> Merge(Store* out, const std::string& in_path) {
  StoreOptions read_only;
  read_only.read_only = true;
  auto in = Store::Open(in_path, read_only);
  if (!in.ok()) return in.status();
  if (Status s = AttachSource(out, in_path); !s.ok()) return s;
  MergeCounts counts;
  Status status = out->InTransaction([&]() -> Status {
    auto runs = MergeRuns(*out, &counts.runs);
    if (!runs.ok()) return runs.status();
    if (Status s = MergeCaptures(*out, &counts.captures); !s.ok()) return s;
    return MergeArticles(out, *in, *runs, &counts);
  });
  if (auto detach = out->Prepare("DETACH DATABASE src"); detach.ok()) (void)detach->RunCode();
  if (!status.ok()) return status;
  return counts;
}

}  // namespace newsfacts::store
