// The side-effect journal of an uncommitted cycle (see effect_journal.h).
#include "daemon/effect_journal.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "io/atomic_file.h"

namespace recproc {

Status EffectJournal::Open(const std::string& path, std::unique_ptr<EffectJournal>* out) {
  std::unique_ptr<EffectJournal> j(new EffectJournal(path));
  std::string text;
  Status s = ReadWholeFile(path, &text);
  if (!s.ok() && s.code() != Status::Code::kNotFound) return s;
  size_t start = 0;
  for (size_t nl = text.find('\n'); nl != std::string::npos; start = nl + 1, nl = text.find('\n', start))
    if (nl > start) j->keys_.insert(text.substr(start, nl - start));
  *out = std::move(j);
  return Status::Ok();
}

Status EffectJournal::Remove(const std::string& path) {
  if (unlink(path.c_str()) != 0 && errno != ENOENT)
    return Status::IoError("cannot remove " + path + ": " + std::strerror(errno));
  return Status::Ok();
}

Status EffectJournal::Record(const std::string& key) {
  uint64_t before = 0;
  if (Status s = AppendAndSync(path_, key + "\n", &before, 0600); !s.ok()) return s;
  keys_.insert(key);
  return Status::Ok();
}

}  // namespace recproc
