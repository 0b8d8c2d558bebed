#include "parse/kv.h"

#include <gtest/gtest.h>

#include <string>

#include "parse/parser_test_fixture.h"

namespace recproc {
namespace {

class KvTest : public ParserFixture<KvOptions, MakeKvParser> {};

TEST_F(KvTest, FortiGateQuotedAndUnquoted) {
  ASSERT_TRUE(Run({},
                  "date=2019-05-10 time=11:37:47 devname=\"FGT 60E\" devid=FGT60E logid=\"0000000013\" "
                  "srcip=10.0.0.5 srcport=5353 action=accept msg='a b'")
                  .ok());
  EXPECT_EQ(Get("date"), "2019-05-10");
  EXPECT_EQ(Get("time"), "11:37:47");
  EXPECT_EQ(Get("devname"), "FGT 60E");
  EXPECT_EQ(Get("logid"), "0000000013");
  EXPECT_EQ(Get("action"), "accept");
  EXPECT_EQ(Get("msg"), "a b");
  EXPECT_EQ(msg.log_format, "KV");
  EXPECT_EQ(msg.parser, "kv");
}

TEST_F(KvTest, BackslashEscapesInQuotesOnly) {
  ASSERT_TRUE(Run({}, R"(a="x\"y\\" b='it\'s' c="C:\Windows" d=C:\x)").ok());
  EXPECT_EQ(Get("a"), R"(x"y\)");
  EXPECT_EQ(Get("b"), "it's");
  EXPECT_EQ(Get("c"), R"(C:\Windows)");
  EXPECT_EQ(Get("d"), R"(C:\x)");
}

TEST_F(KvTest, RepeatedKeysKeptInOrder) {
  ASSERT_TRUE(Run({}, "LEN=32 TTL=64 LEN=12").ok());
  ASSERT_EQ(msg.fields.size(), 3u);
  EXPECT_EQ(msg.fields[0].value, "32");
  EXPECT_EQ(msg.fields[2].key, "LEN");
  EXPECT_EQ(msg.fields[2].value, "12");
}

TEST_F(KvTest, LenientStrayWordsContinueTheUnquotedValue) {
  ASSERT_TRUE(Run({}, "msg=disk is full  user=root").ok());
  EXPECT_EQ(Get("msg"), "disk is full");
  EXPECT_EQ(Get("user"), "root");
  KvOptions strict;
  strict.strict = true;
  Status s = Run(strict, "msg=disk is full user=root");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("byte 10"), std::string::npos) << s.message();
}

TEST_F(KvTest, IptablesBareKeysAndStrictSeparators) {
  KvOptions o;
  o.allow_bare_keys = true;
  o.uppercase_keys = true;
  o.strict = true;
  ASSERT_TRUE(Run(o, "IN= OUT=eth0 SRC=176.9.56.141 DF PROTO=UDP").ok());
  EXPECT_EQ(Get("IN"), "");
  EXPECT_EQ(msg.Find("IN")->kind, ValueKind::kString);
  EXPECT_EQ(msg.Find("DF")->kind, ValueKind::kNull);
  EXPECT_EQ(Get("PROTO"), "UDP");
  EXPECT_FALSE(Run(o, "in=value").ok());
  EXPECT_FALSE(Run(o, "IN=a  OUT=b").ok());
  EXPECT_FALSE(Run(o, "IN").ok());
}

TEST_F(KvTest, CheckPointLeaLayout) {
  KvOptions o;
  o.pair_separator = ';';
  o.kv_separator = ':';
  o.trim_whitespace = true;
  ASSERT_TRUE(Run(o, "tcp_flags: RST-ACK; src: 192.168.0.1; service_id: http ;").ok());
  EXPECT_EQ(Get("tcp_flags"), "RST-ACK");
  EXPECT_EQ(Get("src"), "192.168.0.1");
  EXPECT_EQ(Get("service_id"), "http");
}

TEST_F(KvTest, StrictRejectsUnterminatedQuoteAndTrailingJunk) {
  KvOptions o;
  o.strict = true;
  EXPECT_FALSE(Run(o, "a=\"open").ok());
  EXPECT_FALSE(Run(o, "a=\"x\"y b=1").ok());
  EXPECT_FALSE(Run(o, "noname a=1").ok());
  EXPECT_TRUE(Run(o, "a= b=\"\" ").ok());
  EXPECT_EQ(Get("a"), "");
  EXPECT_EQ(Get("b"), "");
}

TEST_F(KvTest, NoPairsFails) {
  EXPECT_FALSE(Run({}, "").ok());
  EXPECT_FALSE(Run({}, "just words").ok());
}

TEST_F(KvTest, LimitsAreEnforced) {
  limits.max_fields = 2;
  Status s = Run({}, "a=1 b=2 c=3");
  EXPECT_EQ(s.code(), Status::Code::kLimitExceeded);
  limits.max_fields = 100;
  limits.max_value_bytes = 3;
  EXPECT_EQ(Run({}, "a=1234").code(), Status::Code::kLimitExceeded);
  EXPECT_EQ(Run({}, "a=1 2 3").code(), Status::Code::kLimitExceeded);  // grown by stray words
}

TEST(LooksLikeKvTest, FirstTokenShape) {
  EXPECT_TRUE(LooksLikeKv("date=2019-05-10 time=1"));
  EXPECT_FALSE(LooksLikeKv("CEF:0|a|b"));
  EXPECT_FALSE(LooksLikeKv("hello world=1"));
  EXPECT_FALSE(LooksLikeKv("=x"));
}

}  // namespace
}  // namespace recproc
