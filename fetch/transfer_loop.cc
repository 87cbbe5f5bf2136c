#include "fetch/transfer_loop.h"

#include <atomic>
#include <mutex>
#include <system_error>

#include "fetch/http.h"

namespace newsfacts::fetch {
namespace {

// Set from a signal handler, so a lock-free atomic and nothing else.
std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);

// The longest the loop sleeps without looking at g_interrupted; curl::multi_wakeup()
// ends a sleep at once for everything else.
constexpr int kMaxPollMs = 200;

}  // namespace

Result<std::shared_ptr<TransferLoop>> TransferLoop::Create(const FetchOptions& options) {
  HttpGlobalInit();
  CURLM* multi = curl::multi_init();
  if (!multi) return InternalError("libcurl: cannot create a multi handle");
  curl::multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, options.max_host_connections);
  // Connections left open for reuse: one per host is what politeness needs, with room
  // for many hosts.
  curl::multi_setopt(multi, CURLMOPT_MAXCONNECTS, 256L);
  std::shared_ptr<TransferLoop> loop(new TransferLoop(multi));
  try {
    loop->thread_ = std::thread([raw = loop.get()] { raw->Run(); });
  } catch (const std::system_error& e) {
    return InternalError(std::string("cannot start the transfer thread: ") + e.what());
  }
  return loop;
}

TransferLoop::TransferLoop(CURLM* multi) : multi_(multi) {}

TransferLoop::~TransferLoop() {
  Stop();
  curl::multi_cleanup(multi_);
}

void TransferLoop::Interrupt() { g_interrupted.store(true); }
bool TransferLoop::Interrupted() { return g_interrupted.load(); }

CURLcode TransferLoop::Perform(CURL* easy) {
  Job job;
  job.easy = easy;
  std::unique_lock<std::mutex> lock(mu_);
  if (stopping_ || Interrupted()) return CURLE_ABORTED_BY_CALLBACK;
  incoming_.push_back(&job);
  // Thread-safe, and the multi handle lives until the destructor, which cannot run while
  // a Perform() is in progress.
  curl::multi_wakeup(multi_);
  job.cv.wait(lock, [&] { return job.done; });
  return job.result;
}

void TransferLoop::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  curl::multi_wakeup(multi_);
  std::call_once(joined_, [this] {
    if (thread_.joinable()) thread_.join();
  });
}

TransferLoop::Stats TransferLoop::stats() {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

void TransferLoop::Complete(Job* job, CURLcode result) {
  job->result = result;
  job->done = true;
  ++stats_.transfers;
  // Under mu_: the caller cannot wake, return and destroy job before this is done.
  job->cv.notify_one();
}

// Handles are added and removed only here, so each is in the multi handle exactly while
// its caller waits in Perform().
void TransferLoop::Run() {
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_ || Interrupted()) break;
      for (Job* job : incoming_) {
        if (curl::multi_add_handle(multi_, job->easy) != CURLM_OK) {
          Complete(job, CURLE_FAILED_INIT);
          continue;
        }
        active_[job->easy] = job;
      }
      incoming_.clear();
      if (active_.size() > stats_.max_in_flight) stats_.max_in_flight = active_.size();
    }
    int running = 0;
    curl::multi_perform(multi_, &running);
    int queued = 0;
    while (CURLMsg* msg = curl::multi_info_read(multi_, &queued)) {
      if (msg->msg != CURLMSG_DONE) continue;
      CURL* easy = msg->easy_handle;
      const CURLcode result = msg->data.result;
      // msg is invalid once its handle is removed.
      curl::multi_remove_handle(multi_, easy);
      auto it = active_.find(easy);
      if (it == active_.end()) continue;
      std::lock_guard<std::mutex> lock(mu_);
      Complete(it->second, result);
      active_.erase(it);
    }
    curl::multi_poll(multi_, nullptr, 0, kMaxPollMs, nullptr);
  }

  // Stopping: nothing in flight is left behind.
  for (auto& [easy, job] : active_) {
    curl::multi_remove_handle(multi_, easy);
    std::lock_guard<std::mutex> lock(mu_);
    Complete(job, CURLE_ABORTED_BY_CALLBACK);
  }
  active_.clear();
  std::lock_guard<std::mutex> lock(mu_);
  stopping_ = true;
  for (Job* job : incoming_) Complete(job, CURLE_ABORTED_BY_CALLBACK);
  incoming_.clear();
}

}  // namespace newsfacts::fetch
