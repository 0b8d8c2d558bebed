#include "io/write_fully.h"

#include <unistd.h>

#include <cerrno>

namespace recproc {

int WriteFully(int fd, const char* p, size_t n, size_t* written) {
  size_t done = 0;
  int err = 0;
  while (done < n) {
    ssize_t w = write(fd, p + done, n - done);
    if (w < 0) {
      if (errno == EINTR) continue;
      err = errno;
      break;
    }
    done += static_cast<size_t>(w);
  }
  if (written != nullptr) *written += done;
  return err;
}

}  // namespace recproc
