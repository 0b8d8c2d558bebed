// fork + execvp with three pipes, drained with poll() so that neither a
// chatty stderr nor a large stdout can deadlock the child. The child gets its
// own process group so a timeout kills helpers it started too.
#include "daemon/subprocess.h"

#include <fcntl.h>
#include <pthread.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <chrono>
#include <cstring>

namespace recproc {
namespace {

// A child that exits without reading its stdin must not kill the caller
// with SIGPIPE (the test binary and library users keep the default
// disposition): block it for this thread around the write and consume the
// one it raised, so the write just fails with EPIPE.
ssize_t WriteNoSigpipe(int fd, const char* data, size_t len) {
  sigset_t pipe_set, old_set;
  sigemptyset(&pipe_set);
  sigaddset(&pipe_set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_set, &old_set);
  ssize_t w = write(fd, data, len);
  if (w < 0 && errno == EPIPE) {
    timespec zero{0, 0};
    int saved = errno;
    while (sigtimedwait(&pipe_set, nullptr, &zero) < 0 && errno == EINTR) {
    }
    errno = saved;
  }
  pthread_sigmask(SIG_SETMASK, &old_set, nullptr);
  return w;
}

// The child's PATH unless `env` sets one: system directories only.
constexpr const char* kChildPath = "/usr/local/bin:/usr/bin:/bin";

}  // namespace

Status RunSubprocess(const std::vector<std::string>& argv, const std::vector<std::pair<std::string, std::string>>& env,
                     const std::string& input, int64_t timeout_ms, SubprocessResult* result, size_t max_output) {
  *result = SubprocessResult{};
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0) return Status::IoError(std::string("pipe: ") + std::strerror(errno));
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0)
    return Status::IoError(std::string("pipe: ") + std::strerror(errno));
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) return Status::IoError(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    setpgid(0, 0);
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    // A clean environment: the daemon's own variables (other services'
    // credentials, LD_PRELOAD, a user's PATH) must not reach the program.
    clearenv();
    setenv("PATH", kChildPath, 1);
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    signal(SIGPIPE, SIG_DFL);
    execvp(args[0], args.data());
    std::string msg = "cannot run '" + argv[0] + "': " + std::strerror(errno) + "\n";
    (void)!write(2, msg.data(), msg.size());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  auto start = std::chrono::steady_clock::now();
  size_t written = 0;
  int in_fd = in_pipe[1];
  if (input.empty()) {
    close(in_fd);
    in_fd = -1;
  }
  int out_fd = out_pipe[0], err_fd = err_pipe[0];
  Status status;
  char buf[65536];
  while (out_fd >= 0 || err_fd >= 0) {
    pollfd fds[3];
    int n = 0;
    if (out_fd >= 0) fds[n++] = {out_fd, POLLIN, 0};
    if (err_fd >= 0) fds[n++] = {err_fd, POLLIN, 0};
    if (in_fd >= 0) fds[n++] = {in_fd, POLLOUT, 0};
    int wait_ms = -1;
    if (timeout_ms > 0) {
      auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
      if (elapsed >= timeout_ms) {
        status = Status::LimitExceeded("timeout: '" + argv[0] + "' still running after " +
                                       std::to_string(timeout_ms) + " ms; killed");
        break;
      }
      wait_ms = static_cast<int>(std::min<int64_t>(timeout_ms - elapsed, 1000));
    }
    int r = poll(fds, n, wait_ms);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      status = Status::IoError(std::string("poll: ") + std::strerror(errno));
      break;
    }
    for (int i = 0; i < n; ++i) {
      if (fds[i].revents == 0) continue;
      if (fds[i].fd == in_fd) {
        ssize_t w = WriteNoSigpipe(in_fd, input.data() + written, input.size() - written);
        if (w > 0) written += static_cast<size_t>(w);
        if (w < 0 || written == input.size()) {
          close(in_fd);
          in_fd = -1;
        }
        continue;
      }
      ssize_t got = read(fds[i].fd, buf, sizeof buf);
      std::string& sink = fds[i].fd == out_fd ? result->out : result->err;
      if (got > 0) {
        sink.append(buf, static_cast<size_t>(got));
        if (result->out.size() + result->err.size() > max_output) status = Status::LimitExceeded("output too large");
      } else if (got == 0 || errno != EINTR) {
        close(fds[i].fd);
        (fds[i].fd == out_fd ? out_fd : err_fd) = -1;
      }
    }
    if (!status.ok()) break;
  }
  if (!status.ok()) kill(-pid, SIGKILL);
  for (int fd : {in_fd, out_fd, err_fd})
    if (fd >= 0) close(fd);
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  result->exit_code = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
  return status;
}

}  // namespace recproc
