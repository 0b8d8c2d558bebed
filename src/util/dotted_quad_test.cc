#include "util/ip_address.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace recproc {
namespace {

// inet_pton(AF_INET) on a NUL-terminated copy: the reference.
bool Reference(const std::string& text, uint8_t bytes[4]) {
  return inet_pton(AF_INET, text.c_str(), bytes) == 1;
}

// The fast parser must give inet_pton's answer, and the same bytes.
void ExpectSameAsInetPton(const std::string& text) {
  uint8_t want[4] = {}, got[4] = {};
  bool ok = Reference(text, want);
  ASSERT_EQ(ParseDottedQuad(text, got), ok) << '"' << text << '"';
  if (ok) {
    EXPECT_EQ(std::memcmp(want, got, 4), 0) << text;
  }
}

// ParseIpAddress on text without a colon (the IPv4 forms) must give the
// answer of inet_pton(AF_INET) on the text without surrounding brackets, the
// path such text took before the dotted-quad reader.
void ExpectParseIpAddressAsInetPton(const std::string& text) {
  if (text.find(':') != std::string::npos) return;
  std::string inner = text;
  if (inner.size() >= 2 && inner.front() == '[' && inner.back() == ']') inner = inner.substr(1, inner.size() - 2);
  uint8_t want[4] = {};
  const bool ok = !inner.empty() && Reference(inner, want);
  IpAddress got;
  ASSERT_EQ(ParseIpAddress(text, &got), ok) << '"' << text << '"';
  if (ok) {
    EXPECT_TRUE(got.v4) << text;
    EXPECT_EQ(std::memcmp(want, got.bytes, 4), 0) << text;
  }
}

TEST(DottedQuadTest, AcceptsDottedQuads) {
  uint8_t b[4];
  ASSERT_TRUE(ParseDottedQuad("192.168.0.255", b));
  EXPECT_EQ(b[0], 192);
  EXPECT_EQ(b[1], 168);
  EXPECT_EQ(b[2], 0);
  EXPECT_EQ(b[3], 255);
  ASSERT_TRUE(ParseDottedQuad("0.0.0.0", b));
  EXPECT_EQ(b[0] | b[1] | b[2] | b[3], 0);
  IpAddress a;
  ASSERT_TRUE(ParseIpAddress("10.3.45.163", &a));
  EXPECT_TRUE(a.v4);
  EXPECT_EQ(a.Ipv4Int(), 0x0a032da3u);
  EXPECT_EQ(a.bytes[4] | a.bytes[15], 0);
}

TEST(DottedQuadTest, RejectsWhatInetPtonRejects) {
  for (const char* bad : {"", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.00", "1.2.3.256", "1.2.3.1000",
                          "1..2.3", ".1.2.3.4", "1.2.3.4.", "1.2.3.4 ", " 1.2.3.4", "1.2.3.4x", "1.2.3.-4",
                          "0x1.2.3.4", "1.2.3.0255", "999.1.1.1", "255.255.255.2555"}) {
    uint8_t b[4];
    EXPECT_FALSE(ParseDottedQuad(bad, b)) << bad;
    ExpectSameAsInetPton(bad);
  }
}

// Every string of up to 9 characters over digits and dots that exercise the
// leading-zero, 255 and octet-count rules.
TEST(DottedQuadTest, AgreesWithInetPtonOnEveryShortDigitString) {
  const std::string alphabet = "01259.";
  std::string s;
  std::vector<size_t> idx;
  for (size_t len = 0; len <= 9; ++len) {
    idx.assign(len, 0);
    for (;;) {
      s.resize(len);
      for (size_t i = 0; i < len; ++i) s[i] = alphabet[idx[i]];
      ExpectSameAsInetPton(s);
      if (HasFatalFailure()) return;
      size_t i = 0;
      while (i < len && ++idx[i] == alphabet.size()) idx[i++] = 0;
      if (i == len) break;
    }
  }
}

// Random quads built from octets around every boundary, with wrong counts,
// empty octets and junk around them; longer than the exhaustive set above.
TEST(DottedQuadTest, AgreesWithInetPtonAndParseIpAddressOnGeneratedQuads) {
  const std::vector<std::string> octets = {"",    "0",   "00",  "01",  "000", "1",   "9",   "10",  "99",
                                           "100", "199", "200", "249", "250", "255", "256", "260", "299",
                                           "300", "999", "025", "0255", "1000", "2550", "a",  "1a", "-1"};
  const std::vector<std::string> junk = {"", "", "", " ", ".", "x", ":", "/24", "\t", "[", "]", "%eth0"};
  std::mt19937 rng(12345);
  auto pick = [&rng](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  for (int n = 0; n < 200000; ++n) {
    int count = 4;
    if (rng() % 4 == 0) count = 1 + static_cast<int>(rng() % 6);
    std::string s = pick(junk);
    for (int i = 0; i < count; ++i) {
      if (i > 0) s += (rng() % 50 == 0) ? ".." : ".";
      s += pick(octets);
    }
    s += pick(junk);
    ExpectSameAsInetPton(s);
    ExpectParseIpAddressAsInetPton(s);
    if (HasFatalFailure()) return;
  }
}

TEST(DottedQuadTest, OtherFormsStillParse) {
  for (const char* text : {"[10.0.0.1]", "10.0.0.1 ", "[]", "[1.2.3.4", "1.2.3.4]"}) ExpectParseIpAddressAsInetPton(text);
  IpAddress a;
  EXPECT_TRUE(ParseIpAddress("::ffff:10.0.0.1", &a));
  EXPECT_FALSE(a.v4);
  EXPECT_TRUE(ParseIpAddress("fe80::1%eth0", &a));
  EXPECT_FALSE(ParseIpAddress("fe80::1%", &a));
  EXPECT_FALSE(ParseIpAddress("1.2.3.4:80", &a));
  EXPECT_FALSE(ParseIpAddress("1:2:3:4:5:6:7:8:9", &a));
  ASSERT_TRUE(ParseIpAddress("[10.0.0.1]", &a));
  EXPECT_TRUE(a.v4);
  EXPECT_EQ(a.Ipv4Int(), 0x0a000001u);
  // A view into a longer buffer: only the view's bytes count.
  std::string_view view = std::string_view("1.2.3.45", 7);
  ASSERT_TRUE(ParseIpAddress(view, &a));
  EXPECT_EQ(a.Ipv4Int(), 0x01020304u);
}

}  // namespace
}  // namespace recproc
