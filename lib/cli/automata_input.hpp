// The automata files of `impasse repeated --check` (the format is described
// at the top of repeated.cpp), read from text so that the fuzzer
// (fuzz/automata_json_fuzzer.cpp) reaches the reader without a file.
#pragma once

#include <impasse/repeated/automata.hpp>
#include <impasse/strategic/game.hpp>

#include <string>
#include <string_view>

namespace impasse::cli {

/// One automaton per player of `game`, read from the JSON `text`; errors
/// name `source`. Throws `parse_error` or `invalid_argument`.
[[nodiscard]] automaton_profile parse_automata(std::string_view text, const std::string& source,
                                               const strategic_game<rational>& game);

}  // namespace impasse::cli
