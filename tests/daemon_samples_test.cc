// The example daemons in samples/daemons/ load without errors, so the
// README's examples stay true; each file is named after its daemon.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "daemon/daemon_definition.h"
#include "test_paths.h"

namespace recproc {
namespace {

TEST(DaemonSamples, AllLoad) {
  // The samples read their secrets from the environment.
  const char* kSecrets[] = {"SIEM_API_TOKEN", "ALERTS_API_TOKEN", "PHISHING_IMAP_PASSWORD", "MISP_API_KEY",
                            "ALERTS_PG_DSN", "TAXII_PASSWORD", "SMTP_PASSWORD"};
  for (const char* name : kSecrets) setenv(name, "sample-secret", 1);
  int count = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::string(RECPROC_SOURCE_DIR) + "/samples/daemons")) {
    if (e.path().extension() != ".yaml") continue;
    ++count;
    ConfigErrors errors;
    DaemonDefinition def;
    EXPECT_TRUE(LoadDaemonDefinition(e.path().string(), &errors, &def)) << errors.ToString();
    EXPECT_EQ(def.name + ".yaml", e.path().filename().string());
  }
  EXPECT_EQ(count, 12);
  for (const char* name : kSecrets) unsetenv(name);
}

}  // namespace
}  // namespace recproc
