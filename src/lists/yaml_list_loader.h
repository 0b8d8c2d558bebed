// Loader for a YAML list file, which defines its list and holds its items:
//   name: vuln_scanners          # required
//   kind: match                  # match | suppressed | threat; Default: match
//   column: SrcIp                # required
//   description: ...             # optional
//   default_ttl: 86400           # seconds; Default: 0
//   active: true                 # Default: true
//   items:
//     - 192.0.2.7                                  # a bare value
//     - {value: 198.51.100.0/24, description: Qualys, expires: "2030-01-01T00:00:00Z", active: true}
// Every problem is recorded at its file:line:col.
#ifndef RECPROC_LISTS_YAML_LIST_LOADER_H_
#define RECPROC_LISTS_YAML_LIST_LOADER_H_

#include "config/config_node.h"
#include "lists/list_model.h"

namespace recproc {

// Fills *def from the file's keys and appends its items. Keys already set in
// *def by the caller (a non-empty name/column) are overridden by the file.
// Returns false if any error was recorded.
bool LoadYamlList(const ConfigNode& root, ListDef* def, ListItems* out, ConfigErrors* errors);

}  // namespace recproc

#endif  // RECPROC_LISTS_YAML_LIST_LOADER_H_
