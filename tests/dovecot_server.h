// A throw-away Dovecot IMAP server for tests: loopback only, a random free
// port, its own config, passwd-file (user "tester", password "secret") and
// maildir under a temp directory; started in Start(), stopped in Stop() or
// the destructor. The system's dovecot configuration is never read.
// Also a minimal raw IMAP client so tests seed and inspect the mailbox
// independently of the code under test.
#ifndef RECPROC_TESTS_DOVECOT_SERVER_H_
#define RECPROC_TESTS_DOVECOT_SERVER_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "loopback.h"

namespace recproc::testing {

inline const char* kDovecotBinary = "/usr/sbin/dovecot";
inline const char* kDoveadmBinary = "/usr/bin/doveadm";

// A blocking IMAP connection speaking raw protocol text.
class RawImap {
 public:
  explicit RawImap(int port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
      close(fd_);
      fd_ = -1;
      return;
    }
    ReadUntil("\r\n");  // greeting
  }
  ~RawImap() {
    if (fd_ >= 0) {
      Command("LOGOUT");
      close(fd_);
    }
  }
  bool connected() const { return fd_ >= 0; }

  // Sends "<tag> <text>" and returns everything up to and including the
  // tagged completion line.
  std::string Command(const std::string& text) {
    std::string tag = "T" + std::to_string(++tag_);
    std::string wire = tag + " " + text + "\r\n";
    if (write(fd_, wire.data(), wire.size()) < 0) return "";
    return ReadUntil("\r\n" + tag + " ", true);
  }

  // APPENDs `message` with `flags` ("" or "\\Seen") using a LITERAL+ literal.
  std::string Append(const std::string& mailbox, const std::string& message, const std::string& flags = "") {
    std::string cmd = "APPEND " + mailbox + (flags.empty() ? "" : " (" + flags + ")") + " {" +
                      std::to_string(message.size()) + "+}\r\n" + message;
    return Command(cmd);
  }

 private:
  // Reads until `marker` and then to the end of that line.
  std::string ReadUntil(const std::string& marker, bool whole_line_after = false) {
    std::string got;
    char c;
    size_t found = std::string::npos;
    while (read(fd_, &c, 1) == 1) {
      got.push_back(c);
      std::string probe = "\r\n" + got;  // lets a tagged line at the very start match
      if (found == std::string::npos) {
        size_t at = probe.find(marker);
        if (at != std::string::npos) found = at;
        if (found != std::string::npos && !whole_line_after) break;
      } else if (c == '\n') {
        break;
      }
    }
    return got;
  }

  int fd_ = -1;
  int tag_ = 0;
};

class DovecotServer {
 public:
  ~DovecotServer() { Stop(); }

  static bool Installed() { return access(kDovecotBinary, X_OK) == 0 && access(kDoveadmBinary, X_OK) == 0; }

  // Starts the server and logs in once to prove it is ready. False on failure
  // (details in log()).
  bool Start() {
    char tmpl[] = "/tmp/recproc_dovecot_XXXXXX";
    root_ = mkdtemp(tmpl);
    namespace fs = std::filesystem;
    for (const char* d : {"run", "state", "mail"}) fs::create_directories(root_ / d);
    port_ = FreeLoopbackPort();
    std::string t = root_.string();
    std::ofstream(root_ / "users") << "tester:{PLAIN}secret\n";
    std::ofstream(root_ / "dovecot.conf")
        << "protocols = imap\nlisten = 127.0.0.1\nbase_dir = " << t << "/run\nstate_dir = " << t
        << "/state\nlog_path = " << t << "/dovecot.log\nssl = no\ndisable_plaintext_auth = no\n"
        << "auth_mechanisms = plain login\nmail_location = maildir:" << t << "/mail/%u\n"
        << "passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u " << t << "/users\n}\n"
        << "userdb {\n  driver = static\n  args = uid=mail gid=mail home=" << t << "/mail/%u\n}\n"
        << "service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = " << port_
        << "\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}\n"
        << "default_login_user = dovenull\ndefault_internal_user = dovecot\nfirst_valid_uid = 0\n";
    // Mail processes run as `mail` (uid 0 is refused), so the maildir must be theirs.
    if (Shell("chown -R mail:mail " + (root_ / "mail").string() + " && chmod 755 " + t) != 0) return false;
    if (Shell(std::string(kDovecotBinary) + " -c " + Conf()) != 0) return false;
    started_ = true;
    for (int i = 0; i < 100; ++i) {
      RawImap probe(port_);
      if (probe.connected() && probe.Command("LOGIN tester secret").find(" OK") != std::string::npos)
        return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  void Stop() {
    if (started_) Shell(std::string(kDoveadmBinary) + " -c " + Conf() + " stop");
    started_ = false;
    if (!root_.empty()) {
      // doveadm stop returns before every child has exited; they may still hold files.
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      std::filesystem::remove_all(root_);
      root_.clear();
    }
  }

  // A logged-in raw connection.
  std::unique_ptr<RawImap> Connect() const {
    auto c = std::make_unique<RawImap>(port_);
    c->Command("LOGIN tester secret");
    return c;
  }

  // Runs doveadm against this server (e.g. "mailbox update -u tester --uid-validity 7 INBOX").
  int Doveadm(const std::string& args) const {
    return Shell(std::string(kDoveadmBinary) + " -c " + Conf() + " " + args);
  }

  int port() const { return port_; }
  std::string url() const { return "imap://127.0.0.1:" + std::to_string(port_); }
  std::string log() const {
    std::ifstream in(root_ / "dovecot.log");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

 private:
  std::string Conf() const { return (root_ / "dovecot.conf").string(); }
  static int Shell(const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()); }
  std::filesystem::path root_;
  int port_ = 0;
  bool started_ = false;
};

}  // namespace recproc::testing

#endif  // RECPROC_TESTS_DOVECOT_SERVER_H_
