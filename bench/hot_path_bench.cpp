// Benchmarks of the hot path: framing, field extraction per preset, classification, and the
// whole in-memory scan. Every benchmark first checks its result against a simple reference
// implementation and refuses to time a wrong answer. Figures are bytes/s and items/s.
//
//   build/release/bench/statuslint_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <array>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "statuslint/collect/record_collector.hpp"
#include "statuslint/formats/format_detection.hpp"
#include "statuslint/formats/har_entry_splitter.hpp"
#include "statuslint/formats/har_reader.hpp"
#include "statuslint/formats/json_line_format.hpp"
#include "statuslint/formats/log_format.hpp"
#include "statuslint/formats/status_field.hpp"
#include "statuslint/formats/structural_index.hpp"
#include "statuslint/input/chunk_reader.hpp"
#include "statuslint/registry/status_registry.hpp"
#include "statuslint/rules/rule_engine.hpp"
#include "statuslint/scan/scanner.hpp"

namespace statuslint {
namespace {

constexpr const char* kStatuses[] = {"200", "200", "200", "304", "404", "301", "500", "499", "206", "302"};
constexpr const char* kAgents[] = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
    "curl/8.4.0", "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
    "Googlebot/2.1 (+http://www.google.com/bot.html)"};
constexpr const char* kPaths[] = {"/", "/index.html", "/api/v1/users?id=42", "/static/app.3f2a9c.js", "/favicon.ico"};

// One line per preset shape, varied deterministically.
std::string make_line(std::string_view preset, std::mt19937& rng) {
  const std::string ip = "10." + std::to_string(rng() % 256) + "." + std::to_string(rng() % 256) + ".7";
  const std::string status = kStatuses[rng() % 10];
  const std::string path = kPaths[rng() % 5];
  const std::string agent = kAgents[rng() % 4];
  const std::string bytes = std::to_string(rng() % 100000);
  const std::string time = "[21/Nov/2026:13:55:36 +0000]";
  const std::string request = "\"GET " + path + " HTTP/1.1\"";
  if (preset == "common") return ip + " - - " + time + " " + request + " " + status + " " + bytes;
  const std::string combined =
      ip + " - - " + time + " " + request + " " + status + " " + bytes + " \"https://example.com/\" \"" + agent + "\"";
  if (preset == "combined") return combined;
  if (preset == "vcombined") return "www.example.com:443 " + combined;
  if (preset == "traefik") return combined + " 1234 \"web@docker\" \"http://172.18.0.3:80\" 17ms";
  if (preset == "alb") {
    return "https 2026-11-21T13:55:36.186641Z app/lb/50dc6c495c0c9188 " + ip + ":2817 10.0.0.1:80 0.000 0.048 0.000 " +
           status + " " + status + " 34 " + bytes + " \"GET https://www.example.com:443" + path + " HTTP/1.1\" \"" +
           agent +
           "\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:1:targetgroup/t/7 "
           "\"Root=1-58337262-36d228ad5d99923122bbe354\" \"www.example.com\" \"-\" 0 2026-11-21T13:55:36.000000Z "
           "\"forward\" \"-\" \"-\" \"10.0.0.1:80\" \"" +
           status + "\" \"-\" \"-\"";
  }
  // w3c with the IIS default fields
  return "2026-11-21 13:55:36 10.0.0.5 GET " + path + " - 443 - " + ip + " curl/8.4.0 - " + status + " 0 0 15";
}

std::string make_log(std::string_view preset, size_t lines) {
  std::mt19937 rng(42);
  std::string log;
  for (size_t i = 0; i < lines; ++i) log += make_line(preset, rng) + "\n";
  return log;
}

std::vector<std::string_view> split_lines(std::string_view log) {
  std::vector<std::string_view> lines;
  while (!log.empty()) {
    const size_t nl = log.find('\n');
    lines.push_back(log.substr(0, nl));
    log.remove_prefix(nl + 1);
  }
  return lines;
}

// The obviously correct reference: the status is the first token after the request's
// closing quote (CLF family), or a fixed field index (ALB, W3C).
std::string reference_status(std::string_view preset, std::string_view line) {
  if (preset == "alb" || preset == "w3c") {
    const size_t index = preset == "alb" ? 8 : 11;
    size_t start = 0;
    for (size_t i = 0; i < index; ++i) start = line.find(' ', start) + 1;
    return std::string(line.substr(start, line.find(' ', start) - start));
  }
  const size_t request_end = line.find("\" ", line.find('"') + 1);
  const size_t start = request_end + 2;
  return std::string(line.substr(start, line.find(' ', start) - start));
}

bool check_against_reference(benchmark::State& state, std::string_view preset, const LogFormat& format,
                             const std::vector<std::string_view>& lines) {
  Record r;
  ParseError err;
  for (std::string_view line : lines) {
    if (format.parse(line, r, err) == LogFormat::Fit::Malformed || r.status_text != reference_status(preset, line)) {
      state.SkipWithError("parser disagrees with the reference parser");
      return false;
    }
  }
  return true;
}

void BM_ParsePreset(benchmark::State& state, const char* preset) {
  const std::string log = make_log(preset, 10000);
  const auto lines = split_lines(log);
  const auto format = LogFormat::preset(preset);
  if (!check_against_reference(state, preset, *format, lines)) return;
  Record r;
  ParseError err;
  for (auto _ : state) {
    for (std::string_view line : lines) {
      benchmark::DoNotOptimize(format->parse(line, r, err));
      benchmark::DoNotOptimize(r.status_info);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * log.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * lines.size()));
}
// The fast path: the structural index built over the log window by window, each line parsed
// with parse_structural. Checked first: every line parses to the exact parser's record.
void BM_ParseStructural(benchmark::State& state, const char* preset) {
  const std::string log = make_log(preset, 10000);
  const auto lines = split_lines(log);
  const auto format = LogFormat::preset(preset);
  if (!check_against_reference(state, preset, *format, lines)) return;
  StructuralIndex index(format->structural_bytes());
  const auto parse_all = [&](const auto& per_line) {
    const char* window_end = nullptr;
    for (std::string_view line : lines) {
      if (line.data() + line.size() > window_end) {
        index.build(line.data(), log.data() + log.size());
        window_end = index.end();
      }
      per_line(line);
    }
  };
  bool agree = true;
  parse_all([&](std::string_view line) {
    Record fast, exact;
    ParseError e1, e2;
    LogFormat::Fit fit{};
    const bool taken = format->parse_structural(line, index, fast, e1, fit);
    const LogFormat::Fit want = format->parse(line, exact, e2);
    fast.resolve();
    agree = agree && taken && fit == want && fast.status_text == exact.status_text && fast.path == exact.path &&
            fast.user_agent == exact.user_agent && fast.bytes == exact.bytes;
  });
  if (!agree) {
    state.SkipWithError("structural parser disagrees with the exact parser");
    return;
  }
  Record r;
  ParseError err;
  LogFormat::Fit fit{};
  for (auto _ : state) {
    parse_all([&](std::string_view line) {
      benchmark::DoNotOptimize(format->parse_structural(line, index, r, err, fit));
      benchmark::DoNotOptimize(r.status_info);
    });
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * log.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * lines.size()));
  state.SetLabel(std::string(StructuralIndex::name(index.isa())));
}
BENCHMARK_CAPTURE(BM_ParseStructural, combined, "combined");
BENCHMARK_CAPTURE(BM_ParseStructural, traefik, "traefik");

// The structural index kernels alone, per instruction set. Checked first against the scalar one.
void BM_StructuralIndex(benchmark::State& state) {
  const auto isa = static_cast<StructuralIndex::Isa>(state.range(0));
  if (!StructuralIndex::supported(isa)) {
    state.SkipWithError("not supported by this CPU");
    return;
  }
  const std::string log = make_log("combined", 2000);
  StructuralIndex index(" \"]", isa), scalar(" \"]", StructuralIndex::Isa::Scalar);
  index.build(log.data(), log.data() + log.size());
  scalar.build(log.data(), log.data() + log.size());
  for (size_t b = 0; b < index.blocks(); ++b) {
    for (unsigned c = 0; c < 5; ++c) {
      if (index.mask(c, b) != scalar.mask(c, b)) {
        state.SkipWithError("kernel disagrees with the scalar kernel");
        return;
      }
    }
  }
  size_t bytes = 0;
  for (auto _ : state) {
    for (const char* p = log.data(); p < log.data() + log.size(); p = index.end()) {
      index.build(p, log.data() + log.size());
      bytes += static_cast<size_t>(index.end() - p);
    }
    benchmark::DoNotOptimize(index.mask(0, 0));
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetLabel(std::string(StructuralIndex::name(isa)));
}
BENCHMARK(BM_StructuralIndex)->DenseRange(0, 3);

BENCHMARK_CAPTURE(BM_ParsePreset, combined, "combined");
BENCHMARK_CAPTURE(BM_ParsePreset, common, "common");
BENCHMARK_CAPTURE(BM_ParsePreset, vcombined, "vcombined");
BENCHMARK_CAPTURE(BM_ParsePreset, traefik, "traefik");
BENCHMARK_CAPTURE(BM_ParsePreset, alb, "alb");
BENCHMARK_CAPTURE(BM_ParsePreset, w3c, "w3c");

// Framing: cutting a stream into chunks of whole lines, as the scanner's reading thread does.
void BM_Framing(benchmark::State& state) {
  const std::string log = make_log("combined", 100000);
  size_t expected_lines = static_cast<size_t>(std::count(log.begin(), log.end(), '\n'));
  for (auto _ : state) {
    auto source = open_memory(log);
    ChunkReader reader(*source, static_cast<size_t>(state.range(0)), size_t{16} << 20);
    Chunk chunk;
    size_t newlines = 0;
    while (reader.next(chunk))
      newlines += static_cast<size_t>(std::count(chunk.view().begin(), chunk.view().end(), '\n'));
    if (newlines != expected_lines) {
      state.SkipWithError("framing lost or duplicated lines");
      return;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * log.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * expected_lines));
}
BENCHMARK(BM_Framing)->Arg(64 << 10)->Arg(1 << 20);

void BM_Classify(benchmark::State& state) {
  std::mt19937 rng(1);
  std::vector<std::string> texts;
  for (int i = 0; i < 4096; ++i) texts.push_back(i % 64 == 0 ? "-" : std::to_string(100 + rng() % 500));
  for (const std::string& t : texts) {
    const StatusInfo& info = StatusRegistry::classify_text(t);
    const bool ok = t == "-" ? &info == &StatusRegistry::missing_status() : info.code == std::stoi(t);
    if (!ok) {
      state.SkipWithError("classification disagrees with std::stoi");
      return;
    }
  }
  for (auto _ : state) {
    for (const std::string& t : texts) benchmark::DoNotOptimize(&StatusRegistry::classify_text(t));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * texts.size()));
}
BENCHMARK(BM_Classify);

// The whole scan of an in-memory combined log: framing, extraction, classification, counts.
void BM_ScanCombined(benchmark::State& state) {
  const std::string log = make_log("combined", 200000);
  const auto lines = split_lines(log);
  ScanOptions options;
  options.format.text = LogFormat::preset("combined");
  options.threads = static_cast<unsigned>(state.range(0));
  Scanner scanner(options);
  for (auto _ : state) {
    auto source = open_memory(log);
    const InputSummary s = scanner.scan(*source, "bench");
    if (s.counts.records != lines.size() || !s.counts.balanced()) {
      state.SkipWithError("scan lost records");
      return;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * log.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * lines.size()));
}
BENCHMARK(BM_ScanCombined)->Arg(1)->Arg(2)->UseRealTime();

// The rule engine alone: the full built-in pack over records with a realistic status mix
// (and every status of the registry's vendor list, so that rules fire).
void BM_RuleEngine(benchmark::State& state) {
  RuleSet set;
  std::vector<RuleError> errors;
  set.add_builtin(errors);
  const RuleEngine engine(set, {}, errors);
  if (!errors.empty()) {
    state.SkipWithError("built-in pack does not load");
    return;
  }
  std::mt19937 rng(4);
  const std::string log = make_log("combined", 20000);
  const auto lines = split_lines(log);
  const auto format = LogFormat::preset("combined");
  std::vector<Record> records(lines.size());
  ParseError err;
  for (size_t i = 0; i < lines.size(); ++i) format->parse(lines[i], records[i], err);
  for (size_t i = 0; i < records.size(); i += 50) set_status(records[i], "499");  // nginx findings
  RuleEngine::Evaluator evaluator(engine, state.range(0) == 1);
  RuleTallies tallies(engine.rules().size());
  for (const Record& r : records) evaluator.evaluate(r, tallies, 5);
  std::uint64_t fired = 0;
  for (const RuleTally& t : tallies) fired += t.count;
  if (fired == 0) {
    state.SkipWithError("no rule fired on the bench records");
    return;
  }
  for (auto _ : state) {
    for (const Record& r : records) evaluator.evaluate(r, tallies, 5);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * records.size()));
}
// Arg 1: text-log dispatch (rules needing headers left out); 0: every active rule.
BENCHMARK(BM_RuleEngine)->Arg(1)->Arg(0);

// JSON lines: lines whose status is known, parsed in place as the scanner does (each line
// followed by padding inside one buffer).
std::string make_json_line(std::string_view preset, std::mt19937& rng, int status) {
  const std::string agent = kAgents[rng() % 4];
  const std::string path = kPaths[rng() % 5];
  if (preset == "caddy") {
    return R"({"level":"info","ts":1763726400.5,"logger":"http.log.access","msg":"handled request","request":{"remote_ip":"198.51.100.1","client_ip":"198.51.100.1","proto":"HTTP/2.0","method":"GET","host":"example.com","uri":")" +
           path + R"(","headers":{"User-Agent":[")" + agent +
           R"("],"Accept":["*/*"]}},"bytes_read":0,"duration":0.0012,"size":5120,"status":)" + std::to_string(status) +
           R"(,"resp_headers":{"Server":["Caddy"],"Content-Type":["text/html"]}})";
  }
  return R"({"time_local":"21/Nov/2026:12:00:00 +0000","remote_addr":"203.0.113.5","remote_user":"","request":"GET )" +
         path + R"( HTTP/1.1","status":")" + std::to_string(status) +
         R"(","body_bytes_sent":"5120","request_time":"0.004","http_referer":"","http_user_agent":")" + agent +
         R"(","host":"api.example.com"})";
}

void BM_JsonLines(benchmark::State& state, const char* preset) {
  std::mt19937 rng(7);
  std::string buffer;
  std::vector<std::pair<size_t, size_t>> spans;  // offset, length
  std::vector<int> expected;
  for (int i = 0; i < 10000; ++i) {
    const int status = std::atoi(kStatuses[rng() % 10]);
    const std::string line = make_json_line(preset, rng, status);
    spans.emplace_back(buffer.size(), line.size());
    buffer += line + "\n";
    expected.push_back(status);
  }
  const size_t bytes = buffer.size();
  buffer.append(kJsonPadding, ' ');
  const auto format = JsonLineFormat::preset(preset);
  Record r;
  std::vector<Header> headers;
  std::string_view reason;
  std::uint32_t column = 0;
  for (size_t i = 0; i < spans.size(); ++i) {  // reference: the status each line was built with
    const std::string_view line(buffer.data() + spans[i].first, spans[i].second);
    if (format->parse(line, r, headers, reason, column) != JsonLineFormat::Parsed::Record || r.status != expected[i]) {
      state.SkipWithError("JSON-lines parser disagrees with the generated statuses");
      return;
    }
  }
  for (auto _ : state) {
    for (const auto& [offset, length] : spans) {
      benchmark::DoNotOptimize(
          format->parse(std::string_view(buffer.data() + offset, length), r, headers, reason, column));
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * spans.size()));
}
BENCHMARK_CAPTURE(BM_JsonLines, nginx_json, "nginx-json");
BENCHMARK_CAPTURE(BM_JsonLines, caddy, "caddy");

// HAR: a document of entries with response headers, read whole.
void BM_Har(benchmark::State& state) {
  std::mt19937 rng(9);
  std::string har = R"({"log":{"version":"1.2","creator":{"name":"bench","version":"1"},"entries":[)";
  CodeCounts expected;
  const int entries = 20000;
  for (int i = 0; i < entries; ++i) {
    const int status = std::atoi(kStatuses[rng() % 10]);
    expected.add(status);
    if (i > 0) har += ",";
    har +=
        R"({"startedDateTime":"2026-11-21T10:00:00.000Z","time":12.5,"request":{"method":"GET","url":"https://example.com)" +
        std::string(kPaths[rng() % 5]) + R"(","httpVersion":"h2","headers":[{"name":"user-agent","value":")" +
        kAgents[rng() % 4] + R"("}],"cookies":[],"headersSize":-1,"bodySize":0},"response":{"status":)" +
        std::to_string(status) +
        R"(,"statusText":"","httpVersion":"h2","headers":[{"name":"content-type","value":"text/html"},{"name":"cache-control","value":"no-cache"}],"content":{"size":5120,"mimeType":"text/html"},"redirectURL":"","headersSize":-1,"bodySize":1500},"timings":{"send":0.1,"wait":10,"receive":2.4}})";
  }
  har += "]}}";
  const size_t size = har.size();
  har.append(kChunkPadding, ' ');
  ScanOptions options;
  options.format.har = true;
  Scanner scanner(options);
  const auto read = [&] {
    auto source = open_memory(std::string_view(har.data(), size), "bench.har");
    return scanner.scan(*source, "bench.har");
  };
  {
    const InputSummary s = read();
    if (s.counts.by_code != expected || !s.error.empty()) {
      state.SkipWithError("HAR reader disagrees with the generated statuses");
      return;
    }
  }
  for (auto _ : state) {
    const InputSummary s = read();
    benchmark::DoNotOptimize(s.counts.records);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * size));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * entries));
}
BENCHMARK(BM_Har);

// The streaming HAR splitter alone, over a generated HAR. Checked first: it finds every entry.
void BM_HarSplitter(benchmark::State& state) {
  std::string har = R"({"log":{"version":"1.2","entries":[)";
  const size_t entries = 5000;
  for (size_t i = 0; i < entries; ++i) {
    if (i > 0) har += ",\n";
    har += R"({"request":{"method":"GET","url":"https://example.com/a?q=\"x\"","headers":[{"name":"a","value":"{["}]},)"
           R"("response":{"status":200,"headers":[{"name":"etag","value":"\"abc\\\\\""}],"content":{"size":1}}})";
  }
  har += "]}}";
  const auto split_all = [&] {
    HarEntrySplitter split;
    size_t found = 0;
    split.feed(har, [&](const HarEntrySplitter::Entry&) { ++found; });
    return split.finish() == HarEntrySplitter::End::Complete ? found : 0;
  };
  if (split_all() != entries) {
    state.SkipWithError("splitter did not find every entry");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(split_all());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * har.size()));
}
BENCHMARK(BM_HarSplitter);

// Format detection over a 64 KiB window of lines no preset reads (every candidate, the
// key=value maps and the layout inference all run before the refusal): the bound is 50 ms
// an input. Checked first: the window is refused, as it must be. Then a window of combined
// lines, the usual case.
void BM_DetectWindow(benchmark::State& state) {
  std::string window;
  const bool odd = state.range(0) == 0;
  for (int i = 0; window.size() < (size_t{64} << 10) - 300; ++i) {
    // Detection reads 50 lines: odd lines of 1.3 KB fill its 64 KiB.
    window += odd ? "node-" + std::to_string(i % 7) + " | " + std::to_string(i) + " frobnicated the widget in " +
                        std::to_string(i % 97) + " ticks status=" + (i % 2 ? "fine" : "ok") + " " +
                        std::string(1250, static_cast<char>('a' + i % 26)) + "\n"
                  : "203.0.113." + std::to_string(i % 250) + " - - [21/Nov/2026:10:00:00 +0000] \"GET /p/" +
                        std::to_string(i) + " HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\"\n";
  }
  if (detect_format(window).format.empty() != odd) {
    state.SkipWithError("detection did not decide as expected");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(detect_format(window));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * window.size()));
}
BENCHMARK(BM_DetectWindow)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace statuslint

BENCHMARK_MAIN();
