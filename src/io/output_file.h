// OutputFile: where records go. For a named file it writes to a temporary
// file beside the target and renames it into place only on Commit(), so a
// crash or an error never leaves a half-written file under the target name.
// The temporary file is written by an AsyncFileWriter: from a thread of its
// own, with direct I/O where the file system takes it. "-" (stdout) and
// targets that are not regular files (/dev/null, FIFOs) are written
// directly, in large blocks.
#ifndef RECPROC_IO_OUTPUT_FILE_H_
#define RECPROC_IO_OUTPUT_FILE_H_

#include <memory>
#include <string>
#include <string_view>

#include "io/async_file_writer.h"
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
  // Appends bytes. A write error may be reported by a later call.
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

  std::string path_;
  std::string temp_path_;
  int fd_ = -1;
  std::unique_ptr<AsyncFileWriter> file_writer_;  // the temporary file's
  bool is_stdout_ = false;
  bool broken_pipe_ = false;
  std::string buffer_;
};

}  // namespace recproc

#endif  // RECPROC_IO_OUTPUT_FILE_H_
