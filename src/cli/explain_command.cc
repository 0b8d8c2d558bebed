// `recproc explain LINE | -f FILE`: what each stage did to a message and why
// (the report of pipeline/explain.h), as text or, with --json, one JSON
// object per message.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/pipeline_setup.h"
#include "io/line_reader.h"
#include "pipeline/explain.h"

namespace recproc {

namespace {

struct ExplainFlags {
  std::vector<std::string> lines;
  std::string file;
  size_t max_messages = 10;
  bool json = false;
  PipelineSetup setup;
};

void Print(const nlohmann::ordered_json& report, bool json, bool first) {
  if (json) {
    std::printf("%s\n",
                report.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace).c_str());
  } else {
    if (!first) std::printf("\n");
    std::fputs(ExplainText(report).c_str(), stdout);
  }
}

int Explain(const ExplainFlags& flags) {
  if (flags.lines.empty() == flags.file.empty()) {
    std::fprintf(stderr, "recproc explain: give either a message or -f FILE\n");
    return kExitUsage;
  }
  std::unique_ptr<Pipeline> pipeline;
  if (int rc = SetUpPipeline(flags.setup, &pipeline); rc != kExitOk) return rc;
  Explainer explainer(*pipeline);
  if (!flags.lines.empty()) {
    uint64_t n = 0;
    for (const std::string& line : flags.lines) {
      ++n;
      Print(explainer.Explain(line, "-", n), flags.json, n == 1);
    }
    return kExitOk;
  }
  LineReader reader;
  LineReaderOptions options;
  options.max_line_bytes = pipeline->max_line_bytes();
  if (Status s = reader.Open(flags.file, options); !s.ok()) {
    std::fprintf(stderr, "recproc: %s\n", s.message().c_str());
    return kExitRuntime;
  }
  std::string_view line;
  LineInfo info;
  size_t done = 0;
  while (done < flags.max_messages && reader.Next(&line, &info)) {
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    Print(explainer.Explain(line, reader.name(), info.number), flags.json, done == 0);
    ++done;
  }
  if (!reader.status().ok()) {
    std::fprintf(stderr, "recproc: %s\n", reader.status().message().c_str());
    return kExitRuntime;
  }
  return kExitOk;
}

}  // namespace

void RegisterExplainCommand(CLI::App* app, CommandRunner* run) {
  auto flags = std::make_shared<ExplainFlags>();
  CLI::App* cmd = app->add_subcommand("explain", "Show what each stage did to a message and why");
  cmd->add_option("message", flags->lines, "Message(s) to explain (quote each one)");
  cmd->add_option("-f,--file", flags->file,
                  "Explain the messages of this file (plain or gzip; '-' is stdin)");
  cmd->add_option("-n,--max", flags->max_messages,
                  "With -f: explain at most N non-blank messages (default: 10)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--json", flags->json, "One JSON object per message (shape in recproc(1), EXPLAIN OUTPUT)");
  cmd->add_option("-c,--config", flags->setup.config,
                  "Root config file (default: $RECPROC_CONFIG, ./recproc.yaml, else the built-in default)");
  cmd->add_option("--now", flags->setup.now, "Fix the clock (ISO 8601 or epoch seconds)");
  cmd->add_option("--parser", flags->setup.parser, "Parse with this parser profile (no detection)");
  cmd->footer(
      "Examples:\n"
      "  recproc explain '{\"user\":\"alice\",\"action\":\"login\"}'\n"
      "  recproc explain -f fw.log -n 3 -c site.yaml\n"
      "  recproc explain --json -f app.log | jq '.map.considered'");
  *run = [flags] { return Explain(*flags); };
}

}  // namespace recproc
