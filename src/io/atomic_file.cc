// Atomic replacement and durable appends with POSIX calls. The order
// (write temp, fsync temp, rename, fsync directory) is the one that survives
// a crash at any point: before the rename the old file is intact, after the
// directory fsync the new one is (reference/daemons.md §4). Errors carry the
// path and strerror text so that an operator can act on them.
#include "io/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "io/write_fully.h"

namespace recproc {
namespace {

Status Errno(std::string_view what, const std::string& path, int err) {
  std::string msg = std::string(what) + " " + path + ": " + std::strerror(err);
  if (err == ENOENT) return Status::NotFound(msg);
  return Status::IoError(msg);
}

std::string DirOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

Status WriteAll(int fd, std::string_view data, const std::string& path) {
  if (int err = WriteFully(fd, data.data(), data.size()); err != 0) return Errno("write", path, err);
  return Status::Ok();
}

}  // namespace

std::string AtomicTempPath(const std::string& path) { return path + ".tmp"; }

Status SyncDirectory(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Errno("open directory", dir, errno);
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) return Errno("fsync directory", dir, err);
  return Status::Ok();
}

Status WriteFileAtomically(const std::string& path, std::string_view contents, mode_t mode) {
  std::string tmp = AtomicTempPath(path);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0 && errno == EEXIST) {
    // Left by a writer that crashed before its rename; writers are serialised,
    // so nobody else owns it. O_EXCL after unlink also refuses a planted symlink.
    if (::unlink(tmp.c_str()) != 0 && errno != ENOENT) return Errno("remove stale temp file", tmp, errno);
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  }
  if (fd < 0) return Errno("create", tmp, errno);
  Status s = WriteAll(fd, contents, tmp);
  if (s.ok() && ::fsync(fd) != 0) s = Errno("fsync", tmp, errno);
  if (::close(fd) != 0 && s.ok()) s = Errno("close", tmp, errno);
  if (s.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) s = Errno("rename temp file over", path, errno);
  if (!s.ok()) {
    ::unlink(tmp.c_str());
    return s;
  }
  return SyncDirectory(DirOf(path));
}

Status AppendAndSync(const std::string& path, std::string_view data, uint64_t* offset_before, mode_t mode) {
  bool created = false;
  // O_NOFOLLOW: a symlink planted at the target must not redirect the write.
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0 && errno == ENOENT) {
    fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
    created = true;
  }
  if (fd < 0) return Errno("open for append", path, errno);
  struct stat st;
  Status s;
  if (::fstat(fd, &st) != 0) s = Errno("stat", path, errno);
  if (s.ok() && offset_before != nullptr) *offset_before = static_cast<uint64_t>(st.st_size);
  if (s.ok()) s = WriteAll(fd, data, path);
  if (s.ok() && ::fsync(fd) != 0) s = Errno("fsync", path, errno);
  if (::close(fd) != 0 && s.ok()) s = Errno("close", path, errno);
  if (s.ok() && created) s = SyncDirectory(DirOf(path));
  return s;
}

Status TruncateAndSync(const std::string& path, uint64_t size) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return Errno("open for truncate", path, errno);
  Status s;
  if (::ftruncate(fd, static_cast<off_t>(size)) != 0) s = Errno("truncate", path, errno);
  if (s.ok() && ::fsync(fd) != 0) s = Errno("fsync", path, errno);
  ::close(fd);
  return s;
}

Status ReadWholeFile(const std::string& path, std::string* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errno("open", path, errno);
  out->clear();
  char buf[64 * 1024];
  Status s;
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      s = Errno("read", path, errno);
      break;
    }
    if (n == 0) break;
    out->append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return s;
}

}  // namespace recproc
