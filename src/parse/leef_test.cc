#include "parse/leef.h"

#include <gtest/gtest.h>

#include <string>

#include "parse/parser_test_fixture.h"

namespace recproc {
namespace {

class LeefTest : public ParserFixture<LeefOptions, MakeLeefParser> {};

TEST_F(LeefTest, Version1TabDelimited) {
  ASSERT_TRUE(Run({},
                  "LEEF:1.0|Microsoft|MSExchange|4.0 SP1|15345|src=192.0.2.0\tdst=172.50.123.1\t"
                  "devTime=Jan 18 2024 10:00:00\tdevTimeFormat=MMM dd yyyy HH:mm:ss\tmsg=a=b c")
                  .ok());
  EXPECT_EQ(Get("leef.version"), "1.0");
  EXPECT_EQ(Get("leef.vendor"), "Microsoft");
  EXPECT_EQ(Get("leef.product"), "MSExchange");
  EXPECT_EQ(Get("leef.productVersion"), "4.0 SP1");
  EXPECT_EQ(Get("leef.eventId"), "15345");
  EXPECT_EQ(Get("src"), "192.0.2.0");
  EXPECT_EQ(Get("devTime"), "Jan 18 2024 10:00:00");
  EXPECT_EQ(Get("devTimeFormat"), "MMM dd yyyy HH:mm:ss");
  EXPECT_EQ(Get("msg"), "a=b c");
  EXPECT_EQ(msg.vendor, "Microsoft");
  EXPECT_EQ(msg.product, "MSExchange");
  EXPECT_EQ(msg.event_id, "15345");
  EXPECT_EQ(msg.log_format, "LEEF");
  EXPECT_EQ(msg.time_ms, 1705572000000);  // 2024-01-18T10:00:00Z: no zone, UTC
  EXPECT_EQ(msg.zone_source, ZoneSource::kDefault);
}

TEST_F(LeefTest, DevTimeWithTheDefaultFormats) {
  ASSERT_TRUE(Run({}, "LEEF:1.0|V|P|1|41|devTime=Jan 18 2024 10:00:00.250 EST\tsrc=10.0.0.1").ok());
  EXPECT_EQ(msg.time_ms, 1705590000250);  // 15:00:00.250Z
  EXPECT_EQ(msg.zone_source, ZoneSource::kParsed);
  // New Year: 23:30 EST on Dec 31 is 2024 in UTC.
  ASSERT_TRUE(Run({}, "LEEF:1.0|V|P|1|41|devTime=Dec 31 2023 23:30:00 EST").ok());
  EXPECT_EQ(msg.time_ms, 1704083400000);
}

TEST_F(LeefTest, DevTimeWithItsOwnFormat) {
  ASSERT_TRUE(Run({},
                  "LEEF:2.0|V|P|1|41|^|devTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSZ^"
                  "devTime=2024-01-18T10:00:00.250-0500")
                  .ok());
  EXPECT_EQ(msg.time_ms, 1705590000250);
  // The same format again (kept compiled), then another one.
  ASSERT_TRUE(Run({},
                  "LEEF:2.0|V|P|1|41|^|devTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSZ^"
                  "devTime=2024-01-18T10:00:01.000-0500")
                  .ok());
  EXPECT_EQ(msg.time_ms, 1705590001000);
  ASSERT_TRUE(
      Run({}, "LEEF:2.0|V|P|1|41|^|devTime=18/01/2024 15:00:02^devTimeFormat=dd/MM/yyyy HH:mm:ss").ok());
  EXPECT_EQ(msg.time_ms, 1705590002000);
}

TEST_F(LeefTest, UnreadableDevTimeLeavesTheTimeUnsetWithANote) {
  ASSERT_TRUE(Run({}, "LEEF:1.0|V|P|1|41|devTime=yesterday").ok());
  EXPECT_EQ(msg.time_ms, kNoTime);
  ASSERT_EQ(msg.notes.size(), 1u);
  EXPECT_EQ(msg.notes[0], "leef: devTime does not match its format; not read");
  ASSERT_TRUE(Run({}, "LEEF:1.0|V|P|1|41|devTime=2024-01-18\tdevTimeFormat=yyyy-MM-ddQ").ok());
  EXPECT_EQ(msg.time_ms, kNoTime);
  ASSERT_EQ(msg.notes.size(), 1u);
  EXPECT_EQ(msg.notes[0], "leef: devTimeFormat is not a time pattern; devTime not read");
}

TEST_F(LeefTest, Version2DelimiterForms) {
  ASSERT_TRUE(Run({}, "LEEF:2.0|Lancope|StealthWatch|1.0|41|^|src=10.0.1.8^dst=10.0.0.5^sev=5").ok());
  EXPECT_EQ(Get("leef.delimiter"), "^");
  EXPECT_EQ(Get("dst"), "10.0.0.5");
  EXPECT_EQ(Get("sev"), "5");
  ASSERT_TRUE(Run({}, "LEEF:2.0|V|P|1|41|0x7c|a=1|b=2").ok());
  EXPECT_EQ(Get("a"), "1");
  EXPECT_EQ(Get("b"), "2");
  ASSERT_TRUE(Run({}, "LEEF:2.0|V|P|1|41|x09|a=1\tb=x y").ok());
  EXPECT_EQ(Get("b"), "x y");
}

TEST_F(LeefTest, Version2WithoutDelimiterFieldUsesTab) {
  ASSERT_TRUE(Run({},
                  "LEEF:2.0|Trend Micro|Deep Security Agent|<DSA version>|4000030|cat=Anti-Malware\t"
                  "filePath=C:\\\\Windows\\\\virus.exe\turl=http://a|b")
                  .ok());
  EXPECT_EQ(msg.Find("leef.delimiter"), nullptr);
  EXPECT_EQ(Get("cat"), "Anti-Malware");
  EXPECT_EQ(Get("filePath"), "C:\\\\Windows\\\\virus.exe");
  EXPECT_EQ(Get("url"), "http://a|b");
}

TEST_F(LeefTest, StrictAndLenient) {
  LeefOptions strict;
  strict.strict = true;
  EXPECT_FALSE(Run(strict, "LEEF:1.0|V|P|1|id|a=1\tjunk").ok());
  EXPECT_FALSE(Run(strict, "<13>host LEEF:1.0|V|P|1|id|a=1").ok());
  EXPECT_FALSE(Run(strict, "LEEF:3.0|V|P|1|id|a=1").ok());
  ASSERT_TRUE(Run({}, "<13>host LEEF:1.0|V|P|1|id|a=1\tjunk\tb=2").ok());
  EXPECT_EQ(Get("b"), "2");
  EXPECT_EQ(msg.notes.size(), 2u);
  Status s = Run({}, "LEEF:1.0|V|P");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("after product at"), std::string::npos) << s.message();
}

TEST_F(LeefTest, FieldLimit) {
  limits.max_fields = 6;
  EXPECT_EQ(Run({}, "LEEF:1.0|V|P|1|id|a=1\tb=2").code(), Status::Code::kLimitExceeded);
}

TEST(LooksLikeLeefTest, PrefixShape) {
  EXPECT_TRUE(LooksLikeLeef("LEEF:1.0|a"));
  EXPECT_TRUE(LooksLikeLeef("<13>Jan 1 host LEEF:2.0|a"));
  EXPECT_FALSE(LooksLikeLeef("CEF:0|a"));
}

}  // namespace
}  // namespace recproc
