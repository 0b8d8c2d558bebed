#include "io/async_file_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "io/write_fully.h"

namespace recproc {

namespace {

constexpr size_t kAlign = 4096;

// Copies n bytes into a chunk bound for direct I/O with stores that bypass
// the cache: the device reads the chunk next, not this thread, so caching it
// would only push out the data the processing works on (a batch's output is
// megabytes), and the stores need not read the lines they fill first.
void CopyStreaming(char* dst, const char* src, size_t n) {
#if defined(__SSE2__)
  if (n >= 256) {
    size_t head = (kAlign - reinterpret_cast<uintptr_t>(dst)) & 15;
    std::memcpy(dst, src, head);
    dst += head;
    src += head;
    n -= head;
    for (; n >= 64; n -= 64, dst += 64, src += 64) {
      __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src));
      __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + 16));
      __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + 32));
      __m128i d = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + 48));
      _mm_stream_si128(reinterpret_cast<__m128i*>(dst), a);
      _mm_stream_si128(reinterpret_cast<__m128i*>(dst + 16), b);
      _mm_stream_si128(reinterpret_cast<__m128i*>(dst + 32), c);
      _mm_stream_si128(reinterpret_cast<__m128i*>(dst + 48), d);
    }
    // Streaming stores are weakly ordered: they must be visible before the
    // chunk is handed to the writing thread.
    _mm_sfence();
  }
#endif
  std::memcpy(dst, src, n);
}

}  // namespace

void AsyncFileWriter::FreeDeleter::operator()(char* p) const { std::free(p); }

AsyncFileWriter::AsyncFileWriter(int fd, std::string name)
    : fd_(fd),
      name_(std::move(name)),
      opened_direct_((fcntl(fd, F_GETFL) & O_DIRECT) != 0),
      direct_(opened_direct_) {}

AsyncFileWriter::~AsyncFileWriter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Status AsyncFileWriter::Write(std::string_view data) {
  while (!data.empty()) {
    if (!chunks_[cur_]) {
      chunks_[cur_].reset(static_cast<char*>(std::aligned_alloc(kAlign, kChunk)));
      if (!chunks_[cur_]) return Status::IoError(name_ + ": out of memory for the output buffer");
    }
    const size_t n = std::min(data.size(), kChunk - fill_);
    char* const to = chunks_[cur_].get() + fill_;
    if (direct_now())
      CopyStreaming(to, data.data(), n);
    else
      std::memcpy(to, data.data(), n);
    fill_ += n;
    data.remove_prefix(n);
    if (fill_ == kChunk) {
      if (Status s = Submit(); !s.ok()) return s;
    }
  }
  return Status::Ok();
}

Status AsyncFileWriter::Submit() {
  if (Status s = Wait(); !s.ok()) return s;
  if (!thread_.joinable()) thread_ = std::thread([this] { Run(); });
  {
    std::lock_guard<std::mutex> lock(mu_);
    pending_ = cur_;
  }
  cv_.notify_all();
  cur_ ^= 1;
  fill_ = 0;
  return Status::Ok();
}

Status AsyncFileWriter::Wait() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return pending_ < 0; });
  return error_;
}

void AsyncFileWriter::Run() {
  while (true) {
    int chunk;
    bool failed_before;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return pending_ >= 0 || stop_; });
      if (pending_ < 0) return;
      chunk = pending_;
      failed_before = !error_.ok();
    }
    Status s = Status::Ok();
    if (!failed_before) {
      s = WriteAll(chunks_[chunk].get(), kChunk);
      if (s.ok() && !direct_now())
        sync_file_range(fd_, static_cast<off_t>(written_ - kChunk), kChunk, SYNC_FILE_RANGE_WRITE);
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!s.ok() && error_.ok()) error_ = std::move(s);
      pending_ = -1;
    }
    cv_.notify_all();
  }
}

Status AsyncFileWriter::Finish() {
  if (Status s = Wait(); !s.ok()) return s;
  if (fill_ == 0) return Status::Ok();
  // The last chunk is partial: through the page cache, which takes any length.
  if (direct_now()) {
    if (Status s = LeaveDirectIo(); !s.ok()) return s;
  }
  Status s = WriteAll(chunks_[cur_].get(), fill_);
  fill_ = 0;
  return s;
}

Status AsyncFileWriter::WriteAll(const char* p, size_t n) {
  size_t done = 0;
  int err = WriteFully(fd_, p, n, &done);
  if (err == EINVAL && direct_now()) {
    // The file system takes no direct I/O of this shape: the page cache
    // from here on.
    refused_.store(true, std::memory_order_relaxed);
    if (Status s = LeaveDirectIo(); !s.ok()) return s;
    err = WriteFully(fd_, p + done, n - done, &done);
  }
  written_ += done;
  if (err != 0) return Status::IoError(name_ + ": write failed: " + std::strerror(err));
  return Status::Ok();
}

Status AsyncFileWriter::LeaveDirectIo() {
  if (fcntl(fd_, F_SETFL, fcntl(fd_, F_GETFL) & ~O_DIRECT) != 0)
    return Status::IoError(name_ + ": cannot leave direct I/O: " + std::strerror(errno));
  direct_.store(false, std::memory_order_relaxed);
  return Status::Ok();
}

}  // namespace recproc
