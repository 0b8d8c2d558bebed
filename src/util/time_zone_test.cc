#include "util/time_zone.h"

#include <gtest/gtest.h>

namespace recproc {
namespace {

TimeZone Zone(std::string_view name) {
  TimeZone z;
  Status s = TimeZone::Lookup(name, &z);
  EXPECT_TRUE(s.ok()) << name << ": " << s.ToString();
  return z;
}

TEST(TimeZoneTest, DefaultIsUtc) {
  TimeZone z;
  EXPECT_TRUE(z.is_fixed());
  EXPECT_EQ(z.LocalToUtcMs({2024, 1, 1, 0, 0, 0, 0}), 1704067200000);
  EXPECT_EQ(z.OffsetSeconds(0), 0);
}

TEST(TimeZoneTest, LookupAcceptsUtcNamesAndOffsets) {
  for (std::string_view name : {"UTC", "utc", "Z", "GMT", "UT"}) EXPECT_EQ(Zone(name), TimeZone()) << name;
  EXPECT_EQ(Zone("+07:00").fixed_offset_seconds(), 7 * 3600);
  EXPECT_EQ(Zone("-0500").fixed_offset_seconds(), -5 * 3600);
  EXPECT_EQ(Zone("+7").fixed_offset_seconds(), 7 * 3600);
  EXPECT_EQ(Zone("+05:30").fixed_offset_seconds(), 5 * 3600 + 1800);
  EXPECT_EQ(Zone("GMT+01:00").fixed_offset_seconds(), 3600);
  EXPECT_EQ(Zone("UTC-3").fixed_offset_seconds(), -3 * 3600);
}

TEST(TimeZoneTest, LookupRejectsBadNames) {
  TimeZone z;
  Status s = TimeZone::Lookup("Europe/Berlinn", &z);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("Europe/Berlinn"), std::string::npos);
  EXPECT_FALSE(TimeZone::Lookup("+19:00", &z).ok());
  EXPECT_FALSE(TimeZone::Lookup("+07:61", &z).ok());
  EXPECT_FALSE(TimeZone::Lookup("+07:", &z).ok());
  EXPECT_FALSE(TimeZone::Lookup("", &z).ok());
}

TEST(TimeZoneTest, IanaZoneHasNameAndDstOffsets) {
  TimeZone berlin = Zone("Europe/Berlin");
  EXPECT_FALSE(berlin.is_fixed());
  EXPECT_EQ(berlin.name(), "Europe/Berlin");
  EXPECT_EQ(berlin.OffsetSeconds(1704067200000), 3600);  // 2024-01-01: CET
  EXPECT_EQ(berlin.OffsetSeconds(1719828000000), 7200);  // 2024-07-01: CEST
  EXPECT_EQ(berlin.LocalToUtcMs({2024, 7, 1, 12, 0, 0, 0}), 1719828000000);
}

TEST(TimeZoneTest, SpringForwardGapShiftsForwardLikeJavaTime) {
  // Berlin 2024-03-31 02:30 does not exist; java.time gives 03:30 CEST = 01:30Z.
  EXPECT_EQ(Zone("Europe/Berlin").LocalToUtcMs({2024, 3, 31, 2, 30, 0, 0}), 1711848600000);
  // New York 2024-03-10 02:30 -> 03:30 EDT = 07:30Z.
  EXPECT_EQ(Zone("America/New_York").LocalToUtcMs({2024, 3, 10, 2, 30, 0, 0}), 1710055800000);
}

TEST(TimeZoneTest, FallBackOverlapTakesEarlierOffset) {
  // Berlin 2024-10-27 02:30 happens twice; the earlier is CEST = 00:30Z.
  EXPECT_EQ(Zone("Europe/Berlin").LocalToUtcMs({2024, 10, 27, 2, 30, 0, 0}), 1729989000000);
  // New York 2024-11-03 01:30 -> EDT = 05:30Z.
  EXPECT_EQ(Zone("America/New_York").LocalToUtcMs({2024, 11, 3, 1, 30, 0, 0}), 1730611800000);
  // One hour later the offset is unambiguous again (EST).
  EXPECT_EQ(Zone("America/New_York").LocalToUtcMs({2024, 11, 3, 2, 30, 0, 0}), 1730619000000);
}

TEST(TimeZoneTest, FixedOffsetSubtractsOffset) {
  EXPECT_EQ(Zone("-07:00").LocalToUtcMs({2003, 8, 24, 5, 14, 15, 0}), 1061727255000);
}

TEST(TimeZoneTest, LookupIsCachedAndStable) {
  TimeZone a = Zone("America/New_York");
  TimeZone b = Zone("America/New_York");
  EXPECT_EQ(a, b);
}

TEST(ParseUtcOffsetTest, Forms) {
  int s = 0;
  size_t used = 0;
  ASSERT_TRUE(ParseUtcOffset("+0100 rest", &s, &used));
  EXPECT_EQ(s, 3600);
  EXPECT_EQ(used, 5u);
  ASSERT_TRUE(ParseUtcOffset("-02:30", &s, &used));
  EXPECT_EQ(s, -9000);
  EXPECT_EQ(used, 6u);
  ASSERT_TRUE(ParseUtcOffset("Z", &s, &used));
  EXPECT_EQ(s, 0);
  ASSERT_TRUE(ParseUtcOffset("+05", &s, &used));
  EXPECT_EQ(s, 5 * 3600);
  EXPECT_FALSE(ParseUtcOffset("+24:00", &s, &used));
  EXPECT_FALSE(ParseUtcOffset("+01:99", &s, &used));
  EXPECT_FALSE(ParseUtcOffset("0100", &s, &used));
}

// now = 2026-01-01T00:30:00Z
constexpr int64_t kNewYear2026 = 1767225600000 + 30 * 60 * 1000;

TEST(ResolveYearlessTest, DecemberReadInJanuaryIsLastYear) {
  EXPECT_EQ(ResolveYearless({0, 12, 31, 23, 59, 0, 0}, TimeZone(), kNewYear2026), 1767225540000);
}

TEST(ResolveYearlessTest, JustAfterNowIsThisYearAndSlightlyAheadIsAccepted) {
  // Jan 1 00:40 is 10 minutes ahead of now: still this year.
  EXPECT_EQ(ResolveYearless({0, 1, 1, 0, 40, 0, 0}, TimeZone(), kNewYear2026), 1767225600000 + 40 * 60000);
  // Read on Dec 31 23:50, Jan 1 00:10 is next year (sender clock slightly ahead).
  EXPECT_EQ(ResolveYearless({0, 1, 1, 0, 10, 0, 0}, TimeZone(), 1767225600000 - 10 * 60000),
            1767225600000 + 10 * 60000);
}

TEST(ResolveYearlessTest, TwoMonthsAheadIsLastYear) {
  // now = 2024-03-01T00:00Z; May 1 would be two months ahead -> 2023-05-01.
  const int64_t now = DaysFromCivil(2024, 3, 1) * 86400000;
  EXPECT_EQ(ResolveYearless({0, 5, 1, 0, 0, 0, 0}, TimeZone(), now), DaysFromCivil(2023, 5, 1) * 86400000);
}

TEST(ResolveYearlessTest, LeapDayGoesToLastLeapYear) {
  const int64_t now = DaysFromCivil(2026, 6, 1) * 86400000;
  EXPECT_EQ(ResolveYearless({0, 2, 29, 12, 0, 0, 0}, TimeZone(), now), 1709208000000);  // 2024-02-29 12:00Z
  EXPECT_EQ(ResolveYearless({0, 2, 30, 12, 0, 0, 0}, TimeZone(), now), INT64_MIN);
}

TEST(ResolveYearlessTest, UsesTheZone) {
  // 2024-07-01 14:00 Berlin = 12:00Z; now = 2024-08-01.
  const int64_t now = DaysFromCivil(2024, 8, 1) * 86400000;
  EXPECT_EQ(ResolveYearless({0, 7, 1, 14, 0, 0, 0}, Zone("Europe/Berlin"), now), 1719835200000);
}

TEST(ResolveYearlessTest, AZoneAheadOfUtcReachesNextYearBeforeUtcDoes) {
  // now = 2025-12-31T10:00Z, 14 hours before New Year in UTC. Jan 1 09:00 at
  // +14:00 (Kiritimati) is 2025-12-31T19:00Z: next year's date, nine hours
  // ahead of now. Read in UTC the same text is ~22 hours ahead: also next year.
  const int64_t now = DaysFromCivil(2025, 12, 31) * 86400000 + 10 * 3600000;
  const int64_t jan1_2026 = DaysFromCivil(2026, 1, 1) * 86400000;
  EXPECT_EQ(ResolveYearless({0, 1, 1, 9, 0, 0, 0}, Zone("Pacific/Kiritimati"), now), jan1_2026 - 5 * 3600000);
  EXPECT_EQ(ResolveYearless({0, 1, 1, 9, 0, 0, 0}, TimeZone(), now), jan1_2026 + 9 * 3600000);
  // 37 hours before New Year in UTC, Jan 1 00:00 at +14:00 is
  // 2025-12-31T10:00Z, 23 hours ahead of now: still next year.
  EXPECT_EQ(ResolveYearless({0, 1, 1, 0, 0, 0, 0}, Zone("Pacific/Kiritimati"), jan1_2026 - 37 * 3600000),
            jan1_2026 - 14 * 3600000);
  // Two days before New Year, Jan 1 is last year's in every zone.
  const int64_t earlier = now - 2 * 86400000;
  EXPECT_EQ(ResolveYearless({0, 1, 1, 9, 0, 0, 0}, Zone("Pacific/Kiritimati"), earlier),
            DaysFromCivil(2025, 1, 1) * 86400000 - 5 * 3600000);
}

TEST(ResolveYearlessTest, EachCallUsesItsOwnNow) {
  // The same thread alternating between two nows a year apart.
  const CivilTime june1 = {0, 6, 1, 0, 0, 0, 0};
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(ResolveYearless(june1, TimeZone(), DaysFromCivil(2024, 7, 1) * 86400000),
              DaysFromCivil(2024, 6, 1) * 86400000);
    EXPECT_EQ(ResolveYearless(june1, TimeZone(), DaysFromCivil(2025, 7, 1) * 86400000),
              DaysFromCivil(2025, 6, 1) * 86400000);
    EXPECT_EQ(ResolveYearless(june1, TimeZone(), DaysFromCivil(2025, 5, 1) * 86400000),
              DaysFromCivil(2024, 6, 1) * 86400000);
  }
}

}  // namespace
}  // namespace recproc
