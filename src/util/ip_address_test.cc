#include "util/ip_address.h"

#include <gtest/gtest.h>

namespace recproc {
namespace {

IpAddress Ip(std::string_view text) {
  IpAddress a;
  EXPECT_TRUE(ParseIpAddress(text, &a)) << text;
  return a;
}

TEST(IpAddressTest, ParsesDottedQuad) {
  IpAddress a = Ip("192.168.1.20");
  EXPECT_TRUE(a.v4);
  EXPECT_EQ(a.bytes[0], 192);
  EXPECT_EQ(a.bytes[3], 20);
  EXPECT_EQ(a.Ipv4Int(), 3232235796u);
  EXPECT_EQ(a.ToString(), "192.168.1.20");
  EXPECT_EQ(Ip("0.0.0.0").Ipv4Int(), 0u);
  EXPECT_EQ(Ip("255.255.255.255").Ipv4Int(), 4294967295u);
}

TEST(IpAddressTest, RejectsAmbiguousOrMalformedIpv4) {
  IpAddress a;
  for (std::string_view bad :
       {"010.1.1.1", "1.2.3.04", "1.2.3", "10.1", "256.1.1.1", "1.2.3.4.5", "0x7f.0.0.1", "1.2.3.4 ",
        " 1.2.3.4", "", "1..2.3", "1.2.3.", "a.b.c.d", "1.2.3.4/24"}) {
    EXPECT_FALSE(ParseIpAddress(bad, &a)) << bad;
  }
}

TEST(IpAddressTest, ParsesIpv6Forms) {
  EXPECT_EQ(Ip("::").ToString(), "::");
  EXPECT_EQ(Ip("::1").ToString(), "::1");
  EXPECT_EQ(Ip("2001:DB8:0:0:0:0:0:1").ToString(), "2001:db8::1");
  EXPECT_EQ(Ip("2001:db8::").ToString(), "2001:db8::");
  EXPECT_EQ(Ip("fe80::1%eth0").ToString(), "fe80::1");
  EXPECT_EQ(Ip("[::1]").ToString(), "::1");
  EXPECT_EQ(Ip("[fe80::a%25en0]").ToString(), "fe80::a");
  IpAddress embedded = Ip("64:ff9b::192.0.2.33");
  EXPECT_FALSE(embedded.v4);
  EXPECT_EQ(embedded.bytes[12], 192);
  EXPECT_EQ(embedded.bytes[15], 33);
  EXPECT_EQ(embedded.Ipv4Int(), 0u);
  IpAddress a;
  for (std::string_view bad : {":::", "1:2:3:4:5:6:7:8:9", "2001:db8::g", "fe80::1%", "[::1", "::1]",
                               "1::2::3", "::ffff:1.2.3.256"}) {
    EXPECT_FALSE(ParseIpAddress(bad, &a)) << bad;
  }
}

TEST(IpAddressTest, EmbeddedIpv4FromMappedAnd6to4) {
  IpAddress v4;
  ASSERT_TRUE(EmbeddedIpv4(Ip("::ffff:81.2.69.160"), &v4));
  EXPECT_TRUE(v4.v4);
  EXPECT_EQ(v4.ToString(), "81.2.69.160");
  EXPECT_TRUE(IsIpv4Mapped(Ip("::ffff:81.2.69.160")));
  EXPECT_EQ(Ip("::ffff:81.2.69.160").ToString(), "::ffff:81.2.69.160");

  ASSERT_TRUE(EmbeddedIpv4(Ip("2002:5102:45a0::1"), &v4));
  EXPECT_EQ(v4.ToString(), "81.2.69.160");
  EXPECT_FALSE(IsIpv4Mapped(Ip("2002:5102:45a0::1")));

  ASSERT_TRUE(EmbeddedIpv4(Ip("10.0.0.1"), &v4));
  EXPECT_EQ(v4.ToString(), "10.0.0.1");
  EXPECT_FALSE(EmbeddedIpv4(Ip("2001:db8::1"), &v4));
  EXPECT_FALSE(EmbeddedIpv4(Ip("::1"), &v4));
}

TEST(IpAddressTest, CidrMasksHostBitsAndAcceptsBareAddresses) {
  IpAddress base;
  int len = -1;
  ASSERT_TRUE(ParseCidr("10.1.2.3/8", &base, &len));
  EXPECT_EQ(base.ToString(), "10.0.0.0");
  EXPECT_EQ(len, 8);
  ASSERT_TRUE(ParseCidr("172.16.255.1/12", &base, &len));
  EXPECT_EQ(base.ToString(), "172.16.0.0");
  ASSERT_TRUE(ParseCidr("192.0.2.7", &base, &len));
  EXPECT_EQ(len, 32);
  EXPECT_EQ(base.ToString(), "192.0.2.7");
  ASSERT_TRUE(ParseCidr("2001:db8:abcd::1/35", &base, &len));
  EXPECT_EQ(base.ToString(), "2001:db8:a000::");
  EXPECT_EQ(len, 35);
  ASSERT_TRUE(ParseCidr("::/0", &base, &len));
  EXPECT_EQ(len, 0);
  ASSERT_TRUE(ParseCidr("fe80::1", &base, &len));
  EXPECT_EQ(len, 128);
  for (std::string_view bad : {"10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8a", "/8",
                               "10.0.0.0/0008", "10.0.0/8"}) {
    EXPECT_FALSE(ParseCidr(bad, &base, &len)) << bad;
  }
}

TEST(IpAddressTest, FormatWritesIntoCallerBuffer) {
  char buf[kMaxIpAddressText];
  EXPECT_EQ(FormatIpAddress(Ip("2001:DB8:0:0:1:0:0:1"), buf), "2001:db8::1:0:0:1");
  EXPECT_EQ(FormatIpAddress(Ip("0.0.0.0"), buf), "0.0.0.0");
  EXPECT_EQ(FormatIpAddress(Ip("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255"), buf),
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
  EXPECT_EQ(FormatIpAddress(Ip("::ffff:255.255.255.255"), buf), "::ffff:255.255.255.255");
}

TEST(IpAddressTest, EqualityIncludesFamily) {
  EXPECT_EQ(Ip("1.2.3.4"), Ip("1.2.3.4"));
  EXPECT_FALSE(Ip("0.0.0.0") == Ip("::"));
}

}  // namespace
}  // namespace recproc
