#include "lists/record_attributes.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "record/record.h"
#include "util/arena.h"

namespace recproc {
namespace {

// GetAll's one pass must give exactly what Get gives per name: the first of
// duplicate names, "" for absent, empty and non-text values, ints as text.
TEST(RecordAttributes, GetAllAgreesWithGet) {
  Record r;
  r.Append("srcDevice_ip", Value::String("10.0.0.1"));
  r.Append("srcDevice_ip", Value::String("10.0.0.2"));  // a later duplicate loses, as in Record::Get
  r.Append("dstDevice_ip", Value::String(""));
  r.Append("srcDevice_ip_asnNumber", Value::Int(64500));
  r.Append("device_ip", Value::Bool(true));
  r.Append("http_url_fqdn", Value::String("www.example.com"));
  // Same length and last character as a queried name: passes the filter, must not match.
  r.Append("dstDevice_iq", Value::String("nope"));
  Arena arena;
  RecordAttributes source(r, &arena);
  AttributeQuery query;
  for (const char* name : {"srcDevice_ip", "dstDevice_ip", "srcDevice_ip_asnNumber", "device_ip",
                           "http_url_fqdn", "dns_queryDomain", "dstDevice_iq_x"})
    query.Add(name);
  std::vector<std::string_view> all(query.names.size(), "garbage");
  source.GetAll(query, all.data());
  std::vector<std::string> expected;
  for (std::string_view name : query.names) {
    std::string_view v;
    expected.emplace_back(source.Get(name, &v) ? std::string(v) : std::string());
  }
  ASSERT_EQ(all.size(), expected.size());
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i], expected[i]) << query.names[i];
  EXPECT_EQ(all[0], "10.0.0.1");
  EXPECT_EQ(all[1], "");
  EXPECT_EQ(all[2], "64500");
  EXPECT_EQ(all[3], "");
  EXPECT_EQ(all[4], "www.example.com");
  EXPECT_EQ(all[5], "");
}

// Many names, sharing slots and prefixes, over random records with
// duplicates and near misses; 64 names is the most GetAll's one pass takes,
// 65 goes through Get per name.
TEST(RecordAttributes, GetAllAgreesWithGetOnRandomRecords) {
  std::vector<std::string> pool;
  for (int i = 0; i < 70; ++i) {
    pool.push_back("attr" + std::to_string(i) + "_ip");
    pool.push_back("attr" + std::to_string(i) + "_iq");  // same length and last byte
  }
  std::mt19937 rng(3);
  for (size_t n : {1u, 2u, 17u, 63u, 64u, 65u}) {
    AttributeQuery query;
    for (size_t i = 0; i < n; ++i) query.Add(pool[2 * i]);
    for (int round = 0; round < 200; ++round) {
      Record r;
      Arena arena;
      int count = static_cast<int>(rng() % 80);
      for (int k = 0; k < count; ++k) {
        const std::string& name = pool[rng() % pool.size()];
        switch (rng() % 4) {
          case 0:
            r.Append(name, Value::Int(k));
            break;
          case 1:
            r.Append(name, Value::Bool(true));
            break;
          default:
            r.Append(name, Value::String(k % 5 == 0 ? std::string_view() : std::string_view(name)));
        }
      }
      RecordAttributes source(r, &arena);
      std::vector<std::string_view> all(n, "garbage");
      source.GetAll(query, all.data());
      for (size_t i = 0; i < n; ++i) {
        std::string_view v;
        std::string want = source.Get(query.names[i], &v) ? std::string(v) : std::string();
        ASSERT_EQ(all[i], want) << n << " " << query.names[i];
      }
    }
  }
}

TEST(RecordAttributes, FilterPassesEveryQueriedName) {
  AttributeQuery query;
  query.Add("srcDevice_ip");
  query.Add("http_url_rootDomain");
  EXPECT_TRUE(query.MayContain("srcDevice_ip"));
  EXPECT_TRUE(query.MayContain("http_url_rootDomain"));
  EXPECT_FALSE(query.MayContain("srcDevice_port"));
  EXPECT_FALSE(query.MayContain(""));
}

}  // namespace
}  // namespace recproc
