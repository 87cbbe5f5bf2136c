#include "cli/reextract.h"

#include <atomic>
#include <deque>
#include <iostream>
#include <nlohmann/json.hpp>

#include "archive/reader.h"
#include "cli/archive_input.h"
#include "cli/commands.h"
#include "cli/pipeline.h"

namespace newsfacts::cli {
namespace {

class ReextractSource : public ItemSource {
 public:
  ReextractSource(const store::Store* db, std::optional<std::string> stale_against,
                  const ReextractOptions& options, int64_t total)
      : db_(db), stale_against_(std::move(stale_against)), options_(options), total_(total) {}

  std::optional<Item> Next() override {
    while (pending_.empty()) {
      if (done_) return std::nullopt;
      auto page =
          db_->ReadArticlesAfter(last_seq_, kPage, stale_against_ ? &*stale_against_ : nullptr,
                                 /*with_facts=*/false, &last_seq_);
      if (!page.ok()) {
        done_ = true;
        Item item;
        item.name = db_->path();
        item.error = page.status();
        return item;
      }
      if (page->empty()) {
        done_ = true;
        return std::nullopt;
      }
      for (Article& a : *page) {
        walked_.fetch_add(1, std::memory_order_relaxed);
        if (options_.shard && !options_.shard->Contains(a.id)) continue;
        pending_.push_back(std::move(a));
      }
    }
    Article a = std::move(pending_.front());
    pending_.pop_front();
    return ItemFor(std::move(a));
  }

  std::string Progress() const override {
    return std::to_string(walked_.load(std::memory_order_relaxed)) + " of " +
           std::to_string(total_) + " walked";
  }

 private:
  static constexpr size_t kPage = 256;

  Item ItemFor(Article a) const {
    Item item;
    item.name = a.id;
    item.id = a.id;
    if (!options_.renormalise || !a.archive) {
      item.stored = std::move(a);
      return item;
    }
    // Read the capture again and normalise it, keeping what the archive cannot know.
    const ArchiveRef ref = *a.archive;
    auto entry = archive::ReadRecordAt(ref.file, static_cast<uint64_t>(ref.offset), ref.record_id);
    if (!entry.ok()) {
      item.error = entry.status();
      return item;
    }
    if (entry->kind != archive::EntryKind::kArticle) {
      item.error = InvalidInput("the archived record is no longer a page (" + entry->type + ")",
                                ref.file + "@" + std::to_string(ref.offset));
      return item;
    }
    SetPage(std::move(entry->page), &item);
    item.url = a.url;
    item.archive = ref;
    return item;
  }

  const store::Store* db_;
  std::optional<std::string> stale_against_;
  const ReextractOptions& options_;
  int64_t total_;
  int64_t last_seq_ = 0;
  bool done_ = false;
  std::deque<Article> pending_;
  std::atomic<int64_t> walked_{0};
};

}  // namespace

int RunReextract(const std::string& db_path, store::Store* store, int64_t run_id,
                 const RuleBook& rules, const ReextractOptions& options, bool quiet) {
  store::StoreOptions read_only;
  read_only.read_only = true;
  auto reader = store::Store::Open(db_path, read_only);
  if (!reader.ok()) {
    std::cerr << "newsfacts: " << reader.status().ToString() << "\n";
    return kExitUsage;
  }
  std::optional<std::string> current;
  if (!options.all) {
    current = nlohmann::json(rules.versions()).dump();
  }
  auto total = reader->CountArticles(current ? &*current : nullptr);
  if (!total.ok()) {
    std::cerr << "newsfacts: " << total.status().ToString() << "\n";
    return kExitSomeFailed;
  }
  ReextractSource source(&*reader, current, options, *total);
  PipelineOptions p;
  p.threads = options.threads;
  p.json = options.json;
  p.store = store;
  p.run_id = run_id;
  p.progress = options.progress;
  p.label = "reextract";
  PipelineCounts counts = RunPipeline(&source, rules, p, std::cout, std::cerr);
  std::cout.flush();
  if (Status s = store->EndRun(run_id, counts.stored, counts.failed); !s.ok()) {
    std::cerr << "newsfacts: " << s.ToString() << "\n";
    return kExitSomeFailed;
  }
  if (!quiet) {
    std::cerr << "reextract: " << counts.stored << " articles extracted again, " << counts.failed
              << " failed, of " << *total << (options.all ? " stored" : " stale");
    if (options.shard) std::cerr << " (shard " << options.shard->ToString() << ")";
    std::cerr << "\n";
  }
  return counts.failed ? kExitSomeFailed : kExitOk;
}

}  // namespace newsfacts::cli
