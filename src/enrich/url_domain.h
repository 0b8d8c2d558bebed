// UrlDomainEnricher: the URL and domain enrichments of SPEC §1 step 4 and
// reference cloud-siem-pipeline.md §4.2 / §7 items 11-12. For a URL
// attribute: _protocol, _fqdn, _rootDomain, _tld, _path, _queryParameters,
// _entropyFqdn, _entropyRootDomain, _rank (and _alexaRank, same value),
// _possibleDynDns; for a domain attribute the same minus protocol, path and
// query.
//
// Built once by Open(), immutable afterwards: the Enrich calls are const and
// thread-safe; each caller brings its own Arena.
#ifndef RECPROC_ENRICH_URL_DOMAIN_H_
#define RECPROC_ENRICH_URL_DOMAIN_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "enrich/dyndns_suffixes.h"
#include "enrich/file_fingerprint.h"
#include "enrich/public_suffix.h"
#include "enrich/rank_list.h"
#include "record/record.h"
#include "recproc/status.h"
#include "util/arena.h"

namespace recproc {

struct UrlDomainOptions {
  // Public Suffix List. Default: the Debian publicsuffix package's file.
  std::string psl_file = "/usr/share/publicsuffix/public_suffix_list.dat";
  // Whether the PSL's PRIVATE section counts (PSL_TYPE_ANY) or only ICANN
  // (PSL_TYPE_ICANN). Default: true, so hosts on shared platforms
  // (x.duckdns.org, x.blogspot.com) are their own root domain.
  bool psl_include_private = true;
  // `rank,domain` CSV (Tranco, Umbrella). Default: empty, no _rank.
  std::string rank_file;
  // Dynamic-DNS suffix list. Default: empty, the built-in
  // content/default/dyndns_suffixes.txt.
  std::string dyndns_file;
};

// Views point into the input text, the caller's arena, or the enricher's
// tables; valid while all three live.
struct DomainEnrichment {
  std::string_view fqdn;         // normalized host (see NormalizeHostName)
  std::string_view root_domain;  // registrable domain; empty for IPs and public suffixes
  std::string_view tld;          // last label; empty for IPs and one-label names
  bool is_ip = false;
  std::optional<double> entropy_fqdn;         // absent for IPs
  std::optional<double> entropy_root_domain;  // absent without a root domain
  DoubleJson entropy_fqdn_json, entropy_root_domain_json;  // their JSON text, when present
  std::optional<int64_t> rank;                // by fqdn, else by root domain
  bool possible_dyndns = false;
};

struct UrlEnrichment {
  std::string_view protocol;          // scheme, lower case; empty when the URL has none
  std::string_view path;              // as written (percent-encoding kept)
  std::string_view query_parameters;  // after '?', as written
  DomainEnrichment domain;
};

// An owned copy of a UrlEnrichment (for LookupCache): every view is rebased
// into one buffer owned here, which keeps its capacity across Assign calls.
// Use it for domain attributes too, with only .domain filled.
class StoredUrlEnrichment {
 public:
  StoredUrlEnrichment() = default;
  // Its views point into itself: not copyable or movable.
  StoredUrlEnrichment(const StoredUrlEnrichment&) = delete;
  StoredUrlEnrichment& operator=(const StoredUrlEnrichment&) = delete;

  void Assign(const UrlEnrichment& e);
  // Valid until the next Assign or destruction.
  const UrlEnrichment& get() const { return value_; }

 private:
  std::string text_;
  UrlEnrichment value_;
};

class UrlDomainEnricher {
 public:
  // Loads the PSL, the rank list and the dynamic-DNS list. Errors name the file.
  static Status Open(const UrlDomainOptions& options, std::unique_ptr<UrlDomainEnricher>* out);

  // Enriches a domain attribute (a host name or IP, maybe with upper case or a
  // trailing dot). Returns false, leaving *out cleared, when it is not a host.
  bool EnrichDomain(std::string_view domain, Arena* arena, DomainEnrichment* out) const;
  // Enriches a URL attribute (see ParseUrl for the accepted forms). Returns
  // false, leaving *out cleared, when no host can be found in it.
  bool EnrichUrl(std::string_view url, Arena* arena, UrlEnrichment* out) const;

  // The registrable domain of a normalized host; empty when none.
  std::string_view RootDomain(std::string_view host) const { return psl_->RegistrableDomain(host); }

  // Which data the enrichments came from: PSL, rank list (if any), dyndns list.
  std::vector<FileFingerprint> provenance() const;

 private:
  UrlDomainEnricher() = default;

  std::unique_ptr<PublicSuffixList> psl_;
  std::unique_ptr<RankList> rank_;  // may be null
  std::unique_ptr<DynDnsSuffixes> dyndns_;
};

}  // namespace recproc

#endif  // RECPROC_ENRICH_URL_DOMAIN_H_
