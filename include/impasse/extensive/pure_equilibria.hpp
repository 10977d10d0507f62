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

struct extensive_pure_equilibria_options {
  std::size_t max_equilibria = std::numeric_limits<std::size_t>::max();
  reduced_form_options reduced_form = {};
  std::stop_token stop_token = {};
};

template <scalar Scalar>
struct extensive_pure_equilibria_result {
  std::vector<behaviour_profile<Scalar>> equilibria;
  run_status status = run_status::complete;
  /// Profiles of the reduced strategic form.
  std::size_t reduced_profiles = 0;
};

template <scalar Scalar>
[[nodiscard]] extensive_pure_equilibria_result<Scalar> pure_nash_equilibria(
    const extensive_game<Scalar>& game, const extensive_pure_equilibria_options& options = {}) {
  const auto form = to_reduced_strategic_form(game, options.reduced_form);
  const auto pure = pure_nash_equilibria(
      form.game, {.max_equilibria = options.max_equilibria, .stop_token = options.stop_token});
  extensive_pure_equilibria_result<Scalar> result;
  result.status = pure.status;
  result.reduced_profiles = form.game.num_profiles();
  for (const auto& e : pure.equilibria) result.equilibria.push_back(reduced_behaviour_profile(game, form, e));
  return result;
}

}  // namespace impasse
