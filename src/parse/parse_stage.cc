// ParseStage: format auto-detection. Each detector is a cheap prefix/shape
// test, tried in a fixed order from the most specific signature to the least
// (a JSON object starts with '{'), so the winner is deterministic and the
// cost per message is a few byte comparisons before the real parse.
#include "parse/parse_stage.h"

#include "parse/json.h"

namespace recproc {

bool ParseStage::Build(const RootConfig& config, ConfigErrors* errors, std::unique_ptr<ParseStage>* out) {
  (void)config;
  (void)errors;
  auto stage = std::unique_ptr<ParseStage>(new ParseStage());
  stage->owned_.push_back(MakeJsonParser(JsonOptions{}));
  stage->detectors_.push_back(Detector{"json", &LooksLikeJson, stage->owned_.back().get()});
  *out = std::move(stage);
  return true;
}

Status ParseStage::Parse(std::string_view source, std::string_view text, ParseContext& ctx,
                         ParsedMessage* out) const {
  (void)source;
  out->Clear();
  for (const Detector& d : detectors_) {
    if (!d.looks_like(text)) continue;
    Status s = d.parser->Parse(text, ctx, out);
    if (!s.ok()) return Status(s.code() == Status::Code::kLimitExceeded ? s : Status::InvalidArgument(
                                   std::string(d.parser->name()) + ": " + s.message()));
    out->detector = d.name;
    return s;
  }
  std::string tried;
  for (const Detector& d : detectors_) tried += (tried.empty() ? "" : ", ") + std::string(d.name);
  return Status::InvalidArgument("no parser recognised the message (tried: " + tried + ")");
}

}  // namespace recproc
