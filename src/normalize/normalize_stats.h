// NormalizeStats: what the normalization stage did, for `--stats`. One per
// worker thread (caller-owned, no locks); the pipeline sums them with Add().
#ifndef RECPROC_NORMALIZE_NORMALIZE_STATS_H_
#define RECPROC_NORMALIZE_NORMALIZE_STATS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "normalize/normalize_options.h"

namespace recproc {

struct NormalizeStats {
  // The normalized name attributes, in this order.
  static constexpr size_t kNameAttributes = 6;
  static constexpr std::array<std::string_view, kNameAttributes> kAttributeNames = {
      "user_username",   "targetUser_username", "fromUser_username",
      "device_hostname", "srcDevice_hostname",  "dstDevice_hostname"};

  // Per attribute: values present (each got a `_raw`), and values that
  // built-in normalization changed.
  std::array<uint64_t, kNameAttributes> seen{};
  std::array<uint64_t, kNameAttributes> normalized{};
  // `*_username_role` values written from assumed-role ARNs.
  uint64_t roles = 0;
  // Per lookup table, in config order: attributes substituted.
  std::array<uint64_t, kMaxEntityLookupTables> substitutions{};
  // `*_k8s_normalized*Name` values written.
  uint64_t k8s_names = 0;

  void Add(const NormalizeStats& other) {
    for (size_t i = 0; i < kNameAttributes; ++i) {
      seen[i] += other.seen[i];
      normalized[i] += other.normalized[i];
    }
    for (size_t i = 0; i < kMaxEntityLookupTables; ++i) substitutions[i] += other.substitutions[i];
    roles += other.roles;
    k8s_names += other.k8s_names;
  }
};

}  // namespace recproc

#endif  // RECPROC_NORMALIZE_NORMALIZE_STATS_H_
