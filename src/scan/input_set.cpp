#include "statuslint/scan/input_set.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
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
  // Two conditions, each told only when someone waits on it: with a wake-up for every input
  // on one condition, 100,000 small files cost two context switches each.
  std::condition_variable room;   // readers: an input may start
  std::condition_variable ready;  // the caller: the input it waits for is done
  size_t next = 0, delivered = 0;
  size_t readers_waiting = 0;
  std::optional<size_t> awaited;  // the input the caller waits for
  size_t done_ahead = 0;          // inputs done and not yet delivered
  bool stopping = false;
  const size_t window = size_t{8} * readers;  // inputs started but not yet delivered
  // The caller is woken when half the window is done (or all that is left), not for every
  // input: it delivers faster than inputs are read, and slept and woke once for each.
  const size_t batch = window / 2;
  // A ring, input i in slot i % window: an InputSummary is kilobytes, and a slot for each of
  // 100,000 inputs was a gigabyte.
  std::vector<Slot> ring(window);
  const auto slot = [&](size_t i) -> Slot& { return ring[i % window]; };

  const auto read_inputs = [&] {
    Scanner scanner(options, pool);
    // The reader holds its core from one input to the next, and lets it go only while it
    // waits: released between inputs, the other readers' chunks of a small file went to a
    // worker and back through the pool's queue.
    std::optional<WorkerPool::Occupied> reading(pool.get());
    for (;;) {
      size_t i = 0;
      {
        std::unique_lock lock(mutex);
        const auto may_start = [&] { return stopping || next >= n || next < delivered + window; };
        // A loop, not one check: while this reader took its core back, unlocked, another one
        // may have started the input that filled the window (a slot then held two inputs,
        // and the caller waited forever, about once in twelve runs of 100,000 files).
        while (!may_start()) {
          lock.unlock();
          reading.reset();
          lock.lock();
          ++readers_waiting;
          room.wait(lock, may_start);
          --readers_waiting;
          lock.unlock();
          reading.emplace(pool.get());
          lock.lock();
        }
        if (stopping || next >= n) return;
        i = next++;
      }
      slot(i).read.store(0, std::memory_order_relaxed);
      scanner.report_read_to(&slot(i).read);
      InputSummary in;
      std::exception_ptr error;
      try {
        in = scan_one(scanner, paths[i], set.range);
      } catch (...) {
        error = std::current_exception();
      }
      bool tell = false;
      {
        const std::lock_guard lock(mutex);
        slot(i).summary = std::move(in);
        slot(i).error = error;
        slot(i).done = true;
        ++done_ahead;
        tell = awaited && slot(*awaited).done && (done_ahead >= batch || done_ahead == n - delivered);
      }
      if (tell) ready.notify_one();
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
    room.notify_all();
    for (std::thread& t : threads_running) t.join();
  };

  try {
    for (size_t i = 0; i < n; ++i) {
      if (progress != nullptr) progress->start_input(paths[i], display(paths[i]));
      InputSummary in;
      std::exception_ptr error;
      bool tell = false;
      {
        std::unique_lock lock(mutex);
        while (!slot(i).done) {
          awaited = i;
          if (progress == nullptr) {
            ready.wait(lock);
            continue;
          }
          ready.wait_for(lock, std::chrono::milliseconds(200));
          const std::uint64_t at = slot(i).read.load(std::memory_order_relaxed);
          lock.unlock();
          progress->advance(at);
          lock.lock();
        }
        awaited.reset();
        --done_ahead;
        in = std::move(slot(i).summary);
        slot(i).summary = InputSummary{};
        error = std::exchange(slot(i).error, nullptr);
        slot(i).done = false;
        delivered = i + 1;
        tell = readers_waiting > 0;
      }
      if (tell) room.notify_all();
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
