// KeySet: a fixed set of short keys (field names) for membership tests on the
// hot path: an open-addressing table of QuickKeyHash values, each hit
// confirmed by comparing the keys. Copyable and movable: it holds its own
// copies of the keys and refers to them by index.
#ifndef RECPROC_UTIL_KEY_SET_H_
#define RECPROC_UTIL_KEY_SET_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/string_hash.h"

namespace recproc {

class KeySet {
 public:
  KeySet() = default;
  explicit KeySet(std::vector<std::string> keys);

  bool Contains(std::string_view key) const {
    if (slots_.empty()) return false;
    const uint64_t h = QuickKeyHash(key);
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.hash == 0) return false;
      if (s.hash == h && KeyEquals(keys_[s.index], key)) return true;
    }
  }
  size_t size() const { return keys_.size(); }
  // The keys, sorted, each once.
  const std::vector<std::string>& keys() const { return keys_; }

 private:
  struct Slot {
    uint64_t hash = 0;  // 0: empty (QuickKeyHash is never 0)
    uint32_t index = 0;
  };
  std::vector<std::string> keys_;
  std::vector<Slot> slots_;  // a power of two, more than twice the keys
};

}  // namespace recproc

#endif  // RECPROC_UTIL_KEY_SET_H_
