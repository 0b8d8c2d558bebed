// RootConfig: reading the top-level keys. Paths are resolved against the
// config file's directory (for the built-in default, against its embedded
// location, so "mappings/" means builtin:content/default/mappings/).
#include "config/root_config.h"

#include <cstdlib>
#include <filesystem>

namespace recproc {

std::string FindRootConfig(const std::string& explicit_path) {
  if (!explicit_path.empty()) return explicit_path;
  if (const char* env = std::getenv("RECPROC_CONFIG"); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  if (std::filesystem::exists("recproc.yaml", ec)) return "recproc.yaml";
  return "builtin:content/default/recproc.yaml";
}

bool LoadRootConfig(const std::string& path, RootConfig* config, ConfigErrors* errors) {
  size_t before = errors->size();
  config->path = path;
  config->root = ConfigNode::Load(path, errors);
  const ConfigNode& root = config->root;
  if (root.missing()) return false;
  if (!root.is_map()) {
    root.Error("expected a map of settings at the top of the config file");
    return false;
  }
  root.CheckKeys({"version", "schema", "mappings", "limits", "output", "parsers", "sources", "normalization",
                  "enrichment", "lists", "daemons"});
  int64_t version = 1;
  if (root.Read("version", &version) && version != 1)
    root.Get("version").Error("unsupported config version " + std::to_string(version) + "; expected 1");
  std::string schema;
  if (root.Read("schema", &schema) && !schema.empty()) config->schema_path = ResolveConfigPath(path, schema);
  std::vector<std::string> mappings;
  if (root.Read("mappings", &mappings))
    for (const std::string& m : mappings) config->mapping_paths.push_back(ResolveConfigPath(path, m));

  ConfigNode limits = root.Get("limits");
  if (!limits.missing()) {
    limits.CheckKeys({"max_line_bytes", "max_fields", "max_json_depth", "max_value_bytes"});
    auto read_positive = [&limits](std::string_view key, size_t* out) {
      int64_t v = 0;
      ConfigNode n = limits.Get(key);
      if (n.missing() || !n.AsInt(&v)) return;
      if (v <= 0) {
        n.Error("expected a positive number");
        return;
      }
      *out = static_cast<size_t>(v);
    };
    read_positive("max_line_bytes", &config->max_line_bytes);
    read_positive("max_fields", &config->parse_limits.max_fields);
    read_positive("max_json_depth", &config->parse_limits.max_depth);
    read_positive("max_value_bytes", &config->parse_limits.max_value_bytes);
  }
  ConfigNode output = root.Get("output");
  if (!output.missing()) {
    output.CheckKeys({"raw"});
    output.Read("raw", &config->output_raw);
  }
  config->parsers = root.Get("parsers");
  config->sources = root.Get("sources");
  config->normalization = root.Get("normalization");
  config->enrichment = root.Get("enrichment");
  config->lists = root.Get("lists");
  config->daemons = root.Get("daemons");
  return errors->size() == before;
}

}  // namespace recproc
