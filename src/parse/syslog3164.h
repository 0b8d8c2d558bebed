// RFC 3164 ("BSD") syslog parser, built for what devices really send. See
// syslog3164.cc for the grammar and the heuristics.
#ifndef RECPROC_PARSE_SYSLOG3164_H_
#define RECPROC_PARSE_SYSLOG3164_H_

#include <memory>

#include "parse/parser.h"
#include "parse/syslog_pri.h"

namespace recproc {

// Fields: syslog.priority/facility/severity (when a PRI is present),
// syslog.timestamp (input text), syslog.hostname, syslog.appname (the TAG),
// syslog.procid (the [pid]), syslog.relay.timestamp / syslog.relay.hostname
// (the outer header when a relay prefixed its own), and syslog.message.
// The event time uses ctx.now_ms for year inference (see ResolveYearless).
// Name "syslog3164" or "syslog3164+<body>".
std::unique_ptr<Parser> MakeSyslog3164Parser(SyslogOptions options);

}  // namespace recproc

#endif  // RECPROC_PARSE_SYSLOG3164_H_
