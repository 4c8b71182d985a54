// The progress line on stderr. Tested by tests/cli_test.sh.
#include "pipeline/progress.h"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>

namespace vnreform {
namespace {

// "1:05" or "2:03:04" for an ETA.
std::string Duration(double seconds) {
  const long t = std::lround(seconds);
  char buf[32];
  if (t >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", t / 60, t % 60);
  return buf;
}

}  // namespace

std::string StringPrintf(const char* format, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, format);
  const int n = std::vsnprintf(buf, sizeof buf, format, ap);
  va_end(ap);
  return std::string(buf, std::clamp(n, 0, static_cast<int>(sizeof buf) - 1));
}

Progress::Progress(bool on, double total)
    : on_(on), total_(total), start_(Clock::now()), last_(start_) {}

void Progress::Update(double done, const std::function<std::string(double)>& line,
                      bool final) {
  if (!on_) return;
  const auto now = Clock::now();
  if (!final && now - last_ < std::chrono::milliseconds(500)) return;
  last_ = now;
  const double s = std::chrono::duration<double>(now - start_).count();
  std::string text = line(s);
  if (total_ > 0 && !final) {
    const double rate = s > 0 ? done / s : 0.0;
    text += ", " + std::to_string(std::lround(std::min(100.0, 100 * done / total_))) +
            "%" + (rate > 0 && s >= 1 ? ", ETA " + Duration((total_ - done) / rate) : "");
  }
  // \033[K: a shorter line must not leave the end of a longer one.
  std::fprintf(stderr, "\r%s\033[K%s", text.c_str(), final ? "\n" : "");
  std::fflush(stderr);
}

void Progress::Clear() {
  if (!on_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
}

double Progress::seconds() const {
  return std::chrono::duration<double>(Clock::now() - start_).count();
}

}  // namespace vnreform
