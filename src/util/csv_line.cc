// SplitCsvLine: a single-pass RFC 4180 field splitter (section 2 rules 4-7,
// without line breaks inside quotes). Load-time only, so it returns owned
// strings rather than views.
#include "util/csv_line.h"

namespace recproc {

bool SplitCsvLine(std::string_view line, std::vector<std::string>* fields, std::string* error) {
  fields->clear();
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  size_t i = 0;
  while (true) {
    std::string field;
    if (i < line.size() && line[i] == '"') {
      size_t open = i++;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        field.push_back(line[i++]);
      }
      if (!closed) {
        *error = "unclosed quote starting at column " + std::to_string(open + 1);
        return false;
      }
      if (i < line.size() && line[i] != ',') {
        *error = "unexpected text after closing quote at column " + std::to_string(i + 1);
        return false;
      }
    } else {
      size_t comma = line.find(',', i);
      size_t end = comma == std::string_view::npos ? line.size() : comma;
      field.assign(line.substr(i, end - i));
      i = end;
    }
    fields->push_back(std::move(field));
    if (i >= line.size()) return true;
    ++i;  // the comma
    if (i == line.size()) {
      fields->emplace_back();  // "a," has an empty last field
      return true;
    }
  }
}

}  // namespace recproc
