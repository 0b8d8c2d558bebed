#include "io/file_lock.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "io/atomic_file.h"

namespace recproc {
namespace {

class FileLockTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = testing::TempDir() + "file_lock_XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    lock_path_ = tmpl + "/misp.lock";
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Forks a child that takes the lock, reports "L" on a pipe, then waits for
  // a byte from the parent (or dies on SIGKILL). Returns the child's pid.
  pid_t SpawnHolder(int* to_child) {
    int up[2], down[2];
    EXPECT_EQ(::pipe(up), 0);
    EXPECT_EQ(::pipe(down), 0);
    pid_t pid = ::fork();
    if (pid == 0) {
      ::close(up[0]);
      ::close(down[1]);
      FileLock lock;
      if (!FileLock::TryLock(lock_path_, &lock, nullptr).ok()) ::_exit(3);
      char c = 'L';
      if (::write(up[1], &c, 1) != 1) ::_exit(4);
      if (::read(down[0], &c, 1) < 0) ::_exit(5);
      ::_exit(0);  // no Unlock(): the kernel must release it
    }
    ::close(up[1]);
    ::close(down[0]);
    char c = 0;
    EXPECT_EQ(::read(up[0], &c, 1), 1);
    EXPECT_EQ(c, 'L');
    ::close(up[0]);
    *to_child = down[1];
    return pid;
  }

  std::string dir_;
  std::string lock_path_;
};

TEST_F(FileLockTest, SecondHolderInAnotherProcessIsBusyUntilTheFirstExits) {
  int to_child = -1;
  pid_t child = SpawnHolder(&to_child);
  FileLock lock;
  bool busy = false;
  Status s = FileLock::TryLock(lock_path_, &lock, &busy);
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(busy);
  EXPECT_FALSE(lock.held());
  EXPECT_NE(s.message().find("busy: " + lock_path_), std::string::npos) << s.message();
  // The holder wrote its pid for diagnostics.
  std::string content;
  ASSERT_TRUE(ReadWholeFile(lock_path_, &content).ok());
  EXPECT_EQ(content, std::to_string(child) + "\n");
  // A bounded wait gives up with busy as well.
  s = FileLock::Lock(lock_path_, 30, &lock, &busy);
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(busy);

  char c = 'x';
  ASSERT_EQ(::write(to_child, &c, 1), 1);
  ::close(to_child);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);

  s = FileLock::TryLock(lock_path_, &lock, &busy);
  EXPECT_TRUE(s.ok()) << s.message();
  EXPECT_FALSE(busy);
  EXPECT_TRUE(lock.held());
  EXPECT_EQ(lock.path(), lock_path_);
}

TEST_F(FileLockTest, KernelReleasesTheLockOfAKilledHolder) {
  int to_child = -1;
  pid_t child = SpawnHolder(&to_child);
  FileLock lock;
  bool busy = false;
  EXPECT_FALSE(FileLock::TryLock(lock_path_, &lock, &busy).ok());
  EXPECT_TRUE(busy);
  ASSERT_EQ(::kill(child, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFSIGNALED(status));
  ::close(to_child);
  EXPECT_TRUE(FileLock::TryLock(lock_path_, &lock, &busy).ok());
}

TEST_F(FileLockTest, WaitingLockSucceedsOnceTheHolderLetsGo) {
  int to_child = -1;
  pid_t child = SpawnHolder(&to_child);
  // Let the holder go from another thread while this one waits in Lock().
  std::thread releaser([to_child] {
    ::usleep(100 * 1000);
    char c = 'x';
    EXPECT_EQ(::write(to_child, &c, 1), 1);
    ::close(to_child);
  });
  FileLock lock;
  bool busy = false;
  Status s = FileLock::Lock(lock_path_, 60 * 1000, &lock, &busy);
  EXPECT_TRUE(s.ok()) << s.message();
  EXPECT_FALSE(busy);
  EXPECT_TRUE(lock.held());
  releaser.join();
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFEXITED(status));
}

TEST_F(FileLockTest, SameProcessSecondDescriptionConflictsAndMoveTransfersOwnership) {
  FileLock first;
  ASSERT_TRUE(FileLock::TryLock(lock_path_, &first, nullptr).ok());
  FileLock second;
  bool busy = false;
  EXPECT_FALSE(FileLock::TryLock(lock_path_, &second, &busy).ok());
  EXPECT_TRUE(busy);
  FileLock moved = std::move(first);
  EXPECT_FALSE(first.held());
  EXPECT_TRUE(moved.held());
  EXPECT_FALSE(FileLock::TryLock(lock_path_, &second, &busy).ok());
  moved.Unlock();
  EXPECT_FALSE(moved.held());
  EXPECT_TRUE(FileLock::TryLock(lock_path_, &second, &busy).ok());
  { FileLock scoped = std::move(second); }  // destruction releases
  EXPECT_TRUE(FileLock::TryLock(lock_path_, &first, &busy).ok());
}

TEST_F(FileLockTest, UnopenableLockFileIsAnErrorNotBusy) {
  FileLock lock;
  bool busy = true;
  Status s = FileLock::TryLock(dir_ + "/no/such/dir.lock", &lock, &busy);
  EXPECT_FALSE(s.ok());
  EXPECT_FALSE(busy);
  EXPECT_NE(s.message().find("No such file or directory"), std::string::npos);
}

}  // namespace
}  // namespace recproc
