#include "io/output_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "io/async_file_writer.h"

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

// Pieces of many sizes, some larger than a chunk, to a total that ends
// `tail` bytes past a chunk boundary. Every byte depends on its position in
// the output, so a byte copied to the wrong place, dropped or doubled shows.
std::vector<std::string> Pieces(size_t chunks, size_t tail) {
  const size_t total = chunks * AsyncFileWriter::kChunk + tail;
  std::vector<std::string> pieces;
  size_t sum = 0;
  for (size_t n = 0; sum < total; ++n) {
    size_t size = std::min(total - sum, 1 + (n * 7919 % 9000) * (n % 5 == 0 ? 1000 : 1));
    std::string piece(size, '\0');
    for (size_t i = 0; i < size; ++i) piece[i] = static_cast<char>((sum + i) * 2654435761u >> 13);
    pieces.push_back(std::move(piece));
    sum += size;
  }
  return pieces;
}

// Writes the pieces to a new file in the temporary directory, after
// `prefix` written straight to the descriptor, with O_DIRECT set when
// `direct` and the file system takes it; returns whether the chunks went out
// directly, and checks the file's bytes.
bool WriteAndCheck(bool direct, const std::string& prefix, const std::vector<std::string>& pieces) {
  std::string path = std::string(std::filesystem::temp_directory_path()) + "/out-" + std::to_string(getpid());
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  EXPECT_GE(fd, 0) << path;
  EXPECT_EQ(write(fd, prefix.data(), prefix.size()), static_cast<ssize_t>(prefix.size()));
  if (direct) fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_DIRECT);  // may be refused: then buffered
  bool went_direct = false;
  {
    AsyncFileWriter w(fd, path);
    for (const std::string& p : pieces) EXPECT_TRUE(w.Write(p).ok());
    EXPECT_TRUE(w.Finish().ok());
    went_direct = w.direct();
  }
  close(fd);
  std::string expected = prefix;
  for (const std::string& p : pieces) expected += p;
  std::string got = ReadAll(path);
  EXPECT_EQ(got.size(), expected.size());
  EXPECT_TRUE(got == expected);
  std::filesystem::remove(path);
  return went_direct;
}

// Whether the temporary directory's file system takes O_DIRECT at open.
bool TakesDirectIo() {
  std::string path = std::string(std::filesystem::temp_directory_path()) + "/probe-" + std::to_string(getpid());
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_DIRECT, 0644);
  if (fd >= 0) close(fd);
  std::filesystem::remove(path);
  return fd >= 0;
}

// Through direct I/O where the file system takes it and through the page
// cache; whole chunks, a partial last chunk, and nothing at all. The partial
// last chunk goes through the page cache, and the whole chunks still count
// as written directly.
TEST(AsyncFileWriterTest, EveryByteArrivesInOrder) {
  const bool direct_io = TakesDirectIo();
  for (auto [chunks, tail] : {std::pair<size_t, size_t>{3, 12345}, {2, 0}, {0, 700}, {0, 0}}) {
    std::vector<std::string> pieces = Pieces(chunks, tail);
    EXPECT_EQ(WriteAndCheck(true, "", pieces), direct_io) << chunks << " chunks + " << tail;
    EXPECT_FALSE(WriteAndCheck(false, "", pieces));
  }
}

// Direct I/O needs aligned file offsets: after 100 bytes written another
// way, the first chunk's direct write is refused (EINVAL) and made through
// the page cache instead, and so is everything after it.
TEST(AsyncFileWriterTest, RefusedDirectWritesFallBackToThePageCache) {
  EXPECT_FALSE(WriteAndCheck(true, std::string(100, 'p'), Pieces(3, 999)));
}

// A descriptor that cannot be written: the error names the file and comes
// back from Write() or Finish(); the writer still stops cleanly.
TEST(AsyncFileWriterTest, WriteErrorsAreReported) {
  std::string path = std::string(std::filesystem::temp_directory_path()) + "/ro-" + std::to_string(getpid());
  { std::ofstream(path) << "x"; }
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  Status status;
  {
    AsyncFileWriter w(fd, "out.json");
    std::string piece(AsyncFileWriter::kChunk / 3, 'y');
    for (int i = 0; i < 10 && status.ok(); ++i) status = w.Write(piece);
    if (status.ok()) status = w.Finish();
  }
  close(fd);
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("out.json: write failed"), std::string::npos) << status.message();
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace recproc
