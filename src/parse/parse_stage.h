// ParseStage: stage 1 of the pipeline. Chooses the parser for a message — the
// profile a source names (file glob in `sources:`, or --parser), else
// auto-detection — runs it, then lets the first parser profile whose `when`
// conditions hold set the mapping hints (vendor, product, event id, time).
// Built once from the config; immutable and shared by all workers.
#ifndef RECPROC_PARSE_PARSE_STAGE_H_
#define RECPROC_PARSE_PARSE_STAGE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/root_config.h"
#include "parse/parser.h"
#include "parse/parser_profile.h"

namespace recproc {

class ParseStage {
 public:
  // Builds the configured parser profiles (`parsers:`), the source rules
  // (`sources:`) and the built-in detectors. `forced_parser`, when not
  // empty, names the profile every input uses (--parser).
  static bool Build(const RootConfig& config, const std::string& forced_parser, ConfigErrors* errors,
                    std::unique_ptr<ParseStage>* out);
  ~ParseStage();

  // The profile configured for an input name, or null for auto-detection.
  // Cheap enough per batch, not meant per message.
  const ParserProfile* ProfileForSource(std::string_view source) const;

  // Parses `text` into *out (cleared here) with `profile` (null: detect).
  // On failure the Status says which parser failed and why.
  Status Parse(const ParserProfile* profile, std::string_view text, ParseContext& ctx, ParsedMessage* out) const;

  // Names of the detectors, in the order they are tried.
  std::vector<std::string_view> detector_names() const;
  // Number of configured parser profiles (for `recproc validate`).
  size_t profile_count() const { return profiles_.size(); }

 private:
  struct Detector {
    std::string_view name;                 // reported in ParsedMessage::detector
    bool (*looks_like)(std::string_view);  // cheap shape test
    const Parser* parser;
  };
  struct SourceRule {
    std::string glob;
    const ParserProfile* profile;
  };
  ParseStage() = default;
  const Parser* MakeFormatParser(const std::string& format, const ConfigNode& options, const Parser* body,
                                 const TimeZone& zone, bool zone_configured);
  bool AddProfile(const ConfigNode& node);

  std::vector<std::unique_ptr<Parser>> owned_;
  std::vector<Detector> detectors_;       // tried in order
  std::vector<Detector> body_detectors_;  // for a syslog MSG part
  const Parser* auto_body_ = nullptr;
  std::vector<std::unique_ptr<ParserProfile>> profiles_;
  // The body parsers a re-parsing profile's own parsers require when a
  // detector's parser is their twin (Parser::RequiredBodyOfTwin), asked once
  // when the stage is built: [detector * profiles_.size() + profile].
  struct TwinBodies {
    const Parser* parser = nullptr;      // of ParserProfile::parser
    const Parser* parser5424 = nullptr;  // of ParserProfile::parser5424
  };
  std::vector<TwinBodies> twin_bodies_;
  std::vector<SourceRule> sources_;
  const ParserProfile* forced_ = nullptr;
  friend class AutoBodyParser;
  // Explain hook: reads the detectors and profiles to report why each one
  // did or did not apply; no cost on the hot path.
  friend class Explainer;
};

}  // namespace recproc

#endif  // RECPROC_PARSE_PARSE_STAGE_H_
