// End-to-end tests of `recproc daemon ...` on the real binary: every verb
// with --now, the two-phase commit under a crash at each step, overlap with
// a second process holding the lock, and secrets kept out of the state.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "e2e_util.h"
#include "io/file_lock.h"

namespace recproc::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class DaemonCli : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/recproc_daemon_XXXXXX";
    root_ = mkdtemp(tmpl);
    state_ = root_ / "state";
    out_ = root_ / "out";
    Spit(root_ / "feed.json",
         R"([{"id":"a","ts":"2026-01-01T00:00:01Z","sev":3},)"
         R"({"id":"b","ts":"2026-01-01T00:00:03Z","sev":9},)"
         R"({"id":"c","ts":"2026-01-01T00:00:02Z","sev":1}])");
  }
  void TearDown() override {
    unsetenv("RECPROC_TEST_CRASH_AT");
    fs::remove_all(root_);
  }

  // An exec daemon reading feed.json; `extra` is appended to the YAML.
  fs::path WriteDaemon(const std::string& sink, const std::string& extra = "") {
    fs::path p = root_ / "d.yaml";
    Spit(p, "version: 1\nname: alerts\ntype: exec\nschedule: {every: 5m}\n"
            "params:\n  command: [/bin/sh, -c, 'cat \"$FEED\"']\n  FEED: " +
                (root_ / "feed.json").string() +
                "\ncursor: {field: ts}\ndedup: {key: \"{id}\"}\n"
                "mapping: {id: id, ts: ts, severity: sev}\n"
                "rules:\n  - {name: noise, when: 'severity < 2', action: drop}\n"
                "  - {name: mark, when: 'severity >= 9', action: tag, params: {tags: [urgent]}}\n"
                "output: {sink: '" + sink + "'}\n" + extra);
    return p;
  }

  CommandResult Daemon(const std::string& verb, const std::string& args, const std::string& now) {
    return RunRecproc("daemon " + verb + " " + args + " --now " + now + " --state-dir " + state_.string());
  }

  json State() { return json::parse(Slurp(state_ / "alerts.state.json")); }

  // Every line of every installed batch file, and the names of all files.
  std::vector<json> OutputLines(std::vector<std::string>* names = nullptr) {
    std::vector<json> lines;
    if (!fs::exists(out_)) return lines;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(out_)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
      if (names) names->push_back(f.filename().string());
      if (f.extension() == ".jsonl" && f.filename().string()[0] != '.')
        for (json& j : JsonLines(Slurp(f))) lines.push_back(std::move(j));
    }
    return lines;
  }

  fs::path root_, state_, out_;
};

const char* kT0 = "2026-01-01T00:10:00Z";

TEST_F(DaemonCli, RunWritesOneBatchFileAndCommitsTheCursor) {
  fs::path d = WriteDaemon("dir:" + out_.string());
  CommandResult r = Daemon("run", d.string(), kT0);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> names;
  std::vector<json> lines = OutputLines(&names);
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names[0], "alerts-20260101T001000Z-000001.jsonl");
  ASSERT_EQ(lines.size(), 2u);  // c dropped by the rule
  EXPECT_EQ(lines[0], json::parse(R"({"id":"a","ts":"2026-01-01T00:00:01Z","severity":3})"));
  EXPECT_EQ(lines[1]["tags"], json::array({"urgent"}));
  json st = State();
  EXPECT_EQ(st["cursor"], "2026-01-01T00:00:03Z");  // max over emitted and dropped, not the last item
  EXPECT_TRUE(st["pending"].is_null());
  EXPECT_EQ(st["history"][0]["items_in"], 3);
  EXPECT_EQ(st["history"][0]["filtered"], 1);
  EXPECT_EQ(st["history"][0]["out"], 2);

  // Not due a minute later: nothing runs, the state file is not rewritten.
  std::string before = Slurp(state_ / "alerts.state.json");
  r = Daemon("run", d.string(), "2026-01-01T00:11:00Z");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("not-due"), std::string::npos) << r.err;
  EXPECT_EQ(Slurp(state_ / "alerts.state.json"), before);

  // Due again: the same feed is all duplicates, so no new file.
  r = Daemon("run", d.string() + " --quiet", "2026-01-01T00:15:00Z");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  names.clear();
  OutputLines(&names);
  EXPECT_EQ(names.size(), 1u);
  EXPECT_EQ(State()["history"][1]["dup"], 3);
  EXPECT_EQ(State()["stats"]["runs_total"], 2);
}

TEST_F(DaemonCli, DryRunPrintsAndCommitsNothing) {
  fs::path d = WriteDaemon("dir:" + out_.string());
  CommandResult r = Daemon("run", d.string() + " --dry-run", kT0);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(JsonLines(r.out).size(), 2u);
  EXPECT_FALSE(fs::exists(state_ / "alerts.state.json"));
  EXPECT_FALSE(fs::exists(out_));
}

TEST_F(DaemonCli, CrashAtEachCommitStepLosesNothingAndDuplicatesNothing) {
  for (const char* step : {"fetched", "before_phase1", "after_phase1", "after_install", "after_phase2"}) {
    SCOPED_TRACE(step);
    fs::remove_all(state_);
    fs::remove_all(out_);
    fs::path d = WriteDaemon("dir:" + out_.string());
    setenv("RECPROC_TEST_CRASH_AT", step, 1);
    CommandResult r = Daemon("run", d.string(), kT0);
    unsetenv("RECPROC_TEST_CRASH_AT");
    ASSERT_EQ(r.exit_code, 99) << r.err;
    r = Daemon("run", d.string() + " --force", kT0);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> names;
    std::vector<json> lines = OutputLines(&names);
    EXPECT_EQ(names.size(), 1u) << ::testing::PrintToString(names);  // no temp files, no second batch
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0]["id"], "a");
    EXPECT_EQ(lines[1]["id"], "b");
    json st = State();
    EXPECT_EQ(st["cursor"], "2026-01-01T00:00:03Z");
    EXPECT_TRUE(st["pending"].is_null());
  }
}

TEST_F(DaemonCli, AppendSinkRecoversAfterACrash) {
  for (const char* step : {"after_phase1", "after_install"}) {
    SCOPED_TRACE(step);
    fs::remove_all(state_);
    fs::path file = root_ / "sink" / "alerts.jsonl";
    fs::remove_all(file.parent_path());
    fs::path d = WriteDaemon("file:" + file.string());
    setenv("RECPROC_TEST_CRASH_AT", step, 1);
    ASSERT_EQ(Daemon("run", d.string(), kT0).exit_code, 99);
    unsetenv("RECPROC_TEST_CRASH_AT");
    CommandResult r = Daemon("run", d.string() + " --force", kT0);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::vector<json> lines = JsonLines(Slurp(file));
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[1]["id"], "b");
  }
}

TEST_F(DaemonCli, TornAppendIsCutBackOnRecovery) {
  fs::path file = root_ / "alerts.jsonl";
  Spit(file, "{\"old\":1}\n");
  fs::path d = WriteDaemon("file:" + file.string());
  setenv("RECPROC_TEST_CRASH_AT", "after_install", 1);
  ASSERT_EQ(Daemon("run", d.string(), kT0).exit_code, 99);
  unsetenv("RECPROC_TEST_CRASH_AT");
  // Simulate a torn write: half the batch reached the disk.
  std::string text = Slurp(file);
  fs::resize_file(file, text.size() - 5);
  ASSERT_EQ(Daemon("run", d.string() + " --force", kT0).exit_code, 0);
  std::vector<json> lines = JsonLines(Slurp(file));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]["old"], 1);
  EXPECT_EQ(lines[2]["id"], "b");
}

TEST_F(DaemonCli, SecondProcessHoldingTheLockMakesRunExit75) {
  fs::path d = WriteDaemon("dir:" + out_.string());
  fs::create_directories(state_);
  FileLock lock;
  ASSERT_TRUE(FileLock::TryLock((state_ / "alerts.lock").string(), &lock, nullptr).ok());
  CommandResult r = Daemon("run", d.string() + " --quiet", kT0);
  EXPECT_EQ(r.exit_code, 75) << r.err;
  EXPECT_NE(r.err.find("skipped-busy"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out_));
  EXPECT_EQ(Daemon("disable", d.string(), kT0).exit_code, 75);  // verbs that write take the lock too
  lock.Unlock();
  EXPECT_EQ(Daemon("run", d.string(), kT0).exit_code, 0);
}

TEST_F(DaemonCli, OverlapWaitGivesUpAfterItsBound) {
  fs::path d = WriteDaemon("dir:" + out_.string());
  std::string yaml = Slurp(d);
  yaml.replace(yaml.find("{every: 5m}"), 11, "{every: 5m, overlap: 'wait:1s'}");
  Spit(d, yaml);
  fs::create_directories(state_);
  FileLock lock;
  ASSERT_TRUE(FileLock::TryLock((state_ / "alerts.lock").string(), &lock, nullptr).ok());
  EXPECT_EQ(Daemon("run", d.string(), kT0).exit_code, 75);
}

TEST_F(DaemonCli, SecretsNeverReachStateOrStderr) {
  setenv("RD_TEST_TOKEN", "s3cr3t-token-value", 1);
  fs::path d = root_ / "s.yaml";
  Spit(d, "version: 1\nname: alerts\ntype: exec\nschedule: {every: 5m}\n"
          "params:\n  command: [/bin/sh, -c, 'echo \"login failed for $TOKEN\" >&2; exit 3']\n"
          "  TOKEN: '${env:RD_TEST_TOKEN}'\n");
  CommandResult r = Daemon("run", d.string(), kT0);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.find("s3cr3t"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("login failed for ***"), std::string::npos) << r.err;
  std::string state = Slurp(state_ / "alerts.state.json");
  EXPECT_EQ(state.find("s3cr3t"), std::string::npos) << state;
  EXPECT_EQ(State()["stats"]["consecutive_failures"], 1);
  EXPECT_TRUE(State()["cursor"].is_null());  // never advanced on error
  unsetenv("RD_TEST_TOKEN");
  // Without the variable the definition does not load.
  r = Daemon("validate", d.string(), kT0);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("s.yaml:7:10: error: environment variable 'RD_TEST_TOKEN' is not set"), std::string::npos)
      << r.err;
}

TEST_F(DaemonCli, StatusHealthAndExitCodes) {
  fs::path d = WriteDaemon("dir:" + out_.string());
  CommandResult r = Daemon("status", d.string() + " --json", kT0);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(json::parse(r.out)["health"], "NEVER_RUN");
  ASSERT_EQ(Daemon("run", d.string(), kT0).exit_code, 0);
  r = Daemon("status", d.string() + " --json", "2026-01-01T00:12:00Z");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  json j = json::parse(r.out);
  EXPECT_EQ(j["health"], "OK");
  EXPECT_EQ(j["next_due"], "2026-01-01T00:15:00.000Z");
  EXPECT_EQ(j["last_run"]["out"], 2);
  // No success for far longer than 2 periods + timeout.
  r = Daemon("status", d.string(), "2026-01-01T02:00:00Z");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("health:    LATE"), std::string::npos) << r.out;
}

TEST_F(DaemonCli, EnableDisableRescheduleAndReset) {
  fs::path d = WriteDaemon("dir:" + out_.string());
  ASSERT_EQ(Daemon("disable", d.string(), kT0).exit_code, 0);
  CommandResult r = Daemon("run", d.string(), kT0);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find("disabled"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out_));
  EXPECT_EQ(json::parse(Daemon("status", d.string() + " --json", kT0).out)["health"], "DISABLED");
  ASSERT_EQ(Daemon("enable", d.string() + " --clear", kT0).exit_code, 0);
  EXPECT_TRUE(State()["overrides"]["enabled"].is_null());

  ASSERT_EQ(Daemon("run", d.string(), kT0).exit_code, 0);
  ASSERT_EQ(Daemon("reschedule", d.string() + " --every 1h", kT0).exit_code, 0);
  json st = Daemon("status", d.string() + " --json", kT0).out.empty() ? json() : State();
  EXPECT_EQ(st["overrides"]["schedule"]["every"], "1h");
  r = Daemon("run", d.string(), "2026-01-01T00:15:00Z");  // due under 5m, not under 1h
  EXPECT_NE(r.err.find("not-due"), std::string::npos) << r.err;
  EXPECT_EQ(Daemon("reschedule", d.string() + " --every 1h --cron '* * * * *'", kT0).exit_code, 2);
  EXPECT_EQ(Daemon("reschedule", d.string() + " --cron '61 * * * *'", kT0).exit_code, 2);
  ASSERT_EQ(Daemon("reschedule", d.string() + " --clear", kT0).exit_code, 0);
  EXPECT_TRUE(State()["overrides"]["schedule"].is_null());

  ASSERT_EQ(Daemon("reset", d.string() + " --to '\"2026-01-01T00:00:02Z\"'", kT0).exit_code, 0);
  st = State();
  EXPECT_EQ(st["cursor"], "2026-01-01T00:00:02Z");
  EXPECT_EQ(st["dedup"]["count"], 0);
  EXPECT_EQ(st["history"].back()["status"], "reset");
  // After the reset the dedup keys are gone: the next run emits again.
  ASSERT_EQ(Daemon("run", d.string() + " --force", kT0).exit_code, 0);
  EXPECT_EQ(OutputLines().size(), 4u);
  ASSERT_EQ(Daemon("reset", d.string(), kT0).exit_code, 0);
  EXPECT_TRUE(State()["cursor"].is_null());
}

TEST_F(DaemonCli, ValidateShowsNextDueTimesAndListShowsTheDaemon) {
  fs::path d = WriteDaemon("dir:" + out_.string());
  CommandResult r = Daemon("validate", d.string(), "2026-01-01T00:07:00Z");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  2026-01-01T00:07:00.000Z\n  2026-01-01T00:12:00.000Z\n  2026-01-01T00:17:00.000Z\n"
                       "  2026-01-01T00:22:00.000Z\n  2026-01-01T00:27:00.000Z\n"),
            std::string::npos)
      << r.out;
  r = Daemon("list", root_.string() + " --json", kT0);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json list = json::parse(r.out);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["daemon"], "alerts");
  EXPECT_EQ(list[0]["health"], "NEVER_RUN");
  r = Daemon("list", root_.string(), kT0);
  EXPECT_NE(r.out.find("alerts"), std::string::npos);
}

TEST_F(DaemonCli, ConfigErrorsHavePositionsAndExit2) {
  fs::path d = root_ / "bad.yaml";
  Spit(d, "version: 1\nname: Bad Name\ntype: exce\nschedule: {every: 5x}\n"
          "rules:\n  - {when: 'a ==', action: emit}\n  - {action: notify.email}\noutptu: {}\n");
  CommandResult r = Daemon("validate", d.string(), kT0);
  EXPECT_EQ(r.exit_code, 2);
  for (const char* want : {"bad.yaml:2:7: error: invalid name 'Bad Name'", "bad.yaml:3:7: error: unknown daemon type 'exce' (did you mean 'exec'?)",
                           "bad.yaml:4:", "bad.yaml:6:12: error: invalid expression: column 5: expected a field or a value, found the end",
                           "bad.yaml:7:14: error: action 'notify.email' needs params",
                           "bad.yaml:8:1: error: unknown key 'outptu' (did you mean 'output'?)"})
    EXPECT_NE(r.err.find(want), std::string::npos) << want << "\n" << r.err;
}

TEST_F(DaemonCli, FileTailThroughThePipelineMatchesRecprocRun) {
  fs::path log = root_ / "spool.log";
  std::string lines =
      "<34>1 2026-01-01T00:00:01Z host1 sshd 100 - - Failed password for root from 192.0.2.7\n"
      "<13>1 2026-01-01T00:00:02Z host2 app - - - hello\n";
  Spit(log, lines + "<13>1 2026-01-01T00:00:03Z host2 app - - - partial");  // no newline yet
  fs::path d = root_ / "t.yaml";
  Spit(d, "version: 1\nname: spool\ntype: file_tail\nschedule: {every: 1m}\nparams: {path: " + log.string() +
              "}\noutput: {sink: pipeline}\n");
  CommandResult daemon = Daemon("run", d.string() + " --quiet", kT0);
  ASSERT_EQ(daemon.exit_code, 0) << daemon.err;
  Spit(root_ / "complete.log", lines);
  CommandResult direct = RunRecproc("--now " + std::string(kT0), lines);
  ASSERT_EQ(direct.exit_code, 0);
  std::vector<json> a = JsonLines(daemon.out), b = JsonLines(direct.out);
  ASSERT_EQ(a.size(), 2u) << daemon.out;
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(a[0]["metadata_sourceFile"], log.string());
  for (size_t i = 0; i < 2; ++i) {
    // Only the provenance differs: a spool file here, stdin there (the uid
    // is derived from the source name too).
    for (const char* key : {"metadata_sourceFile", "uid"}) {
      a[i].erase(key);
      b[i].erase(key);
    }
    EXPECT_EQ(a[i], b[i]);
  }
  json st = json::parse(Slurp(state_ / "spool.state.json"));
  EXPECT_EQ(st["cursor"]["offset"], lines.size());  // the partial line waits
  // The rest of the partial line arrives; only it is read next time.
  std::ofstream(log, std::ios::app) << "\n";
  daemon = Daemon("run", d.string() + " --quiet", "2026-01-01T00:11:00Z");
  ASSERT_EQ(daemon.exit_code, 0) << daemon.err;
  ASSERT_EQ(JsonLines(daemon.out).size(), 1u);
}

}  // namespace
}  // namespace recproc::testing
