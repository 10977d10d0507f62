// A user's program that links the essay's model (impasse::models) besides
// the solvers, and checks one known answer: under the default calibration
// no pure stationary Markov perfect equilibrium reaches the deal, while the
// commitment benchmark (the deal enforced on both sides) has one that does.
// Built by both consumer projects, so that the installed export of the
// model's library is tested too.
#include <impasse/models/controlled_friction_analysis.hpp>

#include <iostream>

int main() {
  const auto search = impasse::models::search_equilibria(impasse::models::controlled_friction_parameters{});
  std::cout << "impasse::models: " << search.equilibria << " pure stationary MPE, " << search.reaching_deal
            << " reach the deal; commitment benchmark: " << search.commitment_equilibria << ", "
            << search.commitment_reaching_deal << " reach the deal\n";
  return search.equilibria > 0 && search.reaching_deal == 0 && search.commitment_reaching_deal > 0 ? 0 : 1;
}
