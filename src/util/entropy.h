// Shannon entropy of a string, in bits per character: -sum(p * log2 p) over
// the frequencies of its bytes. Domain enrichment uses it on FQDNs and root
// domains (reference cloud-siem-pipeline.md §4.2: rule thresholds of 4.1 are
// in these units). Hostnames are ASCII (IDNs are compared in punycode), so
// bytes are characters.
//
// Thread-safety: pure function; no allocation.
#ifndef RECPROC_UTIL_ENTROPY_H_
#define RECPROC_UTIL_ENTROPY_H_

#include <string_view>

namespace recproc {

// 0 for an empty string or a string of one repeated byte; log2(n) when all n
// bytes differ.
double ShannonEntropy(std::string_view s);

}  // namespace recproc

#endif  // RECPROC_UTIL_ENTROPY_H_
