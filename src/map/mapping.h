// Mapping: one log mapping as loaded from YAML (reference/cloud-siem-pipeline.md
// §2). It says which messages it applies to (inputs: vendor, product, log
// format, event-id pattern), what record it makes (output record type and
// vendor/product), and how each target attribute gets its value
// (FieldMapping). Built by LoadMappings(), then owned by the Mapper.
//
// Thread-safety: immutable once loaded.
#ifndef RECPROC_MAP_MAPPING_H_
#define RECPROC_MAP_MAPPING_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "config/config_errors.h"
#include "map/time_value.h"
#include "schema/schema.h"
#include "util/key_set.h"

namespace re2 {
class RE2;
}

namespace recproc {

enum class ValueType : uint8_t { kStandard, kConstant, kLookup, kSplit, kFormat, kTime };

// How one target attribute is filled.
struct FieldMapping {
  const AttributeDef* target = nullptr;  // never null after a successful load
  ValueType type = ValueType::kStandard;
  // The input field name (standard, lookup, split, time), the literal
  // (constant), or the %s template (format).
  std::string value;
  // Tried in order when `value` is missing, null or skipped. With field_join:
  // the alternate set of fields to join.
  std::vector<std::string> alternate_values;
  bool has_default = false;
  std::string default_value;                                // an output value, coerced like any other
  std::vector<std::pair<std::string, std::string>> lookup;  // key -> output, first match wins
  bool case_sensitive = true;                               // lookup keys. Default: true
  std::string split_delimiter;
  int64_t split_index = 0;  // 0-based; negative counts from the end
  std::vector<std::string> format_parameters;
  MappedTimeFormat time;                // compiled `format` + `time_zone` (time type)
  std::vector<std::string> field_join;  // all present -> joined with join_delimiter
  std::string join_delimiter;
  std::vector<std::string> skipped_values;  // field level, added to the mapping's
  SourcePosition where;
};

enum class EventIdMatch : uint8_t { kConstant, kRegex, kDefault };

struct MappingInput {
  std::string vendor;
  std::string product;
  std::string log_format;        // empty: any format
  std::string event_id_pattern;  // as written
  EventIdMatch match = EventIdMatch::kConstant;
  std::shared_ptr<const re2::RE2> regex;  // kRegex only
};

// Which parsed fields a record carries in `fields`.
enum class OutputFields : uint8_t { kAll, kUnmapped };

struct Mapping {
  std::string uid;   // -> metadata_mapperUid
  std::string name;  // -> metadata_mapperName
  bool enabled = true;
  bool relates_entities = false;
  std::vector<MappingInput> inputs;
  std::string record_type;
  std::string product_guid;
  std::string output_vendor;   // empty: the matching input's vendor
  std::string output_product;  // empty: the matching input's product
  OutputFields output_fields = OutputFields::kAll;
  // A value equal (after trimming blanks) to one of these counts as missing.
  // Default: [",", "-"] when the mapping does not say.
  std::vector<std::string> skipped_values;
  std::vector<FieldMapping> fields;
  // Every input field name the field mappings read (for the `fields:
  // unmapped` filter).
  KeySet used_keys;
  SourcePosition where;
};

}  // namespace recproc

#endif  // RECPROC_MAP_MAPPING_H_
