// `imap`: cursor arithmetic over (UIDVALIDITY, UID) and the mapping of a
// fetched message to an item. Protocol text lives in imap_protocol.*, the
// connection in imap_session.*, MIME in mime_message.*.
#include "daemon/sources/imap_source.h"

#include <algorithm>
#include <ctime>
#include <utility>

#include "daemon/net/imap_protocol.h"
#include "daemon/net/imap_session.h"
#include "daemon/net/mime_message.h"

namespace recproc {
namespace {

using nlohmann::json;

struct ImapParams {
  ImapSessionOptions session;
  std::string mailbox = "INBOX";
  ImapCriteria criteria;
  bool mark_seen = false;
  int64_t max_text_bytes = 65536;
};

std::string Rfc3339(int64_t ms) {
  time_t secs = static_cast<time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

json ItemFor(const ImapFetched& f, uint32_t uidvalidity, const ImapParams& p,
             std::vector<std::string>* warnings) {
  json item = {{"uid", f.uid}, {"uidvalidity", uidvalidity}, {"mailbox", p.mailbox}};
  if (auto ms = ParseImapDateTime(f.internal_date)) item["internal_date"] = Rfc3339(*ms);
  item["flags"] = f.flags;
  item["size"] = f.body.size();
  MimeMessage m;
  if (Status s = ParseMimeMessage(f.body, p.max_text_bytes, &m); !s.ok()) {
    warnings->push_back("imap: message UID " + std::to_string(f.uid) + ": " + s.message());
    return item;
  }
  item["from"] = m.from;
  item["to"] = m.to;
  item["cc"] = m.cc;
  item["subject"] = m.subject;
  item["date"] = m.date;
  item["message_id"] = m.message_id;
  item["text"] = m.text;
  item["text_truncated"] = m.text_truncated;
  json attachments = json::array();
  for (const MimeAttachment& a : m.attachments)
    attachments.push_back({{"name", a.name}, {"type", a.type}, {"size", a.size}, {"sha256", a.sha256}});
  item["attachments"] = std::move(attachments);
  return item;
}

class ImapSource : public DaemonSource {
 public:
  explicit ImapSource(ImapParams p) : p_(std::move(p)) {}

  Status Fetch(const FetchContext& ctx, FetchResult* out) override {
    uint32_t stored_validity = 0, last_uid = 0;
    if (ctx.cursor != nullptr && ctx.cursor->is_object()) {
      stored_validity = ctx.cursor->value("uidvalidity", 0u);
      last_uid = ctx.cursor->value("last_uid", 0u);
    }
    // --dry-run must leave the mailbox as it was.
    const bool mark_seen = p_.mark_seen && !ctx.dry_run;
    ImapSessionOptions options = p_.session;
    if (ctx.timeout_ms > 0) options.timeout_ms = ctx.timeout_ms;
    ImapSession session;
    if (Status s = session.Open(options); !s.ok()) return s;

    std::vector<ImapUntagged> responses;
    // EXAMINE is read-only: even a mistaken BODY[] could not set \Seen.
    std::string open_cmd = (mark_seen ? "SELECT " : "EXAMINE ") + ImapQuote(p_.mailbox);
    if (Status s = session.Run(open_cmd, &responses); !s.ok()) return s;
    ImapMailboxStatus box;
    if (!ParseMailboxStatus(responses, &box))
      return Status::Corruption("imap: the server sent no UIDVALIDITY for " + p_.mailbox);
    if (stored_validity != 0 && stored_validity != box.uidvalidity) {
      out->warnings.push_back("imap: UIDVALIDITY of " + p_.mailbox + " changed from " +
                              std::to_string(stored_validity) + " to " + std::to_string(box.uidvalidity) +
                              "; starting over from the first message");
      last_uid = 0;
    }
    out->cursor = json{{"uidvalidity", box.uidvalidity}, {"last_uid", last_uid}};
    out->pages = 1;
    // UIDNEXT proves there is nothing new without a search.
    if (box.uidnext != 0 && box.uidnext <= last_uid + 1) {
      out->bytes = session.bytes_received();
      return Status::Ok();
    }
    responses.clear();
    if (Status s = session.Run(BuildUidSearch(last_uid, p_.criteria), &responses); !s.ok()) return s;
    ++out->pages;
    std::vector<uint32_t> uids = ParseUidSearch(responses, last_uid);
    uint32_t new_last = last_uid;
    for (uint32_t uid : uids) {
      if ((ctx.limits.max_items > 0 && static_cast<int64_t>(out->items.size()) >= ctx.limits.max_items) ||
          (ctx.limits.max_pages > 0 && out->pages >= ctx.limits.max_pages) ||
          (ctx.limits.max_bytes > 0 && session.bytes_received() >= ctx.limits.max_bytes)) {
        out->partial = true;
        break;
      }
      responses.clear();
      std::string fetch = "UID FETCH " + std::to_string(uid) + " (UID INTERNALDATE FLAGS BODY.PEEK[])";
      if (Status s = session.Run(fetch, &responses); !s.ok()) return s;
      ++out->pages;
      ImapFetched fetched;
      bool found = false;
      for (const ImapUntagged& r : responses) {
        ImapFetched candidate;
        if (ParseFetch(r, &candidate) && candidate.uid == uid && !candidate.body.empty()) {
          fetched = std::move(candidate);
          found = true;
        }
      }
      new_last = uid;
      if (!found) continue;  // expunged between SEARCH and FETCH
      if (mark_seen) {
        if (Status s = session.Run("UID STORE " + std::to_string(uid) + " +FLAGS.SILENT (\\Seen)", nullptr);
            !s.ok())
          return s;
      }
      out->items.push_back(ItemFor(fetched, box.uidvalidity, p_, &out->warnings));
    }
    // Complete: everything below UIDNEXT was searched, matched or not.
    if (!out->partial && box.uidnext > 0) new_last = std::max(new_last, box.uidnext - 1);
    (*out->cursor)["last_uid"] = new_last;
    out->bytes = session.bytes_received();
    return Status::Ok();
  }

 private:
  ImapParams p_;
};

}  // namespace

std::unique_ptr<DaemonSource> CreateImapSource(const SourceSetup& setup) {
  const ConfigNode& node = setup.params_node;
  if (!node.CheckKeys({"url", "username", "password", "mailbox", "starttls", "ca_file", "from", "subject",
                       "since", "unseen", "mark_seen", "max_text_bytes"}))
    return nullptr;
  const json& j = setup.params;
  bool ok = true;
  auto str = [&](const char* key, std::string* out, bool required) {
    if (j.contains(key) && j[key].is_string()) {
      *out = j[key].get<std::string>();
    } else if (j.contains(key) && !j[key].is_null()) {
      node.Get(key).Error(std::string("params.") + key + " must be a string");
      ok = false;
    }
    if (required && out->empty()) {
      node.Error(std::string("type 'imap' needs params.") + key);
      ok = false;
    }
  };
  auto flag = [&](const char* key, bool* out) {
    if (!j.contains(key)) return;
    if (j[key].is_boolean()) {
      *out = j[key].get<bool>();
    } else if (j[key].is_string() && (j[key] == "true" || j[key] == "false")) {
      *out = j[key] == "true";
    } else {
      node.Get(key).Error(std::string("params.") + key + " must be true or false");
      ok = false;
    }
  };
  ImapParams p;
  str("url", &p.session.url, true);
  str("username", &p.session.username, true);
  str("password", &p.session.password, true);
  str("mailbox", &p.mailbox, false);
  str("ca_file", &p.session.ca_file, false);
  str("from", &p.criteria.from, false);
  str("subject", &p.criteria.subject, false);
  str("since", &p.criteria.since, false);
  flag("starttls", &p.session.require_tls);
  flag("unseen", &p.criteria.unseen);
  flag("mark_seen", &p.mark_seen);
  if (j.contains("max_text_bytes")) {
    const json& v = j["max_text_bytes"];
    if (v.is_number_integer() && v.get<int64_t>() >= 0) {
      p.max_text_bytes = v.get<int64_t>();
    } else if (v.is_string() && !v.get<std::string>().empty() &&
               v.get<std::string>().find_first_not_of("0123456789") == std::string::npos) {
      p.max_text_bytes = std::stoll(v.get<std::string>());
    } else {
      node.Get("max_text_bytes").Error("params.max_text_bytes must be a non-negative integer");
      ok = false;
    }
  }
  if (!ok) return nullptr;
  if (p.mailbox.empty()) p.mailbox = "INBOX";
  if (p.session.url.rfind("imap://", 0) != 0 && p.session.url.rfind("imaps://", 0) != 0) {
    node.Get("url").Error("params.url must start with imap:// or imaps://, found '" + p.session.url + "'");
    ok = false;
  }
  const std::pair<const char*, const std::string*> quoted[] = {
      {"mailbox", &p.mailbox}, {"from", &p.criteria.from}, {"subject", &p.criteria.subject}};
  for (const auto& [key, value] : quoted) {
    if (!IsImapQuotable(*value)) {
      node.Get(key).Error(std::string("params.") + key +
                          " may hold printable ASCII only (no line breaks or non-ASCII characters)");
      ok = false;
    }
  }
  if (!p.criteria.since.empty() && !ImapDateFromIso(p.criteria.since)) {
    node.Get("since").Error("params.since must be a date YYYY-MM-DD, found '" + p.criteria.since + "'");
    ok = false;
  }
  if (p.mark_seen && p.criteria.unseen) {
    node.Get("mark_seen")
        .Error(
            "mark_seen: true with unseen: true would lose messages of a failed cycle (they are marked \\Seen "
            "before the output is durable and the next search skips them); use one or the other");
    ok = false;
  }
  if (!ok) return nullptr;
  return std::make_unique<ImapSource>(std::move(p));
}

}  // namespace recproc
