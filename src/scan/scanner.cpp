#include "statuslint/scan/scanner.hpp"

#include <algorithm>
#include <cstring>
#include <deque>
#include <future>
#include <optional>

#include "statuslint/input/chunk_reader.hpp"
#include "statuslint/formats/format_detection.hpp"
#include "statuslint/formats/har_reader.hpp"
#include "statuslint/scan/progress.hpp"
#include "statuslint/collect/record_collector.hpp"
#include "statuslint/scan/worker_pool.hpp"

namespace statuslint {
namespace {

// How much of a malformed line is kept to show.
constexpr size_t kExampleBytes = 200;

// Format detection reads the first bytes of an input, cut at the last whole line: the same
// window for every chunk size, so the choice never depends on how the input was read.
constexpr size_t kDetectionBytes = size_t{64} << 10;

std::string_view detection_window(std::string_view sample) noexcept {
  if (sample.size() <= kDetectionBytes) return sample;
  const size_t nl = sample.rfind('\n', kDetectionBytes - 1);
  return nl == std::string_view::npos ? sample.substr(0, kDetectionBytes) : sample.substr(0, nl + 1);
}

struct ChunkResult {
  Collected collected;                     // finding example lines are local to the chunk
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
  LineProcessor(const InputFormat& format, const CollectOptions& collect)
      : text_(format.text), json_(format.json), max_examples_(collect.max_examples), collector_(collect) {}

  void process(const Chunk& chunk, ChunkResult& out) {
    collector_.prepare(out.collected);
    if (chunk.oversized) {
      out.collected.counts.lines = 1;
      out.collected.counts.malformed = 1;
      note(out, 1,
           "line of " + std::to_string(chunk.oversized_bytes) + " bytes is longer than the limit (--max-line-bytes)",
           chunk.view());
      return;
    }
    if (json_ != nullptr) {
      for_each_line(chunk, out, [this](std::string_view line, std::uint64_t line_no, ChunkResult& res) {
        std::string_view reason;
        std::uint32_t column = 0;
        if (json_->parse(line, record_, headers_, reason, column)) {
          add(record_, line_no, res);
        } else {
          malformed(res, line_no, line, [&] {
            return json_->name() + ": " + std::string(reason) + (column > 0 ? " at column " + std::to_string(column + 1) : "");
          });
        }
      });
    } else {
      for_each_line(chunk, out, [this](std::string_view line, std::uint64_t line_no, ChunkResult& res) {
        if (text_->w3c() && !line.empty() && line.front() == '#') {
          directive(line, line_no, res);
        } else if (text_->parse(line, record_, error_) != LogFormat::Fit::Malformed) {
          add(record_, line_no, res);
        } else {
          malformed(res, line_no, line, [&] { return text_->name() + ": " + text_->describe(error_); });
        }
      });
    }
  }

 private:
  void add(Record& r, std::uint64_t line_no, ChunkResult& out) {
    r.line = line_no;  // chunk-local; merge_tallies shifts it
    collector_.add(r, out.collected);
  }

  // PERF NOTES: the framing loop is shared by every line format and inlined into each (the
  // per-line step is a lambda), so there is no virtual call per line.
  template <typename PerLine>
  static void for_each_line(const Chunk& chunk, ChunkResult& out, PerLine&& per_line) {
    const char* p = chunk.buffer.data();
    const char* const end = p + chunk.size;
    std::uint64_t line_no = 0;
    while (p < end) {
      const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
      const char* line_end = nl != nullptr ? nl : end;
      std::string_view line(p, static_cast<size_t>(line_end - p));
      p = nl != nullptr ? nl + 1 : end;
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (is_blank(line)) {
        ++out.collected.counts.blank;
        continue;
      }
      per_line(line, line_no, out);
    }
    out.collected.counts.lines = line_no;
  }

  template <typename Reason>
  void malformed(ChunkResult& out, std::uint64_t line_no, std::string_view line, Reason&& reason) {
    ++out.collected.counts.malformed;
    if (out.examples.size() < max_examples_) note(out, line_no, reason(), line);
  }

  void note(ChunkResult& out, std::uint64_t line, std::string reason, std::string_view text) {
    if (out.examples.size() >= max_examples_) return;
    out.examples.push_back({line, std::move(reason), std::string(text.substr(0, kExampleBytes))});
  }

  // W3C directives carry no record; `#Fields:` replaces the field list from here on.
  void directive(std::string_view line, std::uint64_t line_no, ChunkResult& out) {
    constexpr std::string_view kFields = "#Fields:";
    if (!line.starts_with(kFields)) {
      ++out.collected.counts.blank;
      return;
    }
    try {
      text_ = LogFormat::from_w3c_fields(line.substr(kFields.size()), text_->name());
      record_ = Record{};  // the new field list may lack fields the old one filled
      ++out.collected.counts.blank;
    } catch (const FormatError& e) {
      ++out.collected.counts.malformed;
      note(out, line_no, std::string("w3c: unusable #Fields directive: ") + e.what(), line);
    }
  }

  std::shared_ptr<const LogFormat> text_;
  std::shared_ptr<const JsonLineFormat> json_;
  size_t max_examples_;
  RecordCollector collector_;
  // Reused from line to line. Safe because a text format writes every field it maps on each
  // line it parses, and a JSON-lines format starts each line from an empty record; a format
  // change (W3C #Fields) resets it. A fresh record per text line costs 15% of a plain scan.
  Record record_;
  ParseError error_;
  std::vector<Header> headers_;
};

// Folds one chunk's result into the input's summary; chunks arrive in input order.
void merge_chunk(InputSummary& summary, const ChunkResult& result, size_t max_examples) {
  const std::uint64_t offset = summary.counts.lines;
  merge_tallies(summary.findings, result.collected.findings, offset, max_examples);
  summary.trends.merge(result.collected.trends);
  summary.offenders.merge(result.collected.offenders);
  for (const MalformedExample& e : result.examples) {
    if (summary.examples.size() >= max_examples) break;
    summary.examples.push_back({e.line + offset, e.reason, e.text});
  }
  summary.counts.merge(result.collected.counts);
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

  // Detection looks at the same bytes whatever the chunk size: chunks are read ahead until
  // they hold the detection window, and parsed afterwards in order.
  std::deque<Chunk> ahead;
  std::string sample;
  while (sample.size() < kDetectionBytes) {
    Chunk c;
    if (!reader.next(c)) break;
    if (c.oversized) {
      ahead.push_back(std::move(c));
      break;
    }
    sample.append(c.view());
    ahead.push_back(std::move(c));
  }
  InputFormat format = options_.format;
  if (!format.empty()) {
    summary.format = format.name();
    summary.format_note = "given";
  } else if (!ahead.empty()) {
    FormatDetection detection = detect_format(detection_window(sample), 50, options_.json_overrides);
    if (detection.format.empty()) {
      summary.error = name + ": cannot detect the log format: " + detection.explanation;
      return summary;
    }
    format = detection.format;
    summary.format = format.name();
    summary.format_note = "detected: " + detection.explanation;
  }
  sample = std::string();
  CollectOptions collect;
  collect.rules = options_.rules.get();
  // Text logs never carry headers or status text: rules needing them stay out of the
  // per-record path, and are counted as not evaluated from the status counts at the end.
  collect.record_only_rules = format.text != nullptr;
  collect.max_examples = options_.max_examples;
  collect.since = options_.since;
  collect.until = options_.until;
  collect.trends = options_.trends;
  collect.bucket_seconds = options_.bucket_seconds;
  collect.top_counters = options_.top_counters;
  collect.top_keep_query = options_.top_keep_query;
  collect.top_memory = options_.top_memory;
  summary.trends.bucket_seconds = options_.bucket_seconds;
  if (format.har) {
    if (const std::string_view mapped = source.map_whole(); !mapped.empty()) {
      read_har(mapped, mapped.size() + kChunkPadding, summary, collect);
    } else {
      read_whole_har(reader, ahead, summary, source.size_hint(), collect);
    }
    return summary;
  }

  const RuleEngine* rules = options_.rules.get();
  if (rules != nullptr) summary.findings.resize(rules->rules().size());
  LineProcessor inline_processor(format, collect);
  const bool parallel = pool_ != nullptr && !format.empty() && !(format.text && format.text->w3c());
  const size_t max_in_flight = size_t{2} * options_.threads;
  std::deque<std::future<ChunkResult>> in_flight;
  std::vector<Chunk> spare;

  const auto merge_front = [&] {
    ChunkResult result = in_flight.front().get();
    in_flight.pop_front();
    merge_chunk(summary, result, options_.max_examples);
    // Only chunks that went to a worker come back with a buffer worth reusing.
    if (!result.chunk.buffer.empty() && spare.size() <= max_in_flight) spare.push_back(std::move(result.chunk));
  };

  Chunk chunk;
  const auto next_chunk = [&](Chunk& c) {
    if (ahead.empty()) return reader.next(c);
    c = std::move(ahead.front());
    ahead.pop_front();
    return true;
  };
  bool have = next_chunk(chunk);
  while (have) {
    if (parallel && pool_->pending() == 0) {
      // A worker is free (or about to be): hand the chunk over and read on.
      // The job refers to `collect`: every job is merged before scan() returns.
      in_flight.push_back(pool_->submit([format, &collect, chunk = std::move(chunk)]() mutable {
        ChunkResult result;
        LineProcessor(format, collect).process(chunk, result);
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
      LineProcessor(format, collect).process(chunk, result);
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
    have = next_chunk(chunk);
    if (options_.progress != nullptr) options_.progress->advance(source.raw_offset());
  }
  while (!in_flight.empty()) merge_front();
  if (rules != nullptr && format.text != nullptr) rules->count_not_evaluated(summary.counts.by_slot(), summary.findings);
  if (reader.error()) summary.error = *reader.error();
  return summary;
}

void Scanner::read_whole_har(ChunkReader& reader, std::deque<Chunk>& ahead, InputSummary& summary,
                             std::uint64_t size_hint, const CollectOptions& collect) {
  // A HAR is one document: gather it whole, with the padding simdjson reads past the end.
  // With the size known up front this is one allocation the size of the file.
  std::string document;
  if (size_hint > 0) document.reserve(size_hint + kChunkPadding);
  for (const Chunk& c : ahead) document.append(c.view());
  ahead.clear();
  for (Chunk c; reader.next(c);) document.append(c.view());
  if (reader.error()) {
    summary.error = *reader.error();
    return;
  }
  const size_t size = document.size();
  document.resize(size + kChunkPadding);
  read_har(std::string_view(document.data(), size), document.size(), summary, collect);
}

}  // namespace statuslint
