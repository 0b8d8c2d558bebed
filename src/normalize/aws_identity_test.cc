#include "normalize/aws_identity.h"

#include <gtest/gtest.h>

namespace recproc {
namespace {

TEST(AwsIdentityTest, IamUserWithPath) {
  AwsIdentity id;
  ASSERT_TRUE(ParseAwsIdentity("arn:aws:iam::123456789012:user/dev/ops/Alice", &id));
  EXPECT_EQ(id.name, "Alice");
  EXPECT_EQ(id.role, "");
}

TEST(AwsIdentityTest, AssumedRoleSessionKeepsSlashlessSession) {
  AwsIdentity id;
  ASSERT_TRUE(ParseAwsIdentity("arn:aws:sts::123456789012:assumed-role/Deploy/ci@example.com", &id));
  EXPECT_EQ(id.name, "ci@example.com");
  EXPECT_EQ(id.role, "Deploy");
}

TEST(AwsIdentityTest, RoleSessionId) {
  AwsIdentity id;
  ASSERT_TRUE(ParseAwsIdentity("AROA3XFRBF535PLBIFPI4:s3-access", &id));
  EXPECT_EQ(id.name, "s3-access");
}

TEST(AwsIdentityTest, RejectsOtherPrincipals) {
  AwsIdentity id{"untouched", "r"};
  for (const char* v : {"arn:aws:iam::123456789012:role/Admin", "arn:aws:iam::123456789012:group/g",
                        "arn:aws:iam:us-east-1:123456789012:user/bob",  // IAM has no region
                        "arn:aws:iam:::user/bob", "arn:aws:s3:::bucket/user/bob", "arn:aws:iam::1:user",
                        "AIDAEXAMPLE:bob", "AROA-bad:bob", "AROAX:", "bob"}) {
    EXPECT_FALSE(ParseAwsIdentity(v, &id)) << v;
  }
  EXPECT_EQ(id.name, "untouched");
}

}  // namespace
}  // namespace recproc
