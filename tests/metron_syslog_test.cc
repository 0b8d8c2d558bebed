// Conformance with Apache Metron's syslog samples (tests/vectors/apache-metron,
// Apache-2.0, see SOURCE.md there): raw lines and the JSON Metron's parser
// produced for each. We compare hostname, program/appname, pid, message,
// the header fields and the timestamp.
//
// The RFC 3164 samples are Cisco ASA lines ("%ASA-6-302014: ..."); Metron
// keeps the mnemonic in the message and reports no program, which is also
// what our TAG rule does (a TAG starts with a letter or digit). Their
// timestamps carry no year; Metron inferred 2018 when the samples were
// made, so the clock is fixed at 2018-01-06.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "parse/syslog3164.h"
#include "parse/syslog5424.h"
#include "test_paths.h"

namespace recproc {
namespace {

using nlohmann::json;

std::vector<std::string> ReadLines(const std::string& name) {
  std::ifstream in(std::string(RECPROC_SOURCE_DIR) + "/tests/vectors/apache-metron/" + name);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) lines.push_back(line);
  return lines;
}

std::string FieldOr(const ParsedMessage& msg, std::string_view key, const std::string& missing = "<none>") {
  const Field* f = msg.Find(key);
  return f ? std::string(f->value) : missing;
}

std::string JsonOr(const json& j, const char* key, const std::string& missing = "<none>") {
  return j.contains(key) ? j[key].get<std::string>() : missing;
}

TEST(MetronSyslogTest, Rfc3164SamplesMatchMetron) {
  const auto raw = ReadLines("syslog3164.raw");
  const auto parsed = ReadLines("syslog3164.parsed.jsonl");
  ASSERT_EQ(raw.size(), 100u);
  ASSERT_EQ(parsed.size(), 100u);
  auto parser = MakeSyslog3164Parser(SyslogOptions{});
  int matched = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    const json want = json::parse(parsed[i]);
    ASSERT_EQ(want["original_string"].get<std::string>(), raw[i]);
    Arena arena;
    ParseLimits limits;
    ParseContext ctx{&arena, &limits, 1515196800000};  // 2018-01-06T00:00Z
    ParsedMessage msg;
    ASSERT_TRUE(parser->Parse(raw[i], ctx, &msg).ok()) << raw[i];
    const bool ok = FieldOr(msg, "syslog.hostname") == JsonOr(want, "syslog.header.hostName") &&
                    FieldOr(msg, "syslog.appname") == JsonOr(want, "syslog.header.appName") &&
                    FieldOr(msg, "syslog.procid") == JsonOr(want, "syslog.header.procId") &&
                    FieldOr(msg, "syslog.message") == JsonOr(want, "syslog.message") &&
                    FieldOr(msg, "syslog.timestamp") == JsonOr(want, "syslog.header.timestamp") &&
                    FieldOr(msg, "syslog.priority") == JsonOr(want, "syslog.header.pri") &&
                    FieldOr(msg, "syslog.facility") == JsonOr(want, "syslog.header.facility") &&
                    FieldOr(msg, "syslog.severity") == JsonOr(want, "syslog.header.severity") &&
                    msg.time_ms == want["timestamp"].get<int64_t>();
    EXPECT_TRUE(ok) << "line " << i + 1 << ": " << raw[i]
                    << "\n  hostname=" << FieldOr(msg, "syslog.hostname")
                    << " appname=" << FieldOr(msg, "syslog.appname") << " time=" << msg.time_ms
                    << "\n  message=" << FieldOr(msg, "syslog.message");
    matched += ok;
  }
  std::printf("apache-metron syslog3164: %d/100 match\n", matched);
}

TEST(MetronSyslogTest, Rfc5424SamplesMatchMetron) {
  const auto raw = ReadLines("syslog5424.raw");
  const auto parsed = ReadLines("syslog5424.parsed.jsonl");
  ASSERT_EQ(raw.size(), 3u);
  ASSERT_EQ(parsed.size(), 3u);
  SyslogOptions options;
  options.strict = true;
  auto parser = MakeSyslog5424Parser(options);
  int matched = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    const json want = json::parse(parsed[i]);
    Arena arena;
    ParseLimits limits;
    ParseContext ctx{&arena, &limits, 0};
    ParsedMessage msg;
    ASSERT_TRUE(parser->Parse(raw[i], ctx, &msg).ok()) << raw[i];
    // Metron writes a nil MSGID as "-"; we omit nil header fields.
    std::string want_msgid = JsonOr(want, "syslog.header.msgId");
    if (want_msgid == "-") want_msgid = "<none>";
    bool ok = FieldOr(msg, "syslog.hostname") == JsonOr(want, "syslog.header.hostName") &&
              FieldOr(msg, "syslog.appname") == JsonOr(want, "syslog.header.appName") &&
              FieldOr(msg, "syslog.procid") == JsonOr(want, "syslog.header.procId") &&
              FieldOr(msg, "syslog.msgid") == want_msgid &&
              FieldOr(msg, "syslog.version") == JsonOr(want, "syslog.header.version") &&
              FieldOr(msg, "syslog.message") == JsonOr(want, "syslog.message") &&
              FieldOr(msg, "syslog.timestamp") == JsonOr(want, "syslog.header.timestamp") &&
              FieldOr(msg, "syslog.priority") == JsonOr(want, "syslog.header.pri") &&
              msg.time_ms == want["timestamp"].get<int64_t>();
    // Metron: syslog.structuredData.<id>.<param>; ours: syslog.sd.<id>.<param>.
    int sd_count = 0;
    for (auto& [key, value] : want.items()) {
      const std::string prefix = "syslog.structuredData.";
      if (key.rfind(prefix, 0) != 0) continue;
      ++sd_count;
      ok = ok && FieldOr(msg, "syslog.sd." + key.substr(prefix.size())) == value.get<std::string>();
    }
    int our_sd = 0;
    for (const Field& f : msg.fields) our_sd += f.key.substr(0, 10) == "syslog.sd.";
    ok = ok && our_sd == sd_count;
    std::string got;
    for (const Field& f : msg.fields) got += "\n  " + std::string(f.key) + "=" + std::string(f.value);
    EXPECT_TRUE(ok) << raw[i] << "\n  time=" << msg.time_ms << got;
    matched += ok;
  }
  std::printf("apache-metron syslog5424: %d/3 match\n", matched);
}

}  // namespace
}  // namespace recproc
