// Durable file writes: whole-file replacement by temp file + rename, and
// append + fsync for append sinks. A reader (or a process restarted after a
// crash) sees either the old or the new contents of a replaced file, never a
// mix, and data these functions reported as written survives a power loss.
//
// Thread-safety: the functions keep no state; concurrent writers of the SAME
// target must be serialised by the caller (recproc holds the daemon's
// FileLock), because they share the temp file name.
#ifndef RECPROC_IO_ATOMIC_FILE_H_
#define RECPROC_IO_ATOMIC_FILE_H_

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "recproc/status.h"

namespace recproc {

// The temp file WriteFileAtomically() uses for `path`: "<path>.tmp" in the
// same directory, so the rename never crosses a file system.
std::string AtomicTempPath(const std::string& path);

// Replaces `path` with `contents`: creates the temp file with O_EXCL and
// `mode` (subject to the umask), writes everything, fsyncs it, renames it over
// `path` and fsyncs the directory. A temp file left by a crashed writer is
// removed first. On failure `path` is untouched and the temp file is removed;
// the message names the path, the failing step and the errno text.
// Default mode: 0600 (state files may hold cursors worth protecting).
Status WriteFileAtomically(const std::string& path, std::string_view contents, mode_t mode = 0600);

// Appends `data` to `path` (created with `mode` if missing) and fsyncs it; a
// newly created file also gets its directory fsynced. *offset_before (may be
// null) receives the file size before the append, which a two-phase commit
// records so that recovery can truncate a torn append.
Status AppendAndSync(const std::string& path, std::string_view data, uint64_t* offset_before,
                     mode_t mode = 0600);

// Cuts `path` back to `size` bytes and fsyncs it (recovery of a torn append).
Status TruncateAndSync(const std::string& path, uint64_t size);

// Reads the whole file into *out. A missing file is Status::NotFound, so
// callers can tell "never written" from an I/O error.
Status ReadWholeFile(const std::string& path, std::string* out);

// fsyncs the directory `dir` so that a rename or a creation in it is durable.
Status SyncDirectory(const std::string& dir);

}  // namespace recproc

#endif  // RECPROC_IO_ATOMIC_FILE_H_
