#include "util/byte_buffer.h"

#include <gtest/gtest.h>

#include <cstring>
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

// Room past kMapBytes is mapped and grown by mremap: the bytes written before
// each growth survive it, also across the switch from the heap.
TEST(ByteBufferTest, GrowsPastTheMappedSizeKeepingContent) {
  ByteBuffer b;
  std::string expected;
  uint32_t x = 12345;
  while (expected.size() < 3 * ByteBuffer::kMapBytes + 777) {
    std::string piece(static_cast<size_t>(x % 4099) + 1, static_cast<char>('A' + x % 53));
    x = x * 1103515245u + 12345u;
    b.append(piece);
    expected += piece;
    ASSERT_EQ(b.size(), expected.size());
  }
  EXPECT_GE(b.capacity(), b.size());
  EXPECT_GE(b.capacity(), ByteBuffer::kMapBytes);
  EXPECT_TRUE(b.view() == expected);
  // Reused after clear(): same room, same place, new content.
  const char* where = b.data();
  const size_t room = b.capacity();
  b.clear();
  b.append("fresh");
  EXPECT_EQ(b.view(), "fresh");
  EXPECT_EQ(b.data(), where);
  EXPECT_EQ(b.capacity(), room);
  // One resize straight from empty to mapped room.
  ByteBuffer c;
  c.ResizeUninitialized(ByteBuffer::kMapBytes + 1);
  std::memset(c.data(), 'q', c.size());
  c.ResizeUninitialized(5 * ByteBuffer::kMapBytes);
  EXPECT_EQ(c.data()[ByteBuffer::kMapBytes], 'q');
  EXPECT_EQ(c.data()[0], 'q');
}

}  // namespace
}  // namespace recproc
