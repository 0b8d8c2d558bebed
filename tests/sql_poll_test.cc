// End-to-end tests of the `sql_poll` daemon type through the real binary,
// once against a SQLite file and once against a PostgreSQL 15 server that the
// suite starts on loopback (skipped with a message when not installed):
// rows sharing a timestamp across page boundaries, a late commit inside
// `settle`, a second run with no new data, paging with max_items, reset, the
// database's own clock, and errors that point into the query.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "db/sql_connection.h"
#include "e2e_util.h"
#include "pg_server.h"

namespace recproc::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int64_t kBase = 1767225600;  // 2026-01-01T00:00:00Z
constexpr char kPollQuery[] =
    "SELECT id, ts, host, score, note FROM events"
    " WHERE (ts > :cursor_ts OR (ts = :cursor_ts AND id > :cursor_id)) AND ts <= :window_end"
    " ORDER BY ts, id LIMIT :limit";

std::string At(int64_t seconds_after_base) { return std::to_string(kBase + seconds_after_base); }

class SqlPoll : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {}
  static void TearDownTestSuite() {
    if (pg_) pg_->Stop();
    pg_.reset();
  }

  void SetUp() override {
    char tmpl[] = "/tmp/recproc_sqlpoll_XXXXXX";
    root_ = mkdtemp(tmpl);
    if (postgres()) {
      std::string why = PgServer::Unavailable();
      if (!why.empty()) GTEST_SKIP() << "PostgreSQL tests skipped: " << why;
      if (!pg_) {
        pg_ = std::make_unique<PgServer>();
        std::string error;
        if (!pg_->Start(&error)) {
          pg_.reset();
          FAIL() << "cannot start PostgreSQL: " << error;
        }
      }
      ASSERT_TRUE(OpenPostgresConnection(pg_->Dsn(), &db_).ok());
      Exec("DROP TABLE IF EXISTS events");
      Exec(
          "CREATE TABLE events (id integer PRIMARY KEY, ts timestamptz NOT NULL, host text, "
          "score double precision, note text)");
    } else {
      ASSERT_TRUE(OpenSqliteConnection((root_ / "events.db").string(), true, &db_).ok());
      Exec(
          "CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, ts INTEGER NOT NULL, host TEXT, "
          "score REAL, note TEXT)");
    }
  }
  void TearDown() override {
    db_.reset();
    fs::remove_all(root_);
  }

  bool postgres() const { return GetParam() == "postgres"; }

  void Exec(const std::string& sql, const std::vector<SqlParam>& params = {}) {
    Status s = db_->Query(sql, params, nullptr);
    ASSERT_TRUE(s.ok()) << s.message();
  }

  // A row `seconds` after kBase.
  void Insert(int64_t id, int64_t seconds, const std::string& host) {
    std::string ts = postgres() ? "to_timestamp(:sec)" : ":sec * 1000";
    Exec("INSERT INTO events (id, ts, host, score, note) VALUES (:id, " + ts + ", :host, :score, NULL)",
         {{"id", id}, {"sec", kBase + seconds}, {"host", host}, {"score", 0.5 + static_cast<double>(id)}});
  }

  fs::path WriteDaemon(const std::string& params_extra = "", const std::string& extra = "",
                       const std::string& query = kPollQuery) {
    std::string source = postgres() ? "  driver: postgres\n  dsn: \"" + pg_->Dsn() + "\"\n  ts_format: text\n"
                                    : "  driver: sqlite\n  path: events.db\n";
    fs::path p = root_ / "poll.yaml";
    std::ofstream(p) << "version: 1\nname: poll\ntype: sql_poll\nschedule: {every: 1m}\nparams:\n"
                     << source << "  query: \"" << query << "\"\n"
                     << params_extra << "output: {sink: stdout}\n"
                     << extra;
    return p;
  }

  CommandResult Run(const fs::path& yaml, int64_t now_seconds_after_base, const std::string& verb = "run") {
    return RunRecproc("daemon " + verb + " " + yaml.string() + (verb == "run" ? " --force" : "") + " --now " +
                      At(now_seconds_after_base) + " --state-dir " + (root_ / "state").string());
  }

  static std::vector<int64_t> IdsOf(const CommandResult& r) {
    std::vector<int64_t> ids;
    for (const json& j : JsonLines(r.out)) ids.push_back(j.at("id").get<int64_t>());
    return ids;
  }

  static inline std::unique_ptr<PgServer> pg_;
  fs::path root_;
  std::unique_ptr<SqlConnection> db_;
};

using Ids = std::vector<int64_t>;

TEST_P(SqlPoll, RowsSharingATimestampAcrossPagesAreReadOnce) {
  // Three rows share ts=10 and two share ts=20; pages of 2 cut through both groups.
  Insert(1, 10, "a");
  Insert(2, 10, "b");
  Insert(3, 10, "c");
  Insert(4, 20, "d");
  Insert(5, 20, "e");
  fs::path d = WriteDaemon("  page_size: 2\n");
  CommandResult r = Run(d, 600);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(IdsOf(r), (Ids{1, 2, 3, 4, 5}));

  r = Run(d, 660);  // nothing new: nothing emitted
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");

  // Same timestamp as the cursor but a higher id, and a later row: each exactly once.
  Insert(6, 20, "f");
  Insert(7, 30, "g");
  r = Run(d, 720);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(IdsOf(r), (Ids{6, 7}));
  r = Run(d, 780);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_P(SqlPoll, ItemsAreRowObjectsWithTypesPreserved) {
  Insert(1, 10, "web-1");
  CommandResult r = Run(WriteDaemon(), 600);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 1u) << r.out;
  EXPECT_EQ(lines[0]["id"], json(1));
  EXPECT_EQ(lines[0]["host"], json("web-1"));
  EXPECT_EQ(lines[0]["score"], json(1.5));
  EXPECT_TRUE(lines[0]["note"].is_null());
  if (postgres())
    EXPECT_EQ(lines[0]["ts"], json("2026-01-01 00:00:10+00"));
  else
    EXPECT_EQ(lines[0]["ts"], json((kBase + 10) * 1000));
}

TEST_P(SqlPoll, LateCommitInsideSettleIsCaughtByTheNextCycle) {
  // settle 30s at now=60: window ends at 30, so the row at 40 waits.
  Insert(1, 10, "a");
  Insert(2, 40, "b");
  fs::path d = WriteDaemon("", "cursor: {settle: 30s}\n");
  CommandResult r = Run(d, 60);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(IdsOf(r), (Ids{1}));
  // A transaction that took its timestamp (35) before the first cycle commits only now.
  Insert(3, 35, "late");
  r = Run(d, 120);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(IdsOf(r), (Ids{3, 2}));
  r = Run(d, 180);
  EXPECT_EQ(r.out, "");
}

TEST_P(SqlPoll, MaxItemsMakesThePartialRunResumeAfterTheLastRow) {
  for (int64_t id = 1; id <= 5; ++id) Insert(id, 10, "h");
  fs::path d = WriteDaemon("  page_size: 2\n", "limits: {max_items: 3}\n");
  CommandResult r = Run(d, 600);
  EXPECT_EQ(IdsOf(r), (Ids{1, 2, 3})) << r.err;
  json state = json::parse(std::ifstream(root_ / "state" / "poll.state.json"));
  EXPECT_EQ(state["history"].back()["status"], json("partial"));
  EXPECT_EQ(state["cursor"]["id"], json(3));
  r = Run(d, 660);
  EXPECT_EQ(IdsOf(r), (Ids{4, 5})) << r.err;
}

TEST_P(SqlPoll, ResetReadsEverythingAgain) {
  Insert(1, 10, "a");
  Insert(2, 20, "b");
  fs::path d = WriteDaemon();
  ASSERT_EQ(IdsOf(Run(d, 600)), (Ids{1, 2}));
  ASSERT_EQ(Run(d, 660).out, "");
  CommandResult r = Run(d, 700, "reset");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(IdsOf(Run(d, 720)), (Ids{1, 2}));
}

TEST_P(SqlPoll, CursorInitialIsTheFirstRunsStart) {
  Insert(1, 10, "old");
  Insert(2, 3600, "new");
  fs::path d = WriteDaemon("", "cursor: {initial: \"2026-01-01T00:30:00Z\"}\n");
  EXPECT_EQ(IdsOf(Run(d, 7200)), (Ids{2}));
}

TEST_P(SqlPoll, DatabaseTimeEndsTheWindowAtTheDatabasesClock) {
  // Rows an hour before and an hour after the real clock; the cycle's --now
  // is years ahead, so only the database's clock can hold the second back.
  int64_t real_now = static_cast<int64_t>(time(nullptr)) - kBase;
  Insert(1, real_now - 3600, "past");
  Insert(2, real_now + 3600, "future");
  EXPECT_EQ(IdsOf(Run(WriteDaemon("  database_time: true\n"), 10LL * 365 * 86400)), (Ids{1}));
  fs::remove_all(root_ / "state");
  EXPECT_EQ(IdsOf(Run(WriteDaemon(), 10LL * 365 * 86400)), (Ids{1, 2}));
}

TEST_P(SqlPoll, ASyntaxErrorNamesTheQueryPosition) {
  Insert(1, 10, "a");
  // "AND" starts at byte 33 (1-based) of the query.
  CommandResult r = Run(WriteDaemon("", "", "SELECT id, ts FROM events WHERE AND ts > :cursor_ts"), 600);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("query position 33"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_P(SqlPoll, AnUnknownParameterIsAConfigErrorWithItsPosition) {
  CommandResult r = Run(WriteDaemon("", "", "SELECT id, ts FROM events WHERE ts > :since"), 600);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("query position 38"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("unknown parameter ':since'"), std::string::npos) << r.err;
}

TEST_P(SqlPoll, RowsOutOfCursorOrderAreAnErrorNotASkip) {
  Insert(1, 10, "a");
  Insert(2, 20, "b");
  fs::path d = WriteDaemon("", "", "SELECT id, ts FROM events WHERE ts > :cursor_ts ORDER BY ts DESC");
  CommandResult r = Run(d, 600);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("the query needs ORDER BY ts, id"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(IdsOf(Run(WriteDaemon(), 660)), (Ids{1, 2}));  // the failed run committed no cursor
}

TEST_P(SqlPoll, AQueryPastTheCycleTimeoutIsCancelledByTheServer) {
  if (!postgres()) GTEST_SKIP() << "statement_timeout is a PostgreSQL setting";
  Insert(1, 10, "a");
  fs::path d = WriteDaemon("", "", "SELECT id, ts FROM events, pg_sleep(30) WHERE ts > :cursor_ts");
  std::stringstream yaml;
  yaml << std::ifstream(d).rdbuf();
  std::string text = yaml.str();
  text.replace(text.find("schedule: {every: 1m}"), 21, "schedule: {every: 1m, timeout: 1s}");
  std::ofstream(d) << text;
  CommandResult r = Run(d, 600);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("timeout"), std::string::npos) << r.err;
  json state = json::parse(std::ifstream(root_ / "state" / "poll.state.json"));
  EXPECT_EQ(state["history"].back()["status"], json("timeout"));
}

TEST_P(SqlPoll, AMissingCursorColumnIsAClearError) {
  Insert(1, 10, "a");
  CommandResult r = Run(WriteDaemon("  cursor_columns: {ts: ts, id: event_id}\n"), 600);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no column 'event_id'"), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(Drivers, SqlPoll, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace recproc::testing
