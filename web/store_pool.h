// StorePool: read-only Store connections shared by `serve`'s request threads.
//
// A Store is one SQLite connection and is used by one thread at a time, so every request
// borrows a connection of its own for as long as it runs: Acquire() hands out an idle one or
// opens a new one (StoreOptions::read_only, so the file is never written and, in WAL mode,
// a running crawl never blocks a reader nor is blocked by one). The connection goes back to
// the pool when the Lease is destroyed. At most as many connections are open as requests
// ran at once.
//
// Errors: Acquire() returns what Store::Open returns (kNotFound for a missing file,
// kStorage for a file of another program or schema version).
// Thread safety: Acquire() and the Lease's destruction may run on any thread at once; a
// Lease itself belongs to one thread. The pool must outlive its Leases.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/status.h"
#include "store/store.h"

namespace newsfacts::web {

class StorePool {
 public:
  explicit StorePool(std::string path);
  StorePool(const StorePool&) = delete;  // Leases point back at their pool
  StorePool& operator=(const StorePool&) = delete;

  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease();
    const store::Store& store() const { return *store_; }

   private:
    friend class StorePool;
    Lease(StorePool* pool, std::unique_ptr<store::Store> store);
    StorePool* pool_;
    std::unique_ptr<store::Store> store_;
  };

  Result<Lease> Acquire();
  const std::string& path() const { return path_; }

 private:
  void Release(std::unique_ptr<store::Store> store);

  const std::string path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<store::Store>> idle_;
};

}  // namespace newsfacts::web
