#include "util/arena.h"

#include <gtest/gtest.h>

#include <string>

namespace recproc {
namespace {

TEST(ArenaTest, CopiesAreStableAcrossBlocks) {
  Arena arena(128);
  std::vector<std::string_view> views;
  for (int i = 0; i < 100; ++i) views.push_back(arena.Copy("value-" + std::to_string(i)));
  for (int i = 0; i < 100; ++i) EXPECT_EQ(views[i], "value-" + std::to_string(i));
}

TEST(ArenaTest, LargeRequestsGetTheirOwnBlockAndResetKeepsOne) {
  Arena arena(128);
  std::string_view small = arena.Copy("abc");
  std::string big(1000, 'x');
  std::string_view b = arena.Copy(big);
  std::string_view after = arena.Copy("def");
  EXPECT_EQ(small, "abc");
  EXPECT_EQ(b, big);
  EXPECT_EQ(after, "def");
  // The bump block continues after the big one.
  EXPECT_EQ(after.data(), small.data() + 3);
  arena.Reset();
  EXPECT_EQ(arena.bytes_used(), 0u);
  EXPECT_EQ(arena.Copy("ghi").data(), small.data());
}

}  // namespace
}  // namespace recproc
