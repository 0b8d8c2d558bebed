#include "util/sha256.h"

#include <gtest/gtest.h>

namespace recproc {
namespace {

// FIPS 180-4 example vectors (NIST CSRC "Examples with intermediate values").
TEST(Sha256, KnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, IncrementalUpdatesEqualOneShot) {
  std::string data(1000, 'a');
  Sha256 h;
  for (size_t i = 0; i < data.size(); i += 7) h.Update(std::string_view(data).substr(i, 7));
  auto digest = h.Finish();
  std::string hex;
  for (uint8_t b : digest) {
    char tmp[3];
    snprintf(tmp, sizeof tmp, "%02x", b);
    hex += tmp;
  }
  EXPECT_EQ(hex, Sha256Hex(data));
  EXPECT_EQ(Sha256Hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

}  // namespace
}  // namespace recproc
