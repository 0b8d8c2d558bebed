// Loads tests/data/normalize/site.yaml, a complete normalization section with
// lookup tables named relative to the config file, and runs records through
// the stage the way the pipeline does.
#include <gtest/gtest.h>

#include <string>

#include "normalize/normalize_stage.h"
#include "test_paths.h"

namespace recproc {
namespace {

const std::string kConfig = std::string(RECPROC_SOURCE_DIR) + "/tests/data/normalize/site.yaml";

std::string Str(const Record& r, std::string_view name) {
  const Value* v = r.Get(name);
  return v ? std::string(v->s) : "<absent>";
}

class NormalizeConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ConfigNode root = ConfigNode::Load(kConfig, &errors_);
    ASSERT_TRUE(errors_.empty()) << errors_.ToString();
    ASSERT_TRUE(NormalizeStage::Build(root.Get("normalization"), kConfig, &errors_, &stage_))
        << errors_.ToString();
  }
  ConfigErrors errors_;
  std::unique_ptr<NormalizeStage> stage_;
  Arena arena_;
  Record record_;
};

TEST_F(NormalizeConfigTest, OptionsAndRelativeTablePaths) {
  const NormalizeOptions& o = stage_->options();
  EXPECT_EQ(o.domain_mappings.size(), 5u);
  ASSERT_EQ(o.lookup_tables.size(), 3u);
  EXPECT_EQ(o.lookup_tables[0].path,
            std::string(RECPROC_SOURCE_DIR) + "/tests/data/normalize/tables/hosts.csv");
  EXPECT_EQ(o.lookup_tables[2].source_category, "Windows/Security");
}

TEST_F(NormalizeConfigTest, WindowsRecord) {
  record_.Set("metadata_sourceCategory", Value::String("windows/security"));
  record_.Set("user_username", Value::String("ACME\\JDoe"));
  record_.Set("targetUser_userId", Value::String("S-1-5-21-3623811015-3361044348-30300820-1013"));
  record_.Set("targetUser_username", Value::String("PARTNER\\Joe.D"));
  record_.Set("device_hostname", Value::String("WKS-042$@ACME.LOCAL"));
  record_.Set("srcDevice_uniqueId", Value::String("7f3a,legacy"));
  NormalizeStats stats;
  stage_->Apply(&record_, &arena_, &stats);
  EXPECT_EQ(Str(record_, "user_username"), "joseph.doe");  // ACME\JDoe → jdoe → table
  EXPECT_EQ(Str(record_, "user_username_raw"), "ACME\\JDoe");
  // user_id table writes joseph.doe, then the username table sees it (no entry).
  EXPECT_EQ(Str(record_, "targetUser_username"), "joseph.doe");
  EXPECT_EQ(Str(record_, "targetUser_username_raw"), "PARTNER\\Joe.D");
  EXPECT_EQ(Str(record_, "device_hostname"), "wks-042");
  EXPECT_EQ(Str(record_, "srcDevice_hostname"), "build-7");
  EXPECT_EQ(stats.substitutions[0], 1u);
  EXPECT_EQ(stats.substitutions[1], 1u);
  EXPECT_EQ(stats.substitutions[2], 1u);
}

TEST_F(NormalizeConfigTest, UsernameTableSkippedForOtherSources) {
  record_.Set("metadata_sourceCategory", Value::String("aws/cloudtrail"));
  record_.Set("user_username", Value::String("arn:aws:sts::111122223333:assumed-role/Ops/jdoe@acme.com"));
  record_.Set("device_hostname", Value::String("ip-10-0-0-5.partner.example"));
  stage_->Apply(&record_, &arena_, nullptr);
  EXPECT_EQ(Str(record_, "user_username"), "jdoe");
  EXPECT_EQ(Str(record_, "user_username_role"), "ops");
  EXPECT_EQ(Str(record_, "device_hostname"), "ip-10-0-0-5:partner");
}

TEST(NormalizeConfigErrorsTest, SectionMustBeAMap) {
  ConfigErrors errors;
  ConfigNode root = ConfigNode::Parse("normalization: true\n", "site.yaml", &errors);
  std::unique_ptr<NormalizeStage> stage;
  EXPECT_FALSE(NormalizeStage::Build(root.Get("normalization"), "site.yaml", &errors, &stage));
  EXPECT_EQ(stage, nullptr);
  EXPECT_EQ(errors.ToString(), "site.yaml:1:16: error: expected a map of normalization settings\n");
}

}  // namespace
}  // namespace recproc
