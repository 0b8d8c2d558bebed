#include "io/output_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace recproc {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Small pieces are buffered and large ones written straight through; the
// file must hold every piece in the order written, and nothing under the
// target name before Commit().
TEST(OutputFileTest, SmallAndLargePiecesKeepTheirOrder) {
  std::string dir = std::filesystem::temp_directory_path() / ("recproc-out-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string path = dir + "/out.jsonl";
  std::string expected;
  {
    OutputFile f;
    ASSERT_TRUE(f.Open(path).ok());
    for (size_t size : {10u, 3000000u, 5u, 700000u, 400000u, 1u, 2100000u, 17u}) {
      std::string piece(size, static_cast<char>('a' + expected.size() % 26));
      piece.back() = '\n';
      expected += piece;
      ASSERT_TRUE(f.Write(piece).ok());
    }
    EXPECT_FALSE(std::filesystem::exists(path));
    ASSERT_TRUE(f.Commit().ok());
  }
  std::string got = ReadAll(path);
  EXPECT_EQ(got.size(), expected.size());
  EXPECT_TRUE(got == expected);
  std::filesystem::remove_all(dir);
}

// An output of several writeback steps (8 MiB each) is handed to the
// kernel's writeback piece by piece while it is written; the committed file
// must still hold every byte in order, the last partial step included.
TEST(OutputFileTest, OutputSpanningManyWritebackStepsIsComplete) {
  std::string dir = std::filesystem::temp_directory_path() / ("recproc-out-wb-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string path = dir + "/out.jsonl";
  std::string expected;
  {
    OutputFile f;
    ASSERT_TRUE(f.Open(path).ok());
    size_t n = 0;
    while (expected.size() < (37u << 20) + 12345) {
      // Pieces from a few bytes (buffered) to 2.5 MB (written through).
      size_t size = 1 + (n * 7919 % 2500000) / (n % 3 == 0 ? 1 : 1000);
      std::string piece(size, static_cast<char>('A' + n % 26));
      piece.back() = '\n';
      expected += piece;
      ASSERT_TRUE(f.Write(piece).ok());
      ++n;
    }
    ASSERT_TRUE(f.Commit().ok());
  }
  std::string got = ReadAll(path);
  EXPECT_EQ(got.size(), expected.size());
  EXPECT_TRUE(got == expected);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace recproc
