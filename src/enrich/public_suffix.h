// PublicSuffixList: registrable ("root") domains from the Public Suffix List
// via libpsl (reference cloud-siem-pipeline.md §7 item 12: a.b.co.uk ->
// b.co.uk). This file is the only user of libpsl's list functions.
//
// Thread-safety: immutable after Load(); lookups are const and thread-safe
// (libpsl lookups only read the context).
#ifndef RECPROC_ENRICH_PUBLIC_SUFFIX_H_
#define RECPROC_ENRICH_PUBLIC_SUFFIX_H_

#include <memory>
#include <string>
#include <string_view>

#include "enrich/file_fingerprint.h"
#include "recproc/status.h"

namespace recproc {

class PublicSuffixList {
 public:
  ~PublicSuffixList();
  PublicSuffixList(const PublicSuffixList&) = delete;
  PublicSuffixList& operator=(const PublicSuffixList&) = delete;

  // Loads a public_suffix_list.dat. include_private: whether the list's
  // PRIVATE section (blogspot.com, duckdns.org, ...) counts; true makes
  // "evil.duckdns.org" its own root domain, so it does not inherit the
  // provider's reputation or rank. Unlisted TLDs follow the implicit "*"
  // rule (example.example -> example.example).
  static Status Load(const std::string& path, bool include_private, std::unique_ptr<PublicSuffixList>* out);

  // The registrable domain of host: a suffix view of host, or empty when host
  // is itself a public suffix or not a valid name.
  // REQUIRES: host normalized (NormalizeHostName: lower case, punycode, no
  // trailing dot) and not an IP address.
  std::string_view RegistrableDomain(std::string_view host) const;

  const FileFingerprint& fingerprint() const { return fingerprint_; }

 private:
  PublicSuffixList() = default;
  struct Ctx;
  std::unique_ptr<Ctx> ctx_;
  int type_ = 0;
  FileFingerprint fingerprint_;
};

}  // namespace recproc

#endif  // RECPROC_ENRICH_PUBLIC_SUFFIX_H_
