// Pipeline: one message's journey through the stages, in SPEC §1 order. The
// function ProcessBatch is the whole pipeline in one screen; each stage is a
// call into its own folder.
#include "pipeline/pipeline.h"


#include "lists/list_match_json.h"
#include "lists/record_attributes.h"
#include "map/mapping_loader.h"
#include "parse/zone_source.h"
#include "record/json_writer.h"
#include "record/uid.h"

namespace recproc {

Pipeline::~Pipeline() = default;

bool Pipeline::Build(const RootConfig& config, const PipelineOptions& options, ConfigErrors* errors,
                     std::unique_ptr<Pipeline>* out) {
  auto p = std::unique_ptr<Pipeline>(new Pipeline());
  p->options_ = options;
  p->output_raw_ = config.output_raw;
  p->limits_ = config.parse_limits;
  p->max_line_bytes_ = config.max_line_bytes;
  size_t before = errors->size();
  ConfigNode schema_node = ConfigNode::Load(config.schema_path, errors);
  if (!schema_node.missing()) Schema::Load(schema_node, &p->schema_);
  ParseStage::Build(config, options.forced_parser, errors, &p->parse_);
  std::vector<Mapping> mappings;
  if (errors->size() == before) LoadMappings(config.mapping_paths, p->schema_, errors, &mappings);
  if (errors->size() == before) NormalizeStage::Build(config.normalization, config.path, errors, &p->normalize_);
  if (errors->size() == before)
    EnrichStage::Build(config.enrichment, config.path, p->schema_, errors, &p->enrich_);
  if (!config.lists.missing()) ListSet::Load(config.lists, config.path, errors, &p->lists_);
  if (errors->size() != before) return false;
  p->mapper_ = std::make_unique<Mapper>(std::move(mappings), &p->schema_);
  p->provenance_ = p->enrich_->provenance();
  *out = std::move(p);
  return true;
}

void Pipeline::ProcessBatch(const Batch& batch, Worker* w, JsonWriter* out, JsonWriter* failed_out) const {
  w->arena.Reset();
  w->uid_seed = RecordUidSeed(batch.source);
  ParseContext pctx{&w->arena, &limits_, options_.now_ms};
  MapContext& mctx = w->map_context;
  mctx.arena = &w->arena;
  mctx.stats = &w->map_stats;
  const ParserProfile* profile = parse_->ProfileForSource(batch.source);
  // Messages of a batch mostly share their parser: its counter is looked up
  // again only when the name changes.
  std::string_view counted_parser;
  uint64_t* parser_count = nullptr;
  for (const InputMessage& msg : batch.messages) {
    ++w->stats.lines;
    // Read: a line over the limit cannot be parsed whole.
    if (msg.too_long) {
      ++w->stats.messages;
      w->parsed.Clear();
      std::string reason = "line too long: " + std::to_string(msg.full_length) + " bytes (limit " +
                           std::to_string(max_line_bytes_) + ")";
      EmitFailed(batch, msg, "read", reason, "line too long", w, failed_out);
      continue;
    }
    if (msg.text.find_first_not_of(" \t\r") == std::string_view::npos) {
      ++w->stats.blank_lines;
      continue;
    }
    ++w->stats.messages;
    StageTimer timer(&w->stats, w->stats.messages);

    // 1. Parse.
    Status s = parse_->Parse(profile, msg.text, pctx, &w->parsed);
    timer.Lap(RunStats::kParse);
    if (!s.ok()) {
      EmitFailed(batch, msg, "parse", s.message(), "parse error", w, failed_out);
      continue;
    }
    if (parser_count == nullptr || w->parsed.parser != counted_parser) {
      counted_parser = w->parsed.parser;
      parser_count = &w->stats.parsers[std::string(counted_parser)];
    }
    ++*parser_count;

    // 2. Map: every matching mapping gives a record. The previous message's
    // records are written, so the `fields` lists they used can be reused.
    mctx.ResetBatch();
    std::string_view reason;
    size_t n = mapper_->Map(w->parsed, mctx, &w->records, &reason);
    timer.Lap(RunStats::kMap);
    if (n == 0) {
      EmitFailed(batch, msg, "map", reason, "no mapping", w, failed_out);
      continue;
    }
    ++w->stats.mapped_messages;
    std::string_view zone_source = ZoneSourceName(w->parsed.zone_source);
    for (size_t i = 0; i < n; ++i) {
      if (!zone_source.empty()) w->records[i].Set("metadata_timeZoneSource", Value::String(zone_source));
      // 3–7. Normalize, enrich, match lists.
      ApplyRecordStages(&w->records[i], w, &timer);
      // 8. Emit.
      Emit(batch, msg, static_cast<uint32_t>(i), &w->records[i], w, out);
      timer.Lap(RunStats::kEmit);
    }
  }
  // Enrichment counters are cumulative per worker: copy, not add.
  w->stats.ip_lookups = w->enrich_stats.ip_lookups;
  w->stats.invalid_ips = w->enrich_stats.invalid_ips;
  w->stats.url_lookups = w->enrich_stats.url_lookups;
  w->stats.invalid_urls = w->enrich_stats.invalid_urls;
  w->stats.enrich_cache_hits = w->enrich_stats.cache_hits;
  w->stats.enrich_cache_misses = w->enrich_stats.cache_misses;
  w->stats.coercion_failures = w->map_stats.dropped_values;
}

namespace {

// Appends JSON to the arena and returns it as a raw JSON value.
Value ArenaJson(const std::string& json, Arena* arena) { return Value::RawJson(arena->Copy(json)); }

}  // namespace

std::unique_ptr<Pipeline::Worker> Pipeline::NewWorker() const {
  auto w = std::make_unique<Worker>();
  w->enrich_scratch = enrich_->NewScratch();
  w->map_stats = mapper_->NewStats();
  return w;
}

void Pipeline::ApplyRecordStages(Record* r, Worker* w, StageTimer* timer) const {
  w->suppressed_reasons.clear();
  // 3. Normalize user and host names, then the entity lookup tables.
  normalize_->Apply(r, &w->arena, &w->normalize_stats);
  timer->Lap(RunStats::kNormalize);
  // 4. Enrich.
  enrich_->Apply(r, w->enrich_scratch.get(), &w->arena, &w->enrich_stats, &w->suppressed_reasons);
  if (!provenance_.empty()) r->Append("metadata_enrichment", Value::String(provenance_));
  timer->Lap(RunStats::kEnrich);
  // 5–7. Match, suppressed and threat lists, in one pass over the lists.
  std::string& json = w->json_scratch;
  bool list_suppressed = false;
  if (lists_ != nullptr) {
    w->list_hits.clear();
    lists_->MatchRecord(RecordAttributes(*r, &w->arena), options_.now_ms, &w->list_hits);
    if (!w->list_hits.empty()) {
      json.clear();
      if (WriteListMatchesJson(*lists_, w->list_hits, &json)) r->Set("listMatches", ArenaJson(json, &w->arena));
      json.clear();
      if (WriteMatchedItemsJson(*lists_, w->list_hits, &json)) r->Set("matchedItems", ArenaJson(json, &w->arena));
      json.clear();
      if (WriteMatchingIndicatorsJson(*lists_, w->list_hits, &json))
        r->Set("_matchingIndicators", ArenaJson(json, &w->arena));
      list_suppressed = IsSuppressed(*lists_, w->list_hits);
    }
  }
  timer->Lap(RunStats::kLists);
  if (list_suppressed || !w->suppressed_reasons.empty()) {
    // Network-block reasons first, then the lists'.
    json.clear();
    json.push_back('[');
    for (std::string_view reason : w->suppressed_reasons) {
      if (json.size() > 1) json.push_back(',');
      JsonWriter::AppendQuoted(&json, reason);
    }
    std::string lists_json;
    if (list_suppressed && WriteSuppressedReasonsJson(*lists_, w->list_hits, &lists_json) && lists_json.size() > 2) {
      if (json.size() > 1) json.push_back(',');
      json.append(lists_json, 1, lists_json.size() - 2);
    }
    json.push_back(']');
    r->Set("suppressed", Value::Bool(true));
    r->Set("suppressedReasons", ArenaJson(json, &w->arena));
  }
}

void Pipeline::Emit(const Batch& batch, const InputMessage& msg, uint32_t index, Record* r, Worker* w,
                    JsonWriter* out) const {
  char* uid = w->arena.Allocate(36);
  MakeRecordUid(w->uid_seed, msg.offset, index, uid);
  r->set_uid(std::string_view(uid, 36));
  if (r->timestamp_ms() == 0) r->set_timestamp_ms(options_.now_ms);
  r->Set("metadata_sourceFile", Value::String(batch.source));
  r->Set("metadata_sourceLine", Value::Int(static_cast<int64_t>(msg.line)));
  r->Set("metadata_sourceOffset", Value::Int(static_cast<int64_t>(msg.offset)));
  r->Set("metadata_receiptTime", Value::Int(options_.now_ms));
  r->Set("metadata_parseTime", Value::Int(options_.now_ms));
  if (!w->parsed.detector.empty()) r->Set("metadata_detector", Value::String(w->parsed.detector));
  if (output_raw_) r->Set("raw", Value::String(msg.text));
  uint64_t invalid_before = out->invalid_utf8();
  WriteRecordJson(*r, out, &w->json);
  out->Newline();
  w->stats.invalid_utf8 += out->invalid_utf8() - invalid_before;
  ++w->stats.records;
}

void Pipeline::EmitFailed(const Batch& batch, const InputMessage& msg, std::string_view stage,
                          std::string_view reason, std::string_view category, Worker* w,
                          JsonWriter* out) const {
  Record r;
  r.set_object_type("FailedRecord");
  r.Set("failureStage", Value::String(stage));
  r.Set("failureReason", Value::String(reason));
  r.Set("raw", Value::String(msg.text));
  if (msg.too_long) r.Set("rawTruncated", Value::Bool(true));
  if (stage == "map") {
    // What the mapping lookup was given, so a user can write the mapping.
    if (!w->parsed.vendor.empty()) r.Set("metadata_vendor", Value::String(w->parsed.vendor));
    if (!w->parsed.product.empty()) r.Set("metadata_product", Value::String(w->parsed.product));
    if (!w->parsed.event_id.empty()) r.Set("metadata_deviceEventId", Value::String(w->parsed.event_id));
    if (!w->parsed.log_format.empty()) r.Set("metadata_logFormat", Value::String(w->parsed.log_format));
    r.Set("metadata_parser", Value::String(w->parsed.parser));
    r.set_fields(&w->parsed.fields, w->parsed.KeysUnique());
    if (w->parsed.time_ms != kNoTime) r.set_timestamp_ms(w->parsed.time_ms);
  }
  w->stats.failed_records++;
  w->stats.failed_by_reason[std::string(category)]++;
  // Emit() counts records; a FailedRecord is counted above instead.
  Emit(batch, msg, 0, &r, w, out);
  --w->stats.records;
}

}  // namespace recproc
