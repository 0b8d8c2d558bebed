// NormalizeHostName: the one comparable form of a host taken from a URL or a
// domain attribute, so that `_fqdn`, root domain, rank and list matches agree
// on spelling: lower case, no trailing dot, IDN labels in punycode
// ("xn--..."), IP literals in canonical text without brackets.
//
// Thread-safety: pure functions.
#ifndef RECPROC_ENRICH_HOST_NAME_H_
#define RECPROC_ENRICH_HOST_NAME_H_

#include <string>
#include <string_view>

#include "util/arena.h"

namespace recproc {

struct NormalizedHost {
  // A view into the input when it was already normal, else into the arena.
  std::string_view name;
  bool is_ip = false;
};

// Normalizes host. Accepted: an IP address (IPv6 with or without brackets),
// or a DNS name of labels of letters, digits, '-' and '_' (service labels such
// as _dmarc) and non-ASCII UTF-8, each 1..63 bytes once encoded, 253 in all.
// Non-ASCII names are lower-cased by libpsl's Unicode lower-casing and
// encoded with punycode (RFC 3492) label by label; Unicode normalization
// (NFC/UTS 46 mapping) is not applied. Returns false for anything else
// (empty, empty labels, labels of only '-'/'_', spaces, '%', invalid UTF-8).
bool NormalizeHostName(std::string_view host, Arena* arena, NormalizedHost* out);

// RFC 3492 encoding of one label given as UTF-8, without the "xn--" prefix.
// Returns false on invalid UTF-8 or overflow.
bool PunycodeEncode(std::string_view utf8_label, std::string* out);

}  // namespace recproc

#endif  // RECPROC_ENRICH_HOST_NAME_H_
