// `recproc schema [--json]`: the record schema in use (the config's, else the
// built-in one): every attribute with its type and properties, the record
// types and the enumerations. The JSON form is one object:
//   {schema_version, record_types[], system_record_types[],
//    attributes[{name, type, mappable, deprecated, entity, enrichment,
//                normalized, enumeration, enriched_from}],
//    enumerations{name: {values[]} | {min, max, descriptions[]}}}
// where the optional members are present only when set.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/commands.h"
#include "config/root_config.h"
#include "schema/schema.h"

namespace recproc {

namespace {

std::string_view EnrichmentName(EnrichmentKind k) {
  switch (k) {
    case EnrichmentKind::kIp:
      return "ip";
    case EnrichmentKind::kUrl:
      return "url";
    case EnrichmentKind::kDomain:
      return "domain";
    case EnrichmentKind::kNone:
      break;
  }
  return "";
}

nlohmann::ordered_json SchemaJson(const Schema& schema) {
  using Json = nlohmann::ordered_json;
  Json j;
  j["schema_version"] = schema.schema_version();
  j["record_types"] = schema.record_types();
  Json system = Json::array();
  for (const char* t : {"Canary", "FailedRecord"})
    if (schema.IsSystemRecordType(t)) system.push_back(t);
  j["system_record_types"] = system;
  Json attrs = Json::array();
  std::vector<const Enumeration*> enums;
  for (size_t i = 0; i < schema.size(); ++i) {
    const AttributeDef& a = schema.at(i);
    Json e = {{"name", a.name}, {"type", std::string(AttrTypeName(a.type))}, {"mappable", a.mappable}};
    if (a.deprecated) e["deprecated"] = true;
    if (!a.entity_type.empty()) e["entity"] = a.entity_type;
    if (a.enrichment != EnrichmentKind::kNone) e["enrichment"] = std::string(EnrichmentName(a.enrichment));
    if (!a.normalized.empty()) e["normalized"] = a.normalized;
    if (a.enumeration != nullptr) {
      e["enumeration"] = a.enumeration->name;
      if (std::find(enums.begin(), enums.end(), a.enumeration) == enums.end()) enums.push_back(a.enumeration);
    }
    if (a.enriched_from != nullptr) e["enriched_from"] = a.enriched_from->name;
    attrs.push_back(e);
  }
  j["attributes"] = attrs;
  Json en = Json::object();
  for (const Enumeration* e : enums) {
    if (e->is_range())
      en[e->name] = {{"min", e->min}, {"max", e->max}, {"descriptions", e->descriptions}};
    else
      en[e->name] = {{"values", e->values}};
  }
  j["enumerations"] = en;
  return j;
}

std::string SchemaText(const nlohmann::ordered_json& j) {
  std::string s = "schema version " + j["schema_version"].dump() + "\n\nrecord types:\n";
  for (const auto& t : j["record_types"]) s += "  " + t.get<std::string>() + "\n";
  s += "\nattributes (name, type, properties; derived enrichment attributes follow their source):\n";
  for (const auto& a : j["attributes"]) {
    std::string line = "  " + a["name"].get<std::string>();
    if (line.size() < 44) line.resize(44, ' ');
    line += " " + a["type"].get<std::string>();
    std::string props;
    auto add = [&props](const std::string& p) { props += (props.empty() ? "" : ", ") + p; };
    if (!a["mappable"].get<bool>()) add("system");
    if (a.contains("deprecated")) add("deprecated");
    if (a.contains("entity")) add("entity " + a["entity"].get<std::string>());
    if (a.contains("enrichment")) add("enriched as " + a["enrichment"].get<std::string>());
    if (a.contains("normalized")) add("normalized as " + a["normalized"].get<std::string>());
    if (a.contains("enumeration")) add("enumeration " + a["enumeration"].get<std::string>());
    if (a.contains("enriched_from")) add("from " + a["enriched_from"].get<std::string>());
    if (!props.empty()) line += "  (" + props + ")";
    s += line + "\n";
  }
  s += "\nenumerations:\n";
  for (const auto& [name, e] : j["enumerations"].items()) {
    if (e.contains("values")) {
      std::string v;
      for (const auto& x : e["values"]) v += (v.empty() ? "" : " ") + x.get<std::string>();
      s += "  " + name + ": " + v + "\n";
    } else {
      s += "  " + name + ": " + e["min"].dump() + ".." + e["max"].dump() + "\n";
      int64_t value = e["min"].get<int64_t>();
      for (const auto& d : e["descriptions"])
        s += "    " + std::to_string(value++) + " " + d.get<std::string>() + "\n";
    }
  }
  return s;
}

int PrintSchema(const std::string& config_flag, bool json) {
  ConfigErrors errors;
  RootConfig config;
  Schema schema;
  if (LoadRootConfig(FindRootConfig(config_flag), &config, &errors)) {
    ConfigNode node = ConfigNode::Load(config.schema_path, &errors);
    if (!node.missing()) Schema::Load(node, &schema);
  }
  if (!errors.empty()) {
    std::fputs(errors.ToString().c_str(), stderr);
    return kExitUsage;
  }
  nlohmann::ordered_json j = SchemaJson(schema);
  if (json)
    std::printf("%s\n", j.dump(2).c_str());
  else
    std::fputs(SchemaText(j).c_str(), stdout);
  return kExitOk;
}

}  // namespace

void RegisterSchemaCommand(CLI::App* app, CommandRunner* run) {
  auto config = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd =
      app->add_subcommand("schema", "Print the record schema: attributes, record types, enumerations");
  cmd->add_flag("--json", *json, "Print it as one JSON document");
  cmd->add_option("-c,--config", *config, "Root config file whose schema to print (default: as for run)");
  cmd->footer(
      "Examples:\n"
      "  recproc schema | grep _ip\n"
      "  recproc schema --json | jq '.enumerations.normalizedAction'");
  *run = [config, json] { return PrintSchema(*config, *json); };
}

}  // namespace recproc
