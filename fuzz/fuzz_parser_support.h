// Shared driver for the parser fuzz targets: one input is one message, parsed
// with a fresh arena and the default limits, as the pipeline does per line.
// Every view the parser produced is read back, so a view that escaped its
// buffer shows up under AddressSanitizer here rather than later in the writer.
#ifndef RECPROC_FUZZ_FUZZ_PARSER_SUPPORT_H_
#define RECPROC_FUZZ_FUZZ_PARSER_SUPPORT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "parse/parser.h"

namespace recproc::fuzz {

// Sums every byte of a view; the result is used so the reads are not elided.
inline size_t Touch(std::string_view v) {
  size_t sum = 0;
  for (char c : v) sum += static_cast<unsigned char>(c);
  return sum;
}

inline size_t TouchMessage(const ParsedMessage& m) {
  size_t sum = Touch(m.vendor) + Touch(m.product) + Touch(m.event_id) + Touch(m.log_format) +
               Touch(m.parser) + Touch(m.detector);
  for (const Field& f : m.fields) sum += Touch(f.key) + Touch(f.value);
  for (std::string_view n : m.notes) sum += Touch(n);
  return sum;
}

// Parses the fuzz input as one message. The text is copied into an exactly
// sized heap buffer so a read past its end is caught.
inline void RunParser(const Parser& parser, const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  Arena arena;
  ParseLimits limits;
  ParseContext ctx{&arena, &limits, 1767225600000};  // 2026-01-01T00:00:00Z
  ParsedMessage msg;
  Status s = parser.Parse(text, ctx, &msg);
  volatile size_t sink = TouchMessage(msg) + s.message().size();
  (void)sink;
}

}  // namespace recproc::fuzz

#endif  // RECPROC_FUZZ_FUZZ_PARSER_SUPPORT_H_
