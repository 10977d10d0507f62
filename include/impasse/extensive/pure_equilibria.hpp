// All pure-strategy Nash equilibria of an extensive game with perfect
// recall, through its reduced strategic form (see reduced_strategic_form.hpp
// and pure_equilibria.hpp), as reduced behaviour profiles: probability one
// on each action a player's strategy takes, zeros at the information sets
// the player's own strategy makes unreachable — the lines gambit-enumpure
// prints. Cost: that of building the reduced form, O(P * N), plus O(n * P).
#pragma once

#include <impasse/extensive/reduced_strategic_form.hpp>
#include <impasse/strategic/pure_equilibria.hpp>

namespace impasse {

/// Options of `reduced_pure_strategy_enumeration`.
template <scalar Scalar>
struct reduced_pure_strategy_enumeration_options {
  /// Stop after this many equilibria (status `limit_reached`); 0: no limit.
  std::size_t max_equilibria = no_limit;
  /// Called with each equilibrium, in the order of the result.
  std::function<void(const behaviour_profile<Scalar>&)> on_equilibrium = {};
  reduced_form_options reduced_form = {};
  /// Checked between blocks of the reduced form's profiles (status `cancelled`).
  std::stop_token stop_token = {};
  /// Payoff comparisons in the reduced strategic form (see
  /// `pure_strategy_enumeration`).
  progress_callback on_progress = {};
};

/// Result of `reduced_pure_strategy_enumeration`. Exact in rationals; in
/// double, `error_bound` is the largest relative regret in the reduced
/// strategic form.
template <scalar Scalar>
struct reduced_pure_strategy_enumeration_result : run_report {
  std::vector<behaviour_profile<Scalar>> equilibria;
  /// Profiles of the reduced strategic form.
  std::size_t reduced_profiles = 0;
};

/// Every pure Nash equilibrium of `game`: `pure_strategy_enumeration` on
/// its reduced strategic form, each equilibrium as a reduced behaviour
/// profile.
template <scalar Scalar>
[[nodiscard]] reduced_pure_strategy_enumeration_result<Scalar> reduced_pure_strategy_enumeration(
    const extensive_game<Scalar>& game, const reduced_pure_strategy_enumeration_options<Scalar>& options = {}) {
  const auto form = to_reduced_strategic_form(game, options.reduced_form);
  const auto pure = pure_strategy_enumeration(form.game, {.max_equilibria = options.max_equilibria,
                                                          .stop_token = options.stop_token,
                                                          .on_progress = options.on_progress});
  reduced_pure_strategy_enumeration_result<Scalar> result;
  static_cast<run_report&>(result) = pure;
  result.reduced_profiles = form.game.num_profiles();
  for (const auto& e : pure.equilibria) {
    result.equilibria.push_back(reduced_behaviour_profile(game, form, e));
    if (options.on_equilibrium) options.on_equilibrium(result.equilibria.back());
  }
  return result;
}

}  // namespace impasse
