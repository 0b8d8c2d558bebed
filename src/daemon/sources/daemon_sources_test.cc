// The local daemon types against real files: file_tail across appends,
// rotation and truncation; list_feed snapshot diffs; exec's contract.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "config/config_node.h"
#include "daemon/sources/exec_source.h"
#include "daemon/sources/file_tail_source.h"
#include "daemon/sources/list_feed_source.h"

namespace recproc {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class SourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/recproc_src_XXXXXX";
    dir_ = mkdtemp(tmpl);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<DaemonSource> Make(std::unique_ptr<DaemonSource> (*factory)(const SourceSetup&),
                                     const std::string& params_yaml) {
    node_ = ConfigNode::Parse(params_yaml, "d.yaml", &errors_);
    SourceSetup setup;
    setup.daemon_name = "t";
    setup.params_node = node_;
    setup.params = json::object();
    for (const auto& [k, v] : node_.Entries()) {
      if (v.is_list()) {
        std::vector<std::string> items;
        v.AsStringList(&items);
        setup.params[k] = items;
      } else {
        std::string s;
        v.AsString(&s);
        setup.params[k] = s;
      }
    }
    setup.config_dir = dir_.string();
    return factory(setup);
  }

  // One Fetch with `cursor`; returns the result and updates the cursor.
  FetchResult Fetch(DaemonSource* src, json* cursor, int64_t max_items = 0) {
    FetchContext ctx;
    ctx.daemon_name = "t";
    ctx.cursor = cursor;
    json initial;
    ctx.initial_cursor = &initial;
    ctx.state_dir = dir_.string();
    ctx.limits.max_items = max_items;
    FetchResult r;
    Status s = src->Fetch(ctx, &r);
    EXPECT_TRUE(s.ok()) << s.message();
    if (r.cursor) *cursor = *r.cursor;
    return r;
  }

  static std::vector<std::string> Messages(const FetchResult& r, const char* field = "message") {
    std::vector<std::string> v;
    for (const json& i : r.items) v.push_back(i[field].is_string() ? i[field].get<std::string>() : i[field].dump());
    return v;
  }

  fs::path dir_;
  ConfigErrors errors_;
  ConfigNode node_;
};

TEST_F(SourceTest, FileTailFollowsAppendsRotationAndTruncation) {
  fs::path log = dir_ / "fw.log";
  std::ofstream(log) << "one\ntwo\nthr";
  auto src = Make(CreateFileTailSource, "path: fw.log\n");
  ASSERT_TRUE(src) << errors_.ToString();
  json cursor;
  EXPECT_EQ(Messages(Fetch(src.get(), &cursor)), (std::vector<std::string>{"one", "two"}));
  EXPECT_EQ(cursor["offset"], 8);
  std::ofstream(log, std::ios::app) << "ee\nfour\n";
  FetchResult r = Fetch(src.get(), &cursor, 1);  // max_items 1: partial, cursor after "three"
  EXPECT_EQ(Messages(r), std::vector<std::string>{"three"});
  EXPECT_TRUE(r.partial);
  EXPECT_EQ(r.items[0]["offset"], 8);
  // Rotation by rename: the rest of the old file is read from fw.log.1 first.
  fs::rename(log, dir_ / "fw.log.1");
  std::ofstream(log) << "new1\n";
  EXPECT_EQ(Messages(Fetch(src.get(), &cursor)), (std::vector<std::string>{"four", "new1"}));
  EXPECT_EQ(cursor["offset"], 5);
  // copytruncate: the file shrinks below the cursor.
  std::ofstream(log, std::ios::trunc) << "x\n";
  r = Fetch(src.get(), &cursor);
  EXPECT_EQ(Messages(r), std::vector<std::string>{"x"});
  EXPECT_EQ(r.warnings.size(), 1u);
  EXPECT_TRUE(Fetch(src.get(), &cursor).items.empty());  // nothing new: nothing twice
}

TEST_F(SourceTest, FileTailRejectsBadParams) {
  EXPECT_EQ(Make(CreateFileTailSource, "pth: x\n"), nullptr);
  EXPECT_NE(errors_.ToString().find("d.yaml:1:1: error: unknown key 'pth' (did you mean 'path'?)"), std::string::npos)
      << errors_.ToString();
}

TEST_F(SourceTest, ListFeedEmitsAddedAndRemovedAgainstTheCommittedSnapshot) {
  fs::path feed = dir_ / "ipblocklist.csv";
  std::ofstream(feed) << "# Feodo\n# first_seen_utc,dst_ip,dst_port,c2_status,last_online,malware\n"
                         "\"2026-01-01 00:00:00\",\"192.0.2.1\",\"443\",\"online\",\"2026-01-02\",\"QakBot\"\n"
                         "\"2026-01-01 00:00:00\",\"192.0.2.2\",\"8080\",\"online\",\"2026-01-02\",\"Emotet\"\n";
  auto src = Make(CreateListFeedSource, "path: ipblocklist.csv\nkey: dst_ip\n");
  ASSERT_TRUE(src) << errors_.ToString();
  json cursor;
  FetchResult r = Fetch(src.get(), &cursor);
  ASSERT_EQ(r.items.size(), 2u);
  EXPECT_EQ(r.items[0]["change"], "added");
  EXPECT_EQ(r.items[0]["key"], "192.0.2.1");
  EXPECT_EQ(r.items[0]["malware"], "QakBot");
  EXPECT_EQ(r.items[1]["dst_port"], "8080");
  EXPECT_TRUE(fs::exists(dir_ / cursor["snapshot"].get<std::string>()));
  // Same file: nothing, cursor unchanged.
  json same = cursor;
  EXPECT_TRUE(Fetch(src.get(), &cursor).items.empty());
  EXPECT_EQ(cursor, same);
  std::ofstream(feed) << "# first_seen_utc,dst_ip,dst_port,c2_status,last_online,malware\n"
                         "\"2026-01-01 00:00:00\",\"192.0.2.2\",\"8080\",\"online\",\"2026-01-02\",\"Emotet\"\n"
                         "\"2026-01-03 00:00:00\",\"198.51.100.9\",\"443\",\"online\",\"2026-01-03\",\"Pikabot\"\n";
  json old_cursor = cursor;
  r = Fetch(src.get(), &cursor);
  ASSERT_EQ(r.items.size(), 2u);
  EXPECT_EQ(r.items[0]["key"], "198.51.100.9");
  EXPECT_EQ(r.items[0]["change"], "added");
  EXPECT_EQ(r.items[1], json::parse(R"({"change":"removed","key":"192.0.2.1"})"));
  // Not committed (crash): the old snapshot is still there and gives the same diff.
  json replay = old_cursor;
  EXPECT_EQ(Fetch(src.get(), &replay).items.size(), 2u);
}

// Regression: abuse.ch's real export has its header as a quoted, uncommented
// first row; it was read as a data row with unnamed columns.
TEST_F(SourceTest, ListFeedQuotedHeaderRowNamesTheColumns) {
  std::ofstream(dir_ / "feodo.csv") << "#####\n# Feodo Tracker\n#\n"
                                       "\"first_seen_utc\",\"dst_ip\",\"dst_port\",\"c2_status\",\"last_online\",\"malware\"\n"
                                       "\"2021-01-17 07:30:05\",\"67.213.75.205\",\"443\",\"offline\",\"2021-08-18\",\"Dridex\"\n";
  auto src = Make(CreateListFeedSource, "path: feodo.csv\nkey: dst_ip\n");
  ASSERT_TRUE(src) << errors_.ToString();
  json cursor;
  FetchResult r = Fetch(src.get(), &cursor);
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(r.items[0]["key"], "67.213.75.205");
  EXPECT_EQ(r.items[0]["malware"], "Dridex");
}

TEST_F(SourceTest, ListFeedTextAndNdjson) {
  std::ofstream(dir_ / "drop.txt") << "; Spamhaus DROP\n1.10.16.0/20 ; SBL256894\n2.56.192.0/22 ; SBL459831\n";
  auto text = Make(CreateListFeedSource, "path: drop.txt\nformat: text\ncomment_prefix: ';'\n");
  ASSERT_TRUE(text) << errors_.ToString();
  json cursor;
  FetchResult r = Fetch(text.get(), &cursor);
  EXPECT_EQ(Messages(r, "key"), (std::vector<std::string>{"1.10.16.0/20", "2.56.192.0/22"}));
  EXPECT_EQ(r.items[0]["comment"], "SBL256894");
  std::ofstream(dir_ / "drop_v4.json") << R"({"cidr":"1.10.16.0/20","sblid":"SBL256894","rir":"apnic"})" "\n"
                                       << R"({"type":"metadata","timestamp":1,"size":2,"records":1})" "\n";
  auto nd = Make(CreateListFeedSource, "path: drop_v4.json\nformat: ndjson\nkey: cidr\n");
  ASSERT_TRUE(nd) << errors_.ToString();
  json c2;
  r = Fetch(nd.get(), &c2);
  ASSERT_EQ(r.items.size(), 1u);  // the metadata line has no key
  EXPECT_EQ(r.items[0]["rir"], "apnic");
}

TEST_F(SourceTest, ExecPassesParamsAndCursorAndReadsAnArray) {
  auto src = Make(CreateExecSource,
                  "command: [/bin/sh, -c, 'printf \"[{\\\"c\\\":\\\"%s\\\",\\\"k\\\":\\\"%s\\\"}]\" \"$RECPROC_CURSOR\" \"$API_KEY\"']\n"
                  "API_KEY: abc\n");
  ASSERT_TRUE(src) << errors_.ToString();
  json cursor = "42";
  FetchResult r = Fetch(src.get(), &cursor);
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(r.items[0], json::parse(R"({"c":"42","k":"abc"})"));
  EXPECT_FALSE(r.cursor.has_value());  // the runner derives it from cursor.field

  auto bad = Make(CreateExecSource, "command: [/bin/sh, -c, 'echo not-json']\n");
  FetchContext ctx;
  json none;
  ctx.cursor = &none;
  ctx.initial_cursor = &none;
  FetchResult out;
  EXPECT_EQ(bad->Fetch(ctx, &out).message(), "'/bin/sh' did not print a JSON array");
}

TEST_F(SourceTest, ExecTimeoutKillsTheChild) {
  auto src = Make(CreateExecSource, "command: [/bin/sh, -c, 'exec sleep 30']\n");
  FetchContext ctx;
  json none;
  ctx.cursor = &none;
  ctx.initial_cursor = &none;
  ctx.timeout_ms = 200;
  FetchResult out;
  Status s = src->Fetch(ctx, &out);
  EXPECT_EQ(s.code(), Status::Code::kLimitExceeded);
  EXPECT_EQ(s.message().rfind("timeout", 0), 0u) << s.message();
}

}  // namespace
}  // namespace recproc
