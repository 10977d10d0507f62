// Stochastic games as JSON files:
//
//   { "title": "optional",
//     "players": ["US", "Iran"],
//     "discount": "19/20",              (or one per player: ["4/5", 0.95])
//     "initial": "talks",               (optional; default the first state)
//     "states": [
//       { "name": "talks",
//         "actions": [["negotiate", "stall"], ["negotiate", "stall"]],
//         "outcomes": [                 (one per action profile, the first
//           { "payoffs": [3, 1],         player's action varying fastest)
//             "next": { "talks": "1/2", "deal": 0.5 } }, ... ] } ] }
//
// Every number may be a JSON number or a string "p/q" (or any number
// impasse::parse_rational accepts). Integers and strings are read exactly;
// a JSON number with a fraction or exponent is read as the simplest
// rational that rounds to the same double (0.95 is 19/20), so write "p/q"
// when the exact value matters. Next-state probabilities must sum to exactly
// one. Errors throw `parse_error` (bad JSON, with line and column; or a
// field of the wrong kind, with the state's name and the outcome's number in
// the message) or `invalid_stochastic_game` (a game that cannot exist).
#pragma once

#include <impasse/stochastic/game.hpp>

#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>

namespace impasse {

/// Parses the text of a stochastic-game JSON file; `source` names it in errors.
[[nodiscard]] stochastic_game<rational> parse_stochastic_json(std::string_view text,
                                                              std::string_view source = "<string>");

/// Reads a stochastic-game JSON file from a stream.
[[nodiscard]] stochastic_game<rational> read_stochastic_json(std::istream& in, std::string_view source = "<stream>");

/// Reads a stochastic-game JSON file; one that cannot be opened throws `file_error`.
[[nodiscard]] stochastic_game<rational> read_stochastic_json_file(const std::filesystem::path& path);

/// Writes `game` so that reading it back gives an equal game: integers as
/// JSON integers, other rationals as "p/q" strings.
void write_stochastic_json(std::ostream& out, const stochastic_game<rational>& game);
/// Writes a double game; every double is written so that it reads back to
/// the same double.
void write_stochastic_json(std::ostream& out, const stochastic_game<double>& game);

/// The text `write_stochastic_json` would write.
[[nodiscard]] std::string to_stochastic_json(const stochastic_game<rational>& game);
[[nodiscard]] std::string to_stochastic_json(const stochastic_game<double>& game);

}  // namespace impasse
