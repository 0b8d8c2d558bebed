// LineReader: a memchr scan over a fixed buffer (ninja's LineReader idea).
// The buffer holds max_line_bytes + one read, so any line within the limit
// fits whole and is handed out as a view without a copy. gzip goes through
// zlib's inflate on our own input buffer (not gzopen), so compressed stdin
// from a pipe works and concatenated members are handled explicitly.
#include "io/line_reader.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <memory>

#include <cerrno>
#include <cstring>

namespace recproc {

namespace {
constexpr size_t kReadSize = 256 * 1024;
}

struct LineReader::Inflater {
  z_stream zs{};
  std::unique_ptr<unsigned char[]> in;
  bool initialized = false;
  bool input_eof = false;
  ~Inflater() {
    if (initialized) inflateEnd(&zs);
  }
};

LineReader::LineReader() = default;

LineReader::~LineReader() {
  if (own_fd_ && fd_ >= 0) close(fd_);
}

Status LineReader::Open(const std::string& path, const LineReaderOptions& options) {
  if (path == "-") return OpenFd(STDIN_FILENO, "-", options);
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError(path + ": " + std::strerror(errno));
  own_fd_ = true;
  return OpenFd(fd, path, options);
}

Status LineReader::OpenFd(int fd, const std::string& name, const LineReaderOptions& options) {
  options_ = options;
  name_ = name;
  fd_ = fd;
  struct stat st;
  may_block_ = fstat(fd, &st) != 0 || !S_ISREG(st.st_mode);
  cap_ = options_.max_line_bytes + kReadSize + 1;
  buf_ = std::make_unique<char[]>(cap_);
  // Peek the magic bytes; works on pipes too since nothing is pushed back:
  // the peeked bytes become the first input of whichever path follows.
  char magic[2];
  size_t got = 0;
  while (got < 2) {
    long n = ReadRaw(magic + got, 2 - got);
    if (n < 0) return status_;
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  compressed_ = got == 2 && static_cast<unsigned char>(magic[0]) == 0x1f &&
                static_cast<unsigned char>(magic[1]) == 0x8b;
  if (compressed_) {
    inflater_ = std::make_unique<Inflater>();
    inflater_->in = std::make_unique<unsigned char[]>(kReadSize);
    // 16 + MAX_WBITS: expect a gzip header.
    if (inflateInit2(&inflater_->zs, 16 + MAX_WBITS) != Z_OK)
      return Status::IoError(name_ + ": cannot initialise gzip decoder");
    inflater_->initialized = true;
    std::memcpy(inflater_->in.get(), magic, 2);
    inflater_->zs.next_in = inflater_->in.get();
    inflater_->zs.avail_in = 2;
  } else {
    std::memcpy(buf_.get(), magic, got);
    end_ = got;
  }
  return Status::Ok();
}

uint64_t LineReader::raw_bytes_read() const { return plain_bytes_; }

long LineReader::ReadRaw(char* dst, size_t n) {
  const volatile std::sig_atomic_t* stop = options_.stop_signal;
  while (true) {
    if (stop != nullptr && may_block_) {
      // Wait for input (or its end) in bounded polls, looking at the flag
      // between them; poll errors are left for read() to report.
      struct pollfd p = {fd_, POLLIN, 0};
      while (*stop == 0) {
        int ready = poll(&p, 1, LineReaderOptions::kStopPollMs);
        if (ready > 0 || (ready < 0 && errno != EINTR)) break;
      }
      if (*stop != 0) {
        status_ = Status::IoError(name_ + ": " + std::strerror(EINTR));
        return -1;
      }
    }
    ssize_t r = read(fd_, dst, n);
    if (r < 0) {
      if (errno == EINTR && (options_.stop_signal == nullptr || *options_.stop_signal == 0)) continue;
      status_ = Status::IoError(name_ + ": " + std::strerror(errno));
      return -1;
    }
    plain_bytes_ += static_cast<uint64_t>(r);
    return static_cast<long>(r);
  }
}

long LineReader::Inflate(char* dst, size_t n) {
  z_stream& zs = inflater_->zs;
  zs.next_out = reinterpret_cast<unsigned char*>(dst);
  zs.avail_out = static_cast<uInt>(n);
  while (zs.avail_out == n) {
    if (zs.avail_in == 0 && !inflater_->input_eof) {
      long r = ReadRaw(reinterpret_cast<char*>(inflater_->in.get()), kReadSize);
      if (r < 0) return -1;
      if (r == 0) inflater_->input_eof = true;
      zs.next_in = inflater_->in.get();
      zs.avail_in = static_cast<uInt>(r);
    }
    if (zs.avail_in == 0 && inflater_->input_eof) {
      // End of file: fine between members, an error inside one.
      if (zs.total_in != 0 || zs.total_out != 0) {
        status_ = Status::Corruption(name_ + ": truncated gzip data (unexpected end of file)");
        return -1;
      }
      return 0;
    }
    int rc = inflate(&zs, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) {
      // Concatenated members (e.g. `cat a.gz b.gz`) continue as one stream.
      inflateReset(&zs);
      zs.total_in = zs.total_out = 0;
      if (zs.avail_out != n) break;
      continue;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      status_ = Status::Corruption(name_ + ": corrupt gzip data: " + (zs.msg ? zs.msg : "inflate error"));
      return -1;
    }
  }
  return static_cast<long>(n - zs.avail_out);
}

long LineReader::Fill() {
  if (eof_) return 0;
  // Compact: move unread bytes to the front.
  if (pos_ > 0) {
    std::memmove(buf_.get(), buf_.get() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  size_t room = cap_ - end_;
  if (room == 0) return 0;
  size_t want = room < kReadSize ? room : kReadSize;
  long n = compressed_ ? Inflate(buf_.get() + end_, want) : ReadRaw(buf_.get() + end_, want);
  if (n < 0) {
    eof_ = true;
    return -1;
  }
  if (n == 0) eof_ = true;
  end_ += static_cast<size_t>(n);
  return n;
}

bool LineReader::Next(std::string_view* line, LineInfo* info) {
  size_t scan_from = pos_;
  while (true) {
    char* start = buf_.get() + pos_;
    void* nl = std::memchr(buf_.get() + scan_from, '\n', end_ - scan_from);
    if (nl != nullptr) {
      size_t len = static_cast<char*>(nl) - start;
      info->number = ++line_number_;
      info->offset = stream_offset_;
      if (len > 0 && start[len - 1] == '\r') --len;
      info->full_length = len;
      info->too_long = len > options_.max_line_bytes;
      if (info->too_long) {
        preview_.assign(start, options_.preview_bytes);
        *line = preview_;
      } else {
        *line = std::string_view(start, len);
      }
      size_t consumed = static_cast<char*>(nl) - start + 1;
      pos_ += consumed;
      stream_offset_ += consumed;
      return true;
    }
    size_t pending = end_ - pos_;
    if (pending > options_.max_line_bytes) break;  // too long: handled below
    if (eof_) {
      if (pending == 0) return false;
      // Last line without a newline.
      info->number = ++line_number_;
      info->offset = stream_offset_;
      info->too_long = false;
      size_t len = pending;
      if (start[len - 1] == '\r') --len;
      info->full_length = len;
      *line = std::string_view(start, len);
      pos_ = end_;
      stream_offset_ += pending;
      return true;
    }
    size_t scanned = end_ - pos_;
    long n = Fill();
    if (n < 0) return false;
    scan_from = pos_ + scanned;
  }
  // The line exceeds the limit: keep a preview, skip to the next newline.
  info->number = ++line_number_;
  info->offset = stream_offset_;
  info->too_long = true;
  preview_.assign(buf_.get() + pos_, options_.preview_bytes);
  uint64_t length = 0;
  while (true) {
    void* nl = std::memchr(buf_.get() + pos_, '\n', end_ - pos_);
    if (nl != nullptr) {
      size_t part = static_cast<char*>(nl) - (buf_.get() + pos_);
      length += part;
      pos_ += part + 1;
      stream_offset_ += part + 1;
      break;
    }
    length += end_ - pos_;
    stream_offset_ += end_ - pos_;
    pos_ = end_;
    if (eof_) break;
    if (Fill() < 0) return false;
    if (end_ == pos_ && eof_) break;
  }
  info->full_length = length;
  *line = preview_;
  return true;
}

}  // namespace recproc
