// Plausibility: does what a format read look like what it says it is? A format that fits a
// line can still misread it (every field shifted by one, a vhost that is an IPv6 address, a
// "status" that is a byte count), so format detection scores each candidate on the fields it
// read, not on fit alone, and `statuslint detect` labels each field with its verdict.
//
// Every check is a byte scan on one value: no regex, no allocation.
#pragma once

#include <cstdint>
#include <string_view>

#include "statuslint/record/log_field.hpp"
#include "statuslint/record/record.hpp"

namespace statuslint {

enum class Plausible : std::uint8_t {
  Absent,  // empty or the placeholder "-": says nothing
  Yes,     // looks like what the field holds
  No,      // looks like something else
};

// A status a server sends: three digits 100..599.
bool valid_status(int status) noexcept;
// An IPv4 or IPv6 address, with or without a port ("203.0.113.7:5123", "[2001:db8::1]:443").
bool looks_like_address(std::string_view s) noexcept;
// A DNS host name (letters, digits, '-', '.', '_'), with at least one letter, not an address.
bool looks_like_host_name(std::string_view s) noexcept;
// An HTTP method: an upper-case token ("GET", "PROPFIND", "M-SEARCH").
bool looks_like_method(std::string_view s) noexcept;
// A decimal number, optionally with a fraction ("12", "0.003"); `integer` refuses a fraction.
bool looks_like_number(std::string_view s, bool integer) noexcept;

// The text a record holds for `field` ("" for fields it keeps as numbers, such as bytes).
std::string_view record_value(LogField field, const Record& r) noexcept;

// The verdict on one field's value as a record holds it. `r` gives the context a value needs
// (the time syntax, the request time's unit).
Plausible check_field(LogField field, std::string_view value, const Record& r) noexcept;

// A record's score as read by a format that maps `fields`: +points for each field that looks
// right, -points for each that looks wrong (a wrong status weighs most, then a time that does
// not parse, a method that is no token, a port that is no number).
struct RecordScore {
  int points = 0;
  bool status_valid = false;  // three digits 100..599, or a request that got no response
  bool status_present = false;
};
RecordScore score_record(const Record& r, std::span<const LogField> fields) noexcept;
// The most score_record can give a record read by a format that maps `fields`.
int max_record_points(std::span<const LogField> fields) noexcept;

}  // namespace statuslint
