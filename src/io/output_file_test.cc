#include "io/output_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>
#include <unistd.h>

namespace recproc {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Writes the pieces through an OutputFile into a fresh directory; nothing may
// be under the target name before Commit(), and the committed file must hold
// every piece in the order written.
void ExpectCommittedInOrder(const std::vector<std::string>& pieces) {
  std::string dir = std::filesystem::temp_directory_path() / ("recproc-out-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string path = dir + "/out.jsonl";
  {
    OutputFile f;
    EXPECT_TRUE(f.Open(path).ok());
    for (const std::string& piece : pieces) EXPECT_TRUE(f.Write(piece).ok());
    EXPECT_FALSE(std::filesystem::exists(path));
    EXPECT_TRUE(f.Commit().ok());
  }
  std::string got = ReadAll(path);
  std::filesystem::remove_all(dir);
  std::string expected;
  for (const std::string& piece : pieces) expected += piece;
  EXPECT_EQ(got.size(), expected.size());
  EXPECT_TRUE(got == expected);
}

// Small pieces are buffered and large ones written straight through.
TEST(OutputFileTest, SmallAndLargePiecesKeepTheirOrder) {
  std::vector<std::string> pieces;
  size_t total = 0;
  for (size_t size : {10u, 3000000u, 5u, 700000u, 400000u, 1u, 2100000u, 17u}) {
    pieces.emplace_back(size, static_cast<char>('a' + total % 26));
    pieces.back().back() = '\n';
    total += size;
  }
  ExpectCommittedInOrder(pieces);
}

// An output of several writeback steps (8 MiB each) is handed to the
// kernel's writeback piece by piece while it is written; the committed file
// must still hold every byte in order, the last partial step included.
TEST(OutputFileTest, OutputSpanningManyWritebackStepsIsComplete) {
  std::vector<std::string> pieces;
  size_t total = 0;
  for (size_t n = 0; total < (37u << 20) + 12345; ++n) {
    // Pieces from a few bytes (buffered) to 2.5 MB (written through).
    size_t size = 1 + (n * 7919 % 2500000) / (n % 3 == 0 ? 1 : 1000);
    pieces.emplace_back(size, static_cast<char>('A' + n % 26));
    pieces.back().back() = '\n';
    total += size;
  }
  ExpectCommittedInOrder(pieces);
}

}  // namespace
}  // namespace recproc
