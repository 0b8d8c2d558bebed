// IpGeoEnricher: geolocation, ASN and ISP of an IP address from MaxMind-format
// databases (SPEC §1 step 4; reference cloud-siem-pipeline.md §4.1), plus the
// values derived from the address alone (_ipv4IntValue, _version).
//
// Built once from IpGeoOptions, immutable afterwards: Lookup() is const and
// thread-safe, and allocates nothing.
#ifndef RECPROC_ENRICH_IP_GEO_H_
#define RECPROC_ENRICH_IP_GEO_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "enrich/mmdb_database.h"
#include "recproc/status.h"
#include "record/record.h"
#include "util/ip_address.h"

namespace recproc {

struct IpGeoOptions {
  // Paths of the databases; each may be empty (not used). Default: all empty.
  // city_db: a City or Country database (GeoIP2/GeoLite2 City, Country,
  //   Enterprise): city, region, country, coordinates.
  // asn_db: an ASN database (GeoLite2-ASN), or an ISP database, which carries
  //   the same autonomous_system_* fields.
  // isp_db: an ISP database (GeoIP2-ISP): isp and organization; its ASN fields
  //   fill in when asn_db is not configured or has no entry.
  std::string city_db, asn_db, isp_db;
  // Decode every data record at Open (see MmdbOpenOptions). Default: false.
  bool verify_data = false;
};

// Views point into the memory-mapped databases: valid while the enricher that
// filled them lives. Absent values are empty views / nullopt.
struct IpGeoResult {
  std::optional<int64_t> asn_number;
  std::string_view asn_org, isp, organization, city, region, region_code, country_code, country_name;
  std::optional<double> latitude, longitude;
  DoubleJson latitude_json, longitude_json;  // their JSON text, when present
  // Derived from the address, with or without databases: _version is 4 for
  // IPv4 and IPv4-mapped addresses, else 6; _ipv4IntValue for the same two.
  int version = 0;
  std::optional<uint32_t> ipv4_int;
};

// Fills IpGeoResult::version/ipv4_int from the address alone.
void DeriveIpValues(const IpAddress& addr, IpGeoResult* out);

// Per-thread memo of decoded database records. Many networks share one data
// record (every range of a city, every prefix of an AS), so a lookup whose
// tree walk lands on a record seen before copies the decoded values instead
// of walking the record's maps again. Direct-mapped by record offset; the
// views point into the databases, so a cache must not outlive its enricher.
class IpGeoRecordCache {
 public:
  IpGeoRecordCache() : slots_(kSlots) {}

 private:
  friend class IpGeoEnricher;
  static constexpr size_t kSlots = 4096;
  struct Slot {
    int database = -1;  // 0 city, 1 asn, 2 isp; -1 empty
    uint32_t offset = 0;
    IpGeoResult part;
  };
  Slot& At(int database, uint32_t offset) {
    uint64_t h = (uint64_t{offset} * 0x9E3779B97F4A7C15ULL) ^ static_cast<uint64_t>(database);
    return slots_[(h >> 40) & (kSlots - 1)];
  }
  std::vector<Slot> slots_;
};

class IpGeoEnricher {
 public:
  // Opens and checks each configured database. A missing, unreadable or
  // corrupt file, or one whose database_type does not fit its slot (an ASN
  // database given as city_db), is an error naming the file; nothing is
  // opened then.
  static Status Open(const IpGeoOptions& options, std::unique_ptr<IpGeoEnricher>* out);

  // Clears *out, fills the derived values, then everything the databases
  // hold for addr. IPv4-mapped (::ffff:a.b.c.d) and 6to4 (2002::/16)
  // addresses are looked up by their embedded IPv4. Returns true when any
  // database had an entry. A database error (corruption the checks at Open
  // did not catch) counts as no entry; use the Status overload to see it.
  bool Lookup(const IpAddress& addr, IpGeoResult* out) const;
  // As above; *found tells whether any database had an entry, and a corrupt
  // record gives an error naming the database (out keeps what was read).
  Status Lookup(const IpAddress& addr, IpGeoResult* out, bool* found) const;
  // As above, with decoded records memoised in *cache (one per thread).
  Status Lookup(const IpAddress& addr, IpGeoResult* out, bool* found, IpGeoRecordCache* cache) const;

  // One entry per configured database, in the order city, asn, isp.
  std::vector<MmdbProvenance> provenance() const;

 private:
  IpGeoEnricher() = default;
  // Finds addr in one database and points *part at its decoded record: the
  // cache slot when there is a cache, else *scratch (cleared and filled).
  // *part is nullptr when the database has no entry. The pointer is valid
  // until the next Record call with the same cache or scratch.
  Status Record(int database, const IpAddress& addr, IpGeoRecordCache* cache, IpGeoResult* scratch,
                const IpGeoResult** part) const;

  std::unique_ptr<MmdbDatabase> city_, asn_, isp_;
};

}  // namespace recproc

#endif  // RECPROC_ENRICH_IP_GEO_H_
