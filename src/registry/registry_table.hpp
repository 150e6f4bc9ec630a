// Private interface between the generated registry table and status_registry.cpp.
#pragma once

#include "statuslint/registry/status_registry.hpp"

#include <array>
#include <span>

namespace statuslint::detail {

// One entry per number 0..999, defined in the generated registry_table.cpp.
extern const std::array<StatusInfo, kStatusTableSize> kStatusTable;
// The entries that the registry file lists, ascending by code.
std::span<const StatusInfo* const> known_statuses() noexcept;

}  // namespace statuslint::detail
