// The example daemons in samples/daemons/ load without errors, so the
// README's examples stay true.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "daemon/daemon_definition.h"

namespace recproc {
namespace {

TEST(DaemonSamples, AllLoad) {
  setenv("SIEM_API_TOKEN", "sample-token", 1);
  int count = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::string(RECPROC_SOURCE_DIR) + "/samples/daemons")) {
    if (e.path().extension() != ".yaml") continue;
    ++count;
    ConfigErrors errors;
    DaemonDefinition def;
    EXPECT_TRUE(LoadDaemonDefinition(e.path().string(), &errors, &def)) << errors.ToString();
    EXPECT_EQ(def.name + ".yaml", e.path().filename().string());
  }
  EXPECT_EQ(count, 3);
  unsetenv("SIEM_API_TOKEN");
}

}  // namespace
}  // namespace recproc
