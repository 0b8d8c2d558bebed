// NormalizeOptions: the `normalization:` section of the root config (SPEC §1
// step 3; reference cloud-siem-pipeline.md §3.3). Keys follow the product's
// Terraform model in snake_case; the Terraform and API spellings of the three
// sub-switches are accepted as aliases, so a configuration exported from the
// product loads unchanged:
//
//   normalization:
//     normalize_usernames: true
//     normalize_hostnames: true
//     ad_normalization: true      # windows_normalization_enabled, adDomainNormalizationEnabled
//     fqdn_normalization: true    # fqdn_normalization_enabled, fqdnNormalizationEnabled
//     aws_normalization: true     # aws_normalization_enabled, awsNormalizationEnabled
//     default_normalized_domain: sumo
//     domain_mappings: [{raw_domain: SUMO, normalized_domain: sumo}]
//     lookup_tables:
//       - {type: host_id, path: tables/hosts.csv, lookup_column: id, substitution_column: hostname}
#ifndef RECPROC_NORMALIZE_NORMALIZE_OPTIONS_H_
#define RECPROC_NORMALIZE_NORMALIZE_OPTIONS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "config/config_errors.h"
#include "config/config_node.h"

namespace recproc {

// The product allows at most five Entity Lookup Tables per organisation; a
// sixth is a config error rather than silently ignored.
inline constexpr size_t kMaxEntityLookupTables = 5;

struct DomainMapping {
  std::string raw_domain;         // compared case-insensitively
  std::string normalized_domain;  // written lowercased
};

enum class LookupTableType {
  kHostId,    // host id (or hostname) → *_hostname
  kUserId,    // *_userId → *_username
  kUsername,  // *_username → *_username
};

// "host_id", "user_id", "username".
const char* LookupTableTypeName(LookupTableType type);

struct LookupTableOptions {
  LookupTableType type = LookupTableType::kUsername;
  // CSV file with a header row; already resolved against the config file.
  std::string path;
  std::string lookup_column;        // header name of the key column
  std::string substitution_column;  // header name of the replacement column
  // When not empty, the table applies only to records whose
  // metadata_sourceCategory equals it (ASCII case-insensitive). Default: all.
  std::string source_category;
  // Where the table was configured, for errors about the file itself.
  SourcePosition where;
};

struct NormalizeOptions {
  // Master switches; off means the attribute keeps its value (only `_raw` is
  // written). Default: false, as in the product, where normalization is
  // opt-in per kind.
  bool normalize_usernames = false;
  bool normalize_hostnames = false;
  // Sub-switches for the recognised forms; they matter only when a master
  // switch is on. Default: true.
  bool ad_normalization = true;    // DOMAIN\name, name@DOMAIN.LOCAL
  bool fqdn_normalization = true;  // name@domain.tld, host.domain.tld
  bool aws_normalization = true;   // IAM/STS ARNs, AROA…:session
  // Names in this domain are written without a domain suffix. Default: none.
  std::string default_normalized_domain;
  std::vector<DomainMapping> domain_mappings;
  // At most kMaxEntityLookupTables, applied in this order.
  std::vector<LookupTableOptions> lookup_tables;
};

// Reads `section` (the value of the root's `normalization:` key) into *out.
// A missing or null section leaves the defaults (normalization off). Table
// paths are resolved against `config_path`. Every problem (unknown key,
// wrong type, unknown table type, too many tables, a key given twice under
// two aliases) is recorded in *errors with file:line:col; returns false if
// any was found.
// REQUIRES: `errors` is the sink `section` was loaded with (ConfigNode
// reports its own shape errors there).
bool ReadNormalizeOptions(const ConfigNode& section, const std::string& config_path, NormalizeOptions* out,
                          ConfigErrors* errors);

}  // namespace recproc

#endif  // RECPROC_NORMALIZE_NORMALIZE_OPTIONS_H_
