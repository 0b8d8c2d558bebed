#include "util/ip_prefix_trie.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace recproc {
namespace {

IpAddress Ip(std::string_view text) {
  IpAddress a;
  EXPECT_TRUE(ParseIpAddress(text, &a)) << text;
  return a;
}

void Add(IpPrefixTrie* t, std::string_view cidr, uint32_t payload) {
  IpAddress base;
  int len;
  ASSERT_TRUE(ParseCidr(cidr, &base, &len)) << cidr;
  t->Insert(base, len, payload);
}

TEST(IpPrefixTrieTest, MostSpecificBlockWins) {
  IpPrefixTrie t;
  Add(&t, "10.0.0.0/8", 1);
  Add(&t, "10.128.0.0/24", 2);
  Add(&t, "10.128.0.7/32", 3);
  uint32_t p = 0;
  int len = 0;
  ASSERT_TRUE(t.LongestMatch(Ip("10.128.0.1"), &p, &len));
  EXPECT_EQ(p, 2u);
  EXPECT_EQ(len, 24);
  ASSERT_TRUE(t.LongestMatch(Ip("10.128.0.7"), &p, &len));
  EXPECT_EQ(p, 3u);
  ASSERT_TRUE(t.LongestMatch(Ip("10.200.0.1"), &p, &len));
  EXPECT_EQ(p, 1u);
  EXPECT_EQ(len, 8);
  EXPECT_FALSE(t.LongestMatch(Ip("11.0.0.1"), &p, &len));
  EXPECT_EQ(t.size(), 3u);
}

TEST(IpPrefixTrieTest, InsertOrderDoesNotMatter) {
  // Specific first, then the enclosing blocks: exercises splicing a node above an existing one.
  IpPrefixTrie t;
  Add(&t, "192.168.1.128/25", 1);
  Add(&t, "192.168.1.0/24", 2);
  Add(&t, "192.168.0.0/16", 3);
  Add(&t, "192.168.2.0/24", 4);
  uint32_t p;
  int len;
  ASSERT_TRUE(t.LongestMatch(Ip("192.168.1.200"), &p, &len));
  EXPECT_EQ(p, 1u);
  ASSERT_TRUE(t.LongestMatch(Ip("192.168.1.5"), &p, &len));
  EXPECT_EQ(p, 2u);
  ASSERT_TRUE(t.LongestMatch(Ip("192.168.2.5"), &p, &len));
  EXPECT_EQ(p, 4u);
  ASSERT_TRUE(t.LongestMatch(Ip("192.168.3.5"), &p, &len));
  EXPECT_EQ(p, 3u);
}

TEST(IpPrefixTrieTest, AllMatchesMostSpecificFirst) {
  IpPrefixTrie t;
  Add(&t, "0.0.0.0/0", 9);
  Add(&t, "10.0.0.0/8", 1);
  Add(&t, "10.128.0.0/24", 2);
  Add(&t, "10.128.0.0/16", 5);
  Add(&t, "10.129.0.0/16", 6);
  PrefixMatch m[IpPrefixTrie::kMaxMatches];
  int n = t.AllMatches(Ip("10.128.0.1"), m);
  ASSERT_EQ(n, 4);
  EXPECT_EQ(m[0].payload, 2u);
  EXPECT_EQ(m[0].prefix_len, 24);
  EXPECT_EQ(m[1].payload, 5u);
  EXPECT_EQ(m[2].payload, 1u);
  EXPECT_EQ(m[3].payload, 9u);
  EXPECT_EQ(m[3].prefix_len, 0);
  EXPECT_EQ(t.AllMatches(Ip("2001:db8::1"), m), 0);
}

TEST(IpPrefixTrieTest, FamiliesAreSeparate) {
  IpPrefixTrie t;
  Add(&t, "::/0", 1);
  Add(&t, "2001:db8::/32", 2);
  Add(&t, "10.0.0.0/8", 3);
  uint32_t p;
  int len;
  EXPECT_FALSE(t.LongestMatch(Ip("1.2.3.4"), &p, &len));
  ASSERT_TRUE(t.LongestMatch(Ip("::ffff:10.0.0.1"), &p, &len));
  EXPECT_EQ(p, 1u);
  ASSERT_TRUE(t.LongestMatch(Ip("2001:db8:ffff::1"), &p, &len));
  EXPECT_EQ(p, 2u);
  EXPECT_EQ(len, 32);
}

TEST(IpPrefixTrieTest, ReinsertReplacesPayloadAndFindIsExact) {
  IpPrefixTrie t;
  Add(&t, "10.0.0.0/8", 1);
  IpAddress base = Ip("10.9.9.9");
  EXPECT_FALSE(t.Insert(base, 8, 7));
  EXPECT_EQ(t.size(), 1u);
  uint32_t p = 0;
  ASSERT_TRUE(t.Find(Ip("10.0.0.0"), 8, &p));
  EXPECT_EQ(p, 7u);
  EXPECT_FALSE(t.Find(Ip("10.0.0.0"), 9, &p));
  EXPECT_FALSE(t.Find(Ip("10.0.0.0"), 7, &p));
  Add(&t, "10.128.0.0/9", 3);
  Add(&t, "10.64.0.0/10", 4);  // 10.0.0.0/9 exists only as an unlabelled path, not as a prefix
  EXPECT_FALSE(t.Find(Ip("10.0.0.0"), 9, &p));
  EXPECT_TRUE(t.Find(Ip("10.64.0.0"), 10, &p));
  EXPECT_EQ(p, 4u);
}

TEST(IpPrefixTrieTest, InsertAllMatchesInsertAndLaterDuplicatesWin) {
  std::vector<PrefixEntry> entries;
  for (auto [cidr, payload] : std::initializer_list<std::pair<const char*, uint32_t>>{{"10.128.0.0/24", 1},
                                                                                      {"2001:db8::/32", 2},
                                                                                      {"10.0.0.0/8", 3},
                                                                                      {"10.9.9.9/8", 4},
                                                                                      {"0.0.0.0/0", 5}}) {
    PrefixEntry e;
    ASSERT_TRUE(ParseCidr(cidr, &e.base, &e.prefix_len));
    e.payload = payload;
    entries.push_back(e);
  }
  IpPrefixTrie t;
  t.InsertAll(entries);
  EXPECT_EQ(t.size(), 4u);
  PrefixMatch m[IpPrefixTrie::kMaxMatches];
  ASSERT_EQ(t.AllMatches(Ip("10.128.0.1"), m), 3);
  EXPECT_EQ(m[0].payload, 1u);
  EXPECT_EQ(m[1].payload, 4u);  // 10.9.9.9/8 came after 10.0.0.0/8
  EXPECT_EQ(m[2].payload, 5u);
  uint32_t p;
  int len;
  ASSERT_TRUE(t.LongestMatch(Ip("2001:db8::7"), &p, &len));
  EXPECT_EQ(p, 2u);
}

// Compares against a linear scan over random nested prefixes, both families.
TEST(IpPrefixTrieTest, AgreesWithLinearScan) {
  std::mt19937 rng(12345);
  struct Entry {
    IpAddress base;
    int len;
  };
  for (bool v4 : {true, false}) {
    IpPrefixTrie t;
    std::vector<Entry> entries;
    int bits = v4 ? 32 : 128;
    auto random_addr = [&] {
      IpAddress a;
      a.v4 = v4;
      // A narrow top byte range forces heavy overlap between prefixes.
      for (int i = 0; i < bits / 8; ++i) a.bytes[i] = static_cast<uint8_t>(rng() % (i < 2 ? 4 : 256));
      return a;
    };
    for (uint32_t i = 0; i < 3000; ++i) {
      IpAddress a = random_addr();
      int len = static_cast<int>(rng() % (bits + 1));
      if (bits == 128 && rng() % 2) len = static_cast<int>(rng() % 40);
      MaskIpAddress(&a, len);
      uint32_t dummy;
      if (t.Find(a, len, &dummy)) continue;
      EXPECT_TRUE(t.Insert(a, len, static_cast<uint32_t>(entries.size())));
      entries.push_back({a, len});
    }
    EXPECT_EQ(t.size(), entries.size());
    for (int q = 0; q < 3000; ++q) {
      IpAddress addr = random_addr();
      std::vector<std::pair<int, uint32_t>> expected;  // (len, payload)
      for (uint32_t i = 0; i < entries.size(); ++i) {
        IpAddress masked = addr;
        MaskIpAddress(&masked, entries[i].len);
        if (masked == entries[i].base) expected.push_back({entries[i].len, i});
      }
      std::sort(expected.rbegin(), expected.rend());
      PrefixMatch m[IpPrefixTrie::kMaxMatches];
      int n = t.AllMatches(addr, m);
      ASSERT_EQ(n, static_cast<int>(expected.size())) << addr.ToString();
      for (int i = 0; i < n; ++i) {
        EXPECT_EQ(m[i].prefix_len, expected[i].first);
        EXPECT_EQ(m[i].payload, expected[i].second);
      }
      uint32_t p;
      int len;
      bool found = t.LongestMatch(addr, &p, &len);
      ASSERT_EQ(found, !expected.empty());
      if (found) {
        EXPECT_EQ(p, expected[0].second);
      }
    }
  }
}

TEST(IpPrefixTrieTest, MillionPrefixesUseMemoryProportionalToSize) {
  IpPrefixTrie t;
  constexpr uint32_t kCount = 1000000;
  t.Reserve(kCount);
  std::mt19937 rng(7);
  IpAddress a;
  a.v4 = true;
  for (uint32_t i = 0; i < kCount; ++i) {
    uint32_t v = rng();
    a.bytes[0] = v >> 24;
    a.bytes[1] = v >> 16;
    a.bytes[2] = v >> 8;
    a.bytes[3] = v;
    t.Insert(a, 32, i);
  }
  EXPECT_GT(t.size(), 990000u);  // a few random collisions
  EXPECT_LE(t.MemoryBytes(), (2 * kCount + 2) * 32);
  uint32_t p;
  int len;
  a.bytes[0] = 1;
  a.bytes[1] = a.bytes[2] = a.bytes[3] = 0;
  t.Insert(a, 8, 4242);
  a.bytes[3] = 1;
  ASSERT_TRUE(t.LongestMatch(a, &p, &len));
  EXPECT_TRUE(len == 32 || (len == 8 && p == 4242u)) << len;
}

}  // namespace
}  // namespace recproc
