#include "util/string_hash.h"

#include <gtest/gtest.h>

#include <string>

namespace recproc {
namespace {

// KeyEquals against operator== at every length through the word-load
// paths, with one differing byte at each position.
TEST(StringHashTest, KeyEqualsMatchesOperatorEquals) {
  for (size_t len = 0; len < 40; ++len) {
    std::string a(len, 'k');
    for (size_t i = 0; i < len; ++i) a[i] = static_cast<char>('a' + (i * 7) % 26);
    std::string b = a;
    EXPECT_TRUE(KeyEquals(a, b)) << len;
    EXPECT_FALSE(KeyEquals(a, a + "x")) << len;
    EXPECT_FALSE(KeyEquals(a + "x", a)) << len;
    for (size_t i = 0; i < len; ++i) {
      std::string c = a;
      c[i] = static_cast<char>(c[i] ^ 0x20);
      EXPECT_EQ(KeyEquals(a, c), a == c) << len << " " << i;
      EXPECT_FALSE(KeyEquals(c, a)) << len << " " << i;
    }
  }
  EXPECT_TRUE(KeyEquals(std::string_view(), std::string_view("", 0)));
}

TEST(StringHashTest, QuickKeyHashIsNeverZero) {
  for (size_t len = 0; len < 20; ++len) EXPECT_NE(QuickKeyHash(std::string(len, '\0')), 0u) << len;
}

// Short keys (the word and byte paths) that differ in any one byte, or only
// in length, hash apart.
TEST(StringHashTest, QuickKeyHashSeparatesShortKeys) {
  for (size_t len = 1; len <= 16; ++len) {
    std::string a(len, 'a');
    EXPECT_NE(QuickKeyHash(a), QuickKeyHash(a + "a")) << len;
    for (size_t i = 0; i < len; ++i) {
      // Keys of up to 3 bytes are hashed by their first, middle and last byte,
      // which covers every byte.
      std::string b = a;
      b[i] = 'b';
      EXPECT_NE(QuickKeyHash(a), QuickKeyHash(b)) << len << " " << i;
    }
  }
  EXPECT_NE(QuickKeyHash("srcip"), QuickKeyHash("dstip"));
  EXPECT_NE(QuickKeyHash("url"), QuickKeyHash("uri"));
}

}  // namespace
}  // namespace recproc
