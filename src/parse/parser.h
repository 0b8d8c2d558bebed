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

  // Syslog parsers: the body parser this one requires, when `other` is a
  // syslog parser of the same kind and header options (so it splits any
  // text exactly as this one does); nullptr otherwise. A caller holding
  // `other`'s parse of a text knows Parse() of it is sure to fail when that
  // body parser SurelyRejects the MSG part `other` found, without parsing
  // the header again. The answer depends on the two parsers alone, so a
  // caller can ask once, not per text. Default: nullptr.
  virtual const Parser* RequiredBodyOfTwin(const Parser& /*other*/) const { return nullptr; }
};

}  // namespace recproc

#endif  // RECPROC_PARSE_PARSER_H_
