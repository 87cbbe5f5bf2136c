#include "web/stop_signal.h"

#include <pthread.h>
#include <signal.h>

#include <utility>

namespace newsfacts::web {
namespace {

sigset_t StopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

}  // namespace

StopOnSignal::StopOnSignal(std::function<void()> stop) {
  const sigset_t set = StopSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  watcher_ = std::thread([this, set, stop = std::move(stop)] {
    int signal = 0;
    sigwait(&set, &signal);
    if (!closing_) stop();
  });
}

StopOnSignal::~StopOnSignal() {
  closing_ = true;
  // The watcher may still wait (no signal came): wake it with a signal of its own.
  pthread_kill(watcher_.native_handle(), SIGTERM);
  watcher_.join();
}

}  // namespace newsfacts::web
