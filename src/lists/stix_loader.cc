// STIX 2.1 indicator loading (STIX 2.1 §4.7 Indicator, §9 Patterning).
//
// Pattern subset accepted (whitespace allowed between tokens):
//   pattern    = "[" comparison *("OR" comparison) "]"
//   comparison = object-path "=" string
//   string     = "'" *(char | "\'" | "\\") "'"
// The full patterning language (AND, MATCHES, FOLLOWEDBY, qualifiers) needs
// an evaluator over observations; a list lookup can only answer "is this
// value listed", so only this subset maps onto list items.
#include "lists/stix_loader.h"

#include <nlohmann/json.hpp>

#include "lists/csv_list_loader.h"
#include "lists/indicator_loader.h"
#include "lists/indicator_types.h"

namespace recproc {
namespace {

void SkipSpace(std::string_view s, size_t* pos) {
  while (*pos < s.size() && (s[*pos] == ' ' || s[*pos] == '\t' || s[*pos] == '\n' || s[*pos] == '\r')) ++*pos;
}

std::string StringMember(const nlohmann::json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  return "";
}

}  // namespace

bool ParseStixPattern(std::string_view p, std::vector<StixComparison>* out) {
  out->clear();
  size_t pos = 0;
  SkipSpace(p, &pos);
  if (pos >= p.size() || p[pos] != '[') return false;
  ++pos;
  while (true) {
    SkipSpace(p, &pos);
    // The object path runs to whitespace or '='; quoted hash names keep their quotes.
    size_t start = pos;
    while (pos < p.size() && p[pos] != '=' && p[pos] != ' ' && p[pos] != '\t') {
      if (p[pos] == '\'') {
        size_t close = p.find('\'', pos + 1);
        if (close == std::string_view::npos) return false;
        pos = close;
      }
      ++pos;
    }
    StixComparison c;
    c.path = std::string(p.substr(start, pos - start));
    if (c.path.empty() || c.path.find(':') == std::string::npos) return false;
    SkipSpace(p, &pos);
    if (pos >= p.size() || p[pos] != '=') return false;
    ++pos;
    SkipSpace(p, &pos);
    if (pos >= p.size() || p[pos] != '\'') return false;
    ++pos;
    while (true) {
      if (pos >= p.size()) return false;
      char ch = p[pos++];
      if (ch == '\\' && pos < p.size() && (p[pos] == '\'' || p[pos] == '\\')) {
        c.value.push_back(p[pos++]);
      } else if (ch == '\'') {
        break;
      } else {
        c.value.push_back(ch);
      }
    }
    out->push_back(std::move(c));
    SkipSpace(p, &pos);
    if (pos < p.size() && p[pos] == ']') {
      ++pos;
      SkipSpace(p, &pos);
      return pos == p.size();
    }
    if (p.substr(pos, 2) != "OR" || pos + 2 >= p.size() || (p[pos + 2] != ' ' && p[pos + 2] != '\t'))
      return false;
    pos += 2;
  }
}

bool LoadStix(std::string_view text, const std::string& file, ListItems* out, ConfigErrors* errors) {
  size_t before = errors->size();
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    AddRowError(errors, file, 1, "invalid JSON");
    return false;
  }
  const nlohmann::json* objects = &doc;
  nlohmann::json single = nlohmann::json::array();
  if (doc.is_object()) {
    auto it = doc.find("objects");
    if (it != doc.end() && it->is_array()) {
      objects = &*it;
    } else {
      single.push_back(doc);
      objects = &single;
    }
  }
  if (!objects->is_array()) {
    AddRowError(errors, file, 1, "expected a STIX bundle, an object or an array of objects");
    return false;
  }
  std::vector<StixComparison> comparisons;
  for (const nlohmann::json& obj : *objects) {
    if (!obj.is_object() || StringMember(obj, "type") != "indicator") continue;
    std::string id = StringMember(obj, "id");
    std::string pattern_type = StringMember(obj, "pattern_type");
    std::string pattern = StringMember(obj, "pattern");
    if ((!pattern_type.empty() && pattern_type != "stix") || !ParseStixPattern(pattern, &comparisons)) {
      ++out->unsupported;
      out->warnings.push_back(file + ": indicator " + id + ": unsupported pattern " + pattern);
      continue;
    }
    bool all_mapped = true;
    for (const StixComparison& c : comparisons)
      all_mapped = all_mapped && !ColumnForIndicatorType(c.path).empty();
    if (!all_mapped) {
      ++out->unsupported;
      out->warnings.push_back(file + ": indicator " + id + ": unsupported pattern " + pattern);
      continue;
    }
    std::string threat_type;
    if (auto it = obj.find("indicator_types");
        it != obj.end() && it->is_array() && !it->empty() && it->front().is_string())
      threat_type = it->front().get<std::string>();
    std::string valid_from = StringMember(obj, "valid_from"), valid_until = StringMember(obj, "valid_until"),
                confidence = StringMember(obj, "confidence"), source = StringMember(obj, "created_by_ref");
    size_t first_item = out->items.size();
    for (const StixComparison& c : comparisons) {
      AddIndicator({id, c.value, c.path, source, valid_from, valid_until, threat_type, confidence}, file, 0,
                   "indicator " + id + ": ", out, errors);
    }
    auto revoked = obj.find("revoked");
    if (revoked != obj.end() && revoked->is_boolean() && revoked->get<bool>())
      for (size_t i = first_item; i < out->items.size(); ++i) out->items[i].active = false;
    auto name = obj.find("name");
    if (name != obj.end() && name->is_string()) {
      TextRef desc = out->text.Add(name->get<std::string>());
      for (size_t i = first_item; i < out->items.size(); ++i) out->items[i].description = desc;
    }
  }
  return errors->size() == before;
}

}  // namespace recproc
