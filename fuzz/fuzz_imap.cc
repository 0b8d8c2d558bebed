// Fuzz target: the IMAP response parsers (daemon/net/imap_protocol.h). The
// input is a server's untagged responses, one per line without the "* "; a
// line ending in "{n}" carries a literal of the next n bytes (as the session
// reader frames them, RFC 3501 §4.3). Every response goes through the
// SEARCH, SELECT status and FETCH parsers; FETCH dates through the date
// parser; each line is also tried as an ISO date and as a quotable string.
#include <charconv>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/net/imap_protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<recproc::ImapUntagged> responses;
  size_t sink = 0;
  while (!in.empty() && responses.size() < 64) {
    size_t nl = in.find('\n');
    std::string line(in.substr(0, nl));
    in.remove_prefix(nl == std::string_view::npos ? in.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    recproc::ImapUntagged r;
    r.text = line;
    size_t open = line.rfind('{');
    if (!line.empty() && line.back() == '}' && open != std::string::npos) {
      size_t n = 0;
      auto [p, ec] = std::from_chars(line.data() + open + 1, line.data() + line.size() - 1, n);
      if (ec == std::errc() && p == line.data() + line.size() - 1) {
        n = std::min(n, in.size());
        r.literals.emplace_back(in.substr(0, n));
        in.remove_prefix(n);
        // The response goes on after the literal up to the end of the line.
        size_t end = in.find('\n');
        r.text += std::string(in.substr(0, end));
        in.remove_prefix(end == std::string_view::npos ? in.size() : end + 1);
      }
    }
    if (auto d = recproc::ImapDateFromIso(line)) sink += d->size();
    if (recproc::IsImapQuotable(line)) sink += recproc::ImapQuote(line).size();
    if (auto t = recproc::ParseImapDateTime(line)) sink += static_cast<size_t>(*t & 0xff);
    responses.push_back(std::move(r));
  }
  for (uint32_t after : {0u, 5u, 4294967295u}) sink += recproc::ParseUidSearch(responses, after).size();
  recproc::ImapMailboxStatus status;
  if (recproc::ParseMailboxStatus(responses, &status)) sink += status.uidvalidity + status.uidnext + status.exists;
  for (const recproc::ImapUntagged& r : responses) {
    recproc::ImapFetched fetched;
    if (recproc::ParseFetch(r, &fetched)) {
      sink += fetched.uid + fetched.body.size() + fetched.flags.size();
      if (auto t = recproc::ParseImapDateTime(fetched.internal_date)) sink += static_cast<size_t>(*t & 0xff);
    }
  }
  volatile size_t keep = sink;
  (void)keep;
  return 0;
}
