#include "parse/syslog3164.h"

#include <gtest/gtest.h>

#include "parse/regex_parser.h"
#include "parse/syslog5424.h"
#include "parse/syslog_pri_testing.h"
#include "util/civil_time.h"

namespace recproc {
namespace {

int64_t Utc(int y, int mo, int d, int h, int mi, int s, int ms = 0) {
  return ((DaysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60000 + s * 1000 + ms;
}

class Syslog3164Test : public ::testing::Test {
 protected:
  Status Parse(std::string_view text, SyslogOptions options = {}) {
    // The message's parser name points into the parser: keep it alive.
    parser_ = MakeSyslog3164Parser(options);
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
  // now = 2024-06-15T12:00:00Z unless a test changes it.
  ParseContext ctx_{&arena_, &limits_, Utc(2024, 6, 15, 12, 0, 0)};
  ParsedMessage msg_;
  std::string name_;
  std::unique_ptr<Parser> parser_;
};

TEST_F(Syslog3164Test, RfcExampleWithPid) {
  ASSERT_TRUE(Parse("<34>Oct 11 22:14:15 mymachine su[230]: 'su root' failed for lonvick").ok());
  EXPECT_EQ(Get("syslog.priority"), "34");
  EXPECT_EQ(Get("syslog.facility"), "4");
  EXPECT_EQ(Get("syslog.severity"), "2");
  EXPECT_EQ(Get("syslog.timestamp"), "Oct 11 22:14:15");
  EXPECT_EQ(Get("syslog.hostname"), "mymachine");
  EXPECT_EQ(Get("syslog.appname"), "su");
  EXPECT_EQ(Get("syslog.procid"), "230");
  EXPECT_EQ(Get("syslog.message"), "'su root' failed for lonvick");
  // Oct 11 is four months after now: last year.
  EXPECT_EQ(msg_.time_ms, Utc(2023, 10, 11, 22, 14, 15));
  EXPECT_EQ(msg_.zone_source, ZoneSource::kDefault);
  EXPECT_EQ(msg_.parser, "syslog3164");
  EXPECT_EQ(msg_.log_format, "Syslog");
}

TEST_F(Syslog3164Test, WithoutPri) {
  ASSERT_TRUE(Parse("Jun 15 11:00:00 web1 nginx: started").ok());
  EXPECT_EQ(Get("syslog.priority"), "<none>");
  EXPECT_EQ(Get("syslog.hostname"), "web1");
  EXPECT_EQ(Get("syslog.appname"), "nginx");
  EXPECT_EQ(Get("syslog.message"), "started");
  EXPECT_EQ(msg_.time_ms, Utc(2024, 6, 15, 11, 0, 0));
}

TEST_F(Syslog3164Test, WithoutHostnameWhenTheTokenIsATag) {
  ASSERT_TRUE(Parse("<13>Jun 15 11:00:00 sshd[42]: Accepted publickey").ok());
  EXPECT_EQ(Get("syslog.hostname"), "<none>");
  EXPECT_EQ(Get("syslog.appname"), "sshd");
  EXPECT_EQ(Get("syslog.procid"), "42");
  EXPECT_EQ(Get("syslog.message"), "Accepted publickey");
  ASSERT_TRUE(Parse("<13>Jun 15 11:00:00 su: session opened").ok());
  EXPECT_EQ(Get("syslog.hostname"), "<none>");
  EXPECT_EQ(Get("syslog.appname"), "su");
  EXPECT_EQ(Get("syslog.message"), "session opened");
}

TEST_F(Syslog3164Test, HostnameWithoutTag) {
  ASSERT_TRUE(Parse("<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!").ok());
  EXPECT_EQ(Get("syslog.hostname"), "10.0.0.99");
  EXPECT_EQ(Get("syslog.appname"), "<none>");
  EXPECT_EQ(Get("syslog.message"), "Use the BFG!");
  // A lone token after the timestamp is the message, not a host.
  ASSERT_TRUE(Parse("<13>Feb  5 17:32:18 rebooting").ok());
  EXPECT_EQ(Get("syslog.hostname"), "<none>");
  EXPECT_EQ(Get("syslog.message"), "rebooting");
}

TEST_F(Syslog3164Test, CiscoMnemonicAndUrlsAreNotTags) {
  ASSERT_TRUE(Parse("<166>Jan  5 08:52:35 10.22.8.216 %ASA-6-302014: Teardown TCP").ok());
  EXPECT_EQ(Get("syslog.appname"), "<none>");
  EXPECT_EQ(Get("syslog.message"), "%ASA-6-302014: Teardown TCP");
  ASSERT_TRUE(Parse("<14>Jan  5 08:52:35 host http://example.com/ was fetched").ok());
  EXPECT_EQ(Get("syslog.appname"), "<none>");
  EXPECT_EQ(Get("syslog.message"), "http://example.com/ was fetched");
  ASSERT_TRUE(Parse("<14>Jan  5 08:52:35 host kernel: [ 12.5] eth0 up").ok());
  EXPECT_EQ(Get("syslog.appname"), "kernel");
  EXPECT_EQ(Get("syslog.message"), "[ 12.5] eth0 up");
  ASSERT_TRUE(Parse("<14>Jan  5 08:52:35 host postfix/smtpd[901]:").ok());
  EXPECT_EQ(Get("syslog.appname"), "postfix/smtpd");
  EXPECT_EQ(Get("syslog.procid"), "901");
  EXPECT_EQ(Get("syslog.message"), "");
}

TEST_F(Syslog3164Test, SingleDigitDayPaddedOrNot) {
  ASSERT_TRUE(Parse("<13>Jun  1 10:00:00 h app: x").ok());
  EXPECT_EQ(Get("syslog.timestamp"), "Jun  1 10:00:00");
  EXPECT_EQ(msg_.time_ms, Utc(2024, 6, 1, 10, 0, 0));
  ASSERT_TRUE(Parse("<13>Jun 1 10:00:00 h app: x").ok());
  EXPECT_EQ(msg_.time_ms, Utc(2024, 6, 1, 10, 0, 0));
  ASSERT_TRUE(Parse("<13>JUN 01 10:00:00 h app: x").ok());
  EXPECT_EQ(msg_.time_ms, Utc(2024, 6, 1, 10, 0, 0));
}

TEST_F(Syslog3164Test, IsoTimestamps) {
  ASSERT_TRUE(Parse("<13>2024-01-05T08:52:35.123+01:00 host app[1]: x").ok());
  EXPECT_EQ(Get("syslog.timestamp"), "2024-01-05T08:52:35.123+01:00");
  EXPECT_EQ(Get("syslog.hostname"), "host");
  EXPECT_EQ(msg_.time_ms, Utc(2024, 1, 5, 7, 52, 35, 123));
  EXPECT_EQ(msg_.zone_source, ZoneSource::kParsed);
  TimeZone berlin;
  ASSERT_TRUE(TimeZone::Lookup("Europe/Berlin", &berlin).ok());
  SyslogOptions options;
  options.default_zone = berlin;
  options.zone_configured = true;
  ASSERT_TRUE(Parse("<13>2024-01-05T08:52:35 host app: x", options).ok());
  EXPECT_EQ(msg_.time_ms, Utc(2024, 1, 5, 7, 52, 35));
  EXPECT_EQ(msg_.zone_source, ZoneSource::kConfigured);
}

TEST_F(Syslog3164Test, DefaultZoneAppliesToBsdTimestamps) {
  TimeZone ny;
  ASSERT_TRUE(TimeZone::Lookup("America/New_York", &ny).ok());
  SyslogOptions options;
  options.default_zone = ny;
  ASSERT_TRUE(Parse("<13>Jun 15 07:00:00 h app: x", options).ok());
  EXPECT_EQ(msg_.time_ms, Utc(2024, 6, 15, 11, 0, 0));
  EXPECT_EQ(msg_.zone_source, ZoneSource::kDefault);
}

TEST_F(Syslog3164Test, CiscoTimestampVariants) {
  ASSERT_TRUE(Parse("<189>*Mar  1 18:48:50.483: %SYS-5-CONFIG_I: Configured from console").ok());
  EXPECT_EQ(Get("syslog.timestamp"), "Mar  1 18:48:50.483");
  EXPECT_EQ(Get("syslog.hostname"), "<none>");
  EXPECT_EQ(Get("syslog.message"), "%SYS-5-CONFIG_I: Configured from console");
  EXPECT_EQ(msg_.time_ms, Utc(2024, 3, 1, 18, 48, 50, 483));
  ASSERT_TRUE(Parse("<189>Mar 01 2019 18:48:50 fw1 %ASA-5-111008: User 'enable_15' executed").ok());
  EXPECT_EQ(msg_.time_ms, Utc(2019, 3, 1, 18, 48, 50));
  EXPECT_EQ(Get("syslog.hostname"), "fw1");
}

TEST_F(Syslog3164Test, CiscoZoneAbbreviationAndDeviceId) {
  ASSERT_TRUE(Parse("May  3 2019 10:00:00 EDT: %ASA-5-111008: User executed").ok());
  EXPECT_EQ(Get("syslog.timestamp"), "May  3 2019 10:00:00 EDT");
  EXPECT_EQ(msg_.time_ms, Utc(2019, 5, 3, 14, 0, 0));
  EXPECT_EQ(msg_.zone_source, ZoneSource::kParsed);
  EXPECT_EQ(Get("syslog.hostname"), "<none>");
  EXPECT_EQ(Get("syslog.appname"), "<none>");
  EXPECT_EQ(Get("syslog.message"), "%ASA-5-111008: User executed");
  ASSERT_TRUE(Parse("<13>Jun 15 10:00:00 CEST fw2 app: x").ok());
  EXPECT_EQ(msg_.time_ms, Utc(2024, 6, 15, 8, 0, 0));
  EXPECT_EQ(Get("syslog.hostname"), "fw2");
  ASSERT_TRUE(Parse("May  3 2019 10:00:00 EDGE-FW : %ASA-6-106100: access-list permitted").ok());
  EXPECT_EQ(Get("syslog.hostname"), "EDGE-FW");
  EXPECT_EQ(Get("syslog.message"), "%ASA-6-106100: access-list permitted");
  EXPECT_EQ(msg_.zone_source, ZoneSource::kDefault);
  // An upper-case host that is not a zone abbreviation stays the host.
  ASSERT_TRUE(Parse("<13>Jun 15 10:00:00 FW app: x").ok());
  EXPECT_EQ(Get("syslog.hostname"), "FW");
}

TEST_F(Syslog3164Test, RelayPrefixes) {
  ASSERT_TRUE(Parse("<13>Jun 15 11:00:00 Message forwarded from aix7: sshd[77]: login").ok());
  EXPECT_EQ(Get("syslog.hostname"), "aix7");
  EXPECT_EQ(Get("syslog.appname"), "sshd");
  EXPECT_EQ(Get("syslog.procid"), "77");
  EXPECT_EQ(Get("syslog.message"), "login");
  ASSERT_TRUE(Parse("<13>Jun 15 11:00:02 relay1 <134>Jun 15 11:00:01 origin app[7]: text").ok());
  EXPECT_EQ(Get("syslog.priority"), "134");
  EXPECT_EQ(Get("syslog.hostname"), "origin");
  EXPECT_EQ(Get("syslog.relay.hostname"), "relay1");
  EXPECT_EQ(Get("syslog.relay.timestamp"), "Jun 15 11:00:02");
  EXPECT_EQ(Get("syslog.timestamp"), "Jun 15 11:00:01");
  EXPECT_EQ(Get("syslog.appname"), "app");
  EXPECT_EQ(Get("syslog.message"), "text");
  EXPECT_EQ(msg_.time_ms, Utc(2024, 6, 15, 11, 0, 1));
  ASSERT_TRUE(Parse("<13>Jun 15 11:00:02 relay1 Jun 15 11:00:01 origin app: text").ok());
  EXPECT_EQ(Get("syslog.priority"), "13");
  EXPECT_EQ(Get("syslog.hostname"), "origin");
  EXPECT_EQ(Get("syslog.relay.hostname"), "relay1");
}

TEST_F(Syslog3164Test, YearInferenceAcrossNewYear) {
  ctx_.now_ms = Utc(2026, 1, 1, 0, 30, 0);
  ASSERT_TRUE(Parse("<13>Dec 31 23:59:00 h app: x").ok());
  EXPECT_EQ(msg_.time_ms, Utc(2025, 12, 31, 23, 59, 0));
  ASSERT_TRUE(Parse("<13>Jan  1 00:10:00 h app: x").ok());
  EXPECT_EQ(msg_.time_ms, Utc(2026, 1, 1, 0, 10, 0));
  // Read just before midnight, a sender a few minutes ahead is next year.
  ctx_.now_ms = Utc(2025, 12, 31, 23, 55, 0);
  ASSERT_TRUE(Parse("<13>Jan  1 00:01:00 h app: x").ok());
  EXPECT_EQ(msg_.time_ms, Utc(2026, 1, 1, 0, 1, 0));
}

// Lines of one minute reuse its resolved start, so every way two lines of
// one minute can resolve apart is tried in both orders: the year inferred
// from now changing inside the minute, another now, another zone, a
// different year written, a daylight-saving gap, fractions of a second.
TEST_F(Syslog3164Test, LinesOfOneMinuteResolveAsEachAlone) {
  TimeZone berlin;
  ASSERT_TRUE(TimeZone::Lookup("Europe/Berlin", &berlin).ok());
  SyslogOptions in_berlin;
  in_berlin.default_zone = berlin;
  struct Line {
    int64_t now_ms;
    const char* text;
    SyslogOptions options;
    int64_t want_ms;
  };
  const int64_t now = Utc(2026, 3, 14, 12, 0, 30);
  // A day after now, 2026-03-15T12:00:30Z, falls inside the minute 12:00 of
  // March 15: its seconds before :30 are this year's, the later ones last
  // year's.
  const Line lines[] = {
      {now, "<13>Mar 15 12:00:10 h app: x", {}, Utc(2026, 3, 15, 12, 0, 10)},
      {now, "<13>Mar 15 12:00:50 h app: x", {}, Utc(2025, 3, 15, 12, 0, 50)},
      {now, "<13>Mar 15 12:00:30 h app: x", {}, Utc(2026, 3, 15, 12, 0, 30)},
      {now, "<13>Mar 15 12:00:31 h app: x", {}, Utc(2025, 3, 15, 12, 0, 31)},
      {now, "<13>Mar 14 11:58:07 h app: x", {}, Utc(2026, 3, 14, 11, 58, 7)},
      {now, "<13>Mar 14 11:58:59.999 h app: x", {}, Utc(2026, 3, 14, 11, 58, 59, 999)},
      {now, "<13>Mar 14 11:58:00 h app: x", in_berlin, Utc(2026, 3, 14, 10, 58, 0)},
      {now, "<13>Mar 14 2019 11:58:01 h app: x", {}, Utc(2019, 3, 14, 11, 58, 1)},
      {now, "<13>Mar 14 2020 11:58:01 h app: x", {}, Utc(2020, 3, 14, 11, 58, 1)},
      {now, "<13>Mar 14 11:58:02 h app: x", {}, Utc(2026, 3, 14, 11, 58, 2)},
      {Utc(2021, 6, 1, 0, 0, 0), "<13>Mar 14 11:58:03 h app: x", {}, Utc(2021, 3, 14, 11, 58, 3)},
      // Berlin skips 02:00-03:00 on 2026-03-29: a time in the gap moves on
      // by the gap's hour, one either side of it does not.
      {now + 20 * 86'400'000LL, "<13>Mar 29 01:59:58 h app: x", in_berlin, Utc(2026, 3, 29, 0, 59, 58)},
      {now + 20 * 86'400'000LL, "<13>Mar 29 02:30:05 h app: x", in_berlin, Utc(2026, 3, 29, 1, 30, 5)},
      {now + 20 * 86'400'000LL, "<13>Mar 29 03:00:01 h app: x", in_berlin, Utc(2026, 3, 29, 1, 0, 1)},
  };
  for (bool reversed : {false, true}) {
    for (size_t k = 0; k < std::size(lines); ++k) {
      const Line& line = lines[reversed ? std::size(lines) - 1 - k : k];
      ctx_.now_ms = line.now_ms;
      ASSERT_TRUE(Parse(line.text, line.options).ok()) << line.text;
      EXPECT_EQ(msg_.time_ms, line.want_ms) << line.text << (reversed ? " (reversed)" : "");
    }
  }
}

TEST_F(Syslog3164Test, ImpossibleDates) {
  ASSERT_TRUE(Parse("<13>Feb 30 10:00:00 h app: x").ok());
  EXPECT_EQ(msg_.time_ms, kNoTime);
  EXPECT_EQ(Get("syslog.timestamp"), "Feb 30 10:00:00");
  ASSERT_EQ(msg_.notes.size(), 1u);
  SyslogOptions strict;
  strict.strict = true;
  Status s = Parse("<13>Feb 30 10:00:00 h app: x", strict);
  EXPECT_EQ(s.message(), "syslog3164: expecting a valid date and time in the timestamp at column 5");
  // Feb 29 resolves to the last leap year.
  ASSERT_TRUE(Parse("<13>Feb 29 10:00:00 h app: x").ok());
  EXPECT_EQ(msg_.time_ms, Utc(2024, 2, 29, 10, 0, 0));
}

TEST_F(Syslog3164Test, StrictRequiresPriTimestampAndHost) {
  SyslogOptions strict;
  strict.strict = true;
  EXPECT_EQ(Parse("Jun 15 11:00:00 web1 nginx: x", strict).message(),
            "syslog3164: expecting a priority value within angle brackets at column 1");
  EXPECT_EQ(Parse("<13>hello", strict).message(),
            "syslog3164: expecting a timestamp (Mmm dd hh:mm:ss or ISO 8601) at column 5");
  EXPECT_EQ(Parse("<13>Jun 15 11:00:00 sshd[1]: x", strict).message(),
            "syslog3164: expecting a hostname at column 21");
  EXPECT_EQ(Parse("<999>Jun 15 11:00:00 h a: x", strict).message(),
            "syslog3164: expecting a priority value in the range 0-191 within angle brackets at column 4");
}

TEST_F(Syslog3164Test, LenientNeedsPriOrTimestamp) {
  EXPECT_FALSE(Parse("hello world").ok());
  ASSERT_TRUE(Parse("<13>host app: no timestamp").ok());
  EXPECT_EQ(Get("syslog.priority"), "13");
  EXPECT_EQ(msg_.time_ms, kNoTime);
  EXPECT_EQ(msg_.zone_source, ZoneSource::kNone);
  ASSERT_EQ(msg_.notes.size(), 1u);
}

TEST_F(Syslog3164Test, BodyParser) {
  TestKvBodyParser kv;
  SyslogOptions options;
  options.body_parser = &kv;
  ASSERT_TRUE(Parse("<13>Jun 15 11:00:00 fw1 filterlog: src=10.0.0.1 dst=10.0.0.2", options).ok());
  EXPECT_EQ(name_, "syslog3164+kv");
  EXPECT_EQ(msg_.parser, "syslog3164+kv");
  EXPECT_EQ(msg_.log_format, "KV");
  EXPECT_EQ(msg_.vendor, "Acme");
  EXPECT_EQ(Get("src"), "10.0.0.1");
  EXPECT_EQ(Get("syslog.message"), "src=10.0.0.1 dst=10.0.0.2");
  ASSERT_TRUE(Parse("<13>Jun 15 11:00:00 fw1 filterlog: free text", options).ok());
  EXPECT_EQ(msg_.log_format, "Syslog");
  EXPECT_EQ(Get("syslog.appname"), "filterlog");
  ASSERT_EQ(msg_.notes.size(), 1u);
}

// A profile parser whose body regex is required can tell from another
// syslog parse of a text - same kind, same header options - that its own
// parse would fail, and only then: its verdict agrees with parsing.
TEST_F(Syslog3164Test, RequiredBodyRejectsTheMsgOfATwinParse) {
  RegexParserOptions ro;
  ro.pattern = R"([:\s]*%ASA-(?P<sev>\d)-(?P<id>\d+): (?P<text>.*))";
  std::unique_ptr<Parser> asa_body;
  ASSERT_TRUE(MakeRegexParser(ro, &asa_body).ok());
  SyslogOptions profile_options;
  profile_options.body_parser = asa_body.get();
  profile_options.body_required = true;
  std::unique_ptr<Parser> profile = MakeSyslog3164Parser(profile_options);
  std::unique_ptr<Parser> twin = MakeSyslog3164Parser(SyslogOptions{});

  for (std::string_view text : {"<134>Mar 14 00:00:00 ids01 CEF:0|Acme|IDS|1|2|x|3|src=1.2.3.4",
                                "<166>Mar 14 00:00:00 fw01 : %ASA-6-106100: access-list in permitted",
                                "<38>Mar 14 00:00:00 host sshd[1]: Accepted password for root"}) {
    ASSERT_TRUE(Parse(text).ok()) << text;  // the twin's parse
    std::string body = Get("syslog.message");
    ParsedMessage own;
    const bool fails = !profile->Parse(text, ctx_, &own).ok();
    const Parser* required = profile->RequiredBodyOfTwin(*parser_);
    ASSERT_EQ(required, asa_body.get());
    const bool rejects = required->SurelyRejects(body);
    if (rejects) {
      EXPECT_TRUE(fails) << text;
    }
    EXPECT_EQ(rejects, text.find("%ASA-") == std::string_view::npos) << text;
  }
  EXPECT_EQ(profile->RequiredBodyOfTwin(*twin), asa_body.get());
  // Other header options, another kind, or a body that may be left as text:
  // no body to ask.
  SyslogOptions strict;
  strict.strict = true;
  EXPECT_EQ(profile->RequiredBodyOfTwin(*MakeSyslog3164Parser(strict)), nullptr);
  SyslogOptions zoned;
  ASSERT_TRUE(TimeZone::Lookup("Europe/Berlin", &zoned.default_zone).ok());
  EXPECT_EQ(profile->RequiredBodyOfTwin(*MakeSyslog3164Parser(zoned)), nullptr);
  EXPECT_EQ(profile->RequiredBodyOfTwin(*MakeSyslog5424Parser(SyslogOptions{})), nullptr);
  SyslogOptions optional_body = profile_options;
  optional_body.body_required = false;
  EXPECT_EQ(MakeSyslog3164Parser(optional_body)->RequiredBodyOfTwin(*twin), nullptr);
  EXPECT_EQ(twin->RequiredBodyOfTwin(*twin), nullptr);
}

}  // namespace
}  // namespace recproc
