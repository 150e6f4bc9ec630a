#include "statuslint/routes/route_tree.hpp"

#include <map>
#include <memory>

#include "statuslint/routes/route_mask.hpp"

namespace statuslint {

namespace {

struct Node {
  std::vector<size_t> members;  // templates that end here
  // Ordered by segment, so that the walk (and the output) never depends on insertion order.
  std::map<std::string, std::unique_ptr<Node>, std::less<>> children;
  std::uint64_t traffic = 0;        // records of the whole subtree
  std::uint64_t merged_values = 0;  // set on a {var} made by the collapse
};

void absorb(Node& into, Node& from) {
  into.members.insert(into.members.end(), from.members.begin(), from.members.end());
  into.traffic += from.traffic;
  if (from.merged_values > into.merged_values) into.merged_values = from.merged_values;
  for (auto& [segment, child] : from.children) {
    auto at = into.children.find(segment);
    if (at == into.children.end()) {
      into.children.emplace(segment, std::move(child));
    } else {
      absorb(*at->second, *child);
    }
  }
}

bool is_literal(std::string_view segment) noexcept { return segment.empty() || segment.front() != '{'; }

void collapse(Node& node, const RouteCollapseOptions& options) {
  size_t literals = 0;
  std::uint64_t traffic = 0;
  for (const auto& [segment, child] : node.children) {
    if (is_literal(segment) && !segment.empty()) ++literals;
    traffic += child->traffic;
  }
  if (literals > options.max_children) {
    auto var = std::make_unique<Node>();
    std::uint64_t merged = 0;
    for (auto it = node.children.begin(); it != node.children.end();) {
      const bool heavy =
          static_cast<double>(it->second->traffic) >= options.literal_share * static_cast<double>(traffic);
      if (is_literal(it->first) && !it->first.empty() && !heavy) {
        absorb(*var, *it->second);
        ++merged;
        it = node.children.erase(it);
      } else {
        ++it;
      }
    }
    var->merged_values = std::max(var->merged_values, merged);
    auto at = node.children.find(kVarSegment);
    if (at == node.children.end()) {
      node.children.emplace(std::string(kVarSegment), std::move(var));
    } else {
      absorb(*at->second, *var);
    }
  }
  for (auto& [segment, child] : node.children) collapse(*child, options);
}

void emit(const Node& node, std::string& name, bool collapsed, std::uint64_t values, std::vector<CollapsedRoute>& out) {
  const bool here_collapsed = collapsed || node.merged_values > 0;
  const std::uint64_t here_values = std::max(values, node.merged_values);
  if (!node.members.empty()) {
    CollapsedRoute r;
    r.name = name.empty() ? "/" : name;
    r.members = node.members;
    r.reasons = here_collapsed ? kMergedByCardinality : 0;
    r.merged_values = here_values;
    out.push_back(std::move(r));
  }
  for (const auto& [segment, child] : node.children) {
    const size_t size = name.size();
    name += '/';
    name += segment;
    emit(*child, name, here_collapsed, here_values, out);
    name.resize(size);
  }
}

}  // namespace

std::vector<CollapsedRoute> collapse_routes(std::span<const std::string_view> templates,
                                            std::span<const std::uint64_t> counts,
                                            const RouteCollapseOptions& options) {
  Node root;
  std::map<std::string_view, std::vector<size_t>> others;  // not paths
  for (size_t i = 0; i < templates.size(); ++i) {
    const std::string_view t = templates[i];
    const std::uint64_t n = i < counts.size() ? counts[i] : 0;
    if (t.empty() || t.front() != '/') {
      others[t].push_back(i);
      continue;
    }
    // "/a/b" is the segments "a" and "b"; "/" is one empty segment, "/a/" ends in one.
    Node* at = &root;
    at->traffic += n;
    size_t from = 1;
    while (true) {
      const size_t slash = t.find('/', from);
      const std::string_view segment =
          t.substr(from, slash == std::string_view::npos ? std::string_view::npos : slash - from);
      auto child = at->children.find(segment);
      if (child == at->children.end())
        child = at->children.emplace(std::string(segment), std::make_unique<Node>()).first;
      at = child->second.get();
      at->traffic += n;
      if (slash == std::string_view::npos) break;
      from = slash + 1;
    }
    at->members.push_back(i);
  }
  collapse(root, options);
  std::vector<CollapsedRoute> out;
  out.reserve(others.size());
  for (auto& [name, members] : others) out.push_back({std::string(name), members, 0, 0});
  std::string name;
  for (const auto& [segment, child] : root.children) {
    name = "/";
    name += segment;
    emit(*child, name, false, 0, out);
  }
  return out;
}

}  // namespace statuslint
