// Reading the game a command was given: a file path, or "-" for standard input.
#pragma once

#include <impasse/extensive/game.hpp>
#include <impasse/strategic/game.hpp>

#include <iosfwd>
#include <string>
#include <variant>

namespace impasse::cli {

/// The name errors give the input: the path, or "<stdin>" for "-".
[[nodiscard]] std::string source_name(const std::string& file);

/// A game as read: exact, or a strategic game in double for a method that
/// computes in double (see `read_game`).
using any_game = std::variant<strategic_game<rational>, extensive_game<rational>, strategic_game<double>>;

/// How `read_game` keeps a strategic game's payoffs.
enum class strategic_numbers {
  exact,   ///< as rationals
  double_  ///< each rounded once to the nearest double (the game `convert<double>` would give)
};

/// Reads the game in `file` (or `in` for "-"): an extensive game (exactly)
/// if the text starts with `EFG`, else a strategic game, in rationals or,
/// with `strategic_numbers::double_`, straight into doubles. Throws
/// `file_error` or `parse_error`.
[[nodiscard]] any_game read_game(const std::string& file, std::istream& in,
                                 strategic_numbers numbers = strategic_numbers::exact);

}  // namespace impasse::cli
