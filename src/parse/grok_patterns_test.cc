#include "parse/grok_patterns.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <string>

namespace recproc {
namespace {

// True when the whole of `text` matches %{name}.
bool FullMatch(std::string_view name, std::string_view text) {
  std::string regex;
  std::vector<GrokCapture> captures;
  Status s = ExpandGrok("%{" + std::string(name) + "}", nullptr, &regex, &captures);
  EXPECT_TRUE(s.ok()) << s.message();
  re2::RE2 re(regex);
  EXPECT_TRUE(re.ok()) << name << ": " << re.error();
  return re2::RE2::FullMatch(re2::StringPiece(text.data(), text.size()), re);
}

TEST(GrokPatternsTest, LibraryIsSortedAndEveryPatternCompiles) {
  auto lib = GrokPatternLibrary();
  for (size_t i = 1; i < lib.size(); ++i) EXPECT_LT(lib[i - 1].name, lib[i].name);
  for (const GrokPattern& p : lib) FullMatch(p.name, "");
}

TEST(GrokPatternsTest, Ipv4AndIpv6) {
  EXPECT_TRUE(FullMatch("IPV4", "192.168.0.255"));
  EXPECT_FALSE(FullMatch("IPV4", "192.168.0.256"));
  EXPECT_FALSE(FullMatch("IPV4", "1.2.3"));
  for (const char* ok :
       {"ABCD:EF01:2345:6789:ABCD:EF01:2345:6789", "2001:DB8::8:800:200C:417A", "FF01::101", "::1",
        "::", "0:0:0:0:0:0:13.1.68.3", "::FFFF:129.144.52.38", "fe80::", "1::2:3:4:5:6:7"})
    EXPECT_TRUE(FullMatch("IPV6", ok)) << ok;
  for (const char* bad : {"2001:DB8::8::800:200C:417A", "ABCD:EF01:2345:6789:ABCD:EF01:2345::6789",
                          "1:2:3:4:5:6:7:8:9", ":0:0:0:0:0:0:1", "0:0:0:0:0:0:0:", "13.1.68.3", "12345::1"})
    EXPECT_FALSE(FullMatch("IPV6", bad)) << bad;
  EXPECT_TRUE(FullMatch("IP", "10.0.0.1"));
  EXPECT_TRUE(FullMatch("IP", "2001:db8::5"));
}

TEST(GrokPatternsTest, MacTimesAndText) {
  EXPECT_TRUE(FullMatch("MAC48", "f0:f6:1c:5f:cc:a2"));
  EXPECT_TRUE(FullMatch("MAC48", "f0-f6-1c-5f-cc-a2"));
  EXPECT_FALSE(FullMatch("MAC48", "f0-f6:1c:5f:cc-a2"));
  EXPECT_TRUE(FullMatch("MAC", "0050.56f5.7f47"));
  EXPECT_TRUE(FullMatch("TIMESTAMP_ISO8601", "2024-01-18T10:00:00.123+01:00"));
  EXPECT_TRUE(FullMatch("TIMESTAMP_ISO8601", "2024-01-18 10:00:00Z"));
  EXPECT_TRUE(FullMatch("SYSLOGTIMESTAMP", "Jan  8 10:00:00"));
  EXPECT_TRUE(FullMatch("HTTPDATE", "10/Oct/2000:13:55:36 -0700"));
  EXPECT_TRUE(FullMatch("URI", "https://user@www.example.com:8443/a/b.php?x=1&y=2"));
  EXPECT_TRUE(FullMatch("HOSTNAME", "dc01.corp.example.com"));
  EXPECT_FALSE(FullMatch("HOSTNAME", "-bad.example"));
  EXPECT_TRUE(FullMatch("QUOTEDSTRING", R"("a \" b")"));
  EXPECT_TRUE(FullMatch("DURATION", "37:59:42"));
  EXPECT_FALSE(FullMatch("DURATION", "37:60:42"));
  EXPECT_TRUE(FullMatch("KERNEL_TIMESTAMP", "[12345.123456]"));
  EXPECT_FALSE(FullMatch("KERNEL_TIMESTAMP", "[1234.123456]"));
  EXPECT_TRUE(FullMatch("PATH", "/var/log/messages"));
  EXPECT_TRUE(FullMatch("PATH", R"(C:\Windows\System32)"));
}

TEST(GrokPatternsTest, CapturesUserPatternsAndErrors) {
  std::string regex;
  std::vector<GrokCapture> captures;
  std::map<std::string, std::string, std::less<>> extra = {{"FWACTION", "(?:allow|deny)"}};
  ASSERT_TRUE(ExpandGrok("%{IPV4:src.ip} %{FWACTION:action} %{INT}", &extra, &regex, &captures).ok());
  ASSERT_EQ(captures.size(), 2u);
  EXPECT_EQ(captures[0].field, "src.ip");
  EXPECT_EQ(captures[1].field, "action");
  EXPECT_EQ(captures[1].group, "grok2");
  ASSERT_TRUE(ExpandGrok(R"((?<user>\w+) \(?<x (?<=y))", nullptr, &regex, &captures).ok());
  EXPECT_EQ(regex, R"((?P<user>\w+) \(?<x (?<=y))");
  EXPECT_FALSE(ExpandGrok("%{NOPE:x}", nullptr, &regex, &captures).ok());
  EXPECT_FALSE(ExpandGrok("%{INT", nullptr, &regex, &captures).ok());
  std::map<std::string, std::string, std::less<>> cycle = {{"A", "%{B}"}, {"B", "%{A}"}};
  Status s = ExpandGrok("%{A}", &cycle, &regex, &captures);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("nest"), std::string::npos);
}

}  // namespace
}  // namespace recproc
