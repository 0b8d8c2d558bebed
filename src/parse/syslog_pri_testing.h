// A stand-in body parser for the syslog tests: "k=v k2=v2" pairs; fails on
// text without '='. Sets vendor "Acme" and log format "KV"; "time=<ms>" sets
// the event time.
#ifndef RECPROC_PARSE_SYSLOG_PRI_TESTING_H_
#define RECPROC_PARSE_SYSLOG_PRI_TESTING_H_

#include <string>

#include "parse/parser.h"

namespace recproc {

class TestKvBodyParser final : public Parser {
 public:
  Status Parse(std::string_view text, ParseContext&, ParsedMessage* out) const override {
    if (text.find('=') == std::string_view::npos) return Status::InvalidArgument("kv: expecting key=value");
    out->vendor = "Acme";
    out->log_format = "KV";
    size_t pos = 0;
    while (pos < text.size()) {
      size_t end = text.find(' ', pos);
      if (end == std::string_view::npos) end = text.size();
      std::string_view pair = text.substr(pos, end - pos);
      size_t eq = pair.find('=');
      if (eq == std::string_view::npos) return Status::InvalidArgument("kv: expecting key=value");
      out->fields.push_back({pair.substr(0, eq), pair.substr(eq + 1)});
      if (pair.substr(0, eq) == "time") out->time_ms = std::stoll(std::string(pair.substr(eq + 1)));
      pos = end + 1;
    }
    return Status::Ok();
  }
  std::string_view name() const override { return "kv"; }
};

}  // namespace recproc

#endif  // RECPROC_PARSE_SYSLOG_PRI_TESTING_H_
