// Arena: chunked bump allocation. A block is 64 KiB by default; requests
// larger than a quarter block get their own block so that one long value does
// not waste the rest of the current one.
#include "util/arena.h"

#include <cstring>

namespace recproc {

char* Arena::Allocate(size_t n) {
  used_total_ += n;
  if (n <= left_) {
    char* p = cur_;
    cur_ += n;
    left_ -= n;
    return p;
  }
  if (n > block_size_ / 4) {
    big_blocks_.push_back(Block{std::make_unique<char[]>(n), n});
    return big_blocks_.back().data.get();
  }
  blocks_.push_back(Block{std::make_unique<char[]>(block_size_), block_size_});
  cur_ = blocks_.back().data.get() + n;
  left_ = block_size_ - n;
  return blocks_.back().data.get();
}

std::string_view Arena::Copy(std::string_view s) {
  if (s.empty()) return std::string_view();
  char* p = Allocate(s.size());
  std::memcpy(p, s.data(), s.size());
  return std::string_view(p, s.size());
}

void Arena::Reset() {
  used_total_ = 0;
  big_blocks_.clear();
  if (blocks_.empty()) return;
  blocks_.resize(1);
  cur_ = blocks_[0].data.get();
  left_ = block_size_;
}

}  // namespace recproc
