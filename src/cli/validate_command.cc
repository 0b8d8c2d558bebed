// `recproc validate`: loads the whole configuration — root file, schema,
// parser profiles and sources, mappings, normalization, enrichment data and
// lists — with every section loaded even when an earlier one failed, so one
// run lists every problem (file:line:col: what was expected, what was found).
// Exit 2 on any problem; on success a one-line summary of what was loaded.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/cli.h"
#include "cli/commands.h"
#include "config/root_config.h"
#include "enrich/enrich_stage.h"
#include "lists/list_set.h"
#include "map/mapping_loader.h"
#include "normalize/normalize_stage.h"
#include "parse/parse_stage.h"
#include "schema/schema.h"

namespace recproc {

namespace {

std::string Count(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

int Validate(const std::string& config_flag, bool quiet) {
  ConfigErrors errors;
  RootConfig config;
  std::string path = FindRootConfig(config_flag);
  if (!LoadRootConfig(path, &config, &errors)) {
    // Without a readable root file nothing else can be located.
    std::fputs(errors.ToString().c_str(), stderr);
    std::fprintf(stderr, "recproc: %s\n",
                 Count(errors.size(), "configuration error", "configuration errors").c_str());
    return kExitUsage;
  }
  Schema schema;
  ConfigNode schema_node = ConfigNode::Load(config.schema_path, &errors);
  bool schema_ok = !schema_node.missing() && Schema::Load(schema_node, &schema);
  std::unique_ptr<ParseStage> parse;
  ParseStage::Build(config, "", &errors, &parse);
  std::vector<Mapping> mappings;
  // Mappings are checked against the schema's attributes: without a schema
  // every target would be reported as unknown.
  if (schema_ok) LoadMappings(config.mapping_paths, schema, &errors, &mappings);
  std::unique_ptr<NormalizeStage> normalize;
  NormalizeStage::Build(config.normalization, config.path, &errors, &normalize);
  std::unique_ptr<EnrichStage> enrich;
  if (schema_ok) EnrichStage::Build(config.enrichment, config.path, schema, &errors, &enrich);
  std::unique_ptr<ListSet> lists;
  if (!config.lists.missing()) ListSet::Load(config.lists, config.path, &errors, &lists);

  if (!errors.empty()) {
    std::fputs(errors.ToString().c_str(), stderr);
    std::fprintf(stderr, "recproc: %s in %s\n",
                 Count(errors.size(), "configuration error", "configuration errors").c_str(), path.c_str());
    return kExitUsage;
  }
  if (quiet) return kExitOk;
  size_t items = 0;
  if (lists != nullptr)
    for (size_t i = 0; i < lists->list_count(); ++i) items += lists->item_count(static_cast<uint32_t>(i));
  size_t fields = 0;
  for (const Mapping& m : mappings) fields += m.fields.size();
  std::printf("%s: OK: %s, %s, %s (%s), %s with %s\n", path.c_str(),
              Count(schema.size(), "schema attribute", "schema attributes").c_str(),
              Count(parse->profile_count(), "parser profile", "parser profiles").c_str(),
              Count(mappings.size(), "mapping", "mappings").c_str(),
              Count(fields, "field mapping", "field mappings").c_str(),
              Count(lists == nullptr ? 0 : lists->list_count(), "list", "lists").c_str(),
              Count(items, "item", "items").c_str());
  if (lists != nullptr)
    for (const std::string& w : lists->warnings()) std::fprintf(stderr, "recproc: warning: %s\n", w.c_str());
  if (!config.daemons.missing())
    std::fprintf(stderr, "recproc: note: daemon definitions are checked by 'recproc daemon validate'\n");
  return kExitOk;
}

}  // namespace

void RegisterValidateCommand(CLI::App* app, CommandRunner* run) {
  auto config = std::make_shared<std::string>();
  auto quiet = std::make_shared<bool>(false);
  CLI::App* cmd = app->add_subcommand("validate", "Load the whole configuration and report every problem");
  cmd->add_option("-c,--config", *config,
                  "Root config file (default: $RECPROC_CONFIG, ./recproc.yaml, else the built-in default)");
  cmd->add_flag("-q,--quiet", *quiet, "No summary on success; only errors");
  cmd->footer(
      "Exit status: 0 when the configuration loads, 2 when it has any problem (all are listed).\n"
      "Examples:\n"
      "  recproc validate -c /etc/recproc/recproc.yaml\n"
      "  recproc validate && systemctl reload ...");
  *run = [config, quiet] { return Validate(*config, *quiet); };
}

}  // namespace recproc
