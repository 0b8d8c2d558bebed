// End to end through the real binary: JSON numbers that do not fit 64 bits
// (simdjson 3.0 rejects them) reach the output as written, not as a
// FailedRecord; a malformed number still fails the line with the reason.
#include <gtest/gtest.h>

#include <string>

#include "e2e_util.h"

namespace recproc {
namespace {

using recproc::testing::CommandResult;
using recproc::testing::RunRecproc;

TEST(JsonBigNumbersTest, PipelineKeepsTheNumberTextAsWritten) {
  CommandResult r = RunRecproc("--now 2026-06-01T00:00:00Z -",
                               "{\"id\":123456789012345678901234567890,\"big\":1e400,\"neg\":-1e400,"
                               "\"n\":[1.10,-9223372036854775809],\"user\":\"dave\"}\n"
                               "{\"a\":01}\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string first = r.out.substr(0, r.out.find('\n'));
  const std::string second = r.out.substr(first.size() + 1);
  EXPECT_EQ(first.find("FailedRecord"), std::string::npos) << first;
  EXPECT_NE(first.find(R"("fields":{"id":"123456789012345678901234567890","big":"1e400","neg":"-1e400",)"
                       R"("n.1":"1.10","n.2":"-9223372036854775809","user":"dave"})"),
            std::string::npos)
      << first;
  EXPECT_NE(first.find(R"("user_username":"dave")"), std::string::npos) << first;
  EXPECT_NE(second.find(R"("objectType":"FailedRecord")"), std::string::npos) << second;
  EXPECT_NE(second.find(R"("failureReason":"json: invalid JSON: Problem while parsing a number")"),
            std::string::npos)
      << second;
}

}  // namespace
}  // namespace recproc
