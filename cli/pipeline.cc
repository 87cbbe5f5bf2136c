#include "cli/pipeline.h"

#include <chrono>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "cli/process.h"
#include "cli/queue.h"

namespace newsfacts::cli {
namespace {

struct Work {
  uint64_t seq;
  Item item;
};

struct Outcome {
  uint64_t seq;
  std::string name;
  Result<Article> article;
  std::optional<std::string> note;
};

// Limits the number of items between reading and writing.
class Window {
 public:
  explicit Window(size_t size) : free_(size) {}
  void Acquire() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return free_ > 0; });
    --free_;
  }
  void Release() {
    std::lock_guard lock(mu_);
    ++free_;
    cv_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  size_t free_;
};

class Writer {
 public:
  // source is asked for the progress line's own part (ItemSource::Progress).
  Writer(const PipelineOptions& options, const ItemSource& source, std::ostream& out,
         std::ostream& err)
      : options_(options), source_(source), out_(out), err_(err) {}

  // Takes outcomes in any order, emits them in sequence order.
  void Take(Outcome outcome, Window* window) {
    pending_.emplace(outcome.seq, std::move(outcome));
    while (!pending_.empty() && pending_.begin()->first == next_) {
      Emit(std::move(pending_.begin()->second));
      pending_.erase(pending_.begin());
      ++next_;
      window->Release();
    }
    ShowProgress(false);
  }

  void Finish() {
    Flush();
    ShowProgress(true);
  }

  PipelineCounts counts() const { return counts_; }

 private:
  void Emit(Outcome o) {
    if (o.note) {
      if (options_.progress) err_ << "\r\033[K";
      err_ << *o.note << "\n";
      return;
    }
    if (!o.article.ok()) {
      if (options_.progress) err_ << "\r\033[K";
      const Status& s = o.article.status();
      // An error that names its own place within the input (file@offset) says it once.
      if (!s.where().empty() && s.where().rfind(o.name, 0) == 0) {
        err_ << "newsfacts: " << s.ToString() << "\n";
      } else {
        err_ << "newsfacts: " << o.name << ": " << s.ToString() << "\n";
      }
      ++counts_.failed;
      return;
    }
    if (options_.json) out_ << ToJsonLine(*o.article) << "\n";
    if (options_.store) {
      batch_.push_back(std::move(o.article).value());
      batch_names_.push_back(o.name);
      if (batch_.size() >= options_.batch_size) Flush();
    } else {
      ++counts_.stored;
    }
  }

  void Flush() {
    if (batch_.empty()) return;
    std::vector<store::WriteOutcome> outcomes;
    Status s = options_.store->WriteArticles(batch_, options_.run_id, &outcomes);
    if (s.ok()) {
      counts_.stored += static_cast<int64_t>(batch_.size());
      for (store::WriteOutcome o : outcomes) Count(o);
    } else {
      // The batch was rolled back as a whole; store its articles one by one so that a
      // single bad article costs only itself.
      for (size_t i = 0; i < batch_.size(); ++i) {
        Status one = options_.store->WriteArticles({batch_[i]}, options_.run_id, &outcomes);
        if (one.ok()) {
          ++counts_.stored;
          Count(outcomes[0]);
        } else {
          err_ << "newsfacts: " << batch_names_[i] << ": not stored: " << one.ToString() << "\n";
          ++counts_.failed;
        }
      }
    }
    batch_.clear();
    batch_names_.clear();
    out_.flush();
  }

  void Count(store::WriteOutcome o) {
    switch (o) {
      case store::WriteOutcome::kAdded:
        ++counts_.added;
        break;
      case store::WriteOutcome::kReplaced:
        ++counts_.replaced;
        break;
      case store::WriteOutcome::kKeptLater:
        ++counts_.kept_later;
        break;
    }
  }

  void ShowProgress(bool last) {
    if (!options_.progress) return;
    auto now = std::chrono::steady_clock::now();
    if (!last && now - last_progress_ < std::chrono::milliseconds(250)) return;
    last_progress_ = now;
    if (started_ == std::chrono::steady_clock::time_point{}) started_ = now;
    const int64_t done = counts_.stored + static_cast<int64_t>(batch_.size());
    const double seconds = std::chrono::duration<double>(now - started_).count();
    err_ << "\r\033[K" << options_.label << ": " << done << " done, " << counts_.failed
         << " failed";
    if (seconds > 0.5) err_ << ", " << static_cast<int64_t>(done / seconds) << " articles/s";
    const std::string more = source_.Progress();
    if (!more.empty()) err_ << ", " << more;
    err_ << (last ? "\n" : "") << std::flush;
  }

  const PipelineOptions& options_;
  const ItemSource& source_;
  std::ostream& out_;
  std::ostream& err_;
  std::map<uint64_t, Outcome> pending_;
  uint64_t next_ = 0;
  std::vector<Article> batch_;
  std::vector<std::string> batch_names_;
  PipelineCounts counts_;
  std::chrono::steady_clock::time_point last_progress_{};
  std::chrono::steady_clock::time_point started_{};
};

}  // namespace

PipelineCounts RunPipeline(ItemSource* source, const RuleBook& rules,
                           const PipelineOptions& options, std::ostream& out, std::ostream& err) {
  const size_t threads = options.threads > 0 ? static_cast<size_t>(options.threads) : 1;
  BoundedQueue<Work> work(2 * threads);
  BoundedQueue<Outcome> done(4 * threads);
  Window window(8 * threads + 8);

  std::vector<std::thread> workers;
  for (size_t i = 0; i < threads; ++i) {
    workers.emplace_back([&] {
      while (auto w = work.Pop()) {
        Outcome o{w->seq, w->item.name, InternalError("not processed"), w->item.note};
        if (w->item.note) {
          // Nothing to process: the note keeps its place in the output order.
        } else if (w->item.error) {
          o.article = *w->item.error;
        } else {
          // A bug or exhausted memory on one hostile article must not end the whole run.
          try {
            o.article = ProcessItem(w->item, rules);
          } catch (const std::exception& e) {
            o.article = InternalError(std::string("processing failed: ") + e.what());
          }
        }
        done.Push(std::move(o));
      }
    });
  }
  Writer writer(options, *source, out, err);
  std::thread writer_thread([&] {
    while (auto o = done.Pop()) writer.Take(std::move(*o), &window);
    writer.Finish();
  });

  uint64_t seq = 0;
  while (auto item = source->Next()) {
    window.Acquire();
    work.Push(Work{seq++, std::move(*item)});
  }
  work.Close();
  for (auto& t : workers) t.join();
  done.Close();
  writer_thread.join();
  return writer.counts();
}

}  // namespace newsfacts::cli
