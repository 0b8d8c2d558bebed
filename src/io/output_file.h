// OutputFile: where records go. For a named file it writes to a temporary
// file beside the target and renames it into place only on Commit(), so a
// crash or an error never leaves a half-written file under the target name.
// "-" (stdout) and targets that are not regular files (/dev/null, FIFOs) are
// written directly. Writes are buffered in large blocks.
#ifndef RECPROC_IO_OUTPUT_FILE_H_
#define RECPROC_IO_OUTPUT_FILE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "recproc/status.h"

namespace recproc {

class OutputFile {
 public:
  OutputFile() = default;
  ~OutputFile();  // an uncommitted temporary file is removed
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Opens `path` ("-" = stdout).
  Status Open(const std::string& path);
  // Appends bytes; flushed to the descriptor when the buffer exceeds 1 MiB.
  // Written parts of a temporary file are handed to the kernel's writeback
  // as they go (sync_file_range), so the disk works while records are made
  // and the fsync in Commit() has only the tail left to wait for.
  Status Write(std::string_view data);
  // Flushes, fsyncs and renames the temporary file into place.
  Status Commit();
  bool is_open() const { return fd_ >= 0; }
  // True when a write failed because the reader went away (EPIPE); the run
  // then stops quietly, as `| head` users expect.
  bool broken_pipe() const { return broken_pipe_; }

 private:
  Status Flush();
  // write(2) until all of data is out (EINTR retried).
  Status WriteAll(std::string_view data);

  // Starts writeback of what was written since the last call, once that is
  // at least kWritebackStep bytes (temporary files only; a hint, never an
  // error: fsync in Commit() reports a failed write).
  void StartWriteback();

  std::string path_;
  std::string temp_path_;
  uint64_t written_ = 0;          // bytes written to fd_
  uint64_t writeback_from_ = 0;   // first byte not yet handed to writeback
  int fd_ = -1;
  bool is_stdout_ = false;
  bool broken_pipe_ = false;
  std::string buffer_;
};

}  // namespace recproc

#endif  // RECPROC_IO_OUTPUT_FILE_H_
