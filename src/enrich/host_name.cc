// Host normalization. The common case (an ASCII name, already lower case)
// returns a view of the input and costs one scan. IDNs are rare in logs, so
// their path may allocate (libpsl's lower-casing returns malloc'ed text).
//
// Punycode: RFC 3492 section 6.3 (encoding procedure) with the section 5
// parameters. Hosts are compared in this ASCII form because the Public
// Suffix List, rank lists and threat feeds all accept it, while UTF-8
// spellings of the same name vary.
#include "enrich/host_name.h"

#include <libpsl.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "util/ip_address.h"

namespace recproc {
namespace {

constexpr uint32_t kBase = 36, kTmin = 1, kTmax = 26, kSkew = 38, kDamp = 700, kInitialBias = 72,
                   kInitialN = 128;

uint32_t Adapt(uint32_t delta, uint32_t numpoints, bool first) {
  delta = first ? delta / kDamp : delta / 2;
  delta += delta / numpoints;
  uint32_t k = 0;
  while (delta > ((kBase - kTmin) * kTmax) / 2) {
    delta /= kBase - kTmin;
    k += kBase;
  }
  return k + (kBase - kTmin + 1) * delta / (delta + kSkew);
}

char Digit(uint32_t d) { return static_cast<char>(d < 26 ? 'a' + d : '0' + (d - 26)); }

bool DecodeUtf8(std::string_view s, std::vector<uint32_t>* cps) {
  cps->clear();
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    uint32_t cp;
    int extra;
    if (c < 0x80) {
      cp = c;
      extra = 0;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F;
      extra = 1;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F;
      extra = 2;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07;
      extra = 3;
    } else {
      return false;
    }
    if (i + static_cast<size_t>(extra) >= s.size()) return false;  // truncated sequence
    for (int k = 1; k <= extra; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;  // overlong, surrogate
    cps->push_back(cp);
    i += extra + 1;
  }
  return true;
}

bool IsAsciiHostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

// Checks label lengths (1..63) and the total (<= 253) of an ASCII name, and
// that every label has a letter or digit: "-" is the log placeholder for "no
// value", not a host.
bool ValidLabels(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  size_t start = 0;
  while (true) {
    size_t dot = name.find('.', start);
    size_t end = dot == std::string_view::npos ? name.size() : dot;
    if (end == start || end - start > 63) return false;
    bool alnum = false;
    for (size_t i = start; i < end; ++i) alnum = alnum || (name[i] != '-' && name[i] != '_');
    if (!alnum) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

}  // namespace

bool PunycodeEncode(std::string_view utf8_label, std::string* out) {
  std::vector<uint32_t> cps;
  if (!DecodeUtf8(utf8_label, &cps)) return false;
  out->clear();
  for (uint32_t c : cps) {
    if (c < 0x80) out->push_back(static_cast<char>(c));
  }
  uint32_t b = static_cast<uint32_t>(out->size());
  uint32_t h = b;
  if (b > 0) out->push_back('-');
  uint32_t n = kInitialN, delta = 0, bias = kInitialBias;
  while (h < cps.size()) {
    uint32_t m = UINT32_MAX;
    for (uint32_t c : cps) {
      if (c >= n && c < m) m = c;
    }
    if (m - n > (UINT32_MAX - delta) / (h + 1)) return false;
    delta += (m - n) * (h + 1);
    n = m;
    for (uint32_t c : cps) {
      if (c < n && ++delta == 0) return false;
      if (c != n) continue;
      uint32_t q = delta;
      for (uint32_t k = kBase;; k += kBase) {
        uint32_t t = k <= bias ? kTmin : k >= bias + kTmax ? kTmax : k - bias;
        if (q < t) break;
        out->push_back(Digit(t + (q - t) % (kBase - t)));
        q = (q - t) / (kBase - t);
      }
      out->push_back(Digit(q));
      bias = Adapt(delta, h + 1, h == b);
      delta = 0;
      ++h;
    }
    ++delta;
    ++n;
  }
  return true;
}

bool NormalizeHostName(std::string_view host, Arena* arena, NormalizedHost* out) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  if (host.empty()) return false;
  IpAddress ip;
  if (ParseIpAddress(host, &ip)) {
    char buf[kMaxIpAddressText];
    std::string_view text = FormatIpAddress(ip, buf);
    out->is_ip = true;
    out->name = text == host ? host : arena->Copy(text);
    return true;
  }
  out->is_ip = false;
  bool ascii = true, lower = true;
  for (char c : host) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
    } else if (c >= 'A' && c <= 'Z') {
      lower = false;
    } else if (!IsAsciiHostChar(c)) {
      return false;
    }
  }
  if (ascii) {
    if (lower) {
      out->name = host;
    } else {
      char* buf = arena->Allocate(host.size());
      for (size_t i = 0; i < host.size(); ++i) {
        char c = host[i];
        buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      }
      out->name = std::string_view(buf, host.size());
    }
    return ValidLabels(out->name);
  }
  // libpsl would read stray bytes as Latin-1; only valid UTF-8 is a name.
  std::vector<uint32_t> cps;
  if (!DecodeUtf8(host, &cps)) return false;
  // libpsl wants NUL-terminated text; the input view is not.
  std::string copy(host);
  char* lowered = nullptr;
  if (psl_str_to_utf8lower(copy.c_str(), "utf-8", "C", &lowered) != PSL_SUCCESS || lowered == nullptr)
    return false;
  std::string folded(lowered);
  psl_free_string(lowered);
  std::string result, label;
  size_t start = 0;
  while (start <= folded.size()) {
    size_t dot = folded.find('.', start);
    size_t end = dot == std::string::npos ? folded.size() : dot;
    std::string_view raw(folded.data() + start, end - start);
    bool label_ascii = true;
    for (char c : raw) {
      if (static_cast<unsigned char>(c) >= 0x80) {
        label_ascii = false;
      } else if (!IsAsciiHostChar(c)) {
        return false;
      }
    }
    if (!result.empty()) result.push_back('.');
    if (label_ascii) {
      result.append(raw);
    } else {
      if (!PunycodeEncode(raw, &label)) return false;
      result += "xn--" + label;
    }
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  out->name = arena->Copy(result);
  return ValidLabels(out->name);
}

}  // namespace recproc
