// A user's program: includes the umbrella header, links impasse::impasse,
// and checks one known answer. Built by both consumer projects.
#include <impasse/impasse.hpp>

#include <iostream>

int main() {
  // Prisoner's dilemma: (defect, defect) is the only equilibrium.
  const auto game = impasse::strategic_game<impasse::rational>::bimatrix(
      (impasse::matrix<impasse::rational>(2, 2) << 3, 0, 5, 1).finished(),
      (impasse::matrix<impasse::rational>(2, 2) << 3, 5, 0, 1).finished());
  const auto result = impasse::pure_strategy_enumeration(game);
  const bool right = result.equilibria.size() == 1 && result.equilibria[0] == impasse::pure_profile{1, 1};
  const auto parsed = impasse::parse_nfg(impasse::to_nfg(game));
  std::cout << "impasse " << IMPASSE_VERSION_STRING << ": " << result.equilibria.size() << " equilibrium, "
            << impasse::gambit_line("NE", impasse::mixed_profile<impasse::rational>::pure(
                                              game.strategy_counts(), result.equilibria.at(0)),
                                    {.exact = true})
            << "\n";
  return right && parsed == game ? 0 : 1;
}
