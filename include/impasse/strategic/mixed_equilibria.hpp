// What the mixed-equilibrium solvers for games of any number of players
// share: the shape of their results, and the acceptance check every profile
// they return has passed.
//
// Every solver of strategic/ returns profiles only after `max_regret`
// (regret.hpp, the independent check that shares no code with the solvers)
// has been computed for them; in double the regret is reported relative to
// the game's payoff range (largest payoff minus smallest, over all players),
// as Gambit reports it, so that the bound means the same for payoffs of 1 and
// of 1e12.
#pragma once

#include <impasse/detail/multilinear_payoffs.hpp>
#include <impasse/strategic/mixed_profile.hpp>
#include <impasse/strategic/regret.hpp>
#include <impasse/core/result.hpp>
#include <impasse/strategic/game.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace impasse {

/// A support profile: for each player, the strategies they use (indices,
/// ascending).
using support_profile = std::vector<std::vector<std::size_t>>;

/// The common part of the results of the n-player solvers: the equilibria
/// with their checks, and the `run_report` every solver's result carries
/// (`exact` when the equilibria are exact rationals with zero regret;
/// otherwise each is within `error_bound` of equilibrium, as regret
/// relative to the payoff range).
template <scalar Scalar>
struct mixed_equilibria_result : run_report {
  /// The equilibria found, each once, each checked by `max_regret`.
  std::vector<mixed_profile<Scalar>> equilibria;
  /// For each equilibrium, its regret divided by the payoff range.
  std::vector<double> relative_regrets;
};

namespace detail {

/// The game's payoffs in double, shifted by the smallest and divided by the
/// payoff range (left unscaled when all are equal): every n-player method
/// works on payoffs in [0, 1], so its tolerances mean the same at any unit.
/// Payoffs of both signs near the largest double have a difference beyond
/// it: each is then divided first (the range is capped at the largest
/// double, so they lie in [0, 2]). O(n P).
template <scalar Scalar>
multilinear_payoffs<double> scaled_payoffs(const strategic_game<Scalar>& game) {
  const double range = payoff_range(game);
  const double low = game.payoff_table().size() ? scalar_cast<double>(Scalar(game.payoff_table().minCoeff())) : 0.0;
  const double unit = range > 0 ? range : 1.0;
  return multilinear_payoffs<double>(game, [=](const Scalar& u) {
    const double x = scalar_cast<double>(u);
    const double shifted = x - low;
    return std::isfinite(shifted) ? shifted / unit : x / unit - low / unit;
  });
}

/// Keeps `profile` in `result` if its relative regret is within `bound` and
/// it is not already there (each probability within `same` of one already
/// kept); calls `on_equilibrium` for it. Returns whether it was kept.
template <scalar Scalar, class Callback>
bool keep_checked(mixed_equilibria_result<Scalar>& result, const strategic_game<Scalar>& game,
                  mixed_profile<Scalar> profile, double bound, double same, const Callback& on_equilibrium) {
  const double regret = relative_regret(game, profile);
  if (!(regret <= bound)) return false;
  for (const auto& kept : result.equilibria) {
    bool equal = true;
    for (std::size_t k = 0; k < kept.flat().size() && equal; ++k)
      equal = std::abs(scalar_cast<double>(Scalar(kept.flat()[k] - profile.flat()[k]))) <= same;
    if (equal) return false;
  }
  if (on_equilibrium) on_equilibrium(profile);
  result.equilibria.push_back(std::move(profile));
  result.relative_regrets.push_back(regret);
  result.error_bound = std::max(result.error_bound, regret);
  return true;
}

}  // namespace detail

}  // namespace impasse
