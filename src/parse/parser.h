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

  // For callers that try several parsers on one message: true when Parse()
  // of `text` is sure to fail, found much faster than by parsing; false when
  // unsure. Default: false.
  virtual bool SurelyRejects(std::string_view /*text*/) const { return false; }

  // Syslog parsers: true when `other` is a syslog parser of the same kind
  // and header options (so it splits a text exactly as this one does), `msg`
  // is the MSG part it found in a text, and this parser requires a body
  // format that surely rejects `msg`: Parse() of that text is then sure to
  // fail, and a caller holding `other`'s parse need not parse the header
  // again to find out. Default: false.
  virtual bool SurelyRejectsSyslogBody(const Parser& /*other*/, std::string_view /*msg*/) const { return false; }
};

}  // namespace recproc

#endif  // RECPROC_PARSE_PARSER_H_
