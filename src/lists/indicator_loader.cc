// The normalized indicator formats (CSV and JSON/NDJSON). nlohmann-json reads
// the JSON: indicator files are small documents read once at load, not the
// hot path.
#include "lists/indicator_loader.h"

#include <charconv>
#include <nlohmann/json.hpp>
#include <vector>

#include "lists/csv_list_loader.h"
#include "lists/csv_records.h"
#include "lists/expiry_time.h"
#include "lists/indicator_types.h"
#include "util/ascii_space.h"

namespace recproc {
namespace {

// Reads a string member; a number is taken as its text (confidence is often
// written as a number). Absent or null gives "".
std::string Member(const nlohmann::json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  return it->dump();
}

bool AddJsonIndicator(const nlohmann::json& obj, const std::string& file, int line, const std::string& where,
                      ListItems* out, ConfigErrors* errors) {
  if (!obj.is_object()) {
    AddRowError(errors, file, line, where + "expected an indicator object");
    return false;
  }
  std::string id = Member(obj, "id"), indicator = Member(obj, "indicator"), type = Member(obj, "type"),
              source = Member(obj, "source"), valid_from = Member(obj, "validFrom"),
              valid_until = Member(obj, "validUntil"), threat_type = Member(obj, "threatType"),
              confidence = Member(obj, "confidence");
  return AddIndicator({id, indicator, type, source, valid_from, valid_until, threat_type, confidence}, file,
                      line, where, out, errors);
}

}  // namespace

bool AddIndicator(const IndicatorFields& f, const std::string& file, int line, const std::string& where,
                  ListItems* out, ConfigErrors* errors) {
  std::string_view value = TrimAsciiSpace(f.indicator);
  if (value.empty()) {
    AddRowError(errors, file, line, where + "indicator " + std::string(f.id) + " has no indicator value");
    return false;
  }
  std::string_view column = ColumnForIndicatorType(TrimAsciiSpace(f.type));
  if (column.empty()) {
    ++out->unsupported;
    out->warnings.push_back(file + ":" + std::to_string(line) + ": " + where + "indicator " +
                            std::string(f.id) + ": type '" + std::string(f.type) +
                            "' has no list column; skipped");
    return true;
  }
  ListItem item;
  item.line = line;
  std::string_view until = TrimAsciiSpace(f.valid_until);
  if (!until.empty() && !ParseExpiryTime(until, &item.expiration_ms)) {
    AddRowError(errors, file, line,
                where + "validUntil '" + std::string(until) + "' is not an ISO 8601 time");
    return false;
  }
  std::string_view confidence = TrimAsciiSpace(f.confidence);
  int c = -1;
  if (!confidence.empty()) {
    auto [end, ec] = std::from_chars(confidence.data(), confidence.data() + confidence.size(), c);
    if (ec != std::errc() || end != confidence.data() + confidence.size() || c < 0 || c > 100) {
      AddRowError(errors, file, line, where + "confidence '" + std::string(confidence) + "' is not 0..100");
      return false;
    }
  }
  item.value = out->text.Add(value);
  // Feeds repeat type, source and dates; mixed feeds alternate between two
  // runs, so the last two rows are tried.
  size_t n = out->indicators.size();
  IndicatorAttributes p1 = n > 0 ? out->indicators[n - 1] : IndicatorAttributes{};
  IndicatorAttributes p2 = n > 1 ? out->indicators[n - 2] : IndicatorAttributes{};
  auto shared = [&](TextRef IndicatorAttributes::*field, std::string_view text) {
    return out->text.Get(p2.*field) == text ? p2.*field : out->text.AddLike(p1.*field, text);
  };
  IndicatorAttributes* ind = out->AddIndicator(&item);
  ind->confidence = c;
  ind->column = shared(&IndicatorAttributes::column, column);
  ind->id = out->text.Add(TrimAsciiSpace(f.id));
  ind->type = shared(&IndicatorAttributes::type, TrimAsciiSpace(f.type));
  ind->source = shared(&IndicatorAttributes::source, TrimAsciiSpace(f.source));
  ind->threat_type = shared(&IndicatorAttributes::threat_type, TrimAsciiSpace(f.threat_type));
  ind->valid_from = shared(&IndicatorAttributes::valid_from, TrimAsciiSpace(f.valid_from));
  ind->valid_until = shared(&IndicatorAttributes::valid_until, until);
  out->items.push_back(item);
  return true;
}

bool LoadIndicatorCsv(std::string_view text, const std::string& file, ListItems* out, ConfigErrors* errors) {
  size_t before = errors->size();
  CsvRecords reader(text, CsvOptions{});
  ReserveForRows(text, out);
  out->indicators.reserve(out->items.capacity());
  std::vector<std::string> row;
  std::string error;
  CsvRecords::Result r;
  while ((r = reader.Next(&row, &error)) != CsvRecords::Result::kEnd) {
    if (r == CsvRecords::Result::kError) {
      AddRowError(errors, file, reader.line(), error);
      continue;
    }
    if (row.size() < 8 || row.size() > 10) {
      AddRowError(
          errors, file, reader.line(),
          "expected 8 to 10 columns (id,indicator,type,source,validFrom,validUntil,confidence,threatType"
          "[,actors,killChain]), found " +
              std::to_string(row.size()));
      continue;
    }
    AddIndicator({row[0], row[1], row[2], row[3], row[4], row[5], row[7], row[6]}, file, reader.line(), "",
                 out, errors);
  }
  return errors->size() == before;
}

bool LoadIndicatorJson(std::string_view text, const std::string& file, ListItems* out, ConfigErrors* errors) {
  size_t before = errors->size();
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return true;
  if (text[first] == '[') {
    nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) {
      AddRowError(errors, file, 1, "invalid JSON");
      return false;
    }
    for (size_t i = 0; i < doc.size(); ++i)
      AddJsonIndicator(doc[i], file, 0, "element " + std::to_string(i) + ": ", out, errors);
    return errors->size() == before;
  }
  int line = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view one = TrimAsciiSpace(text.substr(pos, end - pos));
    ++line;
    pos = end + 1;
    if (one.empty()) continue;
    nlohmann::json obj = nlohmann::json::parse(one, nullptr, /*allow_exceptions=*/false);
    if (obj.is_discarded()) {
      AddRowError(errors, file, line, "invalid JSON");
      continue;
    }
    AddJsonIndicator(obj, file, line, "", out, errors);
  }
  return errors->size() == before;
}

}  // namespace recproc
