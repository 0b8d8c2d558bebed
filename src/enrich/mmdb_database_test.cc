#include "enrich/mmdb_database.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "test_paths.h"

namespace recproc {
namespace {

// Addresses near the networks MaxMind's test databases hold (1.x, 2.x,
// 81.2.69.x, 89.160.x, 175.16.x, 216.160.x, ::1.1.1.x, 2001:2xx::, 2a02::,
// mapped and 6to4 forms) with random low bits, plus fully random ones.
std::vector<IpAddress> Probes() {
  std::vector<IpAddress> out;
  std::mt19937_64 rng(7);
  const uint8_t v4_first[] = {0, 1, 2, 50, 67, 81, 89, 128, 149, 175, 202, 216, 255};
  for (int n = 0; n < 20000; ++n) {
    IpAddress a;
    a.v4 = true;
    uint64_t r = rng();
    for (int i = 0; i < 4; ++i) a.bytes[i] = static_cast<uint8_t>(r >> (8 * i));
    if (n % 4 != 0) a.bytes[0] = v4_first[r % sizeof v4_first];
    out.push_back(a);
  }
  const uint16_t v6_first[] = {0x0000, 0x2001, 0x2002, 0x2a02, 0x2c0f, 0xfe80, 0xffff};
  for (int n = 0; n < 20000; ++n) {
    IpAddress a;
    for (int i = 0; i < 16; i += 8) {
      uint64_t r = rng();
      for (int j = 0; j < 8; ++j) a.bytes[i + j] = static_cast<uint8_t>(r >> (8 * j));
    }
    uint16_t first = v6_first[rng() % (sizeof v6_first / sizeof v6_first[0])];
    a.bytes[0] = static_cast<uint8_t>(first >> 8);
    a.bytes[1] = static_cast<uint8_t>(first);
    switch (n % 5) {
      case 0:  // IPv4-compatible (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d)
      case 1:
        for (int i = 0; i < 12; ++i) a.bytes[i] = 0;
        if (n % 5 == 1) a.bytes[10] = a.bytes[11] = 0xff;
        a.bytes[12] = n % 2 ? 1 : 81;
        break;
      case 2:  // 2001:2xx:: and similar short prefixes
        a.bytes[2] = static_cast<uint8_t>(rng() % 4);
        for (int i = 4; i < 16; ++i) a.bytes[i] = 0;
        break;
      default:
        break;
    }
    out.push_back(a);
  }
  return out;
}

// Lookup's own tree walk against libmaxminddb's search, on every database in
// dir that opens; *compared counts the databases, *found_total the hits.
void CompareWalks(const std::string& dir, int* compared, int* found_total) {
  static const std::vector<IpAddress> probes = Probes();
  for (const auto& f : std::filesystem::directory_iterator(dir)) {
    if (f.path().extension() != ".mmdb") continue;
    std::unique_ptr<MmdbDatabase> db;
    if (!MmdbDatabase::Open(f.path().string(), MmdbOpenOptions(), &db).ok()) continue;
    ++*compared;
    for (const IpAddress& a : probes) {
      bool want_found = false, got_found = false;
      MmdbDatabase::Entry want, got;
      Status ws = db->LookupByLibrary(a, &want_found, &want);
      Status gs = db->Lookup(a, &got_found, &got);
      ASSERT_EQ(ws.ok(), gs.ok()) << f.path() << " " << a.ToString();
      ASSERT_EQ(want_found, got_found) << f.path() << " " << a.ToString();
      if (want_found) {
        ASSERT_EQ(want.offset, got.offset) << f.path() << " " << a.ToString();
        ++*found_total;
      }
    }
  }
}

TEST(MmdbDatabaseTest, TreeWalkAgreesWithLibmaxminddb) {
  int compared = 0, found = 0;
  CompareWalks(std::string(RECPROC_SOURCE_DIR) + "/tests/data/maxmind", &compared, &found);
  if (HasFatalFailure()) return;
  EXPECT_GE(compared, 5);
  // The probes must reach data, or the comparison proves little.
  EXPECT_GT(found, 1000);
}

// Record sizes 28 and 32, IPv6 and mixed trees, a tree without an IPv4
// subtree: the rest of MaxMind-DB's test-data.
TEST(MmdbDatabaseConformanceTest, TreeWalkAgreesWithLibmaxminddbOnEveryTestDatabase) {
  std::string dir = std::string(RECPROC_SHARED_DIR) + "/corpus/maxmind-db/test-data";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "MaxMind test data not found at " << dir;
  int compared = 0, found = 0;
  CompareWalks(dir, &compared, &found);
  if (HasFatalFailure()) return;
  EXPECT_GE(compared, 30);
  EXPECT_GT(found, 10000);
}

TEST(MmdbDatabaseTest, UncheckedFilesUseTheLibrarySearch) {
  MmdbOpenOptions o;
  o.check_structure = false;
  std::unique_ptr<MmdbDatabase> db;
  ASSERT_TRUE(
      MmdbDatabase::Open(std::string(RECPROC_SOURCE_DIR) + "/tests/data/maxmind/MaxMind-DB-test-broken-search-tree-24.mmdb",
                         o, &db)
          .ok());
  // Every address gives the library's answer, errors included.
  for (const IpAddress& a : Probes()) {
    bool want_found = false, got_found = false;
    MmdbDatabase::Entry want, got;
    Status ws = db->LookupByLibrary(a, &want_found, &want);
    Status gs = db->Lookup(a, &got_found, &got);
    ASSERT_EQ(ws.ok(), gs.ok());
    ASSERT_EQ(want_found, got_found);
    if (want_found) {
      ASSERT_EQ(want.offset, got.offset);
    }
  }
}

}  // namespace
}  // namespace recproc
