// End-to-end tests of the recproc binary: command line, exit codes, output
// files, accounting.
#include <gtest/gtest.h>
#include <unistd.h>

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "e2e_util.h"

namespace recproc::testing {
namespace {

TEST(CliE2eTest, JsonAndGarbageGiveARecordAndAFailedRecord) {
  CommandResult r = RunRecproc("--stats --now 2026-01-01T00:00:00Z", "{\"a\":{\"b\":1}}\nnot json at all\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_NE(lines[0]["objectType"], "FailedRecord");
  EXPECT_EQ(lines[0]["fields"]["a.b"], "1");
  EXPECT_EQ(lines[0]["metadata_sourceLine"], 1);
  EXPECT_EQ(lines[1]["objectType"], "FailedRecord");
  EXPECT_EQ(lines[1]["metadata_sourceLine"], 2);
  EXPECT_EQ(lines[1]["metadata_sourceFile"], "-");
  EXPECT_EQ(lines[1]["raw"], "not json at all");
  EXPECT_EQ(lines[1]["failureStage"], "parse");
  EXPECT_NE(lines[1]["failureReason"].get<std::string>().find("no parser recognised"), std::string::npos);
  EXPECT_NE(r.err.find("lines in: 2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("records out: 1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("failed records: 1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("accounting: ok"), std::string::npos) << r.err;
}

TEST(CliE2eTest, StatsAsJsonAddUp) {
  CommandResult r = RunRecproc("--stats=json --now 1767225600", "{\"x\":1}\n\n{bad\n{\"y\":2}\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto stats = nlohmann::json::parse(r.err);
  EXPECT_EQ(stats["lines_in"], 3);
  EXPECT_EQ(stats["blank_lines"], 1);
  EXPECT_EQ(stats["records_out"], 2);
  EXPECT_EQ(stats["failed_records"], 1);
  EXPECT_EQ(stats["failed_by_reason"]["parse error"], 1);
}

// A syslog line whose message is key=value pairs, different for each n.
std::string KvSyslogLine(int n) {
  char line[256];
  std::snprintf(
      line, sizeof line,
      "<134>Jan  2 03:04:%02d fw%d.example.net kvapp[%d]: n=%d action=%s src=10.%d.%d.1 "
      "dst=192.0.2.%d dport=443 proto=tcp user=user%d bytes=%d msg=\"line %d of the threads test\"\n",
      n % 60, n % 7, 1000 + n % 9000, n, n % 3 == 0 ? "deny" : "allow", n % 256, n / 256 % 256, n % 250 + 1,
      n % 13, n * 37, n);
  return line;
}

// Where two outputs first differ ("" when they are the same): a whole
// output in a failure message would be megabytes.
std::string FirstDifference(const std::string& a, const std::string& b) {
  if (a == b) return "";
  size_t at = std::mismatch(a.begin(), a.begin() + std::min(a.size(), b.size()), b.begin()).first - a.begin();
  return "sizes " + std::to_string(a.size()) + " and " + std::to_string(b.size()) +
         ", first difference at byte " + std::to_string(at) + ": '" + a.substr(at, 80) + "' vs '" +
         b.substr(at, 80) + "'";
}

// The same bytes whatever the thread count, to stdout and to a file. The
// input spans four batches (2,048 lines each), a batch's output (~3 MB)
// grows past ByteBuffer::kMapBytes, and a file gets three full
// AsyncFileWriter chunks, so every thread of a run hands work over: reader,
// workers, ordered writer and the file's writing thread (scripts/tsan.sh
// runs this under ThreadSanitizer).
TEST(CliE2eTest, OutputIsDeterministicIncludingUids) {
  const int kLines = 8000;
  std::string input;
  for (int n = 0; n < kLines; ++n) input += KvSyslogLine(n);
  char dir[] = "/tmp/recproc_threads_XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  std::string first;
  for (std::string threads : {"1", "2", "3", "7"}) {
    std::string args = "--now 2026-01-01T00:00:00Z --threads " + threads;
    CommandResult to_stdout = RunRecproc(args, input);
    ASSERT_EQ(to_stdout.exit_code, 0) << "--threads " << threads << ": " << to_stdout.err;
    std::string file = std::string(dir) + "/records.jsonl";
    CommandResult to_file = RunRecproc(args + " -o " + file, input);
    ASSERT_EQ(to_file.exit_code, 0) << "--threads " << threads << " -o: " << to_file.err;
    EXPECT_TRUE(to_file.out.empty());
    EXPECT_EQ(FirstDifference(Slurp(file), to_stdout.out), "") << "--threads " << threads << ", -o vs stdout";
    if (first.empty()) first = to_stdout.out;
    EXPECT_EQ(FirstDifference(to_stdout.out, first), "") << "--threads " << threads << " vs --threads 1";
  }
  std::filesystem::remove_all(dir);
  auto lines = JsonLines(first);
  ASSERT_EQ(lines.size(), static_cast<size_t>(kLines));
  for (int n = 0; n < kLines; ++n) {
    ASSERT_EQ(lines[n]["metadata_sourceLine"], n + 1);
    ASSERT_EQ(lines[n]["fields"]["n"], std::to_string(n))
        << "line " << n + 1 << ": " << lines[n]["objectType"];
  }
  EXPECT_EQ(lines[kLines - 1]["fields"]["msg"], "line 7999 of the threads test");
  EXPECT_NE(lines[0]["uid"], lines[1]["uid"]);
}

TEST(CliE2eTest, StrictExitsOneWhenSomethingFailed) {
  EXPECT_EQ(RunRecproc("--strict", "garbage\n").exit_code, 1);
  EXPECT_EQ(RunRecproc("--strict", "{\"ok\":true}\n").exit_code, 0);
}

TEST(CliE2eTest, UsageAndConfigErrorsExitTwo) {
  EXPECT_EQ(RunRecproc("--no-such-flag").exit_code, 2);
  EXPECT_EQ(RunRecproc("--now yesterday-ish").exit_code, 2);
  char dir[] = "/tmp/recproc_cfg_XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  std::string cfg = std::string(dir) + "/recproc.yaml";
  std::ofstream(cfg) << "version: 1\nlimits:\n  max_fields: 10\n  max_feilds: 3\n";
  CommandResult r = RunRecproc("-c " + cfg);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(cfg + ":4:3: error: unknown key 'max_feilds' (did you mean 'max_fields'?)"),
            std::string::npos)
      << r.err;
  std::filesystem::remove_all(dir);
}

TEST(CliE2eTest, MissingInputIsRuntimeErrorButOthersAreProcessed) {
  char path[] = "/tmp/recproc_in_XXXXXX";
  close(mkstemp(path));
  std::ofstream(path) << "{\"a\":1}\n";
  CommandResult r = RunRecproc(std::string("/nonexistent.log ") + path);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(JsonLines(r.out).size(), 1u);
  EXPECT_NE(r.err.find("/nonexistent.log"), std::string::npos);
  unlink(path);
}

TEST(CliE2eTest, OutputFileAppearsOnlyWhenComplete) {
  char dir[] = "/tmp/recproc_out_XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  std::string out = std::string(dir) + "/records.jsonl";
  std::string failed = std::string(dir) + "/failed.jsonl";
  CommandResult r = RunRecproc("-o " + out + " --failed " + failed, "{\"a\":1}\nnope\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  std::stringstream records, failures;
  records << std::ifstream(out).rdbuf();
  failures << std::ifstream(failed).rdbuf();
  EXPECT_EQ(JsonLines(records.str()).size(), 1u);
  auto f = JsonLines(failures.str());
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]["objectType"], "FailedRecord");
  // No temporary file is left beside the outputs.
  size_t files = 0;
  for (auto& e : std::filesystem::directory_iterator(dir)) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 2u);
  std::filesystem::remove_all(dir);
}

TEST(CliE2eTest, LongLineBecomesFailedRecordAndReadingContinues) {
  char dir[] = "/tmp/recproc_long_XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  std::string cfg = std::string(dir) + "/recproc.yaml";
  std::ofstream(cfg) << "version: 1\nschema: builtin:schemas/record_schema.yaml\nmappings: [builtin:content/default/mappings/]\nlimits:\n  max_line_bytes: 100\n";
  CommandResult r = RunRecproc("-c " + cfg, "{\"a\":\"" + std::string(500, 'x') + "\"}\n{\"b\":2}\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["objectType"], "FailedRecord");
  EXPECT_EQ(lines[0]["failureReason"], "line too long: 508 bytes (limit 100)");
  EXPECT_EQ(lines[1]["fields"]["b"], "2");
  std::filesystem::remove_all(dir);
}

TEST(CliE2eTest, ClosedPipeStopsQuietly) {
  std::string input;
  for (int i = 0; i < 200000; ++i) input += "{\"n\":" + std::to_string(i) + "}\n";
  CommandResult r = RunRecproc("| head -n 3", input);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(JsonLines(r.out).size(), 3u);
}

TEST(CliE2eTest, VersionAndHelp) {
  CommandResult v = RunRecproc("--version");
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_EQ(v.out.rfind("recproc ", 0), 0u) << v.out;
  CommandResult h = RunRecproc("run --help");
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_NE(h.out.find("--failed"), std::string::npos);
  EXPECT_NE(h.out.find("Examples:"), std::string::npos);
}

}  // namespace
}  // namespace recproc::testing

namespace recproc::testing {
namespace {

// Regression: -o /dev/null used to write a temporary file and rename it over
// the device, leaving a plain file at /dev/null.
TEST(CliE2eTest, OutputToADeviceWritesThroughItNotOverIt) {
  char dir[] = "/tmp/recproc_fifo_XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  std::string fifo = std::string(dir) + "/out.fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::string got;
  std::thread reader([&] {
    std::ifstream in(fifo);
    std::stringstream ss;
    ss << in.rdbuf();
    got = ss.str();
  });
  CommandResult r = RunRecproc("-o " + fifo, "{\"a\":1}\n");
  reader.join();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(JsonLines(got).size(), 1u);
  struct stat st;
  ASSERT_EQ(stat(fifo.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));  // still a FIFO, not replaced by a file
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace recproc::testing

namespace recproc::testing {
namespace {

TEST(CliE2eTest, ListsCheckShowsWhichItemMatchedAndHonoursExpiry) {
  char dir[] = "/tmp/recproc_lists_XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  std::string d(dir);
  std::ofstream(d + "/ips.csv") << "value,description,expires\n81.2.69.0/24,scanner net,\n10.9.9.9,old,2020-01-01T00:00:00Z\n";
  std::ofstream(d + "/doms.csv") << "value,description\nevil.example,phish kit\n";
  std::ofstream(d + "/recproc.yaml") << "version: 1\nlists:\n  files:\n"
                                        "    - {name: bad ips, kind: threat, column: Ip, path: ips.csv}\n"
                                        "    - {name: phish, kind: match, column: Domain, path: doms.csv}\n";
  CommandResult r = RunRecproc("lists check -c " + d + "/recproc.yaml --now 2026-01-01 81.2.69.7 mail.evil.example");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("81.2.69.7: threat list 'bad ips', column Ip: item '81.2.69.0/24' — scanner net"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("mail.evil.example: match list 'phish', column Domain: item 'evil.example'"),
            std::string::npos)
      << r.out;
  // Label boundary and expiry: no match, exit 1 like grep.
  r = RunRecproc("lists check -c " + d + "/recproc.yaml --now 2026-01-01 notevil.example 10.9.9.9");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("10.9.9.9: no active, unexpired item"), std::string::npos) << r.out;
  r = RunRecproc("lists check -c " + d + "/recproc.yaml --column Domian x");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("did you mean 'Domain'?"), std::string::npos) << r.err;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace recproc::testing
