// Key=value bodies: FortiGate (`date=2019-05-10 devname="FGT" ...`), iptables
// (`IN=eth0 OUT= SRC=10.0.0.1 DF PROTO=TCP`), Check Point LEA (`src: 10.0.0.1; proto: tcp;`)
// and every "structured syslog (KV)" source (reference/cloud-siem-pipeline.md §6.1).
#ifndef RECPROC_PARSE_KV_H_
#define RECPROC_PARSE_KV_H_

#include <memory>
#include <string>
#include <string_view>

#include "parse/parser.h"

namespace recproc {

struct KvOptions {
  // Separates pairs. Default: ' '. When it is a space, any run of spaces and
  // tabs separates (lenient mode; strict mode rejects a run, as iptables does).
  char pair_separator = ' ';
  // Separates a key from its value. Default: '='.
  char kv_separator = '=';
  // Characters that open and close a quoted value; inside one, a backslash
  // escapes the quote and the backslash (any other `\x` stays as written, so
  // Windows paths survive). Default: both double and single quotes.
  std::string quotes = "\"'";
  // Trims spaces and tabs around keys and values, for `key: value;` layouts
  // where the separators are not spaces. Default: false.
  bool trim_whitespace = false;
  // Accepts a key without separator or value (iptables `DF`) as a field with
  // an empty value of kind kNull. Default: false.
  bool allow_bare_keys = false;
  // Keys must be upper-case letters, digits and '_' (iptables). Default: false.
  bool uppercase_keys = false;
  // Strict: any malformed pair fails the message with its byte column.
  // Lenient (Default: false): a word without separator after an unquoted value
  // continues that value (`msg=disk full`), other junk is skipped with a note.
  bool strict = false;
};

// Builds a key=value parser (log_format "KV", parser "kv"). Fields are in input
// order; a repeated key yields one field per occurrence.
std::unique_ptr<Parser> MakeKvParser(KvOptions options);

// True when `text` starts like a key=value body: a key made of
// [A-Za-z0-9_.-] followed directly by '='. Cheap: looks at the first token only.
bool LooksLikeKv(std::string_view text);

// Testing: the parser's two paths one at a time, so tests can compare them.
// The general path parses any text with any options; the plain path handles
// the common shape (see kv.cc) and returns true when it parsed the whole
// text, as the general path would (Status OK, no notes), or false when it
// leaves the rest of the text to the general path, with the pairs it parsed
// before that point in out->fields.
Status KvParseGeneralForTesting(const KvOptions& options, std::string_view text, ParseContext& ctx,
                                ParsedMessage* out);
bool KvParsePlainForTesting(const KvOptions& options, std::string_view text, ParseContext& ctx,
                            ParsedMessage* out);

}  // namespace recproc

#endif  // RECPROC_PARSE_KV_H_
