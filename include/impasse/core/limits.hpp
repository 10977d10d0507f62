// The limits impasse's readers and the `impasse` command put on their input,
// in one place. A file that exceeds one is refused with a `limit_exceeded`
// error naming the limit (its field below) before anything of the asked-for
// size is allocated; a program that must read larger games raises the limit:
//
//   auto limits = impasse::input_limits_in_force();
//   limits.max_pure_profiles = 1'000'000'000;
//   impasse::set_input_limits(limits);
//
// The limits are process-wide; set them before reading, not while another
// thread reads.
#pragma once

#include <impasse/core/error.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace impasse {

struct input_limits {
  /// Bytes in one input (a file or standard input): 64 MiB. A game at this
  /// size still reads in about a second.
  std::size_t max_input_bytes = std::size_t{64} << 20;
  /// Bytes in one title, label, comment, JSON string or word: 1 MiB.
  std::size_t max_token_bytes = std::size_t{1} << 20;
  /// Digits in one number, numerator and denominator (or mantissa and
  /// exponent) together: 10^4. Exponents are bounded apart (at most 4000).
  std::size_t max_number_digits = 10'000;
  /// Pure strategy profiles of a strategic game, of the reduced strategic
  /// form of an extensive game, or of the action profiles of one state of a
  /// stochastic game: 10^8.
  std::size_t max_pure_profiles = 100'000'000;
  /// Players of a game: 64 (with two strategies each, 70 players would need
  /// 2^70 profiles).
  std::size_t max_players = 64;
  /// Nesting of JSON arrays and objects: 64 (the formats need at most 6).
  std::size_t max_nesting_depth = 64;
  /// Nodes of an extensive game tree: 10^7.
  std::size_t max_tree_nodes = 10'000'000;
  /// Entries of a dense matrix a solver builds from a game (the tableau of
  /// the sequence-form LCP, the sequence-form LP's constraints): 10^8. A
  /// valid but large tree (a chain of 300,000 decisions) is refused at once
  /// instead of allocating terabytes.
  std::size_t max_dense_entries = 100'000'000;
};

/// The limits the readers use now (the defaults above unless set).
[[nodiscard]] input_limits input_limits_in_force() noexcept;
/// Replaces the limits the readers use.
void set_input_limits(const input_limits& limits) noexcept;

/// An input over one of the `input_limits`. `what()` reads `WHERE: WHAT
/// exceeds the limit of N (input_limits::FIELD)`; `limit()` is the field.
class limit_exceeded : public error {
 public:
  limit_exceeded(std::string message, std::string limit) : error(std::move(message)), limit_(std::move(limit)) {}
  [[nodiscard]] const std::string& limit() const noexcept { return limit_; }

 private:
  std::string limit_;
};

namespace detail {

/// `N (input_limits::FIELD)`, the tail of every limit message.
[[nodiscard]] inline std::string limit_text(std::size_t value, std::string_view field) {
  return std::to_string(value) + " (input_limits::" + std::string(field) + ")";
}

/// Throws `limit_exceeded` when `value > limit`: "WHERE: WHAT (VALUE) exceeds
/// the limit of LIMIT (input_limits::FIELD)". `where` may be empty.
inline void enforce_limit(std::size_t value, std::size_t limit, std::string_view field, const std::string& where,
                          const std::string& what) {
  if (value <= limit) return;
  throw limit_exceeded((where.empty() ? std::string() : where + ": ") + what + " exceeds the limit of " +
                           limit_text(limit, field),
                       std::string(field));
}

}  // namespace detail
}  // namespace impasse
