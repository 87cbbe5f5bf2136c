// StopOnSignal: runs a stop function when SIGINT or SIGTERM arrives, in ordinary code on a
// thread of its own (sigwait), never inside a signal handler.
//
// The constructor blocks both signals in the calling thread, so it must run before any
// thread that should not receive them starts (threads inherit the mask). The destructor
// wakes and joins the watching thread; the stop function runs at most once, and only for a
// signal that arrived.
//
// Thread safety: construct and destroy on one thread; stop runs on the watching thread.
#pragma once

#include <atomic>
#include <functional>
#include <thread>

namespace newsfacts::web {

class StopOnSignal {
 public:
  explicit StopOnSignal(std::function<void()> stop);
  StopOnSignal(const StopOnSignal&) = delete;  // owns a thread
  StopOnSignal& operator=(const StopOnSignal&) = delete;
  ~StopOnSignal();

 private:
  std::atomic<bool> closing_{false};
  std::thread watcher_;
};

}  // namespace newsfacts::web
