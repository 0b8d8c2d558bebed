#include "normalize/normalize_stage.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace recproc {
namespace {

std::string Str(const Record& r, std::string_view name) {
  const Value* v = r.Get(name);
  return v ? std::string(v->s) : "<absent>";
}

// A directory of its own per test, holding site.yaml's tables.
class NormalizeStageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "normalize_stage_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name() + "/";
    std::string cmd = "mkdir -p '" + dir_ + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
  }

  void WriteFile(const std::string& name, const std::string& text) {
    std::ofstream(dir_ + name, std::ios::binary) << text;
  }

  // Builds from the `normalization:` section of `yaml`.
  bool Build(const std::string& yaml) {
    config_ = dir_ + "site.yaml";
    ConfigNode root = ConfigNode::Parse(yaml, config_, &errors_);
    if (!errors_.empty()) return false;
    return NormalizeStage::Build(root.Get("normalization"), config_, &errors_, &stage_);
  }

  std::string dir_, config_;
  ConfigErrors errors_;
  std::unique_ptr<NormalizeStage> stage_;
  Arena arena_;
  Record record_;
  NormalizeStats stats_;
};

constexpr char kWorkedExample[] = R"(normalization:
  normalize_usernames: true
  normalize_hostnames: true
  default_normalized_domain: sumo
  domain_mappings:
    - {raw_domain: SUMO, normalized_domain: sumo}
    - {raw_domain: sumologic.com, normalized_domain: sumo}
    - {raw_domain: JASK, normalized_domain: jask}
    - {raw_domain: jask.com, normalized_domain: jask}
)";

TEST_F(NormalizeStageTest, AbsentSectionWritesOnlyRaw) {
  ASSERT_TRUE(Build("other: {}\n")) << errors_.ToString();
  record_.Set("user_username", Value::String("SUMO\\Bob"));
  record_.Set("device_hostname", Value::String("Desktop1.SumoLogic.com"));
  record_.Set("targetUser_username", Value::String("arn:aws:sts::1:assumed-role/Admin/Bob"));
  stage_->Apply(&record_, &arena_, &stats_);
  EXPECT_EQ(Str(record_, "user_username"), "SUMO\\Bob");
  EXPECT_EQ(Str(record_, "user_username_raw"), "SUMO\\Bob");
  EXPECT_EQ(Str(record_, "device_hostname"), "Desktop1.SumoLogic.com");
  EXPECT_EQ(Str(record_, "device_hostname_raw"), "Desktop1.SumoLogic.com");
  EXPECT_EQ(Str(record_, "targetUser_username"), "arn:aws:sts::1:assumed-role/Admin/Bob");
  EXPECT_EQ(Str(record_, "targetUser_username_role"), "<absent>");
  EXPECT_EQ(Str(record_, "srcDevice_hostname_raw"), "<absent>");
  EXPECT_EQ(stats_.seen[0], 1u);
  EXPECT_EQ(stats_.seen[3], 1u);
  EXPECT_EQ(stats_.normalized[0] + stats_.normalized[1] + stats_.normalized[3], 0u);
  EXPECT_EQ(arena_.bytes_used(), 0u);
}

TEST_F(NormalizeStageTest, NormalizesEveryNameAttribute) {
  ASSERT_TRUE(Build(kWorkedExample)) << errors_.ToString();
  record_.Set("user_username", Value::String("SUMO\\Bob"));
  record_.Set("targetUser_username",
              Value::String("arn:aws:sts::123456789012:assumed-role/Admin/fred@jask.com"));
  record_.Set("fromUser_username", Value::String("bob"));  // already normalized
  record_.Set("device_hostname", Value::String("DESKTOP1$@SUMO"));
  record_.Set("srcDevice_hostname", Value::String("web.jask.com"));
  record_.Set("dstDevice_hostname", Value::String("OTHER\\db"));
  stage_->Apply(&record_, &arena_, &stats_);
  EXPECT_EQ(Str(record_, "user_username"), "bob");
  EXPECT_EQ(Str(record_, "user_username_raw"), "SUMO\\Bob");
  EXPECT_EQ(Str(record_, "targetUser_username"), "fred:jask");
  EXPECT_EQ(Str(record_, "targetUser_username_role"), "admin");
  EXPECT_EQ(Str(record_, "fromUser_username"), "bob");
  EXPECT_EQ(Str(record_, "fromUser_username_raw"), "bob");
  EXPECT_EQ(Str(record_, "device_hostname"), "desktop1");
  EXPECT_EQ(Str(record_, "device_hostname_raw"), "DESKTOP1$@SUMO");
  EXPECT_EQ(Str(record_, "srcDevice_hostname"), "web:jask");
  EXPECT_EQ(Str(record_, "dstDevice_hostname"), "other\\db");
  EXPECT_EQ(Str(record_, "user_username_role"), "<absent>");
  for (size_t i = 0; i < NormalizeStats::kNameAttributes; ++i) EXPECT_EQ(stats_.seen[i], 1u) << i;
  EXPECT_EQ(stats_.normalized[0], 1u);
  EXPECT_EQ(stats_.normalized[2], 0u);  // unchanged
  EXPECT_EQ(stats_.normalized[3] + stats_.normalized[4] + stats_.normalized[5], 3u);
  EXPECT_EQ(stats_.roles, 1u);
}

TEST_F(NormalizeStageTest, MasterSwitchesAreIndependent) {
  ASSERT_TRUE(
      Build("normalization: {normalize_hostnames: true, domain_mappings: [{raw_domain: CORP, "
            "normalized_domain: corp}], default_normalized_domain: corp}\n"))
      << errors_.ToString();
  record_.Set("user_username", Value::String("CORP\\Bob"));
  record_.Set("device_hostname", Value::String("CORP\\Web1"));
  stage_->Apply(&record_, &arena_, nullptr);
  EXPECT_EQ(Str(record_, "user_username"), "CORP\\Bob");
  EXPECT_EQ(Str(record_, "user_username_raw"), "CORP\\Bob");
  EXPECT_EQ(Str(record_, "device_hostname"), "web1");
}

TEST_F(NormalizeStageTest, EmptyAndNonStringValues) {
  ASSERT_TRUE(Build(kWorkedExample));
  record_.Set("user_username", Value::String(""));
  record_.Set("device_hostname", Value::Int(42));
  stage_->Apply(&record_, &arena_, &stats_);
  EXPECT_EQ(Str(record_, "user_username"), "");
  EXPECT_EQ(Str(record_, "user_username_raw"), "");
  EXPECT_EQ(Str(record_, "device_hostname_raw"), "<absent>");
  EXPECT_EQ(record_.Get("device_hostname")->i, 42);
}

TEST_F(NormalizeStageTest, HostIdTable) {
  WriteFile("hosts.csv", "id,name\nd8ece0f8-10a4,testk-122.testlabs.local\nweb1,web1.prod\nWEB2,web2.prod\n");
  ASSERT_TRUE(Build(
      std::string(kWorkedExample) +
      "  lookup_tables: [{type: host_id, path: hosts.csv, lookup_column: id, substitution_column: name}]\n"))
      << errors_.ToString();
  record_.Set("device_uniqueId", Value::String("d8ece0f8-10a4"));  // no hostname: the id is the key
  record_.Set("srcDevice_hostname", Value::String("SUMO\\WEB1"));  // normalized value matches
  record_.Set("dstDevice_hostname", Value::String("WEB2"));        // only the raw matches
  stage_->Apply(&record_, &arena_, &stats_);
  EXPECT_EQ(Str(record_, "device_hostname"), "testk-122.testlabs.local");
  EXPECT_EQ(Str(record_, "device_hostname_raw"), "<absent>");
  EXPECT_EQ(Str(record_, "srcDevice_hostname"), "web1.prod");
  EXPECT_EQ(Str(record_, "srcDevice_hostname_raw"), "SUMO\\WEB1");
  EXPECT_EQ(Str(record_, "dstDevice_hostname"), "web2.prod");
  EXPECT_EQ(stats_.substitutions[0], 3u);
}

TEST_F(NormalizeStageTest, HostIdTablePrefersHostnameOverUniqueId) {
  WriteFile("hosts.csv", "id,name\nuuid-1,from-id\n");
  ASSERT_TRUE(
      Build("normalization:\n  lookup_tables: [{type: host_id, path: hosts.csv, lookup_column: id, "
            "substitution_column: name}]\n"));
  record_.Set("device_hostname", Value::String("known-host"));
  record_.Set("device_uniqueId", Value::String("uuid-1"));
  stage_->Apply(&record_, &arena_, &stats_);
  EXPECT_EQ(Str(record_, "device_hostname"), "known-host");
  EXPECT_EQ(stats_.substitutions[0], 0u);
}

TEST_F(NormalizeStageTest, UserIdAndUsernameTables) {
  WriteFile("ids.csv", "uid,user\nS-1-5-21-1001,joseph.doe\n");
  WriteFile("names.csv", "alias,canonical\njdoe,joseph.doe\nJDoe@Acme.com,joseph.doe\n");
  ASSERT_TRUE(Build(std::string(kWorkedExample) + R"(  lookup_tables:
    - {type: user_id, path: ids.csv, lookup_column: uid, substitution_column: user}
    - {type: username, path: names.csv, lookup_column: alias, substitution_column: canonical}
)")) << errors_.ToString();
  record_.Set("user_userId", Value::String("S-1-5-21-1001"));
  record_.Set("targetUser_username", Value::String("SUMO\\JDoe"));   // normalized "jdoe" matches
  record_.Set("fromUser_username", Value::String("JDoe@Acme.com"));  // only the raw matches
  stage_->Apply(&record_, &arena_, &stats_);
  EXPECT_EQ(Str(record_, "user_username"), "joseph.doe");
  EXPECT_EQ(Str(record_, "targetUser_username"), "joseph.doe");
  EXPECT_EQ(Str(record_, "targetUser_username_raw"), "SUMO\\JDoe");
  EXPECT_EQ(Str(record_, "fromUser_username"), "joseph.doe");
  EXPECT_EQ(stats_.substitutions[0], 1u);
  EXPECT_EQ(stats_.substitutions[1], 2u);
}

TEST_F(NormalizeStageTest, TablesApplyInConfigOrder) {
  WriteFile("first.csv", "k,v\nalice,al\n");
  WriteFile("second.csv", "k,v\nal,alice.smith\n");
  std::string tables_first_second =
      "normalization:\n  lookup_tables:\n"
      "    - {type: username, path: first.csv, lookup_column: k, substitution_column: v}\n"
      "    - {type: username, path: second.csv, lookup_column: k, substitution_column: v}\n";
  ASSERT_TRUE(Build(tables_first_second)) << errors_.ToString();
  record_.Set("user_username", Value::String("alice"));
  stage_->Apply(&record_, &arena_, nullptr);
  EXPECT_EQ(Str(record_, "user_username"), "alice.smith");  // the second saw the first's output

  std::string tables_second_first =
      "normalization:\n  lookup_tables:\n"
      "    - {type: username, path: second.csv, lookup_column: k, substitution_column: v}\n"
      "    - {type: username, path: first.csv, lookup_column: k, substitution_column: v}\n";
  ASSERT_TRUE(Build(tables_second_first)) << errors_.ToString();
  record_.Clear();
  record_.Set("user_username", Value::String("alice"));
  stage_->Apply(&record_, &arena_, nullptr);
  EXPECT_EQ(Str(record_, "user_username"), "al");
}

TEST_F(NormalizeStageTest, SourceCategoryRestrictsATable) {
  WriteFile("names.csv", "k,v\nbob,robert\n");
  ASSERT_TRUE(
      Build("normalization:\n  lookup_tables: [{type: username, path: names.csv, lookup_column: k, "
            "substitution_column: v, source_category: Firewall/PAN}]\n"))
      << errors_.ToString();
  struct Case {
    const char* category;
    const char* want;
  } cases[] = {
      {"firewall/pan", "robert"}, {"Firewall/PAN", "robert"}, {"Firewall/ASA", "bob"}, {nullptr, "bob"}};
  for (const Case& c : cases) {
    record_.Clear();
    record_.Set("user_username", Value::String("bob"));
    if (c.category) record_.Set("metadata_sourceCategory", Value::String(c.category));
    stage_->Apply(&record_, &arena_, nullptr);
    EXPECT_EQ(Str(record_, "user_username"), c.want) << (c.category ? c.category : "(none)");
  }
}

TEST_F(NormalizeStageTest, TableErrorsNameFileAndLine) {
  WriteFile("bad_quote.csv", "k,v\nbob,robert\nal,\"open\"x\n");
  WriteFile("no_column.csv", "key,v\nbob,robert\n");
  ASSERT_FALSE(Build(R"(normalization:
  lookup_tables:
    - {type: username, path: missing.csv, lookup_column: k, substitution_column: v}
    - {type: username, path: bad_quote.csv, lookup_column: k, substitution_column: v}
    - {type: username, path: no_column.csv, lookup_column: k, substitution_column: v}
)"));
  EXPECT_EQ(stage_, nullptr);
  ASSERT_EQ(errors_.size(), 3u) << errors_.ToString();
  const auto& e = errors_.errors();
  EXPECT_EQ(e[0].where.ToString(), config_ + ":3:7");
  EXPECT_NE(e[0].message.find("cannot read lookup table '" + dir_ + "missing.csv'"), std::string::npos);
  EXPECT_EQ(e[1].where.ToString(), dir_ + "bad_quote.csv:3:10");
  EXPECT_NE(e[1].message.find("bad CSV quoting"), std::string::npos);
  EXPECT_EQ(e[2].where.ToString(), dir_ + "no_column.csv:1:1");
  EXPECT_NE(e[2].message.find("lookup column 'k'"), std::string::npos);
}

TEST_F(NormalizeStageTest, K8sNamesAndStats) {
  ASSERT_TRUE(Build("other: 1\n"));
  record_.Set("dstDevice_k8s_namespace", Value::String("prod"));
  record_.Set("dstDevice_k8s_pod", Value::String("api-0"));
  stage_->Apply(&record_, &arena_, &stats_);
  EXPECT_EQ(Str(record_, "dstDevice_k8s_normalizedPodName"), "prod/api-0");
  EXPECT_EQ(stats_.k8s_names, 1u);
  NormalizeStats total;
  total.Add(stats_);
  total.Add(stats_);
  EXPECT_EQ(total.k8s_names, 2u);
}

}  // namespace
}  // namespace recproc
