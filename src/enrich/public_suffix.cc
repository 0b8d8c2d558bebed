// PublicSuffixList: libpsl decides, per suffix, whether it is public
// (psl_is_public_suffix2, which applies wildcard and exception rules and the
// ICANN/PRIVATE split); the registrable domain is then the longest public
// suffix plus one label. Walking suffixes left to right finds the longest
// public one first. libpsl's own psl_registrable_domain cannot restrict to the
// ICANN section, hence the walk.
#include "enrich/public_suffix.h"

#include <libpsl.h>

#include <cstring>
#include <fstream>
#include <sstream>

namespace recproc {

struct PublicSuffixList::Ctx {
  psl_ctx_t* psl = nullptr;
  ~Ctx() {
    if (psl != nullptr) psl_free(psl);
  }
};

PublicSuffixList::~PublicSuffixList() = default;

Status PublicSuffixList::Load(const std::string& path, bool include_private,
                              std::unique_ptr<PublicSuffixList>* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot read the Public Suffix List");
  std::stringstream buf;
  buf << in.rdbuf();
  std::unique_ptr<PublicSuffixList> list(new PublicSuffixList());
  list->ctx_ = std::make_unique<Ctx>();
  list->ctx_->psl = psl_load_file(path.c_str());
  if (list->ctx_->psl == nullptr)
    return Status::IoError(path + ": libpsl cannot load the Public Suffix List");
  if (psl_suffix_count(list->ctx_->psl) <= 0) {
    return Status::InvalidArgument(path +
                                   ": no public suffix rules found (is this a public_suffix_list.dat?)");
  }
  list->type_ = include_private ? PSL_TYPE_ANY : PSL_TYPE_ICANN;
  list->fingerprint_ = FingerprintBytes(path, buf.str());
  *out = std::move(list);
  return Status::Ok();
}

std::string_view PublicSuffixList::RegistrableDomain(std::string_view host) const {
  // libpsl needs NUL-terminated text; every suffix of this buffer is.
  char buf[256];
  if (host.empty() || host.size() >= sizeof buf) return {};
  std::memcpy(buf, host.data(), host.size());
  buf[host.size()] = '\0';
  size_t prev = std::string_view::npos;  // start of the suffix one label longer
  size_t pos = 0;
  while (true) {
    if (buf[pos] == '.' || buf[pos] == '\0') return {};  // empty label
    if (psl_is_public_suffix2(ctx_->psl, buf + pos, type_)) {
      if (prev == std::string_view::npos) return {};
      return host.substr(prev);
    }
    const char* dot = std::strchr(buf + pos, '.');
    if (dot == nullptr) return {};  // psl treats a lone unlisted label as public; not reached normally
    prev = pos;
    pos = static_cast<size_t>(dot - buf) + 1;
  }
}

}  // namespace recproc
