// IpAddress: one IPv4 or IPv6 address as raw network-order bytes, with a
// strict text parser (no allocation) and the helpers enrichment needs: the
// IPv4 embedded in IPv4-mapped and 6to4 addresses, the IPv4 integer value,
// CIDR parsing.
//
// Thread-safety: plain values; the free functions are pure.
#ifndef RECPROC_UTIL_IP_ADDRESS_H_
#define RECPROC_UTIL_IP_ADDRESS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace recproc {

struct IpAddress {
  // Network byte order. An IPv4 address uses bytes[0..3]; the rest stay zero,
  // so two equal addresses compare equal bytewise.
  uint8_t bytes[16] = {};
  bool v4 = false;

  // 32 or 128.
  int bit_length() const { return v4 ? 32 : 128; }
  // The address as an unsigned integer (a.b.c.d -> a<<24|b<<16|c<<8|d).
  // REQUIRES: v4; returns 0 for an IPv6 address.
  uint32_t Ipv4Int() const;
  // Canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero
  // run compressed, IPv4-mapped shown as ::ffff:a.b.c.d).
  std::string ToString() const;

  friend bool operator==(const IpAddress& a, const IpAddress& b);
};

// Longest text ToString() can produce, plus a NUL.
constexpr size_t kMaxIpAddressText = 46;

// Writes ToString()'s text into buf without allocating; the view points
// into buf. REQUIRES: buf has kMaxIpAddressText bytes.
std::string_view FormatIpAddress(const IpAddress& addr, char* buf);

// Parses an IPv4 or IPv6 address. Accepted:
// - IPv4: exactly four dotted decimal octets 0..255. A leading zero ("010")
//   is rejected: BSD inet_aton reads it as octal and many log producers as
//   decimal, so the same text would name two hosts; a bare "0" is fine.
//   Short forms ("10.1"), hex and octal are rejected.
// - IPv6: every RFC 4291 text form, "::" compression, an embedded dotted quad
//   in the last 32 bits, either case; surrounding brackets ("[::1]") and a
//   zone id ("fe80::1%eth0") are accepted and the zone id is dropped.
// Surrounding whitespace is not trimmed. Returns false (out unspecified) on
// anything else.
bool ParseIpAddress(std::string_view text, IpAddress* out);

// Parses exactly a dotted quad (the IPv4 form of ParseIpAddress, without
// brackets) into bytes[0..3], network order. Returns false, with bytes
// unspecified, for anything inet_pton(AF_INET) rejects.
bool ParseDottedQuad(std::string_view text, uint8_t bytes[4]);

// The IPv4 address carried inside an IPv6 address, for geo lookups: the
// IPv4-mapped form ::ffff:a.b.c.d (RFC 4291 2.5.5.2) and 6to4 2002:AABB:CCDD::/16
// (RFC 3056, the IPv4 is AABBCCDD). An IPv4 address yields itself. Returns
// false when there is none.
bool EmbeddedIpv4(const IpAddress& addr, IpAddress* v4);

// True for ::ffff:0:0/96 only (not 6to4): such an address *is* an IPv4 host.
bool IsIpv4Mapped(const IpAddress& addr);

// Parses "address/len" or a bare address (taken as a host prefix, /32 or
// /128), so list entries can mix both. The length is decimal, 0..32 for IPv4
// and 0..128 for IPv6. Host bits beyond the prefix are accepted and cleared
// ("10.1.2.3/8" -> 10.0.0.0/8): exported firewall objects commonly carry an
// interface address with its mask, and the block meant is unambiguous.
bool ParseCidr(std::string_view text, IpAddress* base, int* prefix_len);

// Clears every bit of addr after the first prefix_len.
// REQUIRES: 0 <= prefix_len <= addr->bit_length().
void MaskIpAddress(IpAddress* addr, int prefix_len);

}  // namespace recproc

#endif  // RECPROC_UTIL_IP_ADDRESS_H_
