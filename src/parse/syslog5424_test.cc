#include "parse/syslog5424.h"

#include <gtest/gtest.h>

#include "parse/syslog_pri_testing.h"
#include "util/civil_time.h"

namespace recproc {
namespace {

int64_t Utc(int y, int mo, int d, int h, int mi, int s, int ms = 0) {
  return ((DaysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60000 + s * 1000 + ms;
}

class Syslog5424Test : public ::testing::Test {
 protected:
  Status Parse(std::string_view text, SyslogOptions options = {}) {
    // The message's parser name points into the parser: keep it alive.
    parser_ = MakeSyslog5424Parser(options);
    name_ = std::string(parser_->name());
    msg_.Clear();
    arena_.Reset();
    return parser_->Parse(text, ctx_, &msg_);
  }
  std::string Get(std::string_view key) {
    const Field* f = msg_.Find(key);
    return f ? std::string(f->value) : "<none>";
  }

  Arena arena_;
  ParseLimits limits_;
  ParseContext ctx_{&arena_, &limits_, 0};
  ParsedMessage msg_;
  std::string name_;
  std::unique_ptr<Parser> parser_;
};

TEST_F(Syslog5424Test, FullMessageWithStructuredData) {
  ASSERT_TRUE(Parse("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog 1234 ID47 "
                    "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\"][meta seq=\"7\"] An event")
                  .ok());
  EXPECT_EQ(Get("syslog.priority"), "165");
  EXPECT_EQ(Get("syslog.facility"), "20");
  EXPECT_EQ(Get("syslog.severity"), "5");
  EXPECT_EQ(Get("syslog.version"), "1");
  EXPECT_EQ(Get("syslog.timestamp"), "2003-10-11T22:14:15.003Z");
  EXPECT_EQ(Get("syslog.hostname"), "mymachine.example.com");
  EXPECT_EQ(Get("syslog.appname"), "evntslog");
  EXPECT_EQ(Get("syslog.procid"), "1234");
  EXPECT_EQ(Get("syslog.msgid"), "ID47");
  EXPECT_EQ(Get("syslog.sd.exampleSDID@32473.iut"), "3");
  EXPECT_EQ(Get("syslog.sd.exampleSDID@32473.eventSource"), "Application");
  EXPECT_EQ(Get("syslog.sd.meta.seq"), "7");
  EXPECT_EQ(Get("syslog.message"), "An event");
  EXPECT_EQ(msg_.time_ms, 1065910455003);
  EXPECT_EQ(msg_.zone_source, ZoneSource::kParsed);
  EXPECT_EQ(msg_.log_format, "Syslog");
  EXPECT_EQ(msg_.parser, "syslog5424");
}

TEST_F(Syslog5424Test, NilValuesAddNoFields) {
  ASSERT_TRUE(Parse("<0>1 - - - - - -").ok());
  ASSERT_EQ(msg_.fields.size(), 4u);
  EXPECT_EQ(Get("syslog.priority"), "0");
  EXPECT_EQ(Get("syslog.version"), "1");
  EXPECT_EQ(Get("syslog.timestamp"), "<none>");
  EXPECT_EQ(Get("syslog.message"), "<none>");
  EXPECT_EQ(msg_.time_ms, kNoTime);
  EXPECT_EQ(msg_.zone_source, ZoneSource::kNone);
}

TEST_F(Syslog5424Test, FractionsAndOffsets) {
  ASSERT_TRUE(Parse("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% Time").ok());
  EXPECT_EQ(msg_.time_ms, Utc(2003, 8, 24, 12, 14, 15));
  ASSERT_TRUE(Parse("<165>1 2003-08-24T05:14:15.999999+05:30 h a p m -").ok());
  EXPECT_EQ(msg_.time_ms, Utc(2003, 8, 23, 23, 44, 15, 999));
  ASSERT_TRUE(Parse("<165>1 2024-02-29T23:59:59Z h a p m -").ok());
  EXPECT_EQ(msg_.time_ms, Utc(2024, 2, 29, 23, 59, 59));
}

TEST_F(Syslog5424Test, StructuredDataEscapesAreUnescaped) {
  ASSERT_TRUE(Parse(R"(<29>1 - - - - - [a q="say \"hi\"" b="back\\slash" c="x\]y" d=""] m)").ok());
  EXPECT_EQ(Get("syslog.sd.a.q"), R"(say "hi")");
  EXPECT_EQ(Get("syslog.sd.a.b"), R"(back\slash)");
  EXPECT_EQ(Get("syslog.sd.a.c"), "x]y");
  EXPECT_EQ(Get("syslog.sd.a.d"), "");
  EXPECT_EQ(Get("syslog.message"), "m");
}

TEST_F(Syslog5424Test, ByteOrderMarkIsStripped) {
  ASSERT_TRUE(Parse("<1>1 - - - - - - \xEF\xBB\xBFhello").ok());
  EXPECT_EQ(Get("syslog.message"), "hello");
  ASSERT_TRUE(Parse("<1>1 - - - - - - \xEF\xBB\xBF").ok());
  EXPECT_EQ(Get("syslog.message"), "<none>");
}

TEST_F(Syslog5424Test, StrictErrorsNameColumnAndExpectation) {
  SyslogOptions strict;
  strict.strict = true;
  Status s = Parse("<1>1 - \nhostname - - - -", strict);
  EXPECT_EQ(
      s.message(),
      "syslog5424: expecting a hostname (from 1 to max 255 US-ASCII characters) or a nil value at column 8");
  s = Parse("<192>1 - - - - - -", strict);
  EXPECT_EQ(s.message(),
            "syslog5424: expecting a priority value in the range 1-191 or equal to 0 at column 4");
  s = Parse("<1>1 2003-09-31T22:14:16Z - - - - -", strict);
  EXPECT_EQ(s.message(), "syslog5424: day out of range in the timestamp at column 26");
  s = Parse("<1>1 2006-01-02t15:04:05Z - - - - -", strict);
  EXPECT_EQ(s.message(), "syslog5424: expecting a RFC3339MICRO timestamp or a nil value at column 16");
  s = Parse("<1>1 - - - - - [a x=\"]\"]", strict);
  EXPECT_NE(s.message().find("to be escaped within param value at column 22"), std::string::npos)
      << s.message();
  s = Parse("<1>1 - - - - - [a][a]", strict);
  EXPECT_EQ(s.message(), "syslog5424: duplicate structured data element id at column 21");
}

TEST_F(Syslog5424Test, PriAndVersionAreRequiredEvenWhenLenient) {
  EXPECT_FALSE(Parse("hello world").ok());
  EXPECT_FALSE(Parse("<13>Oct 11 22:14:15 host app: msg").ok());
  EXPECT_FALSE(Parse("<13>0 - - - - - -").ok());
}

TEST_F(Syslog5424Test, LenientAcceptsIso8601TimestampsAndNotesIt) {
  TimeZone berlin;
  ASSERT_TRUE(TimeZone::Lookup("Europe/Berlin", &berlin).ok());
  SyslogOptions options;
  options.default_zone = berlin;
  options.zone_configured = true;
  // Header fields end at a space, so a "date time" timestamp leaves its time
  // as the hostname: the date alone is read (local midnight).
  ASSERT_TRUE(Parse("<1>1 2024-07-01 12:00:00 host app - - text", options).ok());
  EXPECT_EQ(Get("syslog.hostname"), "12:00:00");
  EXPECT_EQ(msg_.time_ms, Utc(2024, 6, 30, 22, 0, 0));
  ASSERT_TRUE(Parse("<1>1 2024-07-01t12:00:00 host app - - - text", options).ok());
  EXPECT_EQ(msg_.time_ms, Utc(2024, 7, 1, 10, 0, 0));
  EXPECT_EQ(msg_.zone_source, ZoneSource::kConfigured);
  EXPECT_EQ(Get("syslog.timestamp"), "2024-07-01t12:00:00");
  EXPECT_EQ(Get("syslog.hostname"), "host");
  ASSERT_EQ(msg_.notes.size(), 1u);
  EXPECT_NE(msg_.notes[0].find("read as ISO 8601"), std::string_view::npos);
  ASSERT_TRUE(Parse("<1>1 yesterday host app - - - text").ok());
  EXPECT_EQ(msg_.time_ms, kNoTime);
  EXPECT_EQ(Get("syslog.timestamp"), "yesterday");
  EXPECT_EQ(Get("syslog.message"), "text");
}

TEST_F(Syslog5424Test, LenientRepairsStructuredData) {
  // Unescaped ']' and '"' that cannot end the value are kept.
  ASSERT_TRUE(Parse(R"(<1>1 - - - - - [a x="[1]" y="say "hi" now"] m)").ok());
  EXPECT_EQ(Get("syslog.sd.a.x"), "[1]");
  EXPECT_EQ(Get("syslog.sd.a.y"), R"(say "hi" now)");
  EXPECT_EQ(Get("syslog.message"), "m");
  // Unreadable structured data becomes the start of MSG, with notes.
  ASSERT_TRUE(Parse(R"(<1>1 - - - - - [a x=1] m)").ok());
  EXPECT_EQ(Get("syslog.sd.a.x"), "<none>");
  EXPECT_EQ(Get("syslog.message"), "[a x=1] m");
  ASSERT_EQ(msg_.notes.size(), 2u);
  EXPECT_EQ(msg_.notes[1], "structured data kept as MSG text at column 16");
  EXPECT_NE(msg_.notes[0].find("structured data parameter"), std::string_view::npos);
  EXPECT_NE(msg_.notes[0].find("at column 21"), std::string_view::npos) << msg_.notes[0];
  // Extra spaces between header fields.
  ASSERT_TRUE(Parse("<1>1 -  host  app - - - m").ok());
  EXPECT_EQ(Get("syslog.hostname"), "host");
  EXPECT_EQ(Get("syslog.appname"), "app");
}

// Limits fail the message even in lenient mode (which would otherwise keep
// broken structured data as MSG text).
TEST_F(Syslog5424Test, StructuredDataBeyondTheLimitsFails) {
  // The header alone makes 9 fields (PRI 3, VERSION, TIMESTAMP, 4 tokens).
  limits_.max_fields = 8;
  const std::string many = "<165>1 2003-10-11T22:14:15Z h a p m [x a=\"1\" b=\"2\" c=\"3\"] text";
  Status s = Parse(many);
  EXPECT_EQ(s.code(), Status::Code::kLimitExceeded) << s.message();
  EXPECT_EQ(s.message(), "syslog5424: more than 8 fields");
  limits_.max_fields = 100;
  EXPECT_TRUE(Parse(many).ok());
  EXPECT_EQ(Get("syslog.sd.x.c"), "3");
  limits_.max_value_bytes = 4;
  s = Parse("<165>1 2003-10-11T22:14:15Z h a p m [x a=\"12345\"] text");
  EXPECT_EQ(s.message(), "syslog5424: value of 'a' longer than 4 bytes");
}

TEST_F(Syslog5424Test, BodyParserFieldsAndHintsWin) {
  TestKvBodyParser kv;
  SyslogOptions options;
  options.body_parser = &kv;
  ASSERT_TRUE(Parse("<1>1 2024-01-01T00:00:00Z h a - - - user=bob act=login", options).ok());
  EXPECT_EQ(name_, "syslog5424+kv");
  EXPECT_EQ(msg_.parser, "syslog5424+kv");
  EXPECT_EQ(msg_.vendor, "Acme");
  EXPECT_EQ(msg_.log_format, "KV");
  EXPECT_EQ(Get("user"), "bob");
  EXPECT_EQ(Get("act"), "login");
  EXPECT_EQ(Get("syslog.message"), "user=bob act=login");
  EXPECT_EQ(msg_.time_ms, Utc(2024, 1, 1, 0, 0, 0));
  // The body's own event time wins over the header's.
  ASSERT_TRUE(Parse("<1>1 2024-01-01T00:00:00Z h a - - - time=1000", options).ok());
  EXPECT_EQ(msg_.time_ms, 1000);
}

TEST_F(Syslog5424Test, BodyParserFailureKeepsHeaderAndAddsNote) {
  TestKvBodyParser kv;
  SyslogOptions options;
  options.body_parser = &kv;
  ASSERT_TRUE(Parse("<1>1 2024-01-01T00:00:00Z h a - - - a=1 not-a-pair", options).ok());
  EXPECT_EQ(Get("a"), "<none>");
  EXPECT_EQ(Get("syslog.hostname"), "h");
  EXPECT_EQ(Get("syslog.message"), "a=1 not-a-pair");
  EXPECT_EQ(msg_.vendor, "");
  EXPECT_EQ(msg_.log_format, "Syslog");
  EXPECT_EQ(msg_.time_ms, Utc(2024, 1, 1, 0, 0, 0));
  ASSERT_EQ(msg_.notes.size(), 1u);
  EXPECT_EQ(msg_.notes[0], "syslog body kept as text: kv: kv: expecting key=value");
}

}  // namespace
}  // namespace recproc
