#include "parse/syslog_pri.h"

#include <gtest/gtest.h>

#include <string>

#include "parse/syslog_pri_testing.h"

namespace recproc {
namespace {

struct PriResult {
  bool ok;
  int pri;
  size_t consumed;
  size_t error_pos;
};

PriResult Pri(std::string_view text, bool strict) {
  PriResult r{false, -1, 0, 0};
  r.ok = ParseSyslogPri(text, strict, &r.pri, &r.consumed, &r.error_pos);
  return r;
}

TEST(SyslogPriTest, AcceptsZeroToOneNinetyOne) {
  for (std::string_view text : {"<0>", "<7>", "<13>", "<99>", "<191>"}) {
    PriResult r = Pri(text, true);
    EXPECT_TRUE(r.ok) << text;
    EXPECT_EQ(r.consumed, text.size()) << text;
  }
  EXPECT_EQ(Pri("<191>x", true).pri, 191);
}

TEST(SyslogPriTest, ErrorPositionIsTheFirstImpossibleByte) {
  EXPECT_EQ(Pri("", true).error_pos, 0u);
  EXPECT_EQ(Pri("13>", true).error_pos, 0u);
  EXPECT_EQ(Pri("<>", true).error_pos, 1u);
  EXPECT_EQ(Pri("<192>", true).error_pos, 3u);
  EXPECT_EQ(Pri("<1900>", true).error_pos, 4u);
  EXPECT_EQ(Pri("<13", true).error_pos, 3u);
  EXPECT_FALSE(Pri("<192>", false).ok);
}

TEST(SyslogPriTest, LeadingZerosOnlyWhenLenient) {
  PriResult strict = Pri("<013>", true);
  EXPECT_FALSE(strict.ok);
  EXPECT_EQ(strict.error_pos, 2u);
  PriResult lenient = Pri("<013>", false);
  ASSERT_TRUE(lenient.ok);
  EXPECT_EQ(lenient.pri, 13);
  EXPECT_EQ(lenient.consumed, 5u);
}

TEST(SyslogPriTest, PriFieldsSplitFacilityAndSeverity) {
  ParsedMessage msg;
  AddPriFields(165, &msg);
  ASSERT_EQ(msg.fields.size(), 3u);
  EXPECT_EQ(msg.Find("syslog.priority")->value, "165");
  EXPECT_EQ(msg.Find("syslog.facility")->value, "20");
  EXPECT_EQ(msg.Find("syslog.severity")->value, "5");
  EXPECT_EQ(msg.Find("syslog.severity")->kind, ValueKind::kNumber);
  EXPECT_EQ(SmallNumberText(0), "0");
  EXPECT_EQ(SmallNumberText(999), "999");
}

TEST(SyslogPriTest, SmallNumberTextMatchesDecimalFormatting) {
  // The table is built at compile time; every entry against the library's formatting.
  for (int n = 0; n <= 999; ++n) ASSERT_EQ(SmallNumberText(n), std::to_string(n)) << n;
}

TEST(SyslogPriTest, ParserNameJoinsTheBodyParser) {
  TestKvBodyParser kv;
  EXPECT_EQ(SyslogParserName("syslog3164", nullptr), "syslog3164");
  EXPECT_EQ(SyslogParserName("syslog3164", &kv), "syslog3164+kv");
}

}  // namespace
}  // namespace recproc
