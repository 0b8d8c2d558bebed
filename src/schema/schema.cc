// Schema loading. The schema file is data (schemas/record_schema.yaml) so a
// site can add attributes without a rebuild. Attributes marked with an
// enrichment kind get the derived attributes of that kind added
// (srcDevice_ip -> srcDevice_ip_countryCode, ...), all non-mappable, so every
// name a record can carry is known to Find().
#include "schema/schema.h"

#include <algorithm>
#include <cctype>

#include "util/edit_distance.h"

namespace recproc {

namespace {

struct TypeName {
  std::string_view name;
  AttrType type;
};
constexpr TypeName kTypeNames[] = {
    {"string", AttrType::kString},
    {"int", AttrType::kInt},
    {"long", AttrType::kLong},
    {"float", AttrType::kFloat},
    {"double", AttrType::kDouble},
    {"boolean", AttrType::kBoolean},
    {"array[string]", AttrType::kStringArray},
    {"map[string]string", AttrType::kStringMap},
    {"map[string]array[string]", AttrType::kStringArrayMap},
    {"map[string]boolean", AttrType::kBooleanMap},
    {"array[MatchedItem]", AttrType::kMatchedItemArray},
    {"map[string]array[MatchingIndicator]", AttrType::kIndicatorMap},
    {"map", AttrType::kObject},
};

bool ParseType(const ConfigNode& node, AttrType* out) {
  std::string s;
  if (!node.AsString(&s)) return false;
  std::vector<std::string_view> names;
  for (const TypeName& t : kTypeNames) {
    if (t.name == s) {
      *out = t.type;
      return true;
    }
    names.push_back(t.name);
  }
  std::string msg = "unknown attribute type '" + s + "'";
  std::string_view near = ClosestMatch(s, names);
  if (!near.empty()) msg += " (did you mean '" + std::string(near) + "'?)";
  node.Error(msg);
  return false;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// Entries of an optional map: none when the key is absent.
std::vector<std::pair<std::string, ConfigNode>> OptionalEntries(const ConfigNode& n) {
  if (n.missing()) return {};
  return n.Entries();
}

struct Suffix {
  std::string name;
  AttrType type;
};

}  // namespace

std::string_view AttrTypeName(AttrType t) {
  for (const TypeName& n : kTypeNames)
    if (n.type == t) return n.name;
  return "?";
}

std::string_view Enumeration::Canonical(std::string_view text) const {
  for (const std::string& v : values)
    if (EqualsIgnoreCase(v, text)) return v;
  return {};
}

std::string_view Enumeration::Description(int64_t v) const {
  if (!is_range() || v < min || v > max) return {};
  size_t i = static_cast<size_t>(v - min);
  return i < descriptions.size() ? std::string_view(descriptions[i]) : std::string_view();
}

const AttributeDef* Schema::Find(std::string_view name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : it->second;
}

bool Schema::IsRecordType(std::string_view t) const {
  return std::find(record_types_.begin(), record_types_.end(), t) != record_types_.end();
}

bool Schema::IsSystemRecordType(std::string_view t) const {
  return std::find(system_record_types_.begin(), system_record_types_.end(), t) != system_record_types_.end();
}

const Enumeration* Schema::FindEnumeration(std::string_view name) const {
  for (const Enumeration& e : enums_)
    if (e.name == name) return &e;
  return nullptr;
}

std::string_view Schema::SuggestMappable(std::string_view name) const {
  std::vector<std::string_view> names;
  names.reserve(attrs_.size());
  for (const AttributeDef& a : attrs_)
    if (a.mappable) names.push_back(a.name);
  return ClosestMatch(name, names);
}

AttributeDef* Schema::Add(std::string name, const ConfigNode& where) {
  if (Find(name) != nullptr) {
    where.Error("attribute '" + name + "' is defined twice");
    return nullptr;
  }
  AttributeDef& a = attrs_.emplace_back();
  a.name = std::move(name);
  a.index = attrs_.size() - 1;
  by_name_.emplace(std::string_view(a.name), &a);
  return &a;
}

bool Schema::LoadBuiltin(ConfigErrors* errors, Schema* out) {
  return Load(ConfigNode::Load("builtin:schemas/record_schema.yaml", errors), out);
}

bool Schema::Load(const ConfigNode& root, Schema* out) {
  ConfigErrors* errors = root.errors();
  size_t errors_before = errors ? errors->size() : 0;
  Schema s;
  if (root.missing()) return false;
  root.CheckKeys(
      {"schema_version", "record_types", "system_record_types", "enrichments", "enumerations", "attributes"});
  int64_t version = 3;
  root.Read("schema_version", &version);
  s.version_ = static_cast<int>(version);
  root.Require("record_types").AsStringList(&s.record_types_);
  root.Read("system_record_types", &s.system_record_types_);

  // Enrichment suffix sets.
  std::vector<Suffix> suffixes[4];
  ConfigNode enrich = root.Get("enrichments");
  if (!enrich.missing()) {
    enrich.CheckKeys({"ip", "url", "domain"});
    const std::pair<std::string_view, EnrichmentKind> kinds[] = {
        {"ip", EnrichmentKind::kIp}, {"url", EnrichmentKind::kUrl}, {"domain", EnrichmentKind::kDomain}};
    for (const auto& [key, kind] : kinds) {
      if (!enrich.Has(key)) continue;
      for (auto& [name, type_node] : enrich.Get(key).Entries()) {
        AttrType t;
        if (ParseType(type_node, &t)) suffixes[static_cast<int>(kind)].push_back({name, t});
      }
    }
  }

  for (auto& [name, node] : OptionalEntries(root.Get("enumerations"))) {
    node.CheckKeys({"values", "min", "max", "descriptions"});
    Enumeration& e = s.enums_.emplace_back();
    e.name = name;
    node.Read("values", &e.values);
    if (node.Has("min") || node.Has("max")) {
      node.Require("min").AsInt(&e.min);
      node.Require("max").AsInt(&e.max);
      if (e.min > e.max) node.Error("enumeration '" + name + "': min is greater than max");
      for (auto& [key, text] : OptionalEntries(node.Get("descriptions"))) {
        int64_t v = 0;
        char* end = nullptr;
        v = std::strtoll(key.c_str(), &end, 10);
        if (key.empty() || *end != '\0' || v < e.min || v > e.max) {
          text.Error("description key '" + key + "' is not a value of " + name);
          continue;
        }
        size_t i = static_cast<size_t>(v - e.min);
        if (e.descriptions.size() <= i) e.descriptions.resize(i + 1);
        text.AsString(&e.descriptions[i]);
      }
    } else if (e.values.empty()) {
      node.Error("enumeration '" + name + "' needs either values or min/max");
    }
  }

  ConfigNode attrs = root.Require("attributes");
  for (auto& [name, node] : attrs.Entries()) {
    node.CheckKeys({"type", "mappable", "deprecated", "entity", "enrichment", "normalized", "enumeration"});
    AttributeDef* a = s.Add(name, node);
    if (a == nullptr) continue;
    ParseType(node.Require("type"), &a->type);
    node.Read("mappable", &a->mappable);
    node.Read("deprecated", &a->deprecated);
    node.Read("entity", &a->entity_type);
    node.Read("normalized", &a->normalized);
    std::string enrichment;
    if (node.Read("enrichment", &enrichment) && !enrichment.empty()) {
      if (enrichment == "ip") {
        a->enrichment = EnrichmentKind::kIp;
      } else if (enrichment == "url") {
        a->enrichment = EnrichmentKind::kUrl;
      } else if (enrichment == "domain") {
        a->enrichment = EnrichmentKind::kDomain;
      } else {
        node.Get("enrichment").Error("unknown enrichment '" + enrichment + "'; expected ip, url or domain");
      }
    }
    std::string enum_name;
    if (node.Read("enumeration", &enum_name) && !enum_name.empty()) {
      a->enumeration = s.FindEnumeration(enum_name);
      if (a->enumeration == nullptr) node.Get("enumeration").Error("unknown enumeration '" + enum_name + "'");
    }
  }

  // Derived enrichment attributes, after the declared ones so a declared
  // attribute of the same name (http_url_queryParameters is both mappable and
  // a URL enrichment) keeps its declared definition.
  size_t declared = s.attrs_.size();
  for (size_t i = 0; i < declared; ++i) {
    const AttributeDef& base = s.attrs_[i];
    if (base.enrichment == EnrichmentKind::kNone) continue;
    for (const Suffix& suf : suffixes[static_cast<int>(base.enrichment)]) {
      std::string name = base.name + "_" + suf.name;
      if (s.Find(name) != nullptr) continue;
      AttributeDef& d = s.attrs_.emplace_back();
      d.name = std::move(name);
      d.type = suf.type;
      d.mappable = false;
      d.enriched_from = &base;
      d.index = s.attrs_.size() - 1;
      s.by_name_.emplace(std::string_view(d.name), &d);
    }
  }
  for (const std::string& t : s.record_types_)
    if (std::find(s.system_record_types_.begin(), s.system_record_types_.end(), t) !=
        s.system_record_types_.end())
      root.Get("record_types").Error("record type '" + t + "' is also listed as a system record type");

  bool ok = errors == nullptr || errors->size() == errors_before;
  if (ok) *out = std::move(s);
  return ok;
}

}  // namespace recproc
