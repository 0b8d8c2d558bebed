// Regression (fuzz_list_feed, crash-0b3e28be...): a snapshot line that is not
// valid UTF-8 became a dedup key, and writing the daemon state threw
// nlohmann's type_error 316, so `recproc daemon run` aborted on any list in
// Latin-1. The state now stores such keys with U+FFFD, and DedupSet matches
// a key the same way before and after a reload.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "daemon/sources/list_feed_source.h"
#include "daemon/state.h"
#include "e2e_util.h"
#include "test_paths.h"

namespace recproc::testing {
namespace {

namespace fs = std::filesystem;

std::string ReadAllBytes(const fs::path& p) {
  std::stringstream ss;
  ss << std::ifstream(p, std::ios::binary).rdbuf();
  return ss.str();
}

// The fuzzer's input: selector byte 3 (format text) + the snapshot.
TEST(RegressListFeedInvalidUtf8, FuzzInputParsesAndItsRowsSerialize) {
  std::string input = ReadAllBytes(fs::path(RECPROC_SOURCE_DIR) / "tests/data/regress/list_feed_invalid_utf8_key.bin");
  ASSERT_GT(input.size(), 1u);
  ListFeedFormat format;
  format.format = "text";
  std::map<std::string, nlohmann::json> rows;
  ASSERT_TRUE(ParseListFeedSnapshot(input.substr(1), format, "feed.txt", &rows).ok());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows.count("192.0.2.0/24"), 1u);
  EXPECT_EQ(rows["192.0.2.0/24"]["comment"], "SBL1");
  // The other key keeps its raw bytes; written the way records are, it is valid JSON.
  for (const auto& [key, row] : rows) {
    std::string line = row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    EXPECT_FALSE(nlohmann::json::parse(line, nullptr, false).is_discarded()) << line;
  }
}

TEST(RegressListFeedInvalidUtf8, DedupKeyWithInvalidUtf8SurvivesSaveAndReload) {
  DaemonState state;
  state.daemon = "utf";
  const std::string bad = "198.51.100.0/2\xff\xff\xff" "4";
  state.dedup.Insert(bad, 1000);
  state.dedup.Insert("192.0.2.0/24", 1000);
  EXPECT_TRUE(state.dedup.Contains(bad));
  std::string text = state.Serialize();  // threw type_error 316 before the fix
  DaemonState back;
  ASSERT_TRUE(DaemonState::Parse(text, "utf.state.json", "utf", &back).ok()) << text;
  EXPECT_EQ(back.dedup.size(), 2u);
  EXPECT_TRUE(back.dedup.Contains(bad));  // the same key is still a duplicate after the reload
  EXPECT_TRUE(back.dedup.Contains("192.0.2.0/24"));
  EXPECT_FALSE(back.dedup.Contains("198.51.100.0/24"));
}

TEST(RegressListFeedInvalidUtf8, DaemonRunOverALatin1ListWithDedupDoesNotAbort) {
  char tmpl[] = "/tmp/recproc_regress_utf8_XXXXXX";
  fs::path root = mkdtemp(tmpl);
  std::ofstream(root / "bad.txt", std::ios::binary) << "# list\n192.0.2.0/24 ; SBL1\n198.51.100.0/2\xff\xff\xff" "4\n";
  std::ofstream(root / "u.yaml") << "version: 1\nname: utf\ntype: list_feed\nschedule: {every: 5m}\n"
                                    "params: {path: bad.txt, format: text}\n"
                                    "dedup: {key: \"{key}\"}\n"
                                    "output: {sink: 'dir:" << (root / "out").string() << "'}\n";
  CommandResult r = RunRecproc("daemon run " + (root / "u.yaml").string() +
                               " --now 2026-01-01T00:10:00Z --state-dir " + (root / "state").string());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string state = ReadAllBytes(root / "state" / "utf.state.json");
  nlohmann::json j = nlohmann::json::parse(state, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << state;
  EXPECT_EQ(j["dedup"]["count"], 2);
  size_t lines = 0;
  for (const auto& e : fs::directory_iterator(root / "out")) {
    std::istringstream in(ReadAllBytes(e.path()));
    for (std::string line; std::getline(in, line); ++lines)
      EXPECT_FALSE(nlohmann::json::parse(line, nullptr, false).is_discarded()) << line;
  }
  EXPECT_EQ(lines, 2u);
  fs::remove_all(root);
}

}  // namespace
}  // namespace recproc::testing
