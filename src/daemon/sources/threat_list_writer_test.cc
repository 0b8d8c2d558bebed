#include "daemon/sources/threat_list_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/config_errors.h"
#include "io/atomic_file.h"
#include "lists/indicator_loader.h"

namespace recproc {
namespace {

using nlohmann::json;

class ThreatListWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/recproc_tlw_XXXXXX";
    dir_ = mkdtemp(tmpl);
    path_ = dir_ + "/intel.ndjson";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::vector<json> Lines() {
    std::string text;
    EXPECT_TRUE(ReadWholeFile(path_, &text).ok());
    std::vector<json> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
    return out;
  }
  std::string dir_, path_;
};

ThreatIndicator Ip(const std::string& id, const std::string& ip) {
  return {id, ip, "ipv4-addr:value", "feed", "2026-01-01T00:00:00Z", "", "80", "malicious-activity"};
}

TEST_F(ThreatListWriterTest, MergesReplacesAndRemovesById) {
  ThreatListCounts counts;
  ThreatListBatch first;
  first.upserts = {Ip("b", "192.0.2.2"), Ip("a", "192.0.2.1"), Ip("a", "192.0.2.9"), Ip("c", "192.0.2.3")};
  ASSERT_TRUE(UpdateThreatList(path_, first, {"https://feed/x", 1767225600000}, &counts).ok());
  EXPECT_EQ(counts.total, 4);
  EXPECT_EQ(counts.upserted, 4);
  std::vector<json> lines = Lines();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0]["id"], "a");  // sorted by (id, indicator)
  EXPECT_EQ(lines[0]["indicator"], "192.0.2.1");
  EXPECT_EQ(lines[0]["feed"], "https://feed/x");
  EXPECT_EQ(lines[0]["fetchedAt"], "2026-01-01T00:00:00.000Z");

  // A new version of a with one value; b removed; applying it twice is the same.
  ThreatListBatch second;
  second.upserts = {Ip("a", "198.51.100.1")};
  second.removed_ids = {"b"};
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(UpdateThreatList(path_, second, {"https://feed/x", 1767225700000}, &counts).ok());
    lines = Lines();
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0]["indicator"], "198.51.100.1");
    EXPECT_EQ(lines[1]["id"], "c");  // untouched entries stay as they were
    EXPECT_EQ(lines[1]["indicator"], "192.0.2.3");
    EXPECT_EQ(lines[1]["fetchedAt"], "2026-01-01T00:00:00.000Z");
  }
  std::string meta;
  ASSERT_TRUE(ReadWholeFile(path_ + ".meta.json", &meta).ok());
  EXPECT_EQ(json::parse(meta)["total"], 2);
  EXPECT_FALSE(std::filesystem::exists(path_ + ".tmp"));
}

TEST_F(ThreatListWriterTest, OutputLoadsWithTheIndicatorLoader) {
  ThreatListBatch batch;
  batch.upserts = {Ip("x", "203.0.113.0/24"),
                   {"y", "evil.example", "domain-name:value", "feed", "", "2030-01-01T00:00:00Z", "", ""},
                   {"z", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                    "file:hashes.'SHA-256'", "feed", "", "", "", ""}};
  ThreatListCounts counts;
  ASSERT_TRUE(UpdateThreatList(path_, batch, {"f", 0}, &counts).ok());
  std::string text;
  ASSERT_TRUE(ReadWholeFile(path_, &text).ok());
  ListItems items;
  ConfigErrors errors;
  ASSERT_TRUE(LoadIndicatorJson(text, path_, &items, &errors)) << errors.ToString();
  EXPECT_EQ(items.unsupported, 0);
  EXPECT_TRUE(items.warnings.empty());
}

TEST_F(ThreatListWriterTest, EmptyBatchCreatesAnEmptyListOnceAndForeignFilesAreNotOverwritten) {
  ThreatListCounts counts;
  ASSERT_TRUE(UpdateThreatList(path_, {}, {"f", 0}, &counts).ok());
  EXPECT_TRUE(std::filesystem::exists(path_));
  EXPECT_EQ(counts.total, 0);
  std::ofstream(path_) << "id,indicator\n";
  ThreatListBatch batch;
  batch.upserts = {Ip("a", "192.0.2.1")};
  Status s = UpdateThreatList(path_, batch, {"f", 0}, &counts);
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  std::string text;
  ASSERT_TRUE(ReadWholeFile(path_, &text).ok());
  EXPECT_EQ(text, "id,indicator\n");
}

TEST(ThreatConversion, StixAndMispAttributes) {
  std::vector<ThreatIndicator> out;
  json indicator = {{"id", "indicator--1"},
                    {"pattern", "[ipv4-addr:value = '198.51.100.7' OR domain-name:value = 'evil.example']"},
                    {"valid_from", "2026-01-01T00:00:00Z"},
                    {"confidence", 85},
                    {"indicator_types", {"malicious-activity"}}};
  ASSERT_TRUE(StixIndicatorToThreats(indicator, "src", &out));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].type, "domain-name:value");
  EXPECT_EQ(out[1].indicator, "evil.example");
  EXPECT_EQ(out[0].confidence, "85");
  EXPECT_EQ(out[0].threat_type, "malicious-activity");
  EXPECT_FALSE(StixIndicatorToThreats({{"pattern", "[ipv4-addr:value MATCHES '^1']"}}, "src", &out));
  EXPECT_EQ(out.size(), 2u);

  out.clear();
  EXPECT_TRUE(MispAttributeToThreats(
      {{"uuid", "u"}, {"type", "domain|ip"}, {"value", "evil.example|2001:db8::1"}}, "misp", "event", &out));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].type, "domain-name:value");
  EXPECT_EQ(out[1].type, "ipv6-addr:value");
  EXPECT_EQ(out[1].indicator, "2001:db8::1");
  out.clear();
  EXPECT_TRUE(MispAttributeToThreats({{"uuid", "u"}, {"type", "ip-dst|port"}, {"value", "192.0.2.1|443"}},
                                     "m", "", &out));
  ASSERT_EQ(out.size(), 1u);  // the port has no column
  EXPECT_EQ(out[0].indicator, "192.0.2.1");
  EXPECT_FALSE(MispAttributeToThreats({{"type", "filename"}, {"value", "a.exe"}}, "m", "", &out));
}

}  // namespace
}  // namespace recproc
