// Fuzz target: the whole pipeline over the built-in configuration — detection,
// the built-in mapping set, normalization, enrichment and the JSON writer.
// Each input line is one message; every output line must be valid JSON (the
// writer's promise, SPEC §4), and the counts must add up.
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz/fuzz_builtin_config.h"
#include "pipeline/pipeline.h"
#include "record/json_writer.h"
#include "util/byte_buffer.h"

namespace {

const recproc::Pipeline& BuiltinPipeline() {
  static const std::unique_ptr<recproc::Pipeline> pipeline = [] {
    recproc::ConfigErrors errors;
    std::unique_ptr<recproc::Pipeline> p;
    if (!recproc::Pipeline::Build(recproc::fuzz::BuiltinConfig(), recproc::PipelineOptions{1767225600000, ""},
                                  &errors, &p)) {
      std::fputs(errors.ToString().c_str(), stderr);
      std::abort();
    }
    return p;
  }();
  return *pipeline;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const recproc::Pipeline& pipeline = BuiltinPipeline();
  static std::unique_ptr<recproc::Pipeline::Worker> worker = pipeline.NewWorker();
  recproc::Batch batch;
  batch.source = "fuzz.log";
  batch.storage.assign(reinterpret_cast<const char*>(data), size);
  std::string_view all = batch.storage;
  uint64_t line = 0;
  for (size_t start = 0; start <= all.size();) {
    size_t nl = all.find('\n', start);
    if (nl == std::string_view::npos) nl = all.size();
    batch.messages.push_back(recproc::InputMessage{all.substr(start, nl - start), ++line, start, false, nl - start});
    start = nl + 1;
  }
  // The runner's way: a reused buffer whose room is not zero-filled, so the
  // bytes of earlier inputs lie past the end of each new output.
  static recproc::ByteBuffer out;
  out.clear();
  {
    recproc::JsonWriter writer(&out);
    pipeline.ProcessBatch(batch, worker.get(), &writer, &writer);
  }
  std::string_view rest = out.view();
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    if (nl == std::string_view::npos) std::abort();  // every record ends its line
    if (!nlohmann::json::accept(rest.substr(0, nl))) {
      std::fprintf(stderr, "invalid JSON line: %.*s\n", static_cast<int>(nl), rest.data());
      std::abort();
    }
    rest.remove_prefix(nl + 1);
  }
  return 0;
}
