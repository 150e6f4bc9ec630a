#include "statuslint/scan/scanner.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <future>
#include <mutex>

#include "statuslint/collect/record_collector.hpp"
#include "statuslint/formats/format_detection.hpp"
#include "statuslint/formats/plausibility.hpp"
#include "statuslint/formats/har_reader.hpp"
#include "statuslint/formats/structural_index.hpp"
#include "statuslint/input/chunk_reader.hpp"
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

struct ChunkResult {
  Collected collected;  // line numbers (examples, findings) are local to the chunk
  Chunk chunk;          // handed back so its buffer can be reused
};

bool is_blank(std::string_view line) noexcept {
  for (char c : line) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

// What read-ahead gathered for detection.
struct DetectionWindow {
  std::string sample;         // the lines detection reads, each ending in '\n'
  size_t lines = 0;           // lines in `sample`
  std::vector<std::uint64_t> line_numbers;  // of those lines, in the input
  std::uint64_t skipped = 0;  // non-blank lines left out: longer than kDetectionBytes or the line limit
  std::uint64_t longest = 0;  // the longest of them, in bytes
  bool limited = false;       // read-ahead stopped at kReadAheadLimit before the window was full

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
                          ChunkReader& reader, InputSummary& summary, Counts& leading) {
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
  FormatDetection detection = window.lines == 0 ? FormatDetection{} : detect_format(window.sample, kDetectionLines, options.json_overrides);
  if (detection.format.empty()) {
    summary.error = summary.name + ": cannot detect the log format: " +
                    (window.lines == 0 ? window.why_empty() : detection.explanation + labelled_example(detection, window));
    return {};
  }
  summary.format = detection.format.name();
  summary.format_source = FormatSource::Detected;
  summary.format_reason = std::move(detection.explanation);
  return detection.format;
}

// Parses the lines of chunks with one format (and its envelope, siblings, or the text format
// beside a JSON map) and pushes them into a sink. W3C inputs change format at each `#Fields:`
// directive and CRI inputs join split lines across chunks, which is why both are processed by
// a single processor in order.
class LineProcessor {
 public:
  LineProcessor(const InputFormat& format, const CollectOptions& collect, size_t max_line_bytes, bool exact_only)
      : max_line_bytes_(max_line_bytes),
        exact_only_(exact_only),
        text_(format.text),
        json_(format.json),
        logfmt_(format.logfmt),
        envelope_(format.envelope),
        siblings_(format.siblings),
        text_has_time_(format.text != nullptr && format.text->has_field(LogField::Time)),
        max_examples_(collect.max_examples),
        collector_(collect) {}

  Offenders take_offenders() { return collector_.take_offenders(); }

  void process(const Chunk& chunk, ChunkResult& out) {
    collector_.prepare(out.collected);
    collected_ = &out.collected;
    CollectingSink sink(collector_, out.collected, max_examples_);
    if (chunk.oversized) {
      oversized(Location::line(1), chunk.oversized_bytes, chunk.view(), sink);
      sink.read(1);
      return;
    }
    if (!envelope_.none()) {
      for_each_line(chunk, sink, [this](std::string_view line, std::uint64_t line_no, CollectingSink& s) {
        enveloped_line(line, line_no, s);
      });
    } else if (json_ != nullptr) {
      for_each_line(chunk, sink, [this](std::string_view line, std::uint64_t line_no, CollectingSink& s) {
        json_line(line, line, line_no, s, nullptr);
      });
    } else if (logfmt_ != nullptr) {
      for_each_line(chunk, sink, [this](std::string_view line, std::uint64_t line_no, CollectingSink& s) {
        logfmt_line(line, line, line_no, s, nullptr);
      });
    } else if (!exact_only_ && !text_->w3c() && !text_->structural_bytes().empty()) {
      structural_lines(chunk, sink);
    } else {
      for_each_line(chunk, sink, [this](std::string_view line, std::uint64_t line_no, CollectingSink& s) {
        text_line(line, line, line_no, s, nullptr);
      });
    }
  }

 private:
  // `inner` is what the server wrote; `line` the physical line (with its envelope), shown in
  // examples; `opened` what the envelope adds, if there is one.
  void json_line(std::string_view inner, std::string_view line, std::uint64_t line_no, CollectingSink& s,
                 const OpenedLine* opened) {
    if (text_ != nullptr && !starts_like_json(inner)) {
      text_line(inner, line, line_no, s, opened);
      return;
    }
    sibling_fields_ = true;  // the record now holds this map's fields, not the text format's
    std::string_view reason;
    std::uint32_t column = 0;
    const JsonLineFormat::Parsed parsed = json_->parse(inner, record_, headers_, reason, column);
    if (parsed == JsonLineFormat::Parsed::Record) {
      emit(line_no, s, opened, record_.time.empty(), line);
    } else if (parsed == JsonLineFormat::Parsed::Other) {
      s.other(Location::line(line_no),
              s.wants_other_example() ? json_->name() + ": " + std::string(reason) : std::string(), line);
    } else {
      s.malformed(Location::line(line_no),
                  s.wants_example() ? json_->name() + ": " + std::string(reason) +
                                          (column > 0 ? " at column " + std::to_string(column + 1) : "")
                                    : std::string(),
                  line);
    }
  }

  void logfmt_line(std::string_view inner, std::string_view line, std::uint64_t line_no, CollectingSink& s,
                   const OpenedLine* opened) {
    std::string_view reason;
    const LogfmtFormat::Parsed parsed = logfmt_->parse(inner, record_, logfmt_scratch_, reason);
    if (parsed == LogfmtFormat::Parsed::Record) {
      emit(line_no, s, opened, record_.time.empty(), line);
    } else if (parsed == LogfmtFormat::Parsed::Other) {
      s.other(Location::line(line_no),
              s.wants_other_example() ? logfmt_->name() + ": " + std::string(reason) : std::string(), line);
    } else {
      s.malformed(Location::line(line_no),
                  s.wants_example() ? logfmt_->name() + ": " + std::string(reason) : std::string(), line);
    }
  }

  static bool starts_like_json(std::string_view line) noexcept {
    const size_t at = line.find_first_not_of(" \t");
    return at != std::string_view::npos && line[at] == '{';
  }

  // PERF NOTES: inlined into the framing loop: a call per line here cost 10% of a plain scan.
  [[gnu::always_inline]] void text_line(std::string_view inner, std::string_view line, std::uint64_t line_no,
                                        CollectingSink& s, const OpenedLine* opened) {
    if (text_->w3c() && !inner.empty() && inner.front() == '#') {
      directive(inner, line_no, s);
    } else if (text_->header_row(inner)) {
      s.skipped();
    } else {
      const LogFormat::Fit fit = main_parse(inner);
      // A sibling reads what the format rejects, and what it reads implausibly.
      if ((fit == LogFormat::Fit::Malformed || implausible_user()) && sibling_parse(inner, line_no, s, opened, line)) {
        return;
      }
      if (fit == LogFormat::Fit::Malformed) {
        s.malformed(Location::line(line_no), s.wants_example() ? text_->name() + ": " + text_->describe(error_) : "",
                    line);
        return;
      }
      record_.truncated = fit == LogFormat::Fit::Truncated;
      emit(line_no, s, opened, !text_has_time_, line);
    }
  }

  [[gnu::always_inline]] LogFormat::Fit main_parse(std::string_view inner) {
    if (sibling_fields_) {  // the last record came from a sibling, which maps other fields
      record_ = Record{};
      sibling_fields_ = false;
    }
    return text_->parse_lazily(inner, record_, error_);
  }

  // A vhost line also fits the plain formats, with the vhost read as the client and
  // "ident user" as the user: a user with a space in it says a sibling should read the line.
  bool implausible_user() const noexcept {
    return record_.user.size() > 2 && !siblings_.empty() && record_.user.find(' ') != std::string_view::npos;
  }

  // A line the input's format rejects, tried with the formats a server mixes with it.
  bool sibling_parse(std::string_view inner, std::uint64_t line_no, CollectingSink& s, const OpenedLine* opened,
                     std::string_view line) {
    // The first sibling that reads the whole line, else the first that reads it with
    // appended fields; never one that reads "ident user" as the user.
    size_t chosen = siblings_.size();
    Record best;
    for (size_t k = 0; k < siblings_.size(); ++k) {
      Record candidate;
      ParseError err;
      const LogFormat::Fit fit = siblings_[k]->parse(inner, candidate, err);
      if (fit != LogFormat::Fit::Whole && fit != LogFormat::Fit::ExtraFields) continue;
      if (candidate.user.find(' ') != std::string_view::npos) continue;
      if (chosen == siblings_.size() || fit == LogFormat::Fit::Whole) {
        chosen = k;
        best = candidate;
      }
      if (fit == LogFormat::Fit::Whole) break;
    }
    if (chosen == siblings_.size()) return false;
    record_ = best;
    sibling_fields_ = true;
    auto& counts = collected_->lines_by_format;
    if (counts.size() < siblings_.size() + 1) counts.resize(siblings_.size() + 1);
    ++counts[chosen + 1];
    emit(line_no, s, opened, !siblings_[chosen]->has_field(LogField::Time), line);
    return true;
  }

  void enveloped_line(std::string_view line, std::uint64_t line_no, CollectingSink& s) {
    // A logplex drain line holds several frames: each is read, and counted as a line of its
    // own, so that records + malformed + ... == lines still holds.
    size_t frames = 0;
    const bool framed = envelope_.for_each_frame(line, [&](std::string_view frame) {
      if (frames++ > 0) s.read(1);
      enveloped_frame(frame, line, line_no, s);
    });
    if (!framed) {
      s.malformed(Location::line(line_no),
                  s.wants_example() ? envelope_.name() + ": not a line of this envelope" : "", line);
    }
  }

  void enveloped_frame(std::string_view frame, std::string_view line, std::uint64_t line_no, CollectingSink& s) {
    OpenedLine opened;
    if (!envelope_.open(frame, envelope_scratch_, opened)) {
      s.malformed(Location::line(line_no),
                  s.wants_example() ? envelope_.name() + ": not a line of this envelope" : "", line);
    } else if (opened.partial) {
      // CRI split a long line: its parts carry no record of their own (counted as skipped,
      // like directives); the final part of the same stream reads the joined line.
      joined_[opened.source == "stderr"].append(opened.inner);
      s.skipped();
    } else {
      std::string& joined = joined_[opened.source == "stderr"];
      std::string_view inner = opened.inner;
      if (!joined.empty()) {
        joined.append(inner);
        joined.append(kJsonPadding, ' ');  // a JSON parser reads ahead
        inner = std::string_view(joined.data(), joined.size() - kJsonPadding);
      }
      if (json_ != nullptr) {
        json_line(inner, line, line_no, s, &opened);
      } else if (logfmt_ != nullptr) {
        logfmt_line(inner, line, line_no, s, &opened);
      } else {
        text_line(inner, line, line_no, s, &opened);
      }
      joined.clear();
    }
  }

  [[gnu::always_inline]] void emit(std::uint64_t line_no, CollectingSink& s, const OpenedLine* opened,
                                   bool use_envelope_time, std::string_view line) {
    record_.line = line_no;  // chunk-local; merging shifts it
    if (opened != nullptr) {
      record_.source = opened->source;
      // The envelope's time stands in for a format that has none (every line: a text
      // format's record is reused, so a missing time must not stay from the last line).
      if (use_envelope_time) {
        record_.time = opened->time;
        record_.time_syntax = opened->time_syntax;
      }
    }
    if (record_.truncated) {
      s.truncated_record(
          record_, s.wants_truncated_example() ? text_->name() + ": truncated: " + text_->describe(error_) : "", line);
    } else {
      s.record(record_);
    }
  }

  // A line over --max-line-bytes is malformed whether the chunk reader had to skip it (it
  // did not fit the buffer) or found it whole in a large chunk: the same line gets the same
  // verdict for every chunk size.
  // Its example shows as much of it as both paths have: no more than the limit.
  void oversized(Location at, std::uint64_t bytes, std::string_view head, CollectingSink& sink) const {
    sink.malformed(at,
                   sink.wants_example()
                       ? "line of " + std::to_string(bytes) + " bytes is longer than the limit (--max-line-bytes)"
                       : std::string(),
                   head.substr(0, std::min(kOversizedHeadBytes, max_line_bytes_)));
  }

  // The line that ends at `nl` (or at `end`, the last one), with `p` moved past it. False when
  // the line needs no parsing: over the limit (malformed) or blank (skipped). Both framing
  // loops count lines through it, so they count alike.
  [[gnu::always_inline]] bool frame_line(const char*& p, const char* nl, const char* end, std::uint64_t& line_no,
                                         CollectingSink& sink, std::string_view& line) const {
    const char* line_end = nl != nullptr ? nl : end;
    line = std::string_view(p, static_cast<size_t>(line_end - p));
    p = nl != nullptr ? nl + 1 : end;
    ++line_no;
    if (line.size() > max_line_bytes_) {
      oversized(Location::line(line_no), line.size(), line, sink);
      return false;
    }
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (is_blank(line)) {
      sink.skipped();
      return false;
    }
    return true;
  }

  // PERF NOTES: the framing loop is shared by every line format and inlined into each (the
  // per-line step is a lambda, the sink a final class), so there is no virtual call per line.
  template <typename PerLine>
  void for_each_line(const Chunk& chunk, CollectingSink& sink, PerLine&& per_line) {
    const char* p = chunk.buffer.data();
    const char* const end = p + chunk.size;
    std::uint64_t line_no = 0;
    while (p < end) {
      const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
      std::string_view line;
      if (frame_line(p, nl, end, line_no, sink, line)) per_line(line, line_no, sink);
    }
    sink.read(line_no);
  }

  // The fast text path: for_each_line and text_line over a structural index of the chunk,
  // built window by window (each window starts at a line start, so a line is always within
  // one unless it is longer than a window); lines the fast parser declines, and everything
  // that is not a plain record, go the exact way.
  void structural_lines(const Chunk& chunk, CollectingSink& sink) {
    if (!index_ || index_needles_ != text_->structural_bytes()) {
      index_needles_ = std::string(text_->structural_bytes());
      index_ = std::make_unique<StructuralIndex>(index_needles_);
    }
    StructuralIndex& index = *index_;
    const char* p = chunk.buffer.data();
    const char* const end = p + chunk.size;
    std::uint64_t line_no = 0;
    index.build(p, end);
    StructuralIndex::Walker newlines(index, StructuralIndex::kNewline);
    while (p < end) {
      const char* nl = newlines.next(p);
      if (nl == nullptr && index.end() < end) {
        if (p != index.begin()) {  // the line runs past the window: start a new one at it
          index.build(p, end);
          newlines.reset();
          continue;
        }
        // A line longer than the window: found and read the exact way. The next line starts
        // past the window, so the window starts again there (the walker's `from` must lie
        // within its window: past it, it would read masks beyond their rows).
        nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
        // The long line, now outside the window, is declined by the fast parser below and read
        // the exact way.
        if (const char* next = nl != nullptr ? nl + 1 : end; next < end) {
          index.build(next, end);
          newlines.reset();
        }
      }
      std::string_view line;
      if (!frame_line(p, nl, end, line_no, sink, line)) continue;
      if (sibling_fields_) {
        record_ = Record{};
        sibling_fields_ = false;
      }
      LogFormat::Fit fit;
      if (text_->header_row(line) || !text_->parse_structural(line, index, record_, error_, fit) ||
          fit == LogFormat::Fit::Malformed || fit == LogFormat::Fit::Truncated || implausible_user()) {
        text_line(line, line, line_no, sink, nullptr);
        continue;
      }
      record_.truncated = false;
      emit(line_no, sink, nullptr, !text_has_time_, line);
    }
    sink.read(line_no);
  }

  // W3C directives carry no record; `#Fields:` (Zeek: `#fields`) replaces the field list from
  // here on.
  void directive(std::string_view line, std::uint64_t line_no, CollectingSink& sink) {
    const std::string_view fields = text_->fields_directive();
    if (!line.starts_with(fields)) {
      sink.skipped();
      return;
    }
    try {
      text_ = text_->with_fields(line.substr(fields.size()));
      record_ = Record{};  // the new field list may lack fields the old one filled
      sink.skipped();
    } catch (const FormatError& e) {
      std::string_view keyword = fields;
      if (keyword.ends_with(':')) keyword.remove_suffix(1);
      sink.malformed(Location::line(line_no),
                     text_->name() + ": unusable " + std::string(keyword) + " directive: " + e.what(), line);
    }
  }

  size_t max_line_bytes_;
  bool exact_only_;
  std::shared_ptr<const LogFormat> text_;
  std::shared_ptr<const JsonLineFormat> json_;
  std::shared_ptr<const LogfmtFormat> logfmt_;
  std::string logfmt_scratch_;  // a key=value line's unescaped values
  Envelope envelope_;
  std::vector<std::shared_ptr<const LogFormat>> siblings_;
  bool sibling_fields_ = false;     // record_ holds fields a sibling format filled
  Collected* collected_ = nullptr;  // where the chunk being processed adds
  bool text_has_time_;
  size_t max_examples_;
  RecordCollector collector_;
  // Reused from line to line. Safe because a text format writes every field it maps on each
  // line it parses, and a JSON-lines format starts each line from an empty record; a format
  // change (W3C #Fields) resets it. A fresh record per text line costs 15% of a plain scan.
  Record record_;
  ParseError error_;
  std::vector<Header> headers_;
  EnvelopeScratch envelope_scratch_;        // the text envelopes rewrite (docker's unescaped line)
  std::array<std::string, 2> joined_;       // CRI: the parts of a split line so far, per stream (stdout, stderr)
  std::unique_ptr<StructuralIndex> index_;  // the fast text path's, for index_needles_
  std::string index_needles_;
};

// Folds one chunk's result into the input's summary; chunks arrive in input order.
// `offset`: the lines before the chunk (line-numbered locations are chunk-local); HAR
// batches carry entry indexes and lines that are already the input's.
void merge_chunk(InputSummary& summary, const Collected& chunk, size_t max_examples, std::uint64_t offset,
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
  summary.trends.merge(chunk.trends);
  summary.offenders.merge(chunk.offenders);
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
      options_.format = choose_format(options_, peek_head(reader), ahead, reader, detected, leading);
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
  const InputFormat format = choose_format(options_, peek_head(reader), ahead, reader, summary, summary.counts);
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
  summary.trends.bucket_seconds = collect.bucket_seconds;
  summary.trends.adaptive = collect.adaptive_buckets;
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
    result.collected.offenders = collector.take_offenders();
    result.bytes = std::move(batch.bytes);
    return result;
  };
  // Batch buffers are reused: a fresh megabyte per batch costs page faults (and, freed on
  // another thread, returns to the kernel) for as long as copying the entries into it.
  std::vector<std::string> spare_buffers;

  std::deque<std::future<BatchResult>> in_flight;
  const size_t max_in_flight = size_t{2} * options_.threads;
  std::uint64_t entries_read = 0;
  std::string error;
  const auto merge_front = [&] {
    BatchResult result = in_flight.front().get();
    in_flight.pop_front();
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
  };
  Batch batch;
  const auto submit = [&] {
    if (batch.entries.empty()) return;
    batch.bytes.append(kHarEntryPadding, ' ');
    if (pool_ != nullptr && pool_->pending() == 0) {
      in_flight.push_back(pool_->submit([&parse_batch, b = std::move(batch)]() mutable { return parse_batch(b); }));
    } else {
      std::promise<BatchResult> done;
      done.set_value(parse_batch(batch));
      in_flight.push_back(done.get_future());
    }
    batch = Batch{};
    if (!spare_buffers.empty()) {
      batch.bytes = std::move(spare_buffers.back());
      spare_buffers.pop_back();
    }
    while (!in_flight.empty() && (in_flight.size() > max_in_flight ||
                                  in_flight.front().wait_for(std::chrono::seconds(0)) == std::future_status::ready)) {
      merge_front();
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
    if (options_.progress != nullptr) options_.progress->advance(source.raw_offset());
  }
  submit();
  while (!in_flight.empty()) merge_front();
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
  std::vector<std::unique_ptr<LineProcessor>> processors;
  std::vector<LineProcessor*> idle;
  const auto take_processor = [&]() -> LineProcessor* {
    const std::lock_guard lock(idle_mutex);
    if (idle.empty()) {
      processors.push_back(std::make_unique<LineProcessor>(format, collect, max_line_bytes, options_.exact_text_only));
      return processors.back().get();
    }
    LineProcessor* p = idle.back();
    idle.pop_back();
    return p;
  };
  const auto give_processor = [&](LineProcessor* p) {
    const std::lock_guard lock(idle_mutex);
    idle.push_back(p);
  };
  LineProcessor& inline_processor = *take_processor();
  // W3C changes format at each #Fields directive, and CRI splits long lines across parts: both
  // are parsed in order on one thread.
  const bool parallel =
      pool_ != nullptr && !(format.text && format.text->w3c()) && !format.envelope.has(EnvelopeKind::Cri);
  const size_t max_in_flight = size_t{2} * options_.threads;
  std::deque<std::future<ChunkResult>> in_flight;
  std::vector<Chunk> spare;

  const auto merge_front = [&] {
    ChunkResult result = in_flight.front().get();
    in_flight.pop_front();
    merge_chunk(summary, result.collected, max_examples, line_base_ + summary.counts.lines, sequences.get());
    // Only chunks that went to a worker come back with a buffer worth reusing.
    if (!result.chunk.buffer.empty() && spare.size() <= max_in_flight) spare.push_back(std::move(result.chunk));
  };
  const auto next_chunk = [&](Chunk& c) {
    if (ahead.empty()) return reader.next(c);
    c = std::move(ahead.front());
    ahead.pop_front();
    return true;
  };

  Chunk chunk;
  for (bool have = next_chunk(chunk); have; have = next_chunk(chunk)) {
    if (parallel && pool_->pending() == 0) {
      // A worker is free (or about to be): hand the chunk over and read on.
      // The job refers to `collect`: every job is merged before scan_lines() returns.
      // The job refers to the processors: every job is merged before scan_lines() returns.
      in_flight.push_back(pool_->submit([&take_processor, &give_processor, chunk = std::move(chunk)]() mutable {
        ChunkResult result;
        LineProcessor* processor = take_processor();
        processor->process(chunk, result);
        give_processor(processor);
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
      inline_processor.process(chunk, result);
      std::promise<ChunkResult> done;
      done.set_value(std::move(result));
      in_flight.push_back(done.get_future());
    } else {
      ChunkResult result;
      inline_processor.process(chunk, result);
      merge_chunk(summary, result.collected, max_examples, line_base_ + summary.counts.lines, sequences.get());
    }
    while (!in_flight.empty() && (in_flight.size() > max_in_flight ||
                                  in_flight.front().wait_for(std::chrono::seconds(0)) == std::future_status::ready)) {
      merge_front();
    }
    if (options_.progress != nullptr) options_.progress->advance(source.raw_offset());
  }
  while (!in_flight.empty()) merge_front();
  if (sequences) sequences->finish(summary.findings);
  for (const auto& processor : processors) summary.offenders.merge(processor->take_offenders());
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
