// Routes, the user's word first: path patterns that name a route (`--route`, an OpenAPI
// document's paths) or leave a path out of the routes (`--route-ignore`). A path a rule matches
// is never masked or collapsed: the rule is the template.
//
// A pattern is a path whose segments are literal text, placeholders, or both:
//   /users/{id}/orders/{order}   `{name}` (or `*`) matches one segment of 1+ characters;
//   /files/{name}.{ext}          a placeholder inside a segment, as OpenAPI allows;
//   /static/**                   a last `**` matches the rest (zero or more segments).
// When no pattern matches segment by segment, one lone placeholder that a literal segment
// follows may take several segments: `/images/{name}/json` matches `/images/library/ubuntu/json`,
// as Docker's and Gitea's own routers read names with a '/' in them. A placeholder that ends
// its pattern never does, so `/users/{id}` does not swallow `/users/ann/avatar.png`.
// One trailing '/' is ignored on both sides. Matching is by segment, after percent-decoding the
// path's segments, and prefers, segment by segment from the left, a literal over a segment with
// literal text and placeholders (the longer literal text first) over a lone placeholder over
// `**`, as OpenAPI prefers `/users/me` to `/users/{id}`. Equal patterns: the first added wins.
//
// Stateless per path, like the masks, so counts keyed on the result survive any split.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace statuslint {

// A pattern or rule that cannot be read; the message says what was expected.
class RouteRuleError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class RouteRules {
 public:
  enum class Action : std::uint8_t { Route, Ignore };
  struct Target {
    Action action = Action::Route;
    std::string route;   // the template reports show (empty for Ignore)
    std::string origin;  // where the rule came from: "--route", "api.yaml", ...
  };

  RouteRules();
  RouteRules(RouteRules&&) noexcept;
  RouteRules& operator=(RouteRules&&) noexcept;
  RouteRules(const RouteRules&) = delete;
  RouteRules& operator=(const RouteRules&) = delete;
  ~RouteRules();

  // `PATTERN=>TEMPLATE`, or a lone PATTERN that is its own template.
  void add_rule(std::string_view text, std::string origin);
  void add_route(std::string_view pattern, std::string_view route, std::string origin);
  void add_ignore(std::string_view pattern, std::string origin);

  bool empty() const noexcept { return count_ == 0; }
  size_t size() const noexcept { return count_; }

  struct Node;

  // Matches paths against one RouteRules; holds the reused buffers, one per thread.
  class Matcher {
   public:
    explicit Matcher(const RouteRules& rules) : rules_(&rules) {}
    // The rule `path` (a route_path(): no query) matches, or null.
    const Target* match(std::string_view path);

   private:
    const RouteRules* rules_;
    std::string decoded_;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> segments_;  // into decoded_
  };

 private:
  void add(std::string_view pattern, Target target);
  std::unique_ptr<Node> root_;
  size_t count_ = 0;
};

}  // namespace statuslint
