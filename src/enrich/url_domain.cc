// UrlDomainEnricher: ParseUrl -> NormalizeHostName -> PSL root domain ->
// entropy, rank, dynamic-DNS flags. Every host is compared in one normalized
// form (lower case, punycode, no trailing dot), so the PSL, rank list and
// suffix list agree with each other and with list matching.
//
// Choices: _tld is the last label (what rules compare against), given only
// for names of two or more labels; IP hosts get an _fqdn (rules test
// "rootDomain IS NULL OR fqdn RLIKE <ipv4>") but no root domain, tld,
// entropy or rank; rank is looked up by fqdn first (Tranco lists some
// subdomains), then by root domain.
#include "enrich/url_domain.h"

#include "enrich/host_name.h"
#include "enrich/url_parts.h"
#include "util/entropy.h"

namespace recproc {

Status UrlDomainEnricher::Open(const UrlDomainOptions& options, std::unique_ptr<UrlDomainEnricher>* out) {
  std::unique_ptr<UrlDomainEnricher> e(new UrlDomainEnricher());
  Status s = PublicSuffixList::Load(options.psl_file, options.psl_include_private, &e->psl_);
  if (s.ok() && !options.rank_file.empty()) s = RankList::Load(options.rank_file, &e->rank_);
  if (s.ok()) {
    s = options.dyndns_file.empty() ? DynDnsSuffixes::Builtin(&e->dyndns_)
                                    : DynDnsSuffixes::Load(options.dyndns_file, &e->dyndns_);
  }
  if (!s.ok()) return s;
  *out = std::move(e);
  return Status::Ok();
}

std::vector<FileFingerprint> UrlDomainEnricher::provenance() const {
  std::vector<FileFingerprint> v{psl_->fingerprint()};
  if (rank_) v.push_back(rank_->fingerprint());
  v.push_back(dyndns_->fingerprint());
  return v;
}

bool UrlDomainEnricher::EnrichDomain(std::string_view domain, Arena* arena, DomainEnrichment* out) const {
  *out = DomainEnrichment();
  while (!domain.empty() && (domain.front() == ' ' || domain.front() == '\t')) domain.remove_prefix(1);
  while (!domain.empty() && (domain.back() == ' ' || domain.back() == '\t')) domain.remove_suffix(1);
  NormalizedHost host;
  if (!NormalizeHostName(domain, arena, &host)) return false;
  out->fqdn = host.name;
  out->is_ip = host.is_ip;
  if (host.is_ip) return true;
  out->entropy_fqdn = ShannonEntropy(host.name);
  out->entropy_fqdn_json = DoubleJson(*out->entropy_fqdn);
  size_t last_dot = host.name.rfind('.');
  if (last_dot != std::string_view::npos) out->tld = host.name.substr(last_dot + 1);
  out->root_domain = psl_->RegistrableDomain(host.name);
  if (!out->root_domain.empty()) {
    out->entropy_root_domain = ShannonEntropy(out->root_domain);
    out->entropy_root_domain_json = DoubleJson(*out->entropy_root_domain);
  }
  if (rank_) {
    out->rank = rank_->Find(host.name);
    if (!out->rank && !out->root_domain.empty()) out->rank = rank_->Find(out->root_domain);
  }
  out->possible_dyndns = dyndns_->Matches(host.name);
  return true;
}

bool UrlDomainEnricher::EnrichUrl(std::string_view url, Arena* arena, UrlEnrichment* out) const {
  *out = UrlEnrichment();
  UrlParts parts;
  if (!ParseUrl(url, &parts) || !EnrichDomain(parts.host, arena, &out->domain)) {
    *out = UrlEnrichment();
    return false;
  }
  bool lower = true;
  for (char c : parts.scheme) lower = lower && !(c >= 'A' && c <= 'Z');
  if (lower) {
    out->protocol = parts.scheme;
  } else {
    char* buf = arena->Allocate(parts.scheme.size());
    for (size_t i = 0; i < parts.scheme.size(); ++i) {
      char c = parts.scheme[i];
      buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    out->protocol = std::string_view(buf, parts.scheme.size());
  }
  out->path = parts.path;
  out->query_parameters = parts.query;
  return true;
}

void StoredUrlEnrichment::Assign(const UrlEnrichment& e) {
  const DomainEnrichment& d = e.domain;
  // root_domain and tld are suffixes of fqdn; keep them so, and copy the rest.
  text_.clear();
  text_.reserve(e.protocol.size() + e.path.size() + e.query_parameters.size() + d.fqdn.size());
  auto put = [&](std::string_view s) {
    size_t at = text_.size();
    text_.append(s);
    return at;
  };
  size_t protocol = put(e.protocol), path = put(e.path), query = put(e.query_parameters), fqdn = put(d.fqdn);
  std::string_view all = text_;
  value_ = e;
  value_.protocol = all.substr(protocol, e.protocol.size());
  value_.path = all.substr(path, e.path.size());
  value_.query_parameters = all.substr(query, e.query_parameters.size());
  DomainEnrichment& v = value_.domain;
  v.fqdn = all.substr(fqdn, d.fqdn.size());
  v.root_domain = v.fqdn.substr(v.fqdn.size() - d.root_domain.size());
  v.tld = v.fqdn.substr(v.fqdn.size() - d.tld.size());
  if (d.root_domain.empty()) v.root_domain = {};
  if (d.tld.empty()) v.tld = {};
}

}  // namespace recproc
