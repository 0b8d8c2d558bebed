// Entity Lookup Tables: CSV → hash map, checked once at load so the hot path
// only does one heterogeneous find per candidate value.
#include "normalize/entity_lookup_table.h"

#include <algorithm>
#include <tuple>

namespace recproc {

std::unique_ptr<EntityLookupTable> EntityLookupTable::Load(const LookupTableOptions& options,
                                                           ConfigErrors* errors) {
  CsvTable csv;
  if (!LoadCsvTable(options.path, options.where, &csv, errors)) return nullptr;
  return FromCsv(options, csv, errors);
}

std::unique_ptr<EntityLookupTable> EntityLookupTable::FromCsv(const LookupTableOptions& options,
                                                              const CsvTable& csv, ConfigErrors* errors) {
  size_t errors_before = errors->size();
  int key_col = csv.Column(options.lookup_column);
  int sub_col = csv.Column(options.substitution_column);
  std::string columns;
  for (const std::string& h : csv.header) columns += (columns.empty() ? "" : ", ") + ("'" + h + "'");
  for (const auto& [col, name, what] : {std::tuple{key_col, &options.lookup_column, "lookup"},
                                        std::tuple{sub_col, &options.substitution_column, "substitution"}}) {
    if (col < 0)
      errors->Add(SourcePosition{csv.file, 1, 1}, std::string(what) + " column '" + *name +
                                                      "' is not in the header; the columns are " + columns);
  }
  if (key_col < 0 || sub_col < 0) return nullptr;

  std::unique_ptr<EntityLookupTable> table(new EntityLookupTable(options));
  std::unordered_map<std::string_view, int> first_line;
  size_t needed = static_cast<size_t>(std::max(key_col, sub_col)) + 1;
  for (const CsvTable::Row& row : csv.rows) {
    if (row.cells.size() < needed) {
      errors->Add(SourcePosition{csv.file, row.line, 1}, "expected at least " + std::to_string(needed) +
                                                             " columns, found " +
                                                             std::to_string(row.cells.size()));
      continue;
    }
    const std::string& key = row.cells[static_cast<size_t>(key_col)];
    const std::string& sub = row.cells[static_cast<size_t>(sub_col)];
    // A row without a key can never match, and an empty substitution would
    // erase the entity; both are treated as "no entry".
    if (key.empty() || sub.empty()) continue;
    auto [it, inserted] = table->map_.emplace(key, sub);
    if (inserted) {
      first_line.emplace(it->first, row.line);
    } else if (it->second != sub) {
      errors->Add(SourcePosition{csv.file, row.line, 1}, "key '" + key + "' is already mapped to '" +
                                                             it->second + "' on line " +
                                                             std::to_string(first_line[it->first]));
    }
  }
  if (errors->size() != errors_before) return nullptr;
  return table;
}

const std::string* EntityLookupTable::Find(std::string_view key) const {
  if (key.empty()) return nullptr;
  auto it = map_.find(key);
  return it == map_.end() ? nullptr : &it->second;
}

}  // namespace recproc
