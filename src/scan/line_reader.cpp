#include "line_reader.hpp"

#include <array>
#include <cstring>

#include "statuslint/formats/structural_index.hpp"

namespace statuslint {

// Parses the lines of chunks with one format (and its envelope, siblings, or the text format
// beside a JSON map) and pushes them into a sink. W3C inputs change format at each `#Fields:`
// directive and CRI inputs join split lines across chunks, which is why both are processed by
// a single processor in order.
class LineReader::Impl {
 public:
  Impl(const InputFormat& format, const CollectOptions& collect, size_t max_line_bytes, bool exact_only)
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

  void flush(CollectorStates& input) { collector_.flush(input); }

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
      if (frames++ > 0) s.extra_line();
      enveloped_frame(frame, line, line_no, s);
    });
    if (!framed) {
      // What follows the last whole frame (or the line, when none is whole) is one more
      // line, malformed: frames already read keep their records.
      if (frames > 0) s.extra_line();
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

LineReader::LineReader(const InputFormat& format, const CollectOptions& collect, size_t max_line_bytes,
                       bool exact_only)
    : impl_(std::make_unique<Impl>(format, collect, max_line_bytes, exact_only)) {}

LineReader::~LineReader() = default;

void LineReader::process(const Chunk& chunk, ChunkResult& out) { impl_->process(chunk, out); }

void LineReader::flush(CollectorStates& input) { impl_->flush(input); }

}  // namespace statuslint
