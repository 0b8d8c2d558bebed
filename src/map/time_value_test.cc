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
  EXPECT_FALSE(f.Compile("MMM dd HH:mm:ss", "", &error));
  EXPECT_NE(error.find("time format 'MMM dd HH:mm:ss' has no year"), std::string::npos) << error;
  EXPECT_FALSE(f.Compile("yyyy-MM-dd", "Mars/Olympus", &error));
  EXPECT_NE(error.find("unknown time zone 'Mars/Olympus'"), std::string::npos) << error;
  EXPECT_FALSE(f.Compile("yyyy-MM-ddTHH:mm", "", &error));
  EXPECT_NE(error.find("unsupported letter 'T' at position 11"), std::string::npos) << error;
  EXPECT_FALSE(f.Compile("yyyy-MM-dd'T", "", &error));
  EXPECT_NE(error.find("unterminated quote"), std::string::npos) << error;
  EXPECT_FALSE(f.Compile("", "", &error));
  EXPECT_NE(error.find("a time format is required"), std::string::npos) << error;
}

// The mapping reads every form the parser profiles read (one engine).
TEST(MappedTimeTest, SameFormsAsParserProfiles) {
  EXPECT_EQ(T("Mar 01 2024 12:00:01 EST", "MMM dd yyyy HH:mm:ss zzz"), 1709312401000);
  EXPECT_EQ(T("01/Mar/2024:12:00:01 -0500", "dd/MMM/yyyy:HH:mm:ss Z"), 1709312401000);
  EXPECT_EQ(T("1709312401123456", "epoch_us"), 1709312401123);
  EXPECT_EQ(T("1709312401123456789", "epoch_ns"), 1709312401123);
  EXPECT_EQ(T("1709312401123456789", "epoch_auto"), 1709312401123);
  EXPECT_EQ(T("1709312401", "epoch_auto"), 1709312401000);
  EXPECT_EQ(T("  1709312401123 ", "epoch_ms"), 1709312401123);  // padded values are trimmed
  EXPECT_TRUE(Fails("-1709312401123456", "epoch_us"));
  EXPECT_TRUE(Fails("   ", "epoch_auto"));
}

TEST(MappedTimeTest, DstAndNewYearInTheConfiguredZone) {
  // New York 2024-03-10: 02:30 does not exist; java.time moves it forward by
  // the gap (03:30 EDT = 07:30Z). 2024-11-03 01:30 exists twice: the earlier
  // (EDT, 05:30Z) is taken.
  EXPECT_EQ(T("2024-03-10 02:30:00", "yyyy-MM-dd HH:mm:ss", "America/New_York"), 1710055800000);
  EXPECT_EQ(T("2024-03-10 01:59:59", "yyyy-MM-dd HH:mm:ss", "America/New_York"), 1710053999000);
  EXPECT_EQ(T("2024-11-03 01:30:00", "yyyy-MM-dd HH:mm:ss", "America/New_York"), 1730611800000);
  EXPECT_EQ(T("2024-11-03 02:30:00", "yyyy-MM-dd HH:mm:ss", "America/New_York"), 1730619000000);
  // New Year in Berlin (CET): 2024-01-01 00:30 local is 2023-12-31 23:30Z.
  EXPECT_EQ(T("2024-01-01 00:30:00.250", "yyyy-MM-dd HH:mm:ss.SSS", "Europe/Berlin"), 1704065400250);
  EXPECT_EQ(T("2023-12-31 23:59:59.999", "yyyy-MM-dd HH:mm:ss.SSS", "UTC"), 1704067199999);
}

}  // namespace
}  // namespace recproc
