#include "util/string_hash.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

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

// TextHash reads every byte: texts that differ in one byte at any position,
// at every length through its word paths, hash apart; similar texts (IPs
// counting up, URLs differing in the middle) spread evenly over the low and
// the high bits, which tables use for slots and tags; and one flipped input
// bit flips about half the output bits.
TEST(StringHashTest, TextHashUsesEveryByteAndSpreads) {
  for (size_t len = 1; len < 70; ++len) {
    std::string a(len, 'x');
    for (size_t i = 0; i < len; ++i) a[i] = static_cast<char>('0' + (i * 5) % 43);
    const uint64_t h = TextHash(a);
    EXPECT_EQ(TextHash(std::string(a)), h);
    for (size_t i = 0; i < len; ++i) {
      std::string b = a;
      b[i] = static_cast<char>(b[i] ^ 1);
      EXPECT_NE(TextHash(b), h) << len << " " << i;
    }
    EXPECT_NE(TextHash(a.substr(0, len - 1)), h) << len;
  }
  EXPECT_NE(TextHash(""), TextHash(std::string(1, '\0')));

  std::vector<std::string> texts;
  for (int i = 0; i < 65536; ++i) {
    texts.push_back("10." + std::to_string(i >> 8) + "." + std::to_string(i & 255) + ".7");
    texts.push_back("https://host" + std::to_string(i) + ".example.com/search?q=report");
  }
  std::set<uint64_t> seen;
  std::vector<int> low(1024), high(1024);
  for (const std::string& t : texts) {
    const uint64_t h = TextHash(t);
    seen.insert(h);
    ++low[h & 1023];
    ++high[h >> 54];
  }
  EXPECT_EQ(seen.size(), texts.size());
  const int mean = static_cast<int>(texts.size() / 1024);  // 128
  for (int b = 0; b < 1024; ++b) {
    EXPECT_GT(low[b], mean / 2) << b;
    EXPECT_LT(low[b], mean * 2) << b;
    EXPECT_GT(high[b], mean / 2) << b;
    EXPECT_LT(high[b], mean * 2) << b;
  }

  long flipped = 0, trials = 0;
  for (size_t t = 0; t < 2000; ++t) {
    std::string a = texts[t * 37 % texts.size()];
    const uint64_t h = TextHash(a);
    for (size_t bit = 0; bit < a.size() * 8; bit += 3) {
      std::string b = a;
      b[bit / 8] = static_cast<char>(b[bit / 8] ^ (1 << (bit % 8)));
      flipped += __builtin_popcountll(TextHash(b) ^ h);
      ++trials;
    }
  }
  const double mean_flipped = static_cast<double>(flipped) / static_cast<double>(trials);
  EXPECT_GT(mean_flipped, 30.0);
  EXPECT_LT(mean_flipped, 34.0);
}

}  // namespace
}  // namespace recproc
