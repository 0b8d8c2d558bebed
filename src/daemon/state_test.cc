#include "daemon/state.h"

#include <date/date.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "io/atomic_file.h"

namespace recproc {
namespace {

using nlohmann::json;

constexpr int64_t kMin = 60 * 1000;
constexpr int64_t kHour = 60 * kMin;

int64_t Utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0) {
  date::sys_days day = date::year{y} / date::month{mo} / date::day{d};
  return (static_cast<int64_t>(day.time_since_epoch().count()) * 86400 + h * 3600 + mi * 60) * 1000;
}

// Built with append: GCC 12 warns falsely (-Wrestrict) on literal + to_string.
std::string Id(const char* prefix, int i) { return std::string(prefix).append(std::to_string(i)); }

class StateFileTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = testing::TempDir() + "daemon_state_XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/acme.state.json";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void WriteRaw(const std::string& text) { std::ofstream(path_, std::ios::binary) << text; }
  Status LoadError(const std::string& text) {
    WriteRaw(text);
    DaemonState s;
    s.cursor = "untouched";
    Status st = LoadState(path_, "acme", &s);
    EXPECT_FALSE(st.ok()) << text;
    EXPECT_EQ(st.code(), Status::Code::kCorruption) << st.message();
    EXPECT_EQ(s.cursor, "untouched");
    return st;
  }
  std::string dir_;
  std::string path_;
};

RunRecord MakeRun(std::string id, std::string outcome, int64_t start, int64_t in = 0, json before = nullptr,
                  json after = nullptr) {
  RunRecord r;
  r.run_id = std::move(id);
  r.outcome = std::move(outcome);
  r.started_ms = start;
  r.finished_ms = start + 2000;
  r.items_in = in;
  r.out = in;
  r.cursor_before = std::move(before);
  r.cursor_after = std::move(after);
  if (r.outcome == "error") r.error = "HTTP 503 from feed";
  return r;
}

TEST(TimeTextTest, FormatsAndParsesRfc3339Milliseconds) {
  EXPECT_EQ(FormatTimeMs(Utc(2026, 11, 22, 12, 15) + 123), "2026-11-22T12:15:00.123Z");
  int64_t ms = 0;
  ASSERT_TRUE(ParseTimeMs("2026-11-22T12:15:00.123Z", &ms));
  EXPECT_EQ(ms, Utc(2026, 11, 22, 12, 15) + 123);
  ASSERT_TRUE(ParseTimeMs("1969-12-31T23:59:59Z", &ms));
  EXPECT_EQ(ms, -1000);
  EXPECT_FALSE(ParseTimeMs("2026-11-22 12:15:00Z", &ms));
  EXPECT_FALSE(ParseTimeMs("2026-02-30T00:00:00Z", &ms));
  EXPECT_FALSE(ParseTimeMs("2026-11-22T24:00:00Z", &ms));
  EXPECT_FALSE(ParseTimeMs("2026-11-22T12:15:00+01:00", &ms));
  EXPECT_FALSE(ParseTimeMs("2026-11-22T12:15:00.12Z", &ms));
}

TEST(DedupSetTest, AgeAndCountBounds) {
  DedupSet d;
  d.Insert("a", 100);
  d.Insert("b", 200);
  d.Insert("c", 300);
  d.Insert("a", 50);  // an older sighting does not make "a" older
  EXPECT_EQ(d.keys().at("a"), 100);
  EXPECT_TRUE(d.Contains("b"));
  EXPECT_FALSE(d.Contains("z"));
  d.Prune(/*now_ms=*/1000, /*keep_ms=*/850, /*max_keys=*/0);  // drops time < 150
  EXPECT_FALSE(d.Contains("a"));
  EXPECT_EQ(d.size(), 2u);
  d.Insert("b", 400);  // seen again: now the newest
  d.Insert("d", 350);
  d.Prune(1000, 0, 2);  // count bound evicts the least recently seen: c (300)
  EXPECT_EQ(d.size(), 2u);
  EXPECT_TRUE(d.Contains("b"));
  EXPECT_TRUE(d.Contains("d"));
  EXPECT_FALSE(d.Contains("c"));
  d.Clear();
  EXPECT_EQ(d.size(), 0u);
}

TEST(DaemonStateTest, RecordRunKeepsStatsAndBoundsHistory) {
  DaemonState s;
  s.RecordRun(MakeRun("r1", "ok", 1000, 10, 1, 2));
  s.RecordRun(MakeRun("r2", "error", 2000));
  s.RecordRun(MakeRun("r3", "timeout", 3000));
  EXPECT_EQ(s.stats.runs_total, 3);
  EXPECT_EQ(s.stats.runs_ok, 1);
  EXPECT_EQ(s.stats.runs_failed, 2);
  EXPECT_EQ(s.stats.consecutive_failures, 2);
  EXPECT_EQ(s.stats.last_error, "timeout");  // no message: the outcome stands in
  EXPECT_EQ(s.stats.last_error_ms, 5000);
  EXPECT_EQ(s.stats.last_success_ms, 3000);
  EXPECT_EQ(s.marks.last_started_ms, 3000);
  s.RecordRun(MakeRun("r4", "skipped-busy", 4000));
  EXPECT_EQ(s.stats.runs_total, 3);
  EXPECT_EQ(s.marks.last_started_ms, 3000);
  s.RecordRun(MakeRun("r5", "partial", 5000, 7, 2, 2));  // data, cursor unchanged
  EXPECT_EQ(s.stats.consecutive_failures, 0);
  EXPECT_EQ(s.stats.cursor_unchanged_runs, 1);
  s.RecordRun(MakeRun("r6", "ok", 6000, 0, 2, 2));  // no data: neither counts nor resets
  EXPECT_EQ(s.stats.cursor_unchanged_runs, 1);
  s.RecordRun(MakeRun("r7", "ok", 7000, 3, 2, 3));
  EXPECT_EQ(s.stats.cursor_unchanged_runs, 0);
  EXPECT_EQ(s.stats.items_in_total, 20);
  EXPECT_EQ(s.stats.items_out_total, 20);
  for (int i = 8; i < 70; ++i) s.RecordRun(MakeRun(Id("r", i), "ok", i * 1000));
  ASSERT_EQ(s.history.size(), DaemonState::kHistorySize);
  EXPECT_EQ(s.history.front().run_id, "r20");
  EXPECT_EQ(s.history.back().run_id, "r69");
}

TEST(DaemonStateTest, ResetRewindsCursorAndKeepsStats) {
  DaemonState s;
  s.cursor = json{{"last_uid", 42}};
  s.pending = PendingCommit{};
  s.pending->run_id = "r9";
  s.dedup.Insert("k", 1);
  s.RecordRun(MakeRun("r1", "ok", 1000, 5, 1, 2));
  s.Reset(json("-7d"), /*keep_dedup=*/true, 9000);
  EXPECT_EQ(s.cursor, "-7d");
  EXPECT_FALSE(s.pending.has_value());
  EXPECT_TRUE(s.dedup.Contains("k"));
  EXPECT_EQ(s.stats.runs_total, 1);
  ASSERT_EQ(s.history.size(), 2u);
  EXPECT_EQ(s.history.back().outcome, "reset");
  EXPECT_EQ(s.history.back().cursor_before, (json{{"last_uid", 42}}));
  s.Reset(nullptr, false, 9500);
  EXPECT_TRUE(s.cursor.is_null());
  EXPECT_EQ(s.dedup.size(), 0u);
}

TEST(DaemonStateTest, OverridesConvertToTheScheduleForm) {
  StateOverrides o;
  ScheduleOverride ov;
  ASSERT_TRUE(o.ToScheduleOverride(&ov).ok());
  EXPECT_FALSE(ov.rule.has_value());
  o.enabled = false;
  o.every = "30m";
  ASSERT_TRUE(o.ToScheduleOverride(&ov).ok());
  EXPECT_EQ(ov.enabled, false);
  ASSERT_TRUE(ov.rule.has_value());
  EXPECT_EQ(ov.rule->every_ms, 30 * kMin);
  o.every.reset();
  o.cron = "0 */2 * * *";
  ASSERT_TRUE(o.ToScheduleOverride(&ov).ok());
  ASSERT_TRUE(ov.rule->cron.has_value());
  EXPECT_EQ(ov.rule->cron->text(), "0 */2 * * *");
  o.every = "1h";
  EXPECT_NE(o.ToScheduleOverride(&ov).message().find("both every and cron"), std::string::npos);
}

TEST_F(StateFileTest, MissingFileIsAFreshState) {
  DaemonState s;
  s.cursor = 5;
  ASSERT_TRUE(LoadState(path_, "acme", &s).ok());
  EXPECT_EQ(s.daemon, "acme");
  EXPECT_TRUE(s.cursor.is_null());
  EXPECT_EQ(s.stats.runs_total, 0);
  EXPECT_FALSE(s.marks.last_slot_ms.has_value());
  EXPECT_FALSE(std::filesystem::exists(path_));  // loading writes nothing
}

TEST_F(StateFileTest, RoundTripKeepsEveryField) {
  DaemonState s;
  s.daemon = "acme";
  s.config_hash = "sha256:abcd";
  s.cursor = json{{"added_after", "2026-11-20T10:15:02.123456Z"}, {"page", 3}};
  PendingCommit p;
  p.run_id = "20261122T121500Z-3f2a";
  p.new_cursor = json{{"added_after", "2026-11-22T12:00:00Z"}};
  p.tmp_path = "/out/.acme-20261122T121500Z-3f2a.jsonl.tmp";
  p.final_path = "/out/acme-20261122T121500Z-3f2a.jsonl";
  p.append_path = "/out/all.jsonl";
  p.append_offset_before = 1234;
  p.append_bytes = 99;
  p.append_sha256 = "00ff";
  p.new_dedup_keys = {{"id-1|2026", Utc(2026, 11, 22)}, {"id-2|2026", Utc(2026, 11, 22, 1)}};
  p.slot_ms = Utc(2026, 11, 22, 12, 15);
  s.pending = p;
  s.marks = RunMarks{Utc(2026, 11, 22, 12, 15), Utc(2026, 11, 22, 12, 15) + 4000};
  s.dedup.Insert("old|1", Utc(2026, 11, 1));
  s.dedup.Insert("old|2", Utc(2026, 11, 2));
  s.overrides.enabled = false;
  s.overrides.cron = "*/10 * * * *";
  RunRecord r = MakeRun("r1", "error", Utc(2026, 11, 22, 12, 0), 12, json{{"a", 1}}, json{{"a", 1}});
  r.dup = 4;
  r.filtered = 2;
  r.pages = 3;
  r.missed_slots = 5;
  s.RecordRun(r);
  s.RecordRun(MakeRun("r2", "ok", Utc(2026, 11, 22, 12, 15), 3, json{{"a", 1}}, json{{"a", 2}}));
  ASSERT_TRUE(SaveState(path_, s).ok());

  struct stat st;
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  DaemonState back;
  Status ls = LoadState(path_, "acme", &back);
  ASSERT_TRUE(ls.ok()) << ls.message();
  EXPECT_EQ(back.config_hash, "sha256:abcd");
  EXPECT_EQ(back.cursor, s.cursor);
  ASSERT_TRUE(back.pending.has_value());
  EXPECT_EQ(back.pending->run_id, p.run_id);
  EXPECT_EQ(back.pending->new_cursor, p.new_cursor);
  EXPECT_EQ(back.pending->tmp_path, p.tmp_path);
  EXPECT_EQ(back.pending->final_path, p.final_path);
  EXPECT_EQ(back.pending->append_path, p.append_path);
  EXPECT_EQ(back.pending->append_offset_before, 1234u);
  EXPECT_EQ(back.pending->append_bytes, 99u);
  EXPECT_EQ(back.pending->append_sha256, "00ff");
  EXPECT_EQ(back.pending->new_dedup_keys, p.new_dedup_keys);
  EXPECT_EQ(back.pending->slot_ms, p.slot_ms);
  EXPECT_EQ(back.marks.last_slot_ms, s.marks.last_slot_ms);
  EXPECT_EQ(back.marks.last_started_ms, s.marks.last_started_ms);
  EXPECT_EQ(back.dedup.keys(), s.dedup.keys());
  EXPECT_EQ(back.overrides.enabled, false);
  EXPECT_EQ(back.overrides.cron, "*/10 * * * *");
  EXPECT_FALSE(back.overrides.every.has_value());
  EXPECT_EQ(back.stats.runs_total, 2);
  EXPECT_EQ(back.stats.runs_failed, 1);
  EXPECT_EQ(back.stats.last_error, "HTTP 503 from feed");
  EXPECT_EQ(back.stats.last_error_ms, s.stats.last_error_ms);
  EXPECT_EQ(back.stats.last_success_ms, s.stats.last_success_ms);
  ASSERT_EQ(back.history.size(), 2u);
  EXPECT_EQ(back.history[0].dup, 4);
  EXPECT_EQ(back.history[0].filtered, 2);
  EXPECT_EQ(back.history[0].pages, 3);
  EXPECT_EQ(back.history[0].missed_slots, 5);
  EXPECT_EQ(back.history[0].error, "HTTP 503 from feed");
  EXPECT_EQ(back.history[1].cursor_after, (json{{"a", 2}}));
  EXPECT_EQ(back.history[1].error, "");
  // Byte-identical when written again: the file is deterministic.
  EXPECT_EQ(back.Serialize(), s.Serialize());
}

TEST_F(StateFileTest, HoldsOnlyTheDocumentedKeys) {
  DaemonState s;
  s.daemon = "acme";
  json j = json::parse(s.Serialize());
  std::set<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.insert(it.key());
  EXPECT_EQ(keys, (std::set<std::string>{"schema", "daemon", "config_hash", "cursor", "pending", "last_slot",
                                         "last_started_at", "overrides", "dedup", "stats", "history"}));
  EXPECT_EQ(j["schema"], 1);
  EXPECT_TRUE(j["pending"].is_null());
}

TEST_F(StateFileTest, CorruptFilesAreErrorsNamingPathAndField) {
  Status s = LoadError("{\"schema\":1, \"daemon\":\"acme\", ");
  EXPECT_NE(s.message().find(path_ + ": not valid JSON"), std::string::npos) << s.message();
  s = LoadError("");
  EXPECT_NE(s.message().find("not valid JSON"), std::string::npos);
  s = LoadError("[1,2]");
  EXPECT_NE(s.message().find("expected an object, found array"), std::string::npos) << s.message();
  s = LoadError(R"({"schema":2,"daemon":"acme"})");
  EXPECT_NE(s.message().find("schema 2 is not supported"), std::string::npos);
  s = LoadError(R"({"daemon":"acme"})");
  EXPECT_NE(s.message().find("schema 0 is not supported"), std::string::npos);
  s = LoadError(R"({"schema":1,"daemon":"other"})");
  EXPECT_NE(s.message().find("belongs to daemon \"other\", not \"acme\""), std::string::npos);
  s = LoadError(R"({"schema":1,"daemon":"acme","cursr":5})");
  EXPECT_EQ(s.message(), path_ + ": cursr: unknown key");
  s = LoadError(R"({"schema":1,"daemon":"acme","stats":{"runs_total":"many"}})");
  EXPECT_EQ(s.message(), path_ + ": stats.runs_total: expected an integer, found string");
  s = LoadError(R"({"schema":1,"daemon":"acme","last_slot":"yesterday"})");
  EXPECT_NE(s.message().find("last_slot: expected an RFC 3339 UTC time"), std::string::npos);
  s = LoadError(R"({"schema":1,"daemon":"acme","pending":{"new_cursor":3}})");
  EXPECT_EQ(s.message(), path_ + ": pending.run_id: missing");
  s = LoadError(R"({"schema":1,"daemon":"acme","pending":{"run_id":"r","append":{"bytes":-1}}})");
  EXPECT_NE(s.message().find("pending.append.bytes: expected a non-negative integer"), std::string::npos);
  s = LoadError(R"({"schema":1,"daemon":"acme","overrides":{"schedule":{"cron":"0 0 L * *"}}})");
  EXPECT_NE(s.message().find("overrides.schedule: override schedule: cron column 3"), std::string::npos);
  s = LoadError(R"({"schema":1,"daemon":"acme","dedup":{"keys":[["k"]]}})");
  EXPECT_NE(s.message().find("dedup.keys: expected [key, time] pairs"), std::string::npos);
  s = LoadError(R"({"schema":1,"daemon":"acme","history":[{"run_id":"r","items_in":1.5}]})");
  EXPECT_EQ(s.message(), path_ + ": history[0].items_in: expected an integer, found number");
  // The damaged file is left for the operator, not replaced.
  std::string text;
  ASSERT_TRUE(ReadWholeFile(path_, &text).ok());
  EXPECT_EQ(text, R"({"schema":1,"daemon":"acme","history":[{"run_id":"r","items_in":1.5}]})");
}

TEST_F(StateFileTest, SaveReplacesAtomicallyAndIgnoresALeftoverTemp) {
  DaemonState s;
  s.daemon = "acme";
  s.cursor = 1;
  ASSERT_TRUE(SaveState(path_, s).ok());
  { std::ofstream(AtomicTempPath(path_)) << "{\"schema\":1, \"dae"; }  // a crashed save
  DaemonState back;
  ASSERT_TRUE(LoadState(path_, "acme", &back).ok());
  EXPECT_EQ(back.cursor, 1);
  s.cursor = 2;
  ASSERT_TRUE(SaveState(path_, s).ok());
  EXPECT_FALSE(std::filesystem::exists(AtomicTempPath(path_)));
  ASSERT_TRUE(LoadState(path_, "acme", &back).ok());
  EXPECT_EQ(back.cursor, 2);
}

Schedule EverySchedule(std::string_view every, int64_t timeout_ms) {
  ScheduleOptions o;
  ScheduleRule r;
  EXPECT_TRUE(MakeEveryRule(every, &r).ok());
  o.rules.push_back(r);
  o.timeout_ms = timeout_ms;
  Schedule s;
  EXPECT_TRUE(Schedule::Build("acme", o, &s).ok());
  return s;
}

TEST(HealthTest, EachStateWithItsThreshold) {
  Schedule sched = EverySchedule("15m", 10 * kMin);
  int64_t t0 = Utc(2026, 5, 4, 10, 0);
  DaemonState s;
  EXPECT_EQ(ComputeHealth(s, sched, t0).health, Health::kNeverRun);

  RunRecord ok = MakeRun("r1", "ok", t0 - 2000, 1, 1, 2);  // finishes at t0
  s.RecordRun(ok);
  // Due 10:15; LATE once 10:15 + 15m period + 10m timeout = 10:40 has passed.
  EXPECT_EQ(ComputeHealth(s, sched, t0 + 40 * kMin).health, Health::kOk);
  HealthReport late = ComputeHealth(s, sched, t0 + 40 * kMin + 1);
  EXPECT_EQ(late.health, Health::kLate);
  EXPECT_EQ(late.reason, "no success since 2026-05-04T10:00:00.000Z, due since 2026-05-04T10:15:00.000Z");

  s.RecordRun(MakeRun("r2", "error", t0 + 15 * kMin));
  s.RecordRun(MakeRun("r3", "error", t0 + 30 * kMin));
  EXPECT_EQ(ComputeHealth(s, sched, t0 + 31 * kMin).health, Health::kOk);
  s.RecordRun(MakeRun("r4", "error", t0 + 45 * kMin));
  HealthReport failing = ComputeHealth(s, sched, t0 + 46 * kMin);
  EXPECT_EQ(failing.health, Health::kFailing);  // wins over LATE
  EXPECT_EQ(failing.reason, "3 consecutive failures; last error: HTTP 503 from feed");
  EXPECT_EQ(HealthName(failing.health), std::string("FAILING"));

  DaemonState stuck;
  for (int i = 0; i < 5; ++i) stuck.RecordRun(MakeRun(Id("s", i), "ok", t0 + i * 15 * kMin, 10, 7, 7));
  EXPECT_EQ(ComputeHealth(stuck, sched, t0 + 61 * kMin).health, Health::kStuck);
  HealthThresholds lenient;
  lenient.stuck_after = 6;
  EXPECT_EQ(ComputeHealth(stuck, sched, t0 + 61 * kMin, lenient).health, Health::kOk);

  stuck.overrides.enabled = false;
  EXPECT_EQ(ComputeHealth(stuck, sched, t0).health, Health::kDisabled);
  EXPECT_EQ(ComputeHealth(DaemonState{}, sched, t0).health, Health::kNeverRun);
}

TEST(HealthTest, LateFollowsTheScheduleNotTheWallClock) {
  // Weekdays 09:00 only: a Friday success is not late on Sunday.
  ScheduleOptions o;
  ScheduleRule r;
  ASSERT_TRUE(MakeCronRule("0 9 * * mon-fri", &r).ok());
  o.rules.push_back(r);
  Schedule sched;
  ASSERT_TRUE(Schedule::Build("acme", o, &sched).ok());
  DaemonState s;
  s.RecordRun(MakeRun("r1", "ok", Utc(2026, 5, 8, 9, 0)));                          // Friday
  EXPECT_EQ(ComputeHealth(s, sched, Utc(2026, 5, 10, 20, 0)).health, Health::kOk);  // Sunday
  // Due Monday 09:00; period Mon->Tue 24h; timeout 10m (default).
  EXPECT_EQ(ComputeHealth(s, sched, Utc(2026, 5, 12, 9, 10)).health, Health::kOk);
  EXPECT_EQ(ComputeHealth(s, sched, Utc(2026, 5, 12, 9, 10) + 1).health, Health::kLate);
  // A reschedule override changes what "late" means.
  s.overrides.every = "1h";
  EXPECT_EQ(ComputeHealth(s, sched, Utc(2026, 5, 8, 11, 10)).health, Health::kOk);
  EXPECT_EQ(ComputeHealth(s, sched, Utc(2026, 5, 8, 11, 11)).health, Health::kLate);
}

}  // namespace
}  // namespace recproc
