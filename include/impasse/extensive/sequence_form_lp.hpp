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
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace impasse {

struct sequence_form_lp_options {
  /// Stop after this many simplex pivots (status `limit_reached`; only
  /// conceivable in double); 0 for the default: in rationals the simplex's
  /// own, in double 10 (rows + columns) + 1000, after which the program is
  /// solved again exactly.
  std::size_t max_pivots = 0;
};

template <scalar Scalar>
struct sequence_form_lp_result {
  /// The value of the game to player 1; player 2's is `constant - value`.
  Scalar value{0};
  /// What the two payoffs add up to at every terminal node (0 when zero-sum).
  Scalar constant{0};
  /// One pair of optimal behaviour strategies (a Nash equilibrium), unless
  /// the run stopped early.
  std::vector<behaviour_profile<Scalar>> equilibria;
  /// The realization plans of each equilibrium, one per player.
  std::vector<std::vector<realization_plan<Scalar>>> realization_plans;
  run_status status = run_status::complete;
  std::size_t pivots = 0;
  /// In double: true when the floating-point simplex stopped at its
  /// default pivot limit and the program was solved again in rationals (a
  /// last resort, not expected: the double simplex handles the degenerate
  /// programs of poker itself). Always false in rationals.
  bool exact_fallback = false;
};

namespace detail {

/// Throws `invalid_argument` unless `game` has two players whose payoffs
/// (the sums of the outcomes on each path) add up to the same number at
/// every terminal node (within the tolerance, scaled to the payoffs, in
/// double); returns that number.
template <scalar Scalar>
Scalar extensive_constant_sum(const extensive_game<Scalar>& game, const char* who) {
  std::vector<std::size_t> leaves;
  std::vector<std::vector<Scalar>> paid;
  for (std::size_t n = 0; n < game.num_nodes(); ++n)
    if (game.node(n).kind == node_kind::terminal) {
      leaves.push_back(n);
      paid.push_back(game.payoffs_at(n));
    }
  return common_payoff_sum<Scalar>(
      game.num_players(), leaves.size(),
      [&](std::size_t k) { return std::pair<Scalar, Scalar>(paid[k][0], paid[k][1]); },
      [&](std::size_t k) {
        const auto& label = game.node(leaves[k]).label;
        return "terminal node " + std::to_string(leaves[k]) + (label.empty() ? "" : " (\"" + label + "\")");
      },
      who);
}

}  // namespace detail

namespace detail {

template <scalar Scalar>
sequence_form_lp_result<Scalar> sequence_form_lp_run(const extensive_game<Scalar>& game,
                                                     const sequence_form_lp_options& options, Scalar constant) {
  sequence_form_lp_result<Scalar> result;
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
  if (!is_exact_v<Scalar> && max_pivots == 0) max_pivots = 10 * (m1 + m2 + p1 + 2 * p2) + 1000;
  const auto solution = solve_linear_program(lp, {.max_pivots = max_pivots});
  result.pivots = solution.pivots;
  if (solution.status != lp_status::optimal) {
    // The program is feasible (any x, with q low enough) and bounded (by
    // the largest payoff), so only the pivot limit can end it early.
    result.status = run_status::limit_reached;
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
  return result;
}

}  // namespace detail

/// The value and a pair of optimal behaviour strategies of a two-player
/// zero-sum or constant-sum extensive game with perfect recall. Throws
/// `invalid_argument` for another number of players, imperfect recall, or
/// payoffs that do not add up to the same number everywhere (naming two
/// terminal nodes where they differ). In double, should the simplex ever
/// meet the default pivot limit, the program is solved again in rationals,
/// the answer converted back and `exact_fallback` set; the perturbed
/// double simplex of detail/simplex.hpp solves the degenerate programs of
/// poker (up to 52 cards) without it.
template <scalar Scalar>
[[nodiscard]] sequence_form_lp_result<Scalar> sequence_form_lp(const extensive_game<Scalar>& game,
                                                               const sequence_form_lp_options& options = {}) {
  const Scalar constant = detail::extensive_constant_sum(game, "sequence_form_lp");
  require_perfect_recall(game, "sequence_form_lp");
  auto result = detail::sequence_form_lp_run(game, options, constant);
  if constexpr (!is_exact_v<Scalar>) {
    if (result.status == run_status::limit_reached && options.max_pivots == 0) {
      const auto exact_game = convert<rational>(game);
      const auto exact = detail::sequence_form_lp_run(exact_game, options, rational(constant));
      sequence_form_lp_result<Scalar> out;
      out.value = scalar_cast<Scalar>(exact.value);
      out.constant = constant;
      out.status = exact.status;
      out.pivots = result.pivots + exact.pivots;
      out.exact_fallback = true;
      for (const auto& e : exact.equilibria) out.equilibria.push_back(detail::convert_profile<Scalar>(game, e));
      for (const auto& plans : exact.realization_plans) out.realization_plans.push_back(detail::convert_plans<Scalar>(plans));
      return out;
    }
  }
  return result;
}

}  // namespace impasse
