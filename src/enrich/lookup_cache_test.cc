#include "enrich/lookup_cache.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace recproc {
namespace {

TEST(LookupCacheTest, HitsAfterInsertAndCounts) {
  LookupCache<int> cache(8);
  EXPECT_EQ(cache.capacity(), 8u);
  EXPECT_EQ(cache.Find("10.0.0.1"), nullptr);
  *cache.Insert("10.0.0.1") = 42;
  const int* v = cache.Find("10.0.0.1");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(*v, 42);
  EXPECT_EQ(cache.Find("10.0.0.2"), nullptr);
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(cache.misses(), 2u);
  cache.Clear();
  EXPECT_EQ(cache.Find("10.0.0.1"), nullptr);
}

// Formatted with snprintf: GCC 12 warns falsely (-Wrestrict) on "k" + std::to_string(i).
std::string Key(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "k%d", i);
  return buf;
}

TEST(LookupCacheTest, BoundedAndKeepsRecentlyUsedEntry) {
  // Two sets of two ways: many keys, never more than four entries.
  LookupCache<std::string> cache(4);
  for (int i = 0; i < 1000; ++i) {
    std::string key = Key(i);
    if (cache.Find(key) == nullptr) *cache.Insert(key) = key;
  }
  int present = 0;
  for (int i = 0; i < 1000; ++i) {
    const std::string* v = cache.Find(Key(i));
    if (v != nullptr) {
      EXPECT_EQ(*v, Key(i));
      ++present;
    }
  }
  EXPECT_LE(present, 4);
  EXPECT_GE(present, 1);

  // In a one-set cache, touching "a" before inserting "c" evicts "b".
  LookupCache<int> two(2);
  *two.Insert("a") = 1;
  *two.Insert("b") = 2;
  ASSERT_NE(two.Find("a"), nullptr);
  *two.Insert("c") = 3;
  EXPECT_NE(two.Find("a"), nullptr);
  EXPECT_EQ(two.Find("b"), nullptr);
  EXPECT_EQ(*two.Find("c"), 3);
}

TEST(LookupCacheTest, ZeroCapacityDisables) {
  LookupCache<int> cache(0);
  *cache.Insert("x") = 1;
  EXPECT_EQ(cache.Find("x"), nullptr);
  EXPECT_EQ(cache.capacity(), 0u);
  EXPECT_EQ(cache.misses(), 1u);
}

TEST(LookupCacheTest, CapacityRoundsUpToPowerOfTwo) {
  EXPECT_EQ(LookupCache<int>(1).capacity(), 2u);
  EXPECT_EQ(LookupCache<int>(5).capacity(), 8u);
  EXPECT_EQ(LookupCache<int>(4096).capacity(), 4096u);
}

}  // namespace
}  // namespace recproc
