// Explainer: what each pipeline stage did to one message, and why — the data
// behind `recproc explain`. It runs the same built stages as a run, one at a
// time, and records each decision: the detectors' shape tests, the parser and
// its fields, the parser profiles' conditions, every candidate mapping and why
// it fired or not, each attribute's source, the normalization, enrichment and
// list changes, and the record exactly as `recproc run` writes it.
//
// The report is a JSON object with a stable shape (documented in
// man/recproc.1, section EXPLAIN OUTPUT); ExplainText() renders it for people.
//
// Thread-safety: an Explainer owns per-message scratch; use one per thread.
#ifndef RECPROC_PIPELINE_EXPLAIN_H_
#define RECPROC_PIPELINE_EXPLAIN_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "pipeline/pipeline.h"

namespace recproc {

class Explainer {
 public:
  // REQUIRES: `pipeline` outlives the Explainer.
  explicit Explainer(const Pipeline& pipeline);
  ~Explainer();

  // Explains one message read from `source` (the input name that selects a
  // parser profile through `sources:`, and feeds the uid) at 1-based `line`.
  nlohmann::ordered_json Explain(std::string_view text, std::string_view source, uint64_t line);

 private:
  nlohmann::ordered_json ExplainParse(std::string_view text, const ParserProfile* source_profile,
                                      bool* parsed_ok);
  nlohmann::ordered_json ExplainMap(std::string_view* failure);
  nlohmann::ordered_json ExplainRecordStages(Record* record);

  const Pipeline& pipeline_;
  std::unique_ptr<Pipeline::Worker> scratch_;  // stage-by-stage replay
  std::unique_ptr<Pipeline::Worker> runner_;   // the real ProcessBatch
};

// The report as indented, human-readable text.
std::string ExplainText(const nlohmann::ordered_json& report);

}  // namespace recproc

#endif  // RECPROC_PIPELINE_EXPLAIN_H_
