#include "daemon/cron.h"

#include <date/tz.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace recproc {
namespace {

// ms since the epoch of a UTC wall time.
int64_t Utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0) {
  date::sys_days day = date::year{y} / date::month{mo} / date::day{d};
  return (static_cast<int64_t>(day.time_since_epoch().count()) * 86400 + h * 3600 + mi * 60) * 1000;
}

CronExpr MustParse(std::string_view text) {
  CronExpr e;
  Status s = CronExpr::Parse(text, &e);
  EXPECT_TRUE(s.ok()) << text << ": " << s.message();
  return e;
}

std::string ParseError(std::string_view text) {
  CronExpr e;
  Status s = CronExpr::Parse(text, &e);
  EXPECT_FALSE(s.ok()) << text;
  return s.message();
}

const date::time_zone* Berlin() { return date::locate_zone("Europe/Berlin"); }
const date::time_zone* NewYork() { return date::locate_zone("America/New_York"); }

TEST(CronExprTest, StarStepAndList) {
  CronExpr e = MustParse("*/15 * * * *");
  EXPECT_EQ(e.NextAfter(Utc(2026, 5, 4, 10, 7), nullptr), Utc(2026, 5, 4, 10, 15));
  EXPECT_EQ(e.NextAfter(Utc(2026, 5, 4, 10, 15), nullptr), Utc(2026, 5, 4, 10, 30));
  EXPECT_EQ(e.NextAfter(Utc(2026, 5, 4, 23, 50), nullptr), Utc(2026, 5, 5, 0, 0));
  CronExpr list = MustParse("5,10,50 3 * * *");
  EXPECT_EQ(list.NextAfter(Utc(2026, 5, 4, 3, 10), nullptr), Utc(2026, 5, 4, 3, 50));
  EXPECT_EQ(list.NextAfter(Utc(2026, 5, 4, 3, 50), nullptr), Utc(2026, 5, 5, 3, 5));
}

TEST(CronExprTest, RangeWithStep) {
  CronExpr e = MustParse("1-30/5 * * * *");  // 1,6,11,16,21,26
  EXPECT_EQ(e.NextAfter(Utc(2026, 5, 4, 10, 0), nullptr), Utc(2026, 5, 4, 10, 1));
  EXPECT_EQ(e.NextAfter(Utc(2026, 5, 4, 10, 1), nullptr), Utc(2026, 5, 4, 10, 6));
  EXPECT_EQ(e.NextAfter(Utc(2026, 5, 4, 10, 26), nullptr), Utc(2026, 5, 4, 11, 1));
  // "a/n" reads as a-max/n.
  CronExpr from = MustParse("50/5 * * * *");
  EXPECT_EQ(from.NextAfter(Utc(2026, 5, 4, 10, 0), nullptr), Utc(2026, 5, 4, 10, 50));
  EXPECT_EQ(from.NextAfter(Utc(2026, 5, 4, 10, 55), nullptr), Utc(2026, 5, 4, 11, 50));
}

TEST(CronExprTest, NextAfterIsStrictAndIgnoresSubMinuteOffsets) {
  CronExpr e = MustParse("0 12 * * *");
  EXPECT_EQ(e.NextAfter(Utc(2026, 5, 4, 12, 0), nullptr), Utc(2026, 5, 5, 12, 0));
  EXPECT_EQ(e.NextAfter(Utc(2026, 5, 4, 12, 0) - 1, nullptr), Utc(2026, 5, 4, 12, 0));
  EXPECT_EQ(e.PrevAtOrBefore(Utc(2026, 5, 4, 12, 0), nullptr), Utc(2026, 5, 4, 12, 0));
  EXPECT_EQ(e.PrevAtOrBefore(Utc(2026, 5, 4, 12, 0) - 1, nullptr), Utc(2026, 5, 3, 12, 0));
}

TEST(CronExprTest, MonthAndDayNamesAreCaseInsensitive) {
  CronExpr e = MustParse("0 9 * Jun-aug MON-fri");
  // 2026-05-31 is a Sunday; June 1 is a Monday.
  EXPECT_EQ(e.NextAfter(Utc(2026, 5, 4), nullptr), Utc(2026, 6, 1, 9, 0));
  // Friday Aug 28 -> next is Monday Aug 31, then nothing until next June.
  EXPECT_EQ(e.NextAfter(Utc(2026, 8, 28, 9, 0), nullptr), Utc(2026, 8, 31, 9, 0));
  EXPECT_EQ(e.NextAfter(Utc(2026, 8, 31, 9, 0), nullptr), Utc(2027, 6, 1, 9, 0));
  CronExpr step = MustParse("0 0 1 jan-dec/3 *");  // Jan, Apr, Jul, Oct
  EXPECT_EQ(step.NextAfter(Utc(2026, 1, 1), nullptr), Utc(2026, 4, 1));
}

TEST(CronExprTest, SevenIsSunday) {
  CronExpr seven = MustParse("0 0 * * 7");
  CronExpr zero = MustParse("0 0 * * 0");
  CronExpr name = MustParse("0 0 * * sun");
  // 2026-05-10 is a Sunday.
  EXPECT_EQ(seven.NextAfter(Utc(2026, 5, 4), nullptr), Utc(2026, 5, 10));
  EXPECT_EQ(zero.NextAfter(Utc(2026, 5, 4), nullptr), Utc(2026, 5, 10));
  EXPECT_EQ(name.NextAfter(Utc(2026, 5, 4), nullptr), Utc(2026, 5, 10));
  CronExpr weekend = MustParse("0 0 * * 6-7");  // Saturday and Sunday
  EXPECT_EQ(weekend.NextAfter(Utc(2026, 5, 9), nullptr), Utc(2026, 5, 10));
}

TEST(CronExprTest, Macros) {
  struct Case {
    const char* macro;
    int64_t next;  // after 2026-05-04 10:07 UTC (a Monday)
  } cases[] = {
      {"@yearly", Utc(2027, 1, 1)},        {"@annually", Utc(2027, 1, 1)},
      {"@monthly", Utc(2026, 6, 1)},       {"@weekly", Utc(2026, 5, 10)},
      {"@daily", Utc(2026, 5, 5)},         {"@midnight", Utc(2026, 5, 5)},
      {"@hourly", Utc(2026, 5, 4, 11, 0)}, {"  @HOURLY ", Utc(2026, 5, 4, 11, 0)},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(MustParse(c.macro).NextAfter(Utc(2026, 5, 4, 10, 7), nullptr), c.next) << c.macro;
  }
}

TEST(CronExprTest, DomOrDowWhenBothRestricted) {
  // The 1st, the 15th and every Friday.
  CronExpr e = MustParse("30 4 1,15 * 5");
  EXPECT_EQ(e.NextAfter(Utc(2026, 5, 4), nullptr), Utc(2026, 5, 8, 4, 30));      // Friday
  EXPECT_EQ(e.NextAfter(Utc(2026, 5, 8, 5), nullptr), Utc(2026, 5, 15, 4, 30));  // the 15th (also Fri)
  EXPECT_EQ(e.NextAfter(Utc(2026, 5, 22, 5), nullptr), Utc(2026, 5, 29, 4, 30));
  EXPECT_EQ(e.NextAfter(Utc(2026, 5, 29, 5), nullptr), Utc(2026, 6, 1, 4, 30));  // the 1st, a Monday
}

TEST(CronExprTest, StarredDayColumnMeansBothMustMatch) {
  // "*/2" counts as unrestricted, so odd days that are also Mondays.
  CronExpr e = MustParse("0 0 */2 * mon");
  // Mondays in May 2026: 4, 11, 18, 25; odd ones: 11, 25.
  EXPECT_EQ(e.NextAfter(Utc(2026, 5, 1), nullptr), Utc(2026, 5, 11));
  EXPECT_EQ(e.NextAfter(Utc(2026, 5, 11), nullptr), Utc(2026, 5, 25));
}

TEST(CronExprTest, LeapDayWaitsForALeapYear) {
  CronExpr e = MustParse("0 0 29 2 *");
  EXPECT_EQ(e.NextAfter(Utc(2026, 5, 4), nullptr), Utc(2028, 2, 29));
  EXPECT_EQ(e.PrevAtOrBefore(Utc(2026, 5, 4), nullptr), Utc(2024, 2, 29));
  // 2100 is not a leap year: 2096 -> 2104.
  EXPECT_EQ(e.NextAfter(Utc(2096, 3, 1), nullptr), Utc(2104, 2, 29));
}

TEST(CronExprTest, PrevAtOrBefore) {
  CronExpr e = MustParse("*/15 * * * *");
  EXPECT_EQ(e.PrevAtOrBefore(Utc(2026, 5, 4, 10, 7), nullptr), Utc(2026, 5, 4, 10, 0));
  EXPECT_EQ(e.PrevAtOrBefore(Utc(2026, 5, 4, 0, 5), nullptr), Utc(2026, 5, 4, 0, 0));
  EXPECT_EQ(e.PrevAtOrBefore(Utc(2026, 5, 4, 0, 0) - 1, nullptr), Utc(2026, 5, 3, 23, 45));
  CronExpr monthly = MustParse("@monthly");
  EXPECT_EQ(monthly.PrevAtOrBefore(Utc(2026, 5, 4), nullptr), Utc(2026, 5, 1));
}

TEST(CronExprTest, FixedTimeFlag) {
  EXPECT_TRUE(MustParse("30 2 * * *").fixed_time());
  EXPECT_TRUE(MustParse("0,30 1-3 * * *").fixed_time());
  EXPECT_FALSE(MustParse("0 * * * *").fixed_time());
  EXPECT_FALSE(MustParse("*/5 2 * * *").fixed_time());
  EXPECT_EQ(MustParse(" @daily ").text(), "@daily");
}

// Europe/Berlin 2026: spring forward Mar 29 02:00 CET -> 03:00 CEST (01:00 UTC);
// fall back Oct 25 03:00 CEST -> 02:00 CET (01:00 UTC).
TEST(CronExprDstTest, BerlinSpringForwardRunsSkippedFixedJobAtGapEnd) {
  CronExpr e = MustParse("30 2 * * *");
  int64_t day_before = e.NextAfter(Utc(2026, 3, 27, 12), Berlin());
  EXPECT_EQ(day_before, Utc(2026, 3, 28, 1, 30));  // 02:30 CET
  int64_t gap_day = e.NextAfter(day_before, Berlin());
  EXPECT_EQ(gap_day, Utc(2026, 3, 29, 1, 0));  // 03:00 CEST: once, at the end of the gap
  EXPECT_EQ(e.NextAfter(gap_day, Berlin()), Utc(2026, 3, 30, 0, 30));  // 02:30 CEST
  EXPECT_EQ(e.PrevAtOrBefore(Utc(2026, 3, 29, 12), Berlin()), Utc(2026, 3, 29, 1, 0));
}

TEST(CronExprDstTest, BerlinFallBackRunsFixedJobOnce) {
  CronExpr e = MustParse("30 2 * * *");
  int64_t first = e.NextAfter(Utc(2026, 10, 24, 12), Berlin());
  EXPECT_EQ(first, Utc(2026, 10, 25, 0, 30));                         // 02:30 CEST, the first occurrence
  EXPECT_EQ(e.NextAfter(first, Berlin()), Utc(2026, 10, 26, 1, 30));  // not 01:30 UTC (02:30 CET)
  EXPECT_EQ(e.PrevAtOrBefore(Utc(2026, 10, 25, 12), Berlin()), Utc(2026, 10, 25, 0, 30));
}

TEST(CronExprDstTest, BerlinPeriodicJobFollowsRealTime) {
  CronExpr e = MustParse("*/30 * * * *");
  // Spring: 01:30 CET, then 03:00 CEST; the wall times 02:00 and 02:30 do not exist.
  EXPECT_EQ(e.NextAfter(Utc(2026, 3, 29, 0, 30), Berlin()), Utc(2026, 3, 29, 1, 0));
  EXPECT_EQ(e.PrevAtOrBefore(Utc(2026, 3, 29, 1, 0) - 1, Berlin()), Utc(2026, 3, 29, 0, 30));
  // Autumn: the repeated hour fires again, every 30 real minutes.
  int64_t t = Utc(2026, 10, 25, 0, 0);  // 02:00 CEST
  for (int i = 1; i <= 4; ++i) {
    t = e.NextAfter(t, Berlin());
    EXPECT_EQ(t, Utc(2026, 10, 25, 0, 0) + i * 30 * 60 * 1000LL);
  }
  EXPECT_EQ(e.PrevAtOrBefore(Utc(2026, 10, 25, 1, 45), Berlin()), Utc(2026, 10, 25, 1, 30));
}

// America/New_York 2026: spring forward Mar 8 02:00 EST -> 03:00 EDT (07:00 UTC);
// fall back Nov 1 02:00 EDT -> 01:00 EST (06:00 UTC).
TEST(CronExprDstTest, NewYorkSpringForwardAndFallBack) {
  CronExpr skipped = MustParse("30 2 * * *");
  EXPECT_EQ(skipped.NextAfter(Utc(2026, 3, 8, 0), NewYork()), Utc(2026, 3, 8, 7, 0));  // 03:00 EDT
  CronExpr twice = MustParse("30 1 * * *");
  int64_t first = twice.NextAfter(Utc(2026, 11, 1, 0), NewYork());
  EXPECT_EQ(first, Utc(2026, 11, 1, 5, 30));                              // 01:30 EDT
  EXPECT_EQ(twice.NextAfter(first, NewYork()), Utc(2026, 11, 2, 6, 30));  // 01:30 EST next day
  CronExpr hourly = MustParse("0 * * * *");
  EXPECT_EQ(hourly.NextAfter(Utc(2026, 11, 1, 5, 0), NewYork()), Utc(2026, 11, 1, 6, 0));  // 01:00 EST
  EXPECT_EQ(hourly.NextAfter(Utc(2026, 3, 8, 6, 0), NewYork()), Utc(2026, 3, 8, 7, 0));    // 03:00 EDT
}

TEST(CronExprDstTest, LocalMidnightUsesTheZone) {
  CronExpr e = MustParse("@daily");
  EXPECT_EQ(e.NextAfter(Utc(2026, 7, 1, 12), Berlin()), Utc(2026, 7, 1, 22, 0));
  EXPECT_EQ(e.NextAfter(Utc(2026, 7, 1, 12), NewYork()), Utc(2026, 7, 2, 4, 0));
}

// A wall time matches when, read as UTC, it is a fire time of the expression.
bool WallMatches(const CronExpr& e, int64_t local_ms) { return e.NextAfter(local_ms - 1, nullptr) == local_ms; }

// Fire times by brute force over every UTC minute, straight from the DST
// rules in cron.cc: periodic jobs fire whenever the wall time matches; fixed
// jobs at the first occurrence of a matching wall time, and at the end of a
// gap that swallowed one.
std::vector<int64_t> BruteForceFires(const CronExpr& e, const date::time_zone* tz, int64_t from, int64_t to) {
  std::vector<int64_t> out;
  for (int64_t t = from; t < to; t += 60000) {
    date::sys_info si = tz->get_info(date::sys_seconds{std::chrono::seconds(t / 1000)});
    int64_t local = t + si.offset.count() * 1000;
    bool fire = false;
    if (WallMatches(e, local)) {
      date::local_info li = tz->get_info(date::local_seconds{std::chrono::seconds(local / 1000)});
      fire = !e.fixed_time() || li.result != date::local_info::ambiguous ||
             t / 1000 == local / 1000 - li.first.offset.count();
    }
    if (!fire && e.fixed_time() && si.begin.time_since_epoch().count() == t / 1000) {
      date::sys_info prev = tz->get_info(date::sys_seconds{std::chrono::seconds(t / 1000 - 1)});
      int64_t jump_ms = (si.offset - prev.offset).count() * 1000;
      for (int64_t w = local - jump_ms; w < local; w += 60000) fire |= WallMatches(e, w);
    }
    if (fire) out.push_back(t);
  }
  return out;
}

TEST(CronExprDstTest, AgreesWithBruteForceAroundTransitions) {
  const char* exprs[] = {"30 2 * * *", "*/15 * * * *", "0,30 1-3 * * *", "0 * * * *",
                         "* 2 * * *",  "45 1 * * *",   "10 2,3 * * *",   "*/7 1-3 * * *"};
  struct Window {
    const date::time_zone* tz;
    int64_t from;
  } windows[] = {{Berlin(), Utc(2026, 3, 28)},
                 {Berlin(), Utc(2026, 10, 24)},
                 {NewYork(), Utc(2026, 3, 7)},
                 {NewYork(), Utc(2026, 10, 31)}};
  for (const char* text : exprs) {
    CronExpr e = MustParse(text);
    for (const Window& w : windows) {
      int64_t to = w.from + 3 * 86400 * 1000LL;
      std::vector<int64_t> want = BruteForceFires(e, w.tz, w.from, to);
      std::vector<int64_t> got;
      for (int64_t t = e.NextAfter(w.from - 1, w.tz); t < to; t = e.NextAfter(t, w.tz)) got.push_back(t);
      ASSERT_EQ(got, want) << text << " from " << w.from;
      // PrevAtOrBefore is the mirror image, at every minute of the window.
      size_t i = 0;
      for (int64_t t = want.front(); t < to; t += 60000) {
        while (i + 1 < want.size() && want[i + 1] <= t) ++i;
        ASSERT_EQ(e.PrevAtOrBefore(t, w.tz), want[i]) << text << " at " << t;
      }
    }
  }
}

TEST(CronExprParseTest, RejectsQuartzExtensionsNamingTheColumn) {
  EXPECT_NE(ParseError("0 0 ? * MON").find("column 3 (day-of-month)"), std::string::npos);
  EXPECT_NE(ParseError("0 0 ? * MON").find("'?' is a Quartz extension"), std::string::npos);
  EXPECT_NE(ParseError("0 0 L * *").find("column 3 (day-of-month): \"L\""), std::string::npos);
  EXPECT_NE(ParseError("0 0 LW * *").find("Quartz"), std::string::npos);
  EXPECT_NE(ParseError("0 0 15W * *").find("Quartz"), std::string::npos);
  EXPECT_NE(ParseError("0 0 * * 5L").find("column 5 (day-of-week)"), std::string::npos);
  EXPECT_NE(ParseError("0 0 * * 5L").find("Quartz"), std::string::npos);
  EXPECT_NE(ParseError("0 0 * * MON#2").find("column 5 (day-of-week)"), std::string::npos);
  EXPECT_NE(ParseError("0 0 * * MON#2").find("'#'"), std::string::npos);
  std::string six = ParseError("0 0 12 * * ?");
  EXPECT_NE(six.find("6 fields"), std::string::npos);
  EXPECT_NE(six.find("seconds/year"), std::string::npos);
  EXPECT_NE(ParseError("0 0 12 * * ? 2027").find("7 fields"), std::string::npos);
}

TEST(CronExprParseTest, RejectsMalformedFields) {
  EXPECT_NE(ParseError("* * * *").find("4 fields; expected 5"), std::string::npos);
  EXPECT_NE(ParseError("").find("0 fields"), std::string::npos);
  EXPECT_NE(ParseError("60 * * * *").find("column 1 (minute): \"60\": value 60 outside 0-59"),
            std::string::npos);
  EXPECT_NE(ParseError("0 24 * * *").find("column 2 (hour)"), std::string::npos);
  EXPECT_NE(ParseError("0 0 0 * *").find("column 3 (day-of-month)"), std::string::npos);
  EXPECT_NE(ParseError("0 0 32 * *").find("outside 1-31"), std::string::npos);
  EXPECT_NE(ParseError("0 0 * 13 *").find("column 4 (month)"), std::string::npos);
  EXPECT_NE(ParseError("0 0 * * 8").find("outside 0-7"), std::string::npos);
  EXPECT_NE(ParseError("30-10 * * * *").find("range start is after its end"), std::string::npos);
  EXPECT_NE(ParseError("*/0 * * * *").find("step must be at least 1"), std::string::npos);
  EXPECT_NE(ParseError("*/x * * * *").find("step must be a positive number"), std::string::npos);
  EXPECT_NE(ParseError("1,,2 * * * *").find("empty list item"), std::string::npos);
  EXPECT_NE(ParseError("1- * * * *").find("empty value"), std::string::npos);
  EXPECT_NE(ParseError("0 0 * foo *").find("month name JAN-DEC"), std::string::npos);
  EXPECT_NE(ParseError("0 0 * * funday").find("day name SUN-SAT"), std::string::npos);
  EXPECT_NE(ParseError("0 0 * * jan").find("day name SUN-SAT"), std::string::npos);
  EXPECT_NE(ParseError("0 x * * *").find("expected a number"), std::string::npos);
}

TEST(CronExprParseTest, RejectsMacrosItCannotHonourAndImpossibleDates) {
  EXPECT_NE(ParseError("@reboot").find("@reboot"), std::string::npos);
  EXPECT_NE(ParseError("@often").find("unknown macro"), std::string::npos);
  EXPECT_NE(ParseError("0 0 30 2 *").find("never fires"), std::string::npos);
  EXPECT_NE(ParseError("0 0 31 apr,jun *").find("never fires"), std::string::npos);
  // With the OR rule the weekday still fires (Mondays in February), so this one is fine.
  CronExpr e = MustParse("0 0 30 2 mon");
  EXPECT_EQ(e.NextAfter(Utc(2026, 5, 4), nullptr), Utc(2027, 2, 1));
}

TEST(CronExprParseTest, FailedParseLeavesOutputUnchanged) {
  CronExpr e = MustParse("5 * * * *");
  EXPECT_FALSE(CronExpr::Parse("61 * * * *", &e).ok());
  EXPECT_EQ(e.text(), "5 * * * *");
  EXPECT_EQ(e.NextAfter(Utc(2026, 5, 4, 10, 0), nullptr), Utc(2026, 5, 4, 10, 5));
}

}  // namespace
}  // namespace recproc
