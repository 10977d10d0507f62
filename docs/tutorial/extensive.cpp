// An extensive game: entry deterrence, built node by node, its subgame-
// perfect equilibria exact and in double, checked in every subgame.
#include <impasse/impasse.hpp>

#include <iostream>

template <class Scalar>
impasse::extensive_game<Scalar> entry_deterrence() {
  impasse::extensive_game<Scalar> game({"Entrant", "Incumbent"});
  game.add_decision(game.root(), 0, {"In", "Out"});
  const auto in = game.node(game.root()).children[0], out = game.node(game.root()).children[1];
  game.add_decision(in, 1, {"Fight", "Accommodate"});
  game.set_outcome(game.node(in).children[0], game.add_outcome({Scalar(-1), Scalar(-1)}, "fight"));
  game.set_outcome(game.node(in).children[1], game.add_outcome({Scalar(1), Scalar(1)}, "share"));
  game.set_outcome(out, game.add_outcome({Scalar(0), Scalar(2)}, "monopoly"));
  return game;
}

int main() {
  using namespace impasse;
  const auto game = entry_deterrence<rational>();
  // Two Nash equilibria, one held up by an incredible threat...
  const auto nash = reduced_pure_strategy_enumeration(game);
  std::cout << nash.equilibria.size() << " pure Nash equilibria\n";
  // ...and one subgame-perfect equilibrium, by backward induction.
  const auto spe = backward_induction(game);
  if (spe.status != run_status::complete || !spe.exact || spe.equilibria.size() != 1) return 1;
  for (const auto& e : spe.equilibria) {
    std::cout << gambit_line("NE", e, {.exact = true}) << "  largest regret in any subgame "
              << to_fraction_string(max_subgame_regret(game, e)) << "\n";
    if (max_subgame_regret(game, e) != 0) return 1;
  }
  // In double, with the bound the result gives.
  const auto in_double = backward_induction(convert<double>(game));
  std::cout << "double: " << in_double.equilibria.size() << " SPE, error bound " << in_double.error_bound << "\n";
  return in_double.equilibria.size() == 1 && max_subgame_regret(convert<double>(game), in_double.equilibria[0]) <= 1e-9
             ? 0
             : 1;
}
