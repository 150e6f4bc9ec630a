// The last step of every reader: the status as written is classified through the registry,
// which fills the record's status number and registry entry. Record (the vocabulary) does
// not know the registry; readers do.
#pragma once

#include <string_view>

#include "statuslint/record/record.hpp"
#include "statuslint/registry/status_registry.hpp"

namespace statuslint {

inline void set_status(Record& r, std::string_view text) noexcept {
  r.status_text = text;
  r.status_info = &StatusRegistry::classify_text(text);
  r.status = r.status_info->code;
}

}  // namespace statuslint
