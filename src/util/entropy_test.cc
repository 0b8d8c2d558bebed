#include "util/entropy.h"

#include <gtest/gtest.h>

#include <cmath>

namespace recproc {
namespace {

TEST(EntropyTest, KnownValues) {
  EXPECT_EQ(ShannonEntropy(""), 0.0);
  EXPECT_EQ(ShannonEntropy("aaaa"), 0.0);
  EXPECT_DOUBLE_EQ(ShannonEntropy("ab"), 1.0);
  EXPECT_DOUBLE_EQ(ShannonEntropy("abcd"), 2.0);
  EXPECT_DOUBLE_EQ(ShannonEntropy("0123456789abcdef"), 4.0);
  // google.com: g2 o3 l1 e1 .1 c1 m1 over 10 chars.
  double expected = -(0.2 * std::log2(0.2) + 0.3 * std::log2(0.3) + 5 * 0.1 * std::log2(0.1));
  EXPECT_NEAR(ShannonEntropy("google.com"), expected, 1e-12);
  EXPECT_NEAR(ShannonEntropy("google.com"), 2.646439, 1e-6);
}

TEST(EntropyTest, RandomLookingNamesScoreHigh) {
  // A DGA-style label crosses the 4.1 rule threshold; a dictionary name does not.
  EXPECT_GT(ShannonEntropy("xj4kq9z2vbn7w8mt.info"), 4.1);
  EXPECT_LT(ShannonEntropy("www.example.com"), 4.1);
}

}  // namespace
}  // namespace recproc
