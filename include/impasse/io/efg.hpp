// Gambit's extensive-game file format (.efg, version 2):
//
//   EFG 2 R "title" { "Player 1" "Player 2" }
//   "optional comment"
//   c "node" 1 "infoset" { "Heads" 1/2 "Tails" 1/2 } 0
//   p "node" 1 1 "infoset" { "Up" "Down" } 1 "outcome" { 1, -1 }
//   t "node" 2 "outcome" { 0, 0 }
//
// Nodes come in depth-first order: chance (`c`: node label, information
// set number, then the set's label, actions and probabilities the first
// time it appears), personal (`p`: node label, player, information set
// number, label and actions) and terminal (`t`). Each node ends with an
// outcome number (0: none), followed by the outcome's label and payoffs the
// first time it appears. Numbers are kept exact; chance probabilities must
// sum to exactly one. Node and information-set labels may repeat.
//
// Errors throw `parse_error` with source, line, column and what was expected.
#pragma once

#include <impasse/extensive/game.hpp>

#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>

namespace impasse {

[[nodiscard]] extensive_game<rational> parse_efg(std::string_view text, std::string_view source = "<string>");
[[nodiscard]] extensive_game<rational> read_efg(std::istream& in, std::string_view source = "<stream>");
/// A file that cannot be opened throws `file_error`.
[[nodiscard]] extensive_game<rational> read_efg_file(const std::filesystem::path& path);

/// Writes `game` in depth-first order, numbering each player's information
/// sets and the outcomes in order of first appearance, so that reading the
/// text back gives an equal game (for games read from files, and for games
/// built with information sets created in that order). A `double` game's
/// chance probabilities are written as the simplest fractions that round to
/// them, adjusted to sum to exactly one: 1/3 stays 1/3.
void write_efg(std::ostream& out, const extensive_game<rational>& game);
void write_efg(std::ostream& out, const extensive_game<double>& game);
[[nodiscard]] std::string to_efg(const extensive_game<rational>& game);
[[nodiscard]] std::string to_efg(const extensive_game<double>& game);

}  // namespace impasse
