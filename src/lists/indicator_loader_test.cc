#include "lists/indicator_loader.h"

#include <gtest/gtest.h>

#include "lists/indicator_types.h"
#include "lists/stix_loader.h"

namespace recproc {
namespace {

TEST(IndicatorTypes, StixTypesAndPathsToColumns) {
  EXPECT_EQ(ColumnForIndicatorType("ipv4-addr"), "Ip");
  EXPECT_EQ(ColumnForIndicatorType("ipv6-addr:value"), "Ip");
  EXPECT_EQ(ColumnForIndicatorType("domain-name"), "Domain");
  EXPECT_EQ(ColumnForIndicatorType("URL"), "Url");
  EXPECT_EQ(ColumnForIndicatorType("file:hashes.MD5"), "FileHash");
  EXPECT_EQ(ColumnForIndicatorType("file:hashes.'SHA-256'"), "FileHash");
  EXPECT_EQ(ColumnForIndicatorType("file:name"), "");
  EXPECT_EQ(ColumnForIndicatorType("email-addr"), "Email");
  EXPECT_EQ(ColumnForIndicatorType("mac-addr"), "");
  EXPECT_EQ(ColumnForMispType("ip-dst"), "Ip");
  EXPECT_EQ(ColumnForMispType("filename"), "");
}

TEST(IndicatorCsv, ReadsTheTenColumnFormat) {
  ListItems out;
  ConfigErrors errors;
  EXPECT_TRUE(
      LoadIndicatorCsv("i-1,192.0.2.1,ipv4-addr,feed,2024-01-01T00:00:00Z,2025-01-01T00:00:00Z,80,"
                       "malicious-activity,,\n"
                       "i-2,\"evil.example\",domain-name,feed,2024-01-01T00:00:00Z,,,unknown\n"
                       "i-3,aa:bb:cc:dd:ee:ff,mac-addr,feed,2024-01-01T00:00:00Z,,50,unknown,,\n",
                       "i.csv", &out, &errors))
      << errors.ToString();
  ASSERT_EQ(out.items.size(), 2u);
  const ListItem& a = out.items[0];
  const IndicatorAttributes& ai = out.Indicator(a);
  EXPECT_EQ(out.Text(ai.id), "i-1");
  EXPECT_EQ(out.Text(a.value), "192.0.2.1");
  EXPECT_EQ(out.Text(ai.column), "Ip");
  EXPECT_EQ(ai.confidence, 80);
  EXPECT_EQ(a.expiration_ms, 1735689600000);
  EXPECT_EQ(out.Text(ai.threat_type), "malicious-activity");
  EXPECT_EQ(out.items[1].expiration_ms, kNoExpiry);
  EXPECT_EQ(out.Indicator(out.items[1]).confidence, -1);
  EXPECT_EQ(out.unsupported, 1u);
  ASSERT_EQ(out.warnings.size(), 1u);
  EXPECT_NE(out.warnings[0].find("i.csv:3"), std::string::npos);
}

TEST(IndicatorCsv, BadRowsNameTheirLine) {
  ListItems out;
  ConfigErrors errors;
  EXPECT_FALSE(
      LoadIndicatorCsv("i-1,1.2.3.4,ipv4-addr\n"
                       "i-2,1.2.3.4,ipv4-addr,s,2024-01-01,soon,50,x,,\n"
                       "i-3,1.2.3.4,ipv4-addr,s,2024-01-01,,101,x,,\n"
                       "i-4,1.2.3.4,ipv4-addr,s,2024-01-01,,,x,,\n",
                       "i.csv", &out, &errors));
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors.errors()[0].where.line, 1);
  EXPECT_EQ(errors.errors()[1].where.line, 2);
  EXPECT_EQ(errors.errors()[2].where.line, 3);
  EXPECT_EQ(out.items.size(), 1u);
}

TEST(IndicatorJson, ArrayAndNdjson) {
  ListItems arr;
  ConfigErrors errors;
  EXPECT_TRUE(
      LoadIndicatorJson(R"([{"id":"a","indicator":"d41d8cd98f00b204e9800998ecf8427e","type":"file:hashes.MD5",
      "source":"s","validFrom":"2024-01-01T00:00:00Z","confidence":70,"threatType":"malicious-activity","actors":"x"}])",
                        "a.json", &arr, &errors))
      << errors.ToString();
  ASSERT_EQ(arr.items.size(), 1u);
  EXPECT_EQ(arr.Text(arr.Indicator(arr.items[0]).column), "FileHash");
  EXPECT_EQ(arr.Indicator(arr.items[0]).confidence, 70);

  ListItems nd;
  EXPECT_FALSE(LoadIndicatorJson(
      "{\"id\":\"1\",\"indicator\":\"1.2.3.4\",\"type\":\"ipv4-addr\"}\n\n"
      "{not json}\n"
      "{\"id\":\"3\",\"indicator\":\"http://x.example/a\",\"type\":\"url\",\"validUntil\":\"2020-01-01\"}\n",
      "n.json", &nd, &errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors.errors()[0].where.line, 3);
  ASSERT_EQ(nd.items.size(), 2u);
  EXPECT_EQ(nd.items[1].expiration_ms, 1577836800000);
  EXPECT_EQ(nd.items[1].line, 4u);
}

TEST(StixPattern, SupportedSubset) {
  std::vector<StixComparison> c;
  ASSERT_TRUE(ParseStixPattern("[ipv4-addr:value = '10.0.0.0']", &c));
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].path, "ipv4-addr:value");
  EXPECT_EQ(c[0].value, "10.0.0.0");
  ASSERT_TRUE(
      ParseStixPattern("[ domain-name:value = 'a.example' OR ipv4-addr:value = '198.51.100.1/32' ]", &c));
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[1].value, "198.51.100.1/32");
  ASSERT_TRUE(ParseStixPattern("[file:hashes.'SHA-256' = 'ab\\'c']", &c));
  EXPECT_EQ(c[0].path, "file:hashes.'SHA-256'");
  EXPECT_EQ(c[0].value, "ab'c");
  EXPECT_FALSE(
      ParseStixPattern("[x509-certificate:issuer = 'a' AND x509-certificate:serial_number = 'b']", &c));
  EXPECT_FALSE(ParseStixPattern("[email-message:subject MATCHES '^x']", &c));
  EXPECT_FALSE(ParseStixPattern("[ipv4-addr:value = '1.2.3.4'] AND [ipv4-addr:value = '5.6.7.8']", &c));
  EXPECT_FALSE(ParseStixPattern("[ipv4-addr:value = '1.2.3.4'] WITHIN 300 SECONDS", &c));
  EXPECT_FALSE(ParseStixPattern("[ipv4-addr:value = '1.2.3.4'", &c));
}

TEST(Stix, BundleWithValidUntilRevokedAndUnsupported) {
  ListItems out;
  ConfigErrors errors;
  EXPECT_TRUE(LoadStix(R"({"type":"bundle","objects":[
    {"type":"indicator","id":"indicator--1","pattern":"[url:value = 'http://a.example/x']","pattern_type":"stix",
     "valid_from":"2020-01-01T00:00:00Z","valid_until":"2021-01-01T00:00:00Z","confidence":60,
     "indicator_types":["compromised"],"name":"bad url"},
    {"type":"indicator","id":"indicator--2","pattern":"[ipv6-addr:value = '2001:db8::/32']","revoked":true,
     "valid_from":"2020-01-01T00:00:00Z"},
    {"type":"indicator","id":"indicator--3","pattern":"[process:name = 'x.exe']","valid_from":"2020-01-01T00:00:00Z"},
    {"type":"indicator","id":"indicator--4","pattern":"[a:b = 'c']","pattern_type":"sigma"},
    {"type":"malware","id":"malware--1","name":"x"}]})",
                       "b.json", &out, &errors))
      << errors.ToString();
  ASSERT_EQ(out.items.size(), 2u);
  EXPECT_EQ(out.Text(out.Indicator(out.items[0]).column), "Url");
  EXPECT_EQ(out.items[0].expiration_ms, 1609459200000);
  EXPECT_EQ(out.Indicator(out.items[0]).confidence, 60);
  EXPECT_EQ(out.Text(out.Indicator(out.items[0]).threat_type), "compromised");
  EXPECT_EQ(out.Text(out.items[0].description), "bad url");
  EXPECT_FALSE(out.items[1].active);
  EXPECT_EQ(out.unsupported, 2u);
  ASSERT_EQ(out.warnings.size(), 2u);
  EXPECT_NE(out.warnings[0].find("indicator--3"), std::string::npos);
  EXPECT_NE(out.warnings[1].find("indicator--4"), std::string::npos);
}

}  // namespace
}  // namespace recproc
