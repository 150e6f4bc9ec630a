#include "statuslint/scan/worker_pool.hpp"

namespace statuslint {

WorkerPool::WorkerPool(unsigned threads, unsigned cores) : cores_(cores) {
  threads_.reserve(threads);
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (std::thread& t : threads_) t.join();
}

size_t WorkerPool::pending() {
  std::lock_guard lock(mutex_);
  return jobs_.size();
}

bool WorkerPool::wants_work() {
  std::lock_guard lock(mutex_);
  return jobs_.empty() && (cores_ == 0 || busy_ < cores_);
}

WorkerPool::Occupied::Occupied(WorkerPool* pool) : pool_(pool) {
  if (pool_ == nullptr) return;
  std::lock_guard lock(pool_->mutex_);
  ++pool_->busy_;
}

WorkerPool::Occupied::~Occupied() {
  if (pool_ == nullptr) return;
  std::lock_guard lock(pool_->mutex_);
  --pool_->busy_;
}

void WorkerPool::run() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
      ++busy_;
    }
    job();
    std::lock_guard lock(mutex_);
    --busy_;
  }
}

}  // namespace statuslint
