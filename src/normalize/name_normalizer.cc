// Username and hostname normalization: a few scanners over the value, no
// regex. Every path returns either a view of the input (already lowercase)
// or one arena copy, so normalizing a name costs at most one small arena
// allocation and never touches the heap.
#include "normalize/name_normalizer.h"

#include <cstring>

#include "util/ascii_case.h"
#include "normalize/aws_identity.h"

namespace recproc {
namespace {

std::string LowerString(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ToLowerAscii(c);
  return out;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreAsciiCase(s.substr(0, prefix.size()), prefix);
}

// Dotted IPv4 or any IPv6 literal: hostnames never contain ':', and a
// dotted-decimal address is not an FQDN.
bool LooksLikeIpLiteral(std::string_view s) {
  if (s.find(':') != std::string_view::npos) return true;
  for (char c : s)
    if (c != '.' && (c < '0' || c > '9')) return false;
  return true;
}

std::string_view StripRootDot(std::string_view domain) {
  if (!domain.empty() && domain.back() == '.') domain.remove_suffix(1);
  return domain;
}

}  // namespace

NameNormalizer::NameNormalizer(const NormalizeOptions& options)
    : ad_(options.ad_normalization),
      fqdn_(options.fqdn_normalization),
      aws_(options.aws_normalization),
      default_domain_(LowerString(options.default_normalized_domain)) {
  for (const DomainMapping& m : options.domain_mappings)
    domains_.emplace(LowerString(StripRootDot(m.raw_domain)), LowerString(m.normalized_domain));
}

std::string_view NameNormalizer::NormalizeUsername(std::string_view value, Arena* arena,
                                                   std::string_view* role) const {
  return Normalize(value, /*is_host=*/false, arena, role);
}

std::string_view NameNormalizer::NormalizeHostname(std::string_view value, Arena* arena) const {
  return Normalize(value, /*is_host=*/true, arena, nullptr);
}

const std::string* NameNormalizer::FindDomain(std::string_view domain) const {
  domain = StripRootDot(domain);
  // DNS names stop at 253 bytes and NetBIOS names at 15, so anything longer
  // cannot be configured and needs no lowercase copy.
  char buf[256];
  if (domain.empty() || domain.size() > sizeof(buf)) return nullptr;
  LowercaseAsciiTo(domain, buf);
  auto it = domains_.find(std::string_view(buf, domain.size()));
  return it == domains_.end() ? nullptr : &it->second;
}

std::string_view NameNormalizer::Qualify(std::string_view name, const std::string& normalized_domain,
                                         Arena* arena) const {
  if (normalized_domain == default_domain_) return LowercaseAscii(name, arena);
  size_t n = name.size() + 1 + normalized_domain.size();
  char* p = arena->Allocate(n);
  LowercaseAsciiTo(name, p);
  p[name.size()] = ':';
  std::memcpy(p + name.size() + 1, normalized_domain.data(), normalized_domain.size());
  return std::string_view(p, n);
}

std::string_view NameNormalizer::Normalize(std::string_view value, bool is_host, Arena* arena,
                                           std::string_view* role) const {
  std::string_view v = value;
  if (!is_host && StartsWithIgnoreCase(v, "arn:")) {
    AwsIdentity id;
    if (!aws_ || !ParseAwsIdentity(v, &id)) return LowercaseAscii(value, arena);
    v = id.name;
    if (!id.role.empty()) *role = LowercaseAscii(id.role, arena);
  } else if (!is_host && aws_) {
    AwsIdentity id;
    if (ParseAwsIdentity(v, &id)) v = id.name;
  }

  if (ad_) {
    size_t bs = v.find('\\');
    if (bs != std::string_view::npos && bs > 0) {
      std::string_view name = v.substr(bs + 1);
      while (!name.empty() && name.front() == '\\') name.remove_prefix(1);
      if (!name.empty()) {
        if (const std::string* nd = FindDomain(v.substr(0, bs))) return Qualify(name, *nd, arena);
      }
      return LowercaseAscii(v, arena);
    }
  }

  if (ad_ || fqdn_) {
    size_t at = v.rfind('@');
    if (at != std::string_view::npos && at > 0 && at + 1 < v.size()) {
      std::string_view name = v.substr(0, at);
      if (is_host && name.back() == '$') {
        if (name.size() == 1) return LowercaseAscii(v, arena);  // no name left once `$` goes
        name.remove_suffix(1);
      }
      if (const std::string* nd = FindDomain(v.substr(at + 1))) return Qualify(name, *nd, arena);
      return LowercaseAscii(v, arena);
    }
  }

  if (is_host && fqdn_ && !LooksLikeIpLiteral(v)) {
    size_t dot = v.find('.');
    if (dot != std::string_view::npos && dot > 0) {
      if (const std::string* nd = FindDomain(v.substr(dot + 1))) return Qualify(v.substr(0, dot), *nd, arena);
    }
  }
  return LowercaseAscii(v, arena);
}

}  // namespace recproc
