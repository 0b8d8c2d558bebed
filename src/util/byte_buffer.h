// ByteBuffer: a growable run of bytes whose spare room is left uninitialized.
// std::string zero-fills whatever a resize adds, so a buffer that is cleared
// and refilled for every batch of output pays a pass of memset over each
// batch's bytes before they are written; this one does not.
//
// Room of kMapBytes or more is mapped from the kernel on its own and grown
// in place by mremap (no copy); only the pages written count as resident.
// Big buffers of malloc's heap would stay resident and fragment its
// per-thread arenas: batch output buffers of several MB, one per batch slot,
// cost several MB each over their size that way.
//
// Thread-safety: none.
#ifndef RECPROC_UTIL_BYTE_BUFFER_H_
#define RECPROC_UTIL_BYTE_BUFFER_H_

#include <cstddef>
#include <string_view>

namespace recproc {

class ByteBuffer {
 public:
  // Room from this size on is mapped (see above).
  static constexpr size_t kMapBytes = size_t{1} << 20;

  ByteBuffer() = default;
  ~ByteBuffer() { Release(); }
  ByteBuffer(const ByteBuffer&) = delete;
  ByteBuffer& operator=(const ByteBuffer&) = delete;

  char* data() { return data_; }
  const char* data() const { return data_; }
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  bool empty() const { return size_ == 0; }
  std::string_view view() const { return std::string_view(data_, size_); }

  // Empties the buffer; its room is kept.
  void clear() { size_ = 0; }
  // Sets the size to n. The first min(n, size()) bytes are kept; bytes past
  // the old size are uninitialized until written. Room grows at least
  // twofold, so a run of growing resizes copies each byte O(1) times.
  void ResizeUninitialized(size_t n) {
    if (n > capacity_) Reallocate(n);
    size_ = n;
  }
  void append(std::string_view s);

 private:
  void Reallocate(size_t at_least);
  void Release();

  char* data_ = nullptr;  // new[] below kMapBytes of room, else mmap
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace recproc

#endif  // RECPROC_UTIL_BYTE_BUFFER_H_
