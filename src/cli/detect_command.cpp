// `statuslint detect`: what format detection makes of each input, without scanning it.
#include <boost/program_options.hpp>
#include <iostream>

#include "command_line.hpp"
#include "commands.hpp"
#include "statuslint/formats/input_format.hpp"
#include "statuslint/report/detection_report.hpp"
#include "statuslint/report/json_writer.hpp"
#include "statuslint/scan/scanner.hpp"

namespace po = boost::program_options;

namespace statuslint::cli {
namespace {

std::string preset_listing(bool json) {
  std::string out;
  static constexpr std::string_view kKinds[] = {"text", "json-lines", "key-value", "har"};
  if (!json) {
    for (const InputFormat::Preset& p : InputFormat::presets()) {
      for (std::string_view field : {p.name, kKinds[static_cast<size_t>(p.kind)], p.sample, p.detected_as}) {
        out.append(field).append("\t");
      }
      out.append(p.description).append("\n");
    }
    return out;
  }
  JsonWriter w(out);
  w.begin_array();
  for (const InputFormat::Preset& p : InputFormat::presets()) {
    w.begin_object().member("name", p.name).member("kind", kKinds[static_cast<size_t>(p.kind)]);
    w.member("sample", p.sample).member("detected_as", p.detected_as).member("description", p.description);
    w.end_object();
  }
  w.end_array();
  out += '\n';
  return out;
}

}  // namespace

int run_detect(const std::vector<std::string>& args) {
  CommandLine cl("detect",
                 "Usage: statuslint detect [options] FILE...\n\n"
                 "Shows how each input would be read: the format chosen and why (or why none was),\n"
                 "the options that pin it, every candidate tried with the lines it read and how many\n"
                 "had a valid status, and the first lines with every field labelled (odd: a value\n"
                 "that does not look like what the field holds). Nothing is scanned.\n"
                 "With --list-presets, lists every format name --log-format takes, one per line:\n"
                 "name, kind (text, json-lines, key-value, har), its sample under samples/, the\n"
                 "name detection gives it, and what it reads.\n\n"
                 "Options");
  std::string format = "text", log_format;
  std::vector<std::string> json_fields;
  size_t lines = 3;
  cl.options().add_options()("format", po::value(&format)->value_name("FMT"), "output: text (default) or json")(
      "list-presets", "list the format presets (tab-separated; with --format json, an array)")(
      "lines", po::value(&lines)->value_name("N"), "sample lines labelled per input (default 3)")(
      "log-format,l", po::value(&log_format)->value_name("SPEC"),
      "label the lines with this format instead (as scan -l takes it)")(
      "json-field", po::value(&json_fields)->value_name("FIELD=PATH")->composing(),
      "where a record field sits in JSON lines (as scan takes it)");
  cl.operands("input", -1, po::value<std::vector<std::string>>());
  const auto help = [] {
    return std::string(
        "\nExit codes: 0 every input has a format; 2 an input has none, or a usage error.\n"
        "\nExamples:\n"
        "  statuslint detect access.log\n"
        "  statuslint detect --format json --lines 10 /var/log/app/*.log\n");
  };
  ScanOptions options;
  std::vector<std::string> inputs;
  if (auto done = cl.parse(args, help, [&](const po::variables_map& vm) {
        if (format != "text" && format != "json")
          throw po::error("unknown --format '" + format + "' (expected text or json)");
        if (vm.count("list-presets")) return;
        if (!vm.count("input")) throw po::error("no input files (give FILE..., or - for standard input)");
        inputs = vm["input"].as<std::vector<std::string>>();
        for (const std::string& f : json_fields) options.json_overrides.push_back(JsonLineFormat::parse_mapping(f));
        if (!log_format.empty()) options.format = InputFormat::from_spec(log_format, options.json_overrides);
      })) {
    return *done;
  }
  if (cl.values().count("list-presets")) return write_stdout(preset_listing(format == "json")) ? kExitClean : kExitUsage;
  Scanner scanner(options);
  std::vector<InputDetection> detections;
  bool all_found = true;
  for (const std::string& path : inputs) {
    detections.push_back(scanner.detect_path(path, lines));
    all_found = all_found && !detections.back().detection.format.empty();
  }
  std::string out;
  if (format == "json") {
    write_detection_json(out, detections, lines);
  } else {
    write_detection_text(out, detections, lines);
  }
  if (!write_stdout(out)) return kExitUsage;
  return all_found ? kExitClean : kExitUsage;
}

}  // namespace statuslint::cli
