// MmdbDatabase: one MaxMind DB (.mmdb) file, memory-mapped, checked when it
// is opened, and read by typed paths. This is the only file that knows
// libmaxminddb; IpGeoEnricher asks it for strings and numbers by path.
//
// Thread-safety: immutable after Open(); lookups are const and may run from
// any number of threads (libmaxminddb's lookups only read the mapping).
#ifndef RECPROC_ENRICH_MMDB_DATABASE_H_
#define RECPROC_ENRICH_MMDB_DATABASE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "recproc/status.h"
#include "util/ip_address.h"

namespace recproc {

// Where a database came from, for `recproc version`/--stats and for telling
// which build produced an enrichment.
struct MmdbProvenance {
  std::string path;
  std::string database_type;  // metadata database_type, e.g. "GeoLite2-City"
  uint64_t build_epoch = 0;   // metadata build_epoch, seconds since 1970
  int ip_version = 0;         // 4 or 6: the widest address the tree holds
  uint32_t node_count = 0;
};

struct MmdbOpenOptions {
  // Also decode every data record the search tree points to. Catches corrupt
  // data sections at Open instead of at the first lookup that reaches them,
  // at the cost of touching the whole file (about a second for a full City
  // database). Default: false; the search tree and metadata are always checked.
  bool verify_data = false;
  // Check metadata completeness and the search tree at Open. Default: true;
  // false leaves only libmaxminddb's own checks (tests use it to prove that
  // lookups on damaged files fail cleanly).
  bool check_structure = true;
};

class MmdbDatabase {
 public:
  // A located record; meaningful only with the database that produced it.
  struct Entry {
    uint32_t offset = 0;
  };

  ~MmdbDatabase();
  MmdbDatabase(const MmdbDatabase&) = delete;
  MmdbDatabase& operator=(const MmdbDatabase&) = delete;

  // Maps the file and checks it: libmaxminddb's own header checks, format
  // version 2, a record size of 24/28/32, a plausible build_epoch, decodable
  // metadata, and every search-tree record pointing at a node, the empty
  // marker or inside the data section. Errors name the file and the problem.
  static Status Open(const std::string& path, const MmdbOpenOptions& options,
                     std::unique_ptr<MmdbDatabase>* out);

  const MmdbProvenance& provenance() const { return provenance_; }

  // Finds the record for addr. An IPv6 address in an IPv4-only database is
  // not found (no error). Returns non-OK only for a corrupt tree.
  Status Lookup(const IpAddress& addr, bool* found, Entry* entry) const;

  // Values at a path of map keys / array indices ("city", "names", "en").
  // A missing path or a value of another type yields std::nullopt and OK;
  // corrupt data yields an error. Strings are views into the mapped file:
  // valid as long as this database lives, not NUL-terminated.
  Status GetString(Entry entry, const char* const* path, std::optional<std::string_view>* out) const;
  Status GetNumber(Entry entry, const char* const* path, std::optional<double>* out) const;
  Status GetUnsigned(Entry entry, const char* const* path, std::optional<uint64_t>* out) const;

 private:
  struct Handle;
  MmdbDatabase();
  Status VerifyTree(const MmdbOpenOptions& options);
  // The IPv4 lookup table of a checked tree (see Handle).
  void BuildIpv4Table();
  Status GetValue(Entry entry, const char* const* path, void* entry_data, bool* found) const;

  std::unique_ptr<Handle> handle_;
  MmdbProvenance provenance_;
};

// The left (side 0) or right (side 1) record of search-tree node `node`
// in tree, for a record size of 24, 28 or 32 bits: what IPv4 lookups read
// from a checked tree. For tests.
uint32_t ReadMmdbRecord(const uint8_t* tree, int record_bits, uint32_t node, uint32_t side);

}  // namespace recproc

#endif  // RECPROC_ENRICH_MMDB_DATABASE_H_
