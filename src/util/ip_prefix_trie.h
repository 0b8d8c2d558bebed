// IpPrefixTrie: longest-prefix match over IPv4 and IPv6 prefixes, each
// mapped to a uint32_t payload (typically an index into the caller's table of
// blocks or list entries).
//
// Thread-safety: Insert() needs exclusive access; once built, any number of
// threads may call the const lookups concurrently.
#ifndef RECPROC_UTIL_IP_PREFIX_TRIE_H_
#define RECPROC_UTIL_IP_PREFIX_TRIE_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "util/ip_address.h"

namespace recproc {

struct PrefixEntry {
  IpAddress base;
  int prefix_len;
  uint32_t payload;
};

struct PrefixMatch {
  uint32_t payload;
  int prefix_len;
};

class IpPrefixTrie {
 public:
  // Most matches one address can have: every length 0..128.
  static constexpr int kMaxMatches = 129;

  IpPrefixTrie();

  // Adds base/prefix_len (bits after prefix_len are ignored). IPv4 and IPv6
  // prefixes live in separate trees: an IPv4 prefix never matches an IPv6
  // address, including ::ffff:a.b.c.d (callers that want that unwrap it with
  // EmbeddedIpv4 first). Re-inserting an existing prefix replaces its payload
  // and returns false; callers needing several payloads per prefix keep a
  // group index as payload.
  // REQUIRES: 0 <= prefix_len <= base.bit_length().
  bool Insert(const IpAddress& base, int prefix_len, uint32_t payload);

  // Inserts every entry, in address order: consecutive inserts then share a
  // path already in cache, which loads a million random prefixes several
  // times faster than inserting them as they come. Among equal prefixes the
  // later entry wins, as with Insert.
  void InsertAll(std::vector<PrefixEntry> entries);

  // The most specific prefix containing addr. Returns false when none does.
  // payload/len may be null.
  bool LongestMatch(const IpAddress& addr, uint32_t* payload, int* len) const;

  // Every prefix containing addr, most specific first, written to out (room
  // for kMaxMatches, so a caller can use a stack array and not allocate).
  // Returns how many.
  int AllMatches(const IpAddress& addr, PrefixMatch out[kMaxMatches]) const;

  // Whether exactly base/prefix_len was inserted; its payload if so.
  bool Find(const IpAddress& base, int prefix_len, uint32_t* payload) const;

  // Number of distinct prefixes inserted.
  size_t size() const { return size_; }
  // Heap bytes held by the nodes.
  size_t MemoryBytes() const { return nodes_.capacity() * sizeof(Node); }
  // Pre-sizes for n prefixes (at most 2n nodes), avoiding regrowth on bulk load.
  void Reserve(size_t n) { nodes_.reserve(2 * n + 2); }

 private:
  // A path-compressed node: it stands for key/len, where len may skip many
  // bits past its parent's. Children are indices into nodes_ (0 = none: node 0
  // is the IPv4 root and never anyone's child).
  struct Node {
    uint8_t key[16];
    uint8_t len;
    bool has_payload;
    uint32_t payload;
    uint32_t child[2];
  };
  static constexpr uint32_t kV4Root = 0;
  static constexpr uint32_t kV6Root = 1;

  uint32_t NewNode(const uint8_t* key, int len);

  std::vector<Node> nodes_;
  size_t size_ = 0;
};

}  // namespace recproc

#endif  // RECPROC_UTIL_IP_PREFIX_TRIE_H_
