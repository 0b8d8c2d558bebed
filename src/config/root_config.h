// RootConfig: the root configuration file (SPEC §2). It names everything else
// by path relative to itself. Found as: -c FILE, else $RECPROC_CONFIG, else
// ./recproc.yaml, else the built-in default compiled into the binary
// (content/default/recproc.yaml).
//
// Each stage reads its own section (a ConfigNode) when the pipeline is built;
// this file only knows the top-level keys, so an unknown or misspelt section
// is reported here.
#ifndef RECPROC_CONFIG_ROOT_CONFIG_H_
#define RECPROC_CONFIG_ROOT_CONFIG_H_

#include <string>
#include <vector>

#include "config/config_node.h"
#include "parse/message.h"

namespace recproc {

struct RootConfig {
  std::string path;  // the file loaded ("builtin:content/default/recproc.yaml" for the default)
  ConfigNode root;

  // Schema file. Default: the built-in schemas/record_schema.yaml.
  std::string schema_path = "builtin:schemas/record_schema.yaml";
  // Mapping files or directories, resolved against the config's directory.
  std::vector<std::string> mapping_paths;
  // Input limits (section `limits`).
  size_t max_line_bytes = 1 << 20;  // Default: 1 MiB.
  ParseLimits parse_limits;
  // Add the raw message to every record as `raw`. Default: false (FailedRecords always carry it).
  bool output_raw = false;

  // Sections read by their stages.
  ConfigNode parsers;
  ConfigNode sources;
  ConfigNode normalization;
  ConfigNode enrichment;
  ConfigNode lists;
  ConfigNode daemons;
};

// Where the root config comes from, per SPEC §2.
std::string FindRootConfig(const std::string& explicit_path);

// Loads and checks the root file; every problem goes to *errors.
bool LoadRootConfig(const std::string& path, RootConfig* config, ConfigErrors* errors);

}  // namespace recproc

#endif  // RECPROC_CONFIG_ROOT_CONFIG_H_
