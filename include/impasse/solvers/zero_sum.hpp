// Two-player zero-sum and constant-sum games: the value and a pair of
// optimal (maximin) strategies, by linear programming.
//
// In a game where the payoffs add up to the same constant c at every pure
// profile, player 1's maximin value v equals the minimax value (von Neumann
// 1928), every Nash equilibrium gives player 1 exactly v (and player 2
// c - v), and the equilibria are the pairs of optimal strategies. With
// player 1's payoffs A shifted to A' = A + K >= 1, the column player's
// linear program
//
//   maximize sum_j q_j  subject to  A' q <= 1,  q >= 0
//
// has optimum 1 / (v + K); its optimal q, normalised, is an optimal
// strategy for player 2, and its dual solution, normalised, one for player
// 1 (Dantzig 1951; e.g. Owen, "Game Theory", 1995, ch. II.4). One simplex
// run (see detail/simplex.hpp) gives both, exactly in rationals. Cost: a
// few pivots of O(m (m + n)) each for an m x n game.
#pragma once

#include <impasse/detail/simplex.hpp>
#include <impasse/error.hpp>
#include <impasse/mixed_profile.hpp>
#include <impasse/solver_result.hpp>
#include <impasse/strategic_game.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <sstream>
#include <string>

namespace impasse {

struct zero_sum_options {
  /// Stop after this many simplex pivots (status `limit_reached`; only
  /// conceivable in double); 0 for the default, 50 (m + 2n) + 1000.
  std::size_t max_pivots = 0;
};

template <scalar Scalar>
struct zero_sum_result {
  /// The value of the game to player 1; player 2's is `constant - value`.
  Scalar value{0};
  /// The sum of the two players' payoffs, the same at every profile (0 for
  /// a zero-sum game).
  Scalar constant{0};
  /// A pair of optimal strategies (player 1 maximin, player 2 minimax):
  /// a Nash equilibrium.
  mixed_profile<Scalar> equilibrium{std::vector<std::size_t>{1, 1}};
  run_status status = run_status::complete;
  std::size_t pivots = 0;
};

namespace detail {

/// Throws `invalid_argument` unless `game` has two players whose payoffs
/// add up to the same number at every profile (within the scalar's
/// tolerance, scaled to the payoffs, in double); returns that number.
template <scalar Scalar>
Scalar constant_sum(const strategic_game<Scalar>& game, const char* who) {
  if (game.num_players() != 2)
    throw invalid_argument(std::string(who) + " needs a two-player game, this one has " +
                           std::to_string(game.num_players()) + " players");
  const auto a = game.payoffs(0);
  const auto b = game.payoffs(1);
  const Scalar constant = a[0] + b[0];
  Scalar tolerance = scalar_traits<Scalar>::tolerance();
  if constexpr (!is_exact_v<Scalar>) {
    double scale = 1;
    for (std::size_t p = 0; p < a.size(); ++p) scale = std::max({scale, std::abs(a[p]), std::abs(b[p])});
    tolerance *= scale;
  }
  for (std::size_t p = 0; p < a.size(); ++p) {
    const Scalar gap = a[p] + b[p] - constant;
    if (gap > tolerance || gap < -tolerance) {
      const auto name = [&](std::size_t profile_index) {
        const auto s = game.profile_at(profile_index);
        return "(" + game.strategy_label(0, s[0]) + ", " + game.strategy_label(1, s[1]) + ") [strategies " +
               std::to_string(s[0] + 1) + " and " + std::to_string(s[1] + 1) + "]";
      };
      const auto number = [](const Scalar& x) {
        if constexpr (is_exact_v<Scalar>) {
          return to_fraction_string(x);
        } else {
          std::ostringstream out;
          out.precision(17);
          out << x;
          return out.str();
        }
      };
      throw invalid_argument(std::string(who) + " needs a zero-sum or constant-sum game: the payoffs add up to " +
                             number(constant) + " at profile " + name(0) + " but to " + number(a[p] + b[p]) +
                             " at profile " + name(p));
    }
  }
  return constant;
}

}  // namespace detail

/// The value and a pair of optimal strategies of a two-player zero-sum or
/// constant-sum game. Throws `invalid_argument`, naming a profile where the
/// payoffs add up differently, if the game is not constant-sum.
template <scalar Scalar>
[[nodiscard]] zero_sum_result<Scalar> solve_zero_sum(const strategic_game<Scalar>& game,
                                                     const zero_sum_options& options = {}) {
  zero_sum_result<Scalar> result;
  result.constant = detail::constant_sum(game, "solve_zero_sum");
  const auto a = game.payoff_matrix(0);
  const Eigen::Index m = a.rows(), n = a.cols();
  const Scalar shift = Scalar(1) - a.minCoeff();

  detail::linear_program<Scalar> lp;
  lp.constraints = (a.array() + shift).matrix();
  lp.bounds = vector<Scalar>::Ones(m);
  lp.senses.assign(static_cast<std::size_t>(m), detail::constraint_sense::less_equal);
  lp.objective = vector<Scalar>::Ones(n);
  const auto solution = detail::solve_linear_program(lp, {.max_pivots = options.max_pivots});
  result.pivots = solution.pivots;
  result.equilibrium = mixed_profile<Scalar>(game.strategy_counts());
  if (solution.status != detail::lp_status::optimal) {
    // The program is feasible (q = 0) and bounded (A' >= 1), so only the
    // pivot limit can end it early.
    result.status = run_status::limit_reached;
    return result;
  }
  // The optimal value is 1 / (v + K); the primal and dual solutions both
  // sum to it (exactly in rationals; each is normalised by its own sum, so
  // that it is a probability vector in double too).
  const auto normalise = [](const vector<Scalar>& weights, auto&& set) {
    Scalar sum(0);
    for (Eigen::Index i = 0; i < weights.size(); ++i) sum += std::max(Scalar(0), weights(i));
    for (Eigen::Index i = 0; i < weights.size(); ++i)
      set(static_cast<std::size_t>(i), std::max(Scalar(0), weights(i)) / sum);
  };
  normalise(solution.dual, [&](std::size_t i, Scalar p) { result.equilibrium(0, i) = std::move(p); });
  normalise(solution.primal, [&](std::size_t j, Scalar p) { result.equilibrium(1, j) = std::move(p); });
  result.value = Scalar(1) / solution.value - shift;
  return result;
}

}  // namespace impasse
