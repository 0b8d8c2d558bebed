// NameNormalizer: the built-in username and hostname normalization of the
// cloud SIEM (reference cloud-siem-pipeline.md §3.2–3.4, §7 item 7). A name
// is reduced to `name` when its domain maps to the default domain, to
// `name:<normalized domain>` when it maps to another configured domain, and
// otherwise kept whole; the result is always ASCII-lowercased (see
// util/ascii_case.h for why only ASCII).
//
// Forms, tried in this order (each behind its switch in NormalizeOptions):
//   1. AWS (usernames only): IAM user ARN, STS assumed-role ARN, AROA…:session
//      reduce the value to the person's name; the rules below then apply to
//      what is left. Any other ARN is kept whole.
//   2. AD: `DOMAIN\name`. Extra backslashes after the first are dropped
//      (`SUMO\\bob` is a doubly escaped `SUMO\bob`).
//   3. `name@domain` (AD `name@CORP.LOCAL` or e-mail; on when either the AD or
//      the FQDN switch is on), split at the last '@'. A machine account
//      `host$@DOMAIN` loses the `$` (hostnames only, only when the domain is
//      configured).
//   4. FQDN (hostnames only): `host.domain.tld` splits at the first dot.
//      IP address literals are never split.
// Domains match configured raw domains exactly, ASCII case-insensitively,
// ignoring one trailing root dot; a subdomain is a different domain (the
// product's advice is to list every spelling). The default domain itself is
// not implied: it must appear as a mapping target like any other. A value
// with an empty name or domain part (`SUMO\`, `@corp.com`) is kept whole.
//
// Immutable after construction; thread-safe. Results are views into the
// input or into the arena.
#ifndef RECPROC_NORMALIZE_NAME_NORMALIZER_H_
#define RECPROC_NORMALIZE_NAME_NORMALIZER_H_

#include <string>
#include <string_view>
#include <unordered_map>

#include "normalize/normalize_options.h"
#include "util/string_hash.h"
#include "util/arena.h"

namespace recproc {

class NameNormalizer {
 public:
  // Uses the switches, default domain and domain mappings of `options`
  // (the master switches normalize_usernames/normalize_hostnames are the
  // caller's business).
  explicit NameNormalizer(const NormalizeOptions& options);

  // The normalized username. *role is set to the lowercased assumed-role
  // name for an STS assumed-role ARN, else left untouched. The result and
  // *role view `value` or text in `arena`; they live as long as both.
  std::string_view NormalizeUsername(std::string_view value, Arena* arena, std::string_view* role) const;
  // The normalized hostname; same lifetime as above.
  std::string_view NormalizeHostname(std::string_view value, Arena* arena) const;

 private:
  std::string_view Normalize(std::string_view value, bool is_host, Arena* arena,
                             std::string_view* role) const;
  // The normalized domain configured for `domain`, or nullptr.
  const std::string* FindDomain(std::string_view domain) const;
  // `name` or `name:domain`, lowercased.
  std::string_view Qualify(std::string_view name, const std::string& normalized_domain, Arena* arena) const;

  bool ad_, fqdn_, aws_;
  std::string default_domain_;  // lowercased
  // Lowercased raw domain → lowercased normalized domain.
  std::unordered_map<std::string, std::string, TransparentStringHash, std::equal_to<>> domains_;
};

}  // namespace recproc

#endif  // RECPROC_NORMALIZE_NAME_NORMALIZER_H_
