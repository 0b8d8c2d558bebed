// SplitCsvLine: one line of RFC 4180 CSV into fields, for the enrichment data
// files (network blocks, rank lists). Quoted fields may hold commas and
// doubled quotes; a quoted field spanning lines is not supported (these files
// hold one record per line).
//
// Thread-safety: pure function.
#ifndef RECPROC_UTIL_CSV_LINE_H_
#define RECPROC_UTIL_CSV_LINE_H_

#include <string>
#include <string_view>
#include <vector>

namespace recproc {

// Splits line (without its line ending; a trailing '\r' is dropped) into
// *fields, unquoting quoted fields. Unquoted fields are kept verbatim,
// surrounding spaces included. Returns false and sets *error on an unclosed
// quote or text after a closing quote.
bool SplitCsvLine(std::string_view line, std::vector<std::string>* fields, std::string* error);

}  // namespace recproc

#endif  // RECPROC_UTIL_CSV_LINE_H_
