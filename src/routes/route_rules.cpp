#include "statuslint/routes/route_rules.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <span>

#include "statuslint/routes/route_mask.hpp"

namespace statuslint {

namespace {

// A pattern segment with placeholders: literal pieces, each placeholder between them matching
// one or more characters. `pieces` has one more entry than there are placeholders; the first
// and last may be empty.
struct SegmentPattern {
  std::string text;  // as written, to find an equal pattern again
  std::vector<std::string> pieces;
  size_t literal_chars = 0;

  // Placeholders only take characters, so the leftmost place of each middle piece is as good as
  // any later one: one pass, no backtracking, whatever a hostile log puts in a segment.
  bool matches(std::string_view s) const noexcept {
    const std::string& first = pieces.front();
    if (!s.starts_with(first)) return false;
    size_t at = first.size();
    for (size_t p = 1; p + 1 < pieces.size(); ++p) {
      const size_t found = s.find(pieces[p], at + 1);
      if (found == std::string_view::npos) return false;
      at = found + pieces[p].size();
    }
    const std::string& last = pieces.back();
    return s.size() >= at + 1 + last.size() && s.ends_with(last);
  }
};

bool is_placeholder_text(std::string_view s) noexcept {
  return s == "*" || (s.size() >= 2 && s.front() == '{' && s.back() == '}');
}

// Splits a segment into pieces around `{...}` and `*`; nullopt when it has no placeholder.
std::optional<SegmentPattern> segment_pattern(std::string_view segment, std::string_view pattern) {
  SegmentPattern sp;
  sp.text = std::string(segment);
  std::string piece;
  bool any = false;
  for (size_t i = 0; i < segment.size(); ++i) {
    const char c = segment[i];
    if (c == '*') {
      if (any && piece.empty() && !sp.pieces.empty()) {
        throw RouteRuleError("two placeholders in a row in '" + std::string(segment) + "' of the pattern '" +
                             std::string(pattern) + "' (nothing tells where one ends)");
      }
      sp.pieces.push_back(piece);
      piece.clear();
      any = true;
    } else if (c == '{') {
      const size_t close = segment.find('}', i);
      if (close == std::string_view::npos) {
        throw RouteRuleError("'{' without '}' in the pattern '" + std::string(pattern) + "'");
      }
      if (any && piece.empty() && !sp.pieces.empty()) {
        throw RouteRuleError("two placeholders in a row in '" + std::string(segment) + "' of the pattern '" +
                             std::string(pattern) + "' (nothing tells where one ends)");
      }
      sp.pieces.push_back(piece);
      piece.clear();
      any = true;
      i = close;
    } else {
      piece += c;
      ++sp.literal_chars;
    }
  }
  if (!any) return std::nullopt;
  sp.pieces.push_back(piece);
  return sp;
}

// "/a/b/" -> "a", "b". "/" has no segments.
std::vector<std::string_view> pattern_segments(std::string_view pattern) {
  if (pattern.empty() || pattern.front() != '/') {
    throw RouteRuleError("the pattern '" + std::string(pattern) + "' does not start with '/'");
  }
  if (pattern.size() > 1 && pattern.back() == '/') pattern.remove_suffix(1);
  std::vector<std::string_view> out;
  size_t at = 1;
  while (at <= pattern.size() && pattern.size() > 1) {
    const size_t slash = std::min(pattern.find('/', at), pattern.size());
    out.push_back(pattern.substr(at, slash - at));
    at = slash + 1;
  }
  return out;
}

}  // namespace

struct RouteRules::Node {
  std::map<std::string, std::unique_ptr<Node>, std::less<>> literal;
  // Most literal text first; equal ones in the order added.
  std::vector<std::pair<SegmentPattern, std::unique_ptr<Node>>> patterned;
  std::unique_ptr<Node> any;  // a lone placeholder
  std::optional<Target> here;
  std::optional<Target> rest;  // `**`

  // `spans` lets one lone placeholder take several segments when a literal segment of the
  // pattern follows it (see the header); once it has, `spans` is false below it, so a hostile
  // path of many segments costs one scan per node, not one per way of splitting it.
  const Target* match(const std::string& decoded, std::span<const std::pair<std::uint32_t, std::uint32_t>> segs,
                      bool spans) const {
    if (segs.empty()) {
      if (here) return &*here;
      return rest ? &*rest : nullptr;
    }
    const auto segment = [&](size_t i) { return std::string_view(decoded.data() + segs[i].first, segs[i].second); };
    const std::string_view s = segment(0);
    if (const auto it = literal.find(s); it != literal.end()) {
      if (const Target* t = it->second->match(decoded, segs.subspan(1), spans)) return t;
    }
    if (!s.empty()) {
      for (const auto& [pattern, child] : patterned) {
        if (!pattern.matches(s)) continue;
        if (const Target* t = child->match(decoded, segs.subspan(1), spans)) return t;
      }
      if (any) {
        if (const Target* t = any->match(decoded, segs.subspan(1), spans)) return t;
        if (spans && !any->literal.empty()) {
          // The shortest span first: segs[0..k) are the value, segs[k] the literal after it.
          for (size_t k = 2; k < segs.size(); ++k) {
            if (segment(k - 1).empty()) break;
            const auto it = any->literal.find(segment(k));
            if (it == any->literal.end()) continue;
            if (const Target* t = it->second->match(decoded, segs.subspan(k + 1), false)) return t;
          }
        }
      }
    }
    return rest ? &*rest : nullptr;
  }
};

RouteRules::RouteRules() : root_(std::make_unique<Node>()) {}
RouteRules::RouteRules(RouteRules&&) noexcept = default;
RouteRules& RouteRules::operator=(RouteRules&&) noexcept = default;
RouteRules::~RouteRules() = default;

void RouteRules::add_rule(std::string_view text, std::string origin) {
  const size_t arrow = text.find("=>");
  if (arrow == std::string_view::npos) {
    add_route(text, text, std::move(origin));
    return;
  }
  const std::string_view route = text.substr(arrow + 2);
  if (route.empty()) {
    throw RouteRuleError("the rule '" + std::string(text) +
                         "' names no template after '=>' (expected PATTERN=>TEMPLATE)");
  }
  add_route(text.substr(0, arrow), route, std::move(origin));
}

void RouteRules::add_route(std::string_view pattern, std::string_view route, std::string origin) {
  add(pattern, Target{Action::Route, std::string(route), std::move(origin)});
}

void RouteRules::add_ignore(std::string_view pattern, std::string origin) {
  add(pattern, Target{Action::Ignore, {}, std::move(origin)});
}

void RouteRules::add(std::string_view pattern, Target target) {
  const std::vector<std::string_view> segments = pattern_segments(pattern);
  Node* at = root_.get();
  for (size_t i = 0; i < segments.size(); ++i) {
    const std::string_view seg = segments[i];
    if (seg == "**") {
      if (i + 1 != segments.size()) {
        throw RouteRuleError("'**' is not the last segment of the pattern '" + std::string(pattern) + "'");
      }
      if (!at->rest) at->rest = std::move(target);
      ++count_;
      return;
    }
    if (is_placeholder_text(seg) && seg.find('{', 1) == std::string_view::npos) {
      if (!at->any) at->any = std::make_unique<Node>();
      at = at->any.get();
      continue;
    }
    if (std::optional<SegmentPattern> sp = segment_pattern(seg, pattern)) {
      auto it =
          std::find_if(at->patterned.begin(), at->patterned.end(), [&](const auto& p) { return p.first.text == seg; });
      if (it == at->patterned.end()) {
        // After every pattern with as much literal text: equal ones keep the order added.
        const auto pos = std::find_if(at->patterned.begin(), at->patterned.end(),
                                      [&](const auto& p) { return p.first.literal_chars < sp->literal_chars; });
        it = at->patterned.emplace(pos, std::move(*sp), std::make_unique<Node>());
      }
      at = it->second.get();
      continue;
    }
    std::string literal;
    append_percent_decoded(seg, literal);
    auto& child = at->literal[literal];
    if (!child) child = std::make_unique<Node>();
    at = child.get();
  }
  if (!at->here) at->here = std::move(target);
  ++count_;
}

const RouteRules::Target* RouteRules::Matcher::match(std::string_view path) {
  if (path.empty() || path.front() != '/') return nullptr;
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  decoded_.clear();
  segments_.clear();
  size_t at = 1;
  while (path.size() > 1 && at <= path.size()) {
    const size_t slash = std::min(path.find('/', at), path.size());
    const auto from = static_cast<std::uint32_t>(decoded_.size());
    const std::string_view raw = path.substr(at, slash - at);
    if (raw.find('%') == std::string_view::npos) {
      decoded_.append(raw);
    } else {
      append_percent_decoded(raw, decoded_);
    }
    segments_.emplace_back(from, static_cast<std::uint32_t>(decoded_.size()) - from);
    at = slash + 1;
  }
  // Segment by segment first, everywhere: a span is only a way to match what nothing else does.
  if (const Target* t = rules_->root_->match(decoded_, segments_, false)) return t;
  return rules_->root_->match(decoded_, segments_, true);
}

}  // namespace statuslint
