// A stochastic game: talks that can break down into a crisis, built in
// code; every pure stationary Markov perfect equilibrium, exactly and in
// double, checked by one-shot deviations in every state.
#include <impasse/impasse.hpp>

#include <iostream>

template <class Scalar>
impasse::stochastic_game<Scalar> talks() {
  using impasse::stochastic_state;
  // In "talks" each side stalls or escalates; escalating by both leads to a
  // "crisis" half the time. In the crisis both back down and talks resume.
  stochastic_state<Scalar> in_talks{"talks", {{"stall", "escalate"}, {"stall", "escalate"}}, {}};
  const Scalar half = Scalar(1) / 2;
  // One outcome per action profile, Washington's action varying fastest:
  // payoffs, then the next state's distribution.
  in_talks.outcomes = {{{Scalar(2), Scalar(2)}, {{0, Scalar(1)}}},        // both stall
                       {{Scalar(3), Scalar(0)}, {{0, Scalar(1)}}},        // Washington escalates
                       {{Scalar(0), Scalar(3)}, {{0, Scalar(1)}}},        // Tehran escalates
                       {{Scalar(1), Scalar(1)}, {{0, half}, {1, half}}}};  // both: a crisis, half the time
  stochastic_state<Scalar> crisis{"crisis", {{"back down"}, {"back down"}}, {}};
  crisis.outcomes = {{{Scalar(-1), Scalar(-1)}, {{0, Scalar(1)}}}};
  return impasse::stochastic_game<Scalar>({"Washington", "Tehran"}, {in_talks, crisis}, {Scalar(9) / 10});
}

int main() {
  using namespace impasse;
  const auto game = talks<rational>();
  const auto exact = pure_stationary_enumeration(game);
  if (exact.status != run_status::complete || !exact.exact) return 1;
  for (const auto& e : exact.equilibria) {
    std::cout << "MPE, values in talks " << to_fraction_string(e.values(0, 0)) << " and "
              << to_fraction_string(e.values(0, 1)) << "\n";
    if (max_one_shot_deviation_gain(game, e.strategies) != 0) return 1;
  }
  // The logit homotopy finds one MPE in double (and in rationals, polished
  // to an exact one when it can: the result says which).
  const auto traced = logit_homotopy(convert<double>(game));
  if (traced.status != run_status::complete) return 1;
  std::cout << "homotopy: error bound " << traced.error_bound << ", largest one-shot gain "
            << max_one_shot_deviation_gain(convert<double>(game), traced.equilibria[0].strategies) << "\n";
  return exact.equilibria.empty() ? 1 : 0;
}
