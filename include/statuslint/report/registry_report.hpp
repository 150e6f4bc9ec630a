// Renders registry entries for `statuslint explain`: the long per-code form, the one-line
// table of `explain --all`, and the JSON array both share.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "statuslint/registry/status_registry.hpp"

namespace statuslint {

// One thing the user asked about: the text as typed and what the registry says of it.
struct ExplainItem {
  std::string query;       // as typed: "305", "2OO", "-1"
  const StatusInfo* info;  // never null
};

// Looks `query` up as status text found in a log ("305", "000", "2OO", "-"); any
// integer outside 0..999 is classified as out of range.
ExplainItem explain_status(std::string_view query);

// Long form, one block per item.
void write_explain_text(std::string& out, std::span<const ExplainItem> items);
// One line per item: code, class, kind, name, origin/reference.
void write_registry_table(std::string& out, std::span<const ExplainItem> items);
// A JSON array of objects with code (integer or null), query, name, aliases, class, kind,
// origin, reference, description and also (other origins' meanings).
void write_explain_json(std::string& out, std::span<const ExplainItem> items);

}  // namespace statuslint
