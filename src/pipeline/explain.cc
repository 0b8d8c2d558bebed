// Explainer: a replay of the pipeline for one message with every decision
// written down. Decisions are re-derived from the same built stages and the
// same rules the hot path applies (detector order, profile conditions, the
// mapper's candidate and default rules), while the record shown at the end
// comes from the real ProcessBatch, so the explanation never claims an output
// the pipeline would not produce. Explaining is for one message at a time;
// nothing here is on the run's hot path.
#include "pipeline/explain.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>

#include "lists/list_set.h"
#include "lists/record_attributes.h"
#include "map/field_value.h"
#include "parse/zone_source.h"
#include "schema/coerce.h"
#include "util/ascii_space.h"

namespace recproc {

using Json = nlohmann::ordered_json;

namespace {

bool EqualNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::string Str(std::string_view s) { return std::string(s); }

Json ValueJson(const Value& v) {
  switch (v.kind) {
    case Value::Kind::kString:
      return Str(v.s);
    case Value::Kind::kInt:
      return v.i;
    case Value::Kind::kDouble:
      return v.d;
    case Value::Kind::kBool:
      return v.b;
    case Value::Kind::kStringList: {
      Json a = Json::array();
      size_t start = 0;
      while (start <= v.s.size()) {
        size_t end = v.s.find('\0', start);
        if (end == std::string_view::npos) end = v.s.size();
        a.push_back(Str(v.s.substr(start, end - start)));
        start = end + 1;
      }
      return a;
    }
    case Value::Kind::kRawJson: {
      Json j = Json::parse(v.s, nullptr, /*allow_exceptions=*/false);
      return j.is_discarded() ? Json(Str(v.s)) : j;
    }
  }
  return nullptr;
}

bool SameValue(const Value& a, const Value& b) {
  return a.kind == b.kind && a.b == b.b && a.i == b.i && a.d == b.d && a.s == b.s;
}

std::string_view KindName(ValueKind k) {
  switch (k) {
    case ValueKind::kString:
      return "string";
    case ValueKind::kNumber:
      return "number";
    case ValueKind::kBool:
      return "bool";
    case ValueKind::kNull:
      return "null";
  }
  return "string";
}

std::string_view ValueTypeName(ValueType t) {
  switch (t) {
    case ValueType::kStandard:
      return "standard";
    case ValueType::kConstant:
      return "constant";
    case ValueType::kLookup:
      return "lookup";
    case ValueType::kSplit:
      return "split";
    case ValueType::kFormat:
      return "format";
    case ValueType::kTime:
      return "time";
  }
  return "standard";
}

std::string_view CoerceErrorText(CoerceError e) {
  switch (e) {
    case CoerceError::kNone:
      return "";
    case CoerceError::kBadSyntax:
      return "not a valid value of the type";
    case CoerceError::kOutOfRange:
      return "out of range for the type";
    case CoerceError::kNotInEnumeration:
      return "not a member of the enumeration";
    case CoerceError::kNotCoercible:
      return "the type cannot be produced from text";
  }
  return "";
}


// The rule EvaluateField applies to one input field: present, not null, not
// a skipped value.
bool InputPresent(const FieldMapping& f, const Mapping& m, const ParsedMessage& msg, std::string_view name,
                  std::string* why) {
  const Field* field = msg.Find(name);
  if (field == nullptr) {
    *why = "'" + Str(name) + "' absent";
    return false;
  }
  if (field->kind == ValueKind::kNull) {
    *why = "'" + Str(name) + "' is null";
    return false;
  }
  std::string_view t = TrimAsciiSpace(field->value);
  for (const auto* list : {&m.skipped_values, &f.skipped_values})
    for (const std::string& s : *list)
      if (t == s) {
        *why = "'" + Str(name) + "' has the skipped value '" + s + "'";
        return false;
      }
  return true;
}

// Where a field mapping takes its value from, in words.
std::string DescribeSource(const FieldMapping& f, const Mapping& m, const ParsedMessage& msg,
                           FieldOutcome outcome) {
  if (f.type == ValueType::kConstant) return "constant '" + f.value + "'";
  if (f.type == ValueType::kFormat) {
    std::string s = "format '" + f.value + "' of";
    for (const std::string& p : f.format_parameters) s += " '" + p + "'";
    return s;
  }
  if (!f.field_join.empty()) {
    std::string s = "join of";
    for (const std::string& p : f.field_join) s += " '" + p + "'";
    return s + " with '" + f.join_delimiter + "'";
  }
  std::vector<std::string> names;
  if (!f.value.empty()) names.push_back(f.value);
  for (const std::string& a : f.alternate_values) names.push_back(a);
  std::string misses;
  for (size_t i = 0; i < names.size(); ++i) {
    std::string why;
    if (InputPresent(f, m, msg, names[i], &why)) {
      std::string s = i == 0 ? "field '" + names[i] + "'" : "alternate '" + names[i] + "' (" + misses + ")";
      if (f.type == ValueType::kLookup) s = "lookup of " + s;
      if (f.type == ValueType::kSplit)
        s = "split of " + s + " on '" + f.split_delimiter + "' item " + std::to_string(f.split_index);
      if (f.type == ValueType::kTime) s = "time from " + s;
      if (outcome == FieldOutcome::kText && f.has_default && f.type == ValueType::kLookup) {
        // A lookup with no matching key falls back to the default.
        const Field* field = msg.Find(names[i]);
        bool hit = false;
        for (const auto& [k, v] : f.lookup)
          hit = hit || (f.case_sensitive ? k == field->value : EqualNoCase(k, field->value));
        if (!hit) s += ", no lookup key matched: default value";
      }
      return s;
    }
    misses += (misses.empty() ? "" : ", ") + why;
  }
  if (f.has_default) return "default value (" + (misses.empty() ? std::string("no input") : misses) + ")";
  return "missing (" + (misses.empty() ? std::string("no input") : misses) + ")";
}

}  // namespace

Explainer::Explainer(const Pipeline& pipeline)
    : pipeline_(pipeline), scratch_(pipeline.NewWorker()), runner_(pipeline.NewWorker()) {}

Explainer::~Explainer() = default;

Json Explainer::Explain(std::string_view text, std::string_view source, uint64_t line) {
  Json report;
  report["input"] = {{"source", Str(source)}, {"line", line}, {"text", Str(text)}};
  Pipeline::Worker& w = *scratch_;
  w.arena.Reset();
  w.map_context.arena = &w.arena;
  w.map_context.stats = &w.map_stats;
  w.map_context.ResetBatch();

  // The record(s) exactly as a run writes them.
  Batch batch;
  batch.source = Str(source);
  batch.storage = Str(text);
  batch.messages.push_back(InputMessage{batch.storage, line, 0, false, text.size()});
  std::string out;
  pipeline_.ProcessBatch(batch, runner_.get(), &out, &out);
  Json output = Json::array();
  for (size_t start = 0; start < out.size();) {
    size_t end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    output.push_back(Json::parse(out.substr(start, end - start), nullptr, false));
    start = end + 1;
  }

  if (text.find_first_not_of(" \t\r") == std::string_view::npos) {
    report["result"] = "blank line: skipped";
    report["output"] = output;
    return report;
  }
  const ParserProfile* source_profile = pipeline_.parse_->ProfileForSource(source);
  bool parsed_ok = false;
  report["parse"] = ExplainParse(text, source_profile, &parsed_ok);
  if (!parsed_ok) {
    report["result"] = "FailedRecord (stage parse)";
    report["output"] = output;
    return report;
  }
  std::string_view failure;
  report["map"] = ExplainMap(&failure);
  if (!failure.empty()) {
    report["result"] = "FailedRecord (stage map)";
    report["output"] = output;
    return report;
  }
  Json records = Json::array();
  for (size_t i = 0; i < report["map"]["records"].size(); ++i) {
    Json r = report["map"]["records"][i];
    Json stages = ExplainRecordStages(&w.records[i]);
    for (auto& [k, v] : stages.items()) r[k] = v;
    records.push_back(r);
  }
  report["map"].erase("records");
  report["records"] = records;
  report["result"] = std::to_string(records.size()) + (records.size() == 1 ? " record" : " records");
  report["output"] = output;
  return report;
}

Json Explainer::ExplainParse(std::string_view text, const ParserProfile* source_profile, bool* parsed_ok) {
  Pipeline::Worker& w = *scratch_;
  const ParseStage& stage = *pipeline_.parse_;
  ParseContext ctx{&w.arena, &pipeline_.limits_, pipeline_.options_.now_ms};
  Json j;
  if (source_profile != nullptr) {
    j["source_profile"] = source_profile->name;
    j["detection"] = "not run: the input's parser profile is fixed (sources: or --parser)";
  } else {
    Json detectors = Json::array();
    bool won = false;
    for (const auto& d : stage.detectors_) {
      if (won) {
        detectors.push_back({{"name", Str(d.name)}, {"result", "not tried"}});
        continue;
      }
      bool shape = d.looks_like(text);
      detectors.push_back({{"name", Str(d.name)}, {"result", shape ? "won" : "shape test said no"}});
      won = shape;
    }
    j["detectors"] = detectors;
  }

  // Profiles: judged on the detected parse, before any profile applied.
  Json profiles = Json::array();
  if (source_profile == nullptr) {
    const ParseStage::Detector* winner = nullptr;
    for (const auto& d : stage.detectors_)
      if (d.looks_like(text)) {
        winner = &d;
        break;
      }
    ParsedMessage detected;
    bool have = winner != nullptr && winner->parser->Parse(text, ctx, &detected).ok();
    bool applied = false;
    for (const auto& p : stage.profiles_) {
      Json e = {{"name", p->name}};
      if (!have) continue;
      if (applied) {
        e["result"] = "not considered: an earlier profile applied";
      } else if (!p->has_conditions()) {
        e["result"] = "no 'when' conditions: applies only through sources: or --parser";
      } else if (!p->Matches(detected)) {
        std::string why;
        for (const std::string& f : p->when_fields)
          if (why.empty() && detected.Find(f) == nullptr) why = "field '" + f + "' absent";
        if (why.empty() && !p->when_app_names.empty()) {
          const Field* app = detected.Find("syslog.appname");
          why = app == nullptr ? "no syslog app name"
                               : "app name '" + Str(app->value) + "' not among the profile's";
          bool any = false;
          for (const std::string& n : p->when_app_names) any = any || (app != nullptr && app->value == n);
          if (any) why.clear();
        }
        for (const std::string& kv : p->when_values) {
          size_t eq = kv.find('=');
          const Field* f = detected.Find(std::string_view(kv).substr(0, eq));
          if (why.empty() && (f == nullptr || f->value != std::string_view(kv).substr(eq + 1)))
            why = "'" + kv.substr(0, eq) + "' is " + (f == nullptr ? "absent" : "'" + Str(f->value) + "'") +
                  ", not '" + kv.substr(eq + 1) + "'";
        }
        if (why.empty())
          why = "format '" + p->format + "' does not take parser '" + Str(detected.parser) + "'";
        e["result"] = "conditions not met: " + why;
      } else if (p->reparse) {
        ParsedMessage candidate;
        const Parser* parser = p->parser;
        if (p->parser5424 != nullptr && text.size() > 3 && text[0] == '<') parser = p->parser5424;
        Status s = parser->Parse(text, ctx, &candidate);
        if (!s.ok() && p->parser5424 != nullptr) s = p->parser->Parse(text, ctx, &candidate);
        if (s.ok()) {
          e["result"] = "applied (conditions held; re-parsed with its own format)";
          applied = true;
        } else {
          e["result"] = "conditions held but its own format did not parse: " + s.message();
        }
      } else {
        e["result"] = "applied (conditions held)";
        applied = true;
      }
      profiles.push_back(e);
    }
  }
  if (!profiles.empty()) j["profiles"] = profiles;

  // The real parse.
  Status s = stage.Parse(source_profile, text, ctx, &w.parsed);
  if (!s.ok()) {
    j["error"] = s.message();
    *parsed_ok = false;
    return j;
  }
  *parsed_ok = true;
  const ParsedMessage& m = w.parsed;
  j["parser"] = Str(m.parser);
  if (!m.detector.empty()) j["detector"] = Str(m.detector);
  j["hints"] = {{"vendor", Str(m.vendor)},
                {"product", Str(m.product)},
                {"log_format", Str(m.log_format)},
                {"event_id", Str(m.event_id)},
                {"time_ms", m.time_ms == kNoTime ? Json(nullptr) : Json(m.time_ms)},
                {"zone_source", m.zone_source == ZoneSource::kNone ? "none" : Str(ZoneSourceName(m.zone_source))}};
  Json fields = Json::array();
  for (const Field& f : m.fields)
    fields.push_back({{"key", Str(f.key)}, {"value", Str(f.value)}, {"kind", Str(KindName(f.kind))}});
  j["fields"] = fields;
  if (!m.notes.empty()) {
    Json notes = Json::array();
    for (std::string_view n : m.notes) notes.push_back(Str(n));
    j["notes"] = notes;
  }
  return j;
}

Json Explainer::ExplainMap(std::string_view* failure) {
  Pipeline::Worker& w = *scratch_;
  const Mapper& mapper = *pipeline_.mapper_;
  const ParsedMessage& msg = w.parsed;
  Json j;
  // Candidates: same vendor + product, in load order, as the mapper sees them.
  struct Candidate {
    uint32_t mapping, input;
  };
  std::vector<Candidate> candidates;
  const auto& mappings = mapper.mappings();
  for (uint32_t mi = 0; mi < mappings.size(); ++mi)
    for (uint32_t ii = 0; ii < mappings[mi].inputs.size(); ++ii) {
      const MappingInput& in = mappings[mi].inputs[ii];
      if (EqualNoCase(in.vendor, msg.vendor) && EqualNoCase(in.product, msg.product))
        candidates.push_back({mi, ii});
    }
  auto format_ok = [&](const MappingInput& in) {
    return in.log_format.empty() || msg.log_format.empty() || EqualNoCase(in.log_format, msg.log_format);
  };
  bool specific = false;
  for (const Candidate& c : candidates) {
    const MappingInput& in = mappings[c.mapping].inputs[c.input];
    if (!mappings[c.mapping].enabled || in.match == EventIdMatch::kDefault || !format_ok(in)) continue;
    bool hit = in.match == EventIdMatch::kConstant
                   ? in.event_id_pattern == msg.event_id
                   : RE2::FullMatch(re2::StringPiece(msg.event_id.data(), msg.event_id.size()), *in.regex);
    specific = specific || hit;
  }
  Json considered = Json::array();
  std::vector<uint32_t> fired;
  for (const Candidate& c : candidates) {
    const Mapping& m = mappings[c.mapping];
    const MappingInput& in = m.inputs[c.input];
    Json e = {{"mapping", m.name}, {"uid", m.uid}, {"event_id_pattern", in.event_id_pattern}};
    if (!in.log_format.empty()) e["log_format"] = in.log_format;
    std::string why;
    bool fires = false;
    if (!m.enabled) {
      why = "mapping is disabled";
    } else if (!format_ok(in)) {
      why = "log format mismatch: mapping wants '" + in.log_format + "', message is '" + Str(msg.log_format) +
            "'";
    } else if (in.match == EventIdMatch::kDefault) {
      fires = !specific;
      why = fires ? "fired: _default_ and no specific mapping matched"
                  : "_default_ suppressed: a specific mapping matched";
    } else if (in.match == EventIdMatch::kConstant) {
      fires = in.event_id_pattern == msg.event_id;
      why = fires ? "fired: event id equals the pattern"
                  : "event id pattern mismatch: '" + Str(msg.event_id) + "' is not '" + in.event_id_pattern +
                        "'";
    } else {
      fires = RE2::FullMatch(re2::StringPiece(msg.event_id.data(), msg.event_id.size()), *in.regex);
      why = fires ? "fired: event id fully matches the regex"
                  : "event id pattern mismatch: '" + Str(msg.event_id) + "' does not fully match /" +
                        in.event_id_pattern + "/";
    }
    if (fires && std::find(fired.begin(), fired.end(), c.mapping) != fired.end()) {
      fires = false;
      why = "already fired through another of its inputs";
    }
    if (fires) fired.push_back(c.mapping);
    e["fired"] = fires;
    e["reason"] = why;
    considered.push_back(e);
  }
  j["considered"] = considered;

  std::string_view reason;
  size_t n = mapper.Map(msg, w.map_context, &w.records, &reason);
  if (n == 0) {
    *failure = reason;
    j["error"] = Str(reason);
    return j;
  }
  Json records = Json::array();
  for (size_t i = 0; i < n; ++i) {
    std::string_view mapper_name;
    const Value* name = w.records[i].Get("metadata_mapperName");
    if (name != nullptr) mapper_name = name->s;
    const Mapping* m = nullptr;
    for (uint32_t id : fired)
      if (mappings[id].name == mapper_name) m = &mappings[id];
    Json r = {{"mapping", Str(mapper_name)}, {"record_type", Str(w.records[i].object_type())}};
    Json attrs = Json::array();
    if (m != nullptr) {
      for (const FieldMapping& f : m->fields) {
        std::string_view text;
        int64_t ms = 0;
        FieldOutcome outcome = EvaluateField(f, *m, msg, &w.arena, &text, &ms);
        Json a = {{"attribute", f.target->name},
                  {"type", Str(AttrTypeName(f.target->type))},
                  {"value_type", Str(ValueTypeName(f.type))},
                  {"source", DescribeSource(f, *m, msg, outcome)}};
        switch (outcome) {
          case FieldOutcome::kMissing:
            a["outcome"] = "not set";
            break;
          case FieldOutcome::kBadTime:
            a["outcome"] = "dropped: the input did not match the time format";
            break;
          case FieldOutcome::kTime:
            a["value"] = ms;
            a["outcome"] = "set";
            break;
          case FieldOutcome::kText: {
            a["input"] = Str(text);
            Value v;
            CoerceError err = CoerceError::kNone;
            if (Coerce(*f.target, text, &w.arena, &v, &err)) {
              a["value"] = ValueJson(v);
              a["outcome"] = "set";
            } else {
              a["outcome"] = "dropped: coercion to " + Str(AttrTypeName(f.target->type)) + " failed (" +
                             Str(CoerceErrorText(err)) + ")";
            }
            break;
          }
        }
        attrs.push_back(a);
      }
    }
    r["attributes"] = attrs;
    records.push_back(r);
  }
  j["records"] = records;
  return j;
}

Json Explainer::ExplainRecordStages(Record* r) {
  Pipeline::Worker& w = *scratch_;
  Json j;
  // 3. Normalize: every attribute added or changed.
  std::vector<Attribute> before = r->attributes();
  pipeline_.normalize_->Apply(r, &w.arena, &w.normalize_stats);
  Json normalize = Json::array();
  for (const Attribute& a : r->attributes()) {
    const Attribute* old = nullptr;
    for (const Attribute& b : before)
      if (b.name == a.name) old = &b;
    if (old != nullptr && SameValue(old->value, a.value)) continue;
    if (a.name.size() > 4 && a.name.substr(a.name.size() - 4) == "_raw") continue;  // shown as "before"
    Json e = {{"attribute", Str(a.name)},
              {"before", old == nullptr ? Json(nullptr) : ValueJson(old->value)},
              {"after", ValueJson(a.value)}};
    normalize.push_back(e);
  }
  j["normalize"] = normalize;

  // 4. Enrich: added attributes, grouped by the attribute they derive from.
  before = r->attributes();
  std::vector<std::string_view> reasons;
  pipeline_.enrich_->Apply(r, w.enrich_scratch.get(), &w.arena, &w.enrich_stats, &reasons);
  Json enrich = Json::array();
  for (const Attribute& a : r->attributes()) {
    bool existed = false;
    for (const Attribute& b : before) existed = existed || b.name == a.name;
    if (existed) continue;
    const Attribute* base = nullptr;
    for (const Attribute& b : before)
      if (a.name.size() > b.name.size() && a.name.substr(0, b.name.size()) == b.name &&
          a.name[b.name.size()] == '_' && (base == nullptr || b.name.size() > base->name.size()))
        base = &b;
    std::string key = base != nullptr ? Str(base->name) : "";
    Json* group = nullptr;
    for (Json& g : enrich)
      if (g["attribute"] == key) group = &g;
    if (group == nullptr) {
      enrich.push_back({{"attribute", key},
                        {"input", base != nullptr ? ValueJson(base->value) : Json(nullptr)},
                        {"results", Json::object()}});
      group = &enrich.back();
    }
    (*group)["results"][Str(a.name)] = ValueJson(a.value);
  }
  j["enrich"] = enrich;
  if (!pipeline_.provenance_.empty())
    j["enrichment_data"] = pipeline_.provenance_;
  if (!reasons.empty()) {
    Json s = Json::array();
    for (std::string_view reason : reasons) s.push_back(Str(reason));
    j["suppressed_by_network_blocks"] = s;
  }

  // 5–7. Lists: every hit.
  Json lists = Json::array();
  if (pipeline_.lists_ != nullptr) {
    const ListSet& set = *pipeline_.lists_;
    std::vector<RecordListHit> hits;
    set.MatchRecord(RecordAttributes(*r, &w.arena), pipeline_.options_.now_ms, &hits);
    for (const RecordListHit& h : hits) {
      const ListDef& def = set.def(h.list_index);
      lists.push_back({{"list", def.name},
                       {"kind", Str(ListKindName(def.kind))},
                       {"column", set.columns()[h.column].name},
                       {"attribute", Str(h.field)},
                       {"value", Str(h.value)},
                       {"item", Str(set.Text(h.list_index, set.item(h.list_index, h.item_index).value))}});
    }
  }
  j["lists"] = lists;
  return j;
}

namespace {

std::string Scalar(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

}  // namespace

std::string ExplainText(const Json& r) {
  std::string s;
  auto line = [&s](int indent, const std::string& text) { s += std::string(indent, ' ') + text + "\n"; };
  const Json& in = r["input"];
  line(0, "message " + Scalar(in["source"]) + ":" + Scalar(in["line"]) + ": " + Scalar(in["text"]));
  if (r.contains("parse")) {
    const Json& p = r["parse"];
    line(0, "parse");
    if (p.contains("source_profile"))
      line(2, "parser profile '" + Scalar(p["source_profile"]) + "': " + Scalar(p["detection"]));
    if (p.contains("detectors")) {
      line(2, "detection:");
      for (const Json& d : p["detectors"]) line(4, Scalar(d["name"]) + ": " + Scalar(d["result"]));
    }
    if (p.contains("profiles")) {
      line(2, "parser profiles:");
      for (const Json& e : p["profiles"]) line(4, Scalar(e["name"]) + ": " + Scalar(e["result"]));
    }
    if (p.contains("error")) line(2, "FAILED: " + Scalar(p["error"]));
    if (p.contains("parser")) {
      line(2, "parser: " + Scalar(p["parser"]));
      const Json& h = p["hints"];
      line(2, "hints: vendor '" + Scalar(h["vendor"]) + "', product '" + Scalar(h["product"]) +
                  "', log format '" + Scalar(h["log_format"]) + "', event id '" + Scalar(h["event_id"]) +
                  "', time " + Scalar(h["time_ms"]) + " (zone " + Scalar(h["zone_source"]) + ")");
      line(2, "fields (" + std::to_string(p["fields"].size()) + "):");
      for (const Json& f : p["fields"])
        line(4, Scalar(f["key"]) + " = " + Scalar(f["value"]) +
                    (f["kind"] == "string" ? "" : "  (" + Scalar(f["kind"]) + ")"));
      if (p.contains("notes"))
        for (const Json& n : p["notes"]) line(2, "note: " + Scalar(n));
    }
  }
  if (r.contains("map")) {
    const Json& m = r["map"];
    line(0, "map");
    if (m["considered"].empty()) line(2, "no mapping has this vendor and product");
    for (const Json& c : m["considered"])
      line(2, std::string(c["fired"].get<bool>() ? "[fired] " : "[-]     ") + Scalar(c["mapping"]) +
                  " (event id " + Scalar(c["event_id_pattern"]) + "): " + Scalar(c["reason"]));
    if (m.contains("error")) line(2, "FAILED: " + Scalar(m["error"]));
  }
  if (r.contains("records")) {
    for (const Json& rec : r["records"]) {
      line(0, "record " + Scalar(rec["record_type"]) + " from mapping '" + Scalar(rec["mapping"]) + "'");
      line(2, "attributes:");
      for (const Json& a : rec["attributes"]) {
        std::string t =
            Scalar(a["attribute"]) + " (" + Scalar(a["type"]) + ", " + Scalar(a["value_type"]) + ")";
        if (a.contains("value")) t += " = " + a["value"].dump();
        t += " <- " + Scalar(a["source"]);
        if (a["outcome"] != "set") t += "; " + Scalar(a["outcome"]);
        line(4, t);
      }
      if (!rec["normalize"].empty()) {
        line(2, "normalize:");
        for (const Json& n : rec["normalize"])
          line(4, Scalar(n["attribute"]) + ": " + n["before"].dump() + " -> " + n["after"].dump());
      } else {
        line(2, "normalize: no change");
      }
      if (!rec["enrich"].empty()) {
        line(2, "enrich:");
        for (const Json& e : rec["enrich"]) {
          line(4, Scalar(e["attribute"]) + " " + e["input"].dump() + ":");
          for (auto& [k, v] : e["results"].items()) line(6, k + " = " + v.dump());
        }
      } else {
        line(2, "enrich: nothing added");
      }
      if (!rec["lists"].empty()) {
        line(2, "lists:");
        for (const Json& l : rec["lists"])
          line(4, Scalar(l["list"]) + " (" + Scalar(l["kind"]) + ", column " + Scalar(l["column"]) +
                      "): " + Scalar(l["attribute"]) + " = " + Scalar(l["value"]) + " matched item " +
                      Scalar(l["item"]));
      } else {
        line(2, "lists: no hit");
      }
    }
  }
  line(0, "result: " + Scalar(r["result"]));
  for (const Json& o : r["output"]) line(2, o.dump());
  return s;
}

}  // namespace recproc
