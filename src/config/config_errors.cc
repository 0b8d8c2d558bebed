// ConfigErrors: formatting of collected configuration problems.
#include "config/config_errors.h"

namespace recproc {

std::string SourcePosition::ToString() const {
  if (line <= 0) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string ConfigErrors::ToString() const {
  std::string out;
  for (const ConfigError& e : errors_) out += e.where.ToString() + ": error: " + e.message + "\n";
  return out;
}

}  // namespace recproc
