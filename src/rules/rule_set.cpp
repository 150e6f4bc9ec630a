#include "statuslint/rules/rule_set.hpp"

#include <re2/re2.h>
#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

namespace statuslint {
namespace {

const std::set<std::string_view> kRuleKeys = {"id",    "severity", "enabled", "summary", "explanation", "reference",
                                              "needs", "message",  "match",   "fires",   "silent",      "sequence"};

// Sequence rule kinds, the statuses each concerns, and the threshold key it takes.
struct SequenceKind {
  std::string_view name;
  SequenceRule::Kind kind;
  std::vector<int> statuses;
  std::string_view threshold;  // "" when it takes none
  std::uint32_t default_min;
};
const std::vector<SequenceKind> kSequenceKinds = {
    {"redirect_chain", SequenceRule::Kind::RedirectChain, {301, 302, 303, 307, 308}, "min_hops", 2},
    {"redirect_loop", SequenceRule::Kind::RedirectLoop, {301, 302, 303, 307, 308}, "", 0},
    {"https_downgrade", SequenceRule::Kind::HttpsDowngrade, {301, 302, 303, 307, 308}, "", 0},
    {"repeated_challenge", SequenceRule::Kind::RepeatedChallenge, {401, 407}, "min_repeats", 3},
    {"early_retry", SequenceRule::Kind::EarlyRetry, {429, 503}, "", 0},
};
const std::set<std::string_view> kExampleKeys = {
    "status",          "method",           "path",          "protocol",    "host",
    "user_agent",      "referrer",         "status_text",   "bytes",       "headers",
    "request_headers", "request_protocol", "request_bytes", "request_time"};

// Named method sets (RFC 9110, Section 9.2): lower-case, so they never clash with a method.
const std::vector<std::pair<std::string_view, std::vector<std::string>>> kMethodSets = {
    {"safe", {"GET", "HEAD", "OPTIONS", "TRACE"}},
    {"idempotent", {"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"}},
    {"cacheable", {"GET", "HEAD"}},
};

// Collects errors for one file; positions come from toml++ nodes.
class FileLoader {
 public:
  FileLoader(std::string source, std::vector<RuleError>& errors) : source_(std::move(source)), errors_(errors) {}

  void error(const toml::source_region& where, std::string message) {
    errors_.push_back({source_, static_cast<std::uint32_t>(where.begin.line),
                       static_cast<std::uint32_t>(where.begin.column), std::move(message)});
    ++count_;
  }
  size_t count() const noexcept { return count_; }

  std::vector<Rule> load(std::string_view text) {
    std::vector<Rule> rules;
    toml::table root;
    try {
      root = toml::parse(text, source_);
    } catch (const toml::parse_error& e) {
      error(e.source(), std::string(e.description()));
      return rules;
    }
    for (auto&& [key, node] : root) {
      if (key.str() != "rule")
        error(key.source(), "unknown top-level key '" + std::string(key.str()) + "' (expected [[rule]])");
    }
    const toml::array* list = root["rule"].as_array();
    if (list == nullptr) {
      if (root.contains("rule")) error(root["rule"].node()->source(), "'rule' must be an array of tables: [[rule]]");
      return rules;
    }
    for (const toml::node& node : *list) {
      const toml::table* t = node.as_table();
      if (t == nullptr) {
        error(node.source(), "each [[rule]] must be a table");
        continue;
      }
      rules.push_back(load_rule(*t));
    }
    return rules;
  }

 private:
  std::string string_field(const toml::table& t, std::string_view key, bool required) {
    const toml::node* n = t.get(key);
    if (n == nullptr) {
      if (required) error(t.source(), "rule is missing `" + std::string(key) + "`");
      return {};
    }
    if (auto s = n->value<std::string>()) return *s;
    error(n->source(), "`" + std::string(key) + "` must be a string");
    return {};
  }

  Rule load_rule(const toml::table& t) {
    Rule rule;
    rule.source = source_;
    rule.line = static_cast<std::uint32_t>(t.source().begin.line);
    for (auto&& [key, node] : t) {
      if (kRuleKeys.count(key.str()) == 0) error(key.source(), "unknown rule key '" + std::string(key.str()) + "'");
    }
    rule.id = string_field(t, "id", true);
    if (!rule.id.empty() && (rule.id.find_first_of(" \t=,") != std::string::npos || rule.id.back() == '*')) {
      error(t.get("id")->source(), "rule id '" + rule.id + "' may not contain spaces, '=', ',' or end in '*'");
    }
    const std::string severity = string_field(t, "severity", true);
    if (auto s = parse_severity(severity)) {
      rule.severity = *s;
    } else if (!severity.empty()) {
      error(t.get("severity")->source(), "severity must be error, warning or info, not '" + severity + "'");
    }
    if (const toml::node* n = t.get("enabled")) {
      if (auto b = n->value<bool>())
        rule.enabled = *b;
      else
        error(n->source(), "`enabled` must be true or false");
    }
    rule.summary = string_field(t, "summary", true);
    rule.explanation = string_field(t, "explanation", true);
    rule.reference = string_field(t, "reference", true);
    rule.message = string_field(t, "message", false);
    const std::string needs = string_field(t, "needs", false);

    const toml::table* match = t["match"].as_table();
    if (const toml::table* sequence = t["sequence"].as_table()) {
      // A sequence rule: its kind says what it follows; no match, no record examples.
      load_sequence(*sequence, rule);
      if (match != nullptr) error(match->source(), "a sequence rule takes no [rule.match] table");
      load_examples(t, "fires", rule.fires);
      if (!rule.fires.empty()) error(t.source(), "a sequence rule takes no record examples");
      return rule;
    }
    if (match == nullptr) {
      error(t.source(), "rule '" + rule.id + "' has no [rule.match] table");
    } else {
      load_match(*match, rule.match);
    }
    const bool request_header_conditions = std::any_of(rule.match.headers.begin(), rule.match.headers.end(),
                                                       [](const HeaderCondition& h) { return h.request; }) ||
                                           std::any_of(rule.match.comparisons.begin(), rule.match.comparisons.end(),
                                                       [](Comparison c) { return needs_of(c).request; });
    const bool header_conditions = std::any_of(rule.match.headers.begin(), rule.match.headers.end(),
                                               [](const HeaderCondition& h) { return !h.request; }) ||
                                   std::any_of(rule.match.comparisons.begin(), rule.match.comparisons.end(),
                                               [](Comparison c) { return needs_of(c).response_headers; });
    if (needs.empty() || needs == "record") {
      rule.needs = request_header_conditions        ? RuleNeeds::RequestHeaders
                   : header_conditions              ? RuleNeeds::Headers
                   : rule.match.status_text_unknown ? RuleNeeds::StatusText
                                                    : RuleNeeds::Record;
    } else if (needs == "headers") {
      rule.needs = RuleNeeds::Headers;
    } else if (needs == "status_text") {
      rule.needs = RuleNeeds::StatusText;
    } else if (needs == "request_headers") {
      rule.needs = RuleNeeds::RequestHeaders;
    } else {
      error(t.get("needs")->source(),
            "needs must be record, headers, request_headers or status_text, not '" + needs + "'");
    }
    if (!needs.empty() && needs == "record" &&
        (header_conditions || request_header_conditions || rule.match.status_text_unknown)) {
      error(t.get("needs")->source(),
            "rule tests response headers or status text, so it needs those, not just a record");
    }
    load_examples(t, "fires", rule.fires);
    load_examples(t, "silent", rule.silent);
    if (rule.fires.empty()) error(t.source(), "rule '" + rule.id + "' needs at least one [[rule.fires]] example");
    if (rule.silent.empty()) error(t.source(), "rule '" + rule.id + "' needs at least one [[rule.silent]] example");
    return rule;
  }

  // Status specs: 404, "404", "520-527", "5xx", "missing" (- or empty), "non-numeric".
  void add_statuses(const toml::node& n, std::bitset<kStatusSlots>& out) {
    const auto add_one = [&](const toml::node& item) {
      if (auto i = item.value_exact<int64_t>()) {
        if (*i < 0 || *i >= kStatusTableSize) {
          error(item.source(), "status " + std::to_string(*i) + " is outside 0..999");
        } else {
          out.set(static_cast<size_t>(*i));
        }
        return;
      }
      auto s = item.value<std::string>();
      if (!s) {
        error(item.source(), "a status is a number or a string like \"404\", \"520-527\", \"5xx\", \"missing\"");
        return;
      }
      const std::string& v = *s;
      if (v == "missing") {
        out.set(kSlotMissingStatus);
        return;
      }
      if (v == "non-numeric") {
        out.set(kSlotNonNumericStatus);
        return;
      }
      if (v.size() == 3 && v[0] >= '1' && v[0] <= '5' && (v[1] == 'x' || v[1] == 'X') && (v[2] == 'x' || v[2] == 'X')) {
        const int base = (v[0] - '0') * 100;
        for (int c = base; c < base + 100; ++c) out.set(static_cast<size_t>(c));
        return;
      }
      int lo = 0, hi = 0;
      const size_t dash = v.find('-');
      const bool parsed = dash == std::string::npos
                              ? parse_int(v, lo) && (hi = lo, true)
                              : parse_int(v.substr(0, dash), lo) && parse_int(v.substr(dash + 1), hi);
      if (!parsed || lo < 0 || hi >= kStatusTableSize || lo > hi) {
        error(item.source(),
              "bad status spec '" + v + "' (expected 404, \"520-527\", \"5xx\", \"missing\" or \"non-numeric\")");
        return;
      }
      for (int c = lo; c <= hi; ++c) out.set(static_cast<size_t>(c));
    };
    if (const toml::array* a = n.as_array()) {
      for (const toml::node& item : *a) add_one(item);
    } else {
      add_one(n);
    }
  }

  static bool parse_int(std::string_view s, int& out) {
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && p == s.data() + s.size();
  }

  std::vector<std::string> strings(const toml::node& n, std::string_view what) {
    std::vector<std::string> out;
    const auto one = [&](const toml::node& item) {
      if (auto s = item.value<std::string>())
        out.push_back(*s);
      else
        error(item.source(), std::string(what) + " must be a string or an array of strings");
    };
    if (const toml::array* a = n.as_array()) {
      for (const toml::node& item : *a) one(item);
    } else {
      one(n);
    }
    return out;
  }

  void check_regex(const toml::node& n, const std::string& pattern) {
    RE2 re(pattern, RE2::Quiet);
    if (!re.ok()) error(n.source(), "invalid regular expression '" + pattern + "': " + re.error());
  }

  std::optional<NumericBound> bound(const toml::node& n) {
    auto s = n.value<std::string>();
    if (!s) {
      error(n.source(), "a bound is a string like \"> 0\" or \"<= 1.5\"");
      return std::nullopt;
    }
    std::string_view v = *s;
    NumericBound b;
    static constexpr std::pair<std::string_view, NumericBound::Op> kOps[] = {
        {"<=", NumericBound::Op::LessEqual}, {">=", NumericBound::Op::GreaterEqual}, {"==", NumericBound::Op::Equal},
        {"!=", NumericBound::Op::NotEqual},  {"<", NumericBound::Op::Less},          {">", NumericBound::Op::Greater}};
    bool found = false;
    for (const auto& [text, op] : kOps) {
      if (v.starts_with(text)) {
        b.op = op;
        v.remove_prefix(text.size());
        found = true;
        break;
      }
    }
    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
    const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), b.value);
    if (!found || ec != std::errc{} || p != v.data() + v.size()) {
      error(n.source(), "bad bound '" + *s + "' (expected an operator <, <=, >, >=, ==, != and a number)");
      return std::nullopt;
    }
    return b;
  }

  void load_sequence(const toml::table& t, Rule& rule) {
    const std::string kind = t["kind"].value_or(std::string());
    const auto known = std::find_if(kSequenceKinds.begin(), kSequenceKinds.end(),
                                    [&](const SequenceKind& k) { return k.name == kind; });
    if (known == kSequenceKinds.end()) {
      error(t.source(),
            "sequence kind must be redirect_chain, redirect_loop, https_downgrade, repeated_challenge or "
            "early_retry, not '" +
                kind + "'");
      return;
    }
    SequenceRule seq{known->kind, known->default_min};
    for (auto&& [key, value] : t) {
      if (key.str() == "kind") continue;
      if (known->threshold.empty() || key.str() != known->threshold) {
        error(key.source(), "unknown key '" + std::string(key.str()) + "' for sequence kind " + kind);
        continue;
      }
      const auto n = value.value_exact<int64_t>();
      if (!n || *n < 2 || *n > 1000) {
        error(value.source(), std::string(known->threshold) + " must be an integer from 2 to 1000");
        continue;
      }
      seq.min = static_cast<std::uint32_t>(*n);
    }
    for (const int status : known->statuses) rule.match.statuses.set(static_cast<size_t>(status));
    rule.needs = seq.needs_har() ? RuleNeeds::Capture : RuleNeeds::Record;
    rule.sequence = seq;
  }

  void load_match(const toml::table& m, RuleMatcher& out) {
    std::bitset<kStatusSlots> statuses, excluded;
    bool any_status = true;
    std::bitset<kStatusKindCount> kinds;
    bool any_kind = true;
    for (auto&& [key_node, node] : m) {
      const std::string_view key = key_node.str();
      if (key == "status") {
        add_statuses(node, statuses);
        any_status = false;
      } else if (key == "not_status") {
        add_statuses(node, excluded);
      } else if (key == "kind") {
        any_kind = false;
        for (const std::string& k : strings(node, "kind")) {
          if (auto kind = parse_status_kind(k)) {
            kinds.set(static_cast<size_t>(*kind));
          } else {
            error(node.source(),
                  "unknown kind '" + k +
                      "' (expected standard, deprecated, unused, provisional, nonstandard, unassigned, invalid)");
          }
        }
      } else if (key == "method") {
        // A method, a set, or a list: any of them; { not = [...] }: none of them (an exact
        // list, cheaper than a not_method regex).
        const toml::node* list = &node;
        if (const toml::table* t = node.as_table()) {
          if (t->size() != 1 || !t->contains("not")) {
            error(node.source(), "method takes a name, a set, a list, or a table with one key, not");
            continue;
          }
          list = t->get("not");
          out.methods_negated = true;
        }
        for (const std::string& method : strings(*list, "method")) {
          const bool named = !method.empty() && std::islower(static_cast<unsigned char>(method[0])) != 0;
          if (!named) {
            out.methods.push_back(method);
            continue;
          }
          const auto set = std::find_if(kMethodSets.begin(), kMethodSets.end(),
                                        [&](const auto& named_set) { return named_set.first == method; });
          if (set == kMethodSets.end()) {
            error(node.source(), "unknown method set '" + method +
                                     "' (expected safe, idempotent or cacheable; methods are "
                                     "upper-case)");
          } else {
            out.methods.insert(out.methods.end(), set->second.begin(), set->second.end());
          }
        }
      } else if (key == "compare") {
        for (const std::string& c : strings(node, "compare")) {
          bool known = false;
          for (const Comparison k : kComparisons) {
            if (to_string(k) == c) {
              out.comparisons.push_back(k);
              known = true;
            }
          }
          if (!known) {
            std::string message = "unknown comparison '" + c + "' (expected one of";
            for (const Comparison k : kComparisons) {
              message += ' ';
              message += to_string(k);
            }
            message += ')';
            error(node.source(), message);
          }
        }
      } else if (key == "header_present" || key == "header_absent" || key == "request_header_present" ||
                 key == "request_header_absent") {
        // A name or a list: all of them (each its own condition). { any_of = [...] }: at least
        // one of them; { all_of = [...] }: the same as a list.
        const bool request = key.starts_with("request_");
        const auto kind = key.ends_with("present") ? HeaderCondition::Kind::Present : HeaderCondition::Kind::Absent;
        std::uint16_t group = 0;
        const toml::node* names = &node;
        if (const toml::table* t = node.as_table()) {
          if (t->size() != 1 || (!t->contains("any_of") && !t->contains("all_of"))) {
            error(node.source(), std::string(key) +
                                     " takes a name, a list of names (all of them), or a table with "
                                     "one key, any_of or all_of");
            continue;
          }
          if (t->contains("any_of")) group = ++groups_;
          names = t->contains("any_of") ? t->get("any_of") : t->get("all_of");
        }
        for (const std::string& name : strings(*names, key)) out.headers.push_back({kind, name, {}, request, group});
      } else if (key == "header_matches" || key == "header_not_matches" || key == "request_header_matches" ||
                 key == "request_header_not_matches") {
        const toml::table* t = node.as_table();
        if (t == nullptr) {
          error(node.source(), std::string(key) + " must be a table of header name = regex");
          continue;
        }
        for (auto&& [name, value] : *t) {
          auto pattern = value.value<std::string>();
          if (!pattern) {
            error(value.source(), "the regex for header '" + std::string(name.str()) + "' must be a string");
            continue;
          }
          check_regex(value, *pattern);
          out.headers.push_back(
              {key.ends_with("not_matches") ? HeaderCondition::Kind::NotMatches : HeaderCondition::Kind::Matches,
               std::string(name.str()), *pattern, key.starts_with("request_"), 0});
        }
      } else if (key == "status_text") {
        if (node.value<std::string>() != "unknown") {
          error(node.source(),
                "status_text accepts only \"unknown\" (a status text that is no registry name or alias)");
        }
        out.status_text_unknown = true;
      } else if (key == "bytes") {
        out.bytes = bound(node);
      } else if (key == "request_time") {
        out.request_seconds = bound(node);
      } else if (key == "request_bytes") {
        out.request_bytes = bound(node);
      } else {
        bool field_found = false;
        for (size_t f = 0; f < static_cast<size_t>(TextField::Count); ++f) {
          const auto field = static_cast<TextField>(f);
          const std::string name(to_string(field));
          if (key == name || key == "not_" + name) {
            field_found = true;
            auto pattern = node.value<std::string>();
            if (!pattern) {
              error(node.source(), std::string(key) + " must be a regular expression (a string)");
              break;
            }
            check_regex(node, *pattern);
            out.regexes.push_back({field, *pattern, key.starts_with("not_")});
          }
        }
        if (!field_found) error(key_node.source(), "unknown match key '" + std::string(key) + "'");
      }
    }
    // Compile the status side of the matcher into slots now: statuses x kinds - excluded.
    for (int slot = 0; slot < kStatusSlots; ++slot) {
      const StatusKind kind = slot < kStatusTableSize ? StatusRegistry::lookup(slot).kind : StatusKind::Invalid;
      const bool status_ok = any_status || statuses.test(static_cast<size_t>(slot));
      const bool kind_ok = any_kind || kinds.test(static_cast<size_t>(kind));
      out.statuses.set(static_cast<size_t>(slot), status_ok && kind_ok && !excluded.test(static_cast<size_t>(slot)));
    }
    if (out.statuses.none())
      error(m.source(), "the match can never apply: no status is left after status, kind and not_status");
  }

  void load_examples(const toml::table& t, std::string_view key, std::vector<RuleExample>& out) {
    const toml::node* n = t.get(key);
    if (n == nullptr) return;
    const toml::array* list = n->as_array();
    if (list == nullptr) {
      error(n->source(), std::string(key) + " must be an array of tables: [[rule." + std::string(key) + "]]");
      return;
    }
    for (const toml::node& item : *list) {
      const toml::table* e = item.as_table();
      if (e == nullptr) {
        error(item.source(), "an example must be a table");
        continue;
      }
      RuleExample ex;
      ex.line = static_cast<std::uint32_t>(e->source().begin.line);
      ex.column = static_cast<std::uint32_t>(e->source().begin.column);
      for (auto&& [k, v] : *e) {
        const std::string_view name = k.str();
        if (kExampleKeys.count(name) == 0) {
          error(k.source(), "unknown example key '" + std::string(name) + "'");
          continue;
        }
        if (name == "headers" || name == "request_headers") {
          const toml::table* h = v.as_table();
          if (h == nullptr) {
            error(v.source(), std::string(name) + " must be a table of name = value (or an array of values)");
            continue;
          }
          const bool request = name == "request_headers";
          (request ? ex.has_request_headers : ex.has_headers) = true;
          auto& into = request ? ex.request_headers : ex.headers;
          for (auto&& [hn, hv] : *h) {
            for (const std::string& value : strings(hv, "a header value")) into.emplace_back(hn.str(), value);
          }
        } else if (name == "request_bytes") {
          if (auto i = v.value_exact<int64_t>())
            ex.request_bytes = *i;
          else
            error(v.source(), "request_bytes must be an integer");
        } else if (name == "bytes") {
          if (auto i = v.value_exact<int64_t>())
            ex.bytes = *i;
          else
            error(v.source(), "bytes must be an integer");
        } else if (name == "request_time") {
          if (auto d = v.value<double>())
            ex.request_time = std::to_string(*d);
          else
            error(v.source(), "request_time must be a number of seconds");
        } else if (name == "status") {
          if (auto i = v.value_exact<int64_t>()) {
            ex.status = std::to_string(*i);
            if (*i >= 0 && *i < 100) ex.status.insert(0, 3 - ex.status.size(), '0');
          } else if (auto s = v.value<std::string>()) {
            ex.status = *s;
          } else {
            error(v.source(), "status must be a number or a string");
          }
        } else {
          auto s = v.value<std::string>();
          if (!s) {
            error(v.source(), std::string(name) + " must be a string");
            continue;
          }
          if (name == "method")
            ex.method = *s;
          else if (name == "path")
            ex.path = *s;
          else if (name == "protocol")
            ex.protocol = *s;
          else if (name == "host")
            ex.host = *s;
          else if (name == "user_agent")
            ex.user_agent = *s;
          else if (name == "referrer")
            ex.referrer = *s;
          else if (name == "status_text")
            ex.status_text = *s;
          else if (name == "request_protocol")
            ex.request_protocol = *s;
        }
      }
      out.push_back(std::move(ex));
    }
  }

  std::string source_;
  std::vector<RuleError>& errors_;
  size_t count_ = 0;
  std::uint16_t groups_ = 0;  // any_of groups handed out so far
};

}  // namespace

std::string RuleError::to_string() const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

const Rule* RuleSet::find(std::string_view id) const noexcept {
  for (const Rule& r : rules_) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

void RuleSet::add_text(std::string_view text, const std::string& source, std::vector<RuleError>& errors) {
  FileLoader loader(source, errors);
  std::vector<Rule> loaded = loader.load(text);
  std::set<std::string> ids;
  for (const Rule& r : loaded) {
    if (r.id.empty()) continue;
    if (!ids.insert(r.id).second || find(r.id) != nullptr) {
      const Rule* first = find(r.id);
      errors.push_back(
          {source, r.line, 1,
           "duplicate rule id '" + r.id + "'" +
               (first != nullptr ? " (first in " + first->source + ":" + std::to_string(first->line) + ")" : "")});
      return;
    }
  }
  if (loader.count() > 0) return;  // never half-load a file
  for (Rule& r : loaded) rules_.push_back(std::move(r));
}

void RuleSet::add_path(const std::filesystem::path& path, std::vector<RuleError>& errors) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
      if (entry.path().extension() == ".toml") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) errors.push_back({path.string(), 0, 0, "folder holds no *.toml rule files"});
    for (const auto& f : files) add_path(f, errors);
    return;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors.push_back({path.string(), 0, 0, "cannot read rule file"});
    return;
  }
  std::ostringstream text;
  text << in.rdbuf();
  add_text(text.str(), path.string(), errors);
}

void RuleSet::add_builtin(std::vector<RuleError>& errors) {
  for (const EmbeddedFile& f : embedded_files()) add_text(f.text, "builtin:" + std::string(f.name), errors);
}

}  // namespace statuslint
