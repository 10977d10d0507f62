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
#pragma once

#include <impasse/strategic/game.hpp>

#include <iosfwd>
#include <string>

namespace impasse {

/// Writes a two-player game in lrsnash's input format; throws
/// `invalid_argument` for any other number of players.
void write_lrsnash(std::ostream& out, const strategic_game<rational>& game);

/// The text `write_lrsnash` would write.
[[nodiscard]] std::string to_lrsnash(const strategic_game<rational>& game);

}  // namespace impasse
