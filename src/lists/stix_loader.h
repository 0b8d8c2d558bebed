// Loader for STIX 2.1 indicators (a bundle, a single indicator object or an
// array of objects). Only patterns that are one bracketed observation of
// equality comparisons joined by OR are turned into items:
//   [ipv4-addr:value = '198.51.100.0/24' OR domain-name:value = 'example.com']
// on ipv4-addr / ipv6-addr / domain-name / url / email-addr values and
// file:hashes.<MD5|SHA-1|SHA-256|...>. Any other pattern (AND, MATCHES,
// several observations, qualifiers, other objects) counts as unsupported with
// a warning naming the indicator id. valid_until becomes the expiry; a
// revoked indicator is loaded inactive.
#ifndef RECPROC_LISTS_STIX_LOADER_H_
#define RECPROC_LISTS_STIX_LOADER_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config_errors.h"
#include "lists/list_model.h"

namespace recproc {

// One `path = 'value'` comparison of a pattern.
struct StixComparison {
  std::string path;  // e.g. "ipv4-addr:value", "file:hashes.'SHA-256'"
  std::string value;
};

// Splits a supported pattern into its comparisons. Returns false for any
// pattern outside the subset above (comparisons left unspecified).
bool ParseStixPattern(std::string_view pattern, std::vector<StixComparison>* out);

bool LoadStix(std::string_view text, const std::string& file, ListItems* out, ConfigErrors* errors);

}  // namespace recproc

#endif  // RECPROC_LISTS_STIX_LOADER_H_
