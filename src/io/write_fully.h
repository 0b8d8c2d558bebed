// WriteFully: write(2) until every byte is out, the loop each writer of a
// file descriptor needs (short writes, EINTR).
#ifndef RECPROC_IO_WRITE_FULLY_H_
#define RECPROC_IO_WRITE_FULLY_H_

#include <cstddef>

namespace recproc {

// Writes [p, p + n) to fd at its offset, retrying short writes and EINTR.
// Returns 0, or the errno of the write that failed. *written (when given)
// is increased by the bytes that went out, failed or not.
int WriteFully(int fd, const char* p, size_t n, size_t* written = nullptr);

}  // namespace recproc

#endif  // RECPROC_IO_WRITE_FULLY_H_
