// Fuzz target: format auto-detection (ParseStage with no profile) over the
// built-in detectors, including syslog bodies handed to the body detectors.
#include <cstdlib>
#include <memory>
#include <string>

#include "fuzz/fuzz_builtin_config.h"
#include "fuzz/fuzz_parser_support.h"
#include "parse/parse_stage.h"

namespace {

const recproc::ParseStage& Stage() {
  static const std::unique_ptr<recproc::ParseStage> stage = [] {
    recproc::ConfigErrors errors;
    std::unique_ptr<recproc::ParseStage> s;
    if (!recproc::ParseStage::Build(recproc::fuzz::BuiltinConfig(), "", &errors, &s)) std::abort();
    return s;
  }();
  return *stage;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const recproc::ParseStage& stage = Stage();
  std::string text(reinterpret_cast<const char*>(data), size);
  recproc::Arena arena;
  recproc::ParseLimits limits;
  recproc::ParseContext ctx{&arena, &limits, 1767225600000};
  recproc::ParsedMessage msg;
  recproc::Status s = stage.Parse(nullptr, text, ctx, &msg);
  volatile size_t sink = recproc::fuzz::TouchMessage(msg) + s.message().size();
  (void)sink;
  return 0;
}
