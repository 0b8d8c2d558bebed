#include "daemon/daemon_definition.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

namespace recproc {
namespace {

namespace fs = std::filesystem;

class DefinitionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/recproc_def_XXXXXX";
    dir_ = mkdtemp(tmpl);
  }
  void TearDown() override { fs::remove_all(dir_); }
  bool Load(const std::string& yaml) {
    std::ofstream(dir_ / "d.yaml") << yaml;
    errors_ = ConfigErrors();
    def_ = DaemonDefinition();
    return LoadDaemonDefinition((dir_ / "d.yaml").string(), &errors_, &def_);
  }
  fs::path dir_;
  ConfigErrors errors_;
  DaemonDefinition def_;
};

TEST_F(DefinitionTest, FullDefinition) {
  setenv("RECPROC_DEF_TEST_PASS", "hunter2-pass", 1);
  std::ofstream(dir_ / "token") << "tok-from-file\n";
  ASSERT_TRUE(Load("version: 1\nname: feed-1\ntype: exec\nenabled: false\n"
                   "schedule:\n  rules:\n    - {name: office, days: mon-fri, hours: '07:00-19:00', every: 5m}\n"
                   "    - {cron: '0 * * * *'}\n  overlap: 'wait:30s'\n  timeout: 2m\n"
                   "params: {command: [prog], PASS: '${env:RECPROC_DEF_TEST_PASS}', TOKEN: 'Bearer ${file:token}',"
                   " LIT: '$${env:X}'}\n"
                   "cursor: {initial: -7d, lookback: 10m, settle: 30s, field: ts}\n"
                   "dedup: {key: '{id}', keep: 1d}\n"
                   "mapping: {id: id, ok: {from: flags.ok, default: false}}\n"
                   "rules: [{name: r, when: 'ok == false', action: drop}]\n"
                   "output: {sink: 'dir:out'}\nlimits: {max_items: 100}\n"))
      << errors_.ToString();
  EXPECT_EQ(def_.name, "feed-1");
  EXPECT_FALSE(def_.enabled);
  EXPECT_EQ(def_.schedule.options().rules.size(), 2u);
  EXPECT_EQ(def_.schedule.options().overlap.wait_ms, 30000);
  EXPECT_EQ(def_.schedule.options().timeout_ms, 120000);
  EXPECT_EQ(def_.params["PASS"], "hunter2-pass");
  EXPECT_EQ(def_.params["TOKEN"], "Bearer tok-from-file");
  EXPECT_EQ(def_.params["LIT"], "${env:X}");
  EXPECT_EQ(def_.Scrub("login hunter2-pass / tok-from-file failed"), "login *** / *** failed");
  EXPECT_EQ(def_.cursor.lookback_ms, 600000);
  EXPECT_EQ(def_.InitialCursor(1767225600000), "2025-12-25T00:00:00.000Z");
  EXPECT_EQ(def_.dedup.keep_ms, 86400000);
  ASSERT_EQ(def_.mapping.size(), 2u);
  EXPECT_EQ(*def_.mapping[1].fallback, false);
  EXPECT_EQ(def_.output.sink, OutputSpec::Sink::kDir);
  EXPECT_EQ(def_.output.path, (dir_ / "out").string());
  EXPECT_EQ(def_.limits.max_items, 100);
  EXPECT_EQ(def_.config_hash.rfind("sha256:", 0), 0u);
  ASSERT_TRUE(def_.source);
  unsetenv("RECPROC_DEF_TEST_PASS");
}

TEST_F(DefinitionTest, EveryProblemIsReportedWithItsPosition) {
  EXPECT_FALSE(Load("version: 2\nname: x\ntype: file_tail\nschedule: {every: 5m, cron: '* * * * *'}\n"
                    "params: {path: a.log}\noutput: {sink: 'ftp:x'}\ndedup: {key: id}\n"));
  std::string e = errors_.ToString();
  EXPECT_NE(e.find("d.yaml:1:10: error: unsupported version 2; expected 1"), std::string::npos) << e;
  EXPECT_NE(e.find("d.yaml:4:11: error: a schedule rule needs exactly one of 'every' or 'cron'"), std::string::npos) << e;
  EXPECT_NE(e.find("d.yaml:6:16: error: unknown sink 'ftp:x'"), std::string::npos) << e;
  EXPECT_NE(e.find("d.yaml:7:14: error: the dedup key needs at least one {field}"), std::string::npos) << e;
  EXPECT_FALSE(Load("name: x\n"));
  e = errors_.ToString();
  EXPECT_NE(e.find("missing required key 'version'"), std::string::npos) << e;
  EXPECT_NE(e.find("missing required key 'type'"), std::string::npos) << e;
  EXPECT_NE(e.find("missing required key 'schedule'"), std::string::npos) << e;
}

TEST(ResolveSecretRefs, Forms) {
  std::vector<std::string> secrets;
  std::string out;
  setenv("RECPROC_RSR", "abcd1234", 1);
  ASSERT_TRUE(ResolveSecretRefs("u=${env:RECPROC_RSR}&x=1", "", &out, &secrets).ok());
  EXPECT_EQ(out, "u=abcd1234&x=1");
  EXPECT_EQ(secrets, std::vector<std::string>{"abcd1234"});
  EXPECT_EQ(ResolveSecretRefs("${env:RECPROC_NOPE_NOT_SET}", "", &out, &secrets).message(),
            "environment variable 'RECPROC_NOPE_NOT_SET' is not set");
  EXPECT_EQ(ResolveSecretRefs("${vault:x}", "", &out, &secrets).message(),
            "unknown reference '${vault:x}'; expected ${env:NAME} or ${file:PATH}");
  EXPECT_FALSE(ResolveSecretRefs("${env:X", "", &out, &secrets).ok());
  unsetenv("RECPROC_RSR");
}

}  // namespace
}  // namespace recproc
