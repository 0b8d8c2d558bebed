// Kubernetes normalized names: a fixed table of attribute names (they must
// outlive the record, so they are literals) and one arena string each.
#include "normalize/k8s_names.h"

#include <cstring>
#include <string_view>

namespace recproc {
namespace {

struct K8sAttrs {
  AttrName ns;
  AttrName object[3];
  AttrName normalized[3];
};

constexpr K8sAttrs kK8s[] = {
    {"device_k8s_namespace",
     {"device_k8s_pod", "device_k8s_deployment", "device_k8s_replicaSet"},
     {"device_k8s_normalizedPodName", "device_k8s_normalizedDeploymentName",
      "device_k8s_normalizedReplicaSetName"}},
    {"srcDevice_k8s_namespace",
     {"srcDevice_k8s_pod", "srcDevice_k8s_deployment", "srcDevice_k8s_replicaSet"},
     {"srcDevice_k8s_normalizedPodName", "srcDevice_k8s_normalizedDeploymentName",
      "srcDevice_k8s_normalizedReplicaSetName"}},
    {"dstDevice_k8s_namespace",
     {"dstDevice_k8s_pod", "dstDevice_k8s_deployment", "dstDevice_k8s_replicaSet"},
     {"dstDevice_k8s_normalizedPodName", "dstDevice_k8s_normalizedDeploymentName",
      "dstDevice_k8s_normalizedReplicaSetName"}},
};

}  // namespace

int SetK8sNormalizedNames(Record* record, Arena* arena) {
  int written = 0;
  for (const K8sAttrs& k : kK8s) {
    std::string_view ns = record->GetString(k.ns);
    if (ns.empty()) continue;
    for (int i = 0; i < 3; ++i) {
      std::string_view name = record->GetString(k.object[i]);
      if (name.empty()) continue;
      size_t n = ns.size() + 1 + name.size();
      char* p = arena->Allocate(n);
      std::memcpy(p, ns.data(), ns.size());
      p[ns.size()] = '/';
      std::memcpy(p + ns.size() + 1, name.data(), name.size());
      record->Set(k.normalized[i], Value::String(std::string_view(p, n)));
      ++written;
    }
  }
  return written;
}

}  // namespace recproc
