#include "util/key_set.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace recproc {
namespace {

TEST(KeySetTest, EmptySetHoldsNothing) {
  KeySet none;
  EXPECT_FALSE(none.Contains(""));
  EXPECT_FALSE(none.Contains("srcip"));
  KeySet from_empty(std::vector<std::string>{});
  EXPECT_FALSE(from_empty.Contains("srcip"));
}

// Against std::set over keys that share their ends (QuickKeyHash reads only
// the ends, so they collide) and differ in the middle, with repeats, and
// after the set is copied and moved.
TEST(KeySetTest, AgreesWithStdSet) {
  std::vector<std::string> keys;
  for (int i = 0; i < 300; i += 3) keys.push_back("src." + std::to_string(i) + ".ip");
  for (int i = 0; i < 40; ++i) keys.push_back(std::string(static_cast<size_t>(i), 'k'));
  keys.push_back("srcip");
  keys.push_back("srcip");  // a repeat
  keys.push_back("syslog.message");
  std::set<std::string> expected(keys.begin(), keys.end());
  KeySet built(keys);
  EXPECT_EQ(built.size(), expected.size());
  EXPECT_EQ(built.keys(), std::vector<std::string>(expected.begin(), expected.end()));
  KeySet copied = built;
  KeySet moved = std::move(built);
  std::vector<std::string> probes = {"", "srcip", "srcIp", "dstip", "syslog.message", "syslog.messagE"};
  for (int i = 0; i < 310; ++i) probes.push_back("src." + std::to_string(i) + ".ip");
  for (int i = 0; i < 45; ++i) probes.push_back(std::string(static_cast<size_t>(i), 'k'));
  for (const std::string& p : probes) {
    EXPECT_EQ(copied.Contains(p), expected.count(p) == 1) << p;
    EXPECT_EQ(moved.Contains(p), expected.count(p) == 1) << p;
  }
}

}  // namespace
}  // namespace recproc
