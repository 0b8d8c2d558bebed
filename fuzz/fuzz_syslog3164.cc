// Fuzz target: the RFC 3164 syslog parser, lenient, with a key=value body
// parser so the header/body hand-over is exercised too.
#include <memory>

#include "fuzz/fuzz_parser_support.h"
#include "parse/kv.h"
#include "parse/syslog3164.h"

namespace {

std::unique_ptr<recproc::Parser> Build() {
  static const std::unique_ptr<recproc::Parser> body = recproc::MakeKvParser({});
  recproc::SyslogOptions options;
  options.body_parser = body.get();
  return recproc::MakeSyslog3164Parser(options);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::unique_ptr<recproc::Parser> parser = Build();
  recproc::fuzz::RunParser(*parser, data, size);
  return 0;
}
