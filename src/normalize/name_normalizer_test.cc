#include "normalize/name_normalizer.h"

#include <gtest/gtest.h>

#include <string>

namespace recproc {
namespace {

// The product documentation's worked example (reference
// cloud-siem-pipeline.md §3.4).
NormalizeOptions WorkedExample() {
  NormalizeOptions o;
  o.normalize_usernames = o.normalize_hostnames = true;
  o.default_normalized_domain = "sumo";
  o.domain_mappings = {{"SUMO", "sumo"}, {"sumologic.com", "sumo"}, {"JASK", "jask"}, {"jask.com", "jask"}};
  return o;
}

struct Case {
  const char* in;
  const char* want;
  const char* role = "";
};

std::string User(const NameNormalizer& n, const char* in, std::string* role) {
  Arena arena;
  std::string_view r;
  std::string out(n.NormalizeUsername(in, &arena, &r));
  *role = std::string(r);
  return out;
}

std::string Host(const NameNormalizer& n, const char* in) {
  Arena arena;
  return std::string(n.NormalizeHostname(in, &arena));
}

void CheckUsers(const NormalizeOptions& options, const std::vector<Case>& cases) {
  NameNormalizer n(options);
  for (const Case& c : cases) {
    std::string role;
    EXPECT_EQ(User(n, c.in, &role), c.want) << "username " << c.in;
    EXPECT_EQ(role, c.role) << "role of " << c.in;
  }
}

void CheckHosts(const NormalizeOptions& options, const std::vector<Case>& cases) {
  NameNormalizer n(options);
  for (const Case& c : cases) EXPECT_EQ(Host(n, c.in), c.want) << "hostname " << c.in;
}

TEST(NameNormalizerTest, DocumentedWorkedExample) {
  CheckUsers(WorkedExample(), {
                                  {"bob", "bob"},
                                  {"SUMO\\bob", "bob"},
                                  {"bob@sumologic.com", "bob"},
                                  {"fred@jask.com", "fred:jask"},
                                  {"JASK\\fred", "fred:jask"},
                                  {"bob@someothername.com", "bob@someothername.com"},
                                  {"OTHERDOMAIN\\suzy", "otherdomain\\suzy"},
                              });
  CheckHosts(WorkedExample(), {
                                  {"SUMO\\desktop1", "desktop1"},
                                  {"desktop1@sumologic.com", "desktop1"},
                              });
}

TEST(NameNormalizerTest, UsernameForms) {
  CheckUsers(WorkedExample(), {
                                  {"Bob", "bob"},
                                  {"sumo\\BOB", "bob"},                      // domain case-insensitive
                                  {"Bob@SumoLogic.COM", "bob"},              // domain case-insensitive
                                  {"SUMO\\Fred@jask.com", "fred@jask.com"},  // AD first, rest is the name
                                  {"a@b@jask.com", "a@b:jask"},              // split at the last '@'
                                  {"bob@sumologic.com.", "bob"},             // root dot
                                  {"Bob@Other.Example", "bob@other.example"},
                              });
}

TEST(NameNormalizerTest, AwsForms) {
  CheckUsers(
      WorkedExample(),
      {
          {"arn:aws:iam::123456789012:user/Alice", "alice"},
          {"arn:aws:iam::123456789012:user/division/team/Alice", "alice"},
          {"arn:aws-us-gov:iam::123456789012:user/alice", "alice"},
          {"arn:aws-cn:iam::123456789012:user/alice@jask.com", "alice:jask"},
          {"ARN:AWS:IAM::123456789012:USER/ALICE", "alice"},
          {"arn:aws:sts::123456789012:assumed-role/Admin/bob@sumologic.com", "bob", "admin"},
          {"arn:aws:sts::123456789012:assumed-role/ReadOnly/i-0abc", "i-0abc", "readonly"},
          {"AROAEXAMPLEID1234:Bob@jask.com", "bob:jask"},
          {"AROAEXAMPLEID1234:carol", "carol"},
          // Not a person: kept whole, lowercased.
          {"arn:aws:iam::123456789012:role/Admin", "arn:aws:iam::123456789012:role/admin"},
          {"arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:root"},
          {"arn:aws:sts::123456789012:assumed-role/Admin/", "arn:aws:sts::123456789012:assumed-role/admin/"},
          {"arn:aws:iam::123456789012:user/", "arn:aws:iam::123456789012:user/"},
          {"arn:other:iam::123456789012:user/bob", "arn:other:iam::123456789012:user/bob"},
          {"AROA:bob", "aroa:bob"},
      });
}

TEST(NameNormalizerTest, HostnameForms) {
  CheckHosts(WorkedExample(),
             {
                 {"DESKTOP1", "desktop1"},
                 {"DESKTOP1$@SUMO", "desktop1"},  // machine account
                 {"web$@jask.com", "web:jask"},
                 {"desktop1$@other.local", "desktop1$@other.local"},  // unconfigured: kept
                 {"desktop1$", "desktop1$"},                          // `$` only stripped in the @ form
                 {"SUMO\\desktop1$", "desktop1$"},
                 {"Desktop1.SumoLogic.com", "desktop1"},  // FQDN split
                 {"web.jask.com", "web:jask"},
                 {"WEB.Example.ORG", "web.example.org"},            // unconfigured FQDN kept whole
                 {"web.eu.sumologic.com", "web.eu.sumologic.com"},  // subdomain is another domain
                 {"web.sumologic.com.", "web"},
                 {"10.1.2.3", "10.1.2.3"},
                 {"::FFFF:10.1.2.3", "::ffff:10.1.2.3"},
                 {"fe80::1", "fe80::1"},
             });
}

TEST(NameNormalizerTest, OddInputs) {
  CheckUsers(WorkedExample(), {
                                  {"", ""},
                                  {"SUMO\\", "sumo\\"},                  // only a domain
                                  {"@sumologic.com", "@sumologic.com"},  // only a domain
                                  {"bob@", "bob@"},
                                  {"\\bob", "\\bob"},
                                  {"SUMO\\\\Bob", "bob"},  // doubly escaped backslash
                                  {"SUMO\\\\", "sumo\\\\"},
                                  {"J\xC3\x9CRGEN@sumologic.com", "j\xC3\x9Crgen"},  // non-ASCII bytes kept
                                  {"\xC3\x84LVAR", "\xC3\x84lvar"},
                              });
  CheckHosts(WorkedExample(), {
                                  {"", ""},
                                  {".sumologic.com", ".sumologic.com"},
                                  {"desktop1.", "desktop1."},
                                  {"$@SUMO", "$@sumo"},
                              });
}

TEST(NameNormalizerTest, AdSwitchOff) {
  NormalizeOptions o = WorkedExample();
  o.ad_normalization = false;
  CheckUsers(o, {{"SUMO\\bob", "sumo\\bob"}, {"bob@sumologic.com", "bob"}});
  CheckHosts(o, {{"SUMO\\desktop1", "sumo\\desktop1"}, {"desktop1.jask.com", "desktop1:jask"}});
}

TEST(NameNormalizerTest, AdAndFqdnSwitchesOff) {
  NormalizeOptions o = WorkedExample();
  o.ad_normalization = o.fqdn_normalization = false;
  CheckUsers(o, {{"Bob@SumoLogic.com", "bob@sumologic.com"}});
  CheckHosts(o, {{"Desktop1.SumoLogic.com", "desktop1.sumologic.com"}});
}

TEST(NameNormalizerTest, AwsSwitchOffKeepsArnsWhole) {
  NormalizeOptions o = WorkedExample();
  o.aws_normalization = false;
  CheckUsers(o, {
                    {"arn:aws:iam::123456789012:user/Alice", "arn:aws:iam::123456789012:user/alice"},
                    {"arn:aws:sts::1:assumed-role/R/bob@sumologic.com",
                     "arn:aws:sts::1:assumed-role/r/bob@sumologic.com"},
                });
}

TEST(NameNormalizerTest, DefaultDomainIsNotImplied) {
  NormalizeOptions o;
  o.default_normalized_domain = "sumo";
  CheckUsers(o, {{"SUMO\\bob", "sumo\\bob"}, {"bob@sumo", "bob@sumo"}});
}

TEST(NameNormalizerTest, NormalizedDomainIsLowercased) {
  NormalizeOptions o;
  o.default_normalized_domain = "Corp";
  o.domain_mappings = {{"CORP", "Corp"}, {"PARTNER", "Partner"}};
  CheckUsers(o, {{"CORP\\Bob", "bob"}, {"partner\\Bob", "bob:partner"}});
}

TEST(NameNormalizerTest, AlreadyLowercaseResultViewsTheInput) {
  NameNormalizer n(WorkedExample());
  Arena arena;
  std::string_view in = "bob";
  std::string_view role;
  EXPECT_EQ(n.NormalizeUsername(in, &arena, &role).data(), in.data());
  EXPECT_EQ(arena.bytes_used(), 0u);
}

}  // namespace
}  // namespace recproc
