// EnrichStage: stage 4 of the pipeline. For every attribute the schema marks
// as IP, URL or domain, adds the enrichment attributes of reference §4:
//   IP:     _asnNumber _asnOrg _isp _city _region _countryCode _countryName
//           _latitude _longitude _ipv4IntValue _version _isInternal _location
//   URL:    _protocol _fqdn _rootDomain _tld _path _queryParameters
//           _entropyFqdn _entropyRootDomain _rank _alexaRank _possibleDynDns
//   domain: the URL set minus protocol, path and query parameters.
// A network block that suppresses signals adds "networkBlock:<label>" to the
// record's suppression reasons.
//
// Config (root `enrichment:`; every part optional):
//   geoip: {city: GeoLite2-City.mmdb, asn: GeoLite2-ASN.mmdb, isp: GeoIP2-ISP.mmdb}
//   network_blocks: {path: blocks.csv, loopback_internal: false, link_local_internal: false,
//                    cgnat_internal: false, ula_internal: false}
//   domains: {public_suffix_list: /usr/share/publicsuffix/public_suffix_list.dat,
//             include_private: true, rank_list: tranco.csv, dyndns_suffixes: dyndns.txt}
//   cache_entries: 4096        # per thread, per kind
//   ip: true  url: true  domain: true     # switch a kind off
//
// Built once; immutable and shared. Per-thread caches live in Scratch.
#ifndef RECPROC_ENRICH_ENRICH_STAGE_H_
#define RECPROC_ENRICH_ENRICH_STAGE_H_

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "config/config_node.h"
#include "enrich/ip_geo.h"
#include "enrich/lookup_cache.h"
#include "enrich/network_blocks.h"
#include "enrich/url_domain.h"
#include "record/record.h"
#include "schema/schema.h"

namespace recproc {

struct EnrichStats {
  uint64_t ip_lookups = 0;
  uint64_t invalid_ips = 0;  // IP attributes whose text is not an address
  uint64_t url_lookups = 0;
  uint64_t invalid_urls = 0;
  uint64_t cache_hits = 0;
  uint64_t cache_misses = 0;
};

class EnrichStage {
 public:
  // REQUIRES: schema outlives the stage.
  static bool Build(const ConfigNode& section, const std::string& config_path, const Schema& schema,
                    ConfigErrors* errors, std::unique_ptr<EnrichStage>* out);
  ~EnrichStage();

  struct CachedIp {
    bool valid = false;
    IpGeoResult geo;
    NetworkBlockResult block;
  };
  // Per-thread caches, keyed by the attribute's raw text.
  struct Scratch {
    Scratch(size_t ip_entries, size_t url_entries, size_t domain_entries)
        : ip(ip_entries), url(url_entries), domain(domain_entries) {}
    LookupCache<CachedIp> ip;
    LookupCache<StoredUrlEnrichment> url;
    LookupCache<StoredUrlEnrichment> domain;
    IpGeoRecordCache geo_records;
  };
  // Caches of the configured size for the kinds of attribute enriched; none
  // for a kind that is not (megabytes per worker otherwise, zeroed at start).
  std::unique_ptr<Scratch> NewScratch() const;

  // Enriches every IP, URL and domain attribute present in the record.
  // Suppression reasons (arena text) are appended to *suppressed_reasons.
  void Apply(Record* record, Scratch* scratch, Arena* arena, EnrichStats* stats,
             std::vector<std::string_view>* suppressed_reasons) const;

  // The enrichment data in use (metadata_enrichment), one token per source:
  // "<database type>@<build epoch>" for each .mmdb and "<file>@<fnv1a64
  // prefix>" for the suffix, rank and dynamic-DNS lists, e.g.
  // "GeoLite2-City@1700000000 public_suffix_list.dat@56dbbf98". Short, so
  // every record can carry it; `recproc validate` shows the full paths.
  const std::string& provenance() const { return provenance_; }

 private:
  // The enriched attribute and the names of its outputs (schema strings),
  // their record filter bits worked out as the configuration loads.
  struct IpTarget {
    AttrName attr;
    AttrName asn_number, asn_org, isp, city, region, country_code, country_name, latitude, longitude, ipv4_int,
        version, is_internal, location;
  };
  struct UrlTarget {
    AttrName attr;
    bool is_url;
    AttrName protocol, fqdn, root_domain, tld, path, query, entropy_fqdn, entropy_root, rank, alexa_rank, dyndns;
  };
  EnrichStage() = default;
  void EnrichIp(const IpTarget& t, std::string_view text, Record* r, Scratch* s, EnrichStats* stats,
                std::vector<std::string_view>* suppressed, Arena* arena) const;
  void EnrichUrl(const UrlTarget& t, std::string_view text, Record* r, Scratch* s, Arena* arena,
                 EnrichStats* stats) const;

  std::unique_ptr<IpGeoEnricher> geo_;
  std::unique_ptr<NetworkBlocks> blocks_;
  std::unique_ptr<UrlDomainEnricher> urls_;
  std::vector<IpTarget> ip_targets_;
  std::vector<UrlTarget> url_targets_;
  size_t cache_entries_ = 4096;
  std::string provenance_;
  std::deque<std::string> names_;  // output names the schema does not list
};

}  // namespace recproc

#endif  // RECPROC_ENRICH_ENRICH_STAGE_H_
