// Payoffs against mixed profiles, best responses, and regret: each player's
// largest gain from a unilateral deviation. A profile is a Nash equilibrium
// exactly when every player's regret is zero (Nash 1951).
//
// This file is the independent check that every solver's tests run on every
// equilibrium they return, so it deliberately shares no code with the
// solvers: it sums payoffs over all pure profiles, the definition itself.
// Cost: O(P) per player for P pure profiles (O(P n / m1) for the weights,
// m1 player 1's strategies). In rationals
// every result is exact.
#pragma once

#include <impasse/core/tolerance.hpp>
#include <impasse/strategic/game.hpp>
#include <impasse/strategic/mixed_profile.hpp>

#include <algorithm>
#include <limits>
#include <cstddef>
#include <vector>

namespace impasse {

/// The expected payoff to `player` of each of their pure strategies when the
/// others play `profile`: the sum over every pure profile of its payoff
/// times the others' probabilities. The payoff table lists player 1's
/// strategy fastest, so the sum runs over blocks of player 1's strategies
/// with the other players' weight fixed in each block: a contiguous inner
/// loop (vectorised in double) and O(P) work, with blocks of zero weight
/// skipped.
template <scalar Scalar>
[[nodiscard]] std::vector<Scalar> strategy_payoffs(const strategic_game<Scalar>& game,
                                                   const mixed_profile<Scalar>& profile,
                                                   std::size_t player) {
  validate_profile(game, profile);
  const std::size_t n = game.num_players();
  const auto table = game.payoffs(player);
  const std::size_t block = game.num_strategies(0);
  const auto first = profile.strategy(0);
  std::vector<Scalar> out(game.num_strategies(player), Scalar(0));
  if (block == 0) return out;
  pure_profile s(n, 0);  // s[0] stays 0: a block runs over player 1's strategies
  for (std::size_t base = 0; base < game.num_profiles(); base += block) {
    // The probability of the other players' strategies in s, leaving out
    // player 1 (summed over in the block) and `player`.
    Scalar weight(1);
    for (std::size_t j = 1; j < n && weight != Scalar(0); ++j)
      if (j != player) weight *= profile(j, s[j]);
    if (weight != Scalar(0)) {
      const Scalar* payoff = table.data() + base;
      if (player == 0) {
        for (std::size_t k = 0; k < block; ++k) out[k] += weight * payoff[k];
      } else {
        Scalar sum(0);
        for (std::size_t k = 0; k < block; ++k) {
          if constexpr (is_exact_v<Scalar>) {
            if (first[k] == Scalar(0)) continue;  // saves a multiplication of rationals
          }
          sum += first[k] * payoff[k];
        }
        out[s[player]] += weight * sum;
      }
    }
    for (std::size_t j = 1; j < n && ++s[j] == game.num_strategies(j); ++j) s[j] = 0;
  }
  return out;
}

/// `player`'s expected payoff at `profile`.
template <scalar Scalar>
[[nodiscard]] Scalar expected_payoff(const strategic_game<Scalar>& game,
                                     const mixed_profile<Scalar>& profile, std::size_t player) {
  const auto values = strategy_payoffs(game, profile, player);
  Scalar total(0);
  for (std::size_t s = 0; s < values.size(); ++s) total += profile(player, s) * values[s];
  return total;
}

/// `player`'s pure best responses to `profile` (within `tolerance` of the
/// best, exactly for rationals), in increasing order. Without `tolerance`,
/// the game's payoff tolerance (core/tolerance.hpp).
template <scalar Scalar>
[[nodiscard]] std::vector<std::size_t> best_responses(const strategic_game<Scalar>& game,
                                                      const mixed_profile<Scalar>& profile, std::size_t player,
                                                      const Scalar& tolerance) {
  const auto values = strategy_payoffs(game, profile, player);
  const Scalar best = *std::max_element(values.begin(), values.end());
  std::vector<std::size_t> out;
  for (std::size_t s = 0; s < values.size(); ++s)
    if (values[s] >= best - tolerance) out.push_back(s);
  return out;
}

/// Each player's regret: the best pure payoff against the others minus the
/// expected payoff at `profile`. Never negative (up to rounding in double).
template <scalar Scalar>
[[nodiscard]] std::vector<Scalar> regrets(const strategic_game<Scalar>& game,
                                          const mixed_profile<Scalar>& profile) {
  std::vector<Scalar> out;
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    const auto values = strategy_payoffs(game, profile, i);
    Scalar expected(0);
    for (std::size_t s = 0; s < values.size(); ++s) expected += profile(i, s) * values[s];
    out.push_back(*std::max_element(values.begin(), values.end()) - expected);
  }
  return out;
}

/// The largest regret over players: zero exactly at a Nash equilibrium.
template <scalar Scalar>
[[nodiscard]] Scalar max_regret(const strategic_game<Scalar>& game,
                                const mixed_profile<Scalar>& profile) {
  const auto r = regrets(game, profile);
  return *std::max_element(r.begin(), r.end());
}

template <scalar Scalar>
[[nodiscard]] std::vector<std::size_t> best_responses(const strategic_game<Scalar>& game,
                                                      const mixed_profile<Scalar>& profile, std::size_t player) {
  return best_responses(game, profile, player, payoff_tolerance<Scalar>(payoff_span_of(game)));
}

/// True when no player gains more than `tolerance` by deviating (exactly
/// none for rationals). Without `tolerance`, the game's payoff tolerance
/// (core/tolerance.hpp): relative to the payoff range, so that the answer
/// does not change when every payoff is multiplied by 1e-12 or 1e12.
template <scalar Scalar>
[[nodiscard]] bool is_nash_equilibrium(const strategic_game<Scalar>& game, const mixed_profile<Scalar>& profile,
                                       const Scalar& tolerance) {
  return max_regret(game, profile) <= tolerance;
}

template <scalar Scalar>
[[nodiscard]] bool is_nash_equilibrium(const strategic_game<Scalar>& game, const mixed_profile<Scalar>& profile) {
  return is_nash_equilibrium(game, profile, payoff_tolerance<Scalar>(payoff_span_of(game)));
}

/// The spread of the game's payoffs: the largest payoff minus the smallest,
/// over every player and profile (1 when all payoffs are equal), in double.
/// Solvers divide regrets by it to give `run_report::error_bound`.
template <scalar Scalar>
[[nodiscard]] double payoff_range(const strategic_game<Scalar>& game) {
  const auto& table = game.payoff_table();
  if (table.size() == 0) return 1;
  const double range = std::min(scalar_cast<double>(Scalar(table.maxCoeff() - table.minCoeff())),
                                 std::numeric_limits<double>::max());  // see finite_spread
  return range > 0 ? range : 1;
}

/// `max_regret(game, profile)` divided by `payoff_range(game)`, in double.
template <scalar Scalar>
[[nodiscard]] double relative_regret(const strategic_game<Scalar>& game, const mixed_profile<Scalar>& profile) {
  return scalar_cast<double>(max_regret(game, profile)) / payoff_range(game);
}

/// The largest regret at the pure profile `profile` (O(sum of strategies *
/// players)), divided by `payoff_range(game)`, in double.
template <scalar Scalar>
[[nodiscard]] double relative_regret(const strategic_game<Scalar>& game, const pure_profile& profile) {
  Scalar worst(0);
  pure_profile deviation = profile;
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    const Scalar& here = game.payoff(i, std::span<const std::size_t>(profile));
    for (std::size_t s = 0; s < game.num_strategies(i); ++s) {
      deviation[i] = s;
      const Scalar gain = game.payoff(i, std::span<const std::size_t>(deviation)) - here;
      if (gain > worst) worst = gain;
    }
    deviation[i] = profile[i];
  }
  return scalar_cast<double>(worst) / payoff_range(game);
}

namespace detail {

/// A bound on the relative regret of an exact equilibrium of `game` once
/// its probabilities are rounded to double (each within a relative 2^-53):
/// every expected payoff moves by at most (sum of strategies) 2^-53 times
/// the largest payoff magnitude, so the regret by at most twice that. O(P)
/// for P pure profiles, and no regret to compute per equilibrium: for
/// solvers whose double equilibria are exact ones rounded.
template <scalar Scalar>
[[nodiscard]] double rounding_regret_bound(const strategic_game<Scalar>& game) {
  const auto& table = game.payoff_table();
  if (table.size() == 0) return 0;
  const double largest = std::max(std::abs(scalar_cast<double>(Scalar(table.maxCoeff()))),
                                  std::abs(scalar_cast<double>(Scalar(table.minCoeff()))));
  return 2.0 * static_cast<double>(game.total_strategies()) * 0x1p-53 * largest / payoff_range(game);
}

/// The largest `relative_regret` over `equilibria` (0 for none): the
/// `error_bound` of a result that is not exact.
template <scalar Scalar, class Profiles>
[[nodiscard]] double largest_relative_regret(const strategic_game<Scalar>& game, const Profiles& equilibria) {
  double worst = 0;
  for (const auto& e : equilibria) worst = std::max(worst, relative_regret(game, e));
  return worst;
}

}  // namespace detail

}  // namespace impasse
