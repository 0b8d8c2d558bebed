#include "util/byte_buffer.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstring>
#include <new>

namespace recproc {

namespace {

constexpr size_t kPage = 4096;

size_t RoundUpToPage(size_t n) { return (n + kPage - 1) & ~(kPage - 1); }

char* Map(size_t n) {
  void* p = mmap(nullptr, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  return static_cast<char*>(p);
}

}  // namespace

void ByteBuffer::Reallocate(size_t at_least) {
  size_t capacity = std::max({at_least, capacity_ * 2, size_t{64}});
  char* bigger;
  if (capacity < kMapBytes) {
    // new char[] without (): the room is not value-initialized.
    bigger = new char[capacity];
    if (size_ > 0) std::memcpy(bigger, data_, size_);
  } else {
    capacity = RoundUpToPage(capacity);
    // TSan does not follow mremap (google/sanitizers#1099): under it, map anew, copy, unmap.
#if !defined(__SANITIZE_THREAD__)
    if (capacity_ >= kMapBytes) {
      void* p = mremap(data_, capacity_, capacity, MREMAP_MAYMOVE);
      if (p == MAP_FAILED) throw std::bad_alloc();
      data_ = static_cast<char*>(p);
      capacity_ = capacity;
      return;
    }
#endif
    bigger = Map(capacity);
    if (size_ > 0) std::memcpy(bigger, data_, size_);
  }
  Release();
  data_ = bigger;
  capacity_ = capacity;
}

void ByteBuffer::Release() {
  if (data_ == nullptr) return;
  if (capacity_ >= kMapBytes)
    munmap(data_, capacity_);
  else
    delete[] data_;
  data_ = nullptr;
}

void ByteBuffer::append(std::string_view s) {
  size_t at = size_;
  ResizeUninitialized(size_ + s.size());
  if (!s.empty()) std::memcpy(data_ + at, s.data(), s.size());
}

}  // namespace recproc
