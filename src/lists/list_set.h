// ListSet: every configured match, suppressed and threat list with its lookup
// indexes, built once at start-up and then shared read-only by all pipeline
// threads. Per list and column: IPv4 addresses and CIDR blocks in an
// Ipv4BlockIndex, IPv6 ones in an IpPrefixTrie, every overlapping block
// matching; every other kind in an
// open-addressing hash table of comparison keys (list_key.h), domains
// matching their entry or any parent on label boundaries.
//
// Expiry: an item with expiration_ms matches while now_ms < expiration_ms;
// at now_ms == expiration_ms it is already expired (an expiry names the first
// instant the item no longer applies). Inactive items and inactive lists
// never match.
//
// Thread-safety: immutable after Build()/Load(); all const methods may run
// concurrently.
#ifndef RECPROC_LISTS_LIST_SET_H_
#define RECPROC_LISTS_LIST_SET_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_node.h"
#include "lists/list_columns.h"
#include "lists/list_model.h"
#include "util/ip_prefix_trie.h"

namespace recproc {

struct ListHit {
  uint32_t list_index;
  uint32_t item_index;
};

// One match of a record attribute against a list item.
struct RecordListHit {
  uint32_t list_index;
  uint32_t item_index;
  uint32_t column;         // index into ListSet::columns()
  std::string_view field;  // attribute name; owned by the ListSet
  std::string_view value;  // the record's value; lives as long as the record
};

// The record attributes a ListSet compares, fetched together once per record.
struct AttributeQuery {
  std::vector<std::string_view> names;  // distinct; views into the ListSet's column table
  // candidates[Slot(n)] has bit i set for names[i] (names past the 64th share
  // bit 63), so a source finds the few names an attribute may be with one
  // load, and passes over most of its attributes with that test alone.
  uint64_t candidates[256] = {};

  // REQUIRES: name is not empty.
  static size_t Slot(std::string_view name) {
    return (name.size() * 7 + static_cast<unsigned char>(name.back()) * 3u +
            static_cast<unsigned char>(name.front())) &
           255;
  }
  void Add(std::string_view name);
  // Bits of the names that may equal `name`; 0 when none can.
  uint64_t Candidates(std::string_view name) const { return name.empty() ? 0 : candidates[Slot(name)]; }
  bool MayContain(std::string_view name) const { return Candidates(name) != 0; }
};

// Record attribute values by name, as the pipeline holds them.
class AttributeSource {
 public:
  virtual ~AttributeSource() = default;
  // The attribute's value as text; false when the record lacks it.
  virtual bool Get(std::string_view attribute, std::string_view* value) const = 0;
  // values[i] = what Get(query.names[i]) gives, "" where it gives false.
  // Default: one Get() per name; a source holding its attributes in a list
  // overrides it with one pass over them.
  // REQUIRES: values has room for query.names.size().
  virtual void GetAll(const AttributeQuery& query, std::string_view* values) const;
};

// One list as its loader produced it.
struct LoadedList {
  ListDef def;
  ListItems items;
  std::string origin;  // file the items came from, for error messages
};

class ListSet {
 public:
  ~ListSet();

  // Reads the `lists:` section of the root config (see list_config.cc for its
  // keys), loads every list file (paths relative to config_path) and builds
  // the set. Every problem goes to *errors; returns false (and leaves *out
  // alone) if there was any.
  static bool Load(const ConfigNode& lists_section, const std::string& config_path, ConfigErrors* errors,
                   std::unique_ptr<ListSet>* out);

  // Builds the indexes. An item whose value does not fit its column (not an
  // IP or CIDR for an ip column, ...) or whose column is unknown is an error
  // at its origin:line. List order is kept: it is the output order.
  static bool Build(ListColumns columns, std::vector<LoadedList> lists, ConfigErrors* errors,
                    std::unique_ptr<ListSet>* out);

  // Appends the live items of active lists matching `value` in `column`
  // (list order; within a list, most specific IP block first). An unknown
  // column matches nothing. Allocation-free apart from growing *out.
  void Match(std::string_view column, std::string_view value, int64_t now_ms,
             std::vector<ListHit>* out) const;

  // Every hit of a record: for each active list in order, each of its columns,
  // each attribute of the column in table order. Appends to *out.
  void MatchRecord(const AttributeSource& record, int64_t now_ms, std::vector<RecordListHit>* out) const;

  size_t list_count() const { return lists_.size(); }
  const ListDef& def(uint32_t list) const;
  // The name rules use: spaces replaced by '_'.
  std::string_view rule_name(uint32_t list) const;
  const ListItem& item(uint32_t list, uint32_t item) const;
  // All empty for a plain (non-indicator) item.
  const IndicatorAttributes& indicator(uint32_t list, uint32_t item) const;
  size_t item_count(uint32_t list) const;
  std::string_view Text(uint32_t list, TextRef ref) const;
  const ListColumns& columns() const { return columns_; }
  // Loader warnings (unsupported indicators, skipped items), for the user.
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  struct List;
  struct Index;
  ListSet();
  void MatchIndex(uint32_t list_index, const Index& index, std::string_view value, int64_t now_ms,
                  std::vector<ListHit>* out) const;
  void MatchIp(uint32_t list_index, const Index& index, const IpAddress& addr, int64_t now_ms,
               std::vector<ListHit>* out) const;

  ListColumns columns_;
  std::vector<std::unique_ptr<List>> lists_;
  // Every attribute some active list compares; Index::query_ids point here.
  AttributeQuery query_;
  std::vector<std::string> warnings_;
};

}  // namespace recproc

#endif  // RECPROC_LISTS_LIST_SET_H_
