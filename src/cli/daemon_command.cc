// `recproc daemon run|list|status|reset|enable|disable|reschedule|validate`
// (reference/daemons.md §6). Every verb takes --now and --state-dir, so a
// test (or an operator replaying an incident) controls the clock and the
// state location. `run` is silent on success with --quiet, as cron wants.
#include <CLI/CLI.hpp>
#include <dirent.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>

#include "cli/cli.h"
#include "cli/clock.h"
#include "cli/commands.h"
#include "daemon/cycle.h"
#include "daemon/daemon_definition.h"
#include "daemon/state.h"
#include "io/file_lock.h"

namespace recproc {
namespace {

using nlohmann::json;

struct DaemonFlags {
  std::vector<std::string> files;
  std::string now;
  std::string state_dir;
  bool force = false, dry_run = false, quiet = false, json = false, keep_dedup = false, clear = false;
  std::string to, every, cron;
};

std::string DefaultStateDir() {
  if (const char* d = std::getenv("RECPROC_STATE_DIR"); d != nullptr && *d != '\0') return d;
  const char* home = std::getenv("HOME");
  return std::string(home != nullptr ? home : ".") + "/.local/state/recproc";
}

struct Loaded {
  DaemonDefinition def;
  int64_t now_ms = 0;
  std::string state_dir;
};

// Loads the definition and the clock; prints problems and returns false.
bool Load(const DaemonFlags& flags, const std::string& file, Loaded* out) {
  if (Status s = ResolveNow(flags.now, &out->now_ms); !s.ok()) {
    std::fprintf(stderr, "recproc: %s\n", s.message().c_str());
    return false;
  }
  out->state_dir = flags.state_dir.empty() ? DefaultStateDir() : flags.state_dir;
  ConfigErrors errors;
  if (!LoadDaemonDefinition(file, &errors, &out->def)) {
    std::fputs(errors.ToString().c_str(), stderr);
    std::fprintf(stderr, "recproc: %zu configuration error%s\n", errors.size(), errors.size() == 1 ? "" : "s");
    return false;
  }
  return true;
}

std::string DescribeRule(const ScheduleRule& r) {
  std::string s = r.cron ? "cron \"" + r.cron->text() + "\"" : "every " + FormatDuration(r.every_ms);
  if (!r.name.empty()) s = r.name + ": " + s;
  if (r.window) s += " (windowed)";
  return s;
}

std::string DescribeSchedule(const Schedule& schedule, const StateOverrides& ov) {
  if (ov.every) return "every " + *ov.every + " (override)";
  if (ov.cron) return "cron \"" + *ov.cron + "\" (override)";
  std::string s;
  for (const ScheduleRule& r : schedule.options().rules) s += (s.empty() ? "" : "; ") + DescribeRule(r);
  return s;
}

std::string TimeOrDash(int64_t ms) { return ms == Schedule::kNever ? "-" : FormatTimeMs(ms); }

// The state for read-only verbs (no lock: a reader sees a whole file thanks
// to the atomic rename).
bool ReadState(const Loaded& l, DaemonState* state) {
  if (Status s = LoadState(StatePath(l.state_dir, l.def.name), l.def.name, state); !s.ok()) {
    std::fprintf(stderr, "recproc: %s\n", s.message().c_str());
    return false;
  }
  return true;
}

json StatusJson(const Loaded& l, const DaemonState& state) {
  ScheduleOverride ov;
  state.overrides.ToScheduleOverride(&ov);
  HealthReport health = ComputeHealth(state, l.def.schedule, l.now_ms);
  json j = {{"daemon", l.def.name},
            {"type", l.def.type},
            {"enabled", l.def.schedule.Enabled(ov)},
            {"enabled_from", state.overrides.enabled ? "override" : "yaml"},
            {"schedule", DescribeSchedule(l.def.schedule, state.overrides)},
            {"next_due", nullptr},
            {"health", HealthName(health.health)},
            {"health_reason", health.reason},
            {"cursor", state.cursor},
            {"pending", state.pending.has_value()},
            {"runs_total", state.stats.runs_total},
            {"runs_ok", state.stats.runs_ok},
            {"runs_failed", state.stats.runs_failed},
            {"consecutive_failures", state.stats.consecutive_failures},
            {"items_in_total", state.stats.items_in_total},
            {"items_out_total", state.stats.items_out_total},
            {"last_error", state.stats.last_error.empty() ? json(nullptr) : json(state.stats.last_error)},
            {"last_run", nullptr}};
  int64_t next = l.def.schedule.NextDue(l.now_ms - 1, state.marks, ov);
  if (next != Schedule::kNever) j["next_due"] = FormatTimeMs(next);
  int64_t cursor_ms = 0;
  if (state.cursor.is_string() && ParseTimeMs(state.cursor.get<std::string>(), &cursor_ms))
    j["cursor_lag"] = FormatDuration(std::max<int64_t>(0, l.now_ms - cursor_ms));
  if (!state.history.empty()) {
    const RunRecord& r = state.history.back();
    j["last_run"] = {{"run_id", r.run_id}, {"trigger", r.trigger},   {"outcome", r.outcome},
                     {"started_at", FormatTimeMs(r.started_ms)},     {"items_in", r.items_in},
                     {"dup", r.dup},       {"filtered", r.filtered}, {"out", r.out},
                     {"error", r.error.empty() ? json(nullptr) : json(r.error)}};
  }
  return j;
}

int RunVerb(const DaemonFlags& flags) {
  int worst = kExitOk;
  auto note = [&](int code) {
    auto rank = [](int c) { return c == kExitUsage ? 3 : c == kExitRuntime ? 2 : c == kExitBusy ? 1 : 0; };
    if (rank(code) > rank(worst)) worst = code;
  };
  for (const std::string& file : flags.files) {
    Loaded l;
    if (!Load(flags, file, &l)) {
      note(kExitUsage);
      continue;
    }
    CycleOptions options;
    options.now_ms = l.now_ms;
    options.force = flags.force;
    options.dry_run = flags.dry_run;
    options.state_dir = l.state_dir;
    CycleResult r = RunCycle(l.def, options);
    bool failed = r.outcome == CycleResult::Outcome::kError || r.outcome == CycleResult::Outcome::kTimeout;
    bool busy = r.outcome == CycleResult::Outcome::kBusy;
    if (!flags.quiet || failed || busy) {
      for (const std::string& w : r.warnings) std::fprintf(stderr, "recproc daemon: %s: warning: %s\n", l.def.name.c_str(), w.c_str());
      std::fprintf(stderr, "recproc daemon: %s: %s: %s\n", l.def.name.c_str(), CycleOutcomeName(r.outcome),
                   r.message.c_str());
    }
    note(failed ? kExitRuntime : busy ? kExitBusy : kExitOk);
  }
  return worst;
}

int StatusVerb(const DaemonFlags& flags) {
  Loaded l;
  if (!Load(flags, flags.files[0], &l)) return kExitUsage;
  DaemonState state;
  if (!ReadState(l, &state)) return kExitRuntime;
  json j = StatusJson(l, state);
  if (flags.json) {
    std::printf("%s\n", j.dump().c_str());
  } else {
    std::printf("daemon:    %s (%s)\n", l.def.name.c_str(), l.def.type.c_str());
    std::printf("enabled:   %s (%s)\n", j["enabled"].get<bool>() ? "yes" : "no", j["enabled_from"].get<std::string>().c_str());
    std::printf("schedule:  %s\n", j["schedule"].get<std::string>().c_str());
    std::printf("next due:  %s\n", j["next_due"].is_null() ? "-" : j["next_due"].get<std::string>().c_str());
    std::printf("health:    %s (%s)\n", j["health"].get<std::string>().c_str(), j["health_reason"].get<std::string>().c_str());
    std::printf("cursor:    %s%s\n", state.cursor.dump().c_str(),
                j.contains("cursor_lag") ? (" (lag " + j["cursor_lag"].get<std::string>() + ")").c_str() : "");
    std::printf("runs:      %lld total, %lld ok, %lld failed, %lld failing in a row\n",
                static_cast<long long>(state.stats.runs_total), static_cast<long long>(state.stats.runs_ok),
                static_cast<long long>(state.stats.runs_failed), static_cast<long long>(state.stats.consecutive_failures));
    if (!state.history.empty()) {
      const RunRecord& r = state.history.back();
      std::printf("last run:  %s %s at %s: %lld in, %lld dup, %lld dropped, %lld out%s%s\n", r.run_id.c_str(),
                  r.outcome.c_str(), FormatTimeMs(r.started_ms).c_str(), static_cast<long long>(r.items_in),
                  static_cast<long long>(r.dup), static_cast<long long>(r.filtered), static_cast<long long>(r.out),
                  r.error.empty() ? "" : "; ", r.error.c_str());
    }
  }
  return j["health"] == "OK" ? kExitOk : kExitRuntime;
}

// Runs `change` on the state under the daemon's lock and saves it.
int Mutate(const DaemonFlags& flags, const std::function<std::string(const Loaded&, DaemonState*)>& change) {
  Loaded l;
  if (!Load(flags, flags.files[0], &l)) return kExitUsage;
  FileLock lock;
  bool busy = false;
  if (Status s = MakeDirectories(l.state_dir, 0700); !s.ok()) {
    std::fprintf(stderr, "recproc: %s\n", s.message().c_str());
    return kExitRuntime;
  }
  if (Status s = FileLock::Lock(LockPath(l.state_dir, l.def.name), 0, &lock, &busy); !s.ok()) {
    std::fprintf(stderr, "recproc: %s\n", s.message().c_str());
    return busy ? kExitBusy : kExitRuntime;
  }
  DaemonState state;
  if (!ReadState(l, &state)) return kExitRuntime;
  std::string what = change(l, &state);
  if (what.empty()) return kExitUsage;
  if (Status s = SaveState(StatePath(l.state_dir, l.def.name), state); !s.ok()) {
    std::fprintf(stderr, "recproc: %s\n", s.message().c_str());
    return kExitRuntime;
  }
  std::fprintf(stderr, "recproc daemon: %s: %s\n", l.def.name.c_str(), what.c_str());
  return kExitOk;
}

int ListVerb(const DaemonFlags& flags) {
  std::vector<std::string> files;
  for (const std::string& path : flags.files) {
    DIR* dir = opendir(path.c_str());
    if (dir == nullptr) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    while (dirent* e = readdir(dir)) {
      std::string n = e->d_name;
      if (n.size() > 5 && (n.compare(n.size() - 5, 5, ".yaml") == 0 || n.compare(n.size() - 4, 4, ".yml") == 0))
        found.push_back(path + "/" + n);
    }
    closedir(dir);
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  int rc = kExitOk;
  json all = json::array();
  if (!flags.json)
    std::printf("%-28s %-10s %-8s %-24s %-26s %-10s %s\n", "NAME", "TYPE", "ENABLED", "SCHEDULE", "NEXT DUE", "HEALTH",
                "LAST RUN");
  for (const std::string& file : files) {
    Loaded l;
    if (!Load(flags, file, &l)) {
      rc = kExitUsage;
      continue;
    }
    DaemonState state;
    if (!ReadState(l, &state)) {
      rc = kExitRuntime;
      continue;
    }
    json j = StatusJson(l, state);
    if (flags.json) {
      all.push_back(j);
      continue;
    }
    std::string last = j["last_run"].is_null() ? "-" : j["last_run"]["outcome"].get<std::string>() + " " +
                                                          j["last_run"]["started_at"].get<std::string>();
    std::printf("%-28s %-10s %-8s %-24s %-26s %-10s %s\n", l.def.name.c_str(), l.def.type.c_str(),
                j["enabled"].get<bool>() ? "yes" : "no", j["schedule"].get<std::string>().c_str(),
                j["next_due"].is_null() ? "-" : j["next_due"].get<std::string>().c_str(),
                j["health"].get<std::string>().c_str(), last.c_str());
  }
  if (flags.json) std::printf("%s\n", all.dump().c_str());
  return rc;
}

int ValidateVerb(const DaemonFlags& flags) {
  int rc = kExitOk;
  for (const std::string& file : flags.files) {
    Loaded l;
    if (!Load(flags, file, &l)) {
      rc = kExitUsage;
      continue;
    }
    std::printf("%s: ok (daemon %s, type %s)\n", file.c_str(), l.def.name.c_str(), l.def.type.c_str());
    std::printf("schedule: %s\n", DescribeSchedule(l.def.schedule, {}).c_str());
    std::vector<int64_t> next = l.def.schedule.NextDueTimes(l.now_ms, 5, RunMarks{}, ScheduleOverride{});
    std::printf("next due times (from %s, no earlier runs):\n", FormatTimeMs(l.now_ms).c_str());
    for (int64_t t : next) std::printf("  %s\n", TimeOrDash(t).c_str());
  }
  return rc;
}

CLI::App* Verb(CLI::App* parent, const char* name, const char* help, DaemonFlags* f, bool many_files) {
  CLI::App* cmd = parent->add_subcommand(name, help);
  auto* opt = cmd->add_option("files", f->files, many_files ? "Daemon YAML files" : "Daemon YAML file")->required();
  if (!many_files) opt->expected(1);
  cmd->add_option("--now", f->now, "Fix the clock (ISO 8601 or epoch seconds)");
  cmd->add_option("--state-dir", f->state_dir, "State directory (default: $RECPROC_STATE_DIR, else ~/.local/state/recproc)");
  return cmd;
}

}  // namespace

void RegisterDaemonCommand(CLI::App* app, CommandRunner* run) {
  auto f = std::make_shared<DaemonFlags>();
  CLI::App* daemon = app->add_subcommand("daemon", "Run and manage scheduled collector daemons");
  daemon->require_subcommand(1);
  auto verb = std::make_shared<std::function<int()>>();

  CLI::App* c = Verb(daemon, "run", "Run one cycle of each daemon if it is due", f.get(), true);
  c->add_flag("--force", f->force, "Start now, whether due or disabled");
  c->add_flag("--dry-run", f->dry_run, "Fetch, map and print the records; commit nothing");
  c->add_flag("-q,--quiet", f->quiet, "Print nothing unless a daemon failed or was busy (for cron)");
  c->footer("Exit: 0 ok, not due or disabled; 1 a cycle failed; 2 config error; 75 another cycle holds the lock.\n"
            "Crontab: * * * * * recproc daemon run /etc/recproc/daemons/*.yaml --quiet");
  c->callback([f, verb] { *verb = [f] { return RunVerb(*f); }; });

  c = Verb(daemon, "list", "Name, type, schedule, next due time and health of daemons", f.get(), true);
  c->add_flag("--json", f->json, "JSON output");
  c->callback([f, verb] { *verb = [f] { return ListVerb(*f); }; });

  c = Verb(daemon, "status", "Health and statistics of one daemon (exit 0 only when OK)", f.get(), false);
  c->add_flag("--json", f->json, "JSON output");
  c->callback([f, verb] { *verb = [f] { return StatusVerb(*f); }; });

  c = Verb(daemon, "reset", "Move the cursor back to cursor.initial (or --to) and clear dedup keys", f.get(), false);
  c->add_option("--to", f->to, "The cursor to set (JSON, or a plain string)");
  c->add_flag("--keep-dedup", f->keep_dedup, "Keep the dedup keys");
  c->callback([f, verb] {
    *verb = [f] {
      return Mutate(*f, [f](const Loaded& l, DaemonState* s) {
        json to = l.def.InitialCursor(l.now_ms);
        if (!f->to.empty()) {
          to = json::parse(f->to, nullptr, false);
          if (to.is_discarded()) to = f->to;
        }
        s->Reset(to, f->keep_dedup, l.now_ms);
        return "cursor reset to " + to.dump();
      });
    };
  });

  for (const char* name : {"enable", "disable"}) {
    bool enable = std::string(name) == "enable";
    c = Verb(daemon, name, enable ? "Enable the daemon (overrides the YAML)" : "Disable the daemon (overrides the YAML)",
             f.get(), false);
    c->add_flag("--clear", f->clear, "Remove the override; the YAML's `enabled` applies again");
    c->callback([f, verb, enable] {
      *verb = [f, enable] {
        return Mutate(*f, [f, enable](const Loaded&, DaemonState* s) {
          if (f->clear) {
            s->overrides.enabled.reset();
            return std::string("enabled override cleared");
          }
          s->overrides.enabled = enable;
          return std::string(enable ? "enabled" : "disabled");
        });
      };
    });
  }

  c = Verb(daemon, "reschedule", "Override the schedule's rules (--every D | --cron EXPR | --clear)", f.get(), false);
  c->add_option("--every", f->every, "Interval such as 15m");
  c->add_option("--cron", f->cron, "5-field cron expression");
  c->add_flag("--clear", f->clear, "Remove the override");
  c->callback([f, verb] {
    *verb = [f] {
      if (static_cast<int>(!f->every.empty()) + static_cast<int>(!f->cron.empty()) + static_cast<int>(f->clear) != 1) {
        std::fprintf(stderr, "recproc: daemon reschedule needs exactly one of --every, --cron, --clear\n");
        return static_cast<int>(kExitUsage);
      }
      ScheduleRule rule;
      Status check = !f->every.empty() ? MakeEveryRule(f->every, &rule)
                     : !f->cron.empty() ? MakeCronRule(f->cron, &rule) : Status::Ok();
      if (!check.ok()) {
        std::fprintf(stderr, "recproc: %s\n", check.message().c_str());
        return static_cast<int>(kExitUsage);
      }
      return Mutate(*f, [f](const Loaded&, DaemonState* s) {
        s->overrides.every.reset();
        s->overrides.cron.reset();
        if (!f->every.empty()) s->overrides.every = f->every;
        if (!f->cron.empty()) s->overrides.cron = f->cron;
        return f->clear ? std::string("schedule override cleared")
                        : "schedule overridden: " + (f->every.empty() ? "cron " + f->cron : "every " + f->every);
      });
    };
  });

  c = Verb(daemon, "validate", "Check daemon YAML files and show the next 5 due times", f.get(), true);
  c->callback([f, verb] { *verb = [f] { return ValidateVerb(*f); }; });

  *run = [verb] { return *verb ? (*verb)() : static_cast<int>(kExitUsage); };
}

}  // namespace recproc
