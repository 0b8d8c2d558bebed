// JSON for list match results. The number of hits per record is small, so
// duplicates are found by scanning what was already written rather than with
// a set, which keeps the writers allocation-free once *out has grown.
#include "lists/list_match_json.h"

#include "lists/expiry_time.h"
#include "record/json_writer.h"

namespace recproc {
namespace {

// True if an earlier hit in [0, i) has the same key as hits[i].
template <typename Same>
bool SeenBefore(const std::vector<RecordListHit>& hits, size_t i, Same same) {
  for (size_t j = 0; j < i; ++j)
    if (same(hits[j], hits[i])) return true;
  return false;
}

void StringOrSkip(JsonWriter* w, std::string_view key, std::string_view value) {
  if (value.empty()) return;
  w->Key(key);
  w->String(value);
}

void Expiration(JsonWriter* w, int64_t ms) {
  w->Key("expiration");
  if (ms == kNoExpiry) {
    w->Null();
    return;
  }
  std::string text;
  FormatExpiryTime(ms, &text);
  w->String(text);
}

}  // namespace

bool WriteListMatchesJson(const ListSet& set, const std::vector<RecordListHit>& hits, std::string* out) {
  if (hits.empty()) return false;
  JsonWriter w(out);
  w.BeginArray();
  bool threat = false;
  for (size_t i = 0; i < hits.size(); ++i) {
    const RecordListHit& h = hits[i];
    threat = threat || set.def(h.list_index).kind == ListKind::kThreat;
    if (!SeenBefore(hits, i, [](const RecordListHit& a, const RecordListHit& b) {
          return a.list_index == b.list_index;
        }))
      w.String(set.rule_name(h.list_index));
    if (!SeenBefore(hits, i,
                    [](const RecordListHit& a, const RecordListHit& b) { return a.column == b.column; })) {
      // A list with its own column reports that column (DstIp, not the
      // feed's generic Ip); a multi-column feed reports each item's column.
      std::string token = "column:";
      token.append(set.columns()[h.column].name);
      w.String(token);
    }
  }
  if (threat) w.String("threat");
  w.EndArray();
  return true;
}

bool WriteMatchedItemsJson(const ListSet& set, const std::vector<RecordListHit>& hits, std::string* out) {
  if (hits.empty()) return false;
  JsonWriter w(out);
  w.BeginArray();
  for (size_t i = 0; i < hits.size(); ++i) {
    const RecordListHit& h = hits[i];
    if (SeenBefore(hits, i, [](const RecordListHit& a, const RecordListHit& b) {
          return a.list_index == b.list_index && a.field == b.field;
        }))
      continue;
    const ListDef& def = set.def(h.list_index);
    const ListItem& item = set.item(h.list_index, h.item_index);
    w.BeginObject();
    w.Key("listName");
    w.String(def.name);
    w.Key("listType");
    w.String(ListKindName(def.kind));
    w.Key("column");
    w.String(set.columns()[h.column].name);
    w.Key("field");
    w.String(h.field);
    w.Key("value");
    w.String(h.value);
    w.Key("item");
    w.String(set.Text(h.list_index, item.value));
    w.Key("description");
    w.String(set.Text(h.list_index, item.description));
    Expiration(&w, item.expiration_ms);
    const IndicatorAttributes& ind = set.indicator(h.list_index, h.item_index);
    StringOrSkip(&w, "itemId", set.Text(h.list_index, ind.id));
    if (ind.confidence >= 0) {
      w.Key("confidence");
      w.Int(ind.confidence);
    }
    StringOrSkip(&w, "threatType", set.Text(h.list_index, ind.threat_type));
    StringOrSkip(&w, "source", set.Text(h.list_index, ind.source));
    w.EndObject();
  }
  w.EndArray();
  return true;
}

bool IsSuppressed(const ListSet& set, const std::vector<RecordListHit>& hits) {
  for (const RecordListHit& h : hits)
    if (set.def(h.list_index).kind == ListKind::kSuppressed) return true;
  return false;
}

bool WriteSuppressedReasonsJson(const ListSet& set, const std::vector<RecordListHit>& hits,
                                std::string* out) {
  if (!IsSuppressed(set, hits)) return false;
  JsonWriter w(out);
  w.BeginArray();
  for (size_t i = 0; i < hits.size(); ++i) {
    const RecordListHit& h = hits[i];
    if (set.def(h.list_index).kind != ListKind::kSuppressed) continue;
    if (SeenBefore(hits, i, [](const RecordListHit& a, const RecordListHit& b) {
          return a.list_index == b.list_index;
        }))
      continue;
    std::string reason = "list:";
    reason.append(set.def(h.list_index).name);
    w.String(reason);
  }
  w.EndArray();
  return true;
}

bool WriteMatchingIndicatorsJson(const ListSet& set, const std::vector<RecordListHit>& hits,
                                 std::string* out) {
  auto is_threat = [&](const RecordListHit& h) { return set.def(h.list_index).kind == ListKind::kThreat; };
  bool any = false;
  for (const RecordListHit& h : hits) any = any || is_threat(h);
  if (!any) return false;
  JsonWriter w(out);
  w.BeginObject();
  for (size_t i = 0; i < hits.size(); ++i) {
    if (!is_threat(hits[i])) continue;
    std::string_view field = hits[i].field;
    bool field_seen = false;
    for (size_t j = 0; j < i; ++j) field_seen = field_seen || (is_threat(hits[j]) && hits[j].field == field);
    if (field_seen) continue;
    w.Key(field);
    w.BeginArray();
    for (size_t k = i; k < hits.size(); ++k) {
      const RecordListHit& h = hits[k];
      if (!is_threat(h) || h.field != field) continue;
      if (SeenBefore(hits, k, [&](const RecordListHit& a, const RecordListHit& b) {
            return a.field == b.field && a.list_index == b.list_index && a.item_index == b.item_index;
          }))
        continue;
      const ListItem& item = set.item(h.list_index, h.item_index);
      const IndicatorAttributes& ind = set.indicator(h.list_index, h.item_index);
      auto text = [&](TextRef r) { return set.Text(h.list_index, r); };
      w.BeginObject();
      w.Key("id");
      w.String(text(ind.id).empty() ? set.def(h.list_index).name : text(ind.id));
      w.Key("indicator");
      w.String(text(item.value));
      StringOrSkip(&w, "type", text(ind.type));
      w.Key("source");
      w.String(text(ind.source).empty() ? std::string_view(set.def(h.list_index).name) : text(ind.source));
      if (ind.confidence >= 0) {
        w.Key("confidence");
        w.Int(ind.confidence);
      }
      StringOrSkip(&w, "threatType", text(ind.threat_type));
      StringOrSkip(&w, "validFrom", text(ind.valid_from));
      if (!text(ind.valid_until).empty()) {
        StringOrSkip(&w, "validUntil", text(ind.valid_until));
      } else if (item.expiration_ms != kNoExpiry) {
        std::string until;
        FormatExpiryTime(item.expiration_ms, &until);
        StringOrSkip(&w, "validUntil", until);
      }
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  return true;
}

}  // namespace recproc
