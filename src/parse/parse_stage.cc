// ParseStage: format auto-detection. Each detector is a cheap prefix/shape
// test, tried in a fixed order from the most specific signature to the least
// (a JSON object starts with '{'), so the winner is deterministic and the
// cost per message is a few byte comparisons before the real parse.
#include "parse/parse_stage.h"

#include "parse/access_log.h"
#include "parse/cef.h"
#include "parse/json.h"
#include "parse/kv.h"
#include "parse/leef.h"
#include "parse/winxml.h"

namespace recproc {

bool ParseStage::Build(const RootConfig& config, ConfigErrors* errors, std::unique_ptr<ParseStage>* out) {
  (void)config;
  (void)errors;
  auto stage = std::unique_ptr<ParseStage>(new ParseStage());
  auto add = [&stage](std::string_view name, bool (*looks_like)(std::string_view), std::unique_ptr<Parser> p) {
    stage->owned_.push_back(std::move(p));
    stage->detectors_.push_back(Detector{name, looks_like, stage->owned_.back().get()});
  };
  // Most specific signature first: a CEF or LEEF header is unmistakable, a
  // JSON object or an XML event next, key=value (the loosest shape) last.
  add("cef", &LooksLikeCef, MakeCefParser(CefOptions{}));
  add("leef", &LooksLikeLeef, MakeLeefParser(LeefOptions{}));
  add("json", &LooksLikeJson, MakeJsonParser(JsonOptions{}));
  add("winxml", &LooksLikeWindowsXml, MakeWindowsXmlParser());
  add("access_log", &LooksLikeAccessLog, MakeAccessLogParser());
  add("kv", [](std::string_view t) { return LooksLikeKv(t); }, MakeKvParser(KvOptions{}));
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
    // A format that names no source (JSON, key=value, ...) maps through the
    // generic mappings until a parser configuration names vendor and product.
    if (out->vendor.empty() && out->product.empty()) {
      out->vendor = "Generic";
      out->product = out->log_format;
    }
    return s;
  }
  std::string tried;
  for (const Detector& d : detectors_) tried += (tried.empty() ? "" : ", ") + std::string(d.name);
  return Status::InvalidArgument("no parser recognised the message (tried: " + tried + ")");
}

}  // namespace recproc
