// Conformance with go-syslog's RFC 5424 and RFC 3164 test tables
// (tests/vectors/go-syslog, MIT, see SOURCE.md there).
//
// Differences from go-syslog that are ours by design, applied to the
// expected values before comparing:
//  - structured-data values are unescaped (`\"` `\\` `\]`), go-syslog keeps
//    the escapes;
//  - a leading UTF-8 BOM is stripped from MSG, go-syslog keeps it;
//  - an empty MSG yields no syslog.message field;
//  - error columns are reported 1-based ("at column 8" for go's "[col 7]").
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "parse/syslog3164.h"
#include "parse/syslog5424.h"
#include "util/civil_time.h"
#include "test_paths.h"

namespace recproc {
namespace {

using nlohmann::json;

std::string Base64Decode(const std::string& in) {
  std::string out;
  int val = 0, bits = -8;
  for (unsigned char c : in) {
    int d;
    if (c >= 'A' && c <= 'Z')
      d = c - 'A';
    else if (c >= 'a' && c <= 'z')
      d = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      d = c - '0' + 52;
    else if (c == '+')
      d = 62;
    else if (c == '/')
      d = 63;
    else
      break;
    val = (val << 6) + d;
    bits += 6;
    if (bits >= 0) {
      out.push_back(static_cast<char>((val >> bits) & 0xFF));
      bits -= 8;
    }
  }
  return out;
}

std::vector<json> LoadCases(const std::string& file) {
  std::ifstream in(std::string(RECPROC_SOURCE_DIR) + "/tests/vectors/go-syslog/" + file);
  std::vector<json> cases;
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) cases.push_back(json::parse(line));
  return cases;
}

std::string Unescape(const std::string& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\\' && i + 1 < v.size() && (v[i + 1] == '"' || v[i + 1] == '\\' || v[i + 1] == ']')) ++i;
    out.push_back(v[i]);
  }
  return out;
}

// The expected syslog.* fields of a go-syslog value, in our terms.
std::map<std::string, std::string> ExpectedFields(const json& v) {
  std::map<std::string, std::string> f;
  for (const char* k : {"priority", "facility", "severity", "version"})
    if (v.contains(k)) f[std::string("syslog.") + k] = std::to_string(v[k].get<int>());
  for (const char* k : {"hostname", "appname", "procid", "msgid"})
    if (v.contains(k)) f[std::string("syslog.") + k] = v[k].get<std::string>();
  if (v.contains("timestamp") && v["timestamp"].is_string())
    f["syslog.timestamp"] = v["timestamp"].get<std::string>();
  if (v.contains("structureddata"))
    for (auto& [id, params] : v["structureddata"].items())
      for (auto& [name, value] : params.items())
        f["syslog.sd." + id + "." + name] = Unescape(value.get<std::string>());
  if (v.contains("message")) {
    std::string m = v["message"].is_string() ? v["message"].get<std::string>()
                                             : Base64Decode(v["message"]["bytes_b64"].get<std::string>());
    if (m.rfind("\xEF\xBB\xBF", 0) == 0) m.erase(0, 3);
    if (!m.empty()) f["syslog.message"] = m;
  }
  return f;
}

std::map<std::string, std::string> ActualFields(const ParsedMessage& msg) {
  std::map<std::string, std::string> f;
  for (const Field& field : msg.fields) f.emplace(std::string(field.key), std::string(field.value));
  return f;
}

int ColumnOf(const std::string& message, const char* pattern) {
  std::smatch m;
  if (std::regex_search(message, m, std::regex(pattern))) return std::stoi(m[1]);
  return -1;
}

TEST(GoSyslogTest, Rfc5424ValidCasesParseToTheExpectedFields) {
  std::vector<json> cases = LoadCases("rfc5424_cases.jsonl");
  ASSERT_EQ(cases.size(), 148u);
  for (bool strict : {true, false}) {
    SyslogOptions options;
    options.strict = strict;
    auto parser = MakeSyslog5424Parser(options);
    int valid = 0, matched = 0;
    for (const json& c : cases) {
      if (!c["valid"].get<bool>()) continue;
      ++valid;
      const std::string input = Base64Decode(c["input_b64"].get<std::string>());
      Arena arena;
      ParseLimits limits;
      ParseContext ctx{&arena, &limits, 0};
      ParsedMessage msg;
      Status s = parser->Parse(input, ctx, &msg);
      EXPECT_TRUE(s.ok()) << input << ": " << s.ToString();
      if (!s.ok()) continue;
      const auto expected = ExpectedFields(c["value"]);
      EXPECT_EQ(ActualFields(msg), expected) << input;
      if (ActualFields(msg) == expected) ++matched;
      EXPECT_EQ(msg.parser, "syslog5424");
      EXPECT_EQ(msg.log_format, "Syslog");
    }
    EXPECT_EQ(matched, valid) << (strict ? "strict" : "lenient");
    std::printf("go-syslog rfc5424 (%s): %d/%d valid cases match\n", strict ? "strict" : "lenient", matched,
                valid);
  }
}

TEST(GoSyslogTest, Rfc5424InvalidCasesAreRejectedInStrictModeAtTheSameColumn) {
  SyslogOptions options;
  options.strict = true;
  auto parser = MakeSyslog5424Parser(options);
  int invalid = 0, rejected = 0, same_column = 0;
  for (const json& c : LoadCases("rfc5424_cases.jsonl")) {
    if (c["valid"].get<bool>()) continue;
    ++invalid;
    const std::string input = Base64Decode(c["input_b64"].get<std::string>());
    Arena arena;
    ParseLimits limits;
    ParseContext ctx{&arena, &limits, 0};
    ParsedMessage msg;
    Status s = parser->Parse(input, ctx, &msg);
    EXPECT_FALSE(s.ok()) << input;
    if (s.ok()) continue;
    ++rejected;
    const int go_col = ColumnOf(c["error"].get<std::string>(), R"(\[col (\d+)\])");
    const int our_col = ColumnOf(s.message(), R"(at column (\d+))");
    EXPECT_EQ(our_col, go_col + 1) << input << "\n  go-syslog: " << c["error"].get<std::string>()
                                   << "\n  recproc:   " << s.message();
    if (our_col == go_col + 1) ++same_column;
  }
  EXPECT_EQ(rejected, invalid);
  std::printf("go-syslog rfc5424 invalid: %d/%d rejected, %d/%d at the same column\n", rejected, invalid,
              same_column, invalid);
}

// go-syslog's RFC 3164 table: all valid. Its timestamps have no year; the
// expected value gives month, day and time, which we check through the event
// time resolved against a fixed clock (2011-12-31T00:00Z, so every case falls
// in 2011).
TEST(GoSyslogTest, Rfc3164CasesParseToTheExpectedFields) {
  std::vector<json> cases = LoadCases("rfc3164_cases.jsonl");
  ASSERT_EQ(cases.size(), 8u);
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (bool strict : {true, false}) {
    SyslogOptions options;
    options.strict = strict;
    auto parser = MakeSyslog3164Parser(options);
    int matched = 0;
    for (const json& c : cases) {
      ASSERT_TRUE(c["valid"].get<bool>());
      const std::string input = Base64Decode(c["input_b64"].get<std::string>());
      Arena arena;
      ParseLimits limits;
      ParseContext ctx{&arena, &limits, 1325289600000};
      ParsedMessage msg;
      Status s = parser->Parse(input, ctx, &msg);
      ASSERT_TRUE(s.ok()) << input << ": " << s.ToString();
      json value = c["value"];
      const std::string stamp = value["timestamp"]["rfc3164_timestamp"].get<std::string>();
      value.erase("timestamp");
      auto actual = ActualFields(msg);
      actual.erase("syslog.timestamp");
      const auto expected = ExpectedFields(value);
      EXPECT_EQ(actual, expected) << input;
      // "Jan 12 06:30:00" -> 2011-01-12T06:30:00Z
      int month = 0, day = 0, h = 0, m = 0, sec = 0;
      char mon[4] = {};
      ASSERT_EQ(std::sscanf(stamp.c_str(), "%3s %d %d:%d:%d", mon, &day, &h, &m, &sec), 5);
      for (int i = 0; i < 12; ++i)
        if (std::string(mon) == kMonths[i]) month = i + 1;
      const int64_t want = ((DaysFromCivil(2011, month, day) * 24 + h) * 60 + m) * 60000 + sec * 1000;
      EXPECT_EQ(msg.time_ms, want) << input;
      EXPECT_EQ(msg.zone_source, ZoneSource::kDefault);
      if (actual == expected && msg.time_ms == want) ++matched;
    }
    EXPECT_EQ(matched, 8);
    std::printf("go-syslog rfc3164 (%s): %d/8 cases match\n", strict ? "strict" : "lenient", matched);
  }
}

}  // namespace
}  // namespace recproc
