// Where the tests find the source tree, the recproc binary under test and
// ../shared. The values are compiled into one file (test_paths.cc), so no
// other test file's compile command carries this checkout's paths: a
// compiler cache serves them to any clone.
#ifndef RECPROC_TESTS_TEST_PATHS_H_
#define RECPROC_TESTS_TEST_PATHS_H_

namespace recproc::testing {

const char* TestSourceDir();  // the repository root
const char* TestBinary();     // the recproc binary of this build
const char* TestSharedDir();  // ../shared beside the repository

}  // namespace recproc::testing

#define RECPROC_SOURCE_DIR (::recproc::testing::TestSourceDir())
#define RECPROC_BINARY (::recproc::testing::TestBinary())
#define RECPROC_SHARED_DIR (::recproc::testing::TestSharedDir())

#endif  // RECPROC_TESTS_TEST_PATHS_H_
