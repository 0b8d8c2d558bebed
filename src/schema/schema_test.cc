#include "schema/schema.h"

#include <gtest/gtest.h>

namespace recproc {
namespace {

class BuiltinSchemaTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(Schema::LoadBuiltin(&errors_, &schema_)) << errors_.ToString(); }
  ConfigErrors errors_;
  Schema schema_;
};

TEST_F(BuiltinSchemaTest, DeclaredAttributesCarryTypeAndFlags) {
  const AttributeDef* ip = schema_.Find("srcDevice_ip");
  ASSERT_NE(ip, nullptr);
  EXPECT_EQ(ip->type, AttrType::kString);
  EXPECT_TRUE(ip->mappable);
  EXPECT_EQ(ip->entity_type, "_ip");
  EXPECT_EQ(ip->enrichment, EnrichmentKind::kIp);

  const AttributeDef* bytes = schema_.Find("bytesIn");
  ASSERT_NE(bytes, nullptr);
  EXPECT_EQ(bytes->type, AttrType::kLong);
  EXPECT_EQ(schema_.Find("dstPort")->type, AttrType::kInt);
  EXPECT_EQ(schema_.Find("mfa")->type, AttrType::kBoolean);
  EXPECT_EQ(schema_.Find("fields")->type, AttrType::kStringMap);
  EXPECT_FALSE(schema_.Find("fields")->mappable);
  EXPECT_FALSE(schema_.Find("metadata_vendor")->mappable);
  EXPECT_TRUE(schema_.Find("fromUser_username")->deprecated);
  EXPECT_EQ(schema_.Find("user_username")->normalized, "username");
  EXPECT_EQ(schema_.Find("http_url")->enrichment, EnrichmentKind::kUrl);
  EXPECT_EQ(schema_.Find("dns_queryDomain")->enrichment, EnrichmentKind::kDomain);
  EXPECT_EQ(schema_.Find("nosuchAttribute"), nullptr);
  EXPECT_EQ(schema_.schema_version(), 3);
}

TEST_F(BuiltinSchemaTest, EnrichmentSuffixesBecomeNonMappableAttributes) {
  const AttributeDef* cc = schema_.Find("srcDevice_ip_countryCode");
  ASSERT_NE(cc, nullptr);
  EXPECT_FALSE(cc->mappable);
  EXPECT_EQ(cc->enriched_from, schema_.Find("srcDevice_ip"));
  EXPECT_EQ(schema_.Find("dns_replyIp_latitude")->type, AttrType::kFloat);
  EXPECT_EQ(schema_.Find("http_url_entropyFqdn")->type, AttrType::kDouble);
  EXPECT_NE(schema_.Find("http_referer_rootDomain"), nullptr);
  // Domains get no protocol or path.
  EXPECT_EQ(schema_.Find("dns_queryDomain_protocol"), nullptr);
  EXPECT_NE(schema_.Find("dns_queryDomain_fqdn"), nullptr);
  // Declared before derivation, so it keeps its mappable definition.
  EXPECT_TRUE(schema_.Find("http_url_queryParameters")->mappable);
  // Indices are dense.
  for (size_t i = 0; i < schema_.size(); ++i) EXPECT_EQ(schema_.at(i).index, i);
}

TEST_F(BuiltinSchemaTest, RecordTypesAndEnumerations) {
  EXPECT_TRUE(schema_.IsRecordType("Authentication"));
  EXPECT_TRUE(schema_.IsRecordType("NotificationVulnerability"));
  EXPECT_FALSE(schema_.IsRecordType("FailedRecord"));
  EXPECT_TRUE(schema_.IsSystemRecordType("FailedRecord"));
  EXPECT_EQ(schema_.record_types().size(), 18u);

  const AttributeDef* action = schema_.Find("normalizedAction");
  ASSERT_NE(action->enumeration, nullptr);
  EXPECT_EQ(action->enumeration->Canonical("DomainLogon"), "domainLogon");
  EXPECT_EQ(action->enumeration->Canonical("fly"), "");
  EXPECT_EQ(schema_.Find("normalizedResource")->enumeration->Canonical("Scheduled Task"), "scheduled task");
  const Enumeration* sev = schema_.Find("normalizedSeverity")->enumeration;
  ASSERT_NE(sev, nullptr);
  EXPECT_TRUE(sev->is_range());
  EXPECT_EQ(sev->Description(0), "informational");
  EXPECT_EQ(sev->Description(5), "medium");
  EXPECT_EQ(sev->Description(10), "critical");
  EXPECT_EQ(sev->Description(11), "");
}

TEST_F(BuiltinSchemaTest, SuggestsMappableNames) {
  EXPECT_EQ(schema_.SuggestMappable("srcDevice_hostnme"), "srcDevice_hostname");
}

TEST(SchemaLoadTest, ReportsEveryProblemWithPosition) {
  ConfigErrors errors;
  ConfigNode root = ConfigNode::Parse(R"(record_types: [Audit]
attributes:
  a: {type: strng}
  b: {type: int, mapable: false}
  c: {type: string, enumeration: nope}
  d: {type: string, enrichment: geo}
)",
                                      "s.yaml", &errors);
  Schema s;
  EXPECT_FALSE(Schema::Load(root, &s));
  std::string all = errors.ToString();
  EXPECT_EQ(errors.size(), 4u) << all;
  EXPECT_NE(all.find("s.yaml:3:"), std::string::npos) << all;
  EXPECT_NE(all.find("did you mean 'string'"), std::string::npos) << all;
  EXPECT_NE(all.find("s.yaml:4:"), std::string::npos) << all;
  EXPECT_NE(all.find("did you mean 'mappable'"), std::string::npos) << all;
  EXPECT_NE(all.find("unknown enumeration 'nope'"), std::string::npos) << all;
  EXPECT_NE(all.find("unknown enrichment 'geo'"), std::string::npos) << all;
}

TEST(SchemaLoadTest, MinimalSchemaLoads) {
  ConfigErrors errors;
  ConfigNode root = ConfigNode::Parse(R"(record_types: [Audit]
enumerations:
  lvl: {min: 1, max: 3, descriptions: {1: one, 3: three}}
attributes:
  level: {type: int, enumeration: lvl}
)",
                                      "s.yaml", &errors);
  Schema s;
  ASSERT_TRUE(Schema::Load(root, &s)) << errors.ToString();
  const Enumeration* e = s.Find("level")->enumeration;
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->Description(1), "one");
  EXPECT_EQ(e->Description(2), "");
  EXPECT_EQ(e->Description(3), "three");
  // Moving keeps the index valid.
  Schema moved = std::move(s);
  EXPECT_EQ(moved.Find("level")->name, "level");
}

}  // namespace
}  // namespace recproc
