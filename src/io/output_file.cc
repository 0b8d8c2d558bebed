// OutputFile: temp + rename. The temporary name is "<target>.tmp.<pid>" in
// the target's directory, so rename(2) is atomic (same file system).
#include "io/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "io/write_fully.h"

namespace recproc {

namespace {
constexpr size_t kFlushAt = 1 << 20;
}

OutputFile::~OutputFile() {
  file_writer_.reset();  // no write in flight from here on
  if (fd_ >= 0 && !is_stdout_) {
    close(fd_);
    unlink(temp_path_.c_str());
  } else if (fd_ > STDERR_FILENO) {
    close(fd_);  // a device or FIFO opened directly
  }
}

Status OutputFile::Open(const std::string& path) {
  path_ = path;
  buffer_.reserve(kFlushAt + 64 * 1024);
  if (path == "-") {
    fd_ = STDOUT_FILENO;
    is_stdout_ = true;
    return Status::Ok();
  }
  // A target that exists and is not a regular file (/dev/null, a FIFO, a
  // terminal) is written directly: renaming a temporary file over it would
  // replace the device with a plain file.
  struct stat st;
  if (stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    fd_ = open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) return Status::IoError(path + ": cannot open: " + std::strerror(errno));
    is_stdout_ = true;  // no temporary file, no rename
    return Status::Ok();
  }
  temp_path_ = path + ".tmp." + std::to_string(getpid());
  // Direct I/O skips the page cache's copy of every byte; a file system
  // without it (older tmpfs, some FUSE ones) refuses the flag at open.
  fd_ = open(temp_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_DIRECT, 0644);
  if (fd_ < 0 && errno == EINVAL) fd_ = open(temp_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) return Status::IoError(path + ": cannot create: " + std::strerror(errno));
  file_writer_ = std::make_unique<AsyncFileWriter>(fd_, path);
  return Status::Ok();
}

Status OutputFile::Write(std::string_view data) {
  if (file_writer_) return file_writer_->Write(data);
  if (buffer_.size() + data.size() < kFlushAt) {
    buffer_.append(data);
    return Status::Ok();
  }
  // A large piece (a whole batch) goes out as it is, after what is buffered:
  // copying it into the buffer first would only double the memory traffic.
  Status s = Flush();
  if (!s.ok()) return s;
  if (data.size() >= kFlushAt / 2) return WriteAll(data);
  buffer_.append(data);
  return Status::Ok();
}

Status OutputFile::WriteAll(std::string_view data) {
  if (int err = WriteFully(fd_, data.data(), data.size()); err != 0) {
    if (err == EPIPE) broken_pipe_ = true;
    return Status::IoError(path_ + ": write failed: " + std::strerror(err));
  }
  return Status::Ok();
}

Status OutputFile::Flush() {
  Status s = WriteAll(buffer_);
  buffer_.clear();
  return s;
}

Status OutputFile::Commit() {
  Status s = file_writer_ ? file_writer_->Finish() : Flush();
  file_writer_.reset();
  if (!s.ok()) return s;
  if (is_stdout_) return Status::Ok();  // stdout, or a device written directly
  if (fsync(fd_) != 0) return Status::IoError(path_ + ": fsync failed: " + std::strerror(errno));
  if (close(fd_) != 0) {
    fd_ = -1;
    return Status::IoError(path_ + ": close failed: " + std::strerror(errno));
  }
  fd_ = -1;
  if (rename(temp_path_.c_str(), path_.c_str()) != 0) {
    int e = errno;
    unlink(temp_path_.c_str());
    return Status::IoError(path_ + ": rename failed: " + std::strerror(e));
  }
  return Status::Ok();
}

}  // namespace recproc
