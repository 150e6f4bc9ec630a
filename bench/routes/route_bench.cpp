// The route benchmark's scorer: what share of requests statuslint counts under the right
// template, from inference alone (masks, then the cardinality collapse) and with the API's
// spec as route rules, as `statuslint scan --routes` does. Input: bench/routes/generate.py's
// `RAW<TAB>TRUTH` lines; the spec is the same source file the requests were generated from.
//
//   statuslint_route_bench REQUESTS.tsv SOURCE.txt [--min-inferred P] [--min-spec P]
//
// It walks the library's own stages (RouteMasker, RouteRules, collapse_routes with the
// report's options) the way reported_routes() does, but keeps each template's route so that
// every request can be judged. Placeholder names do not count: `{int}` and `{droplet_id}` are
// both `{}`. It also checks the other bar: no route may merge two literal endpoints
// (templates without placeholders) that each carry more than 1% of the traffic. Exits 1 when a
// --min bar or that check fails.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "statuslint/routes/route_mask.hpp"
#include "statuslint/routes/route_rules.hpp"
#include "statuslint/routes/route_tree.hpp"

namespace {

using statuslint::RouteMasker;
using statuslint::RouteRules;

std::string normalized(std::string_view t) {
  if (t.size() > 1 && t.back() == '/') t.remove_suffix(1);  // as route rules ignore it
  std::string out;
  out.reserve(t.size());
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '{') {
      const size_t end = t.find('}', i);
      if (end != std::string_view::npos) {
        out += "{}";
        i = end;
        continue;
      }
    }
    out += t[i];
  }
  return out;
}

bool is_literal(std::string_view t) { return t.find('{') == std::string_view::npos; }

struct Request {
  std::string raw;
  std::string truth;
};

struct Score {
  std::uint64_t right = 0;
  std::uint64_t total = 0;
  size_t routes = 0;
  std::vector<std::string> bad_merges;
  std::map<std::string, std::uint64_t> wrong;  // truth -> requests counted elsewhere
};

Score score(const std::vector<Request>& requests, const RouteRules* rules) {
  RouteMasker masker;
  std::optional<RouteRules::Matcher> matcher;
  if (rules != nullptr) matcher.emplace(*rules);
  // Per request, its key: a rule's template, or the masked template (to be collapsed).
  std::vector<std::string> keys(requests.size());
  std::vector<bool> by_rule(requests.size());
  std::map<std::string, std::uint64_t> inferred;  // sorted, as reported_routes() sorts
  for (size_t i = 0; i < requests.size(); ++i) {
    const std::string_view path = statuslint::route_path(requests[i].raw);
    if (matcher) {
      if (const auto* target = matcher->match(path); target != nullptr) {
        keys[i] = target->route;
        by_rule[i] = true;
        continue;
      }
    }
    std::uint16_t reasons = 0;
    keys[i] = std::string(masker.mask(requests[i].raw, reasons));
    ++inferred[keys[i]];
  }
  std::vector<std::string_view> names;
  std::vector<std::uint64_t> counts;
  for (const auto& [name, n] : inferred) {
    names.push_back(name);
    counts.push_back(n);
  }
  std::unordered_map<std::string, std::string> route_of;
  Score s;
  std::set<std::string> routes;
  for (const auto& c : statuslint::collapse_routes(names, counts, statuslint::RouteCollapseOptions{})) {
    for (const size_t m : c.members) route_of[std::string(names[m])] = c.name;
  }
  // Which literal truths each route holds, with their traffic.
  std::map<std::string, std::map<std::string, std::uint64_t>> held;
  for (size_t i = 0; i < requests.size(); ++i) {
    const std::string route = by_rule[i] ? keys[i] : route_of[keys[i]];
    routes.insert(route);
    ++s.total;
    if (normalized(route) == normalized(requests[i].truth)) {
      ++s.right;
    } else {
      ++s.wrong[requests[i].truth];
    }
    if (is_literal(requests[i].truth)) ++held[route][requests[i].truth];
  }
  s.routes = routes.size();
  for (const auto& [route, truths] : held) {
    std::vector<std::string> heavy;
    for (const auto& [truth, n] : truths) {
      if (static_cast<double>(n) > 0.01 * static_cast<double>(s.total)) heavy.push_back(truth);
    }
    if (heavy.size() >= 2) s.bad_merges.push_back(route + " holds " + heavy[0] + " and " + heavy[1]);
  }
  return s;
}

// The reference the issue names: digits, UUIDs and hex only, no collapse, no rules.
Score score_naive(const std::vector<Request>& requests) {
  Score s;
  std::set<std::string> routes;
  std::string route;
  std::string decoded;
  for (const Request& r : requests) {
    const std::string_view path = statuslint::route_path(r.raw);
    route.clear();
    size_t at = 0;
    while (at < path.size()) {
      const size_t end = std::min(path.find('/', at + 1), path.size());
      const std::string_view raw = path.substr(at + 1, end - at - 1);
      decoded.clear();
      statuslint::append_percent_decoded(raw, decoded);
      const std::uint16_t m = RouteMasker::segment_mask(decoded);
      route += '/';
      if ((m & (statuslint::kMaskInteger | statuslint::kMaskUuid | statuslint::kMaskHex)) != 0) {
        route += "{}";
      } else {
        route.append(raw);
      }
      at = end;
    }
    routes.insert(route);
    ++s.total;
    if (normalized(route) == normalized(r.truth)) {
      ++s.right;
    } else {
      ++s.wrong[r.truth];
    }
  }
  s.routes = routes.size();
  return s;
}

double share(const Score& s) {
  return s.total == 0 ? 0.0 : 100.0 * static_cast<double>(s.right) / static_cast<double>(s.total);
}

void print(const char* mode, const Score& s) {
  std::printf("%-9s %6.2f%% right  (%llu of %llu requests, %zu routes)\n", mode, share(s),
              static_cast<unsigned long long>(s.right), static_cast<unsigned long long>(s.total), s.routes);
  std::vector<std::pair<std::uint64_t, std::string>> worst;
  for (const auto& [truth, n] : s.wrong) worst.emplace_back(n, truth);
  std::sort(worst.rbegin(), worst.rend());
  for (size_t i = 0; i < worst.size() && i < 5; ++i) {
    std::printf("          missed %6.2f%%  %s\n",
                100.0 * static_cast<double>(worst[i].first) / static_cast<double>(s.total), worst[i].second.c_str());
  }
  for (const auto& b : s.bad_merges) std::printf("          BAD MERGE: %s\n", b.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s REQUESTS.tsv SOURCE.txt [--min-inferred P] [--min-spec P]\n", argv[0]);
    return 2;
  }
  double min_inferred = 0;
  double min_spec = 0;
  for (int i = 3; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    if (flag == "--min-inferred") {
      min_inferred = std::atof(argv[i + 1]);
    } else if (flag == "--min-spec") {
      min_spec = std::atof(argv[i + 1]);
    } else {
      std::fprintf(stderr, "%s: unknown option %s\n", argv[0], argv[i]);
      return 2;
    }
  }
  std::vector<Request> requests;
  {
    std::ifstream in(argv[1]);
    if (!in) {
      std::fprintf(stderr, "%s: cannot read %s\n", argv[0], argv[1]);
      return 2;
    }
    std::string line;
    size_t number = 0;
    while (std::getline(in, line)) {
      ++number;
      const size_t tab = line.find('\t');
      if (tab == std::string::npos) {
        std::fprintf(stderr, "%s:%zu: expected RAW<TAB>TRUTH\n", argv[1], number);
        return 2;
      }
      requests.push_back({line.substr(0, tab), line.substr(tab + 1)});
    }
  }
  RouteRules rules;
  {
    std::ifstream in(argv[2]);
    if (!in) {
      std::fprintf(stderr, "%s: cannot read %s\n", argv[0], argv[2]);
      return 2;
    }
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      const std::string path = line.substr(0, line.find('\t'));
      rules.add_route(path, path, argv[2]);
    }
  }
  const Score inferred = score(requests, nullptr);
  const Score with_spec = score(requests, &rules);
  std::printf("%s: %zu templates in the spec\n", argv[2], rules.size());
  print("naive", score_naive(requests));
  print("inferred", inferred);
  print("spec", with_spec);
  const bool ok = share(inferred) >= min_inferred && share(with_spec) >= min_spec && inferred.bad_merges.empty() &&
                  with_spec.bad_merges.empty();
  return ok ? 0 : 1;
}
