// One libcurl multi handle and the thread that drives it: every transfer of a run goes
// through it, many hosts in flight at once.
//
// A caller prepares a curl easy handle (options, callbacks, headers) and calls
// Perform(); the handle is added to the multi handle by the loop's thread, driven there
// (curl_multi_poll / curl_multi_perform / curl_multi_info_read) and removed there when it
// completes, and Perform() then returns its result. While Perform() runs, the loop's
// thread owns the handle: the handle's callbacks run on that thread, and nothing else may
// touch the handle or what its callbacks write to. Before and after, the caller owns it.
//
// All transfers share the multi handle's connection cache (a later request to a host
// reuses the connection an earlier one left open, whichever HttpClient made it) and its
// DNS cache. At most max_host_connections connections are open to one host (host name
// and port) at a time; a transfer beyond that waits in the loop for a free connection
// (its total timeout runs while it waits).
//
// Stop() cancels what is still in flight or queued (those Perform() calls return
// CURLE_ABORTED_BY_CALLBACK), refuses anything later the same way, and joins the thread.
// The destructor calls it. Interrupt() does the same from a signal handler.
//
// Thread safety: Perform() may be called from any number of threads at once, each with
// its own easy handle; an easy handle may be in one Perform() at a time.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "common/status.h"
#include "url/curl_api.h"

namespace newsfacts::fetch {

struct FetchOptions;

class TransferLoop {
 public:
  // A loop with FetchOptions::max_host_connections connections per host at most (0: no
  // limit), its thread started.
  static Result<std::shared_ptr<TransferLoop>> Create(const FetchOptions& options);

  TransferLoop(const TransferLoop&) = delete;
  TransferLoop& operator=(const TransferLoop&) = delete;
  ~TransferLoop();

  // Runs easy to completion on the loop's thread and returns its result; blocks until
  // then. easy must not be in any multi handle.
  CURLcode Perform(CURL* easy);

  // Cancels every transfer in flight or queued, refuses new ones, joins the thread.
  // Idempotent; not to be called from a callback of a transfer.
  void Stop();

  // Async-signal-safe: asks every loop to cancel what is in flight and refuse new
  // transfers (as Stop() does, without the join). Interrupted() tells whether it was called.
  static void Interrupt();
  static bool Interrupted();

  // What the loop has done so far.
  struct Stats {
    size_t transfers = 0;      // completed, cancelled ones included
    size_t max_in_flight = 0;  // most transfers in the multi handle at once
  };
  Stats stats();

 private:
  struct Job {
    CURL* easy = nullptr;
    CURLcode result = CURLE_OK;
    bool done = false;
    std::condition_variable cv;
  };

  explicit TransferLoop(CURLM* multi);
  void Run();
  // Marks job done with result and wakes its caller. mu_ must be held.
  void Complete(Job* job, CURLcode result);

  CURLM* multi_;
  std::thread thread_;
  std::mutex mu_;
  // Guarded by mu_:
  std::vector<Job*> incoming_;
  bool stopping_ = false;
  Stats stats_;
  std::once_flag joined_;
  // Loop thread only:
  std::map<CURL*, Job*> active_;
};

}  // namespace newsfacts::fetch
