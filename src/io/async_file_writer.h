// AsyncFileWriter: writes a regular file from a thread of its own, so the
// thread making the data never waits for the kernel's copy or the disk.
// Data is gathered in chunks of kChunk bytes, aligned for direct I/O; a full
// chunk goes to the writing thread while the next one fills (two chunks,
// double buffering). When the descriptor has O_DIRECT, whole chunks go to
// the device without a page-cache copy; a write the file system refuses
// that way (EINVAL) clears O_DIRECT and is made again through the page
// cache, as is the last, partial chunk. Chunks that go through the page
// cache have their writeback started at once (sync_file_range), so a final
// fsync waits for the tail only.
//
// Thread-safety: one producer thread calls Write() and Finish().
#ifndef RECPROC_IO_ASYNC_FILE_WRITER_H_
#define RECPROC_IO_ASYNC_FILE_WRITER_H_

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "recproc/status.h"

namespace recproc {

class AsyncFileWriter {
 public:
  static constexpr size_t kChunk = 4 << 20;  // a multiple of every block size

  // `fd` stays the caller's; `name` is for error messages.
  AsyncFileWriter(int fd, std::string name);
  ~AsyncFileWriter();  // waits for a chunk in flight
  AsyncFileWriter(const AsyncFileWriter&) = delete;
  AsyncFileWriter& operator=(const AsyncFileWriter&) = delete;

  // Appends data. A write error of an earlier chunk is returned here or by
  // Finish(); after one, nothing more is written.
  Status Write(std::string_view data);
  // Writes what is gathered and waits until everything is in the file (not
  // yet durable: the caller fsyncs). Returns the first error, if any.
  Status Finish();
  // Whether the whole chunks went to the device directly (O_DIRECT), none
  // refused; the last partial chunk never does. Call after Finish().
  bool direct() const { return opened_direct_ && !refused_.load(std::memory_order_relaxed); }

 private:
  struct FreeDeleter {
    void operator()(char* p) const;
  };
  // Hands chunk `cur_` (full) to the writing thread, waiting for the one in
  // flight, and starts filling the other.
  Status Submit();
  // Waits until no chunk is in flight; returns the first error.
  Status Wait();
  // The writing thread.
  void Run();
  // All of [p, p + n) at the current offset (WriteFully); falls back from
  // O_DIRECT to the page cache on EINVAL.
  Status WriteAll(const char* p, size_t n);
  // Clears O_DIRECT on the descriptor.
  Status LeaveDirectIo();
  // Whether writes go direct now.
  bool direct_now() const { return direct_.load(std::memory_order_relaxed); }

  int fd_;
  std::string name_;
  const bool opened_direct_;
  // Whether writes go direct now: cleared by the writing thread when the
  // file system refuses a direct write (then refused_ is set too), and by
  // Finish() for the last partial chunk; read by the producer to choose how
  // to copy.
  std::atomic<bool> direct_;
  std::atomic<bool> refused_{false};
  uint64_t written_ = 0;  // bytes in the file (the writing thread's, then Finish()'s)
  std::unique_ptr<char, FreeDeleter> chunks_[2];
  int cur_ = 0;
  size_t fill_ = 0;

  std::mutex mu_;
  std::condition_variable cv_;
  int pending_ = -1;  // chunk handed to the thread, -1 when none
  bool stop_ = false;
  Status error_;      // the first write error (guarded by mu_)
  std::thread thread_;  // started with the first full chunk
};

}  // namespace recproc

#endif  // RECPROC_IO_ASYNC_FILE_WRITER_H_
