#include "parse/message.h"

#include <atomic>
#include <cstring>

namespace recproc {

uint64_t ParsedMessage::NewGeneration() {
  static std::atomic<uint64_t> last{1};
  return last.fetch_add(1, std::memory_order_relaxed) + 1;
}

void ParsedMessage::Index() const {
  size_t want = 16;
  while (want < fields.size() * 2) want *= 2;
  if (index_.size() < want || indexed_ == 0 || indexed_ > fields.size()) {
    if (index_.size() < want) index_.resize(want);
    std::fill(index_.begin(), index_.end(), 0);
    index_mask_ = index_.size() - 1;
    indexed_ = 0;
  }
  if (indexed_ == 0) repeats_ = 0;
  for (; indexed_ < fields.size(); ++indexed_) {
    std::string_view key = fields[indexed_].key;
    size_t pos = HashKey(key) & index_mask_;
    while (index_[pos] != 0 && !KeyEquals(fields[index_[pos] - 1].key, key)) pos = (pos + 1) & index_mask_;
    if (index_[pos] == 0)
      index_[pos] = static_cast<uint32_t>(indexed_ + 1);
    else
      ++repeats_;
  }
}

void ParsedMessage::CheckLayout() const {
  if (memo_.empty()) memo_.resize(kMemoSets * 2);  // allocated by the first message that needs it
  const size_t n = fields.size();
  size_t i = checked_ <= n ? checked_ : 0;
  const size_t same = std::min(n, layout_.size());
  while (i < same && KeyEquals(LayoutKeyText(i), fields[i].key)) ++i;
  checked_ = n;
  if (i == n) return;
  // The fields differ from the layout at i, or run past it: they become the
  // layout, and every answer of the old one is dropped.
  generation_ = NewGeneration();
  layout_unique_ = kUnknown;
  layout_.clear();
  layout_text_.clear();
  if (n > kMaxLayoutFields) return;  // no layout: nothing is memoised
  size_t bytes = 0;
  for (const Field& f : fields) bytes += f.key.size();
  if (bytes > kMaxLayoutBytes) return;
  for (const Field& f : fields) {
    layout_.push_back(LayoutKey{static_cast<uint32_t>(layout_text_.size()), static_cast<uint32_t>(f.key.size())});
    layout_text_.append(f.key);
  }
}

const Field* ParsedMessage::FindAndMemo(std::string_view key) const {
  if (indexed_ != fields.size()) Index();
  const Field* found = nullptr;
  for (size_t pos = HashKey(key) & index_mask_;; pos = (pos + 1) & index_mask_) {
    uint32_t slot = index_[pos];
    if (slot == 0) break;
    if (KeyEquals(fields[slot - 1].key, key)) {
      found = &fields[slot - 1];
      break;
    }
  }
  // A key found in [0, n) is first found there in the whole layout too; an
  // absent one is known absent from the layout only when n covers all of it.
  const bool layout_covered = checked_ == fields.size() && checked_ <= layout_.size() && checked_ > 0;
  if (layout_covered && key.size() <= kMemoKeyBytes && (found != nullptr || checked_ == layout_.size())) {
    // The way not holding an answer of this layout, else the second.
    MemoEntry* set = &memo_[MemoSet(key)];
    MemoEntry& e = set[0].generation != generation_ ? set[0] : set[1];
    e.generation = generation_;
    e.index = found != nullptr ? static_cast<uint32_t>(found - fields.data()) : kAbsent;
    e.size = static_cast<uint32_t>(key.size());
    if (!key.empty()) std::memcpy(e.text, key.data(), key.size());
  }
  return found;
}

}  // namespace recproc
