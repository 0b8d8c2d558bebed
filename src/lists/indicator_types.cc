// Indicator type → list column tables. STIX 2.1 cyber-observable types
// (STIX 2.1 §6) and MISP attribute types (MISP core format, "categories and
// types") reduced to the columns of content/default/list_columns.yaml.
#include "lists/indicator_types.h"

#include <string>

namespace recproc {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool IsHashName(std::string_view name) {
  if (name.size() >= 2 && name.front() == '\'' && name.back() == '\'') name = name.substr(1, name.size() - 2);
  for (std::string_view h : {"md5", "sha-1", "sha1", "sha-256", "sha256", "sha-512", "sha512", "sha3-256",
                             "sha3-512", "ssdeep", "tlsh", "imphash", "pehash"})
    if (EqualsIgnoreCase(name, h)) return true;
  return false;
}

}  // namespace

std::string_view ColumnForIndicatorType(std::string_view type) {
  std::string_view object = type, property;
  if (size_t colon = type.find(':'); colon != std::string_view::npos) {
    object = type.substr(0, colon);
    property = type.substr(colon + 1);
  }
  if (EqualsIgnoreCase(object, "file")) {
    if (property.empty()) return "FileHash";
    if (property.size() > 7 && EqualsIgnoreCase(property.substr(0, 7), "hashes.") &&
        IsHashName(property.substr(7)))
      return "FileHash";
    return "";
  }
  bool value_property = property.empty() || EqualsIgnoreCase(property, "value");
  if ((EqualsIgnoreCase(object, "ipv4-addr") || EqualsIgnoreCase(object, "ipv6-addr")) && value_property)
    return "Ip";
  if (EqualsIgnoreCase(object, "domain-name") && value_property) return "Domain";
  if (EqualsIgnoreCase(object, "url") && value_property) return "Url";
  if (EqualsIgnoreCase(object, "email-addr") && value_property) return "Email";
  if (EqualsIgnoreCase(object, "user-account") &&
      (property.empty() || EqualsIgnoreCase(property, "account_login") ||
       EqualsIgnoreCase(property, "user_id")))
    return "Username";
  if (EqualsIgnoreCase(object, "autonomous-system") &&
      (property.empty() || EqualsIgnoreCase(property, "number")))
    return "Asn";
  return "";
}

std::string_view ColumnForMispType(std::string_view type) {
  struct Entry {
    std::string_view type, column;
  };
  static constexpr Entry kTable[] = {
      {"ip-src", "Ip"},
      {"ip-dst", "Ip"},
      {"domain", "Domain"},
      {"hostname", "Hostname"},
      {"url", "Url"},
      {"uri", "Url"},
      {"link", ""},
      {"md5", "FileHash"},
      {"sha1", "FileHash"},
      {"sha224", "FileHash"},
      {"sha256", "FileHash"},
      {"sha384", "FileHash"},
      {"sha512", "FileHash"},
      {"ssdeep", "FileHash"},
      {"imphash", "FileHash"},
      {"tlsh", "FileHash"},
      {"pehash", "FileHash"},
      {"email", "Email"},
      {"email-src", "Email"},
      {"email-dst", "Email"},
      {"target-email", "Email"},
      {"target-user", "Username"},
      {"AS", "Asn"},
  };
  for (const Entry& e : kTable)
    if (type == e.type) return e.column;
  return "";
}

}  // namespace recproc
