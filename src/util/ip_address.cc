// IpAddress parsing and formatting. The text forms are delegated to the C
// library's inet_pton/inet_ntop (glibc's inet_pton already rejects IPv4
// leading zeros and short forms, and accepts every RFC 4291 IPv6 form); this
// file only strips brackets and zone ids, copies the view into a stack buffer
// (inet_pton needs a NUL terminator, and nothing here may allocate), and adds
// the embedded-IPv4 and CIDR rules. A plain dotted quad, the form nearly
// every IP in a log takes, is read directly with inet_pton4's rules: the
// copy and the library call cost about ten times the parse.
#include "util/ip_address.h"

#include <arpa/inet.h>

#include <cstring>

namespace recproc {

uint32_t IpAddress::Ipv4Int() const {
  if (!v4) return 0;
  return uint32_t{bytes[0]} << 24 | uint32_t{bytes[1]} << 16 | uint32_t{bytes[2]} << 8 | uint32_t{bytes[3]};
}

std::string IpAddress::ToString() const {
  char buf[kMaxIpAddressText];
  return std::string(FormatIpAddress(*this, buf));
}

std::string_view FormatIpAddress(const IpAddress& addr, char* buf) {
  if (inet_ntop(addr.v4 ? AF_INET : AF_INET6, addr.bytes, buf, kMaxIpAddressText) == nullptr) return {};
  return std::string_view(buf);
}

bool operator==(const IpAddress& a, const IpAddress& b) {
  return a.v4 == b.v4 && std::memcmp(a.bytes, b.bytes, sizeof a.bytes) == 0;
}

bool ParseDottedQuad(std::string_view text, uint8_t bytes[4]) {
  // glibc's inet_pton4: an octet is one to three digits, a digit after a
  // leading zero is an error, an octet above 255 is an error, exactly four
  // octets. Each octet takes at most three digit tests, so a 4-digit octet
  // fails at the dot test that follows.
  if (text.size() < 7 || text.size() > 15) return false;  // "0.0.0.0" .. "255.255.255.255"
  const char* p = text.data();
  const char* end = p + text.size();
  auto digit = [](char c) { return static_cast<unsigned>(static_cast<unsigned char>(c)) - '0'; };
  for (int octet = 0; octet < 4; ++octet) {
    if (octet > 0) {
      if (p == end || *p != '.') return false;
      ++p;
    }
    if (p == end || digit(*p) > 9) return false;
    unsigned v = digit(*p++);
    if (p != end && digit(*p) <= 9) {
      if (v == 0) return false;
      v = v * 10 + digit(*p++);
      if (p != end && digit(*p) <= 9) {
        v = v * 10 + digit(*p++);
        if (v > 255) return false;
      }
    }
    bytes[octet] = static_cast<uint8_t>(v);
  }
  return p == end;
}

bool ParseIpAddress(std::string_view text, IpAddress* out) {
  uint8_t quad[4];
  if (ParseDottedQuad(text, quad)) {
    *out = IpAddress();
    out->v4 = true;
    std::memcpy(out->bytes, quad, 4);
    return true;
  }
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  bool has_colon = text.find(':') != std::string_view::npos;
  if (has_colon) {
    size_t zone = text.find('%');
    if (zone != std::string_view::npos) {
      // A zone id must name something; "fe80::1%" is malformed.
      if (zone + 1 == text.size()) return false;
      text = text.substr(0, zone);
    }
  }
  // Longest valid IPv6 text: 8 groups of 4 hex digits with an IPv4 tail, 45 chars.
  char buf[kMaxIpAddressText];
  if (text.empty() || text.size() >= sizeof buf) return false;
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  *out = IpAddress();
  if (has_colon) {
    out->v4 = false;
    return inet_pton(AF_INET6, buf, out->bytes) == 1;
  }
  out->v4 = true;
  return inet_pton(AF_INET, buf, out->bytes) == 1;
}

bool IsIpv4Mapped(const IpAddress& addr) {
  static constexpr uint8_t kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  return !addr.v4 && std::memcmp(addr.bytes, kMappedPrefix, sizeof kMappedPrefix) == 0;
}

bool EmbeddedIpv4(const IpAddress& addr, IpAddress* v4) {
  const uint8_t* src;
  if (addr.v4) {
    src = addr.bytes;
  } else if (IsIpv4Mapped(addr)) {
    src = addr.bytes + 12;
  } else if (addr.bytes[0] == 0x20 && addr.bytes[1] == 0x02) {
    src = addr.bytes + 2;
  } else {
    return false;
  }
  IpAddress r;
  r.v4 = true;
  std::memcpy(r.bytes, src, 4);
  *v4 = r;
  return true;
}

void MaskIpAddress(IpAddress* addr, int prefix_len) {
  int total = addr->bit_length() / 8;
  int full = prefix_len / 8;
  int rem = prefix_len % 8;
  if (full < total && rem != 0) {
    addr->bytes[full] &= static_cast<uint8_t>(0xff << (8 - rem));
    ++full;
  }
  for (int i = full; i < total; ++i) addr->bytes[i] = 0;
}

bool ParseCidr(std::string_view text, IpAddress* base, int* prefix_len) {
  size_t slash = text.rfind('/');
  if (slash == std::string_view::npos) {
    if (!ParseIpAddress(text, base)) return false;
    *prefix_len = base->bit_length();
    return true;
  }
  std::string_view digits = text.substr(slash + 1);
  if (digits.empty() || digits.size() > 3) return false;
  int len = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    len = len * 10 + (c - '0');
  }
  if (!ParseIpAddress(text.substr(0, slash), base)) return false;
  if (len > base->bit_length()) return false;
  MaskIpAddress(base, len);
  *prefix_len = len;
  return true;
}

}  // namespace recproc
