// Fuzz target: the daemon definition loader (YAML -> DaemonDefinition: keys,
// schedule, cursor/dedup/mapping/rules/output, the type's params). The input
// is written as <tmp>/d.yaml in a per-process directory so relative paths
// resolve inside it. Problems must come back as ConfigErrors; the loader must
// not crash, hang or leak. ${env:}/${file:} references resolve against the
// same directory (a seed secret file is there).
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "daemon/daemon_definition.h"

namespace {

std::string Dir() {
  static const std::string dir = [] {
    std::string d = "/tmp/recproc_fuzz_daemon_" + std::to_string(getpid());
    mkdir(d.c_str(), 0700);
    FILE* f = std::fopen((d + "/token").c_str(), "wb");
    if (f != nullptr) {
      std::fputs("s3cr3t-token\n", f);
      std::fclose(f);
    }
    setenv("RECPROC_FUZZ_SECRET", "env-secret", 1);
    return d;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = Dir() + "/d.yaml";
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  recproc::DaemonDefinition def;
  recproc::ConfigErrors errors;
  bool ok = recproc::LoadDaemonDefinition(path, &errors, &def);
  size_t sink = errors.ToString().size() + def.name.size() + def.rules.size() + def.mapping.size();
  if (ok) {
    sink += def.Scrub("x env-secret s3cr3t-token y").size();
    sink += def.InitialCursor(1767225600000).dump().size();
  }
  volatile size_t keep = sink;
  (void)keep;
  return 0;
}
