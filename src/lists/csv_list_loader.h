// Loaders for header-driven list CSV files:
// - the list import format: a header naming `value` (required) and any of
//   `description`, `expires`, `active`, in any order; other columns ignored;
// - a CSV whose value sits in a named column (abuse.ch Feodo/URLhaus/ThreatFox
//   block lists and similar feeds): '#' comment lines, the header either the
//   first non-comment line or, as abuse.ch URLhaus and ThreatFox write it, the
//   last comment line.
// Bad rows are reported as file:line errors and skipped; loading continues.
//
// Lifetime: nothing is kept from `text`; items own their text in out->text.
#ifndef RECPROC_LISTS_CSV_LIST_LOADER_H_
#define RECPROC_LISTS_CSV_LIST_LOADER_H_

#include <string>
#include <string_view>

#include "config/config_errors.h"
#include "lists/list_model.h"

namespace recproc {

// Appends the rows of a list import CSV to *out. `expires` takes any ISO 8601
// form (UTC when no zone; empty = never); `active` takes true/false (any
// case; empty = true). Returns false if any error was recorded.
bool LoadValueCsv(std::string_view text, const std::string& file, ListItems* out, ConfigErrors* errors);

struct NamedColumnCsvOptions {
  std::string value_column;        // REQUIRES: non-empty
  std::string description_column;  // optional; Default: none
};

// Appends the value column of every row to *out.
bool LoadNamedColumnCsv(std::string_view text, const std::string& file, const NamedColumnCsvOptions& options,
                        ListItems* out, ConfigErrors* errors);

// Reserves room in *out for one item per line of `text` and for its bytes
// in the text pool (an estimate: quoted rows may span lines).
void ReserveForRows(std::string_view text, ListItems* out);

// Records "file:line:1: message".
void AddRowError(ConfigErrors* errors, const std::string& file, int line, std::string message);

}  // namespace recproc

#endif  // RECPROC_LISTS_CSV_LIST_LOADER_H_
