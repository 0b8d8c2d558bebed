// Regression: a settings section written as a scalar or a list where a map
// belongs (`enrichment: {domains: x}`) passed CheckKeys silently, leaving
// every setting at its default and the typo unreported (SPEC §2: unknown or
// misplaced settings are errors). Found by the YAML hostile-input sweep.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "config/config_node.h"
#include "e2e_util.h"

namespace recproc {
namespace {

TEST(RegressConfigSectionNotAMapTest, CheckKeysRejectsScalarsAndLists) {
  ConfigErrors errors;
  ConfigNode root = ConfigNode::Parse("a: x\nb: [1, 2]\nc: {k: 1}\nd:\n", "s.yaml", &errors);
  ASSERT_TRUE(errors.empty()) << errors.ToString();
  EXPECT_FALSE(root.Get("a").CheckKeys({"k"}));
  EXPECT_FALSE(root.Get("b").CheckKeys({"k"}));
  EXPECT_TRUE(root.Get("c").CheckKeys({"k"}));
  EXPECT_TRUE(root.Get("d").CheckKeys({"k"}));        // null: an empty section
  EXPECT_TRUE(root.Get("missing").CheckKeys({"k"}));  // absent: defaults
  std::string all = errors.ToString();
  EXPECT_NE(all.find("s.yaml:1:4: error: expected a map of settings, found 'x'"), std::string::npos) << all;
  EXPECT_NE(all.find("s.yaml:2:4: error: expected a map of settings, found a list"), std::string::npos) << all;
  EXPECT_EQ(errors.size(), 2u);
}

TEST(RegressConfigSectionNotAMapTest, EnrichmentDomainsAsAScalarIsAConfigError) {
  char path[] = "/tmp/recproc_regress_notamap_XXXXXX";
  close(mkstemp(path));
  std::ofstream(path) << "version: 1\nenrichment: {domains: x}\n";
  testing::CommandResult r = testing::RunRecproc(std::string("-c ") + path, "{}\n");
  unlink(path);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(":2:23: error: expected a map of settings, found 'x'"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace recproc
