// `recproc incident list|show|create|update`: the incident store from the
// command line, for people and for tests. Every verb takes --db (a SQLite
// file, or a postgres:// URL) and --now, so scripted histories are exact.
// Output: `list` prints one line per incident (--json: one JSON object per
// line); `show` and `create`/`update` print the incident as JSON.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include "cli/cli.h"
#include "cli/clock.h"
#include "cli/commands.h"
#include "daemon/state.h"
#include "incident/incident_store.h"

namespace recproc {
namespace {

struct IncidentFlags {
  std::string db = "incidents.db";
  std::string now;
  bool json = false;
  std::string status_filter;
  int64_t id = 0;
  std::string title, severity, status, assignee;
  bool unassign = false;
  std::vector<std::string> investigators, triage;
  std::string phase;
  bool end_phase = false;
};

int Fail(const Status& s) {
  std::fprintf(stderr, "recproc incident: %s\n", s.message().c_str());
  return s.code() == Status::Code::kNotFound || s.code() == Status::Code::kInvalidArgument ? kExitUsage
                                                                                           : kExitRuntime;
}

int Show(IncidentStore* store, int64_t id) {
  Incident i;
  if (Status s = store->Get(id, &i); !s.ok()) return Fail(s);
  std::printf("%s\n", IncidentToJson(i).dump(2).c_str());
  return kExitOk;
}

int Run(const std::string& verb, const IncidentFlags& f) {
  int64_t now_ms = 0;
  if (Status s = ResolveNow(f.now, &now_ms); !s.ok())
    return Fail(Status::InvalidArgument("--now: " + s.message()));
  std::unique_ptr<IncidentStore> store;
  if (Status s = IncidentStore::Open(f.db, &store); !s.ok()) return Fail(s);
  if (verb == "list") {
    std::vector<Incident> incidents;
    if (Status s = store->List(f.status_filter, &incidents); !s.ok()) return Fail(s);
    for (const Incident& i : incidents) {
      if (f.json) {
        std::printf("%s\n", IncidentToJson(i).dump().c_str());
      } else {
        std::printf("%-5lld %-11s %-8s %-12s %s  %s\n", static_cast<long long>(i.id), i.status.c_str(),
                    i.severity.c_str(), i.assignee.empty() ? "-" : i.assignee.c_str(),
                    FormatTimeMs(i.created_ms).c_str(), i.title.c_str());
      }
    }
    return kExitOk;
  }
  if (verb == "show") return Show(store.get(), f.id);
  if (verb == "create") {
    NewIncident n;
    n.title = f.title;
    if (!f.severity.empty()) n.severity = f.severity;
    n.assignee = f.assignee;
    n.investigators = f.investigators;
    int64_t id = 0;
    if (Status s = store->Create(n, now_ms, &id); !s.ok()) return Fail(s);
    if (!f.phase.empty() || !f.triage.empty()) {
      IncidentUpdate u;
      if (!f.phase.empty()) u.start_phase = f.phase;
      u.add_triage = f.triage;
      if (Status s = store->Update(id, u, now_ms); !s.ok()) return Fail(s);
    }
    return Show(store.get(), id);
  }
  IncidentUpdate u;
  if (!f.title.empty()) u.title = f.title;
  if (!f.severity.empty()) u.severity = f.severity;
  if (!f.status.empty()) u.status = f.status;
  if (!f.assignee.empty()) u.assignee = f.assignee;
  if (f.unassign) u.assignee = "";
  u.add_investigators = f.investigators;
  if (!f.phase.empty()) u.start_phase = f.phase;
  u.end_phase = f.end_phase;
  u.add_triage = f.triage;
  if (Status s = store->Update(f.id, u, now_ms); !s.ok()) return Fail(s);
  return Show(store.get(), f.id);
}

}  // namespace

void RegisterIncidentCommand(CLI::App* app, CommandRunner* run) {
  CLI::App* cmd =
      app->add_subcommand("incident", "List, show, create and update incidents in the incident store");
  cmd->require_subcommand(1);
  auto f = std::make_shared<IncidentFlags>();
  auto verb = std::make_shared<std::string>();
  auto common = [&](CLI::App* c) {
    c->add_option("--db", f->db, "Incident store: a SQLite file (created when missing) or a postgres:// URL")
        ->capture_default_str();
    c->add_option("--now", f->now, "The time to record (ISO 8601 or epoch); default: the wall clock");
    c->callback([verb, c] { *verb = c->get_name(); });
  };
  auto edits = [&](CLI::App* c) {
    c->add_option("--title", f->title, "Title");
    c->add_option("--severity", f->severity, "Severity (free text, e.g. low|medium|high|critical)");
    c->add_option("--assignee", f->assignee, "Who has taken the incident");
    c->add_option("--investigator", f->investigators, "Add an investigator (repeatable)");
    c->add_option("--phase", f->phase, "Start a phase (ends the running one)");
    c->add_option("--triage", f->triage, "Add a triage item (repeatable)");
  };
  CLI::App* list = cmd->add_subcommand("list", "One line per incident");
  common(list);
  list->add_option("--status", f->status_filter, "Only incidents with this status")
      ->check(CLI::IsMember({"open", "in_progress", "closed"}));
  list->add_flag("--json", f->json, "One JSON object per line");
  CLI::App* show = cmd->add_subcommand("show", "The incident as JSON");
  common(show);
  show->add_option("id", f->id, "Incident id")->required();
  CLI::App* create = cmd->add_subcommand("create", "Create an open incident and print it");
  common(create);
  edits(create);
  create->get_option("--title")->required();
  CLI::App* update = cmd->add_subcommand("update", "Change an incident and print it");
  common(update);
  update->add_option("id", f->id, "Incident id")->required();
  edits(update);
  update
      ->add_option("--status", f->status, "open | in_progress | closed (every change is kept with its time)")
      ->check(CLI::IsMember({"open", "in_progress", "closed"}));
  update->add_flag("--unassign", f->unassign, "Clear the assignee");
  update->add_flag("--end-phase", f->end_phase, "End the running phase");
  *run = [f, verb] { return Run(*verb, *f); };
}

}  // namespace recproc
