#include "parse/cef_keys.h"

#include <gtest/gtest.h>

namespace recproc {
namespace {

TEST(CefKeysTest, DictionaryIsSortedAndUnique) {
  auto keys = CefKeyDictionary();
  ASSERT_GT(keys.size(), 80u);
  for (size_t i = 1; i < keys.size(); ++i) EXPECT_LT(keys[i - 1].short_name, keys[i].short_name) << i;
}

TEST(CefKeysTest, TranslatesShortKeys) {
  EXPECT_EQ(CefFullKeyName("src"), "sourceAddress");
  EXPECT_EQ(CefFullKeyName("dpt"), "destinationPort");
  EXPECT_EQ(CefFullKeyName("cs6Label"), "deviceCustomString6Label");
  EXPECT_EQ(CefFullKeyName("act"), "deviceAction");
  EXPECT_EQ(CefFullKeyName("rt"), "deviceReceiptTime");
  EXPECT_EQ(CefFullKeyName("TrendMicroDsTenant"), "");
  EXPECT_EQ(CefFullKeyName(""), "");
}

}  // namespace
}  // namespace recproc
