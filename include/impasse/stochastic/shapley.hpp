// Two-player zero-sum discounted stochastic games: the value of each state
// and optimal stationary strategies, by Shapley's value iteration
// (L. S. Shapley, "Stochastic games", PNAS 39, 1953).
//
// V_{k+1}(s) = val[ u_1(s, a) + delta sum_s' p(s'|s, a) V_k(s') ], the value
// of each state's matrix game solved by the simplex method
// (strategic/zero_sum.hpp). The map is a delta-contraction, so the iteration
// stops when delta / (1 - delta) * |V_{k+1} - V_k|_inf <= tolerance, which
// bounds the distance of V_{k+1} to the true values. Cost per iteration: one
// matrix-game LP per state; iterations O(log(range / tolerance) / log(1/delta)).
//
// The iteration runs in double. In rationals the values are then guessed
// exactly (the simplest fractions within 1e-8) and confirmed exactly: each
// state's matrix game with those continuation values is solved in rationals
// and must have exactly the guessed value. Then the values are exact and
// the stage games' optimal strategies are exactly optimal stationary
// strategies (`exact` is true); otherwise the double results, converted to
// nearby simple fractions, are returned with `exact` false.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/result.hpp>
#include <impasse/stochastic/game.hpp>
#include <impasse/stochastic/markov_perfect.hpp>
#include <impasse/strategic/zero_sum.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <stop_token>
#include <string>
#include <type_traits>
#include <vector>

namespace impasse {

/// Options of `shapley_value_iteration`.
template <scalar Scalar>
struct shapley_value_iteration_options {
  /// The largest distance of the returned values to the true values.
  double tolerance = 1e-10;
  /// Stop after this many iterations (status `limit_reached`); 0: no limit.
  /// 1,000,000 is a safeguard: the iteration needs about
  /// log(range / tolerance) / log(1 / delta) (a few thousand at delta = 0.99).
  std::size_t max_iterations = 1'000'000;
  /// Called with the equilibrium (values and optimal strategies), once found.
  std::function<void(const markov_perfect_equilibrium<Scalar>&)> on_equilibrium = {};
  /// Checked before every iteration (status `cancelled`).
  std::stop_token stop_token = {};
  /// Iterations made, every 16 (the total is not known in advance).
  progress_callback on_progress = {};
};

/// Result of `shapley_value_iteration`. `exact` (rationals only) when the
/// values and strategies were confirmed exactly. Otherwise `value_bound` is
/// the bound on |values - true values| when the iteration stopped, and
/// `error_bound` the same relative to the range of the values (the stage
/// payoffs' range over 1 - delta).
template <scalar Scalar>
struct shapley_value_iteration_result : run_report {
  /// One equilibrium when the iteration ended (none if cancelled or
  /// failed): `values(s, 0)` is the value of state s to player 1,
  /// `values(s, 1) = -values(s, 0)`; `strategies` are optimal stationary
  /// strategies (exactly so when `exact`; else optimal in the stage games at
  /// the returned values).
  std::vector<markov_perfect_equilibrium<Scalar>> equilibria;
  std::size_t iterations = 0;
  /// The bound on |values - true values| when the iteration stopped, in
  /// payoff units (0 when `exact`).
  double value_bound = 0;
};

namespace detail {

template <scalar Scalar>
void check_zero_sum_stochastic(const stochastic_game<Scalar>& game) {
  if (game.num_players() != 2)
    throw invalid_argument("shapley_value_iteration needs a two-player game, this one has " +
                           std::to_string(game.num_players()) + " players");
  if (game.discount(0) != game.discount(1))
    throw invalid_argument("shapley_value_iteration needs one discount factor for both players");
  for (const auto& st : game.states())
    for (std::size_t o = 0; o < st.outcomes.size(); ++o) {
      const Scalar sum = st.outcomes[o].payoffs[0] + st.outcomes[o].payoffs[1];
      Scalar tolerance = scalar_traits<Scalar>::tolerance();
      if constexpr (!is_exact_v<Scalar>)
        tolerance *= std::max({1.0, std::abs(st.outcomes[o].payoffs[0]), std::abs(st.outcomes[o].payoffs[1])});
      if (sum > tolerance || sum < -tolerance)
        throw invalid_argument("shapley_value_iteration needs a zero-sum game: state \"" + st.name + "\", outcome " +
                               std::to_string(o + 1) + ": payoffs add up to " + to_message_string(sum));
    }
}

}  // namespace detail

/// The values and optimal stationary strategies of a two-player zero-sum
/// discounted stochastic game with one discount factor. Throws
/// `invalid_argument` for other games or a tolerance that is not positive.
template <scalar Scalar>
[[nodiscard]] shapley_value_iteration_result<Scalar> shapley_value_iteration(
    const stochastic_game<Scalar>& game,
    const std::type_identity_t<shapley_value_iteration_options<Scalar>>& options = {}) {
  detail::check_zero_sum_stochastic(game);
  if (!(options.tolerance > 0)) throw invalid_argument("shapley_value_iteration: the tolerance must be positive");
  const stochastic_game<double> g = convert<double>(game);
  const auto S = static_cast<Eigen::Index>(g.num_states());
  const double delta = g.discount(0);
  matrix<double> values = matrix<double>::Zero(S, 2);
  shapley_value_iteration_result<Scalar> result;
  stationary_profile<double> strategies(g.num_states(), mixed_profile<double>(std::vector<std::size_t>{1, 1}));
  // False (status `failed`) when a stage game's linear program fails.
  const auto sweep = [&](const matrix<double>& current, matrix<double>& next) {
    for (Eigen::Index s = 0; s < S; ++s) {
      const auto solved = zero_sum_lp(stage_game(g, static_cast<std::size_t>(s), current));
      if (solved.status != run_status::complete) {
        result.status = run_status::failed;
        result.reason = "the matrix game of state \"" + g.state(static_cast<std::size_t>(s)).name +
                        "\": " + (solved.reason.empty() ? std::string(to_string(solved.status)) : solved.reason);
        return false;
      }
      next(s, 0) = solved.value;
      next(s, 1) = -solved.value;
      strategies[static_cast<std::size_t>(s)] = solved.equilibria[0];
    }
    return true;
  };
  matrix<double> next(S, 2);
  result.value_bound = std::numeric_limits<double>::infinity();
  while (true) {
    if (const auto end = iteration_stop(options.stop_token, result.iterations, options.max_iterations)) {
      result.status = *end;
      break;
    }
    if (result.iterations % 16 == 0) detail::report_progress(options.on_progress, result.iterations, 0, "iterations");
    if (!sweep(values, next)) return result;
    ++result.iterations;
    const double change = (next - values).cwiseAbs().maxCoeff();
    values = next;
    result.value_bound = delta == 0 ? 0 : delta / (1 - delta) * change;
    if (result.value_bound <= options.tolerance) {
      // Strategies optimal in the stage games at the final values.
      if (!sweep(values, next)) return result;
      break;
    }
  }
  if (result.status == run_status::cancelled) return result;
  result.error_bound = result.value_bound * (1 - delta) / payoff_range(g);
  markov_perfect_equilibrium<Scalar> found;
  if constexpr (is_exact_v<Scalar>) {
    matrix<rational> guess(S, 2);
    for (Eigen::Index s = 0; s < S; ++s) {
      guess(s, 0) = nearby_rational(values(s, 0), 1e-8 * std::max(1.0, std::abs(values(s, 0))));
      guess(s, 1) = -guess(s, 0);
    }
    bool confirmed = result.status == run_status::complete;
    stationary_profile<rational> exact_strategies;
    for (Eigen::Index s = 0; s < S && confirmed; ++s) {
      const auto solved = zero_sum_lp(stage_game(game, static_cast<std::size_t>(s), guess),
                                      {.stop_token = options.stop_token});
      if (solved.status != run_status::complete || solved.value != guess(s, 0)) confirmed = false;
      else exact_strategies.push_back(solved.equilibria[0]);
    }
    if (confirmed) {
      found.values = guess;
      found.strategies = std::move(exact_strategies);
      result.exact = true;
      result.error_bound = 0;
      result.value_bound = 0;
    } else {
      found.values = guess;
      // Simple fractions near the double strategies, each summing to one.
      for (const auto& p : strategies) {
        mixed_profile<rational> q(p.strategy_counts());
        for (std::size_t i = 0; i < 2; ++i) {
          rational total(0);
          std::size_t largest = 0;
          for (std::size_t a = 0; a < p.num_strategies(i); ++a) {
            q(i, a) = nearby_rational(std::max(0.0, p(i, a)), 1e-9);
            total += q(i, a);
            if (p(i, a) > p(i, largest)) largest = a;
          }
          q(i, largest) += 1 - total;
        }
        found.strategies.push_back(std::move(q));
      }
    }
  } else {
    found.values = values;
    found.strategies = std::move(strategies);
  }
  if (options.on_equilibrium) options.on_equilibrium(found);
  result.equilibria.push_back(std::move(found));
  return result;
}

}  // namespace impasse
