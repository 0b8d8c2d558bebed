// Pipeline: the fixed stage order of SPEC §1, composed once from the config.
//
//   read → parse → map → normalize → enrich → match lists → suppressed lists
//        → threat intel → emit
//
// Every message ends as at least one Record or exactly one FailedRecord
// (objectType "FailedRecord", with the raw message, its position, the stage
// that failed and the reason). The Pipeline is immutable once built and
// shared by all workers; each worker owns its scratch (a Worker).
#ifndef RECPROC_PIPELINE_PIPELINE_H_
#define RECPROC_PIPELINE_PIPELINE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/root_config.h"
#include "enrich/enrich_stage.h"
#include "lists/list_set.h"
#include "normalize/normalize_stage.h"
#include "map/mapper.h"
#include "parse/parse_stage.h"
#include "pipeline/batch.h"
#include "pipeline/stats.h"
#include "record/json_writer.h"
#include "record/record.h"
#include "schema/schema.h"

namespace recproc {

struct PipelineOptions {
  // The run's clock in ms since the epoch (--now, else the wall clock at
  // start): receipt time, and the reference for year inference and expiry.
  int64_t now_ms = 0;
  // Parser profile for every input (--parser); empty: per source rules and detection.
  std::string forced_parser;
};

class Pipeline {
 public:
  // Builds every stage; every config problem goes to *errors.
  static bool Build(const RootConfig& config, const PipelineOptions& options, ConfigErrors* errors,
                    std::unique_ptr<Pipeline>* out);
  size_t max_line_bytes() const { return max_line_bytes_; }
  // The built mappings (for coverage reports).
  const Mapper& mapper() const { return *mapper_; }
  ~Pipeline();

  // Per-thread scratch, reused from batch to batch.
  struct Worker {
    Arena arena;
    ParsedMessage parsed;
    std::vector<Record> records;
    MapStats map_stats;
    MapContext map_context;
    RecordJsonScratch json;
    RunStats stats;
    std::unique_ptr<EnrichStage::Scratch> enrich_scratch;
    EnrichStats enrich_stats;
    NormalizeStats normalize_stats;
    std::vector<std::string_view> suppressed_reasons;
    std::vector<RecordListHit> list_hits;
    std::string json_scratch;
    uint64_t uid_seed = 0;  // RecordUidSeed of the batch being processed
  };
  // A worker with its scratch sized for this pipeline.
  std::unique_ptr<Worker> NewWorker() const;

  // Processes one batch: JSON lines of records are written to *out, those of
  // FailedRecords to *failed_out (which may be the same writer).
  void ProcessBatch(const Batch& batch, Worker* worker, JsonWriter* out, JsonWriter* failed_out) const;
  // The same, appending to buffers a JsonWriter takes (std::string or
  // ByteBuffer; out and failed_out may be the same buffer).
  template <typename Buffer>
  void ProcessBatch(const Batch& batch, Worker* worker, Buffer* out, Buffer* failed_out) const {
    JsonWriter out_writer(out);
    std::optional<JsonWriter> failed_writer;
    if (failed_out != out) failed_writer.emplace(failed_out);
    ProcessBatch(batch, worker, &out_writer, failed_writer ? &*failed_writer : &out_writer);
  }

 private:
  // Explain hook: `recproc explain` runs the stages one at a time to report
  // what each did; the hot path carries no tracing code at all.
  friend class Explainer;
  Pipeline() = default;
  void EmitFailed(const Batch& batch, const InputMessage& msg, std::string_view stage, std::string_view reason,
                  std::string_view category, Worker* w, JsonWriter* out) const;
  // Stages 3–7 (normalize, enrich, lists) on one mapped record.
  void ApplyRecordStages(Record* record, Worker* w, StageTimer* timer) const;
  void Emit(const Batch& batch, const InputMessage& msg, uint32_t index, Record* record, Worker* w,
            JsonWriter* out) const;

  PipelineOptions options_;
  bool output_raw_ = false;
  Schema schema_;
  std::unique_ptr<ParseStage> parse_;
  std::unique_ptr<Mapper> mapper_;
  std::unique_ptr<NormalizeStage> normalize_;
  std::unique_ptr<EnrichStage> enrich_;
  std::unique_ptr<ListSet> lists_;
  ParseLimits limits_;
  size_t max_line_bytes_ = 0;
  std::string provenance_;  // metadata_enrichment; empty: none
};

}  // namespace recproc

#endif  // RECPROC_PIPELINE_PIPELINE_H_
