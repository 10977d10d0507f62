// Markov perfect equilibria of a stochastic game played for a finite number
// of periods, by backward induction over periods and states.
//
// In the last period each state's stage game is the stage payoffs alone; in
// period t it is u_i(s, a) + delta_i sum_s' p(s'|s, a) W_{t+1}(s', i), with
// W_{t+1} the values an equilibrium of the later periods gives. Every
// choice of one equilibrium per state and period is an MPE (Markov, not
// stationary: strategies depend on the period), so the equilibria form a
// tree, searched depth first until `max_equilibria`. Stage games are solved
// for every pure equilibrium (strategic/pure_equilibria.hpp) or, for two
// players, every extreme mixed equilibrium (strategic/vertex_enumeration.hpp;
// Avis, Rosenberg, Savani and von Stengel, Econ. Theory 42, 2010). Cost: the
// number of equilibria found times the stage games solved along each branch;
// each period's stage games are solved once per combination of the later
// periods' choices.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/result.hpp>
#include <impasse/stochastic/game.hpp>
#include <impasse/stochastic/markov_perfect.hpp>
#include <impasse/strategic/pure_equilibria.hpp>
#include <impasse/strategic/regret.hpp>
#include <impasse/strategic/vertex_enumeration.hpp>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <limits>
#include <stop_token>
#include <vector>

namespace impasse {

/// How each state's stage game is solved.
enum class stage_solution {
  pure,   ///< every pure equilibrium
  mixed,  ///< every extreme equilibrium (two players only)
};

template <scalar Scalar>
struct finite_horizon_markov_equilibrium;

/// Options of `stochastic_backward_induction`.
template <scalar Scalar>
struct stochastic_backward_induction_options {
  /// Number of periods played (at least 1).
  std::size_t horizon = 1;
  stage_solution stage = stage_solution::pure;
  /// Stop after this many equilibria (status `limit_reached`); 0: no limit.
  /// Their number can grow like (equilibria per stage game)^(states x horizon).
  std::size_t max_equilibria = no_limit;
  /// Called with each equilibrium as it is found, before it is stored.
  std::function<void(const finite_horizon_markov_equilibrium<Scalar>&)> on_equilibrium = {};
  /// Checked at every period of every branch (status `cancelled`).
  std::stop_token stop_token = {};
  /// Stage games solved, every 64 (the total is not known in advance).
  progress_callback on_progress = {};
};

template <scalar Scalar>
struct finite_horizon_markov_equilibrium {
  /// strategies[t][s]: the mixed profile played in state s in period t (from 0).
  std::vector<stationary_profile<Scalar>> strategies;
  /// values[t](s, i): player i's payoff from state s at the start of period t on.
  std::vector<matrix<Scalar>> values;
};

/// Result of `stochastic_backward_induction`. Exact in rationals; in
/// double, `error_bound` is the largest relative regret of a stage
/// equilibrium used, in its stage game.
template <scalar Scalar>
struct stochastic_backward_induction_result : run_report {
  std::vector<finite_horizon_markov_equilibrium<Scalar>> equilibria;
  std::size_t stage_games_solved = 0;
};

namespace detail {

template <scalar Scalar>
class finite_horizon_markov_search {
 public:
  finite_horizon_markov_search(const stochastic_game<Scalar>& game,
                               const stochastic_backward_induction_options<Scalar>& options,
                               stochastic_backward_induction_result<Scalar>& result)
      : game_(game), options_(options), result_(result) {}

  // Returns false to stop the search.
  bool period(std::size_t t, const matrix<Scalar>& continuation) {
    if (options_.stop_token.stop_requested()) {
      result_.status = run_status::cancelled;
      return false;
    }
    std::vector<std::vector<mixed_profile<Scalar>>> choices(game_.num_states());
    std::vector<strategic_game<Scalar>> stages;
    for (std::size_t s = 0; s < game_.num_states(); ++s) {
      stages.push_back(stage_game(game_, s, continuation));
      if (++result_.stage_games_solved % 64 == 0)
        report_progress(options_.on_progress, result_.stage_games_solved, 0, "stage games");
      double error_bound = 0;
      if (options_.stage == stage_solution::pure) {
        const auto pure = pure_strategy_enumeration(stages.back());
        error_bound = pure.error_bound;
        for (const auto& e : pure.equilibria)
          choices[s].push_back(mixed_profile<Scalar>::pure(stages.back().strategy_counts(), e));
      } else {
        auto mixed = vertex_enumeration(stages.back());
        error_bound = mixed.error_bound;
        choices[s] = std::move(mixed.equilibria);
      }
      result_.error_bound = std::max(result_.error_bound, error_bound);
      if (choices[s].empty()) return true;  // no equilibrium of this kind on this branch
    }
    std::vector<std::size_t> pick(game_.num_states(), 0);
    while (true) {
      stationary_profile<Scalar> strategies;
      matrix<Scalar> values(static_cast<Eigen::Index>(game_.num_states()), static_cast<Eigen::Index>(game_.num_players()));
      for (std::size_t s = 0; s < game_.num_states(); ++s) {
        strategies.push_back(choices[s][pick[s]]);
        for (std::size_t i = 0; i < game_.num_players(); ++i)
          values(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(i)) =
              expected_payoff(stages[s], strategies.back(), i);
      }
      strategies_.push_back(std::move(strategies));
      values_.push_back(values);
      bool go_on = true;
      if (t == 0) {
        finite_horizon_markov_equilibrium<Scalar> eq;
        eq.strategies.assign(strategies_.rbegin(), strategies_.rend());
        eq.values.assign(values_.rbegin(), values_.rend());
        if (options_.on_equilibrium) options_.on_equilibrium(eq);
        result_.equilibria.push_back(std::move(eq));
        if (limit_hit(result_.equilibria.size(), options_.max_equilibria)) {
          result_.status = run_status::limit_reached;
          go_on = false;
        }
      } else {
        go_on = period(t - 1, values);
      }
      strategies_.pop_back();
      values_.pop_back();
      if (!go_on) return false;
      std::size_t s = 0;
      for (; s < pick.size() && ++pick[s] == choices[s].size(); ++s) pick[s] = 0;
      if (s == pick.size()) return true;
    }
  }

 private:
  const stochastic_game<Scalar>& game_;
  const stochastic_backward_induction_options<Scalar>& options_;
  stochastic_backward_induction_result<Scalar>& result_;
  std::vector<stationary_profile<Scalar>> strategies_;  // from the last period back
  std::vector<matrix<Scalar>> values_;
};

}  // namespace detail

/// Markov perfect equilibria of the game played for `options.horizon`
/// periods (payoffs discounted as in the infinite game), found by backward
/// induction. Throws `invalid_argument` for a zero horizon, or mixed stage
/// solutions in a game that does not have two players.
template <scalar Scalar>
[[nodiscard]] stochastic_backward_induction_result<Scalar> stochastic_backward_induction(
    const stochastic_game<Scalar>& game, const stochastic_backward_induction_options<Scalar>& options = {}) {
  if (options.horizon == 0) throw invalid_argument("stochastic_backward_induction: the horizon must be at least 1");
  if (options.stage == stage_solution::mixed && game.num_players() != 2)
    throw invalid_argument("stochastic_backward_induction: mixed stage equilibria need a two-player game, "
                           "this one has " + std::to_string(game.num_players()) + " players");
  stochastic_backward_induction_result<Scalar> result;
  result.exact = is_exact_v<Scalar>;
  detail::finite_horizon_markov_search<Scalar> search(game, options, result);
  (void)search.period(options.horizon - 1,
                      matrix<Scalar>::Zero(static_cast<Eigen::Index>(game.num_states()),
                                           static_cast<Eigen::Index>(game.num_players())));
  return result;
}

}  // namespace impasse
