// Fuzz target: the key=value parser. Each input is one message; the parser must return a
// Status for anything it cannot read, never crash, hang or read past the text. The first
// byte also picks options for a second check: where the plain path takes a text, its fields
// must be the general path's, byte for byte, with the same kinds and no notes.
#include <memory>
#include <string>

#include "fuzz/fuzz_parser_support.h"
#include "parse/kv.h"

namespace {

recproc::KvOptions OptionsFrom(uint8_t b) {
  recproc::KvOptions o;
  static constexpr char kPairSeparators[] = {' ', ',', ';', '|'};
  o.pair_separator = kPairSeparators[b & 3];
  o.quotes = (b & 4) != 0 ? "\"" : "\"'";
  o.strict = (b & 8) != 0;
  o.allow_bare_keys = (b & 16) != 0;
  if ((b & 32) != 0) o.kv_separator = ':';
  return o;
}

[[noreturn]] void Mismatch() { __builtin_trap(); }

void ComparePaths(const uint8_t* data, size_t size) {
  if (size == 0) return;
  const recproc::KvOptions options = OptionsFrom(data[0]);
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  recproc::ParseLimits limits;
  recproc::Arena plain_arena, general_arena;
  recproc::ParseContext plain_ctx{&plain_arena, &limits, 0}, general_ctx{&general_arena, &limits, 0};
  recproc::ParsedMessage plain, general;
  const bool taken = recproc::KvParsePlainForTesting(options, text, plain_ctx, &plain);
  const recproc::Status s = recproc::KvParseGeneralForTesting(options, text, general_ctx, &general);
  if (!taken) return;
  if (!s.ok() || !general.notes.empty() || !plain.notes.empty() || plain.fields.size() != general.fields.size())
    Mismatch();
  for (size_t i = 0; i < plain.fields.size(); ++i) {
    const recproc::Field& a = plain.fields[i];
    const recproc::Field& b = general.fields[i];
    if (a.key != b.key || a.value != b.value || a.kind != b.kind) Mismatch();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::unique_ptr<recproc::Parser> parser = recproc::MakeKvParser({});
  recproc::fuzz::RunParser(*parser, data, size);
  ComparePaths(data, size);
  return 0;
}
