// IpPrefixTrie: a path-compressed binary (PATRICIA-style) trie, one tree per
// address family, nodes in one vector addressed by 32-bit index.
//
// Why this structure: a plain bit-per-level trie needs up to 32 (128) nodes
// per prefix, far from "memory proportional to size" at a million entries,
// and sorted ranges need a separate build step and a binary search plus a
// parent walk. Path compression keeps at most two nodes per prefix (the
// prefix's own node and one branching node), so 1M prefixes take < 2M nodes
// of 32 bytes, and inserting and looking up touch at most one node per
// address bit. Walking down from the root visits every containing prefix in
// order, which gives AllMatches for free. Nodes in a vector (no pointers)
// keep the tree in a few large allocations that load quickly.
#include "util/ip_prefix_trie.h"

#include <algorithm>
#include <cstring>

namespace recproc {
namespace {

int Bit(const uint8_t* key, int i) { return (key[i >> 3] >> (7 - (i & 7))) & 1; }

// Length of the common leading bits of a and b, at most limit.
int CommonPrefix(const uint8_t* a, const uint8_t* b, int limit) {
  int n = 0;
  for (int i = 0; n < limit; ++i) {
    uint8_t diff = a[i] ^ b[i];
    if (diff != 0) {
      n += __builtin_clz(static_cast<unsigned>(diff)) - 24;
      break;
    }
    n += 8;
  }
  return std::min(n, limit);
}

// Whether the first len bits of a and b agree.
bool PrefixEqual(const uint8_t* a, const uint8_t* b, int len) {
  int full = len >> 3;
  if (std::memcmp(a, b, full) != 0) return false;
  int rem = len & 7;
  if (rem == 0) return true;
  uint8_t mask = static_cast<uint8_t>(0xff << (8 - rem));
  return ((a[full] ^ b[full]) & mask) == 0;
}

}  // namespace

IpPrefixTrie::IpPrefixTrie() {
  static constexpr uint8_t kZero[16] = {};
  NewNode(kZero, 0);  // kV4Root
  NewNode(kZero, 0);  // kV6Root
}

uint32_t IpPrefixTrie::NewNode(const uint8_t* key, int len) {
  Node n{};
  std::memcpy(n.key, key, sizeof n.key);
  n.len = static_cast<uint8_t>(len);
  nodes_.push_back(n);
  return static_cast<uint32_t>(nodes_.size() - 1);
}

bool IpPrefixTrie::Insert(const IpAddress& base, int prefix_len, uint32_t payload) {
  IpAddress key = base;
  MaskIpAddress(&key, prefix_len);
  const uint8_t* k = key.bytes;
  // Invariant: node cur's prefix is a prefix of key (the roots trivially are).
  uint32_t cur = key.v4 ? kV4Root : kV6Root;
  while (true) {
    if (nodes_[cur].len == prefix_len) {
      bool fresh = !nodes_[cur].has_payload;
      nodes_[cur].has_payload = true;
      nodes_[cur].payload = payload;
      if (fresh) ++size_;
      return fresh;
    }
    int bit = Bit(k, nodes_[cur].len);
    uint32_t next = nodes_[cur].child[bit];
    if (next == 0) {
      uint32_t leaf = NewNode(k, prefix_len);
      nodes_[leaf].has_payload = true;
      nodes_[leaf].payload = payload;
      nodes_[cur].child[bit] = leaf;
      ++size_;
      return true;
    }
    int next_len = nodes_[next].len;
    int common = CommonPrefix(nodes_[next].key, k, std::min(next_len, prefix_len));
    if (common == next_len) {
      cur = next;
      continue;
    }
    // The new prefix diverges from next inside next's compressed path (or
    // ends there): splice a node in between. NewNode may reallocate nodes_,
    // so only indices are held across it.
    uint32_t mid = NewNode(k, common);
    MaskIpAddress(&key, common);
    std::memcpy(nodes_[mid].key, key.bytes, sizeof key.bytes);
    nodes_[mid].child[Bit(nodes_[next].key, common)] = next;
    nodes_[cur].child[bit] = mid;
    if (common == prefix_len) {
      nodes_[mid].has_payload = true;
      nodes_[mid].payload = payload;
    } else {
      IpAddress full = base;
      MaskIpAddress(&full, prefix_len);
      uint32_t leaf = NewNode(full.bytes, prefix_len);
      nodes_[leaf].has_payload = true;
      nodes_[leaf].payload = payload;
      nodes_[mid].child[Bit(full.bytes, common)] = leaf;
    }
    ++size_;
    return true;
  }
}

void IpPrefixTrie::InsertAll(std::vector<PrefixEntry> entries) {
  for (PrefixEntry& e : entries) MaskIpAddress(&e.base, e.prefix_len);
  std::stable_sort(entries.begin(), entries.end(), [](const PrefixEntry& a, const PrefixEntry& b) {
    if (a.base.v4 != b.base.v4) return a.base.v4;
    int c = std::memcmp(a.base.bytes, b.base.bytes, sizeof a.base.bytes);
    return c != 0 ? c < 0 : a.prefix_len < b.prefix_len;
  });
  Reserve(size_ + entries.size());
  for (const PrefixEntry& e : entries) Insert(e.base, e.prefix_len, e.payload);
}

bool IpPrefixTrie::LongestMatch(const IpAddress& addr, uint32_t* payload, int* len) const {
  bool found = false;
  uint32_t cur = addr.v4 ? kV4Root : kV6Root;
  int bits = addr.bit_length();
  while (true) {
    const Node& n = nodes_[cur];
    if (!PrefixEqual(n.key, addr.bytes, n.len)) break;
    if (n.has_payload) {
      found = true;
      if (payload != nullptr) *payload = n.payload;
      if (len != nullptr) *len = n.len;
    }
    if (n.len >= bits) break;
    cur = n.child[Bit(addr.bytes, n.len)];
    if (cur == 0) break;
  }
  return found;
}

int IpPrefixTrie::AllMatches(const IpAddress& addr, PrefixMatch out[kMaxMatches]) const {
  int count = 0;
  uint32_t cur = addr.v4 ? kV4Root : kV6Root;
  int bits = addr.bit_length();
  while (true) {
    const Node& n = nodes_[cur];
    if (!PrefixEqual(n.key, addr.bytes, n.len)) break;
    if (n.has_payload) out[count++] = PrefixMatch{n.payload, n.len};
    if (n.len >= bits) break;
    cur = n.child[Bit(addr.bytes, n.len)];
    if (cur == 0) break;
  }
  // Collected root-first; callers want the most specific first.
  std::reverse(out, out + count);
  return count;
}

bool IpPrefixTrie::Find(const IpAddress& base, int prefix_len, uint32_t* payload) const {
  IpAddress key = base;
  MaskIpAddress(&key, prefix_len);
  uint32_t cur = key.v4 ? kV4Root : kV6Root;
  while (true) {
    const Node& n = nodes_[cur];
    if (n.len > prefix_len || !PrefixEqual(n.key, key.bytes, n.len)) return false;
    if (n.len == prefix_len) {
      if (n.has_payload && payload != nullptr) *payload = n.payload;
      return n.has_payload;
    }
    cur = n.child[Bit(key.bytes, n.len)];
    if (cur == 0) return false;
  }
}

}  // namespace recproc
