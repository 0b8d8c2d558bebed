// EnrichStage: the per-record walk over the schema's IP, URL and domain
// attributes, with per-thread caches in front of every lookup (log sources
// repeat the same addresses and hosts, so most lookups are cache hits).
// Text from the URL cache is copied into the batch arena before it is set on
// the record, because a later insert may evict the cache slot; geo strings
// point into the memory-mapped database and block labels into the stage,
// both of which outlive the run.
#include "enrich/enrich_stage.h"

#include <cstdio>

#include "util/ip_address.h"

namespace recproc {

EnrichStage::~EnrichStage() = default;

namespace {

// A double from a lookup cache, with the JSON text the cache made for it.
// The text goes to the arena: the cache entry may be replaced (by this
// record's next address or URL) before the record is written.
Value CachedDouble(double v, const DoubleJson& json, Arena* arena) {
  return Value::Double(v, arena->Copy(json.view()));
}

std::string Hex16(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace

bool EnrichStage::Build(const ConfigNode& section, const std::string& config_path, const Schema& schema,
                        ConfigErrors* errors, std::unique_ptr<EnrichStage>* out) {
  size_t before = errors->size();
  auto stage = std::unique_ptr<EnrichStage>(new EnrichStage());
  bool ip_on = true, url_on = true, domain_on = true;
  std::string prov;
  if (!section.missing()) {
    section.CheckKeys({"geoip", "network_blocks", "domains", "cache_entries", "ip", "url", "domain"});
    section.Read("ip", &ip_on);
    section.Read("url", &url_on);
    section.Read("domain", &domain_on);
    int64_t entries = 0;
    if (section.Read("cache_entries", &entries) && section.Has("cache_entries")) {
      if (entries < 0)
        section.Get("cache_entries").Error("expected 0 or more");
      else
        stage->cache_entries_ = static_cast<size_t>(entries);
    }
  }
  auto path = [&config_path](const std::string& p) { return ResolveConfigPath(config_path, p); };

  ConfigNode geoip = section.Get("geoip");
  if (!geoip.missing()) {
    geoip.CheckKeys({"city", "asn", "isp", "verify_data"});
    IpGeoOptions o;
    std::string city, asn, isp;
    geoip.Read("city", &city);
    geoip.Read("asn", &asn);
    geoip.Read("isp", &isp);
    geoip.Read("verify_data", &o.verify_data);
    if (!city.empty()) o.city_db = path(city);
    if (!asn.empty()) o.asn_db = path(asn);
    if (!isp.empty()) o.isp_db = path(isp);
    Status s = IpGeoEnricher::Open(o, &stage->geo_);
    if (!s.ok()) geoip.Error(s.message());
    if (stage->geo_)
      for (const MmdbProvenance& p : stage->geo_->provenance())
        prov += (prov.empty() ? "" : " ") + p.database_type + "@" + std::to_string(p.build_epoch);
  }

  NetworkBlocksOptions nb;
  std::string blocks_path;
  ConfigNode blocks = section.Get("network_blocks");
  if (!blocks.missing()) {
    blocks.CheckKeys({"path", "loopback_internal", "link_local_internal", "cgnat_internal", "ula_internal"});
    blocks.Read("path", &blocks_path);
    blocks.Read("loopback_internal", &nb.loopback_internal);
    blocks.Read("link_local_internal", &nb.link_local_internal);
    blocks.Read("cgnat_internal", &nb.cgnat_internal);
    blocks.Read("ula_internal", &nb.ula_internal);
  }
  Status s = blocks_path.empty() ? NetworkBlocks::FromCsv("address_block\n", "<defaults>", nb, &stage->blocks_)
                                 : NetworkBlocks::Load(path(blocks_path), nb, &stage->blocks_);
  if (!s.ok()) blocks.Error(s.message());

  if (url_on || domain_on) {
    UrlDomainOptions uo;
    ConfigNode domains = section.Get("domains");
    if (!domains.missing()) {
      domains.CheckKeys({"public_suffix_list", "include_private", "rank_list", "dyndns_suffixes"});
      std::string psl, rank, dyn;
      domains.Read("public_suffix_list", &psl);
      domains.Read("include_private", &uo.psl_include_private);
      domains.Read("rank_list", &rank);
      domains.Read("dyndns_suffixes", &dyn);
      if (!psl.empty()) uo.psl_file = path(psl);
      if (!rank.empty()) uo.rank_file = path(rank);
      if (!dyn.empty()) uo.dyndns_file = path(dyn);
    }
    Status us = UrlDomainEnricher::Open(uo, &stage->urls_);
    if (!us.ok()) (domains.missing() ? section : domains).Error(us.message());
    if (stage->urls_)
      for (const FileFingerprint& f : stage->urls_->provenance()) {
        std::string base = f.path.substr(f.path.find_last_of('/') + 1);
        prov += (prov.empty() ? "" : " ") + base + "@" + Hex16(f.fnv1a64).substr(0, 8);
      }
  }
  if (errors->size() != before) return false;

  // Output names: schema strings where the schema lists them.
  EnrichStage* st = stage.get();
  auto name = [st, &schema](std::string_view attr, std::string_view suffix) -> std::string_view {
    std::string full = std::string(attr) + std::string(suffix);
    if (const AttributeDef* d = schema.Find(full)) return d->name;
    st->names_.push_back(full);
    return st->names_.back();
  };
  for (size_t i = 0; i < schema.size(); ++i) {
    const AttributeDef& a = schema.at(i);
    if (a.enriched_from != nullptr || a.deprecated) continue;
    if (a.enrichment == EnrichmentKind::kIp && ip_on) {
      st->ip_targets_.push_back(IpTarget{a.name,
                                         name(a.name, "_asnNumber"),
                                         name(a.name, "_asnOrg"),
                                         name(a.name, "_isp"),
                                         name(a.name, "_city"),
                                         name(a.name, "_region"),
                                         name(a.name, "_countryCode"),
                                         name(a.name, "_countryName"),
                                         name(a.name, "_latitude"),
                                         name(a.name, "_longitude"),
                                         name(a.name, "_ipv4IntValue"),
                                         name(a.name, "_version"),
                                         name(a.name, "_isInternal"),
                                         name(a.name, "_location")});
    } else if ((a.enrichment == EnrichmentKind::kUrl && url_on) ||
               (a.enrichment == EnrichmentKind::kDomain && domain_on)) {
      bool is_url = a.enrichment == EnrichmentKind::kUrl;
      st->url_targets_.push_back(UrlTarget{a.name, is_url,
                                           is_url ? name(a.name, "_protocol") : std::string_view(),
                                           name(a.name, "_fqdn"),
                                           name(a.name, "_rootDomain"),
                                           name(a.name, "_tld"),
                                           is_url ? name(a.name, "_path") : std::string_view(),
                                           is_url ? name(a.name, "_queryParameters") : std::string_view(),
                                           name(a.name, "_entropyFqdn"),
                                           name(a.name, "_entropyRootDomain"),
                                           name(a.name, "_rank"),
                                           name(a.name, "_alexaRank"),
                                           name(a.name, "_possibleDynDns")});
    }
  }
  st->provenance_ = prov;
  *out = std::move(stage);
  return true;
}

std::unique_ptr<EnrichStage::Scratch> EnrichStage::NewScratch() const {
  bool urls = false, domains = false;
  for (const UrlTarget& t : url_targets_) (t.is_url ? urls : domains) = true;
  return std::make_unique<Scratch>(ip_targets_.empty() ? 0 : cache_entries_, urls ? cache_entries_ : 0,
                                   domains ? cache_entries_ : 0);
}

void EnrichStage::Apply(Record* record, Scratch* scratch, Arena* arena, EnrichStats* stats,
                        std::vector<std::string_view>* suppressed) const {
  for (const IpTarget& t : ip_targets_) {
    const std::string_view text = record->GetString(t.attr);
    if (!text.empty()) EnrichIp(t, text, record, scratch, stats, suppressed, arena);
  }
  for (const UrlTarget& t : url_targets_) {
    const std::string_view text = record->GetString(t.attr);
    if (!text.empty()) EnrichUrl(t, text, record, scratch, arena, stats);
  }
}

void EnrichStage::EnrichIp(const IpTarget& t, std::string_view text, Record* r, Scratch* s, EnrichStats* stats,
                           std::vector<std::string_view>* suppressed, Arena* arena) const {
  ++stats->ip_lookups;
  size_t hash = s->ip.Hash(text);
  const CachedIp* c = s->ip.Find(text, hash);
  if (c == nullptr) {
    ++stats->cache_misses;
    // The entry is overwritten part by part, not cleared whole first: it is
    // hundreds of bytes, and the cache's entries are mostly out of the
    // nearer caches. An invalid address reads nothing but `valid`; Lookup
    // sets every geo field.
    CachedIp* fresh = s->ip.Insert(text, hash);
    IpAddress addr;
    fresh->valid = ParseIpAddress(text, &addr);
    if (fresh->valid) {
      bool found = false;
      if (geo_) {
        geo_->Lookup(addr, &fresh->geo, &found, &s->geo_records);
      } else {
        fresh->geo = IpGeoResult();
        DeriveIpValues(addr, &fresh->geo);
      }
      fresh->block = blocks_->Lookup(addr);
    }
    c = fresh;
  } else {
    ++stats->cache_hits;
  }
  if (!c->valid) {
    ++stats->invalid_ips;
    return;
  }
  const IpGeoResult& g = c->geo;
  if (g.asn_number) r->Append(t.asn_number, Value::Int(*g.asn_number));
  if (!g.asn_org.empty()) r->Append(t.asn_org, Value::String(g.asn_org));
  if (!g.isp.empty()) r->Append(t.isp, Value::String(g.isp));
  if (!g.city.empty()) r->Append(t.city, Value::String(g.city));
  if (!g.region.empty()) r->Append(t.region, Value::String(g.region));
  if (!g.country_code.empty()) r->Append(t.country_code, Value::String(g.country_code));
  if (!g.country_name.empty()) r->Append(t.country_name, Value::String(g.country_name));
  if (g.latitude) r->Append(t.latitude, CachedDouble(*g.latitude, g.latitude_json, arena));
  if (g.longitude) r->Append(t.longitude, CachedDouble(*g.longitude, g.longitude_json, arena));
  if (g.ipv4_int) r->Append(t.ipv4_int, Value::Int(*g.ipv4_int));
  if (g.version) r->Append(t.version, Value::Int(g.version));
  r->Append(t.is_internal, Value::Bool(c->block.is_internal));
  if (!c->block.location.empty()) r->Append(t.location, Value::String(c->block.location));
  if (c->block.suppresses) {
    std::string reason = "networkBlock:" + std::string(c->block.suppress_label);
    suppressed->push_back(arena->Copy(reason));
  }
}

void EnrichStage::EnrichUrl(const UrlTarget& t, std::string_view text, Record* r, Scratch* s, Arena* arena,
                            EnrichStats* stats) const {
  ++stats->url_lookups;
  LookupCache<StoredUrlEnrichment>& cache = t.is_url ? s->url : s->domain;
  size_t hash = cache.Hash(text);
  const StoredUrlEnrichment* c = cache.Find(text, hash);
  if (c == nullptr) {
    ++stats->cache_misses;
    UrlEnrichment e;
    bool ok = t.is_url ? urls_->EnrichUrl(text, arena, &e) : urls_->EnrichDomain(text, arena, &e.domain);
    StoredUrlEnrichment* slot = cache.Insert(text, hash);
    if (!ok) e = UrlEnrichment();
    slot->Assign(e);
    c = slot;
  } else {
    ++stats->cache_hits;
  }
  const UrlEnrichment& e = c->get();
  const DomainEnrichment& d = e.domain;
  if (d.fqdn.empty()) {
    ++stats->invalid_urls;
    return;
  }
  auto set = [r, arena](const AttrName& name, std::string_view v) {
    if (!name.text.empty() && !v.empty()) r->Append(name, Value::String(arena->Copy(v)));
  };
  set(t.protocol, e.protocol);
  set(t.path, e.path);
  set(t.query, e.query_parameters);
  set(t.fqdn, d.fqdn);
  set(t.root_domain, d.root_domain);
  set(t.tld, d.tld);
  if (d.entropy_fqdn) r->Append(t.entropy_fqdn, CachedDouble(*d.entropy_fqdn, d.entropy_fqdn_json, arena));
  if (d.entropy_root_domain)
    r->Append(t.entropy_root, CachedDouble(*d.entropy_root_domain, d.entropy_root_domain_json, arena));
  if (d.rank) {
    r->Append(t.rank, Value::Int(*d.rank));
    r->Append(t.alexa_rank, Value::Int(*d.rank));
  }
  r->Append(t.dyndns, Value::Bool(d.possible_dyndns));
}

}  // namespace recproc
