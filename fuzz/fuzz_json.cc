// Fuzz target: the JSON parser (simdjson input, flattened keys). Each input is one message; the parser must return a
// Status for anything it cannot read, never crash, hang or read past the text.
#include <memory>

#include "fuzz/fuzz_parser_support.h"
#include "parse/json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::unique_ptr<recproc::Parser> parser = recproc::MakeJsonParser({});
  recproc::fuzz::RunParser(*parser, data, size);
  return 0;
}
