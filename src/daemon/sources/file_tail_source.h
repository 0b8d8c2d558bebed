// The `file_tail` daemon type: new lines of a local spool file written by
// rsyslog or syslog-ng (one cycle cannot listen on UDP/514, so the syslog
// daemon writes and we collect; reference/daemons.md §3.2).
//
//   params:
//     path: /var/log/remote/fw.log     # required
//     rotated: /var/log/remote/fw.log.1  # Default: <path>.1; read to its end after a rotation
//     max_line_bytes: 65536            # Default: 1 MiB; longer lines are cut to this
//
// Cursor: {"dev": n, "inode": n, "offset": n}. Rotation is detected by a new
// inode (rename + create) or a size below the offset (copytruncate). After a
// rename, the remainder of the old file is read from `rotated` when that file
// still has the old inode. Only complete lines (ending in '\n') are read; a
// partial last line waits for the next cycle. Items: {"message": line,
// "file": path, "offset": byte offset of the line}.
#ifndef RECPROC_DAEMON_SOURCES_FILE_TAIL_SOURCE_H_
#define RECPROC_DAEMON_SOURCES_FILE_TAIL_SOURCE_H_

#include <memory>

#include "daemon/daemon_source.h"

namespace recproc {

std::unique_ptr<DaemonSource> CreateFileTailSource(const SourceSetup& setup);

}  // namespace recproc

#endif  // RECPROC_DAEMON_SOURCES_FILE_TAIL_SOURCE_H_
