// ProgressBar: redrawn in place with a carriage return at most ten times a
// second (the runner reports once per batch, which can be far more often),
// and erased at the end so the terminal is left as it was. The first draw
// waits half a second: short runs should stay silent.
#include "cli/progress.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

namespace recproc {

std::unique_ptr<ProgressBar> ProgressBar::MaybeCreate(const std::vector<std::string>& inputs, bool quiet) {
  if (quiet || inputs.empty() || !isatty(STDERR_FILENO)) return nullptr;
  uint64_t total = 0;
  for (const std::string& path : inputs) {
    struct stat st;
    if (path == "-" || stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return nullptr;
    total += static_cast<uint64_t>(st.st_size);
  }
  if (total == 0) return nullptr;
  return std::make_unique<ProgressBar>(stderr, total);
}

ProgressBar::ProgressBar(FILE* out, uint64_t total_bytes)
    : out_(out), total_(total_bytes), start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

std::string ProgressBar::Render(uint64_t bytes, uint64_t total, uint64_t lines, double seconds) {
  constexpr int kWidth = 30;
  bytes = std::min(bytes, total);
  double fraction = total == 0 ? 1.0 : static_cast<double>(bytes) / static_cast<double>(total);
  int filled = static_cast<int>(fraction * kWidth);
  std::string s = "[";
  s.append(filled, '#');
  s.append(kWidth - filled, '.');
  s += ']';
  char buf[160];
  double mb_s = seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0;
  char count[32];
  if (lines >= 1000000)
    std::snprintf(count, sizeof count, "%.1fM", static_cast<double>(lines / 100000) / 10.0);
  else if (lines >= 1000)
    std::snprintf(count, sizeof count, "%lluk", static_cast<unsigned long long>(lines / 1000));
  else
    std::snprintf(count, sizeof count, "%llu", static_cast<unsigned long long>(lines));
  std::snprintf(buf, sizeof buf, " %3d%%  %s lines  %.1f MB/s", static_cast<int>(fraction * 100), count,
                mb_s);
  s += buf;
  if (bytes > 0 && bytes < total && seconds > 0) {
    uint64_t eta =
        static_cast<uint64_t>(seconds * static_cast<double>(total - bytes) / static_cast<double>(bytes));
    std::snprintf(buf, sizeof buf, "  ETA %llu:%02llu", static_cast<unsigned long long>(eta / 60),
                  static_cast<unsigned long long>(eta % 60));
    s += buf;
  }
  return s;
}

void ProgressBar::Advance(uint64_t bytes, uint64_t lines) {
  auto now = std::chrono::steady_clock::now();
  if (now - start_ < std::chrono::milliseconds(500)) return;
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  drawn_ = true;
  double seconds = std::chrono::duration<double>(now - start_).count();
  std::fprintf(out_, "\r%s\033[K", Render(bytes, total_, lines, seconds).c_str());
  std::fflush(out_);
}

void ProgressBar::Finish() {
  if (!drawn_) return;
  std::fputs("\r\033[K", out_);
  std::fflush(out_);
  drawn_ = false;
}

}  // namespace recproc
