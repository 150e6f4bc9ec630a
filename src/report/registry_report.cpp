#include "statuslint/report/registry_report.hpp"

#include <algorithm>
#include <charconv>

#include "statuslint/report/escaping.hpp"
#include "statuslint/report/json_writer.hpp"

namespace statuslint {
namespace {

bool is_integer(std::string_view s) {
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) s.remove_prefix(1);
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string display_name(const ExplainItem& item) {
  if (item.info->known()) return std::string(item.info->name);
  return item.info->kind == StatusKind::Unassigned ? "(unassigned)" : "(not a status code)";
}

std::string description_of(const ExplainItem& item) {
  const StatusInfo& info = *item.info;
  if (!info.description.empty()) return std::string(info.description);
  if (info.kind == StatusKind::Unassigned) {
    return "No status " + item.query + " is registered with IANA or known from a server or vendor.";
  }
  return "Not an HTTP status: status codes are three digits from 100 to 599.";
}

void field(std::string& out, std::string_view label, std::string_view value) {
  if (value.empty()) return;
  out += "  ";
  out += label;
  out.append(label.size() < 12 ? 12 - label.size() : 1, ' ');
  append_terminal_safe(out, value);
  out += '\n';
}

}  // namespace

ExplainItem explain_status(std::string_view query) {
  if (StatusRegistry::parse_code(query)) return {std::string(query), &StatusRegistry::classify_text(query)};
  // A plain number typed by a user ("0", "99", "1000", "-5") means that number; text with
  // leading zeros ("0200") is judged as log text would be: not a status.
  const bool leading_zero = query.size() > 1 && (query[0] == '0' || query.substr(0, 2) == "-0");
  if (is_integer(query) && !leading_zero) {
    long long n = 0;
    const char* begin = query.data() + (query.front() == '+' ? 1 : 0);
    const auto [ptr, ec] = std::from_chars(begin, query.data() + query.size(), n);
    if (ec != std::errc{}) return {std::string(query), &StatusRegistry::out_of_range_status()};
    return {std::string(query), &StatusRegistry::lookup(n)};
  }
  return {std::string(query), &StatusRegistry::classify_text(query)};
}

void write_explain_text(std::string& out, std::span<const ExplainItem> items) {
  bool first = true;
  for (const ExplainItem& item : items) {
    const StatusInfo& info = *item.info;
    if (!first) out += '\n';
    first = false;
    append_terminal_safe(out, item.query);
    out += "  ";
    append_terminal_safe(out, display_name(item));
    out += '\n';
    field(out, "class", to_string(info.status_class()));
    field(out, "kind", to_string(info.kind));
    field(out, "origin", info.origin);
    field(out, "reference", info.reference);
    std::string aliases;
    for (std::string_view a : info.aliases) {
      if (!aliases.empty()) aliases += "; ";
      aliases += a;
    }
    field(out, "aliases", aliases);
    field(out, "description", description_of(item));
    for (const StatusMeaning& m : info.also) {
      field(out, "also",
            std::string(m.name) + " (" + std::string(m.origin) + "): " + std::string(m.description) + " [" +
                std::string(m.reference) + "]");
    }
  }
}

void write_registry_table(std::string& out, std::span<const ExplainItem> items) {
  out += "CODE  CLASS    KIND         NAME                                      ORIGIN / REFERENCE\n";
  for (const ExplainItem& item : items) {
    const StatusInfo& info = *item.info;
    auto pad = [&out](std::string_view s, size_t width) {
      append_terminal_safe(out, s);
      out.append(s.size() < width ? width - s.size() : 1, ' ');
    };
    pad(item.query, 6);
    pad(to_string(info.status_class()), 9);
    pad(to_string(info.kind), 13);
    pad(display_name(item), 42);
    if (info.origin == "IANA") {
      append_terminal_safe(out, info.reference);
    } else {
      append_terminal_safe(out, info.origin);
    }
    for (const StatusMeaning& m : info.also) {
      out += "; also ";
      append_terminal_safe(out, m.name);
      out += " (";
      append_terminal_safe(out, m.origin);
      out += ')';
    }
    out += '\n';
  }
}

void write_explain_json(std::string& out, std::span<const ExplainItem> items) {
  JsonWriter w(out);
  w.begin_array();
  for (const ExplainItem& item : items) {
    const StatusInfo& info = *item.info;
    w.begin_object();
    w.key("code");
    if (info.code >= 0) {
      w.value(info.code);
    } else {
      w.null();
    }
    w.member("query", item.query);
    w.member("name", display_name(item));
    w.key("aliases").begin_array();
    for (std::string_view a : info.aliases) w.value(a);
    w.end_array();
    w.member("class", to_string(info.status_class()));
    w.member("kind", to_string(info.kind));
    w.member("origin", info.origin);
    w.member("reference", info.reference);
    w.member("description", description_of(item));
    w.key("also").begin_array();
    for (const StatusMeaning& m : info.also) {
      w.begin_object();
      w.member("name", m.name).member("origin", m.origin).member("reference", m.reference);
      w.member("description", m.description);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
}

}  // namespace statuslint
