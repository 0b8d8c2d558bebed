// The one test file compiled with this checkout's paths (see test_paths.h).
#include "test_paths.h"

namespace recproc::testing {

const char* TestSourceDir() { return RECPROC_TEST_SOURCE_DIR; }
const char* TestBinary() { return RECPROC_TEST_BINARY; }
const char* TestSharedDir() { return RECPROC_TEST_SHARED_DIR; }

}  // namespace recproc::testing
