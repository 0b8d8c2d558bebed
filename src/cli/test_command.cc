// `recproc test [DIR|FILE]...`: golden tests for a site's own content.
//
// Two kinds of test:
//   - a log file `NAME.log` beside `NAME.expected.jsonl` (or `NAME.jsonl`,
//     the samples/ layout): every record is compared exactly, key by key,
//     after dropping the ignored keys;
//   - a YAML file `*.tests.yaml` holding a list of inline cases
//     `{name, input, source?, expect: [{attr: value, ...}, ...]}`: one expected
//     entry per output record, each key compared to the record's value (a
//     partial match; `fields.KEY` reaches into the parsed fields).
// A directory is searched recursively for both.
//
// Reproducibility: the clock is fixed (--now, default 2024-01-01T00:00:00Z)
// and each log file is processed under its base name, so metadata_sourceFile
// and the uids do not depend on the directory the test runs from; uids are
// therefore compared. Ignored by default: metadata_receiptTime and
// metadata_parseTime (they follow --now) and metadata_enrichment (the
// fingerprints of system data files such as the Public Suffix List, which
// change with a distribution update, not with the site's content); --ignore
// adds keys.
//
// After the tests a coverage report lists the mappings and field mappings no
// test exercised and the parse-failure rate per input. Exit 1 on any failure.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/pipeline_setup.h"
#include "config/config_node.h"
#include "io/line_reader.h"

namespace recproc {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr const char* kDefaultNow = "2024-01-01T00:00:00Z";

struct TestFlags {
  std::vector<std::string> paths;
  bool update = false;
  std::vector<std::string> ignore;
  bool no_default_ignore = false;
  bool quiet = false;
  PipelineSetup setup;
};

struct Coverage {
  std::map<std::string, std::set<std::string>> attributes_by_mapping;   // mapping -> attributes seen
  std::map<std::string, std::pair<uint64_t, uint64_t>> parse_failures;  // source -> (failed, messages)
};

// Runs the pipeline over `lines` as source `source`; returns the output lines.
std::vector<std::string> RunLines(const Pipeline& pipeline, Pipeline::Worker* worker,
                                  const std::string& source, const std::vector<std::string>& lines,
                                  Coverage* coverage) {
  std::vector<std::string> out_lines;
  Batch batch;
  batch.source = source;
  size_t i = 0;
  while (i < lines.size()) {
    batch.Clear();
    size_t end = std::min(lines.size(), i + 1024);
    std::vector<std::pair<size_t, size_t>> spans;
    uint64_t offset = 0;
    for (size_t k = 0; k < i; ++k) offset += lines[k].size() + 1;
    for (size_t k = i; k < end; ++k) {
      spans.emplace_back(batch.storage.size(), lines[k].size());
      batch.storage += lines[k];
      batch.messages.push_back(InputMessage{{}, k + 1, offset, false, lines[k].size()});
      offset += lines[k].size() + 1;
    }
    for (size_t k = 0; k < spans.size(); ++k)
      batch.messages[k].text = std::string_view(batch.storage).substr(spans[k].first, spans[k].second);
    std::string out;
    pipeline.ProcessBatch(batch, worker, &out, &out);
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line)) out_lines.push_back(line);
    i = end;
  }
  uint64_t messages = 0;
  for (const std::string& l : lines)
    if (l.find_first_not_of(" \t\r") != std::string::npos) ++messages;
  auto& pf = coverage->parse_failures[source];
  pf.second += messages;
  for (const std::string& l : out_lines) {
    Json j = Json::parse(l, nullptr, false);
    if (!j.is_object()) continue;
    if (j.value("objectType", "") == "FailedRecord") {
      if (j.value("failureStage", "") == "parse") ++pf.first;
      continue;
    }
    std::string mapping = j.value("metadata_mapperName", "");
    auto& seen = coverage->attributes_by_mapping[mapping];
    for (auto& [k, v] : j.items()) seen.insert(k);
  }
  return out_lines;
}

std::string Show(const Json* v) { return v == nullptr ? "(absent)" : v->dump(); }

// Exact comparison of one record; one line per differing key.
void DiffRecord(const Json& want, const Json& got, const std::set<std::string>& ignore,
                std::vector<std::string>* diffs) {
  std::set<std::string> keys;
  for (auto& [k, v] : want.items()) keys.insert(k);
  for (auto& [k, v] : got.items()) keys.insert(k);
  for (const std::string& k : keys) {
    if (ignore.count(k)) continue;
    const Json* w = want.contains(k) ? &want[k] : nullptr;
    const Json* g = got.contains(k) ? &got[k] : nullptr;
    if (w != nullptr && g != nullptr && *w == *g) continue;
    if (w != nullptr && g != nullptr && w->is_object() && g->is_object()) {
      // `fields` and other maps: name the inner keys that differ.
      std::set<std::string> inner;
      for (auto& [ik, iv] : w->items()) inner.insert(ik);
      for (auto& [ik, iv] : g->items()) inner.insert(ik);
      for (const std::string& ik : inner) {
        const Json* wi = w->contains(ik) ? &(*w)[ik] : nullptr;
        const Json* gi = g->contains(ik) ? &(*g)[ik] : nullptr;
        if (wi != nullptr && gi != nullptr && *wi == *gi) continue;
        diffs->push_back(k + "." + ik + ": expected " + Show(wi) + ", got " + Show(gi));
      }
      continue;
    }
    diffs->push_back(k + ": expected " + Show(w) + ", got " + Show(g));
  }
}

bool ReadLines(const std::string& path, std::vector<std::string>* lines, std::string* error) {
  LineReader reader;
  if (Status s = reader.Open(path, LineReaderOptions{}); !s.ok()) {
    *error = s.message();
    return false;
  }
  std::string_view line;
  LineInfo info;
  while (reader.Next(&line, &info)) lines->emplace_back(line);
  if (!reader.status().ok()) {
    *error = reader.status().message();
    return false;
  }
  return true;
}

class TestRun {
 public:
  TestRun(const TestFlags& flags, const Pipeline& pipeline) : flags_(flags), pipeline_(pipeline) {
    worker_ = pipeline.NewWorker();
    if (!flags.no_default_ignore)
      ignore_ = {"metadata_receiptTime", "metadata_parseTime", "metadata_enrichment"};
    for (const std::string& k : flags.ignore) ignore_.insert(k);
  }

  void LogFile(const fs::path& log) {
    fs::path expected = log;
    expected.replace_extension(".expected.jsonl");
    if (!fs::exists(expected)) {
      fs::path alt = log;
      alt.replace_extension(".jsonl");
      if (fs::exists(alt)) expected = alt;
    }
    std::vector<std::string> lines;
    std::string error;
    if (!ReadLines(log.string(), &lines, &error)) return Fail(log.string(), {error});
    std::vector<std::string> got =
        RunLines(pipeline_, worker_.get(), log.filename().string(), lines, &coverage_);
    if (flags_.update) {
      std::ofstream out(expected, std::ios::binary | std::ios::trunc);
      for (const std::string& l : got) out << l << '\n';
      if (!out.good()) return Fail(log.string(), {"cannot write " + expected.string()});
      ++updated_;
      Note("UPDATED " + expected.string() + " (" + std::to_string(got.size()) + " records)");
      return;
    }
    std::vector<std::string> want;
    if (!fs::exists(expected))
      return Fail(log.string(),
                  {"no " + expected.filename().string() + "; run 'recproc test --update' to create it"});
    if (!ReadLines(expected.string(), &want, &error)) return Fail(log.string(), {error});
    want.erase(std::remove_if(want.begin(), want.end(), [](const std::string& l) { return l.empty(); }),
               want.end());
    std::vector<std::string> diffs;
    if (want.size() != got.size())
      diffs.push_back("record count: expected " + std::to_string(want.size()) + ", got " +
                      std::to_string(got.size()));
    for (size_t i = 0; i < std::min(want.size(), got.size()); ++i) {
      Json w = Json::parse(want[i], nullptr, false);
      Json g = Json::parse(got[i], nullptr, false);
      std::vector<std::string> d;
      if (w.is_discarded() || !w.is_object())
        d.push_back("expected line is not a JSON object");
      else
        DiffRecord(w, g, ignore_, &d);
      if (d.empty()) continue;
      std::string where = "record " + std::to_string(i + 1);
      if (g.contains("metadata_sourceLine")) where += " (input line " + g["metadata_sourceLine"].dump() + ")";
      diffs.push_back(where + ":");
      for (const std::string& x : d) diffs.push_back("  " + x);
    }
    if (!diffs.empty()) return Fail(log.string(), diffs);
    Pass(log.string(), got.size());
  }

  void YamlFile(const fs::path& file) {
    ConfigErrors errors;
    ConfigNode root = ConfigNode::Load(file.string(), &errors);
    std::vector<ConfigNode> cases = root.missing() ? std::vector<ConfigNode>{} : root.Items();
    size_t index = 0;
    for (const ConfigNode& c : cases) {
      ++index;
      size_t before = errors.size();
      c.CheckKeys({"name", "input", "source", "expect"});
      std::string name = "case " + std::to_string(index), input, source = file.filename().string();
      c.Require("name").AsString(&name);
      c.Require("input").AsString(&input);
      c.Read("source", &source);
      ConfigNode expect = c.Require("expect");
      std::vector<std::vector<std::pair<std::string, std::string>>> want;
      for (const ConfigNode& e : expect.missing() ? std::vector<ConfigNode>{} : expect.Items()) {
        want.emplace_back();
        e.AsStringPairs(&want.back());
      }
      std::string label = file.string() + ": " + name;
      if (errors.size() != before) continue;
      std::vector<std::string> lines;
      std::istringstream in(input);
      std::string l;
      while (std::getline(in, l)) lines.push_back(l);
      std::vector<std::string> got = RunLines(pipeline_, worker_.get(), source, lines, &coverage_);
      std::vector<std::string> diffs;
      if (want.size() != got.size())
        diffs.push_back("record count: expected " + std::to_string(want.size()) + ", got " +
                        std::to_string(got.size()));
      for (size_t i = 0; i < std::min(want.size(), got.size()); ++i) {
        Json g = Json::parse(got[i], nullptr, false);
        std::vector<std::string> d;
        for (const auto& [key, value] : want[i]) {
          const Json* v = g.contains(key) ? &g[key] : nullptr;
          if (v == nullptr && key.rfind("fields.", 0) == 0 && g.contains("fields") &&
              g["fields"].contains(key.substr(7)))
            v = &g["fields"][key.substr(7)];
          bool same = v != nullptr && (v->is_string() ? v->get<std::string>() == value : v->dump() == value);
          if (!same) d.push_back(key + ": expected " + Json(value).dump() + ", got " + Show(v));
        }
        if (d.empty()) continue;
        diffs.push_back("record " + std::to_string(i + 1) + ":");
        for (const std::string& x : d) diffs.push_back("  " + x);
      }
      if (diffs.empty())
        Pass(label, got.size());
      else
        Fail(label, diffs);
    }
    if (!errors.empty()) {
      std::vector<std::string> lines;
      for (const ConfigError& e : errors.errors()) lines.push_back(e.where.ToString() + ": " + e.message);
      Fail(file.string(), lines);
    }
    if (flags_.update && !cases.empty())
      Note("note: " + file.string() + ": inline cases are not rewritten by --update");
  }

  // Mappings and field mappings no test exercised; parse failures per input.
  void PrintCoverage() const {
    std::vector<std::string> unused_mappings, unused_fields;  // fields: of exercised mappings
    size_t field_total = 0, fields_of_unused = 0;
    const std::vector<Mapping>& mappings = pipeline_.mapper().mappings();
    for (const Mapping& m : mappings) {
      field_total += m.fields.size();
      auto it = coverage_.attributes_by_mapping.find(m.name);
      if (it == coverage_.attributes_by_mapping.end()) {
        unused_mappings.push_back(m.name + " (" + m.where.ToString() + ")");
        fields_of_unused += m.fields.size();
        continue;
      }
      for (const FieldMapping& f : m.fields)
        if (it->second.count(f.target->name) == 0) unused_fields.push_back(m.name + ": " + f.target->name);
    }
    std::printf("coverage:\n  mappings exercised: %zu of %zu\n", mappings.size() - unused_mappings.size(),
                mappings.size());
    for (const std::string& m : unused_mappings) std::printf("    never exercised: %s\n", m.c_str());
    std::printf("  field mappings exercised: %zu of %zu\n",
                field_total - unused_fields.size() - fields_of_unused, field_total);
    if (!flags_.quiet)
      for (const std::string& f : unused_fields) std::printf("    never set: %s\n", f.c_str());
    for (const auto& [source, pf] : coverage_.parse_failures) {
      if (pf.second == 0) continue;
      std::printf("  parse failures: %s: %llu of %llu (%.1f%%)\n", source.c_str(),
                  static_cast<unsigned long long>(pf.first), static_cast<unsigned long long>(pf.second),
                  100.0 * static_cast<double>(pf.first) / static_cast<double>(pf.second));
    }
  }

  int Finish() const {
    if (!flags_.update) PrintCoverage();
    std::printf("%zu passed, %zu failed%s\n", passed_, failed_,
                updated_ ? (", " + std::to_string(updated_) + " updated").c_str() : "");
    return failed_ == 0 ? kExitOk : kExitRuntime;
  }

 private:
  void Pass(const std::string& what, size_t records) {
    ++passed_;
    if (!flags_.quiet) std::printf("PASS %s (%zu records)\n", what.c_str(), records);
  }
  void Fail(const std::string& what, const std::vector<std::string>& lines) {
    ++failed_;
    std::printf("FAIL %s\n", what.c_str());
    for (const std::string& l : lines) std::printf("  %s\n", l.c_str());
  }
  void Note(const std::string& text) {
    if (!flags_.quiet) std::printf("%s\n", text.c_str());
  }

  const TestFlags& flags_;
  const Pipeline& pipeline_;
  std::unique_ptr<Pipeline::Worker> worker_;
  std::set<std::string> ignore_;
  Coverage coverage_;
  size_t passed_ = 0, failed_ = 0, updated_ = 0;
};

bool IsYamlTest(const fs::path& p) {
  std::string name = p.filename().string();
  auto ends = [&name](std::string_view s) {
    return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
  };
  return ends(".tests.yaml") || ends(".tests.yml") || ends(".test.yaml") || ends(".test.yml");
}

bool IsLog(const fs::path& p) {
  std::string ext = p.extension().string();
  return ext == ".log" || (ext == ".gz" && p.stem().extension() == ".log");
}

int RunTests(const TestFlags& flags) {
  TestFlags f = flags;
  if (f.setup.now.empty()) f.setup.now = kDefaultNow;
  std::unique_ptr<Pipeline> pipeline;
  if (int rc = SetUpPipeline(f.setup, &pipeline); rc != kExitOk) return rc;
  std::vector<fs::path> logs, yamls;
  std::vector<std::string> paths = f.paths.empty() ? std::vector<std::string>{"."} : f.paths;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (const auto& e : fs::recursive_directory_iterator(p, ec)) {
        if (!e.is_regular_file()) continue;
        if (IsLog(e.path())) logs.push_back(e.path());
        if (IsYamlTest(e.path())) yamls.push_back(e.path());
      }
    } else if (fs::is_regular_file(p, ec)) {
      (IsYamlTest(p) ? yamls : logs).push_back(p);
    } else {
      std::fprintf(stderr, "recproc test: %s: no such file or directory\n", p.c_str());
      return kExitUsage;
    }
  }
  std::sort(logs.begin(), logs.end());
  std::sort(yamls.begin(), yamls.end());
  if (logs.empty() && yamls.empty()) {
    std::fprintf(stderr,
                 "recproc test: no tests found (NAME.log with NAME.expected.jsonl, or *.tests.yaml)\n");
    return kExitUsage;
  }
  TestRun run(f, *pipeline);
  for (const fs::path& p : logs) run.LogFile(p);
  for (const fs::path& p : yamls) run.YamlFile(p);
  return run.Finish();
}

}  // namespace

void RegisterTestCommand(CLI::App* app, CommandRunner* run) {
  auto flags = std::make_shared<TestFlags>();
  CLI::App* cmd =
      app->add_subcommand("test", "Golden tests: input logs against expected records, with coverage");
  cmd->add_option("paths", flags->paths,
                  "Test files or directories (searched recursively; default: the current directory)");
  cmd->add_flag("--update", flags->update, "Rewrite NAME.expected.jsonl from the current output");
  // One key per --ignore, so `--ignore KEY DIR` leaves DIR a test path.
  cmd->add_option("--ignore", flags->ignore, "Also ignore this record key when comparing (repeatable)")
      ->allow_extra_args(false);
  cmd->add_flag("--no-default-ignore", flags->no_default_ignore,
                "Also compare metadata_receiptTime, metadata_parseTime and metadata_enrichment");
  cmd->add_flag("-q,--quiet", flags->quiet, "Print failures and the summary only");
  cmd->add_option("-c,--config", flags->setup.config,
                  "Root config file (default: $RECPROC_CONFIG, ./recproc.yaml, else the built-in default)");
  cmd->add_option("--now", flags->setup.now, std::string("Fix the clock (default: ") + kDefaultNow + ")");
  cmd->footer(
      "A test is NAME.log beside NAME.expected.jsonl (or NAME.jsonl), compared record by record, or a\n"
      "*.tests.yaml list of {name, input, source, expect: [{attr: value}]} cases (partial match).\n"
      "Exit status: 0 when every test passes, 1 when any fails.\n"
      "Examples:\n"
      "  recproc test samples/\n"
      "  recproc test -c site.yaml tests/golden/ --ignore metadata_enrichment\n"
      "  recproc test --update tests/golden/fortigate.log");
  *run = [flags] { return RunTests(*flags); };
}

}  // namespace recproc
