#include "cli/progress.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace recproc {
namespace {

TEST(ProgressBar, RenderShowsFractionRateAndEta) {
  // 25 MB of 100 MB in 5 s: 5 MB/s, 15 s to go.
  EXPECT_EQ(ProgressBar::Render(25'000'000, 100'000'000, 123'456, 5.0),
            "[#######.......................]  25%  123k lines  5.0 MB/s  ETA 0:15");
  EXPECT_EQ(ProgressBar::Render(100, 100, 12, 2.0),
            "[##############################] 100%  12 lines  0.0 MB/s");
  EXPECT_EQ(ProgressBar::Render(0, 100, 0, 0.0), "[..............................]   0%  0 lines  0.0 MB/s");
  // Millions of lines and minutes of ETA.
  EXPECT_EQ(ProgressBar::Render(1'000'000'000, 4'000'000'000, 2'500'000, 100.0),
            "[#######.......................]  25%  2.5M lines  10.0 MB/s  ETA 5:00");
}

TEST(ProgressBar, NotCreatedForStdinOrWhenQuiet) {
  EXPECT_EQ(ProgressBar::MaybeCreate({"-"}, false), nullptr);
  EXPECT_EQ(ProgressBar::MaybeCreate({}, false), nullptr);
  EXPECT_EQ(ProgressBar::MaybeCreate({"/etc/hostname"}, true), nullptr);
  EXPECT_EQ(ProgressBar::MaybeCreate({"/no/such/file"}, false), nullptr);
}

TEST(ProgressBar, SilentBeforeHalfASecondAndFinishWithoutDrawIsSilent) {
  char* buf = nullptr;
  size_t size = 0;
  FILE* out = open_memstream(&buf, &size);
  {
    ProgressBar bar(out, 1000);
    bar.Advance(500, 10);  // too early to draw
    bar.Finish();
  }
  std::fclose(out);
  EXPECT_EQ(size, 0u);
  free(buf);
}

}  // namespace
}  // namespace recproc
