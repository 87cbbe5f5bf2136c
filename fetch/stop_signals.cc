#include "fetch/stop_signals.h"

#include <signal.h>

#include "fetch/transfer_loop.h"

namespace newsfacts::fetch {
namespace {

volatile sig_atomic_t g_received = 0;
struct sigaction g_old_int {}, g_old_term {};

void OnStopSignal(int signo) {
  g_received = signo;
  TransferLoop::Interrupt();
}

}  // namespace

StopSignals::StopSignals() {
  struct sigaction sa {};
  sa.sa_handler = OnStopSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESETHAND | SA_RESTART;
  sigaction(SIGINT, &sa, &g_old_int);
  sigaction(SIGTERM, &sa, &g_old_term);
}

StopSignals::~StopSignals() {
  sigaction(SIGINT, &g_old_int, nullptr);
  sigaction(SIGTERM, &g_old_term, nullptr);
}

int StopSignals::Received() { return g_received; }

}  // namespace newsfacts::fetch
