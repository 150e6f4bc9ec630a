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
  // `cores`, when set, is how many threads may run at once counting the callers that hold an
  // Occupied (threads reading inputs of their own): wants_work() then says no while they
  // fill the cores, so that a worker never competes with them for one.
  explicit WorkerPool(unsigned threads, unsigned cores = 0);
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
  // Whether a job submitted now would start soon: none is queued and (with `cores`) fewer
  // than `cores` threads are busy.
  bool wants_work();

  // A caller doing work of its own (one input's reading and parsing) while it holds this.
  class Occupied {
   public:
    explicit Occupied(WorkerPool* pool);
    ~Occupied();
    Occupied(const Occupied&) = delete;
    Occupied& operator=(const Occupied&) = delete;

   private:
    WorkerPool* pool_;
  };

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  unsigned cores_ = 0;
  unsigned busy_ = 0;  // jobs running plus Occupied holders
  std::vector<std::thread> threads_;
};

}  // namespace statuslint
