#include "record/uid.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace recproc {
namespace {

std::string Uid(std::string_view source, uint64_t offset, uint32_t index) {
  char out[36];
  MakeRecordUid(source, offset, index, out);
  return std::string(out, 36);
}

// The layout: 8-4-4-4-12 lower-case hex digits, version 8, variant 10xx.
TEST(UidTest, LayoutVersionAndVariant) {
  for (uint64_t offset : {0ULL, 1ULL, 330ULL, 1ULL << 40}) {
    for (uint32_t index : {0u, 1u, 7u}) {
      std::string u = Uid("/var/log/fw.log", offset, index);
      ASSERT_EQ(u.size(), 36u);
      for (size_t i = 0; i < u.size(); ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
          EXPECT_EQ(u[i], '-') << u;
        } else {
          EXPECT_TRUE((u[i] >= '0' && u[i] <= '9') || (u[i] >= 'a' && u[i] <= 'f')) << u;
        }
      }
      EXPECT_EQ(u[14], '8') << u;
      EXPECT_NE(std::string("89ab").find(u[19]), std::string::npos) << u;
    }
  }
}

// Uids are stable across releases (a re-run gives the same uids): these
// values are the first record of the bench corpus and its neighbours.
TEST(UidTest, StableValues) {
  EXPECT_EQ(Uid("/tmp/k200.log", 0, 0), "4687d901-03d4-84bd-9839-6f0ee32f3cd4");
  EXPECT_EQ(Uid("/tmp/k200.log", 0, 1), Uid("/tmp/k200.log", 0, 1));
  EXPECT_NE(Uid("/tmp/k200.log", 0, 1), Uid("/tmp/k200.log", 0, 0));
  EXPECT_NE(Uid("/tmp/k200.log", 330, 0), Uid("/tmp/k200.log", 0, 0));
  EXPECT_NE(Uid("-", 0, 0), Uid("/tmp/k200.log", 0, 0));
  // The two-step form gives the same text.
  char out[36];
  MakeRecordUid(RecordUidSeed("/tmp/k200.log"), 330, 2, out);
  EXPECT_EQ(std::string(out, 36), Uid("/tmp/k200.log", 330, 2));
}

TEST(UidTest, DistinctOverManyPositions) {
  std::set<std::string> seen;
  for (uint64_t offset = 0; offset < 2000; ++offset)
    for (uint32_t index = 0; index < 3; ++index) seen.insert(Uid("f", offset * 97, index));
  EXPECT_EQ(seen.size(), 6000u);
}

}  // namespace
}  // namespace recproc
