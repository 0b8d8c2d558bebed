#include "enrich/network_blocks.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <vector>

namespace recproc {
namespace {

IpAddress Ip(std::string_view text) {
  IpAddress a;
  EXPECT_TRUE(ParseIpAddress(text, &a)) << text;
  return a;
}

std::unique_ptr<NetworkBlocks> Blocks(std::string_view csv, NetworkBlocksOptions o = {}) {
  std::unique_ptr<NetworkBlocks> nb;
  Status s = NetworkBlocks::FromCsv(csv, "blocks.csv", o, &nb);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return nb;
}

TEST(NetworkBlocksTest, MostSpecificBlockGivesLocation) {
  auto nb = Blocks(
      "address_block,label,internal,suppresses_signals\n"
      "10.0.0.0/8,EC2 Internal,true,false\n"
      "10.128.0.0/24,WebServer IPs,true,false\n");
  ASSERT_TRUE(nb);
  NetworkBlockResult r = nb->Lookup(Ip("10.128.0.1"));
  EXPECT_TRUE(r.in_block);
  EXPECT_EQ(r.location, "WebServer IPs");
  EXPECT_TRUE(r.is_internal);
  EXPECT_FALSE(r.suppresses);
  EXPECT_EQ(nb->Lookup(Ip("10.1.0.1")).location, "EC2 Internal");
  r = nb->Lookup(Ip("8.8.8.8"));
  EXPECT_FALSE(r.in_block);
  EXPECT_TRUE(r.location.empty());
  EXPECT_FALSE(r.is_internal);
}

TEST(NetworkBlocksTest, AnyColumnOrderDefaultsAndQuotedLabels) {
  auto nb = Blocks(
      "label,address_block\n"
      "\"Lab, building 2\",203.0.113.0/24\n"
      "v6 office,2001:db8:1::/48\n");
  ASSERT_TRUE(nb);
  NetworkBlockResult r = nb->Lookup(Ip("203.0.113.9"));
  EXPECT_EQ(r.location, "Lab, building 2");
  EXPECT_TRUE(r.is_internal);  // default internal=true
  EXPECT_FALSE(r.suppresses);  // default suppresses_signals=false
  r = nb->Lookup(Ip("2001:db8:1:2::5"));
  EXPECT_EQ(r.location, "v6 office");
  EXPECT_TRUE(r.is_internal);
  ASSERT_EQ(nb->blocks().size(), 2u);
  EXPECT_EQ(nb->blocks()[1].prefix_len, 48);
}

TEST(NetworkBlocksTest, Rfc1918AlwaysInternalUnlessABlockSaysOtherwise) {
  auto nb = Blocks(
      "address_block,label,internal\n"
      "192.168.50.0/24,Guest WiFi,false\n");
  ASSERT_TRUE(nb);
  EXPECT_TRUE(nb->Lookup(Ip("10.2.3.4")).is_internal);
  EXPECT_TRUE(nb->Lookup(Ip("172.31.255.255")).is_internal);
  EXPECT_FALSE(nb->Lookup(Ip("172.32.0.1")).is_internal);
  EXPECT_TRUE(nb->Lookup(Ip("192.168.1.1")).is_internal);
  NetworkBlockResult guest = nb->Lookup(Ip("192.168.50.7"));
  EXPECT_FALSE(guest.is_internal);
  EXPECT_EQ(guest.location, "Guest WiFi");
  EXPECT_TRUE(nb->Lookup(Ip("::ffff:10.0.0.1")).is_internal);
}

TEST(NetworkBlocksTest, ExtraDefaultRangesAreOptIn) {
  auto plain = Blocks("address_block\n");
  ASSERT_TRUE(plain);
  for (const char* ip : {"127.0.0.1", "::1", "169.254.1.1", "fe80::1", "100.64.0.1", "fd00::1"}) {
    EXPECT_FALSE(plain->Lookup(Ip(ip)).is_internal) << ip;
  }
  NetworkBlocksOptions o;
  o.loopback_internal = o.link_local_internal = o.cgnat_internal = o.ula_internal = true;
  auto all = Blocks("address_block\n", o);
  ASSERT_TRUE(all);
  for (const char* ip :
       {"127.0.0.1", "::1", "169.254.1.1", "fe80::1", "100.127.255.255", "fd00::1", "fc00::"}) {
    EXPECT_TRUE(all->Lookup(Ip(ip)).is_internal) << ip;
  }
  EXPECT_FALSE(all->Lookup(Ip("100.128.0.1")).is_internal);
  EXPECT_FALSE(all->Lookup(Ip("fe00::1")).is_internal);
}

TEST(NetworkBlocksTest, SuppressionFromAnyContainingBlock) {
  auto nb = Blocks(
      "address_block,label,internal,suppresses_signals\n"
      "198.51.100.0/24,Scanners,false,TRUE\n"
      "198.51.100.128/25,Scanner pool B,false,no\n"
      "198.51.100.200,Nessus,false,yes\n");
  ASSERT_TRUE(nb);
  NetworkBlockResult r = nb->Lookup(Ip("198.51.100.200"));
  EXPECT_TRUE(r.suppresses);
  EXPECT_EQ(r.suppress_label, "Nessus");
  EXPECT_EQ(r.location, "Nessus");
  r = nb->Lookup(Ip("198.51.100.130"));
  EXPECT_TRUE(r.suppresses);
  EXPECT_EQ(r.suppress_label, "Scanners");
  EXPECT_EQ(r.location, "Scanner pool B");
  EXPECT_FALSE(nb->Lookup(Ip("198.51.101.1")).suppresses);
}

TEST(NetworkBlocksTest, ReportsEveryErrorWithFileAndLine) {
  std::unique_ptr<NetworkBlocks> nb;
  Status s = NetworkBlocks::FromCsv(
      "address_block,label,internal\n"
      "10.0.0.0/33,Bad,true\n"
      "\n"
      "10.0.0.0/8,Ok,maybe\n"
      "10.0.0.0/8,One\n"
      "10.0.0.0/8,First,true\n"
      "10.0.0.0/8,Second,true\n"
      "\"unclosed,x,true\n",
      "site/blocks.csv", {}, &nb);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "site/blocks.csv:2: address_block \"10.0.0.0/33\" is not an IP address or CIDR block\n"
            "site/blocks.csv:4: internal must be true or false, found \"maybe\"\n"
            "site/blocks.csv:5: expected 3 fields, found 2\n"
            "site/blocks.csv:7: duplicate address_block 10.0.0.0/8 (also \"First\")\n"
            "site/blocks.csv:8: unclosed quote starting at column 1");
  EXPECT_FALSE(nb);

  s = NetworkBlocks::FromCsv("addres_block,label\n1.2.3.4,x\n", "b.csv", {}, &nb);
  EXPECT_EQ(s.message(),
            "b.csv:1: unknown column \"addres_block\" (expected address_block, label, internal, "
            "suppresses_signals)\n"
            "b.csv:1: header has no address_block column");
  s = NetworkBlocks::FromCsv("", "empty.csv", {}, &nb);
  EXPECT_EQ(s.message(), "empty.csv:1: empty file: expected a header line starting with address_block");
}

TEST(NetworkBlocksTest, LoadsFileWithCrlfAndBom) {
  std::string path = testing::TempDir() + "/" + std::to_string(getpid()) + "_network_blocks_test.csv";
  {
    std::ofstream f(path, std::ios::binary);
    f << "\xEF\xBB\xBF"
         "address_block,label\r\n172.20.0.0/16,VPN\r\n";
  }
  std::unique_ptr<NetworkBlocks> nb;
  Status s = NetworkBlocks::Load(path, {}, &nb);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(nb->Lookup(Ip("172.20.1.1")).location, "VPN");
  s = NetworkBlocks::Load(path + ".missing", {}, &nb);
  EXPECT_EQ(s.code(), Status::Code::kIoError);
}

// The IPv4 default ranges are checked by a scan of (base, mask) pairs; they
// must give what a prefix trie of the same ranges gives, for every option
// set, at every range edge and on random addresses.
TEST(NetworkBlocksTest, DefaultRangesAgreeWithAPrefixTrie) {
  const char* all[] = {"10.0.0.0/8",     "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8",
                       "169.254.0.0/16", "100.64.0.0/10", "::1/128",        "fe80::/10", "fc00::/7"};
  std::vector<IpAddress> probes;
  for (const char* c : all) {
    IpAddress base;
    int len;
    ASSERT_TRUE(ParseCidr(c, &base, &len));
    if (!base.v4) continue;
    uint32_t lo = base.Ipv4Int(), hi = lo + ((uint32_t{1} << (32 - len)) - 1);
    for (uint32_t a : {lo - 1, lo, lo + 1, hi - 1, hi, hi + 1}) {
      IpAddress p;
      p.v4 = true;
      for (int i = 0; i < 4; ++i) p.bytes[i] = static_cast<uint8_t>(a >> (24 - 8 * i));
      probes.push_back(p);
    }
  }
  std::mt19937 rng(5);
  for (int n = 0; n < 5000; ++n) {
    IpAddress p;
    p.v4 = true;
    uint32_t a = rng();
    for (int i = 0; i < 4; ++i) p.bytes[i] = static_cast<uint8_t>(a >> (24 - 8 * i));
    probes.push_back(p);
  }
  for (const char* v6 : {"::1", "::2", "fe80::1", "febf::1", "fec0::1", "fc00::1", "fdff::1", "fe00::1"})
    probes.push_back(Ip(v6));
  for (int mask = 0; mask < 16; ++mask) {
    NetworkBlocksOptions o;
    o.loopback_internal = mask & 1;
    o.link_local_internal = mask & 2;
    o.cgnat_internal = mask & 4;
    o.ula_internal = mask & 8;
    IpPrefixTrie reference;
    auto add = [&reference](const char* c) {
      IpAddress base;
      int len;
      ASSERT_TRUE(ParseCidr(c, &base, &len));
      reference.Insert(base, len, 0);
    };
    for (int i = 0; i < 3; ++i) add(all[i]);
    if (o.loopback_internal) add("127.0.0.0/8"), add("::1/128");
    if (o.link_local_internal) add("169.254.0.0/16"), add("fe80::/10");
    if (o.cgnat_internal) add("100.64.0.0/10");
    if (o.ula_internal) add("fc00::/7");
    auto nb = Blocks("address_block\n", o);
    ASSERT_TRUE(nb);
    int internal = 0;
    for (const IpAddress& p : probes) {
      bool want = reference.LongestMatch(p, nullptr, nullptr);
      ASSERT_EQ(nb->Lookup(p).is_internal, want) << p.ToString() << " options " << mask;
      internal += want;
    }
    EXPECT_GT(internal, 12);
  }
}

}  // namespace
}  // namespace recproc
