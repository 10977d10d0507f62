// Gambit's strategic-game file format (.nfg), both versions:
//
//   NFG 1 R "title" { "Player 1" "Player 2" } { 3 2 }      <- strategy counts,
//   "optional comment"                                          or labels:
//   1 1 0 2 0 2 1 1 0 3 2 0                                { { "a" "b" } { "x" "y" } }
//
// The payoff version lists every player's payoff at every pure profile,
// player 1's strategy varying fastest. The outcome version lists outcomes
// `{ "name" u1, u2 }` in braces, then one outcome number per profile
// (0: the null outcome, all payoffs zero). `R` and `D` files are read alike:
// integers, decimals (with an optional exponent) and `p/q` are all kept
// exact as rationals (or, on request, each rounded once to the nearest
// double). In strings `\"` is a quote and `\\` a backslash; any other
// backslash stands for itself, as in Gambit's own reader.
//
// Errors throw `parse_error` with the source name, line and column and
// what was expected there; a game that parses but cannot exist (too many
// profiles) is also reported as a `parse_error` at the offending place.
#pragma once

#include <impasse/strategic/game.hpp>

#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>

namespace impasse {

/// Parses the text of an .nfg file; `source` names it in error messages.
/// In `rational` (the default) every payoff is exact. In `double` each is
/// the double nearest its exact value (`parse_double`), the same game as
/// `convert<double>(parse_nfg(text))` at a fraction of the cost, for the
/// solvers that compute in double; a payoff beyond a double's range is a
/// `parse_error` at its place. Instantiated for `rational` and `double`.
template <scalar Scalar = rational>
[[nodiscard]] strategic_game<Scalar> parse_nfg(std::string_view text, std::string_view source = "<string>");

/// Reads an .nfg file from a stream.
template <scalar Scalar = rational>
[[nodiscard]] strategic_game<Scalar> read_nfg(std::istream& in, std::string_view source = "<stream>");

/// Reads an .nfg file; a file that cannot be opened throws `file_error`.
template <scalar Scalar = rational>
[[nodiscard]] strategic_game<Scalar> read_nfg_file(const std::filesystem::path& path);

extern template strategic_game<rational> parse_nfg<rational>(std::string_view, std::string_view);
extern template strategic_game<double> parse_nfg<double>(std::string_view, std::string_view);
extern template strategic_game<rational> read_nfg<rational>(std::istream&, std::string_view);
extern template strategic_game<double> read_nfg<double>(std::istream&, std::string_view);
extern template strategic_game<rational> read_nfg_file<rational>(const std::filesystem::path&);
extern template strategic_game<double> read_nfg_file<double>(const std::filesystem::path&);

/// Writes `game` in the payoff version with strategy labels: `NFG 1 R`,
/// payoffs as integers or `p/q`, so that reading it back gives an equal game.
void write_nfg(std::ostream& out, const strategic_game<rational>& game);

/// Writes a `double` game; every double is written so that it reads back
/// to the same double (`NFG 1 D`).
void write_nfg(std::ostream& out, const strategic_game<double>& game);

/// The text `write_nfg` would write.
[[nodiscard]] std::string to_nfg(const strategic_game<rational>& game);
[[nodiscard]] std::string to_nfg(const strategic_game<double>& game);

}  // namespace impasse
