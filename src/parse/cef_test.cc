#include "parse/cef.h"

#include <gtest/gtest.h>

#include <string>

#include "parse/parser_test_fixture.h"

namespace recproc {
namespace {

class CefTest : public ParserFixture<CefOptions, MakeCefParser> {};

TEST_F(CefTest, HeaderFieldsAndHints) {
  ASSERT_TRUE(Run({}, "CEF:0|Palo Alto|PAN-OS|9.1|TRAFFIC|end|3|src=10.0.0.1 dst=10.0.0.2 act=allow").ok());
  EXPECT_EQ(Get("cef.version"), "0");
  EXPECT_EQ(Get("cef.deviceVendor"), "Palo Alto");
  EXPECT_EQ(Get("cef.deviceProduct"), "PAN-OS");
  EXPECT_EQ(Get("cef.deviceVersion"), "9.1");
  EXPECT_EQ(Get("cef.signatureId"), "TRAFFIC");
  EXPECT_EQ(Get("cef.name"), "end");
  EXPECT_EQ(Get("cef.severity"), "3");
  EXPECT_EQ(Get("src"), "10.0.0.1");
  EXPECT_EQ(Get("act"), "allow");
  EXPECT_EQ(msg.vendor, "Palo Alto");
  EXPECT_EQ(msg.product, "PAN-OS");
  EXPECT_EQ(msg.event_id, "TRAFFIC");
  EXPECT_EQ(msg.log_format, "CEF");
}

TEST_F(CefTest, HeaderEscapes) {
  ASSERT_TRUE(Run({}, R"(CEF:0|Ven\|dor|Prod\\uct|1|id|n|5|)").ok());
  EXPECT_EQ(Get("cef.deviceVendor"), "Ven|dor");
  EXPECT_EQ(Get("cef.deviceProduct"), R"(Prod\uct)");
}

TEST_F(CefTest, ValuesWithSpacesAndEscapes) {
  ASSERT_TRUE(Run({}, R"(CEF:0|V|P|1|id|n|5|msg=a b\=c d\\e\nf rt=Jan 01 2024 10:00:00 cs6=x | y | z)").ok());
  EXPECT_EQ(Get("msg"), "a b=c d\\e\nf");
  EXPECT_EQ(Get("rt"), "Jan 01 2024 10:00:00");
  EXPECT_EQ(Get("cs6"), "x | y | z");
}

TEST_F(CefTest, CustomLabelsCollapseAndRawPairsStay) {
  ASSERT_TRUE(
      Run({}, "CEF:0|V|P|1|id|n|5|cs1=profile1 cs1Label=Policy Name cn2Label=Size cn2=205 flexString1=x")
          .ok());
  EXPECT_EQ(Get("cs1"), "profile1");
  EXPECT_EQ(Get("cs1Label"), "Policy Name");
  EXPECT_EQ(Get("Policy Name"), "profile1");
  EXPECT_EQ(Get("Size"), "205");
  EXPECT_EQ(msg.Find("flexString1Label"), nullptr);
  CefOptions no_collapse;
  no_collapse.collapse_custom_labels = false;
  ASSERT_TRUE(Run(no_collapse, "CEF:0|V|P|1|id|n|5|cs1=a cs1Label=L").ok());
  EXPECT_EQ(msg.Find("L"), nullptr);
}

TEST_F(CefTest, LenientSkipsSyslogPrefixAndKeepsOddKeys) {
  ASSERT_TRUE(
      Run({}, "<13>Jan  1 00:00:00 host CEF:0|V|P|1|id|n|5|ad.field[0]=x ad.Error_,Code=3 a=1=2").ok());
  EXPECT_EQ(Get("ad.field[0]"), "x");
  EXPECT_EQ(Get("ad.Error_,Code"), "3");
  EXPECT_EQ(Get("a"), "1=2");
  EXPECT_FALSE(msg.notes.empty());
}

TEST_F(CefTest, StrictRejectsWithColumn) {
  CefOptions strict;
  strict.strict = true;
  Status s = Run(strict, "CEF:0|V|P|1|id|n|5| n,me=value");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("byte 21"), std::string::npos) << s.message();
  EXPECT_FALSE(Run(strict, R"(CEF:0|V|P|1|id|n|5| name=v\alue)").ok());
  EXPECT_FALSE(Run(strict, R"(CEF:0|V\endor|P|1|id|n|5|)").ok());
  EXPECT_FALSE(Run(strict, "CEF:0|V|P|1|id|n|5|   ").ok());
  EXPECT_FALSE(Run(strict, "x CEF:0|V|P|1|id|n|5|").ok());
  EXPECT_FALSE(Run(strict, "CEF:7|V|P|1|id|n|5|").ok());
  EXPECT_TRUE(Run(strict, "CEF:0|V|P|1|id|n|5| a=b").ok());
  EXPECT_TRUE(Run(strict, "CEF:1|V|P|1|id|n|5|a=b").ok());
}

TEST_F(CefTest, TruncatedHeaderFailsInBothModes) {
  Status s = Run({}, "CEF:0|Vendor");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("after deviceVendor"), std::string::npos) << s.message();
  EXPECT_FALSE(Run({}, "").ok());
}

TEST_F(CefTest, FieldLimit) {
  limits.max_fields = 8;
  EXPECT_EQ(Run({}, "CEF:0|V|P|1|id|n|5|a=1 b=2").code(), Status::Code::kLimitExceeded);
}

TEST(LooksLikeCefTest, PrefixShape) {
  EXPECT_TRUE(LooksLikeCef("CEF:0|a|b"));
  EXPECT_TRUE(LooksLikeCef("<134>Feb 1 host CEF:1|a"));
  EXPECT_FALSE(LooksLikeCef("CEF:x|a"));
  EXPECT_FALSE(LooksLikeCef("LEEF:1.0|a"));
}

}  // namespace
}  // namespace recproc
