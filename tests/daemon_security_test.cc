// Security properties of `recproc daemon run` on the real binary: secrets
// given as ${env:NAME} / ${file:PATH} never reach the state directory,
// stderr, error messages or output records; files are created owner-only
// (or at least not group/world-writable) even under umask 000; an `exec`
// daemon's program sees a clean environment plus its declared params; and
// writes cannot be steered outside the configured directories (names, `..`,
// symlinks). TLS verification by default is covered by
// HttpClient.VerifiesTlsByDefaultAndAcceptsAPrivateCa (net_daemons_test.cc).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "e2e_util.h"

namespace recproc::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kEnvSecret = "EnvS3cretValue42";
constexpr const char* kFileSecret = "FileS3cretValue77";
constexpr const char* kT0 = "2026-01-01T00:10:00Z";

mode_t ModeOf(const fs::path& p) {
  struct stat st {};
  EXPECT_EQ(lstat(p.c_str(), &st), 0) << p;
  return st.st_mode & 07777;
}

class DaemonSecurity : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/recproc_daemon_sec_XXXXXX";
    root_ = mkdtemp(tmpl);
    state_ = root_ / "state";
    out_ = root_ / "out";
    setenv("RD_SEC_TOKEN", kEnvSecret, 1);
    Spit(root_ / "password.txt", std::string(kFileSecret) + "\n");
  }
  void TearDown() override {
    unsetenv("RD_SEC_TOKEN");
    unsetenv("RD_SEC_MARKER");
    fs::remove_all(root_);
  }

  CommandResult Daemon(const std::string& verb, const fs::path& yaml) {
    return RunRecproc("daemon " + verb + " " + yaml.string() + " --now " + kT0 + " --state-dir " +
                      state_.string());
  }

  // Every regular file below `dir` with its content.
  static std::map<std::string, std::string> FilesUnder(const fs::path& dir) {
    std::map<std::string, std::string> files;
    if (!fs::exists(dir)) return files;
    for (const auto& e : fs::recursive_directory_iterator(dir))
      if (e.is_regular_file()) files[e.path().string()] = Slurp(e.path());
    return files;
  }

  // Fails for every place in `where` (name -> text) that holds a secret.
  static void ExpectNoSecret(const std::map<std::string, std::string>& where) {
    for (const auto& [name, text] : where) {
      EXPECT_EQ(text.find(kEnvSecret), std::string::npos) << name << " holds the env secret:\n" << text;
      EXPECT_EQ(text.find(kFileSecret), std::string::npos) << name << " holds the file secret:\n" << text;
    }
  }

  fs::path root_, state_, out_;
};

// The resolved params are secrets: nothing derived from them (the state,
// its sidecars, the batch, the log line, `daemon status`) may hold them.
TEST_F(DaemonSecurity, SecretsNeverReachStateLogsOrRecords) {
  fs::path d = root_ / "s.yaml";
  Spit(d, "version: 1\nname: leaky\ntype: exec\nschedule: {every: 5m}\n"
          "params:\n"
          "  command: [/bin/sh, -c, 'echo \"using $TOKEN and $PASS\" >&2; "
          "printf \"[{\\\"id\\\":\\\"a\\\",\\\"ts\\\":\\\"2026-01-01T00:00:01Z\\\",\\\"n\\\":%s}]\" "
          "\"$(( $(printf %s \"$TOKEN\" | wc -c) ))\"']\n"
          "  TOKEN: '${env:RD_SEC_TOKEN}'\n"
          "  PASS: '${file:password.txt}'\n"
          "cursor: {field: ts}\n"
          "dedup: {key: \"{id}|{n}\"}\n"
          "mapping: {id: id, ts: ts, n: n}\n"
          "output: {sink: 'dir:" + out_.string() + "'}\n");
  CommandResult r = Daemon("run", d);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, std::string> outputs = FilesUnder(out_);
  ASSERT_EQ(outputs.size(), 1u);
  // The program did get the secret: its length came back.
  EXPECT_NE(outputs.begin()->second.find("\"n\":16"), std::string::npos) << outputs.begin()->second;
  std::map<std::string, std::string> places = FilesUnder(state_);
  EXPECT_FALSE(places.empty());
  places.insert(outputs.begin(), outputs.end());
  places["stderr of run"] = r.err;
  places["stdout of run"] = r.out;
  CommandResult status = Daemon("status", d);
  places["stdout of status"] = status.out;
  places["stderr of status"] = status.err;
  ExpectNoSecret(places);
}

// A source that echoes a secret into its items (a script printing its
// token, an API reflecting the query) must not carry it into the records or
// the dedup keys kept in the state. Disabled: items are not scrubbed yet;
// the scrub belongs where the cycle receives the fetched items
// (daemon/cycle.cc, DaemonDefinition::Scrub over each item's strings).
TEST_F(DaemonSecurity, SecretsEchoedIntoItemsAreScrubbed) {
  fs::path d = root_ / "s.yaml";
  Spit(d, "version: 1\nname: leaky\ntype: exec\nschedule: {every: 5m}\n"
          "params:\n"
          "  command: [/bin/sh, -c, '"
          "printf \"[{\\\"id\\\":\\\"a\\\",\\\"ts\\\":\\\"2026-01-01T00:00:01Z\\\",\\\"note\\\":\\\"t=%s p=%s\\\"}]\" "
          "\"$TOKEN\" \"$PASS\"']\n"
          "  TOKEN: '${env:RD_SEC_TOKEN}'\n"
          "  PASS: '${file:password.txt}'\n"
          "cursor: {field: ts}\n"
          "dedup: {key: \"{id}|{note}\"}\n"
          "mapping: {id: id, ts: ts, note: note}\n"
          "output: {sink: 'dir:" + out_.string() + "'}\n");
  CommandResult r = Daemon("run", d);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, std::string> places = FilesUnder(state_);
  std::map<std::string, std::string> outputs = FilesUnder(out_);
  ASSERT_EQ(outputs.size(), 1u);
  EXPECT_NE(outputs.begin()->second.find("t=*** p=***"), std::string::npos) << outputs.begin()->second;
  places.insert(outputs.begin(), outputs.end());
  ExpectNoSecret(places);
}

// A failing cycle's error text (the program's first stderr line) is kept in
// the state as last_error and printed; neither may carry a secret.
TEST_F(DaemonSecurity, FailingProgramsErrorTextIsScrubbed) {
  fs::path d = root_ / "f.yaml";
  Spit(d, "version: 1\nname: failing\ntype: exec\nschedule: {every: 5m}\n"
          "params:\n"
          "  command: [/bin/sh, -c, 'echo \"auth failed: token=$TOKEN password=$PASS\" >&2; exit 3']\n"
          "  TOKEN: '${env:RD_SEC_TOKEN}'\n"
          "  PASS: '${file:password.txt}'\n");
  CommandResult r = Daemon("run", d);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("auth failed"), std::string::npos) << r.err;
  std::map<std::string, std::string> places = FilesUnder(state_);
  EXPECT_FALSE(places.empty());
  places["stderr of run"] = r.err;
  CommandResult status = Daemon("status", d);
  places["stdout of status"] = status.out;
  places["stderr of status"] = status.err;
  ExpectNoSecret(places);
}

// An HTTP source that cannot connect: the error names the URL, but not the
// token in its query, the user:password in it, the Basic-auth password or a
// secret header value.
TEST_F(DaemonSecurity, HttpErrorsNameNoCredentials) {
  for (const std::string& url :
       {std::string("http://127.0.0.1:1/v1/alerts?api_key=${env:RD_SEC_TOKEN}"),
        std::string("http://user:${env:RD_SEC_TOKEN}@127.0.0.1:1/v1/alerts")}) {
    fs::path d = root_ / "h.yaml";
    Spit(d, "version: 1\nname: api\ntype: http_json\nschedule: {every: 5m}\n"
            "params:\n"
            "  url: '" + url + "'\n"
            "  username: soc\n"
            "  password: '${file:password.txt}'\n"
            "  headers: {X-Api-Key: '${env:RD_SEC_TOKEN}'}\n"
            "  retries: 0\n"
            "  connect_timeout: 2s\n");
    CommandResult r = Daemon("run", d);
    EXPECT_NE(r.exit_code, 0) << url;
    EXPECT_NE(r.err.find("127.0.0.1"), std::string::npos) << r.err;
    std::map<std::string, std::string> places = FilesUnder(state_);
    EXPECT_FALSE(places.empty());
    places["stderr of run with " + url] = r.err;
    places["stdout of run with " + url] = r.out;
    ExpectNoSecret(places);
    fs::remove_all(state_);
  }
}

// Under umask 000 the state, its lock and the daemon's sidecars are
// owner-only; output batches and directories are not group/world-writable.
TEST_F(DaemonSecurity, FilesAreCreatedWithRestrictiveModesUnderUmask000) {
  Spit(root_ / "feed.csv", "# first_seen,dst_ip\n2026-01-01,192.0.2.1\n2026-01-01,192.0.2.2\n");
  fs::path d = root_ / "m.yaml";
  Spit(d, "version: 1\nname: modes\ntype: list_feed\nschedule: {every: 5m}\n"
          "params: {path: feed.csv, key: dst_ip}\n"
          "dedup: {key: \"{key}\"}\n"
          "output: {sink: 'dir:" + out_.string() + "'}\n");
  mode_t old = umask(0);
  CommandResult r = Daemon("run", d);
  umask(old);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  size_t state_files = 0, outputs = 0;
  for (const auto& e : fs::recursive_directory_iterator(state_)) {
    mode_t mode = ModeOf(e.path());
    if (e.is_directory()) {
      EXPECT_EQ(mode & 022, 0u) << e.path() << " mode " << std::oct << mode;
    } else {
      ++state_files;
      EXPECT_EQ(mode, 0600u) << e.path() << " mode " << std::oct << mode;
    }
  }
  EXPECT_GE(state_files, 2u);  // the state and the snapshot sidecar at least
  EXPECT_EQ(ModeOf(state_) & 022, 0u);
  for (const auto& e : fs::directory_iterator(out_)) {
    ++outputs;
    mode_t mode = ModeOf(e.path());
    EXPECT_EQ(mode & 0133, 0u) << e.path() << " mode " << std::oct << mode;
  }
  EXPECT_EQ(outputs, 1u);
  EXPECT_EQ(ModeOf(out_) & 022, 0u) << std::oct << ModeOf(out_);
}

// The program of an `exec` daemon sees its declared params and the RECPROC_*
// variables, a system PATH, and nothing else of recproc's environment.
TEST_F(DaemonSecurity, ExecChildSeesACleanEnvironment) {
  setenv("RD_SEC_MARKER", "inherited-from-parent", 1);
  fs::path env_dump = root_ / "env.txt";
  fs::path d = root_ / "e.yaml";
  Spit(d, "version: 1\nname: envcheck\ntype: exec\nschedule: {every: 5m}\n"
          "params:\n"
          "  command: [/bin/sh, -c, 'env > \"$DUMP\"; echo \"[]\"']\n"
          "  DUMP: " + env_dump.string() + "\n"
          "  DECLARED: yes-declared\n");
  CommandResult r = Daemon("run", d);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, std::string> env;
  std::istringstream in(Slurp(env_dump));
  for (std::string line; std::getline(in, line);) {
    size_t eq = line.find('=');
    if (eq != std::string::npos) env[line.substr(0, eq)] = line.substr(eq + 1);
  }
  EXPECT_EQ(env.count("RD_SEC_MARKER"), 0u);
  EXPECT_EQ(env.count("RD_SEC_TOKEN"), 0u);
  EXPECT_EQ(env["DECLARED"], "yes-declared");
  EXPECT_EQ(env["DUMP"], env_dump.string());
  EXPECT_EQ(env["RECPROC_DAEMON"], "envcheck");
  ASSERT_EQ(env.count("PATH"), 1u);
  // Sane: absolute directories only (no "", "." or relative entries), /usr/bin among them.
  std::string path = env["PATH"];
  bool has_usr_bin = false;
  std::istringstream parts(path);
  for (std::string dir; std::getline(parts, dir, ':');) {
    EXPECT_TRUE(!dir.empty() && dir[0] == '/') << "PATH entry '" << dir << "' in " << path;
    has_usr_bin = has_usr_bin || dir == "/usr/bin";
  }
  EXPECT_TRUE(has_usr_bin) << path;
  for (const auto& [k, v] : env)
    EXPECT_TRUE(k == "PATH" || k == "PWD" || k == "SHLVL" || k == "_" || k == "DUMP" || k == "DECLARED" ||
                k.rfind("RECPROC_", 0) == 0)
        << "unexpected variable " << k << "=" << v;
}

// Names that would put a file outside its directory are refused at load:
// a daemon name with a path in it (it names the state, lock and batch
// files) and a relative threat-list path climbing out of the config dir.
TEST_F(DaemonSecurity, NamesAndRelativePathsCannotClimbOut) {
  fs::path d = root_ / "n.yaml";
  for (const std::string name : {"../escape", "a/b", "/abs", ".hidden", ".."}) {
    Spit(d, "version: 1\nname: '" + name + "'\ntype: exec\nschedule: {every: 5m}\n"
            "params: {command: [/bin/echo, '[]']}\n");
    CommandResult r = Daemon("validate", d);
    EXPECT_EQ(r.exit_code, 2) << name << "\n" << r.err;
  }
  Spit(d, "version: 1\nname: intel\ntype: taxii21\nschedule: {every: 5m}\n"
          "params:\n  api_root: http://127.0.0.1:1/api1/\n  collection: c\n"
          "  threat_list: {path: ../../escaped.ndjson}\n");
  CommandResult r = Daemon("validate", d);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("threat_list"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(root_.parent_path().parent_path() / "escaped.ndjson"));
}

// Item content never names a file: an item whose fields look like paths
// ends up as data in the one batch file inside the output directory.
TEST_F(DaemonSecurity, ItemDerivedValuesDoNotNameFiles) {
  fs::path d = root_ / "i.yaml";
  Spit(d, "version: 1\nname: items\ntype: exec\nschedule: {every: 5m}\n"
          "params:\n  command: [/bin/echo, '[{\"id\":\"../../x\",\"name\":\"/etc/passwd\",\"run_id\":\"../y\"}]']\n"
          "dedup: {key: \"{id}\"}\n"
          "output: {sink: 'dir:" + out_.string() + "'}\n");
  CommandResult r = Daemon("run", d);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(out_)) names.push_back(e.path().filename().string());
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names[0].rfind("items-", 0), 0u) << names[0];
  EXPECT_EQ(names[0].find('/'), std::string::npos);
  EXPECT_FALSE(fs::exists(root_ / "x"));
  EXPECT_FALSE(fs::exists(root_ / "y"));
  for (const auto& e : fs::directory_iterator(root_)) {
    std::string f = e.path().filename().string();
    EXPECT_TRUE(f == "i.yaml" || f == "state" || f == "out" || f == "password.txt") << f;
  }
}

// A symlink planted at the file sink's target (or at the daemon's lock)
// must not redirect the write to the file it points at.
TEST_F(DaemonSecurity, SymlinkAtTheTargetIsNotFollowed) {
  fs::path victim = root_ / "victim.txt";
  Spit(victim, "precious\n");
  fs::create_directories(out_);
  fs::path target = out_ / "alerts.jsonl";
  fs::create_symlink(victim, target);
  fs::path d = root_ / "l.yaml";
  Spit(d, "version: 1\nname: linked\ntype: exec\nschedule: {every: 5m}\n"
          "params:\n  command: [/bin/echo, '[{\"id\":\"a\"}]']\n"
          "output: {sink: 'file:" + target.string() + "'}\n");
  CommandResult r = Daemon("run", d);
  EXPECT_NE(r.exit_code, 0) << r.err;
  EXPECT_EQ(Slurp(victim), "precious\n");

  // A dangling symlink where the lock file goes: following it would create
  // the file it names.
  fs::remove(target);
  fs::create_directories(state_);
  fs::remove(state_ / "linked.lock");  // the first run's lock file
  fs::path planted = root_ / "planted-by-lock";
  fs::create_symlink(planted, state_ / "linked.lock");
  r = Daemon("run", d);
  EXPECT_FALSE(fs::exists(planted)) << r.err;
}

}  // namespace
}  // namespace recproc::testing
