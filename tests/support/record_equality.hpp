// Field-by-field record comparison for tests that require two reads of a line to agree
// (a reused record against a fresh one; later, the fast tokenizer against the exact parser).
#pragma once

#include <gtest/gtest.h>

#include "statuslint/record/record.hpp"

namespace statuslint::test {

inline void expect_same_record(const Record& a, const Record& b) {
  EXPECT_EQ(a.status_text, b.status_text);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.status_info, b.status_info);
  EXPECT_EQ(a.request, b.request);
  EXPECT_EQ(a.method, b.method);
  EXPECT_EQ(a.path, b.path);
  EXPECT_EQ(a.query, b.query);
  EXPECT_EQ(a.protocol, b.protocol);
  EXPECT_EQ(a.time, b.time);
  EXPECT_EQ(a.date, b.date);
  EXPECT_EQ(a.time_syntax, b.time_syntax);
  EXPECT_EQ(a.client, b.client);
  EXPECT_EQ(a.user, b.user);
  EXPECT_EQ(a.host, b.host);
  EXPECT_EQ(a.port, b.port);
  EXPECT_EQ(a.referrer, b.referrer);
  EXPECT_EQ(a.user_agent, b.user_agent);
  EXPECT_EQ(a.bytes, b.bytes);
  EXPECT_EQ(a.request_time, b.request_time);
  EXPECT_EQ(a.request_time_unit, b.request_time_unit);
  ASSERT_EQ(a.headers.size(), b.headers.size());
  for (size_t i = 0; i < a.headers.size(); ++i) {
    EXPECT_EQ(a.headers[i].name, b.headers[i].name);
    EXPECT_EQ(a.headers[i].value, b.headers[i].value);
  }
  EXPECT_EQ(a.has_headers, b.has_headers);
  EXPECT_EQ(a.status_reason, b.status_reason);
  EXPECT_EQ(a.has_status_reason, b.has_status_reason);
  EXPECT_EQ(a.entry, b.entry);
  EXPECT_EQ(a.page, b.page);
  EXPECT_EQ(a.redirect_url, b.redirect_url);
  EXPECT_EQ(a.no_response, b.no_response);
  EXPECT_EQ(a.error, b.error);
  EXPECT_EQ(a.source, b.source);
  EXPECT_EQ(a.upstream_status, b.upstream_status);
}

}  // namespace statuslint::test
