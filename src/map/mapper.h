// Mapper: the map stage. Built once from the loaded mappings and the schema,
// it turns a ParsedMessage into one Record per mapping that fires
// (reference/cloud-siem-pipeline.md §2.3, §7.13):
//   - candidates are the mappings whose input vendor + product equal the
//     message's hints (case-insensitively), and whose log_format equals the
//     message's when both are given;
//   - an event_id_pattern fires when it equals the event id (a constant) or
//     fully matches it (an RE2 regex; see IsRegexEventIdPattern());
//   - EVERY firing mapping makes a record, in load order; `_default_` (or `*`)
//     fires only when no specific pattern of that vendor/product matched;
//   - last, inputs with vendor "*" and product "*", a log_format and
//     event_id_pattern `_default_` catch any message of that format that
//     nothing else mapped (their records keep the message's vendor/product
//     unless the output names one). Other uses of "*" never fire.
//
// Thread-safety: immutable; Map() is const and may run on many threads, each
// with its own MapContext.
#ifndef RECPROC_MAP_MAPPER_H_
#define RECPROC_MAP_MAPPER_H_

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "map/mapping.h"
#include "parse/message.h"
#include "record/record.h"
#include "schema/schema.h"
#include "util/arena.h"

namespace recproc {

// Per-thread counters; merge them at the end of a run.
struct MapStats {
  uint64_t messages = 0;
  uint64_t records = 0;
  uint64_t unmapped_messages = 0;              // no mapping fired
  uint64_t dropped_values = 0;                 // values that did not coerce (all attributes)
  uint64_t enumeration_rejects = 0;            // of those, values outside an enumeration
  std::vector<uint64_t> dropped_by_attribute;  // indexed by AttributeDef::index

  void Merge(const MapStats& o);
};

// Per-thread state for Map(). REQUIRES: arena and stats non-null.
struct MapContext {
  Arena* arena = nullptr;
  MapStats* stats = nullptr;

  // Forget the filtered `fields` lists handed to records (`output.fields:
  // unmapped`); call once the records that point at them are written, or
  // the lists pile up, one per record. Capacity is kept.
  void ResetBatch() { field_lists_used = 0; }

  // Scratch, reused across messages.
  std::vector<std::pair<uint32_t, uint32_t>> fired;  // (mapping, input)
  // The candidate range of the last vendor/product looked up, and the id of
  // the mapper that looked it up: the messages of a run mostly share their
  // hints.
  uint64_t range_mapper = 0;
  std::string range_vendor, range_product;
  size_t range_lo = 0, range_hi = 0;
  std::deque<std::vector<Field>> field_lists;        // deque: stable addresses
  size_t field_lists_used = 0;
};

class Mapper {
 public:
  // REQUIRES: `schema` outlives the Mapper; `mappings` loaded against it.
  // Disabled mappings are kept (for `explain`) but never fire.
  Mapper(std::vector<Mapping> mappings, const Schema* schema);
  Mapper(const Mapper&) = delete;
  Mapper& operator=(const Mapper&) = delete;

  // Writes one Record per fired mapping into (*out)[first], (*out)[first+1],
  // ..., growing *out when needed and reusing the Record objects already
  // there. Returns how many were written; 0 means no mapping matched and
  // *reason says why (a view into ctx.arena), naming the hints looked up.
  // Records view `msg` (its fields and text), the Mapper, the schema and
  // ctx.arena: all must outlive their emission.
  size_t Map(const ParsedMessage& msg, MapContext& ctx, std::vector<Record>* out, size_t first,
             std::string_view* reason) const;
  size_t Map(const ParsedMessage& msg, MapContext& ctx, std::vector<Record>* out,
             std::string_view* reason) const {
    return Map(msg, ctx, out, 0, reason);
  }

  // A MapStats sized for this schema.
  MapStats NewStats() const;

  const std::vector<Mapping>& mappings() const { return mappings_; }
  const Schema& schema() const { return *schema_; }

 private:
  struct Entry {
    std::string vendor;      // lowercased
    std::string product;     // lowercased
    std::string log_format;  // lowercased; empty = any
    uint32_t mapping;
    uint32_t input;
  };

  void FillRecord(const Mapping& m, const MappingInput& in, const ParsedMessage& msg, MapContext& ctx,
                  Record* r) const;

  std::vector<Mapping> mappings_;
  const Schema* schema_;
  std::vector<Entry> entries_;  // sorted by (vendor, product, mapping, input)
  const AttributeDef* timestamp_ = nullptr;
  const AttributeDef* severity_ = nullptr;
  uint64_t id_;  // unique in the process (MapContext::range_mapper), never 0
};

}  // namespace recproc

#endif  // RECPROC_MAP_MAPPER_H_
