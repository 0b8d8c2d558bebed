// Header-driven list CSVs: the list import format (`value,description,
// expires,active` in any order, header required) and value-in-a-named-column
// feeds such as abuse.ch's. Records are read by CsvRecords (RFC 4180).
#include "lists/csv_list_loader.h"

#include <algorithm>
#include <vector>

#include "lists/csv_records.h"
#include "lists/expiry_time.h"
#include "util/ascii_space.h"

namespace recproc {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

int FindColumn(const std::vector<std::string>& header, std::string_view name) {
  for (size_t i = 0; i < header.size(); ++i)
    if (Lower(TrimAsciiSpace(header[i])) == name) return static_cast<int>(i);
  return -1;
}

std::string_view FieldAt(const std::vector<std::string>& row, int i) {
  return i >= 0 && static_cast<size_t>(i) < row.size() ? TrimAsciiSpace(row[i]) : std::string_view();
}

}  // namespace

void ReserveForRows(std::string_view text, ListItems* out) {
  out->items.reserve(out->items.size() + static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  out->text.Reserve(out->text.bytes() + text.size());
}

void AddRowError(ConfigErrors* errors, const std::string& file, int line, std::string message) {
  errors->Add(SourcePosition{file, line, 1}, std::move(message));
}

bool LoadValueCsv(std::string_view text, const std::string& file, ListItems* out, ConfigErrors* errors) {
  size_t before = errors->size();
  CsvRecords reader(text, CsvOptions{});
  std::vector<std::string> header, row;
  std::string error;
  CsvRecords::Result r = reader.Next(&header, &error);
  if (r == CsvRecords::Result::kEnd) return true;  // an empty list
  if (r == CsvRecords::Result::kError) {
    AddRowError(errors, file, reader.line(), error);
    return false;
  }
  // One row per line in all but quoted multi-line rows: sizing the item
  // vector and text pool up front spares a million-item list the copies
  // (and the doubled peak memory) of growing them.
  ReserveForRows(text, out);
  int value_col = FindColumn(header, "value");
  int desc_col = FindColumn(header, "description");
  int expires_col = FindColumn(header, "expires");
  int active_col = FindColumn(header, "active");
  if (value_col < 0) {
    AddRowError(errors, file, reader.line(), "the header must name a 'value' column");
    return false;
  }
  while ((r = reader.Next(&row, &error)) != CsvRecords::Result::kEnd) {
    if (r == CsvRecords::Result::kError) {
      AddRowError(errors, file, reader.line(), error);
      continue;
    }
    std::string_view value = FieldAt(row, value_col);
    if (value.empty()) {
      AddRowError(errors, file, reader.line(), "empty value");
      continue;
    }
    ListItem item;
    item.line = reader.line();
    std::string_view expires = FieldAt(row, expires_col);
    if (!expires.empty() && !ParseExpiryTime(expires, &item.expiration_ms)) {
      AddRowError(errors, file, reader.line(),
                  "expires '" + std::string(expires) + "' is not an ISO 8601 time");
      continue;
    }
    std::string active = Lower(FieldAt(row, active_col));
    if (active == "false") {
      item.active = false;
    } else if (!active.empty() && active != "true") {
      AddRowError(errors, file, reader.line(), "active '" + active + "' is neither true nor false");
      continue;
    }
    item.value = out->text.Add(value);
    item.description = out->text.Add(FieldAt(row, desc_col));
    out->items.push_back(item);
  }
  return errors->size() == before;
}

bool LoadNamedColumnCsv(std::string_view text, const std::string& file, const NamedColumnCsvOptions& options,
                        ListItems* out, ConfigErrors* errors) {
  size_t before = errors->size();
  CsvRecords reader(text, CsvOptions{.comments = true, .trim_leading_spaces = true});
  std::vector<std::string> header, row;
  std::string error;
  std::string value_name = Lower(options.value_column);
  std::string desc_name = Lower(options.description_column);
  int value_col = -1, desc_col = -1;
  bool first = true;
  CsvRecords::Result r;
  while ((r = reader.Next(&row, &error)) != CsvRecords::Result::kEnd) {
    if (r == CsvRecords::Result::kError) {
      AddRowError(errors, file, reader.line(), error);
      continue;
    }
    if (first) {
      first = false;
      value_col = FindColumn(row, value_name);
      if (value_col >= 0) {
        header = row;
        desc_col = desc_name.empty() ? -1 : FindColumn(header, desc_name);
        continue;
      }
      // abuse.ch URLhaus/ThreatFox: the header is the last comment line.
      CsvRecords comment_reader(reader.last_comment(), CsvOptions{.trim_leading_spaces = true});
      std::string ignored;
      if (comment_reader.Next(&header, &ignored) == CsvRecords::Result::kRecord)
        value_col = FindColumn(header, value_name);
      if (value_col < 0) {
        AddRowError(errors, file, reader.line(),
                    "no header names the value column '" + options.value_column + "'");
        return false;
      }
      desc_col = desc_name.empty() ? -1 : FindColumn(header, desc_name);
    }
    std::string_view value = FieldAt(row, value_col);
    if (value.empty()) {
      AddRowError(errors, file, reader.line(), "empty value in column '" + options.value_column + "'");
      continue;
    }
    ListItem item;
    item.line = reader.line();
    item.value = out->text.Add(value);
    item.description = out->text.Add(FieldAt(row, desc_col));
    out->items.push_back(item);
  }
  if (!desc_name.empty() && desc_col < 0 && value_col >= 0)
    AddRowError(errors, file, 1, "no column named '" + options.description_column + "'");
  return errors->size() == before;
}

}  // namespace recproc
