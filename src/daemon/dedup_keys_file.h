// The `<name>.keys` sidecar (reference/daemons.md §4): a daemon's dedup keys
// once there are more than DaemonState::kInlineDedupMax of them, so the
// state file stays small and 100k keys load without building JSON per key.
//
// Format: one key per line, sorted by key (byte order), "TIME<TAB>KEY\n",
// TIME as RFC 3339 UTC with milliseconds; in KEY a backslash, LF and CR are
// written as "\\", "\n" and "\r" (a key is a template over record fields and
// may contain anything). Written to a temp name and fsynced by
// WriteDedupKeysFile; the two-phase commit renames it into place.
#ifndef RECPROC_DAEMON_DEDUP_KEYS_FILE_H_
#define RECPROC_DAEMON_DEDUP_KEYS_FILE_H_

#include <string>

#include "daemon/state.h"
#include "recproc/status.h"

namespace recproc {

// Creates `path` (mode 0600, replacing a leftover file), writes `keys`, fsyncs it.
// Does not rename; the caller installs it and fsyncs the directory.
Status WriteDedupKeysFile(const std::string& path, const DedupSet& keys);

// Replaces *keys with the file's keys. A malformed line (or a last line
// without its newline: a torn write) is a kCorruption error naming the line.
Status ReadDedupKeysFile(const std::string& path, DedupSet* keys);

}  // namespace recproc

#endif  // RECPROC_DAEMON_DEDUP_KEYS_FILE_H_
