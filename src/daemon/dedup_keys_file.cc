// Reading and writing the dedup keys sidecar. The reader scans the file
// text once and inserts with an end hint: the file is sorted, so building
// the set is linear, and the only per-key work is the time parse.
#include "daemon/dedup_keys_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "io/atomic_file.h"
#include "io/write_fully.h"

namespace recproc {
namespace {

void AppendEscaped(std::string_view key, std::string* out) {
  for (char c : key) {
    if (c == '\\') *out += "\\\\";
    else if (c == '\n') *out += "\\n";
    else if (c == '\r') *out += "\\r";
    else out->push_back(c);
  }
}

bool Unescape(std::string_view in, std::string* out) {
  out->clear();
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '\\') {
      out->push_back(in[i]);
      continue;
    }
    if (++i == in.size()) return false;
    if (in[i] == '\\') out->push_back('\\');
    else if (in[i] == 'n') out->push_back('\n');
    else if (in[i] == 'r') out->push_back('\r');
    else return false;
  }
  return true;
}

}  // namespace

Status WriteDedupKeysFile(const std::string& path, const DedupSet& keys) {
  std::string text;
  text.reserve(keys.size() * 48);
  for (const auto& [key, ms] : keys.keys()) {
    text += FormatTimeMs(ms);
    text.push_back('\t');
    AppendEscaped(key, &text);
    text.push_back('\n');
  }
  unlink(path.c_str());
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Status::IoError("cannot create " + path + ": " + std::strerror(errno));
  if (int err = WriteFully(fd, text.data(), text.size()); err != 0) {
    close(fd);
    unlink(path.c_str());
    return Status::IoError("cannot write " + path + ": " + std::strerror(err));
  }
  if (fsync(fd) != 0) {
    std::string why = std::strerror(errno);
    close(fd);
    unlink(path.c_str());
    return Status::IoError("cannot fsync " + path + ": " + why);
  }
  close(fd);
  return Status::Ok();
}

Status ReadDedupKeysFile(const std::string& path, DedupSet* keys) {
  std::string text;
  if (Status s = ReadWholeFile(path, &text); !s.ok()) return s;
  DedupSet out;
  std::string key;
  size_t line = 0;
  for (size_t start = 0; start < text.size();) {
    ++line;
    size_t nl = text.find('\n', start);
    auto bad = [&](const char* what) {
      return Status::Corruption(path + ":" + std::to_string(line) + ": " + what +
                                "; the keys file is damaged: run `recproc daemon reset`");
    };
    if (nl == std::string::npos) return bad("the last line has no newline (a torn write)");
    std::string_view l(text.data() + start, nl - start);
    size_t tab = l.find('\t');
    int64_t ms = 0;
    if (tab == std::string_view::npos || !ParseTimeMs(l.substr(0, tab), &ms)) return bad("expected TIME<TAB>KEY");
    if (!Unescape(l.substr(tab + 1), &key)) return bad("bad escape in the key");
    out.InsertSorted(std::move(key), ms);
    key = std::string();
    start = nl + 1;
  }
  *keys = std::move(out);
  return Status::Ok();
}

}  // namespace recproc
