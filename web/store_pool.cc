#include "web/store_pool.h"

#include <utility>

namespace newsfacts::web {

StorePool::StorePool(std::string path) : path_(std::move(path)) {}

StorePool::Lease::Lease(StorePool* pool, std::unique_ptr<store::Store> store)
    : pool_(pool), store_(std::move(store)) {}

StorePool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), store_(std::move(other.store_)) {}

StorePool::Lease::~Lease() {
  if (store_) pool_->Release(std::move(store_));
}

Result<StorePool::Lease> StorePool::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<store::Store> store = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(store));
    }
  }
  store::StoreOptions options;
  options.read_only = true;
  auto opened = store::Store::Open(path_, options);
  if (!opened.ok()) return opened.status();
  return Lease(this, std::make_unique<store::Store>(std::move(opened).value()));
}

void StorePool::Release(std::unique_ptr<store::Store> store) {
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(store));
}

}  // namespace newsfacts::web
