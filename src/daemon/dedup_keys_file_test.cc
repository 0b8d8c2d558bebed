#include "daemon/dedup_keys_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace recproc {
namespace {

namespace fs = std::filesystem;

class DedupKeysFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/recproc_keys_XXXXXX";
    dir_ = mkdtemp(tmpl);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(DedupKeysFileTest, HundredThousandKeysRoundTrip) {
  DedupSet keys;
  for (int i = 0; i < 100000; ++i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "id-%06d|v", i);
    keys.Insert(buf, 1767225600000 + i * 1000LL);
  }
  keys.Insert("tab\there", 5);
  keys.Insert("line\nbreak\r\\end", 6);
  std::string path = (dir_ / "d.keys").string();
  ASSERT_TRUE(WriteDedupKeysFile(path, keys).ok());
  struct stat st;
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  DedupSet back;
  Status s = ReadDedupKeysFile(path, &back);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(back.size(), 100002u);
  EXPECT_EQ(back.keys(), keys.keys());
  std::ifstream in(path);
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(first, "2026-01-01T00:00:00.000Z\tid-000000|v");  // sorted by key, time first
}

TEST_F(DedupKeysFileTest, TornOrMalformedFilesAreCorruption) {
  std::string path = (dir_ / "d.keys").string();
  std::ofstream(path) << "2026-01-01T00:00:00.000Z\ta\n2026-01-01T00:00:00.000Z\tb";
  DedupSet keys;
  Status s = ReadDedupKeysFile(path, &keys);
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_NE(s.message().find(":2: the last line has no newline"), std::string::npos) << s.message();
  std::ofstream(path) << "yesterday\ta\n";
  s = ReadDedupKeysFile(path, &keys);
  EXPECT_NE(s.message().find(":1: expected TIME<TAB>KEY"), std::string::npos) << s.message();
}

TEST_F(DedupKeysFileTest, StateNamesTheSidecarAndLoadsIt) {
  DaemonState st;
  st.daemon = "d";
  for (int i = 0; i < 1500; ++i) st.dedup.Insert("k" + std::to_string(i), 1000);
  st.dedup_file = "d.keys";
  st.dedup_keep_ms = 2LL * 24 * 3600 * 1000;
  std::string state_path = (dir_ / "d.state.json").string();
  ASSERT_TRUE(WriteDedupKeysFile((dir_ / "d.keys").string(), st.dedup).ok());
  ASSERT_TRUE(SaveState(state_path, st).ok());
  std::ifstream f(state_path);
  nlohmann::json j = nlohmann::json::parse(f);
  EXPECT_EQ(j["dedup"], nlohmann::json::parse(R"({"keep":"2d","file":"d.keys","count":1500})"));
  DaemonState back;
  Status s = LoadState(state_path, "d", &back);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(back.dedup.keys(), st.dedup.keys());
  EXPECT_EQ(back.dedup_file, "d.keys");

  // A sidecar that does not match the count (and no pending commit explains it).
  DedupSet fewer;
  fewer.Insert("k1", 1000);
  ASSERT_TRUE(WriteDedupKeysFile((dir_ / "d.keys").string(), fewer).ok());
  s = LoadState(state_path, "d", &back);
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_NE(s.message().find("holds 1 keys, the state says 1500"), std::string::npos) << s.message();

  // Back to inline keys: saving removes the sidecar.
  st.dedup.Clear();
  st.dedup_file.clear();
  ASSERT_TRUE(SaveState(state_path, st).ok());
  EXPECT_FALSE(fs::exists(dir_ / "d.keys"));
}

}  // namespace
}  // namespace recproc
