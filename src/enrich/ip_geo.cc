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
  return Lookup(addr, out, &found).ok() && found;
}

Status IpGeoEnricher::Lookup(const IpAddress& addr, IpGeoResult* out, bool* found) const {
  *out = IpGeoResult();
  *found = false;
  DeriveIpValues(addr, out);
  IpAddress key = addr;
  EmbeddedIpv4(addr, &key);  // leaves key == addr when there is none
  Status s = LookupCity(key, out, found);
  if (s.ok() && asn_) s = LookupAsn(*asn_, key, out, found);
  if (s.ok()) s = LookupIsp(key, out, found);
  return s;
}

Status IpGeoEnricher::LookupCity(const IpAddress& addr, IpGeoResult* out, bool* found) const {
  if (!city_) return Status::Ok();
  bool hit = false;
  MmdbDatabase::Entry e;
  Status s = city_->Lookup(addr, &hit, &e);
  if (!s.ok() || !hit) return s;
  *found = true;
  const MmdbDatabase& db = *city_;
  if (s.ok()) s = ReadString(db, e, kCity, &out->city);
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
  return s;
}

Status IpGeoEnricher::LookupAsn(const MmdbDatabase& db, const IpAddress& addr, IpGeoResult* out,
                                bool* found) const {
  bool hit = false;
  MmdbDatabase::Entry e;
  Status s = db.Lookup(addr, &hit, &e);
  if (!s.ok() || !hit) return s;
  std::optional<uint64_t> number;
  s = db.GetUnsigned(e, kAsnNumber, &number);
  if (s.ok()) s = ReadString(db, e, kAsnOrg, &out->asn_org);
  // An ASN number above 2^32 is not an AS number; drop it rather than wrap.
  if (number && *number <= UINT32_MAX) out->asn_number = static_cast<int64_t>(*number);
  if (number || !out->asn_org.empty()) *found = true;
  return s;
}

Status IpGeoEnricher::LookupIsp(const IpAddress& addr, IpGeoResult* out, bool* found) const {
  if (!isp_) return Status::Ok();
  bool hit = false;
  MmdbDatabase::Entry e;
  Status s = isp_->Lookup(addr, &hit, &e);
  if (!s.ok() || !hit) return s;
  *found = true;
  s = ReadString(*isp_, e, kIsp, &out->isp);
  if (s.ok()) s = ReadString(*isp_, e, kOrganization, &out->organization);
  if (s.ok() && !out->asn_number && out->asn_org.empty()) s = LookupAsn(*isp_, addr, out, found);
  return s;
}

}  // namespace recproc
