// Reading the game a command was given: a file path, or "-" for standard input.
#pragma once

#include <impasse/strategic_game.hpp>

#include <iosfwd>
#include <string>

namespace impasse::cli {

/// The name errors give the input: the path, or "<stdin>" for "-".
[[nodiscard]] std::string source_name(const std::string& file);

/// Reads the strategic game in `file` (or `in` for "-") exactly; throws
/// `file_error` or `parse_error`.
[[nodiscard]] strategic_game<rational> read_strategic_game(const std::string& file, std::istream& in);

}  // namespace impasse::cli
