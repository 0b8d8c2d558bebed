// `exec`: run the configured program once per cycle and read its JSON array.
// Params other than `command` become environment variables by their own
// names, as OIF passes fields to scripts; they are never logged.
#include "daemon/sources/exec_source.h"

#include "daemon/state.h"
#include "daemon/subprocess.h"

namespace recproc {
namespace {

using nlohmann::json;

class ExecSource : public DaemonSource {
 public:
  ExecSource(std::vector<std::string> argv, std::vector<std::pair<std::string, std::string>> env)
      : argv_(std::move(argv)), env_(std::move(env)) {}

  Status Fetch(const FetchContext& ctx, FetchResult* out) override {
    auto env = env_;
    const json* cursor = ctx.cursor != nullptr && !ctx.cursor->is_null() ? ctx.cursor : ctx.initial_cursor;
    std::string cursor_text;
    if (cursor != nullptr && !cursor->is_null()) cursor_text = cursor->is_string() ? cursor->get<std::string>() : cursor->dump();
    env.emplace_back("RECPROC_CURSOR", cursor_text);
    env.emplace_back("RECPROC_WINDOW_END", FormatTimeMs(ctx.window_end_ms));
    env.emplace_back("RECPROC_DAEMON", std::string(ctx.daemon_name));
    SubprocessResult r;
    if (Status s = RunSubprocess(argv_, env, "", ctx.timeout_ms, &r); !s.ok()) return s;
    out->pages = 1;
    out->bytes = static_cast<int64_t>(r.out.size());
    if (r.exit_code != 0) {
      std::string first = r.err.substr(0, r.err.find('\n'));
      return Status::IoError("'" + argv_[0] + "' exited with status " + std::to_string(r.exit_code) +
                             (first.empty() ? "" : ": " + first.substr(0, 300)));
    }
    json parsed = json::parse(r.out, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded() || !parsed.is_array())
      return Status::Corruption("'" + argv_[0] + "' did not print a JSON array");
    for (json& item : parsed) {
      if (ctx.limits.max_items > 0 && static_cast<int64_t>(out->items.size()) >= ctx.limits.max_items) {
        out->partial = true;
        break;
      }
      out->items.push_back(std::move(item));
    }
    out->window_end_ms = ctx.window_end_ms;
    return Status::Ok();
  }

 private:
  std::vector<std::string> argv_;
  std::vector<std::pair<std::string, std::string>> env_;
};

}  // namespace

std::unique_ptr<DaemonSource> CreateExecSource(const SourceSetup& setup) {
  ConfigNode command = setup.params_node.Get("command");
  if (command.missing()) {
    setup.params_node.Error("type 'exec' needs params.command (the program and its arguments)");
    return nullptr;
  }
  std::vector<std::string> argv;
  const json& cmd = setup.params["command"];
  if (cmd.is_string()) argv.push_back(cmd.get<std::string>());
  if (cmd.is_array())
    for (const json& a : cmd)
      if (a.is_string()) argv.push_back(a.get<std::string>());
  if (argv.empty() || argv[0].empty()) {
    command.Error("params.command must be a program path or a list of strings");
    return nullptr;
  }
  if (argv[0].find('/') != std::string::npos && argv[0][0] != '/') argv[0] = setup.config_dir + "/" + argv[0];
  std::vector<std::pair<std::string, std::string>> env;
  for (auto it = setup.params.begin(); it != setup.params.end(); ++it) {
    if (it.key() == "command" || it->is_null()) continue;  // null: an unresolved secret, already reported
    if (!it->is_string()) {
      setup.params_node.Get(it.key()).Error("exec params must be strings (they become environment variables)");
      return nullptr;
    }
    env.emplace_back(it.key(), it->get<std::string>());
  }
  return std::make_unique<ExecSource>(std::move(argv), std::move(env));
}

}  // namespace recproc
