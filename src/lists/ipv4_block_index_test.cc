#include "lists/ipv4_block_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <utility>
#include <vector>

#include "util/ip_address.h"
#include "util/ip_prefix_trie.h"

namespace recproc {
namespace {

uint32_t Ip(int a, int b, int c, int d) {
  return static_cast<uint32_t>(a) << 24 | static_cast<uint32_t>(b) << 16 | static_cast<uint32_t>(c) << 8 |
         static_cast<uint32_t>(d);
}

std::vector<uint32_t> Matches(const Ipv4BlockIndex& index, uint32_t addr) {
  uint32_t out[Ipv4BlockIndex::kMaxMatches];
  int n = index.AllMatches(addr, out);
  return std::vector<uint32_t>(out, out + n);
}

uint32_t Mask(int len) { return len == 0 ? 0 : 0xffffffffu << (32 - len); }

// Every block containing addr, most specific first: the definition the index must meet.
std::vector<uint32_t> BruteForce(const std::vector<Ipv4BlockIndex::Block>& blocks, uint32_t addr) {
  std::vector<std::pair<int, uint32_t>> hits;
  for (const auto& b : blocks)
    if ((addr & Mask(b.len)) == (b.base & Mask(b.len))) hits.emplace_back(-b.len, b.payload);
  std::sort(hits.begin(), hits.end());
  std::vector<uint32_t> out;
  for (const auto& h : hits) out.push_back(h.second);
  return out;
}

TEST(Ipv4BlockIndexTest, EmptyIndexMatchesNothing) {
  Ipv4BlockIndex index;
  EXPECT_TRUE(Matches(index, Ip(1, 2, 3, 4)).empty());
  index.Build({});
  EXPECT_TRUE(Matches(index, 0).empty());
  EXPECT_TRUE(Matches(index, 0xffffffffu).empty());
}

TEST(Ipv4BlockIndexTest, NestedBlocksMostSpecificFirst) {
  Ipv4BlockIndex index;
  index.Build({{Ip(10, 0, 0, 0), 8, 1}, {Ip(10, 1, 2, 3), 32, 2}, {Ip(10, 1, 0, 0), 16, 3}, {0, 0, 4}});
  EXPECT_EQ(Matches(index, Ip(10, 1, 2, 3)), (std::vector<uint32_t>{2, 3, 1, 4}));
  EXPECT_EQ(Matches(index, Ip(10, 1, 2, 4)), (std::vector<uint32_t>{3, 1, 4}));
  EXPECT_EQ(Matches(index, Ip(10, 2, 0, 0)), (std::vector<uint32_t>{1, 4}));
  EXPECT_EQ(Matches(index, Ip(11, 0, 0, 0)), (std::vector<uint32_t>{4}));
  EXPECT_EQ(Matches(index, 0xffffffffu), (std::vector<uint32_t>{4}));
}

TEST(Ipv4BlockIndexTest, EdgesOfTheAddressSpaceAndHostBits) {
  Ipv4BlockIndex index;
  // Host bits after the length are ignored: 192.168.1.77/24 is 192.168.1.0/24.
  index.Build({{0xffffffffu, 32, 1}, {0, 32, 2}, {Ip(192, 168, 1, 77), 24, 3}});
  EXPECT_EQ(Matches(index, 0xffffffffu), (std::vector<uint32_t>{1}));
  EXPECT_TRUE(Matches(index, 0xfffffffeu).empty());
  EXPECT_EQ(Matches(index, 0), (std::vector<uint32_t>{2}));
  EXPECT_TRUE(Matches(index, 1).empty());
  EXPECT_EQ(Matches(index, Ip(192, 168, 1, 0)), (std::vector<uint32_t>{3}));
  EXPECT_EQ(Matches(index, Ip(192, 168, 1, 255)), (std::vector<uint32_t>{3}));
  EXPECT_TRUE(Matches(index, Ip(192, 168, 2, 0)).empty());
  EXPECT_TRUE(Matches(index, Ip(192, 168, 0, 255)).empty());
}

TEST(Ipv4BlockIndexTest, SameBaseDifferentLengths) {
  Ipv4BlockIndex index;
  index.Build({{Ip(8, 0, 0, 0), 32, 1}, {Ip(8, 0, 0, 0), 8, 2}, {Ip(8, 0, 0, 0), 24, 3}});
  EXPECT_EQ(Matches(index, Ip(8, 0, 0, 0)), (std::vector<uint32_t>{1, 3, 2}));
  EXPECT_EQ(Matches(index, Ip(8, 0, 0, 1)), (std::vector<uint32_t>{3, 2}));
  EXPECT_EQ(Matches(index, Ip(8, 0, 1, 0)), (std::vector<uint32_t>{2}));
  EXPECT_TRUE(Matches(index, Ip(9, 0, 0, 0)).empty());
  EXPECT_TRUE(Matches(index, Ip(7, 255, 255, 255)).empty());
}

// Random blocks, nested on purpose and clustered in a few /16s (so the
// first-level buckets hold many intervals), against the brute-force
// definition at random addresses and at every block's edges.
void CheckRandomBlocks(uint32_t seed, int rounds, int min_blocks, int max_blocks, int probes_per_round) {
  std::mt19937 rng(seed);
  for (int round = 0; round < rounds; ++round) {
    std::vector<Ipv4BlockIndex::Block> blocks;
    std::set<std::pair<uint32_t, int>> seen;
    int count = min_blocks + static_cast<int>(rng() % (max_blocks - min_blocks + 1));
    while (static_cast<int>(blocks.size()) < count) {
      int len = static_cast<int>(rng() % 33);
      uint32_t base = rng();
      if (rng() % 2 == 0) base = (base & 0x0003ffffu) | Ip(100, 0, 0, 0);  // clustered
      if (!blocks.empty() && rng() % 3 == 0) {
        // Inside an earlier block.
        const auto& outer = blocks[rng() % blocks.size()];
        len = std::min(32, outer.len + static_cast<int>(rng() % 10));
        base = (outer.base & Mask(outer.len)) | (rng() & ~Mask(outer.len));
      }
      if (!seen.insert({base & Mask(len), len}).second) continue;
      blocks.push_back({base, static_cast<uint8_t>(len), static_cast<uint32_t>(blocks.size())});
    }
    Ipv4BlockIndex index;
    index.Build(blocks);
    ASSERT_EQ(index.size(), blocks.size());
    std::vector<uint32_t> probes;
    for (int i = 0; i < probes_per_round; ++i)
      probes.push_back(rng() % 2 ? rng() : ((rng() & 0x0003ffffu) | Ip(100, 0, 0, 0)));
    for (const auto& b : blocks) {
      uint32_t start = b.base & Mask(b.len);
      uint32_t end = start | ~Mask(b.len);
      for (uint32_t p : {start, end, start - 1, end + 1}) probes.push_back(p);
    }
    for (uint32_t p : probes)
      ASSERT_EQ(Matches(index, p), BruteForce(blocks, p)) << "round " << round << " addr " << p;
  }
}

TEST(Ipv4BlockIndexTest, AgreesWithBruteForceOnSmallRandomSets) {
  CheckRandomBlocks(20261126, 20, 1, 400, 2000);
}

// Enough blocks for the first-level /16 table to be built and used.
TEST(Ipv4BlockIndexTest, AgreesWithBruteForceOnLargeRandomSets) { CheckRandomBlocks(7, 2, 4000, 6000, 5000); }

// Enough blocks for a wider (17-bit) first-level table; the reference here
// is the bit trie, brute force being too slow at this size.
TEST(Ipv4BlockIndexTest, AgreesWithTheBitTrieOnAQuarterMillionBlocks) {
  std::mt19937 rng(11);
  std::vector<Ipv4BlockIndex::Block> blocks;
  std::set<std::pair<uint32_t, int>> seen;
  IpPrefixTrie trie;
  while (blocks.size() < 300000) {
    int len = rng() % 4 == 0 ? 8 + static_cast<int>(rng() % 25) : 32;
    uint32_t base = rng() & Mask(len);
    if (!seen.insert({base, len}).second) continue;
    uint32_t payload = static_cast<uint32_t>(blocks.size());
    blocks.push_back({base, static_cast<uint8_t>(len), payload});
    IpAddress addr;
    addr.v4 = true;
    for (int i = 0; i < 4; ++i) addr.bytes[i] = static_cast<uint8_t>(base >> (24 - 8 * i));
    trie.Insert(addr, len, payload);
  }
  Ipv4BlockIndex index;
  index.Build(blocks);
  for (int i = 0; i < 200000; ++i) {
    uint32_t a = i % 2 ? rng() : blocks[rng() % blocks.size()].base + (rng() % 3) - 1;
    IpAddress addr;
    addr.v4 = true;
    for (int k = 0; k < 4; ++k) addr.bytes[k] = static_cast<uint8_t>(a >> (24 - 8 * k));
    PrefixMatch want[IpPrefixTrie::kMaxMatches];
    int n = trie.AllMatches(addr, want);
    std::vector<uint32_t> expected;
    for (int k = 0; k < n; ++k) expected.push_back(want[k].payload);
    ASSERT_EQ(Matches(index, a), expected) << a;
  }
}

}  // namespace
}  // namespace recproc
