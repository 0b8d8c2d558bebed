#include "util/byte_buffer.h"

#include <algorithm>
#include <cstring>

namespace recproc {

void ByteBuffer::Reallocate(size_t at_least) {
  size_t capacity = std::max({at_least, capacity_ * 2, size_t{64}});
  // new char[] without (): the room is not value-initialized.
  std::unique_ptr<char[]> bigger(new char[capacity]);
  if (size_ > 0) std::memcpy(bigger.get(), data_.get(), size_);
  data_ = std::move(bigger);
  capacity_ = capacity;
}

void ByteBuffer::append(std::string_view s) {
  size_t at = size_;
  ResizeUninitialized(size_ + s.size());
  if (!s.empty()) std::memcpy(data_.get() + at, s.data(), s.size());
}

}  // namespace recproc
