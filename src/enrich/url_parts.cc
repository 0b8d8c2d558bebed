// ParseUrl: a left-to-right scanner over the RFC 3986 generic syntax
// (section 3), relaxed for log data as documented on the declaration.
#include "enrich/url_parts.h"

#include "util/ip_address.h"

namespace recproc {
namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool ValidPort(std::string_view p) {
  if (p.size() > 5) return false;
  unsigned v = 0;
  for (char c : p) {
    if (!IsDigit(c)) return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  return v <= 65535;
}

}  // namespace

bool ParseUrl(std::string_view url, UrlParts* out) {
  *out = UrlParts();
  while (!url.empty() && (url.front() == ' ' || url.front() == '\t')) url.remove_prefix(1);
  while (!url.empty() &&
         (url.back() == ' ' || url.back() == '\t' || url.back() == '\r' || url.back() == '\n')) {
    url.remove_suffix(1);
  }
  size_t sep = url.find("://");
  if (sep != std::string_view::npos && sep > 0 && IsAlpha(url[0])) {
    bool ok = true;
    for (char c : url.substr(0, sep)) {
      if (!IsAlpha(c) && !IsDigit(c) && c != '+' && c != '-' && c != '.') ok = false;
    }
    if (ok) {
      out->scheme = url.substr(0, sep);
      url.remove_prefix(sep + 3);
    }
  } else if (url.substr(0, 2) == "//") {
    url.remove_prefix(2);
  }
  size_t auth_end = url.find_first_of("/?#");
  std::string_view authority = url.substr(0, auth_end);
  std::string_view rest = auth_end == std::string_view::npos ? std::string_view() : url.substr(auth_end);

  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    out->userinfo = authority.substr(0, at);
    authority.remove_prefix(at + 1);
  }
  IpAddress ip;
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return false;
    out->host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return false;
      out->port = after.substr(1);
    }
  } else if (authority.find(':') != authority.rfind(':') && ParseIpAddress(authority, &ip)) {
    out->host = authority;  // a bare IPv6 address: its colons are not a port
  } else {
    size_t colon = authority.rfind(':');
    out->host = authority.substr(0, colon);
    if (colon != std::string_view::npos) out->port = authority.substr(colon + 1);
  }
  if (out->host.empty() || !ValidPort(out->port)) return false;

  size_t hash = rest.find('#');
  if (hash != std::string_view::npos) {
    out->fragment = rest.substr(hash + 1);
    rest = rest.substr(0, hash);
  }
  size_t q = rest.find('?');
  if (q != std::string_view::npos) {
    out->query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  out->path = rest;
  return true;
}

}  // namespace recproc
