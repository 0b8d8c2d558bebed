// Schema: the record schema loaded from data (schemas/record_schema.yaml):
// every attribute with its type, whether a log mapping may target it, its
// entity type and enrichment kind, the record types, and the enumerations
// that constrain the normalized classification attributes.
//
// Thread-safety: immutable after Load(); share one Schema between threads.
// Lifetime: AttributeDef pointers and the string_views handed out stay valid
// while the Schema lives (also across a move of the Schema).
#ifndef RECPROC_SCHEMA_SCHEMA_H_
#define RECPROC_SCHEMA_SCHEMA_H_

#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "config/config_node.h"

namespace recproc {

enum class AttrType : uint8_t {
  kString,
  kInt,   // 32-bit signed
  kLong,  // 64-bit signed
  kFloat,
  kDouble,
  kBoolean,
  kStringArray,       // array[string]
  kStringMap,         // map[string]string
  kStringArrayMap,    // map[string]array[string]
  kBooleanMap,        // map[string]boolean
  kMatchedItemArray,  // array[MatchedItem]
  kIndicatorMap,      // map[string]array[MatchingIndicator]
  kObject,            // map (an opaque object)
};

// The schema spelling of a type ("array[string]"), for messages.
std::string_view AttrTypeName(AttrType t);

enum class EnrichmentKind : uint8_t { kNone, kIp, kUrl, kDomain };

// A closed set of values: either named strings (normalizedAction) or an
// integer range with a description per value (normalizedSeverity).
struct Enumeration {
  std::string name;
  std::vector<std::string> values;  // empty for a range
  int64_t min = 0;
  int64_t max = -1;                       // min > max: not a range
  std::vector<std::string> descriptions;  // index value - min; may be shorter

  bool is_range() const { return min <= max; }
  // The canonical spelling of `text` (compared case-insensitively), or
  // empty when it is not a member. The view lives as long as the schema.
  std::string_view Canonical(std::string_view text) const;
  // Empty when `v` has no description.
  std::string_view Description(int64_t v) const;
};

struct AttributeDef {
  std::string name;
  AttrType type = AttrType::kString;
  bool mappable = true;
  bool deprecated = false;
  std::string entity_type;  // "_ip", "_username", ...; empty when not an entity field
  EnrichmentKind enrichment = EnrichmentKind::kNone;
  std::string normalized;  // "hostname", "username", "k8s" or empty
  const Enumeration* enumeration = nullptr;
  // The attribute this one derives from by enrichment suffix (srcDevice_ip
  // for srcDevice_ip_city); nullptr for declared attributes.
  const AttributeDef* enriched_from = nullptr;
  size_t index = 0;  // dense, 0..size()-1: for per-attribute counters
};

class Schema {
 public:
  Schema() = default;
  Schema(Schema&&) = default;
  Schema& operator=(Schema&&) = default;
  Schema(const Schema&) = delete;
  Schema& operator=(const Schema&) = delete;

  // Reads a schema document. Every problem is recorded in root.errors() at
  // its position; returns false if there was any.
  static bool Load(const ConfigNode& root, Schema* out);
  // Loads the schema compiled into the binary (schemas/record_schema.yaml).
  static bool LoadBuiltin(ConfigErrors* errors, Schema* out);

  // nullptr when unknown. O(1).
  const AttributeDef* Find(std::string_view name) const;
  const AttributeDef& at(size_t index) const { return attrs_[index]; }
  size_t size() const { return attrs_.size(); }

  bool IsRecordType(std::string_view t) const;        // mappable record types only
  bool IsSystemRecordType(std::string_view t) const;  // Canary, FailedRecord
  const std::vector<std::string>& record_types() const { return record_types_; }
  const Enumeration* FindEnumeration(std::string_view name) const;
  int schema_version() const { return version_; }

  // The closest mappable attribute name to `name` (for "did you mean"), or empty.
  std::string_view SuggestMappable(std::string_view name) const;

 private:
  AttributeDef* Add(std::string name, const ConfigNode& where);

  int version_ = 3;
  std::deque<AttributeDef> attrs_;  // deque: stable addresses for the index
  std::unordered_map<std::string_view, const AttributeDef*> by_name_;
  std::deque<Enumeration> enums_;
  std::vector<std::string> record_types_;
  std::vector<std::string> system_record_types_;
};

}  // namespace recproc

#endif  // RECPROC_SCHEMA_SCHEMA_H_
