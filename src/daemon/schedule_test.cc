#include "daemon/schedule.h"

#include <date/date.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "daemon/jitter.h"

namespace recproc {
namespace {

constexpr int64_t kMin = 60 * 1000;
constexpr int64_t kHour = 60 * kMin;

int64_t Utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0) {
  date::sys_days day = date::year{y} / date::month{mo} / date::day{d};
  return (static_cast<int64_t>(day.time_since_epoch().count()) * 86400 + h * 3600 + mi * 60) * 1000;
}

ScheduleRule Every(std::string_view d, std::string name = "") {
  ScheduleRule r;
  r.name = std::move(name);
  EXPECT_TRUE(MakeEveryRule(d, &r).ok()) << d;
  return r;
}

ScheduleRule Cron(std::string_view e, std::string name = "") {
  ScheduleRule r;
  r.name = std::move(name);
  Status s = MakeCronRule(e, &r);
  EXPECT_TRUE(s.ok()) << e << ": " << s.message();
  return r;
}

ScheduleRule Windowed(ScheduleRule r, std::string_view days, std::string_view hours) {
  TimeWindow w;
  if (!days.empty()) {
    EXPECT_TRUE(ParseDays(days, &w.days).ok()) << days;
  }
  if (!hours.empty()) {
    EXPECT_TRUE(ParseHours(hours, &w).ok()) << hours;
  }
  r.window = w;
  return r;
}

Schedule Build(std::vector<ScheduleRule> rules, std::string tz = "UTC", std::string name = "feed") {
  ScheduleOptions o;
  o.rules = std::move(rules);
  o.timezone = std::move(tz);
  Schedule s;
  Status st = Schedule::Build(name, std::move(o), &s);
  EXPECT_TRUE(st.ok()) << st.message();
  return s;
}

Schedule BuildWith(ScheduleOptions o, std::string name = "feed") {
  Schedule s;
  Status st = Schedule::Build(name, std::move(o), &s);
  EXPECT_TRUE(st.ok()) << st.message();
  return s;
}

RunMarks Slot(int64_t slot) { return RunMarks{slot, slot}; }

const ScheduleOverride kNoOverride;

TEST(DurationTest, ParsesCompoundDurations) {
  int64_t ms = -1;
  ASSERT_TRUE(ParseDuration("15m", &ms).ok());
  EXPECT_EQ(ms, 15 * kMin);
  ASSERT_TRUE(ParseDuration("1h30m", &ms).ok());
  EXPECT_EQ(ms, 90 * kMin);
  ASSERT_TRUE(ParseDuration("90s", &ms).ok());
  EXPECT_EQ(ms, 90000);
  ASSERT_TRUE(ParseDuration(" 2d ", &ms).ok());
  EXPECT_EQ(ms, 48 * kHour);
  ASSERT_TRUE(ParseDuration("1w2d3h4m5s", &ms).ok());
  EXPECT_EQ(ms, ((((7 + 2) * 24 + 3) * 60 + 4) * 60 + 5) * 1000LL);
  ASSERT_TRUE(ParseDuration("0s", &ms).ok());
  EXPECT_EQ(ms, 0);
}

TEST(DurationTest, RejectsWithClearMessages) {
  int64_t ms = 7;
  Status s = ParseDuration("15", &ms);
  EXPECT_EQ(s.message(), "duration \"15\": missing unit after 15; expected e.g. 30s, 15m, 1h30m, 2d");
  EXPECT_NE(ParseDuration("15x", &ms).message().find("unknown unit 'x' (units: s, m, h, d, w)"),
            std::string::npos);
  EXPECT_NE(ParseDuration("m", &ms).message().find("expected a number at \"m\""), std::string::npos);
  EXPECT_NE(ParseDuration("", &ms).message().find("empty"), std::string::npos);
  EXPECT_NE(ParseDuration("30m1h", &ms).message().find("largest to smallest"), std::string::npos);
  EXPECT_NE(ParseDuration("1h1h", &ms).message().find("largest to smallest"), std::string::npos);
  EXPECT_NE(ParseDuration("-5m", &ms).message().find("expected a number"), std::string::npos);
  EXPECT_NE(ParseDuration("99999999999s", &ms).message().find("too large"), std::string::npos);
  EXPECT_EQ(ms, 7);
}

TEST(DurationTest, FormatsLargestUnitsFirst) {
  EXPECT_EQ(FormatDuration(90 * kMin), "1h30m");
  EXPECT_EQ(FormatDuration(15 * kMin), "15m");
  EXPECT_EQ(FormatDuration(90000), "1m30s");
  EXPECT_EQ(FormatDuration(9 * 24 * kHour), "1w2d");
  EXPECT_EQ(FormatDuration(0), "0s");
  int64_t back = 0;
  ASSERT_TRUE(ParseDuration(FormatDuration(26 * kHour + 61000), &back).ok());
  EXPECT_EQ(back, 26 * kHour + 61000);
}

TEST(TimeWindowTest, ParsesDaysAndHours) {
  uint8_t days = 0;
  ASSERT_TRUE(ParseDays("mon-fri", &days).ok());
  EXPECT_EQ(days, 0x3e);
  ASSERT_TRUE(ParseDays("Sat,SUN", &days).ok());
  EXPECT_EQ(days, 0x41);
  ASSERT_TRUE(ParseDays("fri-mon", &days).ok());  // wraps: fri sat sun mon
  EXPECT_EQ(days, 0x63);
  ASSERT_TRUE(ParseDays("*", &days).ok());
  EXPECT_EQ(days, 0x7f);
  EXPECT_NE(ParseDays("mon-funday", &days).message().find("unknown day \"funday\""), std::string::npos);
  EXPECT_FALSE(ParseDays("", &days).ok());
  EXPECT_FALSE(ParseDays("mon,", &days).ok());

  TimeWindow w;
  ASSERT_TRUE(ParseHours("07:00-19:30", &w).ok());
  EXPECT_EQ(w.start_minute, 7 * 60);
  EXPECT_EQ(w.end_minute, 19 * 60 + 30);
  ASSERT_TRUE(ParseHours("00:00-24:00", &w).ok());
  EXPECT_EQ(w.end_minute, 24 * 60);
  EXPECT_NE(ParseHours("7-19", &w).message().find("\"7\" is not a time"), std::string::npos);
  EXPECT_FALSE(ParseHours("25:00-26:00", &w).ok());
  EXPECT_FALSE(ParseHours("07:60-08:00", &w).ok());
  EXPECT_NE(ParseHours("0700", &w).message().find("expected HH:MM-HH:MM"), std::string::npos);
  EXPECT_NE(ParseHours("07:00-07:00", &w).message().find("empty window"), std::string::npos);
}

TEST(TimeWindowTest, WrappedHoursBelongToTheStartingDay) {
  TimeWindow w;
  ASSERT_TRUE(ParseDays("fri", &w.days).ok());
  ASSERT_TRUE(ParseHours("22:00-06:00", &w).ok());
  EXPECT_TRUE(w.Contains(5, 23 * 60));   // Friday 23:00
  EXPECT_TRUE(w.Contains(6, 3 * 60));    // Saturday 03:00, still Friday night
  EXPECT_FALSE(w.Contains(6, 23 * 60));  // Saturday 23:00
  EXPECT_FALSE(w.Contains(5, 3 * 60));   // Friday 03:00 is Thursday night
  EXPECT_FALSE(w.Contains(6, 6 * 60));   // end is exclusive
  TimeWindow day;
  ASSERT_TRUE(ParseHours("07:00-19:00", &day).ok());
  EXPECT_TRUE(day.Contains(0, 7 * 60));
  EXPECT_FALSE(day.Contains(0, 19 * 60));
}

TEST(ScheduleOptionsTest, OverlapCatchUpAndBuildErrors) {
  Overlap o;
  ASSERT_TRUE(ParseOverlap("wait:30s", &o).ok());
  EXPECT_EQ(o.kind, Overlap::Kind::kWait);
  EXPECT_EQ(o.wait_ms, 30000);
  ASSERT_TRUE(ParseOverlap("skip", &o).ok());
  EXPECT_EQ(o.kind, Overlap::Kind::kSkip);
  EXPECT_NE(ParseOverlap("queue", &o).message().find("expected skip or wait:<duration>"), std::string::npos);
  EXPECT_FALSE(ParseOverlap("wait:soon", &o).ok());
  CatchUp c;
  ASSERT_TRUE(ParseCatchUp("skip:2h", &c).ok());
  EXPECT_EQ(c.kind, CatchUp::Kind::kSkip);
  EXPECT_EQ(c.max_lateness_ms, 2 * kHour);
  ASSERT_TRUE(ParseCatchUp("once", &c).ok());
  EXPECT_EQ(c.kind, CatchUp::Kind::kOnce);
  EXPECT_FALSE(ParseCatchUp("all", &c).ok());

  ScheduleRule r;
  EXPECT_NE(MakeEveryRule("0s", &r).message().find("at least 1s"), std::string::npos);
  EXPECT_NE(MakeCronRule("0 0 L * *", &r).message().find("Quartz"), std::string::npos);

  Schedule s;
  ScheduleOptions none;
  EXPECT_NE(Schedule::Build("x", none, &s).message().find("at least one rule"), std::string::npos);
  ScheduleOptions neither;
  neither.rules.push_back(ScheduleRule{});
  EXPECT_NE(Schedule::Build("x", neither, &s).message().find("rule 1: needs exactly one of every or cron"),
            std::string::npos);
  ScheduleOptions zone;
  zone.rules.push_back(Every("5m"));
  zone.timezone = "Mars/Olympus";
  EXPECT_NE(Schedule::Build("x", zone, &s).message().find("\"Mars/Olympus\": unknown time zone"),
            std::string::npos);
  zone.timezone = "Europe/Berlin";
  ASSERT_TRUE(Schedule::Build("x", zone, &s).ok());
  EXPECT_NE(s.zone(), nullptr);
  EXPECT_EQ(s.options().timeout_ms, 10 * kMin);  // the documented default
}

TEST(ScheduleDueTest, EveryFirstRunIsImmediate) {
  Schedule s = Build({Every("15m")});
  DueResult r = s.Due(Utc(2026, 5, 4, 10, 7), RunMarks{}, kNoOverride);
  EXPECT_TRUE(r.due);
  EXPECT_EQ(r.slot_ms, Utc(2026, 5, 4, 10, 7));
  EXPECT_EQ(r.missed_slots, 0);
}

TEST(ScheduleDueTest, EveryWaitsAFullIntervalAndCatchesUpOnce) {
  Schedule s = Build({Every("15m")});
  RunMarks m = Slot(Utc(2026, 5, 4, 10, 0));
  DueResult r = s.Due(Utc(2026, 5, 4, 10, 14), m, kNoOverride);
  EXPECT_FALSE(r.due);
  EXPECT_EQ(r.reason, DueResult::Reason::kNotYet);
  r = s.Due(Utc(2026, 5, 4, 10, 15), m, kNoOverride);
  EXPECT_TRUE(r.due);
  EXPECT_EQ(r.slot_ms, Utc(2026, 5, 4, 10, 15));
  EXPECT_EQ(r.missed_slots, 0);
  // Down from 10:00 to 11:07: 10:15, 10:30 and 10:45 were missed; one run for 11:00.
  r = s.Due(Utc(2026, 5, 4, 11, 7), m, kNoOverride);
  EXPECT_TRUE(r.due);
  EXPECT_EQ(r.slot_ms, Utc(2026, 5, 4, 11, 0));
  EXPECT_EQ(r.missed_slots, 3);
}

TEST(ScheduleDueTest, EveryKeepsItsGridWhenARunStartsLate) {
  Schedule s = Build({Every("15m")});
  // The 10:15 slot ran at 10:16; the next slot is still 10:30, not 10:31.
  RunMarks m{Utc(2026, 5, 4, 10, 15), Utc(2026, 5, 4, 10, 16)};
  EXPECT_TRUE(s.Due(Utc(2026, 5, 4, 10, 30), m, kNoOverride).due);
}

TEST(ScheduleDueTest, CronSlotsAndCatchUp) {
  Schedule s = Build({Cron("0 * * * *", "hourly")});
  RunMarks m = Slot(Utc(2026, 5, 4, 10, 0));
  EXPECT_FALSE(s.Due(Utc(2026, 5, 4, 10, 59), m, kNoOverride).due);
  DueResult r = s.Due(Utc(2026, 5, 4, 11, 0), m, kNoOverride);
  EXPECT_TRUE(r.due);
  EXPECT_EQ(r.slot_ms, Utc(2026, 5, 4, 11, 0));
  EXPECT_EQ(r.missed_slots, 0);
  EXPECT_EQ(r.rule_name, "hourly");
  r = s.Due(Utc(2026, 5, 4, 15, 20), m, kNoOverride);
  EXPECT_TRUE(r.due);
  EXPECT_EQ(r.slot_ms, Utc(2026, 5, 4, 15, 0));
  EXPECT_EQ(r.missed_slots, 4);  // 11, 12, 13, 14
  // After that run, the same hour is not due again.
  EXPECT_FALSE(s.Due(Utc(2026, 5, 4, 15, 40), Slot(r.slot_ms), kNoOverride).due);
  // Never run: due for the latest fire time.
  r = s.Due(Utc(2026, 5, 4, 15, 20), RunMarks{}, kNoOverride);
  EXPECT_TRUE(r.due);
  EXPECT_EQ(r.slot_ms, Utc(2026, 5, 4, 15, 0));
}

TEST(ScheduleDueTest, ClockBehindLastSlotIsNotDue) {
  Schedule cron = Build({Cron("*/5 * * * *")});
  Schedule every = Build({Every("5m")});
  RunMarks m = Slot(Utc(2026, 5, 4, 12, 0));
  EXPECT_FALSE(cron.Due(Utc(2026, 5, 4, 11, 0), m, kNoOverride).due);
  EXPECT_FALSE(every.Due(Utc(2026, 5, 4, 11, 0), m, kNoOverride).due);
}

TEST(ScheduleDueTest, CatchUpSkipDropsLateSlots) {
  ScheduleOptions o;
  o.rules.push_back(Cron("0 * * * *"));
  ASSERT_TRUE(ParseCatchUp("skip:10m", &o.catch_up).ok());
  Schedule s = BuildWith(o);
  RunMarks m = Slot(Utc(2026, 5, 4, 10, 0));
  EXPECT_TRUE(s.Due(Utc(2026, 5, 4, 11, 5), m, kNoOverride).due);
  EXPECT_TRUE(s.Due(Utc(2026, 5, 4, 11, 10), m, kNoOverride).due);
  DueResult r = s.Due(Utc(2026, 5, 4, 11, 11), m, kNoOverride);
  EXPECT_FALSE(r.due);
  EXPECT_EQ(r.reason, DueResult::Reason::kTooLate);
  EXPECT_EQ(r.slot_ms, Utc(2026, 5, 4, 11, 0));
  // The next slot is on time again.
  EXPECT_TRUE(s.Due(Utc(2026, 5, 4, 12, 0), m, kNoOverride).due);
}

TEST(ScheduleDueTest, MinIntervalIsAFloorBetweenStarts) {
  ScheduleOptions o;
  o.rules.push_back(Every("1m"));
  o.min_interval_ms = 5 * kMin;
  Schedule s = BuildWith(o);
  RunMarks m = Slot(Utc(2026, 5, 4, 10, 0));
  DueResult r = s.Due(Utc(2026, 5, 4, 10, 3), m, kNoOverride);
  EXPECT_FALSE(r.due);
  EXPECT_EQ(r.reason, DueResult::Reason::kMinInterval);
  r = s.Due(Utc(2026, 5, 4, 10, 5), m, kNoOverride);
  EXPECT_TRUE(r.due);
  EXPECT_EQ(r.missed_slots, 4);
}

TEST(JitterTest, StableHashAndBoundedOffset) {
  // FNV-1a 64 reference values.
  EXPECT_EQ(StableNameHash(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(StableNameHash("a"), 0xaf63dc4c8601ec8cull);
  int64_t off = JitterOffsetMs("acme-taxii-indicators", 10 * kMin);
  EXPECT_EQ(off, static_cast<int64_t>(StableNameHash("acme-taxii-indicators") % 600) * 1000);
  EXPECT_GE(off, 0);
  EXPECT_LT(off, 10 * kMin);
  EXPECT_EQ(JitterOffsetMs("acme-taxii-indicators", 10 * kMin), off);
  EXPECT_EQ(JitterOffsetMs("anything", 999), 0);
  EXPECT_EQ(JitterOffsetMs("anything", 0), 0);
  // Names spread: ten daemons do not all land on one offset.
  int distinct = 0;
  int64_t first = JitterOffsetMs("feed-0", kHour);
  for (int i = 1; i < 10; ++i) distinct += JitterOffsetMs("feed-" + std::to_string(i), kHour) != first;
  EXPECT_GT(distinct, 0);
}

TEST(ScheduleDueTest, JitterDelaysTheSlotNotItsName) {
  ScheduleOptions o;
  o.rules.push_back(Cron("0 * * * *"));
  o.jitter_ms = 10 * kMin;
  Schedule s = BuildWith(o, "misp-events");
  int64_t off = JitterOffsetMs("misp-events", 10 * kMin);
  ASSERT_GT(off, 0);  // the fixed name gives a non-zero offset; otherwise pick another name
  EXPECT_EQ(s.jitter_offset_ms(), off);
  RunMarks m = Slot(Utc(2026, 5, 4, 10, 0));
  EXPECT_FALSE(s.Due(Utc(2026, 5, 4, 11, 0) + off - 1, m, kNoOverride).due);
  DueResult r = s.Due(Utc(2026, 5, 4, 11, 0) + off, m, kNoOverride);
  EXPECT_TRUE(r.due);
  EXPECT_EQ(r.slot_ms, Utc(2026, 5, 4, 11, 0));
  std::vector<int64_t> next = s.NextDueTimes(Utc(2026, 5, 4, 11, 30), 2, Slot(r.slot_ms), kNoOverride);
  ASSERT_EQ(next.size(), 2u);
  EXPECT_EQ(next[0], Utc(2026, 5, 4, 12, 0) + off);
  EXPECT_EQ(next[1], Utc(2026, 5, 4, 13, 0) + off);
}

TEST(ScheduleDueTest, FirstMatchingTimeFrameApplies) {
  Schedule s =
      Build({Windowed(Every("5m", "office-hours"), "mon-fri", "07:00-19:00"), Cron("0 * * * *", "default")});
  // Monday 2026-05-04.
  RunMarks m = Slot(Utc(2026, 5, 4, 10, 0));
  EXPECT_FALSE(s.Due(Utc(2026, 5, 4, 10, 2), m, kNoOverride).due);
  DueResult r = s.Due(Utc(2026, 5, 4, 10, 5), m, kNoOverride);
  EXPECT_TRUE(r.due);
  EXPECT_EQ(r.rule_name, "office-hours");
  // Saturday: only the hourly fallback.
  m = Slot(Utc(2026, 5, 9, 10, 0));
  EXPECT_FALSE(s.Due(Utc(2026, 5, 9, 10, 30), m, kNoOverride).due);
  r = s.Due(Utc(2026, 5, 9, 11, 0), m, kNoOverride);
  EXPECT_TRUE(r.due);
  EXPECT_EQ(r.rule_name, "default");
  // Monday evening after 19:00: the fallback again.
  m = Slot(Utc(2026, 5, 4, 18, 55));
  EXPECT_FALSE(s.Due(Utc(2026, 5, 4, 19, 0) - 1, m, kNoOverride).due);  // 18:59:59.999, office not yet
  EXPECT_TRUE(s.Due(Utc(2026, 5, 4, 19, 0), m, kNoOverride).due);       // 19:00 hourly fire
}

TEST(ScheduleDueTest, NoMatchingWindowMeansNotDue) {
  Schedule s = Build({Windowed(Every("30m", "nights"), "", "22:00-06:00")});
  DueResult r = s.Due(Utc(2026, 5, 4, 12, 0), RunMarks{}, kNoOverride);
  EXPECT_FALSE(r.due);
  EXPECT_EQ(r.reason, DueResult::Reason::kOutsideWindows);
  EXPECT_TRUE(s.Due(Utc(2026, 5, 4, 23, 0), RunMarks{}, kNoOverride).due);
  EXPECT_TRUE(s.Due(Utc(2026, 5, 5, 2, 0), RunMarks{}, kNoOverride).due);
}

TEST(ScheduleDueTest, WindowsUseTheScheduleZone) {
  Schedule s = Build({Windowed(Every("5m"), "mon-fri", "07:00-19:00")}, "Europe/Berlin");
  // Monday 2026-05-04, CEST = UTC+2.
  EXPECT_TRUE(s.Due(Utc(2026, 5, 4, 5, 0), RunMarks{}, kNoOverride).due);    // 07:00 local
  EXPECT_FALSE(s.Due(Utc(2026, 5, 4, 4, 59), RunMarks{}, kNoOverride).due);  // 06:59 local
  EXPECT_FALSE(s.Due(Utc(2026, 5, 4, 17, 0), RunMarks{}, kNoOverride).due);  // 19:00 local
  // Friday 23:30 UTC is Saturday 01:30 in Berlin.
  EXPECT_FALSE(s.Due(Utc(2026, 5, 8, 23, 30), RunMarks{}, kNoOverride).due);
}

TEST(ScheduleDueTest, OverridesTakePrecedence) {
  ScheduleOptions o;
  o.rules.push_back(Windowed(Cron("0 9 * * *"), "mon-fri", "08:00-10:00"));
  o.enabled = false;
  Schedule s = BuildWith(o);
  int64_t sat_noon = Utc(2026, 5, 9, 12, 0);
  RunMarks m = Slot(Utc(2026, 5, 9, 11, 0));
  EXPECT_EQ(s.Due(sat_noon, m, kNoOverride).reason, DueResult::Reason::kDisabled);
  ScheduleOverride ov;
  ov.enabled = true;
  EXPECT_EQ(s.Due(sat_noon, m, ov).reason, DueResult::Reason::kOutsideWindows);
  // reschedule --every 1h replaces the rules and their windows.
  ov.rule = Every("1h");
  DueResult r = s.Due(sat_noon, m, ov);
  EXPECT_TRUE(r.due);
  EXPECT_EQ(r.rule_name, "override");
  EXPECT_EQ(r.slot_ms, sat_noon);
  // disable wins over a YAML enabled: true.
  o.enabled = true;
  Schedule on = BuildWith(o);
  ScheduleOverride off;
  off.enabled = false;
  EXPECT_EQ(on.Due(sat_noon, m, off).reason, DueResult::Reason::kDisabled);
  EXPECT_TRUE(on.NextDueTimes(sat_noon, 5, m, off).empty());
}

TEST(ScheduleNextDueTest, EveryGivesTheNextFiveSlots) {
  Schedule s = Build({Every("15m")});
  std::vector<int64_t> next = s.NextDueTimes(Utc(2026, 5, 4, 10, 7), 5, Slot(Utc(2026, 5, 4, 10, 0)), {});
  std::vector<int64_t> want;
  for (int i = 1; i <= 5; ++i) want.push_back(Utc(2026, 5, 4, 10, 0) + i * 15 * kMin);
  EXPECT_EQ(next, want);
  // Due now: now comes first.
  next = s.NextDueTimes(Utc(2026, 5, 4, 10, 20), 2, Slot(Utc(2026, 5, 4, 10, 0)), {});
  EXPECT_EQ(next, (std::vector<int64_t>{Utc(2026, 5, 4, 10, 20), Utc(2026, 5, 4, 10, 30)}));
}

TEST(ScheduleNextDueTest, WindowsAndWeekends) {
  Schedule s = Build({Windowed(Every("4h", "office"), "mon-fri", "09:00-17:00")});
  // Friday 2026-05-08 16:00, last slot 12:00.
  std::vector<int64_t> next = s.NextDueTimes(Utc(2026, 5, 8, 15, 0), 5, Slot(Utc(2026, 5, 8, 12, 0)), {});
  EXPECT_EQ(next,
            (std::vector<int64_t>{Utc(2026, 5, 8, 16, 0), Utc(2026, 5, 11, 9, 0), Utc(2026, 5, 11, 12, 0),
                                  Utc(2026, 5, 11, 16, 0), Utc(2026, 5, 12, 9, 0)}));
}

TEST(ScheduleNextDueTest, CronInBerlinAcrossSpringForward) {
  Schedule s = Build({Cron("30 2 * * *")}, "Europe/Berlin");
  std::vector<int64_t> next = s.NextDueTimes(Utc(2026, 3, 27, 12, 0), 3, Slot(Utc(2026, 3, 27, 1, 30)), {});
  EXPECT_EQ(next,
            (std::vector<int64_t>{Utc(2026, 3, 28, 1, 30), Utc(2026, 3, 29, 1, 0), Utc(2026, 3, 30, 0, 30)}));
}

TEST(ScheduleDstTest, CronFallBackRunsOnceAndSpringForwardOnce) {
  Schedule berlin = Build({Cron("30 2 * * *")}, "Europe/Berlin");
  // Spring forward: the 02:30 slot is due at 03:00 CEST (01:00 UTC).
  RunMarks m = Slot(Utc(2026, 3, 28, 1, 30));
  EXPECT_FALSE(berlin.Due(Utc(2026, 3, 29, 0, 59), m, kNoOverride).due);
  DueResult r = berlin.Due(Utc(2026, 3, 29, 1, 0), m, kNoOverride);
  EXPECT_TRUE(r.due);
  EXPECT_EQ(r.missed_slots, 0);
  // Fall back: ran at 02:30 CEST; 02:30 CET an hour later is not due.
  m = Slot(Utc(2026, 10, 25, 0, 30));
  EXPECT_FALSE(berlin.Due(Utc(2026, 10, 25, 1, 30), m, kNoOverride).due);
  EXPECT_FALSE(berlin.Due(Utc(2026, 10, 26, 1, 29), m, kNoOverride).due);
  EXPECT_TRUE(berlin.Due(Utc(2026, 10, 26, 1, 30), m, kNoOverride).due);

  Schedule ny = Build({Cron("30 1 * * *")}, "America/New_York");
  m = Slot(Utc(2026, 11, 1, 5, 30));                                  // 01:30 EDT
  EXPECT_FALSE(ny.Due(Utc(2026, 11, 1, 6, 30), m, kNoOverride).due);  // 01:30 EST
  std::vector<int64_t> next = ny.NextDueTimes(Utc(2026, 11, 1, 6, 30), 1, m, {});
  EXPECT_EQ(next, (std::vector<int64_t>{Utc(2026, 11, 2, 6, 30)}));
}

TEST(ScheduleDstTest, EveryCountsRealTimeAcrossDst) {
  // `every` is elapsed time: a 1d interval keeps 24 real hours, so its local
  // time shifts by the DST change (use cron for a fixed wall time).
  Schedule s = Build({Every("1d")}, "America/New_York");
  RunMarks m = Slot(Utc(2026, 3, 7, 14, 0));                        // 09:00 EST
  EXPECT_FALSE(s.Due(Utc(2026, 3, 8, 13, 0), m, kNoOverride).due);  // 09:00 EDT, only 23h later
  EXPECT_TRUE(s.Due(Utc(2026, 3, 8, 14, 0), m, kNoOverride).due);   // 10:00 EDT
}

TEST(SchedulePeriodTest, PeriodOfTheApplicableRule) {
  Schedule every = Build({Every("15m")});
  EXPECT_EQ(every.PeriodAt(Utc(2026, 5, 4), {}), 15 * kMin);
  Schedule weekdays = Build({Cron("0 9 * * 1-5")});
  EXPECT_EQ(weekdays.PeriodAt(Utc(2026, 5, 4, 10, 0), {}), 24 * kHour);  // Tue 09:00 -> Wed 09:00
  Schedule night = Build({Windowed(Every("5m"), "", "22:00-06:00")});
  EXPECT_EQ(night.PeriodAt(Utc(2026, 5, 4, 12, 0), {}), 0);
}

}  // namespace
}  // namespace recproc
