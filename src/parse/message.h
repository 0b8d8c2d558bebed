// ParsedMessage: what the parse stage hands to the mapper. Fields are
// flattened key/value views; the mapping hints (vendor, product, event id,
// time) choose the log mapping. A ParsedMessage is reused from message to
// message (Clear() keeps capacity), so parsing allocates nothing in steady
// state.
//
// Lifetime: every string_view in a ParsedMessage points either into the
// message text being parsed or into the ParseContext's arena; both outlive
// the mapping of that message and die with the batch.
#ifndef RECPROC_PARSE_MESSAGE_H_
#define RECPROC_PARSE_MESSAGE_H_

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "util/arena.h"
#include "util/string_hash.h"

namespace recproc {

// How a value looked in the input. Mapping treats kNull as missing; the JSON
// writer keeps every value as a string in `fields` (the product's
// map[string]string), so numbers keep their exact input text.
enum class ValueKind : uint8_t { kString, kNumber, kBool, kNull };

struct Field {
  std::string_view key;
  std::string_view value;
  ValueKind kind = ValueKind::kString;
};

// Where the zone of the message time came from (metadata_timeZoneSource).
enum class ZoneSource : uint8_t { kNone, kParsed, kConfigured, kDefault };

constexpr int64_t kNoTime = INT64_MIN;

struct ParsedMessage {
  // In input order. A repeated key appears once per occurrence; lookups take
  // the first.
  std::vector<Field> fields;

  // Mapping hints. Empty when the parser does not know them.
  std::string_view vendor;
  std::string_view product;
  std::string_view event_id;
  // Log format as mappings name it: JSON, CEF, LEEF, Windows, Syslog, CSV, KV, Regex, Text.
  std::string_view log_format;
  // Name of the parser that produced the fields (metadata_parser), and the
  // detector that chose it when auto-detection ran (empty otherwise).
  std::string_view parser;
  std::string_view detector;

  // Event time in ms since the epoch, or kNoTime.
  int64_t time_ms = kNoTime;
  ZoneSource zone_source = ZoneSource::kNone;

  // Lenient-mode notes: what was skipped or repaired, for explain/--stats.
  std::vector<std::string_view> notes;

  void Clear() {
    fields.clear();
    vendor = product = event_id = log_format = parser = detector = std::string_view();
    time_ms = kNoTime;
    zone_source = ZoneSource::kNone;
    notes.clear();
    indexed_ = 0;
  }
  // Drops the fields from n on (a parser rolling back a failed attempt).
  void TruncateFields(size_t n) {
    fields.resize(n);
    if (indexed_ > n) indexed_ = 0;
  }
  // First field with this key, or nullptr. Many fields: through a hash index
  // built on first use and extended as fields are added (profiles and
  // mappings look up a dozen keys per message). Keys must not be changed in
  // place once looked up; values may.
  const Field* Find(std::string_view key) const {
    if (fields.size() <= kLinearFind) {
      for (const Field& f : fields)
        if (KeyEquals(f.key, key)) return &f;
      return nullptr;
    }
    if (indexed_ != fields.size()) Index();
    for (size_t pos = HashKey(key) & index_mask_;; pos = (pos + 1) & index_mask_) {
      uint32_t slot = index_[pos];
      if (slot == 0) return nullptr;
      if (KeyEquals(fields[slot - 1].key, key)) return &fields[slot - 1];
    }
  }
  // True when no key repeats (the `fields` map can then be written without
  // a duplicate check). Many fields: answered by the index.
  bool KeysUnique() const {
    if (fields.size() <= kLinearFind) {
      for (size_t i = 1; i < fields.size(); ++i)
        for (size_t j = 0; j < i; ++j)
          if (fields[i].key == fields[j].key) return false;
      return true;
    }
    if (indexed_ != fields.size()) Index();
    return repeats_ == 0;
  }

 private:
  static constexpr size_t kLinearFind = 8;
  static size_t HashKey(std::string_view k) { return static_cast<size_t>(QuickKeyHash(k) >> 7); }
  // Brings the index up to fields.size(): open addressing, slot = field
  // index + 1, at most half full; the first occurrence of a key wins.
  void Index() const {
    size_t want = 16;
    while (want < fields.size() * 2) want *= 2;
    if (index_.size() < want || indexed_ == 0 || indexed_ > fields.size()) {
      if (index_.size() < want) index_.resize(want);
      std::fill(index_.begin(), index_.end(), 0);
      index_mask_ = index_.size() - 1;
      indexed_ = 0;
    }
    if (indexed_ == 0) repeats_ = 0;
    for (; indexed_ < fields.size(); ++indexed_) {
      std::string_view key = fields[indexed_].key;
      size_t pos = HashKey(key) & index_mask_;
      while (index_[pos] != 0 && !KeyEquals(fields[index_[pos] - 1].key, key)) pos = (pos + 1) & index_mask_;
      if (index_[pos] == 0)
        index_[pos] = static_cast<uint32_t>(indexed_ + 1);
      else
        ++repeats_;
    }
  }
  mutable std::vector<uint32_t> index_;
  mutable size_t index_mask_ = 0;
  mutable size_t indexed_ = 0;  // fields[0, indexed_) are in index_
  mutable size_t repeats_ = 0;  // keys among fields[0, indexed_) seen before
};

// Explicit limits; exceeding one fails the message with a reason.
struct ParseLimits {
  size_t max_fields = 10000;         // Default: 10,000 fields per message.
  size_t max_depth = 64;             // Default: JSON/XML nesting depth 64.
  size_t max_value_bytes = 1 << 20;  // Default: 1 MiB per key or value.
};

// Per-thread context for one parse call.
struct ParseContext {
  Arena* arena = nullptr;               // REQUIRES: non-null.
  const ParseLimits* limits = nullptr;  // REQUIRES: non-null.
  int64_t now_ms = 0;                   // The run's clock (--now), for year inference.
};

}  // namespace recproc

#endif  // RECPROC_PARSE_MESSAGE_H_
