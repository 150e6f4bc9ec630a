// User route rules and OpenAPI documents (routes/route_rules, routes/route_spec): which pattern
// wins, what a placeholder takes, what is refused, and the templates a spec yields under its
// servers' base paths, in JSON (simdjson) and YAML (yaml-cpp).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "statuslint/routes/route_rules.hpp"
#include "statuslint/routes/route_spec.hpp"

namespace statuslint {
namespace {

std::string data(const std::string& name) { return std::string(STATUSLINT_TEST_DATA) + "/openapi/" + name; }

// The route `path` gets, "-" for none, "ignored" for an ignore rule.
std::string route_of(const RouteRules& rules, std::string_view path) {
  RouteRules::Matcher m(rules);
  const RouteRules::Target* t = m.match(path);
  if (t == nullptr) return "-";
  return t->action == RouteRules::Action::Ignore ? "ignored" : t->route;
}

TEST(RouteRules, PlaceholdersTakeOneNonEmptySegment) {
  RouteRules r;
  r.add_rule("/users/{id}/orders/*", "t");
  EXPECT_EQ(route_of(r, "/users/u_81/orders/9f"), "/users/{id}/orders/*");
  EXPECT_EQ(route_of(r, "/users/u_81/orders/9f/"), "/users/{id}/orders/*");  // one trailing '/'
  EXPECT_EQ(route_of(r, "/users/u_81/orders"), "-");
  EXPECT_EQ(route_of(r, "/users//orders/9f"), "-");
  EXPECT_EQ(route_of(r, "/users/u_81/orders/9f/items"), "-");
  EXPECT_EQ(route_of(r, "users/1/orders/2"), "-");  // not a path
}

TEST(RouteRules, ArrowNamesTheTemplate) {
  RouteRules r;
  r.add_rule("/u/{name}/**=>/users/{name}", "t");
  EXPECT_EQ(route_of(r, "/u/ada"), "/users/{name}");  // ** takes zero segments too
  EXPECT_EQ(route_of(r, "/u/ada/repos/x/y"), "/users/{name}");
  EXPECT_EQ(route_of(r, "/v/ada"), "-");
}

TEST(RouteRules, ALiteralBeatsAMixedSegmentBeatsAPlaceholderBeatsTheRest) {
  RouteRules r;
  r.add_rule("/files/**", "t");
  r.add_rule("/files/{name}", "t");
  r.add_rule("/files/{name}.{ext}", "t");
  r.add_rule("/files/{name}.pdf", "t");
  r.add_rule("/files/readme.pdf", "t");
  EXPECT_EQ(route_of(r, "/files/readme.pdf"), "/files/readme.pdf");
  EXPECT_EQ(route_of(r, "/files/report.pdf"), "/files/{name}.pdf");
  EXPECT_EQ(route_of(r, "/files/report.tar.gz"), "/files/{name}.{ext}");
  EXPECT_EQ(route_of(r, "/files/README"), "/files/{name}");
  EXPECT_EQ(route_of(r, "/files/a/b"), "/files/**");
  EXPECT_EQ(route_of(r, "/files/.pdf"), "/files/{name}");  // {name} needs a character
}

TEST(RouteRules, ALiteralThatLeadsNowhereFallsBackToThePlaceholder) {
  RouteRules r;
  r.add_rule("/users/me", "t");
  r.add_rule("/users/{id}/orders", "t");
  EXPECT_EQ(route_of(r, "/users/me"), "/users/me");
  EXPECT_EQ(route_of(r, "/users/me/orders"), "/users/{id}/orders");
}

TEST(RouteRules, SegmentsArePercentDecodedBeforeMatching) {
  RouteRules r;
  r.add_rule("/by-email/ada@example.com=>ada", "t");
  r.add_rule("/tags/{tag}", "t");
  EXPECT_EQ(route_of(r, "/by-email/ada%40example.com"), "ada");
  EXPECT_EQ(route_of(r, "/tags/a%2Fb"), "/tags/{tag}");  // an encoded '/' is inside a segment
}

TEST(RouteRules, TheFirstOfEqualPatternsWinsAndIgnoreIsARule) {
  RouteRules r;
  r.add_ignore("/healthz", "t");
  r.add_rule("/healthz=>health", "t");
  r.add_rule("/static/**=>static", "t");
  r.add_ignore("/static/**", "t");
  EXPECT_EQ(route_of(r, "/healthz"), "ignored");
  EXPECT_EQ(route_of(r, "/static/app.js"), "static");
  EXPECT_EQ(r.size(), 4u);
}

TEST(RouteRules, APlaceholderBeforeALiteralMaySpanSegmentsWhenNothingElseMatches) {
  RouteRules r;
  r.add_rule("/images/{name}/json", "t");
  r.add_rule("/images/{name}", "t");
  r.add_rule("/images/{name}/tag/{tag}/json", "t");
  r.add_rule("/images/create/json", "t");
  // Docker's client sends a repository's '/' as it is.
  EXPECT_EQ(route_of(r, "/images/library/ubuntu/json"), "/images/{name}/json");
  EXPECT_EQ(route_of(r, "/images/registry.example.com/team/app:1.2/json"), "/images/{name}/json");
  // Segment by segment wins wherever it can, and the shortest span first.
  EXPECT_EQ(route_of(r, "/images/create/json"), "/images/create/json");
  EXPECT_EQ(route_of(r, "/images/a/json/json"), "/images/{name}/json");
  // A placeholder that ends its pattern takes one segment, so it swallows nothing.
  EXPECT_EQ(route_of(r, "/images/library/ubuntu"), "-");
  // Only one span per path: {tag} cannot take "c/d" once {name} has spanned, so {name} takes
  // all before the last literal; and no span over an empty segment.
  EXPECT_EQ(route_of(r, "/images/a/b/tag/c/d/json"), "/images/{name}/json");
  EXPECT_EQ(route_of(r, "/images/a/b/tag/c/json"), "/images/{name}/tag/{tag}/json");
  EXPECT_EQ(route_of(r, "/images/a//json"), "-");
}

TEST(RouteRules, AHostilePathOfManySegmentsCostsOneScanPerNode) {
  RouteRules r;
  r.add_rule("/a/{x}/b/{y}/c/{z}/d", "t");
  std::string path = "/a";
  for (int i = 0; i < 20000; ++i) path += "/b/c";
  EXPECT_EQ(route_of(r, path), "-");
  EXPECT_EQ(route_of(r, path + "/b/y/c/z/d"), "/a/{x}/b/{y}/c/{z}/d");
}

TEST(RouteRules, AHostileSegmentCostsOnePass) {
  RouteRules r;
  r.add_rule("/f/{a}.{b}.{c}.{d}z", "t");
  std::string path = "/f/" + std::string(20000, '.');
  EXPECT_EQ(route_of(r, path), "-");
  path.back() = 'z';
  EXPECT_EQ(route_of(r, path), "/f/{a}.{b}.{c}.{d}z");
  EXPECT_EQ(route_of(r, "/f/a.b.c.dz"), "/f/{a}.{b}.{c}.{d}z");
  EXPECT_EQ(route_of(r, "/f/a.b.cz"), "-");
}

TEST(RouteRules, BadPatternsAreRefusedWithTheReason) {
  RouteRules r;
  const auto refused = [&](const std::string& text, const std::string& why) {
    try {
      r.add_rule(text, "t");
      ADD_FAILURE() << text << " was accepted";
    } catch (const RouteRuleError& e) {
      EXPECT_NE(std::string(e.what()).find(why), std::string::npos) << e.what();
    }
  };
  refused("users/{id}", "does not start with '/'");
  refused("/a/**/b", "'**' is not the last segment");
  refused("/a/{x", "'{' without '}'");
  refused("/a/{x}{y}", "two placeholders in a row");
  refused("/a=>", "names no template");
  EXPECT_TRUE(r.empty());
}

TEST(RouteSpec, YamlServersAndPerPathServersGiveTheBasePaths) {
  const RouteSpec spec = load_route_spec(data("shop.yaml"));
  EXPECT_EQ(spec.version, "3.0.3");
  EXPECT_EQ(spec.title, "Shop API (test)");
  EXPECT_EQ(spec.paths, 6u);  // x-internal is an extension
  EXPECT_EQ(spec.templates,
            (std::vector<std::string>{"/v2/users/me", "/v2/users/{userId}", "/v2/users/{userId}/orders/{orderId}",
                                      "/v2/files/{name}.{ext}", "/v2/files/{name}.pdf", "/status"}));
  RouteRules rules;
  add_spec_routes(rules, spec);
  EXPECT_EQ(route_of(rules, "/v2/users/me"), "/v2/users/me");
  EXPECT_EQ(route_of(rules, "/v2/users/cus_NffrFeUfNV2Hib/orders/ord_1"), "/v2/users/{userId}/orders/{orderId}");
  EXPECT_EQ(route_of(rules, "/v2/files/invoice-7.pdf"), "/v2/files/{name}.pdf");
  EXPECT_EQ(route_of(rules, "/status"), "/status");
  EXPECT_EQ(route_of(rules, "/users/me"), "-");  // not under the base path
}

TEST(RouteSpec, SwaggerTwoJsonUsesBasePath) {
  const RouteSpec spec = load_route_spec(data("petstore-v2.json"));
  EXPECT_EQ(spec.version, "2.0");
  EXPECT_EQ(spec.templates,
            (std::vector<std::string>{"/api/pets", "/api/pets/{petId}", "/api/owners/{ownerName}/pets"}));
}

TEST(RouteSpec, ErrorsNameTheFileTheLineAndWhatWasExpected) {
  const auto error_of = [](const std::string& name) -> std::string {
    try {
      load_route_spec(data(name));
    } catch (const RouteRuleError& e) {
      return e.what();
    }
    return "accepted";
  };
  EXPECT_NE(error_of("broken.yaml").find("broken.yaml:6: not valid YAML"), std::string::npos)
      << error_of("broken.yaml");
  EXPECT_NE(error_of("broken.json").find("broken.json: not valid JSON"), std::string::npos) << error_of("broken.json");
  EXPECT_NE(error_of("not-openapi.yaml").find("neither an 'openapi' nor a 'swagger' field"), std::string::npos);
  EXPECT_NE(error_of("swagger12.yaml").find("1.2 is not read (expected 3.x or Swagger 2.0)"), std::string::npos);
  EXPECT_NE(error_of("missing.yaml").find("missing.yaml: cannot be read"), std::string::npos);
}

}  // namespace
}  // namespace statuslint
