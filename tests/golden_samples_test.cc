// Golden samples: every samples/<vendor>_<product>/*.log is run through the
// real binary with the built-in configuration and a fixed clock, and the
// output must equal the .expected.jsonl beside it byte for byte (output is
// deterministic, SPEC §4). The expected files were produced by recproc and
// then checked by hand, line by line, against the vendor's log format.
//
// Paths are given relative to the repository root (metadata_sourceFile is
// the path as given), so the binary runs from there. To refresh a sample
// after an intended change:
//   build/recproc --now 2026-06-01T00:00:00Z samples/X/Y.log > samples/X/Y.expected.jsonl
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "e2e_util.h"
#include "test_paths.h"

namespace recproc {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs the binary from the repository root with no site configuration.
std::string RunFromRoot(const std::string& relative_log) {
  std::string cmd = "cd '" + testing::SourceDir() + "' && env -u RECPROC_CONFIG " + RECPROC_BINARY +
                    " --now 2026-06-01T00:00:00Z '" + relative_log + "' 2>/dev/null";
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  std::array<char, 65536> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  pclose(p);
  return out;
}

std::vector<fs::path> SampleLogs() {
  std::vector<fs::path> logs;
  fs::path root = fs::path(testing::SourceDir()) / "samples";
  for (const auto& dir : fs::directory_iterator(root)) {
    if (!dir.is_directory()) continue;
    for (const auto& f : fs::directory_iterator(dir.path()))
      if (f.path().extension() == ".log") logs.push_back(f.path());
  }
  std::sort(logs.begin(), logs.end());
  return logs;
}

// Reports the first differing line, which is what one needs to see.
std::string FirstDifference(const std::string& want, const std::string& got) {
  std::istringstream a(want), b(got);
  std::string la, lb;
  for (int line = 1;; ++line) {
    bool ha = static_cast<bool>(std::getline(a, la));
    bool hb = static_cast<bool>(std::getline(b, lb));
    if (!ha && !hb) return "identical";
    if (la != lb || ha != hb)
      return "line " + std::to_string(line) + "\n  expected: " + (ha ? la : "<end>") +
             "\n  actual:   " + (hb ? lb : "<end>");
  }
}

TEST(GoldenSamplesTest, EveryLogWithExpectedOutputMatchesByteForByte) {
  int compared = 0;
  for (const fs::path& log : SampleLogs()) {
    fs::path expected = log;
    expected.replace_extension(".expected.jsonl");
    if (!fs::exists(expected)) continue;  // a sample kept as input only
    std::string relative = fs::relative(log, testing::SourceDir()).string();
    std::string got = RunFromRoot(relative);
    std::string want = ReadFile(expected);
    EXPECT_EQ(want, got) << relative << ": " << FirstDifference(want, got);
    ++compared;
  }
  // The vendor samples this repository ships; losing them silently would
  // make this test pass on nothing.
  EXPECT_GE(compared, 8) << "golden samples compared";
}

TEST(GoldenSamplesTest, EverySampleLineBecomesARecordNotAFailure) {
  for (const fs::path& log : SampleLogs()) {
    fs::path expected = log;
    expected.replace_extension(".expected.jsonl");
    if (!fs::exists(expected)) continue;
    for (const nlohmann::json& r : testing::JsonLines(ReadFile(expected))) {
      EXPECT_NE(r.value("objectType", ""), "FailedRecord") << log << ": " << r.dump();
      if (log.parent_path().filename().string().rfind("generic_", 0) != 0) {
        EXPECT_NE(r.value("metadata_vendor", ""), "Generic") << log << ": " << r.dump();
      }
    }
  }
}

}  // namespace
}  // namespace recproc
