#include "statuslint/report/partial_summary.hpp"

#include "formats/simdjson_linked.hpp"

#include "partial_dom.hpp"
#include "report_sections.hpp"
#include "statuslint/report/json_writer.hpp"

namespace statuslint {

using namespace simdjson;
using namespace statuslint::partial;

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
    for (const ReportSection& section : report_sections()) {
      if (section.write_input_partial != nullptr) section.write_input_partial(w, in, s);
    }
    w.end_object();
  }
  w.end_array();
  for (const ReportSection& section : report_sections()) {
    if (section.write_partial != nullptr) section.write_partial(w, s);
  }
  w.end_object();
}

void read_partial(const std::string& path, ScanSummary& into, std::vector<std::string>& errors) {
  dom::parser parser;
  dom::element root;
  if (auto err = parser.load(path).get(root)) {
    errors.push_back(path + ": cannot read a partial summary: " + error_message(err));
    return;
  }
  const PartialRules rules{into};
  // Read whole into a copy first, so that a file refused halfway adds nothing.
  ScanSummary read;
  read.rules = into.rules;
  try {
    dom::object top = obj(root, "the document");
    if (i64(field(top, "statuslint_partial"), "statuslint_partial") != kPartialVersion) {
      throw PartialError("partial summary version " + std::to_string(i64(field(top, "statuslint_partial"), "version")) +
                         " (this statuslint reads version " + std::to_string(kPartialVersion) +
                         "; write it again with this statuslint)");
    }
    for (dom::element e : arr(field(top, "inputs"), "inputs")) {
      dom::object o = obj(e, "an input");
      InputSummary in;
      for (const ReportSection& section : report_sections()) {
        if (section.read_input_partial != nullptr) section.read_input_partial(o, in, rules);
      }
      read.add(std::move(in));
    }
    for (const ReportSection& section : report_sections()) {
      if (section.read_partial != nullptr) section.read_partial(top, read, 0, rules);
    }
  } catch (const PartialError& e) {
    errors.push_back(path + ": not a usable partial summary: " + e.what());
    return;
  } catch (const simdjson_error& e) {
    errors.push_back(path + ": not a usable partial summary: " + e.what());
    return;
  }
  append_summary(into, std::move(read));
}

}  // namespace statuslint
