// Arena: a bump allocator for the bytes of one batch of messages. Parsers copy
// unescaped or flattened text here and hand out string_views into it, so a
// field costs no heap allocation of its own. Reset() keeps the first block,
// so a steady-state batch allocates nothing.
//
// Thread-safety: none; each worker owns its arena.
#ifndef RECPROC_UTIL_ARENA_H_
#define RECPROC_UTIL_ARENA_H_

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace recproc {

class Arena {
 public:
  // Default block size: 64 KiB; larger requests get a block of their own.
  explicit Arena(size_t block_size = 64 * 1024) : block_size_(block_size) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // Returns n bytes, valid until Reset() or destruction.
  char* Allocate(size_t n);
  // Copies s into the arena; the view lives until Reset().
  std::string_view Copy(std::string_view s);
  // Frees everything allocated, keeping the first block for reuse.
  void Reset();
  size_t bytes_used() const { return used_total_; }

 private:
  struct Block {
    std::unique_ptr<char[]> data;
    size_t size;
  };
  size_t block_size_;
  std::vector<Block> blocks_;      // regular blocks; blocks_.back() is the bump target
  std::vector<Block> big_blocks_;  // oversized requests, freed on Reset()
  char* cur_ = nullptr;
  size_t left_ = 0;
  size_t used_total_ = 0;
};

}  // namespace recproc

#endif  // RECPROC_UTIL_ARENA_H_
