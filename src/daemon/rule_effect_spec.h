// Parameters of the daemon rule actions that act outside the batch:
// notify.email, incident.create, incident.update and triage.add. Every text
// parameter marked "template" is a FieldTemplate over the mapped record
// (field_template.h). Loaded and checked with the daemon YAML.
//
//   action: notify.email
//   params: {url: "smtp://mail.example:587", username: "${env:SMTP_USER}", password: "${file:smtp.pass}",
//            from: "recproc <soc@example.org>", to: [a@example.org], cc: [b@example.org],
//            subject: "[{severity}] {title}", body: "{summary}", starttls: try|require|none,
//            ca_file: /etc/ssl/private-ca.pem, timeout: 30s}
//   action: incident.create
//   params: {store: incidents.db | postgres://..., title: "{title}", description: "{summary}",
//            severity: "{severity}", status: open, assignee: "", key: "{id}"}
//   action: incident.update
//   params: {store: ..., id: "{incident_id}" | match: {key: "{id}", daemon: other-daemon},
//            status: closed, assignee: "{owner}", investigator: "{analyst}", note: "{comment}"}
//   action: triage.add
//   params: {store: ..., text: "{summary}", id: ... | match: {...} (none: the triage queue)}
#ifndef RECPROC_DAEMON_RULE_EFFECT_SPEC_H_
#define RECPROC_DAEMON_RULE_EFFECT_SPEC_H_

#include <string>
#include <vector>

#include "config/config_node.h"
#include "daemon/net/smtp_client.h"

namespace recproc {

struct EmailEffectSpec {
  SmtpOptions smtp;                // url, username/password (secrets), starttls (Default: try), ca_file, timeout
  std::string from;                // REQUIRES: non-empty
  std::vector<std::string> to, cc;  // REQUIRES: at least one address in all
  std::string subject;             // template; Default: "recproc daemon <name>: <rule>"
  std::string body;                // template; Default: "" = the record as indented JSON
};

struct IncidentEffectSpec {
  std::string store;  // SQLite path (relative to the YAML) or postgres:// URL; REQUIRES: non-empty
  // incident.create. `key` (template; Default: the daemon's dedup key, else
  // the whole record) names the incident: sha256(daemon + "|" + key) is its
  // idempotency key, so the same record never creates it twice.
  std::string key, title, description, severity, status, assignee;  // templates; title REQUIRES non-empty
  // incident.update / triage.add: the incident by `id` (template giving a
  // number) or by `match_key` (template) + `match_daemon` (Default: this
  // daemon), the key of the incident.create rule that made it.
  std::string id, match_key, match_daemon;
  // incident.update: "" leaves a member alone.
  std::string set_status, set_assignee, add_investigator, note;  // templates
  std::string text;  // triage.add (template); REQUIRES: non-empty
  bool HasTarget() const { return !id.empty() || !match_key.empty(); }
};

// Read the `params` node of one rule; problems are reported on the nodes.
// Secrets (${env:..}/${file:.., relative to base_dir}) in url, username and
// password are resolved and appended to *secrets.
void LoadEmailEffect(const ConfigNode& params, const std::string& base_dir, const std::string& default_subject,
                     std::vector<std::string>* secrets, EmailEffectSpec* out);
// `action`: "incident.create" | "incident.update" | "triage.add".
void LoadIncidentEffect(const ConfigNode& params, const std::string& action, const std::string& base_dir,
                        IncidentEffectSpec* out);

}  // namespace recproc

#endif  // RECPROC_DAEMON_RULE_EFFECT_SPEC_H_
