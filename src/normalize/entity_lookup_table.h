// EntityLookupTable: a user-defined substitution applied after the built-in
// normalization (reference cloud-siem-pipeline.md §3.5 and §7 item 8). It is
// a CSV file with a header; one column holds the key (a host id, user id or
// username as it appears in records) and another the replacement.
//
// Keys match exactly (case-sensitive, as the product's lookup tables do);
// the stage tries the normalized value first, then `<attr>_raw`. Rows with an
// empty key or an empty substitution are skipped; a key listed twice with different substitutions is
// an error (one of them would be silently lost), the same pair twice is not.
//
// Immutable after Load(); thread-safe.
#ifndef RECPROC_NORMALIZE_ENTITY_LOOKUP_TABLE_H_
#define RECPROC_NORMALIZE_ENTITY_LOOKUP_TABLE_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "config/config_errors.h"
#include "normalize/csv_table.h"
#include "normalize/normalize_options.h"
#include "util/string_hash.h"

namespace recproc {

class EntityLookupTable {
 public:
  // Reads options.path. A missing file (at options.where), a missing lookup
  // or substitution column (at the CSV header line), bad quoting, a short row
  // or a conflicting duplicate key (at the CSV line) are recorded in *errors;
  // returns nullptr when there was any.
  static std::unique_ptr<EntityLookupTable> Load(const LookupTableOptions& options, ConfigErrors* errors);
  // As Load(), from an already parsed table (options.path is not read).
  static std::unique_ptr<EntityLookupTable> FromCsv(const LookupTableOptions& options, const CsvTable& csv,
                                                    ConfigErrors* errors);

  // The substitution for `key`, or nullptr. The view lives as long as the
  // table.
  const std::string* Find(std::string_view key) const;

  LookupTableType type() const { return options_.type; }
  const std::string& source_category() const { return options_.source_category; }
  const std::string& path() const { return options_.path; }
  size_t size() const { return map_.size(); }

 private:
  explicit EntityLookupTable(const LookupTableOptions& options) : options_(options) {}

  LookupTableOptions options_;
  std::unordered_map<std::string, std::string, TransparentStringHash, std::equal_to<>> map_;
};

}  // namespace recproc

#endif  // RECPROC_NORMALIZE_ENTITY_LOOKUP_TABLE_H_
