// NetworkBlocks: the CSV import format of the product's network blocks
// (`address_block,label,internal,suppresses_signals`, header required, RFC
// 4180 quoting so labels may contain commas) loaded into an IpPrefixTrie, so
// the most specific block is one longest-prefix match and suppression is one
// walk over every containing block.
#include "enrich/network_blocks.h"

#include <fstream>
#include <sstream>

#include "util/ascii_space.h"
#include "util/csv_line.h"

namespace recproc {
namespace {

bool ParseBool(std::string_view s, bool default_value, bool* out) {
  std::string v;
  for (char c : s) {
    if (c != ' ' && c != '\t') v.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  if (v.empty()) {
    *out = default_value;
  } else if (v == "true" || v == "yes" || v == "1") {
    *out = true;
  } else if (v == "false" || v == "no" || v == "0") {
    *out = false;
  } else {
    return false;
  }
  return true;
}

}  // namespace

void NetworkBlocks::AddDefault(std::string_view cidr) {
  IpAddress base;
  int len;
  if (!ParseCidr(cidr, &base, &len)) return;
  if (base.v4)
    default_v4_.push_back(V4Range{base.Ipv4Int(), len == 0 ? 0 : 0xffffffffu << (32 - len)});
  else
    default_trie_.Insert(base, len, 0);
}

NetworkBlocks::NetworkBlocks(const NetworkBlocksOptions& options) {
  for (const char* c : {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"}) AddDefault(c);
  if (options.loopback_internal) {
    AddDefault("127.0.0.0/8");
    AddDefault("::1/128");
  }
  if (options.link_local_internal) {
    AddDefault("169.254.0.0/16");
    AddDefault("fe80::/10");
  }
  if (options.cgnat_internal) AddDefault("100.64.0.0/10");
  if (options.ula_internal) AddDefault("fc00::/7");
}

Status NetworkBlocks::Load(const std::string& path, const NetworkBlocksOptions& options,
                           std::unique_ptr<NetworkBlocks>* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot read network blocks file");
  std::stringstream buf;
  buf << in.rdbuf();
  return FromCsv(buf.str(), path, options, out);
}

Status NetworkBlocks::FromCsv(std::string_view text, std::string_view source_name,
                              const NetworkBlocksOptions& options, std::unique_ptr<NetworkBlocks>* out) {
  std::unique_ptr<NetworkBlocks> nb(new NetworkBlocks(options));
  std::string errors;
  auto error = [&](size_t line, const std::string& msg) {
    if (!errors.empty()) errors += '\n';
    errors += std::string(source_name) + ":" + std::to_string(line) + ": " + msg;
  };
  enum Column { kBlock, kLabel, kInternal, kSuppresses, kColumns };
  static constexpr const char* kNames[kColumns] = {"address_block", "label", "internal",
                                                   "suppresses_signals"};
  int index[kColumns] = {-1, -1, -1, -1};
  size_t width = 0;
  bool have_header = false;
  std::vector<std::string> fields;
  std::string csv_error;
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    if (TrimAsciiSpace(line).empty()) continue;
    if (!SplitCsvLine(line, &fields, &csv_error)) {
      error(line_no, csv_error);
      if (!have_header) break;
      continue;
    }
    if (!have_header) {
      have_header = true;
      width = fields.size();
      for (size_t i = 0; i < fields.size(); ++i) {
        std::string_view name = TrimAsciiSpace(fields[i]);
        if (i == 0 && name.substr(0, 3) == "\xEF\xBB\xBF") name.remove_prefix(3);  // spreadsheet BOM
        int col = -1;
        for (int c = 0; c < kColumns; ++c) {
          if (name == kNames[c]) col = c;
        }
        if (col < 0) {
          error(line_no, "unknown column \"" + std::string(name) +
                             "\" (expected address_block, label, internal, suppresses_signals)");
        } else if (index[col] >= 0) {
          error(line_no, "column \"" + std::string(name) + "\" appears twice");
        } else {
          index[col] = static_cast<int>(i);
        }
      }
      if (index[kBlock] < 0) {
        error(line_no, "header has no address_block column");
        break;
      }
      continue;
    }
    if (fields.size() != width) {
      error(line_no, "expected " + std::to_string(width) + " fields, found " + std::to_string(fields.size()));
      continue;
    }
    NetworkBlock b;
    std::string_view cidr = TrimAsciiSpace(fields[index[kBlock]]);
    if (!ParseCidr(cidr, &b.base, &b.prefix_len)) {
      error(line_no, "address_block \"" + std::string(cidr) + "\" is not an IP address or CIDR block");
      continue;
    }
    if (index[kLabel] >= 0) b.label = std::string(TrimAsciiSpace(fields[index[kLabel]]));
    bool ok = true;
    for (auto [col, def, dst] :
         {std::tuple{kInternal, true, &b.internal}, std::tuple{kSuppresses, false, &b.suppresses_signals}}) {
      if (index[col] < 0) {
        *dst = def;
      } else if (!ParseBool(fields[index[col]], def, dst)) {
        error(line_no,
              std::string(kNames[col]) + " must be true or false, found \"" + fields[index[col]] + "\"");
        ok = false;
      }
    }
    if (!ok) continue;
    uint32_t previous;
    if (nb->blocks_trie_.Find(b.base, b.prefix_len, &previous)) {
      error(line_no, "duplicate address_block " + b.base.ToString() + "/" + std::to_string(b.prefix_len) +
                         " (also \"" + nb->blocks_[previous].label + "\")");
      continue;
    }
    nb->blocks_trie_.Insert(b.base, b.prefix_len, static_cast<uint32_t>(nb->blocks_.size()));
    nb->blocks_.push_back(std::move(b));
  }
  if (!have_header && errors.empty())
    error(1, "empty file: expected a header line starting with address_block");
  if (!errors.empty()) return Status::InvalidArgument(errors);
  *out = std::move(nb);
  return Status::Ok();
}

bool NetworkBlocks::InDefaultRange(const IpAddress& addr) const {
  if (addr.v4) {
    uint32_t a = addr.Ipv4Int();
    for (const V4Range& r : default_v4_)
      if ((a & r.mask) == r.base) return true;
    return false;
  }
  return default_trie_.LongestMatch(addr, nullptr, nullptr);
}

NetworkBlockResult NetworkBlocks::Lookup(const IpAddress& addr) const {
  NetworkBlockResult r;
  IpAddress key = addr;
  if (IsIpv4Mapped(addr)) EmbeddedIpv4(addr, &key);
  PrefixMatch matches[IpPrefixTrie::kMaxMatches];
  // Without a blocks file there is nothing to walk.
  int n = blocks_.empty() ? 0 : blocks_trie_.AllMatches(key, matches);
  if (n == 0) {
    r.is_internal = InDefaultRange(key);
    return r;
  }
  const NetworkBlock& best = blocks_[matches[0].payload];
  r.in_block = true;
  r.location = best.label;
  r.is_internal = best.internal;
  for (int i = 0; i < n; ++i) {
    const NetworkBlock& b = blocks_[matches[i].payload];
    if (b.suppresses_signals) {
      r.suppresses = true;
      r.suppress_label = b.label;
      break;
    }
  }
  return r;
}

}  // namespace recproc
