// The progress line `run`, `fetch` and `reextract` draw on stderr: redrawn
// in place at most twice a second, with rates and, when the work's size is
// known, how much is done and an ETA. Tested by tests/cli_test.sh.
#ifndef VNREFORM_PIPELINE_PROGRESS_H_
#define VNREFORM_PIPELINE_PROGRESS_H_

#include <chrono>
#include <functional>
#include <string>

namespace vnreform {

class Progress {
 public:
  // Draws nothing unless `on`. `total`: the size of the work, in the unit
  // Update's `done` counts (0: unknown, no share or ETA).
  explicit Progress(bool on, double total = 0);

  // Draws line(seconds since start) when half a second has passed since the
  // last draw (always when `final`), followed by ", N%, ETA m:ss" when the
  // total is known and the work not final. A final line ends with '\n'.
  void Update(double done, const std::function<std::string(double seconds)>& line,
              bool final = false);
  // Erases the line (for a command that prints its own summary after).
  void Clear();
  double seconds() const;

 private:
  using Clock = std::chrono::steady_clock;
  bool on_;
  double total_;
  Clock::time_point start_, last_;
};

// printf into a std::string, for progress lines.
std::string StringPrintf(const char* format, ...) __attribute__((format(printf, 1, 2)));

}  // namespace vnreform

#endif  // VNREFORM_PIPELINE_PROGRESS_H_
