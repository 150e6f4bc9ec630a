#include "statuslint/report/summary_report.hpp"

#include <algorithm>
#include <cstdio>

#include "statuslint/report/escaping.hpp"
#include "statuslint/report/json_writer.hpp"
#include "statuslint/record/timestamp.hpp"

namespace statuslint {
namespace {

// One status row of a summary: a number, or one of the two kinds of non-numeric status.
struct StatusRow {
  const StatusInfo* info;
  std::uint64_t count;
};

std::vector<StatusRow> status_rows(const Counts& c) {
  std::vector<StatusRow> rows;
  for (int code = 0; code < kStatusTableSize; ++code) {
    if (const std::uint64_t n = c.by_code[static_cast<size_t>(code)]) rows.push_back({&StatusRegistry::lookup(code), n});
  }
  if (c.missing_status > 0) rows.push_back({&StatusRegistry::missing_status(), c.missing_status});
  if (c.non_numeric_status > 0) rows.push_back({&StatusRegistry::non_numeric_status(), c.non_numeric_status});
  return rows;
}

std::string code_text(const StatusInfo& info) {
  if (info.code < 0) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%03d", info.code);
  return buf;
}

std::string_view row_name(const StatusInfo& info) {
  if (!info.known()) return info.kind == StatusKind::Unassigned ? "(unassigned)" : "(not a status)";
  return info.name;
}

std::string percent(std::uint64_t part, std::uint64_t whole) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

class Table {
 public:
  explicit Table(std::vector<bool> right_aligned) : right_(std::move(right_aligned)) {}
  void row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  void write(std::string& out, std::string_view indent = "  ") const {
    std::vector<size_t> width(right_.size(), 0);
    for (const auto& r : rows_) {
      for (size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], display_width(r[i]));
    }
    for (const auto& r : rows_) {
      std::string line(indent);
      for (size_t i = 0; i < r.size(); ++i) {
        const size_t pad = width[i] - display_width(r[i]);
        if (right_[i]) line.append(pad, ' ');
        line += r[i];
        if (!right_[i] && i + 1 < r.size()) line.append(pad, ' ');
        if (i + 1 < r.size()) line += "  ";
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line;
      out += '\n';
    }
  }

 private:
  // Cells are already terminal-safe; count UTF-8 code points, not bytes.
  static size_t display_width(const std::string& s) {
    return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
  }
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

// Active rules that fired, most severe first, then by id.
std::vector<size_t> fired_rules(const ScanSummary& s) {
  std::vector<size_t> order;
  if (s.rules == nullptr) return order;
  const auto& rules = s.rules->rules();
  for (size_t i = 0; i < rules.size(); ++i) {
    if (s.rules->active(i) && s.finding_count(i) > 0) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (rules[a].severity != rules[b].severity) return rules[a].severity > rules[b].severity;
    return rules[a].id < rules[b].id;
  });
  return order;
}

std::string location(const InputSummary& in, const FindingExample& e) {
  std::string where = in.name;
  where += e.entry >= 0 ? " entry " : ":";
  where += e.entry >= 0 ? std::to_string(e.entry) : std::to_string(e.line);
  return where;
}

std::string_view colour_of(Severity s) {
  switch (s) {
    case Severity::Error: return "\x1b[1;31m";
    case Severity::Warning: return "\x1b[33m";
    case Severity::Info: return "\x1b[36m";
  }
  return "";
}

void write_findings_text(std::string& out, const ScanSummary& s, const TextStyle& style) {
  if (s.rules == nullptr) return;
  const auto& rules = s.rules->rules();
  const auto order = fired_rules(s);
  out += "\nFindings";
  if (order.empty()) {
    out += ": none (";
    out += std::to_string(s.rules->active_count());
    out += " rules)\n";
  } else {
    out += " (rule, records, first examples)\n";
    for (size_t i : order) {
      out += "  ";
      if (style.colour) out += colour_of(rules[i].severity);
      out += to_string(rules[i].severity);
      if (style.colour) out += "\x1b[0m";
      out.append(9 - to_string(rules[i].severity).size(), ' ');
      append_terminal_safe(out, rules[i].id);
      out += "  ";
      out += std::to_string(s.finding_count(i));
      out += "  ";
      append_terminal_safe(out, rules[i].summary);
      out += '\n';
      for (const InputSummary& in : s.inputs) {
        if (i >= in.findings.size()) continue;
        for (const FindingExample& e : in.findings[i].examples) {
          out += "    ";
          append_terminal_safe(out, location(in, e));
          out += "  ";
          out += shorten_middle(terminal_safe(e.message), style.max_width);
          out += '\n';
        }
      }
    }
  }
  bool header = false;
  for (size_t i = 0; i < rules.size(); ++i) {
    const std::uint64_t n = s.not_evaluated_count(i);
    if (!s.rules->active(i) || n == 0) continue;
    if (!header) {
      out += "\nNot evaluated (the input lacks what these rules need)\n";
      header = true;
    }
    out += "  ";
    append_terminal_safe(out, rules[i].id);
    out += "  ";
    out += std::to_string(n);
    out += " records: ";
    out += not_evaluated_reason(rules[i].needs);
    out += '\n';
  }
}

}  // namespace

std::string shorten_middle(std::string_view s, size_t max) {
  // Count code points; cut only at code point boundaries.
  std::vector<size_t> starts;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xc0) != 0x80) starts.push_back(i);
  }
  if (starts.size() <= max || max < 8) return std::string(s);
  const size_t head = (max - 3) * 2 / 3, tail = max - 3 - head;
  return std::string(s.substr(0, starts[head])) + "..." + std::string(s.substr(starts[starts.size() - tail]));
}

void write_summary_text(std::string& out, const ScanSummary& s, const TextStyle& style) {
  const Counts& t = s.total;
  out += "Inputs\n";
  const bool filtered = t.filtered > 0;
  Table inputs({false, false, true, true, true, true, true});
  inputs.row({"INPUT", "FORMAT", "LINES", "RECORDS", "MALFORMED", "BLANK", filtered ? "FILTERED" : ""});
  for (const InputSummary& in : s.inputs) {
    const Counts& c = in.counts;
    std::string format = in.format.empty() ? "-" : in.format;
    if (in.compression != Compression::None) {
      format += '+';
      format += to_string(in.compression);
    }
    inputs.row({terminal_safe(in.name), format, std::to_string(c.lines), std::to_string(c.records),
                std::to_string(c.malformed), std::to_string(c.blank), filtered ? std::to_string(c.filtered) : ""});
  }
  if (s.inputs.size() > 1) {
    inputs.row({"total", "", std::to_string(t.lines), std::to_string(t.records), std::to_string(t.malformed),
                std::to_string(t.blank), filtered ? std::to_string(t.filtered) : ""});
  }
  inputs.write(out);

  out += "\nStatus classes (share of records)\n";
  Table classes({false, true, true});
  const auto by_class = t.by_class();
  for (const StatusClass cls : kReportedClasses) {
    const auto k = static_cast<size_t>(cls);
    classes.row({std::string(to_string(cls)), std::to_string(by_class[k]),
                 percent(by_class[k], t.records)});
  }
  if (t.no_response > 0) classes.row({"no response", std::to_string(t.no_response), percent(t.no_response, t.records)});
  classes.write(out);

  out += "\nStatus kinds\n";
  Table kinds({false, true, true});
  const auto by_kind = t.by_kind();
  for (size_t k = 0; k < kStatusKindCount; ++k) {
    kinds.row({std::string(to_string(static_cast<StatusKind>(k))), std::to_string(by_kind[k]),
               percent(by_kind[k], t.records)});
  }
  kinds.write(out);

  const auto rows = status_rows(t);
  if (!rows.empty()) {
    out += "\nStatus codes\n";
    Table codes({false, false, true, true, false});
    codes.row({"CODE", "NAME", "COUNT", "SHARE", "KIND"});
    for (const StatusRow& r : rows) {
      codes.row({code_text(*r.info), terminal_safe(row_name(*r.info)), std::to_string(r.count),
                 percent(r.count, t.records), std::string(to_string(r.info->kind))});
    }
    codes.write(out);
  }

  write_findings_text(out, s, style);

  if (s.trends) {
    const Trends trends = s.merged_trends();
    out += "\nTrends (per ";
    out += bucket_name(trends.bucket_seconds);
    out += ", UTC";
    if (trends.undated > 0) {
      out += "; ";
      out += std::to_string(trends.undated);
      out += " records without a readable time";
    }
    out += ")\n";
    Table table({false, true, true, true, true, true, true, true, true, true});
    table.row({"START", "RECORDS", "1xx", "2xx", "3xx", "4xx", "5xx", "INVALID", "NO-RESP", "FINDINGS"});
    for (const auto& [start, b] : trends.buckets) {
      std::uint64_t findings = 0;
      for (std::uint64_t n : b.findings) findings += n;
      std::vector<std::string> row = {format_utc(start), std::to_string(b.records())};
      for (const StatusClass cls : kReportedClasses) row.push_back(std::to_string(b.classes[static_cast<size_t>(cls)]));
      row.push_back(std::to_string(b.no_response));
      row.push_back(std::to_string(findings));
      table.row(std::move(row));
    }
    table.write(out);
  }

  if (s.top > 0) {
    const Offenders top = s.merged_offenders();
    out += "\nTop offenders";
    out += top.approximate() ? " (approximate: counts may be over by the error shown as +N)" : " (exact)";
    out += '\n';
    const auto list = [&](std::string_view label, const TopCounts& sketch) {
      const auto items = sketch.top(s.top);
      if (items.empty()) return;
      out += "    ";
      out += label;
      out += '\n';
      for (const CountedKey& item : items) {
        out += "      ";
        out += std::to_string(item.count);
        if (item.error > 0) {
          out += " (+";
          out += std::to_string(item.error);
          out += ')';
        }
        out += "  ";
        out += shorten_middle(terminal_safe(item.key), style.max_width);
        out += '\n';
      }
    };
    for (const StatusClass cls : kReportedClasses) {
      const auto k = static_cast<size_t>(cls);
      if (top.paths[k].total() == 0 && top.agents[k].total() == 0 && top.hosts[k].total() == 0) continue;
      out += "  ";
      out += to_string(cls);
      out += '\n';
      list("paths", top.paths[k]);
      list("hosts", top.hosts[k]);
      list("user agents", top.agents[k]);
    }
    for (size_t i : fired_rules(s)) {
      if (i >= top.rule_paths.size() || top.rule_paths[i].total() == 0) continue;
      out += "  ";
      append_terminal_safe(out, s.rules->rules()[i].id);
      out += '\n';
      list("paths", top.rule_paths[i]);
    }
  }

  if (!s.budgets.empty()) {
    out += "\nBudgets\n";
    for (const BudgetResult& b : s.budgets) {
      out += "  ";
      if (style.colour && b.breached) out += "\x1b[1;31m";
      out += b.breached ? "EXCEEDED" : "ok      ";
      if (style.colour && b.breached) out += "\x1b[0m";
      out += "  ";
      out += b.budget.kind == Budget::Kind::MaxRate ? "--max-rate " : "--max-count ";
      append_terminal_safe(out, b.description);
      out += '\n';
    }
  }

  if (t.malformed > 0) {
    out += "\nMalformed lines (first examples per input)\n";
    for (const InputSummary& in : s.inputs) {
      for (const MalformedExample& e : in.examples) {
        out += "  ";
        append_terminal_safe(out, in.name);
        out += e.at.kind == Location::Kind::Entry ? " entry " : ":";
        out += std::to_string(e.at.index);
        out += ": ";
        append_terminal_safe(out, e.reason);
        out += "\n    | ";
        out += shorten_middle(terminal_safe(e.text), style.max_width);
        out += '\n';
      }
    }
  }

  if (t.no_response > 0) {
    out += "\nRequests with no response (first examples per input)\n";
    for (const InputSummary& in : s.inputs) {
      for (const NoResponseExample& e : in.no_response_examples) {
        out += "  ";
        append_terminal_safe(out, in.name);
        out += " entry ";
        out += std::to_string(e.entry);
        out += ": ";
        append_terminal_safe(out, e.method);
        out += ' ';
        append_terminal_safe(out, e.url);
        if (!e.error.empty()) {
          out += " (";
          append_terminal_safe(out, e.error);
          out += ')';
        }
        out += '\n';
      }
    }
  }

  if (s.any_input_error()) {
    out += "\nInput errors\n";
    for (const InputSummary& in : s.inputs) {
      if (in.error.empty()) continue;
      out += "  ";
      append_terminal_safe(out, in.error);
      out += '\n';
    }
  }
}

namespace {

void write_counts(JsonWriter& w, const Counts& c) {
  w.member("lines", c.lines).member("records", c.records).member("malformed", c.malformed).member("blank", c.blank);
  w.member("no_response", c.no_response).member("filtered", c.filtered);
}

}  // namespace

void write_summary_json(std::string& out, const ScanSummary& s) {
  JsonWriter w(out);
  w.begin_object();
  w.member("schema_version", kJsonSchemaVersion);
  w.key("totals").begin_object();
  write_counts(w, s.total);
  w.end_object();

  w.key("inputs").begin_array();
  for (const InputSummary& in : s.inputs) {
    w.begin_object();
    w.member("name", in.name);
    w.key("format");
    if (in.format.empty()) {
      w.null();
    } else {
      w.value(in.format);
    }
    w.member("format_source", in.format_note());
    w.member("compression", to_string(in.compression));
    write_counts(w, in.counts);
    w.key("classes").begin_object();
    const auto in_classes = in.counts.by_class();
    for (const StatusClass cls : kReportedClasses) {
      const auto k = static_cast<size_t>(cls);
      w.member(to_string(cls), in_classes[k]);
    }
    w.member("no_response", in.counts.no_response);
    w.end_object();
    w.key("error");
    if (in.error.empty()) {
      w.null();
    } else {
      w.value(in.error);
    }
    w.key("malformed_examples").begin_array();
    for (const MalformedExample& e : in.examples) {
      w.begin_object().member(e.at.noun(), e.at.index).member("reason", e.reason);
      w.member("text", e.text).end_object();
    }
    w.end_array();
    w.key("no_response_examples").begin_array();
    for (const NoResponseExample& e : in.no_response_examples) {
      w.begin_object().member("entry", e.entry).member("method", e.method).member("url", e.url);
      w.member("error", e.error).end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();

  w.key("statuses").begin_array();
  for (const StatusRow& r : status_rows(s.total)) {
    w.begin_object();
    w.key("code");
    if (r.info->code >= 0) {
      w.value(r.info->code);
    } else {
      w.null();
    }
    w.member("name", row_name(*r.info));
    w.member("class", to_string(r.info->status_class()));
    w.member("kind", to_string(r.info->kind));
    w.member("origin", r.info->origin);
    w.member("count", r.count);
    w.end_object();
  }
  w.end_array();

  w.key("classes").begin_object();
  const auto by_class = s.total.by_class();
  for (const StatusClass cls : kReportedClasses) {
    const auto k = static_cast<size_t>(cls);
    w.member(to_string(cls), by_class[k]);
  }
  w.member("no_response", s.total.no_response);
  w.end_object();

  w.key("kinds").begin_object();
  const auto by_kind = s.total.by_kind();
  for (size_t k = 0; k < kStatusKindCount; ++k) w.member(to_string(static_cast<StatusKind>(k)), by_kind[k]);
  w.member("no_response", s.total.no_response);
  w.end_object();

  w.key("findings").begin_array();
  for (size_t i : fired_rules(s)) {
    const Rule& rule = s.rules->rules()[i];
    w.begin_object();
    w.member("rule", rule.id).member("severity", to_string(rule.severity)).member("summary", rule.summary);
    w.member("reference", rule.reference).member("count", s.finding_count(i));
    w.key("examples").begin_array();
    for (const InputSummary& in : s.inputs) {
      if (i >= in.findings.size()) continue;
      for (const FindingExample& e : in.findings[i].examples) {
        w.begin_object().member("input", in.name);
        if (e.entry >= 0) {
          w.member("entry", e.entry);
        } else {
          w.member("line", e.line);
        }
        w.member("method", e.method).member("target", e.path).member("status", e.status);
        w.member("message", e.message).end_object();
      }
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();

  if (s.trends) {
    const Trends trends = s.merged_trends();
    w.key("trends").begin_object();
    w.member("bucket", bucket_name(trends.bucket_seconds)).member("undated", trends.undated);
    w.key("buckets").begin_array();
    for (const auto& [start, b] : trends.buckets) {
      w.begin_object().member("start", format_utc(start)).member("records", b.records());
      w.key("classes").begin_object();
      for (const StatusClass cls : kReportedClasses) w.member(to_string(cls), b.classes[static_cast<size_t>(cls)]);
      w.member("no_response", b.no_response);
      w.end_object();
      w.key("findings").begin_object();
      for (size_t i = 0; i < b.findings.size(); ++i) {
        if (b.findings[i] > 0 && s.rules != nullptr) w.member(s.rules->rules()[i].id, b.findings[i]);
      }
      w.end_object();
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }

  if (s.top > 0) {
    const Offenders top = s.merged_offenders();
    const auto list = [&](std::string_view name, const TopCounts& sketch) {
      w.key(name).begin_array();
      for (const CountedKey& item : sketch.top(s.top)) {
        w.begin_object().member("value", item.key).member("count", item.count).member("error", item.error).end_object();
      }
      w.end_array();
    };
    w.key("top").begin_object();
    w.member("approximate", top.approximate()).member("counters", static_cast<std::uint64_t>(top.capacity));
    w.member("sketched", top.sketched()).member("memory_budget", static_cast<std::uint64_t>(top.memory_budget));
    w.key("classes").begin_object();
    for (const StatusClass cls : kReportedClasses) {
      const auto k = static_cast<size_t>(cls);
      w.key(to_string(cls)).begin_object();
      list("paths", top.paths[k]);
      list("hosts", top.hosts[k]);
      list("user_agents", top.agents[k]);
      w.end_object();
    }
    w.end_object();
    w.key("rules").begin_object();
    for (size_t i : fired_rules(s)) {
      if (i >= top.rule_paths.size()) continue;
      w.key(s.rules->rules()[i].id).begin_object();
      list("paths", top.rule_paths[i]);
      w.end_object();
    }
    w.end_object();
    w.end_object();
  }

  w.key("budgets").begin_array();
  for (const BudgetResult& b : s.budgets) {
    w.begin_object();
    w.member("kind", b.budget.kind == Budget::Kind::MaxRate ? "max_rate" : "max_count");
    w.member("selector", b.budget.selector).member("limit", b.budget.limit).member("measured", b.measured);
    w.member("breached", b.breached).member("description", b.description);
    w.end_object();
  }
  w.end_array();

  w.key("not_evaluated").begin_array();
  if (s.rules != nullptr) {
    for (size_t i = 0; i < s.rules->rules().size(); ++i) {
      const std::uint64_t n = s.not_evaluated_count(i);
      if (!s.rules->active(i) || n == 0) continue;
      const Rule& rule = s.rules->rules()[i];
      w.begin_object().member("rule", rule.id).member("reason", not_evaluated_reason(rule.needs));
      w.member("records", n).end_object();
    }
  }
  w.end_array();
  w.end_object();
}

}  // namespace statuslint
