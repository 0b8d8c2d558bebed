// RFC 4180 record reading for list files.
//
// Grammar (RFC 4180 §2, relaxed as list exports need):
//   file   = *(record (CRLF | LF)) [record]
//   record = field *("," field)
//   field  = quoted | bare
//   quoted = DQUOTE *(any char except DQUOTE | DQUOTE DQUOTE) DQUOTE   ; may span lines
//   bare   = *(any char except "," CR LF)      ; a DQUOTE inside is kept as is
// A quoted field followed by anything but a comma or line end, or one left
// open at end of input, is "broken quoting" and reported at its record's line.
#include "lists/csv_records.h"

namespace recproc {

bool CsvRecords::AtLineEnd() const {
  return pos_ >= text_.size() || text_[pos_] == '\n' || text_[pos_] == '\r';
}

void CsvRecords::SkipLineEnd() {
  if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
  if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
  ++line_;
}

CsvRecords::Result CsvRecords::Next(std::vector<std::string>* fields, std::string* error) {
  // Skip blank and comment lines.
  while (pos_ < text_.size()) {
    if (text_[pos_] == '\n' || text_[pos_] == '\r') {
      SkipLineEnd();
    } else if (options_.comments && text_[pos_] == '#') {
      size_t end = text_.find_first_of("\r\n", pos_);
      if (end == std::string_view::npos) end = text_.size();
      std::string_view comment = text_.substr(pos_ + 1, end - pos_ - 1);
      while (!comment.empty() && comment.front() == ' ') comment.remove_prefix(1);
      last_comment_ = comment;
      pos_ = end;
      SkipLineEnd();
    } else {
      break;
    }
  }
  if (pos_ >= text_.size()) return Result::kEnd;
  record_line_ = line_;
  size_t count = 0;
  auto next_field = [&]() -> std::string* {
    if (fields->size() <= count) fields->emplace_back();
    std::string* f = &(*fields)[count++];
    f->clear();
    return f;
  };
  while (true) {
    std::string* field = next_field();
    if (options_.trim_leading_spaces)
      while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      ++pos_;
      while (true) {
        if (pos_ >= text_.size()) {
          *error = "unterminated quoted field " + std::to_string(count);
          fields->resize(count);
          return Result::kError;
        }
        char c = text_[pos_++];
        if (c == '"') {
          if (pos_ < text_.size() && text_[pos_] == '"') {
            field->push_back('"');
            ++pos_;
            continue;
          }
          break;
        }
        if (c == '\n') ++line_;
        field->push_back(c);
      }
      if (!AtLineEnd() && text_[pos_] != ',') {
        *error = "broken quoting in field " + std::to_string(count) + ": '" + std::string(1, text_[pos_]) +
                 "' after the closing quote";
        size_t end = text_.find('\n', pos_);
        pos_ = end == std::string_view::npos ? text_.size() : end;
        SkipLineEnd();
        fields->resize(count);
        return Result::kError;
      }
    } else {
      // A plain loop: find_first_of with a three-byte set runs memchr per
      // input byte, which was the largest cost of loading a big list.
      size_t end = pos_;
      while (end < text_.size() && text_[end] != ',' && text_[end] != '\n' && text_[end] != '\r') ++end;
      field->assign(text_.substr(pos_, end - pos_));
      pos_ = end;
    }
    if (pos_ < text_.size() && text_[pos_] == ',') {
      ++pos_;
      continue;
    }
    SkipLineEnd();
    break;
  }
  fields->resize(count);
  return Result::kRecord;
}

}  // namespace recproc
