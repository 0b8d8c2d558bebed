// List kinds by name and the text pool behind list items.
#include "lists/list_model.h"

namespace recproc {

std::string_view ListKindName(ListKind kind) {
  switch (kind) {
    case ListKind::kMatch:
      return "match";
    case ListKind::kSuppressed:
      return "suppressed";
    case ListKind::kThreat:
      return "threat";
  }
  return "match";
}

bool ParseListKind(std::string_view text, ListKind* kind) {
  for (ListKind k : {ListKind::kMatch, ListKind::kSuppressed, ListKind::kThreat}) {
    if (text == ListKindName(k)) {
      *kind = k;
      return true;
    }
  }
  return false;
}

TextRef TextPool::Add(std::string_view text) {
  TextRef ref{static_cast<uint32_t>(buffer_.size()), static_cast<uint32_t>(text.size())};
  buffer_.append(text);
  return ref;
}

const IndicatorAttributes& ListItems::Indicator(const ListItem& item) const {
  static const IndicatorAttributes kNone;
  return item.indicator == kNoIndicator ? kNone : indicators[item.indicator];
}

IndicatorAttributes* ListItems::AddIndicator(ListItem* item) {
  item->indicator = static_cast<uint32_t>(indicators.size());
  return &indicators.emplace_back();
}

}  // namespace recproc
