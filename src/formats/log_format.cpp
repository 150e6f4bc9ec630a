#include "statuslint/formats/log_format.hpp"

#include "statuslint/formats/status_field.hpp"
#include "statuslint/text.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "log_plans.hpp"

namespace statuslint {
namespace {

std::string printable(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  return out;
}

// Finds `c` in [p, end). Fields are short (a few bytes to a hundred), where a library call
// costs more than the scan, so this compares 16 bytes at a time inline with SSE2 (part of
// every x86-64 CPU, so the binary stays portable) and never reads past `end`.
inline const char* find_byte(const char* p, const char* end, char c) noexcept {
#if defined(__SSE2__)
  const __m128i needle = _mm_set1_epi8(c);
  while (end - p >= 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const int mask = _mm_movemask_epi8(_mm_cmpeq_epi8(block, needle));
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  for (; p < end; ++p) {
    if (*p == c) return p;
  }
  return nullptr;
}

// A double quote that ends a quoted field: not escaped by an odd run of backslashes
// (Apache writes \" inside fields; nginx writes \x22 and never needs this).
bool escaped(const char* begin, const char* quote) noexcept {
  size_t backslashes = 0;
  while (quote > begin && quote[-1] == '\\') {
    --quote;
    ++backslashes;
  }
  return (backslashes & 1) != 0;
}

}  // namespace

using namespace plans;

bool LogFormat::has_field(LogField field) const noexcept {
  return std::any_of(steps_.begin(), steps_.end(), [field](const Step& s) { return s.field == field; });
}

// PERF NOTES: this is the hot path. Each step finds its end by searching for the first byte
// of the literal that follows (16 bytes per step with SSE2, inline), checks the rest of the
// literal inline, and stores a view.
// Library calls on 1-3 byte spans cost more than the scan itself: profiling showed memcmp
// and memchr calls at 45% of the time before they were inlined. Quoted fields retry past
// escaped or embedded quotes, which are rare. No allocation, no regex.
LogFormat::Fit LogFormat::parse(std::string_view line, Record& r, ParseError& err) const noexcept {
  const Fit fit = parse_lazily(line, r, err);
  r.resolve();
  return fit;
}

LogFormat::Fit LogFormat::parse_lazily(std::string_view line, Record& r, ParseError& err) const noexcept {
  return parse_steps<false>(
      line, r, err, RuntimePlan{plan_.data(), plan_.size(), padded_},
      [](const char* from, const char* end, char byte, std::uint8_t) { return find_byte(from, end, byte); });
}

bool LogFormat::parse_structural(std::string_view line, const StructuralIndex& index, Record& r, ParseError& err,
                                 Fit& fit) const noexcept {
  const char* const begin = line.data();
  const char* const end = begin + line.size();
  // Declined: a format with bytes the index does not hold, a line outside the window, or a
  // backslash (a quote after one may be escaped: the exact parser looks back for it).
  if (structural_bytes_.empty() || begin < index.begin() || end > index.end() ||
      (index.has_backslash() && index.next(StructuralIndex::kBackslash, begin, end) != nullptr)) {
    return false;
  }
  const auto find = [&index](const char* from, const char* to, char, std::uint8_t cls) {
    return index.next(cls, from, to);
  };
  // With a compile-time plan, the line is first read taking each field's first hit; a line
  // where one does not fit is read again from the start by the full algorithm.
  fit = Fit::Whole;
  switch (padded_ ? Shape::Generic : shape_) {
    case Shape::Combined:
      if (!parse_first_fits<FixedPlan<kCombinedPlan>>(line, index, r)) {
        fit = parse_steps<true>(line, r, err, FixedPlan<kCombinedPlan>{}, find);
      }
      break;
    case Shape::Common:
      if (!parse_first_fits<FixedPlan<kCommonPlan>>(line, index, r)) {
        fit = parse_steps<true>(line, r, err, FixedPlan<kCommonPlan>{}, find);
      }
      break;
    case Shape::VhostCombined:
      if (!parse_first_fits<FixedPlan<kVhostCombinedPlan>>(line, index, r)) {
        fit = parse_steps<true>(line, r, err, FixedPlan<kVhostCombinedPlan>{}, find);
      }
      break;
    case Shape::Generic:
      fit = parse_steps<true>(line, r, err, RuntimePlan{plan_.data(), plan_.size(), padded_}, find);
      break;
  }
  return true;
}

// A literal after a field, its first byte already matched at `at`: literals are one to a
// few bytes, so the common lengths are compared inline.
inline bool tail_at(const char* at, const char* end, const LogFormat::PlanStep& s,
                    const std::vector<LogFormat::Step>& steps) noexcept {
  if (end - at < s.after_size) return false;
  switch (s.after_size) {
    case 1:
      return true;
    case 2:
      return at[1] == s.after[1];
    case 3:
      return at[1] == s.after[1] && at[2] == s.after[2];
    default: {
      const char* literal = s.after_size <= sizeof s.after ? s.after : steps[s.step].after.data();
      for (size_t k = 1; k < s.after_size; ++k) {
        if (at[k] != literal[k]) return false;
      }
      return true;
    }
  }
}

template <typename Plan>
bool LogFormat::parse_first_fits(std::string_view line, const StructuralIndex& index, Record& r) const noexcept {
  const char* p = line.data();
  const char* const end = p + line.size();
  if (!prefix_.empty()) {
    if (line.size() < prefix_.size() || std::memcmp(p, prefix_.data(), prefix_.size()) != 0) return false;
    p += prefix_.size();
  }
  r.drop_pending();
  constexpr size_t kLast = Plan::size() - 1;
  // One step per plan entry, expanded at compile time so that each step's literal, class and
  // field are constants.
  const auto step = [&]<size_t kI>(std::integral_constant<size_t, kI>) __attribute__((always_inline)) {
    constexpr PlanStep s = Plan{}[kI];
    const char* field_end;
    if constexpr (s.after_size == 0) {
      const char* sp = index.next(separator_class_, p, end);
      field_end = sp != nullptr ? sp : end;
    } else {
      // parse_steps takes the first hit that fits. When the first hit does not, or is a
      // list's space, or ends the last quoted field short of the line's end, it searches on:
      // declined here.
      static_assert(s.after_size <= sizeof s.after, "a compile-time plan holds its literals");
      field_end = index.next(s.klass, p, end);
      if (field_end == nullptr || end - field_end < s.after_size) return false;
#pragma GCC unroll 8
      for (size_t k = 1; k < s.after_size; ++k) {
        if (field_end[k] != s.after[k]) return false;
      }
      if constexpr (s.lone_space) {
        if (field_end > p && field_end[-1] == ',') return false;
      }
      if constexpr (s.quoted && kI == kLast) {
        if (field_end + s.after_size != end) return false;
      }
    }
    assign_field(r, s.field, std::string_view(p, static_cast<size_t>(field_end - p)), set_status, s.time_syntax,
                 s.unit);
    p = field_end + s.after_size;
    return true;
  };
  const bool fits = [&]<size_t... kI>(std::index_sequence<kI...>) __attribute__((always_inline)) {
    return (step(std::integral_constant<size_t, kI>{}) && ...);
  }
  (std::make_index_sequence<Plan::size()>{});
  if (!fits || p != end) return false;
  mark_no_response(r);
  return true;
}

template <bool kNoBackslash, typename Plan, typename Find, typename OnField>
LogFormat::Fit LogFormat::parse_steps(std::string_view line, Record& r, ParseError& err, const Plan& plan, Find&& find,
                                      OnField&& on_field) const noexcept {
  r.drop_pending();
  const char* p = line.data();
  const char* const end = p + line.size();
  const auto column = [&](const char* at) { return static_cast<std::uint32_t>(at - line.data()); };
  if (!prefix_.empty()) {
    if (line.size() < prefix_.size() || std::memcmp(p, prefix_.data(), prefix_.size()) != 0) {
      err = {ParseError::Kind::Prefix, 0, 0};
      return Fit::Malformed;
    }
    p += prefix_.size();
  }
  const size_t last = plan.size() - 1;
  // A FixedPlan's steps are constants: unrolled, each step's branches fold away.
#pragma GCC unroll 16
  for (size_t i = 0; i <= last; ++i) {
    if (plan.padded()) {  // a field padded to a width starts after a run of spaces
      while (p < end && *p == ' ') ++p;
    }
    const PlanStep& s = plan[i];
    const char* field_end;
    if (s.after_size == 0) {
      // Only the last step has no literal after it. It runs to the first space: servers
      // append fields to a known format, and W3C rejects them below as trailing text.
      const char* sp = find(p, end, w3c_separator_, separator_class_);
      field_end = sp != nullptr ? sp : end;
    } else {
      const char first = s.after[0];
      const char* search = p;
      const char* first_hit = nullptr;
      field_end = nullptr;
      while (search < end) {
        const char* hit = find(search, end, first, s.klass);
        if (hit == nullptr) break;
        if (first_hit == nullptr) first_hit = hit;
        // nginx writes lists as "a, b" ($upstream_status after a retry: "502, 200"): a lone
        // space after a comma is inside the field, not the end of it.
        const bool list_space = s.lone_space && hit > p && hit[-1] == ',';
        // An unquoted field ends where the whole literal first fits ("0.1, 0.2 host=" holds a
        // space before " host="). A quoted field ends at an unescaped quote followed by the
        // literal and, for the last step, by the end of the line or an appended field.
        if (!list_space && tail_at(hit, end, s, steps_)) {
          if (!s.quoted) {
            field_end = hit;
            break;
          }
          const char* after_literal = hit + s.after_size;
          if ((kNoBackslash || !escaped(p, hit)) && (i != last || after_literal == end || *after_literal == ' ')) {
            field_end = hit;
            break;
          }
        }
        search = hit + 1;
      }
      if (field_end == nullptr && !s.quoted && first_hit != nullptr) {
        // No fit: the first place the literal was expected. A lone space after a comma that
        // is the only one left does end the field; anything else is a mismatch there.
        if (!tail_at(first_hit, end, s, steps_)) {
          err = {ParseError::Kind::Literal, static_cast<std::uint16_t>(i), column(first_hit)};
          return Fit::Malformed;
        }
        field_end = first_hit;
      }
      if (field_end == nullptr) {
        err = {ParseError::Kind::LineEnded, static_cast<std::uint16_t>(i), column(end)};
        // Cut inside a quoted field after the status (or, in W3C and Zeek logs, whose fields
        // are a fixed list, inside any field after it): the status was read whole, so the
        // record counts. Every later field is written empty (records are reused).
        if ((!s.quoted && !w3c_) || i <= status_step_) return Fit::Malformed;
        assign_field(r, s.field, std::string_view(p, static_cast<size_t>(end - p)), set_status, s.time_syntax, s.unit);
        on_field(i, std::string_view(p, static_cast<size_t>(end - p)));
        for (size_t k = i + 1; k <= last; ++k) {
          assign_field(r, plan[k].field, std::string_view(), set_status, plan[k].time_syntax, plan[k].unit);
        }
        mark_no_response(r);
        return Fit::Truncated;
      }
    }
    assign_field(r, s.field, std::string_view(p, static_cast<size_t>(field_end - p)), set_status, s.time_syntax,
                 s.unit);
    on_field(i, std::string_view(p, static_cast<size_t>(field_end - p)));
    p = field_end + s.after_size;
  }
  mark_no_response(r);
  if (p == end) return Fit::Whole;
  if (*p == ' ' && !w3c_) return Fit::ExtraFields;
  err = {ParseError::Kind::Trailing, static_cast<std::uint16_t>(last), column(p)};
  return Fit::Malformed;
}

LogFormat::Fit LogFormat::split(std::string_view line, std::vector<std::string_view>& values) const {
  values.assign(steps_.size(), std::string_view());
  Record r;
  ParseError err;
  return parse_steps<false>(
      line, r, err, RuntimePlan{plan_.data(), plan_.size(), padded_},
      [](const char* from, const char* end, char byte, std::uint8_t) { return find_byte(from, end, byte); },
      [&values](size_t step, std::string_view value) { values[step] = value; });
}

std::string LogFormat::describe(const ParseError& e) const {
  const auto col = " at column " + std::to_string(e.column + 1);
  const auto what = [this](size_t i) {
    const Step& s = steps_[i];
    return std::string(field_label(s.field)) + " (" + s.directive + ")";
  };
  switch (e.kind) {
    case ParseError::Kind::None:
      return "no error";
    case ParseError::Kind::Prefix:
      return "expected '" + printable(prefix_) + "' at the start of the line";
    case ParseError::Kind::Literal:
      return "expected '" + printable(steps_[e.step].after) + "' after " + what(e.step) + col;
    case ParseError::Kind::LineEnded:
      return "line ends inside " + what(e.step) + " (expected '" + printable(steps_[e.step].after) + "' after it)";
    case ParseError::Kind::Trailing:
      return "unexpected text after the last field" + col;
  }
  return "malformed";
}

}  // namespace statuslint
