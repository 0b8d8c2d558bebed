// Loading log mappings from YAML or JSON files, in either of the product's two
// serialisations (reference/cloud-siem-pipeline.md §2.1):
//   - the snake_case content layout (uid, name, input, output, skipped_values,
//     field_mappings: {attr: {value, value_type, ...}}), and
//   - the camelCase API layout (id, name, recordType, productGuid,
//     structuredInputs: [...], fields: [{name, value, valueType, ...}]).
// The layout is detected per mapping. A file holds one mapping or a list.
#ifndef RECPROC_MAP_MAPPING_LOADER_H_
#define RECPROC_MAP_MAPPING_LOADER_H_

#include <string>
#include <vector>

#include "config/config_node.h"
#include "map/mapping.h"
#include "schema/schema.h"

namespace recproc {

// Loads every mapping from `paths`. A path is a file, a directory (every
// *.yaml, *.yml and *.json in it, sorted by name, not recursive), or a
// "builtin:" path naming an embedded file or directory
// ("builtin:content/default/mappings"). Mappings are appended to *out in
// path order, then file order. Every problem is recorded in *errors with its
// position; returns false if there was any (then *out is unspecified).
bool LoadMappings(const std::vector<std::string>& paths, const Schema& schema, ConfigErrors* errors,
                  std::vector<Mapping>* out);

// Reads the mappings of one parsed document (a mapping or a list of them).
// Errors go to root.errors(). Returns false if any was recorded.
bool ReadMappings(const ConfigNode& root, const Schema& schema, std::vector<Mapping>* out);

// True when `pattern` is read as a regular expression: it contains one of
// \ ^ $ . | ? * + ( ) [ ] { }. Otherwise it is compared as a constant.
bool IsRegexEventIdPattern(std::string_view pattern);

}  // namespace recproc

#endif  // RECPROC_MAP_MAPPING_LOADER_H_
