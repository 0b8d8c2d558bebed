// Helpers for end-to-end tests of the real recproc binary.
#ifndef RECPROC_TESTS_E2E_UTIL_H_
#define RECPROC_TESTS_E2E_UTIL_H_

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include "test_paths.h"

namespace recproc::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs `args` (a shell fragment) after the recproc binary, with `input` on
// stdin. stderr is captured through a temporary file.
inline CommandResult RunRecproc(const std::string& args, const std::string& input = "") {
  char in_path[] = "/tmp/recproc_e2e_in_XXXXXX";
  char err_path[] = "/tmp/recproc_e2e_err_XXXXXX";
  close(mkstemp(in_path));
  close(mkstemp(err_path));
  std::ofstream(in_path, std::ios::binary) << input;
  std::string cmd = std::string(RECPROC_BINARY) + " " + args + " <" + in_path + " 2>" + err_path;
  CommandResult r;
  FILE* p = popen(cmd.c_str(), "r");
  std::array<char, 65536> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::stringstream ss;
  ss << std::ifstream(err_path).rdbuf();
  r.err = ss.str();
  unlink(in_path);
  unlink(err_path);
  return r;
}

// Each output line parsed as JSON (a line that is not JSON fails the parse).
inline std::vector<nlohmann::json> JsonLines(const std::string& out) {
  std::vector<nlohmann::json> v;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) v.push_back(nlohmann::json::parse(line));
  return v;
}

inline std::string SourceDir() { return RECPROC_SOURCE_DIR; }

// A whole file's bytes ("" when it cannot be read), and a whole file written.
inline std::string Slurp(const std::filesystem::path& p) {
  std::stringstream ss;
  ss << std::ifstream(p, std::ios::binary).rdbuf();
  return ss.str();
}
inline void Spit(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

}  // namespace recproc::testing

#endif  // RECPROC_TESTS_E2E_UTIL_H_
