#include "statuslint/scanner.hpp"

#include <algorithm>
#include <cstring>
#include <deque>
#include <future>

#include "statuslint/chunk_reader.hpp"
#include "statuslint/format_detection.hpp"
#include "statuslint/worker_pool.hpp"

namespace statuslint {
namespace {

// How much of a malformed line is kept to show.
constexpr size_t kExampleBytes = 200;

struct ChunkResult {
  Counts counts;
  std::vector<MalformedExample> examples;  // line numbers local to the chunk
  Chunk chunk;                             // handed back so its buffer can be reused
};

bool is_blank(std::string_view line) noexcept {
  for (char c : line) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

// Parses the lines of chunks with one format. W3C inputs change format at each `#Fields:`
// directive, which is why they are processed by a single processor in order.
class LineProcessor {
 public:
  LineProcessor(std::shared_ptr<const LogFormat> format, size_t max_examples)
      : format_(std::move(format)), max_examples_(max_examples) {}

  void process(const Chunk& chunk, ChunkResult& out) {
    Counts& c = out.counts;
    if (chunk.oversized) {
      c.lines = 1;
      c.malformed = 1;
      note(out, 1,
           "line of " + std::to_string(chunk.oversized_bytes) + " bytes is longer than the limit (--max-line-bytes)",
           chunk.view());
      return;
    }
    const char* p = chunk.buffer.data();
    const char* const end = p + chunk.size;
    Record record;
    ParseError error;
    std::uint64_t line_no = 0;
    while (p < end) {
      const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
      const char* line_end = nl != nullptr ? nl : end;
      std::string_view line(p, static_cast<size_t>(line_end - p));
      p = nl != nullptr ? nl + 1 : end;
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (format_->w3c() && !line.empty() && line.front() == '#') {
        directive(line, line_no, out);
        continue;
      }
      if (format_->parse(line, record, error) != LogFormat::Fit::Malformed) {
        c.add(record);
      } else if (is_blank(line)) {
        ++c.blank;
      } else {
        ++c.malformed;
        if (out.examples.size() < max_examples_) note(out, line_no, format_->name() + ": " + format_->describe(error), line);
      }
    }
    c.lines = line_no;
  }

 private:
  void note(ChunkResult& out, std::uint64_t line, std::string reason, std::string_view text) {
    if (out.examples.size() >= max_examples_) return;
    out.examples.push_back({line, std::move(reason), std::string(text.substr(0, kExampleBytes))});
  }

  // W3C directives carry no record; `#Fields:` replaces the field list from here on.
  void directive(std::string_view line, std::uint64_t line_no, ChunkResult& out) {
    constexpr std::string_view kFields = "#Fields:";
    if (!line.starts_with(kFields)) {
      ++out.counts.blank;
      return;
    }
    try {
      format_ = LogFormat::from_w3c_fields(line.substr(kFields.size()), format_->name());
      ++out.counts.blank;
    } catch (const FormatError& e) {
      ++out.counts.malformed;
      note(out, line_no, std::string("w3c: unusable #Fields directive: ") + e.what(), line);
    }
  }

  std::shared_ptr<const LogFormat> format_;
  size_t max_examples_;
};

// Folds one chunk's result into the input's summary; chunks arrive in input order.
void merge_chunk(InputSummary& summary, const ChunkResult& result, size_t max_examples) {
  const std::uint64_t offset = summary.counts.lines;
  for (const MalformedExample& e : result.examples) {
    if (summary.examples.size() >= max_examples) break;
    summary.examples.push_back({e.line + offset, e.reason, e.text});
  }
  summary.counts.merge(result.counts);
}

}  // namespace

Scanner::Scanner(ScanOptions options) : options_(std::move(options)) {
  options_.threads = std::max(1u, options_.threads);
  // The calling thread reads and also parses whenever the workers are busy, so N threads in
  // all means N - 1 workers.
  if (options_.threads > 1) pool_ = std::make_unique<WorkerPool>(options_.threads - 1);
}

Scanner::~Scanner() = default;

InputSummary Scanner::scan_path(const std::string& path) {
  try {
    auto source = open_input(path);
    return scan(*source, path == "-" ? "<stdin>" : path);
  } catch (const InputError& e) {
    InputSummary summary;
    summary.name = path == "-" ? "<stdin>" : path;
    summary.error = e.what();
    return summary;
  }
}

InputSummary Scanner::scan(ByteSource& source, const std::string& name) {
  InputSummary summary;
  summary.name = name;
  summary.compression = source.compression();
  ChunkReader reader(source, options_.chunk_bytes, options_.max_line_bytes);

  Chunk first;
  const bool have_first = reader.next(first);
  std::shared_ptr<const LogFormat> format = options_.format;
  if (format != nullptr) {
    summary.format = format->name();
    summary.format_note = "given";
  } else if (have_first) {
    // Detect from the first chunk; with a tiny chunk size, read on until enough lines are seen.
    std::string sample(first.view());
    FormatDetection detection = detect_format(sample);
    if (detection.format == nullptr) {
      summary.error = name + ": cannot detect the log format: " + detection.explanation;
      return summary;
    }
    format = detection.format;
    summary.format = format->name();
    summary.format_note = "detected: " + detection.explanation;
  }

  LineProcessor inline_processor(format, options_.max_examples);
  const bool parallel = pool_ != nullptr && format != nullptr && !format->w3c();
  const size_t max_in_flight = 2 * options_.threads;
  std::deque<std::future<ChunkResult>> in_flight;
  std::vector<Chunk> spare;

  const auto merge_front = [&] {
    ChunkResult result = in_flight.front().get();
    in_flight.pop_front();
    merge_chunk(summary, result, options_.max_examples);
    // Only chunks that went to a worker come back with a buffer worth reusing.
    if (!result.chunk.buffer.empty() && spare.size() <= max_in_flight) spare.push_back(std::move(result.chunk));
  };

  bool have = have_first;
  Chunk chunk = std::move(first);
  while (have) {
    if (parallel && pool_->pending() == 0) {
      // A worker is free (or about to be): hand the chunk over and read on.
      in_flight.push_back(pool_->submit([format, chunk = std::move(chunk), max = options_.max_examples]() mutable {
        ChunkResult result;
        LineProcessor(format, max).process(chunk, result);
        result.chunk = std::move(chunk);
        return result;
      }));
      chunk = Chunk{};
      if (!spare.empty()) {
        chunk = std::move(spare.back());
        spare.pop_back();
      }
    } else if (parallel) {
      // The workers are busy: parse this chunk here rather than wait. Its result still
      // queues behind earlier chunks, so merging stays in input order.
      ChunkResult result;
      LineProcessor(format, options_.max_examples).process(chunk, result);
      std::promise<ChunkResult> done;
      done.set_value(std::move(result));
      in_flight.push_back(done.get_future());
    } else {
      ChunkResult result;
      inline_processor.process(chunk, result);
      merge_chunk(summary, result, options_.max_examples);
    }
    while (!in_flight.empty() &&
           (in_flight.size() > max_in_flight ||
            in_flight.front().wait_for(std::chrono::seconds(0)) == std::future_status::ready)) {
      merge_front();
    }
    have = reader.next(chunk);
  }
  while (!in_flight.empty()) merge_front();
  if (reader.error()) summary.error = *reader.error();
  return summary;
}

}  // namespace statuslint
