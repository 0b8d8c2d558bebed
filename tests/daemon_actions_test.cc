// End-to-end tests of the side-effect rule actions and the dedup keys
// sidecar on the real binary: notify.email against a local aiosmtpd server
// (Debian python3-aiosmtpd), incident.create / incident.update / triage.add on
// SQLite and PostgreSQL, each repeated after a simulated crash
// (RECPROC_TEST_CRASH_AT) without doubling anything, and the `<name>.keys`
// sidecar under a crash at every commit step.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "e2e_util.h"
#include "loopback.h"
#include "incident/incident_store.h"
#include "pg_server.h"
#include "util/sha256.h"

namespace recproc::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// aiosmtpd's Mailbox handler writing every message into a Maildir.
class SmtpServer {
 public:
  static std::string Unavailable() {
    if (std::system("/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1") != 0)
      return "/usr/bin/python3 cannot import aiosmtpd (Debian package python3-aiosmtpd)";
    return "";
  }
  bool Start(const fs::path& maildir, std::string* error) {
    port_ = FreeLoopbackPort();
    maildir_ = maildir;
    pid_ = fork();
    if (pid_ == 0) {
      std::string listen = "127.0.0.1:" + std::to_string(port_);
      execl("/usr/bin/python3", "python3", "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c",
            "aiosmtpd.handlers.Mailbox", maildir.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    // Readiness, not timing: poll until the server listens (or give up).
    for (int i = 0; i < 200; ++i) {
      if (AcceptsOnLoopback(port_)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    *error = "aiosmtpd did not start listening on port " + std::to_string(port_);
    return false;
  }
  void Stop() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
    pid_ = -1;
  }
  ~SmtpServer() { Stop(); }
  int port() const { return port_; }
  // The received messages (LF line ends, as Maildir stores them), by file name.
  std::vector<std::string> Messages() const {
    std::vector<fs::path> files;
    if (fs::exists(maildir_ / "new"))
      for (const auto& e : fs::directory_iterator(maildir_ / "new")) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<std::string> out;
    for (const fs::path& f : files) out.push_back(Slurp(f));
    return out;
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  fs::path maildir_;
};

// The value of header `name` in `message` (unfolded), "" when absent.
std::string Header(const std::string& message, const std::string& name) {
  std::string head = message.substr(0, message.find("\n\n"));
  std::istringstream in(head);
  std::string line, value;
  bool in_it = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (in_it && !line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      value += line;
      continue;
    }
    if (in_it) return value;
    if (line.compare(0, name.size() + 1, name + ":") == 0) {
      in_it = true;
      value = line.substr(name.size() + 2);
    }
  }
  return in_it ? value : "";
}
std::string Body(const std::string& message) {
  size_t at = message.find("\n\n");
  return at == std::string::npos ? "" : message.substr(at + 2);
}

class DaemonActions : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/recproc_actions_XXXXXX";
    root_ = mkdtemp(tmpl);
    state_ = root_ / "state";
    out_ = root_ / "out";
    Spit(root_ / "feed.json",
         R"([{"id":"a","ts":"2026-01-01T00:00:01Z","sev":3,"host":"web1"},)"
         R"({"id":"b","ts":"2026-01-01T00:00:03Z","sev":9,"host":"db2"},)"
         R"({"id":"c","ts":"2026-01-01T00:00:02Z","sev":1,"host":"lab"}])");
  }
  void TearDown() override {
    unsetenv("RECPROC_TEST_CRASH_AT");
    fs::remove_all(root_);
  }

  // An exec daemon named `name` reading `feed`; `rules` are YAML list items.
  fs::path WriteDaemon(const std::string& name, const std::string& feed, const std::string& rules,
                       const std::string& sink = "") {
    fs::path p = root_ / (name + ".yaml");
    Spit(p, "version: 1\nname: " + name + "\ntype: exec\nschedule: {every: 5m}\n"
            "params:\n  command: [/bin/sh, -c, 'cat \"$FEED\"']\n  FEED: " + (root_ / feed).string() +
                "\ncursor: {field: ts}\ndedup: {key: \"{id}\"}\n"
                "mapping: {id: id, ts: ts, severity: sev, host: host, state: state, analyst: analyst, "
                "comment: comment}\n"
                "rules:\n  - {name: noise, when: 'severity < 2', action: drop}\n" + rules +
                "output: {sink: '" + (sink.empty() ? "dir:" + out_.string() : sink) + "'}\n");
    return p;
  }
  CommandResult Daemon(const std::string& verb, const std::string& args, const char* crash = nullptr) {
    if (crash) setenv("RECPROC_TEST_CRASH_AT", crash, 1);
    CommandResult r = RunRecproc("daemon " + verb + " " + args + " --now 2026-01-01T00:10:00Z --state-dir " +
                                 state_.string());
    unsetenv("RECPROC_TEST_CRASH_AT");
    return r;
  }
  json State(const std::string& name) { return json::parse(Slurp(state_ / (name + ".state.json"))); }

  fs::path root_, state_, out_;
};

TEST_F(DaemonActions, NotifyEmailSendsOneMessagePerRecordEvenAcrossACrash) {
  std::string why = SmtpServer::Unavailable();
  if (!why.empty()) GTEST_SKIP() << "SMTP tests skipped: " << why;
  setenv("RD_SMTP_PASS", "pa55-never-shown", 1);
  for (const char* crash : {"before_phase1", "after_phase1", "after_install"}) {
    SCOPED_TRACE(crash);
    fs::remove_all(state_);
    fs::remove_all(out_);
    SmtpServer smtp;
    std::string error;
    ASSERT_TRUE(smtp.Start(root_ / (std::string("mail-") + crash), &error)) << error;
    std::string url = "smtp://127.0.0.1:" + std::to_string(smtp.port());
    fs::path d = WriteDaemon("alerts", "feed.json",
                             "  - name: page\n    when: 'severity >= 3'\n    action: notify.email\n"
                             "    params: {url: '" + url + "', username: soc, password: '${env:RD_SMTP_PASS}',"
                             " from: 'recproc <soc@example.org>', to: [oncall@example.org], cc: [lead@example.org],"
                             " subject: 'Alarm {severity} auf {host} – prüfen', body: 'Host {host} raised {id}.'}\n");
    CommandResult r = Daemon("run", d.string(), crash);
    ASSERT_EQ(r.exit_code, 99) << r.err;
    r = Daemon("run", d.string() + " --force");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> mails = smtp.Messages();
    ASSERT_EQ(mails.size(), 2u);  // a and b, once each; c is dropped before the rule
    size_t ia = Header(mails[0], "Message-ID") == "<" + Sha256Hex("alerts|a") + "@recproc>" ? 0 : 1;
    const std::string& a = mails[ia];
    const std::string& b = mails[1 - ia];
    EXPECT_EQ(Header(a, "Message-ID"), "<" + Sha256Hex("alerts|a") + "@recproc>");
    EXPECT_EQ(Header(a, "From"), "recproc <soc@example.org>");
    EXPECT_EQ(Header(a, "To"), "oncall@example.org");
    EXPECT_EQ(Header(a, "Cc"), "lead@example.org");
    EXPECT_EQ(Header(a, "Date"), "Thu, 01 Jan 2026 00:10:00 +0000");
    EXPECT_EQ(Header(a, "MIME-Version"), "1.0");
    EXPECT_EQ(Header(a, "Content-Type"), "text/plain; charset=UTF-8");
    // "Alarm 3 auf web1 – prüfen" as RFC 2047 base64.
    EXPECT_EQ(Header(a, "Subject"), "=?UTF-8?B?QWxhcm0gMyBhdWYgd2ViMSDigJMgcHLDvGZlbg==?=");
    EXPECT_EQ(Header(a, "X-RcptTo"), "oncall@example.org, lead@example.org");
    EXPECT_EQ(Body(a), "Host web1 raised a.\n");
    EXPECT_EQ(Header(b, "Message-ID"), "<" + Sha256Hex("alerts|b") + "@recproc>");
    EXPECT_EQ(Body(b), "Host db2 raised b.\n");
    EXPECT_EQ(State("alerts")["cursor"], "2026-01-01T00:00:03Z");
    EXPECT_FALSE(fs::exists(state_ / "alerts.effects"));  // removed once committed
  }
  unsetenv("RD_SMTP_PASS");
}

TEST_F(DaemonActions, StoppedMailServerFailsTheRunAndKeepsTheCursor) {
  std::string why = SmtpServer::Unavailable();
  if (!why.empty()) GTEST_SKIP() << "SMTP tests skipped: " << why;
  setenv("RD_SMTP_PASS", "pa55-never-shown", 1);
  SmtpServer smtp;
  std::string error;
  ASSERT_TRUE(smtp.Start(root_ / "mail", &error)) << error;
  int port = smtp.port();
  smtp.Stop();
  fs::path d = WriteDaemon("alerts", "feed.json",
                           "  - name: page\n    action: notify.email\n"
                           "    params: {url: 'smtp://soc:${env:RD_SMTP_PASS}@127.0.0.1:" + std::to_string(port) +
                               "', from: soc@example.org, to: [oncall@example.org], timeout: 10s}\n");
  CommandResult r = Daemon("run", d.string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("rule 'page': sending mail through smtp://127.0.0.1:" + std::to_string(port) + " failed"),
            std::string::npos)
      << r.err;
  json st = State("alerts");
  EXPECT_TRUE(st["cursor"].is_null());
  EXPECT_EQ(st["stats"]["runs_failed"], 1);
  EXPECT_FALSE(fs::exists(out_));
  EXPECT_EQ(r.err.find("pa55-never-shown"), std::string::npos) << r.err;
  EXPECT_EQ(Slurp(state_ / "alerts.state.json").find("pa55-never-shown"), std::string::npos);
  unsetenv("RD_SMTP_PASS");
}

TEST_F(DaemonActions, IncidentReportIsEmailedAsMarkdown) {
  std::string why = SmtpServer::Unavailable();
  if (!why.empty()) GTEST_SKIP() << "SMTP tests skipped: " << why;
  std::unique_ptr<IncidentStore> store;
  ASSERT_TRUE(IncidentStore::Open((root_ / "incidents.db").string(), &store).ok());
  const int64_t kHour = 3600 * 1000, kT = 1767226200000;  // 2026-01-01T00:10:00Z
  int64_t id = 0;
  NewIncident n;
  n.title = "phish";
  n.investigators = {"ann", "bo"};
  ASSERT_TRUE(store->Create(n, kT - 10 * kHour, &id).ok());
  IncidentUpdate close;
  close.status = "closed";
  ASSERT_TRUE(store->Update(id, close, kT - 4 * kHour).ok());
  SmtpServer smtp;
  std::string error;
  ASSERT_TRUE(smtp.Start(root_ / "mail", &error)) << error;
  fs::path d = root_ / "report.yaml";
  Spit(d, "version: 1\nname: weekly\ntype: incident_query\nschedule: {every: 1h}\n"
          "params: {store: incidents.db, kind: report, window: 24h}\n"
          "rules:\n  - {name: mail, action: notify.email, params: {url: 'smtp://127.0.0.1:" +
              std::to_string(smtp.port()) +
              "', from: soc@example.org, to: [boss@example.org], subject: 'Incidents closed: {closed_count}',"
              " body: '{markdown}'}}\noutput: {sink: stdout}\n");
  CommandResult r = Daemon("run", d.string() + " --force");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> mails = smtp.Messages();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(Header(mails[0], "Subject"), "Incidents closed: 1");
  std::string body = Body(mails[0]);
  EXPECT_EQ(body.rfind("# Incident report\n", 0), 0u) << body;
  EXPECT_NE(body.find("| incidents closed | 1 |\n"), std::string::npos) << body;
  EXPECT_NE(body.find("| average lifespan (hours) | 6.00 |\n"), std::string::npos) << body;
  EXPECT_NE(body.find("| average investigators | 2.00 |\n"), std::string::npos) << body;
}

// incident.create twice (the second after a crash before phase 1) -> one
// incident each; incident.update by the create rule's key sets the status
// with one history row, an investigator and a note; triage.add once.
void IncidentActionsScenario(DaemonActions* t, const std::string& store_location, const std::string& store_param,
                             const std::function<CommandResult(const std::string&, const std::string&, const char*)>&
                                 daemon,
                             const std::function<fs::path(const std::string&, const std::string&, const std::string&)>&
                                 write) {
  (void)t;
  fs::path d = write("alerts", "feed.json",
                     "  - name: open\n    when: 'severity >= 3'\n    action: incident.create\n"
                     "    params: {store: '" + store_param + "', title: '{host}: alert {id}', severity: 'sev{severity}',"
                     " description: 'raised by {id}'}\n"
                     "  - name: queue\n    when: 'severity >= 9'\n    action: triage.add\n"
                     "    params: {store: '" + store_param + "', text: 'look at {host}'}\n");
  CommandResult r = daemon("run", d.string(), "before_phase1");
  ASSERT_EQ(r.exit_code, 99) << r.err;
  r = daemon("run", d.string() + " --force", nullptr);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = daemon("reset", d.string(), nullptr);  // the same records once more, as after a lost state
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = daemon("run", d.string() + " --force", nullptr);
  ASSERT_EQ(r.exit_code, 0) << r.err;

  std::unique_ptr<IncidentStore> store;
  Status s = IncidentStore::Open(store_location, &store);
  ASSERT_TRUE(s.ok()) << s.message();
  std::vector<Incident> all;
  ASSERT_TRUE(store->List("", &all).ok());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].title, "web1: alert a");
  EXPECT_EQ(all[0].severity, "sev3");
  EXPECT_EQ(all[0].description, "raised by a");
  EXPECT_EQ(all[0].idempotency_key, Sha256Hex("alerts|a"));
  EXPECT_EQ(all[1].title, "db2: alert b");
  std::vector<TriageItem> queue;
  ASSERT_TRUE(store->TriageQueue(&queue).ok());
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0].text, "look at db2");

  Spit(fs::path(d).parent_path() / "closures.json",
       R"([{"id":"a","ts":"2026-01-01T00:05:00Z","sev":5,"state":"closed","analyst":"zoe","comment":"false positive"}])");
  fs::path c = write("closer", "closures.json",
                     "  - name: close\n    action: incident.update\n"
                     "    params: {store: '" + store_param + "', match: {key: '{id}', daemon: alerts},"
                     " status: '{state}', investigator: '{analyst}', note: '{comment}'}\n"
                     "  - name: evidence\n    action: triage.add\n"
                     "    params: {store: '" + store_param + "', match: {key: '{id}', daemon: alerts},"
                     " text: 'closed by {analyst}'}\n");
  r = daemon("run", c.string(), "before_phase1");
  ASSERT_EQ(r.exit_code, 99) << r.err;
  r = daemon("run", c.string() + " --force", nullptr);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(daemon("reset", c.string(), nullptr).exit_code, 0);
  r = daemon("run", c.string() + " --force", nullptr);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Incident a;
  ASSERT_TRUE(store->Get(all[0].id, &a).ok());
  EXPECT_EQ(a.status, "closed");
  ASSERT_EQ(a.history.size(), 2u);
  EXPECT_EQ(a.history[1].from, "open");
  EXPECT_EQ(a.history[1].to, "closed");
  EXPECT_EQ(a.investigators, std::vector<std::string>{"zoe"});
  ASSERT_EQ(a.notes.size(), 1u);
  EXPECT_EQ(a.notes[0].text, "false positive");
  ASSERT_EQ(a.triage.size(), 1u);
  EXPECT_EQ(a.triage[0].text, "closed by zoe");
}

TEST_F(DaemonActions, IncidentActionsAreIdempotentOnSqlite) {
  std::string db = (root_ / "incidents.db").string();
  IncidentActionsScenario(
      this, db, db, [&](const std::string& v, const std::string& a, const char* c) { return Daemon(v, a, c); },
      [&](const std::string& n, const std::string& f, const std::string& r) { return WriteDaemon(n, f, r); });
}

TEST_F(DaemonActions, IncidentActionsAreIdempotentOnPostgres) {
  std::string why = PgServer::Unavailable();
  if (!why.empty()) GTEST_SKIP() << "PostgreSQL tests skipped: " << why;
  PgServer pg;
  std::string error;
  ASSERT_TRUE(pg.Start(&error)) << error;
  IncidentActionsScenario(
      this, pg.Url(), pg.Url(), [&](const std::string& v, const std::string& a, const char* c) { return Daemon(v, a, c); },
      [&](const std::string& n, const std::string& f, const std::string& r) { return WriteDaemon(n, f, r); });
}

TEST_F(DaemonActions, UpdateOfAnUnknownIncidentFailsTheRun) {
  std::string db = (root_ / "incidents.db").string();
  fs::path d = WriteDaemon("closer", "feed.json",
                           "  - name: close\n    action: incident.update\n"
                           "    params: {store: '" + db + "', match: {key: '{id}', daemon: nobody}, status: closed}\n");
  CommandResult r = Daemon("run", d.string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("rule 'close': no incident was created by daemon 'nobody' with key 'a'"), std::string::npos)
      << r.err;
  EXPECT_TRUE(State("closer")["cursor"].is_null());
}

TEST_F(DaemonActions, RuleParamsAreValidatedAtLoad) {
  fs::path d = WriteDaemon("bad", "feed.json",
                           "  - {name: m, action: notify.email, params: {url: 'http://x', from: a@b, starttls: maybe}}\n"
                           "  - {name: u, action: incident.update, params: {store: x.db, status: done}}\n");
  CommandResult r = Daemon("validate", d.string());
  EXPECT_EQ(r.exit_code, 2);
  for (const char* want : {"expected an smtp:// or smtps:// URL", "starttls must be try, require or none",
                           "notify.email needs at least one address", "incident.update needs 'id' or 'match",
                           "unknown status 'done'"})
    EXPECT_NE(r.err.find(want), std::string::npos) << want << "\n" << r.err;
}

// --- the <name>.keys sidecar ---

class DedupSidecar : public DaemonActions {
 protected:
  // A feed of `n` items k0000.. starting at `first`.
  void WriteFeed(int first, int n) {
    std::string text = "[";
    for (int i = first; i < first + n; ++i) {
      char buf[96];
      std::snprintf(buf, sizeof buf, R"(%s{"id":"k%05d","ts":"2026-01-01T00:00:%02dZ","sev":5})", i == first ? "" : ",",
                    i, i % 60);
      text += buf;
    }
    Spit(root_ / "feed.json", text + "]");
  }
  size_t OutputLines() {
    size_t n = 0;
    if (!fs::exists(out_)) return 0;
    for (const auto& e : fs::directory_iterator(out_)) {
      EXPECT_NE(e.path().filename().string()[0], '.') << e.path();
      std::string text = Slurp(e.path());
      n += static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
    }
    return n;
  }
  std::vector<std::string> StateFiles() {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(state_)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
};

TEST_F(DedupSidecar, CrossingTheThresholdMovesKeysToTheSidecar) {
  WriteFeed(0, 900);
  fs::path d = WriteDaemon("alerts", "feed.json", "");
  ASSERT_EQ(Daemon("run", d.string()).exit_code, 0);
  json st = State("alerts");
  EXPECT_EQ(st["dedup"]["count"], 900);
  EXPECT_EQ(st["dedup"]["keys"].size(), 900u);
  EXPECT_FALSE(fs::exists(state_ / "alerts.keys"));

  WriteFeed(0, 1200);  // 300 new keys: 1200 > 1000
  CommandResult r = Daemon("run", d.string() + " --force");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  st = State("alerts");
  EXPECT_EQ(st["dedup"], json::parse(R"({"keep":"4w2d","file":"alerts.keys","count":1200})"));
  std::string keys = Slurp(state_ / "alerts.keys");
  EXPECT_EQ(std::count(keys.begin(), keys.end(), '\n'), 1200);
  EXPECT_EQ(keys.substr(0, keys.find('\n')), "2026-01-01T00:10:00.000Z\tk00000");
  struct stat sb;
  ASSERT_EQ(stat((state_ / "alerts.keys").c_str(), &sb), 0);
  EXPECT_EQ(sb.st_mode & 0777, 0600u);
  EXPECT_EQ(OutputLines(), 1200u);

  // Loaded back: the same feed is all duplicates.
  r = Daemon("run", d.string() + " --force");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(State("alerts")["history"].back()["dup"], 1200);
  EXPECT_EQ(OutputLines(), 1200u);

  // reset --keep-dedup keeps the sidecar; reset clears it.
  ASSERT_EQ(Daemon("reset", d.string() + " --keep-dedup").exit_code, 0);
  EXPECT_EQ(State("alerts")["dedup"]["count"], 1200);
  EXPECT_TRUE(fs::exists(state_ / "alerts.keys"));
  ASSERT_EQ(Daemon("reset", d.string()).exit_code, 0);
  st = State("alerts");
  EXPECT_EQ(st["dedup"]["count"], 0);
  EXPECT_EQ(st["dedup"]["keys"], json::array());
  EXPECT_FALSE(fs::exists(state_ / "alerts.keys"));
}

TEST_F(DedupSidecar, CrashAtEachCommitStepLosesNothingAndDuplicatesNothing) {
  for (const char* step :
       {"fetched", "before_phase1", "after_phase1", "after_install", "after_keys_install", "after_phase2"}) {
    SCOPED_TRACE(step);
    fs::remove_all(state_);
    fs::remove_all(out_);
    WriteFeed(0, 1100);
    fs::path d = WriteDaemon("alerts", "feed.json", "");
    ASSERT_EQ(Daemon("run", d.string()).exit_code, 0);
    WriteFeed(0, 1150);  // 50 new records, 1150 keys
    CommandResult r = Daemon("run", d.string() + " --force", step);
    ASSERT_EQ(r.exit_code, 99) << r.err;
    r = Daemon("run", d.string() + " --force");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(OutputLines(), 1150u);  // every record once
    json st = State("alerts");
    EXPECT_TRUE(st["pending"].is_null());
    EXPECT_EQ(st["dedup"]["count"], 1150);
    std::string keys = Slurp(state_ / "alerts.keys");
    EXPECT_EQ(std::count(keys.begin(), keys.end(), '\n'), 1150);
    // No keys temp file or journal left behind.
    EXPECT_EQ(StateFiles(), (std::vector<std::string>{"alerts.keys", "alerts.lock", "alerts.state.json"}));
  }
}

}  // namespace
}  // namespace recproc::testing
