// IpGeoEnricher and MmdbDatabase against MaxMind's own test databases
// (tests/data/maxmind, Apache-2.0/MIT, see SOURCE.txt there): hand-picked
// addresses, every corrupt database of MaxMind-DB's bad-data/, and a
// conformance sweep over the source JSON the databases were built from
// (read from ../shared/corpus; skipped when absent).
#include <gtest/gtest.h>
#include <maxminddb.h>
#include <netinet/in.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "enrich/ip_geo.h"
#include "enrich/mmdb_database.h"
#include "util/ip_prefix_trie.h"
#include "test_paths.h"

namespace recproc {
namespace {

const std::string kData = std::string(RECPROC_SOURCE_DIR) + "/tests/data/maxmind/";

IpAddress Ip(std::string_view text) {
  IpAddress a;
  EXPECT_TRUE(ParseIpAddress(text, &a)) << text;
  return a;
}

std::unique_ptr<IpGeoEnricher> OpenGeo(const IpGeoOptions& o) {
  std::unique_ptr<IpGeoEnricher> geo;
  Status s = IpGeoEnricher::Open(o, &geo);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return geo;
}

IpGeoOptions LiteOptions() {
  IpGeoOptions o;
  o.city_db = kData + "GeoLite2-City-Test.mmdb";
  o.asn_db = kData + "GeoLite2-ASN-Test.mmdb";
  o.isp_db = kData + "GeoIP2-ISP-Test.mmdb";
  return o;
}

TEST(MaxmindTest, CityAndAsnOfIpv4) {
  auto geo = OpenGeo(LiteOptions());
  ASSERT_TRUE(geo);
  IpGeoResult r;
  ASSERT_TRUE(geo->Lookup(Ip("89.160.20.128"), &r));
  EXPECT_EQ(r.city, "Linköping");
  EXPECT_EQ(r.region, "Östergötland County");
  EXPECT_EQ(r.region_code, "E");
  EXPECT_EQ(r.country_code, "SE");
  EXPECT_EQ(r.country_name, "Sweden");
  ASSERT_TRUE(r.latitude && r.longitude);
  EXPECT_DOUBLE_EQ(*r.latitude, 58.4167);
  EXPECT_DOUBLE_EQ(*r.longitude, 15.6167);
  EXPECT_EQ(r.latitude_json.view(), "58.4167");
  EXPECT_EQ(r.longitude_json.view(), "15.6167");
  ASSERT_TRUE(r.asn_number);
  EXPECT_EQ(*r.asn_number, 29518);
  EXPECT_EQ(r.asn_org, "Bredband2 AB");
  EXPECT_EQ(r.version, 4);
  ASSERT_TRUE(r.ipv4_int);
  EXPECT_EQ(*r.ipv4_int, 1503663232u);

  ASSERT_TRUE(geo->Lookup(Ip("175.16.199.1"), &r));
  EXPECT_EQ(r.city, "Changchun");
  EXPECT_EQ(r.region_code, "22");
  EXPECT_EQ(r.country_code, "CN");
}

TEST(MaxmindTest, IspDatabase) {
  auto geo = OpenGeo(LiteOptions());
  ASSERT_TRUE(geo);
  IpGeoResult r;
  ASSERT_TRUE(geo->Lookup(Ip("1.128.0.1"), &r));
  EXPECT_EQ(r.isp, "Telstra Internet");
  EXPECT_EQ(r.organization, "Telstra Internet");
  ASSERT_TRUE(r.asn_number);
  EXPECT_EQ(*r.asn_number, 1221);  // from the ASN database
  EXPECT_EQ(r.asn_org, "Telstra Pty Ltd");

  // Without an ASN database the ISP database's ASN fields fill in.
  IpGeoOptions o;
  o.isp_db = kData + "GeoIP2-ISP-Test.mmdb";
  auto isp_only = OpenGeo(o);
  ASSERT_TRUE(isp_only);
  ASSERT_TRUE(isp_only->Lookup(Ip("1.128.0.1"), &r));
  ASSERT_TRUE(r.asn_number);
  EXPECT_EQ(*r.asn_number, 1221);
  EXPECT_TRUE(r.city.empty());
}

// The per-thread record memo gives exactly the uncached result, for the
// first and for repeated lookups, and across the three databases sharing it.
TEST(MaxmindTest, RecordCacheGivesTheUncachedResult) {
  auto geo = OpenGeo(LiteOptions());
  ASSERT_TRUE(geo);
  IpGeoRecordCache cache;
  std::vector<IpAddress> addrs;
  for (const char* s : {"89.160.20.128", "89.160.20.129", "175.16.199.1", "175.16.199.200", "1.128.0.1",
                        "1.128.0.2", "81.2.69.160", "2001:480:10::1", "::ffff:81.2.69.160", "10.0.0.1"})
    addrs.push_back(Ip(s));
  for (int round = 0; round < 3; ++round) {
    for (const IpAddress& a : addrs) {
      IpGeoResult plain, cached;
      bool found_plain = false, found_cached = false;
      ASSERT_TRUE(geo->Lookup(a, &plain, &found_plain).ok());
      ASSERT_TRUE(geo->Lookup(a, &cached, &found_cached, &cache).ok());
      EXPECT_EQ(found_plain, found_cached);
      EXPECT_EQ(plain.city, cached.city);
      EXPECT_EQ(plain.region, cached.region);
      EXPECT_EQ(plain.region_code, cached.region_code);
      EXPECT_EQ(plain.country_code, cached.country_code);
      EXPECT_EQ(plain.country_name, cached.country_name);
      EXPECT_EQ(plain.latitude, cached.latitude);
      EXPECT_EQ(plain.longitude, cached.longitude);
      EXPECT_EQ(plain.latitude_json.view(), cached.latitude_json.view());
      EXPECT_EQ(plain.longitude_json.view(), cached.longitude_json.view());
      if (plain.latitude) {
        EXPECT_EQ(plain.latitude_json.view(), DoubleJson(*plain.latitude).view());
      }
      EXPECT_EQ(plain.asn_number, cached.asn_number);
      EXPECT_EQ(plain.asn_org, cached.asn_org);
      EXPECT_EQ(plain.isp, cached.isp);
      EXPECT_EQ(plain.organization, cached.organization);
      EXPECT_EQ(plain.version, cached.version);
      EXPECT_EQ(plain.ipv4_int, cached.ipv4_int);
    }
  }
  IpGeoResult r;
  bool found = false;
  ASSERT_TRUE(geo->Lookup(Ip("89.160.20.128"), &r, &found, &cache).ok());
  EXPECT_TRUE(found);
  EXPECT_EQ(r.city, "Linköping");
  EXPECT_EQ(r.asn_org, "Bredband2 AB");
}

TEST(MaxmindTest, Ipv6MappedAnd6to4) {
  IpGeoOptions o;
  o.city_db = kData + "GeoIP2-City-Test.mmdb";
  auto geo = OpenGeo(o);
  ASSERT_TRUE(geo);
  IpGeoResult r;
  ASSERT_TRUE(geo->Lookup(Ip("2001:480:10::1"), &r));
  EXPECT_EQ(r.city, "San Diego");
  EXPECT_EQ(r.country_code, "US");
  EXPECT_EQ(r.version, 6);
  EXPECT_FALSE(r.ipv4_int);

  ASSERT_TRUE(geo->Lookup(Ip("::ffff:81.2.69.160"), &r));
  EXPECT_EQ(r.city, "London");
  EXPECT_EQ(r.country_code, "GB");
  EXPECT_EQ(r.version, 4);
  ASSERT_TRUE(r.ipv4_int);
  EXPECT_EQ(*r.ipv4_int, 1359103392u);

  ASSERT_TRUE(geo->Lookup(Ip("2002:5102:45a0::1"), &r));  // 6to4 of 81.2.69.160
  EXPECT_EQ(r.city, "London");
  EXPECT_EQ(r.version, 6);
  EXPECT_FALSE(r.ipv4_int);
}

TEST(MaxmindTest, CountryDatabaseInCitySlot) {
  IpGeoOptions o;
  o.city_db = kData + "GeoIP2-Country-Test.mmdb";
  auto geo = OpenGeo(o);
  ASSERT_TRUE(geo);
  IpGeoResult r;
  ASSERT_TRUE(geo->Lookup(Ip("2a02:cf40::1"), &r));
  EXPECT_EQ(r.country_code, "NO");
  EXPECT_EQ(r.country_name, "Norway");
  EXPECT_TRUE(r.city.empty());
  EXPECT_FALSE(r.latitude);
}

TEST(MaxmindTest, NoMatchStillDerivesValues) {
  auto geo = OpenGeo(LiteOptions());
  ASSERT_TRUE(geo);
  IpGeoResult r;
  r.city = "stale";
  EXPECT_FALSE(geo->Lookup(Ip("10.0.0.1"), &r));
  EXPECT_TRUE(r.city.empty());
  EXPECT_FALSE(r.asn_number);
  EXPECT_EQ(r.version, 4);
  EXPECT_EQ(*r.ipv4_int, 167772161u);
  EXPECT_FALSE(geo->Lookup(Ip("2001:db8::1"), &r));
  EXPECT_EQ(r.version, 6);

  // An IPv6 address against an IPv4-only database is a miss, not an error.
  std::unique_ptr<MmdbDatabase> db;
  ASSERT_TRUE(MmdbDatabase::Open(kData + "MaxMind-DB-test-ipv4-24.mmdb", {}, &db).ok());
  bool found = true;
  MmdbDatabase::Entry e;
  EXPECT_TRUE(db->Lookup(Ip("2001:db8::1"), &found, &e).ok());
  EXPECT_FALSE(found);
  EXPECT_TRUE(db->Lookup(Ip("1.1.1.1"), &found, &e).ok());
  EXPECT_TRUE(found);
}

TEST(MaxmindTest, ProvenanceNamesTypeAndBuild) {
  auto geo = OpenGeo(LiteOptions());
  ASSERT_TRUE(geo);
  std::vector<MmdbProvenance> p = geo->provenance();
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].database_type, "GeoLite2-City");
  EXPECT_EQ(p[1].database_type, "GeoLite2-ASN");
  EXPECT_EQ(p[2].database_type, "GeoIP2-ISP");
  EXPECT_EQ(p[0].path, kData + "GeoLite2-City-Test.mmdb");
  EXPECT_GT(p[0].build_epoch, 1500000000u);  // after 2017: the test databases are rebuilt regularly
  EXPECT_EQ(p[0].ip_version, 6);
}

TEST(MaxmindTest, WrongDatabaseForSlotIsRejected) {
  std::unique_ptr<IpGeoEnricher> geo;
  IpGeoOptions o;
  o.city_db = kData + "GeoLite2-ASN-Test.mmdb";
  Status s = IpGeoEnricher::Open(o, &geo);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("database_type is \"GeoLite2-ASN\" but city_db needs"), std::string::npos)
      << s.message();
  o = IpGeoOptions();
  o.asn_db = kData + "GeoLite2-City-Test.mmdb";
  EXPECT_FALSE(IpGeoEnricher::Open(o, &geo).ok());
  o = IpGeoOptions();
  o.isp_db = kData + "GeoLite2-ASN-Test.mmdb";
  EXPECT_FALSE(IpGeoEnricher::Open(o, &geo).ok());
  EXPECT_FALSE(geo);
}

TEST(MaxmindTest, MissingOrNonDatabaseFileIsRejected) {
  std::unique_ptr<IpGeoEnricher> geo;
  IpGeoOptions o;
  o.city_db = kData + "no-such.mmdb";
  Status s = IpGeoEnricher::Open(o, &geo);
  EXPECT_EQ(s.code(), Status::Code::kIoError);
  EXPECT_NE(s.message().find("no-such.mmdb"), std::string::npos);
  o.city_db = kData + "LICENSE-MIT";
  s = IpGeoEnricher::Open(o, &geo);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("LICENSE-MIT: cannot open MaxMind database"), std::string::npos) << s.message();
}

std::vector<std::filesystem::path> CorruptDatabases() {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(kData + "bad-data")) {
    if (e.path().extension() == ".mmdb") files.push_back(e.path());
  }
  for (const char* f :
       {"MaxMind-DB-test-broken-pointers-24.mmdb", "MaxMind-DB-test-broken-search-tree-24.mmdb",
        "GeoIP2-City-Test-Invalid-Node-Count.mmdb", "GeoIP2-City-Test-Broken-Double-Format.mmdb"}) {
    files.push_back(kData + f);
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Addresses spread over both trees, so a quick-opened corrupt database is
// walked along many paths.
std::vector<IpAddress> ProbeAddresses() {
  std::vector<IpAddress> v;
  for (int a = 0; a < 256; a += 3) {
    IpAddress ip;
    ip.v4 = true;
    ip.bytes[0] = static_cast<uint8_t>(a);
    ip.bytes[1] = static_cast<uint8_t>(a * 7);
    ip.bytes[2] = static_cast<uint8_t>(a * 13);
    ip.bytes[3] = static_cast<uint8_t>(a * 31);
    v.push_back(ip);
  }
  for (const char* s : {"1.1.1.1", "1.1.1.32", "2001:db8::1", "::1.1.1.1", "2001:480:10::1", "ffff::1"}) {
    v.push_back(Ip(s));
  }
  return v;
}

TEST(MaxmindTest, EveryCorruptDatabaseIsRejectedAtOpen) {
  std::vector<std::filesystem::path> files = CorruptDatabases();
  ASSERT_EQ(files.size(), 25u);
  MmdbOpenOptions verify;
  verify.verify_data = true;
  int quick = 0;
  for (const auto& f : files) {
    std::unique_ptr<MmdbDatabase> quick_db;
    quick += !MmdbDatabase::Open(f.string(), {}, &quick_db).ok();
    std::unique_ptr<MmdbDatabase> db;
    Status s = MmdbDatabase::Open(f.string(), verify, &db);
    EXPECT_FALSE(s.ok()) << f.filename() << " was accepted";
    EXPECT_NE(s.message().find(f.filename().string()), std::string::npos) << s.message();
    EXPECT_FALSE(db);
  }
  std::cout << "[ INFO     ] corrupt databases rejected at Open: " << quick << "/" << files.size()
            << " by the default checks, all with verify_data\n";
}

// With the structure checks off, damage only shows when a lookup reaches it:
// then the lookup must fail cleanly, never crash (run it in the sanitizer
// build).
TEST(MaxmindTest, CorruptDatabasesNeverCrashLookups) {
  int rejected_at_open = 0, errors_at_lookup = 0;
  std::vector<IpAddress> probes = ProbeAddresses();
  MmdbOpenOptions unchecked;
  unchecked.check_structure = false;
  for (const auto& f : CorruptDatabases()) {
    std::unique_ptr<MmdbDatabase> db;
    if (!MmdbDatabase::Open(f.string(), unchecked, &db).ok()) {
      ++rejected_at_open;
      continue;
    }
    static constexpr const char* kPaths[][4] = {{"city", "names", "en", nullptr},
                                                {"country", "iso_code", nullptr},
                                                {"0", nullptr},
                                                {"utf8_string", nullptr}};
    bool failed = false;
    for (const IpAddress& ip : probes) {
      bool found;
      MmdbDatabase::Entry e;
      Status s = db->Lookup(ip, &found, &e);
      if (s.ok() && found) {
        for (const auto& path : kPaths) {
          std::optional<std::string_view> v;
          if (!db->GetString(e, path, &v).ok()) s = Status::Corruption("x");
        }
      }
      if (!s.ok()) failed = true;
    }
    errors_at_lookup += failed;
  }
  // libmaxminddb itself refuses some at MMDB_open; damaged data is seen by lookups.
  EXPECT_GE(rejected_at_open, 4);
  EXPECT_GE(errors_at_lookup, 4);
  std::cout << "[ INFO     ] corrupt databases, structure checks off: " << rejected_at_open
            << " refused by MMDB_open, " << errors_at_lookup << " failed cleanly at lookup\n";
}

// The databases of MaxMind-DB's test-data in `dir` that are not damaged on
// purpose (no "broken" or "Invalid" in the name).
std::vector<std::filesystem::path> IntactTestDatabases(const std::string& dir) {
  std::vector<std::filesystem::path> paths;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (e.path().extension() != ".mmdb" || name.find("broken") != std::string::npos ||
        name.find("Broken") != std::string::npos || name.find("Invalid") != std::string::npos) {
      continue;
    }
    paths.push_back(e.path());
  }
  return paths;
}

// Every intact database of MaxMind-DB's test-data passes the checks at Open,
// so they do not reject good files.
TEST(MaxmindConformanceTest, EveryIntactTestDatabaseOpens) {
  const std::string dir = std::string(RECPROC_SHARED_DIR) + "/corpus/maxmind-db/test-data";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "MaxMind test data not found at " << dir;
  int opened = 0;
  MmdbOpenOptions verify;
  verify.verify_data = true;
  for (const std::filesystem::path& path : IntactTestDatabases(dir)) {
    std::unique_ptr<MmdbDatabase> db;
    Status s = MmdbDatabase::Open(path.string(), verify, &db);
    EXPECT_TRUE(s.ok()) << s.ToString();
    opened += s.ok();
  }
  EXPECT_EQ(opened, 36);
}

// The search-tree records read for IPv4 lookups are those libmaxminddb's
// node reader gives, for every record size and every bit of a record (the
// test databases are too small to set the high bits, which the 28-bit
// layout keeps apart): random tree bytes, read both ways.
TEST(MaxmindTest, SearchRecordsReadAsLibmaxminddbReadsThem) {
  std::mt19937 rng(11);
  constexpr uint32_t kNodes = 4096;
  std::vector<uint8_t> tree(kNodes * 8);
  for (uint8_t& b : tree) b = static_cast<uint8_t>(rng());
  for (int bits : {24, 28, 32}) {
    MMDB_s m{};
    m.file_content = tree.data();
    m.file_size = tree.size();
    m.metadata.record_size = static_cast<uint16_t>(bits);
    m.full_record_byte_size = static_cast<uint16_t>(bits / 4);
    m.metadata.node_count = kNodes;
    uint32_t high_bits = 0;
    for (uint32_t node = 0; node < kNodes; ++node) {
      MMDB_search_node_s n;
      ASSERT_EQ(MMDB_read_node(&m, node, &n), MMDB_SUCCESS);
      ASSERT_EQ(ReadMmdbRecord(tree.data(), bits, node, 0), n.left_record) << bits << " " << node;
      ASSERT_EQ(ReadMmdbRecord(tree.data(), bits, node, 1), n.right_record) << bits << " " << node;
      high_bits |= static_cast<uint32_t>(n.left_record | n.right_record);
    }
    EXPECT_EQ(high_bits, bits == 32 ? UINT32_MAX : (uint32_t{1} << bits) - 1) << bits;
  }
}

// IPv4 lookups of a checked database walk its search tree without
// libmaxminddb's lookup call (a prefix table, then the tree read inline).
// They must find what libmaxminddb finds: at the first and last address of
// every network of the IPv4 tree and the address after it, and at random
// addresses, in every intact test database (24-, 28- and 32-bit records,
// IPv4 and IPv6 trees, a tree without IPv4 data).
TEST(MaxmindConformanceTest, Ipv4WalkAgreesWithLibmaxminddb) {
  const std::string dir = std::string(RECPROC_SHARED_DIR) + "/corpus/maxmind-db/test-data";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "MaxMind test data not found at " << dir;
  std::mt19937 rng(7);
  int databases = 0;
  size_t checked = 0, found = 0;
  for (const std::filesystem::path& path : IntactTestDatabases(dir)) {
    const std::string name = path.filename().string();
    std::unique_ptr<MmdbDatabase> db;
    ASSERT_TRUE(MmdbDatabase::Open(path.string(), MmdbOpenOptions(), &db).ok()) << name;
    MMDB_s m;
    ASSERT_EQ(MMDB_open(path.c_str(), MMDB_MODE_MMAP, &m), MMDB_SUCCESS) << name;
    const uint32_t nodes = m.metadata.node_count;
    // The IPv4 tree's networks, by a walk over libmaxminddb's node reader.
    std::vector<uint32_t> addresses;
    uint64_t root = 0;
    for (int i = 0; m.metadata.ip_version == 6 && i < 96 && root < nodes; ++i) {
      MMDB_search_node_s n;
      ASSERT_EQ(MMDB_read_node(&m, static_cast<uint32_t>(root), &n), MMDB_SUCCESS);
      root = n.left_record;
    }
    std::function<void(uint64_t, uint32_t, int)> networks = [&](uint64_t node, uint32_t prefix, int depth) {
      if (node >= nodes || depth == 32) {
        const uint32_t last = depth == 0 ? UINT32_MAX : prefix | (UINT32_MAX >> depth);
        addresses.insert(addresses.end(), {prefix, last, last + 1});
        return;
      }
      MMDB_search_node_s n;
      ASSERT_EQ(MMDB_read_node(&m, static_cast<uint32_t>(node), &n), MMDB_SUCCESS);
      networks(n.left_record, prefix, depth + 1);
      networks(n.right_record, prefix | (uint32_t{1} << (31 - depth)), depth + 1);
    };
    networks(root, 0, 0);
    for (int i = 0; i < 5000; ++i) addresses.push_back(static_cast<uint32_t>(rng()));
    for (uint32_t a : addresses) {
      sockaddr_in sin{};
      sin.sin_family = AF_INET;
      sin.sin_addr.s_addr = htonl(a);
      int rc = MMDB_SUCCESS;
      MMDB_lookup_result_s want = MMDB_lookup_sockaddr(&m, reinterpret_cast<const sockaddr*>(&sin), &rc);
      ASSERT_EQ(rc, MMDB_SUCCESS);
      IpAddress ip;
      ip.v4 = true;
      std::memcpy(ip.bytes, &sin.sin_addr, 4);
      bool hit = false;
      MmdbDatabase::Entry entry;
      ASSERT_TRUE(db->Lookup(ip, &hit, &entry).ok());
      ASSERT_EQ(hit, want.found_entry) << name << " " << ip.ToString();
      if (hit) {
        ASSERT_EQ(entry.offset, want.entry.offset) << name << " " << ip.ToString();
      }
      ++checked;
      found += hit;
    }
    MMDB_close(&m);
    ++databases;
  }
  EXPECT_EQ(databases, 36);
  EXPECT_GT(found, 10000u);
  std::cout << "[ INFO     ] IPv4 walk: " << checked << " addresses in " << databases << " databases, " << found
            << " found\n";
}

// --- Conformance: every network of the source JSON, looked up at its first address.

struct SweepStats {
  int checked = 0, mismatched = 0, skipped = 0;
};

bool JsonPrefix(const std::string& key, IpAddress* base, int* len) {
  if (!ParseCidr(key, base, len)) return false;
  // "::a.b.c.d/len>=96" is how the writer places the IPv4 space in an IPv6 tree.
  static constexpr uint8_t kZero[12] = {};
  if (!base->v4 && *len >= 96 && std::memcmp(base->bytes, kZero, 12) == 0) {
    IpAddress v4;
    v4.v4 = true;
    std::memcpy(v4.bytes, base->bytes + 12, 4);
    *base = v4;
    *len -= 96;
  }
  return true;
}

std::string Str(const nlohmann::json& j, std::initializer_list<const char*> path) {
  const nlohmann::json* cur = &j;
  for (const char* k : path) {
    if (cur->is_array()) {
      size_t i = std::stoul(k);
      if (i >= cur->size()) return "";
      cur = &(*cur)[i];
    } else if (cur->is_object() && cur->contains(k)) {
      cur = &(*cur)[k];
    } else {
      return "";
    }
  }
  return cur->is_string() ? cur->get<std::string>() : "";
}

SweepStats Sweep(
    const std::string& json_file, const IpGeoOptions& options,
    const std::function<std::vector<std::string>(const nlohmann::json&, const IpGeoResult&)>& diff) {
  SweepStats st;
  std::ifstream in(json_file);
  nlohmann::json doc = nlohmann::json::parse(in);
  std::vector<const nlohmann::json*> values;
  std::vector<std::pair<IpAddress, int>> prefixes;
  IpPrefixTrie trie;
  for (const auto& obj : doc) {
    for (const auto& [key, value] : obj.items()) {
      IpAddress base;
      int len;
      if (!JsonPrefix(key, &base, &len)) continue;
      trie.Insert(base, len, static_cast<uint32_t>(values.size()));
      values.push_back(&value);
      prefixes.push_back({base, len});
    }
  }
  auto geo = OpenGeo(options);
  if (!geo) return st;
  for (const auto& [base, len] : prefixes) {
    IpAddress probe;
    // Mapped and 6to4 space is answered from the IPv4 tree by design.
    if (IsIpv4Mapped(base) || (!base.v4 && base.bytes[0] == 0x20 && base.bytes[1] == 0x02)) {
      ++st.skipped;
      continue;
    }
    probe = base;
    uint32_t idx;
    int match_len;
    if (!trie.LongestMatch(probe, &idx, &match_len)) {
      ADD_FAILURE() << "prefix trie lost " << probe.ToString();
      continue;
    }
    IpGeoResult r;
    geo->Lookup(probe, &r);
    std::vector<std::string> d = diff(*values[idx], r);
    ++st.checked;
    if (!d.empty()) {
      ++st.mismatched;
      ADD_FAILURE() << json_file << " " << probe.ToString() << ": " << d[0];
    }
  }
  return st;
}

std::vector<std::string> CityDiff(const nlohmann::json& j, const IpGeoResult& r) {
  std::vector<std::string> d;
  auto cmp = [&](const std::string& want, std::string_view got, const char* what) {
    if (want != got) d.push_back(std::string(what) + ": want '" + want + "' got '" + std::string(got) + "'");
  };
  cmp(Str(j, {"city", "names", "en"}), r.city, "city");
  cmp(Str(j, {"subdivisions", "0", "names", "en"}), r.region, "region");
  std::string cc = Str(j, {"country", "iso_code"});
  if (cc.empty()) cc = Str(j, {"registered_country", "iso_code"});
  cmp(cc, r.country_code, "country");
  if (j.contains("location") && j["location"].contains("latitude")) {
    if (!r.latitude || *r.latitude != j["location"]["latitude"].get<double>()) d.push_back("latitude");
  }
  return d;
}

std::vector<std::string> AsnDiff(const nlohmann::json& j, const IpGeoResult& r) {
  std::vector<std::string> d;
  if (j.contains("autonomous_system_number")) {
    if (!r.asn_number || *r.asn_number != j["autonomous_system_number"].get<int64_t>())
      d.push_back("asn number");
  }
  if (Str(j, {"autonomous_system_organization"}) != r.asn_org) d.push_back("asn org");
  if (Str(j, {"isp"}) != r.isp) d.push_back("isp");
  if (Str(j, {"organization"}) != r.organization) d.push_back("organization");
  return d;
}

TEST(MaxmindConformanceTest, SourceJsonAgreesWithLookups) {
  const std::string src = std::string(RECPROC_SHARED_DIR) + "/corpus/maxmind-db/source-data/";
  if (!std::filesystem::exists(src)) GTEST_SKIP() << "MaxMind source data not found at " << src;
  struct Case {
    const char* json;
    const char* db;
    const char* slot;
  };
  for (const Case& c : {Case{"GeoLite2-City-Test.json", "GeoLite2-City-Test.mmdb", "city"},
                        Case{"GeoIP2-City-Test.json", "GeoIP2-City-Test.mmdb", "city"},
                        Case{"GeoIP2-Country-Test.json", "GeoIP2-Country-Test.mmdb", "city"},
                        Case{"GeoLite2-ASN-Test.json", "GeoLite2-ASN-Test.mmdb", "asn"},
                        Case{"GeoIP2-ISP-Test.json", "GeoIP2-ISP-Test.mmdb", "isp"}}) {
    IpGeoOptions o;
    std::string path = kData + c.db;
    bool city = std::string_view(c.slot) == "city";
    (city ? o.city_db : std::string_view(c.slot) == "asn" ? o.asn_db : o.isp_db) = path;
    SweepStats st = Sweep(src + c.json, o, city ? CityDiff : AsnDiff);
    std::cout << "[ INFO     ] " << c.json << ": " << st.checked - st.mismatched << "/" << st.checked
              << " networks match (" << st.skipped << " in mapped/6to4 space skipped)\n";
    EXPECT_GT(st.checked, 100);
    EXPECT_EQ(st.mismatched, 0);
  }
}

}  // namespace
}  // namespace recproc
