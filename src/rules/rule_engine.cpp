#include "statuslint/rules/rule_engine.hpp"

#include "statuslint/record/log_field.hpp"

#include "statuslint/record/location.hpp"
#include "statuslint/text.hpp"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace statuslint {

constexpr size_t kFields = static_cast<size_t>(TextField::Count);

struct CompiledRegex {
  TextField field;
  int index;  // in the field's RE2::Set
  bool negated;
};

struct CompiledHeader {
  HeaderCondition::Kind kind;
  std::string name;
  std::unique_ptr<RE2> regex;  // Matches / NotMatches
  bool request = false;
  std::uint16_t group = 0;
};

// Methods named by the active rules, each a bit; every other method shares the last bit. A
// rule's method list is a mask, so testing it costs one AND however long the list.
constexpr size_t kMaxNamedMethods = 63;
constexpr std::uint64_t kOtherMethod = std::uint64_t{1} << kMaxNamedMethods;
constexpr std::uint64_t kAnyMethod = ~std::uint64_t{0};

struct CompiledRule {
  std::uint64_t method_mask = kAnyMethod;
  bool methods_by_name = false;
  std::vector<CompiledRegex> regexes;
  std::vector<CompiledHeader> headers;
  // What the record must have for the rule to be evaluated, beyond its `needs`.
  bool needs_response_headers = false;
  bool needs_request = false;   // request headers (HAR), which also bring the request's version
  bool needs_versions = false;  // both HTTP versions (browsers sometimes write none)
};

// The rules one status slot dispatches to. Most records are of a method no rule of their
// status names (a GET answered 200), so the rules that name methods sit behind one AND of the
// union of their masks, and a record of another method skips them all without a loop.
struct SlotDispatch {
  struct Gated {
    std::uint64_t mask;  // CompiledRule::method_mask
    std::uint16_t rule;
    // On a source that never has what the rule needs (headers on an access log): a record of
    // its methods is not evaluated, and that is all there is to find out.
    bool never_evaluated;
  };
  std::uint64_t methods = 0;         // union of the gated rules' masks
  std::vector<Gated> gated;          // rules with a method mask
  std::vector<std::uint16_t> every;  // rules evaluated on every record of the status

  bool empty() const noexcept { return gated.empty() && every.empty(); }
  void add(std::uint16_t rule, const CompiledRule& c, bool never_evaluated) {
    if (c.method_mask == kAnyMethod) {
      every.push_back(rule);
      return;
    }
    methods |= c.method_mask;
    gated.push_back({c.method_mask, rule, never_evaluated});
  }
};

struct RuleEngine::Compiled {
  std::vector<CompiledRule> rules;
  std::vector<std::string> method_names;   // bit i is method_names[i]
  std::vector<std::uint64_t> method_keys;  // method_key() of each name (0 for long names)
  std::array<std::unique_ptr<RE2::Set>, kFields> sets;
  std::array<SlotDispatch, kStatusSlots> dispatch;              // active rules per status slot
  std::array<SlotDispatch, kStatusSlots> record_only_dispatch;  // those a headerless source can evaluate
};

namespace {

bool id_matches(std::string_view pattern, std::string_view id) {
  if (!pattern.empty() && pattern.back() == '*') return id.starts_with(pattern.substr(0, pattern.size() - 1));
  return pattern == id;
}

// A method of up to seven bytes as one integer: its bytes, and its length in the top byte. Names
// are then told apart with one integer compare. Longer methods have no key (0).
std::uint64_t method_key(std::string_view method) noexcept {
  if (method.empty() || method.size() > 7) return 0;
  std::uint64_t key = 0;
  std::memcpy(&key, method.data(), method.size());
  return key | (std::uint64_t{method.size()} << 56);
}

// The key of the first word of a request line ("GET /x HTTP/1.1"), read without splitting the
// line: eight bytes, and the first space among them. 0 when the word is longer than seven bytes.
std::uint64_t first_word_key(std::string_view line) noexcept {
  if (line.size() < 8) return method_key(line.substr(0, line.find(' ')));
  const std::uint64_t word = load_u64(line.data());
  const unsigned length = first_space_in_word(word);
  if (length == 0 || length == 8) return 0;
  return (word & ((std::uint64_t{1} << (8 * length)) - 1)) | (std::uint64_t{length} << 56);
}

// A rule that needs more than a record but names methods: every source knows the method, so
// records of other methods are evaluated (and pass) even where headers are missing, and only
// those of its methods are not evaluated. It goes through the per-record path everywhere, so
// that an access log without a single CONNECT does not report a CONNECT rule as not evaluated.
bool method_gated(const Rule& rule) { return rule.needs != RuleNeeds::Record && !rule.match.methods.empty(); }

std::string_view field_text(TextField f, const Record& r) {
  switch (f) {
    case TextField::Method:
      return r.method;
    case TextField::Path:
      return r.path;
    case TextField::Protocol:
      return r.protocol;
    case TextField::Host:  // "-" is the log's placeholder: no value to match
      return absent_if_dash(r.host);
    case TextField::UserAgent:
      return absent_if_dash(r.user_agent);
    case TextField::Referrer:
      return absent_if_dash(r.referrer);
    case TextField::RequestProtocol:
      // A HAR names the request's version apart; elsewhere the written protocol is the
      // request line's, and a HAR's response version must not stand in for the request's.
      if (!r.request_protocol.empty() || r.entry >= 0) return r.request_protocol;
      return r.protocol;
    case TextField::Count:
      break;
  }
  return {};
}

std::optional<double> seconds(const Record& r) {
  if (r.request_time.empty()) return std::nullopt;
  double v = 0;
  const auto [p, ec] = std::from_chars(r.request_time.data(), r.request_time.data() + r.request_time.size(), v);
  if (ec != std::errc{}) return std::nullopt;
  switch (r.request_time_unit) {
    case DurationUnit::Milliseconds:
      return v / 1e3;
    case DurationUnit::Microseconds:
      return v / 1e6;
    case DurationUnit::Nanoseconds:
      return v / 1e9;
    case DurationUnit::Seconds:
    case DurationUnit::None:
      break;
  }
  return v;
}

}  // namespace

std::string_view not_evaluated_reason(RuleNeeds needs) noexcept {
  switch (needs) {
    case RuleNeeds::Headers:
      return "the input has no response headers (access logs do not record them; HAR and Caddy logs do)";
    case RuleNeeds::StatusText:
      return "the input has no status text (only HAR records it)";
    case RuleNeeds::RequestHeaders:
      return "the input has no request headers or request version (access logs do not record them; HAR and Caddy logs "
             "do)";
    case RuleNeeds::Capture:
      return "the input is no HAR capture: redirect targets and request times are known only there";
    case RuleNeeds::Record:
      // The one way a record-only rule is not evaluated: a field it tests is unknown.
      return "the body size is unknown (a producer's quirk, such as the cached body's size Firefox writes on 304 "
             "entries, or a size that did not parse)";
  }
  return "";
}

RuleEngine::RuleEngine(const RuleSet& set, const RuleSelection& selection, std::vector<RuleError>& errors)
    : rules_(set.rules()), compiled_(std::make_unique<Compiled>()) {
  // Selection: which rules run, at which severity. Unknown ids are errors, not silence.
  const auto check_known = [&](const std::string& pattern, std::string_view option) {
    const bool known =
        std::any_of(rules_.begin(), rules_.end(), [&](const Rule& r) { return id_matches(pattern, r.id); });
    if (!known)
      errors.push_back({"selection", 0, 0,
                        std::string(option) + ": no rule matches '" + pattern + "' (see statuslint rules --all)"});
  };
  active_.resize(rules_.size());
  for (size_t i = 0; i < rules_.size(); ++i) active_[i] = rules_[i].enabled;
  for (const std::string& p : selection.enable) {
    check_known(p, "--enable");
    for (size_t i = 0; i < rules_.size(); ++i) active_[i] = active_[i] || id_matches(p, rules_[i].id);
  }
  for (const std::string& p : selection.disable) {
    check_known(p, "--disable");
    for (size_t i = 0; i < rules_.size(); ++i) active_[i] = active_[i] && !id_matches(p, rules_[i].id);
  }
  for (const auto& [p, severity] : selection.severity) {
    check_known(p, "--severity");
    for (Rule& r : rules_) {
      if (id_matches(p, r.id)) r.severity = severity;
    }
  }

  // One RE2::Set per field, over every rule's patterns for that field.
  std::array<std::vector<std::string>, kFields> patterns;
  compiled_->rules.resize(rules_.size());
  // The commonest methods first: a record's method is found after one or two compares.
  for (const char* common : {"GET", "POST", "HEAD"}) {
    compiled_->method_names.emplace_back(common);
    compiled_->method_keys.push_back(method_key(common));
  }
  for (size_t i = 0; i < rules_.size(); ++i) {
    CompiledRule& c = compiled_->rules[i];
    const RuleMatcher& m = rules_[i].match;
    if (!m.methods.empty()) {
      std::uint64_t mask = 0;
      for (const std::string& method : m.methods) {
        auto& names = compiled_->method_names;
        auto it = std::find(names.begin(), names.end(), method);
        if (it == names.end() && names.size() < kMaxNamedMethods) {
          compiled_->method_keys.push_back(method_key(method));
          it = names.insert(names.end(), method);
        }
        if (it == names.end()) {  // past 63 distinct names (no real pack): compare by name
          c.methods_by_name = true;
          break;
        }
        mask |= std::uint64_t{1} << static_cast<size_t>(it - names.begin());
      }
      if (!c.methods_by_name) c.method_mask = m.methods_negated ? ~mask : mask;
    }
    for (const RegexCondition& rc : rules_[i].match.regexes) {
      auto& list = patterns[static_cast<size_t>(rc.field)];
      c.regexes.push_back({rc.field, static_cast<int>(list.size()), rc.negated});
      list.push_back(rc.pattern);
    }
    for (const HeaderCondition& h : rules_[i].match.headers) {
      CompiledHeader ch{h.kind, h.name, nullptr, h.request, h.group};
      if (!h.pattern.empty()) {
        RE2::Options options;
        options.set_case_sensitive(false);
        options.set_log_errors(false);
        ch.regex = std::make_unique<RE2>(h.pattern, options);
      }
      c.headers.push_back(std::move(ch));
      (h.request ? c.needs_request : c.needs_response_headers) = true;
    }
    for (const Comparison cmp : rules_[i].match.comparisons) {
      const ComparisonNeeds needs = needs_of(cmp);
      c.needs_request |= needs.request;
      c.needs_response_headers |= needs.response_headers;
      c.needs_versions |= needs.versions;
    }
  }
  for (size_t f = 0; f < kFields; ++f) {
    if (patterns[f].empty()) continue;
    RE2::Options options;
    options.set_log_errors(false);
    auto set_for_field = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
    for (const std::string& p : patterns[f]) {
      std::string error;
      if (set_for_field->Add(p, &error) < 0) {
        std::string message = "invalid regular expression '";
        message.append(p).append("': ").append(error);
        errors.push_back({"regex", 0, 0, std::move(message)});
      }
    }
    if (!set_for_field->Compile())
      errors.push_back({"regex", 0, 0,
                        "the " + std::string(to_string(static_cast<TextField>(f))) +
                            " regexes do not compile together (too large)"});
    compiled_->sets[f] = std::move(set_for_field);
  }

  for (size_t i = 0; i < rules_.size(); ++i) {
    if (!active_[i] || rules_[i].sequence) continue;  // sequence rules see whole captures, not records
    for (size_t slot = 0; slot < kStatusSlots; ++slot) {
      if (!rules_[i].match.statuses.test(slot)) continue;
      const auto rule = static_cast<std::uint16_t>(i);
      const CompiledRule& c = compiled_->rules[i];
      compiled_->dispatch[slot].add(rule, c, false);
      if (rules_[i].needs == RuleNeeds::Record || method_gated(rules_[i]))
        compiled_->record_only_dispatch[slot].add(rule, c, rules_[i].needs != RuleNeeds::Record);
    }
  }
}

std::optional<size_t> RuleEngine::sequence_rule(SequenceRule::Kind kind) const noexcept {
  for (size_t i = 0; i < rules_.size(); ++i) {
    if (active_[i] && rules_[i].sequence && rules_[i].sequence->kind == kind) return i;
  }
  return std::nullopt;
}

void RuleEngine::count_not_evaluated(const std::array<std::uint64_t, kStatusSlots>& records_per_slot,
                                     RuleTallies& tallies) const {
  // Only the slots that hold records (a dozen codes, of 1,002): once per input, and 100,000
  // small inputs made a walk of every rule over every slot a sixth of their time.
  std::array<std::uint16_t, kStatusSlots> used{};
  size_t n_used = 0;
  for (size_t slot = 0; slot < kStatusSlots; ++slot) {
    if (records_per_slot[slot] != 0) used[n_used++] = static_cast<std::uint16_t>(slot);
  }
  if (n_used == 0) return;
  for (size_t i = 0; i < rules_.size(); ++i) {
    if (!active_[i] || rules_[i].needs == RuleNeeds::Record || method_gated(rules_[i])) continue;
    std::uint64_t n = 0;
    for (size_t k = 0; k < n_used; ++k) {
      if (rules_[i].match.statuses.test(used[k])) n += records_per_slot[used[k]];
    }
    tallies[i].not_evaluated += n;
  }
}

RuleEngine::~RuleEngine() = default;

size_t RuleEngine::active_count() const noexcept {
  return static_cast<size_t>(std::count(active_.begin(), active_.end(), true));
}

namespace {

bool header_holds(const CompiledHeader& h, const Record& r) {
  bool present = false, matched = false;
  for (const Header& header : h.request ? r.request_headers : r.headers) {
    if (!iequals_ascii(header.name, h.name)) continue;
    present = true;
    if (h.regex != nullptr && RE2::PartialMatch(header.value, *h.regex)) matched = true;
  }
  switch (h.kind) {
    case HeaderCondition::Kind::Present:
      return present;
    case HeaderCondition::Kind::Absent:
      return !present;
    case HeaderCondition::Kind::Matches:
      return matched;
    case HeaderCondition::Kind::NotMatches:
      return !matched;
  }
  return false;
}

bool lists_token(std::string_view list, std::string_view token) {
  while (!list.empty()) {
    const size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (item == token) return true;  // methods are case-sensitive (RFC 9110, Section 9.1)
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

// The entity tags of an If-None-Match or ETag value, for the weak comparison (RFC 9110,
// Section 8.8.3.2): the W/ prefix is dropped and the opaque tags compared as written. A tag may
// hold commas, so the list is walked by its quotes, not split on commas. Calls `each` with the
// quoted tag, or "*" for the wildcard.
template <typename Each>
void for_each_entity_tag(std::string_view list, Each each) {
  size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && (list[i] == ' ' || list[i] == '\t' || list[i] == ',')) ++i;
    if (i >= list.size()) break;
    if (list[i] == '*') {
      each(std::string_view("*"));
      ++i;
      continue;
    }
    if (list.compare(i, 2, "W/") == 0) i += 2;
    if (i >= list.size() || list[i] != '"') {  // not an entity tag: skip to the next comma
      const size_t comma = list.find(',', i);
      if (comma == std::string_view::npos) break;
      i = comma + 1;
      continue;
    }
    const size_t close = list.find('"', i + 1);
    if (close == std::string_view::npos) break;
    each(list.substr(i, close - i + 1));
    i = close + 1;
  }
}

bool etag_matches_if_none_match(const Record& r) {
  const Header* etag = r.find_header("ETag");
  if (etag == nullptr) return false;
  std::string_view tag;
  for_each_entity_tag(etag->value, [&](std::string_view t) {
    if (tag.empty() && t != "*") tag = t;
  });
  if (tag.empty()) return false;
  bool matched = false;
  for (const Header& h : r.request_headers) {
    if (!iequals_ascii(h.name, "If-None-Match")) continue;
    for_each_entity_tag(h.value, [&](std::string_view t) { matched |= t == "*" || t == tag; });
  }
  return matched;
}

bool compare(Comparison c, const Record& r) {
  switch (c) {
    case Comparison::LocationIsRequestUrl: {
      const Header* location = r.find_header("Location");
      if (location == nullptr) return false;
      return resolve_reference(location->value, r.path) == r.path.substr(0, r.path.find('#'));
    }
    case Comparison::AllowListsMethod: {
      for (const Header& h : r.headers) {
        if (iequals_ascii(h.name, "Allow") && lists_token(h.value, r.method)) return true;
      }
      return false;
    }
    case Comparison::AllowOmitsMethod: {
      bool allow = false;
      for (const Header& h : r.headers) {
        if (!iequals_ascii(h.name, "Allow")) continue;
        if (lists_token(h.value, r.method)) return false;
        allow = true;
      }
      return allow;
    }
    case Comparison::ProtocolDiffersFromRequest:
      return !iequals_ascii(r.protocol, r.request_protocol);
    case Comparison::ProtocolSameAsRequest:
      return iequals_ascii(r.protocol, r.request_protocol);
    case Comparison::EtagMatchesIfNoneMatch:
      return etag_matches_if_none_match(r);
  }
  return false;
}

}  // namespace

RuleEngine::Evaluator::Evaluator(const RuleEngine& engine, bool record_only)
    : engine_(engine),
      dispatch_(record_only ? &engine.compiled_->record_only_dispatch : &engine.compiled_->dispatch),
      set_matches_(kFields) {}

std::uint64_t RuleEngine::Evaluator::method_bit(const Record& r) {
  if (method_bit_ != 0) return method_bit_;
  const auto& names = engine_.compiled_->method_names;
  const auto& keys = engine_.compiled_->method_keys;
  // A text record may not have split its request line yet: its method is the line's first word.
  const std::uint64_t key = r.request_pending() ? first_word_key(r.request) : method_key(r.method);
  method_bit_ = kOtherMethod;
  if (key != 0) {
    if (key == last_method_key_) return method_bit_ = last_method_bit_;
    for (size_t i = 0; i < keys.size(); ++i) {
      if (keys[i] == key) {
        method_bit_ = std::uint64_t{1} << i;
        break;
      }
    }
    last_method_key_ = key;
    last_method_bit_ = method_bit_;
    return method_bit_;
  }
  r.resolve_method();  // a method of eight bytes or more: compare the names
  for (size_t i = 0; i < names.size(); ++i) {
    if (keys[i] == 0 && names[i] == r.method) return method_bit_ = std::uint64_t{1} << i;
  }
  return method_bit_;
}

bool RuleEngine::Evaluator::regex_matches(const CompiledRegex& c, const Record& r) {
  r.resolve();
  const auto f = static_cast<size_t>(c.field);
  if ((computed_ & (1u << f)) == 0) {
    set_matches_[f].clear();
    engine_.compiled_->sets[f]->Match(field_text(c.field, r), &set_matches_[f]);
    computed_ |= 1u << f;
  }
  const auto& m = set_matches_[f];
  const bool hit = std::find(m.begin(), m.end(), c.index) != m.end();
  return hit != c.negated;
}

Verdict RuleEngine::Evaluator::verdict(size_t index, const Record& r) {
  const Rule& rule = engine_.rules_[index];
  const CompiledRule& c = engine_.compiled_->rules[index];
  const int slot = status_slot(r);
  if (slot < 0 || !rule.match.statuses.test(static_cast<size_t>(slot))) return Verdict::Passes;
  const RuleMatcher& m = rule.match;
  // First: every source knows the method (see method_gated).
  if (c.method_mask != kAnyMethod && (c.method_mask & method_bit(r)) == 0) return Verdict::Passes;
  if (c.methods_by_name) {
    r.resolve_method();
    if ((std::find(m.methods.begin(), m.methods.end(), r.method) != m.methods.end()) == m.methods_negated) {
      return Verdict::Passes;
    }
  }
  if ((rule.needs == RuleNeeds::Headers && !r.has_headers) ||
      (rule.needs == RuleNeeds::StatusText && !r.has_status_reason) ||
      (rule.needs == RuleNeeds::RequestHeaders && !r.has_request_headers) ||
      (c.needs_response_headers && !r.has_headers) || (c.needs_request && !r.has_request_headers)) {
    return Verdict::NotEvaluated;
  }
  // A version comparison needs both versions (browsers write "unknown" or nothing).
  if (c.needs_versions && (r.protocol.empty() || r.request_protocol.empty())) return Verdict::NotEvaluated;
  for (const CompiledRegex& rc : c.regexes) {
    if (!regex_matches(rc, r)) return Verdict::Passes;
  }
  // Header conditions: each must hold, except that those sharing an any_of group need one
  // of them to.
  std::uint32_t groups_seen = 0, groups_met = 0;  // bit per group (groups beyond 32 share)
  for (const CompiledHeader& h : c.headers) {
    const bool held = header_holds(h, r);
    if (h.group == 0) {
      if (!held) return Verdict::Passes;
      continue;
    }
    const std::uint32_t bit = 1u << ((h.group - 1) % 32);
    groups_seen |= bit;
    if (held) groups_met |= bit;
  }
  if (groups_seen != groups_met) return Verdict::Passes;
  r.resolve();  // what follows reads the request line's parts and the byte count
  for (const Comparison cmp : m.comparisons) {
    if (!compare(cmp, r)) return Verdict::Passes;
  }
  if (m.status_text_unknown) {
    // HTTP/2 and HTTP/3 have no status text: an empty one is never "unknown".
    if (r.status_reason.empty() || r.status_info == nullptr ||
        StatusRegistry::matches_name(*r.status_info, r.status_reason)) {
      return Verdict::Passes;
    }
  }
  if (m.bytes && r.bytes < 0) {
    // Every other condition holds and the body size is unknown (a producer's quirk, or a field
    // that did not parse): the rule could not look, so it is not evaluated, never passed.
    return Verdict::NotEvaluated;
  }
  if (m.bytes && !m.bytes->holds(static_cast<double>(r.bytes))) return Verdict::Passes;
  if (m.request_bytes) {
    if (r.request_bytes < 0) {  // as for `bytes`: unknown is not evaluated
      return Verdict::NotEvaluated;
    }
    if (!m.request_bytes->holds(static_cast<double>(r.request_bytes))) return Verdict::Passes;
  }
  if (m.request_seconds) {
    const auto s = seconds(r);
    if (!s || !m.request_seconds->holds(*s)) return Verdict::Passes;
  }
  return Verdict::Fires;
}

void RuleEngine::Evaluator::evaluate(const Record& r, RuleTallies& tallies, size_t max_examples) {
  fired_.clear();
  const int slot = status_slot(r);
  if (slot < 0) return;
  const SlotDispatch& d = (*dispatch_)[static_cast<size_t>(slot)];
  if (d.empty()) return;
  computed_ = 0;
  method_bit_ = 0;
  if (d.methods != 0) {
    const std::uint64_t bit = method_bit(r);
    if ((d.methods & bit) != 0) {
      for (const SlotDispatch::Gated& g : d.gated) {
        if ((g.mask & bit) == 0) continue;
        if (g.never_evaluated) {
          ++tallies[g.rule].not_evaluated;
          continue;
        }
        run(g.rule, r, tallies, max_examples);
      }
    }
  }
  for (const std::uint16_t index : d.every) run(index, r, tallies, max_examples);
}

void RuleEngine::Evaluator::run(std::uint16_t index, const Record& r, RuleTallies& tallies, size_t max_examples) {
  const Verdict v = verdict(index, r);
  RuleTally& tally = tallies[index];
  if (v == Verdict::NotEvaluated) {
    ++tally.not_evaluated;
    return;
  }
  if (v == Verdict::Passes) return;
  ++tally.count;
  fired_.push_back(index);
  if (tally.examples.size() < max_examples) {
    tally.examples.push_back({r.line, r.entry, 0, std::string(r.method), std::string(r.path.substr(0, kExampleBytes)),
                              std::string(r.status_text), engine_.rules_[index].render(r)});
  }
}

void RuleEngine::check_examples(std::vector<RuleError>& errors) const {
  Evaluator evaluator(*this);
  std::vector<Header> headers;
  for (size_t i = 0; i < rules_.size(); ++i) {
    const Rule& rule = rules_[i];
    if (rule.sequence) continue;  // tested on captures (tests/sequences_test.cpp), not records
    for (const RuleExample& ex : rule.fires) {
      const Record r = ex.to_record(headers);
      evaluator.computed_ = 0;
      evaluator.method_bit_ = 0;
      const Verdict v = evaluator.verdict(i, r);
      if (v != Verdict::Fires) {
        errors.push_back({rule.source, ex.line, ex.column,
                          "rule '" + rule.id + "': this fires example does not fire" +
                              (v == Verdict::Passes ? ""
                                                    : " (it cannot be evaluated: " +
                                                          std::string(not_evaluated_reason(rule.needs)) + ")")});
      }
    }
    for (const RuleExample& ex : rule.silent) {
      const Record r = ex.to_record(headers);
      evaluator.computed_ = 0;
      evaluator.method_bit_ = 0;
      const Verdict v = evaluator.verdict(i, r);
      if (v != Verdict::Passes) {
        errors.push_back(
            {rule.source, ex.line, ex.column,
             "rule '" + rule.id + "': this silent example " +
                 (v == Verdict::Fires ? "fires"
                                      : "cannot be evaluated (give it what the rule needs, e.g. headers = {})")});
      }
    }
  }
}

}  // namespace statuslint
