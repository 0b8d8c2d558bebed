// Ipv4BlockIndex: every IPv4 block (CIDR prefix) containing an address, for
// list matching where all overlapping blocks match. CIDR blocks are either
// nested or disjoint, so the blocks over an address form one chain; the
// index cuts the address space into the intervals on which that chain is
// constant, each naming its most specific block, and each block names its
// parent (the next less specific block containing it).
//
// A lookup reads a table indexed by the top 16..20 address bits (sized to
// about four intervals per entry), binary-searches the few interval starts
// under that entry and walks the parent chain: two or three cache lines for
// a miss however many blocks were loaded, where a bit trie over 100k
// prefixes took ~17.
//
// Thread-safety: Build() needs exclusive access; afterwards any number of
// threads may call the const methods.
#ifndef RECPROC_LISTS_IPV4_BLOCK_INDEX_H_
#define RECPROC_LISTS_IPV4_BLOCK_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace recproc {

class Ipv4BlockIndex {
 public:
  // Most blocks one address can lie in: lengths 0..32.
  static constexpr int kMaxMatches = 33;

  struct Block {
    uint32_t base;  // bits after len are ignored
    uint8_t len;    // 0..32
    uint32_t payload;
  };

  // An empty index: matches nothing.
  Ipv4BlockIndex();

  // Replaces the contents with `blocks`.
  // REQUIRES: no two blocks have the same (masked base, len): callers with
  // several entries per block group them under one payload.
  void Build(std::vector<Block> blocks);

  // Payloads of every block containing addr (host byte order integer,
  // a.b.c.d = a<<24|...), most specific first, written to out (room for
  // kMaxMatches so a caller can use a stack array). Returns how many.
  int AllMatches(uint32_t addr, uint32_t out[kMaxMatches]) const;

  size_t size() const { return parent_.size(); }
  // Heap bytes held.
  size_t MemoryBytes() const;

 private:
  static constexpr uint32_t kNone = 0xffffffffu;
  static constexpr size_t kFirstLevelMin = 2048;
  // Addresses start..(next interval's start - 1) lie in `block` (and its
  // parents); kNone = in no block.
  struct Interval {
    uint32_t start;
    uint32_t block;
  };

  std::vector<Interval> intervals_;  // sorted by start; intervals_[0].start == 0
  // first_[h]: the interval holding address h << shift_; the extra last
  // entry: the last interval. Empty when there are fewer than
  // kFirstLevelMin intervals.
  std::vector<uint32_t> first_;
  int shift_ = 32;
  std::vector<uint32_t> parent_;   // per block (in base order), kNone for a top-level block
  std::vector<uint32_t> payload_;  // per block
};

}  // namespace recproc

#endif  // RECPROC_LISTS_IPV4_BLOCK_INDEX_H_
