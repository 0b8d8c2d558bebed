// EffectJournal: `<state_dir>/<name>.effects`, the idempotency keys of the
// side effects (mail sent, incident written, program run) done by a cycle
// whose commit has not completed. A cycle that dies after its side effects
// but before phase 1 fetches the same records again; the journal lets the
// repeat skip what was already done, so a crash there costs no second mail.
// One key per line, appended and fdatasync'ed after each effect; removed
// once phase 2 has saved the state (the dedup keys cover the records then).
//
// Thread-safety: owned by one cycle, under the daemon's lock.
#ifndef RECPROC_DAEMON_EFFECT_JOURNAL_H_
#define RECPROC_DAEMON_EFFECT_JOURNAL_H_

#include <memory>
#include <set>
#include <string>

#include "recproc/status.h"

namespace recproc {

class EffectJournal {
 public:
  // Reads the keys an earlier, interrupted cycle left in `path` (none when
  // the file is missing). A torn last line (a crash mid-append) is ignored:
  // its effect counts as not done, which is at-least-once.
  static Status Open(const std::string& path, std::unique_ptr<EffectJournal>* out);
  // Deletes the journal file; a missing file is fine.
  static Status Remove(const std::string& path);

  bool Done(const std::string& key) const { return keys_.count(key) != 0; }
  // Appends `key` durably (mode 0600). REQUIRES: no '\n' in key.
  Status Record(const std::string& key);

 private:
  explicit EffectJournal(std::string path) : path_(std::move(path)) {}
  std::string path_;
  std::set<std::string> keys_;
};

}  // namespace recproc

#endif  // RECPROC_DAEMON_EFFECT_JOURNAL_H_
