#include "util/byte_buffer.h"

#include <gtest/gtest.h>

#include <string>

namespace recproc {
namespace {

TEST(ByteBufferTest, StartsEmptyAndAppends) {
  ByteBuffer b;
  EXPECT_TRUE(b.empty());
  EXPECT_EQ(b.view(), "");
  b.append("");
  EXPECT_TRUE(b.empty());
  b.append("abc");
  b.append("de");
  EXPECT_EQ(b.size(), 5u);
  EXPECT_EQ(b.view(), "abcde");
}

// Growing keeps the bytes written so far; shrinking and clearing keep the
// room, so a buffer refilled batch after batch stops allocating.
TEST(ByteBufferTest, ResizeKeepsContentAndRoom) {
  ByteBuffer b;
  std::string expected;
  for (int i = 0; i < 2000; ++i) {
    std::string piece(static_cast<size_t>(i % 97) + 1, static_cast<char>('a' + i % 26));
    b.append(piece);
    expected += piece;
  }
  EXPECT_EQ(b.view(), expected);
  size_t at = b.size();
  b.ResizeUninitialized(at + 10);
  for (size_t i = 0; i < 10; ++i) b.data()[at + i] = 'z';
  EXPECT_EQ(b.view(), expected + std::string(10, 'z'));
  b.ResizeUninitialized(3);
  EXPECT_EQ(b.view(), expected.substr(0, 3));
  const size_t room = b.capacity();
  const char* where = b.data();
  b.clear();
  EXPECT_TRUE(b.empty());
  b.ResizeUninitialized(room);
  EXPECT_EQ(b.capacity(), room);
  EXPECT_EQ(b.data(), where);
  b.ResizeUninitialized(room + 1);
  EXPECT_GE(b.capacity(), 2 * room);
}

}  // namespace
}  // namespace recproc
