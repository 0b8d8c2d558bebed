// An flock(2) lock per daemon (reference/daemons.md §4). flock rather than
// fcntl locks: fcntl locks are per process, so a second lock in the same
// process would silently succeed, and closing ANY descriptor of the file
// drops them; flock locks follow the open file description and die with it.
#include "io/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>
#include <utility>

namespace recproc {

FileLock::FileLock(FileLock&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)) {
  other.path_.clear();
}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    Unlock();
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
    other.path_.clear();
  }
  return *this;
}

void FileLock::Unlock() {
  if (fd_ >= 0) {
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
    fd_ = -1;
  }
  path_.clear();
}

Status FileLock::TryLock(const std::string& path, FileLock* lock, bool* busy) {
  if (busy != nullptr) *busy = false;
  lock->Unlock();
  // O_NOFOLLOW: a (dangling) symlink at the lock path must not make us create
  // or lock the file it names.
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return Status::IoError("open lock file " + path + ": " + std::strerror(errno));
  int rc;
  do {
    rc = ::flock(fd, LOCK_EX | LOCK_NB);
  } while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) {
      if (busy != nullptr) *busy = true;
      return Status::IoError("busy: " + path + " is locked by another run");
    }
    return Status::IoError("lock " + path + ": " + std::strerror(err));
  }
  // Diagnostics only: who holds it. A failure here does not matter.
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) == 0) {
    [[maybe_unused]] ssize_t n = ::pwrite(fd, pid.data(), pid.size(), 0);
  }
  lock->fd_ = fd;
  lock->path_ = path;
  return Status::Ok();
}

Status FileLock::Lock(const std::string& path, int64_t timeout_ms, FileLock* lock, bool* busy) {
  auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(std::max<int64_t>(timeout_ms, 0));
  auto pause = std::chrono::milliseconds(5);
  for (;;) {
    bool is_busy = false;
    Status s = TryLock(path, lock, &is_busy);
    if (busy != nullptr) *busy = is_busy;
    if (s.ok() || !is_busy) return s;
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return s;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(pause, deadline - now));
    pause = std::min(pause * 2, std::chrono::milliseconds(100));
  }
}

}  // namespace recproc
