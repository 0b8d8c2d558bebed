// `file_tail`: reads complete lines after the cursor's offset, following the
// file across rotation by inode. The cursor names the file by (dev, inode),
// not by path, because the path is exactly what rotation reuses.
#include "daemon/sources/file_tail_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace recproc {
namespace {

using nlohmann::json;

struct FilePos {
  uint64_t dev = 0, inode = 0, offset = 0;
};

class FileTailSource : public DaemonSource {
 public:
  FileTailSource(std::string path, std::string rotated, size_t max_line)
      : path_(std::move(path)), rotated_(std::move(rotated)), max_line_(max_line) {}

  Status Fetch(const FetchContext& ctx, FetchResult* out) override {
    FilePos pos;
    bool have_cursor = false;
    if (ctx.cursor != nullptr && ctx.cursor->is_object()) {
      const json& c = *ctx.cursor;
      if (!c.contains("inode") || !c["inode"].is_number_unsigned() || !c.contains("offset") ||
          !c["offset"].is_number_unsigned())
        return Status::Corruption("file_tail cursor must be {dev, inode, offset}; run 'daemon reset'");
      pos = {c.value("dev", uint64_t{0}), c["inode"].get<uint64_t>(), c["offset"].get<uint64_t>()};
      have_cursor = true;
    }
    struct stat st;
    if (stat(path_.c_str(), &st) != 0) {
      if (errno == ENOENT) {  // not written yet, or between rotate and create
        if (have_cursor) out->cursor = *ctx.cursor;
        return Status::Ok();
      }
      return Status::IoError(path_ + ": " + std::strerror(errno));
    }
    bool same_file = have_cursor && pos.inode == st.st_ino && pos.dev == st.st_dev;
    if (have_cursor && !same_file) {
      // Rotated by rename: finish the old file if it is still at `rotated`.
      struct stat old_st;
      if (!rotated_.empty() && stat(rotated_.c_str(), &old_st) == 0 && old_st.st_ino == pos.inode &&
          old_st.st_dev == pos.dev) {
        FilePos end = pos;
        if (Status s = ReadLines(rotated_, ctx, &end, out); !s.ok()) return s;
        if (out->partial) {
          out->cursor = json{{"dev", end.dev}, {"inode", end.inode}, {"offset", end.offset}};
          return Status::Ok();
        }
      } else {
        out->warnings.push_back(path_ + " was rotated and the old file is gone; lines after offset " +
                                std::to_string(pos.offset) + " of it may be lost");
      }
      pos = {static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino), 0};
    } else if (!have_cursor) {
      pos = {static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino), 0};
    } else if (static_cast<uint64_t>(st.st_size) < pos.offset) {
      out->warnings.push_back(path_ + " shrank below the cursor (copytruncate?); reading from the start");
      pos.offset = 0;
    }
    if (Status s = ReadLines(path_, ctx, &pos, out); !s.ok()) return s;
    out->cursor = json{{"dev", pos.dev}, {"inode", pos.inode}, {"offset", pos.offset}};
    return Status::Ok();
  }

 private:
  // Appends items for the complete lines of `path` after pos->offset and
  // moves the offset past the last one read.
  Status ReadLines(const std::string& path, const FetchContext& ctx, FilePos* pos, FetchResult* out) {
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Status::IoError(path + ": " + std::strerror(errno));
    ++out->pages;
    std::string buf;
    char chunk[65536];
    uint64_t read_at = pos->offset;
    Status status;
    while (true) {
      ssize_t n = pread(fd, chunk, sizeof chunk, static_cast<off_t>(read_at));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        status = Status::IoError(path + ": " + std::strerror(errno));
        break;
      }
      if (n == 0) break;
      read_at += static_cast<uint64_t>(n);
      buf.append(chunk, static_cast<size_t>(n));
      size_t start = 0;
      for (size_t nl; (nl = buf.find('\n', start)) != std::string::npos; start = nl + 1) {
        if (Full(ctx, *out)) {
          out->partial = true;
          break;
        }
        std::string line = buf.substr(start, std::min(nl - start, max_line_));
        if (!line.empty() && line.back() == '\r') line.pop_back();
        out->items.push_back(json{{"message", line}, {"file", path}, {"offset", pos->offset}});
        out->bytes += static_cast<int64_t>(nl - start + 1);
        pos->offset += nl - start + 1;
      }
      buf.erase(0, start);
      if (out->partial) break;
    }
    close(fd);
    return status;
  }

  static bool Full(const FetchContext& ctx, const FetchResult& out) {
    return (ctx.limits.max_items > 0 && static_cast<int64_t>(out.items.size()) >= ctx.limits.max_items) ||
           (ctx.limits.max_bytes > 0 && out.bytes >= ctx.limits.max_bytes);
  }

  std::string path_, rotated_;
  size_t max_line_;
};

}  // namespace

std::unique_ptr<DaemonSource> CreateFileTailSource(const SourceSetup& setup) {
  if (!setup.params_node.CheckKeys({"path", "rotated", "max_line_bytes"})) return nullptr;
  const nlohmann::json& p = setup.params;
  if (!p.contains("path") || !p["path"].is_string() || p["path"].get<std::string>().empty()) {
    setup.params_node.Error("type 'file_tail' needs params.path");
    return nullptr;
  }
  auto resolve = [&](std::string path) { return path[0] == '/' ? path : setup.config_dir + "/" + path; };
  std::string path = resolve(p["path"].get<std::string>());
  std::string rotated = p.contains("rotated") && p["rotated"].is_string() ? resolve(p["rotated"].get<std::string>())
                                                                           : path + ".1";
  size_t max_line = 1 << 20;
  if (p.contains("max_line_bytes")) {
    const nlohmann::json& v = p["max_line_bytes"];
    std::string text = v.is_string() ? v.get<std::string>() : "";
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || text.size() > 9 ||
        std::stoul(text) == 0) {
      setup.params_node.Get("max_line_bytes").Error("expected a positive number of bytes");
      return nullptr;
    }
    max_line = std::stoul(text);
  }
  return std::make_unique<FileTailSource>(path, rotated, max_line);
}

}  // namespace recproc
