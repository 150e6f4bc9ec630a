// Readers over simdjson's DOM for partial summaries. A partial is machine-written, so any
// shape mismatch means a file that is not one: these throw PartialError, and the whole file
// is refused with the reason.
#pragma once

#include "formats/simdjson_linked.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace statuslint::partial {

struct PartialError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline std::uint64_t u64(simdjson::dom::element e, const char* what) {
  std::uint64_t v;
  if (e.get_uint64().get(v)) throw PartialError(std::string("expected a count for ") + what);
  return v;
}
inline std::int64_t i64(simdjson::dom::element e, const char* what) {
  std::int64_t v;
  if (e.get_int64().get(v)) throw PartialError(std::string("expected a number for ") + what);
  return v;
}
inline std::string str(simdjson::dom::element e, const char* what) {
  std::string_view v;
  if (e.get_string().get(v)) throw PartialError(std::string("expected a string for ") + what);
  return std::string(v);
}
inline bool boolean(simdjson::dom::element e, const char* what) {
  bool v;
  if (e.get_bool().get(v)) throw PartialError(std::string("expected a boolean for ") + what);
  return v;
}
inline simdjson::dom::element field(simdjson::dom::object o, const char* key) {
  simdjson::dom::element e;
  if (o[key].get(e)) throw PartialError(std::string("missing \"") + key + "\"");
  return e;
}
inline simdjson::dom::array arr(simdjson::dom::element e, const char* what) {
  simdjson::dom::array a;
  if (e.get_array().get(a)) throw PartialError(std::string("expected an array for ") + what);
  return a;
}
inline simdjson::dom::object obj(simdjson::dom::element e, const char* what) {
  simdjson::dom::object o;
  if (e.get_object().get(o)) throw PartialError(std::string("expected an object for ") + what);
  return o;
}

}  // namespace statuslint::partial
