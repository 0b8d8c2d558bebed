// Building the IPv4 interval index: blocks sorted by (base, length) arrive
// outer before inner, so one sweep with a stack of open blocks yields both
// the parent links and the elementary intervals (each emitted when the sweep
// leaves it). Ends are computed in 64 bits: 255.255.255.255/32 and 0.0.0.0/0
// end at 2^32 - 1 and the sweep position can reach 2^32.
#include "lists/ipv4_block_index.h"

#include <algorithm>

namespace recproc {
namespace {

uint32_t Mask(int len) { return len == 0 ? 0 : 0xffffffffu << (32 - len); }

}  // namespace

Ipv4BlockIndex::Ipv4BlockIndex() = default;

void Ipv4BlockIndex::Build(std::vector<Block> blocks) {
  for (Block& b : blocks) b.base &= Mask(b.len);
  std::sort(blocks.begin(), blocks.end(), [](const Block& a, const Block& b) {
    return a.base != b.base ? a.base < b.base : a.len < b.len;
  });
  size_t n = blocks.size();
  parent_.assign(n, kNone);
  payload_.resize(n);
  intervals_.clear();
  intervals_.reserve(2 * n + 1);
  auto end_of = [&](uint32_t b) -> uint64_t {
    return static_cast<uint64_t>(blocks[b].base) + (uint64_t{1} << (32 - blocks[b].len)) - 1;
  };
  auto emit = [&](uint64_t start, uint32_t block) {
    if (!intervals_.empty() && intervals_.back().block == block) return;
    intervals_.push_back(Interval{static_cast<uint32_t>(start), block});
  };
  std::vector<uint32_t> open;
  open.reserve(kMaxMatches);
  uint64_t pos = 0;
  auto close_top = [&]() {
    uint32_t top = open.back();
    open.pop_back();
    if (pos <= end_of(top)) emit(pos, top);
    pos = end_of(top) + 1;
  };
  for (uint32_t b = 0; b < n; ++b) {
    payload_[b] = blocks[b].payload;
    uint64_t base = blocks[b].base;
    while (!open.empty() && end_of(open.back()) < base) close_top();
    if (pos < base) emit(pos, open.empty() ? kNone : open.back());
    parent_[b] = open.empty() ? kNone : open.back();
    open.push_back(b);
    pos = base;
  }
  while (!open.empty()) close_top();
  if (pos <= 0xffffffffu) emit(pos, kNone);
  intervals_.shrink_to_fit();

  first_.clear();
  shift_ = 32;
  // A small index is searched whole: a table would cost more than it saves.
  if (intervals_.size() < kFirstLevelMin) return;
  // About four intervals per table entry keeps the search inside one or two
  // cache lines; 16..20 bits (256 KiB..4 MiB).
  int bits = 16;
  while (bits < 20 && (size_t{1} << bits) * 4 < intervals_.size()) ++bits;
  shift_ = 32 - bits;
  size_t entries = size_t{1} << bits;
  first_.assign(entries + 1, 0);
  size_t i = 0;
  for (size_t h = 0; h < entries; ++h) {
    uint32_t addr = static_cast<uint32_t>(h << shift_);
    while (i + 1 < intervals_.size() && intervals_[i + 1].start <= addr) ++i;
    first_[h] = static_cast<uint32_t>(i);
  }
  first_[entries] = static_cast<uint32_t>(intervals_.size() - 1);
}

int Ipv4BlockIndex::AllMatches(uint32_t addr, uint32_t out[kMaxMatches]) const {
  if (intervals_.empty()) return 0;
  uint32_t lo = 0;
  uint32_t hi = static_cast<uint32_t>(intervals_.size() - 1);
  if (!first_.empty()) {
    lo = first_[addr >> shift_];
    hi = first_[(addr >> shift_) + 1];
  }
  // The answer is the last interval in [lo, hi] starting at or before addr.
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo + 1) / 2;
    if (intervals_[mid].start <= addr) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  int count = 0;
  for (uint32_t b = intervals_[lo].block; b != kNone; b = parent_[b]) out[count++] = payload_[b];
  return count;
}

size_t Ipv4BlockIndex::MemoryBytes() const {
  return intervals_.capacity() * sizeof(Interval) + first_.capacity() * sizeof(uint32_t) +
         (parent_.capacity() + payload_.capacity()) * sizeof(uint32_t);
}

}  // namespace recproc
