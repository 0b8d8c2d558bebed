// Mapping files. Both serialisations of the product's model are read into the
// one Mapping struct, so a mapping exported from the product (content YAML or
// API JSON) loads unchanged. Loading is strict where the product is loose:
// unknown keys are errors with a did-you-mean (built-in content shows typos
// such as `alternative_values` that silently did nothing), target attributes
// must exist in the schema and be mappable, and each value type must carry
// the options it needs. Every problem is reported, then loading stops.
#include "map/mapping_loader.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "config/builtin_files.h"
#include "util/edit_distance.h"

namespace recproc {

namespace {

constexpr std::string_view kBuiltinPrefix = "builtin:";

// The option names of a field mapping in one serialisation.
struct FieldKeys {
  std::string_view value, value_type, alternate_values, default_value, lookup, case_key, split_delimiter,
      split_index, format, format_parameters, time_zone, field_join, join_delimiter, skipped_values;
  bool case_key_means_insensitive;
};

constexpr FieldKeys kSnakeKeys = {
    "value",          "value_type",      "alternate_values", "default_value",  "lookup",
    "case_sensitive", "split_delimiter", "split_index",      "format",         "format_parameters",
    "time_zone",      "field_join",      "join_delimiter",   "skipped_values", false};
constexpr FieldKeys kCamelKeys = {
    "value",           "valueType",      "alternateValues", "defaultValue",  "lookup",
    "caseInsensitive", "splitDelimiter", "splitIndex",      "format",        "formatParameters",
    "timeZone",        "fieldJoin",      "joinDelimiter",   "skippedValues", true};

std::vector<std::string_view> AllowedFieldKeys(const FieldKeys& k, bool with_name) {
  std::vector<std::string_view> v = {
      k.value,     k.value_type,      k.alternate_values, k.default_value, k.lookup,
      k.case_key,  k.split_delimiter, k.split_index,      k.format,        k.format_parameters,
      k.time_zone, k.field_join,      k.join_delimiter,   k.skipped_values};
  if (with_name) v.insert(v.begin(), "name");
  return v;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ReadValueType(const ConfigNode& node, ValueType* out) {
  std::string s;
  if (!node.AsString(&s)) return false;
  std::string t = Lower(s);
  if (t.empty() || t == "standard" || t == "extracted") {
    *out = ValueType::kStandard;
  } else if (t == "constant") {
    *out = ValueType::kConstant;
  } else if (t == "lookup") {
    *out = ValueType::kLookup;
  } else if (t == "split") {
    *out = ValueType::kSplit;
  } else if (t == "format") {
    *out = ValueType::kFormat;
  } else if (t == "time") {
    *out = ValueType::kTime;
  } else {
    std::vector<std::string_view> names = {"standard", "constant", "lookup", "split", "format", "time"};
    std::string msg = "unknown value type '" + s + "'";
    std::string_view near = ClosestMatch(t, names);
    if (!near.empty()) msg += " (did you mean '" + std::string(near) + "'?)";
    node.Error(msg + "; expected one of: standard constant lookup split format time");
    return false;
  }
  return true;
}

// A lookup table as a map {key: value} (content) or a list [{key, value}] (API).
void ReadLookup(const ConfigNode& node, std::vector<std::pair<std::string, std::string>>* out) {
  if (node.is_map()) {
    node.AsStringPairs(out);
    return;
  }
  for (const ConfigNode& item : node.Items()) {
    if (!item.is_map()) {
      item.Error("expected a lookup entry {key, value}");
      continue;
    }
    item.CheckKeys({"key", "value"});
    std::string k, v;
    item.Require("key").AsString(&k);
    ConfigNode value = item.Require("value");
    if (value.kind() != ConfigNode::Kind::kNull) value.AsString(&v);
    out->emplace_back(std::move(k), std::move(v));
  }
}

size_t CountFormatSlots(std::string_view s, bool* bad) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') continue;
    if (i + 1 < s.size() && s[i + 1] == 's') {
      ++n;
    } else if (i + 1 < s.size() && s[i + 1] == '%') {
    } else {
      *bad = true;
    }
    ++i;
  }
  return n;
}

// Reads one field mapping for the attribute `name` (already checked).
void ReadField(const ConfigNode& node, const FieldKeys& k, const AttributeDef* target, FieldMapping* f) {
  f->target = target;
  f->where = node.position();
  node.Read(k.value, &f->value);
  node.Read(k.alternate_values, &f->alternate_values);
  ConfigNode def = node.Get(k.default_value);
  if (!def.missing() && def.kind() != ConfigNode::Kind::kNull)
    f->has_default = def.AsString(&f->default_value);
  ConfigNode lookup = node.Get(k.lookup);
  if (!lookup.missing()) ReadLookup(lookup, &f->lookup);
  bool flag = false;
  if (node.Has(k.case_key) && node.Get(k.case_key).AsBool(&flag))
    f->case_sensitive = k.case_key_means_insensitive ? !flag : flag;
  node.Read(k.split_delimiter, &f->split_delimiter);
  node.Read(k.split_index, &f->split_index);
  node.Read(k.format_parameters, &f->format_parameters);
  node.Read(k.field_join, &f->field_join);
  node.Read(k.join_delimiter, &f->join_delimiter);
  node.Read(k.skipped_values, &f->skipped_values);
  std::string format, zone;
  node.Read(k.format, &format);
  node.Read(k.time_zone, &zone);

  ConfigNode type_node = node.Get(k.value_type);
  if (!type_node.missing()) {
    ReadValueType(type_node, &f->type);
  } else if (!lookup.missing()) {
    f->type = ValueType::kLookup;  // content carries lookup tables without a value_type
  }

  const std::string attr = "'" + target->name + "'";
  switch (f->type) {
    case ValueType::kStandard:
      if (f->value.empty() && f->field_join.empty())
        node.Error("field mapping " + attr + " needs '" + std::string(k.value) + "' (the input field) or '" +
                   std::string(k.field_join) + "'");
      break;
    case ValueType::kConstant:
      if (!node.Has(k.value))
        node.Error("constant mapping " + attr + " needs '" + std::string(k.value) + "'");
      break;
    case ValueType::kLookup:
      if (f->value.empty()) node.Error("lookup mapping " + attr + " needs '" + std::string(k.value) + "'");
      if (f->lookup.empty())
        node.Error("lookup mapping " + attr + " needs a '" + std::string(k.lookup) + "' table");
      break;
    case ValueType::kSplit:
      if (f->value.empty()) node.Error("split mapping " + attr + " needs '" + std::string(k.value) + "'");
      if (f->split_delimiter.empty())
        node.Error("split mapping " + attr + " needs a non-empty '" + std::string(k.split_delimiter) + "'");
      if (!node.Has(k.split_index))
        node.Error("split mapping " + attr + " needs '" + std::string(k.split_index) + "'");
      break;
    case ValueType::kFormat: {
      bool bad = false;
      size_t slots = CountFormatSlots(f->value, &bad);
      if (bad)
        node.Get(k.value).Error("format template '" + f->value + "' may contain only %s and %% directives");
      if (slots != f->format_parameters.size())
        node.Error("format mapping " + attr + ": the template has " + std::to_string(slots) +
                   " %s slot(s) but " + std::to_string(f->format_parameters.size()) + " " +
                   std::string(k.format_parameters));
      break;
    }
    case ValueType::kTime: {
      if (f->value.empty()) node.Error("time mapping " + attr + " needs '" + std::string(k.value) + "'");
      if (target->type != AttrType::kLong)
        node.Error("time mapping " + attr +
                   ": the target must be a long attribute (ms since the epoch), not " +
                   std::string(AttrTypeName(target->type)));
      std::string error;
      if (!f->time.Compile(format, zone, &error)) {
        ConfigNode where = node.Get(format.empty() ? k.value_type : k.format);
        (where.missing() ? node : where).Error(error);
      }
      break;
    }
  }
  if (f->type != ValueType::kTime && (!format.empty() || !zone.empty()))
    node.Error("'" + std::string(k.format) + "'/'" + std::string(k.time_zone) +
               "' apply only to time mappings");
  if (!f->field_join.empty() && f->type != ValueType::kStandard)
    node.Error("'" + std::string(k.field_join) + "' applies only to standard mappings");
}

const AttributeDef* CheckTarget(const ConfigNode& where, const std::string& name, const Schema& schema) {
  const AttributeDef* a = schema.Find(name);
  if (a == nullptr) {
    std::string msg = "unknown attribute '" + name + "'";
    std::string_view near = schema.SuggestMappable(name);
    if (!near.empty()) msg += " (did you mean '" + std::string(near) + "'?)";
    where.Error(msg);
    return nullptr;
  }
  if (!a->mappable) {
    where.Error("attribute '" + name + "' is filled by recproc and cannot be mapped");
    return nullptr;
  }
  return a;
}

void ReadInput(const ConfigNode& node, bool camel, MappingInput* in) {
  std::string_view log_format = camel ? "logFormat" : "log_format";
  std::string_view pattern = camel ? "eventIdPattern" : "event_id_pattern";
  node.CheckKeys({"vendor", "product", log_format, pattern});
  node.Require("vendor").AsString(&in->vendor);
  node.Require("product").AsString(&in->product);
  node.Read(log_format, &in->log_format);
  ConfigNode p = node.Require(pattern);
  if (!p.AsString(&in->event_id_pattern)) return;
  const std::string& s = in->event_id_pattern;
  if (s == "_default_" || s == "*") {
    in->match = EventIdMatch::kDefault;
  } else if (IsRegexEventIdPattern(s)) {
    RE2::Options opts;
    opts.set_log_errors(false);
    auto re = std::make_shared<const RE2>(s, opts);
    if (!re->ok()) {
      p.Error("invalid event id pattern '" + s + "': " + re->error());
      return;
    }
    in->match = EventIdMatch::kRegex;
    in->regex = std::move(re);
  } else {
    in->match = EventIdMatch::kConstant;
  }
}

void CheckRecordType(const ConfigNode& where, const std::string& t, const Schema& schema) {
  if (schema.IsRecordType(t)) return;
  if (schema.IsSystemRecordType(t)) {
    where.Error("record type '" + t + "' is made by recproc itself, not by a mapping");
    return;
  }
  std::vector<std::string_view> names(schema.record_types().begin(), schema.record_types().end());
  std::string msg = "unknown record type '" + t + "'";
  std::string_view near = ClosestMatch(t, names);
  if (!near.empty()) msg += " (did you mean '" + std::string(near) + "'?)";
  where.Error(msg);
}

void ReadSnake(const ConfigNode& node, const Schema& schema, Mapping* m) {
  node.CheckKeys(
      {"uid", "name", "enabled", "relates_entities", "input", "output", "skipped_values", "field_mappings"});
  node.Read("uid", &m->uid);
  node.Require("name").AsString(&m->name);
  node.Read("enabled", &m->enabled);
  node.Read("relates_entities", &m->relates_entities);
  ConfigNode input = node.Require("input");
  if (input.is_map()) {
    ReadInput(input, false, &m->inputs.emplace_back());
  } else {
    for (const ConfigNode& item : input.Items()) ReadInput(item, false, &m->inputs.emplace_back());
  }
  ConfigNode output = node.Require("output");
  output.CheckKeys({"record_type", "product_guid", "vendor", "product", "fields"});
  ConfigNode rt = output.Require("record_type");
  if (rt.AsString(&m->record_type)) CheckRecordType(rt, m->record_type, schema);
  output.Read("product_guid", &m->product_guid);
  output.Read("vendor", &m->output_vendor);
  output.Read("product", &m->output_product);
  std::string fields;
  if (output.Read("fields", &fields) && !fields.empty()) {
    if (fields == "unmapped") {
      m->output_fields = OutputFields::kUnmapped;
    } else if (fields != "all") {
      output.Get("fields").Error("expected 'all' or 'unmapped', found '" + fields + "'");
    }
  }
  if (node.Has("skipped_values"))
    node.Read("skipped_values", &m->skipped_values);
  else
    m->skipped_values = {",", "-"};
  std::vector<std::string_view> allowed = AllowedFieldKeys(kSnakeKeys, false);
  ConfigNode field_mappings = node.Get("field_mappings");
  if (field_mappings.missing()) return;
  for (auto& [attr, fnode] : field_mappings.Entries()) {
    const AttributeDef* target = CheckTarget(fnode, attr, schema);
    if (!fnode.is_map()) {
      fnode.Error("field mapping '" + attr + "' must be a map of options");
      continue;
    }
    fnode.CheckKeys(allowed);
    if (target == nullptr) continue;
    ReadField(fnode, kSnakeKeys, target, &m->fields.emplace_back());
  }
}

void ReadCamel(const ConfigNode& node, const Schema& schema, Mapping* m) {
  node.CheckKeys({"id", "name", "parentId", "enabled", "relatesEntities", "productGuid", "recordType",
                  "structuredInputs", "unstructuredFields", "skippedValues", "fields"});
  node.Read("id", &m->uid);
  node.Require("name").AsString(&m->name);
  node.Read("enabled", &m->enabled);
  node.Read("relatesEntities", &m->relates_entities);
  node.Read("productGuid", &m->product_guid);
  ConfigNode rt = node.Require("recordType");
  if (rt.AsString(&m->record_type)) CheckRecordType(rt, m->record_type, schema);
  if (node.Has("unstructuredFields"))
    node.Get("unstructuredFields")
        .Error("unstructured (grok pattern) mappings are not supported; use structuredInputs");
  for (const ConfigNode& item : node.Require("structuredInputs").Items())
    ReadInput(item, true, &m->inputs.emplace_back());
  if (node.Has("skippedValues"))
    node.Read("skippedValues", &m->skipped_values);
  else
    m->skipped_values = {",", "-"};
  std::vector<std::string_view> allowed = AllowedFieldKeys(kCamelKeys, true);
  for (const ConfigNode& fnode : node.Get("fields").Items()) {
    if (!fnode.is_map()) {
      fnode.Error("expected a field mapping {name, value, ...}");
      continue;
    }
    fnode.CheckKeys(allowed);
    std::string attr;
    ConfigNode name = fnode.Require("name");
    if (!name.AsString(&attr)) continue;
    const AttributeDef* target = CheckTarget(name, attr, schema);
    if (target == nullptr) continue;
    ReadField(fnode, kCamelKeys, target, &m->fields.emplace_back());
  }
}

bool IsCamel(const ConfigNode& node) {
  for (std::string_view k : {"recordType", "structuredInputs", "productGuid", "fields", "skippedValues",
                             "relatesEntities", "unstructuredFields"})
    if (node.Has(k)) return true;
  return false;
}

void CollectUsedKeys(Mapping* m) {
  std::vector<std::string> keys;
  for (const FieldMapping& f : m->fields) {
    if (f.type != ValueType::kConstant && f.type != ValueType::kFormat && !f.value.empty())
      keys.push_back(f.value);
    keys.insert(keys.end(), f.alternate_values.begin(), f.alternate_values.end());
    keys.insert(keys.end(), f.format_parameters.begin(), f.format_parameters.end());
    keys.insert(keys.end(), f.field_join.begin(), f.field_join.end());
  }
  m->used_keys = KeySet(std::move(keys));
}

void ReadOne(const ConfigNode& node, const Schema& schema, std::vector<Mapping>* out) {
  if (!node.is_map()) {
    node.Error("expected a mapping (a map with name, input, output, field_mappings)");
    return;
  }
  Mapping& m = out->emplace_back();
  m.where = node.position();
  if (IsCamel(node)) {
    ReadCamel(node, schema, &m);
  } else {
    ReadSnake(node, schema, &m);
  }
  if (m.uid.empty()) m.uid = m.name;
  for (size_t i = 0; i < m.fields.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (m.fields[i].target == m.fields[j].target)
        node.Error("mapping '" + m.name + "' maps '" + m.fields[i].target->name + "' twice");
  CollectUsedKeys(&m);
}

bool HasMappingExtension(std::string_view p) {
  for (std::string_view ext : {".yaml", ".yml", ".json"})
    if (p.size() > ext.size() && p.substr(p.size() - ext.size()) == ext) return true;
  return false;
}

// Expands a configured path into the files it names.
std::vector<std::string> ExpandPath(const std::string& path, ConfigErrors* errors) {
  std::vector<std::string> files;
  if (path.rfind(kBuiltinPrefix, 0) == 0) {
    std::string_view rel = std::string_view(path).substr(kBuiltinPrefix.size());
    if (FindBuiltinFile(rel) != nullptr) return {path};
    std::string dir(rel);
    if (!dir.empty() && dir.back() != '/') dir += '/';
    for (std::string_view f : ListBuiltinFiles(dir))
      if (HasMappingExtension(f) && f.find('/', dir.size()) == std::string_view::npos)
        files.push_back(std::string(kBuiltinPrefix) + std::string(f));
    if (files.empty())
      errors->Add(SourcePosition{path}, "no built-in mapping file or directory of that name");
    return files;
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    for (const auto& entry : std::filesystem::directory_iterator(path, ec))
      if (entry.is_regular_file(ec) && HasMappingExtension(entry.path().filename().string()))
        files.push_back(entry.path().string());
    if (ec) errors->Add(SourcePosition{path}, "cannot list directory: " + ec.message());
    std::sort(files.begin(), files.end());
    return files;
  }
  return {path};  // ConfigNode::Load reports a missing file
}

}  // namespace

bool IsRegexEventIdPattern(std::string_view pattern) {
  return pattern.find_first_of("\\^$.|?*+()[]{}") != std::string_view::npos;
}

bool ReadMappings(const ConfigNode& root, const Schema& schema, std::vector<Mapping>* out) {
  ConfigErrors* errors = root.errors();
  size_t before = errors->size();
  if (root.is_list()) {
    for (const ConfigNode& item : root.Items()) ReadOne(item, schema, out);
  } else if (!root.missing() && root.kind() != ConfigNode::Kind::kNull) {
    ReadOne(root, schema, out);
  }
  return errors->size() == before;
}

bool LoadMappings(const std::vector<std::string>& paths, const Schema& schema, ConfigErrors* errors,
                  std::vector<Mapping>* out) {
  size_t before = errors->size();
  size_t first = out->size();
  for (const std::string& path : paths) {
    for (const std::string& file : ExpandPath(path, errors)) {
      ConfigNode root = ConfigNode::Load(file, errors);
      if (!root.missing()) ReadMappings(root, schema, out);
    }
  }
  // A uid names one mapping (metadata_mapperUid); two with the same uid would
  // make records that cannot be told apart.
  for (size_t i = first; i < out->size(); ++i) {
    for (size_t j = first; j < i; ++j) {
      if ((*out)[i].uid == (*out)[j].uid) {
        errors->Add((*out)[i].where,
                    "mapping uid '" + (*out)[i].uid + "' is already used at " + (*out)[j].where.ToString());
        break;
      }
    }
  }
  return errors->size() == before;
}

}  // namespace recproc
