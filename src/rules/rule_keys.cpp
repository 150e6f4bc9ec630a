#include "statuslint/rules/rule_keys.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "key_reader.hpp"

namespace statuslint {

// --- the value readers keys share -----------------------------------------------------------

void KeyReader::error(const toml::source_region& where, std::string message) {
  errors_.push_back({source_, static_cast<std::uint32_t>(where.begin.line),
                     static_cast<std::uint32_t>(where.begin.column), std::move(message)});
  ++count_;
}

namespace {

bool parse_int(std::string_view s, int& out) {
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size();
}

}  // namespace

void KeyReader::add_statuses(const toml::node& n, std::bitset<kStatusSlots>& out) {
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

std::vector<std::string> KeyReader::strings(const toml::node& n, std::string_view what) {
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

void KeyReader::check_regex(const toml::node& n, const std::string& pattern) {
  RE2 re(pattern, RE2::Quiet);
  if (!re.ok()) error(n.source(), "invalid regular expression '" + pattern + "': " + re.error());
}

std::optional<NumericBound> KeyReader::bound(const toml::node& n) {
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

void finish(MatchDraft& d, KeyReader& reader, const toml::source_region& where) {
  for (int slot = 0; slot < kStatusSlots; ++slot) {
    const StatusKind kind = slot < kStatusTableSize ? StatusRegistry::lookup(slot).kind : StatusKind::Invalid;
    const bool status_ok = d.any_status || d.statuses.test(static_cast<size_t>(slot));
    const bool kind_ok = d.any_kind || d.kinds.test(static_cast<size_t>(kind));
    d.out.statuses.set(static_cast<size_t>(slot), status_ok && kind_ok && !d.excluded.test(static_cast<size_t>(slot)));
  }
  if (d.out.statuses.none())
    reader.error(where, "the match can never apply: no status is left after status, kind and not_status");
}

namespace {

// --- match keys -------------------------------------------------------------------------------

void match_status(KeyReader& k, MatchDraft& d) {
  k.add_statuses(k.value(), d.statuses);
  d.any_status = false;
}

void match_not_status(KeyReader& k, MatchDraft& d) { k.add_statuses(k.value(), d.excluded); }

void match_kind(KeyReader& k, MatchDraft& d) {
  d.any_kind = false;
  for (const std::string& name : k.strings(k.value(), "kind")) {
    if (auto kind = parse_status_kind(name)) {
      d.kinds.set(static_cast<size_t>(*kind));
    } else {
      k.error(k.value().source(),
              "unknown kind '" + name +
                  "' (expected standard, deprecated, unused, provisional, nonstandard, unassigned, invalid)");
    }
  }
}

// Named method sets (RFC 9110, Section 9.2): lower-case, so they never clash with a method.
const std::array<std::pair<std::string_view, std::array<std::string_view, 6>>, 3> kMethodSets = {{
    {"safe", {"GET", "HEAD", "OPTIONS", "TRACE"}},
    {"idempotent", {"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"}},
    {"cacheable", {"GET", "HEAD"}},
}};

// A method, a set, or a list: any of them; { not = [...] }: none of them (an exact list,
// cheaper than a not_method regex).
void match_method(KeyReader& k, MatchDraft& d) {
  const toml::node* list = &k.value();
  if (const toml::table* t = k.value().as_table()) {
    if (t->size() != 1 || !t->contains("not")) {
      k.error(k.value().source(), "method takes a name, a set, a list, or a table with one key, not");
      return;
    }
    list = t->get("not");
    d.out.methods_negated = true;
  }
  for (const std::string& method : k.strings(*list, "method")) {
    const bool named = !method.empty() && std::islower(static_cast<unsigned char>(method[0])) != 0;
    if (!named) {
      d.out.methods.push_back(method);
      continue;
    }
    const auto set = std::find_if(kMethodSets.begin(), kMethodSets.end(),
                                  [&](const auto& named_set) { return named_set.first == method; });
    if (set == kMethodSets.end()) {
      k.error(k.value().source(),
              "unknown method set '" + method + "' (expected safe, idempotent or cacheable; methods are upper-case)");
      continue;
    }
    for (std::string_view m : set->second) {
      if (!m.empty()) d.out.methods.emplace_back(m);
    }
  }
}

template <TextField Field, bool Negated>
void match_regex(KeyReader& k, MatchDraft& d) {
  auto pattern = k.value().value<std::string>();
  if (!pattern) {
    k.error(k.value().source(), std::string(k.key()) + " must be a regular expression (a string)");
    return;
  }
  k.check_regex(k.value(), *pattern);
  d.out.regexes.push_back({Field, *pattern, Negated});
}

// A name or a list: all of them (each its own condition). { any_of = [...] }: at least one of
// them; { all_of = [...] }: the same as a list.
template <HeaderCondition::Kind Kind, bool Request>
void match_header_names(KeyReader& k, MatchDraft& d) {
  std::uint16_t group = 0;
  const toml::node* names = &k.value();
  if (const toml::table* t = k.value().as_table()) {
    if (t->size() != 1 || (!t->contains("any_of") && !t->contains("all_of"))) {
      k.error(k.value().source(), std::string(k.key()) +
                                      " takes a name, a list of names (all of them), or a table with one key, "
                                      "any_of or all_of");
      return;
    }
    if (t->contains("any_of")) group = k.next_group();
    names = t->contains("any_of") ? t->get("any_of") : t->get("all_of");
  }
  for (const std::string& name : k.strings(*names, k.key())) d.out.headers.push_back({Kind, name, {}, Request, group});
}

template <HeaderCondition::Kind Kind, bool Request>
void match_header_patterns(KeyReader& k, MatchDraft& d) {
  const toml::table* t = k.value().as_table();
  if (t == nullptr) {
    k.error(k.value().source(), std::string(k.key()) + " must be a table of header name = regex");
    return;
  }
  for (const auto& entry : *t) {
    const toml::node& value = entry.second;
    const std::string name(entry.first.str());
    const std::optional<std::string> pattern = value.value<std::string>();
    if (!pattern) {
      k.error(value.source(), "the regex for header '" + name + "' must be a string");
      continue;
    }
    k.check_regex(value, *pattern);
    d.out.headers.push_back({Kind, name, *pattern, Request, 0});
  }
}

void match_compare(KeyReader& k, MatchDraft& d) {
  for (const std::string& c : k.strings(k.value(), "compare")) {
    const auto* known = std::find_if(std::begin(kComparisons), std::end(kComparisons),
                                     [&](Comparison cmp) { return to_string(cmp) == c; });
    if (known != std::end(kComparisons)) {
      d.out.comparisons.push_back(*known);
      continue;
    }
    std::string message = "unknown comparison '" + c + "' (expected one of";
    for (const Comparison cmp : kComparisons) {
      message += ' ';
      message += to_string(cmp);
    }
    message += ')';
    k.error(k.value().source(), message);
  }
}

void match_status_text(KeyReader& k, MatchDraft& d) {
  if (k.value().value<std::string>() != "unknown") {
    k.error(k.value().source(),
            "status_text accepts only \"unknown\" (a status text that is no registry name or alias)");
  }
  d.out.status_text_unknown = true;
}

template <std::optional<NumericBound> RuleMatcher::*Bound>
void match_bound(KeyReader& k, MatchDraft& d) {
  d.out.*Bound = k.bound(k.value());
}

// --- example keys -----------------------------------------------------------------------------

void example_status(KeyReader& k, RuleExample& ex) {
  if (auto i = k.value().value_exact<int64_t>()) {
    ex.status = std::to_string(*i);
    if (*i >= 0 && *i < 100) ex.status.insert(0, 3 - ex.status.size(), '0');
  } else if (auto s = k.value().value<std::string>()) {
    ex.status = *s;
  } else {
    k.error(k.value().source(), "status must be a number or a string");
  }
}

template <std::string RuleExample::*Field>
void example_string(KeyReader& k, RuleExample& ex) {
  if (auto s = k.value().value<std::string>())
    ex.*Field = *s;
  else
    k.error(k.value().source(), std::string(k.key()) + " must be a string");
}

template <std::int64_t RuleExample::*Field>
void example_integer(KeyReader& k, RuleExample& ex) {
  if (auto i = k.value().value_exact<int64_t>())
    ex.*Field = *i;
  else
    k.error(k.value().source(), std::string(k.key()) + " must be an integer");
}

void example_request_time(KeyReader& k, RuleExample& ex) {
  if (auto seconds = k.value().value<double>())
    ex.request_time = std::to_string(*seconds);
  else
    k.error(k.value().source(), "request_time must be a number of seconds");
}

template <bool Request>
void example_headers(KeyReader& k, RuleExample& ex) {
  const toml::table* h = k.value().as_table();
  if (h == nullptr) {
    k.error(k.value().source(), std::string(k.key()) + " must be a table of name = value (or an array of values)");
    return;
  }
  (Request ? ex.has_request_headers : ex.has_headers) = true;
  auto& into = Request ? ex.request_headers : ex.headers;
  for (const auto& entry : *h) {
    for (const std::string& v : k.strings(entry.second, "a header value")) into.emplace_back(entry.first.str(), v);
  }
}

using Kind = HeaderCondition::Kind;

constexpr std::string_view kRegex = "RE2 regex";
constexpr std::string_view kHeaderNames = "name, list, or `{ any_of = [...] }` / `{ all_of = [...] }`";
constexpr std::string_view kHeaderPatterns = "`{ \"Name\" = \"regex\" }`";

// Every key, match keys in the order rules/README.md lists them, then the example-only keys.
const RuleKey kKeys[] = {
    {"status",
     match_status,
     example_status,
     "`404`, `\"404\"`, `\"520-527\"`, `\"5xx\"`, `\"missing\"`, `\"non-numeric\"`, or a list",
     "the status is one of these",
     "a number or a string (default 200)",
     {"status = [\"4xx\", \"520-527\"]", "status = 404", "status = 200"}},
    {"not_status",
     match_not_status,
     nullptr,
     "as `status`",
     "... and not one of these",
     "",
     {"not_status = \"5xx\"", "status = 404", "status = 503"}},
    {"kind",
     match_kind,
     nullptr,
     "`standard`, `deprecated`, `unused`, `provisional`, `nonstandard`, `unassigned`, `invalid`, or a list",
     "the registry kind of the status",
     "",
     {"kind = \"unassigned\"", "status = 299", "status = 200"}},
    {"method",
     match_method,
     example_string<&RuleExample::method>,
     "`\"GET\"`, a named set (`\"safe\"`: GET HEAD OPTIONS TRACE; `\"idempotent\"`: those and PUT DELETE; "
     "`\"cacheable\"`: GET HEAD), or a list; `{ not = [...] }` for none of them",
     "the request method is one of these, or none of them (exact; methods are upper-case, sets lower-case)",
     "a string (default GET)",
     {"method = \"safe\"", "method = \"HEAD\"", "method = \"POST\""}},
    {"not_method",
     match_regex<TextField::Method, true>,
     nullptr,
     kRegex,
     "the method does not match (`method` is the exact form)",
     "",
     {"not_method = \"^(GET|HEAD)$\"", "method = \"POST\"", "method = \"GET\""}},
    {"path",
     match_regex<TextField::Path, false>,
     example_string<&RuleExample::path>,
     kRegex,
     "the path (with its query) matches; unanchored: add `^`/`$` as needed, `(?i)` for case",
     "a string (default /)",
     {"path = \"^/api/\"", "path = \"/api/v1\"", "path = \"/web/api/\""}},
    {"not_path",
     match_regex<TextField::Path, true>,
     nullptr,
     kRegex,
     "the path does not match",
     "",
     {"not_path = \"^/api/\"", "path = \"/web\"", "path = \"/api/v1\""}},
    {"protocol",
     match_regex<TextField::Protocol, false>,
     example_string<&RuleExample::protocol>,
     kRegex,
     "the response's protocol (a log's request line's) matches",
     "a string (default HTTP/1.1)",
     {"protocol = \"^HTTP/1\\\\.0$\"", "protocol = \"HTTP/1.0\"", "protocol = \"HTTP/1.1\""}},
    {"not_protocol",
     match_regex<TextField::Protocol, true>,
     nullptr,
     kRegex,
     "the protocol does not match",
     "",
     {"not_protocol = \"^HTTP/2\"", "protocol = \"HTTP/1.1\"", "protocol = \"HTTP/2.0\""}},
    {"host",
     match_regex<TextField::Host, false>,
     example_string<&RuleExample::host>,
     kRegex,
     "the host matches (a log's `-` is no host)",
     "a string (default none)",
     {"host = \"^api\\\\.\"", "host = \"api.example.com\"", "host = \"www.example.com\""}},
    {"not_host",
     match_regex<TextField::Host, true>,
     nullptr,
     kRegex,
     "the host does not match",
     "",
     {"not_host = \"\\\\.internal$\"", "host = \"api.example.com\"", "host = \"db.internal\""}},
    {"user_agent",
     match_regex<TextField::UserAgent, false>,
     example_string<&RuleExample::user_agent>,
     kRegex,
     "the User-Agent matches",
     "a string (default none)",
     {"user_agent = \"(?i)bot\"", "user_agent = \"Googlebot/2.1\"", "user_agent = \"Mozilla/5.0\""}},
    {"not_user_agent",
     match_regex<TextField::UserAgent, true>,
     nullptr,
     kRegex,
     "the User-Agent does not match",
     "",
     {"not_user_agent = \"^Mozilla/\"", "user_agent = \"curl/8.5.0\"", "user_agent = \"Mozilla/5.0\""}},
    {"referrer",
     match_regex<TextField::Referrer, false>,
     example_string<&RuleExample::referrer>,
     kRegex,
     "the Referer matches",
     "a string (default none)",
     {"referrer = \"^https://example\\\\.com/\"", "referrer = \"https://example.com/a\"",
      "referrer = \"https://other.example/\""}},
    {"not_referrer",
     match_regex<TextField::Referrer, true>,
     nullptr,
     kRegex,
     "the Referer does not match",
     "",
     {"not_referrer = \"^https://example\\\\.com/\"", "referrer = \"https://other.example/\"",
      "referrer = \"https://example.com/a\""}},
    {"request_protocol",
     match_regex<TextField::RequestProtocol, false>,
     example_string<&RuleExample::request_protocol>,
     kRegex,
     "the request's version matches: a HAR's request `httpVersion`, elsewhere the log's protocol (the request "
     "line's); a HAR entry without one matches nothing",
     "a string (default: the protocol)",
     {"request_protocol = \"^HTTP/1\\\\.0$\"", "request_protocol = \"HTTP/1.0\"", "request_protocol = \"HTTP/2\""}},
    {"not_request_protocol",
     match_regex<TextField::RequestProtocol, true>,
     nullptr,
     kRegex,
     "the request's version does not match",
     "",
     {"not_request_protocol = \"^HTTP/2\"", "request_protocol = \"HTTP/1.1\"", "request_protocol = \"HTTP/2\""}},
    {"header_present",
     match_header_names<Kind::Present, false>,
     nullptr,
     kHeaderNames,
     "the response headers include these (case-insensitive names)",
     "",
     {"header_present = { any_of = [\"ETag\", \"Last-Modified\"] }", "headers = { \"Last-Modified\" = \"x\" }",
      "headers = { Vary = \"x\" }"}},
    {"header_absent",
     match_header_names<Kind::Absent, false>,
     nullptr,
     kHeaderNames,
     "the response headers include none of these",
     "",
     {"header_absent = \"Location\"", "headers = {}", "headers = { location = \"/x\" }"}},
    {"header_matches",
     match_header_patterns<Kind::Matches, false>,
     nullptr,
     kHeaderPatterns,
     "a header of that name matches (case-insensitive)",
     "",
     {"header_matches = { \"Cache-Control\" = \"no-store\" }", "headers = { \"cache-control\" = \"NO-STORE\" }",
      "headers = { \"Cache-Control\" = \"max-age=60\" }"}},
    {"header_not_matches",
     match_header_patterns<Kind::NotMatches, false>,
     nullptr,
     kHeaderPatterns,
     "no header of that name matches (absent counts)",
     "",
     {"header_not_matches = { \"Content-Type\" = \"^text/\" }", "headers = {}",
      "headers = { \"Content-Type\" = \"text/html\" }"}},
    {"request_header_present",
     match_header_names<Kind::Present, true>,
     nullptr,
     kHeaderNames,
     "the request headers include these (HAR)",
     "",
     {"request_header_present = \"Range\"", "request_headers = { Range = \"bytes=0-1\" }", "request_headers = {}"}},
    {"request_header_absent",
     match_header_names<Kind::Absent, true>,
     nullptr,
     kHeaderNames,
     "the request headers include none of these (HAR)",
     "",
     {"request_header_absent = { all_of = [\"If-None-Match\", \"If-Modified-Since\"] }", "request_headers = {}",
      "request_headers = { \"If-None-Match\" = \"\\\"a\\\"\" }"}},
    {"request_header_matches",
     match_header_patterns<Kind::Matches, true>,
     nullptr,
     kHeaderPatterns,
     "a request header of that name matches (HAR)",
     "",
     {"request_header_matches = { Expect = \"100-continue\" }", "request_headers = { Expect = \"100-continue\" }",
      "request_headers = { Expect = \"x\" }"}},
    {"request_header_not_matches",
     match_header_patterns<Kind::NotMatches, true>,
     nullptr,
     kHeaderPatterns,
     "no request header of that name matches (HAR; absent counts)",
     "",
     {"request_header_not_matches = { Accept = \"json\" }", "request_headers = {}",
      "request_headers = { Accept = \"application/json\" }"}},
    {"compare",
     match_compare,
     nullptr,
     "`location_is_request_url`, `allow_lists_method`, `allow_omits_method`, `protocol_differs_from_request`, "
     "`protocol_same_as_request`, `etag_matches_if_none_match`, or a list (all must hold)",
     "comparisons between fields: Location resolves (RFC 3986) to the request's own URL; an Allow header lists (or "
     "is there and does not list) the request's method; the response's HTTP version is (not) the request's (both "
     "must be known); the response's ETag is among the request's If-None-Match tags or that is `*` (weak "
     "comparison, tags with commas read whole)",
     "",
     {"compare = \"allow_lists_method\"", "headers = { Allow = \"GET, HEAD\" }", "headers = { Allow = \"POST\" }"}},
    {"status_text",
     match_status_text,
     example_string<&RuleExample::status_text>,
     "`\"unknown\"`",
     "the status text is not empty and is no registry name or alias",
     "a string (default none)",
     {"status_text = \"unknown\"", "status = 404\nstatus_text = \"Nope\"",
      "status = 404\nstatus_text = \"Not Found\""}},
    {"bytes",
     match_bound<&RuleMatcher::bytes>,
     example_integer<&RuleExample::bytes>,
     "`\"> 0\"` (`<`, `<=`, `>`, `>=`, `==`, `!=`)",
     "response body bytes; an unknown size leaves the rule not evaluated",
     "an integer (default unknown)",
     {"bytes = \"> 0\"", "bytes = 10", "bytes = 0"}},
    {"request_time",
     match_bound<&RuleMatcher::request_seconds>,
     example_request_time,
     "`\"> 2\"`",
     "request time in seconds (converted from the log's unit), when known",
     "a number of seconds (default unknown)",
     {"request_time = \"> 2\"", "request_time = 3.5", "request_time = 0.5"}},
    {"request_bytes",
     match_bound<&RuleMatcher::request_bytes>,
     example_integer<&RuleExample::request_bytes>,
     "`\"== 0\"`",
     "the request body's size (HAR `bodySize`); an unknown size leaves the rule not evaluated",
     "an integer (default unknown)",
     {"request_bytes = \"== 0\"", "request_bytes = 0", "request_bytes = 5"}},
    {"headers",
     nullptr,
     example_headers<false>,
     "",
     "",
     "a table of name = value or name = [values]; giving it, even empty, means the record has headers",
     {"header_present = \"ETag\"", "headers = { ETag = \"\\\"a\\\"\" }", "headers = { Vary = \"x\" }"}},
    {"request_headers",
     nullptr,
     example_headers<true>,
     "",
     "",
     "the same, for the request; giving it means the record has request headers",
     {"request_header_absent = \"Range\"", "request_headers = {}", "request_headers = { Range = \"bytes=0-\" }"}},
};

// A table cell: Markdown's column separator escaped.
std::string cell(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::span<const RuleKey> rule_keys() noexcept { return kKeys; }

std::string rule_keys_markdown() {
  std::string out = "| key | value | meaning |\n|---|---|---|\n";
  for (const RuleKey& k : kKeys) {
    if (k.match == nullptr) continue;
    out += "| `" + std::string(k.name) + "` | " + cell(k.match_value) + " | " + cell(k.match_meaning) + " |\n";
  }
  out += "\n| example key | value |\n|---|---|\n";
  for (const RuleKey& k : kKeys) {
    if (k.example == nullptr) continue;
    out += "| `" + std::string(k.name) + "` | " + cell(k.example_value) + " |\n";
  }
  return out;
}

}  // namespace statuslint
