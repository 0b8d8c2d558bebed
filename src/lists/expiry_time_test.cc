#include "lists/expiry_time.h"

#include <gtest/gtest.h>

namespace recproc {
namespace {

int64_t Parse(std::string_view text) {
  int64_t ms = -1;
  EXPECT_TRUE(ParseExpiryTime(text, &ms)) << text;
  return ms;
}

TEST(ExpiryTime, AcceptsEveryListForm) {
  constexpr int64_t k = 1597627080000;  // 2020-08-17T01:18:00Z
  EXPECT_EQ(Parse("2020-08-17 01:18:00"), k);
  EXPECT_EQ(Parse("2020-08-17T01:18:00"), k);
  EXPECT_EQ(Parse("2020-08-17T01:18"), k);
  EXPECT_EQ(Parse("2020-08-17T01:18:00Z"), k);
  EXPECT_EQ(Parse("2020-08-17t01:18:00z"), k);
  EXPECT_EQ(Parse("2020-08-17T03:18:00+02:00"), k);
  EXPECT_EQ(Parse("2020-08-17T03:18:00+0200"), k);
  EXPECT_EQ(Parse("2020-08-16T23:18:00-02"), k);
  EXPECT_EQ(Parse("2020-08-17T01:18:00.123Z"), k + 123);
  EXPECT_EQ(Parse("2020-08-17T01:18:00,5"), k + 500);
  EXPECT_EQ(Parse("2020-08-17T01:18:00.123999Z"), k + 123);
  EXPECT_EQ(Parse(" 2020-08-17 "), 1597622400000);
  EXPECT_EQ(Parse("1970-01-01"), 0);
}

TEST(ExpiryTime, RejectsMalformedAndOutOfRange) {
  int64_t ms = 42;
  for (std::string_view bad : {"", "2020-8-17", "2020-02-30", "2021-02-29", "2020-08-17T24:00:00",
                               "2020-08-17T01:18:60", "2020-08-17X01:18", "2020-08-17T01:18:00+2",
                               "2020-08-17T01:18:00.", "2020-08-17T01:18:00 UTC", "tomorrow"}) {
    EXPECT_FALSE(ParseExpiryTime(bad, &ms)) << bad;
  }
  EXPECT_EQ(ms, 42);
  EXPECT_TRUE(ParseExpiryTime("2024-02-29", &ms));
}

TEST(ExpiryTime, FormatsUtcWithMilliseconds) {
  std::string out;
  FormatExpiryTime(1597627080123, &out);
  EXPECT_EQ(out, "2020-08-17T01:18:00.123Z");
  out.clear();
  FormatExpiryTime(-1, &out);
  EXPECT_EQ(out, "1969-12-31T23:59:59.999Z");
  out.clear();
  FormatExpiryTime(951782400000, &out);  // leap day 2000
  EXPECT_EQ(out, "2000-02-29T00:00:00.000Z");
}

}  // namespace
}  // namespace recproc
