// User-defined regex parsers: RE2 patterns with grok-style named sub-patterns
// (`%{IPV4:src} %{WORD:action}`), the product's REGEX format
// (reference/cloud-siem-pipeline.md §6.1). No auto-detection: a regex parser
// runs only where configuration names it.
#ifndef RECPROC_PARSE_REGEX_PARSER_H_
#define RECPROC_PARSE_REGEX_PARSER_H_

#include <map>
#include <memory>
#include <string>

#include "parse/parser.h"

namespace recproc {

struct RegexParserOptions {
  // REQUIRES: non-empty. RE2 syntax, plus `%{NAME}` and `%{NAME:field}` from
  // grok_patterns.h or `patterns`. Fields come from `%{NAME:field}` and from
  // RE2 named groups `(?P<field>...)`. Implicitly anchored at the start, as in
  // the product; text after the match is ignored unless require_full_match.
  //
  // Captured names with a meaning of their own:
  //   `_$FIELD_n` / `_$VAL_n` (or, inside `(?P<>)` where '$' is not allowed,
  //   `_FIELD_n` / `_VAL_n`): the n-th key/value pair; emits field
  //   <text of FIELD_n> = <text of VAL_n>. n is 1..32.
  //   any other name starting with `_$`: a temporary, never emitted.
  std::string pattern;
  // After the first match (anchored at the start), keeps searching the rest
  // of the message for further matches, each emitting its fields: the
  // product's REPEAT_MATCH, used with _$FIELD_n/_$VAL_n to parse key=value
  // bodies. Default: false.
  bool repeat_match = false;
  // Trims blanks around the message and around every captured value, as the
  // product's STRIP_WHITESPACE/STRIP_FIELDS do by default. Default: true.
  bool strip_whitespace = true;
  // The match must cover the whole message (with repeat_match: the matches
  // must follow each other to the end). Default: false.
  bool require_full_match = false;
  // User sub-pattern definitions; they may use each other and the library,
  // and override library names. Default: none.
  std::map<std::string, std::string, std::less<>> patterns;
  // Recorded in metadata_parser. Default: "regex".
  std::string name = "regex";
};

// Compiles the parser (log_format "Regex"). Fails with a message naming the
// problem on an unknown `%{NAME}`, an RE2 syntax error, an `_$FIELD_n` without
// its `_$VAL_n` (or the reverse), or more than 64 capturing groups.
Status MakeRegexParser(const RegexParserOptions& options, std::unique_ptr<Parser>* parser);

}  // namespace recproc

#endif  // RECPROC_PARSE_REGEX_PARSER_H_
