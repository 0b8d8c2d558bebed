// ParseStage: profiles, sources and format auto-detection.
//
// Detection: each detector is a cheap prefix/shape test, tried in a fixed
// order — syslog headers first (their MSG part is then detected on its own:
// CEF, LEEF, JSON, key=value or free text), then bare CEF and LEEF headers,
// a JSON object, Windows event XML, a web access log line, and key=value, the
// loosest shape, last. The winner is deterministic and costs a few byte
// comparisons before the real parse.
//
// Config (root `parsers:` — a list of profiles, or of files holding lists):
//   - name: fortigate            # required, unique
//     format: kv                 # json kv cef leef csv winxml access_log regex syslog syslog3164 syslog5424
//     options: {pair_separator: " "}     # the format's options
//     body: kv                   # syslog only: the MSG format (default: detected)
//                                # json kv cef leef csv winxml access_log regex
//     body_options: {...}
//     when: {fields: [devid, logid], app_name: [sshd], values: {type: traffic}}
//     vendor: Fortinet
//     product: FortiGate
//     event_id: "{{type}}-{{subtype}}"
//     time:                      # first present and parseable wins:
//       fields: [eventtime]      #   each field alone, in order, then
//       join: [date, time]       #   these fields joined (all present)
//       separator: " "           #   join separator (default: one space)
//       formats: [epoch_auto, "yyyy-MM-dd HH:mm:ss"]  # or `format: X`; tried
//                                #   in order (default: ISO 8601)
//       zone: Europe/Berlin      # for times without a zone (default: UTC)
//       zone_field: tz           # the message's zone field wins over `zone`
// and `sources:` — [{path: "*/fortigate*.log", parser: fortigate}].
#include "parse/parse_stage.h"

#include <fnmatch.h>

#include <optional>
#include <set>

#include "parse/access_log.h"
#include "parse/cef.h"
#include "parse/csv.h"
#include "parse/json.h"
#include "parse/kv.h"
#include "parse/leef.h"
#include "parse/regex_parser.h"
#include "parse/syslog3164.h"
#include "parse/syslog5424.h"
#include "parse/winxml.h"

namespace recproc {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// `<PRI>1 ` starts every RFC 5424 message.
bool LooksLikeSyslog5424(std::string_view t) {
  if (t.size() < 5 || t[0] != '<') return false;
  size_t i = 1;
  while (i < t.size() && i < 5 && IsDigit(t[i])) ++i;
  return i > 1 && i + 2 < t.size() && t[i] == '>' && IsDigit(t[i + 1]) && t[i + 2] == ' ';
}

bool StartsWithMonth(std::string_view t) {
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (t.size() < 15 || t[3] != ' ') return false;
  for (std::string_view m : kMonths) {
    if (t.substr(0, 3) != m) continue;
    if (!(t[4] == ' ' || IsDigit(t[4])) || !IsDigit(t[5])) return false;
    // `Mmm dd hh:mm:ss`, or Cisco's `Mmm dd yyyy hh:mm:ss`.
    if (t[9] == ':' && t[12] == ':') return true;
    return t.size() >= 20 && t[6] == ' ' && IsDigit(t[7]) && IsDigit(t[10]) && t[11] == ' ' && t[14] == ':' &&
           t[17] == ':';
  }
  return false;
}

// `<PRI>` then anything but a 5424 version, or a BSD timestamp
// (`Mmm dd hh:mm:ss`), or an ISO 8601 timestamp followed by a space.
bool LooksLikeSyslog3164(std::string_view t) {
  if (!t.empty() && t[0] == '<') {
    size_t i = 1;
    while (i < t.size() && i < 5 && IsDigit(t[i])) ++i;
    return i > 1 && i < t.size() && t[i] == '>' && !LooksLikeSyslog5424(t);
  }
  if (StartsWithMonth(t)) return true;
  bool iso = t.size() > 20 && IsDigit(t[0]) && IsDigit(t[3]) && t[4] == '-' && t[7] == '-' && t[10] == 'T';
  return iso && t.find(' ', 19) != std::string_view::npos;
}

}  // namespace

// Parses a syslog MSG part with the body detectors; free text (nothing
// detected) is fine and leaves the message as syslog.message only.
class AutoBodyParser final : public Parser {
 public:
  explicit AutoBodyParser(const ParseStage* stage) : stage_(stage) {}
  Status Parse(std::string_view text, ParseContext& ctx, ParsedMessage* out) const override {
    for (const ParseStage::Detector& d : stage_->body_detectors_)
      if (d.looks_like(text)) return d.parser->Parse(text, ctx, out);
    return Status::Ok();
  }
  std::string_view name() const override { return "auto"; }

 private:
  const ParseStage* stage_;
};

ParseStage::~ParseStage() = default;

const Parser* ParseStage::MakeFormatParser(const std::string& format, const ConfigNode& options,
                                           const Parser* body, const TimeZone& zone, bool zone_configured) {
  std::unique_ptr<Parser> p;
  auto read_char = [&options](std::string_view key, char* out) {
    std::string s;
    ConfigNode n = options.Get(key);
    if (n.missing() || !n.AsString(&s)) return;
    if (s == "\\t" || s == "tab") {
      *out = '\t';
      return;
    }
    if (s.size() != 1) {
      n.Error("expected a single character");
      return;
    }
    *out = s[0];
  };
  if (format == "json") {
    options.CheckKeys({"flatten_single_lists", "drop_nulls"});
    JsonOptions o;
    options.Read("flatten_single_lists", &o.flatten_single_lists);
    options.Read("drop_nulls", &o.drop_nulls);
    p = MakeJsonParser(o);
  } else if (format == "kv") {
    options.CheckKeys({"pair_separator", "kv_separator", "quotes", "trim_whitespace", "allow_bare_keys",
                       "uppercase_keys", "strict"});
    KvOptions o;
    read_char("pair_separator", &o.pair_separator);
    read_char("kv_separator", &o.kv_separator);
    options.Read("quotes", &o.quotes);
    options.Read("trim_whitespace", &o.trim_whitespace);
    options.Read("allow_bare_keys", &o.allow_bare_keys);
    options.Read("uppercase_keys", &o.uppercase_keys);
    options.Read("strict", &o.strict);
    p = MakeKvParser(o);
  } else if (format == "cef") {
    options.CheckKeys({"strict", "collapse_custom_labels"});
    CefOptions o;
    options.Read("strict", &o.strict);
    options.Read("collapse_custom_labels", &o.collapse_custom_labels);
    p = MakeCefParser(o);
  } else if (format == "leef") {
    options.CheckKeys({"strict"});
    LeefOptions o;
    options.Read("strict", &o.strict);
    p = MakeLeefParser(o);
  } else if (format == "csv") {
    options.CheckKeys({"delimiter", "quote", "columns", "trim_whitespace", "strict"});
    CsvOptions o;
    read_char("delimiter", &o.delimiter);
    read_char("quote", &o.quote);
    options.Read("columns", &o.columns);
    options.Read("trim_whitespace", &o.trim_whitespace);
    options.Read("strict", &o.strict);
    p = MakeCsvParser(o);
  } else if (format == "winxml") {
    options.CheckKeys({"system_aliases"});
    WindowsXmlOptions o;
    options.Read("system_aliases", &o.system_aliases);
    p = MakeWindowsXmlParser(o);
  } else if (format == "access_log") {
    options.CheckKeys({"strict"});
    AccessLogOptions o;
    options.Read("strict", &o.strict);
    p = MakeAccessLogParser(o);
  } else if (format == "regex") {
    options.CheckKeys({"pattern", "repeat_match", "strip_whitespace", "require_full_match", "patterns"});
    RegexParserOptions o;
    options.Require("pattern").AsString(&o.pattern);
    options.Read("repeat_match", &o.repeat_match);
    options.Read("strip_whitespace", &o.strip_whitespace);
    options.Read("require_full_match", &o.require_full_match);
    ConfigNode pats = options.Get("patterns");
    std::vector<std::pair<std::string, std::string>> pairs;
    if (!pats.missing() && pats.AsStringPairs(&pairs))
      for (auto& [k, v] : pairs) o.patterns[k] = v;
    if (o.pattern.empty()) return nullptr;
    Status st = MakeRegexParser(o, &p);
    if (!st.ok()) {
      options.Get("pattern").Error(st.message());
      return nullptr;
    }
  } else if (format == "syslog3164" || format == "syslog5424") {
    options.CheckKeys({"strict"});
    SyslogOptions o;
    options.Read("strict", &o.strict);
    o.default_zone = zone;
    o.zone_configured = zone_configured;
    o.body_parser = body != nullptr ? body : auto_body_;
    o.body_required = body != nullptr;
    p = format == "syslog3164" ? MakeSyslog3164Parser(o) : MakeSyslog5424Parser(o);
  } else {
    return nullptr;
  }
  owned_.push_back(std::move(p));
  return owned_.back().get();
}

bool ParseStage::AddProfile(const ConfigNode& node) {
  size_t before = node.errors()->size();
  node.CheckKeys({"name", "format", "options", "body", "body_options", "when", "vendor", "product", "event_id",
                  "time"});
  auto prof = std::make_unique<ParserProfile>();
  prof->where = node.position();
  node.Require("name").AsString(&prof->name);
  for (const auto& other : profiles_)
    if (other->name == prof->name) node.Get("name").Error("parser '" + prof->name + "' is defined twice");
  node.Read("format", &prof->format);
  node.Read("vendor", &prof->vendor);
  node.Read("product", &prof->product);
  std::string event_id;
  if (node.Read("event_id", &event_id) && !event_id.empty()) {
    std::string error;
    if (!prof->event_id.Compile(event_id, &error)) node.Get("event_id").Error(error);
  }
  ConfigNode when = node.Get("when");
  if (!when.missing()) {
    when.CheckKeys({"fields", "app_name", "values"});
    when.Read("fields", &prof->when_fields);
    when.Read("app_name", &prof->when_app_names);
    std::vector<std::pair<std::string, std::string>> values;
    ConfigNode v = when.Get("values");
    if (!v.missing() && v.AsStringPairs(&values))
      for (auto& [k, val] : values) prof->when_values.push_back(k + "=" + val);
  }
  ConfigNode time = node.Get("time");
  if (!time.missing()) {
    time.CheckKeys({"fields", "join", "separator", "format", "formats", "zone", "zone_field"});
    time.Read("fields", &prof->time_fields);
    time.Read("join", &prof->time_join);
    time.Read("separator", &prof->time_separator);
    time.Read("zone_field", &prof->time_zone_field);
    if (prof->time_join.size() == 1)
      time.Get("join").Error(
          "'join' names the fields that make one time together (at least two); "
          "a single field goes in 'fields'");
    if (time.Has("separator") && prof->time_join.empty())
      time.Get("separator").Error("'separator' applies only with 'join'");
    if (prof->time_fields.empty() && prof->time_join.empty()) time.Error("a time needs 'fields' or 'join'");
    std::vector<std::string> formats;
    std::string format;
    if (time.Has("format") && time.Read("format", &format)) formats.push_back(format);
    time.Read("formats", &formats);
    if (time.Has("format") && time.Has("formats"))
      time.Get("format").Error("give either 'format' (one) or 'formats' (tried in order), not both");
    ConfigNode formats_node = time.Has("formats") ? time.Get("formats") : time.Get("format");
    for (const std::string& f : formats) {
      TimePattern p;
      Status s = TimePattern::Compile(f, &p);
      if (!s.ok())
        formats_node.Error(s.message());
      else
        prof->time_formats.push_back(std::move(p));
    }
    std::string zone;
    if (time.Read("zone", &zone) && !zone.empty()) {
      Status s = TimeZone::Lookup(zone, &prof->zone);
      if (!s.ok()) time.Get("zone").Error(s.message());
      prof->zone_configured = true;
    }
  }
  if (!prof->format.empty()) {
    const Parser* body = nullptr;
    std::string body_format;
    if (node.Read("body", &body_format) && !body_format.empty() && body_format != "auto") {
      prof->reparse = true;
      body = MakeFormatParser(body_format, node.Get("body_options"), nullptr, prof->zone, prof->zone_configured);
      static const std::set<std::string> kBodyFormats = {"json", "kv", "cef", "leef", "csv",
                                                         "winxml", "access_log", "regex"};
      if (kBodyFormats.count(body_format) == 0)
        node.Get("body").Error("unknown body format '" + body_format +
                               "'; expected one of: json kv cef leef csv winxml access_log regex");
    }
    std::string format = prof->format == "syslog" ? "syslog3164" : prof->format;
    prof->parser = MakeFormatParser(format, node.Get("options"), body, prof->zone, prof->zone_configured);
    // Options change what the parser extracts: detection must then re-parse
    // with this profile's parser (a regex profile always does).
    if (node.Has("options") || prof->format == "regex") prof->reparse = true;
    if (prof->format == "syslog") {
      // "syslog" takes both header forms, chosen by shape at parse time.
      prof->parser5424 = MakeFormatParser("syslog5424", node.Get("options"), body, prof->zone, prof->zone_configured);
    }
    if (prof->parser == nullptr)
      node.Get("format").Error("unknown format '" + prof->format +
                               "'; expected one of: json kv cef leef csv winxml access_log regex syslog syslog3164 "
                               "syslog5424");
  }
  if (node.errors()->size() != before) return false;
  profiles_.push_back(std::move(prof));
  return true;
}

bool ParseStage::Build(const RootConfig& config, const std::string& forced_parser, ConfigErrors* errors,
                       std::unique_ptr<ParseStage>* out) {
  auto stage = std::unique_ptr<ParseStage>(new ParseStage());
  ParseStage* s = stage.get();
  auto own = [s](std::unique_ptr<Parser> p) {
    s->owned_.push_back(std::move(p));
    return s->owned_.back().get();
  };
  const Parser* cef = own(MakeCefParser(CefOptions{}));
  const Parser* leef = own(MakeLeefParser(LeefOptions{}));
  const Parser* json = own(MakeJsonParser(JsonOptions{}));
  const Parser* kv = own(MakeKvParser(KvOptions{}));
  s->body_detectors_ = {{"cef", &LooksLikeCef, cef},
                        {"leef", &LooksLikeLeef, leef},
                        {"json", &LooksLikeJson, json},
                        {"kv", [](std::string_view t) { return LooksLikeKv(t); }, kv}};
  s->auto_body_ = own(std::make_unique<AutoBodyParser>(s));
  SyslogOptions syslog;
  syslog.body_parser = s->auto_body_;
  s->detectors_ = {
      {"syslog5424", &LooksLikeSyslog5424, own(MakeSyslog5424Parser(syslog))},
      {"syslog3164", &LooksLikeSyslog3164, own(MakeSyslog3164Parser(syslog))},
      {"cef", &LooksLikeCef, cef},
      {"leef", &LooksLikeLeef, leef},
      {"json", &LooksLikeJson, json},
      {"winxml", &LooksLikeWindowsXml, own(MakeWindowsXmlParser())},
      {"access_log", &LooksLikeAccessLog, own(MakeAccessLogParser())},
      {"kv", [](std::string_view t) { return LooksLikeKv(t); }, kv},
  };

  // Profiles: inline entries, or files holding a list of entries.
  size_t before = errors->size();
  for (const ConfigNode& item : config.parsers.Items()) {
    if (item.is_scalar()) {
      std::string path;
      item.AsString(&path);
      ConfigNode file = ConfigNode::Load(ResolveConfigPath(config.path, path), errors);
      for (const ConfigNode& entry : file.Items()) s->AddProfile(entry);
    } else {
      s->AddProfile(item);
    }
  }
  auto find = [s](std::string_view name) -> const ParserProfile* {
    for (const auto& p : s->profiles_)
      if (p->name == name) return p.get();
    return nullptr;
  };
  for (const ConfigNode& item : config.sources.Items()) {
    item.CheckKeys({"path", "parser"});
    SourceRule rule;
    std::string parser;
    item.Require("path").AsString(&rule.glob);
    item.Require("parser").AsString(&parser);
    rule.profile = find(parser);
    if (rule.profile == nullptr && !parser.empty()) {
      item.Get("parser").Error("no parser profile named '" + parser + "'");
      continue;
    }
    if (rule.profile != nullptr && rule.profile->parser == nullptr) {
      item.Get("parser").Error("parser profile '" + parser + "' has no format; a source needs one");
      continue;
    }
    s->sources_.push_back(rule);
  }
  if (!forced_parser.empty()) {
    s->forced_ = find(forced_parser);
    if (s->forced_ == nullptr || s->forced_->parser == nullptr)
      errors->Add(SourcePosition{"--parser"}, "no parser profile with a format named '" + forced_parser + "'");
  }
  if (errors->size() != before) return false;
  s->twin_bodies_.resize(s->detectors_.size() * s->profiles_.size());
  for (size_t d = 0; d < s->detectors_.size(); ++d) {
    for (size_t p = 0; p < s->profiles_.size(); ++p) {
      const ParserProfile& profile = *s->profiles_[p];
      if (!profile.reparse) continue;
      const Parser& detected = *s->detectors_[d].parser;
      TwinBodies& twin = s->twin_bodies_[d * s->profiles_.size() + p];
      twin.parser = profile.parser->RequiredBodyOfTwin(detected);
      if (profile.parser5424 != nullptr) twin.parser5424 = profile.parser5424->RequiredBodyOfTwin(detected);
    }
  }
  *out = std::move(stage);
  return true;
}

const ParserProfile* ParseStage::ProfileForSource(std::string_view source) const {
  if (forced_ != nullptr) return forced_;
  std::string name(source);
  for (const SourceRule& r : sources_)
    if (fnmatch(r.glob.c_str(), name.c_str(), 0) == 0) return r.profile;
  return nullptr;
}

std::vector<std::string_view> ParseStage::detector_names() const {
  std::vector<std::string_view> names;
  for (const Detector& d : detectors_) names.push_back(d.name);
  return names;
}

Status ParseStage::Parse(const ParserProfile* profile, std::string_view text, ParseContext& ctx,
                         ParsedMessage* out) const {
  out->Clear();
  if (profile != nullptr) {
    const Parser* parser = profile->parser;
    if (profile->parser5424 != nullptr && LooksLikeSyslog5424(text)) parser = profile->parser5424;
    Status s = parser->Parse(text, ctx, out);
    if (!s.ok()) return Status::InvalidArgument(profile->name + ": " + s.message());
    profile->Apply(out, ctx.arena);
  } else {
    const Detector* winner = nullptr;
    for (const Detector& d : detectors_) {
      if (d.looks_like(text)) {
        winner = &d;
        break;
      }
    }
    if (winner == nullptr) {
      std::string tried;
      for (const Detector& d : detectors_) tried += (tried.empty() ? "" : ", ") + std::string(d.name);
      return Status::InvalidArgument("no parser recognised the message (tried: " + tried + ")");
    }
    Status s = winner->parser->Parse(text, ctx, out);
    if (!s.ok()) {
      if (s.code() == Status::Code::kLimitExceeded) return s;
      return Status::InvalidArgument(std::string(winner->name) + ": " + s.message());
    }
    out->detector = winner->name;
    // The MSG part the detected syslog parser found, looked up once: a
    // profile whose body format surely rejects it is passed over without
    // parsing the header again. Find() gives the first field of a key, and
    // the header's syslog.message comes before every body field (5424's
    // structured data is named syslog.sd.*).
    std::optional<std::string_view> syslog_msg;
    std::optional<bool> looks_5424;  // asked once, by the first profile with an RFC 5424 parser
    const TwinBodies* twins =
        twin_bodies_.data() + static_cast<size_t>(winner - detectors_.data()) * profiles_.size();
    for (size_t i = 0; i < profiles_.size(); ++i) {
      const ParserProfile* p = profiles_[i].get();
      if (!p->has_conditions() || !p->Matches(*out)) continue;
      if (p->reparse) {
        // The profile parses the message its own way (a body regex, other
        // separators); if that fails the next profile gets its turn.
        if (p->parser5424 != nullptr && !looks_5424) looks_5424 = LooksLikeSyslog5424(text);
        const bool use_5424 = p->parser5424 != nullptr && *looks_5424;
        const Parser* parser = use_5424 ? p->parser5424 : p->parser;
        if (const Parser* body = use_5424 ? twins[i].parser5424 : twins[i].parser) {
          if (!syslog_msg) {
            const Field* f = out->Find("syslog.message");
            syslog_msg = f != nullptr ? f->value : std::string_view();
          }
          if (!syslog_msg->empty() && body->SurelyRejects(*syslog_msg)) continue;
        }
        if (parser->SurelyRejects(text)) continue;
        thread_local ParsedMessage candidate;
        candidate.Clear();
        if (!parser->Parse(text, ctx, &candidate).ok()) continue;
        std::swap(*out, candidate);
        out->detector = winner->name;
      }
      p->Apply(out, ctx.arena);
      break;
    }
  }
  // A format that names no source (JSON, key=value, ...) maps through the
  // generic mappings until a parser profile names vendor and product.
  if (out->vendor.empty() && out->product.empty()) {
    out->vendor = "Generic";
    out->product = out->log_format;
  }
  return Status::Ok();
}

}  // namespace recproc
