#include "statuslint/rules/rule.hpp"

#include <array>
#include <charconv>

namespace statuslint {

std::string_view to_string(Severity s) noexcept {
  switch (s) {
    case Severity::Info:
      return "info";
    case Severity::Warning:
      return "warning";
    case Severity::Error:
      return "error";
  }
  return "info";
}

std::optional<Severity> parse_severity(std::string_view text) noexcept {
  if (text == "info") return Severity::Info;
  if (text == "warning") return Severity::Warning;
  if (text == "error") return Severity::Error;
  return std::nullopt;
}

std::string_view to_string(RuleNeeds n) noexcept {
  switch (n) {
    case RuleNeeds::Record:
      return "record";
    case RuleNeeds::Headers:
      return "headers";
    case RuleNeeds::StatusText:
      return "status_text";
    case RuleNeeds::RequestHeaders:
      return "request_headers";
    case RuleNeeds::Capture:
      return "capture";
  }
  return "record";
}

std::string_view to_string(Comparison c) noexcept {
  switch (c) {
    case Comparison::LocationIsRequestUrl:
      return "location_is_request_url";
    case Comparison::AllowListsMethod:
      return "allow_lists_method";
    case Comparison::ProtocolDiffersFromRequest:
      return "protocol_differs_from_request";
    case Comparison::ProtocolSameAsRequest:
      return "protocol_same_as_request";
    case Comparison::AllowOmitsMethod:
      return "allow_omits_method";
    case Comparison::EtagMatchesIfNoneMatch:
      return "etag_matches_if_none_match";
  }
  return "location_is_request_url";
}

ComparisonNeeds needs_of(Comparison c) noexcept {
  switch (c) {
    case Comparison::LocationIsRequestUrl:
    case Comparison::AllowListsMethod:
    case Comparison::AllowOmitsMethod:
      return {true, false, false};
    case Comparison::ProtocolDiffersFromRequest:
    case Comparison::ProtocolSameAsRequest:
      return {false, true, true};
    case Comparison::EtagMatchesIfNoneMatch:
      return {true, true, false};
  }
  return {};
}

std::string_view to_string(TextField f) noexcept {
  static constexpr std::array<std::string_view, static_cast<size_t>(TextField::Count)> kNames = {
      "method", "path", "protocol", "host", "user_agent", "referrer", "request_protocol"};
  return kNames[static_cast<size_t>(f)];
}

int status_slot(const Record& r) noexcept {
  // No server response to judge: no response at all, one the browser made up, or one from
  // its cache.
  if (r.no_response || r.browser_generated || r.from_cache) return -1;
  if (r.status >= 0) return r.status;
  return r.status_info == &StatusRegistry::missing_status() ? kSlotMissingStatus : kSlotNonNumericStatus;
}

bool NumericBound::holds(double x) const noexcept {
  switch (op) {
    case Op::Less:
      return x < value;
    case Op::LessEqual:
      return x <= value;
    case Op::Greater:
      return x > value;
    case Op::GreaterEqual:
      return x >= value;
    case Op::Equal:
      return x == value;
    case Op::NotEqual:
      return x != value;
  }
  return false;
}

std::string Rule::render(const Record& r) const {
  const std::string_view tmpl = message.empty() ? std::string_view(summary) : std::string_view(message);
  const StatusInfo& info = r.status_info != nullptr ? *r.status_info : StatusRegistry::missing_status();
  std::string out;
  size_t i = 0;
  while (i < tmpl.size()) {
    const size_t open = tmpl.find('{', i);
    const size_t close = open == std::string_view::npos ? open : tmpl.find('}', open);
    if (close == std::string_view::npos) {
      out.append(tmpl.substr(i));
      break;
    }
    out.append(tmpl.substr(i, open - i));
    const std::string_view key = tmpl.substr(open + 1, close - open - 1);
    if (key == "status") {
      out.append(r.status_text.empty() ? std::string_view("-") : r.status_text);
    } else if (key == "name") {
      out.append(info.known() ? info.name : std::string_view("(unassigned)"));
    } else if (key == "origin") {
      out.append(info.origin);
    } else if (key == "kind") {
      out.append(to_string(info.kind));
    } else if (key == "class") {
      out.append(to_string(info.status_class()));
    } else if (key == "method") {
      out.append(r.method);
    } else if (key == "path") {
      out.append(r.path);
    } else if (key == "protocol") {
      out.append(r.protocol);
    } else if (key == "bytes") {
      out.append(std::to_string(r.bytes));
    } else if (key == "status_text") {
      out.append(r.status_reason);
    } else {
      out.append(tmpl.substr(open, close - open + 1));  // unknown: kept as written
    }
    i = close + 1;
  }
  return out;
}

Record RuleExample::to_record(std::vector<Header>& header_storage) const {
  Record r;
  // Rules sit beside the readers, not after them: an example record is classified here,
  // as formats/status_field.hpp does for records read from input.
  r.status_text = status;
  r.status_info = &StatusRegistry::classify_text(status);
  r.status = r.status_info->code;
  r.method = method;
  r.path = path;
  r.protocol = protocol;
  r.host = host;
  r.user_agent = user_agent;
  r.referrer = referrer;
  r.status_reason = status_text;
  r.has_status_reason = !status_text.empty() || has_headers;  // a HAR-like example
  r.bytes = bytes;
  if (!request_time.empty()) {
    r.request_time = request_time;
    r.request_time_unit = DurationUnit::Seconds;
  }
  header_storage.clear();
  for (const auto& [name, value] : headers) header_storage.push_back({name, value});
  for (const auto& [name, value] : request_headers) header_storage.push_back({name, value});
  r.headers = std::span<const Header>(header_storage).first(headers.size());
  r.request_headers = std::span<const Header>(header_storage).subspan(headers.size());
  r.has_request_headers = has_request_headers;
  r.request_protocol = request_protocol;
  r.request_bytes = request_bytes;
  r.has_headers = has_headers;
  r.line = line;
  return r;
}

}  // namespace statuslint
