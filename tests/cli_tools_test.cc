// End-to-end tests of the user tools: explain, test, validate, schema, the
// stage time shares in --stats, the progress bar's silence in a pipe, and
// installation into a temporary prefix.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "e2e_util.h"
#include "test_paths.h"

namespace recproc {
namespace {

using recproc::testing::JsonLines;
using recproc::testing::RunRecproc;
using recproc::testing::SourceDir;
namespace fs = std::filesystem;

const char kCloudTrail[] =
    R"({"eventVersion":"1.08","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin",)"
    R"("eventTime":"2023-05-01T10:00:00Z","sourceIPAddress":"198.51.100.7",)"
    R"("userIdentity":{"type":"IAMUser","userName":"alice"},"awsRegion":"us-east-1"})";

// A fresh directory per test and process (ctest runs tests in parallel).
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "recproc_tools_XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string path() const { return path_; }
  std::string Write(const std::string& name, const std::string& text) const {
    fs::path p = fs::path(path_) / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  std::string Read(const std::string& name) const {
    std::stringstream ss;
    ss << std::ifstream(fs::path(path_) / name).rdbuf();
    return ss.str();
  }

 private:
  std::string path_;
};

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// --- explain ---------------------------------------------------------------

TEST(ExplainCommand, JsonReportsDetectorProfileMappingAndAttributes) {
  auto r = RunRecproc("explain --json --now 2024-01-01T00:00:00Z " + Quote(kCloudTrail));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto reports = JsonLines(r.out);
  ASSERT_EQ(reports.size(), 1u);
  const auto& j = reports[0];
  EXPECT_EQ(j["input"]["text"], kCloudTrail);

  // Detection: the syslog shapes said no, json won, later ones not tried.
  const auto& det = j["parse"]["detectors"];
  ASSERT_GE(det.size(), 5u);
  EXPECT_EQ(det[0]["name"], "syslog5424");
  EXPECT_EQ(det[0]["result"], "shape test said no");
  EXPECT_EQ(det[4]["name"], "json");
  EXPECT_EQ(det[4]["result"], "won");
  EXPECT_EQ(det[5]["result"], "not tried");

  // The CloudTrail profile's conditions held.
  bool cloudtrail_applied = false;
  for (const auto& p : j["parse"]["profiles"])
    if (p["name"] == "aws_cloudtrail")
      cloudtrail_applied = p["result"].get<std::string>().rfind("applied", 0) == 0;
  EXPECT_TRUE(cloudtrail_applied) << j["parse"]["profiles"].dump();
  EXPECT_EQ(j["parse"]["hints"]["vendor"], "Amazon AWS");
  EXPECT_EQ(j["parse"]["hints"]["event_id"], "ConsoleLogin");
  bool has_field = false;
  for (const auto& f : j["parse"]["fields"])
    if (f["key"] == "userIdentity.userName") has_field = f["value"] == "alice";
  EXPECT_TRUE(has_field);

  // At least one mapping fired, and each considered one says why.
  int fired = 0;
  for (const auto& c : j["map"]["considered"]) {
    EXPECT_FALSE(c["reason"].get<std::string>().empty());
    fired += c["fired"].get<bool>();
  }
  EXPECT_GE(fired, 1);
  ASSERT_EQ(j["records"].size(), static_cast<size_t>(fired));
  ASSERT_EQ(j["output"].size(), static_cast<size_t>(fired));
  EXPECT_EQ(j["result"], std::to_string(fired) + (fired == 1 ? " record" : " records"));

  // The source IP attribute: where it came from and its value; the record
  // shown is the one run writes.
  bool found_ip = false;
  for (const auto& a : j["records"][0]["attributes"]) {
    if (a.value("value", nlohmann::json()) != "198.51.100.7") continue;
    found_ip = true;
    EXPECT_NE(a["source"].get<std::string>().find("sourceIPAddress"), std::string::npos) << a.dump();
    EXPECT_EQ(a["outcome"], "set");
  }
  EXPECT_TRUE(found_ip) << j["records"][0]["attributes"].dump();
  auto run = RunRecproc("--now 2024-01-01T00:00:00Z", std::string(kCloudTrail) + "\n");
  ASSERT_EQ(run.exit_code, 0);
  auto run_records = JsonLines(run.out);
  ASSERT_EQ(run_records.size(), j["output"].size());
  EXPECT_EQ(run_records[0]["objectType"], j["output"][0]["objectType"]);
  EXPECT_EQ(run_records[0]["srcDevice_ip"], j["output"][0]["srcDevice_ip"]);
}

TEST(ExplainCommand, DefaultMappingFiresAndTextFormIsReadable) {
  auto r =
      RunRecproc("explain --json --now 2024-01-01 " + Quote(R"({"user":"bob","action":"login","n":"x"})"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = JsonLines(r.out).at(0);
  ASSERT_FALSE(j["map"]["considered"].empty());
  const auto& c = j["map"]["considered"][0];
  EXPECT_EQ(c["event_id_pattern"], "_default_");
  EXPECT_TRUE(c["fired"].get<bool>());
  EXPECT_EQ(c["reason"], "fired: _default_ and no specific mapping matched");
  // An alternate that was not needed, and a field that is absent everywhere.
  bool user = false, missing_url = false;
  for (const auto& a : j["records"][0]["attributes"]) {
    if (a["attribute"] == "user_username") user = a["source"] == "field 'user'" && a["value"] == "bob";
    if (a["attribute"] == "http_url")
      missing_url =
          a["outcome"] == "not set" && a["source"].get<std::string>().rfind("missing ('url' absent", 0) == 0;
  }
  EXPECT_TRUE(user);
  EXPECT_TRUE(missing_url);

  auto text = RunRecproc("explain --now 2024-01-01 " + Quote(R"({"user":"bob"})"));
  ASSERT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("json: won"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("[fired] Generic JSON Catch All"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("user_username (string, standard) = \"bob\" <- field 'user'"), std::string::npos)
      << text.out;
}

TEST(ExplainCommand, ListHitsAndEnrichmentInJson) {
  TempDir dir;
  dir.Write("scanners.csv", "value,description,expires,active\n10.0.0.0/8,internal scanners,,true\n");
  std::string config = dir.Write("site.yaml",
                                 "version: 1\n"
                                 "parsers: [builtin:content/default/parsers.yaml]\n"
                                 "mappings: [builtin:content/default/mappings/]\n"
                                 "lists:\n"
                                 "  files:\n"
                                 "    - {name: scanners, column: SrcIp, path: scanners.csv}\n");
  auto r = RunRecproc("explain --json -c " + config + " " + Quote(R"({"user":"bob","src_ip":"10.1.2.3"})"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = JsonLines(r.out).at(0);
  const auto& rec = j["records"].at(0);
  ASSERT_EQ(rec["lists"].size(), 1u);
  EXPECT_EQ(rec["lists"][0]["list"], "scanners");
  EXPECT_EQ(rec["lists"][0]["kind"], "match");
  EXPECT_EQ(rec["lists"][0]["column"], "SrcIp");
  EXPECT_EQ(rec["lists"][0]["attribute"], "srcDevice_ip");
  EXPECT_EQ(rec["lists"][0]["item"], "10.0.0.0/8");
  ASSERT_EQ(rec["enrich"].size(), 1u);
  EXPECT_EQ(rec["enrich"][0]["attribute"], "srcDevice_ip");
  EXPECT_EQ(rec["enrich"][0]["results"]["srcDevice_ip_isInternal"], true);
  EXPECT_EQ(j["output"][0]["listMatches"], nlohmann::json::array({"scanners", "column:SrcIp"}));
}

TEST(ExplainCommand, UnparsableMessageNamesEveryDetector) {
  auto r = RunRecproc("explain --json 'just some words'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = JsonLines(r.out).at(0);
  for (const auto& d : j["parse"]["detectors"]) EXPECT_EQ(d["result"], "shape test said no");
  EXPECT_EQ(j["result"], "FailedRecord (stage parse)");
  EXPECT_EQ(j["output"][0]["objectType"], "FailedRecord");
  EXPECT_EQ(j["output"][0]["failureStage"], "parse");
}

TEST(ExplainCommand, FileWithLimitAndUsageErrors) {
  TempDir dir;
  std::string log = dir.Write("a.log", "{\"a\":1}\n\n{\"b\":2}\n{\"c\":3}\n");
  auto r = RunRecproc("explain --json -n 2 -f " + log);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto reports = JsonLines(r.out);
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0]["input"]["line"], 1);
  EXPECT_EQ(reports[1]["input"]["line"], 3);  // the blank line is skipped
  EXPECT_EQ(reports[1]["input"]["source"], log);
  EXPECT_EQ(RunRecproc("explain").exit_code, 2);
  EXPECT_EQ(RunRecproc("explain -f " + log + " '{}'").exit_code, 2);
  EXPECT_EQ(RunRecproc("explain -f " + dir.path() + "/missing.log").exit_code, 1);
}

// --- test ------------------------------------------------------------------

TEST(TestCommand, UpdateThenPassThenFailWithDiff) {
  TempDir dir;
  dir.Write("golden/app.log", "{\"user\":\"bob\",\"action\":\"login\"}\n{\"user\":\"eve\"}\n");
  auto missing = RunRecproc("test " + dir.path() + "/golden");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.out.find("no app.expected.jsonl; run 'recproc test --update'"), std::string::npos)
      << missing.out;

  auto update = RunRecproc("test --update " + dir.path() + "/golden");
  ASSERT_EQ(update.exit_code, 0) << update.out << update.err;
  auto expected = JsonLines(dir.Read("golden/app.expected.jsonl"));
  ASSERT_EQ(expected.size(), 2u);
  EXPECT_EQ(expected[0]["user_username"], "bob");
  EXPECT_EQ(expected[0]["metadata_sourceFile"], "app.log");       // the base name, not the path
  EXPECT_EQ(expected[0]["metadata_receiptTime"], 1704067200000);  // the default --now

  auto pass = RunRecproc("test " + dir.path() + "/golden");
  EXPECT_EQ(pass.exit_code, 0) << pass.out;
  EXPECT_NE(pass.out.find("1 passed, 0 failed"), std::string::npos) << pass.out;

  // Another clock changes the receipt and parse times, ignored by default,
  // and the timestamp of these time-less messages.
  auto other_clock = RunRecproc("test --now 2025-06-01 " + dir.path() + "/golden");
  EXPECT_EQ(other_clock.exit_code, 1);
  EXPECT_NE(other_clock.out.find("timestamp: expected 1704067200000, got 1748736000000"), std::string::npos)
      << other_clock.out;
  EXPECT_EQ(other_clock.out.find("metadata_receiptTime"), std::string::npos);
  EXPECT_EQ(RunRecproc("test --now 2025-06-01 --ignore timestamp " + dir.path() + "/golden").exit_code, 0);
  EXPECT_EQ(
      RunRecproc("test --no-default-ignore --now 2025-06-01 --ignore timestamp " + dir.path() + "/golden")
          .exit_code,
      1);

  // A changed expectation: the diff names the record, the key, both values.
  std::string text = dir.Read("golden/app.expected.jsonl");
  text.replace(text.find("\"eve\""), 5, "\"mallory\"");
  dir.Write("golden/app.expected.jsonl", text);
  auto fail = RunRecproc("test " + dir.path() + "/golden");
  EXPECT_EQ(fail.exit_code, 1);
  EXPECT_NE(fail.out.find("FAIL " + dir.path() + "/golden/app.log"), std::string::npos) << fail.out;
  EXPECT_NE(fail.out.find("record 2 (input line 2):"), std::string::npos) << fail.out;
  EXPECT_NE(fail.out.find("user_username: expected \"mallory\", got \"eve\""), std::string::npos) << fail.out;
  EXPECT_NE(fail.out.find("0 passed, 1 failed"), std::string::npos);
  // --ignore silences that key.
  EXPECT_EQ(RunRecproc("test --ignore user_username --ignore user_username_raw --ignore fields " +
                       dir.path() + "/golden")
                .exit_code,
            0);
}

TEST(TestCommand, YamlCasesAndCoverage) {
  TempDir dir;
  dir.Write("cases.tests.yaml",
            "- name: json user\n"
            "  input: '{\"user\":\"bob\",\"host\":\"h1\"}'\n"
            "  expect:\n"
            "    - {objectType: Audit, user_username: bob, device_hostname: h1, fields.user: bob}\n"
            "- name: wrong expectation\n"
            "  input: '{\"user\":\"bob\"}'\n"
            "  expect:\n"
            "    - {user_username: alice}\n"
            "- name: parse failure\n"
            "  input: 'plain words'\n"
            "  expect:\n"
            "    - {objectType: FailedRecord, failureStage: parse}\n");
  auto r = RunRecproc("test " + dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("PASS " + dir.path() + "/cases.tests.yaml: json user (1 records)"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("FAIL " + dir.path() + "/cases.tests.yaml: wrong expectation"), std::string::npos);
  EXPECT_NE(r.out.find("user_username: expected \"alice\", got \"bob\""), std::string::npos);
  EXPECT_NE(r.out.find("2 passed, 1 failed"), std::string::npos);

  // Coverage: of the built-in mappings only the generic JSON one fired; of
  // its 11 field mappings user_username and device_hostname were set.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m, std::regex(R"(mappings exercised: (\d+) of (\d+))"))) << r.out;
  EXPECT_EQ(m[1], "1");
  EXPECT_GT(std::stoi(m[2]), 1);
  EXPECT_NE(r.out.find("never set: Generic JSON Catch All: http_url"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("never set: Generic JSON Catch All: user_username"), std::string::npos);
  EXPECT_NE(r.out.find("parse failures: cases.tests.yaml: 1 of 3 (33.3%)"), std::string::npos) << r.out;
}

TEST(TestCommand, RepositoryGoldenDirectoryPasses) {
  // tests/data/golden: a log with expectations and inline YAML cases against
  // the built-in content, run from another directory (paths must not matter).
  auto r = RunRecproc("test -q " + SourceDir() + "/tests/data/golden");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("3 passed, 0 failed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("parse failures: generic_json.log: 0 of 3 (0.0%)"), std::string::npos) << r.out;
}

TEST(TestCommand, NoTestsIsAUsageError) {
  TempDir dir;
  EXPECT_EQ(RunRecproc("test " + dir.path()).exit_code, 2);
  EXPECT_EQ(RunRecproc("test " + dir.path() + "/nope").exit_code, 2);
}

// --- validate --------------------------------------------------------------

TEST(ValidateCommand, BuiltinConfigSummary) {
  auto r = RunRecproc("validate");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      r.out, m, std::regex(R"(OK: \d+ schema attributes, (\d+) parser profiles, (\d+) mappings)")))
      << r.out;
  EXPECT_GT(std::stoi(m[1]), 0);
  EXPECT_GT(std::stoi(m[2]), 0);
  EXPECT_EQ(RunRecproc("validate -q").out, "");
}

TEST(ValidateCommand, ReportsEveryPlantedErrorWithPosition) {
  TempDir dir;
  std::string root = dir.Write("site.yaml",
                               "version: 1\n"
                               "parsers:\n"
                               "  - name: fw\n"
                               "    format: klv\n"  // unknown format
                               "  - name: fw2\n"
                               "    format: kv\n"
                               "    colour: red\n"  // unknown key
                               "mappings:\n"
                               "  - maps/\n"
                               "lists:\n"
                               "  files:\n"
                               "    - name: bad\n"
                               "      column: SrcIp\n"
                               "      path: nowhere.csv\n");  // missing file
  dir.Write("maps/m.yaml",
            "uid: m-1\n"
            "name: M\n"
            "input: {vendor: A, product: B, event_id_pattern: _default_}\n"
            "output: {record_type: Audit}\n"
            "field_mappings:\n"
            "  user_usernme: {value: user}\n");  // unknown attribute
  auto r = RunRecproc("validate -c " + root);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(root + ":4:13: error: unknown format 'klv'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(root + ":7:5: error: unknown key 'colour'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(
                dir.path() +
                "/maps/m.yaml:6:17: error: unknown attribute 'user_usernme' (did you mean 'user_username'?)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("user_usernme"), std::string::npos);
  EXPECT_NE(r.err.find("nowhere.csv"), std::string::npos) << r.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.err, m, std::regex(R"(recproc: (\d+) configuration errors in )")));
  EXPECT_GE(std::stoi(m[1]), 4);
}

// --- schema ----------------------------------------------------------------

TEST(SchemaCommand, JsonListsAttributesRecordTypesAndEnumerations) {
  auto r = RunRecproc("schema --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["schema_version"], 3);
  auto types = j["record_types"].get<std::vector<std::string>>();
  EXPECT_NE(std::find(types.begin(), types.end(), "Authentication"), types.end());
  EXPECT_EQ(j["system_record_types"], nlohmann::json::array({"Canary", "FailedRecord"}));
  std::map<std::string, nlohmann::json> by_name;
  for (const auto& a : j["attributes"]) by_name[a["name"]] = a;
  ASSERT_TRUE(by_name.count("srcDevice_ip"));
  EXPECT_EQ(by_name["srcDevice_ip"]["enrichment"], "ip");
  ASSERT_TRUE(by_name.count("srcDevice_ip_countryCode"));
  EXPECT_EQ(by_name["srcDevice_ip_countryCode"]["enriched_from"], "srcDevice_ip");
  EXPECT_EQ(by_name["normalizedAction"]["enumeration"], "normalizedAction");
  auto actions = j["enumerations"]["normalizedAction"]["values"].get<std::vector<std::string>>();
  EXPECT_NE(std::find(actions.begin(), actions.end(), "allow"), actions.end());

  auto text = RunRecproc("schema");
  ASSERT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("record types:\n  Audit\n"), std::string::npos);
  EXPECT_NE(text.out.find("normalizedAction: allow"), std::string::npos) << text.out.substr(0, 400);
}

// --- run: stats and progress -------------------------------------------------

TEST(RunStats, StageTimeSharesInBothForms) {
  std::string input;
  for (int i = 0; i < 200; ++i)
    input += "{\"user\":\"u" + std::to_string(i) + "\",\"src_ip\":\"10.0.0.1\"}\n";
  auto r = RunRecproc("--stats=json --threads 1 --now 2024-01-01", input);
  ASSERT_EQ(r.exit_code, 0);
  auto j = nlohmann::json::parse(r.err);
  const auto& share = j["stage_time_share"];
  double sum = 0;
  for (const char* stage : {"parse", "map", "normalize", "enrich", "lists", "emit"}) {
    ASSERT_TRUE(share.contains(stage)) << stage;
    sum += share[stage].get<double>();
  }
  EXPECT_NEAR(sum, 1.0, 0.01);
  EXPECT_EQ(j["stage_timed_messages"], 4);  // messages 1, 65, 129, 193
  auto text = RunRecproc("--stats --now 2024-01-01", input);
  EXPECT_NE(text.err.find("stage time share (4 sampled messages): parse "), std::string::npos) << text.err;
}

TEST(RunProgress, NeverDrawnIntoAPipeOrFile) {
  TempDir dir;
  std::string input;
  for (int i = 0; i < 20000; ++i) input += "{\"user\":\"u" + std::to_string(i) + "\"}\n";
  std::string log = dir.Write("big.log", input);
  auto r = RunRecproc(log + " -o /dev/null");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err.find('\r'), std::string::npos);
  EXPECT_EQ(r.err, "");
}

// --- install -----------------------------------------------------------------

TEST(Install, InstalledBinaryManPageCompletionsAndContent) {
  TempDir dir;
  std::string build = fs::path(RECPROC_BINARY).parent_path().string();
  std::string cmd = "cmake --install " + build + " --prefix " + dir.path() + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  fs::path prefix = dir.path();
  EXPECT_TRUE(fs::exists(prefix / "share/man/man1/recproc.1"));
  EXPECT_TRUE(fs::exists(prefix / "share/bash-completion/completions/recproc"));
  EXPECT_TRUE(fs::exists(prefix / "share/zsh/vendor-completions/_recproc"));
  EXPECT_TRUE(fs::exists(prefix / "share/recproc/schemas/record_schema.yaml"));
  std::string installed_config = (prefix / "share/recproc/content/default/recproc.yaml").string();
  ASSERT_TRUE(fs::exists(installed_config));

  std::string bin = (prefix / "bin/recproc").string();
  FILE* p = popen((bin + " --version").c_str(), "r");
  ASSERT_NE(p, nullptr);
  char buf[256] = {};
  size_t n = fread(buf, 1, sizeof buf - 1, p);
  EXPECT_EQ(pclose(p), 0);
  EXPECT_EQ(std::string(buf, n), std::string("recproc ") + RECPROC_VERSION + "\n");
  // The installed default content loads as a config of its own.
  EXPECT_EQ(std::system((bin + " validate -q -c " + installed_config).c_str()), 0);
}

}  // namespace
}  // namespace recproc
