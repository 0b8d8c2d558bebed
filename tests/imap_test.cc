// End-to-end tests of the `imap` daemon type: the real recproc binary against
// a real Dovecot on loopback (tests/dovecot_server.h), seeded over IMAP APPEND.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "dovecot_server.h"
#include "e2e_util.h"

namespace recproc::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string Mail(const std::string& from, const std::string& subject, const std::string& id) {
  return "From: " + from + "\r\nTo: soc@example.com\r\nSubject: " + subject +
         "\r\nDate: Fri, 05 Jan 2024 10:00:00 +0000\r\nMessage-ID: <" + id + ">\r\n\r\nbody of " + id +
         "\r\n";
}

class ImapDaemon : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!DovecotServer::Installed())
      GTEST_SKIP() << "dovecot-imapd is not installed; apt-get install dovecot-imapd";
    ASSERT_TRUE(server_.Start()) << server_.log();
    char tmpl[] = "/tmp/recproc_imap_XXXXXX";
    root_ = mkdtemp(tmpl);
    imap_ = server_.Connect();
  }
  void TearDown() override {
    imap_.reset();
    server_.Stop();
    if (!root_.empty()) fs::remove_all(root_);
  }

  fs::path WriteDaemon(const std::string& extra_params = "") {
    fs::path p = root_ / "mail.yaml";
    std::ofstream(p) << "version: 1\nname: mail\ntype: imap\nschedule: {every: 5m}\nparams:\n  url: "
                     << server_.url()
                     << "\n  username: tester\n  password: ${env:RECPROC_TEST_IMAP_PASSWORD}\n"
                     << extra_params;
    return p;
  }

  // One forced cycle; the records it printed.
  std::vector<json> Run(const fs::path& daemon, CommandResult* result = nullptr) {
    setenv("RECPROC_TEST_IMAP_PASSWORD", "secret", 1);
    CommandResult r =
        RunRecproc("daemon run " + daemon.string() + " --force --now 2026-01-01T00:00:00Z --state-dir " +
                   (root_ / "state").string());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    if (result != nullptr) *result = r;
    return JsonLines(r.out);
  }

  json Cursor() {
    std::ifstream in(root_ / "state" / "mail.state.json");
    return json::parse(in)["cursor"];
  }

  DovecotServer server_;
  fs::path root_;
  std::unique_ptr<RawImap> imap_;
};

TEST_F(ImapDaemon, NewMailAppearsExactlyOnce) {
  imap_->Append("INBOX", Mail("alice@example.com", "first", "m1@x"));
  imap_->Append("INBOX", Mail("bob@example.com", "second", "m2@x"));
  fs::path d = WriteDaemon();
  std::vector<json> out = Run(d);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0]["uid"], 1);
  EXPECT_EQ(out[0]["from"], "alice@example.com");
  EXPECT_EQ(out[0]["subject"], "first");
  EXPECT_EQ(out[0]["message_id"], "m1@x");
  EXPECT_EQ(out[0]["date"], "2024-01-05T10:00:00Z");
  EXPECT_EQ(out[0]["text"], "body of m1@x\r\n");
  EXPECT_EQ(out[1]["uid"], 2);
  EXPECT_EQ(Cursor()["last_uid"], 2);

  // No new mail: nothing.
  EXPECT_TRUE(Run(d).empty());
  // One new message: exactly that one, then nothing again.
  imap_->Append("INBOX", Mail("carol@example.com", "third", "m3@x"));
  out = Run(d);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]["message_id"], "m3@x");
  EXPECT_EQ(out[0]["uid"], 3);
  EXPECT_TRUE(Run(d).empty());
}

// The highest UID (3) is below the cursor + 1 after 4 and 5 were expunged, yet
// UIDNEXT (6) says "search": the server answers "UID SEARCH UID 4:*" with 3.
TEST_F(ImapDaemon, HighestUidReturnedForOpenRangeIsNotEmittedAgain) {
  for (int i = 1; i <= 3; ++i) imap_->Append("INBOX", Mail("a@example.com", "s", "m" + std::to_string(i)));
  fs::path d = WriteDaemon();
  ASSERT_EQ(Run(d).size(), 3u);
  imap_->Append("INBOX", Mail("a@example.com", "s", "m4"));
  imap_->Append("INBOX", Mail("a@example.com", "s", "m5"));
  imap_->Command("SELECT INBOX");
  imap_->Command("UID STORE 4:5 +FLAGS (\\Deleted)");
  imap_->Command("EXPUNGE");
  ASSERT_NE(imap_->Command("UID SEARCH UID 4:*").find("* SEARCH 3"), std::string::npos);
  EXPECT_TRUE(Run(d).empty());
  EXPECT_EQ(Cursor()["last_uid"], 5);
}

TEST_F(ImapDaemon, UidValidityChangeStartsOver) {
  imap_->Append("INBOX", Mail("a@example.com", "s", "m1"));
  imap_->Append("INBOX", Mail("a@example.com", "s", "m2"));
  fs::path d = WriteDaemon();
  ASSERT_EQ(Run(d).size(), 2u);
  uint32_t old_validity = Cursor()["uidvalidity"];
  imap_.reset();
  ASSERT_EQ(server_.Doveadm("mailbox update -u tester --uid-validity 12345 INBOX"), 0);
  imap_ = server_.Connect();
  imap_->Append("INBOX", Mail("a@example.com", "s", "m3"));
  CommandResult r;
  std::vector<json> out = Run(d, &r);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0]["uidvalidity"], 12345);
  EXPECT_EQ(out[2]["message_id"], "m3");
  EXPECT_NE(r.err.find("UIDVALIDITY of INBOX changed from " + std::to_string(old_validity) + " to 12345"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(Cursor(), json::parse(R"({"uidvalidity":12345,"last_uid":3})"));
}

TEST_F(ImapDaemon, AttachmentsListedWithTheirSha256) {
  std::string payload;
  for (int i = 0; i < 3000; ++i) payload.push_back(static_cast<char>((i * 7919) % 256));
  fs::path bin = root_ / "payload.bin";
  std::ofstream(bin, std::ios::binary) << payload;
  // Base64 via coreutils so that the encoding is not ours either.
  std::string b64;
  FILE* p = popen(("base64 -w 76 " + bin.string()).c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) b64.append(buf, n);
  pclose(p);
  std::string expected_sha;
  p = popen(("sha256sum " + bin.string()).c_str(), "r");
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) expected_sha.append(buf, n);
  pclose(p);
  expected_sha = expected_sha.substr(0, 64);
  std::string msg =
      "From: a@example.com\r\nSubject: sample\r\nMessage-ID: <att@x>\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nsee "
      "file\r\n"
      "--B\r\nContent-Type: application/x-dosexec; name=\"evil.exe\"\r\n"
      "Content-Disposition: attachment; filename=\"evil.exe\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
      b64 + "--B--\r\n";
  imap_->Append("INBOX", msg);
  std::vector<json> out = Run(WriteDaemon());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]["text"], "see file");
  ASSERT_EQ(out[0]["attachments"].size(), 1u);
  EXPECT_EQ(out[0]["attachments"][0], json({{"name", "evil.exe"},
                                            {"type", "application/x-dosexec"},
                                            {"size", 3000},
                                            {"sha256", expected_sha}}));
}

TEST_F(ImapDaemon, SeenFlagUntouchedByDefaultAndSetWithMarkSeen) {
  imap_->Append("INBOX", Mail("a@example.com", "s", "m1"));
  ASSERT_EQ(Run(WriteDaemon()).size(), 1u);
  imap_->Command("EXAMINE INBOX");
  EXPECT_EQ(imap_->Command("UID FETCH 1 FLAGS").find("\\Seen"), std::string::npos);

  imap_->Append("INBOX", Mail("a@example.com", "s", "m2"));
  ASSERT_EQ(Run(WriteDaemon("  mark_seen: true\n")).size(), 1u);
  imap_->Command("EXAMINE INBOX");
  std::string flags = imap_->Command("UID FETCH 1:2 FLAGS");
  EXPECT_NE(flags.find("UID 2 FLAGS (\\Seen)"), std::string::npos) << flags;
  EXPECT_EQ(flags.find("UID 1 FLAGS (\\Seen)"), std::string::npos) << flags;
}

TEST_F(ImapDaemon, DryRunWithMarkSeenLeavesTheMailboxAlone) {
  imap_->Append("INBOX", Mail("a@example.com", "s", "m1"));
  setenv("RECPROC_TEST_IMAP_PASSWORD", "secret", 1);
  CommandResult r =
      RunRecproc("daemon run " + WriteDaemon("  mark_seen: true\n").string() +
                 " --dry-run --force --now 2026-01-01T00:00:00Z --state-dir " + (root_ / "state").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(JsonLines(r.out).size(), 1u);
  imap_->Command("EXAMINE INBOX");
  EXPECT_EQ(imap_->Command("UID FETCH 1 FLAGS").find("\\Seen"), std::string::npos);
}

TEST_F(ImapDaemon, CriteriaFromSubjectUnseen) {
  imap_->Append("INBOX", Mail("alerts@vendor.example", "[ALERT] disk", "m1"));
  imap_->Append("INBOX", Mail("alerts@vendor.example", "newsletter", "m2"));
  imap_->Append("INBOX", Mail("bob@example.com", "[ALERT] spoofed", "m3"));
  imap_->Append("INBOX", Mail("alerts@vendor.example", "[alert] read already", "m4"), "\\Seen");
  imap_->Append("INBOX", Mail("ALERTS@VENDOR.EXAMPLE", "[Alert] cpu", "m5"));
  std::vector<json> out =
      Run(WriteDaemon("  from: alerts@vendor.example\n  subject: \"[ALERT]\"\n  unseen: true\n"));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0]["message_id"], "m1");
  EXPECT_EQ(out[1]["message_id"], "m5");
  // Non-matching messages below UIDNEXT are not searched again.
  EXPECT_EQ(Cursor()["last_uid"], 5);
}

TEST_F(ImapDaemon, MaxItemsStopsAfterTheLastEmittedUid) {
  for (int i = 1; i <= 3; ++i) imap_->Append("INBOX", Mail("a@example.com", "s", "m" + std::to_string(i)));
  fs::path d = WriteDaemon();
  std::ofstream(d, std::ios::app) << "limits: {max_items: 2}\n";
  std::vector<json> out = Run(d);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(Cursor()["last_uid"], 2);
  out = Run(d);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]["message_id"], "m3");
  EXPECT_TRUE(Run(d).empty());
}

TEST_F(ImapDaemon, WrongPasswordFailsWithoutLeakingIt) {
  imap_->Append("INBOX", Mail("a@example.com", "s", "m1"));
  fs::path d = root_ / "bad.yaml";
  std::ofstream(d) << "version: 1\nname: mail\ntype: imap\nschedule: {every: 5m}\nparams:\n  url: "
                   << server_.url() << "\n  username: tester\n  password: hunter2-wrong\n";
  CommandResult r =
      RunRecproc("daemon run " + d.string() + " --force --now 2026-01-01T00:00:00Z --state-dir " +
                 (root_ / "state").string());
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(r.err.find("hunter2-wrong"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("127.0.0.1"), std::string::npos) << r.err;
  std::ifstream in(root_ / "state" / "mail.state.json");
  std::string state((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(state.find("hunter2-wrong"), std::string::npos);
}

TEST(ImapDaemonConfig, SampleValidates) {
  setenv("PHISHING_IMAP_PASSWORD", "x", 1);
  CommandResult r = RunRecproc("daemon validate " + SourceDir() + "/samples/daemons/phishing-intake.yaml");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("type imap"), std::string::npos) << r.out;
}

TEST(ImapDaemonConfig, MarkSeenWithUnseenIsRefused) {
  char tmpl[] = "/tmp/recproc_imapcfg_XXXXXX";
  fs::path root = mkdtemp(tmpl);
  std::ofstream(root / "m.yaml") << "version: 1\nname: m\ntype: imap\nschedule: {every: 5m}\nparams:\n"
                                    "  url: imap://h\n  username: u\n  password: p\n  unseen: true\n"
                                    "  mark_seen: true\n";
  CommandResult r = RunRecproc("daemon validate " + (root / "m.yaml").string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("m.yaml:10:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("would lose messages"), std::string::npos) << r.err;
  fs::remove_all(root);
}

TEST(ImapDaemonConfig, BadParamsAreReportedAtTheirPosition) {
  char tmpl[] = "/tmp/recproc_imapcfg_XXXXXX";
  fs::path root = mkdtemp(tmpl);
  std::ofstream(root / "m.yaml") << "version: 1\nname: m\ntype: imap\nschedule: {every: 5m}\nparams:\n"
                                    "  url: pop3://h\n  username: u\n  password: p\n  unseen: true\n"
                                    "  since: 05-Jan-2024\n  subjekt: x\n";
  CommandResult r = RunRecproc("daemon validate " + (root / "m.yaml").string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("subjekt"), std::string::npos) << r.err;
  fs::remove_all(root);
}

}  // namespace
}  // namespace recproc::testing
