// ConfigErrors: every problem found while loading configuration, each with
// file:line:col, collected so a user sees all of them at once (then the load
// stops). Positions are 1-based; 0 means "unknown".
#ifndef RECPROC_CONFIG_CONFIG_ERRORS_H_
#define RECPROC_CONFIG_CONFIG_ERRORS_H_

#include <string>
#include <vector>

namespace recproc {

struct SourcePosition {
  std::string file;
  int line = 0;
  int column = 0;
  std::string ToString() const;  // "file:line:col", or "file" when unknown
};

struct ConfigError {
  SourcePosition where;
  std::string message;
};

class ConfigErrors {
 public:
  void Add(const SourcePosition& where, std::string message) { errors_.push_back({where, std::move(message)}); }
  bool empty() const { return errors_.empty(); }
  size_t size() const { return errors_.size(); }
  const std::vector<ConfigError>& errors() const { return errors_; }
  // One line per error: "file:line:col: error: message".
  std::string ToString() const;

 private:
  std::vector<ConfigError> errors_;
};

}  // namespace recproc

#endif  // RECPROC_CONFIG_CONFIG_ERRORS_H_
