// ParseStage: stage 1 of the pipeline. Chooses the parser for a message —
// the one configured for its source, or by auto-detection — and runs it.
// Built once from the config; immutable and shared by all workers.
#ifndef RECPROC_PARSE_PARSE_STAGE_H_
#define RECPROC_PARSE_PARSE_STAGE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/root_config.h"
#include "parse/parser.h"

namespace recproc {

class ParseStage {
 public:
  // Builds the parsers named in the config plus the built-in detectors.
  static bool Build(const RootConfig& config, ConfigErrors* errors, std::unique_ptr<ParseStage>* out);

  // Parses `text` from input `source` into *out (cleared here). On failure
  // the Status says which parser failed and why.
  Status Parse(std::string_view source, std::string_view text, ParseContext& ctx, ParsedMessage* out) const;

 private:
  struct Detector {
    std::string_view name;                  // reported in ParsedMessage::detector
    bool (*looks_like)(std::string_view);   // cheap shape test
    const Parser* parser;
  };
  std::vector<std::unique_ptr<Parser>> owned_;
  std::vector<Detector> detectors_;  // tried in order
};

}  // namespace recproc

#endif  // RECPROC_PARSE_PARSE_STAGE_H_
