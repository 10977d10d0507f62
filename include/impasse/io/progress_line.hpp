// A progress line on standard error, for programs that run solvers: fed by
// a solver's `on_progress` (core/result.hpp), drawn in place ("\r") at most
// ten times a second, and erased when done. It is drawn only when standard
// error is a terminal: pipes, files and CI logs get nothing, so the output
// of a program stays the same whether or not anyone watches it.
#pragma once

#include <impasse/core/result.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <utility>

#include <unistd.h>

namespace impasse {

class progress_line {
 public:
  /// `what`: the task, shown before the count (e.g. "vertex enumeration").
  /// `enabled`: draw at all; by default, when standard error is a terminal.
  explicit progress_line(std::string what, bool enabled = ::isatty(STDERR_FILENO) != 0)
      : what_(std::move(what)), enabled_(enabled) {}
  progress_line(const progress_line&) = delete;
  progress_line& operator=(const progress_line&) = delete;
  ~progress_line() { clear(); }

  /// The callback to put in a solver's options (`.on_progress`); empty
  /// when the line is not drawn, so the solver does not even call it.
  [[nodiscard]] progress_callback callback() {
    if (!enabled_) return {};
    return [this](const progress& p) { draw(p); };
  }

  /// Draws `p` now, if enough time has passed since the last line.
  void draw(const progress& p) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    drawn_ = true;
    std::string line = "\r" + what_ + ": " + std::to_string(p.done);
    if (p.total != 0) {
      line += " of " + std::to_string(p.total);
      line += " " + std::string(p.unit) + " (" + std::to_string(p.done * 100 / p.total) + "%)";
    } else {
      line += " " + std::string(p.unit);
    }
    line += "\033[K";  // erase what a longer line left
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
  }

  /// Erases the line, if one was drawn.
  void clear() {
    if (!drawn_) return;
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
    drawn_ = false;
  }

 private:
  std::string what_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace impasse
