// Two-player zero-sum (or constant-sum) extensive games with perfect
// recall: the value and a pair of optimal behaviour strategies, by one
// linear program over the sequence form (Koller, Megiddo and von Stengel
// 1996, GEB 14; von Stengel 1996, "Efficient computation of behavior
// strategies", GEB 14, section 4).
//
// With player 1's sequence-form payoff matrix A, player 2's constraints
// F y = f, y >= 0, and player 1's E x = e, x >= 0, player 1's best
// guaranteed payoff is the linear program
//
//   maximize f . q  subject to  F^T q - A^T x <= 0,  E x = e,  x >= 0, q free,
//
// whose inner part (for fixed x) is the dual of player 2's best response
// min { (A^T x) . y : F y = f, y >= 0 }. Its optimum is the value v, its x
// an optimal realization plan of player 1, and the dual solution of the
// first block of constraints an optimal realization plan y of player 2 (the
// dual program is player 2's min { e . p : E^T p >= A y, F y = f, y >= 0 }).
// One run of detail::solve_linear_program (two-phase simplex, exact in
// rationals) gives both; the free q is split into two non-negative parts.
// In a constant-sum game (the payoffs at every terminal node add up to the
// same c) the same program applies, and player 2 gets c - v. Cost: the
// program has (sequences of 1) + 2 (information sets of 2, plus one)
// variables and (sequences of 2) + (information sets of 1, plus one)
// constraints: linear in the size of the tree, where the strategic form
// would be exponential.
#pragma once

#include <impasse/core/limits.hpp>
#include <impasse/core/result.hpp>
#include <impasse/detail/constant_sum.hpp>
#include <impasse/detail/simplex.hpp>
#include <impasse/extensive/regret.hpp>
#include <impasse/extensive/sequence_form.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <sstream>
#include <stop_token>
#include <string>
#include <utility>
#include <vector>

namespace impasse {

/// Options of `sequence_form_lp`.
template <scalar Scalar>
struct sequence_form_lp_options {
  /// Stop after this many simplex pivots (status `limit_reached`); 0: no
  /// limit. (In double a safeguard of 10 (rows + columns) + 1000 pivots
  /// catches a run that rounding sends in circles; the program is then
  /// solved again exactly.)
  std::size_t max_pivots = no_limit;
  /// Called with the pair of optimal strategies, once found.
  std::function<void(const behaviour_profile<Scalar>&)> on_equilibrium = {};
  /// Checked every 64 pivots (status `cancelled`).
  std::stop_token stop_token = {};
  /// Simplex pivots made (the total is not known in advance).
  progress_callback on_progress = {};
};

/// Result of `sequence_form_lp`. Exact in rationals and when a double run
/// was solved again exactly; otherwise `error_bound` is the largest regret
/// relative to the range of the terminal payoffs.
template <scalar Scalar>
struct sequence_form_lp_result : run_report {
  /// The value of the game to player 1; player 2's is `constant - value`.
  Scalar value{0};
  /// What the two payoffs add up to at every terminal node (0 when zero-sum).
  Scalar constant{0};
  /// One pair of optimal behaviour strategies (a Nash equilibrium), unless
  /// the run stopped early.
  std::vector<behaviour_profile<Scalar>> equilibria;
  /// The realization plans of each equilibrium, one per player.
  std::vector<std::vector<realization_plan<Scalar>>> realization_plans;
  std::size_t pivots = 0;
};

namespace detail {

/// Throws `invalid_argument` unless `game` has two players whose payoffs
/// (the sums of the outcomes on each path) add up to the same number at
/// every terminal node (within the tolerance, scaled to the payoffs, in
/// double); returns that number.
template <scalar Scalar>
Scalar extensive_constant_sum(const extensive_game<Scalar>& game, const char* who) {
  const auto leaves = game.terminal_payoffs();
  return common_payoff_sum<Scalar>(
      game.num_players(), leaves.size(),
      [&](std::size_t k) { return std::pair<Scalar, Scalar>(leaves[k].second[0], leaves[k].second[1]); },
      [&](std::size_t k) {
        const auto& label = game.node(leaves[k].first).label;
        return "terminal node " + std::to_string(leaves[k].first) + (label.empty() ? "" : " (\"" + label + "\")");
      },
      who);
}

}  // namespace detail

namespace detail {

template <scalar Scalar>
sequence_form_lp_result<Scalar> sequence_form_lp_run(const extensive_game<Scalar>& game,
                                                     const sequence_form_lp_options<Scalar>& options, Scalar constant) {
  sequence_form_lp_result<Scalar> result;
  result.exact = is_exact_v<Scalar>;
  result.constant = std::move(constant);
  const sequence_form<Scalar> form(game);
  const std::size_t m1 = form.num_sequences(0), m2 = form.num_sequences(1);
  const std::size_t p1 = form.num_information_sets(0) + 1, p2 = form.num_information_sets(1) + 1;
  const auto idx = [](std::size_t k) { return static_cast<Eigen::Index>(k); };

  // Variables: x (m1), q+ (p2), q- (p2). Rows: F^T q - A^T x <= 0 (m2),
  // then E x = e (p1).
  const double entries = static_cast<double>(m2 + p1) * static_cast<double>(m1 + 2 * p2);
  if (entries > static_cast<double>(input_limits_in_force().max_dense_entries))
    detail::enforce_limit(input_limits_in_force().max_dense_entries + 1, input_limits_in_force().max_dense_entries,
                          "max_dense_entries", "",
                          "the sequence-form LP of " + std::to_string(m2 + p1) + " x " + std::to_string(m1 + 2 * p2) +
                              " constraints");
  linear_program<Scalar> lp;
  lp.constraints = matrix<Scalar>::Zero(idx(m2 + p1), idx(m1 + 2 * p2));
  lp.bounds = vector<Scalar>::Zero(idx(m2 + p1));
  lp.senses.assign(m2, constraint_sense::less_equal);
  lp.senses.resize(m2 + p1, constraint_sense::equal);
  lp.objective = vector<Scalar>::Zero(idx(m1 + 2 * p2));
  for (const auto& entry : form.payoff_entries())
    lp.constraints(idx(entry.sequences[1]), idx(entry.sequences[0])) -= entry.payoffs[0];
  const matrix<Scalar> f = form.constraint_matrix(1);
  for (std::size_t r = 0; r < p2; ++r)
    for (std::size_t s = 0; s < m2; ++s)
      if (f(idx(r), idx(s)) != Scalar(0)) {
        lp.constraints(idx(s), idx(m1 + r)) = f(idx(r), idx(s));
        lp.constraints(idx(s), idx(m1 + p2 + r)) = -f(idx(r), idx(s));
      }
  const matrix<Scalar> e = form.constraint_matrix(0);
  lp.constraints.block(idx(m2), 0, idx(p1), idx(m1)) = e;
  lp.bounds(idx(m2)) = Scalar(1);
  lp.objective(idx(m1)) = Scalar(1);
  lp.objective(idx(m1 + p2)) = Scalar(-1);

  std::size_t max_pivots = options.max_pivots;
  if (max_pivots == no_limit)
    max_pivots = is_exact_v<Scalar> ? engine_limit(no_limit) : 10 * (m1 + m2 + p1 + 2 * p2) + 1000;
  const auto solution = solve_linear_program(
      lp, {.max_pivots = max_pivots, .stop_token = options.stop_token, .on_progress = options.on_progress});
  result.pivots = solution.pivots;
  if (solution.status == lp_status::cancelled) {
    result.status = run_status::cancelled;
    return result;
  }
  if (solution.status != lp_status::optimal) {
    // The program is feasible (any x, with q low enough) and bounded (by
    // the largest payoff), so only the pivot limit can end it early: the
    // caller's, or in double the safeguard (`failed`, redone exactly).
    if (options.max_pivots != no_limit) {
      result.status = run_status::limit_reached;
    } else {
      result.status = run_status::failed;
      result.reason = "the floating-point simplex met its safeguard of " + std::to_string(max_pivots) + " pivots";
    }
    return result;
  }
  result.value = solution.value;
  std::vector<realization_plan<Scalar>> plans(2);
  for (std::size_t s = 0; s < m1; ++s) plans[0].push_back(std::max(Scalar(0), solution.primal(idx(s))));
  for (std::size_t s = 0; s < m2; ++s) plans[1].push_back(std::max(Scalar(0), solution.dual(idx(s))));
  // In double the plans satisfy their constraints only up to rounding.
  const Scalar tolerance = is_exact_v<Scalar> ? Scalar(0) : Scalar(1e-7);
  result.equilibria.push_back(behaviour_strategies(game, form, plans, tolerance));
  result.realization_plans.push_back(std::move(plans));
  if (!result.exact) result.error_bound = relative_regret(game, result.equilibria.back());
  return result;
}

}  // namespace detail

/// The value and a pair of optimal behaviour strategies of a two-player
/// zero-sum or constant-sum extensive game with perfect recall. Throws
/// `invalid_argument` for another number of players, imperfect recall, or
/// payoffs that do not add up to the same number everywhere (naming two
/// terminal nodes where they differ). In double, should the simplex ever
/// meet its safeguard, the program is solved again in rationals, the answer
/// converted back and `exact` set; the perturbed
/// double simplex of detail/simplex.hpp solves the degenerate programs of
/// poker (up to 52 cards) without it.
template <scalar Scalar>
[[nodiscard]] sequence_form_lp_result<Scalar> sequence_form_lp(const extensive_game<Scalar>& game,
                                                               const sequence_form_lp_options<Scalar>& options = {}) {
  const Scalar constant = detail::extensive_constant_sum(game, "sequence_form_lp");
  require_perfect_recall(game, "sequence_form_lp");
  auto result = detail::sequence_form_lp_run(game, options, constant);
  if constexpr (!is_exact_v<Scalar>) {
    if (result.status == run_status::failed) {
      const auto exact_game = convert<rational>(game);
      const auto exact = detail::sequence_form_lp_run(
          exact_game,
          sequence_form_lp_options<rational>{.stop_token = options.stop_token, .on_progress = options.on_progress},
          rational(constant));
      sequence_form_lp_result<Scalar> out;
      static_cast<run_report&>(out) = exact;
      out.value = scalar_cast<Scalar>(exact.value);
      out.constant = constant;
      out.pivots = result.pivots + exact.pivots;
      for (const auto& e : exact.equilibria) out.equilibria.push_back(detail::convert_profile<Scalar>(game, e));
      for (const auto& plans : exact.realization_plans) out.realization_plans.push_back(detail::convert_plans<Scalar>(plans));
      if (options.on_equilibrium)
        for (const auto& e : out.equilibria) options.on_equilibrium(e);
      return out;
    }
  }
  if (options.on_equilibrium)
    for (const auto& e : result.equilibria) options.on_equilibrium(e);
  return result;
}

}  // namespace impasse
