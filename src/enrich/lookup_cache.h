// LookupCache: a small per-thread memo of enrichment results keyed by the raw
// attribute text (an IP or URL exactly as it appeared), so the repeated
// values that dominate real logs (the same few servers, proxies and domains)
// are parsed and looked up once. Two-way set associative with a fixed number
// of slots: memory is bounded and set at construction, a miss costs at most
// one replacement, no rehashing. The sets' hashes are kept apart from the
// entries, so a miss reads no entry. A key takes a slot from its second
// miss on: its first miss only leaves its hash with the set (which keeps
// the last two such hashes, as many as it has ways, so two keys missing in
// turn are both kept), and its value goes to a spare. Values seen once
// (most addresses of a scan, a busy firewall's far ends) then evict nothing
// and cost no write into the entries, which lie mostly outside the nearer
// caches. Keys and values keep their string capacity when a slot is reused,
// so a warm cache allocates nothing.
//
// Thread-safety: none, by design: each worker owns its caches (no locks on
// the hot path). Enrichers themselves are shared and immutable.
//
// Values must not hold views into per-batch memory (the caller's arena or
// input buffer): IpGeoResult (views into the mapped database) can be stored
// as is; URL and domain results go through StoredUrlEnrichment
// (url_domain.h), which owns its text.
#ifndef RECPROC_ENRICH_LOOKUP_CACHE_H_
#define RECPROC_ENRICH_LOOKUP_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "util/string_hash.h"

namespace recproc {

template <typename V>
class LookupCache {
 public:
  // capacity: number of entries, rounded up to an even power of two (at
  // least 2). 0 disables the cache: Find always misses and Insert always
  // hands out the spare.
  explicit LookupCache(size_t capacity) {
    if (capacity == 0) {
      sets_ = 0;
      return;
    }
    sets_ = 1;
    while (sets_ * 2 < capacity) sets_ *= 2;
    tags_ = std::make_unique<Tags[]>(sets_);
    slots_ = std::make_unique<Slot[]>(sets_ * 2);
  }
  LookupCache(const LookupCache&) = delete;
  LookupCache& operator=(const LookupCache&) = delete;

  // The value cached for key, or nullptr (counted as a hit or a miss). The
  // pointer stays valid until the next Insert.
  const V* Find(std::string_view key) { return Find(key, Hash(key)); }
  // The key's hash, for the overloads below: a lookup that misses and then
  // inserts hashes its key once.
  static size_t Hash(std::string_view key) { return static_cast<size_t>(TextHash(key)); }
  // REQUIRES: h == Hash(key).
  const V* Find(std::string_view key, size_t h) {
    if (sets_ == 0) {
      ++misses_;
      return nullptr;
    }
    const size_t set = h & (sets_ - 1);
    Tags& t = tags_[set];
    for (int way = 0; way < 2; ++way) {
      if ((t.used >> way & 1) == 0 || t.hash[way] != h) continue;
      Slot& s = slots_[set * 2 + way];
      if (s.key != key) continue;
      ++hits_;
      t.recent = static_cast<uint8_t>(way);
      return &s.value;
    }
    ++misses_;
    return nullptr;
  }

  // Where the caller writes key's value, overwriting it completely (the old
  // value is left in place so its strings' capacity can be reused). When
  // key's hash is one of the last two its set saw miss without being kept,
  // that is key's own slot, claimed from the less recently used entry of
  // the set; otherwise the hash is noted in place of the older of the two
  // and the value goes to the spare, which the next Insert may reuse and
  // Find never returns.
  // REQUIRES: key is not cached (Find returned nullptr).
  V* Insert(std::string_view key) { return Insert(key, Hash(key)); }
  // REQUIRES: h == Hash(key).
  V* Insert(std::string_view key, size_t h) {
    if (sets_ == 0) return &spare_;
    const size_t set = h & (sets_ - 1);
    Tags& t = tags_[set];
    const uint32_t tag = static_cast<uint32_t>(static_cast<uint64_t>(h) >> 32);
    if (t.missed[0] != tag && t.missed[1] != tag) {
      t.missed[t.older_missed] = tag;
      t.older_missed ^= 1;
      return &spare_;
    }
    const int way = (t.used & 1) == 0 ? 0 : (t.used & 2) == 0 ? 1 : 1 - t.recent;
    t.used |= static_cast<uint8_t>(1 << way);
    t.hash[way] = h;
    t.recent = static_cast<uint8_t>(way);
    Slot& s = slots_[set * 2 + way];
    // clear+append rather than assign: same effect, and GCC 12 reports a
    // false -Wrestrict overlap on the inlined assign of a literal.
    s.key.clear();
    s.key.append(key.data(), key.size());
    return &s.value;
  }

  // Forgets every entry (counters are kept).
  void Clear() {
    for (size_t i = 0; i < sets_; ++i) tags_[i] = Tags();
  }

  size_t capacity() const { return sets_ * 2; }
  uint64_t hits() const { return hits_; }
  uint64_t misses() const { return misses_; }

 private:
  // A set's hashes and state, apart from its slots: a lookup reads one
  // small record per set (all of them together stay in the nearer caches)
  // and touches a slot only when a hash matches. Entries are large (a
  // GeoIP result is hundreds of bytes), and most lookups of varied
  // addresses miss.
  struct Tags {
    size_t hash[2] = {0, 0};
    // High halves of the hashes of the last two keys not kept (a key whose
    // half matches by chance is kept one miss early: no harm).
    uint32_t missed[2] = {0, 0};
    uint8_t older_missed = 0;  // which of the two goes next
    uint8_t used = 0;          // bit per way
    uint8_t recent = 0;        // the way used last
  };
  struct Slot {
    std::string key;
    V value{};
  };
  size_t sets_;
  std::unique_ptr<Tags[]> tags_;
  std::unique_ptr<Slot[]> slots_;
  V spare_{};
  uint64_t hits_ = 0;
  uint64_t misses_ = 0;
};

}  // namespace recproc

#endif  // RECPROC_ENRICH_LOOKUP_CACHE_H_
