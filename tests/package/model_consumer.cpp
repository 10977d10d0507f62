// A user's program that links the essay's model (impasse::models) besides
// the solvers, and checks one known answer: under the default calibration
// no pure stationary Markov perfect equilibrium reaches the deal. Built by
// both consumer projects, so that the installed export of the model's
// library is tested too.
#include <impasse/models/controlled_friction_analysis.hpp>

#include <iostream>

int main() {
  const auto search = impasse::models::search_deal_equilibria(impasse::models::controlled_friction_parameters{});
  std::cout << "impasse::models: " << search.equilibria << " pure stationary MPE, " << search.deal_equilibria
            << " reach the deal\n";
  return search.equilibria > 0 && search.deal_equilibria == 0 ? 0 : 1;
}
