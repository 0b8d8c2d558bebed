// Fuzz target: the http_json page decoder. Input: first line = items_path,
// second line = next_path, rest = the response body. A next value found is
// resolved against a request URL, as the paging loop does.
#include <string>
#include <string_view>

#include "daemon/sources/http_json_source.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto line = [&in]() {
    size_t nl = in.find('\n');
    std::string_view l = in.substr(0, nl);
    in.remove_prefix(nl == std::string_view::npos ? in.size() : nl + 1);
    return std::string(l);
  };
  std::string items_path = line();
  std::string next_path = line();
  std::string body(in);  // exactly sized: a read past the end is caught
  recproc::HttpJsonPage page;
  size_t sink = 0;
  if (recproc::DecodeHttpJsonPage(body, items_path, next_path, &page).ok()) {
    for (const auto& item : page.items) sink += item.dump().size();
    if (page.next) {
      sink += recproc::ResolveNextUrl("https://api.example.org/v1/alerts?since=1", *page.next).size();
      sink += recproc::ResolveNextUrl("api", *page.next).size();
    }
  }
  volatile size_t keep = sink;
  (void)keep;
  return 0;
}
