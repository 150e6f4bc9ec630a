// Access-log formats: presets and custom formats compiled once into an extraction plan.
//
// A format string (nginx `log_format`, Apache `LogFormat`, or a W3C `#Fields:` list) is
// compiled into a short list of steps: "a field, then this literal text". Parsing a line
// walks the steps with an inline SSE2 byte search and inline literal checks: no regex, no
// allocation, no library call per field; the fields land in a Record as views into the line.
// Presets are themselves format strings, so there is one compiler and one parser for every
// format.
//
//   auto fmt = LogFormat::preset("combined");
//   Record r;
//   ParseError err;
//   if (fmt->parse(line, r, err) != LogFormat::Fit::Malformed) use(r);
//   else report(fmt->describe(err));
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "statuslint/formats/structural_index.hpp"
#include "statuslint/record/errors.hpp"
#include "statuslint/record/log_field.hpp"
#include "statuslint/record/record.hpp"

namespace statuslint {

// Why a line did not fit; turned into words by LogFormat::describe only for the lines that
// are reported, so the failing path costs nothing either.
struct ParseError {
  enum class Kind : std::uint8_t { None, Prefix, Literal, LineEnded, Trailing };
  Kind kind = Kind::None;
  std::uint16_t step = 0;    // index of the step that failed
  std::uint32_t column = 0;  // 0-based byte offset in the line
};

class LogFormat {
 public:
  struct Step {
    LogField field = LogField::Ignore;
    TimeSyntax time_syntax = TimeSyntax::None;  // for Time
    DurationUnit unit = DurationUnit::None;     // for RequestTime
    bool quoted = false;                        // between double quotes: escaped quotes are skipped
    std::string after;                          // literal that follows; empty = runs to end of line
    std::string directive;                      // as written: "%>s", "$status", "sc-status"
  };

  // A preset by name, case-insensitive: common, combined, vcombined, traefik, alb, w3c.
  // Returns nullptr for an unknown name.
  static std::shared_ptr<const LogFormat> preset(std::string_view name);
  // Names and one-line descriptions of the presets, in detection order.
  struct PresetInfo {
    std::string_view name = {};
    std::string_view description = {};
    std::string_view definition = {};
    std::string_view sample = {};  // a file under samples/ in this layout, built from the vendor's documentation
    // The preset detection reads this layout as, when another one also reads it byte for byte
    // (this one is then named for --log-format, the docs and siblings); empty: itself.
    std::string_view detected_as = {};
  };
  static std::span<const PresetInfo> presets() noexcept;
  // Presets one server mixes with `name` in one file (Apache writes plain common lines
  // into a combined log, vhost lines into plain ones), most alike first: a line that fails
  // `name` is tried with them. Empty for formats that have none.
  static std::vector<std::shared_ptr<const LogFormat>> siblings(std::string_view name);

  // Compiles an nginx log_format string ("$remote_addr - $remote_user [$time_local] ...").
  // Throws FormatError.
  static std::shared_ptr<const LogFormat> from_nginx(std::string_view text, std::string name = "nginx");
  // Compiles an Apache LogFormat string ("%h %l %u %t \"%r\" %>s %b"). Throws FormatError.
  static std::shared_ptr<const LogFormat> from_apache(std::string_view text, std::string name = "apache");
  // Compiles the field list of a W3C `#Fields:` directive ("date time c-ip cs-method ...").
  // Fields are separated by `separator` in the data: a space (IIS), or a tab (CloudFront,
  // Akamai and other CDNs).
  static std::shared_ptr<const LogFormat> from_w3c_fields(std::string_view fields, std::string name = "w3c",
                                                          char separator = ' ');
  // Compiles Zeek's `#fields` header (http.log: ts uid id.orig_h ... status_code ...), whose
  // fields are tab-separated. Throws FormatError.
  static std::shared_ptr<const LogFormat> from_zeek_fields(std::string_view fields);
  // A W3C or Zeek format with another field list, as a `#Fields:` / `#fields` line gives one.
  std::shared_ptr<const LogFormat> with_fields(std::string_view fields) const;
  // A user's --log-format value: a preset name, "nginx:STRING", "apache:STRING", or a bare
  // format string (nginx if it has '$', Apache if it has '%'). Throws FormatError.
  static std::shared_ptr<const LogFormat> from_spec(std::string_view spec);

  // Parses one line (without its line ending) into `record`. Returns Malformed and fills
  // `error` when the line does not fit; Whole when the steps consumed the line; ExtraFields
  // when fields follow the last step after a space (servers append fields to presets, and
  // format detection prefers formats that consume whole lines). On success every field the
  // format maps is written (empty when the line has it empty), so one record may be reused
  // for the lines of one format; fields the format lacks are left untouched, so a reader
  // that switches formats must start from an empty record.
  // Truncated: the line ends inside a quoted field that comes after the status (a log cut
  // mid-write, or a line cut by a collector): a record, with that field holding what is
  // there and the fields after it empty; `error` says where it was cut.
  enum class Fit : std::uint8_t { Malformed, Whole, ExtraFields, Truncated };
  // A step as the parser walks it: what the hot loop reads, in one small struct (the
  // literal's first bytes inline; a longer literal is read from steps()[step]).
  struct PlanStep {
    char after[8] = {};
    std::uint32_t after_size = 0;
    std::uint16_t step = 0;
    LogField field = LogField::Ignore;
    TimeSyntax time_syntax = TimeSyntax::None;
    DurationUnit unit = DurationUnit::None;
    std::uint8_t klass = 0;  // structural index class of after[0]
    bool quoted = false;
    bool lone_space = false;  // unquoted, and the literal is one space: "a, b" lists stay one field
  };
  Fit parse(std::string_view line, Record& record, ParseError& error) const noexcept;
  // The same, with the request line and the byte count left for Record::resolve(): the scan
  // path, where most records never need them.
  Fit parse_lazily(std::string_view line, Record& record, ParseError& error) const noexcept;
  // parse_lazily on the fast path: the field ends are looked up in a structural index built
  // over the line's window (StructuralIndex over structural_bytes()) instead of searched
  // for. The same algorithm with the same answers (a differential test and a fuzzer hold
  // the two to it); false, with nothing done, for a line it declines: one holding a
  // backslash, or outside the index's window.
  bool parse_structural(std::string_view line, const StructuralIndex& index, Record& record, ParseError& error,
                        Fit& fit) const noexcept;
  // The bytes the structural index must hold for this format; empty when the format has too
  // many distinct literal bytes to index (parse_structural then declines every line).
  std::string_view structural_bytes() const noexcept { return structural_bytes_; }
  // True when parse_structural reads this format through a compile-time plan (the combined,
  // common and vcombined presets): what tests check the compile-time copies against.
  bool has_fixed_plan() const noexcept { return shape_ != Shape::Generic && !padded_; }

  // Each step's value in `line`, as parse() reads it (values[i] for steps()[i]; empty past
  // where the line stopped fitting): what `statuslint detect` labels. Not the scan path.
  Fit split(std::string_view line, std::vector<std::string_view>& values) const;

  // A sentence for a failed parse: "expected '\" ' after request ($request) at column 52".
  std::string describe(const ParseError& error) const;

  const std::string& name() const noexcept { return name_; }
  // What --log-format takes to read the same way: a preset's name, or "nginx:..." /
  // "apache:..." with the format string.
  const std::string& spec() const noexcept { return spec_; }
  std::span<const Step> steps() const noexcept { return steps_; }
  // W3C logs carry '#' directives, and a `#Fields:` directive replaces the format; Zeek's logs
  // the same with `#fields`.
  bool w3c() const noexcept { return w3c_; }
  std::string_view fields_directive() const noexcept { return zeek_ ? "#fields" : "#Fields:"; }
  char w3c_separator() const noexcept { return w3c_separator_; }
  // A header row (CSV presets): it carries no record and is skipped like a W3C directive.
  bool header_row(std::string_view line) const noexcept { return !header_.empty() && line.starts_with(header_); }
  bool has_field(LogField field) const noexcept;

 private:
  LogFormat() = default;
  static std::shared_ptr<LogFormat> compile_fields(std::string_view fields, std::string name, char separator, bool zeek);
  // The format from a finished plan: derives `quoted` and validates (throws FormatError).
  static std::shared_ptr<LogFormat> make(std::string name, std::string prefix, std::vector<Step> steps, bool w3c);
  // Assigns each literal's first byte and the separator a class of the structural index.
  void plan_structural();
  // The one parsing algorithm; `find(from, end, byte, class)` finds the next `byte`.
  // kNoBackslash: the caller knows the line has none, so no quote is escaped. `plan` is the
  // format's own (RuntimePlan) or a compile-time copy of it (FixedPlan, log_format.cpp).
  // `on_field(step, value)` sees each step's value (LogFormat::split); the default sees none.
  struct NoFieldHook {
    void operator()(size_t, std::string_view) const noexcept {}
  };
  template <bool kNoBackslash, typename Plan, typename Find, typename OnField = NoFieldHook>
  Fit parse_steps(std::string_view line, Record& record, ParseError& error, const Plan& plan, Find&& find,
                  OnField&& on_field = {}) const noexcept;
  // parse_steps for a line where each field ends at the first byte of its literal's class in
  // the index (nearly every line): no retry loop, no error path. False, with the record
  // partly written, for any other line, which parse_steps then reads from the start.
  template <typename Plan>
  [[gnu::always_inline]] inline bool parse_first_fits(std::string_view line, const StructuralIndex& index, Record& record) const noexcept;
  // A record with the status "-", 0, 000 or -1 (HAProxy's aborted request) got no response,
  // for formats that write so.
  void mark_no_response(Record& record) const noexcept {
    if (dash_or_zero_is_no_response_) {
      record.no_response = record.status_text == "-" || record.status_text == "0" || record.status_text == "000" ||
                           record.status_text == "-1";
    }
  }
  // Presets whose plan the fast path also holds as a compile-time constant: the compiler
  // unrolls their steps and folds every per-step decision away. Set when plan_ equals one.
  enum class Shape : std::uint8_t { Generic, Combined, Common, VhostCombined };
  Shape shape_ = Shape::Generic;

  std::string name_;
  std::string spec_;
  std::string prefix_;  // literal before the first field
  std::vector<Step> steps_;
  bool w3c_ = false;
  bool zeek_ = false;         // Zeek's dialect of it: #fields, tabs, its own field names
  size_t status_step_ = 0;    // index of the status step
  char w3c_separator_ = ' ';  // between W3C fields; also where a last field ends
  bool padded_ = false;       // fields may start with padding spaces (Squid's %6tr)
  // The server writes "-" or 0 for a request that got no response (Envoy): such records
  // are "no response", like a browser's status 0, not invalid statuses.
  bool dash_or_zero_is_no_response_ = false;
  std::string_view header_;           // a CSV header row starts so
  std::string structural_bytes_;      // StructuralIndex needles; empty: not indexable
  std::vector<PlanStep> plan_;        // steps_, packed for parse_steps
  std::uint8_t separator_class_ = 0;  // the index class of w3c_separator_
};

}  // namespace statuslint
