// RFC 3164 parsing of real Linux syslog files: loghub's Linux_2k.log and the
// header split loghub published for it (Linux_2k.log_structured.csv). The
// material is research-only, so it is read from ../shared/corpus and never
// copied; the test is skipped when that folder is absent.
//
// Known differences, by design (8 of 2,000 lines):
//  - "syslogd 1.4.1: restart." (7 lines): loghub's component is
//    "syslogd 1.4.1"; a TAG cannot hold a space (RFC 3164 §4.1.3), so for us
//    there is no tag and the message is the whole text.
//  - "combo  -- root[2421]: ROOT LOGIN ON tty2" (1 line): a tag starts with a
//    letter or digit, so "-- root[2421]:" stays in the message.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "parse/syslog3164.h"
#include "util/civil_time.h"
#include "test_paths.h"

namespace recproc {
namespace {

const std::string kDir = std::string(RECPROC_SHARED_DIR) + "/corpus/loghub/Linux/";

// One CSV record (RFC 4180 quoting, no embedded newlines in this file).
std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cells.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cells.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  return cells;
}

std::string Trim(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(0, 1);
  return s;
}

TEST(LoghubLinuxSyslogTest, HeadersMatchLoghubStructuredSplit) {
  std::ifstream raw(kDir + "Linux_2k.log");
  std::ifstream csv(kDir + "Linux_2k.log_structured.csv");
  if (!raw || !csv) GTEST_SKIP() << "loghub corpus not found in " << kDir << "; conformance not checked";
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto parser = MakeSyslog3164Parser(SyslogOptions{});
  std::string line, row;
  std::getline(csv, row);  // header
  int total = 0, matched = 0, known = 0;
  while (std::getline(raw, line) && std::getline(csv, row)) {
    ++total;
    // Both files have CRLF line ends; the line reader strips the CR.
    if (!row.empty() && row.back() == '\r') row.pop_back();
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::vector<std::string> cell = SplitCsv(row);
    ASSERT_EQ(cell.size(), 10u) << row;
    // LineId,Month,Date,Time,Level,Component,PID,Content,EventId,EventTemplate
    const std::string& component = cell[5];
    Arena arena;
    ParseLimits limits;
    ParseContext ctx{&arena, &limits, DaysFromCivil(2005, 12, 31) * 86400000};
    ParsedMessage msg;
    ASSERT_TRUE(parser->Parse(line, ctx, &msg).ok()) << line;
    auto get = [&msg](std::string_view key) {
      const Field* f = msg.Find(key);
      return f ? std::string(f->value) : std::string();
    };
    int month = 0;
    for (int m = 0; m < 12; ++m)
      if (cell[1] == kMonths[m]) month = m + 1;
    int h = 0, mi = 0, s = 0;
    ASSERT_EQ(std::sscanf(cell[3].c_str(), "%d:%d:%d", &h, &mi, &s), 3);
    const int64_t want_ms =
        ((DaysFromCivil(2005, month, std::stoi(cell[2])) * 24 + h) * 60 + mi) * 60000 + s * 1000;
    if (component.find(' ') != std::string::npos) {
      ++known;
      EXPECT_EQ(get("syslog.appname"), "") << line;
      continue;
    }
    const bool ok = get("syslog.hostname") == cell[4] && get("syslog.appname") == component &&
                    get("syslog.procid") == cell[6] && Trim(get("syslog.message")) == Trim(cell[7]) &&
                    msg.time_ms == want_ms;
    EXPECT_TRUE(ok) << line << "\n  host=" << get("syslog.hostname") << " app=" << get("syslog.appname")
                    << " pid=" << get("syslog.procid") << " msg=" << get("syslog.message")
                    << "\n  time=" << msg.time_ms << " want=" << want_ms << " content=" << cell[7];
    matched += ok;
  }
  EXPECT_EQ(total, 2000);
  EXPECT_EQ(known, 8);
  EXPECT_EQ(matched, total - known);
  std::printf("loghub Linux: %d/%d lines match loghub's header split, %d known differences\n", matched, total,
              known);
}

}  // namespace
}  // namespace recproc
