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

using any_game = std::variant<strategic_game<rational>, extensive_game<rational>>;

/// Reads the game in `file` (or `in` for "-") exactly: an extensive game if
/// the text starts with `EFG`, else a strategic game. Throws `file_error`
/// or `parse_error`.
[[nodiscard]] any_game read_game(const std::string& file, std::istream& in);

}  // namespace impasse::cli
