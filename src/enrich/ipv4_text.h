// Ipv4Text: a direct parser for dotted-quad IPv4 text, the form nearly every
// IP attribute of a log takes, in front of ParseIpAddress (util/ip_address.h),
// which copies the text into a NUL-terminated buffer and calls inet_pton: for
// a dotted quad that cost about ten times the parse itself.
//
// It accepts exactly the dotted quads glibc's inet_pton(AF_INET) accepts:
// four decimal octets 0..255 separated by single dots, no leading zero in a
// multi-digit octet ("0" is fine, "01" and "00" are not), nothing before or
// after. Anything else goes to ParseIpAddress, so the result is always the
// one ParseIpAddress gives.
//
// Thread-safety: pure functions.
#ifndef RECPROC_ENRICH_IPV4_TEXT_H_
#define RECPROC_ENRICH_IPV4_TEXT_H_

#include <cstdint>
#include <string_view>

#include "util/ip_address.h"

namespace recproc {

// Parses a dotted quad into bytes[0..3] (network order). Returns false, with
// bytes unspecified, for anything inet_pton(AF_INET) rejects.
bool ParseDottedQuad(std::string_view text, uint8_t bytes[4]);

// Same contract and result as ParseIpAddress; dotted quads skip inet_pton.
bool ParseIpAddressFast(std::string_view text, IpAddress* out);

}  // namespace recproc

#endif  // RECPROC_ENRICH_IPV4_TEXT_H_
