#include "distribution_json.hpp"

#include <iterator>
#include <vector>

#include "partial_dom.hpp"

namespace statuslint {

using namespace statuslint::partial;

std::vector<std::uint64_t> reported_quantiles(const Distribution& d) {
  double qs[std::size(kReportedQuantiles)];
  for (size_t i = 0; i < std::size(kReportedQuantiles); ++i) qs[i] = kReportedQuantiles[i].q;
  return d.quantiles(qs);
}

std::uint64_t mean_of(const Distribution& d) noexcept {
  return d.count() == 0 ? 0 : (d.sum() + d.count() / 2) / d.count();
}

void write_time_json(JsonWriter& w, const Distribution& d, std::uint64_t missing, const char* missing_name) {
  w.begin_object().member("count", d.count()).member(missing_name, missing);
  // No value, no quantile: null, never a 0 ms that a chart or a gate would take for fast.
  const std::vector<std::uint64_t> values = reported_quantiles(d);
  for (size_t i = 0; i < values.size(); ++i) {
    d.empty() ? w.key(kReportedQuantiles[i].name).null() : w.key(kReportedQuantiles[i].name).thousandths(values[i]);
  }
  d.empty() ? w.key("max").null() : w.key("max").thousandths(d.max());
  d.empty() ? w.key("mean").null() : w.key("mean").thousandths(mean_of(d));
  w.member("exact", d.exact());
  w.end_object();
}

void write_distribution(JsonWriter& w, const Distribution& d) {
  w.begin_object().member("exact", d.exact()).member("count", d.count()).member("sum", d.sum());
  w.member("min", d.min()).member("max", d.max());
  w.key("entries").begin_array();
  for (const Distribution::Entry& e : d.entries()) w.begin_array().value(e.key).value(e.count).end_array();
  w.end_array().end_object();
}

Distribution read_distribution(simdjson::dom::element e) {
  simdjson::dom::object o = obj(e, "a distribution");
  std::vector<Distribution::Entry> entries;
  for (simdjson::dom::element x : arr(field(o, "entries"), "entries")) {
    simdjson::dom::array p = arr(x, "an entry");
    if (p.size() != 2) throw PartialError("a distribution entry has two members");
    entries.push_back({u64(p.at(0).value(), "value"), u64(p.at(1).value(), "count")});
  }
  Distribution d;
  if (!Distribution::from_parts(boolean(field(o, "exact"), "exact"), entries, u64(field(o, "count"), "count"),
                                u64(field(o, "sum"), "sum"), u64(field(o, "min"), "min"), u64(field(o, "max"), "max"),
                                d)) {
    throw PartialError("a distribution whose entries do not add up");
  }
  return d;
}

}  // namespace statuslint
