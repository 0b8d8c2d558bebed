#include "parse/parse_stage.h"

#include <gtest/gtest.h>

namespace recproc {
namespace {

struct Harness {
  ConfigErrors errors;
  RootConfig config;
  std::unique_ptr<ParseStage> stage;
  Arena arena;
  ParseLimits limits;
  ParsedMessage msg;

  explicit Harness(const std::string& yaml, const std::string& forced = "") {
    config.path = "/etc/recproc/recproc.yaml";
    config.root = ConfigNode::Parse(yaml, config.path, &errors);
    config.parsers = config.root.Get("parsers");
    config.sources = config.root.Get("sources");
    ParseStage::Build(config, forced, &errors, &stage);
  }
  Status Parse(std::string_view text, std::string_view source = "-") {
    ParseContext ctx{&arena, &limits, 1767225600000};
    return stage->Parse(stage->ProfileForSource(source), text, ctx, &msg);
  }
  std::string Get(std::string_view key) {
    const Field* f = msg.Find(key);
    return f ? std::string(f->value) : "<missing>";
  }
};

TEST(ParseStageTest, DetectorsPickTheFormatAndSayWhichWon) {
  Harness h("parsers: []");
  ASSERT_TRUE(h.errors.empty()) << h.errors.ToString();
  struct Case {
    std::string text, detector, parser;
  } cases[] = {
      {"<34>1 2026-01-02T03:04:05Z host app 1 ID47 - hello", "syslog5424", "syslog5424+auto"},
      {"<13>Jan  2 03:04:05 host sshd[42]: Accepted password for bob", "syslog3164", "syslog3164+auto"},
      {"CEF:0|Acme|Gate|1.0|100|Blocked|5|src=10.0.0.1 dst=10.0.0.2", "cef", "cef"},
      {"LEEF:1.0|Acme|Gate|1.0|42|src=10.0.0.1\tdst=10.0.0.2", "leef", "leef"},
      {"{\"a\":1}", "json", "json"},
      {"user=bob action=login", "kv", "kv"},
  };
  for (const Case& c : cases) {
    Status s = h.Parse(c.text);
    ASSERT_TRUE(s.ok()) << c.text << ": " << s.message();
    EXPECT_EQ(h.msg.detector, c.detector) << c.text;
  }
}

TEST(ParseStageTest, SyslogBodyIsDetectedOnItsOwn) {
  Harness h("parsers: []");
  ASSERT_TRUE(h.Parse("<134>Feb 10 12:00:00 fw1 CEF:0|Acme|Gate|1.0|100|Blocked|5|src=10.0.0.1").ok());
  EXPECT_EQ(h.msg.vendor, "Acme");
  EXPECT_EQ(h.msg.event_id, "100");
  EXPECT_EQ(h.Get("src"), "10.0.0.1");
  EXPECT_EQ(h.Get("syslog.hostname"), "fw1");
  ASSERT_TRUE(h.Parse("<13>Feb 10 12:00:00 web1 app: user=bob action=login").ok());
  EXPECT_EQ(h.Get("user"), "bob");
  EXPECT_EQ(h.msg.vendor, "Generic");
}

TEST(ParseStageTest, UnrecognisedTextNamesEveryDetectorTried) {
  Harness h("parsers: []");
  Status s = h.Parse("just some words");
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("tried: syslog5424, syslog3164, cef, leef, json, winxml, access_log, kv"),
            std::string::npos)
      << s.message();
}

TEST(ParseStageTest, ProfileWithConditionsSetsHintsAndTime) {
  Harness h(R"(
parsers:
  - name: trail
    format: json
    when: {fields: [eventSource, eventName]}
    vendor: Amazon AWS
    product: CloudTrail
    event_id: "{{eventSource}}:{{eventName}}"
    time: {fields: [eventTime], formats: ["yyyy-MM-dd'T'HH:mm:ssX"]}
)");
  ASSERT_TRUE(h.errors.empty()) << h.errors.ToString();
  ASSERT_TRUE(h.Parse(R"({"eventSource":"s3","eventName":"GetObject","eventTime":"2026-01-02T03:04:05Z"})").ok());
  EXPECT_EQ(h.msg.vendor, "Amazon AWS");
  EXPECT_EQ(h.msg.product, "CloudTrail");
  EXPECT_EQ(h.msg.event_id, "s3:GetObject");
  EXPECT_EQ(h.msg.time_ms, 1767323045000);
  EXPECT_EQ(h.msg.zone_source, ZoneSource::kParsed);
  // Conditions not met: generic hints.
  ASSERT_TRUE(h.Parse(R"({"eventName":"GetObject"})").ok());
  EXPECT_EQ(h.msg.vendor, "Generic");
  EXPECT_EQ(h.msg.product, "JSON");
}

TEST(ParseStageTest, AppNameConditionAndConfiguredZone) {
  Harness h(R"(
parsers:
  - name: sshd
    format: syslog
    when: {app_name: [sshd]}
    vendor: Linux
    product: OpenSSH
    event_id: sshd
    time: {fields: [when], formats: ["yyyy-MM-dd HH:mm:ss"], zone: Europe/Berlin}
)");
  ASSERT_TRUE(h.errors.empty()) << h.errors.ToString();
  ASSERT_TRUE(h.Parse("<13>Jan  2 03:04:05 host sshd[42]: when=\"2026-07-01 12:00:00\"").ok());
  EXPECT_EQ(h.msg.vendor, "Linux");
  EXPECT_EQ(h.msg.event_id, "sshd");
  // 12:00 CEST = 10:00 UTC.
  EXPECT_EQ(h.msg.time_ms, 1782900000000);
  EXPECT_EQ(h.msg.zone_source, ZoneSource::kConfigured);
  ASSERT_TRUE(h.Parse("<13>Jan  2 03:04:05 host cron[42]: when=x").ok());
  EXPECT_EQ(h.msg.vendor, "Generic");
}

TEST(ParseStageTest, SourceGlobSelectsAProfileWithItsOptions) {
  Harness h(R"(
parsers:
  - name: pipes
    format: kv
    options: {pair_separator: "|", kv_separator: ":"}
    vendor: Acme
    product: Pipes
sources:
  - {path: "*/acme/*.log", parser: pipes}
)");
  ASSERT_TRUE(h.errors.empty()) << h.errors.ToString();
  ASSERT_TRUE(h.Parse("a:1|b:two words", "/var/log/acme/x.log").ok());
  EXPECT_EQ(h.Get("b"), "two words");
  EXPECT_EQ(h.msg.vendor, "Acme");
  EXPECT_EQ(h.msg.detector, "");
  // Elsewhere: detection (and this is not kv with '=').
  EXPECT_FALSE(h.Parse("a:1|b:2", "/var/log/other.log").ok());
}

TEST(ParseStageTest, ConfigErrorsHavePositions) {
  Harness h(R"(
parsers:
  - name: bad
    format: jsonn
    vendorr: X
sources:
  - {path: "*.log", parser: missing}
)");
  std::string all = h.errors.ToString();
  EXPECT_NE(all.find("recproc.yaml:4:13: error: unknown format 'jsonn'"), std::string::npos) << all;
  EXPECT_NE(all.find("recproc.yaml:5:5: error: unknown key 'vendorr' (did you mean 'vendor'?)"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("no parser profile named 'missing'"), std::string::npos) << all;
}

// FortiGate's shape: `eventtime` (s/ms/us/ns), else `date` + `time` in `tz`.
constexpr char kSplitTimeProfile[] = R"(
parsers:
  - name: fgt
    when: {fields: [devid, logid]}
    time: {fields: [eventtime], join: [date, time], formats: [epoch_auto, "yyyy-MM-dd HH:mm:ss"], zone_field: tz}
)";

TEST(ParseStageTest, TimeFromAnEpochFieldOfAnyUnit) {
  Harness h(kSplitTimeProfile);
  ASSERT_TRUE(h.errors.empty()) << h.errors.ToString();
  // The epoch wins over date+time (which here disagree on purpose).
  ASSERT_TRUE(h.Parse("devid=F1 logid=1 date=2020-01-01 time=00:00:00 eventtime=1709312401987654321").ok());
  EXPECT_EQ(h.msg.time_ms, 1709312401987);  // ns truncated to ms
  EXPECT_EQ(h.msg.zone_source, ZoneSource::kParsed);
  ASSERT_TRUE(h.Parse("devid=F1 logid=1 eventtime=1709312401987654").ok());
  EXPECT_EQ(h.msg.time_ms, 1709312401987);
  ASSERT_TRUE(h.Parse("devid=F1 logid=1 eventtime=1709312401").ok());
  EXPECT_EQ(h.msg.time_ms, 1709312401000);
}

TEST(ParseStageTest, TimeJoinedFromSeveralFieldsInTheMessageZone) {
  Harness h(kSplitTimeProfile);
  ASSERT_TRUE(h.errors.empty()) << h.errors.ToString();
  // 12:00:01 at -05:00 is 17:00:01Z.
  ASSERT_TRUE(h.Parse(R"(devid=F1 logid=1 date=2024-03-01 time=12:00:01 tz="-0500")").ok());
  EXPECT_EQ(h.msg.time_ms, 1709312401000);
  EXPECT_EQ(h.msg.zone_source, ZoneSource::kParsed);
  // An unreadable eventtime falls back to date+time.
  ASSERT_TRUE(h.Parse(R"(devid=F1 logid=1 eventtime=soon date=2024-03-01 time=12:00:01 tz="-0500")").ok());
  EXPECT_EQ(h.msg.time_ms, 1709312401000);
  // New Year: 2023-12-31 23:30 at -05:00 is already 2024 in UTC.
  ASSERT_TRUE(h.Parse(R"(devid=F1 logid=1 date=2023-12-31 time=23:30:00 tz="-0500")").ok());
  EXPECT_EQ(h.msg.time_ms, 1704083400000);
  // Abbreviations and IANA ids; DST gap and overlap in New York.
  ASSERT_TRUE(h.Parse(R"(devid=F1 logid=1 date=2024-07-01 time=12:00:00 tz="EST")").ok());
  EXPECT_EQ(h.msg.time_ms, 1719853200000);
  ASSERT_TRUE(h.Parse("devid=F1 logid=1 date=2024-03-10 time=02:30:00 tz=America/New_York").ok());
  EXPECT_EQ(h.msg.time_ms, 1710055800000);  // no 02:30 that day: 03:30 EDT
  ASSERT_TRUE(h.Parse("devid=F1 logid=1 date=2024-11-03 time=01:30:00 tz=America/New_York").ok());
  EXPECT_EQ(h.msg.time_ms, 1730611800000);  // twice that day: the earlier, EDT
  // No (or an unknown) tz: the profile's zone, UTC by default.
  ASSERT_TRUE(h.Parse("devid=F1 logid=1 date=2024-03-01 time=17:00:01").ok());
  EXPECT_EQ(h.msg.time_ms, 1709312401000);
  EXPECT_EQ(h.msg.zone_source, ZoneSource::kDefault);
  ASSERT_TRUE(h.Parse("devid=F1 logid=1 date=2024-03-01 time=17:00:01 tz=Mars/Base").ok());
  EXPECT_EQ(h.msg.time_ms, 1709312401000);
  EXPECT_EQ(h.msg.zone_source, ZoneSource::kDefault);
  // A part missing: no time from the profile.
  ASSERT_TRUE(h.Parse("devid=F1 logid=1 date=2024-03-01").ok());
  EXPECT_EQ(h.msg.time_ms, kNoTime);
}

TEST(ParseStageTest, TimeJoinSeparatorAndConfiguredZone) {
  Harness h(R"(
parsers:
  - name: split
    when: {fields: [d, t]}
    time: {join: [d, t], separator: "T", format: "yyyy-MM-dd'T'HH:mm:ss.SSS", zone: Europe/Berlin}
)");
  ASSERT_TRUE(h.errors.empty()) << h.errors.ToString();
  // New Year in Berlin (CET, +01:00).
  ASSERT_TRUE(h.Parse("d=2024-01-01 t=00:30:00.250").ok());
  EXPECT_EQ(h.msg.time_ms, 1704065400250);
  EXPECT_EQ(h.msg.zone_source, ZoneSource::kConfigured);
}

TEST(ParseStageTest, TimeConfigErrorsHavePositions) {
  Harness h(R"(
parsers:
  - name: a
    time: {join: [date], separator: "-", format: "yyyy-MM-ddTHH"}
  - name: b
    time: {zone_field: tz, format: epoch, formats: [epoch_ms]}
)");
  std::string all = h.errors.ToString();
  EXPECT_NE(all.find("recproc.yaml:4:18: error: 'join' names the fields that make one time together"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("recproc.yaml:4:50: error: unsupported letter 'T' at position 11"), std::string::npos)
      << all;
  EXPECT_NE(all.find("recproc.yaml:6:11: error: a time needs 'fields' or 'join'"), std::string::npos) << all;
  EXPECT_NE(all.find("recproc.yaml:6:36: error: give either 'format' (one) or 'formats'"), std::string::npos)
      << all;
}

TEST(ParseStageTest, ForcedParserMustExist) {
  Harness h("parsers: []", "nope");
  EXPECT_NE(h.errors.ToString().find("no parser profile with a format named 'nope'"), std::string::npos);
}

TEST(FieldTemplateTest, ExpandsSlotsAndLiterals) {
  FieldTemplate t;
  std::string error;
  ASSERT_TRUE(t.Compile("{{Channel}}-{{ EventID }}", &error));
  ParsedMessage m;
  m.fields = {{"Channel", "Security"}, {"EventID", "4625"}};
  Arena arena;
  EXPECT_EQ(t.Expand(m, &arena), "Security-4625");
  m.fields.pop_back();
  EXPECT_EQ(t.Expand(m, &arena), "Security-");
  EXPECT_FALSE(t.Compile("{{open", &error));
  EXPECT_NE(error.find("unterminated"), std::string::npos);
}

}  // namespace
}  // namespace recproc

namespace recproc {
namespace {

TEST(ParseStageTest, RegexBodyProfilesClassifyMessagesInOrder) {
  Harness h(R"(
parsers:
  - name: sshd_accepted
    format: syslog
    body: regex
    body_options: {pattern: 'Accepted %{WORD:method} for %{USER:user} from %{IP:src_ip} port %{INT:src_port}'}
    when: {app_name: [sshd]}
    vendor: Linux
    product: OpenSSH
    event_id: accepted
  - name: sshd_failed
    format: syslog
    body: regex
    body_options: {pattern: 'Failed %{WORD:method} for (invalid user )?%{USER:user} from %{IP:src_ip}'}
    when: {app_name: [sshd]}
    vendor: Linux
    product: OpenSSH
    event_id: failed
)");
  ASSERT_TRUE(h.errors.empty()) << h.errors.ToString();
  ASSERT_TRUE(h.Parse("<38>Feb  5 10:00:00 srv sshd[99]: Accepted publickey for alice from 192.0.2.1 port 50022 ssh2").ok());
  EXPECT_EQ(h.msg.event_id, "accepted");
  EXPECT_EQ(h.Get("user"), "alice");
  EXPECT_EQ(h.Get("src_port"), "50022");
  EXPECT_EQ(h.Get("syslog.hostname"), "srv");
  EXPECT_EQ(h.msg.detector, "syslog3164");
  ASSERT_TRUE(h.Parse("<38>Feb  5 10:00:01 srv sshd[99]: Failed password for invalid user bob from 192.0.2.2 port 1 ssh2").ok());
  EXPECT_EQ(h.msg.event_id, "failed");
  EXPECT_EQ(h.Get("user"), "bob");
  // No profile's regex fits: the detected parse stands, with generic hints.
  ASSERT_TRUE(h.Parse("<38>Feb  5 10:00:02 srv sshd[99]: Connection closed by 192.0.2.3").ok());
  EXPECT_EQ(h.msg.vendor, "Generic");
  EXPECT_EQ(h.Get("syslog.message"), "Connection closed by 192.0.2.3");
}

TEST(ParseStageTest, BadRegexIsAConfigErrorWithPosition) {
  Harness h(R"(
parsers:
  - name: broken
    format: regex
    options: {pattern: 'a(b'}
)");
  std::string all = h.errors.ToString();
  EXPECT_NE(all.find("recproc.yaml:5:24: error:"), std::string::npos) << all;
}

}  // namespace
}  // namespace recproc

namespace recproc {
namespace {

// Raw Cisco ASA lines carry a year in the BSD timestamp and no PRI; they
// used to fail detection ("no parser recognised the message").
TEST(ParseStageTest, BsdTimestampWithYearAndNoPriIsSyslog) {
  Harness h("parsers: []");
  Status s = h.Parse("Apr 15 2014 09:34:34 fw01 %ASA-6-302013: Built inbound TCP connection 1 for outside");
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(h.msg.detector, "syslog3164");
  EXPECT_EQ(h.Get("syslog.hostname"), "fw01");
  EXPECT_EQ(h.msg.time_ms, 1397554474000);  // 2014-04-15T09:34:34Z
}

}  // namespace
}  // namespace recproc
