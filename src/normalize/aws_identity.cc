// AWS principal parsing. An ARN is `arn:partition:service:region:account:
// resource` (AWS General Reference, "Amazon Resource Names"); IAM and STS
// ARNs have an empty region. The resource may itself contain ':' and '/',
// so it is everything after the fifth colon. Unique ids such as AROA… are
// upper-case letters and digits.
#include "normalize/aws_identity.h"

#include "util/ascii_case.h"

namespace recproc {
namespace {

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreAsciiCase(s.substr(0, prefix.size()), prefix);
}

bool IsAlnum(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// Splits off the text before the next ':'; false when there is none.
bool NextPart(std::string_view* rest, std::string_view* part) {
  size_t colon = rest->find(':');
  if (colon == std::string_view::npos) return false;
  *part = rest->substr(0, colon);
  rest->remove_prefix(colon + 1);
  return true;
}

bool ParseArn(std::string_view value, AwsIdentity* out) {
  std::string_view rest = value, arn, partition, service, region, account;
  if (!NextPart(&rest, &arn) || !NextPart(&rest, &partition) || !NextPart(&rest, &service) ||
      !NextPart(&rest, &region) || !NextPart(&rest, &account))
    return false;
  if (!EqualsIgnoreAsciiCase(arn, "arn")) return false;
  if (!EqualsIgnoreAsciiCase(partition, "aws") && !EqualsIgnoreAsciiCase(partition, "aws-us-gov") &&
      !EqualsIgnoreAsciiCase(partition, "aws-cn"))
    return false;
  if (!region.empty() || account.empty()) return false;
  if (EqualsIgnoreAsciiCase(service, "iam") && StartsWithIgnoreCase(rest, "user/")) {
    // The path between "user/" and the name is optional and may be deep.
    std::string_view name = rest.substr(rest.rfind('/') + 1);
    if (name.empty()) return false;
    *out = AwsIdentity{name, {}};
    return true;
  }
  if (EqualsIgnoreAsciiCase(service, "sts") && StartsWithIgnoreCase(rest, "assumed-role/")) {
    rest.remove_prefix(13);
    size_t slash = rest.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == rest.size()) return false;
    *out = AwsIdentity{rest.substr(slash + 1), rest.substr(0, slash)};
    return true;
  }
  return false;
}

bool ParseRoleSessionId(std::string_view value, AwsIdentity* out) {
  if (!StartsWithIgnoreCase(value, "AROA")) return false;
  size_t colon = value.find(':');
  if (colon == std::string_view::npos || colon == 4 || colon + 1 == value.size()) return false;
  for (char c : value.substr(4, colon - 4))
    if (!IsAlnum(c)) return false;
  *out = AwsIdentity{value.substr(colon + 1), {}};
  return true;
}

}  // namespace

bool ParseAwsIdentity(std::string_view value, AwsIdentity* out) {
  return ParseArn(value, out) || ParseRoleSessionId(value, out);
}

}  // namespace recproc
