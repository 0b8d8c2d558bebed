// FileLock: an exclusive flock(2) lock on a per-daemon lock file, so that two
// overlapping cycles of one daemon never both run. The kernel drops the lock
// when the holder's descriptor closes, including when the process crashes,
// so there is no stale-PID cleanup.
//
// Thread-safety: a FileLock object is not shared between threads. flock locks
// belong to the open file description: a second TryLock on the same path from
// the same process conflicts too, and the descriptor is O_CLOEXEC so programs
// started by a daemon cycle do not inherit the lock.
#ifndef RECPROC_IO_FILE_LOCK_H_
#define RECPROC_IO_FILE_LOCK_H_

#include <cstdint>
#include <string>

#include "recproc/status.h"

namespace recproc {

class FileLock {
 public:
  FileLock() = default;
  ~FileLock() { Unlock(); }
  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

  // Tries once, without blocking, to lock `path` (created 0600 if missing;
  // the holder's pid is written into it for diagnostics). On success *lock
  // holds the lock (any lock it held before is released first). When another
  // open file description holds it: a non-OK status saying "busy", *busy set
  // to true (callers exit 75, EX_TEMPFAIL). Other failures leave *busy false.
  // `busy` may be null.
  static Status TryLock(const std::string& path, FileLock* lock, bool* busy);

  // Like TryLock, but retries (short, growing pauses, at most 100 ms) until
  // `timeout_ms` has passed; timeout_ms <= 0 tries once. This is
  // `overlap: wait:<d>`.
  static Status Lock(const std::string& path, int64_t timeout_ms, FileLock* lock, bool* busy);

  // Releases the lock; a no-op when none is held. The lock file stays, because
  // removing it would race with a process that has it open and is waiting.
  void Unlock();

  bool held() const { return fd_ >= 0; }
  // Path of the held lock; empty when none is held.
  const std::string& path() const { return path_; }

 private:
  int fd_ = -1;
  std::string path_;
};

}  // namespace recproc

#endif  // RECPROC_IO_FILE_LOCK_H_
