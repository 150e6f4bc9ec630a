#include "statuslint/record/timestamp.hpp"

#include <cstdio>
#include <cstring>

#include "statuslint/text.hpp"

namespace statuslint {
namespace {

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm, proleptic Gregorian).
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + std::int64_t{doe} - 719468;
}

bool digits(std::string_view s, size_t pos, size_t n, unsigned& out) noexcept {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    const unsigned d = static_cast<unsigned char>(s[i]) - '0';
    if (d > 9) return false;
    out = out * 10 + d;
  }
  return true;
}

std::optional<std::int64_t> compose(unsigned y, unsigned mo, unsigned d, unsigned h, unsigned mi, unsigned sec,
                                    std::int64_t offset_seconds) noexcept {
  if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
    return std::nullopt;
  return days_from_civil(y, mo, d) * 86400 + std::int64_t{h} * 3600 + std::int64_t{mi} * 60 + sec - offset_seconds;
}

// "+0100", "-07:00", "Z"; sets `offset` in seconds east of UTC.
bool parse_offset(std::string_view s, std::int64_t& offset) noexcept {
  if (s == "Z" || s == "z") {
    offset = 0;
    return true;
  }
  if (s.size() < 5 || (s[0] != '+' && s[0] != '-')) return false;
  unsigned hh = 0, mm = 0;
  const size_t mpos = s[3] == ':' ? 4 : 3;
  if (!digits(s, 1, 2, hh) || !digits(s, mpos, 2, mm) || s.size() != mpos + 2 || hh > 23 || mm > 59) return false;
  offset = (s[0] == '-' ? -1 : 1) * static_cast<std::int64_t>(hh * 3600 + mm * 60);
  return true;
}

}  // namespace

std::optional<std::int64_t> parse_clf_time(std::string_view s) noexcept {
  if (!s.empty() && s.front() == '[') s.remove_prefix(1);
  if (!s.empty() && s.back() == ']') s.remove_suffix(1);
  // dd/Mon/yyyy:HH:MM:SS +zzzz
  static constexpr std::string_view kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  unsigned d = 0, y = 0, h = 0, mi = 0, sec = 0;
  if (s.size() < 20 || !digits(s, 0, 2, d) || s[2] != '/' || s[6] != '/' || !digits(s, 7, 4, y) || s[11] != ':' ||
      !digits(s, 12, 2, h) || s[14] != ':' || !digits(s, 15, 2, mi) || s[17] != ':' || !digits(s, 18, 2, sec)) {
    return std::nullopt;
  }
  const size_t m = kMonths.find(s.substr(3, 3));
  if (m == std::string_view::npos || m % 3 != 0) return std::nullopt;
  // HAProxy writes milliseconds (".655") and no zone; no zone is read as UTC.
  size_t pos = 20;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
  }
  std::int64_t offset = 0;
  if (s.size() > pos) {
    if (s[pos] != ' ' || !parse_offset(s.substr(pos + 1), offset)) return std::nullopt;
  }
  return compose(y, static_cast<unsigned>(m / 3 + 1), d, h, mi, sec, offset);
}

std::optional<std::int64_t> parse_iso8601_time(std::string_view s) noexcept {
  unsigned y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (s.size() < 19 || !digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(s, 11, 2, h) || s[13] != ':' ||
      !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, sec)) {
    return std::nullopt;
  }
  size_t pos = 19;
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;  // fractions: dropped
  }
  std::int64_t offset = 0;
  if (pos < s.size() && !parse_offset(s.substr(pos), offset)) return std::nullopt;
  return compose(y, mo, d, h, mi, sec, offset);
}

std::optional<std::int64_t> parse_epoch_time(std::string_view s) noexcept {
  std::int64_t v = 0;
  size_t i = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    if (i >= 12) return std::nullopt;  // past year 33658: not a log
    v = v * 10 + (s[i] - '0');
  }
  if (i == 0) return std::nullopt;
  if (i < s.size() && s[i] == '.') {
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    }
  }
  if (i != s.size() || v > 253402300799) return std::nullopt;  // 9999-12-31T23:59:59Z
  return v;
}

std::optional<std::int64_t> parse_asctime(std::string_view s) noexcept {
  // Www Mmm dd hh:mm:ss yyyy, the day padded with a space ("Tue Nov  3 09:14:07 2026").
  static constexpr std::string_view kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  unsigned d = 0, y = 0, h = 0, mi = 0, sec = 0;
  if (s.size() != 24 || s[3] != ' ' || s[7] != ' ' || s[10] != ' ' || s[13] != ':' || s[16] != ':' || s[19] != ' ') {
    return std::nullopt;
  }
  const size_t m = kMonths.find(s.substr(4, 3));
  if (m == std::string_view::npos || m % 3 != 0) return std::nullopt;
  if (!(s[8] == ' ' ? digits(s, 9, 1, d) : digits(s, 8, 2, d)) || !digits(s, 11, 2, h) || !digits(s, 14, 2, mi) ||
      !digits(s, 17, 2, sec) || !digits(s, 20, 4, y)) {
    return std::nullopt;
  }
  return compose(y, static_cast<unsigned>(m / 3 + 1), d, h, mi, sec, 0);
}

std::optional<std::int64_t> parse_epoch_fraction(std::string_view s, std::int64_t per_second) noexcept {
  // Whole units only: what Kong (ms) and journald (µs) write.
  if (s.empty() || s.size() > 19) return std::nullopt;
  std::int64_t v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  const std::int64_t seconds = v / per_second;
  if (seconds > 253402300799) return std::nullopt;
  return seconds;
}

std::optional<std::int64_t> parse_w3c_time(std::string_view date, std::string_view time) noexcept {
  unsigned y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (date.size() != 10 || !digits(date, 0, 4, y) || date[4] != '-' || !digits(date, 5, 2, mo) || date[7] != '-' ||
      !digits(date, 8, 2, d) || time.size() < 8 || !digits(time, 0, 2, h) || time[2] != ':' ||
      !digits(time, 3, 2, mi) || time[5] != ':' || !digits(time, 6, 2, sec)) {
    return std::nullopt;
  }
  return compose(y, mo, d, h, mi, sec, 0);
}

std::optional<std::int64_t> record_epoch_seconds(const Record& r) noexcept {
  switch (r.time_syntax) {
    case TimeSyntax::Clf:
      return parse_clf_time(r.time);
    case TimeSyntax::Iso8601:
      return parse_iso8601_time(r.time);
    case TimeSyntax::EpochSeconds:
      return parse_epoch_time(r.time);
    case TimeSyntax::W3c:
      return parse_w3c_time(r.date, r.time);
    case TimeSyntax::Asctime:
      return parse_asctime(r.time);
    case TimeSyntax::EpochMillis:
      return parse_epoch_fraction(r.time, 1000);
    case TimeSyntax::EpochMicros:
      return parse_epoch_fraction(r.time, 1000000);
    case TimeSyntax::None:
    case TimeSyntax::Custom:
      break;
  }
  return std::nullopt;
}

std::optional<std::int64_t> EpochCache::epoch_slow(const Record& r) noexcept {
  const std::string_view t = r.time;
  const std::string_view d = r.date;
  if (r.time_syntax == syntax_ && t.size() == time_size_ && d.size() == date_size_) {
    const auto same = [](std::string_view a, const char* b, size_t from, size_t to) {
      return to <= from || same_bytes(a.data() + from, b + from, to - from);
    };
    if (syntax_ == TimeSyntax::Clf && value_ && t.size() >= 20 && t[0] != '[') {
      // dd/Mon/yyyy:HH:MM:SS ...: the same text but for the seconds is the same minute.
      unsigned sec = 0;
      if (same(t, time_.data(), 0, 18) && same(t, time_.data(), 20, t.size()) && digits(t, 18, 2, sec) && sec <= 60) {
        return *value_ - cached_seconds_ + sec;
      }
    } else if (same(t, time_.data(), 0, t.size()) && same(d, date_.data(), 0, d.size())) {
      return value_;
    }
  }
  value_ = record_epoch_seconds(r);
  syntax_ = r.time_syntax;
  cached_seconds_ = 0;
  if (syntax_ == TimeSyntax::Clf && value_ && t.size() >= 20) digits(t, 18, 2, cached_seconds_);
  if (t.size() <= kMaxText && d.size() <= kMaxText) {
    if (!t.empty()) std::memcpy(time_.data(), t.data(), t.size());
    if (!d.empty()) std::memcpy(date_.data(), d.data(), d.size());
    time_size_ = t.size();
    date_size_ = d.size();
    clf_minute_ = syntax_ == TimeSyntax::Clf && value_ && t.size() >= 20 && t.size() <= 28 && t[0] != '[';
    if (clf_minute_) {
      minute_ = *value_ - cached_seconds_;
      tail_mask_ = ~std::uint64_t{0};
      for (const size_t second : {size_t{18}, size_t{19}}) {
        if (second >= t.size() - 8) tail_mask_ &= ~(std::uint64_t{0xff} << (8 * (second - (t.size() - 8))));
      }
    }
  } else {
    time_size_ = kNothing;  // too long to keep: never matches
    clf_minute_ = false;
  }
  return value_;
}

std::string format_utc(std::int64_t t) {
  if (t < 0) t = 0;
  std::int64_t days = t / 86400;
  const std::int64_t secs = t - days * 86400;
  // civil_from_days
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  char out[64];
  std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02u:%02u:%02uZ", static_cast<int>(y + (m <= 2)), m, d,
                static_cast<unsigned>(secs / 3600), static_cast<unsigned>(secs / 60 % 60),
                static_cast<unsigned>(secs % 60));
  return out;
}

}  // namespace statuslint
