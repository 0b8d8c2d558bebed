// ListSet::Load: the `lists:` section of the root config.
//
//   lists:
//     columns: path/to/columns.yaml   # optional: extends or overrides the built-in column table
//     files:
//       - name: vuln_scanners         # required unless the file is a YAML list file
//         kind: match                 # match | suppressed | threat; Default: match
//         column: SrcIp               # required unless the items name their columns (indicator formats)
//         path: lists/scanners.csv    # relative to the config file
//         format: csv                 # csv | yaml | indicator_csv | indicator_json | stix | misp | misp_feed
//                                     # | abusech (alias: named_csv); Default: from the extension
//                                     # (.yaml/.yml → yaml, .csv → csv)
//         value_column: dst_ip        # abusech/named_csv only: the column holding the value
//         description_column: malware # abusech/named_csv only; optional
//         description: ...            # optional
//         default_ttl: 0              # seconds; optional
//         active: true                # Default: true
// A YAML list file names itself; keys given here override the file's.
#include <fstream>

#include "lists/csv_list_loader.h"
#include "lists/indicator_loader.h"
#include "lists/list_set.h"
#include "lists/misp_loader.h"
#include "lists/stix_loader.h"
#include "lists/yaml_list_loader.h"

namespace recproc {
namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// One allocation of the file's size: a string stream would grow its buffer
// and copy it out, tripling a big list's peak memory.
bool ReadWholeFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::streamoff size = in.seekg(0, std::ios::end) ? static_cast<std::streamoff>(in.tellg()) : -1;
  if (size < 0) {
    // Not seekable (a pipe): read it in chunks.
    in.clear();
    out->clear();
    char chunk[1 << 16];
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0)
      out->append(chunk, static_cast<size_t>(in.gcount()));
    return true;
  }
  out->resize(static_cast<size_t>(size));
  in.seekg(0);
  return static_cast<bool>(in.read(out->data(), size)) || size == 0;
}

// Reads one `files:` entry and its file into *list.
bool LoadEntry(const ConfigNode& entry, const std::string& config_path, ConfigErrors* errors,
               LoadedList* list) {
  size_t before = errors->size();
  entry.CheckKeys({"name", "kind", "column", "path", "format", "value_column", "description_column",
                   "description", "default_ttl", "active"});
  std::string path, format, kind, value_column, description_column;
  ListDef given;
  bool has_active = entry.Has("active");
  entry.Require("path").AsString(&path);
  entry.Read("format", &format);
  entry.Read("name", &given.name);
  entry.Read("kind", &kind);
  entry.Read("column", &given.column);
  entry.Read("description", &given.description);
  entry.Read("default_ttl", &given.default_ttl_seconds);
  entry.Read("active", &given.active);
  entry.Read("value_column", &value_column);
  entry.Read("description_column", &description_column);
  if (!kind.empty() && !ParseListKind(kind, &given.kind))
    entry.Get("kind").Error("unknown list kind '" + kind + "'; expected match, suppressed or threat");
  if (path.empty()) return false;
  if (format.empty()) {
    if (EndsWith(path, ".yaml") || EndsWith(path, ".yml")) {
      format = "yaml";
    } else if (EndsWith(path, ".csv")) {
      format = "csv";
    } else {
      entry.Error("cannot tell the format of '" + path + "' from its name; add format:");
      return false;
    }
  }
  std::string resolved = ResolveConfigPath(config_path, path);
  list->origin = resolved;
  list->def = given;
  if (format == "yaml") {
    ConfigNode root = ConfigNode::Load(resolved, errors);
    if (errors->size() != before) return false;
    LoadYamlList(root, &list->def, &list->items, errors);
    // Keys in the config entry win over the file's.
    if (!given.name.empty()) list->def.name = given.name;
    if (!given.column.empty()) list->def.column = given.column;
    if (!kind.empty()) list->def.kind = given.kind;
    if (has_active) list->def.active = given.active;
    return errors->size() == before;
  }
  if (given.name.empty()) entry.Error("missing required key 'name'");
  if (format == "misp_feed") {
    LoadMispFeed(resolved, &list->items, errors);
    return errors->size() == before;
  }
  std::string text;
  if (!ReadWholeFile(resolved, &text)) {
    entry.Get("path").Error("cannot read list file '" + resolved + "'");
    return false;
  }
  if (format == "csv") {
    LoadValueCsv(text, resolved, &list->items, errors);
  } else if (format == "abusech" || format == "named_csv") {
    if (value_column.empty()) {
      entry.Error("format " + format + " needs value_column");
    } else {
      LoadNamedColumnCsv(text, resolved, {value_column, description_column}, &list->items, errors);
    }
  } else if (format == "indicator_csv") {
    LoadIndicatorCsv(text, resolved, &list->items, errors);
  } else if (format == "indicator_json") {
    LoadIndicatorJson(text, resolved, &list->items, errors);
  } else if (format == "stix") {
    LoadStix(text, resolved, &list->items, errors);
  } else if (format == "misp") {
    LoadMispEvent(text, resolved, &list->items, errors);
  } else {
    entry.Get("format").Error("unknown list format '" + format +
                              "'; expected csv, yaml, indicator_csv, indicator_json, stix, misp, misp_feed, "
                              "abusech or named_csv");
  }
  return errors->size() == before;
}

}  // namespace

bool ListSet::Load(const ConfigNode& section, const std::string& config_path, ConfigErrors* errors,
                   std::unique_ptr<ListSet>* out) {
  size_t before = errors->size();
  ListColumns columns;
  columns.AddFile(ListColumns::kDefaultPath, errors);
  std::vector<LoadedList> lists;
  if (!section.missing()) {
    section.CheckKeys({"columns", "files"});
    std::string columns_path;
    if (section.Read("columns", &columns_path) && !columns_path.empty() &&
        columns_path != ListColumns::kDefaultPath)
      columns.AddFile(ResolveConfigPath(config_path, columns_path), errors);
    for (const ConfigNode& entry : section.Get("files").Items()) {
      LoadedList list;
      if (LoadEntry(entry, config_path, errors, &list)) lists.push_back(std::move(list));
    }
  }
  if (errors->size() != before) return false;
  return Build(std::move(columns), std::move(lists), errors, out);
}

}  // namespace recproc
