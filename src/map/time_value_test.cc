#include "map/time_value.h"

#include <gtest/gtest.h>

namespace recproc {
namespace {

int64_t T(std::string_view text, std::string_view format, std::string_view zone = "") {
  int64_t ms = -1;
  EXPECT_TRUE(ParseMappedTime(text, format, zone, &ms)) << text << " / " << format;
  return ms;
}

bool Fails(std::string_view text, std::string_view format, std::string_view zone = "") {
  int64_t ms = 0;
  return !ParseMappedTime(text, format, zone, &ms);
}

TEST(MappedTimeTest, EpochKeywords) {
  EXPECT_EQ(T("1405525767", "epoch"), 1405525767000);
  EXPECT_EQ(T("1405525767123", "epoch_ms"), 1405525767123);
  EXPECT_EQ(T("1405525767.25", "epoch_float"), 1405525767250);
  EXPECT_EQ(T("1405525767", "X1"), 1405525767000);
  EXPECT_EQ(T("1405525767123", "X1000"), 1405525767123);
  EXPECT_TRUE(Fails("soon", "epoch"));
  EXPECT_TRUE(Fails("", "epoch_ms"));
}

TEST(MappedTimeTest, IsoPatterns) {
  // 2014-07-16T15:49:27Z
  EXPECT_EQ(T("2014-07-16T15:49:27Z", "yyyy-MM-dd'T'HH:mm:ssXXX"), 1405525767000);
  EXPECT_EQ(T("2014-07-16T15:49:27Z", "yyyy-MM-dd'T'HH:mm:ss'Z'"), 1405525767000);
  EXPECT_EQ(T("2014-07-16T17:49:27+02:00", "yyyy-MM-dd'T'HH:mm:ssXXX"), 1405525767000);
  EXPECT_EQ(T("2014-07-16T10:49:27-0500", "yyyy-MM-dd'T'HH:mm:ssZ"), 1405525767000);
  EXPECT_EQ(T("2014-07-16T15:49:27.123Z", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"), 1405525767123);
  // Fraction digits are read whatever the S count: Windows writes 7 or 9.
  EXPECT_EQ(T("2014-07-16T15:49:27.1234567Z", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSZ"), 1405525767123);
  EXPECT_EQ(T("2014-07-16T15:49:27.5Z", "yyyy-MM-dd'T'HH:mm:ss.SSSZ"), 1405525767500);
  EXPECT_EQ(T("2014-07-16 15:49:27.123", "yyyy-MM-dd HH:mm:ss.SSS"), 1405525767123);
  EXPECT_EQ(T("2014/07/16 15:49:27", "YYYY/MM/dd HH:mm:ss"), 1405525767000);  // YYYY read as yyyy
  EXPECT_TRUE(Fails("2014-07-16T15:49:27", "yyyy-MM-dd'T'HH:mm:ssXXX"));      // offset required
  EXPECT_TRUE(Fails("2014-02-30T00:00:00", "yyyy-MM-dd'T'HH:mm:ss"));         // no such day
  EXPECT_TRUE(Fails("2014-07-16T15:49:27Zjunk", "yyyy-MM-dd'T'HH:mm:ssXXX"));
}

TEST(MappedTimeTest, ZoneAppliesOnlyWithoutOffsetInText) {
  EXPECT_EQ(T("2014-07-16T17:49:27", "yyyy-MM-dd'T'HH:mm:ss", "+02:00"), 1405525767000);
  EXPECT_EQ(T("2014-07-16T17:49:27", "yyyy-MM-dd'T'HH:mm:ss", "Europe/Berlin"), 1405525767000);  // CEST
  EXPECT_EQ(T("2014-01-16T16:49:27", "yyyy-MM-dd'T'HH:mm:ss", "Europe/Berlin"), 1389887367000);  // CET
  EXPECT_EQ(T("2014-07-16T15:49:27Z", "yyyy-MM-dd'T'HH:mm:ssXXX", "Europe/Berlin"), 1405525767000);
}

TEST(MappedTimeTest, CompileErrorsSayWhy) {
  MappedTimeFormat f;
  std::string error;
  EXPECT_FALSE(f.Compile("MMM dd yyyy", "", &error));
  EXPECT_NE(error.find("'MMM' is not supported"), std::string::npos) << error;
  EXPECT_FALSE(f.Compile("yyyy-MM-dd", "Mars/Olympus", &error));
  EXPECT_NE(error.find("unknown time zone"), std::string::npos) << error;
  EXPECT_FALSE(f.Compile("HH:mm:ss", "", &error));
  EXPECT_NE(error.find("needs a year"), std::string::npos) << error;
  EXPECT_FALSE(f.Compile("yyyy-MM-dd'T", "", &error));
  EXPECT_NE(error.find("unterminated quote"), std::string::npos) << error;
}

}  // namespace
}  // namespace recproc
