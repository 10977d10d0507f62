// A strategic game: the 2x2 "talks" game, built in code, solved exactly and
// in double, every answer checked with the regret function.
#include <impasse/impasse.hpp>

#include <iostream>

int main() {
  using namespace impasse;
  // Rows: Washington negotiates or stalls; columns: Tehran does. Payoffs of
  // player 1 (a) and player 2 (b), row by row.
  const auto game = strategic_game<rational>::bimatrix({{3, 0}, {4, 1}},   // a
                                                       {{3, 4}, {0, 1}});  // b
  // Every extreme equilibrium, exactly: vertex enumeration.
  const auto exact = vertex_enumeration(game);
  if (exact.status != run_status::complete || !exact.exact) return 1;
  for (const auto& e : exact.equilibria) {
    std::cout << gambit_line("NE", e, {.exact = true}) << "  regret " << to_fraction_string(max_regret(game, e))
              << "\n";
    if (max_regret(game, e) != 0) return 1;  // exact: no player gains anything by deviating
  }
  // The same game in double: the numbers are rounded, and the result says
  // how far they may be from an equilibrium (regret relative to the payoffs).
  const auto approximate = vertex_enumeration(convert<double>(game));
  std::cout << "double: " << approximate.equilibria.size() << " equilibria, "
            << (approximate.exact ? "exact" : "error bound " + std::to_string(approximate.error_bound)) << "\n";
  for (const auto& e : approximate.equilibria)
    if (max_regret(convert<double>(game), e) > 1e-9) return 1;
  return approximate.equilibria.size() == exact.equilibria.size() ? 0 : 1;
}
