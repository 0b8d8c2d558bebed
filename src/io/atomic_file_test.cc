#include "io/atomic_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace recproc {
namespace {

class AtomicFileTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = testing::TempDir() + "atomic_file_XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return dir_ + "/" + name; }
  static std::string Read(const std::string& path) {
    std::string out;
    Status s = ReadWholeFile(path, &out);
    EXPECT_TRUE(s.ok()) << s.message();
    return out;
  }
  std::string dir_;
};

TEST_F(AtomicFileTest, WritesAndReplacesWithTheGivenMode) {
  std::string p = Path("state.json");
  ASSERT_TRUE(WriteFileAtomically(p, "old").ok());
  EXPECT_EQ(Read(p), "old");
  ASSERT_TRUE(WriteFileAtomically(p, "new contents").ok());
  EXPECT_EQ(Read(p), "new contents");
  struct stat st;
  ASSERT_EQ(::stat(p.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_FALSE(std::filesystem::exists(AtomicTempPath(p)));
  ASSERT_TRUE(WriteFileAtomically(Path("empty"), "").ok());
  EXPECT_EQ(Read(Path("empty")), "");
}

TEST_F(AtomicFileTest, LeftoverTempFileIsIgnoredAndCleaned) {
  std::string p = Path("state.json");
  ASSERT_TRUE(WriteFileAtomically(p, "committed").ok());
  // A writer crashed after writing half its temp file.
  { std::ofstream(AtomicTempPath(p)) << "half-writ"; }
  EXPECT_EQ(Read(p), "committed");
  ASSERT_TRUE(WriteFileAtomically(p, "next").ok());
  EXPECT_EQ(Read(p), "next");
  EXPECT_FALSE(std::filesystem::exists(AtomicTempPath(p)));
}

TEST_F(AtomicFileTest, FailedRenameKeepsTheOldTargetAndRemovesTheTemp) {
  std::string p = Path("target");
  std::filesystem::create_directory(p);
  std::filesystem::create_directory(p + "/child");  // a non-empty directory cannot be replaced
  Status s = WriteFileAtomically(p, "data");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("rename temp file over " + p + ": "), std::string::npos) << s.message();
  EXPECT_TRUE(std::filesystem::is_directory(p));
  EXPECT_FALSE(std::filesystem::exists(AtomicTempPath(p)));
}

TEST_F(AtomicFileTest, ErrorsNameThePathAndErrno) {
  std::string p = Path("missing-dir/state.json");
  Status s = WriteFileAtomically(p, "x");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "create " + p + ".tmp: No such file or directory");
  std::string out = "stale";
  s = ReadWholeFile(Path("nope"), &out);
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_EQ(s.message(), "open " + Path("nope") + ": No such file or directory");
}

TEST_F(AtomicFileTest, ConcurrentReaderSeesOnlyWholeVersions) {
  std::string p = Path("flip");
  const std::string a(100000, 'a'), b(150000, 'b');
  ASSERT_TRUE(WriteFileAtomically(p, a).ok());
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    for (int i = 0; i < 40; ++i) {
      if (!WriteFileAtomically(p, i % 2 ? a : b).ok()) ::_exit(1);
    }
    ::_exit(0);
  }
  int seen_a = 0, seen_b = 0, torn = 0;
  for (;;) {
    std::string got = Read(p);
    if (got == a) {
      ++seen_a;
    } else if (got == b) {
      ++seen_b;
    } else {
      ++torn;
    }
    int status = 0;
    if (::waitpid(child, &status, WNOHANG) == child) {
      ASSERT_TRUE(WIFEXITED(status));
      EXPECT_EQ(WEXITSTATUS(status), 0);
      break;
    }
  }
  EXPECT_EQ(torn, 0);
  EXPECT_GT(seen_a + seen_b, 0);
  EXPECT_EQ(Read(p), a);  // the last write (i = 39) was a
}

TEST_F(AtomicFileTest, AppendReportsTheOffsetAndTruncateUndoesATornAppend) {
  std::string p = Path("out.jsonl");
  uint64_t before = 99;
  ASSERT_TRUE(AppendAndSync(p, "{\"a\":1}\n", &before).ok());
  EXPECT_EQ(before, 0u);
  ASSERT_TRUE(AppendAndSync(p, "{\"b\":2}\n", &before).ok());
  EXPECT_EQ(before, 8u);
  EXPECT_EQ(Read(p), "{\"a\":1}\n{\"b\":2}\n");
  ASSERT_TRUE(AppendAndSync(p, "{\"c\":", nullptr).ok());  // pretend the rest never came
  ASSERT_TRUE(TruncateAndSync(p, 16).ok());
  EXPECT_EQ(Read(p), "{\"a\":1}\n{\"b\":2}\n");
  Status s = TruncateAndSync(Path("absent"), 0);
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_NE(s.message().find(Path("absent")), std::string::npos);
}

}  // namespace
}  // namespace recproc
