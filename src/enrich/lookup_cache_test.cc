#include "enrich/lookup_cache.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace recproc {
namespace {

// Formatted with snprintf: GCC 12 warns falsely (-Wrestrict) on "k" + std::to_string(i).
std::string Key(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "k%d", i);
  return buf;
}

// A key is kept from its second miss on: its value is written to the spare
// (not kept) at the first, so a value seen once evicts nothing.
void Miss(LookupCache<int>* cache, std::string_view key, int value) {
  ASSERT_EQ(cache->Find(key), nullptr) << key;
  *cache->Insert(key) = value;
}

// Misses key twice, so the cache keeps it.
void Keep(LookupCache<int>* cache, std::string_view key, int value) {
  Miss(cache, key, value);
  Miss(cache, key, value);
}

// The value cached for key, if any (a lookup: it counts and marks the key
// used).
std::optional<int> Cached(LookupCache<int>* cache, std::string_view key) {
  const int* v = cache->Find(key);
  return v != nullptr ? std::optional<int>(*v) : std::nullopt;
}

TEST(LookupCacheTest, KeepsAKeyFromItsSecondMissAndCounts) {
  LookupCache<int> cache(8);
  EXPECT_EQ(cache.capacity(), 8u);
  Miss(&cache, "10.0.0.1", 41);
  Miss(&cache, "10.0.0.1", 42);
  const int* v = cache.Find("10.0.0.1");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(*v, 42);
  EXPECT_EQ(cache.Find("10.0.0.2"), nullptr);
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(cache.misses(), 3u);
  cache.Clear();
  EXPECT_EQ(cache.Find("10.0.0.1"), nullptr);
  // Clear forgets the misses too: the next one is a first again.
  *cache.Insert("10.0.0.1") = 43;
  EXPECT_EQ(cache.Find("10.0.0.1"), nullptr);
}

TEST(LookupCacheTest, ValuesSeenOnceEvictNothing) {
  // One set of two ways, holding "a" and "b"; a stream of keys missing once
  // each goes to the spare and leaves both in place.
  LookupCache<int> cache(2);
  Keep(&cache, "a", 1);
  Keep(&cache, "b", 2);
  for (int i = 0; i < 100; ++i) Miss(&cache, Key(i), -i);
  EXPECT_EQ(Cached(&cache, "a"), 1);
  EXPECT_EQ(Cached(&cache, "b"), 2);
  // The set remembers the last two keys it did not keep: after "c", "d"
  // and "e" missed, "c" missing again is a first miss once more.
  Miss(&cache, "c", 3);
  Miss(&cache, "d", 4);
  Miss(&cache, "e", 5);
  Miss(&cache, "c", 3);
  EXPECT_EQ(Cached(&cache, "c"), std::nullopt);
}

TEST(LookupCacheTest, TwoKeysMissingInTurnAreBothKept) {
  // A record's source and destination, say, in one set, looked up in turn:
  // each one's second miss keeps it, though the other missed in between.
  LookupCache<int> cache(2);
  Miss(&cache, "a", 1);
  Miss(&cache, "b", 2);
  Miss(&cache, "a", 1);
  Miss(&cache, "b", 2);
  EXPECT_EQ(Cached(&cache, "a"), 1);
  EXPECT_EQ(Cached(&cache, "b"), 2);
}

TEST(LookupCacheTest, BoundedAndKeepsRecentlyUsedEntry) {
  // Two sets of two ways: many keys, each missing twice, never more than
  // four entries.
  LookupCache<std::string> cache(4);
  for (int i = 0; i < 1000; ++i) {
    std::string key = Key(i);
    for (int twice = 0; twice < 2; ++twice)
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
  Keep(&two, "a", 1);
  Keep(&two, "b", 2);
  ASSERT_EQ(Cached(&two, "a"), 1);
  Keep(&two, "c", 3);
  EXPECT_EQ(Cached(&two, "a"), 1);
  EXPECT_EQ(Cached(&two, "b"), std::nullopt);
  EXPECT_EQ(Cached(&two, "c"), 3);
}

TEST(LookupCacheTest, ZeroCapacityDisables) {
  LookupCache<int> cache(0);
  *cache.Insert("x") = 1;
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
