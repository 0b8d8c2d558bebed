// The list model: a list definition (match, suppressed or threat list bound to
// a column) and its items, as every loader produces them. Item text lives in
// one TextPool per list (one growing buffer, referenced by offset), so a
// million-item feed costs two allocations that grow geometrically rather than
// several per item.
//
// Thread-safety: plain data; immutable once handed to a ListSet.
#ifndef RECPROC_LISTS_LIST_MODEL_H_
#define RECPROC_LISTS_LIST_MODEL_H_

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace recproc {

enum class ListKind { kMatch, kSuppressed, kThreat };

// "match", "suppressed", "threat".
std::string_view ListKindName(ListKind kind);
// The reverse of ListKindName; false for any other text.
bool ParseListKind(std::string_view text, ListKind* kind);

struct ListDef {
  std::string name;
  ListKind kind = ListKind::kMatch;
  // Target column (a name from the column table). Empty only for lists whose
  // items name their own column (indicator feeds: the column follows the
  // indicator type).
  std::string column;
  std::string description;
  // Kept from the list definition for export; items in files carry no
  // creation time, so it is not applied to them. Default: 0 (none).
  int64_t default_ttl_seconds = 0;
  // An inactive list never matches. Default: true.
  bool active = true;
};

// A span of a TextPool. Offsets survive the pool growing.
struct TextRef {
  uint32_t offset = 0;
  uint32_t size = 0;
  bool empty() const { return size == 0; }
};

class TextPool {
 public:
  TextRef Add(std::string_view text);
  // `previous` again when it holds the same text, else Add(text): feeds
  // repeat their type, source and dates row after row, and a million-row
  // feed then stores each run once.
  TextRef AddLike(TextRef previous, std::string_view text) {
    return Get(previous) == text ? previous : Add(text);
  }
  // Valid until the next Add().
  std::string_view Get(TextRef ref) const { return std::string_view(buffer_).substr(ref.offset, ref.size); }
  size_t bytes() const { return buffer_.size(); }
  void Reserve(size_t n) { buffer_.reserve(n); }

 private:
  std::string buffer_;
};

inline constexpr int64_t kNoExpiry = std::numeric_limits<int64_t>::max();

// What threat-intel formats say about an indicator beyond a list item. Kept
// apart from ListItem so plain list items (most of a million-item list) stay
// small.
struct IndicatorAttributes {
  TextRef column;  // column implied by the indicator type; empty = the list's column
  TextRef id;
  TextRef type;
  TextRef source;
  TextRef threat_type;
  TextRef valid_from;       // as written
  TextRef valid_until;      // as written
  int32_t confidence = -1;  // 0..100, -1 = unknown
};

inline constexpr uint32_t kNoIndicator = 0xffffffffu;

struct ListItem {
  TextRef value;  // as written in the file (a CIDR, a domain, ...)
  TextRef description;
  // Epoch ms; the item matches only while now_ms < expiration_ms (so an item
  // expiring exactly at now is already expired). Default: kNoExpiry.
  int64_t expiration_ms = kNoExpiry;
  uint32_t line = 0;  // source line for error messages; 0 = unknown
  // Index into ListItems::indicators; kNoIndicator for a plain item.
  uint32_t indicator = kNoIndicator;
  bool active = true;
};

// What one loader produced from one file.
struct ListItems {
  TextPool text;
  std::vector<ListItem> items;
  // Entries recognised but not turned into items (unsupported STIX patterns,
  // MISP attribute types without a column), each explained in `warnings`.
  size_t unsupported = 0;
  std::vector<std::string> warnings;

  std::vector<IndicatorAttributes> indicators;

  std::string_view Text(TextRef ref) const { return text.Get(ref); }
  // The item's indicator attributes; all empty for a plain item.
  const IndicatorAttributes& Indicator(const ListItem& item) const;
  // Gives *item indicator attributes (replacing any) and returns them to be
  // filled. The pointer is valid until the next AddIndicator().
  IndicatorAttributes* AddIndicator(ListItem* item);
};

}  // namespace recproc

#endif  // RECPROC_LISTS_LIST_MODEL_H_
