// NetworkBlocks: the site's address blocks (reference cloud-siem-pipeline.md
// §4.1 and §7 item 10) giving IP attributes their `_isInternal` and
// `_location`, and telling which addresses suppress signals.
//
// Built once (Load/FromCsv), immutable afterwards: Lookup() is const,
// thread-safe, and allocates nothing.
#ifndef RECPROC_ENRICH_NETWORK_BLOCKS_H_
#define RECPROC_ENRICH_NETWORK_BLOCKS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "recproc/status.h"
#include "util/ip_address.h"
#include "util/ip_prefix_trie.h"

namespace recproc {

// Ranges counted as internal when no configured block covers the address.
// RFC 1918 (10/8, 172.16/12, 192.168/16) is always internal, as in the
// product; the others are opt-in. Default: all false.
struct NetworkBlocksOptions {
  bool loopback_internal = false;    // 127.0.0.0/8, ::1/128
  bool link_local_internal = false;  // 169.254.0.0/16, fe80::/10
  bool cgnat_internal = false;       // 100.64.0.0/10 (RFC 6598)
  bool ula_internal = false;         // fc00::/7 (RFC 4193)
};

struct NetworkBlock {
  IpAddress base;
  int prefix_len = 0;
  std::string label;
  bool internal = true;
  bool suppresses_signals = false;
};

// Views point into the NetworkBlocks that filled the result.
struct NetworkBlockResult {
  // The most specific configured block decides (so a block marked
  // internal=false carves an address out of RFC 1918); without one, the
  // default ranges decide.
  bool is_internal = false;
  // Whether a configured block contains the address; label of the most
  // specific one (`_location`), empty when none.
  bool in_block = false;
  std::string_view location;
  // Whether any containing block suppresses signals, and the label of the
  // most specific such block (for suppressedReasons).
  bool suppresses = false;
  std::string_view suppress_label;
};

class NetworkBlocks {
 public:
  // Reads a CSV file: a header naming the columns in any order
  // (address_block required; label, internal, suppresses_signals optional),
  // then one block per line. internal and suppresses_signals take
  // true/false/yes/no/1/0 (any case), empty meaning the default (true and
  // false). Blank lines are skipped. Every problem is reported, one per line
  // of the message, as "file:line: ...": bad CIDR, bad boolean, unknown or
  // missing column, wrong field count, duplicate block.
  static Status Load(const std::string& path, const NetworkBlocksOptions& options,
                     std::unique_ptr<NetworkBlocks>* out);
  // As Load, from text already in memory; source_name prefixes messages.
  static Status FromCsv(std::string_view text, std::string_view source_name,
                        const NetworkBlocksOptions& options, std::unique_ptr<NetworkBlocks>* out);

  // IPv4-mapped IPv6 addresses are looked up as their IPv4 address.
  NetworkBlockResult Lookup(const IpAddress& addr) const;

  const std::vector<NetworkBlock>& blocks() const { return blocks_; }

 private:
  explicit NetworkBlocks(const NetworkBlocksOptions& options);
  void AddDefault(std::string_view cidr);
  bool InDefaultRange(const IpAddress& addr) const;

  std::vector<NetworkBlock> blocks_;  // payloads of blocks_trie_ index this
  IpPrefixTrie blocks_trie_;
  // The default internal ranges: IPv6 in a trie (payload unused), IPv4 as
  // (base, mask) pairs, at most six, where a scan beats a trie walk.
  IpPrefixTrie default_trie_;
  struct V4Range {
    uint32_t base, mask;
  };
  std::vector<V4Range> default_v4_;
};

}  // namespace recproc

#endif  // RECPROC_ENRICH_NETWORK_BLOCKS_H_
