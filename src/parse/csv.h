// Delimited text: CSV (RFC 4180 quoting) and any single-character delimiter,
// such as PAN-OS syslog bodies or pipe- and tab-separated exports.
#ifndef RECPROC_PARSE_CSV_H_
#define RECPROC_PARSE_CSV_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parse/parser.h"

namespace recproc {

struct CsvOptions {
  // Separates fields. Default: ','.
  char delimiter = ',';
  // Opens and closes a quoted field; doubled inside one it stands for itself.
  // '\0' turns quoting off. Default: '"'.
  char quote = '"';
  // Names of the columns in order. A value beyond the named columns (or every
  // value when this is empty) is named by its 1-based position: "1", "2", ...
  // as the product names extras by index. Default: none.
  std::vector<std::string> columns;
  // Trims spaces and tabs around unquoted values. Default: false.
  bool trim_whitespace = false;
  // Strict: text after a closing quote, a quote inside an unquoted value or an
  // unterminated quote fails the message with its byte column. Lenient
  // (Default: false): such text is kept as written.
  bool strict = false;
};

// Builds a delimited-text parser (log_format "CSV", parser "csv"). Every
// value becomes a field, empty ones included (mappings skip them by
// skipped_values), so positions stay stable.
std::unique_ptr<Parser> MakeCsvParser(CsvOptions options);

// Splits a header line with the quoting of `options` into column names, for
// sources whose first line names the columns: the reader passes that line here
// once and builds the parser with the result. Fails on an empty name.
Status CsvHeaderColumns(std::string_view line, const CsvOptions& options, std::vector<std::string>* columns);

// True when `text` has at least two `delimiter` characters and does not start
// like JSON, XML or a CEF/LEEF header. Weak by nature: auto-detection tries
// it last.
bool LooksLikeCsv(std::string_view text, char delimiter = ',');

}  // namespace recproc

#endif  // RECPROC_PARSE_CSV_H_
