#include "statuslint/report/ci_report.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "statuslint/report/escaping.hpp"
#include "statuslint/report/json_writer.hpp"
#include "statuslint/version.hpp"

namespace statuslint {
namespace {

constexpr std::string_view kInformationUri = "https://github.com/statuslint/statuslint";

std::string_view sarif_level(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "note";
  }
  return "note";
}

// FNV-1a, 64 bits: small, stable across runs and platforms.
std::string fingerprint(std::initializer_list<std::string_view> parts) {
  std::uint64_t h = 1469598103934665603ULL;
  for (std::string_view p : parts) {
    for (char c : p) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ULL;
    }
    h ^= 0xff;  // separator, so ("ab","c") and ("a","bc") differ
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// A path as a URI path: unreserved characters and '/' as they are, everything else
// percent-encoded.
std::string uri_path(std::string_view name) {
  std::string out;
  for (unsigned char c : name) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

// Where an input sits, as SARIF wants it (SARIF 2.1.0 section 3.4): a path relative to the
// source root is a relative reference resolved against %SRCROOT% (GitHub code scanning
// resolves it against the checkout); any other path is an absolute file:// URI with no base,
// since a relative reference may not begin with a slash (validator rule SARIF1004).
// Standard input has no file: the relative reference "stdin", with a description.
struct ArtifactLocation {
  std::string uri;
  bool under_root = false;
  bool standard_input = false;
};

ArtifactLocation locate(std::string_view name, const SarifOptions& options) {
  namespace fs = std::filesystem;
  if (name == "<stdin>") return {"stdin", false, true};
  const fs::path path{std::string(name)};
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  const fs::path absolute = (path.is_absolute() ? path : cwd / path).lexically_normal();
  fs::path relative;
  if (!options.root.empty()) {
    const fs::path root =
        (fs::path(options.root).is_absolute() ? fs::path(options.root) : cwd / options.root).lexically_normal();
    relative = absolute.lexically_relative(root);
  } else if (!path.is_absolute()) {
    relative = path.lexically_normal();
  }
  const std::string rel = relative.generic_string();
  if (!rel.empty() && rel != "." && !rel.starts_with("..")) return {uri_path(rel), true, false};
  return {"file://" + uri_path(absolute.generic_string()), false, false};
}

void write_artifact_location(JsonWriter& w, const ArtifactLocation& at) {
  w.key("artifactLocation").begin_object().member("uri", at.uri);
  if (at.under_root) w.member("uriBaseId", "%SRCROOT%");
  if (at.standard_input) w.key("description").begin_object().member("text", "standard input").end_object();
  w.end_object();
}

// Active rules in engine order.
std::vector<size_t> active_rules(const ScanSummary& s) {
  std::vector<size_t> out;
  if (s.rules == nullptr) return out;
  for (size_t i = 0; i < s.rules->rules().size(); ++i) {
    if (s.rules->active(i)) out.push_back(i);
  }
  return out;
}

std::string trim_text(std::string_view text) {
  while (!text.empty() && (text.front() == '\n' || text.front() == ' ')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  return std::string(text);
}

// SARIF's header up to the open driver object, where the rules go.
void begin_sarif_driver(JsonWriter& w) {
  w.begin_object();
  w.member("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  w.member("version", "2.1.0");
  w.key("runs").begin_array().begin_object();
  w.key("tool").begin_object().key("driver").begin_object();
  w.member("name", "statuslint").member("version", kVersion).member("semanticVersion", kVersion);
  w.member("informationUri", kInformationUri);
}

}  // namespace

void write_summary_sarif(std::string& out, const ScanSummary& s, const SarifOptions& options) {
  const auto rules = active_rules(s);
  const bool budget_rule = !s.budgets.empty();
  JsonWriter w(out);
  begin_sarif_driver(w);
  w.key("rules").begin_array();
  for (size_t i : rules) {
    const Rule& r = s.rules->rules()[i];
    const std::string explanation = trim_text(r.explanation);
    w.begin_object();
    w.member("id", r.id);
    w.key("shortDescription").begin_object().member("text", r.summary).end_object();
    w.key("fullDescription").begin_object().member("text", explanation).end_object();
    w.key("help").begin_object();
    w.member("text", explanation + "\nReference: " + r.reference);
    w.member("markdown", explanation + "\n\n**Reference:** " + r.reference);
    w.end_object();
    w.key("defaultConfiguration").begin_object().member("level", sarif_level(r.severity)).end_object();
    w.key("properties").begin_object();
    w.key("tags").begin_array().value("http").value(r.id.substr(0, r.id.find('/'))).end_array();
    w.member("reference", r.reference);
    w.member("count", s.finding_count(i));
    w.member("notEvaluated", s.not_evaluated_count(i));
    w.end_object();
    w.end_object();
  }
  if (budget_rule) {
    w.begin_object();
    w.member("id", "statuslint/budget");
    w.key("shortDescription").begin_object().member("text", "Error budget exceeded").end_object();
    w.key("fullDescription").begin_object();
    w.member("text", "A --max-rate, --max-count or --max-latency budget given to statuslint was exceeded.")
        .end_object();
    w.key("defaultConfiguration").begin_object().member("level", "error").end_object();
    w.end_object();
  }
  w.end_array();
  w.end_object().end_object();  // driver, tool

  if (!options.root.empty()) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path root =
        fs::path(options.root).is_absolute() ? fs::path(options.root) : fs::current_path(ec) / options.root;
    std::string uri = "file://" + uri_path(root.lexically_normal().generic_string());
    if (!uri.ends_with('/')) uri += '/';
    w.key("originalUriBaseIds")
        .begin_object()
        .key("%SRCROOT%")
        .begin_object()
        .member("uri", uri)
        .end_object()
        .end_object();
  }
  w.key("results").begin_array();
  for (size_t ri = 0; ri < rules.size(); ++ri) {
    const size_t i = rules[ri];
    const Rule& r = s.rules->rules()[i];
    for (const FindingExample& e : s.finding_examples(i)) {
      const InputSummary& in = s.inputs[e.input];
      const ArtifactLocation at = locate(in.name, options);
      w.begin_object();
      w.member("ruleId", r.id).member("ruleIndex", static_cast<std::int64_t>(ri));
      w.member("level", sarif_level(r.severity));
      w.key("message").begin_object().member("text", e.message).end_object();
      w.key("locations").begin_array().begin_object();
      w.key("physicalLocation").begin_object();
      write_artifact_location(w, at);
      w.key("region").begin_object().member("startLine", std::max<std::uint64_t>(e.line, 1)).end_object();
      w.end_object();
      if (e.entry >= 0) {
        w.key("logicalLocations").begin_array().begin_object();
        w.member("fullyQualifiedName", "log.entries[" + std::to_string(e.entry) + "]");
        w.member("kind", "element").end_object().end_array();
      }
      w.end_object().end_array();
      w.key("partialFingerprints").begin_object();
      w.member("statuslint/v1", fingerprint({r.id, at.uri, e.method, e.path, e.status}));
      w.end_object();
      w.end_object();
    }
  }
  for (const BudgetResult& b : s.budgets) {
    if (!b.breached) continue;
    w.begin_object();
    w.member("ruleId", "statuslint/budget").member("ruleIndex", static_cast<std::int64_t>(rules.size()));
    w.member("level", "error");
    w.key("message").begin_object().member("text", "Error budget exceeded: " + b.description).end_object();
    w.key("locations").begin_array().begin_object().key("physicalLocation").begin_object();
    write_artifact_location(w, locate(s.inputs.empty() ? "<stdin>" : std::string_view(s.inputs.front().name), options));
    w.key("region").begin_object().member("startLine", 1).end_object();
    w.end_object().end_object().end_array();
    w.key("partialFingerprints")
        .begin_object()
        .member("statuslint/v1",
                fingerprint({"budget", b.budget.kind == Budget::Kind::MaxLatency ? b.budget.text : b.budget.selector}))
        .end_object();
    w.end_object();
  }
  w.end_array();
  w.key("invocations").begin_array().begin_object();
  w.member("executionSuccessful", !s.any_input_error());
  w.key("toolExecutionNotifications").begin_array();
  for (const InputSummary& in : s.inputs) {
    if (in.error.empty()) continue;
    w.begin_object().member("level", "error");
    w.key("message").begin_object().member("text", in.error).end_object();
    w.end_object();
  }
  w.end_array();
  w.end_object().end_array();
  w.end_object().end_array();  // run, runs
  w.end_object();
}

std::string github_escape_data(std::string_view s) {
  // Control characters first become visible \xNN (GitHub renders ANSI escapes in logs and
  // annotations); then the toolkit's escaping of %, CR and LF.
  std::string out;
  for (char c : terminal_safe(s)) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string github_escape_property(std::string_view s) {
  std::string out;
  for (char c : github_escape_data(s)) {
    switch (c) {
      case ':':
        out += "%3A";
        break;
      case ',':
        out += "%2C";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void write_summary_github(std::string& out, const ScanSummary& s) {
  std::array<size_t, 3> written{};
  std::uint64_t left_out = 0;
  // Most severe first, so the limit keeps what matters.
  auto order = active_rules(s);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return s.rules->rules()[a].severity > s.rules->rules()[b].severity; });
  for (size_t i : order) {
    const Rule& r = s.rules->rules()[i];
    const auto level = static_cast<size_t>(r.severity);
    std::uint64_t annotated = 0;
    for (const FindingExample& e : s.finding_examples(i)) {
      const InputSummary& in = s.inputs[e.input];
      if (written[level] >= kGithubAnnotationsPerLevel) break;
      ++written[level];
      ++annotated;
      out += r.severity == Severity::Error ? "::error" : r.severity == Severity::Warning ? "::warning" : "::notice";
      out += " file=" + github_escape_property(in.name);
      if (e.line > 0) out += ",line=" + std::to_string(e.line);
      out += ",title=" + github_escape_property(r.id) + "::" + github_escape_data(e.message) + "\n";
    }
    left_out += s.finding_count(i) - annotated;
  }
  for (const BudgetResult& b : s.budgets) {
    if (b.breached)
      out += "::error title=statuslint budget::" + github_escape_data("Error budget exceeded: " + b.description) + "\n";
  }
  for (const InputSummary& in : s.inputs) {
    if (!in.error.empty()) out += "::error title=statuslint input::" + github_escape_data(in.error) + "\n";
  }
  // Plain lines start with "statuslint:", never "::", and carry no log text unescaped.
  out += "statuslint: " + std::to_string(s.total.lines) + " lines, " + std::to_string(s.total.records) + " records, " +
         std::to_string(s.total.malformed) + " malformed\n";
  for (size_t i : order) {
    const std::uint64_t n = s.finding_count(i);
    if (n == 0) continue;
    const Rule& r = s.rules->rules()[i];
    out += "statuslint: " + std::string(to_string(r.severity)) + " " + github_escape_data(r.id) + ": " +
           std::to_string(n) + " findings\n";
  }
  if (left_out > 0) {
    out += "statuslint: " + std::to_string(left_out) + " findings were not annotated (GitHub shows at most " +
           std::to_string(kGithubAnnotationsPerLevel) +
           " annotations per level and step; see the text or SARIF report)\n";
  }
}

void append_xml_escaped(std::string& out, std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '&':
        out += "&amp;";
        ++i;
        continue;
      case '<':
        out += "&lt;";
        ++i;
        continue;
      case '>':
        out += "&gt;";
        ++i;
        continue;
      case '"':
        out += "&quot;";
        ++i;
        continue;
      case '\'':
        out += "&apos;";
        ++i;
        continue;
      default:
        break;
    }
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      out += "\xEF\xBF\xBD";  // XML 1.0 cannot hold other control characters, even escaped
      ++i;
      continue;
    }
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    const size_t len = utf8_sequence_length(s.substr(i));
    const bool non_character = len == 3 && c == 0xef && static_cast<unsigned char>(s[i + 1]) == 0xbf &&
                               static_cast<unsigned char>(s[i + 2]) >= 0xbe;  // U+FFFE, U+FFFF
    if (len == 0 || non_character) {
      out += "\xEF\xBF\xBD";
      i += len == 0 ? 1 : len;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
}

namespace {

// A JUnit attribute, ` name="value"`, the value XML-escaped.
void append_xml_attribute(std::string& out, std::string_view name, std::string_view value) {
  out += ' ';
  out += name;
  out += "=\"";
  append_xml_escaped(out, value);
  out += '"';
}

// The JUnit document around `cases`: one suite, inside the <testsuites> most readers want.
void write_junit_document(std::string& out, std::string_view suite, size_t tests, size_t failures, size_t skipped,
                          const std::string& cases) {
  std::string counts;
  append_xml_attribute(counts, "name", suite);
  counts += " tests=\"" + std::to_string(tests) + "\" failures=\"" + std::to_string(failures) +
            "\" errors=\"0\" skipped=\"" + std::to_string(skipped) + "\"";
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites" + counts + ">\n";
  out += "  <testsuite" + counts + ">\n";
  out += cases;
  out += "  </testsuite>\n</testsuites>\n";
}

}  // namespace

void write_summary_junit(std::string& out, const ScanSummary& s) {
  const auto rules = active_rules(s);
  size_t tests = rules.size() + s.budgets.size() + s.inputs.size(), failures = 0, skipped = 0;
  std::string cases;
  const auto attr = [&cases](std::string_view name, std::string_view value) {
    append_xml_attribute(cases, name, value);
  };
  for (const InputSummary& in : s.inputs) {
    cases += "    <testcase";
    attr("classname", "statuslint.input");
    attr("name", in.name);
    cases += ">\n";
    if (!in.error.empty()) {
      ++failures;
      cases += "      <failure";
      attr("message", in.error);
      attr("type", "input");
      cases += "/>\n";
    }
    cases += "      <system-out>";
    append_xml_escaped(cases, std::to_string(in.counts.lines) + " lines, " + std::to_string(in.counts.records) +
                                  " records, " + std::to_string(in.counts.malformed) + " malformed, " +
                                  std::to_string(in.counts.blank) + " blank");
    cases += "</system-out>\n    </testcase>\n";
  }
  for (size_t i : rules) {
    const Rule& r = s.rules->rules()[i];
    const std::uint64_t n = s.finding_count(i);
    const std::uint64_t ne = s.not_evaluated_count(i);
    cases += "    <testcase";
    attr("classname", "statuslint.rules." + r.id.substr(0, r.id.find('/')));
    attr("name", r.id);
    cases += ">\n";
    if (n > 0) {
      ++failures;
      cases += "      <failure";
      attr("message", std::to_string(n) + " findings: " + r.summary);
      attr("type", to_string(r.severity));
      cases += ">";
      std::string body;
      for (const FindingExample& e : s.finding_examples(i)) {
        const InputSummary& in = s.inputs[e.input];
        body += in.name + (e.entry >= 0 ? " entry " + std::to_string(e.entry) : ":" + std::to_string(e.line)) + ": " +
                e.message + "\n";
      }
      append_xml_escaped(cases, body);
      cases += "</failure>\n";
    } else if (ne > 0) {
      ++skipped;
      cases += "      <skipped";
      attr("message",
           "not evaluated on " + std::to_string(ne) + " records: " + std::string(not_evaluated_reason(r.needs)));
      cases += "/>\n";
    }
    cases += "    </testcase>\n";
  }
  for (const BudgetResult& b : s.budgets) {
    cases += "    <testcase";
    attr("classname", "statuslint.budgets");
    attr("name", std::string(budget_option(b.budget.kind)) + " " +
                     (b.budget.kind == Budget::Kind::MaxLatency ? b.budget.text : b.budget.selector));
    cases += ">\n";
    if (b.breached) {
      ++failures;
      cases += "      <failure";
      attr("message", "Error budget exceeded: " + b.description);
      attr("type", "budget");
      cases += "/>\n";
    }
    cases += "    </testcase>\n";
  }
  write_junit_document(out, "statuslint", tests, failures, skipped, cases);
}

}  // namespace statuslint

namespace statuslint {

namespace {

// A comparison as one line a person reads: "5xx share of route /search: 0.1% -> 2.3% (worse: ...)".
std::string compare_line(const MetricComparison& c) {
  const auto value = [&](double v) {
    char buf[48];
    std::snprintf(buf, sizeof buf, c.share ? "%.3g%%" : "%.3g ms", c.share ? v * 100 : v);
    return std::string(buf);
  };
  const std::string scope = c.scope_kind == "all" ? "all traffic" : c.scope_kind + " " + c.scope;
  return c.metric + " of " + scope + ": " + value(c.baseline) + " -> " + value(c.candidate) + " (" + c.why + ")";
}

std::string compare_rule_id(const MetricComparison& c) {
  std::string id = "statuslint/compare/" + c.metric;
  std::replace(id.begin(), id.end(), ' ', '-');
  return id;
}

}  // namespace

void write_compare_sarif(std::string& out, const CompareResult& result, const std::string& candidate,
                         const SarifOptions& options) {
  // One rule per metric that failed somewhere, one result per failed comparison, at the
  // candidate input (a comparison has no line of its own).
  std::vector<std::string> ids;
  for (const MetricComparison& c : result.comparisons) {
    if (c.verdict != CompareVerdict::Fail) continue;
    const std::string id = compare_rule_id(c);
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  JsonWriter w(out);
  begin_sarif_driver(w);
  w.key("rules").begin_array();
  for (const std::string& id : ids) {
    const std::string metric = id.substr(std::string_view("statuslint/compare/").size());
    w.begin_object();
    w.member("id", id);
    w.key("shortDescription").begin_object().member("text", "The candidate's " + metric + " is worse").end_object();
    w.key("fullDescription")
        .begin_object()
        .member("text", "statuslint compare found the candidate's " + metric +
                            " significantly worse than the baseline's, by more than counts (docs/compare.md).")
        .end_object();
    w.key("defaultConfiguration").begin_object().member("level", "error").end_object();
    w.end_object();
  }
  w.end_array();
  w.end_object().end_object();  // driver, tool
  w.key("results").begin_array();
  for (const MetricComparison& c : result.comparisons) {
    if (c.verdict != CompareVerdict::Fail) continue;
    const std::string id = compare_rule_id(c);
    w.begin_object();
    w.member("ruleId", id);
    w.member("ruleIndex", static_cast<std::int64_t>(std::find(ids.begin(), ids.end(), id) - ids.begin()));
    w.member("level", "error");
    w.key("message").begin_object().member("text", compare_line(c)).end_object();
    w.key("locations").begin_array().begin_object().key("physicalLocation").begin_object();
    write_artifact_location(w, locate(candidate, options));
    w.key("region").begin_object().member("startLine", 1).end_object();
    w.end_object().end_object().end_array();
    w.key("partialFingerprints")
        .begin_object()
        .member("statuslint/v1", fingerprint({"compare", c.metric, c.scope_kind, c.scope}))
        .end_object();
    w.key("properties").begin_object();
    w.member("baseline", c.baseline).member("candidate", c.candidate).member("effect", c.effect);
    w.key("q_value");
    c.q_value ? w.value(*c.q_value) : w.null();
    w.end_object();
    w.end_object();
  }
  w.end_array();
  w.key("invocations").begin_array().begin_object().member("executionSuccessful", true).end_object().end_array();
  w.end_object().end_array();  // run, runs
  w.end_object();
  out += '\n';
}

void write_compare_github(std::string& out, const CompareResult& result) {
  size_t shown = 0, left_out = 0;
  for (const MetricComparison& c : result.comparisons) {
    if (c.verdict != CompareVerdict::Fail) continue;
    if (shown == kGithubAnnotationsPerLevel) {
      ++left_out;
      continue;
    }
    ++shown;
    out += "::error title=" + github_escape_property("statuslint compare: " + c.metric) +
           "::" + github_escape_data(compare_line(c)) + '\n';
  }
  if (result.verdict == CompareVerdict::Inconclusive) {
    out += "::warning title=" + github_escape_property("statuslint compare: inconclusive") +
           "::" + github_escape_data(result.why) + '\n';
  }
  if (left_out > 0) {
    out += "statuslint: " + std::to_string(left_out) + " failed comparisons were not annotated (GitHub shows at most " +
           std::to_string(kGithubAnnotationsPerLevel) + " per level and step; see the text or JSON report)\n";
  }
  out +=
      "statuslint: compare: " + github_escape_data(std::string(to_string(result.verdict)) + ": " + result.why) + '\n';
}

void write_compare_junit(std::string& out, const CompareResult& result) {
  // One test case per judged comparison: failed, skipped when inconclusive, passed.
  size_t tests = 0, failures = 0, skipped = 0;
  std::string cases;
  const auto attr = [&cases](std::string_view name, std::string_view value) {
    append_xml_attribute(cases, name, value);
  };
  for (const MetricComparison& c : result.comparisons) {
    if (c.verdict == CompareVerdict::Info) continue;
    ++tests;
    cases += "    <testcase";
    attr("classname", "statuslint.compare." + (c.scope_kind == "all" ? std::string("all") : c.scope_kind));
    attr("name", c.metric + " of " + (c.scope_kind == "all" ? std::string("all traffic") : c.scope));
    cases += ">";
    if (c.verdict == CompareVerdict::Fail) {
      ++failures;
      cases += "\n      <failure";
      attr("message", compare_line(c));
      attr("type", "compare");
      cases += "/>\n    ";
    } else if (c.verdict == CompareVerdict::Inconclusive) {
      ++skipped;
      cases += "\n      <skipped";
      attr("message", "inconclusive: " + c.why);
      cases += "/>\n    ";
    }
    cases += "</testcase>\n";
  }
  write_junit_document(out, "statuslint compare", tests, failures, skipped, cases);
}

}  // namespace statuslint
