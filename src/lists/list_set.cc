// Building and querying the list indexes. Build cost is one pass over the
// items per list: values are parsed or keyed once, keys go into one buffer
// per list, and items sharing a key or prefix are chained through `next`
// (so one trie payload or hash slot serves any number of duplicates). A
// lookup touches only stack buffers.
#include "lists/list_set.h"

#include <algorithm>

#include "lists/ipv4_block_index.h"
#include "lists/list_key.h"
#include "util/ip_address.h"
#include "util/string_hash.h"

namespace recproc {
namespace {

constexpr uint32_t kNone = 0xffffffffu;

bool Live(const ListItem& item, int64_t now_ms) { return item.active && now_ms < item.expiration_ms; }

struct V4Item {
  uint32_t base;  // masked to len
  uint8_t len;
  uint32_t item;
};

uint32_t MaskedIpv4(const IpAddress& base, int len) {
  return len == 0 ? 0 : base.Ipv4Int() & (0xffffffffu << (32 - len));
}

// Chains the items of each distinct block in file order (through *next) and
// indexes one payload per block: the chain's first item.
void BuildV4(std::vector<V4Item>* v4, std::vector<uint32_t>* next, Ipv4BlockIndex* index) {
  std::sort(v4->begin(), v4->end(), [](const V4Item& a, const V4Item& b) {
    if (a.base != b.base) return a.base < b.base;
    return a.len != b.len ? a.len < b.len : a.item < b.item;
  });
  std::vector<Ipv4BlockIndex::Block> blocks;
  blocks.reserve(v4->size());
  for (size_t j = 0; j < v4->size(); ++j) {
    const V4Item& e = (*v4)[j];
    if (j > 0 && (*v4)[j - 1].base == e.base && (*v4)[j - 1].len == e.len) {
      (*next)[(*v4)[j - 1].item] = e.item;
      continue;
    }
    blocks.push_back(Ipv4BlockIndex::Block{e.base, e.len, e.item});
  }
  v4->clear();
  v4->shrink_to_fit();
  index->Build(std::move(blocks));
}

struct Slot {
  uint32_t head;
  uint32_t tag;
};

// A record's IP attribute as the address lists compare: surrounding spaces
// dropped, and an IPv4-mapped IPv6 address taken as the IPv4 host it is
// (RFC 4291 §2.5.5.2).
bool ParseRecordIp(std::string_view value, IpAddress* addr) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (!ParseIpAddress(value, addr)) return false;
  if (IsIpv4Mapped(*addr)) EmbeddedIpv4(*addr, addr);
  return true;
}

uint64_t KeyHash(std::string_view key) { return TextHash(key); }
uint32_t Tag(uint64_t hash) { return static_cast<uint32_t>(hash >> 32); }

}  // namespace

struct ListSet::Index {
  uint32_t column = 0;
  MatchKind kind = MatchKind::kExact;
  Ipv4BlockIndex v4;
  // IPv6 blocks; IPv4-mapped addresses in a list stay here (they are written
  // as IPv6 and never match an IPv4 host, as before).
  IpPrefixTrie v6;
  // Open addressing, linear probing; a slot holds the first item of a key's
  // chain (head, kNone = empty) and the top bits of the key's hash, so a probe
  // reads the key text (another cache miss) only when those agree. Size is a
  // power of two, at least twice the keys.
  std::vector<Slot> slots;
  // Per attribute of the column (table order): its position in query_.
  std::vector<uint32_t> query_ids;
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
    uint64_t hash = KeyHash(key);
    uint32_t tag = Tag(hash);
    for (size_t s = hash & mask;; s = (s + 1) & mask) {
      const Slot& slot = index.slots[s];
      if (slot.head == kNone || (slot.tag == tag && Key(slot.head) == key)) return slot.head;
    }
  }
};

ListSet::ListSet() = default;
ListSet::~ListSet() = default;

const ListDef& ListSet::def(uint32_t list) const { return lists_[list]->def; }
std::string_view ListSet::rule_name(uint32_t list) const { return lists_[list]->rule_name; }
const ListItem& ListSet::item(uint32_t list, uint32_t item) const { return lists_[list]->items.items[item]; }
const IndicatorAttributes& ListSet::indicator(uint32_t list, uint32_t item) const {
  return lists_[list]->items.Indicator(lists_[list]->items.items[item]);
}
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
    list->next.assign(n, kNone);
    std::vector<int> index_of_item(n, -1);
    char buf[kMaxListKey];
    for (size_t i = 0; i < n; ++i) {
      ListItem& item = items[i];
      std::string_view value = list->items.Text(item.value);
      int column = list_column;
      const IndicatorAttributes& indicator = list->items.Indicator(item);
      if (!indicator.column.empty()) {
        std::string_view own = list->items.Text(indicator.column);
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
          std::string message = "'";
          message.append(value).append("' is not an IP address or CIDR block (column ");
          message.append(cols[column].name).append(")");
          errors->Add(SourcePosition{list->origin, static_cast<int>(item.line), 1}, std::move(message));
          continue;
        }
      } else {
        std::string_view key;
        if (!ListKey(kind, value, buf, &key)) {
          errors->Add(SourcePosition{list->origin, static_cast<int>(item.line), 1},
                      "value too long or empty for column " + cols[column].name);
          continue;
        }
        // Only lists with non-IP items pay for a key per item.
        // A key is never longer than its value, so the pool's size bounds the
        // key text and it never regrows.
        if (list->keys.empty()) {
          list->keys.assign(n, TextRef{});
          list->key_text.reserve(list->items.text.bytes());
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
      if (index.kind != MatchKind::kIp) {
        size_t size = 16;
        while (size < 2 * key_counts[k]) size <<= 1;
        index.slots.assign(size, Slot{kNone, 0});
      }
    }
    // IPv4 blocks per index, grouped below so equal blocks share one chain.
    std::vector<std::vector<V4Item>> v4_items(list->indexes.size());
    for (size_t r = n; r-- > 0;) {
      if (index_of_item[r] < 0) continue;
      Index& index = list->indexes[index_of_item[r]];
      uint32_t i = static_cast<uint32_t>(r);
      if (index.kind == MatchKind::kIp) {
        IpAddress base;
        int len = 0;
        ParseCidr(list->items.Text(items[i].value), &base, &len);
        if (base.v4) {
          v4_items[index_of_item[r]].push_back(V4Item{MaskedIpv4(base, len), static_cast<uint8_t>(len), i});
          continue;
        }
        uint32_t head;
        if (index.v6.Find(base, len, &head)) list->next[i] = head;
        index.v6.Insert(base, len, i);
      } else {
        std::string_view key = list->Key(i);
        size_t mask = index.slots.size() - 1;
        uint64_t hash = KeyHash(key);
        uint32_t tag = Tag(hash);
        size_t s = hash & mask;
        while (index.slots[s].head != kNone &&
               (index.slots[s].tag != tag || list->Key(index.slots[s].head) != key))
          s = (s + 1) & mask;
        list->next[i] = index.slots[s].head;
        index.slots[s] = Slot{i, tag};
      }
    }
    for (size_t k = 0; k < list->indexes.size(); ++k)
      if (list->indexes[k].kind == MatchKind::kIp) BuildV4(&v4_items[k], &list->next, &list->indexes[k].v4);
    set->lists_.push_back(std::move(list));
  }
  if (errors->size() != before) return false;
  for (const auto& list : set->lists_) {
    if (!list->def.active) continue;
    for (Index& index : list->indexes) {
      for (const std::string& attribute : cols[index.column].attributes) {
        auto& names = set->query_.names;
        size_t id = std::find(names.begin(), names.end(), attribute) - names.begin();
        if (id == names.size()) set->query_.Add(attribute);
        index.query_ids.push_back(static_cast<uint32_t>(id));
      }
    }
  }
  *out = std::move(set);
  return true;
}

void AttributeQuery::Add(std::string_view name) {
  size_t bit = names.size() < 64 ? names.size() : 63;
  names.push_back(name);
  if (!name.empty()) candidates[Slot(name)] |= uint64_t{1} << bit;
}

void AttributeSource::GetAll(const AttributeQuery& query, std::string_view* values) const {
  for (size_t i = 0; i < query.names.size(); ++i)
    if (!Get(query.names[i], &values[i])) values[i] = std::string_view();
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
    IpAddress addr;
    if (ParseRecordIp(value, &addr)) MatchIp(list_index, index, addr, now_ms, out);
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

void ListSet::MatchIp(uint32_t list_index, const Index& index, const IpAddress& addr, int64_t now_ms,
                      std::vector<ListHit>* out) const {
  const List& list = *lists_[list_index];
  const std::vector<ListItem>& items = list.items.items;
  auto emit_chain = [&](uint32_t head) {
    for (uint32_t i = head; i != kNone; i = list.next[i])
      if (Live(items[i], now_ms)) out->push_back(ListHit{list_index, i});
  };
  if (addr.v4) {
    uint32_t matches[Ipv4BlockIndex::kMaxMatches];
    int count = index.v4.AllMatches(addr.Ipv4Int(), matches);
    for (int m = 0; m < count; ++m) emit_chain(matches[m]);
    return;
  }
  PrefixMatch matches[IpPrefixTrie::kMaxMatches];
  int count = index.v6.AllMatches(addr, matches);
  for (int m = 0; m < count; ++m) emit_chain(matches[m].payload);
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
  if (query_.names.empty()) return;
  // Per-thread scratch keeps record matching allocation-free once warm.
  thread_local std::vector<ListHit> hits;
  thread_local std::vector<std::string_view> values;
  // Per attribute: 0 = not parsed yet, 1 = an IP (in ips), 2 = not an IP;
  // parsed once however many IP lists compare it.
  thread_local std::vector<uint8_t> ip_state;
  thread_local std::vector<IpAddress> ips;
  size_t n = query_.names.size();
  values.assign(n, std::string_view());
  ip_state.assign(n, 0);
  if (ips.size() < n) ips.resize(n);
  record.GetAll(query_, values.data());
  for (uint32_t l = 0; l < lists_.size(); ++l) {
    if (!lists_[l]->def.active) continue;
    for (const Index& index : lists_[l]->indexes) {
      const std::vector<std::string>& attributes = columns_[index.column].attributes;
      for (size_t a = 0; a < attributes.size(); ++a) {
        uint32_t id = index.query_ids[a];
        std::string_view value = values[id];
        if (value.empty()) continue;
        hits.clear();
        if (index.kind == MatchKind::kIp) {
          if (ip_state[id] == 0) ip_state[id] = ParseRecordIp(value, &ips[id]) ? 1 : 2;
          if (ip_state[id] == 1) MatchIp(l, index, ips[id], now_ms, &hits);
        } else {
          MatchIndex(l, index, value, now_ms, &hits);
        }
        for (const ListHit& h : hits)
          out->push_back(RecordListHit{h.list_index, h.item_index, index.column, attributes[a], value});
      }
    }
  }
}

}  // namespace recproc
