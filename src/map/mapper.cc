// The map stage. Mappings are indexed once in a vector sorted by lowercased
// (vendor, product), searched with a case-insensitive comparison against the
// message's hints, so a lookup neither allocates nor lowercases per message.
// Within one vendor/product the entries stay in load order, which is also the
// order of the records a message yields: output stays deterministic.
#include "map/mapper.h"

#include <re2/re2.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstring>

#include "map/field_value.h"
#include "schema/coerce.h"
#include "util/ascii_case.h"
#include "util/string_hash.h"

namespace recproc {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ToLowerAscii(c);
  return out;
}

// Compares an already-lowercased key with any-case text.
int CompareLower(std::string_view lower, std::string_view text) {
  size_t n = std::min(lower.size(), text.size());
  for (size_t i = 0; i < n; ++i) {
    unsigned char a = static_cast<unsigned char>(lower[i]);
    unsigned char b = static_cast<unsigned char>(ToLowerAscii(text[i]));
    if (a != b) return a < b ? -1 : 1;
  }
  return lower.size() == text.size() ? 0 : (lower.size() < text.size() ? -1 : 1);
}

// Concatenates pieces into the arena (failure reasons are rare; no heap).
std::string_view Concat(Arena* arena, std::initializer_list<std::string_view> parts) {
  size_t n = 0;
  for (std::string_view p : parts) n += p.size();
  char* buf = arena->Allocate(n);
  char* p = buf;
  for (std::string_view s : parts) {
    std::memcpy(p, s.data(), s.size());
    p += s.size();
  }
  return std::string_view(buf, n);
}

}  // namespace

void MapStats::Merge(const MapStats& o) {
  messages += o.messages;
  records += o.records;
  unmapped_messages += o.unmapped_messages;
  dropped_values += o.dropped_values;
  enumeration_rejects += o.enumeration_rejects;
  if (dropped_by_attribute.size() < o.dropped_by_attribute.size())
    dropped_by_attribute.resize(o.dropped_by_attribute.size());
  for (size_t i = 0; i < o.dropped_by_attribute.size(); ++i)
    dropped_by_attribute[i] += o.dropped_by_attribute[i];
}

Mapper::Mapper(std::vector<Mapping> mappings, const Schema* schema)
    : mappings_(std::move(mappings)), schema_(schema) {
  static std::atomic<uint64_t> next_id{1};
  id_ = next_id.fetch_add(1);
  for (uint32_t m = 0; m < mappings_.size(); ++m) {
    if (!mappings_[m].enabled) continue;
    for (uint32_t i = 0; i < mappings_[m].inputs.size(); ++i) {
      const MappingInput& in = mappings_[m].inputs[i];
      entries_.push_back(Entry{Lower(in.vendor), Lower(in.product), Lower(in.log_format), m, i});
    }
  }
  std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    if (a.vendor != b.vendor) return a.vendor < b.vendor;
    return a.product < b.product;
  });
  timestamp_ = schema_->Find("timestamp");
  severity_ = schema_->Find("normalizedSeverity");
}

MapStats Mapper::NewStats() const {
  MapStats s;
  s.dropped_by_attribute.resize(schema_->size());
  return s;
}

size_t Mapper::Map(const ParsedMessage& msg, MapContext& ctx, std::vector<Record>* out, size_t first,
                   std::string_view* reason) const {
  ++ctx.stats->messages;
  if (ctx.range_mapper != id_ || !KeyEquals(ctx.range_vendor, msg.vendor) ||
      !KeyEquals(ctx.range_product, msg.product)) {
    auto first_entry = std::partition_point(entries_.begin(), entries_.end(), [&](const Entry& e) {
      int c = CompareLower(e.vendor, msg.vendor);
      return c < 0 || (c == 0 && CompareLower(e.product, msg.product) < 0);
    });
    auto end_entry = first_entry;
    while (end_entry != entries_.end() && CompareLower(end_entry->vendor, msg.vendor) == 0 &&
           CompareLower(end_entry->product, msg.product) == 0)
      ++end_entry;
    ctx.range_mapper = id_;
    ctx.range_vendor.assign(msg.vendor);
    ctx.range_product.assign(msg.product);
    ctx.range_lo = static_cast<size_t>(first_entry - entries_.begin());
    ctx.range_hi = static_cast<size_t>(end_entry - entries_.begin());
  }
  const auto lo = entries_.begin() + static_cast<std::ptrdiff_t>(ctx.range_lo);
  const auto hi = entries_.begin() + static_cast<std::ptrdiff_t>(ctx.range_hi);

  ctx.fired.clear();
  auto format_ok = [&](const Entry& e) {
    return e.log_format.empty() || msg.log_format.empty() || CompareLower(e.log_format, msg.log_format) == 0;
  };
  auto fire = [&](const Entry& e) {
    for (const auto& f : ctx.fired)
      if (f.first == e.mapping) return;  // a mapping with several matching inputs fires once
    ctx.fired.emplace_back(e.mapping, e.input);
  };
  for (auto it = lo; it != hi; ++it) {
    const MappingInput& in = mappings_[it->mapping].inputs[it->input];
    if (in.match == EventIdMatch::kDefault || !format_ok(*it)) continue;
    bool hit = in.match == EventIdMatch::kConstant
                   ? in.event_id_pattern == msg.event_id
                   : RE2::FullMatch(re2::StringPiece(msg.event_id.data(), msg.event_id.size()), *in.regex);
    if (hit) fire(*it);
  }
  if (ctx.fired.empty()) {
    for (auto it = lo; it != hi; ++it)
      if (mappings_[it->mapping].inputs[it->input].match == EventIdMatch::kDefault && format_ok(*it))
        fire(*it);
  }
  if (ctx.fired.empty() && !msg.log_format.empty()) {
    // Per-format catch-alls (`vendor: "*"`, `product: "*"`): CEF and LEEF name
    // their vendor in the header, so a site would otherwise need a mapping per
    // vendor before any record came out. Only `_default_` inputs with a log
    // format take part, and only after the message's own vendor/product found
    // nothing; they sort first ('*' precedes letters), so the range is short.
    for (auto it = entries_.begin(); it != entries_.end() && it->vendor == "*"; ++it) {
      const MappingInput& in = mappings_[it->mapping].inputs[it->input];
      if (it->product == "*" && in.match == EventIdMatch::kDefault && !it->log_format.empty() &&
          CompareLower(it->log_format, msg.log_format) == 0)
        fire(*it);
    }
  }
  if (ctx.fired.empty()) {
    ++ctx.stats->unmapped_messages;
    if (msg.vendor.empty() && msg.product.empty()) {
      *reason = "no mapping: the parser gave no vendor/product hints";
    } else if (lo == hi) {
      *reason = Concat(ctx.arena, {"no mapping for vendor '", msg.vendor, "' product '", msg.product, "'"});
    } else {
      *reason = Concat(ctx.arena, {"no mapping for vendor '", msg.vendor, "' product '", msg.product,
                                   "' log format '", msg.log_format, "' event id '", msg.event_id, "'"});
    }
    return 0;
  }
  if (out->size() < first + ctx.fired.size()) out->resize(first + ctx.fired.size());
  for (size_t i = 0; i < ctx.fired.size(); ++i) {
    const Mapping& m = mappings_[ctx.fired[i].first];
    FillRecord(m, m.inputs[ctx.fired[i].second], msg, ctx, &(*out)[first + i]);
  }
  ctx.stats->records += ctx.fired.size();
  return ctx.fired.size();
}

void Mapper::FillRecord(const Mapping& m, const MappingInput& in, const ParsedMessage& msg, MapContext& ctx,
                        Record* r) const {
  r->Clear();
  r->set_object_type(m.record_type);
  r->set_timestamp_ms(msg.time_ms == kNoTime ? 0 : msg.time_ms);
  MapStats& stats = *ctx.stats;
  for (const FieldMapping& f : m.fields) {
    std::string_view text;
    int64_t ms = 0;
    FieldOutcome outcome = EvaluateField(f, m, msg, ctx.arena, &text, &ms);
    Value v;
    switch (outcome) {
      case FieldOutcome::kMissing:
        continue;
      case FieldOutcome::kTime:
        v = Value::Int(ms);
        break;
      case FieldOutcome::kBadTime:
        ++stats.dropped_values;
        ++stats.dropped_by_attribute[f.target->index];
        continue;
      case FieldOutcome::kText: {
        CoerceError err;
        if (!Coerce(*f.target, text, ctx.arena, &v, &err)) {
          ++stats.dropped_values;
          ++stats.dropped_by_attribute[f.target->index];
          if (err == CoerceError::kNotInEnumeration) ++stats.enumeration_rejects;
          continue;
        }
        break;
      }
    }
    if (f.target == timestamp_) {
      r->set_timestamp_ms(v.i);
    } else {
      r->Set(f.target->name, v);
    }
  }
  if (severity_ != nullptr && severity_->enumeration != nullptr) {
    if (const Value* sev = r->Get(severity_->name)) {
      std::string_view d = severity_->enumeration->Description(sev->i);
      if (!d.empty()) r->Set("normalizedSeverity_description", Value::String(d));
    }
  }
  // A wildcard input names no vendor: the record keeps the message's own.
  std::string_view in_vendor = in.vendor == "*" ? msg.vendor : std::string_view(in.vendor);
  std::string_view in_product = in.product == "*" ? msg.product : std::string_view(in.product);
  r->Set("metadata_vendor", Value::String(m.output_vendor.empty() ? in_vendor : m.output_vendor));
  r->Set("metadata_product", Value::String(m.output_product.empty() ? in_product : m.output_product));
  if (!m.product_guid.empty()) r->Set("metadata_productGuid", Value::String(m.product_guid));
  if (!msg.event_id.empty()) r->Set("metadata_deviceEventId", Value::String(msg.event_id));
  r->Set("metadata_mapperName", Value::String(m.name));
  r->Set("metadata_mapperUid", Value::String(m.uid));
  if (!msg.parser.empty()) r->Set("metadata_parser", Value::String(msg.parser));
  r->Set("metadata_schemaVersion", Value::Int(schema_->schema_version()));

  if (m.output_fields == OutputFields::kAll) {
    r->set_fields(&msg.fields, msg.KeysUnique(), msg.LayoutId());
    return;
  }
  if (ctx.field_lists_used == ctx.field_lists.size()) ctx.field_lists.emplace_back();
  std::vector<Field>& kept = ctx.field_lists[ctx.field_lists_used++];
  kept.clear();
  for (const Field& f : msg.fields)
    if (!m.used_keys.Contains(f.key)) kept.push_back(f);
  r->set_fields(&kept, msg.KeysUnique());
}

}  // namespace recproc
