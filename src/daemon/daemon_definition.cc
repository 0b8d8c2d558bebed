// Loading a daemon YAML into a DaemonDefinition. The loader reads every
// section even after a problem, so one `daemon validate` shows all of them;
// the type's own parameters are checked by its DaemonSource factory. Secrets
// are resolved here and only here, and their values are remembered so that
// Scrub() can keep them out of state files, history and stderr.
#include "daemon/daemon_definition.h"

#include <cstdlib>

#include "config/config_node.h"
#include "util/sha256.h"
#include "daemon/state.h"
#include "io/atomic_file.h"
#include "util/edit_distance.h"

namespace recproc {
namespace {

using nlohmann::json;

bool ValidName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  auto ok = [](char c, bool first) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (!first && (c == '.' || c == '_' || c == '-'));
  };
  for (size_t i = 0; i < name.size(); ++i)
    if (!ok(name[i], i == 0)) return false;
  return true;
}

bool ReadDuration(const ConfigNode& parent, std::string_view key, int64_t* ms) {
  ConfigNode node = parent.Get(key);
  if (node.missing()) return true;
  std::string text;
  if (!node.AsString(&text)) return false;
  if (Status s = ParseDuration(text, ms); !s.ok()) {
    node.Error(s.message());
    return false;
  }
  return true;
}

// Params as JSON: scalars stay strings (YAML scalars are untyped; each type
// parses what it needs), secrets resolved.
json ParamsToJson(const ConfigNode& node, const std::string& base_dir, std::vector<std::string>* secrets) {
  switch (node.kind()) {
    case ConfigNode::Kind::kMap: {
      json obj = json::object();
      for (const auto& [key, child] : node.Entries()) obj[key] = ParamsToJson(child, base_dir, secrets);
      return obj;
    }
    case ConfigNode::Kind::kList: {
      json arr = json::array();
      for (const ConfigNode& item : node.Items()) arr.push_back(ParamsToJson(item, base_dir, secrets));
      return arr;
    }
    case ConfigNode::Kind::kScalar: {
      std::string text, resolved;
      node.AsString(&text);
      if (Status s = ResolveSecretRefs(text, base_dir, &resolved, secrets); !s.ok()) {
        node.Error(s.message());
        return json(nullptr);
      }
      return resolved;
    }
    default:
      return json(nullptr);
  }
}

void LoadSchedule(const ConfigNode& node, const std::string& name, bool enabled, DaemonDefinition* def) {
  ScheduleOptions options;
  options.enabled = enabled;
  if (node.missing()) {
    node.Error("missing required key 'schedule'");
    return;
  }
  if (!node.CheckKeys({"timezone", "rules", "every", "cron", "min_interval", "overlap", "catch_up", "timeout",
                       "jitter"}))
    return;
  node.Read("timezone", &options.timezone);
  auto read_rule = [&](const ConfigNode& r, ScheduleRule* rule) {
    std::string every, cron;
    r.Read("every", &every);
    r.Read("cron", &cron);
    if (every.empty() == cron.empty()) {
      r.Error("a schedule rule needs exactly one of 'every' or 'cron'");
      return false;
    }
    Status s = every.empty() ? MakeCronRule(cron, rule) : MakeEveryRule(every, rule);
    if (!s.ok()) {
      r.Get(every.empty() ? "cron" : "every").Error(s.message());
      return false;
    }
    return true;
  };
  if (node.Has("rules")) {
    if (node.Has("every") || node.Has("cron")) node.Error("use either 'rules' or a top-level 'every'/'cron', not both");
    for (const ConfigNode& r : node.Get("rules").Items()) {
      if (!r.CheckKeys({"name", "days", "hours", "every", "cron"})) continue;
      ScheduleRule rule;
      if (!read_rule(r, &rule)) continue;
      r.Read("name", &rule.name);
      std::string days, hours;
      if (r.Read("days", &days) && !days.empty()) {
        TimeWindow w;
        if (Status s = ParseDays(days, &w.days); !s.ok()) r.Get("days").Error(s.message());
        rule.window = w;
      }
      if (r.Read("hours", &hours) && !hours.empty()) {
        TimeWindow w = rule.window.value_or(TimeWindow{});
        if (Status s = ParseHours(hours, &w); !s.ok()) r.Get("hours").Error(s.message());
        rule.window = w;
      }
      options.rules.push_back(std::move(rule));
    }
  } else if (node.Has("every") || node.Has("cron")) {
    ScheduleRule rule;
    if (read_rule(node, &rule)) options.rules.push_back(std::move(rule));
  } else {
    node.Error("schedule needs 'every', 'cron' or 'rules'");
  }
  ReadDuration(node, "min_interval", &options.min_interval_ms);
  ReadDuration(node, "timeout", &options.timeout_ms);
  ReadDuration(node, "jitter", &options.jitter_ms);
  std::string text;
  if (node.Read("overlap", &text) && !text.empty()) {
    if (Status s = ParseOverlap(text, &options.overlap); !s.ok()) node.Get("overlap").Error(s.message());
  }
  text.clear();
  if (node.Read("catch_up", &text) && !text.empty()) {
    if (Status s = ParseCatchUp(text, &options.catch_up); !s.ok()) node.Get("catch_up").Error(s.message());
  }
  if (options.rules.empty()) return;
  if (Status s = Schedule::Build(name, std::move(options), &def->schedule); !s.ok()) node.Error(s.message());
}

void LoadMapping(const ConfigNode& node, DaemonDefinition* def) {
  if (node.missing()) return;
  for (const auto& [target, value] : node.Entries()) {
    MappingEntry e;
    e.target = target;
    if (value.is_map()) {
      if (!value.CheckKeys({"from", "default"})) continue;
      value.Require("from").AsString(&e.from);
      ConfigNode d = value.Get("default");
      if (!d.missing()) {
        std::string text;
        bool b = false;
        int64_t i = 0;
        d.AsString(&text);
        // Typed defaults, so `when: revoked == false` works on a defaulted field.
        if (text == "true" || text == "false") {
          d.AsBool(&b);
          e.fallback = b;
        } else if (!text.empty() && text.find_first_not_of("-0123456789") == std::string::npos && d.AsInt(&i)) {
          e.fallback = i;
        } else {
          e.fallback = text;
        }
      }
    } else if (!value.AsString(&e.from)) {
      continue;
    }
    if (e.from.empty()) {
      value.Error("mapping source path is empty");
      continue;
    }
    def->mapping.push_back(std::move(e));
  }
}

void LoadRules(const ConfigNode& node, const std::string& base_dir, DaemonDefinition* def) {
  if (node.missing()) return;
  if (!node.is_list()) {
    node.Error("expected a list of rules");
    return;
  }
  static const std::vector<std::string_view> kActions = {
      "emit", "drop", "tag", "exec", "notify.email", "incident.create", "incident.update", "triage.add"};
  for (const ConfigNode& r : node.Items()) {
    if (!r.CheckKeys({"name", "when", "action", "params"})) continue;
    DaemonRule rule;
    r.Read("name", &rule.name);
    std::string when;
    if (r.Read("when", &when) && !when.empty()) {
      if (Status s = FilterExpr::Parse(when, &rule.when); !s.ok())
        r.Get("when").Error("invalid expression: " + s.message());
    }
    std::string action = "emit";
    r.Read("action", &action);
    ConfigNode params = r.Get("params");
    if (action == "emit" || action == "drop") {
      rule.action = action == "emit" ? DaemonRule::Action::kEmit : DaemonRule::Action::kDrop;
      if (!params.missing()) params.Error("action '" + action + "' takes no params");
    } else if (action == "tag") {
      rule.action = DaemonRule::Action::kTag;
      if (params.CheckKeys({"tags"})) params.Require("tags").AsStringList(&rule.tags);
    } else if (action == "exec") {
      rule.action = DaemonRule::Action::kExec;
      if (params.CheckKeys({"argv", "env"})) {
        params.Require("argv").AsStringList(&rule.argv);
        if (rule.argv.empty()) params.Error("exec needs a non-empty 'argv' list");
        ConfigNode env = params.Get("env");
        if (!env.missing()) {
          for (const auto& [key, value] : env.Entries()) {
            std::string text, resolved;
            value.AsString(&text);
            if (Status s = ResolveSecretRefs(text, "", &resolved, &def->secrets); !s.ok()) value.Error(s.message());
            rule.env.emplace_back(key, resolved);
          }
        }
      }
    } else if (params.missing() && action.find('.') != std::string::npos && action != "incident.close" &&
               std::find(kActions.begin(), kActions.end(), action) != kActions.end()) {
      r.Get("action").Error("action '" + action + "' needs params (see `man recproc`, DAEMON RULES)");
      continue;
    } else if (action == "notify.email") {
      rule.action = DaemonRule::Action::kNotifyEmail;
      LoadEmailEffect(params, base_dir, "recproc daemon " + def->name + ": " + (rule.name.empty() ? action : rule.name),
                      &def->secrets, &rule.email);
    } else if (action == "incident.create" || action == "incident.update" || action == "triage.add") {
      rule.action = action == "incident.create"   ? DaemonRule::Action::kIncidentCreate
                    : action == "incident.update" ? DaemonRule::Action::kIncidentUpdate
                                                  : DaemonRule::Action::kTriageAdd;
      LoadIncidentEffect(params, action, base_dir, &rule.incident);
    } else {
      std::string_view best = ClosestMatch(action, kActions);
      r.Get("action").Error("unknown action '" + action + "'" +
                            (best.empty() ? "" : " (did you mean '" + std::string(best) + "'?)") +
                            "; expected emit, drop, tag, exec, notify.email, incident.create, incident.update or "
                            "triage.add");
      continue;
    }
    def->rules.push_back(std::move(rule));
  }
}

void LoadOutput(const ConfigNode& node, DaemonDefinition* def) {
  if (node.missing()) return;
  if (!node.CheckKeys({"sink", "format", "config", "message_field"})) return;
  OutputSpec& out = def->output;
  std::string sink = "stdout";
  node.Read("sink", &sink);
  if (sink.rfind("dir:", 0) == 0) {
    out.sink = OutputSpec::Sink::kDir;
    out.path = ResolveConfigPath(def->path, sink.substr(4));
  } else if (sink.rfind("file:", 0) == 0) {
    out.sink = OutputSpec::Sink::kFile;
    out.path = ResolveConfigPath(def->path, sink.substr(5));
  } else if (sink == "stdout") {
    out.sink = OutputSpec::Sink::kStdout;
  } else if (sink == "pipeline") {
    out.sink = OutputSpec::Sink::kStdout;
    out.format = OutputSpec::Format::kRecords;
  } else {
    node.Get("sink").Error("unknown sink '" + sink + "'; expected dir:PATH, file:PATH, stdout or pipeline");
  }
  if ((out.sink == OutputSpec::Sink::kDir || out.sink == OutputSpec::Sink::kFile) && out.path.empty())
    node.Get("sink").Error("the sink needs a path");
  std::string format;
  if (node.Read("format", &format) && !format.empty()) {
    if (format == "jsonl") {
      if (sink == "pipeline") node.Get("format").Error("sink 'pipeline' writes records; drop 'format: jsonl'");
      out.format = OutputSpec::Format::kJsonl;
    } else if (format == "records") {
      out.format = OutputSpec::Format::kRecords;
    } else {
      node.Get("format").Error("unknown format '" + format + "'; expected jsonl or records");
    }
  }
  if (node.Read("config", &out.config) && !out.config.empty()) out.config = ResolveConfigPath(def->path, out.config);
  node.Read("message_field", &out.message_field);
}

void LoadLimits(const ConfigNode& node, FetchLimits* limits) {
  if (node.missing() || !node.CheckKeys({"max_items", "max_pages", "max_bytes"})) return;
  for (auto [key, field] : {std::pair{"max_items", &limits->max_items}, std::pair{"max_pages", &limits->max_pages},
                            std::pair{"max_bytes", &limits->max_bytes}}) {
    if (node.Read(key, field) && *field < 0) node.Get(key).Error("must not be negative");
  }
}

}  // namespace

const char* RuleActionName(DaemonRule::Action action) {
  switch (action) {
    case DaemonRule::Action::kEmit: return "emit";
    case DaemonRule::Action::kDrop: return "drop";
    case DaemonRule::Action::kTag: return "tag";
    case DaemonRule::Action::kExec: return "exec";
    case DaemonRule::Action::kNotifyEmail: return "notify.email";
    case DaemonRule::Action::kIncidentCreate: return "incident.create";
    case DaemonRule::Action::kIncidentUpdate: return "incident.update";
    case DaemonRule::Action::kTriageAdd: return "triage.add";
  }
  return "?";
}

Status ResolveSecretRefs(const std::string& text, const std::string& base_dir, std::string* out,
                         std::vector<std::string>* secrets) {
  out->clear();
  size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 3, "$${") == 0) {
      out->append("${");
      i += 3;
      continue;
    }
    if (text.compare(i, 2, "${") != 0) {
      out->push_back(text[i++]);
      continue;
    }
    size_t end = text.find('}', i);
    if (end == std::string::npos) return Status::InvalidArgument("unterminated '${' reference (write '$${' for a literal)");
    std::string ref = text.substr(i + 2, end - i - 2);
    std::string value;
    if (ref.rfind("env:", 0) == 0) {
      const char* v = std::getenv(ref.c_str() + 4);
      if (v == nullptr) return Status::NotFound("environment variable '" + ref.substr(4) + "' is not set");
      value = v;
    } else if (ref.rfind("file:", 0) == 0) {
      std::string path = ref.substr(5);
      if (!path.empty() && path[0] != '/' && !base_dir.empty()) path = base_dir + "/" + path;
      if (Status s = ReadWholeFile(path, &value); !s.ok()) return Status::NotFound("secret file '" + path + "' cannot be read");
      while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
    } else {
      return Status::InvalidArgument("unknown reference '${" + ref + "}'; expected ${env:NAME} or ${file:PATH}");
    }
    if (value.size() >= 4) secrets->push_back(value);
    out->append(value);
    i = end + 1;
  }
  return Status::Ok();
}

json DaemonDefinition::InitialCursor(int64_t now_ms) const {
  if (cursor.initial.empty()) return json(nullptr);
  int64_t ms = 0;
  if (cursor.initial[0] == '-' && ParseDuration(cursor.initial.substr(1), &ms).ok())
    return FormatTimeMs(now_ms - ms);
  if (cursor.initial.find_first_not_of("0123456789") == std::string::npos && cursor.initial.size() < 19)
    return std::stoll(cursor.initial);
  return cursor.initial;
}

std::string DaemonDefinition::Scrub(std::string text) const {
  for (const std::string& secret : secrets) {
    for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3))
      text.replace(at, secret.size(), "***");
  }
  return text;
}

bool LoadDaemonDefinition(const std::string& path, ConfigErrors* errors, DaemonDefinition* def) {
  size_t before = errors->size();
  def->path = path;
  std::string text;
  if (ReadWholeFile(path, &text).ok()) def->config_hash = "sha256:" + Sha256Hex(text);
  ConfigNode root = ConfigNode::Load(path, errors);
  if (root.missing()) return false;
  if (!root.is_map()) {
    root.Error("a daemon definition is a map");
    return false;
  }
  root.CheckKeys({"version", "name", "description", "type", "enabled", "schedule", "params", "cursor", "dedup",
                  "mapping", "rules", "output", "limits"});
  int64_t version = 0;
  if (root.Require("version").AsInt(&version) && version != 1)
    root.Get("version").Error("unsupported version " + std::to_string(version) + "; expected 1");
  if (root.Require("name").AsString(&def->name) && !ValidName(def->name))
    root.Get("name").Error("invalid name '" + def->name + "'; expected [a-z0-9][a-z0-9._-]{0,63}");
  root.Read("description", &def->description);
  root.Read("enabled", &def->enabled);
  std::string base_dir = path.find('/') == std::string::npos ? "." : path.substr(0, path.find_last_of('/'));
  ConfigNode params = root.Get("params");
  if (!params.missing() && !params.is_map()) params.Error("params must be a map");
  if (params.is_map()) def->params = ParamsToJson(params, base_dir, &def->secrets);
  LoadSchedule(root.Get("schedule"), def->name, def->enabled, def);
  ConfigNode cursor = root.Get("cursor");
  if (!cursor.missing() && cursor.CheckKeys({"initial", "lookback", "settle", "field"})) {
    cursor.Read("initial", &def->cursor.initial);
    ReadDuration(cursor, "lookback", &def->cursor.lookback_ms);
    ReadDuration(cursor, "settle", &def->cursor.settle_ms);
    cursor.Read("field", &def->cursor.field);
  }
  ConfigNode dedup = root.Get("dedup");
  if (!dedup.missing() && dedup.CheckKeys({"key", "keep", "max_keys"})) {
    dedup.Require("key").AsString(&def->dedup.key);
    def->dedup.keep_ms = 30LL * 24 * 3600 * 1000;
    def->dedup.max_keys = 100000;
    ReadDuration(dedup, "keep", &def->dedup.keep_ms);
    dedup.Read("max_keys", &def->dedup.max_keys);
    if (def->dedup.key.find('{') == std::string::npos)
      dedup.Get("key").Error("the dedup key needs at least one {field}");
  }
  LoadMapping(root.Get("mapping"), def);
  LoadRules(root.Get("rules"), base_dir, def);
  LoadOutput(root.Get("output"), def);
  LoadLimits(root.Get("limits"), &def->limits);
  ConfigNode type = root.Require("type");
  if (type.AsString(&def->type)) {
    const DaemonSourceRegistry& registry = DaemonSourceRegistry::Global();
    if (const DaemonSourceFactory* factory = registry.Find(def->type)) {
      SourceSetup setup{def->name, def->type, params, def->params, base_dir};
      std::unique_ptr<DaemonSource> source = (*factory)(setup);
      if (source) def->source = std::move(source);
      else if (errors->size() == before) params.Error("invalid params for type '" + def->type + "'");
    } else {
      std::vector<std::string> types = registry.Types();
      std::vector<std::string_view> views(types.begin(), types.end());
      std::string_view best = ClosestMatch(def->type, views);
      std::string list;
      for (const std::string& t : types) list += (list.empty() ? "" : ", ") + t;
      type.Error("unknown daemon type '" + def->type + "'" +
                 (best.empty() ? "" : " (did you mean '" + std::string(best) + "'?)") + "; expected one of " + list);
    }
  }
  return errors->size() == before;
}

}  // namespace recproc
