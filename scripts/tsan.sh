#!/bin/sh
# Builds recproc and its test suite with ThreadSanitizer (-DRECPROC_TSAN=ON)
# in build-tsan/ and runs there the tests that exercise threads: runs of the
# binary with --threads (reader, workers, ordered writer, the output file's
# writing thread), AsyncFileWriter, OutputFile, ByteBuffer (whose mapped
# growth differs under TSan), and the tests that start threads of their own
# (the HTTP test server, watchdogs, lock releasers).
# Tests that spawn recproc run this build's (instrumented) binary. A race
# report ends the process that found it with exit code 66, failing the test.
# The other tests start no thread of their own and use the runner only in
# passing; they run under ASan and UBSan (scripts/sanitize.sh).
# -O1 -g1: instrumented code at -O0 is several times slower; -g1 keeps file:line in reports.
# Usage: scripts/tsan.sh [ctest arguments, e.g. -R CliE2e to run a subset]
set -eu
cd "$(dirname "$0")/.."
JOBS=${JOBS:-2}
BUILD_DIR=${RECPROC_TSAN_DIR:-build-tsan}
THREAD_TESTS='^(CliE2eTest|FaultsTest|HostileInputTest|RunStats|RunProgress|OutputFileTest|AsyncFileWriterTest|ByteBufferTest|LineReaderTest|FileLockTest|TimePatternTest|HttpClient|HttpJson|ListFeedHttp|MispFeed|MispRest|Taxii21|NetDaemonsE2E)\.'
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:exitcode=66}"
. scripts/sanitizer_suite.sh
sanitizer_suite "$BUILD_DIR" "-O1 -g1" -DRECPROC_TSAN=ON -R "$THREAD_TESTS" "$@"
