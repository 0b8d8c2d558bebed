// The daemon cycle as one readable sequence of steps (see cycle.h), plus the
// recovery of a half-finished commit. Output is made durable before the
// state names it, and the cursor moves only in the final state write, so
// every crash point leaves either the old cursor (data fetched again) or a
// pending record that the next cycle completes.
#include "daemon/cycle.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>

#include "daemon/dedup_keys_file.h"
#include "daemon/effect_journal.h"
#include "daemon/record_builder.h"
#include "util/sha256.h"
#include "daemon/subprocess.h"
#include "io/atomic_file.h"
#include "io/file_lock.h"

namespace recproc {
namespace {

// Replaces every secret inside the strings (keys and values) of j.
void ScrubJson(const DaemonDefinition& def, nlohmann::json* j) {
  if (j->is_string()) {
    std::string& text = j->get_ref<std::string&>();
    text = def.Scrub(std::move(text));
  } else if (j->is_array()) {
    for (nlohmann::json& e : *j) ScrubJson(def, &e);
  } else if (j->is_object()) {
    nlohmann::json scrubbed = nlohmann::json::object();
    for (auto& [key, value] : j->items()) {
      ScrubJson(def, &value);
      scrubbed[def.Scrub(key)] = std::move(value);
    }
    *j = std::move(scrubbed);
  }
}

using nlohmann::json;

// Test hook: the process dies here, as a power cut or a kill -9 would.
void CrashPoint(const char* step) {
  const char* at = std::getenv("RECPROC_TEST_CRASH_AT");
  if (at != nullptr && std::strcmp(at, step) == 0) _exit(99);
}

}  // namespace

Status MakeDirectories(const std::string& dir, mode_t mode) {
  std::string path;
  size_t pos = 0;
  while (pos != std::string::npos) {
    pos = dir.find('/', pos + 1);
    path = dir.substr(0, pos);
    if (path.empty()) continue;
    if (mkdir(path.c_str(), mode) != 0 && errno != EEXIST)
      return Status::IoError("cannot create directory " + path + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

namespace {

bool FileExists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

std::string DirOf(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

// "20261122T121500Z-000413": the cycle's time and its sequence number, so
// two forced runs at one --now still get distinct batch files.
std::string MakeRunId(int64_t now_ms, int64_t seq) {
  std::string t = FormatTimeMs(now_ms);  // 2026-11-22T12:15:00.000Z
  std::string compact;
  for (char c : t.substr(0, 19))
    if (c != '-' && c != ':') compact.push_back(c);
  char buf[16];
  std::snprintf(buf, sizeof buf, "-%06lld", static_cast<long long>(seq % 1000000));
  return compact + "Z" + buf;
}

// Removes batch temp files of cycles that crashed before phase 1; they were
// never named by the state, and their data will be fetched again.
void RemoveOrphanTemps(const std::string& dir, const std::string& name) {
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return;
  std::string prefix = "." + name + "-";
  while (dirent* e = readdir(d)) {
    std::string f = e->d_name;
    if (f.rfind(prefix, 0) == 0 && f.size() > 10 && f.compare(f.size() - 10, 10, ".jsonl.tmp") == 0)
      unlink((dir + "/" + f).c_str());
  }
  closedir(d);
}

// Phase 2 of the keys sidecar: the fsynced temp file becomes <name>.keys.
Status InstallKeysFile(const std::string& tmp, const std::string& keys_path) {
  if (rename(tmp.c_str(), keys_path.c_str()) != 0)
    return Status::IoError("cannot install " + keys_path + ": " + std::strerror(errno));
  return SyncDirectory(DirOf(keys_path));
}

// Phase 2 from a pending record alone (recovery path).
Status CommitPending(const std::string& state_path, DaemonState* state) {
  PendingCommit& p = *state->pending;
  if (!p.new_keys_file.empty()) {
    // The temp file is gone when the crash came after its rename; <name>.keys
    // is the new set then.
    std::string keys_path = DirOf(state_path) + "/" + DedupKeysFileName(state->daemon);
    if (FileExists(p.new_keys_file)) {
      if (Status s = InstallKeysFile(p.new_keys_file, keys_path); !s.ok()) return s;
    }
    if (Status s = ReadDedupKeysFile(keys_path, &state->dedup); !s.ok()) return s;
    state->dedup_file = DedupKeysFileName(state->daemon);
  }
  RunRecord run;
  run.run_id = p.run_id;
  run.trigger = p.slot_ms ? "schedule" : "manual";
  run.outcome = "ok";
  run.cursor_before = state->cursor;
  run.cursor_after = p.new_cursor;
  run.error = "completed by recovery after an interrupted commit";
  int64_t keep_started = state->marks.last_started_ms.value_or(0);
  run.started_ms = run.finished_ms = keep_started;
  state->cursor = p.new_cursor;
  for (const auto& [key, t] : p.new_dedup_keys) state->dedup.Insert(key, t);
  if (p.slot_ms) state->marks.last_slot_ms = p.slot_ms;
  state->pending.reset();
  state->RecordRun(run);
  return Status::Ok();
}

// Removes keys temp files of cycles that died before phase 1 (or whose
// pending commit was dropped); no state names them.
void RemoveOrphanKeyTemps(const std::string& state_dir, const std::string& name) {
  DIR* d = opendir(state_dir.c_str());
  if (d == nullptr) return;
  std::string prefix = "." + DedupKeysFileName(name) + ".";
  while (dirent* e = readdir(d)) {
    std::string f = e->d_name;
    if (f.rfind(prefix, 0) == 0 && f.size() > prefix.size() + 4 && f.compare(f.size() - 4, 4, ".tmp") == 0)
      unlink((state_dir + "/" + f).c_str());
  }
  closedir(d);
}

}  // namespace

const char* CycleOutcomeName(CycleResult::Outcome outcome) {
  switch (outcome) {
    case CycleResult::Outcome::kNotDue: return "not-due";
    case CycleResult::Outcome::kDisabled: return "disabled";
    case CycleResult::Outcome::kOk: return "ok";
    case CycleResult::Outcome::kPartial: return "partial";
    case CycleResult::Outcome::kError: return "error";
    case CycleResult::Outcome::kTimeout: return "timeout";
    case CycleResult::Outcome::kBusy: return "skipped-busy";
  }
  return "?";
}

std::string StatePath(const std::string& state_dir, const std::string& name) {
  return state_dir + "/" + name + ".state.json";
}
std::string LockPath(const std::string& state_dir, const std::string& name) {
  return state_dir + "/" + name + ".lock";
}
std::string EffectsPath(const std::string& state_dir, const std::string& name) {
  return state_dir + "/" + name + ".effects";
}

Status RecoverPending(const std::string& state_path, DaemonState* state, std::string* recovered) {
  if (recovered) recovered->clear();
  if (!state->pending) return Status::Ok();
  PendingCommit& p = *state->pending;
  bool commit = false;
  if (!p.append_path.empty()) {
    struct stat st;
    uint64_t size = stat(p.append_path.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
    if (size == p.append_offset_before + p.append_bytes) {
      commit = true;
    } else if (size > p.append_offset_before) {
      // A torn append: cut it off; the data will be fetched again.
      if (Status s = TruncateAndSync(p.append_path, p.append_offset_before); !s.ok()) return s;
    }
  } else if (!p.final_path.empty() && FileExists(p.final_path)) {
    commit = true;
  } else if (!p.tmp_path.empty() && FileExists(p.tmp_path)) {
    if (rename(p.tmp_path.c_str(), p.final_path.c_str()) != 0)
      return Status::IoError("cannot install " + p.final_path + ": " + std::strerror(errno));
    if (Status s = SyncDirectory(DirOf(p.final_path)); !s.ok()) return s;
    commit = true;
  } else if (p.tmp_path.empty() && p.final_path.empty()) {
    commit = true;  // nothing to install (empty batch or stdout)
  }
  if (commit) {
    if (Status s = CommitPending(state_path, state); !s.ok()) return s;
  } else {
    state->pending.reset();
  }
  if (recovered) *recovered = commit ? "committed" : "dropped";
  if (Status s = SaveState(state_path, *state); !s.ok()) return s;
  // Committed: its records are not fetched again, so the journal of their
  // side effects has served. Dropped: they are, and the journal spares a repeat.
  return commit ? EffectJournal::Remove(EffectsPath(DirOf(state_path), state->daemon)) : Status::Ok();
}

CycleResult RunCycle(const DaemonDefinition& def, const CycleOptions& options) {
  CycleResult result;
  auto fail = [&](CycleResult::Outcome outcome, const std::string& message) {
    result.outcome = outcome;
    result.message = def.Scrub(message);
    return result;
  };
  auto started = std::chrono::steady_clock::now();
  auto elapsed_ms = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  };
  const ScheduleOptions& sched = def.schedule.options();
  if (!options.dry_run) {
    if (Status s = MakeDirectories(options.state_dir, 0700); !s.ok()) return fail(CycleResult::Outcome::kError, s.message());
  }

  // 1. Lock, load, recover.
  FileLock lock;
  if (!options.dry_run) {
    bool busy = false;
    int64_t wait = sched.overlap.kind == Overlap::Kind::kWait ? sched.overlap.wait_ms : 0;
    if (Status s = FileLock::Lock(LockPath(options.state_dir, def.name), wait, &lock, &busy); !s.ok())
      return fail(busy ? CycleResult::Outcome::kBusy : CycleResult::Outcome::kError, s.message());
  }
  std::string state_path = StatePath(options.state_dir, def.name);
  DaemonState state;
  if (Status s = LoadState(state_path, def.name, &state); !s.ok())
    return fail(CycleResult::Outcome::kError, s.message());
  if (state.pending && !options.dry_run) {
    std::string recovered;
    if (Status s = RecoverPending(state_path, &state, &recovered); !s.ok())
      return fail(CycleResult::Outcome::kError, "recovering the interrupted commit: " + s.message());
    result.warnings.push_back("an interrupted commit was " + recovered);
  }
  if (!options.dry_run) RemoveOrphanKeyTemps(options.state_dir, def.name);

  // 2. Due?
  ScheduleOverride ov;
  if (Status s = state.overrides.ToScheduleOverride(&ov); !s.ok())
    return fail(CycleResult::Outcome::kError, s.message());
  std::optional<int64_t> slot;
  int64_t missed = 0;
  if (!options.force) {
    DueResult due = def.schedule.Due(options.now_ms, state.marks, ov);
    if (!due.due) {
      bool disabled = due.reason == DueResult::Reason::kDisabled;
      return fail(disabled ? CycleResult::Outcome::kDisabled : CycleResult::Outcome::kNotDue,
                  DueReasonName(due.reason));
    }
    slot = due.slot_ms;
    missed = due.missed_slots;
  }

  RunRecord& run = result.run;
  run.run_id = MakeRunId(options.now_ms, state.stats.runs_total + 1);
  run.trigger = options.force ? "manual" : "schedule";
  run.started_ms = options.now_ms;
  run.missed_slots = missed;
  run.cursor_before = state.cursor;
  auto record_failure = [&](CycleResult::Outcome outcome, const std::string& message) {
    run.outcome = CycleOutcomeName(outcome);
    run.error = def.Scrub(message);
    run.finished_ms = options.now_ms;
    run.cursor_after = state.cursor;
    if (!options.dry_run) {
      state.RecordRun(run);
      if (slot) state.marks.last_slot_ms = slot;  // a failed slot is not retried before the next one
      if (Status s = SaveState(state_path, state); !s.ok()) result.warnings.push_back(s.message());
    }
    return fail(outcome, message);
  };

  // Fetch.
  json initial = def.InitialCursor(options.now_ms);
  FetchContext ctx;
  ctx.daemon_name = def.name;
  ctx.cursor = &state.cursor;
  ctx.initial_cursor = &initial;
  ctx.now_ms = options.now_ms;
  ctx.window_end_ms = options.now_ms - def.cursor.settle_ms;
  const json& from = state.cursor.is_null() ? initial : state.cursor;
  int64_t from_ms = 0;
  if (from.is_string() && ParseTimeMs(from.get<std::string>(), &from_ms))
    ctx.window_start_ms = from_ms - def.cursor.lookback_ms;
  ctx.limits = def.limits;
  ctx.timeout_ms = sched.timeout_ms;
  ctx.state_dir = options.state_dir;
  ctx.params = &def.params;
  ctx.dry_run = options.dry_run;
  FetchResult fetched;
  Status fs = def.source ? def.source->Fetch(ctx, &fetched) : Status::Unsupported("no source for type " + def.type);
  for (const std::string& w : fetched.warnings) result.warnings.push_back(def.Scrub(w));
  run.pages = fetched.pages;
  run.items_in = static_cast<int64_t>(fetched.items.size());
  if (!fs.ok()) {
    bool timeout = fs.code() == Status::Code::kLimitExceeded && fs.message().rfind("timeout", 0) == 0;
    return record_failure(timeout ? CycleResult::Outcome::kTimeout : CycleResult::Outcome::kError, fs.message());
  }
  // A source may echo a credential back (an error text, a URL with a
  // token); scrub every string of every item before it can reach a record,
  // a dedup key or the state.
  if (!def.secrets.empty())
    for (nlohmann::json& item : fetched.items) ScrubJson(def, &item);
  CrashPoint("fetched");

  // 3. Map, dedup, rules (side effects run here, before phase 1).
  std::unique_ptr<EffectJournal> journal;
  std::string effects_path = EffectsPath(options.state_dir, def.name);
  if (!options.dry_run) {
    if (Status s = EffectJournal::Open(effects_path, &journal); !s.ok())
      return record_failure(CycleResult::Outcome::kError, s.message());
  }
  BatchBuilder builder(def, options.now_ms, &state.dedup, journal.get());
  if (Status s = builder.Add(fetched.items, !options.dry_run, sched.timeout_ms, elapsed_ms); !s.ok()) {
    bool timeout = s.code() == Status::Code::kLimitExceeded;
    return record_failure(timeout ? CycleResult::Outcome::kTimeout : CycleResult::Outcome::kError, s.message());
  }
  run.dup = builder.dup();
  run.filtered = builder.filtered();
  run.out = static_cast<int64_t>(builder.emitted().size());
  json new_cursor = builder.NextCursor(state.cursor, fetched, initial);
  std::string batch;
  if (Status s = builder.Render(&batch); !s.ok()) return record_failure(CycleResult::Outcome::kError, s.message());
  if (options.dry_run) {
    std::fwrite(batch.data(), 1, batch.size(), options.out);
    std::fflush(options.out);
    result.outcome = fetched.partial ? CycleResult::Outcome::kPartial : CycleResult::Outcome::kOk;
    run.cursor_after = new_cursor;
    result.message = "dry run: " + std::to_string(run.out) + " records, nothing committed";
    return result;
  }
  if (sched.timeout_ms > 0 && elapsed_ms() > sched.timeout_ms)
    return record_failure(CycleResult::Outcome::kTimeout,
                          "timeout: the cycle took longer than " + FormatDuration(sched.timeout_ms));

  // 4-6. Durable output, phase 1, install.
  PendingCommit pending;
  pending.run_id = run.run_id;
  pending.new_cursor = new_cursor;
  pending.new_dedup_keys = builder.new_keys();
  pending.slot_ms = slot;
  // The dedup set after this run. Past kInlineDedupMax keys it goes to the
  // sidecar: written in full to a temp file now, renamed in at phase 2.
  DedupSet merged = state.dedup;
  for (const auto& [key, t] : pending.new_dedup_keys) merged.Insert(key, t);
  if (!def.dedup.key.empty())
    merged.Prune(options.now_ms, def.dedup.keep_ms, static_cast<size_t>(def.dedup.max_keys));
  std::string keys_path = options.state_dir + "/" + DedupKeysFileName(def.name);
  if (merged.size() > DaemonState::kInlineDedupMax) {
    pending.new_keys_file = options.state_dir + "/." + DedupKeysFileName(def.name) + "." + run.run_id + ".tmp";
    pending.new_dedup_keys.clear();
    if (Status s = WriteDedupKeysFile(pending.new_keys_file, merged); !s.ok())
      return record_failure(CycleResult::Outcome::kError, s.message());
  }
  const OutputSpec& out = def.output;
  bool two_phase = !batch.empty() && out.sink != OutputSpec::Sink::kStdout;
  if (out.sink == OutputSpec::Sink::kStdout && !batch.empty()) {
    // At-least-once: a reader of stdout has no way to acknowledge.
    if (std::fwrite(batch.data(), 1, batch.size(), options.out) != batch.size() || std::fflush(options.out) != 0)
      return record_failure(CycleResult::Outcome::kError, "writing to stdout failed");
  } else if (two_phase && out.sink == OutputSpec::Sink::kDir) {
    if (Status s = MakeDirectories(out.path, 0755); !s.ok()) return record_failure(CycleResult::Outcome::kError, s.message());
    RemoveOrphanTemps(out.path, def.name);
    pending.final_path = out.path + "/" + def.name + "-" + run.run_id + ".jsonl";
    pending.tmp_path = out.path + "/." + def.name + "-" + run.run_id + ".jsonl.tmp";
    if (Status s = WriteFileAtomically(pending.tmp_path, batch, 0644); !s.ok())
      return record_failure(CycleResult::Outcome::kError, s.message());
    CrashPoint("before_phase1");
    state.pending = pending;
    if (Status s = SaveState(state_path, state); !s.ok()) return record_failure(CycleResult::Outcome::kError, s.message());
    CrashPoint("after_phase1");
    if (rename(pending.tmp_path.c_str(), pending.final_path.c_str()) != 0 || !SyncDirectory(out.path).ok())
      return record_failure(CycleResult::Outcome::kError, "cannot install " + pending.final_path + ": " + std::strerror(errno));
    CrashPoint("after_install");
  } else if (two_phase && out.sink == OutputSpec::Sink::kFile) {
    if (Status s = MakeDirectories(DirOf(out.path), 0755); !s.ok()) return record_failure(CycleResult::Outcome::kError, s.message());
    struct stat st;
    pending.append_path = out.path;
    pending.append_offset_before = stat(out.path.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
    pending.append_bytes = batch.size();
    pending.append_sha256 = Sha256Hex(batch);
    CrashPoint("before_phase1");
    state.pending = pending;
    if (Status s = SaveState(state_path, state); !s.ok()) return record_failure(CycleResult::Outcome::kError, s.message());
    CrashPoint("after_phase1");
    uint64_t before = 0;
    if (Status s = AppendAndSync(out.path, batch, &before, 0644); !s.ok()) {
      state.pending.reset();
      TruncateAndSync(out.path, pending.append_offset_before);
      return record_failure(CycleResult::Outcome::kError, s.message());
    }
    CrashPoint("after_install");
  }
  if (!two_phase && !pending.new_keys_file.empty()) {
    // Nothing to install but the keys file: phase 1 still names it, so a
    // crash between its rename and the state write is recovered.
    CrashPoint("before_phase1");
    state.pending = pending;
    if (Status s = SaveState(state_path, state); !s.ok()) return record_failure(CycleResult::Outcome::kError, s.message());
    CrashPoint("after_phase1");
  }

  // 7. Phase 2.
  if (!pending.new_keys_file.empty()) {
    if (Status s = InstallKeysFile(pending.new_keys_file, keys_path); !s.ok())
      return fail(CycleResult::Outcome::kError, s.message());  // pending stays; the next cycle completes it
    CrashPoint("after_keys_install");
    state.dedup_file = DedupKeysFileName(def.name);
  } else {
    state.dedup_file.clear();
  }
  state.pending.reset();
  state.cursor = new_cursor;
  state.dedup = std::move(merged);
  state.dedup_keep_ms = def.dedup.key.empty() ? 0 : def.dedup.keep_ms;
  if (slot) state.marks.last_slot_ms = slot;
  state.config_hash = def.config_hash;
  run.outcome = fetched.partial ? "partial" : "ok";
  run.finished_ms = options.now_ms;
  run.cursor_after = new_cursor;
  state.RecordRun(run);
  if (Status s = SaveState(state_path, state); !s.ok()) return fail(CycleResult::Outcome::kError, s.message());
  CrashPoint("after_phase2");
  if (Status s = EffectJournal::Remove(effects_path); !s.ok()) result.warnings.push_back(s.message());
  result.outcome = fetched.partial ? CycleResult::Outcome::kPartial : CycleResult::Outcome::kOk;
  result.message = std::to_string(run.items_in) + " in, " + std::to_string(run.dup) + " dup, " +
                   std::to_string(run.filtered) + " dropped, " + std::to_string(run.out) + " out";
  if (!pending.final_path.empty()) result.message += " -> " + pending.final_path;
  return result;
}

}  // namespace recproc
