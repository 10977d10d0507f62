// A repeated game: the prisoner's dilemma played forever at discount 9/10.
// The set of subgame-perfect payoffs, exactly, and grim trigger checked.
#include <impasse/impasse.hpp>

#include <iostream>

int main() {
  using namespace impasse;
  // Cooperate / defect: T = 10, R = 9, P = 3, S = 1.
  const auto stage = strategic_game<rational>::bimatrix({{9, 1}, {10, 3}}, {{9, 10}, {1, 3}});
  const repeated_game<rational> game(stage, rational(9, 10));
  const auto set = abreu_sannikov(game);
  if (set.status != run_status::complete) return 1;
  std::cout << (set.exact ? "exact" : "approximate") << " SPE payoff set:";
  for (const auto& v : set.vertices) std::cout << " (" << to_fraction_string(v[0]) << ", " << to_fraction_string(v[1]) << ")";
  std::cout << "\n";
  // Mutual cooperation, (9, 9), is an SPE payoff; grim trigger sustains it
  // from a discount factor of (T - R) / (T - P) = 1/7 on.
  if (!is_spe_payoff(set, {rational(9), rational(9)})) return 1;
  const auto grim = grim_trigger(stage, {0, 0}, {1, 1});
  const auto critical = critical_discount_factor(stage, grim);
  std::cout << "grim trigger is subgame perfect from delta = " << to_fraction_string(*critical.value) << "\n";
  if (!critical.exact || *critical.value != rational(1, 7)) return 1;
  if (!check_subgame_perfection(game, grim).subgame_perfect) return 1;
  // In double the iteration converges; the result says how far it moved last.
  const auto in_double = abreu_sannikov(repeated_game<double>(convert<double>(stage), 0.9));
  std::cout << "double: " << in_double.vertices.size() << " vertices, error bound " << in_double.error_bound << "\n";
  return in_double.status == run_status::complete && in_double.vertices.size() == set.vertices.size() ? 0 : 1;
}
