// Fuzz target: the root configuration file (top-level keys, limits, section
// shapes) through LoadRootConfig, which reads a path: the input is written
// to a per-process file first. Problems must come back as ConfigErrors.
#include <unistd.h>

#include <cstdio>
#include <string>

#include "config/root_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/recproc_fuzz_root_" + std::to_string(getpid()) + ".yaml";
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  recproc::RootConfig config;
  recproc::ConfigErrors errors;
  recproc::LoadRootConfig(path, &config, &errors);
  volatile size_t sink = errors.ToString().size() + config.mapping_paths.size();
  (void)sink;
  return 0;
}
