// CsvRecords: an RFC 4180 record reader over list files, tracking line
// numbers so a loader can report "file:line: ..." for a bad row. Quoted fields
// may hold commas, doubled quotes and line breaks; CRLF and LF both end a
// record; blank lines are skipped.
//
// Lifetime: `text` must outlive the reader.
#ifndef RECPROC_LISTS_CSV_RECORDS_H_
#define RECPROC_LISTS_CSV_RECORDS_H_

#include <string>
#include <string_view>
#include <vector>

namespace recproc {

struct CsvOptions {
  // Lines whose first character is '#' are comments. Default: false.
  bool comments = false;
  // Spaces and tabs before a field are dropped, so `"a", "b"` reads as two
  // quoted fields (abuse.ch ThreatFox writes that). Default: false.
  bool trim_leading_spaces = false;
};

class CsvRecords {
 public:
  enum class Result { kRecord, kEnd, kError };

  CsvRecords(std::string_view text, CsvOptions options) : text_(text), options_(options) {}

  // Reads the next record into *fields (reusing its strings). On kError,
  // *error says what is wrong with the record starting at line(); reading
  // resumes on the next line.
  Result Next(std::vector<std::string>* fields, std::string* error);

  // 1-based line on which the last record (or error) started.
  int line() const { return record_line_; }
  // The most recent comment line before the last record, without the '#'
  // and leading spaces ("" when none).
  std::string_view last_comment() const { return last_comment_; }

 private:
  bool AtLineEnd() const;
  void SkipLineEnd();

  std::string_view text_;
  CsvOptions options_;
  size_t pos_ = 0;
  int line_ = 1;
  int record_line_ = 0;
  std::string_view last_comment_;
};

}  // namespace recproc

#endif  // RECPROC_LISTS_CSV_RECORDS_H_
