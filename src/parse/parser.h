// Parser: the interface every log format implements. A parser is built once
// from its options and is immutable afterwards, so worker threads share it.
#ifndef RECPROC_PARSE_PARSER_H_
#define RECPROC_PARSE_PARSER_H_

#include <string_view>

#include "parse/message.h"
#include "recproc/status.h"

namespace recproc {

class Parser {
 public:
  virtual ~Parser() = default;

  // Parses one message (no line terminator) into *out, which the caller has
  // cleared. Views in *out point into `text` or ctx.arena. Returns non-OK
  // when the text is not in this format (out may then hold partial fields,
  // which the caller discards); the message says what was expected and at
  // which byte column.
  // Thread-safety: const; safe to call concurrently with distinct ctx/out.
  virtual Status Parse(std::string_view text, ParseContext& ctx, ParsedMessage* out) const = 0;

  // The name recorded in metadata_parser.
  virtual std::string_view name() const = 0;
};

}  // namespace recproc

#endif  // RECPROC_PARSE_PARSER_H_
