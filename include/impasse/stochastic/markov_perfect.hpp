// Stationary strategies in stochastic games: their values (policy
// evaluation), the one-shot deviation check of Markov perfection, and the
// stage game a state presents given continuation values.
//
// Policy evaluation solves, for each player i, the linear system
// (I - delta_i P_sigma) V_i = r_i,sigma exactly (Gaussian elimination,
// O(S^3) per player for S states), where P_sigma is the state-transition
// matrix and r_i,sigma the expected stage payoffs under the stationary
// profile sigma. A stationary profile is a Markov perfect equilibrium if and
// only if no player gains by deviating in a single state for a single
// period and returning to sigma afterwards (the one-shot deviation principle
// for discounted games; Fudenberg and Tirole, Game Theory, 1991, ch. 13;
// Maskin and Tirole, J. Econ. Theory 100, 2001). The check costs
// O(S * profiles * players) after the evaluation and is exact in rationals.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/tolerance.hpp>
#include <impasse/detail/linear_system.hpp>
#include <impasse/stochastic/game.hpp>
#include <impasse/strategic/game.hpp>
#include <impasse/strategic/mixed_profile.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace impasse {

/// A stationary profile with its values: `values(s, i)` is player i's
/// expected discounted payoff from state s on.
template <scalar Scalar>
struct markov_perfect_equilibrium {
  stationary_profile<Scalar> strategies;
  matrix<Scalar> values;
};

namespace detail {

// Calls f(profile index, action profile, probability) for every action
// profile of state s that `sigma` plays with positive probability.
template <scalar Scalar, class F>
void for_each_played_profile(const stochastic_state<Scalar>& state, const mixed_profile<Scalar>& sigma, F&& f) {
  const std::size_t n = state.actions.size();
  std::vector<std::size_t> actions(n, 0);
  const std::size_t profiles = state.num_profiles();
  for (std::size_t index = 0; index < profiles; ++index) {
    Scalar probability(1);
    for (std::size_t i = 0; i < n && probability != Scalar(0); ++i) probability *= sigma(i, actions[i]);
    if (probability != Scalar(0)) f(index, actions, probability);
    for (std::size_t i = 0; i < n && ++actions[i] == state.actions[i].size(); ++i) actions[i] = 0;
  }
}

// u_i + delta_i * sum_s' p(s') W(s', i): the payoff of an outcome with
// continuation values W.
template <scalar Scalar>
Scalar outcome_value(const stochastic_game<Scalar>& game, const stochastic_outcome<Scalar>& outcome,
                     std::size_t player, const matrix<Scalar>& continuation) {
  Scalar future(0);
  for (const auto& [to, p] : outcome.next)
    future += p * continuation(static_cast<Eigen::Index>(to), static_cast<Eigen::Index>(player));
  return outcome.payoffs[player] + game.discount(player) * future;
}


}  // namespace detail

/// The values of a stationary profile: a states x players matrix. Throws
/// `invalid_profile` if the profile does not fit the game.
template <scalar Scalar>
[[nodiscard]] matrix<Scalar> evaluate_stationary_profile(const stochastic_game<Scalar>& game,
                                                         const stationary_profile<Scalar>& profile) {
  validate_stationary_profile(game, profile);
  const auto S = static_cast<Eigen::Index>(game.num_states());
  const std::size_t n = game.num_players();
  matrix<Scalar> transition = matrix<Scalar>::Zero(S, S);
  matrix<Scalar> reward = matrix<Scalar>::Zero(S, static_cast<Eigen::Index>(n));
  for (Eigen::Index s = 0; s < S; ++s) {
    const auto& state = game.state(static_cast<std::size_t>(s));
    detail::for_each_played_profile(state, profile[static_cast<std::size_t>(s)],
                                    [&](std::size_t index, const auto&, const Scalar& probability) {
                                      const auto& outcome = state.outcomes[index];
                                      for (std::size_t i = 0; i < n; ++i)
                                        reward(s, static_cast<Eigen::Index>(i)) += probability * outcome.payoffs[i];
                                      for (const auto& [to, p] : outcome.next)
                                        transition(s, static_cast<Eigen::Index>(to)) += probability * p;
                                    });
  }
  matrix<Scalar> values(S, static_cast<Eigen::Index>(n));
  for (std::size_t i = 0; i < n; ++i) {
    // Players with the same discount share the system; solving it again is
    // cheap next to building it, and keeps the code plain.
    matrix<Scalar> system = matrix<Scalar>::Identity(S, S) - game.discount(i) * transition;
    auto solution = detail::solve_square<Scalar>(std::move(system), reward.col(static_cast<Eigen::Index>(i)));
    if (!solution)  // cannot happen for discount < 1: I - delta P is diagonally dominant
      throw invalid_argument("evaluate_stationary_profile: singular system for player \"" + game.player_name(i) + "\"");
    values.col(static_cast<Eigen::Index>(i)) = *solution;
  }
  return values;
}

/// Q-values: `result[s][i][a]` is player i's expected payoff from playing
/// action a in state s for one period, the others playing `profile`, with
/// `continuation` (states x players) the values from the next period on.
template <scalar Scalar>
[[nodiscard]] std::vector<std::vector<std::vector<Scalar>>> action_values(const stochastic_game<Scalar>& game,
                                                                        const stationary_profile<Scalar>& profile,
                                                                        const matrix<Scalar>& continuation) {
  const std::size_t n = game.num_players();
  std::vector<std::vector<std::vector<Scalar>>> q(game.num_states());
  for (std::size_t s = 0; s < game.num_states(); ++s) {
    const auto& state = game.state(s);
    const auto& sigma = profile.at(s);
    q[s].resize(n);
    for (std::size_t i = 0; i < n; ++i) q[s][i].assign(state.actions[i].size(), Scalar(0));
    std::vector<std::size_t> actions(n, 0);
    for (std::size_t index = 0; index < state.num_profiles(); ++index) {
      const auto& outcome = state.outcomes[index];
      for (std::size_t i = 0; i < n; ++i) {
        Scalar others(1);
        for (std::size_t j = 0; j < n && others != Scalar(0); ++j)
          if (j != i) others *= sigma(j, actions[j]);
        if (others != Scalar(0)) q[s][i][actions[i]] += others * detail::outcome_value(game, outcome, i, continuation);
      }
      for (std::size_t i = 0; i < n && ++actions[i] == state.actions[i].size(); ++i) actions[i] = 0;
    }
  }
  return q;
}

/// The one-shot deviation gains of a stationary profile: `gains(s, i)` is
/// the most player i gains by deviating in state s for one period (never
/// negative). The profile is a Markov perfect equilibrium iff all are zero.
template <scalar Scalar>
[[nodiscard]] matrix<Scalar> one_shot_deviation_gains(const stochastic_game<Scalar>& game,
                                                      const stationary_profile<Scalar>& profile) {
  const matrix<Scalar> values = evaluate_stationary_profile(game, profile);
  const auto q = action_values(game, profile, values);
  matrix<Scalar> gains = matrix<Scalar>::Zero(values.rows(), values.cols());
  for (std::size_t s = 0; s < game.num_states(); ++s)
    for (std::size_t i = 0; i < game.num_players(); ++i)
      for (const auto& value : q[s][i]) {
        const Scalar gain = value - values(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(i));
        if (gain > gains(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(i)))
          gains(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(i)) = gain;
      }
  return gains;
}

/// The largest one-shot deviation gain over all states and players.
template <scalar Scalar>
[[nodiscard]] Scalar max_one_shot_deviation_gain(const stochastic_game<Scalar>& game,
                                                 const stationary_profile<Scalar>& profile) {
  const auto gains = one_shot_deviation_gains(game, profile);
  Scalar best(0);
  for (Eigen::Index s = 0; s < gains.rows(); ++s)
    for (Eigen::Index i = 0; i < gains.cols(); ++i)
      if (gains(s, i) > best) best = gains(s, i);
  return best;
}

/// The spread of the game's stage payoffs: the largest minus the smallest,
/// over every state, outcome and player (1 when they are all equal), in
/// double. Values are discounted sums of them, so solvers divide one-shot
/// gains by this range over (1 - delta) to give `run_report::error_bound`.
template <scalar Scalar>
[[nodiscard]] double payoff_range(const stochastic_game<Scalar>& game) {
  double low = 0, high = 0;
  bool first = true;
  for (const auto& state : game.states())
    for (const auto& outcome : state.outcomes)
      for (const auto& u : outcome.payoffs) {
        const double x = scalar_cast<double>(u);
        low = first ? x : std::min(low, x);
        high = first ? x : std::max(high, x);
        first = false;
      }
  return high > low ? finite_spread(low, high) : 1;
}

/// The largest one-shot deviation gain of `profile` (in any state, for any
/// player) relative to the range of the values, `payoff_range(game)` over
/// 1 - delta for the largest discount factor, in double.
template <scalar Scalar>
[[nodiscard]] double relative_gain(const stochastic_game<Scalar>& game, const stationary_profile<Scalar>& profile) {
  double delta = 0;
  for (const auto& d : game.discounts()) delta = std::max(delta, scalar_cast<double>(d));
  return scalar_cast<double>(max_one_shot_deviation_gain(game, profile)) * (1 - delta) / payoff_range(game);
}

/// True when no one-shot deviation gains more than `tolerance` (exactly
/// zero in rationals): `profile` is a stationary Markov perfect equilibrium.
template <scalar Scalar>
[[nodiscard]] bool is_markov_perfect(const stochastic_game<Scalar>& game, const stationary_profile<Scalar>& profile,
                                     const Scalar& tolerance = scalar_traits<Scalar>::tolerance()) {
  return !(max_one_shot_deviation_gain(game, profile) > tolerance);
}

/// The stage game of state s given continuation values (states x players):
/// player i's payoff at profile a is u_i(s, a) + delta_i sum_s' p(s'|s, a)
/// continuation(s', i). Labels are the players' and actions' names.
template <scalar Scalar>
[[nodiscard]] strategic_game<Scalar> stage_game(const stochastic_game<Scalar>& game, std::size_t s,
                                                const matrix<Scalar>& continuation) {
  const auto& state = game.state(s);
  if (continuation.rows() != static_cast<Eigen::Index>(game.num_states()) ||
      continuation.cols() != static_cast<Eigen::Index>(game.num_players()))
    throw invalid_argument("stage_game: continuation values must be a states x players matrix");
  strategic_game<Scalar> out(state.action_counts());
  out.set_title(state.name);
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    out.set_player_label(i, game.player_name(i));
    for (std::size_t a = 0; a < state.actions[i].size(); ++a) out.set_strategy_label(i, a, state.actions[i][a]);
  }
  for (std::size_t index = 0; index < state.num_profiles(); ++index)
    for (std::size_t i = 0; i < game.num_players(); ++i)
      out.set_payoff(i, index, detail::outcome_value(game, state.outcomes[index], i, continuation));
  return out;
}

}  // namespace impasse
