// Loading the parameters of the side-effect rule actions. Checks that need
// no network or database run here so `daemon validate` catches them: URL
// schemes, required addresses, a known status, exactly one way to find the
// incident for an update.
#include "daemon/rule_effect_spec.h"

#include "daemon/daemon_definition.h"
#include "daemon/schedule.h"
#include "incident/incident.h"

namespace recproc {
namespace {

std::string Local(const std::string& base_dir, const std::string& path) {
  bool url = path.find("://") != std::string::npos;
  return path.empty() || url || path[0] == '/' || base_dir.empty() ? path : base_dir + "/" + path;
}

void ReadSecret(const ConfigNode& params, const char* key, const std::string& base_dir,
                std::vector<std::string>* secrets, std::string* out) {
  std::string text;
  if (!params.Read(key, &text) || text.empty()) return;
  if (Status s = ResolveSecretRefs(text, base_dir, out, secrets); !s.ok()) params.Get(key).Error(s.message());
}

// A status given literally must be a known one; a template is checked when it runs.
void CheckStatus(const ConfigNode& params, const char* key, const std::string& value) {
  if (!value.empty() && value.find('{') == std::string::npos && !IsIncidentStatus(value))
    params.Get(key).Error("unknown status '" + value + "'; expected open, in_progress or closed");
}

}  // namespace

void LoadEmailEffect(const ConfigNode& params, const std::string& base_dir, const std::string& default_subject,
                     std::vector<std::string>* secrets, EmailEffectSpec* out) {
  if (params.missing()) {
    params.Error("notify.email needs params (url, from, to)");
    return;
  }
  if (!params.CheckKeys({"url", "username", "password", "from", "to", "cc", "subject", "body", "starttls",
                         "ca_file", "timeout"}))
    return;
  ReadSecret(params, "url", base_dir, secrets, &out->smtp.url);
  if (!params.Has("url")) {
    params.Error("notify.email needs params.url (smtp://host:port or smtps://host:port)");
  } else if (out->smtp.url.rfind("smtp://", 0) != 0 && out->smtp.url.rfind("smtps://", 0) != 0) {
    params.Get("url").Error("expected an smtp:// or smtps:// URL");
  }
  ReadSecret(params, "username", base_dir, secrets, &out->smtp.username);
  ReadSecret(params, "password", base_dir, secrets, &out->smtp.password);
  params.Require("from").AsString(&out->from);
  params.Read("to", &out->to);
  params.Read("cc", &out->cc);
  if (out->to.empty() && out->cc.empty()) params.Error("notify.email needs at least one address in 'to' or 'cc'");
  out->subject = default_subject;
  params.Read("subject", &out->subject);
  params.Read("body", &out->body);
  std::string text;
  if (params.Read("starttls", &text) && !text.empty()) {
    if (Status s = ParseStartTls(text, &out->smtp.starttls); !s.ok()) params.Get("starttls").Error(s.message());
  }
  if (params.Read("ca_file", &out->smtp.ca_file)) out->smtp.ca_file = Local(base_dir, out->smtp.ca_file);
  text.clear();
  if (params.Read("timeout", &text) && !text.empty()) {
    if (Status s = ParseDuration(text, &out->smtp.timeout_ms); !s.ok() || out->smtp.timeout_ms <= 0)
      params.Get("timeout").Error("timeout must be a positive duration such as 30s");
  }
}

void LoadIncidentEffect(const ConfigNode& params, const std::string& action, const std::string& base_dir,
                        IncidentEffectSpec* out) {
  if (params.missing()) {
    params.Error(action + " needs params (at least 'store')");
    return;
  }
  std::vector<std::string_view> keys = {"store"};
  if (action == "incident.create") {
    keys.insert(keys.end(), {"key", "title", "description", "severity", "status", "assignee"});
  } else if (action == "incident.update") {
    keys.insert(keys.end(), {"id", "match", "status", "assignee", "investigator", "note"});
  } else {
    keys.insert(keys.end(), {"id", "match", "text"});
  }
  if (!params.CheckKeys(keys)) return;
  if (params.Require("store").AsString(&out->store)) out->store = Local(base_dir, out->store);
  if (action == "incident.create") {
    params.Read("key", &out->key);
    params.Require("title").AsString(&out->title);
    params.Read("description", &out->description);
    out->severity = "medium";
    out->status = "open";
    params.Read("severity", &out->severity);
    params.Read("status", &out->status);
    params.Read("assignee", &out->assignee);
    CheckStatus(params, "status", out->status);
    return;
  }
  params.Read("id", &out->id);
  ConfigNode match = params.Get("match");
  if (!match.missing() && match.CheckKeys({"key", "daemon"})) {
    match.Require("key").AsString(&out->match_key);
    match.Read("daemon", &out->match_daemon);
  }
  if (!out->id.empty() && !out->match_key.empty()) params.Error("give either 'id' or 'match', not both");
  if (action == "incident.update") {
    if (!out->HasTarget()) params.Error("incident.update needs 'id' or 'match: {key: ...}'");
    params.Read("status", &out->set_status);
    params.Read("assignee", &out->set_assignee);
    params.Read("investigator", &out->add_investigator);
    params.Read("note", &out->note);
    CheckStatus(params, "status", out->set_status);
    if (out->set_status.empty() && out->set_assignee.empty() && out->add_investigator.empty() && out->note.empty())
      params.Error("incident.update needs at least one of status, assignee, investigator or note");
  } else {
    params.Require("text").AsString(&out->text);
  }
}

}  // namespace recproc
