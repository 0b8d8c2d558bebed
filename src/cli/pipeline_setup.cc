// Pipeline set-up for the message-processing commands; errors are printed as
// "file:line:col: error: ..." lines followed by a count.
#include "cli/pipeline_setup.h"

#include <cstdio>

#include "cli/cli.h"
#include "cli/clock.h"
#include "config/root_config.h"

namespace recproc {

int SetUpPipeline(const PipelineSetup& setup, std::unique_ptr<Pipeline>* out, int64_t* now_out) {
  int64_t now_ms = 0;
  if (Status s = ResolveNow(setup.now, &now_ms); !s.ok()) {
    std::fprintf(stderr, "recproc: %s\n", s.message().c_str());
    return kExitUsage;
  }
  if (now_out != nullptr) *now_out = now_ms;
  ConfigErrors errors;
  RootConfig config;
  if (LoadRootConfig(FindRootConfig(setup.config), &config, &errors))
    Pipeline::Build(config, PipelineOptions{now_ms, setup.parser}, &errors, out);
  if (!errors.empty()) {
    std::fputs(errors.ToString().c_str(), stderr);
    std::fprintf(stderr, "recproc: %zu configuration error%s\n", errors.size(),
                 errors.size() == 1 ? "" : "s");
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace recproc
