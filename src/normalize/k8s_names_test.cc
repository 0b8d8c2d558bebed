#include "normalize/k8s_names.h"

#include <gtest/gtest.h>

#include <string>

namespace recproc {
namespace {

std::string Str(const Record& r, std::string_view name) {
  const Value* v = r.Get(name);
  return v ? std::string(v->s) : "<absent>";
}

TEST(K8sNamesTest, NamespaceSlashNameForEachMappedObject) {
  Record r;
  Arena arena;
  r.Set("device_k8s_namespace", Value::String("prod"));
  r.Set("device_k8s_pod", Value::String("web-7d4b9-x2x"));
  r.Set("srcDevice_k8s_namespace", Value::String("kube-system"));
  r.Set("srcDevice_k8s_deployment", Value::String("coredns"));
  r.Set("srcDevice_k8s_replicaSet", Value::String("coredns-5d78c"));
  EXPECT_EQ(SetK8sNormalizedNames(&r, &arena), 3);
  EXPECT_EQ(Str(r, "device_k8s_normalizedPodName"), "prod/web-7d4b9-x2x");
  EXPECT_EQ(Str(r, "device_k8s_normalizedDeploymentName"), "<absent>");
  EXPECT_EQ(Str(r, "srcDevice_k8s_normalizedDeploymentName"), "kube-system/coredns");
  EXPECT_EQ(Str(r, "srcDevice_k8s_normalizedReplicaSetName"), "kube-system/coredns-5d78c");
  EXPECT_EQ(Str(r, "srcDevice_k8s_normalizedPodName"), "<absent>");
}

TEST(K8sNamesTest, NeedsBothNamespaceAndObject) {
  Record r;
  Arena arena;
  r.Set("device_k8s_pod", Value::String("web"));        // no namespace
  r.Set("dstDevice_k8s_namespace", Value::String(""));  // empty namespace
  r.Set("dstDevice_k8s_pod", Value::String("db"));
  r.Set("srcDevice_k8s_namespace", Value::String("prod"));  // no object
  r.Set("srcDevice_k8s_pod", Value::String(""));
  EXPECT_EQ(SetK8sNormalizedNames(&r, &arena), 0);
  EXPECT_EQ(Str(r, "device_k8s_normalizedPodName"), "<absent>");
  EXPECT_EQ(Str(r, "dstDevice_k8s_normalizedPodName"), "<absent>");
  EXPECT_EQ(Str(r, "srcDevice_k8s_normalizedPodName"), "<absent>");
}

}  // namespace
}  // namespace recproc
