// The built-in default configuration, loaded once per fuzz process: the same
// parsers, detectors and mappings `recproc` uses with no config at all.
#ifndef RECPROC_FUZZ_FUZZ_BUILTIN_CONFIG_H_
#define RECPROC_FUZZ_FUZZ_BUILTIN_CONFIG_H_

#include <cstdio>
#include <cstdlib>

#include "config/root_config.h"

namespace recproc::fuzz {

inline const RootConfig& BuiltinConfig() {
  static const RootConfig* config = [] {
    auto* c = new RootConfig();
    ConfigErrors errors;
    if (!LoadRootConfig("builtin:content/default/recproc.yaml", c, &errors)) {
      std::fputs(errors.ToString().c_str(), stderr);
      std::abort();
    }
    return c;
  }();
  return *config;
}

}  // namespace recproc::fuzz

#endif  // RECPROC_FUZZ_FUZZ_BUILTIN_CONFIG_H_
