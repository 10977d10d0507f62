// Reads a Gambit .nfg file and prints what impasse can say about it: the
// strategies that survive iterated strict dominance, every pure Nash
// equilibrium with its payoffs, and the regret check of each, exactly.
//
// Usage: solve_game [FILE.nfg]   (default: the bundled games/stalling.nfg)
#include <impasse/impasse.hpp>

#include <fmt/format.h>

#include <exception>
#include <string>

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : IMPASSE_EXAMPLE_GAME;
  try {
    const impasse::strategic_game<impasse::rational> game = impasse::read_nfg_file(path);
    fmt::print("{}\n", game.title());
    for (std::size_t i = 0; i < game.num_players(); ++i) {
      fmt::print("  {}:", game.player_label(i));
      for (std::size_t s = 0; s < game.num_strategies(i); ++s) fmt::print(" {}", game.strategy_label(i, s));
      fmt::print("\n");
    }

    const auto reduced = impasse::iterated_strict_dominance(game);
    fmt::print("\nAfter {} round(s) of iterated strict dominance:\n", reduced.rounds);
    for (std::size_t i = 0; i < game.num_players(); ++i) {
      fmt::print("  {} keeps:", game.player_label(i));
      for (auto s : reduced.original_strategies[i]) fmt::print(" {}", game.strategy_label(i, s));
      fmt::print("\n");
    }

    // A progress line on standard error while the table is swept, only when
    // standard error is a terminal (large games take a while).
    impasse::progress_line progress("pure equilibria");
    const auto result = impasse::pure_strategy_enumeration(game, {.on_progress = progress.callback()});
    progress.clear();
    fmt::print("\n{} pure Nash equilibri{} ({}):\n", result.equilibria.size(),
               result.equilibria.size() == 1 ? "um" : "a", impasse::to_string(result.status));
    for (const auto& e : result.equilibria) {
      const auto profile = impasse::mixed_profile<impasse::rational>::pure(game.strategy_counts(), e);
      std::string names, payoffs;
      for (std::size_t i = 0; i < game.num_players(); ++i) {
        names += (i ? ", " : "") + game.strategy_label(i, e[i]);
        payoffs += (i ? ", " : "") + impasse::to_fraction_string(impasse::expected_payoff(game, profile, i));
      }
      fmt::print("  ({})  payoffs ({})  regret {}\n", names, payoffs,
                 impasse::to_fraction_string(impasse::max_regret(game, profile)));
      fmt::print("  {}\n", impasse::gambit_line("NE", profile, {.exact = true}));
    }
    return 0;
  } catch (const impasse::error& e) {
    fmt::print(stderr, "solve_game: {}\n", e.what());
    return 1;
  }
}
