// Building and querying the list indexes. Build cost is one pass over the
// items per list: values are parsed or keyed once, keys go into one buffer
// per list, and items sharing a key or prefix are chained through `next`
// (so one trie payload or hash slot serves any number of duplicates). A
// lookup touches only stack buffers.
#include "lists/list_set.h"

#include <functional>

#include "lists/list_key.h"
#include "util/ip_address.h"

namespace recproc {
namespace {

constexpr uint32_t kNone = 0xffffffffu;

bool Live(const ListItem& item, int64_t now_ms) { return item.active && now_ms < item.expiration_ms; }

}  // namespace

struct ListSet::Index {
  uint32_t column = 0;
  MatchKind kind = MatchKind::kExact;
  IpPrefixTrie trie;
  // Open addressing, linear probing; a slot holds the first item of a key's
  // chain (kNone = empty). Size is a power of two, at least twice the keys.
  std::vector<uint32_t> slots;
};

struct ListSet::List {
  ListDef def;
  std::string rule_name;
  std::string origin;
  ListItems items;
  std::string key_text;        // comparison keys of non-IP items
  std::vector<TextRef> keys;   // per item, into key_text
  std::vector<uint32_t> next;  // per item: next item with the same key/prefix, or kNone
  std::vector<Index> indexes;

  std::string_view Key(uint32_t item) const {
    return std::string_view(key_text).substr(keys[item].offset, keys[item].size);
  }
  uint32_t Lookup(const Index& index, std::string_view key) const {
    if (index.slots.empty()) return kNone;
    size_t mask = index.slots.size() - 1;
    for (size_t s = std::hash<std::string_view>()(key) & mask;; s = (s + 1) & mask) {
      uint32_t head = index.slots[s];
      if (head == kNone || Key(head) == key) return head;
    }
  }
};

ListSet::ListSet() = default;
ListSet::~ListSet() = default;

const ListDef& ListSet::def(uint32_t list) const { return lists_[list]->def; }
std::string_view ListSet::rule_name(uint32_t list) const { return lists_[list]->rule_name; }
const ListItem& ListSet::item(uint32_t list, uint32_t item) const { return lists_[list]->items.items[item]; }
size_t ListSet::item_count(uint32_t list) const { return lists_[list]->items.items.size(); }
std::string_view ListSet::Text(uint32_t list, TextRef ref) const { return lists_[list]->items.Text(ref); }

bool ListSet::Build(ListColumns columns, std::vector<LoadedList> lists, ConfigErrors* errors,
                    std::unique_ptr<ListSet>* out) {
  size_t before = errors->size();
  std::unique_ptr<ListSet> set(new ListSet());
  set->columns_ = std::move(columns);
  const ListColumns& cols = set->columns_;
  for (LoadedList& loaded : lists) {
    auto list = std::make_unique<List>();
    list->def = std::move(loaded.def);
    list->origin = std::move(loaded.origin);
    list->items = std::move(loaded.items);
    list->rule_name = list->def.name;
    for (char& c : list->rule_name)
      if (c == ' ') c = '_';
    for (std::string& w : list->items.warnings) set->warnings_.push_back(std::move(w));
    list->items.warnings.clear();
    int list_column = -1;
    if (!list->def.column.empty()) {
      list_column = cols.Find(list->def.column);
      if (list_column < 0) {
        std::string hint = cols.Suggest(list->def.column);
        errors->Add(SourcePosition{list->origin},
                    "list '" + list->def.name + "': unknown column '" + list->def.column + "'" +
                        (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
        continue;
      }
    }
    std::vector<ListItem>& items = list->items.items;
    size_t n = items.size();
    list->keys.assign(n, TextRef{});
    list->next.assign(n, kNone);
    std::vector<int> index_of_item(n, -1);
    char buf[kMaxListKey];
    for (size_t i = 0; i < n; ++i) {
      ListItem& item = items[i];
      std::string_view value = list->items.Text(item.value);
      int column = list_column;
      if (!item.column.empty()) {
        std::string_view own = list->items.Text(item.column);
        int own_column = cols.Find(own);
        if (own_column < 0) {
          errors->Add(SourcePosition{list->origin, static_cast<int>(item.line), 1},
                      "unknown column '" + std::string(own) + "'");
          continue;
        }
        // A list column narrows a feed: same kind of value → compare in the
        // list's column (Ip → DstIp); another kind → not for this list.
        if (list_column >= 0 && cols[own_column].match != cols[list_column].match) {
          set->warnings_.push_back(list->origin + ": list '" + list->def.name + "': " + std::string(own) +
                                   " indicator '" + std::string(value) + "' does not fit column " +
                                   list->def.column + "; skipped");
          item.active = false;
          continue;
        }
        if (list_column < 0) column = own_column;
      }
      if (column < 0) {
        errors->Add(SourcePosition{list->origin, static_cast<int>(item.line), 1},
                    "list '" + list->def.name + "' has no column and the item names none");
        continue;
      }
      int index = -1;
      for (size_t k = 0; k < list->indexes.size(); ++k)
        if (list->indexes[k].column == static_cast<uint32_t>(column)) index = static_cast<int>(k);
      if (index < 0) {
        list->indexes.emplace_back();
        list->indexes.back().column = column;
        list->indexes.back().kind = cols[column].match;
        index = static_cast<int>(list->indexes.size() - 1);
      }
      MatchKind kind = cols[column].match;
      if (kind == MatchKind::kIp) {
        IpAddress base;
        int len = 0;
        if (!ParseCidr(value, &base, &len)) {
          errors->Add(SourcePosition{list->origin, static_cast<int>(item.line), 1},
                      "'" + std::string(value) + "' is not an IP address or CIDR block (column " +
                          cols[column].name + ")");
          continue;
        }
      } else {
        std::string_view key;
        if (!ListKey(kind, value, buf, &key)) {
          errors->Add(SourcePosition{list->origin, static_cast<int>(item.line), 1},
                      "value too long or empty for column " + cols[column].name);
          continue;
        }
        list->keys[i] =
            TextRef{static_cast<uint32_t>(list->key_text.size()), static_cast<uint32_t>(key.size())};
        list->key_text.append(key);
      }
      index_of_item[i] = index;
    }
    // Insert in reverse so each chain lists items in file order.
    std::vector<size_t> key_counts(list->indexes.size(), 0);
    for (size_t i = 0; i < n; ++i)
      if (index_of_item[i] >= 0) ++key_counts[index_of_item[i]];
    for (size_t k = 0; k < list->indexes.size(); ++k) {
      Index& index = list->indexes[k];
      if (index.kind == MatchKind::kIp) {
        index.trie.Reserve(key_counts[k]);
      } else {
        size_t size = 16;
        while (size < 2 * key_counts[k]) size <<= 1;
        index.slots.assign(size, kNone);
      }
    }
    for (size_t r = n; r-- > 0;) {
      if (index_of_item[r] < 0) continue;
      Index& index = list->indexes[index_of_item[r]];
      uint32_t i = static_cast<uint32_t>(r);
      if (index.kind == MatchKind::kIp) {
        IpAddress base;
        int len = 0;
        ParseCidr(list->items.Text(items[i].value), &base, &len);
        uint32_t head;
        if (index.trie.Find(base, len, &head)) list->next[i] = head;
        index.trie.Insert(base, len, i);
      } else {
        std::string_view key = list->Key(i);
        size_t mask = index.slots.size() - 1;
        size_t s = std::hash<std::string_view>()(key) & mask;
        while (index.slots[s] != kNone && list->Key(index.slots[s]) != key) s = (s + 1) & mask;
        list->next[i] = index.slots[s];
        index.slots[s] = i;
      }
    }
    set->lists_.push_back(std::move(list));
  }
  if (errors->size() != before) return false;
  *out = std::move(set);
  return true;
}

void ListSet::MatchIndex(uint32_t list_index, const Index& index, std::string_view value, int64_t now_ms,
                         std::vector<ListHit>* out) const {
  const List& list = *lists_[list_index];
  const std::vector<ListItem>& items = list.items.items;
  auto emit_chain = [&](uint32_t head) {
    for (uint32_t i = head; i != kNone; i = list.next[i])
      if (Live(items[i], now_ms)) out->push_back(ListHit{list_index, i});
  };
  if (index.kind == MatchKind::kIp) {
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    IpAddress addr;
    if (!ParseIpAddress(value, &addr)) return;
    // An IPv4-mapped IPv6 address is an IPv4 host (RFC 4291 §2.5.5.2).
    if (IsIpv4Mapped(addr)) EmbeddedIpv4(addr, &addr);
    PrefixMatch matches[IpPrefixTrie::kMaxMatches];
    int count = index.trie.AllMatches(addr, matches);
    for (int m = 0; m < count; ++m) emit_chain(matches[m].payload);
    return;
  }
  char buf[kMaxListKey];
  std::string_view key;
  if (!ListKey(index.kind, value, buf, &key)) return;
  emit_chain(list.Lookup(index, key));
  if (index.kind != MatchKind::kDomain) return;
  // Parent domains on label boundaries: a.b.example.com → b.example.com → example.com → com.
  for (size_t dot = key.find('.'); dot != std::string_view::npos; dot = key.find('.', dot + 1)) {
    std::string_view parent = key.substr(dot + 1);
    if (!parent.empty()) emit_chain(list.Lookup(index, parent));
  }
}

void ListSet::Match(std::string_view column, std::string_view value, int64_t now_ms,
                    std::vector<ListHit>* out) const {
  int c = columns_.Find(column);
  if (c < 0) return;
  for (uint32_t l = 0; l < lists_.size(); ++l) {
    if (!lists_[l]->def.active) continue;
    for (const Index& index : lists_[l]->indexes)
      if (index.column == static_cast<uint32_t>(c)) MatchIndex(l, index, value, now_ms, out);
  }
}

void ListSet::MatchRecord(const AttributeSource& record, int64_t now_ms,
                          std::vector<RecordListHit>* out) const {
  // One scratch vector per thread keeps record matching allocation-free once warm.
  thread_local std::vector<ListHit> hits;
  for (uint32_t l = 0; l < lists_.size(); ++l) {
    if (!lists_[l]->def.active) continue;
    for (const Index& index : lists_[l]->indexes) {
      for (const std::string& attribute : columns_[index.column].attributes) {
        std::string_view value;
        if (!record.Get(attribute, &value)) continue;
        hits.clear();
        MatchIndex(l, index, value, now_ms, &hits);
        for (const ListHit& h : hits)
          out->push_back(RecordListHit{h.list_index, h.item_index, index.column, attribute, value});
      }
    }
  }
}

}  // namespace recproc
