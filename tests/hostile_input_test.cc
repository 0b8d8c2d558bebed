// Hostile input: what an attacker or a broken device can put in a log file or
// a config must end as a FailedRecord or a clear error, never as a crash, a
// hang, invalid JSON or a lost line. Most cases run the real binary, since
// the promise (SPEC §4: nothing is lost, counts add up, output is valid
// UTF-8 JSON) is about the whole run; the truncation sweep also runs in
// process so the sanitizer build sees every parser read.
#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "config/root_config.h"
#include "e2e_util.h"
#include "lists/csv_list_loader.h"
#include "parse/parse_stage.h"
#include "test_paths.h"

namespace recproc::testing {
namespace {

namespace fs = std::filesystem;

// A per-process scratch directory, removed at the end of each test.
class HostileInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("recproc_hostile_" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& content) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  // A root config using the built-in schema, parsers and mappings plus `extra`.
  std::string Config(const std::string& extra) {
    return Write("recproc.yaml",
                 "version: 1\nparsers: [builtin:content/default/parsers.yaml]\n"
                 "mappings: [builtin:content/default/mappings/]\n" +
                     extra);
  }

  fs::path dir_;
};

// The --stats=json object: the last stderr line that is a JSON object.
nlohmann::json StatsOf(const CommandResult& r) {
  std::istringstream in(r.err);
  std::string line, last;
  while (std::getline(in, line))
    if (!line.empty() && line[0] == '{') last = line;
  return nlohmann::json::parse(last);
}

// Lines in = mapped messages + failed records, and one output line per
// record; every output line is valid JSON (nlohmann rejects invalid UTF-8).
void ExpectAccountingHolds(const CommandResult& r) {
  nlohmann::json stats = StatsOf(r);
  EXPECT_EQ(stats["lines_in"].get<uint64_t>(),
            stats["mapped_messages"].get<uint64_t>() + stats["failed_records"].get<uint64_t>())
      << r.err;
  std::vector<nlohmann::json> lines;
  ASSERT_NO_THROW(lines = JsonLines(r.out));
  EXPECT_EQ(lines.size(), stats["records_out"].get<uint64_t>() + stats["failed_records"].get<uint64_t>());
}

TEST_F(HostileInputTest, InvalidUtf8IsEscapedOrReplacedNeverPassedThrough) {
  std::string input =
      "{\"user\":\"caf\xc3\xa9\",\"bad\":\"\xff\xfe\"}\n"   // JSON with invalid bytes in a string
      "{\"overlong\":\"\xc0\xaf\",\"surrogate\":\"\xed\xa0\x80\"}\n"
      "CEF:0|V\xff|P|1|id|name|5|src=10.0.0.1 msg=\xe2\x82\n"  // truncated sequence
      "<13>Jan  1 00:00:00 host app: \x80\x81\x82 user=\xf5\x80\x80\x80\n"
      "\xfe\xff\xfe\xff\n";
  CommandResult r = RunRecproc("--stats=json --now 2026-01-01T00:00:00Z", input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectAccountingHolds(r);
  auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 5u) << r.out;
  // The JSON parser refuses invalid UTF-8 (FailedRecord); the raw text is
  // kept with the valid sequences intact and the invalid bytes replaced.
  EXPECT_EQ(lines[0]["objectType"], "FailedRecord");
  EXPECT_NE(lines[0]["raw"].get<std::string>().find("caf\xc3\xa9"), std::string::npos) << lines[0]["raw"];
  for (const auto& line : lines) {
    EXPECT_NE(line.dump(), "");  // dump() throws on invalid UTF-8
    if (line.contains("raw")) {
      EXPECT_EQ(line["raw"].get<std::string>().find('\xff'), std::string::npos);
    }
  }
}

TEST_F(HostileInputTest, NulBytesInsideLinesKeepTheLineAndValidJson) {
  std::string input("{\"a\":\"x\\u0000y\",\"b\":1}\nkey=va\0lue other=1\n\0\0\0\nCEF:0|V|P|1|id|n|5|src=1\0.2\n", 60);
  CommandResult r = RunRecproc("--stats=json --now 2026-01-01T00:00:00Z", input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectAccountingHolds(r);
  auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 4u) << r.out;
  for (size_t i = 0; i < lines.size(); ++i) EXPECT_EQ(lines[i]["metadata_sourceLine"], i + 1);
}

TEST_F(HostileInputTest, HundredMegabyteLineIsAFailedRecordAndTheNextLineStillCounts) {
  std::string path = (dir_ / "huge.log").string();
  {
    std::ofstream f(path, std::ios::binary);
    f << "{\"first\":1}\n";
    std::string chunk(1 << 20, 'x');
    for (int i = 0; i < 100; ++i) f << chunk;
    f << "\n{\"after\":2}\n";
  }
  CommandResult r = RunRecproc("--stats=json --now 2026-01-01T00:00:00Z " + path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectAccountingHolds(r);
  auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1]["objectType"], "FailedRecord");
  EXPECT_EQ(lines[1]["failureStage"], "read");
  EXPECT_NE(lines[1]["failureReason"].get<std::string>().find("line too long: 104857600 bytes"), std::string::npos)
      << lines[1]["failureReason"];
  EXPECT_LT(lines[1]["raw"].get<std::string>().size(), 4096u);  // a preview, not the line
  EXPECT_EQ(lines[2]["fields"]["after"], "2");
  EXPECT_EQ(lines[2]["metadata_sourceLine"], 3);
}

TEST_F(HostileInputTest, MillionFieldsOnOneLineExceedTheFieldLimit) {
  std::string config = Config("limits: {max_line_bytes: 16777216}\n");
  std::string kv, json = "{";
  for (int i = 0; i < 1000000; ++i) kv += "k=v ";
  for (int i = 0; i < 1000000; ++i) json += (i ? ",\"k\":1" : "\"k\":1");
  json += "}";
  CommandResult r = RunRecproc("--stats=json --now 2026-01-01T00:00:00Z -c " + config,
                               kv + "\n" + json + "\n{\"ok\":1}\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectAccountingHolds(r);
  auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 3u);
  for (int i : {0, 1}) {
    EXPECT_EQ(lines[i]["objectType"], "FailedRecord");
    EXPECT_NE(lines[i]["failureReason"].get<std::string>().find("more than 10000 fields"), std::string::npos)
        << lines[i]["failureReason"];
  }
  EXPECT_EQ(lines[2]["fields"]["ok"], "1");
}

TEST_F(HostileInputTest, JsonNestedHundredThousandDeepIsAFailedRecord) {
  std::string arrays = std::string(100000, '[') + std::string(100000, ']');
  std::string objects;
  for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
  objects += "1" + std::string(100000, '}');
  CommandResult r = RunRecproc("--stats=json --now 2026-01-01T00:00:00Z", arrays + "\n" + objects + "\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectAccountingHolds(r);
  auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  for (const auto& line : lines) EXPECT_EQ(line["objectType"], "FailedRecord");
  EXPECT_NE(lines[1]["failureReason"].get<std::string>().find("nested deeper than 64"), std::string::npos)
      << lines[1]["failureReason"];
}

const char* const kTruncationSamples[] = {
    "CEF:0|Security|threatmanager|1.0|100|worm successfully stopped|10|src=10.0.0.1 dst=2.1.2.2 "
    "spt=1232 msg=a\\=b\\\\c cs1Label=x cs1=y",
    "LEEF:2.0|Lancope|StealthWatch|1.0|41|^|src=10.0.1.8^dst=10.0.0.5^sev=5^cat=DDoS",
    "LEEF:1.0|QRadar|QRM|1.0|NEW_PORT_DISCOVERED|src=172.5.6.67\tdst=172.50.123.1\tsev=5",
    "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
    "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] \xEF\xBB\xBF" "An application event",
    "<34>Oct 11 22:14:15 mymachine su[123]: 'su root' failed for lonvick on /dev/pts/8",
    "<13>Jan  5 10:00:00 fw01 kernel: CEF:0|V|P|1|id|n|5|src=10.0.0.1",
    "{\"eventVersion\":\"1.08\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateUser\","
    "\"eventTime\":\"2026-01-01T00:00:00Z\",\"a\":[1,{\"b\":null}]}",
    "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='x'/>"
    "<EventID>4624</EventID></System><EventData><Data Name='TargetUserName'>bob</Data></EventData></Event>",
};

TEST_F(HostileInputTest, EveryPrefixOfStructuredLinesYieldsARecordOrAFailedRecord) {
  std::string input;
  size_t expected = 0;
  for (std::string_view sample : kTruncationSamples) {
    for (size_t n = 1; n <= sample.size(); ++n) {
      std::string_view prefix = sample.substr(0, n);
      if (prefix.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      input.append(prefix).push_back('\n');
      ++expected;
    }
  }
  CommandResult r = RunRecproc("--stats=json --now 2026-01-01T00:00:00Z", input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectAccountingHolds(r);
  auto stats = StatsOf(r);
  EXPECT_EQ(stats["lines_in"].get<size_t>(), expected);
}

// The same sweep in process: each prefix sits in its own exactly sized heap
// buffer, so under -fsanitize=address a read one byte too far is reported.
TEST_F(HostileInputTest, EveryPrefixParsesInProcessWithoutReadingPastTheEnd) {
  ConfigErrors errors;
  RootConfig config;
  ASSERT_TRUE(LoadRootConfig("builtin:content/default/recproc.yaml", &config, &errors)) << errors.ToString();
  std::unique_ptr<ParseStage> stage;
  ASSERT_TRUE(ParseStage::Build(config, "", &errors, &stage)) << errors.ToString();
  Arena arena;
  ParseLimits limits;
  ParsedMessage msg;
  size_t parsed = 0, failed = 0;
  for (std::string_view sample : kTruncationSamples) {
    for (size_t n = 0; n <= sample.size(); ++n) {
      std::unique_ptr<char[]> exact(new char[n]);
      std::copy_n(sample.data(), n, exact.get());
      ParseContext ctx{&arena, &limits, 1767225600000};
      Status s = stage->Parse(nullptr, std::string_view(exact.get(), n), ctx, &msg);
      if (s.ok()) {
        ++parsed;
        // Read every byte the views cover (reported by ASan if out of bounds).
        volatile size_t sum = 0;
        for (const Field& f : msg.fields)
          for (char c : f.value) sum = sum + static_cast<unsigned char>(c);
      } else {
        ++failed;
        EXPECT_FALSE(s.message().empty());
      }
      arena.Reset();
    }
    // The whole sample is a well-formed message of its format.
    ParseContext ctx{&arena, &limits, 1767225600000};
    EXPECT_TRUE(stage->Parse(nullptr, sample, ctx, &msg).ok()) << sample;
  }
  EXPECT_GT(parsed, 0u);
  EXPECT_GT(failed, 0u);
}

std::string Gzip(const std::string& text) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, text.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  zs.avail_in = static_cast<uInt>(text.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

TEST_F(HostileInputTest, CorruptGzipIsAnInputErrorAndTheNextFileIsStillRead) {
  std::string corrupt = Write("corrupt.log.gz", std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10) +
                                                    "this is not deflate data at all \xff\xff\xff\xff");
  std::string good = Write("good.log", "{\"n\":1}\n");
  CommandResult r = RunRecproc("--stats=json --now 2026-01-01T00:00:00Z " + corrupt + " " + good);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("corrupt.log.gz"), std::string::npos) << r.err;
  ExpectAccountingHolds(r);
  auto lines = JsonLines(r.out);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.back()["fields"]["n"], "1");
  EXPECT_EQ(lines.back()["metadata_sourceFile"], good);
}

TEST_F(HostileInputTest, TruncatedGzipKeepsTheLinesBeforeTheCutAndReportsIt) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "{\"n\":" + std::to_string(i) + ",\"pad\":\"" + std::to_string(i * 7919) + "\"}\n";
  std::string gz = Gzip(text);
  std::string cut = Write("cut.log.gz", gz.substr(0, gz.size() / 2));
  CommandResult r = RunRecproc("--stats=json --now 2026-01-01T00:00:00Z " + cut);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("cut.log.gz"), std::string::npos) << r.err;
  ExpectAccountingHolds(r);
  auto lines = JsonLines(r.out);
  ASSERT_GT(lines.size(), 100u);
  EXPECT_LT(lines.size(), 20000u);
  for (size_t i = 0; i + 1 < lines.size(); ++i) ASSERT_EQ(lines[i]["fields"]["n"], std::to_string(i));
}

TEST_F(HostileInputTest, CsvListWithBrokenQuotingReportsTheLine) {
  ListItems items;
  ConfigErrors errors;
  LoadValueCsv("value,description\n10.0.0.1,\"fine, quoted\"\n10.0.0.2,\"never closed\n10.0.0.3,x\n", "bad.csv",
               &items, &errors);
  ASSERT_FALSE(errors.empty());
  EXPECT_NE(errors.ToString().find("bad.csv:3"), std::string::npos) << errors.ToString();

  ListItems stray;
  ConfigErrors stray_errors;
  LoadValueCsv("value\n1.2.3.4\"x\"\"\n\"\"\"\n", "stray.csv", &stray, &stray_errors);
  EXPECT_FALSE(stray_errors.empty());
}

TEST_F(HostileInputTest, CsvListWithBrokenQuotingIsAConfigErrorThroughTheBinary) {
  Write("bad.csv", "value,description\n10.0.0.2,\"never closed\n");
  std::string config = Config("lists:\n  files:\n    - {name: Bad, path: bad.csv, format: csv, column: Ip}\n");
  CommandResult r = RunRecproc("-c " + config, "{\"a\":1}\n");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("bad.csv:2"), std::string::npos) << r.err;
}

// Nine levels of ten aliases each, defined inline where the value is
// used: 10^9 leaves when expanded.
std::string BillionLaughs(int level = 8) {
  if (level == 0) return "&a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]";
  std::string alias = ", *a" + std::to_string(level - 1);
  std::string y = "&a" + std::to_string(level) + " [" + BillionLaughs(level - 1);
  for (int j = 0; j < 9; ++j) y += alias;
  return y + "]";
}

TEST_F(HostileInputTest, YamlBillionLaughsIsRejectedWithoutExpandingIt) {
  std::string bomb = BillionLaughs();
  fs::create_directories(dir_ / "m");
  Write("m/m.yaml", "uid: u1\nname: T\ninput: {vendor: V, product: P, event_id_pattern: _default_}\n"
                    "output: {record_type: Audit}\nskipped_values: " + bomb +
                        "\nfield_mappings:\n  user_username: {value: user, alternate_values: " + bomb + "}\n");
  Write("l.yaml", "name: L\ncolumn: Ip\nitems: " + bomb + "\n");
  struct Case {
    std::string config, file;
  } cases[] = {
      {"version: 1\nunknown: " + bomb + "\n", "recproc.yaml"},
      {"version: 1\nmappings: [m/]\n", "m.yaml"},
      {"version: 1\nparsers:\n  - {name: p, format: json, vendor: V, product: P, when: {fields: " + bomb + "}}\n",
       "recproc.yaml"},
      {"version: 1\nlists:\n  files:\n    - {path: l.yaml}\n", "l.yaml"},
      {"version: 1\nlimits: {max_fields: " + bomb + "}\n", "recproc.yaml"},
      {"version: 1\nnormalization: {lookup_tables: " + bomb + "}\n", "recproc.yaml"},
  };
  for (const Case& c : cases) {
    std::string config = Write("recproc.yaml", c.config);
    CommandResult r = RunRecproc("-c " + config, "{\"a\":1}\n");
    EXPECT_EQ(r.exit_code, 2) << c.config.substr(0, 80) << ": " << r.err.substr(0, 2000);
    EXPECT_NE(r.err.find(c.file + ":"), std::string::npos) << c.config.substr(0, 80) << ": " << r.err.substr(0, 2000);
    EXPECT_LT(r.err.size(), 64u << 10) << c.config.substr(0, 80);  // errors are not repeated per expanded leaf
  }
}

TEST_F(HostileInputTest, DeeplyNestedYamlIsAConfigErrorNotAStackOverflow) {
  std::string config = Write("deep.yaml", "version: 1\nparsers: " + std::string(100000, '[') + "\n");
  CommandResult r = RunRecproc("-c " + config, "{}\n");
  EXPECT_EQ(r.exit_code, 2) << r.err.substr(0, 2000);
  EXPECT_NE(r.err.find("deep.yaml"), std::string::npos) << r.err.substr(0, 2000);
}

// Numbers past int64/double range: the JSON parser (simdjson 3.0 DOM)
// refuses integers above 2^64 and doubles out of range, which gives a
// FailedRecord with the raw text; numbers it accepts keep their exact text.
// Other formats carry numbers as text and map them with coercion.
TEST_F(HostileInputTest, HugeNumbersGiveARecordOrAFailedRecordAndValidJson) {
  std::string digits(400, '9');
  std::string input = "{\"big\":" + digits + "}\n{\"exp\":1e999999}\n{\"neg\":-0.0,\"tiny\":1e-999999}\n" +
                      "CEF:0|V|P|1|id|n|" + digits + "|spt=" + digits + " cnt=-99999999999999999999 src=10.0.0.1\n" +
                      "<999999999999>1 2026-01-01T00:00:00Z h a - - - x\n" +
                      "<13>1 99999-99-99T99:99:99.9999999999Z h a 99999999999999999999 - - x\n";
  CommandResult r = RunRecproc("--stats=json --now 2026-01-01T00:00:00Z", input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectAccountingHolds(r);
  auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 6u);
  // JSON numbers beyond 64 bits are kept as written.
  EXPECT_EQ(lines[0]["fields"]["big"], digits);
  EXPECT_EQ(lines[1]["fields"]["exp"], "1e999999");
  EXPECT_EQ(lines[2]["fields"]["neg"], "-0.0");
  EXPECT_EQ(lines[2]["fields"]["tiny"], "1e-999999");
  EXPECT_EQ(lines[3]["fields"]["spt"], digits);
}

TEST_F(HostileInputTest, HugeNumbersOnTheCommandLineAndInConfigAreUsageErrors) {
  EXPECT_EQ(RunRecproc("--threads 99999999999999999999").exit_code, 2);
  EXPECT_EQ(RunRecproc("--now 99999999999999999999999").exit_code, 2);
  std::string config = Config("limits: {max_fields: 99999999999999999999999}\n");
  CommandResult r = RunRecproc("-c " + config, "{}\n");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("recproc.yaml:4"), std::string::npos) << r.err;
}

TEST_F(HostileInputTest, BacktrackingRegexInConfigRunsInLinearTime) {
  // Catastrophic for a backtracking engine on a long run of 'a' with no
  // final 'b'; RE2 answers in one pass, so the run simply completes.
  std::string config = Write(
      "recproc.yaml",
      "version: 1\nmappings: [builtin:content/default/mappings/]\nparsers:\n  - name: evil\n    format: regex\n"
      "    options: {pattern: '(?P<x>(a+)+)+b', require_full_match: true}\n    vendor: V\n    product: P\n");
  std::string line(100000, 'a');
  CommandResult r = RunRecproc("--stats=json --parser evil -c " + config, line + "\n" + line + "b\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectAccountingHolds(r);
  auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["objectType"], "FailedRecord");
  EXPECT_EQ(lines[0]["failureStage"], "parse");
}

TEST_F(HostileInputTest, BackreferencesAreAConfigErrorNotABacktrackingEngine) {
  std::string config =
      Write("recproc.yaml", "version: 1\nparsers:\n  - name: backref\n    format: regex\n    options: {pattern: '(a*)\\1b'}\n");
  CommandResult r = RunRecproc("-c " + config, "aaaa\n");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("recproc.yaml:5"), std::string::npos) << r.err;
}

// With verify_data every corrupt database is refused at load (exit 2, the
// file named). With the default quick checks, damage in a data record may
// only show when a lookup reaches it: then the run must still complete with
// valid output and the counts adding up.
TEST_F(HostileInputTest, EveryCorruptMmdbIsAConfigErrorOrHarmless) {
  fs::path bad = fs::path(RECPROC_SHARED_DIR) / "corpus/maxmind-db/bad-data";
  if (!fs::exists(bad)) GTEST_SKIP() << "corpus not found at " << bad << "; skipping the corrupt .mmdb sweep";
  std::string input;
  for (int a = 1; a < 255; a += 2) input += "{\"src_ip\":\"" + std::to_string(a) + ".1.1.1\",\"dst_ip\":\"::" +
                                            std::to_string(a) + ":1\"}\n";
  size_t checked = 0, refused_by_default = 0;
  for (const auto& entry : fs::recursive_directory_iterator(bad)) {
    if (entry.path().extension() != ".mmdb") continue;
    std::string name = entry.path().filename().string();
    std::string verified = Config("enrichment: {geoip: {city: " + entry.path().string() + ", verify_data: true}}\n");
    CommandResult r = RunRecproc("-c " + verified, input);
    EXPECT_EQ(r.exit_code, 2) << name << "\n" << r.err;
    EXPECT_NE(r.err.find(name), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("recproc.yaml:4"), std::string::npos) << r.err;

    std::string quick = Config("enrichment: {geoip: {city: " + entry.path().string() + "}}\n");
    CommandResult q = RunRecproc("--stats=json --now 1767225600 -c " + quick, input);
    if (q.exit_code == 2) {
      ++refused_by_default;
      EXPECT_NE(q.err.find(name), std::string::npos) << q.err;
    } else {
      EXPECT_EQ(q.exit_code, 0) << name << "\n" << q.err;
      ExpectAccountingHolds(q);
    }
    ++checked;
  }
  EXPECT_EQ(checked, 21u);
  std::cout << "[ INFO     ] corrupt .mmdb refused at load: " << checked << "/" << checked
            << " with verify_data, " << refused_by_default << "/" << checked << " with the default checks\n";
}

}  // namespace
}  // namespace recproc::testing
