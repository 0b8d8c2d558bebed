// CSV reading for lookup tables: one pass over the text with a line/column
// counter, so that every error names the place a user must fix.
#include "normalize/csv_table.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace recproc {

int CsvTable::Column(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

namespace {

class CsvScanner {
 public:
  CsvScanner(std::string_view text, const std::string& file, ConfigErrors* errors)
      : text_(text), file_(file), errors_(errors) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
  }

  // Reads the next record; false at the end of the text or after an error
  // (*failed tells which).
  bool Next(CsvTable::Row* row, bool* failed) {
    row->cells.clear();
    while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) Advance();
    if (pos_ >= text_.size()) return false;
    row->line = line_;
    while (true) {
      std::string cell;
      if (!ReadCell(&cell)) {
        *failed = true;
        return false;
      }
      row->cells.push_back(std::move(cell));
      if (pos_ >= text_.size()) return true;
      char c = text_[pos_];
      Advance();
      if (c == ',') continue;
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') Advance();
      return true;
    }
  }

 private:
  void Advance() {
    if (text_[pos_] == '\n') {
      ++line_;
      col_ = 1;
    } else {
      ++col_;
    }
    ++pos_;
  }

  void Error(int line, int col, const std::string& message) {
    errors_->Add(SourcePosition{file_, line, col}, message);
  }

  // Leaves pos_ on the delimiter (',' CR LF) or at the end.
  bool ReadCell(std::string* cell) {
    if (pos_ < text_.size() && text_[pos_] == '"') {
      int open_line = line_, open_col = col_;
      Advance();
      while (true) {
        if (pos_ >= text_.size()) {
          Error(open_line, open_col, "bad CSV quoting: quoted field is never closed");
          return false;
        }
        char c = text_[pos_];
        Advance();
        if (c != '"') {
          cell->push_back(c);
        } else if (pos_ < text_.size() && text_[pos_] == '"') {
          cell->push_back('"');
          Advance();
        } else {
          break;
        }
      }
      if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\r' && text_[pos_] != '\n') {
        Error(line_, col_,
              "bad CSV quoting: expected ',' or end of line after a closing quote, found '" +
                  std::string(1, text_[pos_]) + "'");
        return false;
      }
      return true;
    }
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == ',' || c == '\r' || c == '\n') break;
      if (c == '"') {
        Error(line_, col_,
              "bad CSV quoting: a quote inside an unquoted field (quote the whole field and double it)");
        return false;
      }
      cell->push_back(c);
      Advance();
    }
    return true;
  }

  std::string_view text_;
  const std::string& file_;
  ConfigErrors* errors_;
  size_t pos_ = 0;
  int line_ = 1, col_ = 1;
};

}  // namespace

bool ParseCsvTable(std::string_view text, const std::string& file, CsvTable* out, ConfigErrors* errors) {
  out->file = file;
  out->header.clear();
  out->rows.clear();
  CsvScanner scanner(text, file, errors);
  CsvTable::Row row;
  bool failed = false;
  if (!scanner.Next(&row, &failed)) {
    if (!failed) errors->Add(SourcePosition{file, 1, 1}, "empty CSV file: expected a header row");
    return false;
  }
  out->header = std::move(row.cells);
  while (scanner.Next(&row, &failed)) out->rows.push_back(row);
  return !failed;
}

bool LoadCsvTable(const std::string& path, const SourcePosition& where, CsvTable* out, ConfigErrors* errors) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors->Add(where, "cannot read lookup table '" + path + "': " + std::strerror(errno));
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return ParseCsvTable(text.str(), path, out, errors);
}

}  // namespace recproc
