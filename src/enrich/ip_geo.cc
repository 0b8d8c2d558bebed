// IpGeoEnricher: reads the GeoIP2/GeoLite2 record layouts (city.names.en,
// subdivisions.0.*, country.*, location.*, autonomous_system_*, isp,
// organization) out of MmdbDatabase entries.
//
// Choices: English names only (the product's fields are English); the
// country falls back to registered_country when the database has no physical
// country for a range (anycast and satellite ranges); the first subdivision
// is the region, as in the product ("state/territory"). Addresses carrying an
// IPv4 (mapped, 6to4) are looked up by it, since the databases place the IPv4
// space once and 6to4 routes reach that IPv4 host.
#include "enrich/ip_geo.h"

namespace recproc {
namespace {

bool FitsSlot(std::string_view type, std::string_view slot) {
  auto has = [&](std::string_view s) { return type.find(s) != std::string_view::npos; };
  if (slot == "city_db") return has("City") || has("Country") || has("Enterprise");
  if (slot == "asn_db") return has("ASN") || has("ISP");
  return has("ISP");
}

Status OpenSlot(const std::string& path, std::string_view slot, bool verify,
                std::unique_ptr<MmdbDatabase>* out) {
  if (path.empty()) return Status::Ok();
  MmdbOpenOptions options;
  options.verify_data = verify;
  Status s = MmdbDatabase::Open(path, options, out);
  if (!s.ok()) return s;
  std::string type = (*out)->provenance().database_type;  // a copy: *out is reset below
  if (!FitsSlot(type, slot)) {
    std::string expected = slot == "city_db"  ? "a City, Country or Enterprise database"
                           : slot == "asn_db" ? "an ASN or ISP database"
                                              : "an ISP database";
    out->reset();
    return Status::InvalidArgument(path + ": database_type is \"" + type + "\" but " + std::string(slot) +
                                   " needs " + expected);
  }
  return Status::Ok();
}

constexpr const char* kCity[] = {"city", "names", "en", nullptr};
constexpr const char* kRegion[] = {"subdivisions", "0", "names", "en", nullptr};
constexpr const char* kRegionCode[] = {"subdivisions", "0", "iso_code", nullptr};
constexpr const char* kCountryCode[] = {"country", "iso_code", nullptr};
constexpr const char* kCountryName[] = {"country", "names", "en", nullptr};
constexpr const char* kRegCountryCode[] = {"registered_country", "iso_code", nullptr};
constexpr const char* kRegCountryName[] = {"registered_country", "names", "en", nullptr};
constexpr const char* kLatitude[] = {"location", "latitude", nullptr};
constexpr const char* kLongitude[] = {"location", "longitude", nullptr};
constexpr const char* kAsnNumber[] = {"autonomous_system_number", nullptr};
constexpr const char* kAsnOrg[] = {"autonomous_system_organization", nullptr};
constexpr const char* kIsp[] = {"isp", nullptr};
constexpr const char* kOrganization[] = {"organization", nullptr};

// Reads a string into *dst (left empty when absent).
Status ReadString(const MmdbDatabase& db, MmdbDatabase::Entry e, const char* const* path,
                  std::string_view* dst) {
  std::optional<std::string_view> v;
  Status s = db.GetString(e, path, &v);
  if (v) *dst = *v;
  return s;
}

}  // namespace

void DeriveIpValues(const IpAddress& addr, IpGeoResult* out) {
  IpAddress v4;
  if (addr.v4 || IsIpv4Mapped(addr)) {
    EmbeddedIpv4(addr, &v4);
    out->version = 4;
    out->ipv4_int = v4.Ipv4Int();
  } else {
    out->version = 6;
    out->ipv4_int.reset();
  }
}

Status IpGeoEnricher::Open(const IpGeoOptions& options, std::unique_ptr<IpGeoEnricher>* out) {
  std::unique_ptr<IpGeoEnricher> e(new IpGeoEnricher());
  Status s = OpenSlot(options.city_db, "city_db", options.verify_data, &e->city_);
  if (s.ok()) s = OpenSlot(options.asn_db, "asn_db", options.verify_data, &e->asn_);
  if (s.ok()) s = OpenSlot(options.isp_db, "isp_db", options.verify_data, &e->isp_);
  if (!s.ok()) return s;
  *out = std::move(e);
  return Status::Ok();
}

std::vector<MmdbProvenance> IpGeoEnricher::provenance() const {
  std::vector<MmdbProvenance> v;
  for (const auto* db : {&city_, &asn_, &isp_}) {
    if (*db) v.push_back((*db)->provenance());
  }
  return v;
}

bool IpGeoEnricher::Lookup(const IpAddress& addr, IpGeoResult* out) const {
  bool found = false;
  return Lookup(addr, out, &found, nullptr).ok() && found;
}

Status IpGeoEnricher::Lookup(const IpAddress& addr, IpGeoResult* out, bool* found) const {
  return Lookup(addr, out, found, nullptr);
}

Status IpGeoEnricher::Lookup(const IpAddress& addr, IpGeoResult* out, bool* found,
                             IpGeoRecordCache* cache) const {
  *out = IpGeoResult();
  *found = false;
  DeriveIpValues(addr, out);
  IpAddress key = addr;
  EmbeddedIpv4(addr, &key);  // leaves key == addr when there is none
  IpGeoResult scratch;
  const IpGeoResult* part = nullptr;
  Status s = Record(0, key, cache, &scratch, &part);
  if (part != nullptr) {
    *found = true;
    out->city = part->city;
    out->region = part->region;
    out->region_code = part->region_code;
    out->country_code = part->country_code;
    out->country_name = part->country_name;
    out->latitude = part->latitude;
    out->longitude = part->longitude;
    out->latitude_json = part->latitude_json;
    out->longitude_json = part->longitude_json;
  }
  if (s.ok()) s = Record(1, key, cache, &scratch, &part);
  if (part != nullptr && (part->asn_number || !part->asn_org.empty())) {
    *found = true;
    out->asn_number = part->asn_number;
    out->asn_org = part->asn_org;
  }
  if (s.ok()) s = Record(2, key, cache, &scratch, &part);
  if (part != nullptr) {
    *found = true;
    out->isp = part->isp;
    out->organization = part->organization;
    // The ISP database's AS fields fill in when the ASN database had none.
    if (!out->asn_number && out->asn_org.empty()) {
      out->asn_number = part->asn_number;
      out->asn_org = part->asn_org;
    }
  }
  return s;
}

namespace {

Status DecodeCity(const MmdbDatabase& db, MmdbDatabase::Entry e, IpGeoResult* out) {
  Status s = ReadString(db, e, kCity, &out->city);
  if (s.ok()) s = ReadString(db, e, kRegion, &out->region);
  if (s.ok()) s = ReadString(db, e, kRegionCode, &out->region_code);
  if (s.ok()) s = ReadString(db, e, kCountryCode, &out->country_code);
  if (s.ok()) s = ReadString(db, e, kCountryName, &out->country_name);
  if (s.ok() && out->country_code.empty()) {
    s = ReadString(db, e, kRegCountryCode, &out->country_code);
    if (s.ok()) s = ReadString(db, e, kRegCountryName, &out->country_name);
  }
  if (s.ok()) s = db.GetNumber(e, kLatitude, &out->latitude);
  if (s.ok()) s = db.GetNumber(e, kLongitude, &out->longitude);
  // Formatted once per decoded record, not once per output record.
  if (out->latitude) out->latitude_json = DoubleJson(*out->latitude);
  if (out->longitude) out->longitude_json = DoubleJson(*out->longitude);
  return s;
}

Status DecodeAsn(const MmdbDatabase& db, MmdbDatabase::Entry e, IpGeoResult* out) {
  std::optional<uint64_t> number;
  Status s = db.GetUnsigned(e, kAsnNumber, &number);
  if (s.ok()) s = ReadString(db, e, kAsnOrg, &out->asn_org);
  // An ASN number above 2^32 is not an AS number; drop it rather than wrap.
  if (number && *number <= UINT32_MAX) out->asn_number = static_cast<int64_t>(*number);
  return s;
}

Status DecodeIsp(const MmdbDatabase& db, MmdbDatabase::Entry e, IpGeoResult* out) {
  Status s = ReadString(db, e, kIsp, &out->isp);
  if (s.ok()) s = ReadString(db, e, kOrganization, &out->organization);
  if (s.ok()) s = DecodeAsn(db, e, out);
  return s;
}

}  // namespace

Status IpGeoEnricher::Record(int database, const IpAddress& addr, IpGeoRecordCache* cache, IpGeoResult* scratch,
                             const IpGeoResult** part) const {
  *part = nullptr;
  const MmdbDatabase* db = database == 0 ? city_.get() : database == 1 ? asn_.get() : isp_.get();
  if (db == nullptr) return Status::Ok();
  bool hit = false;
  MmdbDatabase::Entry e;
  Status s = db->Lookup(addr, &hit, &e);
  if (!s.ok() || !hit) return s;
  // A cached record is handed out in place: no copy of the result per lookup.
  IpGeoRecordCache::Slot* slot = cache != nullptr ? &cache->At(database, e.offset) : nullptr;
  if (slot != nullptr && slot->database == database && slot->offset == e.offset) {
    *part = &slot->part;
    return Status::Ok();
  }
  *scratch = IpGeoResult();
  s = database == 0 ? DecodeCity(*db, e, scratch) : database == 1 ? DecodeAsn(*db, e, scratch) : DecodeIsp(*db, e, scratch);
  *part = scratch;
  if (s.ok() && slot != nullptr) {
    slot->database = database;
    slot->offset = e.offset;
    slot->part = *scratch;
    *part = &slot->part;
  }
  return s;
}

}  // namespace recproc
