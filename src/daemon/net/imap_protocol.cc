// IMAP protocol text: the commands the `imap` source sends and the parts of
// the responses it reads (RFC 3501 §6.3.1-2 SELECT/EXAMINE response codes,
// §6.4.4 SEARCH keys, §6.4.5/§7.4.2 FETCH data items, §9 formal syntax for
// quoted strings and date-time). Grammar accepted, simplified from §9:
//   search-resp = "SEARCH" *(SP nz-number)
//   fetch-resp  = nz-number SP "FETCH" SP "(" item *(SP item) ")"
//   item        = "UID" SP number / "FLAGS" SP "(" [flag *(SP flag)] ")" /
//                 "INTERNALDATE" SP quoted / "BODY[]" SP literal / name SP value
#include "daemon/net/imap_protocol.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <ctime>

namespace recproc {
namespace {

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool ParseU32(std::string_view s, uint32_t* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

// The number after `code` inside "OK [CODE n]".
bool ResponseCode(std::string_view text, std::string_view code, uint32_t* out) {
  std::string needle = "[";
  needle.append(code).append(" ");
  size_t at = text.find(needle);
  if (at == std::string_view::npos) return false;
  std::string_view rest = text.substr(at + code.size() + 2);
  size_t end = rest.find(']');
  return end != std::string_view::npos && ParseU32(rest.substr(0, end), out);
}

}  // namespace

bool IsImapQuotable(std::string_view s) {
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u == 0 || u == '\r' || u == '\n' || u >= 0x80) return false;
  }
  return true;
}

std::string ImapQuote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::optional<std::string> ImapDateFromIso(std::string_view iso) {
  int y = 0, m = 0, d = 0;
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  auto num = [&](size_t pos, size_t len, int* out) {
    auto [p, ec] = std::from_chars(iso.data() + pos, iso.data() + pos + len, *out);
    return ec == std::errc() && p == iso.data() + pos + len;
  };
  if (!num(0, 4, &y) || !num(5, 2, &m) || !num(8, 2, &d) || m < 1 || m > 12 || d < 1 || d > 31)
    return std::nullopt;
  return std::to_string(d) + "-" + kMonths[m - 1] + "-" + std::to_string(y);
}

std::string BuildUidSearch(uint32_t after_uid, const ImapCriteria& c) {
  std::string cmd = "UID SEARCH UID " + std::to_string(static_cast<uint64_t>(after_uid) + 1) + ":*";
  if (!c.from.empty()) cmd += " FROM " + ImapQuote(c.from);
  if (!c.subject.empty()) cmd += " SUBJECT " + ImapQuote(c.subject);
  if (!c.since.empty()) cmd += " SINCE " + ImapDateFromIso(c.since).value_or(c.since);
  if (c.unseen) cmd += " UNSEEN";
  return cmd;
}

std::vector<uint32_t> ParseUidSearch(const std::vector<ImapUntagged>& responses, uint32_t after_uid) {
  std::vector<uint32_t> uids;
  for (const ImapUntagged& r : responses) {
    std::vector<std::string_view> words = Words(r.text);
    if (words.empty() || !StartsWithNoCase(words[0], "SEARCH") || words[0].size() != 6) continue;
    for (size_t i = 1; i < words.size(); ++i) {
      uint32_t uid = 0;
      if (ParseU32(words[i], &uid) && uid > after_uid) uids.push_back(uid);
    }
  }
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  return uids;
}

bool ParseMailboxStatus(const std::vector<ImapUntagged>& responses, ImapMailboxStatus* out) {
  bool have_validity = false;
  for (const ImapUntagged& r : responses) {
    if (ResponseCode(r.text, "UIDVALIDITY", &out->uidvalidity)) have_validity = true;
    ResponseCode(r.text, "UIDNEXT", &out->uidnext);
    std::vector<std::string_view> words = Words(r.text);
    if (words.size() == 2 && StartsWithNoCase(words[1], "EXISTS")) ParseU32(words[0], &out->exists);
  }
  return have_validity;
}

bool ParseFetch(const ImapUntagged& response, ImapFetched* out) {
  std::string_view t = response.text;
  size_t open = t.find('(');
  if (open == std::string_view::npos || t.substr(0, open).find("FETCH") == std::string_view::npos)
    return false;
  t.remove_prefix(open + 1);
  bool have_uid = false;
  while (!t.empty()) {
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    if (t.empty() || t.front() == ')') break;
    size_t sp = t.find(' ');
    if (sp == std::string_view::npos) return false;
    std::string_view name = t.substr(0, sp);
    t.remove_prefix(sp + 1);
    if (!t.empty() && t.front() == '(') {  // a parenthesised list (FLAGS)
      size_t close = t.find(')');
      if (close == std::string_view::npos) return false;
      if (StartsWithNoCase(name, "FLAGS"))
        for (std::string_view f : Words(t.substr(1, close - 1))) out->flags.emplace_back(f);
      t.remove_prefix(close + 1);
    } else if (!t.empty() && t.front() == '"') {
      size_t close = t.find('"', 1);
      if (close == std::string_view::npos) return false;
      if (StartsWithNoCase(name, "INTERNALDATE")) out->internal_date = std::string(t.substr(1, close - 1));
      t.remove_prefix(close + 1);
    } else {
      size_t end = t.find_first_of(" )");
      std::string_view value = t.substr(0, end);
      if (StartsWithNoCase(name, "UID") && name.size() == 3) have_uid = ParseU32(value, &out->uid);
      if (StartsWithNoCase(name, "BODY[") && value.size() > 2 && value.front() == '{' &&
          !response.literals.empty())
        out->body = response.literals.front();
      t.remove_prefix(end == std::string_view::npos ? t.size() : end);
    }
  }
  return have_uid;
}

std::optional<int64_t> ParseImapDateTime(std::string_view text) {
  // date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
  int day = 0, year = 0, hh = 0, mm = 0, ss = 0, zone = 0;
  char mon[4] = {0};
  std::string s(text);
  if (std::sscanf(s.c_str(), " %d-%3s-%d %d:%d:%d %d", &day, mon, &year, &hh, &mm, &ss, &zone) != 7)
    return std::nullopt;
  int month = -1;
  for (int i = 0; i < 12; ++i)
    if (std::string_view(mon) == kMonths[i]) month = i;
  if (month < 0) return std::nullopt;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month;
  tm.tm_mday = day;
  tm.tm_hour = hh;
  tm.tm_min = mm;
  tm.tm_sec = ss;
  int64_t secs = static_cast<int64_t>(timegm(&tm));
  int sign = zone < 0 ? -1 : 1;
  int z = zone * sign;
  secs -= sign * ((z / 100) * 3600 + (z % 100) * 60);
  return secs * 1000;
}

}  // namespace recproc
