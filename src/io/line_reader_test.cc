#include "io/line_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace recproc {
namespace {

struct Line {
  std::string text;
  LineInfo info;
};

// Writes `data` to a temp file and reads it back line by line.
std::vector<Line> ReadAll(const std::string& data, Status* status, LineReaderOptions options = {}) {
  char path[] = "/tmp/recproc_reader_XXXXXX";
  int fd = mkstemp(path);
  EXPECT_GE(fd, 0);
  EXPECT_EQ(write(fd, data.data(), data.size()), static_cast<ssize_t>(data.size()));
  close(fd);
  LineReader reader;
  std::vector<Line> out;
  *status = reader.Open(path, options);
  if (status->ok()) {
    std::string_view line;
    LineInfo info;
    while (reader.Next(&line, &info)) out.push_back({std::string(line), info});
    *status = reader.status();
  }
  unlink(path);
  return out;
}

std::string Gzip(const std::string& data) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, data.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

TEST(LineReaderTest, LinesWithOffsetsAndNumbers) {
  Status s;
  auto lines = ReadAll("alpha\nbeta\n\ngamma\n", &s);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].text, "alpha");
  EXPECT_EQ(lines[1].text, "beta");
  EXPECT_EQ(lines[1].info.offset, 6u);
  EXPECT_EQ(lines[1].info.number, 2u);
  EXPECT_EQ(lines[2].text, "");
  EXPECT_EQ(lines[3].text, "gamma");
  EXPECT_EQ(lines[3].info.offset, 12u);
}

TEST(LineReaderTest, CrlfAndMissingFinalNewline) {
  Status s;
  auto lines = ReadAll("one\r\ntwo\r\nthree", &s);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].text, "one");
  EXPECT_EQ(lines[1].text, "two");
  EXPECT_EQ(lines[1].info.offset, 5u);
  EXPECT_EQ(lines[2].text, "three");
  EXPECT_EQ(lines[2].info.number, 3u);
}

TEST(LineReaderTest, EmptyInputHasNoLines) {
  Status s;
  EXPECT_TRUE(ReadAll("", &s).empty());
  EXPECT_TRUE(s.ok());
  auto one = ReadAll("x", &s);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].text, "x");
}

TEST(LineReaderTest, LongLineBecomesPreviewAndReadingContinues) {
  LineReaderOptions options;
  options.max_line_bytes = 100;
  options.preview_bytes = 10;
  std::string data = "short\n" + std::string(1000000, 'L') + "\nafter\n";
  Status s;
  auto lines = ReadAll(data, &s, options);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_FALSE(lines[0].info.too_long);
  EXPECT_TRUE(lines[1].info.too_long);
  EXPECT_EQ(lines[1].text, std::string(10, 'L'));
  EXPECT_EQ(lines[1].info.full_length, 1000000u);
  EXPECT_EQ(lines[1].info.number, 2u);
  EXPECT_EQ(lines[2].text, "after");
  EXPECT_EQ(lines[2].info.offset, 6u + 1000001u);
  EXPECT_EQ(lines[2].info.number, 3u);
}

TEST(LineReaderTest, LineExactlyAtTheLimitIsKept) {
  LineReaderOptions options;
  options.max_line_bytes = 50;
  Status s;
  auto lines = ReadAll(std::string(50, 'a') + "\n" + std::string(51, 'b') + "\n", &s, options);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_FALSE(lines[0].info.too_long);
  EXPECT_EQ(lines[0].text.size(), 50u);
  EXPECT_TRUE(lines[1].info.too_long);
}

TEST(LineReaderTest, GzipDetectedByMagicBytesNotName) {
  std::string plain;
  for (int i = 0; i < 50000; ++i) plain += "line " + std::to_string(i) + "\n";
  Status s;
  auto lines = ReadAll(Gzip(plain), &s);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(lines.size(), 50000u);
  EXPECT_EQ(lines[49999].text, "line 49999");
  EXPECT_EQ(lines[1].info.offset, 7u);
}

TEST(LineReaderTest, ConcatenatedGzipMembersReadAsOneStream) {
  Status s;
  auto lines = ReadAll(Gzip("a\nb\n") + Gzip("c\n"), &s);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[2].text, "c");
}

TEST(LineReaderTest, TruncatedGzipIsAnErrorAfterTheLinesBeforeIt) {
  std::string plain;
  for (int i = 0; i < 20000; ++i) plain += "record number " + std::to_string(i) + "\n";
  std::string gz = Gzip(plain);
  Status s;
  auto lines = ReadAll(gz.substr(0, gz.size() / 2), &s);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("truncated gzip"), std::string::npos) << s.message();
  EXPECT_LT(lines.size(), 20000u);
}

TEST(LineReaderTest, CorruptGzipIsAClearError) {
  std::string gz = Gzip("hello\nworld\n");
  for (size_t i = 12; i < gz.size() - 8; ++i) gz[i] = static_cast<char>(gz[i] ^ 0x5a);
  Status s;
  ReadAll(gz, &s);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("gzip"), std::string::npos) << s.message();
}

TEST(LineReaderTest, BinaryGarbageIsReadAsLines) {
  std::string data("\x00\x01\xff\xfe\n\x80\x81zz\n", 10);
  Status s;
  auto lines = ReadAll(data, &s);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].text, std::string("\x00\x01\xff\xfe", 4));
  EXPECT_EQ(lines[1].text, "\x80\x81zz");
}

TEST(LineReaderTest, MissingFileIsAnIoError) {
  LineReader reader;
  Status s = reader.Open("/nonexistent/file.log", {});
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("/nonexistent/file.log"), std::string::npos);
}

// A stop signal that lands while the reader is not inside read() (between
// two reads, or on another thread) must still end a read from a quiet pipe:
// the flag is set here with no signal at all. A watchdog closes the pipe
// after a few seconds so that a reader which blocks ends the test with a
// failure instead of a hang.
TEST(LineReaderTest, StopFlagSetBeforeAReadEndsAQuietPipe) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  ASSERT_EQ(write(fds[1], "one\ntw", 6), 6);
  volatile std::sig_atomic_t stop = 0;
  LineReaderOptions options;
  options.stop_signal = &stop;
  LineReader reader;
  ASSERT_TRUE(reader.OpenFd(fds[0], "pipe", options).ok());
  std::string_view line;
  LineInfo info;
  ASSERT_TRUE(reader.Next(&line, &info));
  EXPECT_EQ(line, "one");
  stop = SIGTERM;
  std::atomic<bool> done{false};
  std::thread watchdog([&] {
    for (int i = 0; i < 500 && !done; ++i) usleep(10000);
    close(fds[1]);
  });
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(reader.Next(&line, &info)) << "read on past the stop: " << line;
  const bool ended_by_stop = std::chrono::steady_clock::now() - start < std::chrono::seconds(4);
  EXPECT_TRUE(ended_by_stop) << "the reader waited for the pipe to close";
  EXPECT_FALSE(reader.status().ok());
  EXPECT_NE(reader.status().message().find("Interrupted"), std::string::npos) << reader.status().message();
  done = true;
  watchdog.join();
  close(fds[0]);
}

}  // namespace
}  // namespace recproc
