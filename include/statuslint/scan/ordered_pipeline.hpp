// The one ordered pipeline every reader's scan runs through: jobs (a chunk of lines, a batch
// of HAR entries) run on the worker pool when it wants work (WorkerPool::wants_work) and on
// the calling thread when it does not (rather than wait), and their results are merged strictly in submission order, so
// the report is identical for every thread count. At most `max_in_flight` results wait to merge, which bounds memory
// whatever the input's size.
//
//   OrderedPipeline<ChunkResult> pipeline(pool, 2 * threads, [&](ChunkResult& r) { merge(r); });
//   pipeline.run([&] { return [c = std::move(chunk)] { return parse(c); }; },  // a job for a free worker
//                [&] { return parse(chunk); });                              // here, when none is free
//   pipeline.finish();
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <future>
#include <utility>

#include "statuslint/scan/worker_pool.hpp"

namespace statuslint {

template <typename Result>
class OrderedPipeline {
 public:
  using Merge = std::function<void(Result&)>;
  // `pool` may be null: every job then runs here, and merges at once.
  OrderedPipeline(WorkerPool* pool, size_t max_in_flight, Merge merge)
      : pool_(pool), max_in_flight_(max_in_flight), merge_(std::move(merge)) {}
  OrderedPipeline(const OrderedPipeline&) = delete;
  OrderedPipeline& operator=(const OrderedPipeline&) = delete;
  // Everything submitted is merged before the pipeline goes (jobs may refer to the caller's
  // state).
  ~OrderedPipeline() { finish(); }

  // Runs a job on a free worker (`make_job()` builds it, and is called only then: it may take
  // what the job needs, such as the chunk), or `here()` on this thread when none is free;
  // either way its result merges after every earlier job's. Then merges what is ready.
  template <typename MakeJob, typename Here>
  void run(MakeJob&& make_job, Here&& here) {
    if (pool_ != nullptr && pool_->wants_work()) {
      in_flight_.push_back(pool_->submit(make_job()));
    } else if (in_flight_.empty()) {
      Result result = here();
      merge_(result);
    } else {
      std::promise<Result> done;
      done.set_value(here());
      in_flight_.push_back(done.get_future());
    }
    while (!in_flight_.empty() && (in_flight_.size() > max_in_flight_ ||
                                   in_flight_.front().wait_for(std::chrono::seconds(0)) == std::future_status::ready)) {
      merge_front();
    }
  }

  // Merges every job still in flight, in order.
  void finish() {
    while (!in_flight_.empty()) merge_front();
  }

 private:
  void merge_front() {
    Result result = in_flight_.front().get();
    in_flight_.pop_front();
    merge_(result);
  }

  WorkerPool* pool_;
  size_t max_in_flight_;
  Merge merge_;
  std::deque<std::future<Result>> in_flight_;
};

}  // namespace statuslint
