// `recproc lists check VALUE... [--column C]`: which lists a value hits and
// why — for people debugging an allow list or a feed. Loads only the root
// config's `lists:` section, so it works while other sections are broken.
// Exit status as grep: 0 when some value matched, 1 when none did, 2 on a
// configuration error.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "cli/clock.h"
#include "cli/commands.h"
#include "config/root_config.h"
#include "lists/list_set.h"

namespace recproc {

namespace {

struct ListsFlags {
  std::vector<std::string> values;
  std::string column;
  std::string config;
  std::string now;
};

std::string FormatExpiry(int64_t ms) {
  if (ms == kNoExpiry) return "never expires";
  char buf[32];
  time_t secs = static_cast<time_t>(ms / 1000);
  struct tm tm;
  gmtime_r(&secs, &tm);
  strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string("expires ") + buf;
}

int Check(const ListsFlags& flags) {
  int64_t now_ms = 0;
  if (Status s = ResolveNow(flags.now, &now_ms); !s.ok()) {
    std::fprintf(stderr, "recproc: %s\n", s.message().c_str());
    return kExitUsage;
  }
  ConfigErrors errors;
  RootConfig config;
  std::unique_ptr<ListSet> lists;
  if (LoadRootConfig(FindRootConfig(flags.config), &config, &errors) && !config.lists.missing())
    ListSet::Load(config.lists, config.path, &errors, &lists);
  if (!errors.empty()) {
    std::fputs(errors.ToString().c_str(), stderr);
    return kExitUsage;
  }
  if (lists == nullptr) {
    std::fprintf(stderr, "recproc: the configuration (%s) has no lists\n", config.path.c_str());
    return kExitUsage;
  }
  std::vector<std::string> columns;
  if (!flags.column.empty()) {
    if (lists->columns().Find(flags.column) < 0) {
      std::string near = lists->columns().Suggest(flags.column);
      std::fprintf(stderr, "recproc: unknown column '%s'%s\n", flags.column.c_str(),
                   near.empty() ? "" : (" (did you mean '" + near + "'?)").c_str());
      return kExitUsage;
    }
    columns.push_back(flags.column);
  } else {
    for (size_t i = 0; i < lists->columns().size(); ++i) columns.push_back(lists->columns()[i].name);
  }
  bool any = false;
  std::vector<ListHit> hits;
  for (const std::string& value : flags.values) {
    bool matched = false;
    for (const std::string& column : columns) {
      hits.clear();
      lists->Match(column, value, now_ms, &hits);
      for (const ListHit& h : hits) {
        const ListDef& def = lists->def(h.list_index);
        const ListItem& item = lists->item(h.list_index, h.item_index);
        std::string description(lists->Text(h.list_index, item.description));
        std::printf("%s: %s list '%s', column %s: item '%s'%s%s (%s)\n", value.c_str(),
                    std::string(ListKindName(def.kind)).c_str(), def.name.c_str(), column.c_str(),
                    std::string(lists->Text(h.list_index, item.value)).c_str(), description.empty() ? "" : " — ",
                    description.c_str(), FormatExpiry(item.expiration_ms).c_str());
        matched = true;
      }
    }
    if (!matched) std::printf("%s: no active, unexpired item of any list matches\n", value.c_str());
    any = any || matched;
  }
  return any ? kExitOk : kExitRuntime;
}

}  // namespace

void RegisterListsCommand(CLI::App* app, CommandRunner* run) {
  auto flags = std::make_shared<ListsFlags>();
  CLI::App* cmd = app->add_subcommand("lists", "Inspect the configured match, suppressed and threat lists");
  cmd->require_subcommand(1);
  CLI::App* check = cmd->add_subcommand("check", "Show which lists a value hits and through which item");
  check->add_option("values", flags->values, "Values to look up (IPs, domains, hashes, user names...)")->required();
  check->add_option("--column", flags->column, "Only this column (SrcIp, Domain, FileHash, ...); default: all");
  check->add_option("-c,--config", flags->config, "Root config file");
  check->add_option("--now", flags->now, "Judge expiry at this time (ISO 8601 or epoch seconds)");
  check->footer(
      "Exit status: 0 a value matched, 1 none did, 2 configuration error.\n"
      "Examples:\n"
      "  recproc lists check 10.1.2.3 mail.evil.example --config site.yaml\n"
      "  recproc lists check --column Domain www.example.com");
  *run = [flags] { return Check(*flags); };
}

}  // namespace recproc
