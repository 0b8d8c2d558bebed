// The side effects of daemon rules. Each action is written so that running it
// twice for one record leaves the world as running it once would: the
// journal catches a repeat in this state directory, the incident store's
// keys catch one from anywhere (another host sharing a PostgreSQL store).
#include "daemon/rule_effects.h"

#include <cstdlib>

#include "daemon/field_template.h"
#include "daemon/net/email_message.h"
#include "daemon/net/smtp_client.h"
#include "daemon/subprocess.h"
#include "util/ascii_space.h"
#include "util/sha256.h"

namespace recproc {
namespace {

using nlohmann::json;

// `s` with `prefix` before its message, same code.
Status Prefixed(const Status& s, const std::string& prefix) {
  std::string msg = prefix + s.message();
  switch (s.code()) {
    case Status::Code::kNotFound: return Status::NotFound(msg);
    case Status::Code::kInvalidArgument: return Status::InvalidArgument(msg);
    case Status::Code::kLimitExceeded: return Status::LimitExceeded(msg);
    case Status::Code::kCorruption: return Status::Corruption(msg);
    case Status::Code::kUnsupported: return Status::Unsupported(msg);
    default: return Status::IoError(msg);
  }
}

}  // namespace

std::string IdempotencyKey(std::string_view daemon, const std::string& key, const json& record) {
  return Sha256Hex(std::string(daemon) + "|" +
                   (key.empty() ? record.dump(-1, ' ', false, json::error_handler_t::replace) : key));
}

RuleEffects::RuleEffects(const DaemonDefinition& def, int64_t now_ms, EffectJournal* journal)
    : def_(def), now_ms_(now_ms), journal_(journal) {}

Status RuleEffects::Run(size_t rule_index, const DaemonRule& rule, const json& record, const std::string& dedup_key,
                        int64_t timeout_ms) {
  std::string idem = IdempotencyKey(def_.name, dedup_key, record);
  // Per rule, so two rules acting on one record are two effects.
  std::string action_key = Sha256Hex(idem + "|" + std::to_string(rule_index) + "|" + rule.name);
  if (journal_ != nullptr && journal_->Done(action_key)) {
    ++skipped_;
    return Status::Ok();
  }
  Status s;
  bool applied = true;
  switch (rule.action) {
    case DaemonRule::Action::kExec: s = Exec(rule, record, idem, timeout_ms); break;
    case DaemonRule::Action::kNotifyEmail: s = Email(rule, record, idem); break;
    case DaemonRule::Action::kIncidentCreate:
    case DaemonRule::Action::kIncidentUpdate:
    case DaemonRule::Action::kTriageAdd: s = Incident(rule, record, dedup_key, action_key, &applied); break;
    default: return Status::InvalidArgument("rule '" + rule.name + "' has no side effect");
  }
  if (!s.ok()) {
    // A timeout keeps its leading "timeout" so the cycle records it as one.
    if (s.code() == Status::Code::kLimitExceeded) return s;
    return Prefixed(s, "rule '" + rule.name + "': ");
  }
  ++(applied ? done_ : skipped_);
  return journal_ != nullptr ? journal_->Record(action_key) : Status::Ok();
}

Status RuleEffects::Exec(const DaemonRule& rule, const json& record, const std::string& idem, int64_t timeout_ms) {
  std::vector<std::pair<std::string, std::string>> env = rule.env;
  std::string text = record.dump(-1, ' ', false, json::error_handler_t::replace);
  // The same record gives the same key on every retry, so a receiver can
  // collapse repeats of an at-least-once delivery.
  env.emplace_back("RECPROC_IDEMPOTENCY_KEY", idem);
  env.emplace_back("RECPROC_DAEMON", def_.name);
  env.emplace_back("RECPROC_RULE", rule.name);
  env.emplace_back("RECPROC_RECORD", text);
  SubprocessResult r;
  if (Status s = RunSubprocess(rule.argv, env, text + "\n", timeout_ms, &r); !s.ok()) return s;
  if (r.exit_code != 0) {
    std::string first = r.err.substr(0, r.err.find('\n'));
    return Status::IoError("'" + rule.argv[0] + "' exited with status " + std::to_string(r.exit_code) +
                           (first.empty() ? "" : ": " + first.substr(0, 300)));
  }
  return Status::Ok();
}

Status RuleEffects::Email(const DaemonRule& rule, const json& record, const std::string& idem) {
  const EmailEffectSpec& spec = rule.email;
  EmailMessage m;
  m.from = spec.from;
  m.to = spec.to;
  m.cc = spec.cc;
  m.subject = ExpandFieldTemplate(spec.subject, record);
  m.body = spec.body.empty() ? record.dump(2, ' ', false, json::error_handler_t::replace) + "\n"
                             : ExpandFieldTemplate(spec.body, record);
  m.message_id = idem + "@recproc";
  m.date_ms = now_ms_;
  std::vector<std::string> rcpt;
  for (const std::string& a : spec.to) rcpt.push_back(MailboxAddress(a));
  for (const std::string& a : spec.cc) rcpt.push_back(MailboxAddress(a));
  return SendMail(spec.smtp, MailboxAddress(spec.from), rcpt, RenderEmail(m));
}

Status RuleEffects::Store(const std::string& location, IncidentStore** out) {
  std::unique_ptr<IncidentStore>& slot = stores_[location];
  if (!slot) {
    if (Status s = IncidentStore::Open(location, &slot); !s.ok()) {
      stores_.erase(location);
      return s;
    }
  }
  *out = slot.get();
  return Status::Ok();
}

Status RuleEffects::FindTarget(const IncidentEffectSpec& spec, const json& record, IncidentStore* store,
                               std::optional<int64_t>* id) {
  id->reset();
  if (!spec.id.empty()) {
    std::string text(TrimAsciiSpace(ExpandFieldTemplate(spec.id, record)));
    char* end = nullptr;
    long long v = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || v <= 0)
      return Status::InvalidArgument("id '" + text + "' is not an incident number");
    *id = v;
    return Status::Ok();
  }
  if (spec.match_key.empty()) return Status::Ok();
  std::string daemon = spec.match_daemon.empty() ? def_.name : spec.match_daemon;
  std::string key = ExpandFieldTemplate(spec.match_key, record);
  int64_t found = 0;
  if (Status s = store->FindByIdempotencyKey(IdempotencyKey(daemon, key, record), &found); !s.ok()) {
    if (s.code() == Status::Code::kNotFound)
      return Status::NotFound("no incident was created by daemon '" + daemon + "' with key '" + key + "'");
    return s;
  }
  *id = found;
  return Status::Ok();
}

Status RuleEffects::Incident(const DaemonRule& rule, const json& record, const std::string& dedup_key,
                             const std::string& action_key, bool* applied) {
  const IncidentEffectSpec& spec = rule.incident;
  IncidentStore* store = nullptr;
  if (Status s = Store(spec.store, &store); !s.ok()) return s;
  if (rule.action == DaemonRule::Action::kIncidentCreate) {
    NewIncident n;
    n.title = ExpandFieldTemplate(spec.title, record);
    if (n.title.empty()) return Status::InvalidArgument("the title template '" + spec.title + "' gave an empty title");
    n.description = ExpandFieldTemplate(spec.description, record);
    n.severity = ExpandFieldTemplate(spec.severity, record);
    if (n.severity.empty()) n.severity = "medium";
    n.status = ExpandFieldTemplate(spec.status, record);
    if (n.status.empty()) n.status = "open";
    n.assignee = ExpandFieldTemplate(spec.assignee, record);
    std::string key = spec.key.empty() ? dedup_key : ExpandFieldTemplate(spec.key, record);
    n.idempotency_key = IdempotencyKey(def_.name, key, record);
    int64_t id = 0;
    return store->Create(n, now_ms_, &id, applied);
  }
  std::optional<int64_t> id;
  if (Status s = FindTarget(spec, record, store, &id); !s.ok()) return s;
  if (rule.action == DaemonRule::Action::kTriageAdd) {
    std::string text = ExpandFieldTemplate(spec.text, record);
    if (!id) return store->QueueTriage(text, now_ms_, action_key, applied);
    IncidentUpdate u;
    u.add_triage.push_back(text);
    return store->Update(*id, u, now_ms_, action_key, applied);
  }
  IncidentUpdate u;
  if (!spec.set_status.empty()) u.status = TrimAsciiSpace(ExpandFieldTemplate(spec.set_status, record));
  if (!spec.set_assignee.empty()) u.assignee = ExpandFieldTemplate(spec.set_assignee, record);
  if (std::string who = ExpandFieldTemplate(spec.add_investigator, record); !who.empty())
    u.add_investigators.push_back(who);
  if (std::string note = ExpandFieldTemplate(spec.note, record); !note.empty()) u.add_notes.push_back(note);
  return store->Update(*id, u, now_ms_, action_key, applied);
}

}  // namespace recproc
