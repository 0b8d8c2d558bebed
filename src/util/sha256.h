// SHA-256 (FIPS 180-4) for the daemon runner's integrity and identity needs:
// the config hash in the state file, the digest of an appended batch that
// recovery checks, and idempotency keys of side effects. Not on the hot path.
#ifndef RECPROC_UTIL_SHA256_H_
#define RECPROC_UTIL_SHA256_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace recproc {

class Sha256 {
 public:
  Sha256();
  void Update(std::string_view data);
  // The digest; the object must not be updated afterwards.
  std::array<uint8_t, 32> Finish();

 private:
  void Block(const uint8_t* p);
  uint32_t h_[8];
  uint8_t buf_[64];
  size_t buf_len_ = 0;
  uint64_t total_ = 0;
};

// Lower-case hex digest of `data`.
std::string Sha256Hex(std::string_view data);

}  // namespace recproc

#endif  // RECPROC_UTIL_SHA256_H_
