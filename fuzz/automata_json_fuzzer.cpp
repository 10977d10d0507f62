// libFuzzer target: the automata files of `impasse repeated --check`, read
// against a 2x2 stage game (the prisoner's dilemma) or a 3x2 one (first
// byte), then checked as the command does: critical discount factor, exact
// payoffs and the one-shot deviation check at delta 9/10.
#include "automata_input.hpp"

#include <impasse/repeated/automata.hpp>
#include <impasse/repeated/game.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

impasse::strategic_game<impasse::rational> stage(bool wide) {
  impasse::strategic_game<impasse::rational> game(std::vector<std::size_t>{wide ? 3U : 2U, 2});
  for (std::size_t p = 0; p < game.num_profiles(); ++p) {
    game.set_payoff(0, p, impasse::rational(static_cast<long>((3 * p + 1) % 5)));
    game.set_payoff(1, p, impasse::rational(static_cast<long>((2 * p + 3) % 5)));
  }
  return game;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const auto narrow = stage(false), wide = stage(true);
  const auto& game = data[0] & 1U ? wide : narrow;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    const auto automata = impasse::cli::parse_automata(text, "<fuzz>", game);
    (void)impasse::critical_discount_factor(game, automata);
    const impasse::repeated_game<impasse::rational> repeated(game, impasse::rational(9, 10));
    (void)impasse::check_subgame_perfection(repeated, automata);
  } catch (const impasse::error&) {
  }
  return 0;
}
