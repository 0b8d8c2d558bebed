// Kubernetes entity names (reference cloud-siem-pipeline.md §3.1): the
// product derives `*_k8s_normalized{Pod,Deployment,ReplicaSet}Name` from the
// namespace plus the object name, so that `web-1` in `prod` and `web-1` in
// `dev` are different entities. We write `<namespace>/<name>`, the form
// kubectl prints and accepts. Both parts must be present and non-empty; the
// text is kept as is (Kubernetes names are already lowercase DNS labels).
#ifndef RECPROC_NORMALIZE_K8S_NAMES_H_
#define RECPROC_NORMALIZE_K8S_NAMES_H_

#include "record/record.h"
#include "util/arena.h"

namespace recproc {

// For the device, srcDevice and dstDevice prefixes, sets each normalized
// name whose namespace and object are both mapped. New text is in `arena`.
// Returns the number of names written.
int SetK8sNormalizedNames(Record* record, Arena* arena);

}  // namespace recproc

#endif  // RECPROC_NORMALIZE_K8S_NAMES_H_
