#include "statuslint/rules/rule_set.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include "key_reader.hpp"
#include "statuslint/rules/rule_keys.hpp"

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
// Collects errors for one file; positions come from toml++ nodes.
class FileLoader : public KeyReader {
 public:
  using KeyReader::KeyReader;

  std::vector<Rule> load(std::string_view text) {
    std::vector<Rule> rules;
    toml::table root;
    try {
      root = toml::parse(text, source());
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
    rule.source = source();
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

  // Every key through its row of the key table (rule_keys.cpp).
  static const RuleKey* find_key(std::string_view name, bool match) {
    for (const RuleKey& k : rule_keys()) {
      if (k.name == name && (match ? k.match != nullptr : k.example != nullptr)) return &k;
    }
    return nullptr;
  }

  void load_match(const toml::table& m, RuleMatcher& out) {
    MatchDraft draft(out);
    for (auto&& [key, node] : m) {
      const RuleKey* k = find_key(key.str(), true);
      if (k == nullptr) {
        error(key.source(), "unknown match key '" + std::string(key.str()) + "'");
        continue;
      }
      at(key.str(), node);
      k->match(*this, draft);
    }
    finish(draft, *this, m.source());
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
      for (auto&& [name, value] : *e) {
        const RuleKey* k = find_key(name.str(), false);
        if (k == nullptr) {
          error(name.source(), "unknown example key '" + std::string(name.str()) + "'");
          continue;
        }
        at(name.str(), value);
        k->example(*this, ex);
      }
      out.push_back(std::move(ex));
    }
  }
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
  if (loader.error_count() > 0) return;  // never half-load a file
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
