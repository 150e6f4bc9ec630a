// A fixed set of worker threads running submitted jobs in FIFO order.
//
// The scanner hands it parsed-chunk jobs and collects their futures in input order; the pool
// itself knows nothing about logs. Threads start in the constructor and are joined in the
// destructor after the queue drains.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace statuslint {

class WorkerPool {
 public:
  explicit WorkerPool(unsigned threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `job`; its result (or exception) arrives through the returned future.
  template <typename F>
  auto submit(F job) -> std::future<decltype(job())> {
    auto task = std::make_shared<std::packaged_task<decltype(job())()>>(std::move(job));
    auto future = task->get_future();
    {
      std::lock_guard lock(mutex_);
      jobs_.emplace_back([task] { (*task)(); });
    }
    ready_.notify_one();
    return future;
  }

  unsigned size() const noexcept { return static_cast<unsigned>(threads_.size()); }
  // Jobs queued and not yet started.
  size_t pending();

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace statuslint
