// LineReader: reads one input (a file or stdin) line by line through a fixed
// buffer. gzip is detected by its magic bytes, not by the file name, and
// concatenated gzip members are read as one stream. CRLF and LF both end a
// line; a final line without a newline is still a line. A line longer than
// the limit is not held in memory: the reader keeps a preview, skips to the
// next newline and reports the line as too long, then goes on.
//
// Thread-safety: none; one reader per input.
#ifndef RECPROC_IO_LINE_READER_H_
#define RECPROC_IO_LINE_READER_H_

#include <csignal>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "recproc/status.h"

namespace recproc {

struct LineInfo {
  uint64_t number = 0;       // 1-based line number
  uint64_t offset = 0;       // byte offset of the line start in the (decompressed) stream
  bool too_long = false;     // the line exceeded max_line_bytes; text is a preview
  uint64_t full_length = 0;  // length of the whole line (excluding the terminator)
};

struct LineReaderOptions {
  static constexpr int kStopPollMs = 100;

  // Longest line kept whole. Default: 1 MiB.
  size_t max_line_bytes = 1 << 20;
  // Bytes of a too-long line kept as its preview. Default: 1 KiB.
  size_t preview_bytes = 1024;
  // When non-null and non-zero (a stop signal arrived), the input ends with
  // an "interrupted" error: a read interrupted by the signal (EINTR) is not
  // retried, so a reader blocked on a quiet pipe stops at once. A signal
  // that lands just before a read (or on another thread) cannot leave the
  // reader blocked either: on anything but a regular file it waits for input
  // in polls of kStopPollMs and looks at the flag between them.
  // Default: null. REQUIRES: outlives the reader.
  const volatile std::sig_atomic_t* stop_signal = nullptr;
};

class LineReader {
 public:
  LineReader();
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Opens `path`; "-" is stdin.
  Status Open(const std::string& path, const LineReaderOptions& options);
  // Reads from an already open descriptor (not closed by the reader).
  Status OpenFd(int fd, const std::string& name, const LineReaderOptions& options);

  // Sets *line to the next line (without its terminator). The view is valid
  // until the next call. Returns false at the end of input or on error
  // (then status() is not OK).
  bool Next(std::string_view* line, LineInfo* info);
  const Status& status() const { return status_; }
  const std::string& name() const { return name_; }
  bool compressed() const { return compressed_; }
  // Bytes read from the file so far (compressed bytes for gzip), for progress.
  uint64_t raw_bytes_read() const;

 private:
  // Reads more data into buf_ after end_; returns bytes read, 0 at EOF, -1 on error.
  long Fill();
  // Reads raw bytes from fd_; returns bytes read, 0 at EOF, -1 on error.
  long ReadRaw(char* dst, size_t n);
  long Inflate(char* dst, size_t n);

  LineReaderOptions options_;
  std::string name_;
  int fd_ = -1;
  bool own_fd_ = false;
  bool may_block_ = false;  // fd_ is a pipe, terminal or socket: reads can wait
  // zlib inflate state when compressed (z_stream, opaque here).
  struct Inflater;
  std::unique_ptr<Inflater> inflater_;
  bool compressed_ = false;
  bool eof_ = false;
  Status status_;
  std::unique_ptr<char[]> buf_;
  size_t cap_ = 0;
  size_t pos_ = 0;  // start of unread data
  size_t end_ = 0;  // end of valid data
  uint64_t stream_offset_ = 0;  // stream offset of buf_[pos_]
  uint64_t line_number_ = 0;
  uint64_t plain_bytes_ = 0;
  std::string preview_;
};

}  // namespace recproc

#endif  // RECPROC_IO_LINE_READER_H_
