// A throw-away PostgreSQL 15 server for tests: initdb into a temp dir, start
// it with pg_ctl on 127.0.0.1 and a free port, stop it and delete the dir in
// Stop(). initdb refuses to run as root, so as root the binaries run as the
// `postgres` user through runuser and the temp dir is handed to that user.
#ifndef RECPROC_TESTS_PG_SERVER_H_
#define RECPROC_TESTS_PG_SERVER_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "loopback.h"

namespace recproc::testing {

class PgServer {
 public:
  static constexpr const char* kBinDir = "/usr/lib/postgresql/15/bin";

  // Empty when the server binaries are installed, else why they are not usable.
  static std::string Unavailable() {
    if (!std::filesystem::exists(std::string(kBinDir) + "/initdb") ||
        !std::filesystem::exists(std::string(kBinDir) + "/pg_ctl"))
      return std::string("PostgreSQL 15 server binaries not found in ") + kBinDir +
             " (Debian package postgresql-15)";
    if (geteuid() == 0 && getpwnam("postgres") == nullptr)
      return "running as root and there is no 'postgres' user";
    return "";
  }

  // Starts the server; false (with *error set) on failure.
  bool Start(std::string* error) {
    char tmpl[] = "/tmp/recproc_pg_XXXXXX";
    if (mkdtemp(tmpl) == nullptr) return Fail("mkdtemp failed", error);
    dir_ = tmpl;
    if (geteuid() == 0) {
      passwd* pw = getpwnam("postgres");
      if (chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) return Fail("chown failed", error);
      as_ = "runuser -u postgres -- ";
    }
    port_ = FreeLoopbackPort();
    std::string data = dir_ + "/data";
    if (Sh(std::string(kBinDir) + "/initdb -D " + data +
           " -A trust -U postgres -E UTF8 --locale=C --no-sync") != 0)
      return Fail("initdb failed (see " + dir_ + "/cmd.log)", error);
    std::string opts =
        "-c listen_addresses=127.0.0.1 -p " + std::to_string(port_) + " -k " + dir_ + " -c fsync=off";
    if (Sh(std::string(kBinDir) + "/pg_ctl -D " + data + " -l " + dir_ + "/server.log -w -t 60 -o '" + opts +
           "' start") != 0)
      return Fail("pg_ctl start failed (see " + dir_ + "/server.log)", error);
    running_ = true;
    return true;
  }

  void Stop() {
    if (running_) Sh(std::string(kBinDir) + "/pg_ctl -D " + dir_ + "/data -m immediate -w stop");
    running_ = false;
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    dir_.clear();
  }

  ~PgServer() { Stop(); }

  // The same server as a URL, the form the incident store's --db accepts.
  std::string Url() const { return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/postgres"; }

  std::string Dsn() const {
    return "host=127.0.0.1 port=" + std::to_string(port_) +
           " user=postgres dbname=postgres connect_timeout=10";
  }

 private:
  int Sh(const std::string& cmd) const {
    std::string full = as_ + cmd + " >>" + dir_ + "/cmd.log 2>&1";
    return std::system(full.c_str());
  }

  bool Fail(const std::string& what, std::string* error) {
    *error = what;
    return false;
  }

  std::string dir_, as_;
  int port_ = 0;
  bool running_ = false;
};

}  // namespace recproc::testing

#endif  // RECPROC_TESTS_PG_SERVER_H_
