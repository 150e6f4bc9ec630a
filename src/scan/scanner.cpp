#include "statuslint/scan/scanner.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <future>
#include <mutex>

#include "line_reader.hpp"
#include "statuslint/collect/record_collector.hpp"
#include "statuslint/formats/format_detection.hpp"
#include "statuslint/formats/har_reader.hpp"
#include "statuslint/formats/plausibility.hpp"
#include "statuslint/formats/structural_index.hpp"
#include "statuslint/input/chunk_reader.hpp"
#include "statuslint/scan/ordered_pipeline.hpp"
#include "statuslint/scan/progress.hpp"
#include "statuslint/scan/worker_pool.hpp"

namespace statuslint {
namespace {

// Format detection reads the input's first non-blank lines: up to kDetectionLines of them,
// kDetectionBytes in all. The same lines for every chunk size, so the choice never depends on
// how the input was read.
constexpr size_t kDetectionLines = 50;
constexpr size_t kDetectionBytes = size_t{64} << 10;
// A HAR is told from the input's first bytes, before any line framing.
constexpr size_t kHeadBytes = 4096;
constexpr size_t kHeadBytesIfBlank = size_t{1} << 20;  // when the first kHeadBytes are all white space
// Memory stays bounded while the window fills: read-ahead stops once the chunks it holds take
// this much, whatever the window holds by then.
constexpr std::uint64_t kReadAheadLimit = std::uint64_t{16} << 20;

// What read-ahead gathered for detection.
struct DetectionWindow {
  std::string sample;                       // the lines detection reads, each ending in '\n'
  size_t lines = 0;                         // lines in `sample`
  std::vector<std::uint64_t> line_numbers;  // of those lines, in the input
  std::uint64_t skipped = 0;                // non-blank lines left out: longer than kDetectionBytes or the line limit
  std::uint64_t longest = 0;                // the longest of them, in bytes
  bool limited = false;                     // read-ahead stopped at kReadAheadLimit before the window was full

  // Why detection had nothing to read, for the error message.
  std::string why_empty() const {
    if (skipped == 0) return "no lines to detect a format from";
    return "no line to detect a format from: the first " + std::to_string(skipped) + " non-blank line" +
           (skipped == 1 ? " is" : "s are") + " longer than " + std::to_string(kDetectionBytes >> 10) +
           " KiB (the longest " + std::to_string(longest) + " bytes)" +
           (limited ? ", and read-ahead stopped after " + std::to_string(kReadAheadLimit >> 20) + " MiB" : "");
  }
};

// Reads chunks until they hold the detection window (or the input ends), keeping them to be
// parsed afterwards, in order. A line over kDetectionBytes (or the line limit) is measured and
// left out, never the end of the window: one long request at the top must not hide the file.
// Leading chunks of blank lines only are counted into `leading` and let go, so that a file of
// blank lines (or megabytes of them before the first record) is still read in bounded memory.
DetectionWindow read_ahead(ChunkReader& reader, std::deque<Chunk>& ahead, size_t max_line_bytes, Counts& leading) {
  DetectionWindow window;
  std::uint64_t held = 0;
  const auto skip = [&window](std::uint64_t bytes) {
    ++window.skipped;
    window.longest = std::max(window.longest, bytes);
  };
  bool full = false;
  std::uint64_t line_no = 0;
  while (!full) {
    if (held >= kReadAheadLimit) {
      window.limited = true;
      break;
    }
    Chunk c;
    if (!reader.next(c)) break;
    std::uint64_t lines = 0;
    bool only_blank = !c.oversized;
    if (c.oversized) {
      skip(c.oversized_bytes);
      ++line_no;
    } else {
      std::string_view rest = c.view();
      while (!rest.empty()) {
        const size_t nl = rest.find('\n');
        std::string_view line = rest.substr(0, nl);
        rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
        ++lines;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (is_blank(line)) continue;
        only_blank = false;
        if (full) continue;
        if (line.size() > max_line_bytes || line.size() + 1 > kDetectionBytes) {
          skip(line.size());
          continue;
        }
        if (window.sample.size() + line.size() + 1 > kDetectionBytes) {
          full = true;
          continue;
        }
        window.sample.append(line);
        window.sample += '\n';
        window.line_numbers.push_back(line_no);
        full = ++window.lines == kDetectionLines;
      }
    }
    if (only_blank && ahead.empty()) {
      leading.lines += lines;
      leading.blank += lines;
      continue;
    }
    held += c.buffer.capacity();
    ahead.push_back(std::move(c));
  }
  return window;
}

// The input's first bytes, for starts_like_har: a few KiB, more when they are all white space.
std::string_view peek_head(ChunkReader& reader) {
  std::string_view head = reader.peek(kHeadBytes);
  if (head.size() == kHeadBytes && head.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    head = reader.peek(kHeadBytesIfBlank);
  }
  return head;
}

// A format detected from the first lines that reads no valid status on most of the input's
// records has misread it (the layout changed after the window, or fooled detection): an input
// error, never a report of records with no status. Given formats are the user's to judge.
void check_plausible(InputSummary& summary) {
  const Counts& c = summary.counts;
  if (c.records < 20) return;
  std::uint64_t valid = c.no_response;
  c.by_code.for_each([&valid](int code, std::uint64_t n) { valid += valid_status(code) ? n : 0; });
  if (2 * valid > c.records) return;
  summary.error = summary.name + ": the detected format " + summary.format + " reads a valid status on only " +
                  std::to_string(valid) + " of " + std::to_string(c.records) +
                  " records: it has likely misread the input (check with statuslint detect; pin with --log-format)";
}

// "line 3 as haproxy reads it: client=..., status=1/1 (odd)": the first sample line labelled by
// the nearest candidate, for a refusal.
std::string labelled_example(const FormatDetection& detection, const DetectionWindow& window) {
  if (window.lines == 0) return {};
  for (const DetectionCandidate& c : detection.candidates) {
    if (c.fitted == 0) continue;
    InputFormat format;
    try {
      format = InputFormat::from_spec(c.name);
    } catch (const FormatError&) {
      return {};  // an inferred candidate: its name is no spec
    }
    // The first line it reads: what a wrong guess makes of a line is what shows it wrong.
    std::string_view rest = window.sample;
    for (size_t i = 0; i < c.first_fit && !rest.empty(); ++i) rest.remove_prefix(rest.find('\n') + 1);
    const std::string_view line = rest.substr(0, rest.find('\n'));
    const LabelledLine labelled = label_line(format, line);
    std::string out = "; line " + std::to_string(window.line_numbers[std::min(c.first_fit, window.lines - 1)]) +
                      " as " + c.name + " reads it:";
    for (const LabelledField& f : labelled.fields) {
      if (f.field.empty() || f.value.empty()) continue;
      out += " " + f.field + "=" + (f.value.size() > 40 ? f.value.substr(0, 40) + "..." : f.value);
      if (f.verdict == Plausible::No) out += " (odd)";
      out += ',';
    }
    if (out.ends_with(',')) out.pop_back();
    return out;
  }
  return {};
}

// The given format (with the envelope found around its lines), or the one detected from the
// input's first bytes and lines; on failure sets summary.error. Empty with no error: the input
// has no line to read (empty, or blank lines only).
InputFormat choose_format(const ScanOptions& options, std::string_view head, std::deque<Chunk>& ahead,
                          ChunkReader& reader, InputSummary& summary, Counts& leading, DetectionHint& hint) {
  if (options.format.har) {
    summary.format = options.format.name();
    summary.format_source = FormatSource::Given;
    return options.format;
  }
  if (options.format.empty() && starts_like_har(head)) {
    FormatDetection har = detect_format(head);
    summary.format = har.format.name();
    summary.format_source = FormatSource::Detected;
    summary.format_reason = std::move(har.explanation);
    return har.format;
  }
  const DetectionWindow window = read_ahead(reader, ahead, options.max_line_bytes, leading);
  if (!options.format.empty()) {
    InputFormat given = options.format;
    if (given.envelope.none()) given.envelope = detect_envelope(window.sample, given);
    summary.format = given.name();
    summary.format_source = FormatSource::Given;
    return given;
  }
  if (ahead.empty()) return {};
  FormatDetection detection = window.lines == 0
                                  ? FormatDetection{}
                                  : detect_format(window.sample, kDetectionLines, options.json_overrides, &hint);
  if (detection.format.empty()) {
    summary.error =
        summary.name + ": cannot detect the log format: " +
        (window.lines == 0 ? window.why_empty() : detection.explanation + labelled_example(detection, window));
    return {};
  }
  summary.format = detection.format.name();
  summary.format_source = FormatSource::Detected;
  summary.format_reason = std::move(detection.explanation);
  return detection.format;
}

// Folds one chunk's result into the input's summary; chunks arrive in input order.
// `offset`: the lines before the chunk (line-numbered locations are chunk-local); HAR
// batches carry entry indexes and lines that are already the input's.
void merge_chunk(InputSummary& summary, Collected& chunk, size_t max_examples, std::uint64_t offset,
                 SequenceCollector* sequences) {
  const auto shifted = [offset](Location at) {
    return at.kind == Location::Kind::Line ? Location::line(at.index + offset) : at;
  };
  merge_tallies(summary.findings, chunk.findings, offset, max_examples);
  if (sequences != nullptr) {
    for (size_t i = 0; i < chunk.exchanges.size(); ++i) {
      Exchange e = chunk.exchanges[i];
      if (!e.entry) e.at += offset;
      sequences->add(e, summary.findings);
    }
  }
  Collectors::merge(summary.states.all(), chunk.states.all(), MergeContext{offset, max_examples});
  for (const MalformedExample& e : chunk.examples) {
    if (summary.examples.size() >= max_examples) break;
    summary.examples.push_back({shifted(e.at), e.reason, e.text});
  }
  for (const NoResponseExample& e : chunk.no_response_examples) {
    if (summary.no_response_examples.size() >= max_examples) break;
    summary.no_response_examples.push_back({shifted(e.at), e.method, e.url, e.error});
  }
  if (!chunk.lines_by_format.empty()) {
    if (summary.lines_by_format.size() < chunk.lines_by_format.size()) {
      summary.lines_by_format.resize(chunk.lines_by_format.size());
    }
    for (size_t k = 0; k < chunk.lines_by_format.size(); ++k)
      summary.lines_by_format[k].second += chunk.lines_by_format[k];
  }
  for (const MalformedExample& e : chunk.truncated_examples) {
    if (summary.truncated_examples.size() >= max_examples) break;
    summary.truncated_examples.push_back({shifted(e.at), e.reason, e.text});
  }
  for (const MalformedExample& e : chunk.other_examples) {
    if (summary.other_examples.size() >= max_examples) break;
    summary.other_examples.push_back({shifted(e.at), e.reason, e.text});
  }
  summary.counts.merge(chunk.counts);
}

// Moves what a whole-input collection gathered into the summary.

}  // namespace

Scanner::Scanner(ScanOptions options) : options_(std::move(options)) {
  options_.threads = std::max(1u, options_.threads);
  // The calling thread reads and also parses whenever the workers are busy, so N threads in
  // all means N - 1 workers.
  if (options_.threads > 1) pool_ = std::make_shared<WorkerPool>(options_.threads - 1);
}

Scanner::Scanner(ScanOptions options, std::shared_ptr<WorkerPool> pool)
    : options_(std::move(options)), pool_(std::move(pool)) {
  options_.threads = std::max(1u, options_.threads);
  options_.concurrent_inputs = std::max(1u, options_.concurrent_inputs);
}

size_t Scanner::in_flight_share() const noexcept {
  return std::max<size_t>(2, size_t{2} * options_.threads / std::max(1u, options_.concurrent_inputs));
}

void Scanner::note_read(const ByteSource& source) const {
  if (options_.progress == nullptr && read_offset_ == nullptr) return;
  const std::uint64_t at = source.raw_offset();
  if (options_.progress != nullptr) options_.progress->advance(at);
  if (read_offset_ != nullptr) read_offset_->store(at, std::memory_order_relaxed);
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

InputSummary Scanner::scan_range(const std::string& path, ByteRange range) {
  InputSummary summary;
  summary.name = path;
  const InputFormat given = options_.format;
  InputSummary detected;
  try {
    if (options_.format.empty()) {
      // Detected as one scan of the whole file would: from its first bytes, not the shard's.
      auto whole = open_input(path);
      ChunkReader reader(*whole, options_.chunk_bytes, options_.max_line_bytes);
      std::deque<Chunk> ahead;
      Counts leading;
      options_.format = choose_format(options_, peek_head(reader), ahead, reader, detected, leading, detection_hint_);
      if (!detected.error.empty()) {
        options_.format = given;
        summary.error = detected.error;
        return summary;
      }
    }
    if (options_.format.har) throw InputError(path + ": --byte-range reads line formats; a HAR is one document");
    std::uint64_t lines_before = 0;
    auto source = open_input_range(path, range, lines_before);
    line_base_ = lines_before;
    summary = scan(*source, path);
    // Within the file: an open-ended or over-long range ends where the file does.
    std::error_code ec;
    const std::uint64_t size = std::filesystem::file_size(path, ec);
    const std::uint64_t file_end = ec ? range.end : size;
    summary.shard = InputSummary::Shard{std::min(range.start, file_end), std::min(range.end, file_end),
                                        options_.collect.max_examples};
    if (given.empty()) {  // say how the format was found, as a scan of the whole file does
      summary.format_source = detected.format_source;
      summary.format_reason = detected.format_reason;
    }
  } catch (const InputError& e) {
    summary.error = e.what();
  }
  options_.format = given;
  line_base_ = 0;
  return summary;
}

InputDetection Scanner::detect_path(const std::string& path, size_t max_lines) {
  InputDetection out;
  out.name = path == "-" ? "<stdin>" : path;
  try {
    auto source = open_input(path);
    ChunkReader reader(*source, options_.chunk_bytes, options_.max_line_bytes);
    const std::string_view head = peek_head(reader);
    if (options_.format.har || (options_.format.empty() && starts_like_har(head))) {
      out.given = options_.format.har;
      if (options_.format.har) {
        out.detection.format = options_.format;
      } else {
        out.detection = detect_format(head);
      }
      return out;
    }
    std::deque<Chunk> ahead;
    Counts leading;
    const DetectionWindow window = read_ahead(reader, ahead, options_.max_line_bytes, leading);
    std::string_view rest = window.sample;
    for (size_t i = 0; i < window.lines && out.lines.size() < max_lines; ++i) {
      const size_t nl = rest.find('\n');
      out.lines.push_back({window.line_numbers[i], std::string(rest.substr(0, nl))});
      rest.remove_prefix(nl + 1);
    }
    if (!options_.format.empty()) {
      out.given = true;
      out.detection.format = options_.format;
      if (out.detection.format.envelope.none()) {
        out.detection.format.envelope = detect_envelope(window.sample, out.detection.format);
      }
      out.detection.explanation = "given";
      return out;
    }
    if (window.lines == 0) {
      out.error = ahead.empty() ? "no lines to detect a format from" : window.why_empty();
      return out;
    }
    out.detection = detect_format(window.sample, kDetectionLines, options_.json_overrides);
    if (out.detection.format.empty()) out.error = out.detection.explanation;
  } catch (const InputError& e) {
    out.error = e.what();
  }
  return out;
}

InputSummary Scanner::scan(ByteSource& source, const std::string& name) {
  InputSummary summary;
  summary.name = name;
  summary.compression = source.compression();
  ChunkReader reader(source, options_.chunk_bytes, options_.max_line_bytes);
  std::deque<Chunk> ahead;
  // A HAR is not read ahead in lines: it is one document, and a first line over
  // --max-line-bytes (a one-line export) would be cut by the line framing. Leading blank
  // lines that read-ahead let go are counted in the summary before any chunk merges.
  const InputFormat format =
      choose_format(options_, peek_head(reader), ahead, reader, summary, summary.counts, detection_hint_);
  if (!summary.error.empty()) return summary;
  if (format.empty()) {  // no line to read (no bytes, or blank lines only), but maybe a decode error
    if (reader.error()) summary.error = *reader.error();
    return summary;
  }

  CollectOptions collect = options_.collect;
  collect.rules = options_.rules.get();
  // Text logs never carry headers or status text: rules needing them stay out of the
  // per-record path, and are counted as not evaluated from the status counts at the end.
  collect.record_only_rules = format.text != nullptr || format.logfmt != nullptr;
  collect.har = format.har;
  if (collect.rules != nullptr) {
    for (size_t i = 0; i < collect.rules->rules().size(); ++i) {
      const Rule& rule = collect.rules->rules()[i];
      // A HAR feeds every sequence rule; an access log only the ones it can show.
      if (collect.rules->active(i) && rule.sequence && (format.har || !rule.sequence->needs_har())) {
        collect.sequences = true;
      }
    }
  }
  Collectors::prepare(summary.states.all(), collect);
  if (format.har) {
    scan_har(source, reader, ahead, collect, summary);
  } else {
    scan_lines(source, reader, ahead, format, collect, summary);
  }
  if (std::string warning = source.warning(); !warning.empty()) summary.warnings.push_back(std::move(warning));
  if (summary.error.empty() && summary.format_source == FormatSource::Detected) check_plausible(summary);
  return summary;
}

void Scanner::scan_har(ByteSource& source, ChunkReader& reader, std::deque<Chunk>& ahead, const CollectOptions& collect,
                       InputSummary& summary) const {
  // Entries are gathered into batches (their bytes back to back, with simdjson's padding at
  // the end) and each batch is parsed by a worker, or here when the workers are busy; the
  // results join the summary in input order, as line chunks do. Memory: the batches in
  // flight, the entry being split, and one read buffer.
  struct BatchEntry {
    size_t begin = 0, end = 0;  // in Batch::bytes
    HarEntryPlace place;
    std::uint64_t oversized = 0;  // its size when over the limit (not held), else 0
  };
  struct Batch {
    std::string bytes;
    std::vector<BatchEntry> entries;
  };
  struct BatchResult {
    Collected collected;
    std::string error;       // an entry that is not valid JSON
    std::uint64_t read = 0;  // entries read before it
    std::string bytes;       // the batch's buffer, handed back for the next batch
  };
  const size_t batch_bytes = std::max<size_t>(options_.chunk_bytes, 1);
  // Sequence rules follow the entries in order, as batches merge.
  if (options_.rules != nullptr) summary.findings.resize(options_.rules->rules().size());
  std::unique_ptr<SequenceCollector> sequences =
      collect.sequences ? std::make_unique<SequenceCollector>(*collect.rules, collect.max_examples) : nullptr;
  const size_t max_examples = collect.max_examples;
  const auto parse_batch = [&collect, max_examples](Batch& batch) {
    BatchResult result;
    RecordCollector collector(collect);
    collector.prepare(result.collected);
    CollectingSink sink(collector, result.collected, max_examples);
    for (const BatchEntry& e : batch.entries) {
      if (e.oversized > 0) {
        oversized_har_entry(e.place, e.oversized, sink);
      } else if (!read_har_entry(std::string_view(batch.bytes.data() + e.begin, e.end - e.begin),
                                 batch.bytes.size() - e.begin, e.place, sink, result.error)) {
        break;
      }
      ++result.read;
    }
    sink.read(result.read);
    collector.flush(result.collected.states);
    result.bytes = std::move(batch.bytes);
    return result;
  };
  // Batch buffers are reused: a fresh megabyte per batch costs page faults (and, freed on
  // another thread, returns to the kernel) for as long as copying the entries into it.
  std::vector<std::string> spare_buffers;

  const size_t max_in_flight = in_flight_share();
  std::uint64_t entries_read = 0;
  std::string error;
  OrderedPipeline<BatchResult> pipeline(pool_.get(), max_in_flight, [&](BatchResult& result) {
    // One that grew for a huge entry is let go, so that it does not stay held to the end.
    if (result.bytes.capacity() <= 4 * batch_bytes + kHarEntryPadding) {
      result.bytes.clear();
      spare_buffers.push_back(std::move(result.bytes));
    }
    if (!error.empty()) return;  // the input already stopped at an earlier entry
    merge_chunk(summary, result.collected, max_examples, 0, sequences.get());
    entries_read += result.read;
    if (!result.error.empty()) {
      error = summary.name + ": not a valid HAR: " + result.error + " (" + std::to_string(entries_read) +
              " entries read before it)";
    }
  });
  Batch batch;
  const auto submit = [&] {
    if (batch.entries.empty()) return;
    batch.bytes.append(kHarEntryPadding, ' ');
    pipeline.run([&] { return [&parse_batch, b = std::move(batch)]() mutable { return parse_batch(b); }; },
                 [&] { return parse_batch(batch); });
    batch = Batch{};
    if (!spare_buffers.empty()) {
      batch.bytes = std::move(spare_buffers.back());
      spare_buffers.pop_back();
    }
  };
  HarEntrySplitter split(options_.max_line_bytes);
  HarProducer producer = HarProducer::Other;
  const HarEntrySplitter::OnEntry on_entry = [&](const HarEntrySplitter::Entry& e) {
    if (e.index == 0) producer = har_producer(split.head());
    const size_t begin = batch.bytes.size();
    batch.bytes.append(e.json);
    batch.entries.push_back(
        {begin, batch.bytes.size(), {e.index, e.line, e.offset, producer}, e.oversized ? e.size : 0});
    if (batch.bytes.size() >= batch_bytes) submit();
  };
  for (const Chunk& c : ahead) {
    if (!error.empty()) break;
    split.feed(c.view(), on_entry);
  }
  ahead.clear();
  std::vector<char> buffer(std::min<size_t>(batch_bytes, size_t{1} << 20));
  while (error.empty() && split.error().empty()) {
    const size_t n = reader.read_raw(buffer.data(), buffer.size());
    if (n == 0) break;
    split.feed(std::string_view(buffer.data(), n), on_entry);
    note_read(source);
  }
  submit();
  pipeline.finish();
  if (sequences) sequences->finish(summary.findings);
  if (error.empty() && !split.error().empty()) {
    error = summary.name + ": not a valid HAR: " + split.error() + " (" + std::to_string(entries_read) +
            " entries read before it)";
  }
  if (!error.empty()) {
    summary.error = error;
  } else if (reader.error()) {
    summary.error = *reader.error();
  } else {
    summary.error = har_end_error(split.finish(), split, summary.name);
  }
}

void Scanner::scan_lines(ByteSource& source, ChunkReader& reader, std::deque<Chunk>& ahead, const InputFormat& format,
                         const CollectOptions& collect, InputSummary& summary) {
  const RuleEngine* rules = options_.rules.get();
  if (rules != nullptr) summary.findings.resize(rules->rules().size());
  std::unique_ptr<SequenceCollector> sequences =
      collect.sequences ? std::make_unique<SequenceCollector>(*collect.rules, collect.max_examples) : nullptr;
  const size_t max_examples = collect.max_examples;
  const size_t max_line_bytes = options_.max_line_bytes;
  // Processors are reused from chunk to chunk (a worker takes an idle one), so that their
  // top-offender tables and buffers persist; each one's tables join the summary at the end.
  std::mutex idle_mutex;
  std::vector<std::unique_ptr<LineReader>> processors;
  std::vector<LineReader*> idle;
  const auto take_processor = [&]() -> LineReader* {
    const std::lock_guard lock(idle_mutex);
    if (idle.empty()) {
      processors.push_back(std::make_unique<LineReader>(format, collect, max_line_bytes, options_.exact_text_only));
      return processors.back().get();
    }
    LineReader* p = idle.back();
    idle.pop_back();
    return p;
  };
  const auto give_processor = [&](LineReader* p) {
    const std::lock_guard lock(idle_mutex);
    idle.push_back(p);
  };
  LineReader& inline_processor = *take_processor();
  // W3C changes format at each #Fields directive, and CRI splits long lines across parts: both
  // are parsed in order on one thread.
  const bool parallel =
      pool_ != nullptr && !(format.text && format.text->w3c()) && !format.envelope.has(EnvelopeKind::Cri);
  const size_t max_in_flight = in_flight_share();
  std::vector<Chunk> spare;
  std::uint64_t extra_lines = 0;  // counted beyond the file's lines (Collected::extra_lines)
  OrderedPipeline<ChunkResult> pipeline(parallel ? pool_.get() : nullptr, max_in_flight, [&](ChunkResult& result) {
    merge_chunk(summary, result.collected, max_examples, line_base_ + summary.counts.lines - extra_lines,
                sequences.get());
    extra_lines += result.collected.extra_lines;
    // Only chunks that went to a worker come back with a buffer worth reusing.
    if (!result.chunk.buffer.empty() && spare.size() <= max_in_flight) spare.push_back(std::move(result.chunk));
  });
  const auto next_chunk = [&](Chunk& c) {
    if (ahead.empty()) return reader.next(c);
    c = std::move(ahead.front());
    ahead.pop_front();
    return true;
  };

  Chunk chunk;
  for (bool have = next_chunk(chunk); have; have = next_chunk(chunk)) {
    // On a worker, the chunk goes with the job and comes back with its result to be reused;
    // here, it is parsed in place. Jobs refer to the readers and to `collect`: the pipeline
    // merges every one before scan_lines() returns.
    bool handed_over = false;
    pipeline.run(
        [&] {
          handed_over = true;
          return [&take_processor, &give_processor, c = std::move(chunk)]() mutable {
            ChunkResult result;
            LineReader* processor = take_processor();
            processor->process(c, result);
            give_processor(processor);
            result.chunk = std::move(c);
            return result;
          };
        },
        [&] {
          ChunkResult result;
          inline_processor.process(chunk, result);
          return result;
        });
    if (handed_over) {
      chunk = Chunk{};
      if (!spare.empty()) {
        chunk = std::move(spare.back());
        spare.pop_back();
      }
    }
    note_read(source);
  }
  pipeline.finish();
  if (sequences) sequences->finish(summary.findings);
  for (const auto& processor : processors) processor->flush(summary.states);
  if (!summary.lines_by_format.empty()) {
    // Name the formats; the input's own format read every record the siblings did not.
    summary.lines_by_format.resize(format.siblings.size() + 1);
    std::uint64_t by_siblings = 0;
    for (size_t k = 1; k < summary.lines_by_format.size(); ++k) {
      summary.lines_by_format[k].first = format.siblings[k - 1]->name();
      by_siblings += summary.lines_by_format[k].second;
    }
    summary.lines_by_format[0] = {format.text->name(), summary.counts.records + summary.counts.filtered - by_siblings};
    std::erase_if(summary.lines_by_format, [](const auto& f) { return f.second == 0; });
  }
  if (rules != nullptr && (format.text != nullptr || format.logfmt != nullptr))
    rules->count_not_evaluated(summary.counts.by_slot(), summary.findings);
  if (reader.error()) summary.error = *reader.error();
}

}  // namespace statuslint
