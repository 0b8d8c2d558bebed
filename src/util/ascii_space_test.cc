#include "util/ascii_space.h"

#include <gtest/gtest.h>

#include <cctype>

namespace recproc {
namespace {

// The same set as the C locale's isspace, for every byte value.
TEST(AsciiSpaceTest, MatchesCLocaleIsspace) {
  for (int c = 0; c < 256; ++c)
    EXPECT_EQ(IsAsciiSpace(static_cast<char>(c)), std::isspace(c) != 0) << c;
}

TEST(AsciiSpaceTest, TrimsBothEndsOnly) {
  EXPECT_EQ(TrimAsciiSpace(" \t\r\n a b \v\f"), "a b");
  EXPECT_EQ(TrimAsciiSpace("x"), "x");
  EXPECT_EQ(TrimAsciiSpace(" \r\n"), "");
  EXPECT_EQ(TrimAsciiSpace(""), "");
  EXPECT_EQ(TrimAsciiSpace("\xC2\xA0x\xC2\xA0"), "\xC2\xA0x\xC2\xA0");  // UTF-8 NBSP is not ASCII space
}

}  // namespace
}  // namespace recproc
