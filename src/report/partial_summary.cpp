#include "statuslint/report/partial_summary.hpp"

#include <simdjson.h>

#include "statuslint/report/json_writer.hpp"

namespace statuslint {
namespace {

// A top list: every exact count, or a sketch's counters ("sketched"). Partials written
// before exact counting have no "sketched" and hold sketches.
void write_sketch(JsonWriter& w, const TopCounts& s) {
  w.begin_object().member("capacity", static_cast<std::uint64_t>(s.capacity())).member("total", s.total());
  w.member("approximate", s.approximate()).member("sketched", s.sketched());
  w.key("items").begin_array();
  for (const CountedKey& i : s.items()) w.begin_array().value(i.key).value(i.count).value(i.error).end_array();
  w.end_array().end_object();
}

using namespace simdjson;

// Small readers over the DOM that throw on a shape mismatch: a partial is machine-written,
// so any mismatch means a file that is not one, and the whole file is refused.
struct Bad : std::runtime_error {
  using std::runtime_error::runtime_error;
};
std::uint64_t u64(dom::element e, const char* what) {
  std::uint64_t v;
  if (e.get_uint64().get(v)) throw Bad(std::string("expected a count for ") + what);
  return v;
}
std::int64_t i64(dom::element e, const char* what) {
  std::int64_t v;
  if (e.get_int64().get(v)) throw Bad(std::string("expected a number for ") + what);
  return v;
}
std::string str(dom::element e, const char* what) {
  std::string_view v;
  if (e.get_string().get(v)) throw Bad(std::string("expected a string for ") + what);
  return std::string(v);
}
dom::element field(dom::object o, const char* key) {
  dom::element e;
  if (o[key].get(e)) throw Bad(std::string("missing \"") + key + "\"");
  return e;
}
dom::array arr(dom::element e, const char* what) {
  dom::array a;
  if (e.get_array().get(a)) throw Bad(std::string("expected an array for ") + what);
  return a;
}
dom::object obj(dom::element e, const char* what) {
  dom::object o;
  if (e.get_object().get(o)) throw Bad(std::string("expected an object for ") + what);
  return o;
}

TopCounts read_sketch(dom::element e) {
  dom::object o = obj(e, "a sketch");
  TopCounts s(static_cast<size_t>(u64(field(o, "capacity"), "capacity")));
  std::vector<CountedKey> items;
  for (dom::element item : arr(field(o, "items"), "items")) {
    dom::array a = arr(item, "an item");
    if (a.size() != 3) throw Bad("a sketch item has three members");
    items.push_back({str(a.at(0).value(), "key"), u64(a.at(1).value(), "count"), u64(a.at(2).value(), "error")});
  }
  bool approximate = false;
  if (field(o, "approximate").get_bool().get(approximate)) throw Bad("expected a boolean for approximate");
  bool sketched = true;
  if (dom::element e2; !o["sketched"].get(e2) && e2.get_bool().get(sketched)) throw Bad("expected a boolean for sketched");
  s.restore(std::move(items), u64(field(o, "total"), "total"), sketched, approximate);
  return s;
}

}  // namespace

void write_partial(std::string& out, const ScanSummary& s) {
  JsonWriter w(out);
  w.begin_object();
  w.member("statuslint_partial", kPartialVersion);
  w.key("rules").begin_array();
  if (s.rules != nullptr) {
    for (const Rule& r : s.rules->rules()) w.value(r.id);
  }
  w.end_array();
  w.key("inputs").begin_array();
  for (const InputSummary& in : s.inputs) {
    w.begin_object();
    w.member("name", in.name).member("format", in.format).member("format_source", in.format_note());
    w.member("compression", to_string(in.compression)).member("error", in.error);
    const Counts& c = in.counts;
    w.key("counts").begin_object();
    w.member("lines", c.lines).member("records", c.records).member("malformed", c.malformed).member("blank", c.blank);
    w.member("no_response", c.no_response).member("filtered", c.filtered);
    w.member("missing_status", c.missing_status).member("non_numeric_status", c.non_numeric_status);
    w.key("by_code").begin_array();
    for (int code = 0; code < kStatusTableSize; ++code) {
      if (c.by_code[static_cast<size_t>(code)] > 0) {
        w.begin_array().value(code).value(c.by_code[static_cast<size_t>(code)]).end_array();
      }
    }
    w.end_array().end_object();
    w.key("malformed_examples").begin_array();
    for (const MalformedExample& e : in.examples) {
      w.begin_object().member(e.at.noun(), e.at.index).member("reason", e.reason).member("text", e.text).end_object();
    }
    w.end_array();
    w.key("no_response_examples").begin_array();
    for (const NoResponseExample& e : in.no_response_examples) {
      w.begin_object().member("entry", e.entry).member("method", e.method).member("url", e.url);
      w.member("error", e.error).end_object();
    }
    w.end_array();
    w.key("findings").begin_array();
    for (size_t i = 0; i < in.findings.size(); ++i) {
      const RuleTally& t = in.findings[i];
      if (t.count == 0 && t.not_evaluated == 0) continue;
      w.begin_object().member("rule", s.rules->rules()[i].id).member("count", t.count);
      w.member("not_evaluated", t.not_evaluated);
      w.key("examples").begin_array();
      for (const FindingExample& e : t.examples) {
        w.begin_object().member("line", e.line).member("entry", e.entry).member("method", e.method);
        w.member("target", e.path).member("status", e.status).member("message", e.message).end_object();
      }
      w.end_array().end_object();
    }
    w.end_array();
    w.key("trends").begin_object();
    w.member("bucket_seconds", in.trends.bucket_seconds).member("undated", in.trends.undated);
    w.key("buckets").begin_array();
    for (const auto& [start, b] : in.trends.buckets) {
      w.begin_array().value(start).begin_array();
      for (std::uint64_t n : b.classes) w.value(n);
      w.end_array().value(b.no_response).begin_array();
      for (size_t i = 0; i < b.findings.size(); ++i) {
        if (b.findings[i] > 0) w.begin_array().value(s.rules->rules()[i].id).value(b.findings[i]).end_array();
      }
      w.end_array().end_array();
    }
    w.end_array().end_object();
    w.key("offenders");
    if (!in.offenders.enabled()) {
      w.null();
    } else {
      const Offenders& o = in.offenders;
      w.begin_object().member("capacity", static_cast<std::uint64_t>(o.capacity)).member("keep_query", o.keep_query);
      w.member("memory_budget", static_cast<std::uint64_t>(o.memory_budget));
      w.key("classes").begin_array();
      for (size_t k = 0; k < kStatusClassCount; ++k) {
        w.begin_array();
        write_sketch(w, o.paths[k]);
        write_sketch(w, o.hosts[k]);
        write_sketch(w, o.agents[k]);
        w.end_array();
      }
      w.end_array();
      w.key("rules").begin_object();
      for (size_t i = 0; i < o.rule_paths.size(); ++i) {
        if (o.rule_paths[i].total() > 0) {
          w.key(s.rules->rules()[i].id);
          write_sketch(w, o.rule_paths[i]);
        }
      }
      w.end_object().end_object();
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void read_partial(const std::string& path, ScanSummary& into, std::vector<std::string>& errors) {
  dom::parser parser;
  dom::element root;
  if (auto err = parser.load(path).get(root)) {
    errors.push_back(path + ": cannot read a partial summary: " + error_message(err));
    return;
  }
  const auto rule_index = [&](const std::string& id) -> size_t {
    if (into.rules != nullptr) {
      const auto& rules = into.rules->rules();
      for (size_t i = 0; i < rules.size(); ++i) {
        if (rules[i].id == id) return i;
      }
    }
    throw Bad("rule '" + id + "' is not loaded: merge with the rules the scans used (--rules, --config)");
  };
  const size_t rule_count = into.rules != nullptr ? into.rules->rules().size() : 0;
  std::vector<InputSummary> inputs;
  try {
    dom::object top = obj(root, "the document");
    if (i64(field(top, "statuslint_partial"), "statuslint_partial") != kPartialVersion) {
      throw Bad("partial summary version " + std::to_string(i64(field(top, "statuslint_partial"), "version")) +
                " (this statuslint reads version " + std::to_string(kPartialVersion) + ")");
    }
    for (dom::element e : arr(field(top, "inputs"), "inputs")) {
      dom::object o = obj(e, "an input");
      InputSummary in;
      in.name = str(field(o, "name"), "name");
      in.format = str(field(o, "format"), "format");
      const std::string source = str(field(o, "format_source"), "format_source");
      if (source == "given") {
        in.format_source = FormatSource::Given;
      } else if (source.starts_with("detected: ")) {
        in.format_source = FormatSource::Detected;
        in.format_reason = source.substr(10);
      }
      const std::string compression = str(field(o, "compression"), "compression");
      in.compression = compression == "gzip" ? Compression::Gzip : compression == "zstd" ? Compression::Zstd : Compression::None;
      in.error = str(field(o, "error"), "error");
      dom::object c = obj(field(o, "counts"), "counts");
      in.counts.lines = u64(field(c, "lines"), "lines");
      in.counts.records = u64(field(c, "records"), "records");
      in.counts.malformed = u64(field(c, "malformed"), "malformed");
      in.counts.blank = u64(field(c, "blank"), "blank");
      in.counts.no_response = u64(field(c, "no_response"), "no_response");
      in.counts.filtered = u64(field(c, "filtered"), "filtered");
      in.counts.missing_status = u64(field(c, "missing_status"), "missing_status");
      in.counts.non_numeric_status = u64(field(c, "non_numeric_status"), "non_numeric_status");
      for (dom::element pair : arr(field(c, "by_code"), "by_code")) {
        dom::array p = arr(pair, "a code count");
        const std::int64_t code = i64(p.at(0).value(), "code");
        if (p.size() != 2 || code < 0 || code >= kStatusTableSize) throw Bad("bad status count");
        in.counts.by_code[static_cast<size_t>(code)] = u64(p.at(1).value(), "count");
      }
      if (!in.counts.balanced()) throw Bad("the counts of " + in.name + " do not add up");
      for (dom::element x : arr(field(o, "malformed_examples"), "malformed_examples")) {
        dom::object m = obj(x, "an example");
        // HAR examples name an entry; partials written before locations had types wrote
        // "line" for both, so a HAR input's "line" is an entry.
        dom::element entry;
        const Location at = !m["entry"].get(entry) ? Location::entry(u64(entry, "entry"))
                            : in.format == "har"   ? Location::entry(u64(field(m, "line"), "line"))
                                                   : Location::line(u64(field(m, "line"), "line"));
        in.examples.push_back({at, str(field(m, "reason"), "reason"), str(field(m, "text"), "text")});
      }
      for (dom::element x : arr(field(o, "no_response_examples"), "no_response_examples")) {
        dom::object m = obj(x, "an example");
        in.no_response_examples.push_back({i64(field(m, "entry"), "entry"), str(field(m, "method"), "method"),
                                           str(field(m, "url"), "url"), str(field(m, "error"), "error")});
      }
      in.findings.resize(rule_count);
      for (dom::element x : arr(field(o, "findings"), "findings")) {
        dom::object f = obj(x, "a finding");
        RuleTally& t = in.findings[rule_index(str(field(f, "rule"), "rule"))];
        t.count = u64(field(f, "count"), "count");
        t.not_evaluated = u64(field(f, "not_evaluated"), "not_evaluated");
        for (dom::element ex : arr(field(f, "examples"), "examples")) {
          dom::object m = obj(ex, "an example");
          t.examples.push_back({u64(field(m, "line"), "line"), i64(field(m, "entry"), "entry"), str(field(m, "method"), "method"),
                                str(field(m, "target"), "target"), str(field(m, "status"), "status"),
                                str(field(m, "message"), "message")});
        }
      }
      dom::object tr = obj(field(o, "trends"), "trends");
      in.trends.bucket_seconds = i64(field(tr, "bucket_seconds"), "bucket_seconds");
      if (in.trends.bucket_seconds <= 0) throw Bad("bad bucket size");
      in.trends.undated = u64(field(tr, "undated"), "undated");
      for (dom::element x : arr(field(tr, "buckets"), "buckets")) {
        dom::array b = arr(x, "a bucket");
        if (b.size() != 4) throw Bad("a bucket has four members");
        TimeBucket& bucket = in.trends.at(i64(b.at(0).value(), "start"));
        dom::array classes = arr(b.at(1).value(), "classes");
        if (classes.size() != kStatusClassCount) throw Bad("a bucket has one count per class");
        size_t k = 0;
        for (dom::element n : classes) bucket.classes[k++] = u64(n, "class count");
        bucket.no_response = u64(b.at(2).value(), "no_response");
        for (dom::element rf : arr(b.at(3).value(), "bucket findings")) {
          dom::array p = arr(rf, "a rule count");
          const size_t index = rule_index(str(p.at(0).value(), "rule"));
          if (bucket.findings.size() < rule_count) bucket.findings.resize(rule_count);
          bucket.findings[index] = u64(p.at(1).value(), "count");
        }
      }
      dom::element offenders = field(o, "offenders");
      if (!offenders.is_null()) {
        dom::object of = obj(offenders, "offenders");
        bool keep_query = false;
        if (field(of, "keep_query").get_bool().get(keep_query)) throw Bad("expected a boolean for keep_query");
        std::uint64_t budget = kDefaultTopMemory;
        if (dom::element b; !of["memory_budget"].get(b)) budget = u64(b, "memory_budget");
        in.offenders.configure(static_cast<size_t>(u64(field(of, "capacity"), "capacity")), keep_query, rule_count,
                               static_cast<size_t>(budget));
        dom::array classes = arr(field(of, "classes"), "offender classes");
        if (classes.size() != kStatusClassCount) throw Bad("one offender list per class");
        size_t k = 0;
        for (dom::element cls : classes) {
          dom::array three = arr(cls, "a class's sketches");
          if (three.size() != 3) throw Bad("paths, hosts and agents per class");
          in.offenders.paths[k] = read_sketch(three.at(0).value());
          in.offenders.hosts[k] = read_sketch(three.at(1).value());
          in.offenders.agents[k] = read_sketch(three.at(2).value());
          ++k;
        }
        for (auto [key, sketch] : obj(field(of, "rules"), "offender rules")) {
          in.offenders.rule_paths[rule_index(std::string(key))] = read_sketch(sketch);
        }
        in.offenders.restored();
      }
      inputs.push_back(std::move(in));
    }
  } catch (const Bad& e) {
    errors.push_back(path + ": not a usable partial summary: " + e.what());
    return;
  } catch (const simdjson_error& e) {
    errors.push_back(path + ": not a usable partial summary: " + e.what());
    return;
  }
  for (InputSummary& in : inputs) {
    into.total.merge(in.counts);
    into.inputs.push_back(std::move(in));
  }
}

}  // namespace statuslint
