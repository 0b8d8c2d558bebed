#include "util/time_pattern.h"

#include <gtest/gtest.h>

#include <optional>
#include <thread>
#include <vector>

namespace recproc {
namespace {

int64_t Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int ms = 0) {
  return ((DaysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60000 + s * 1000 + ms;
}
constexpr int64_t kHour = 3600000;

TimeZone Zone(std::string_view name) {
  TimeZone z;
  EXPECT_TRUE(TimeZone::Lookup(name, &z).ok()) << name;
  return z;
}

// Parses with `pattern`; nullopt when the text does not match.
std::optional<int64_t> P(std::string_view pattern, std::string_view text, const TimeZone& zone = TimeZone(),
                         bool* zone_parsed = nullptr) {
  TimePattern p;
  Status s = TimePattern::Compile(pattern, &p);
  EXPECT_TRUE(s.ok()) << pattern << ": " << s.ToString();
  int64_t ms = 0;
  bool zp = false;
  if (!p.Parse(text, zone, &ms, &zp)) return std::nullopt;
  if (zone_parsed) *zone_parsed = zp;
  return ms;
}

TEST(TimePatternTest, MostUsedMappingPatterns) {
  EXPECT_EQ(P("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSZ", "2024-05-06T07:08:09.123456789+0000"),
            Utc(2024, 5, 6, 7, 8, 9, 123));
  EXPECT_EQ(P("yyyy-MM-dd'T'HH:mm:ss.SSSZ", "2024-05-06T07:08:09.123+0200"), Utc(2024, 5, 6, 5, 8, 9, 123));
  EXPECT_EQ(P("yyyy-MM-dd'T'HH:mm:ss", "2024-05-06T07:08:09"), Utc(2024, 5, 6, 7, 8, 9));
  EXPECT_EQ(P("yyyy-MM-dd'T'HH:mm:ss'Z'", "2024-05-06T07:08:09Z"), Utc(2024, 5, 6, 7, 8, 9));
  EXPECT_EQ(P("yyyy-MM-dd HH:mm:ss.SSS", "2024-05-06 07:08:09.010"), Utc(2024, 5, 6, 7, 8, 9, 10));
  EXPECT_EQ(P("YYYY-MM-dd'T'HH:mm:ss.SSSSSSZ", "2024-05-06T07:08:09.000500-0100"),
            Utc(2024, 5, 6, 8, 8, 9, 0));
  EXPECT_EQ(P("MMM dd yyyy HH:mm:ss zzz", "Jan 02 2024 10:00:00 EST"), Utc(2024, 1, 2, 15));
  EXPECT_EQ(P("dd/MMM/yyyy:HH:mm:ss.SSS", "12/Jan/2011:06:29:59.100"), Utc(2011, 1, 12, 6, 29, 59, 100));
  EXPECT_EQ(P("yyyy-MM-dd'T'HH:mm:ssXXX", "2024-05-06T07:08:09+05:30"), Utc(2024, 5, 6, 1, 38, 9));
  EXPECT_EQ(P("EEE MMM dd HH:mm:ss yyyy", "Tue Jan  2 10:00:00 2024"), Utc(2024, 1, 2, 10));
  EXPECT_EQ(P("yyyy/MM/dd HH:mm:ss", "2024/12/31 23:59:59"), Utc(2024, 12, 31, 23, 59, 59));
}

TEST(TimePatternTest, YearForms) {
  EXPECT_EQ(P("yy-MM-dd", "24-02-29"), Utc(2024, 2, 29));
  EXPECT_EQ(P("yy-MM-dd", "69-01-01"), Utc(2069, 1, 1));
  EXPECT_EQ(P("yy-MM-dd", "70-01-01"), Utc(1970, 1, 1));
  EXPECT_EQ(P("y-M-d", "2024-3-5"), Utc(2024, 3, 5));
  EXPECT_EQ(P("uuuu-MM-dd", "2024-03-05"), Utc(2024, 3, 5));
  EXPECT_FALSE(P("yyyy-MM-dd", "24-03-05"));
}

TEST(TimePatternTest, MonthAndDayNamesAreCaseInsensitive) {
  EXPECT_EQ(P("dd MMMM yyyy", "05 september 2023"), Utc(2023, 9, 5));
  EXPECT_EQ(P("dd MMM yyyy", "05 SEP 2023"), Utc(2023, 9, 5));
  EXPECT_EQ(P("dd MMMM yyyy", "05 Sep 2023"), Utc(2023, 9, 5));
  EXPECT_EQ(P("EEEE, dd MMM yyyy", "Tuesday, 05 Sep 2023"), Utc(2023, 9, 5));
  EXPECT_EQ(P("E dd MMM yyyy", "tue 05 Sep 2023"), Utc(2023, 9, 5));
  EXPECT_FALSE(P("dd MMM yyyy", "05 Spt 2023"));
  EXPECT_FALSE(P("EEE dd MMM yyyy", "Xyz 05 Sep 2023"));
}

TEST(TimePatternTest, TwelveHourClock) {
  EXPECT_EQ(P("yyyy-MM-dd hh:mm:ss a", "2024-01-01 12:00:00 AM"), Utc(2024, 1, 1, 0));
  EXPECT_EQ(P("yyyy-MM-dd hh:mm:ss a", "2024-01-01 12:30:00 pm"), Utc(2024, 1, 1, 12, 30));
  EXPECT_EQ(P("yyyy-MM-dd h:mm a", "2024-01-01 7:05 PM"), Utc(2024, 1, 1, 19, 5));
  EXPECT_FALSE(P("yyyy-MM-dd hh:mm:ss a", "2024-01-01 13:00:00 PM"));
}

TEST(TimePatternTest, FractionDigitsAreLenient) {
  EXPECT_EQ(P("HH:mm:ss.SSS yyyy-MM-dd", "01:02:03.5 2024-01-01"), Utc(2024, 1, 1, 1, 2, 3, 500));
  EXPECT_EQ(P("yyyy-MM-dd HH:mm:ss.SSS", "2024-01-01 01:02:03.123456"), Utc(2024, 1, 1, 1, 2, 3, 123));
  EXPECT_EQ(P("yyyy-MM-dd HH:mm:ss.S", "2024-01-01 01:02:03.999999999"), Utc(2024, 1, 1, 1, 2, 3, 999));
  EXPECT_FALSE(P("yyyy-MM-dd HH:mm:ss.SSS", "2024-01-01 01:02:03."));
}

TEST(TimePatternTest, OffsetLetters) {
  bool zp = false;
  EXPECT_EQ(P("yyyy-MM-dd HH:mm Z", "2024-01-01 10:00 +0100", TimeZone(), &zp), Utc(2024, 1, 1, 9));
  EXPECT_TRUE(zp);
  EXPECT_EQ(P("yyyy-MM-dd HH:mm Z", "2024-01-01 10:00 +01:00"), Utc(2024, 1, 1, 9));
  EXPECT_EQ(P("yyyy-MM-dd HH:mm ZZ", "2024-01-01 10:00 -05:00"), Utc(2024, 1, 1, 15));
  EXPECT_EQ(P("yyyy-MM-dd HH:mm ZZZ", "2024-01-01 10:00 Europe/Berlin"), Utc(2024, 1, 1, 9));
  EXPECT_EQ(P("yyyy-MM-dd HH:mmX", "2024-01-01 10:00Z"), Utc(2024, 1, 1, 10));
  EXPECT_EQ(P("yyyy-MM-dd HH:mmX", "2024-01-01 10:00+02"), Utc(2024, 1, 1, 8));
  EXPECT_EQ(P("yyyy-MM-dd HH:mmXX", "2024-01-01 10:00-0230"), Utc(2024, 1, 1, 12, 30));
  EXPECT_EQ(P("yyyy-MM-dd HH:mmXXX", "2024-01-01 10:00+05:30"), Utc(2024, 1, 1, 4, 30));
  EXPECT_FALSE(P("yyyy-MM-dd HH:mmXXX", "2024-01-01 10:00 Europe/Berlin"));
}

TEST(TimePatternTest, ZoneAbbreviationsAndIds) {
  bool zp = false;
  EXPECT_EQ(P("yyyy-MM-dd HH:mm z", "2024-07-01 10:00 PDT", TimeZone(), &zp), Utc(2024, 7, 1, 17));
  EXPECT_TRUE(zp);
  EXPECT_EQ(P("yyyy-MM-dd HH:mm z", "2024-07-01 10:00 CEST"), Utc(2024, 7, 1, 8));
  EXPECT_EQ(P("yyyy-MM-dd HH:mm z", "2024-07-01 10:00 CST"), Utc(2024, 7, 1, 16));
  EXPECT_EQ(P("yyyy-MM-dd HH:mm z", "2024-07-01 10:00 BST"), Utc(2024, 7, 1, 9));
  EXPECT_EQ(P("yyyy-MM-dd HH:mm zzz", "2024-07-01 10:00 UTC"), Utc(2024, 7, 1, 10));
  EXPECT_EQ(P("yyyy-MM-dd HH:mm zzz", "2024-07-01 10:00 GMT"), Utc(2024, 7, 1, 10));
  EXPECT_EQ(P("yyyy-MM-dd HH:mm z", "2024-07-01 10:00 America/New_York"), Utc(2024, 7, 1, 14));
  EXPECT_FALSE(P("yyyy-MM-dd HH:mm z", "2024-07-01 10:00 XYZT"));
  EXPECT_EQ(P("yyyy-MM-dd HH:mm VV", "2024-01-15 10:00 America/New_York"), Utc(2024, 1, 15, 15));
  EXPECT_FALSE(P("yyyy-MM-dd HH:mm VV", "2024-01-15 10:00 Nowhere/Land"));
}

TEST(TimePatternTest, NoZoneUsesDefaultZone) {
  bool zp = true;
  EXPECT_EQ(P("yyyy-MM-dd HH:mm:ss", "2024-07-01 12:00:00", Zone("Europe/Berlin"), &zp), Utc(2024, 7, 1, 10));
  EXPECT_FALSE(zp);
  // A zone in the text wins over the default.
  EXPECT_EQ(P("yyyy-MM-dd HH:mm:ssXXX", "2024-07-01 12:00:00Z", Zone("Europe/Berlin")), Utc(2024, 7, 1, 12));
}

TEST(TimePatternTest, DstThroughDefaultZone) {
  const TimeZone berlin = Zone("Europe/Berlin");
  EXPECT_EQ(P("yyyy-MM-dd HH:mm", "2024-03-31 02:30", berlin), Utc(2024, 3, 31, 1, 30));
  EXPECT_EQ(P("yyyy-MM-dd HH:mm", "2024-10-27 02:30", berlin), Utc(2024, 10, 27, 0, 30));
  const TimeZone ny = Zone("America/New_York");
  EXPECT_EQ(P("yyyy-MM-dd HH:mm", "2024-03-10 02:30", ny), Utc(2024, 3, 10, 7, 30));
  EXPECT_EQ(P("yyyy-MM-dd HH:mm", "2024-11-03 01:30", ny), Utc(2024, 11, 3, 5, 30));
}

TEST(TimePatternTest, NewYearAndLeapDays) {
  EXPECT_EQ(P("yyyy-MM-dd HH:mm:ss", "2023-12-31 23:59:59"), Utc(2024, 1, 1) - 1000);
  EXPECT_EQ(P("yyyy-MM-dd HH:mm:ss", "2024-01-01 00:00:00"), 1704067200000);
  EXPECT_EQ(P("yyyy-MM-dd", "2024-02-29"), Utc(2024, 2, 29));
  EXPECT_FALSE(P("yyyy-MM-dd", "2023-02-29"));
  EXPECT_FALSE(P("yyyy-MM-dd", "2024-02-30"));
  EXPECT_FALSE(P("yyyy-MM-dd HH:mm", "2024-01-01 25:00"));
  EXPECT_FALSE(P("yyyy-MM-dd HH:mm", "2024-01-01 24:00"));
  EXPECT_FALSE(P("yyyy-MM-dd HH:mm", "2024-01-01 10:60"));
  EXPECT_FALSE(P("yyyy-MM-dd HH:mm:ss", "2024-01-01 10:00:60"));
  EXPECT_FALSE(P("yyyy-MM-dd", "2024-13-01"));
}

TEST(TimePatternTest, AdjacentNumericFieldsUseFixedWidths) {
  EXPECT_EQ(P("yyyyMMddHHmmss", "20240229235958"), Utc(2024, 2, 29, 23, 59, 58));
  EXPECT_EQ(P("yyyyMMdd'T'HHmmss.SSS", "20240229T235958.250"), Utc(2024, 2, 29, 23, 59, 58, 250));
  EXPECT_FALSE(P("yyyyMMdd", "2024229"));
}

TEST(TimePatternTest, QuotedLiteralsAndSpaces) {
  EXPECT_EQ(P("yyyy-MM-dd'T'HH:mm", "2024-01-01T10:00"), Utc(2024, 1, 1, 10));
  EXPECT_EQ(P("''yyyy''", "'2024'"), Utc(2024, 1, 1));
  EXPECT_EQ(P("'at' HH:mm 'on' yyyy-MM-dd", "at 10:00 on 2024-01-01"), Utc(2024, 1, 1, 10));
  EXPECT_EQ(P("'it''s' yyyy", "it's 2024"), Utc(2024, 1, 1));
  // A literal space absorbs the syslog-style padding before a one-digit day.
  EXPECT_EQ(P("MMM dd yyyy", "Oct  1 2023"), Utc(2023, 10, 1));
  EXPECT_FALSE(P("yyyy-MM-dd'T'HH:mm", "2024-01-01 10:00"));
}

TEST(TimePatternTest, TrailingTextRejectedButTrailingSpaceAllowed) {
  EXPECT_EQ(P("yyyy-MM-dd", "2024-01-01  "), Utc(2024, 1, 1));
  EXPECT_FALSE(P("yyyy-MM-dd", "2024-01-01x"));
  EXPECT_FALSE(P("yyyy-MM-dd", ""));
}

TEST(TimePatternTest, PatternWithoutYearReportsIt) {
  TimePattern p;
  ASSERT_TRUE(TimePattern::Compile("MMM dd HH:mm:ss", &p).ok());
  EXPECT_FALSE(p.has_year());
  int64_t ms = 0;
  bool zp = false;
  ASSERT_TRUE(p.Parse("Jan  5 08:52:35", TimeZone(), &ms, &zp));
  EXPECT_EQ(ms, Utc(1970, 1, 5, 8, 52, 35));
  ASSERT_TRUE(TimePattern::Compile("YYYY", &p).ok());
  EXPECT_TRUE(p.has_year());
}

TEST(TimePatternTest, EpochForms) {
  bool zp = false;
  EXPECT_EQ(P("epoch", "1456029177", Zone("Europe/Berlin"), &zp), 1456029177000);
  EXPECT_TRUE(zp);
  EXPECT_EQ(P("epoch", "1456029177.25"), 1456029177250);
  EXPECT_EQ(P("epoch_float", "1456029177.123456"), 1456029177123);
  EXPECT_EQ(P("X1", "1456029177"), 1456029177000);
  EXPECT_EQ(P("epoch_ms", "1456029177123"), 1456029177123);
  EXPECT_EQ(P("X1000", "1456029177123"), 1456029177123);
  EXPECT_EQ(P("epoch", "-1"), -1000);
  EXPECT_FALSE(P("epoch", "abc"));
  EXPECT_FALSE(P("epoch", "12x"));
  EXPECT_FALSE(P("epoch", "1."));
}

TEST(TimePatternTest, EpochMicrosAndNanosTruncateToMillis) {
  // 2024-03-01T12:00:01.123999Z: .999 below the ms is dropped, not rounded.
  EXPECT_EQ(P("epoch_us", "1709294401123999"), Utc(2024, 3, 1, 12, 0, 1, 123));
  EXPECT_EQ(P("X1000000", "1709294401123999"), Utc(2024, 3, 1, 12, 0, 1, 123));
  EXPECT_EQ(P("epoch_ns", "1709294401123999999"), Utc(2024, 3, 1, 12, 0, 1, 123));
  EXPECT_EQ(P("X1000000000", "1709294401000000000"), Utc(2024, 3, 1, 12, 0, 1));
  EXPECT_EQ(P("epoch_us", "1709294401123456.9"), Utc(2024, 3, 1, 12, 0, 1, 123));
  bool zp = false;
  EXPECT_EQ(P("epoch_ns", " 1709294401123456789 ", Zone("Europe/Berlin"), &zp),
            Utc(2024, 3, 1, 12, 0, 1, 123));
  EXPECT_TRUE(zp);
  // New Year in ns: the last ms of 2023 and the first of 2024.
  EXPECT_EQ(P("epoch_ns", "1704067199999999999"), Utc(2023, 12, 31, 23, 59, 59, 999));
  EXPECT_EQ(P("epoch_ns", "1704067200000000000"), Utc(2024, 1, 1));
  EXPECT_EQ(P("epoch_us", "0"), 0);
}

TEST(TimePatternTest, EpochSubSecondFormsRejectNegativeAndOutOfRange) {
  EXPECT_FALSE(P("epoch_us", "-1709294401123456"));
  EXPECT_FALSE(P("epoch_ns", "-1"));
  EXPECT_FALSE(P("epoch_auto", "-1709294401"));
  // 20 digits do not fit; 9999-12-31T23:59:59.999999 is the last us accepted.
  EXPECT_FALSE(P("epoch_ns", "17092944011234567890"));
  EXPECT_EQ(P("epoch_us", "253402300799999999"), int64_t{253402300799999});
  EXPECT_FALSE(P("epoch_us", "253402300800000000"));
  EXPECT_FALSE(P("epoch_us", "12a"));
  EXPECT_FALSE(P("epoch_ns", ""));
  EXPECT_FALSE(P("epoch_ns", "."));
}

TEST(TimePatternTest, EpochAutoPicksTheUnitFromTheMagnitude) {
  // FortiGate eventtime by firmware: s, ms, us, ns of 2024-03-01T12:00:01.123456789Z.
  EXPECT_EQ(P("epoch_auto", "1709294401"), Utc(2024, 3, 1, 12, 0, 1));
  EXPECT_EQ(P("epoch_auto", "1709294401.5"), Utc(2024, 3, 1, 12, 0, 1, 500));
  EXPECT_EQ(P("epoch_auto", "1709294401123"), Utc(2024, 3, 1, 12, 0, 1, 123));
  EXPECT_EQ(P("epoch_auto", "1709294401123456"), Utc(2024, 3, 1, 12, 0, 1, 123));
  EXPECT_EQ(P("epoch_auto", "1709294401123456789"), Utc(2024, 3, 1, 12, 0, 1, 123));
  // The thresholds: 99999999999 is seconds (year 5138), 1e11 is ms (1973).
  EXPECT_EQ(P("epoch_auto", "99999999999"), int64_t{99999999999000});
  EXPECT_EQ(P("epoch_auto", "100000000000"), int64_t{100000000000});
  EXPECT_EQ(P("epoch_auto", "99999999999999"), int64_t{99999999999999});
  EXPECT_EQ(P("epoch_auto", "100000000000000"), int64_t{100000000000});
  EXPECT_EQ(P("epoch_auto", "99999999999999999"), int64_t{99999999999999});
  EXPECT_EQ(P("epoch_auto", "100000000000000000"), int64_t{100000000000});
  EXPECT_EQ(P("epoch_auto", "0"), 0);
}

TEST(TimePatternTest, CompileErrorsNameTheProblem) {
  TimePattern p;
  Status s = TimePattern::Compile("yyyy-MM-ddTHH:mm", &p);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("'T' at position 11"), std::string::npos) << s.message();
  EXPECT_FALSE(TimePattern::Compile("yyyy-MM-dd'T", &p).ok());
  EXPECT_FALSE(TimePattern::Compile("", &p).ok());
  EXPECT_FALSE(TimePattern::Compile("SSSSSSSSSS", &p).ok());
}

TEST(ParseIso8601Test, Forms) {
  const TimeZone berlin = Zone("Europe/Berlin");
  int64_t ms = 0;
  bool zp = true;
  ASSERT_TRUE(ParseIso8601("2024-07-01", berlin, &ms, &zp));
  EXPECT_EQ(ms, Utc(2024, 6, 30, 22));
  EXPECT_FALSE(zp);
  ASSERT_TRUE(ParseIso8601("2024-07-01T12:00", TimeZone(), &ms));
  EXPECT_EQ(ms, Utc(2024, 7, 1, 12));
  ASSERT_TRUE(ParseIso8601("2024-07-01 12:00:01", berlin, &ms));
  EXPECT_EQ(ms, Utc(2024, 7, 1, 10, 0, 1));
  ASSERT_TRUE(ParseIso8601("2024-07-01T12:00:01.5Z", berlin, &ms, &zp));
  EXPECT_EQ(ms, Utc(2024, 7, 1, 12, 0, 1, 500));
  EXPECT_TRUE(zp);
  ASSERT_TRUE(ParseIso8601("2024-07-01T12:00:01,123456-07:00", berlin, &ms));
  EXPECT_EQ(ms, Utc(2024, 7, 1, 19, 0, 1, 123));
  ASSERT_TRUE(ParseIso8601("2024-07-01T12:00:01+0130", berlin, &ms));
  EXPECT_EQ(ms, Utc(2024, 7, 1, 10, 30, 1));
  ASSERT_TRUE(ParseIso8601("2024-07-01 12:00:01 UTC", berlin, &ms));
  EXPECT_EQ(ms, Utc(2024, 7, 1, 12, 0, 1));
  ASSERT_TRUE(ParseIso8601("2024-07-01t12:00:01z", berlin, &ms));
  EXPECT_EQ(ms, Utc(2024, 7, 1, 12, 0, 1));
  EXPECT_FALSE(ParseIso8601("2024-02-30", berlin, &ms));
  EXPECT_FALSE(ParseIso8601("2024-07-01T25:00", berlin, &ms));
  EXPECT_FALSE(ParseIso8601("2024-07-01T12", berlin, &ms));
  EXPECT_FALSE(ParseIso8601("2024-07-01T12:00:00 junk", berlin, &ms));
  EXPECT_FALSE(ParseIso8601("Jul 1 2024", berlin, &ms));
}

// Compiled patterns and zones are shared by worker threads.
TEST(TimePatternTest, SharedAcrossThreads) {
  TimePattern p;
  ASSERT_TRUE(TimePattern::Compile("yyyy-MM-dd HH:mm:ss VV", &p).ok());
  TimeZone berlin;
  ASSERT_TRUE(TimeZone::Lookup("Europe/Berlin", &berlin).ok());
  std::vector<std::thread> threads;
  std::vector<int> good(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        int64_t ms = 0;
        bool zp = false;
        TimeZone z;
        const bool ok = p.Parse("2024-07-01 12:00:00 America/New_York", berlin, &ms, &zp) &&
                        ms == Utc(2024, 7, 1, 16) &&
                        TimeZone::Lookup(i % 2 ? "Asia/Tokyo" : "+02:00", &z).ok();
        good[t] += ok;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(good, std::vector<int>(4, 500));
}

}  // namespace
}  // namespace recproc
