#include "lists/list_set.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>

#include "lists/csv_list_loader.h"
#include "lists/list_match_json.h"

namespace recproc {
namespace {

constexpr int64_t kNow = 1700000000000;  // 2023-11-14T22:13:20Z

ListColumns DefaultColumns() {
  ListColumns columns;
  ConfigErrors errors;
  EXPECT_TRUE(columns.AddFile(ListColumns::kDefaultPath, &errors)) << errors.ToString();
  return columns;
}

LoadedList MakeList(std::string name, ListKind kind, std::string column,
                    std::vector<std::pair<std::string, std::string>> values) {
  LoadedList l;
  l.def.name = std::move(name);
  l.def.kind = kind;
  l.def.column = std::move(column);
  l.origin = l.def.name + ".csv";
  uint32_t line = 2;
  for (const auto& [value, desc] : values) {
    ListItem item;
    item.value = l.items.text.Add(value);
    item.description = l.items.text.Add(desc);
    item.line = line++;
    l.items.items.push_back(item);
  }
  return l;
}

std::unique_ptr<ListSet> BuildSet(std::vector<LoadedList> lists) {
  std::unique_ptr<ListSet> set;
  ConfigErrors errors;
  EXPECT_TRUE(ListSet::Build(DefaultColumns(), std::move(lists), &errors, &set)) << errors.ToString();
  return set;
}

// Item values of every hit.
std::vector<std::string> Hits(const ListSet& set, std::string_view column, std::string_view value,
                              int64_t now = kNow) {
  std::vector<ListHit> hits;
  set.Match(column, value, now, &hits);
  std::vector<std::string> out;
  for (const ListHit& h : hits)
    out.emplace_back(set.Text(h.list_index, set.item(h.list_index, h.item_index).value));
  return out;
}

using V = std::vector<std::string>;

TEST(ListColumns, BuiltinTableHasEveryStandardColumn) {
  ListColumns c = DefaultColumns();
  for (const char* name : {"SrcIp", "DstIp", "Ip", "Hostname", "Domain", "Url", "Username", "FileHash", "Asn",
                           "SrcAsn", "DstAsn", "Isp", "SrcIsp", "DstIsp", "Org", "SrcOrg", "DstOrg"})
    EXPECT_GE(c.Find(name), 0) << name;
  const ListColumn& user = c[c.Find("Username")];
  EXPECT_EQ(user.match, MatchKind::kUsername);
  EXPECT_NE(std::find(user.attributes.begin(), user.attributes.end(), "targetUser_username"),
            user.attributes.end());
  const ListColumn& src = c[c.Find("SrcIp")];
  EXPECT_NE(std::find(src.attributes.begin(), src.attributes.end(), "device_ip"), src.attributes.end());
  EXPECT_EQ(c.Suggest("Srcip"), "SrcIp");
}

TEST(ListColumns, UserColumnsAndBadEntries) {
  ListColumns c = DefaultColumns();
  ConfigErrors errors;
  ConfigNode doc = ConfigNode::Parse(
      "columns:\n  HttpUrlPath: {match: exact, attributes: [http_url_path]}\n"
      "  Bad: {match: fuzzy, attributes: []}\n",
      "cols.yaml", &errors);
  EXPECT_FALSE(c.Add(doc, &errors));
  ASSERT_EQ(errors.size(), 2u) << errors.ToString();
  EXPECT_EQ(errors.errors()[0].where.line, 3);
  EXPECT_GE(c.Find("HttpUrlPath"), 0);
}

TEST(ListSetIp, CidrEdgesAndOverlaps) {
  auto set = BuildSet({MakeList("nets", ListKind::kMatch, "SrcIp",
                                {{"10.0.0.0/8", "a"},
                                 {"10.1.0.0/16", "b"},
                                 {"10.1.2.3", "c"},
                                 {"2001:db8::/32", "d"},
                                 {"2001:db8::1/128", "e"},
                                 {"192.0.2.9/32", "f"}}),
                       MakeList("everything", ListKind::kMatch, "DstIp", {{"0.0.0.0/0", ""}, {"::/0", ""}})});
  EXPECT_EQ(Hits(*set, "SrcIp", "10.1.2.3"), (V{"10.1.2.3", "10.1.0.0/16", "10.0.0.0/8"}));
  EXPECT_EQ(Hits(*set, "SrcIp", "10.2.0.1"), (V{"10.0.0.0/8"}));
  EXPECT_EQ(Hits(*set, "SrcIp", "11.0.0.0"), V{});
  EXPECT_EQ(Hits(*set, "SrcIp", "192.0.2.9"), (V{"192.0.2.9/32"}));
  EXPECT_EQ(Hits(*set, "SrcIp", "192.0.2.8"), V{});
  EXPECT_EQ(Hits(*set, "SrcIp", "2001:DB8::1"), (V{"2001:db8::1/128", "2001:db8::/32"}));
  EXPECT_EQ(Hits(*set, "SrcIp", "2001:db9::1"), V{});
  EXPECT_EQ(Hits(*set, "SrcIp", "::ffff:10.1.2.3").size(), 3u);  // IPv4-mapped is the IPv4 host
  EXPECT_EQ(Hits(*set, "SrcIp", "not-an-ip"), V{});
  EXPECT_EQ(Hits(*set, "DstIp", "203.0.113.1"), (V{"0.0.0.0/0"}));
  EXPECT_EQ(Hits(*set, "DstIp", "fe80::1"), (V{"::/0"}));
  EXPECT_EQ(Hits(*set, "SrcIp", "0.0.0.1"), V{});  // /0 sits in the DstIp list only
  EXPECT_EQ(Hits(*set, "NoSuchColumn", "10.1.2.3"), V{});
}

TEST(ListSetIp, BadValuesAreErrorsAtTheirLine) {
  std::unique_ptr<ListSet> set;
  ConfigErrors errors;
  std::vector<LoadedList> lists;
  lists.push_back(
      MakeList("x", ListKind::kMatch, "SrcIp", {{"1.2.3.4", ""}, {"1.2.3.256", ""}, {"10.0.0.0/33", ""}}));
  lists.push_back(MakeList("y", ListKind::kMatch, "SrcIpp", {}));
  EXPECT_FALSE(ListSet::Build(DefaultColumns(), std::move(lists), &errors, &set));
  ASSERT_EQ(errors.size(), 3u) << errors.ToString();
  EXPECT_EQ(errors.errors()[0].where.ToString(), "x.csv:3:1");
  EXPECT_EQ(errors.errors()[1].where.line, 4);
  EXPECT_NE(errors.errors()[2].message.find("did you mean 'SrcIp'"), std::string::npos);
  EXPECT_EQ(set, nullptr);
}

TEST(ListSetDomain, LabelBoundariesCaseAndTrailingDot) {
  auto set = BuildSet({MakeList("d", ListKind::kMatch, "Domain",
                                {{"google.com", ""}, {"Mail.Example.ORG.", ""}, {"co.uk", ""}})});
  EXPECT_EQ(Hits(*set, "Domain", "google.com"), (V{"google.com"}));
  EXPECT_EQ(Hits(*set, "Domain", "mail.google.com"), (V{"google.com"}));
  EXPECT_EQ(Hits(*set, "Domain", "a.b.GOOGLE.com."), (V{"google.com"}));
  EXPECT_EQ(Hits(*set, "Domain", "evilgoogle.com"), V{});
  EXPECT_EQ(Hits(*set, "Domain", "google.com.evil.net"), V{});
  EXPECT_EQ(Hits(*set, "Domain", "com"), V{});
  EXPECT_EQ(Hits(*set, "Domain", "mail.example.org"), (V{"Mail.Example.ORG."}));
  EXPECT_EQ(Hits(*set, "Domain", "test.mail.example.org"), (V{"Mail.Example.ORG."}));
  EXPECT_EQ(Hits(*set, "Domain", "example.org"), V{});
  EXPECT_EQ(Hits(*set, "Domain", "bbc.co.uk"), (V{"co.uk"}));
}

TEST(ListSetKeys, CaseRulesPerKind) {
  auto set =
      BuildSet({MakeList("h", ListKind::kMatch, "Hostname", {{"WS-01", ""}}),
                MakeList("u", ListKind::kMatch, "Username", {{"Alice", ""}}),
                MakeList("f", ListKind::kMatch, "FileHash", {{"D41D8CD98F00B204E9800998ECF8427E", ""}}),
                MakeList("url", ListKind::kMatch, "Url", {{"HTTP://Evil.Example/Path?Q=1", ""}}),
                MakeList("asn", ListKind::kMatch, "Asn", {{"AS15169", ""}}),
                MakeList("isp", ListKind::kMatch, "Isp", {{"Google LLC", ""}})});
  EXPECT_EQ(Hits(*set, "Hostname", "ws-01").size(), 1u);
  EXPECT_EQ(Hits(*set, "Hostname", "ws-01.corp").size(), 0u);
  EXPECT_EQ(Hits(*set, "Username", "ALICE").size(), 1u);
  EXPECT_EQ(Hits(*set, "FileHash", "d41d8cd98f00b204e9800998ecf8427e").size(), 1u);
  EXPECT_EQ(Hits(*set, "Url", "http://evil.example/Path?Q=1").size(), 1u);
  EXPECT_EQ(Hits(*set, "Url", "http://evil.example/path?q=1").size(), 0u);  // path keeps its case
  EXPECT_EQ(Hits(*set, "Asn", "15169").size(), 1u);
  EXPECT_EQ(Hits(*set, "Isp", "Google LLC").size(), 1u);
  EXPECT_EQ(Hits(*set, "Isp", "google llc").size(), 0u);  // exact
}

TEST(ListSetLiveness, ExpiryAtTheExactMillisecondAndInactive) {
  LoadedList l =
      MakeList("t", ListKind::kMatch, "SrcIp", {{"1.1.1.1", ""}, {"2.2.2.2", ""}, {"3.3.3.3", ""}});
  l.items.items[0].expiration_ms = kNow;      // expires exactly now: no match
  l.items.items[1].expiration_ms = kNow + 1;  // still live
  l.items.items[2].active = false;
  LoadedList off = MakeList("off", ListKind::kMatch, "SrcIp", {{"1.1.1.1", ""}});
  off.def.active = false;
  std::vector<LoadedList> lists;
  lists.push_back(std::move(l));
  lists.push_back(std::move(off));
  auto set = BuildSet(std::move(lists));
  EXPECT_EQ(Hits(*set, "SrcIp", "1.1.1.1"), V{});
  EXPECT_EQ(Hits(*set, "SrcIp", "1.1.1.1", kNow - 1), (V{"1.1.1.1"}));
  EXPECT_EQ(Hits(*set, "SrcIp", "2.2.2.2"), (V{"2.2.2.2"}));
  EXPECT_EQ(Hits(*set, "SrcIp", "2.2.2.2", kNow + 1), V{});
  EXPECT_EQ(Hits(*set, "SrcIp", "3.3.3.3"), V{});
}

TEST(ListSetLiveness, DuplicateValuesKeepEveryItem) {
  LoadedList l = MakeList("dup", ListKind::kMatch, "Domain", {{"a.example", "old"}, {"A.example", "new"}});
  l.items.items[0].expiration_ms = 0;
  LoadedList ip = MakeList("dupip", ListKind::kMatch, "SrcIp", {{"10.0.0.0/8", "x"}, {"10.9.9.9/8", "y"}});
  std::vector<LoadedList> lists;
  lists.push_back(std::move(l));
  lists.push_back(std::move(ip));
  auto set = BuildSet(std::move(lists));
  EXPECT_EQ(Hits(*set, "Domain", "a.example"), (V{"A.example"}));
  EXPECT_EQ(Hits(*set, "SrcIp", "10.1.1.1"), (V{"10.0.0.0/8", "10.9.9.9/8"}));  // file order
}

using Attrs = std::map<std::string, std::string, std::less<>>;

class MapSource : public AttributeSource {
 public:
  explicit MapSource(std::map<std::string, std::string, std::less<>> m) : m_(std::move(m)) {}
  bool Get(std::string_view attr, std::string_view* value) const override {
    auto it = m_.find(attr);
    if (it == m_.end()) return false;
    *value = it->second;
    return true;
  }

 private:
  std::map<std::string, std::string, std::less<>> m_;
};

TEST(ListSetRecord, OutputsFollowTheReferenceShape) {
  LoadedList threat =
      MakeList("threat feed x", ListKind::kThreat, "DstIp", {{"203.0.113.9", "C2 \"quoted\""}});
  IndicatorAttributes* ind = threat.items.AddIndicator(&threat.items.items[0]);
  ind->id = threat.items.text.Add("ind-1");
  ind->confidence = 90;
  threat.items.items[0].expiration_ms = 1893456000000;  // 2030-01-01
  std::vector<LoadedList> lists;
  lists.push_back(MakeList("vuln_scanners", ListKind::kMatch, "SrcIp", {{"5.6.0.0/16", "Qualys"}}));
  lists.push_back(std::move(threat));
  lists.push_back(MakeList("quiet", ListKind::kSuppressed, "Hostname", {{"scanner01", ""}}));
  auto set = BuildSet(std::move(lists));
  MapSource record(Attrs{{"srcDevice_ip", "5.6.7.8"},
                         {"device_ip", "5.6.7.9"},
                         {"dstDevice_ip", "203.0.113.9"},
                         {"srcDevice_hostname", "SCANNER01"}});
  std::vector<RecordListHit> hits;
  set->MatchRecord(record, kNow, &hits);
  ASSERT_EQ(hits.size(), 4u);
  std::string out;
  ASSERT_TRUE(WriteListMatchesJson(*set, hits, &out));
  EXPECT_EQ(
      out,
      R"(["vuln_scanners","column:SrcIp","threat_feed_x","column:DstIp","quiet","column:Hostname","threat"])");
  out.clear();
  ASSERT_TRUE(WriteMatchedItemsJson(*set, hits, &out));
  EXPECT_EQ(
      out,
      R"([{"listName":"vuln_scanners","listType":"match","column":"SrcIp","field":"srcDevice_ip","value":"5.6.7.8","item":"5.6.0.0/16","description":"Qualys","expiration":null},)"
      R"({"listName":"vuln_scanners","listType":"match","column":"SrcIp","field":"device_ip","value":"5.6.7.9","item":"5.6.0.0/16","description":"Qualys","expiration":null},)"
      R"({"listName":"threat feed x","listType":"threat","column":"DstIp","field":"dstDevice_ip","value":"203.0.113.9","item":"203.0.113.9","description":"C2 \"quoted\"","expiration":"2030-01-01T00:00:00.000Z","itemId":"ind-1","confidence":90},)"
      R"({"listName":"quiet","listType":"suppressed","column":"Hostname","field":"srcDevice_hostname","value":"SCANNER01","item":"scanner01","description":"","expiration":null}])");
  EXPECT_TRUE(IsSuppressed(*set, hits));
  out.clear();
  ASSERT_TRUE(WriteSuppressedReasonsJson(*set, hits, &out));
  EXPECT_EQ(out, R"(["list:quiet"])");
  out.clear();
  ASSERT_TRUE(WriteMatchingIndicatorsJson(*set, hits, &out));
  EXPECT_EQ(
      out,
      R"({"dstDevice_ip":[{"id":"ind-1","indicator":"203.0.113.9","source":"threat feed x","confidence":90,"validUntil":"2030-01-01T00:00:00.000Z"}]})");
}

TEST(ListSetRecord, NothingMatchedMeansAbsent) {
  auto set = BuildSet({MakeList("m", ListKind::kMatch, "SrcIp", {{"1.2.3.4", ""}})});
  MapSource record(Attrs{{"srcDevice_ip", "9.9.9.9"}});
  std::vector<RecordListHit> hits;
  set->MatchRecord(record, kNow, &hits);
  EXPECT_TRUE(hits.empty());
  std::string out;
  EXPECT_FALSE(WriteListMatchesJson(*set, hits, &out));
  EXPECT_FALSE(WriteMatchedItemsJson(*set, hits, &out));
  EXPECT_FALSE(WriteSuppressedReasonsJson(*set, hits, &out));
  EXPECT_FALSE(WriteMatchingIndicatorsJson(*set, hits, &out));
  EXPECT_EQ(out, "");
}

TEST(ListSetRecord, FeedItemsNarrowedByListColumn) {
  LoadedList feed;
  feed.def.name = "feed";
  feed.def.kind = ListKind::kThreat;
  feed.def.column = "DstIp";
  feed.origin = "feed.json";
  for (auto [v, c] : {std::pair{"198.51.100.1", "Ip"}, std::pair{"evil.example", "Domain"}}) {
    ListItem item;
    item.value = feed.items.text.Add(v);
    feed.items.AddIndicator(&item)->column = feed.items.text.Add(c);
    feed.items.items.push_back(item);
  }
  std::vector<LoadedList> lists;
  lists.push_back(std::move(feed));
  auto set = BuildSet(std::move(lists));
  EXPECT_EQ(Hits(*set, "DstIp", "198.51.100.1"), (V{"198.51.100.1"}));
  EXPECT_EQ(Hits(*set, "Ip", "198.51.100.1"), V{});
  EXPECT_EQ(Hits(*set, "Domain", "evil.example"), V{});
  EXPECT_EQ(set->warnings().size(), 1u);
}

// IPv4 hosts and blocks (nested, duplicated, some inactive or expiring
// around now) against the definition: every live item whose block holds the
// address, most specific block first, file order within a block.
TEST(ListSetIp, AgreesWithBruteForceOnRandomItems) {
  std::mt19937 rng(424242);
  struct Ref {
    uint32_t base;
    int len;
    bool live;
    std::string text;
  };
  auto mask = [](int len) { return len == 0 ? 0u : 0xffffffffu << (32 - len); };
  auto dotted = [](uint32_t a) {
    char buf[16];
    int n = std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", a >> 24, a >> 16 & 255, a >> 8 & 255, a & 255);
    return std::string(buf, static_cast<size_t>(n));
  };
  std::vector<Ref> refs;
  LoadedList list = MakeList("ips", ListKind::kMatch, "Ip", {});
  for (int i = 0; i < 3000; ++i) {
    uint32_t base = (rng() & 0x0000ffffu) | 0xc6330000u;  // 198.51.0.0/16: dense overlaps
    int len = rng() % 3 == 0 ? 16 + static_cast<int>(rng() % 17) : 32;
    if (!refs.empty() && rng() % 10 == 0) {  // the same block again
      const Ref& again = refs[rng() % refs.size()];
      base = again.base;
      len = again.len;
    }
    base &= mask(len);
    std::string text = dotted(base);
    if (len != 32 || rng() % 2) text.append("/").append(std::to_string(len));
    ListItem item;
    item.value = list.items.text.Add(text);
    item.line = static_cast<uint32_t>(i + 2);
    int fate = static_cast<int>(rng() % 10);
    if (fate == 0) item.active = false;
    if (fate == 1) item.expiration_ms = kNow;  // expires exactly now: already out
    if (fate == 2) item.expiration_ms = kNow + 1;
    list.items.items.push_back(item);
    refs.push_back({base, len, fate != 0 && fate != 1, text});
  }
  auto set = BuildSet({std::move(list)});
  ASSERT_NE(set, nullptr);
  for (int probe = 0; probe < 3000; ++probe) {
    uint32_t addr = probe % 3 == 0 ? refs[rng() % refs.size()].base : (rng() & 0x0000ffffu) | 0xc6330000u;
    std::vector<std::pair<int, size_t>> order;  // (-len, file position)
    for (size_t i = 0; i < refs.size(); ++i)
      if (refs[i].live && (addr & mask(refs[i].len)) == refs[i].base) order.emplace_back(-refs[i].len, i);
    std::sort(order.begin(), order.end());
    V expected;
    for (const auto& [len, i] : order) expected.push_back(refs[i].text);
    ASSERT_EQ(Hits(*set, "Ip", dotted(addr)), expected) << dotted(addr);
  }
}

TEST(ListSetScale, TwoHundredThousandItems) {
  LoadedList ips, domains;
  ips.def = {"ips", ListKind::kThreat, "Ip", "", 0, true};
  domains.def = {"domains", ListKind::kThreat, "Domain", "", 0, true};
  ips.items.text.Reserve(100000 * 18);
  char buf[64];
  for (uint32_t i = 0; i < 100000; ++i) {
    ListItem item;
    int n = std::snprintf(buf, sizeof buf, "%u.%u.%u.%u%s", 10 + (i >> 16), (i >> 8) & 255, i & 255, 1,
                          i % 2 ? "/32" : "");
    item.value = ips.items.text.Add(std::string_view(buf, n));
    ips.items.items.push_back(item);
    n = std::snprintf(buf, sizeof buf, "host%u.example%u.net", i, i % 97);
    item.value = domains.items.text.Add(std::string_view(buf, n));
    domains.items.items.push_back(item);
  }
  std::vector<LoadedList> lists;
  lists.push_back(std::move(ips));
  lists.push_back(std::move(domains));
  auto set = BuildSet(std::move(lists));
  ASSERT_NE(set, nullptr);
  EXPECT_EQ(set->item_count(0), 100000u);
  EXPECT_EQ(set->item_count(1), 100000u);
  EXPECT_EQ(Hits(*set, "Ip", "11.134.159.1"), (V{"11.134.159.1/32"}));  // i = 99999
  EXPECT_EQ(Hits(*set, "Ip", "11.134.159.2"), V{});
  EXPECT_EQ(Hits(*set, "Domain", "www.HOST4242.example71.net"), (V{"host4242.example71.net"}));
  EXPECT_EQ(Hits(*set, "Domain", "host4242.example70.net"), V{});
}

}  // namespace
}  // namespace recproc
