// RFC 5424 syslog parser: header, structured data and MSG (handed to an
// optional body parser). See syslog5424.cc for the grammar.
#ifndef RECPROC_PARSE_SYSLOG5424_H_
#define RECPROC_PARSE_SYSLOG5424_H_

#include <memory>

#include "parse/parser.h"
#include "parse/syslog_pri.h"

namespace recproc {

// Fields: syslog.priority/facility/severity/version, syslog.timestamp (input
// text), syslog.hostname, syslog.appname, syslog.procid, syslog.msgid (each
// omitted when NILVALUE), syslog.sd.<SD-ID>.<PARAM-NAME> (unescaped), and
// syslog.message (omitted when there is no MSG). Name "syslog5424" or
// "syslog5424+<body>".
std::unique_ptr<Parser> MakeSyslog5424Parser(SyslogOptions options);

}  // namespace recproc

#endif  // RECPROC_PARSE_SYSLOG5424_H_
