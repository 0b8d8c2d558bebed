#include "util/civil_time.h"

#include <gtest/gtest.h>

namespace recproc {
namespace {

TEST(CivilTimeTest, DaysFromCivilMatchesKnownDates) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(2024, 1, 1), 19723);  // 1704067200 / 86400
}

TEST(CivilTimeTest, LeapYearsAndMonthLengths) {
  EXPECT_TRUE(IsLeapYear(2024));
  EXPECT_FALSE(IsLeapYear(2023));
  EXPECT_FALSE(IsLeapYear(1900));
  EXPECT_TRUE(IsLeapYear(2000));
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2023, 2), 28);
  EXPECT_EQ(DaysInMonth(2023, 4), 30);
  EXPECT_EQ(DaysInMonth(2023, 13), 0);
}

TEST(CivilTimeTest, ValidityRejectsImpossibleFields) {
  EXPECT_TRUE(IsValidCivil({2024, 2, 29, 23, 59, 59, 999'999'999}));
  EXPECT_FALSE(IsValidCivil({2023, 2, 29, 0, 0, 0, 0}));
  EXPECT_FALSE(IsValidCivil({2023, 2, 30, 0, 0, 0, 0}));
  EXPECT_FALSE(IsValidCivil({2023, 1, 1, 24, 0, 0, 0}));
  EXPECT_FALSE(IsValidCivil({2023, 1, 1, 0, 60, 0, 0}));
  EXPECT_FALSE(IsValidCivil({2023, 1, 1, 0, 0, 60, 0}));
  EXPECT_FALSE(IsValidCivil({2023, 0, 1, 0, 0, 0, 0}));
}

TEST(CivilTimeTest, LocalMsTruncatesNanos) {
  EXPECT_EQ(CivilToLocalMs({2003, 10, 11, 22, 14, 15, 3'999'999}), 1065910455003);
  EXPECT_EQ(CivilToLocalMs({1969, 12, 31, 23, 59, 59, 0}), -1000);
}

}  // namespace
}  // namespace recproc
