// ShannonEntropy: one counting pass over a 256-entry table, then the sum over
// the distinct bytes. Uses H = log2(n) - (1/n) * sum(c * log2 c), which needs
// one log per distinct byte and no division inside the loop.
#include "util/entropy.h"

#include <cmath>
#include <cstdint>

namespace recproc {

double ShannonEntropy(std::string_view s) {
  if (s.empty()) return 0.0;
  uint32_t counts[256] = {};
  for (unsigned char c : s) ++counts[c];
  double n = static_cast<double>(s.size());
  double sum = 0.0;
  for (uint32_t c : counts) {
    if (c > 1) sum += c * std::log2(static_cast<double>(c));
  }
  double h = std::log2(n) - sum / n;
  return h < 0 ? 0.0 : h;  // rounding can give -0.0 for one repeated byte
}

}  // namespace recproc
