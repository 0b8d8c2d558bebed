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
#include <string>
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
    checked_ = 0;
  }
  // Drops the fields from n on (a parser rolling back a failed attempt).
  void TruncateFields(size_t n) {
    fields.resize(n);
    if (indexed_ > n) indexed_ = 0;
    if (checked_ > n) checked_ = 0;
  }
  // First field with this key, or nullptr. Many fields: answered from the
  // layout memo when this message's keys are those of an earlier message
  // (see below), else through a hash index built on first use and extended
  // as fields are added (profiles and mappings look up a dozen keys per
  // message). Keys must not be changed in place once looked up; values may.
  const Field* Find(std::string_view key) const {
    if (fields.size() <= kLinearFind) {
      for (const Field& f : fields)
        if (KeyEquals(f.key, key)) return &f;
      return nullptr;
    }
    if (checked_ != fields.size()) CheckLayout();
    const MemoEntry* set = &memo_[MemoSet(key)];
    for (int way = 0; way < 2; ++way) {
      const MemoEntry& e = set[way];
      if (e.generation == generation_ && e.size == key.size() && KeyEquals(std::string_view(e.text, e.size), key))
        return e.index < checked_ ? &fields[e.index] : nullptr;
    }
    return FindAndMemo(key);
  }
  // True when no key repeats (the `fields` map can then be written without
  // a duplicate check). Many fields: known per layout, else answered by the
  // index.
  bool KeysUnique() const {
    if (fields.size() <= kLinearFind) {
      for (size_t i = 1; i < fields.size(); ++i)
        for (size_t j = 0; j < i; ++j)
          if (fields[i].key == fields[j].key) return false;
      return true;
    }
    if (checked_ != fields.size()) CheckLayout();
    if (checked_ == layout_.size() && layout_unique_ != kUnknown) return layout_unique_ == kYes;
    if (indexed_ != fields.size()) Index();
    if (checked_ == layout_.size()) layout_unique_ = repeats_ == 0 ? kYes : kNo;
    return repeats_ == 0;
  }

  // An id of the fields' key sequence when it is the layout memo's (more
  // than kLinearFind fields, every key as the layout's), else 0. Ids are
  // unique in the process: two messages with one id have the same keys in
  // the same order, so what is made of the keys of one (their JSON text)
  // serves the other.
  uint64_t LayoutId() const {
    if (fields.size() <= kLinearFind) return 0;
    if (checked_ != fields.size()) CheckLayout();
    return checked_ == layout_.size() ? generation_ : 0;
  }

 private:
  static constexpr size_t kLinearFind = 8;
  static size_t HashKey(std::string_view k) { return static_cast<size_t>(QuickKeyHash(k) >> 7); }
  // Brings the index up to fields.size(): open addressing, slot = field
  // index + 1, at most half full; the first occurrence of a key wins.
  void Index() const;
  // Looks key up through the index, and memoises the answer when the layout
  // decides it.
  const Field* FindAndMemo(std::string_view key) const;

  // The layout memo. Messages from one source mostly carry the same keys in
  // the same order, and are looked up by the same keys (mapping inputs,
  // profile conditions): the answers of one message hold for the next.
  // layout_ keeps a copy of the keys of the message that set it; a message
  // whose keys [0, n) equal layout_'s first n keys (checked once per field
  // count) shares its answers: a key first found at index i < n is there,
  // any other key is absent from [0, n). A message that differs, or runs
  // past layout_, becomes the new layout, and the answers are dropped by
  // a new generation. Answers are kept per key text (keys up to
  // kMemoKeyBytes) in a two-way set-associative table, the set chosen by
  // the key's address (lookups by one configured name reuse its string):
  // every hit compares the text.
  static constexpr size_t kMemoSets = 128;
  static constexpr size_t kMemoKeyBytes = 40;
  static constexpr size_t kMaxLayoutFields = 256;
  static constexpr size_t kMaxLayoutBytes = 16 * 1024;
  static constexpr uint32_t kAbsent = UINT32_MAX;
  struct MemoEntry {
    uint64_t generation = 0;
    uint32_t index = kAbsent;  // first field with the key in layout_, or kAbsent
    uint32_t size = 0;
    char text[kMemoKeyBytes];
  };
  // Index of the first entry of key's set.
  static size_t MemoSet(std::string_view key) {
    const uint64_t h = (reinterpret_cast<uintptr_t>(key.data()) + key.size()) * 0x9E3779B97F4A7C15ULL;
    return static_cast<size_t>(h >> 57) * 2;  // 7 bits: kMemoSets sets
  }
  // Compares fields [checked_, size) with layout_ and sets checked_ to the
  // field count, making the fields the new layout where they differ.
  void CheckLayout() const;
  enum Tristate : uint8_t { kUnknown, kYes, kNo };

  mutable std::vector<uint32_t> index_;
  mutable size_t index_mask_ = 0;
  mutable size_t indexed_ = 0;  // fields[0, indexed_) are in index_
  mutable size_t repeats_ = 0;  // keys among fields[0, indexed_) seen before
  mutable size_t checked_ = 0;  // fields[0, checked_) match layout_ (0: not checked)
  struct LayoutKey {
    uint32_t offset, size;  // in layout_text_
  };
  std::string_view LayoutKeyText(size_t i) const {
    return std::string_view(layout_text_.data() + layout_[i].offset, layout_[i].size);
  }
  mutable std::vector<LayoutKey> layout_;
  mutable std::string layout_text_;
  // The layout's id, from a counter of the process (NewGeneration()); 0
  // marks an unused memo entry, 1 the message's first, empty layout.
  static uint64_t NewGeneration();
  mutable uint64_t generation_ = 1;
  mutable Tristate layout_unique_ = kUnknown;
  mutable std::vector<MemoEntry> memo_;  // kMemoSets * 2 once a layout is checked
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
