// AWS principal strings that carry a person's name (reference
// cloud-siem-pipeline.md §3.2 and §7 item 7c):
//
//   arn:<partition>:iam::<account>:user/<path>/<name>           → name
//   arn:<partition>:sts::<account>:assumed-role/<role>/<session> → session, role
//   AROA<unique id>:<session>                                    → session
//
// where <partition> is aws, aws-us-gov or aws-cn. Matching of the fixed
// parts is ASCII case-insensitive, because upstream tools sometimes
// uppercase or lowercase the whole value. Any other ARN (roles, groups,
// root) is not a person and is left alone.
#ifndef RECPROC_NORMALIZE_AWS_IDENTITY_H_
#define RECPROC_NORMALIZE_AWS_IDENTITY_H_

#include <string_view>

namespace recproc {

struct AwsIdentity {
  std::string_view name;  // the user name or session name; never empty on success
  std::string_view role;  // the assumed role's name; empty for the other forms
};

// True when `value` has one of the forms above; *out then holds views into
// `value`. On false, *out is untouched.
bool ParseAwsIdentity(std::string_view value, AwsIdentity* out);

}  // namespace recproc

#endif  // RECPROC_NORMALIZE_AWS_IDENTITY_H_
