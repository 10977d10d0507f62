// lrslib's `lrsnash` input format for two-player games, so that the same
// game can be given to impasse and to lrsnash:
//
//   m n
//
//   A (m rows of n entries: the row player's payoffs)
//
//   B (m rows of n entries: the column player's payoffs)
//
// Entries are written as integers or `p/q`, which lrsnash reads exactly.
//
// lrsnash prints each equilibrium block as one or more lines "2 y_1 .. y_n v"
// (player 2's strategy and player 1's payoff) followed by lines
// "1 x_1 .. x_m u" (player 1's strategy and player 2's payoff); every x of a
// block pairs with every y. Blocks are separated by blank lines; lines
// starting with '*' are comments. `parse_lrsnash_output` reads that, so that
// lrsnash can serve as an oracle (tests/oracle_test.cpp).
#pragma once

#include <impasse/strategic/game.hpp>
#include <impasse/strategic/mixed_profile.hpp>

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace impasse {

/// Writes a two-player game in lrsnash's input format; throws
/// `invalid_argument` for any other number of players.
void write_lrsnash(std::ostream& out, const strategic_game<rational>& game);

/// The text `write_lrsnash` would write.
[[nodiscard]] std::string to_lrsnash(const strategic_game<rational>& game);

/// The equilibria in lrsnash's output for a game of `m` x `n` strategies, in
/// the order printed. Throws `parse_error` (naming `source`, the line and the
/// column) on a line that is not a comment, a blank or a strategy of the
/// right length, and `limit_exceeded` when the blocks' pairs would hold more
/// numbers than `input_limits::max_input_bytes`.
[[nodiscard]] std::vector<mixed_profile<rational>> parse_lrsnash_output(std::string_view text, std::size_t m,
                                                                       std::size_t n,
                                                                       std::string_view source = "<lrsnash>");

}  // namespace impasse
