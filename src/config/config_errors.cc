// ConfigErrors: formatting of collected configuration problems.
#include "config/config_errors.h"

namespace recproc {

std::string SourcePosition::ToString() const {
  std::string out = file;
  if (line <= 0) return out;
  out.append(":").append(std::to_string(line)).append(":").append(std::to_string(column));
  return out;
}

std::string ConfigErrors::ToString() const {
  std::string out;
  for (const ConfigError& e : errors_) out.append(e.where.ToString()).append(": error: ").append(e.message).append("\n");
  return out;
}

}  // namespace recproc
