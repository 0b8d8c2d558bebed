// The normalization stage: fixed tables of the attributes it touches (names
// are literals because a Record keeps only views of attribute names), and
// the three passes in the order the product applies them (reference
// cloud-siem-pipeline.md §7 item 20: normalize → lookup tables).
#include "normalize/normalize_stage.h"

#include <string_view>

#include "util/ascii_case.h"
#include "normalize/k8s_names.h"

namespace recproc {
namespace {

struct NameAttr {
  AttrName attr, raw, role;  // role empty for hostnames
  bool is_host;
};

// Same order as NormalizeStats::kAttributeNames.
constexpr NameAttr kNameAttrs[NormalizeStats::kNameAttributes] = {
    {"user_username", "user_username_raw", "user_username_role", false},
    {"targetUser_username", "targetUser_username_raw", "targetUser_username_role", false},
    {"fromUser_username", "fromUser_username_raw", "fromUser_username_role", false},
    {"device_hostname", "device_hostname_raw", "", true},
    {"srcDevice_hostname", "srcDevice_hostname_raw", "", true},
    {"dstDevice_hostname", "dstDevice_hostname_raw", "", true},
};

struct HostAttrs {
  AttrName hostname, raw, unique_id;
};
constexpr HostAttrs kHosts[] = {
    {"device_hostname", "device_hostname_raw", "device_uniqueId"},
    {"srcDevice_hostname", "srcDevice_hostname_raw", "srcDevice_uniqueId"},
    {"dstDevice_hostname", "dstDevice_hostname_raw", "dstDevice_uniqueId"},
};

struct UserAttrs {
  AttrName username, raw, user_id;
};
constexpr UserAttrs kUsers[] = {
    {"user_username", "user_username_raw", "user_userId"},
    {"targetUser_username", "targetUser_username_raw", "targetUser_userId"},
    {"fromUser_username", "fromUser_username_raw", "fromUser_userId"},
};

// The table entry for a normalized value, else for its original.
const std::string* FindNameOrRaw(const EntityLookupTable& table, const Record& record, const AttrName& attr,
                                 const AttrName& raw_attr) {
  if (const std::string* sub = table.Find(record.GetString(attr))) return sub;
  return table.Find(record.GetString(raw_attr));
}

}  // namespace

bool NormalizeStage::Build(const ConfigNode& section, const std::string& config_path, ConfigErrors* errors,
                           std::unique_ptr<NormalizeStage>* out) {
  NormalizeOptions options;
  if (!ReadNormalizeOptions(section, config_path, &options, errors)) return false;
  return FromOptions(options, errors, out);
}

bool NormalizeStage::FromOptions(const NormalizeOptions& options, ConfigErrors* errors,
                                 std::unique_ptr<NormalizeStage>* out) {
  out->reset();
  if (options.lookup_tables.size() > kMaxEntityLookupTables) {
    errors->Add(options.lookup_tables[kMaxEntityLookupTables].where,
                "too many lookup tables: at most " + std::to_string(kMaxEntityLookupTables) + " are allowed");
    return false;
  }
  std::unique_ptr<NormalizeStage> stage(new NormalizeStage(options));
  bool ok = true;
  for (const LookupTableOptions& t : options.lookup_tables) {
    std::unique_ptr<EntityLookupTable> table = EntityLookupTable::Load(t, errors);
    if (!table) ok = false;
    stage->tables_.push_back(std::move(table));
  }
  if (!ok) return false;
  *out = std::move(stage);
  return true;
}

void NormalizeStage::Apply(Record* record, Arena* arena, NormalizeStats* stats) const {
  NormalizeNames(record, arena, stats);
  if (!tables_.empty()) {
    std::string_view category = record->GetString("metadata_sourceCategory");
    for (size_t i = 0; i < tables_.size(); ++i) {
      const EntityLookupTable& table = *tables_[i];
      if (!table.source_category().empty() && !EqualsIgnoreAsciiCase(table.source_category(), category))
        continue;
      int n = ApplyTable(table, record);
      if (stats) stats->substitutions[i] += static_cast<uint64_t>(n);
    }
  }
  int k8s = SetK8sNormalizedNames(record, arena);
  if (stats) stats->k8s_names += static_cast<uint64_t>(k8s);
}

void NormalizeStage::NormalizeNames(Record* record, Arena* arena, NormalizeStats* stats) const {
  for (size_t i = 0; i < NormalizeStats::kNameAttributes; ++i) {
    const NameAttr& a = kNameAttrs[i];
    const Value* v = record->Get(a.attr);
    if (!v || v->kind != Value::Kind::kString) continue;
    std::string_view raw = v->s;
    record->Set(a.raw, Value::String(raw));
    if (stats) ++stats->seen[i];
    bool enabled = a.is_host ? options_.normalize_hostnames : options_.normalize_usernames;
    if (!enabled || raw.empty()) continue;
    std::string_view role;
    std::string_view out =
        a.is_host ? names_.NormalizeHostname(raw, arena) : names_.NormalizeUsername(raw, arena, &role);
    if (out != raw) {
      record->Set(a.attr, Value::String(out));
      if (stats) ++stats->normalized[i];
    }
    if (!role.empty()) {
      record->Set(a.role, Value::String(role));
      if (stats) ++stats->roles;
    }
  }
}

int NormalizeStage::ApplyTable(const EntityLookupTable& table, Record* record) const {
  int n = 0;
  switch (table.type()) {
    case LookupTableType::kHostId:
      for (const HostAttrs& h : kHosts) {
        const std::string* sub = record->GetString(h.hostname).empty()
                                     ? table.Find(record->GetString(h.unique_id))
                                     : FindNameOrRaw(table, *record, h.hostname, h.raw);
        if (sub) {
          record->Set(h.hostname, Value::String(*sub));
          ++n;
        }
      }
      break;
    case LookupTableType::kUserId:
      for (const UserAttrs& u : kUsers) {
        if (const std::string* sub = table.Find(record->GetString(u.user_id))) {
          record->Set(u.username, Value::String(*sub));
          ++n;
        }
      }
      break;
    case LookupTableType::kUsername:
      for (const UserAttrs& u : kUsers) {
        if (const std::string* sub = FindNameOrRaw(table, *record, u.username, u.raw)) {
          record->Set(u.username, Value::String(*sub));
          ++n;
        }
      }
      break;
  }
  return n;
}

}  // namespace recproc
