// Dotted-quad parsing with inet_pton's rules (glibc resolv/inet_pton.c,
// inet_pton4): an octet is one to three digits, a digit after a leading zero
// is an error, an octet above 255 is an error, exactly four octets. The
// parser reads each octet with at most three digit tests, so a 4-digit or
// over-255 octet fails at the dot test that follows.
#include "enrich/ipv4_text.h"

#include <cstring>

namespace recproc {
namespace {

inline unsigned Digit(char c) { return static_cast<unsigned>(static_cast<unsigned char>(c)) - '0'; }

}  // namespace

bool ParseDottedQuad(std::string_view text, uint8_t bytes[4]) {
  // "0.0.0.0" .. "255.255.255.255".
  if (text.size() < 7 || text.size() > 15) return false;
  const char* p = text.data();
  const char* end = p + text.size();
  for (int octet = 0; octet < 4; ++octet) {
    if (octet > 0) {
      if (p == end || *p != '.') return false;
      ++p;
    }
    if (p == end || Digit(*p) > 9) return false;
    unsigned v = Digit(*p++);
    if (p != end && Digit(*p) <= 9) {
      if (v == 0) return false;  // inet_pton4: no digit after a leading zero
      v = v * 10 + Digit(*p++);
      if (p != end && Digit(*p) <= 9) {
        v = v * 10 + Digit(*p++);
        if (v > 255) return false;
      }
    }
    bytes[octet] = static_cast<uint8_t>(v);
  }
  return p == end;
}

bool ParseIpAddressFast(std::string_view text, IpAddress* out) {
  uint8_t quad[4];
  if (ParseDottedQuad(text, quad)) {
    *out = IpAddress();
    out->v4 = true;
    std::memcpy(out->bytes, quad, 4);
    return true;
  }
  return ParseIpAddress(text, out);
}

}  // namespace recproc
