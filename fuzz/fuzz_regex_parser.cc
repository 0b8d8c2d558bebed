// Fuzz target: the user-defined regex parser. The first line of the input is
// the pattern (RE2 syntax plus %{NAME:field} grok references), the rest the
// message, so both pattern compilation and matching are exercised. A pattern
// that does not compile must come back as a Status.
#include <memory>
#include <string_view>

#include "fuzz/fuzz_parser_support.h"
#include "parse/regex_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t nl = in.find('\n');
  if (nl == std::string_view::npos || nl == 0) return 0;
  recproc::RegexParserOptions options;
  options.pattern = std::string(in.substr(0, nl));
  options.repeat_match = (in[0] & 1) != 0;
  std::unique_ptr<recproc::Parser> parser;
  if (!recproc::MakeRegexParser(options, &parser).ok()) return 0;
  std::string_view msg = in.substr(nl + 1);
  recproc::fuzz::RunParser(*parser, reinterpret_cast<const uint8_t*>(msg.data()), msg.size());
  return 0;
}
