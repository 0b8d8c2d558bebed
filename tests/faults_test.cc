// Faults around a run: a full disk, a reader that goes away, a signal in the
// middle, input files that vanish or cannot be read. The contract (SPEC §3,
// §4): a clear message and exit 1 for I/O failures; `| head` is not an
// error; SIGINT/SIGTERM stop between batches, write the finished batches to
// stdout, never install a half-done -o file, and exit 128 + signal (130 for
// SIGINT, 143 for SIGTERM).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "e2e_util.h"
#include "test_paths.h"

namespace recproc::testing {
namespace {

namespace fs = std::filesystem;

class FaultsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("recproc_faults_" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (mounted_) umount2(mount_point_.c_str(), MNT_DETACH);
    fs::remove_all(dir_);
  }
  std::string Write(const std::string& name, const std::string& content) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  fs::path dir_;
  std::string mount_point_;
  bool mounted_ = false;
};

std::string JsonInput(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += "{\"n\":" + std::to_string(i) + ",\"msg\":\"hello world " + std::to_string(i) + "\"}\n";
  return s;
}

// Runs a shell command line; returns its exit status and what it wrote to
// the file named by `err_path` (the command redirects stderr there itself).
int Shell(const std::string& cmd) {
  int status = std::system(("/bin/bash -c '" + cmd + "'").c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string ReadFile(const std::string& path) {
  std::stringstream ss;
  ss << std::ifstream(path, std::ios::binary).rdbuf();
  return ss.str();
}

TEST_F(FaultsTest, StdoutOnAFullDeviceExitsOneWithAClearMessage) {
  std::string in = Write("in.log", JsonInput(20000));
  std::string err = (dir_ / "err.txt").string();
  int rc = Shell(std::string(RECPROC_BINARY) + " --now 1767225600 " + in + " >/dev/full 2>" + err);
  EXPECT_EQ(rc, 1);
  std::string msg = ReadFile(err);
  EXPECT_NE(msg.find("No space left on device"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("terminate"), std::string::npos) << msg;  // no uncaught exception
}

TEST_F(FaultsTest, OutputFileOnAFullFilesystemIsNotInstalled) {
  mount_point_ = (dir_ / "small").string();
  fs::create_directories(mount_point_);
  if (mount("tmpfs", mount_point_.c_str(), "tmpfs", 0, "size=64k") != 0)
    GTEST_SKIP() << "cannot mount a small tmpfs here (" << std::strerror(errno) << "); /dev/full covers stdout";
  mounted_ = true;
  std::string in = Write("in.log", JsonInput(20000));
  std::string out = mount_point_ + "/records.jsonl";
  CommandResult r = RunRecproc("--now 1767225600 -o " + out + " " + in);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("No space left on device"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
  EXPECT_TRUE(fs::is_empty(mount_point_)) << "temporary file left behind";
}

TEST_F(FaultsTest, ReaderClosingThePipeEarlyIsNotAnError) {
  std::string in = Write("in.log", JsonInput(50000));
  std::string out = (dir_ / "head.txt").string();
  std::string err = (dir_ / "err.txt").string();
  int rc = Shell(std::string(RECPROC_BINARY) + " --now 1767225600 " + in + " 2>" + err + " | head -1 >" + out +
                 "; exit ${PIPESTATUS[0]}");
  EXPECT_EQ(rc, 0) << ReadFile(err);
  auto lines = JsonLines(ReadFile(out));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["fields"]["n"], "0");
  EXPECT_EQ(ReadFile(err), "");
}

// A child recproc reading from a pipe the test holds open: the run cannot
// finish on its own, so the signal always lands mid-run, with the reader
// blocked waiting for more input.
struct Child {
  pid_t pid = -1;
  int in = -1;   // write end of the child's stdin
  int out = -1;  // read end of the child's stdout
};

Child Spawn(const std::string& args, const std::string& err_path) {
  int in_pipe[2], out_pipe[2];
  EXPECT_EQ(pipe(in_pipe), 0);
  EXPECT_EQ(pipe(out_pipe), 0);
  Child c;
  c.pid = fork();
  if (c.pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(err, 2);
    close(in_pipe[1]);
    close(out_pipe[0]);
    std::string cmd = std::string("exec ") + RECPROC_BINARY + " " + args;
    execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  c.in = in_pipe[1];
  c.out = out_pipe[0];
  return c;
}

// Stops early (EPIPE) when the child has exited; SIGPIPE is ignored by the
// callers for that.
void WriteAll(int fd, const std::string& s) {
  size_t done = 0;
  while (done < s.size()) {
    ssize_t n = write(fd, s.data() + done, s.size() - done);
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

std::string ReadAll(int fd) {
  std::string s;
  char buf[65536];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) s.append(buf, static_cast<size_t>(n));
  return s;
}

int WaitExit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1000 + WTERMSIG(status);
}

void SignalMidRunToStdout(int signo, int expected_exit, const std::string& threads, const std::string& err) {
  signal(SIGPIPE, SIG_IGN);
  Child c = Spawn("--now 1767225600 --threads " + threads, err);
  const int kSent = 20000;
  // Written from a thread: the child blocks on its output until it is read.
  std::string input = JsonInput(kSent);
  std::thread feeder([&] { WriteAll(c.in, input); });
  // The first complete record proves the run is under way (output is
  // flushed in 1 MiB blocks, which 20,000 records exceed).
  std::string out;
  char ch;
  while (read(c.out, &ch, 1) == 1) {
    out.push_back(ch);
    if (ch == '\n') break;
  }
  ASSERT_FALSE(out.empty());
  kill(c.pid, signo);
  out += ReadAll(c.out);
  int rc = WaitExit(c.pid);
  feeder.join();
  close(c.in);
  close(c.out);
  EXPECT_EQ(rc, expected_exit) << ReadFile(err);
  ASSERT_EQ(out.back(), '\n') << "half a JSON line at the end";
  auto lines = JsonLines(out);
  EXPECT_LE(lines.size(), static_cast<size_t>(kSent));
  for (size_t i = 0; i < lines.size(); ++i) ASSERT_EQ(lines[i]["fields"]["n"], std::to_string(i));
  EXPECT_NE(ReadFile(err).find("interrupted by"), std::string::npos) << ReadFile(err);
}

TEST_F(FaultsTest, SigintMidRunFlushesFinishedBatchesAndExits130) {
  SignalMidRunToStdout(SIGINT, 130, "1", (dir_ / "err.txt").string());
}

TEST_F(FaultsTest, SigtermMidRunWithThreadsFlushesInOrderAndExits143) {
  SignalMidRunToStdout(SIGTERM, 143, "3", (dir_ / "err.txt").string());
}

TEST_F(FaultsTest, SignalMidRunNeverInstallsTheOutputFile) {
  for (int signo : {SIGINT, SIGTERM}) {
    std::string out = (dir_ / "records.jsonl").string();
    std::string err = (dir_ / "err.txt").string();
    signal(SIGPIPE, SIG_IGN);
    Child c = Spawn("--now 1767225600 -o " + out, err);
    WriteAll(c.in, JsonInput(5000));
    // The temporary file beside the target appears once the run has opened
    // its output, after the signal handlers are in place.
    auto temp_exists = [&] {
      for (const auto& e : fs::directory_iterator(dir_))
        if (e.path().filename().string().rfind("records.jsonl", 0) == 0) return true;
      return false;
    };
    while (!temp_exists()) usleep(10000);
    kill(c.pid, signo);
    int rc = WaitExit(c.pid);
    close(c.in);
    close(c.out);
    EXPECT_EQ(rc, 128 + signo) << ReadFile(err);
    EXPECT_FALSE(temp_exists()) << "the output or its temporary file was left behind";
    EXPECT_NE(ReadFile(err).find("the output file was not written"), std::string::npos) << ReadFile(err);
  }
}

TEST_F(FaultsTest, InputRemovedWhileReadingIsReadToItsEnd) {
  std::string in = Write("in.log", JsonInput(100000));
  std::string out = (dir_ / "out.jsonl").string();
  std::string err = (dir_ / "err.txt").string();
  pid_t pid = fork();
  if (pid == 0) {
    int e = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(e, 2);
    execl(RECPROC_BINARY, "recproc", "--now", "1767225600", "-o", out.c_str(), in.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Unlink once the child has the file open (or has already finished).
  std::string fd_dir = "/proc/" + std::to_string(pid) + "/fd";
  bool removed = false;
  while (!removed) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(fd_dir, ec)) {
      std::error_code lec;
      if (fs::read_symlink(e.path(), lec) == in) {
        fs::remove(in);
        removed = true;
        break;
      }
    }
    if (ec || waitpid(pid, nullptr, WNOHANG) != 0) break;
  }
  int rc = removed ? WaitExit(pid) : 0;
  EXPECT_EQ(rc, 0) << ReadFile(err);
  auto lines = JsonLines(ReadFile(out));
  ASSERT_EQ(lines.size(), 100000u);
  EXPECT_EQ(lines.back()["fields"]["n"], "99999");
}

TEST_F(FaultsTest, MissingAndDirectoryInputsAreReportedAndTheOthersProcessed) {
  std::string good = Write("good.log", "{\"n\":1}\n");
  std::string missing = (dir_ / "nope.log").string();
  CommandResult r = RunRecproc("--stats=json --now 1767225600 " + missing + " " + dir_.string() + " " + good);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("nope.log: No such file or directory"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(dir_.string() + ": Is a directory"), std::string::npos) << r.err;
  auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["fields"]["n"], "1");
}

TEST_F(FaultsTest, UnreadableFileAsAnotherUserIsReportedAndTheOthersProcessed) {
  if (access("/usr/bin/setpriv", X_OK) != 0 || getuid() != 0) GTEST_SKIP() << "needs root and setpriv";
  fs::permissions(dir_, fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
  std::string secret = Write("secret.log", "{\"n\":0}\n");
  std::string good = Write("good.log", "{\"n\":1}\n");
  fs::permissions(secret, fs::perms::none);
  fs::permissions(good, fs::perms::owner_read | fs::perms::others_read);
  std::string err = (dir_ / "err.txt").string();
  std::string out = (dir_ / "out.txt").string();
  // As nobody, root's bypass of file permissions does not apply.
  int rc = Shell(std::string("/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups ") + RECPROC_BINARY +
                 " --now 1767225600 " + secret + " " + good + " >" + out + " 2>" + err);
  if (rc == 127 || rc == 126) GTEST_SKIP() << "the binary is not executable as nobody: " << ReadFile(err);
  EXPECT_EQ(rc, 1) << ReadFile(err);
  EXPECT_NE(ReadFile(err).find("secret.log: Permission denied"), std::string::npos) << ReadFile(err);
  auto lines = JsonLines(ReadFile(out));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["fields"]["n"], "1");
}

}  // namespace
}  // namespace recproc::testing
