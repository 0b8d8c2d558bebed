// Conformance of the list loaders over third-party list material in
// ../shared/corpus (STIX 2.1 examples, a real MISP event and feed, abuse.ch
// Feodo Tracker CSV), and ListSet::Load over a config naming those files.
// Expected numbers were counted from the files themselves.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "lists/csv_list_loader.h"
#include "lists/list_match_json.h"
#include "lists/list_set.h"
#include "lists/misp_loader.h"
#include "lists/stix_loader.h"
#include "test_paths.h"

namespace recproc {
namespace {

const std::string kCorpus = std::string(RECPROC_SHARED_DIR) + "/corpus";

#define SKIP_WITHOUT_CORPUS()                                \
  if (!std::filesystem::exists(kCorpus + "/stix2-examples")) \
  GTEST_SKIP() << "../shared/corpus is absent: list conformance not checked (" << kCorpus << ")"

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

size_t CountColumn(const ListItems& items, std::string_view column) {
  size_t n = 0;
  for (const ListItem& i : items.items) n += items.Text(items.Indicator(i).column) == column;
  return n;
}

TEST(ListsCorpus, StixApt1) {
  SKIP_WITHOUT_CORPUS();
  ListItems out;
  ConfigErrors errors;
  std::string file = kCorpus + "/stix2-examples/examples/threat-reports/apt1.json";
  ASSERT_TRUE(LoadStix(Read(file), file, &out, &errors)) << errors.ToString();
  // 12 indicators: 4 IPv4 CIDRs, 3 domains, 3 MD5 hashes load; 2 x509 AND patterns do not.
  EXPECT_EQ(out.items.size(), 10u);
  EXPECT_EQ(CountColumn(out, "Ip"), 4u);
  EXPECT_EQ(CountColumn(out, "Domain"), 3u);
  EXPECT_EQ(CountColumn(out, "FileHash"), 3u);
  EXPECT_EQ(out.unsupported, 2u);
  ASSERT_EQ(out.warnings.size(), 2u);
  EXPECT_NE(out.warnings[0].find("indicator--b3b6b540-d838-41e2-853b-005056c00008"), std::string::npos);
  EXPECT_EQ(out.Text(out.items[0].value), "223.166.0.0/15");
  EXPECT_EQ(out.Text(out.Indicator(out.items[0]).id), "indicator--031778a4-057f-48e6-9db9-c8d72b81ccd5");
  EXPECT_EQ(out.Text(out.Indicator(out.items[0]).threat_type), "malicious-activity");
}

TEST(ListsCorpus, StixExamplesDirectory) {
  SKIP_WITHOUT_CORPUS();
  size_t loaded = 0, unsupported = 0;
  for (const char* name :
       {"indicator-for-c2-ip-address.json", "indicator-to-campaign-relationship.json",
        "indicators-for-C2-with-COA.json", "infrastructure.json", "interop-objectmarking-test.json",
        "malicious-email-indicator-with-attachment.json"}) {
    ListItems out;
    ConfigErrors errors;
    std::string file = kCorpus + "/stix2-examples/examples/" + name;
    EXPECT_TRUE(LoadStix(Read(file), file, &out, &errors)) << errors.ToString();
    loaded += out.items.size();
    unsupported += out.unsupported;
  }
  // Three `ipv4-addr:value = '10.0.0.0'` and one SHA-256 load; two email-message MATCHES patterns do not.
  EXPECT_EQ(loaded, 4u);
  EXPECT_EQ(unsupported, 2u);
}

TEST(ListsCorpus, MispEvent) {
  SKIP_WITHOUT_CORPUS();
  ListItems out;
  ConfigErrors errors;
  std::string file = kCorpus + "/misp/existing_event.api.json";
  ASSERT_TRUE(LoadMispEvent(Read(file), file, &out, &errors)) << errors.ToString();
  // 122 attributes (9 top-level, 113 in 49 objects); to_ids: 19 domain, 12 ip-dst, 37 sha1, 15 filename.
  EXPECT_EQ(out.items.size(), 68u);
  EXPECT_EQ(CountColumn(out, "Domain"), 19u);
  EXPECT_EQ(CountColumn(out, "Ip"), 12u);
  EXPECT_EQ(CountColumn(out, "FileHash"), 37u);
  EXPECT_EQ(out.unsupported, 15u);
  EXPECT_EQ(out.Text(out.Indicator(out.items[0]).source), "CIRCL");

  ListItems small;
  std::string small_file = kCorpus + "/misp/misp_event.json";
  ASSERT_TRUE(LoadMispEvent(Read(small_file), small_file, &small, &errors)) << errors.ToString();
  EXPECT_EQ(small.items.size(), 0u);  // both attributes have to_ids false
}

TEST(ListsCorpus, MispFeed) {
  SKIP_WITHOUT_CORPUS();
  ListItems out;
  ConfigErrors errors;
  ASSERT_TRUE(LoadMispFeed(kCorpus + "/misp/feed", &out, &errors)) << errors.ToString();
  EXPECT_EQ(out.items.size(), 68u);
  EXPECT_EQ(out.unsupported, 15u);
}

TEST(ListsCorpus, FeodoCsv) {
  SKIP_WITHOUT_CORPUS();
  ListItems out;
  ConfigErrors errors;
  std::string file = kCorpus + "/abusech/feodotracker_ipblocklist.head15.csv";
  ASSERT_TRUE(LoadNamedColumnCsv(Read(file), file, {"dst_ip", "malware"}, &out, &errors))
      << errors.ToString();
  ASSERT_EQ(out.items.size(), 6u);
  EXPECT_EQ(out.Text(out.items[0].value), "67.213.75.205");
  EXPECT_EQ(out.Text(out.items[5].value), "46.101.90.205");
  EXPECT_EQ(out.Text(out.items[5].description), "Dridex");
  EXPECT_EQ(out.items[0].line, 10u);
}

class MapSource : public AttributeSource {
 public:
  explicit MapSource(std::vector<std::pair<std::string, std::string>> v) : v_(std::move(v)) {}
  bool Get(std::string_view attr, std::string_view* value) const override {
    for (const auto& [k, v] : v_)
      if (k == attr) {
        *value = v;
        return true;
      }
    return false;
  }

 private:
  std::vector<std::pair<std::string, std::string>> v_;
};

TEST(ListsConfig, LoadsEveryFormatFromOneConfig) {
  SKIP_WITHOUT_CORPUS();
  std::string dir = ::testing::TempDir() + "/lists_config_test";
  std::filesystem::create_directories(dir + "/lists");
  std::ofstream(dir + "/lists/scanners.csv") << "value,description\n5.6.0.0/16,Qualys\n";
  std::ofstream(dir + "/lists/allow.yaml")
      << "name: allow list\nkind: suppressed\ncolumn: Hostname\nitems:\n  - backup01\n"
         "  - {value: old-host, expires: '2001-01-01'}\n";
  std::ofstream(dir + "/recproc.yaml")
      << "lists:\n  files:\n"
      << "    - {name: vuln_scanners, kind: match, column: SrcIp, path: lists/scanners.csv}\n"
      << "    - {name: feodo, kind: threat, column: DstIp, path: " << kCorpus
      << "/abusech/feodotracker_ipblocklist.head15.csv, format: abusech, value_column: dst_ip}\n"
      << "    - {name: apt1, kind: threat, path: " << kCorpus
      << "/stix2-examples/examples/threat-reports/apt1.json, format: stix}\n"
      << "    - {name: sednit, kind: threat, path: " << kCorpus << "/misp/feed, format: misp_feed}\n"
      << "    - {path: lists/allow.yaml}\n";
  ConfigErrors errors;
  std::string config = dir + "/recproc.yaml";
  ConfigNode root = ConfigNode::Load(config, &errors);
  std::unique_ptr<ListSet> set;
  ASSERT_TRUE(ListSet::Load(root.Get("lists"), config, &errors, &set)) << errors.ToString();
  ASSERT_EQ(set->list_count(), 5u);
  EXPECT_EQ(set->def(4).name, "allow list");
  EXPECT_EQ(set->def(4).kind, ListKind::kSuppressed);
  EXPECT_EQ(set->item_count(1), 6u);
  EXPECT_EQ(set->item_count(2), 10u);
  EXPECT_EQ(set->item_count(3), 68u);
  EXPECT_EQ(set->warnings().size(), 3u);  // 2 STIX patterns, 1 MISP type (filename)

  MapSource record({{"srcDevice_ip", "5.6.1.2"},
                    {"dstDevice_ip", "223.167.1.1"},  // in apt1's 223.166.0.0/15
                    {"dns_queryDomain", "www.hugesoft.org"},
                    {"device_hostname", "BACKUP01"},
                    {"file_hash_sha1", "68064FC152E23D56E541714AF52651CB4BA81AAF"}});
  std::vector<RecordListHit> hits;
  set->MatchRecord(record, 1700000000000, &hits);
  std::string out;
  ASSERT_TRUE(WriteListMatchesJson(*set, hits, &out));
  EXPECT_EQ(
      out, R"(["vuln_scanners","column:SrcIp","apt1","column:Ip","column:Domain","sednit","column:FileHash",)"
           R"("allow_list","column:Hostname","threat"])");
  out.clear();
  ASSERT_TRUE(WriteSuppressedReasonsJson(*set, hits, &out));
  EXPECT_EQ(out, R"(["list:allow list"])");

  MapSource old({{"device_hostname", "old-host"}, {"dstDevice_ip", "67.213.75.205"}});
  hits.clear();
  set->MatchRecord(old, 1700000000000, &hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(set->def(hits[0].list_index).name, "feodo");
}

TEST(ListsConfig, ReportsEveryProblem) {
  std::string dir = ::testing::TempDir() + "/lists_config_bad";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/bad.csv") << "value\n1.2.3.4\nnot-an-ip\n";
  std::ofstream(dir + "/recproc.yaml")
      << "lists:\n  files:\n"
         "    - {name: a, column: SrcIp, path: bad.csv}\n"
         "    - {name: b, column: SrcIp, path: missing.csv}\n"
         "    - {name: c, column: SrcIp, path: x.txt}\n"
         "    - {name: d, kind: allow, column: SrcIp, path: bad.csv, formt: csv}\n";
  ConfigErrors errors;
  std::string config = dir + "/recproc.yaml";
  ConfigNode root = ConfigNode::Load(config, &errors);
  std::unique_ptr<ListSet> set;
  EXPECT_FALSE(ListSet::Load(root.Get("lists"), config, &errors, &set));
  EXPECT_EQ(set, nullptr);
  std::string text = errors.ToString();
  EXPECT_NE(text.find("missing.csv"), std::string::npos) << text;
  EXPECT_NE(text.find("cannot tell the format"), std::string::npos) << text;
  EXPECT_NE(text.find("unknown list kind 'allow'"), std::string::npos) << text;
  EXPECT_NE(text.find("formt"), std::string::npos) << text;
}

}  // namespace
}  // namespace recproc
