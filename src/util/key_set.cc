#include "util/key_set.h"

#include <algorithm>

namespace recproc {

KeySet::KeySet(std::vector<std::string> keys) : keys_(std::move(keys)) {
  std::sort(keys_.begin(), keys_.end());
  keys_.erase(std::unique(keys_.begin(), keys_.end()), keys_.end());
  if (keys_.empty()) return;
  size_t size = 4;
  while (size <= 2 * keys_.size()) size *= 2;
  slots_.resize(size);
  const size_t mask = size - 1;
  for (size_t k = 0; k < keys_.size(); ++k) {
    const uint64_t h = QuickKeyHash(keys_[k]);
    size_t i = h & mask;
    while (slots_[i].hash != 0) i = (i + 1) & mask;
    slots_[i] = Slot{h, static_cast<uint32_t>(k)};
  }
}

}  // namespace recproc
