#include "statuslint/scan/input_set.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

#include "statuslint/scan/progress.hpp"
#include "statuslint/scan/worker_pool.hpp"

namespace statuslint {
namespace {

InputSummary scan_one(Scanner& scanner, const std::string& path, const std::optional<ByteRange>& range) {
  return range ? scanner.scan_range(path, *range) : scanner.scan_path(path);
}

// One input's place in the set: filled by the thread that scanned it, taken by the caller.
struct Slot {
  std::atomic<std::uint64_t> read{0};  // bytes of the file consumed so far, for the progress line
  bool done = false;
  InputSummary summary;
  std::exception_ptr error;
};

}  // namespace

void scan_inputs(const std::vector<std::string>& paths, ScanOptions options, const InputSetOptions& set,
                 const std::function<void(InputSummary&)>& deliver) {
  Progress* progress = set.progress != nullptr && set.progress->enabled() ? set.progress : nullptr;
  const auto display = [&](const std::string& path) { return set.display_name ? set.display_name(path) : path; };
  const unsigned threads = std::max(1u, options.threads);
  const size_t n = paths.size();
  if (threads == 1 || n <= 1) {  // one after another, the chunks of each on the pool
    options.progress = progress;
    Scanner scanner(options);
    for (const std::string& path : paths) {
      if (progress != nullptr) progress->start_input(path, display(path));
      InputSummary in = scan_one(scanner, path, set.range);
      if (progress != nullptr) progress->end_input();
      deliver(in);
    }
    return;
  }

  const auto readers = static_cast<unsigned>(std::min<size_t>(threads, n));
  options.progress = nullptr;  // drawn here, from each input's Slot::read
  options.concurrent_inputs = readers;
  // Every core reads an input of its own while there are inputs enough; the workers take
  // chunks only from inputs whose readers have a core to spare (the last ones, when fewer
  // inputs than cores are left).
  const auto pool = std::make_shared<WorkerPool>(threads - 1, threads);
  std::mutex mutex;
  std::condition_variable changed;
  size_t next = 0, delivered = 0;
  bool stopping = false;
  const size_t window = size_t{2} * readers;  // inputs started but not yet delivered
  // A ring, input i in slot i % window: an InputSummary is kilobytes, and a slot for each of
  // 100,000 inputs was a gigabyte.
  std::vector<Slot> ring(window);
  const auto slot = [&](size_t i) -> Slot& { return ring[i % window]; };

  const auto read_inputs = [&] {
    Scanner scanner(options, pool);
    for (;;) {
      size_t i = 0;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stopping || next >= n || next < delivered + window; });
        if (stopping || next >= n) return;
        i = next++;
      }
      slot(i).read.store(0, std::memory_order_relaxed);
      scanner.report_read_to(&slot(i).read);
      InputSummary in;
      std::exception_ptr error;
      try {
        const WorkerPool::Occupied reading(pool.get());
        in = scan_one(scanner, paths[i], set.range);
      } catch (...) {
        error = std::current_exception();
      }
      {
        const std::lock_guard lock(mutex);
        slot(i).summary = std::move(in);
        slot(i).error = error;
        slot(i).done = true;
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> threads_running;
  threads_running.reserve(readers);
  for (unsigned r = 0; r < readers; ++r) threads_running.emplace_back(read_inputs);
  const auto stop_all = [&] {
    {
      const std::lock_guard lock(mutex);
      stopping = true;
    }
    changed.notify_all();
    for (std::thread& t : threads_running) t.join();
  };

  try {
    for (size_t i = 0; i < n; ++i) {
      if (progress != nullptr) progress->start_input(paths[i], display(paths[i]));
      InputSummary in;
      std::exception_ptr error;
      {
        std::unique_lock lock(mutex);
        while (!slot(i).done) {
          if (progress == nullptr) {
            changed.wait(lock);
            continue;
          }
          changed.wait_for(lock, std::chrono::milliseconds(200));
          const std::uint64_t at = slot(i).read.load(std::memory_order_relaxed);
          lock.unlock();
          progress->advance(at);
          lock.lock();
        }
        in = std::move(slot(i).summary);
        slot(i).summary = InputSummary{};
        error = std::exchange(slot(i).error, nullptr);
        slot(i).done = false;
        delivered = i + 1;
      }
      changed.notify_all();
      if (progress != nullptr) progress->end_input();
      if (error) std::rethrow_exception(error);
      deliver(in);
    }
  } catch (...) {
    stop_all();
    throw;
  }
  stop_all();
}

}  // namespace statuslint
