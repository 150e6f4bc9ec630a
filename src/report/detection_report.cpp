#include "statuslint/report/detection_report.hpp"

#include "statuslint/report/escaping.hpp"
#include "statuslint/report/json_writer.hpp"
#include "statuslint/report/summary_report.hpp"
#include "text_table.hpp"

namespace statuslint {
namespace {

constexpr size_t kCandidatesShown = 5;

std::string_view verdict_name(Plausible p) {
  switch (p) {
    case Plausible::Yes:
      return "ok";
    case Plausible::No:
      return "odd";
    case Plausible::Absent:
      break;
  }
  return "";
}

std::string how(const InputDetection& in) {
  if (in.given) return "given";
  if (in.detection.format.empty()) return "none";
  return "detected";
}

// The format the sample lines are labelled with: the chosen one, else the best candidate
// that read any line (so a refusal shows what the nearest miss made of them).
InputFormat reading_format(const InputDetection& in) {
  if (!in.detection.format.empty()) return in.detection.format;
  for (const DetectionCandidate& c : in.detection.candidates) {
    if (c.fitted > 0) return InputFormat::from_spec(c.name);
  }
  return {};
}

}  // namespace

void write_detection_text(std::string& out, std::span<const InputDetection> inputs, size_t lines) {
  for (const InputDetection& in : inputs) {
    if (&in != inputs.data()) out += '\n';
    append_terminal_safe(out, in.name);
    const InputFormat& format = in.detection.format;
    if (format.empty()) {
      out += ": no format\n  ";
      append_terminal_safe(out, in.error);
      out += '\n';
    } else {
      out += ": ";
      append_terminal_safe(out, format.name());
      out += in.given ? " (given)\n" : " (detected: " + terminal_safe(in.detection.explanation) + ")\n";
      out += "  pin it with: ";
      append_terminal_safe(out, format.pin());
      out += '\n';
    }
    if (!in.detection.candidates.empty()) {
      out += "  candidates (best first):\n";
      Table table({false, true, true, true, false});
      table.row({"FORMAT", "LINES", "VALID STATUS", "POINTS", "VERDICT"});
      size_t shown = 0;
      for (const DetectionCandidate& c : in.detection.candidates) {
        if (c.fitted == 0) continue;
        if (shown++ == kCandidatesShown) break;
        table.row({terminal_safe(c.name), std::to_string(c.fitted), std::to_string(c.valid_status),
                   std::to_string(c.points), c.acceptable ? (shown == 1 && !format.empty() ? "chosen" : "acceptable")
                                                          : terminal_safe(c.why_not)});
      }
      if (shown > 0) {
        table.write(out, "    ");
      } else {
        out += "    none reads any line\n";
      }
    }
    const InputFormat reading = reading_format(in);
    if (reading.har) continue;
    for (size_t i = 0; i < in.lines.size() && i < lines; ++i) {
      const InputDetection::SampleLine& line = in.lines[i];
      if (reading.empty()) {
        out += "  line " + std::to_string(line.number) + ": " + shorten_middle(terminal_safe(line.text), 120) + '\n';
        continue;
      }
      const LabelledLine labelled = label_line(reading, line.text);
      out += "  line " + std::to_string(line.number) + " (" + terminal_safe(labelled.fit) + "):\n";
      if (labelled.fit.starts_with("does not fit") || labelled.fit.starts_with("not a line")) {
        out += "    | " + shorten_middle(terminal_safe(line.text), 120) + '\n';
        continue;
      }
      Table fields({false, false, false, false});
      for (const LabelledField& f : labelled.fields) {
        fields.row({f.field.empty() ? "-" : terminal_safe(f.field), terminal_safe(f.name),
                    shorten_middle(terminal_safe(f.value), 100), std::string(verdict_name(f.verdict))});
      }
      fields.write(out, "    ");
    }
  }
}

void write_detection_json(std::string& out, std::span<const InputDetection> inputs, size_t lines) {
  JsonWriter w(out);
  w.begin_object().member("schema_version", std::int64_t{1});
  w.key("inputs").begin_array();
  for (const InputDetection& in : inputs) {
    const InputFormat& format = in.detection.format;
    w.begin_object().member("name", in.name).member("how", how(in));
    w.key("format");
    if (format.empty()) {
      w.null();
    } else {
      w.value(format.name());
    }
    w.member("pin", format.pin()).member("explanation", in.detection.explanation);
    w.key("error");
    if (in.error.empty()) {
      w.null();
    } else {
      w.value(in.error);
    }
    w.key("candidates").begin_array();
    for (const DetectionCandidate& c : in.detection.candidates) {
      w.begin_object().member("name", c.name).member("lines", static_cast<std::uint64_t>(c.fitted));
      w.member("valid_status", static_cast<std::uint64_t>(c.valid_status)).member("points", std::int64_t{c.points});
      w.member("acceptable", c.acceptable).member("why_not", c.why_not).end_object();
    }
    w.end_array();
    const InputFormat reading = reading_format(in);
    w.key("lines").begin_array();
    for (size_t i = 0; i < in.lines.size() && i < lines && !reading.har; ++i) {
      const LabelledLine labelled = reading.empty() ? LabelledLine{"no format", {}} : label_line(reading, in.lines[i].text);
      w.begin_object().member("line", in.lines[i].number).member("text", in.lines[i].text);
      w.member("fit", labelled.fit).key("fields").begin_array();
      for (const LabelledField& f : labelled.fields) {
        w.begin_object().member("name", f.name).member("field", f.field).member("value", f.value);
        w.member("plausible", f.verdict == Plausible::Yes  ? "yes"
                              : f.verdict == Plausible::No ? "no"
                                                           : "absent");
        w.end_object();
      }
      w.end_array().end_object();
    }
    w.end_array().end_object();
  }
  w.end_array().end_object();
  out += '\n';
}

}  // namespace statuslint
