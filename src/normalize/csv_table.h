// CsvTable: a small CSV file read whole at config load, such as an Entity
// Lookup Table (reference cloud-siem-pipeline.md §3.5). Not for the hot path:
// cells are std::strings.
//
// Grammar (RFC 4180, plus what spreadsheet exports produce):
//   file   = [BOM] header *(newline record) [newline]
//   record = cell *("," cell)            ; blank lines are skipped
//   cell   = quoted / bare
//   quoted = DQUOTE *(any but DQUOTE / DQUOTE DQUOTE) DQUOTE   ; may span lines
//   bare   = *(any but "," / DQUOTE / CR / LF)
//   newline = LF / CRLF
// A quote inside a bare cell, text after a closing quote and a quote left
// open at the end of the file are errors at file:line:col.
#ifndef RECPROC_NORMALIZE_CSV_TABLE_H_
#define RECPROC_NORMALIZE_CSV_TABLE_H_

#include <string>
#include <string_view>
#include <vector>

#include "config/config_errors.h"

namespace recproc {

struct CsvTable {
  struct Row {
    int line = 0;  // 1-based line where the record starts
    std::vector<std::string> cells;
  };
  std::string file;
  std::vector<std::string> header;  // the first record
  std::vector<Row> rows;            // the records after it

  // Index of the header cell equal to `name`, or -1.
  int Column(std::string_view name) const;
};

// Parses `text`; `file` names it in errors. Every problem goes to *errors;
// returns false if there was any (or the text has no header row).
bool ParseCsvTable(std::string_view text, const std::string& file, CsvTable* out, ConfigErrors* errors);
// Reads and parses the file at `path`; an unreadable file is an error at
// `where` (the config entry that named it).
bool LoadCsvTable(const std::string& path, const SourcePosition& where, CsvTable* out, ConfigErrors* errors);

}  // namespace recproc

#endif  // RECPROC_NORMALIZE_CSV_TABLE_H_
