// Reading the `normalization:` section. The product's model is spelled three
// ways (our snake_case, its Terraform arguments, its API JSON keys); each
// setting accepts all of them, and giving the same setting under two
// spellings is an error, because one of them would be silently ignored.
#include "normalize/normalize_options.h"

#include <initializer_list>
#include <string_view>

#include "util/ascii_case.h"

namespace recproc {

const char* LookupTableTypeName(LookupTableType type) {
  switch (type) {
    case LookupTableType::kHostId:
      return "host_id";
    case LookupTableType::kUserId:
      return "user_id";
    case LookupTableType::kUsername:
      return "username";
  }
  return "?";
}

namespace {

// The node of the first spelling present; an error at every further one.
ConfigNode FindAliased(const ConfigNode& map, std::initializer_list<std::string_view> spellings) {
  ConfigNode found;
  std::string_view found_key;
  for (std::string_view key : spellings) {
    ConfigNode n = map.Get(key);
    if (n.missing()) continue;
    if (found.missing()) {
      found = n;
      found_key = key;
    } else {
      std::string message = "'";
      message.append(key).append("' repeats '").append(found_key).append("' (they are the same setting)");
      n.Error(message);
    }
  }
  return found;
}

void ReadBool(const ConfigNode& map, std::initializer_list<std::string_view> spellings, bool* out) {
  ConfigNode n = FindAliased(map, spellings);
  if (!n.missing()) n.AsBool(out);
}

void ReadString(const ConfigNode& map, std::initializer_list<std::string_view> spellings, std::string* out) {
  ConfigNode n = FindAliased(map, spellings);
  if (!n.missing()) n.AsString(out);
}

bool ParseTableType(std::string_view text, LookupTableType* out) {
  // The UI's labels and the API's enum spellings are accepted too.
  if (text == "host_id" || text == "hostId" || text == "HostId") {
    *out = LookupTableType::kHostId;
  } else if (text == "user_id" || text == "userId" || text == "UserId") {
    *out = LookupTableType::kUserId;
  } else if (text == "username" || text == "Username") {
    *out = LookupTableType::kUsername;
  } else {
    return false;
  }
  return true;
}

void ReadDomainMapping(const ConfigNode& item, NormalizeOptions* out) {
  if (!item.is_map()) {
    item.Error("expected a map {raw_domain, normalized_domain}");
    return;
  }
  item.CheckKeys({"raw_domain", "normalized_domain", "rawDomain", "normalizedDomain"});
  DomainMapping m;
  ConfigNode raw = FindAliased(item, {"raw_domain", "rawDomain"});
  ConfigNode norm = FindAliased(item, {"normalized_domain", "normalizedDomain"});
  if (raw.missing()) item.Error("missing required key 'raw_domain'");
  if (norm.missing()) item.Error("missing required key 'normalized_domain'");
  if (raw.missing() || norm.missing()) return;
  if (!raw.AsString(&m.raw_domain) || !norm.AsString(&m.normalized_domain)) return;
  if (m.raw_domain.empty()) raw.Error("expected a domain, found an empty string");
  if (m.normalized_domain.empty()) norm.Error("expected a domain, found an empty string");
  if (m.raw_domain.empty() || m.normalized_domain.empty()) return;
  for (const DomainMapping& prior : out->domain_mappings) {
    if (EqualsIgnoreAsciiCase(prior.raw_domain, m.raw_domain) &&
        !EqualsIgnoreAsciiCase(prior.normalized_domain, m.normalized_domain)) {
      raw.Error("raw domain '" + m.raw_domain + "' is already mapped to '" + prior.normalized_domain +
                "' (domains compare case-insensitively)");
      return;
    }
  }
  out->domain_mappings.push_back(std::move(m));
}

void ReadLookupTable(const ConfigNode& item, const std::string& config_path, NormalizeOptions* out) {
  if (!item.is_map()) {
    item.Error("expected a map {type, path, lookup_column, substitution_column, source_category}");
    return;
  }
  item.CheckKeys({"type", "path", "lookup_column", "substitution_column", "source_category", "tablePath",
                  "lookupColumnName", "substitutionColumnName", "sourceCategory"});
  LookupTableOptions t;
  t.where = item.position();
  bool ok = true;
  ConfigNode type = item.Require("type");
  std::string type_text;
  if (!type.missing() && type.AsString(&type_text) && !ParseTableType(type_text, &t.type)) {
    type.Error("unknown lookup table type '" + type_text + "'; expected one of: host_id user_id username");
    ok = false;
  }
  struct Required {
    std::initializer_list<std::string_view> spellings;
    std::string* out;
  };
  for (const Required& r :
       {Required{{"path", "tablePath"}, &t.path},
        Required{{"lookup_column", "lookupColumnName"}, &t.lookup_column},
        Required{{"substitution_column", "substitutionColumnName"}, &t.substitution_column}}) {
    ConfigNode n = FindAliased(item, r.spellings);
    if (n.missing()) {
      item.Error("missing required key '" + std::string(*r.spellings.begin()) + "'");
      ok = false;
    } else if (!n.AsString(r.out)) {
      ok = false;
    } else if (r.out->empty()) {
      n.Error("expected a non-empty string");
      ok = false;
    }
  }
  ReadString(item, {"source_category", "sourceCategory"}, &t.source_category);
  if (!ok || type.missing()) return;
  t.path = ResolveConfigPath(config_path, t.path);
  out->lookup_tables.push_back(std::move(t));
}

}  // namespace

bool ReadNormalizeOptions(const ConfigNode& section, const std::string& config_path, NormalizeOptions* out,
                          ConfigErrors* errors) {
  size_t errors_before = errors->size();
  if (section.missing() || section.kind() == ConfigNode::Kind::kNull) return true;
  if (!section.is_map()) {
    section.Error("expected a map of normalization settings");
    return false;
  }
  section.CheckKeys({"normalize_usernames", "normalizeUsernames", "normalize_hostnames", "normalizeHostnames",
                     "ad_normalization", "windows_normalization_enabled", "adDomainNormalizationEnabled",
                     "fqdn_normalization", "fqdn_normalization_enabled", "fqdnNormalizationEnabled",
                     "aws_normalization", "aws_normalization_enabled", "awsNormalizationEnabled",
                     "default_normalized_domain", "defaultNormalizedDomain", "domain_mappings",
                     "domainMappings", "lookup_tables", "lookupTables"});
  ReadBool(section, {"normalize_usernames", "normalizeUsernames"}, &out->normalize_usernames);
  ReadBool(section, {"normalize_hostnames", "normalizeHostnames"}, &out->normalize_hostnames);
  ReadBool(section, {"ad_normalization", "windows_normalization_enabled", "adDomainNormalizationEnabled"},
           &out->ad_normalization);
  ReadBool(section, {"fqdn_normalization", "fqdn_normalization_enabled", "fqdnNormalizationEnabled"},
           &out->fqdn_normalization);
  ReadBool(section, {"aws_normalization", "aws_normalization_enabled", "awsNormalizationEnabled"},
           &out->aws_normalization);
  ReadString(section, {"default_normalized_domain", "defaultNormalizedDomain"},
             &out->default_normalized_domain);
  for (const ConfigNode& item : FindAliased(section, {"domain_mappings", "domainMappings"}).Items())
    ReadDomainMapping(item, out);
  std::vector<ConfigNode> tables = FindAliased(section, {"lookup_tables", "lookupTables"}).Items();
  for (size_t i = 0; i < tables.size(); ++i) {
    if (i == kMaxEntityLookupTables) {
      tables[i].Error("too many lookup tables: at most " + std::to_string(kMaxEntityLookupTables) +
                      " are allowed, found " + std::to_string(tables.size()));
      break;
    }
    ReadLookupTable(tables[i], config_path, out);
  }
  return errors->size() == errors_before;
}

}  // namespace recproc
