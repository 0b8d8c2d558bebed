#include "lists/record_attributes.h"

#include <gtest/gtest.h>

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
