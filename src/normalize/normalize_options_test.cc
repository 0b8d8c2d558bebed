#include "normalize/normalize_options.h"

#include <gtest/gtest.h>

namespace recproc {
namespace {

struct Loaded {
  ConfigErrors errors;
  NormalizeOptions options;
  bool ok = false;
};

void Read(const char* yaml, Loaded* l) {
  ConfigNode root = ConfigNode::Parse(yaml, "/etc/recproc/site.yaml", &l->errors);
  ASSERT_TRUE(l->errors.empty()) << l->errors.ToString();
  l->ok = ReadNormalizeOptions(root.Get("normalization"), "/etc/recproc/site.yaml", &l->options, &l->errors);
}

TEST(NormalizeOptionsTest, FullSection) {
  Loaded l;
  Read(R"(normalization:
  normalize_usernames: true
  normalize_hostnames: yes
  ad_normalization: false
  fqdn_normalization: true
  aws_normalization: off
  default_normalized_domain: sumo
  domain_mappings:
    - {raw_domain: SUMO, normalized_domain: sumo}
    - {raw_domain: jask.com, normalized_domain: jask}
  lookup_tables:
    - {type: host_id, path: tables/hosts.csv, lookup_column: id, substitution_column: hostname}
    - {type: username, path: /abs/users.csv, lookup_column: a, substitution_column: b, source_category: fw/paloalto}
)",
       &l);
  ASSERT_TRUE(l.ok) << l.errors.ToString();
  const NormalizeOptions& o = l.options;
  EXPECT_TRUE(o.normalize_usernames);
  EXPECT_TRUE(o.normalize_hostnames);
  EXPECT_FALSE(o.ad_normalization);
  EXPECT_TRUE(o.fqdn_normalization);
  EXPECT_FALSE(o.aws_normalization);
  EXPECT_EQ(o.default_normalized_domain, "sumo");
  ASSERT_EQ(o.domain_mappings.size(), 2u);
  EXPECT_EQ(o.domain_mappings[1].raw_domain, "jask.com");
  EXPECT_EQ(o.domain_mappings[1].normalized_domain, "jask");
  ASSERT_EQ(o.lookup_tables.size(), 2u);
  EXPECT_EQ(o.lookup_tables[0].type, LookupTableType::kHostId);
  EXPECT_EQ(o.lookup_tables[0].path, "/etc/recproc/tables/hosts.csv");
  EXPECT_EQ(o.lookup_tables[0].lookup_column, "id");
  EXPECT_EQ(o.lookup_tables[0].substitution_column, "hostname");
  EXPECT_EQ(o.lookup_tables[0].where.line, 12);
  EXPECT_EQ(o.lookup_tables[1].type, LookupTableType::kUsername);
  EXPECT_EQ(o.lookup_tables[1].path, "/abs/users.csv");
  EXPECT_EQ(o.lookup_tables[1].source_category, "fw/paloalto");
}

TEST(NormalizeOptionsTest, AbsentOrNullSectionIsOff) {
  for (const char* yaml : {"other: 1\n", "normalization:\n"}) {
    Loaded l;
    Read(yaml, &l);
    EXPECT_TRUE(l.ok) << yaml;
    EXPECT_FALSE(l.options.normalize_usernames);
    EXPECT_FALSE(l.options.normalize_hostnames);
    EXPECT_TRUE(l.options.lookup_tables.empty());
  }
}

TEST(NormalizeOptionsTest, ProductSpellingsAreAliases) {
  Loaded l;
  Read(R"(normalization:
  normalizeUsernames: true
  windows_normalization_enabled: false
  fqdnNormalizationEnabled: false
  aws_normalization_enabled: false
  defaultNormalizedDomain: corp
  domainMappings: [{rawDomain: CORP, normalizedDomain: corp}]
  lookupTables: [{type: userId, tablePath: u.csv, lookupColumnName: id, substitutionColumnName: n, sourceCategory: x}]
)",
       &l);
  ASSERT_TRUE(l.ok) << l.errors.ToString();
  EXPECT_TRUE(l.options.normalize_usernames);
  EXPECT_FALSE(l.options.ad_normalization);
  EXPECT_FALSE(l.options.fqdn_normalization);
  EXPECT_FALSE(l.options.aws_normalization);
  EXPECT_EQ(l.options.default_normalized_domain, "corp");
  ASSERT_EQ(l.options.domain_mappings.size(), 1u);
  EXPECT_EQ(l.options.domain_mappings[0].raw_domain, "CORP");
  ASSERT_EQ(l.options.lookup_tables.size(), 1u);
  EXPECT_EQ(l.options.lookup_tables[0].type, LookupTableType::kUserId);
  EXPECT_EQ(l.options.lookup_tables[0].path, "/etc/recproc/u.csv");

  Loaded camel;
  Read("normalization: {adDomainNormalizationEnabled: false}\n", &camel);
  ASSERT_TRUE(camel.ok);
  EXPECT_FALSE(camel.options.ad_normalization);
}

TEST(NormalizeOptionsTest, SameSettingUnderTwoSpellingsIsAnError) {
  Loaded l;
  Read("normalization:\n  ad_normalization: true\n  adDomainNormalizationEnabled: false\n", &l);
  EXPECT_FALSE(l.ok);
  ASSERT_EQ(l.errors.size(), 1u);
  EXPECT_EQ(l.errors.errors()[0].where.line, 3);
  EXPECT_NE(l.errors.errors()[0].message.find("repeats 'ad_normalization'"), std::string::npos);
}

TEST(NormalizeOptionsTest, EveryProblemReportedWithPosition) {
  Loaded l;
  Read(R"(normalization:
  normalize_usernmes: true
  normalize_hostnames: maybe
  domain_mappings:
    - {raw_domain: SUMO}
    - {raw_domain: sumo, normalized_domain: other}
    - {raw_domain: Corp, normalized_domain: corp}
    - {raw_domain: CORP, normalized_domain: different}
  lookup_tables:
    - {type: hostname, path: a.csv, lookup_column: a, substitution_column: b}
    - {type: host_id, path: a.csv, lookup_column: a}
)",
       &l);
  EXPECT_FALSE(l.ok);
  std::string all = l.errors.ToString();
  EXPECT_NE(
      all.find(
          "site.yaml:2:3: error: unknown key 'normalize_usernmes' (did you mean 'normalize_usernames'?)"),
      std::string::npos)
      << all;
  EXPECT_NE(all.find("site.yaml:3:"), std::string::npos) << all;
  EXPECT_NE(all.find("site.yaml:5:7: error: missing required key 'normalized_domain'"), std::string::npos)
      << all;
  EXPECT_NE(all.find("site.yaml:8:20: error: raw domain 'CORP' is already mapped to 'corp'"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("site.yaml:10:14: error: unknown lookup table type 'hostname'"), std::string::npos)
      << all;
  EXPECT_NE(all.find("site.yaml:11:7: error: missing required key 'substitution_column'"), std::string::npos)
      << all;
  EXPECT_EQ(l.errors.size(), 6u) << all;
  EXPECT_TRUE(l.options.lookup_tables.empty());
}

TEST(NormalizeOptionsTest, AtMostFiveTables) {
  std::string yaml = "normalization:\n  lookup_tables:\n";
  for (int i = 0; i < 6; ++i)
    yaml += "    - {type: username, path: t.csv, lookup_column: a, substitution_column: b}\n";
  Loaded l;
  Read(yaml.c_str(), &l);
  EXPECT_FALSE(l.ok);
  ASSERT_EQ(l.errors.size(), 1u);
  EXPECT_EQ(l.errors.errors()[0].where.line, 8);
  EXPECT_NE(l.errors.errors()[0].message.find("at most 5"), std::string::npos);
  EXPECT_EQ(l.options.lookup_tables.size(), kMaxEntityLookupTables);
}

}  // namespace
}  // namespace recproc
