// Stopping a run cleanly on Ctrl-C (SIGINT) or SIGTERM.
//
// While a StopSignals is alive, the first such signal records itself and calls
// TransferLoop::Interrupt(): transfers in flight are cancelled and new ones refused, so
// the fetching threads finish what they were storing and take nothing new. The handler
// is then reset (SA_RESETHAND): a second signal has its default effect. The destructor
// puts back the handlers that were there before.
//
// Not nested: one StopSignals at a time, on any thread.
#pragma once

namespace newsfacts::fetch {

class StopSignals {
 public:
  StopSignals();
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // The signal that stopped the run, 0 while none has.
  static int Received();
};

}  // namespace newsfacts::fetch
