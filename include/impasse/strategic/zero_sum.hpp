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
// run (see detail/simplex.hpp) gives both. Cost: a few pivots of
// O(m (m + n)) each for an m x n game. In rationals the simplex runs in
// double and the answer is then made exact: the optimal strategies are
// recomputed from their supports (the indifference equations, O(k^3) for
// k strategies) and checked to guarantee the value against every pure
// strategy; only when that fails (degenerate games, or rounding) does the
// simplex run again in exact arithmetic, which is slow on large games
// (entries grow as its pivots go).
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/result.hpp>
#include <impasse/detail/constant_sum.hpp>
#include <impasse/detail/linear_system.hpp>
#include <impasse/detail/simplex.hpp>
#include <impasse/strategic/game.hpp>
#include <impasse/strategic/mixed_profile.hpp>
#include <impasse/strategic/regret.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <stop_token>
#include <type_traits>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace impasse {

/// Options of `zero_sum_lp`.
template <scalar Scalar>
struct zero_sum_lp_options {
  /// Stop after this many simplex pivots (status `limit_reached`); 0: no
  /// limit. (In double a safeguard of 50 (m + 2n) + 1000 pivots catches a
  /// run that rounding sends in circles: status `failed`.)
  std::size_t max_pivots = no_limit;
  /// Called with the pair of optimal strategies, once found.
  std::function<void(const mixed_profile<Scalar>&)> on_equilibrium = {};
  /// Checked every 64 pivots (status `cancelled`).
  std::stop_token stop_token = {};
  /// Simplex pivots made (the total is not known in advance).
  progress_callback on_progress = {};
};

/// Result of `zero_sum_lp`. Exact in rationals; in double, `error_bound` is
/// the relative regret of the optimal strategies.
template <scalar Scalar>
struct zero_sum_lp_result : run_report {
  /// The value of the game to player 1; player 2's is `constant - value`.
  Scalar value{0};
  /// The sum of the two players' payoffs, the same at every profile (0 for
  /// a zero-sum game).
  Scalar constant{0};
  /// A pair of optimal strategies (player 1 maximin, player 2 minimax): a
  /// Nash equilibrium. One when `complete`, none otherwise.
  std::vector<mixed_profile<Scalar>> equilibria;
  std::size_t pivots = 0;
};

namespace detail {

/// Throws `invalid_argument` unless `game` has two players whose payoffs
/// add up to the same number at every profile (within the scalar's
/// tolerance, scaled to the payoffs, in double); returns that number.
template <scalar Scalar>
Scalar constant_sum(const strategic_game<Scalar>& game, const char* who) {
  const auto a = game.payoffs(0);
  const auto b = game.payoffs(game.num_players() == 2 ? 1 : 0);
  return common_payoff_sum<Scalar>(
      game.num_players(), a.size(), [&](std::size_t p) { return std::pair<Scalar, Scalar>(a[p], b[p]); },
      [&](std::size_t p) {
        const auto s = game.profile_at(p);
        return "profile (" + game.strategy_label(0, s[0]) + ", " + game.strategy_label(1, s[1]) + ") [strategies " +
               std::to_string(s[0] + 1) + " and " + std::to_string(s[1] + 1) + "]";
      },
      who);
}

}  // namespace detail

namespace detail {

/// The value and optimal strategies from the linear program (see the file
/// comment), in Scalar, into `result.equilibria[0]`; the simplex's status
/// (`optimal` unless a limit or the stop token stopped it).
template <scalar Scalar, scalar Options>
lp_status zero_sum_by_simplex(const strategic_game<Scalar>& game, const zero_sum_lp_options<Options>& options,
                              zero_sum_lp_result<Scalar>& result) {
  const auto a = game.payoff_matrix(0);
  const Eigen::Index m = a.rows(), n = a.cols();
  const Scalar shift = Scalar(1) - a.minCoeff();
  linear_program<Scalar> lp;
  lp.constraints = (a.array() + shift).matrix();
  lp.bounds = vector<Scalar>::Ones(m);
  lp.senses.assign(static_cast<std::size_t>(m), constraint_sense::less_equal);
  lp.objective = vector<Scalar>::Ones(n);
  const std::size_t limit = options.max_pivots != no_limit ? options.max_pivots
                            : is_exact_v<Scalar>         ? engine_limit(no_limit)
                                                         : 0;  // the simplex's safeguard
  const auto solution = solve_linear_program(
      lp, {.max_pivots = limit, .stop_token = options.stop_token, .on_progress = options.on_progress});
  result.pivots += solution.pivots;
  // The program is feasible (q = 0) and bounded (A' >= 1), so only the
  // pivot limit or the stop token can end it early.
  if (solution.status != lp_status::optimal) return solution.status;
  // The optimal value is 1 / (v + K); the primal and dual solutions both
  // sum to it (exactly in rationals; each is normalised by its own sum, so
  // that it is a probability vector in double too).
  const auto normalise = [](const vector<Scalar>& weights, auto&& set) {
    Scalar sum(0);
    for (Eigen::Index i = 0; i < weights.size(); ++i) sum += std::max(Scalar(0), weights(i));
    for (Eigen::Index i = 0; i < weights.size(); ++i)
      set(static_cast<std::size_t>(i), std::max(Scalar(0), weights(i)) / sum);
  };
  normalise(solution.dual, [&](std::size_t i, Scalar p) { result.equilibria[0](0, i) = std::move(p); });
  normalise(solution.primal, [&](std::size_t j, Scalar p) { result.equilibria[0](1, j) = std::move(p); });
  result.value = Scalar(1) / solution.value - shift;
  return lp_status::optimal;
}

/// The optimal strategy of one player with the given support, making the
/// opponent's strategies `against` indifferent, and the value: the
/// solution of sum_i x_i a(i, j) = v (j in against), sum x = 1, when this
/// square system has one. `a(i, j)` is the payoff to the player choosing i.
template <class Payoff>
std::optional<std::pair<std::vector<rational>, rational>> indifferent_strategy(
    const std::vector<Eigen::Index>& support, const std::vector<Eigen::Index>& against, Eigen::Index count,
    Payoff&& a) {
  const auto k = static_cast<Eigen::Index>(support.size());
  matrix<rational> system = matrix<rational>::Zero(k + 1, k + 1);
  vector<rational> right = vector<rational>::Zero(k + 1);
  for (Eigen::Index r = 0; r < k; ++r) {
    for (Eigen::Index c = 0; c < k; ++c)
      system(r, c) = a(support[static_cast<std::size_t>(c)], against[static_cast<std::size_t>(r)]);
    system(r, k) = -1;
  }
  for (Eigen::Index c = 0; c < k; ++c) system(k, c) = 1;
  right(k) = 1;
  const auto z = solve_square<rational>(std::move(system), std::move(right));
  if (!z) return std::nullopt;
  std::vector<rational> x(static_cast<std::size_t>(count), rational(0));
  for (Eigen::Index c = 0; c < k; ++c) x[static_cast<std::size_t>(support[static_cast<std::size_t>(c)])] = (*z)(c);
  return std::make_pair(std::move(x), (*z)(k));
}

/// For exact games: solves in double first, then recomputes the optimal
/// strategies exactly from their supports (two square systems) and checks
/// them: x >= 0 guarantees at least v against every column and y >= 0
/// concedes at most v against every row. True when the check passes.
inline bool zero_sum_by_supports(const strategic_game<rational>& game, const zero_sum_lp_options<rational>& options,
                                 zero_sum_lp_result<rational>& result) {
  const auto estimate_game = convert<double>(game);
  zero_sum_lp_result<double> estimate;
  estimate.equilibria.emplace_back(game.strategy_counts());
  zero_sum_lp_options<rational> estimate_options{.stop_token = options.stop_token, .on_progress = options.on_progress};
  // The safeguard of the double simplex, not the caller's limit: this is a guess.
  if (zero_sum_by_simplex(estimate_game, estimate_options, estimate) != lp_status::optimal) return false;
  result.pivots += estimate.pivots;
  const auto a = game.payoff_matrix(0);
  const Eigen::Index m = a.rows(), n = a.cols();
  std::vector<Eigen::Index> rows, columns;
  for (Eigen::Index i = 0; i < m; ++i)
    if (estimate.equilibria[0](0, static_cast<std::size_t>(i)) > 1e-9) rows.push_back(i);
  for (Eigen::Index j = 0; j < n; ++j)
    if (estimate.equilibria[0](1, static_cast<std::size_t>(j)) > 1e-9) columns.push_back(j);
  if (rows.size() != columns.size()) return false;
  const auto x = indifferent_strategy(rows, columns, m, [&](Eigen::Index i, Eigen::Index j) { return a(i, j); });
  const auto y = indifferent_strategy(columns, rows, n, [&](Eigen::Index j, Eigen::Index i) { return -a(i, j); });
  if (!x || !y || x->second != -y->second) return false;
  const rational& value = x->second;
  for (const auto& p : x->first)
    if (p < 0) return false;
  for (const auto& p : y->first)
    if (p < 0) return false;
  for (Eigen::Index j = 0; j < n; ++j) {
    rational guaranteed(0);
    for (auto i : rows) guaranteed += x->first[static_cast<std::size_t>(i)] * a(i, j);
    if (guaranteed < value) return false;
  }
  for (Eigen::Index i = 0; i < m; ++i) {
    rational conceded(0);
    for (auto j : columns) conceded += y->first[static_cast<std::size_t>(j)] * a(i, j);
    if (conceded > value) return false;
  }
  for (Eigen::Index i = 0; i < m; ++i) result.equilibria[0](0, static_cast<std::size_t>(i)) = x->first[static_cast<std::size_t>(i)];
  for (Eigen::Index j = 0; j < n; ++j) result.equilibria[0](1, static_cast<std::size_t>(j)) = y->first[static_cast<std::size_t>(j)];
  result.value = value;
  return true;
}

}  // namespace detail

/// The value and a pair of optimal strategies of a two-player zero-sum or
/// constant-sum game. Throws `invalid_argument`, naming a profile where the
/// payoffs add up differently, if the game is not constant-sum.
///
/// In rationals the simplex method runs in double first; the optimal
/// strategies are then recomputed exactly from their supports and checked
/// (O(k^3) for supports of k strategies). Only if that check fails (a
/// degenerate game, or rounding) does the simplex method run again in exact
/// arithmetic, which is much slower on large games.
template <scalar Scalar>
[[nodiscard]] zero_sum_lp_result<Scalar> zero_sum_lp(const strategic_game<Scalar>& game,
                                                     const std::type_identity_t<zero_sum_lp_options<Scalar>>& options = {}) {
  // Payoffs near the largest double would overflow the sums, subnormal ones
  // vanish beside the shift that makes the payoffs positive: solve the same
  // game scaled by a power of two, and scale the value back.
  if (const auto exponent = detail::extreme_payoff_exponent(game)) {
    auto scaled = zero_sum_lp(detail::times_power_of_two(game, -*exponent), options);
    scaled.value = detail::times_power_of_two(scaled.value, *exponent);
    scaled.constant = detail::times_power_of_two(scaled.constant, *exponent);
    return scaled;
  }
  zero_sum_lp_result<Scalar> result;
  result.exact = is_exact_v<Scalar>;
  result.constant = detail::constant_sum(game, "zero_sum_lp");
  result.equilibria.emplace_back(game.strategy_counts());
  const auto finish = [&]() -> zero_sum_lp_result<Scalar>& {
    if (result.status != run_status::complete) {
      result.equilibria.clear();
    } else {
      if (!result.exact) result.error_bound = relative_regret(game, result.equilibria[0]);
      if (options.on_equilibrium) options.on_equilibrium(result.equilibria[0]);
    }
    return result;
  };
  if constexpr (is_exact_v<Scalar>) {
    if (detail::zero_sum_by_supports(game, options, result)) return finish();
    if (options.stop_token.stop_requested()) {
      result.status = run_status::cancelled;
      return finish();
    }
  }
  switch (detail::zero_sum_by_simplex(game, options, result)) {
    case detail::lp_status::optimal: break;
    case detail::lp_status::cancelled: result.status = run_status::cancelled; break;
    default:
      if (options.max_pivots != no_limit) {
        result.status = run_status::limit_reached;
      } else {
        result.status = run_status::failed;
        result.reason = "the floating-point simplex met its safeguard on the pivots";
      }
  }
  return finish();
}

}  // namespace impasse
