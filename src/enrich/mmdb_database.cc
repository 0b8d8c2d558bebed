// MmdbDatabase: the adapter between recproc and libmaxminddb.
//
// A MaxMind DB file is a binary search tree over address bits whose leaf
// records point into a data section of typed values (maps, arrays, strings,
// numbers), followed by a metadata map (MaxMind DB spec 2.0). libmaxminddb
// bounds-checks its decoding, but it trusts the search tree's record values
// and only reads the data a lookup reaches, so a corrupt file can pass
// MMDB_open and fail much later. Open() therefore walks the whole tree once
// from the root (iteratively, each node once, so a corrupt tree can neither
// loop nor recurse deeply): no cycles, no node deeper than the address
// width, no unreachable nodes, every data record inside the data section;
// on request it also decodes every data record. Lookups still check every
// libmaxminddb return code, so damage the checks miss gives an error Status,
// never a crash.
#include "enrich/mmdb_database.h"

#include <arpa/inet.h>
#include <maxminddb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>
#include <unordered_set>
#include <vector>

namespace recproc {

// 9999-12-31T23:59:59Z: anything later is a corrupt epoch, and would overflow
// conversions to milliseconds.
constexpr uint64_t kMaxBuildEpoch = 253402300799ULL;

struct MmdbDatabase::Handle {
  MMDB_s mmdb{};
  bool open = false;
  // IPv4 lookups of a checked tree, without libmaxminddb's per-node calls:
  // the record reached by each address's first kIpv4TableBits bits (a node
  // to walk on from, or a leaf met sooner), then the remaining bits read from
  // the mapped tree inline. Empty when the structure was not checked at
  // Open: only a checked tree is walked without libmaxminddb's bounds checks.
  static constexpr int kIpv4TableBits = 12;
  std::vector<uint32_t> ipv4_table;
  uint32_t (*ipv4_walk)(const uint8_t* tree, uint32_t node_count, uint32_t value, uint32_t address, int bits) =
      nullptr;
};

MmdbDatabase::MmdbDatabase() : handle_(std::make_unique<Handle>()) {}

MmdbDatabase::~MmdbDatabase() {
  if (handle_->open) MMDB_close(&handle_->mmdb);
}

namespace {

// A search-tree node's left (bit 0) or right (bit 1) record, as the spec
// lays out each record size: two big-endian records per node; at 28 bits the
// middle byte holds the top four bits of each.
template <int kRecordBits>
inline uint32_t ReadRecord(const uint8_t* tree, uint32_t node, uint32_t bit) {
  const uint8_t* p = tree + static_cast<size_t>(node) * (kRecordBits / 4);
  if constexpr (kRecordBits == 24) {
    p += 3 * bit;
    return uint32_t{p[0]} << 16 | uint32_t{p[1]} << 8 | p[2];
  } else if constexpr (kRecordBits == 28) {
    const uint32_t high = bit == 0 ? p[3] >> 4 : p[3] & 0x0F;
    p += 4 * bit;
    return high << 24 | uint32_t{p[0]} << 16 | uint32_t{p[1]} << 8 | p[2];
  } else {
    p += 4 * bit;
    return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3];
  }
}

}  // namespace

uint32_t ReadMmdbRecord(const uint8_t* tree, int record_bits, uint32_t node, uint32_t side) {
  switch (record_bits) {
    case 24: return ReadRecord<24>(tree, node, side);
    case 28: return ReadRecord<28>(tree, node, side);
    default: return ReadRecord<32>(tree, node, side);
  }
}

namespace {

// Follows the top `bits` bits of address (most significant first) from
// value until a leaf (value >= node_count) or the bits run out.
template <int kRecordBits>
uint32_t WalkRecords(const uint8_t* tree, uint32_t node_count, uint32_t value, uint32_t address, int bits) {
  for (int i = 0; i < bits && value < node_count; ++i)
    value = ReadRecord<kRecordBits>(tree, value, (address >> (31 - i)) & 1);
  return value;
}

Status MmdbError(const std::string& path, std::string_view what, int code) {
  std::string msg = path + ": " + std::string(what) + ": " + MMDB_strerror(code);
  if (code == MMDB_FILE_OPEN_ERROR || code == MMDB_IO_ERROR) return Status::IoError(msg);
  return Status::Corruption(msg);
}

}  // namespace

Status MmdbDatabase::Open(const std::string& path, const MmdbOpenOptions& options,
                          std::unique_ptr<MmdbDatabase>* out) {
  std::unique_ptr<MmdbDatabase> db(new MmdbDatabase());
  int rc = MMDB_open(path.c_str(), MMDB_MODE_MMAP, &db->handle_->mmdb);
  if (rc != MMDB_SUCCESS) return MmdbError(path, "cannot open MaxMind database", rc);
  db->handle_->open = true;
  const MMDB_s& m = db->handle_->mmdb;
  const MMDB_metadata_s& md = m.metadata;
  db->provenance_.path = path;
  db->provenance_.database_type = md.database_type != nullptr ? md.database_type : "";
  db->provenance_.build_epoch = md.build_epoch;
  db->provenance_.ip_version = md.ip_version;
  db->provenance_.node_count = md.node_count;
  if (!options.check_structure) {
    *out = std::move(db);
    return Status::Ok();
  }
  auto bad = [&](const std::string& why) {
    return Status::Corruption(path + ": not a usable MaxMind database: " + why);
  };
  if (md.binary_format_major_version != 2) {
    return bad("binary format version " + std::to_string(md.binary_format_major_version) + " (expected 2)");
  }
  if (md.record_size != 24 && md.record_size != 28 && md.record_size != 32) {
    return bad("record size " + std::to_string(md.record_size) + " (expected 24, 28 or 32)");
  }
  if (md.ip_version != 4 && md.ip_version != 6) return bad("ip_version " + std::to_string(md.ip_version));
  if (md.database_type == nullptr || md.database_type[0] == '\0') return bad("metadata has no database_type");
  if (md.build_epoch > kMaxBuildEpoch)
    return bad("build_epoch " + std::to_string(md.build_epoch) + " is not a date");
  if (md.node_count == 0) return bad("empty search tree");
  // The spec requires a description map; writers always fill it, and files
  // without one are hand-damaged (MaxMind-DB bad-data).
  if (md.description.count == 0) return bad("metadata has no description");

  MMDB_entry_data_list_s* list = nullptr;
  rc = MMDB_get_metadata_as_entry_data_list(&m, &list);
  MMDB_free_entry_data_list(list);
  if (rc != MMDB_SUCCESS) return MmdbError(path, "corrupt metadata", rc);

  Status s = db->VerifyTree(options);
  if (!s.ok()) return s;
  db->BuildIpv4Table();
  *out = std::move(db);
  return Status::Ok();
}

void MmdbDatabase::BuildIpv4Table() {
  Handle& h = *handle_;
  const MMDB_s& m = h.mmdb;
  const uint32_t nodes = m.metadata.node_count;
  switch (m.metadata.record_size) {
    case 24: h.ipv4_walk = &WalkRecords<24>; break;
    case 28: h.ipv4_walk = &WalkRecords<28>; break;
    case 32: h.ipv4_walk = &WalkRecords<32>; break;
    default: return;
  }
  // IPv4 lives under ::a.b.c.d of an IPv6 tree, 96 zero bits down, as
  // libmaxminddb looks it up.
  uint32_t root = 0;
  if (m.metadata.ip_version == 6) {
    for (int i = 0; i < 3; ++i) root = h.ipv4_walk(m.file_content, nodes, root, 0, 32);
  }
  constexpr int kBits = Handle::kIpv4TableBits;
  h.ipv4_table.resize(size_t{1} << kBits);
  for (uint32_t prefix = 0; prefix < h.ipv4_table.size(); ++prefix)
    h.ipv4_table[prefix] = h.ipv4_walk(m.file_content, nodes, root, prefix << (32 - kBits), kBits);
}

Status MmdbDatabase::VerifyTree(const MmdbOpenOptions& options) {
  const MMDB_s& m = handle_->mmdb;
  const uint32_t nodes = m.metadata.node_count;
  const int max_depth = m.metadata.ip_version == 4 ? 32 : 128;
  std::unordered_set<uint32_t> seen_data;
  auto corrupt = [&](uint32_t node, const std::string& why) {
    return Status::Corruption(provenance_.path + ": corrupt search tree: node " + std::to_string(node) + " " +
                              why);
  };
  auto check_data = [&](uint32_t node, uint64_t record) -> Status {
    // Values node_count+1 .. node_count+15 land in the 16-byte separator
    // between tree and data; anything past the data section is dangling.
    if (record < uint64_t{nodes} + 16 || record - nodes - 16 >= m.data_section_size) {
      return corrupt(node, "has record " + std::to_string(record) + ", outside the data section");
    }
    if (!options.verify_data) return Status::Ok();
    uint32_t offset = static_cast<uint32_t>(record - nodes - 16);
    if (!seen_data.insert(offset).second) return Status::Ok();
    MMDB_entry_s entry{&m, offset};
    MMDB_entry_data_list_s* list = nullptr;
    int rc = MMDB_get_entry_data_list(&entry, &list);
    MMDB_free_entry_data_list(list);
    if (rc != MMDB_SUCCESS) {
      return MmdbError(provenance_.path, "corrupt data record at offset " + std::to_string(offset), rc);
    }
    return Status::Ok();
  };
  // Depth-first from the root with three colours: reaching a node still on
  // the path is a cycle; a node reached twice otherwise is an alias (IPv4
  // space inside an IPv6 tree) and is not walked again, so the walk is linear.
  enum : uint8_t { kUnseen, kOnPath, kDone };
  std::vector<uint8_t> colour(nodes, kUnseen);
  struct Frame {
    uint32_t node;
    uint64_t records[2];
    int next;
  };
  std::vector<Frame> path;
  auto enter = [&](uint32_t node) -> Status {
    MMDB_search_node_s n;
    int rc = MMDB_read_node(&m, node, &n);
    if (rc != MMDB_SUCCESS) return MmdbError(provenance_.path, "corrupt search tree", rc);
    colour[node] = kOnPath;
    path.push_back(Frame{node, {n.left_record, n.right_record}, 0});
    return Status::Ok();
  };
  Status s = enter(0);
  while (s.ok() && !path.empty()) {
    Frame& f = path.back();
    if (f.next == 2) {
      colour[f.node] = kDone;
      path.pop_back();
      continue;
    }
    uint64_t record = f.records[f.next++];
    uint32_t node = f.node;
    if (record == nodes) continue;  // no data for this network
    if (record > nodes) {
      s = check_data(node, record);
      continue;
    }
    if (colour[record] == kOnPath) {
      s = corrupt(node, "points back to node " + std::to_string(record) + " (a cycle)");
    } else if (colour[record] == kUnseen) {
      if (static_cast<int>(path.size()) >= max_depth) {
        s = corrupt(node, "lies deeper than " + std::to_string(max_depth) + " address bits");
      } else {
        s = enter(static_cast<uint32_t>(record));
      }
    }
  }
  if (!s.ok()) return s;
  // Writers emit exactly the nodes of the tree; nodes no lookup can reach
  // mean node_count or the records are wrong.
  size_t unreachable = std::count(colour.begin(), colour.end(), kUnseen);
  if (unreachable != 0) {
    return Status::Corruption(provenance_.path + ": corrupt search tree: " + std::to_string(unreachable) +
                              " of " + std::to_string(nodes) + " nodes are unreachable from the root");
  }
  return Status::Ok();
}

Status MmdbDatabase::Lookup(const IpAddress& addr, bool* found, Entry* entry) const {
  *found = false;
  const Handle& h = *handle_;
  const MMDB_s& m = h.mmdb;
  if (addr.v4 && !h.ipv4_table.empty()) {
    constexpr int kBits = Handle::kIpv4TableBits;
    const uint32_t a = addr.Ipv4Int();
    const uint32_t nodes = m.metadata.node_count;
    uint32_t value = h.ipv4_table[a >> (32 - kBits)];
    if (value < nodes) value = h.ipv4_walk(m.file_content, nodes, value, a << kBits, 32 - kBits);
    // The checked tree has no path longer than the address: a walk ends on
    // the empty marker (node_count) or a data record after the separator.
    if (value <= nodes) return Status::Ok();
    *found = true;
    entry->offset = value - nodes - 16;
    return Status::Ok();
  }
  if (!addr.v4 && m.metadata.ip_version == 4) return Status::Ok();
  sockaddr_storage ss{};
  if (addr.v4) {
    auto* sin = reinterpret_cast<sockaddr_in*>(&ss);
    sin->sin_family = AF_INET;
    std::memcpy(&sin->sin_addr, addr.bytes, 4);
  } else {
    auto* sin6 = reinterpret_cast<sockaddr_in6*>(&ss);
    sin6->sin6_family = AF_INET6;
    std::memcpy(&sin6->sin6_addr, addr.bytes, 16);
  }
  int rc = MMDB_SUCCESS;
  MMDB_lookup_result_s r = MMDB_lookup_sockaddr(&m, reinterpret_cast<const sockaddr*>(&ss), &rc);
  if (rc == MMDB_IPV6_LOOKUP_IN_IPV4_DATABASE_ERROR) return Status::Ok();
  if (rc != MMDB_SUCCESS) return MmdbError(provenance_.path, "lookup of " + addr.ToString() + " failed", rc);
  if (!r.found_entry) return Status::Ok();
  *found = true;
  entry->offset = r.entry.offset;
  return Status::Ok();
}

Status MmdbDatabase::GetValue(Entry entry, const char* const* path, void* entry_data, bool* found) const {
  MMDB_entry_s e{&handle_->mmdb, entry.offset};
  auto* data = static_cast<MMDB_entry_data_s*>(entry_data);
  int rc = MMDB_aget_value(&e, data, path);
  *found = false;
  if (rc == MMDB_LOOKUP_PATH_DOES_NOT_MATCH_DATA_ERROR) return Status::Ok();
  if (rc != MMDB_SUCCESS) return MmdbError(provenance_.path, "corrupt data record", rc);
  *found = data->has_data;
  return Status::Ok();
}

Status MmdbDatabase::GetString(Entry entry, const char* const* path,
                               std::optional<std::string_view>* out) const {
  MMDB_entry_data_s data{};
  bool found;
  Status s = GetValue(entry, path, &data, &found);
  out->reset();
  if (s.ok() && found && data.type == MMDB_DATA_TYPE_UTF8_STRING)
    *out = std::string_view(data.utf8_string, data.data_size);
  return s;
}

Status MmdbDatabase::GetNumber(Entry entry, const char* const* path, std::optional<double>* out) const {
  MMDB_entry_data_s data{};
  bool found;
  Status s = GetValue(entry, path, &data, &found);
  out->reset();
  if (!s.ok() || !found) return s;
  if (data.type == MMDB_DATA_TYPE_DOUBLE) *out = data.double_value;
  if (data.type == MMDB_DATA_TYPE_FLOAT) *out = data.float_value;
  return s;
}

Status MmdbDatabase::GetUnsigned(Entry entry, const char* const* path, std::optional<uint64_t>* out) const {
  MMDB_entry_data_s data{};
  bool found;
  Status s = GetValue(entry, path, &data, &found);
  out->reset();
  if (!s.ok() || !found) return s;
  switch (data.type) {
    case MMDB_DATA_TYPE_UINT16:
      *out = data.uint16;
      break;
    case MMDB_DATA_TYPE_UINT32:
      *out = data.uint32;
      break;
    case MMDB_DATA_TYPE_UINT64:
      *out = data.uint64;
      break;
    case MMDB_DATA_TYPE_INT32:
      if (data.int32 >= 0) *out = static_cast<uint64_t>(data.int32);
      break;
    default:
      break;
  }
  return s;
}

}  // namespace recproc
