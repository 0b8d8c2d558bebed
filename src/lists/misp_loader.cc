// MISP event and feed loading (MISP core format, draft-dulaunoy-misp-core-
// format §2.2 Event, §2.3 Attribute, §2.5 Object; MISP feed layout: a
// manifest.json and one event file per uuid).
#include "lists/misp_loader.h"

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "lists/csv_list_loader.h"
#include "lists/indicator_types.h"

namespace recproc {
namespace {

std::string StringMember(const nlohmann::json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

// to_ids is a boolean in current MISP and "1"/"0" in old exports.
bool TruthMember(const nlohmann::json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) return false;
  if (it->is_boolean()) return it->get<bool>();
  if (it->is_string()) return it->get<std::string>() == "1" || it->get<std::string>() == "true";
  if (it->is_number_integer()) return it->get<int64_t>() != 0;
  return false;
}

struct EventContext {
  std::string file;
  std::string source;  // the creating organisation
  std::string info;    // the event title
  std::map<std::string, size_t> unsupported_types;
};

void AddItem(const EventContext& ctx, const nlohmann::json& attr, std::string_view type,
             std::string_view column, std::string_view value, ListItems* out) {
  ListItem item;
  item.value = out->text.Add(value);
  IndicatorAttributes* ind = out->AddIndicator(&item);
  ind->column = out->text.Add(column);
  ind->id = out->text.Add(StringMember(attr, "uuid"));
  ind->type = out->text.Add(type);
  ind->source = out->text.Add(ctx.source);
  std::string comment = StringMember(attr, "comment");
  item.description = out->text.Add(comment.empty() ? ctx.info : comment);
  out->items.push_back(item);
}

void AddAttribute(EventContext* ctx, const nlohmann::json& attr, ListItems* out) {
  if (!attr.is_object() || !TruthMember(attr, "to_ids") || TruthMember(attr, "deleted")) return;
  std::string type = StringMember(attr, "type"), value = StringMember(attr, "value");
  if (value.empty()) return;
  size_t bar = type.find('|');
  if (bar == std::string::npos) {
    std::string_view column = ColumnForMispType(type);
    if (column.empty()) {
      ++ctx->unsupported_types[type];
      return;
    }
    AddItem(*ctx, attr, type, column, value, out);
    return;
  }
  size_t vbar = value.find('|');
  std::string_view left_type = std::string_view(type).substr(0, bar),
                   right_type = std::string_view(type).substr(bar + 1);
  std::string_view left = std::string_view(value).substr(0, vbar);
  std::string_view right =
      vbar == std::string::npos ? std::string_view() : std::string_view(value).substr(vbar + 1);
  std::string_view left_column = ColumnForMispType(left_type), right_column = ColumnForMispType(right_type);
  if (left_column.empty() && right_column.empty()) {
    ++ctx->unsupported_types[type];
    return;
  }
  if (!left_column.empty() && !left.empty()) AddItem(*ctx, attr, type, left_column, left, out);
  if (!right_column.empty() && !right.empty()) AddItem(*ctx, attr, type, right_column, right, out);
}

bool LoadEventJson(const nlohmann::json& doc, const std::string& file, ListItems* out, ConfigErrors* errors) {
  const nlohmann::json* event = &doc;
  if (doc.is_object() && doc.contains("Event")) event = &doc["Event"];
  if (!event->is_object() || (!event->contains("Attribute") && !event->contains("Object"))) {
    AddRowError(errors, file, 1, "not a MISP event: expected Event.Attribute or Event.Object");
    return false;
  }
  EventContext ctx;
  ctx.file = file;
  ctx.info = StringMember(*event, "info");
  if (auto orgc = event->find("Orgc"); orgc != event->end() && orgc->is_object())
    ctx.source = StringMember(*orgc, "name");
  if (auto attrs = event->find("Attribute"); attrs != event->end() && attrs->is_array())
    for (const nlohmann::json& a : *attrs) AddAttribute(&ctx, a, out);
  if (auto objects = event->find("Object"); objects != event->end() && objects->is_array()) {
    for (const nlohmann::json& o : *objects) {
      if (!o.is_object() || TruthMember(o, "deleted")) continue;
      if (auto attrs = o.find("Attribute"); attrs != o.end() && attrs->is_array())
        for (const nlohmann::json& a : *attrs) AddAttribute(&ctx, a, out);
    }
  }
  for (const auto& [type, count] : ctx.unsupported_types) {
    out->unsupported += count;
    out->warnings.push_back(file + ": " + std::to_string(count) + " to_ids attribute(s) of type '" + type +
                            "' have no list column; skipped");
  }
  return true;
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

}  // namespace

bool LoadMispEvent(std::string_view text, const std::string& file, ListItems* out, ConfigErrors* errors) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    AddRowError(errors, file, 1, "invalid JSON");
    return false;
  }
  return LoadEventJson(doc, file, out, errors);
}

bool LoadMispFeed(const std::string& directory, ListItems* out, ConfigErrors* errors) {
  size_t before = errors->size();
  std::string manifest_path = directory + "/manifest.json", text;
  if (!ReadFile(manifest_path, &text)) {
    errors->Add(SourcePosition{manifest_path}, "cannot read the MISP feed manifest");
    return false;
  }
  nlohmann::json manifest = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (manifest.is_discarded() || !manifest.is_object()) {
    AddRowError(errors, manifest_path, 1, "expected a JSON object of event uuids");
    return false;
  }
  for (const auto& [uuid, summary] : manifest.items()) {
    if (uuid.find('/') != std::string::npos || uuid.find("..") != std::string::npos) {
      AddRowError(errors, manifest_path, 1, "invalid event uuid '" + uuid + "'");
      continue;
    }
    std::string event_path = directory + "/" + uuid + ".json";
    if (!ReadFile(event_path, &text)) {
      errors->Add(SourcePosition{event_path}, "cannot read the event listed in the manifest");
      continue;
    }
    LoadMispEvent(text, event_path, out, errors);
  }
  return errors->size() == before;
}

}  // namespace recproc
