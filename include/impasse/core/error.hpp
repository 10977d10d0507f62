// The exceptions impasse throws. Every one derives from `impasse::error`
// (itself a `std::runtime_error`), so one handler catches all of them. Bad
// input and misuse throw the kinds below `error` whose messages say what was
// wrong and where; `internal_error` alone means a bug in impasse, not in the
// input. How a solver *ended* (complete, limit reached, cancelled) is never an
// exception: it is part of the solver's result.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace impasse {

/// Base of every exception impasse throws: on bad input or misuse (every
/// kind below but `internal_error`) and on a broken invariant.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A game file that does not parse. `what()` reads
/// `SOURCE:LINE:COLUMN: MESSAGE`; the parts are also available one by one.
/// Lines and columns count from 1.
class parse_error : public error {
 public:
  parse_error(std::string source, std::size_t line, std::size_t column, std::string message)
      : error(source + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message),
        source_(std::move(source)),
        line_(line),
        column_(column),
        message_(std::move(message)) {}

  [[nodiscard]] const std::string& source() const noexcept { return source_; }
  [[nodiscard]] std::size_t line() const noexcept { return line_; }
  [[nodiscard]] std::size_t column() const noexcept { return column_; }
  /// The message without the location.
  [[nodiscard]] const std::string& message() const noexcept { return message_; }

 private:
  std::string source_;
  std::size_t line_;
  std::size_t column_;
  std::string message_;
};

/// A file that cannot be opened or read.
class file_error : public error {
 public:
  using error::error;
};

/// A game that cannot exist: no players, a player without strategies, more
/// pure profiles than memory can index, a payoff that is NaN or infinite,
/// payoff tables whose shapes disagree.
class invalid_game : public error {
 public:
  using error::error;
};

/// A strategy profile that does not fit its game: wrong number of players or
/// strategies, a negative probability, probabilities that do not sum to one.
class invalid_profile : public error {
 public:
  using error::error;
};

/// A solver asked for something it does not do (for example a two-player
/// algorithm given a three-player game), or options out of range.
class invalid_argument : public error {
 public:
  using error::error;
};

/// An invariant of an algorithm failed: for example exact pivoting found no
/// leaving variable, or a vertex found in floating point did not confirm in
/// rationals where it must. This is a bug in impasse, never a consequence of
/// the input (which would throw one of the kinds above); please report it
/// with the input that caused it. Programs may catch it apart from the other
/// kinds, as the `impasse` command does (status 3, "internal error").
class internal_error : public error {
 public:
  using error::error;
};

}  // namespace impasse
