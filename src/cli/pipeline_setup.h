// Pipeline set-up shared by the commands that process messages (run,
// explain, test): resolve --now, find and load the root config, build the
// pipeline, and print every configuration error the way all commands do.
#ifndef RECPROC_CLI_PIPELINE_SETUP_H_
#define RECPROC_CLI_PIPELINE_SETUP_H_

#include <memory>
#include <string>

#include "pipeline/pipeline.h"

namespace recproc {

struct PipelineSetup {
  std::string config;  // -c; empty: $RECPROC_CONFIG, ./recproc.yaml, built-in
  std::string now;     // --now; empty: the wall clock
  std::string parser;  // --parser; empty: sources and detection
};

// Returns kExitOk with *out built, or the exit code after printing why to
// stderr (kExitUsage for a bad --now or config).
int SetUpPipeline(const PipelineSetup& setup, std::unique_ptr<Pipeline>* out, int64_t* now_ms = nullptr);

}  // namespace recproc

#endif  // RECPROC_CLI_PIPELINE_SETUP_H_
