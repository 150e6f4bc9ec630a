#include "statuslint/report/rule_report.hpp"

#include <algorithm>

#include "statuslint/report/escaping.hpp"
#include "statuslint/report/json_writer.hpp"

namespace statuslint {
namespace {

// A readable summary of the status slots a rule applies to: "401", "301, 302, 520-527",
// "every status" or "invalid statuses".
std::string describe_statuses(const std::bitset<kStatusSlots>& slots) {
  if (slots.all()) return "every status";
  std::string out;
  int start = -1;
  const auto flush = [&](int end) {
    if (start < 0) return;
    if (!out.empty()) out += ", ";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%03d", start);
    out += buf;
    if (end > start) {
      std::snprintf(buf, sizeof buf, "%03d", end);
      out += "-";
      out += buf;
    }
    start = -1;
  };
  for (int c = 0; c < kStatusTableSize; ++c) {
    if (slots.test(static_cast<size_t>(c))) {
      if (start < 0) start = c;
    } else {
      flush(c - 1);
    }
  }
  flush(kStatusTableSize - 1);
  if (slots.test(kSlotMissingStatus)) out += std::string(out.empty() ? "" : ", ") + "missing (-)";
  if (slots.test(kSlotNonNumericStatus)) out += std::string(out.empty() ? "" : ", ") + "non-numeric";
  return out;
}

}  // namespace

void write_rules_text(std::string& out, const RuleEngine& engine, bool all) {
  const auto& rules = engine.rules();
  size_t width = 4;
  for (const Rule& r : rules) width = std::max(width, r.id.size());
  out += "ID";
  out.append(width, ' ');
  out += "SEVERITY  SUMMARY  (REFERENCE)\n";
  for (size_t i = 0; i < rules.size(); ++i) {
    if (!all && !engine.active(i)) continue;
    const Rule& r = rules[i];
    append_terminal_safe(out, r.id);
    out.append(width + 2 - r.id.size(), ' ');
    out += to_string(r.severity);
    out.append(10 - to_string(r.severity).size(), ' ');
    append_terminal_safe(out, r.summary);
    out += "  (";
    append_terminal_safe(out, r.reference);
    out += ")";
    if (!engine.active(i)) out += "  [disabled]";
    out += '\n';
  }
}

void write_rules_json(std::string& out, const RuleEngine& engine, bool all) {
  JsonWriter w(out);
  w.begin_array();
  const auto& rules = engine.rules();
  for (size_t i = 0; i < rules.size(); ++i) {
    if (!all && !engine.active(i)) continue;
    const Rule& r = rules[i];
    w.begin_object();
    w.member("id", r.id)
        .member("severity", to_string(r.severity))
        .member("enabled", static_cast<bool>(engine.active(i)));
    w.member("summary", r.summary).member("explanation", r.explanation).member("reference", r.reference);
    w.member("needs", to_string(r.needs)).member("statuses", describe_statuses(r.match.statuses));
    w.member("source", r.source);
    w.end_object();
  }
  w.end_array();
}

void write_rule_explain(std::string& out, const RuleEngine& engine, size_t index) {
  const Rule& r = engine.rules()[index];
  const auto line = [&out](std::string_view label, std::string_view value) {
    out += label;
    out.append(label.size() < 11 ? 11 - label.size() : 1, ' ');
    append_terminal_safe(out, value);
    out += '\n';
  };
  append_terminal_safe(out, r.id);
  out += "  ";
  append_terminal_safe(out, r.summary);
  out += "\n\n";
  line("severity", to_string(r.severity));
  line("enabled", engine.active(index) ? "yes" : "no (turn on with --enable " + r.id + ")");
  line("reference", r.reference);
  line("needs", r.needs == RuleNeeds::Record    ? "any record"
                : r.needs == RuleNeeds::Headers ? "response headers"
                                                : "status text");
  line("statuses", describe_statuses(r.match.statuses));
  if (!r.match.methods.empty()) {
    std::string methods;
    for (const std::string& m : r.match.methods) methods += (methods.empty() ? "" : ", ") + m;
    line("methods", methods);
  }
  for (const RegexCondition& rc : r.match.regexes) {
    line(rc.negated ? "not " + std::string(to_string(rc.field)) : std::string(to_string(rc.field)), rc.pattern);
  }
  for (const HeaderCondition& h : r.match.headers) {
    switch (h.kind) {
      case HeaderCondition::Kind::Present:
        line("header", h.name + " present");
        break;
      case HeaderCondition::Kind::Absent:
        line("header", h.name + " absent");
        break;
      case HeaderCondition::Kind::Matches:
        line("header", h.name + " matches " + h.pattern);
        break;
      case HeaderCondition::Kind::NotMatches:
        line("header", h.name + " absent or not matching " + h.pattern);
        break;
    }
  }
  line("source", r.source + ":" + std::to_string(r.line));
  out += '\n';
  // Escape each line on its own: the explanation's line breaks are the rule author's.
  std::string_view text = r.explanation;
  while (!text.empty() && text.front() == '\n') text.remove_prefix(1);
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    append_terminal_safe(out, text.substr(0, nl));
    out += '\n';
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
  }
}

}  // namespace statuslint
