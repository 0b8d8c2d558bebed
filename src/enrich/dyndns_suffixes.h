// DynDnsSuffixes: domains of dynamic-DNS providers (dyndns.org, duckdns.org,
// no-ip.com, ...), giving `_possibleDynDns` (reference cloud-siem-pipeline.md
// §4.2, §7 item 12). The default list is content/default/dyndns_suffixes.txt,
// compiled into the binary.
//
// Thread-safety: immutable after loading; Matches() is const and thread-safe.
#ifndef RECPROC_ENRICH_DYNDNS_SUFFIXES_H_
#define RECPROC_ENRICH_DYNDNS_SUFFIXES_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

#include "enrich/file_fingerprint.h"
#include "recproc/status.h"

namespace recproc {

class DynDnsSuffixes {
 public:
  // One domain per line; '#' starts a comment; blank lines skipped; entries
  // normalized like hosts. Errors name source:line.
  static Status FromText(std::string_view text, std::string_view source_name,
                         std::unique_ptr<DynDnsSuffixes>* out);
  static Status Load(const std::string& path, std::unique_ptr<DynDnsSuffixes>* out);
  // The compiled-in content/default/dyndns_suffixes.txt.
  static Status Builtin(std::unique_ptr<DynDnsSuffixes>* out);

  // Whether the normalized host or any parent domain of it (on label
  // boundaries) is listed: "x.duckdns.org" and "duckdns.org" match
  // "duckdns.org"; "notduckdns.org" does not.
  bool Matches(std::string_view host) const;

  size_t size() const { return suffixes_.size(); }
  const FileFingerprint& fingerprint() const { return fingerprint_; }

 private:
  DynDnsSuffixes() = default;
  std::unordered_set<std::string_view> suffixes_;  // views into text_
  std::string text_;
  FileFingerprint fingerprint_;
};

}  // namespace recproc

#endif  // RECPROC_ENRICH_DYNDNS_SUFFIXES_H_
