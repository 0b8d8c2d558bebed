// Comparison keys for list matching (reference §5.3 and §7 item 5: case-
// insensitive hostnames, domains, usernames, URL hosts and hashes).
#include "lists/list_key.h"

#include <cstring>

namespace recproc {
namespace {

char LowerChar(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

void LowerInto(std::string_view s, char* out) {
  for (size_t i = 0; i < s.size(); ++i) out[i] = LowerChar(s[i]);
}

}  // namespace

bool ListKey(MatchKind kind, std::string_view value, char* buf, std::string_view* key) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.empty() || value.size() > kMaxListKey) return false;
  switch (kind) {
    case MatchKind::kDomain:
      if (value.back() == '.') value.remove_suffix(1);
      if (value.empty()) return false;
      [[fallthrough]];
    case MatchKind::kHostname:
    case MatchKind::kUsername:
    case MatchKind::kHash:
      LowerInto(value, buf);
      *key = std::string_view(buf, value.size());
      return true;
    case MatchKind::kUrl: {
      // RFC 3986 §6.2.2.1: scheme and host are case-insensitive; path and
      // query are not. Userinfo keeps its case too.
      std::memcpy(buf, value.data(), value.size());
      size_t scheme_end = value.find("://");
      size_t host_start = 0;
      if (scheme_end != std::string_view::npos) {
        LowerInto(value.substr(0, scheme_end), buf);
        host_start = scheme_end + 3;
      }
      size_t host_end = value.find_first_of("/?#", host_start);
      if (host_end == std::string_view::npos) host_end = value.size();
      size_t at = value.substr(0, host_end).rfind('@');
      if (at != std::string_view::npos && at >= host_start) host_start = at + 1;
      LowerInto(value.substr(host_start, host_end - host_start), buf + host_start);
      *key = std::string_view(buf, value.size());
      return true;
    }
    case MatchKind::kAsn:
      if (value.size() > 2 && (value[0] == 'A' || value[0] == 'a') && (value[1] == 'S' || value[1] == 's'))
        value.remove_prefix(2);
      *key = value;
      return !value.empty();
    case MatchKind::kIp:
    case MatchKind::kExact:
      *key = value;
      return true;
  }
  return false;
}

}  // namespace recproc
