// The incident store and the `incident_query` daemon type over a seeded store:
// stale incidents emitted once per status change, the closed-incident report
// (compared with averages worked out by hand below, and its JSON/Markdown
// files), reopened incidents, and the `recproc incident` verbs end to end.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "daemon/state.h"
#include "e2e_util.h"
#include "incident/incident_store.h"
#include "pg_server.h"

namespace recproc::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int64_t kHour = 3600 * 1000;
const int64_t kN = 1767225600000 + 9 * 24 * kHour;  // 2026-01-10T00:00:00Z

class IncidentQuery : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/recproc_incident_XXXXXX";
    root_ = mkdtemp(tmpl);
    ASSERT_TRUE(IncidentStore::Open((root_ / "incidents.db").string(), &store_).ok());
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(root_);
  }

  int64_t Create(const std::string& title, int64_t at, const std::string& assignee = "",
                 std::vector<std::string> investigators = {}) {
    NewIncident n;
    n.title = title;
    n.assignee = assignee;
    n.investigators = std::move(investigators);
    int64_t id = 0;
    Status s = store_->Create(n, at, &id);
    EXPECT_TRUE(s.ok()) << s.message();
    return id;
  }
  void SetStatus(int64_t id, const std::string& status, int64_t at) {
    IncidentUpdate u;
    u.status = status;
    Status s = store_->Update(id, u, at);
    ASSERT_TRUE(s.ok()) << s.message();
  }
  void Phase(int64_t id, const std::string& name, int64_t at) {
    IncidentUpdate u;
    if (name.empty())
      u.end_phase = true;
    else
      u.start_phase = name;
    ASSERT_TRUE(store_->Update(id, u, at).ok());
  }

  fs::path Daemon(const std::string& params) {
    fs::path p = root_ / "q.yaml";
    std::ofstream(p) << "version: 1\nname: q\ntype: incident_query\nschedule: {every: 1h}\n"
                     << "params: {store: incidents.db, " << params << "}\noutput: {sink: stdout}\n";
    return p;
  }
  std::vector<json> Run(const fs::path& yaml, int64_t now) {
    CommandResult r = RunRecproc("daemon run " + yaml.string() + " --force --now " + std::to_string(now) +
                                 " --state-dir " + (root_ / "state").string());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return JsonLines(r.out);
  }
  static std::vector<int64_t> IdsOf(const std::vector<json>& items) {
    std::vector<int64_t> ids;
    for (const json& j : items) ids.push_back(j.at("id").get<int64_t>());
    return ids;
  }

  fs::path root_;
  std::unique_ptr<IncidentStore> store_;
};

using Ids = std::vector<int64_t>;

TEST_F(IncidentQuery, StoreKeepsHistoryPhasesInvestigatorsAndTriage) {
  int64_t id = Create("phish", kN, "", {"alice"});
  IncidentUpdate u;
  u.assignee = "bob";
  u.status = "in_progress";
  u.add_investigators = {"carol", "alice"};
  u.start_phase = "triage";
  u.add_triage = {"check sender"};
  ASSERT_TRUE(store_->Update(id, u, kN + kHour).ok());
  Phase(id, "containment", kN + 3 * kHour);
  SetStatus(id, "closed", kN + 5 * kHour);
  Incident i;
  ASSERT_TRUE(store_->Get(id, &i).ok());
  EXPECT_EQ(i.status, "closed");
  EXPECT_EQ(i.assignee, "bob");
  EXPECT_EQ(i.closed_ms, kN + 5 * kHour);
  EXPECT_EQ(i.updated_ms, kN + 5 * kHour);
  EXPECT_EQ(i.investigators, (std::vector<std::string>{"alice", "carol"}));
  ASSERT_EQ(i.history.size(), 3u);
  EXPECT_EQ(i.history[1].from, "open");
  EXPECT_EQ(i.history[1].to, "in_progress");
  EXPECT_EQ(i.history[2].at_ms, kN + 5 * kHour);
  ASSERT_EQ(i.phases.size(), 2u);
  EXPECT_EQ(i.phases[0].ended_ms, kN + 3 * kHour);  // starting containment ended triage
  EXPECT_FALSE(i.phases[1].ended_ms.has_value());
  ASSERT_EQ(i.triage.size(), 1u);
  EXPECT_EQ(i.triage[0].text, "check sender");
  SetStatus(id, "open", kN + 6 * kHour);
  ASSERT_TRUE(store_->Get(id, &i).ok());
  EXPECT_FALSE(i.closed_ms.has_value());
  IncidentUpdate bad;
  bad.status = "done";
  EXPECT_FALSE(store_->Update(id, bad, kN).ok());
  EXPECT_EQ(store_->Update(99, IncidentUpdate(), kN).code(), recproc::Status::Code::kNotFound);
}

TEST_F(IncidentQuery, StaleIncidentsAreEmittedOncePerStatusChange) {
  int64_t e = Create("untaken", kN - 5 * kHour);
  Create("taken", kN - 5 * kHour, "dave");
  int64_t g = Create("recent", kN - 2 * kHour);
  int64_t h = Create("bounced", kN - 10 * kHour);
  SetStatus(h, "in_progress", kN - 9 * kHour);
  SetStatus(h, "open", kN - 6 * kHour);
  fs::path d = Daemon("kind: stale, hours: 4");
  std::vector<json> items = Run(d, kN);
  EXPECT_EQ(IdsOf(items), (Ids{e, h}));
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1]["open_since"], json(FormatTimeMs(kN - 6 * kHour)));
  EXPECT_DOUBLE_EQ(items[1]["hours_untaken"].get<double>(), 6.0);
  EXPECT_TRUE(Run(d, kN + kHour).empty());
  // A new status change makes h a new case; g has now waited long enough.
  SetStatus(h, "in_progress", kN + kHour);
  SetStatus(h, "open", kN + 2 * kHour);
  EXPECT_EQ(IdsOf(Run(d, kN + 7 * kHour)), (Ids{g, h}));
  EXPECT_TRUE(Run(d, kN + 8 * kHour).empty());
}

TEST_F(IncidentQuery, ReportAveragesTheIncidentsClosedInTheWindow) {
  // a: lifespan 6h, triage 2h, containment 4h (still running at the close), 2 investigators.
  int64_t a = Create("a", kN - 20 * kHour, "", {"alice", "bob"});
  Phase(a, "triage", kN - 20 * kHour);
  Phase(a, "containment", kN - 18 * kHour);
  SetStatus(a, "closed", kN - 14 * kHour);
  // b: lifespan 20h, triage 1h, containment 16h, 1 investigator.
  int64_t b = Create("b", kN - 30 * kHour, "", {"carol"});
  Phase(b, "triage", kN - 29 * kHour);
  Phase(b, "", kN - 28 * kHour);
  Phase(b, "containment", kN - 26 * kHour);
  SetStatus(b, "closed", kN - 10 * kHour);
  // c closed before the window, d still open: neither counts.
  int64_t c = Create("c", kN - 50 * kHour, "", {"x", "y", "z"});
  SetStatus(c, "closed", kN - 30 * kHour);
  Create("d", kN - 5 * kHour);
  fs::path reports = root_ / "reports";
  fs::create_directories(reports);
  std::vector<json> items = Run(Daemon("kind: report, window: 24h, directory: reports"), kN);
  ASSERT_EQ(items.size(), 1u);
  const json& r = items[0];
  EXPECT_EQ(r["closed_count"], json(2));
  EXPECT_EQ(r["incident_ids"], json({a, b}));
  EXPECT_DOUBLE_EQ(r["avg_lifespan_hours"].get<double>(), (6.0 + 20.0) / 2);
  EXPECT_DOUBLE_EQ(r["avg_phase_hours"]["triage"].get<double>(), (2.0 + 1.0) / 2);
  EXPECT_DOUBLE_EQ(r["avg_phase_hours"]["containment"].get<double>(), (4.0 + 16.0) / 2);
  EXPECT_DOUBLE_EQ(r["avg_investigators"].get<double>(), (2.0 + 1.0) / 2);
  std::ifstream json_file(reports / "q-20260110T000000Z.json");
  ASSERT_TRUE(json_file.good());
  json written = json::parse(json_file);
  EXPECT_EQ(written["closed_count"], json(2));
  std::stringstream md;
  md << std::ifstream(reports / "q-20260110T000000Z.md").rdbuf();
  EXPECT_NE(md.str().find("| average lifespan (hours) | 13.00 |"), std::string::npos) << md.str();
  EXPECT_NE(md.str().find("| containment | 10.00 |"), std::string::npos) << md.str();
}

TEST_F(IncidentQuery, ReopenedIncidentsInTheWindow) {
  int64_t i = Create("i", kN - 10 * kHour);
  SetStatus(i, "closed", kN - 8 * kHour);
  SetStatus(i, "open", kN - 3 * kHour);
  int64_t j = Create("j", kN - 10 * kHour);
  SetStatus(j, "closed", kN - 8 * kHour);
  fs::path d = Daemon("kind: reopened, window: 24h");
  std::vector<json> items = Run(d, kN);
  ASSERT_EQ(IdsOf(items), (Ids{i}));
  EXPECT_EQ(items[0]["closed_at"], json(FormatTimeMs(kN - 8 * kHour)));
  EXPECT_EQ(items[0]["reopened_at"], json(FormatTimeMs(kN - 3 * kHour)));
  EXPECT_TRUE(Run(d, kN + kHour).empty());
  SetStatus(i, "closed", kN + 2 * kHour);
  SetStatus(i, "in_progress", kN + 3 * kHour);
  items = Run(d, kN + 4 * kHour);
  ASSERT_EQ(IdsOf(items), (Ids{i}));
  EXPECT_EQ(items[0]["reopened_to"], json("in_progress"));
  EXPECT_EQ(items[0]["closed_at"], json(FormatTimeMs(kN + 2 * kHour)));
}

TEST_F(IncidentQuery, CliCreatesUpdatesListsAndShows) {
  std::string db = " --db " + (root_ / "cli.db").string();
  CommandResult r = RunRecproc(
      "incident create --title 'odd login' --severity high --investigator ann --phase triage"
      " --now 2026-01-10T00:00:00Z" +
      db);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["id"], json(1));
  r = RunRecproc("incident update 1 --status closed --now 2026-01-10T02:00:00Z" + db);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json shown = json::parse(RunRecproc("incident show 1" + db).out);
  EXPECT_EQ(shown["status"], json("closed"));
  EXPECT_EQ(shown["closed"], json("2026-01-10T02:00:00.000Z"));
  EXPECT_EQ(shown["severity"], json("high"));
  EXPECT_EQ(shown["investigators"], json({"ann"}));
  EXPECT_EQ(shown["phases"][0]["name"], json("triage"));
  EXPECT_EQ(shown["status_history"].size(), 2u);
  r = RunRecproc("incident list --json --status closed" + db);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(JsonLines(r.out).size(), 1u);
  EXPECT_EQ(RunRecproc("incident list --json --status open" + db).out, "");
  r = RunRecproc("incident update 7 --status open" + db);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no incident 7"), std::string::npos) << r.err;
}

// The same store on PostgreSQL: the schema and every write are portable SQL.
TEST(IncidentStorePostgres, CreateUpdateAndReadBack) {
  std::string why = PgServer::Unavailable();
  if (!why.empty()) GTEST_SKIP() << "PostgreSQL tests skipped: " << why;
  PgServer pg;
  std::string error;
  ASSERT_TRUE(pg.Start(&error)) << error;
  std::unique_ptr<IncidentStore> store;
  Status s = IncidentStore::Open(pg.Url(), &store);
  ASSERT_TRUE(s.ok()) << s.message();
  NewIncident n;
  n.title = "beaconing";
  n.investigators = {"ann", "bo"};
  int64_t id = 0;
  ASSERT_TRUE(store->Create(n, kN, &id).ok());
  EXPECT_EQ(id, 1);
  IncidentUpdate u;
  u.status = "closed";
  u.start_phase = "eradication";
  u.add_triage = {"isolate host"};
  s = store->Update(id, u, kN + 2 * kHour);
  ASSERT_TRUE(s.ok()) << s.message();
  Incident i;
  ASSERT_TRUE(store->Get(id, &i).ok());
  EXPECT_EQ(i.status, "closed");
  EXPECT_EQ(i.closed_ms, kN + 2 * kHour);
  EXPECT_EQ(i.investigators, (std::vector<std::string>{"ann", "bo"}));
  ASSERT_EQ(i.history.size(), 2u);
  EXPECT_EQ(i.history[1].from, "open");
  ASSERT_EQ(i.phases.size(), 1u);
  EXPECT_EQ(i.phases[0].name, "eradication");
  ASSERT_EQ(i.triage.size(), 1u);
  std::vector<Incident> closed;
  ASSERT_TRUE(store->List("closed", &closed).ok());
  EXPECT_EQ(closed.size(), 1u);
  int64_t second = 0;
  n.investigators.clear();
  ASSERT_TRUE(store->Create(n, kN, &second).ok());
  EXPECT_EQ(second, 2);
}

}  // namespace
}  // namespace recproc::testing
