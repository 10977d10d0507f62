// One Nash equilibrium of a two-player extensive game with perfect recall,
// by Lemke's algorithm on the linear complementarity problem of the
// sequence form (Koller, Megiddo and von Stengel 1996, "Efficient
// computation of equilibria for extensive two-person games", GEB 14,
// section 4).
//
// With realization plans x (E x = e) and y (F y = f) and sequence-form
// payoff matrices A and B, (x, y) is an equilibrium exactly when, for some
// u and v (one per row of E and F: the values of the information sets),
//
//   x >= 0,  E^T u - A y >= 0,  x . (E^T u - A y) = 0,   E x = e,
//   y >= 0,  F^T v - B^T x >= 0,  y . (F^T v - B^T x) = 0,  F y = f:
//
// the complementarity conditions of both players' best-response linear
// programs. Here it is written as a standard LCP in non-negative variables
// z = (x, y, u+, u-, v+, v-), with u = u+ - u-, and with E x = e as the two
// complementary inequalities e - E x >= 0 (paired with u+) and E x - e >= 0
// (paired with u-):
//
//        | 0     -A    E^T  -E^T   0     0   |        | 0  |
//        | -B^T   0    0     0     F^T  -F^T |        | 0  |
//   M =  | -E     0    0     0     0     0   |,  q =  | e  |
//        |  E     0    0     0     0     0   |        | -e |
//        |  0    -F    0     0     0     0   |        | f  |
//        |  0     F    0     0     0     0   |        | -f |
//
// The payoffs are first shifted below zero (each terminal node's payoff
// minus the player's largest; every realization-plan profile's payoff moves
// by the same constant, since the reach probabilities of the terminal
// nodes add up to one), and scaled to at most 1 in absolute value (which
// only rescales u or v, and keeps the path short), so that A, B <= 0 and
// z^T M z = -x^T (A + B) y >= 0: M is copositive. Lemke's algorithm with the covering vector d = (1, ..,
// 1) and lexicographic pivoting then never ends on a secondary ray: on one,
// copositivity forces z0 constant and x, y constant (E x and F y are pinned
// by the u and v rows), and then the u's direction would satisfy
// E^T du >= 0 with (E x)^T du = 0 although E x differs from e by
// +-z0 d where du is non-zero, which adds up to e^T du + z0 |du|_d = 0,
// impossible for du != 0 (e^T du >= 0 because x' . E^T du >= 0 for any
// realization plan x'). So the path ends at a solution: an equilibrium.
// (Koller, Megiddo and von Stengel prove the same for their formulation;
// von Stengel, van den Elzen and Talman 2002, Econometrica 70, choose the
// covering vector from a starting pair of strategies to trace a normal-form
// perfect equilibrium, which this solver does not do.)
//
// Size: the LCP has n = (sequences of both) + 2 (information sets of both +
// 2) rows, linear in the game tree. Cost: O(n^2) per pivot on a dense
// tableau (rationals: GMP integers over a common denominator per row);
// the number of pivots is typically one to three times n (poker with 100
// cards: n = 1606, 4651 pivots), exponential in the worst case. Exact in rationals. In double, the result is checked: a
// run that ends on a ray, or whose plans are not realization plans within
// 1e-6, or whose behaviour strategies leave a player a regret above 1e-6
// times the spread of their payoffs (all only through rounding), is redone
// exactly in rationals and converted back.
#pragma once

#include <impasse/core/limits.hpp>
#include <impasse/core/error.hpp>
#include <impasse/core/result.hpp>
#include <impasse/detail/lemke.hpp>
#include <impasse/extensive/regret.hpp>
#include <impasse/extensive/sequence_form.hpp>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <functional>
#include <stop_token>
#include <vector>

namespace impasse {

/// Options of `sequence_form_lcp`.
template <scalar Scalar>
struct sequence_form_lcp_options {
  /// Stop after this many pivots (status `limit_reached`); 0: no limit. (In
  /// double a safeguard of 100 n + 10 000 pivots for an LCP of n rows
  /// catches a path that rounding sends in circles; the run is then redone
  /// exactly.)
  std::size_t max_pivots = no_limit;
  /// Called with the equilibrium, once found.
  std::function<void(const behaviour_profile<Scalar>&)> on_equilibrium = {};
  /// Checked before every pivot (status `cancelled`).
  std::stop_token stop_token = {};
  /// Pivots made (the total is not known in advance).
  progress_callback on_progress = {};
};

/// Result of `sequence_form_lcp`. Exact in rationals and whenever a double
/// run was redone exactly; otherwise `error_bound` is the largest regret
/// relative to the range of the terminal payoffs.
template <scalar Scalar>
struct sequence_form_lcp_result : run_report {
  /// One Nash equilibrium in behaviour strategies (none if the run stopped
  /// early). Information sets that the player's own plan never reaches play
  /// their first action.
  std::vector<behaviour_profile<Scalar>> equilibria;
  /// Each equilibrium's expected payoffs, one per player.
  std::vector<std::vector<Scalar>> payoffs;
  /// Each equilibrium's realization plans, one per player.
  std::vector<std::vector<realization_plan<Scalar>>> realization_plans;
  std::size_t pivots = 0;
  /// The number of rows of the LCP.
  std::size_t lcp_size = 0;
};

namespace detail {

/// The number of variables of the sequence-form LCP of `form`: both players'
/// sequences, and each player's information sets plus one, twice (the free
/// u and v split into positive and negative parts).
template <scalar Scalar>
[[nodiscard]] std::size_t sequence_form_lcp_size(const sequence_form<Scalar>& form) {
  return form.num_sequences(0) + form.num_sequences(1) + 2 * (form.num_information_sets(0) + 1) +
         2 * (form.num_information_sets(1) + 1);
}

/// The sequence-form LCP of `game` (see the file comment), in Scalar.
template <scalar Scalar>
linear_complementarity_problem<Scalar> sequence_form_lcp_problem(const sequence_form<Scalar>& form,
                                                                 const std::vector<Scalar>& largest_payoff) {
  const std::size_t m1 = form.num_sequences(0), m2 = form.num_sequences(1);
  const std::size_t p1 = form.num_information_sets(0) + 1, p2 = form.num_information_sets(1) + 1;
  const std::size_t y0 = m1, u_plus = m1 + m2, u_minus = u_plus + p1, v_plus = u_minus + p1, v_minus = v_plus + p2;
  const std::size_t n = sequence_form_lcp_size(form);
  assert(n == v_minus + p2);
  linear_complementarity_problem<Scalar> lcp;
  lcp.q.assign(n, Scalar(0));
  lcp.covering.assign(n, Scalar(1));
  auto& m = lcp.matrix;
  // Shifted payoffs: each entry's payoff minus the largest payoff times
  // chance's probability of the entry's terminal nodes, then scaled to at
  // most 1 in absolute value: a positive multiple of A or B has the same
  // equilibria (it only rescales u or v), and payoffs of the size of the
  // covering vector keep Lemke's path short (tiny payoffs, say after
  // chance's probabilities, let the covering vector dominate for long).
  std::vector<Scalar> shifted_a, shifted_b;
  Scalar scale_a(0), scale_b(0);
  for (const auto& entry : form.payoff_entries()) {
    shifted_a.push_back(entry.payoffs[0] - largest_payoff[0] * entry.chance_probability);
    shifted_b.push_back(entry.payoffs[1] - largest_payoff[1] * entry.chance_probability);
    scale_a = std::max(scale_a, -shifted_a.back());
    scale_b = std::max(scale_b, -shifted_b.back());
  }
  if (scale_a > Scalar(0))
    for (auto& a : shifted_a) a /= scale_a;
  if (scale_b > Scalar(0))
    for (auto& b : shifted_b) b /= scale_b;
  for (std::size_t k = 0; k < form.payoff_entries().size(); ++k) {
    const auto& entry = form.payoff_entries()[k];
    const std::size_t s1 = entry.sequences[0], s2 = entry.sequences[1];
    if (shifted_a[k] != Scalar(0)) m.push_back({s1, y0 + s2, -shifted_a[k]});
    if (shifted_b[k] != Scalar(0)) m.push_back({y0 + s2, s1, -shifted_b[k]});
  }
  // The constraints: row r of E (r = 0 for the empty sequence, 1 + k for
  // the k-th information set) has +1 at each sequence of the set and -1 at
  // the sequence leading to it.
  const auto constraints = [&](std::size_t player, std::size_t offset, std::size_t plus, std::size_t minus) {
    const auto add = [&](std::size_t r, std::size_t s, int sign) {
      const Scalar e(sign);
      // Column of E^T u+ - E^T u- in the sequence rows ...
      m.push_back({offset + s, plus + r, e});
      m.push_back({offset + s, minus + r, -e});
      // ... and -E x, +E x in the u+ and u- rows.
      m.push_back({plus + r, offset + s, -e});
      m.push_back({minus + r, offset + s, e});
    };
    add(0, 0, 1);
    const auto& sets = form.information_sets(player);
    for (std::size_t k = 0; k < sets.size(); ++k) {
      add(k + 1, form.parent_sequence(sets[k]), -1);
      for (std::size_t a = 0; a < form.count_actions(sets[k]); ++a) add(k + 1, form.sequence(sets[k], a), 1);
    }
    lcp.q[plus] = Scalar(1);
    lcp.q[minus] = Scalar(-1);
  };
  constraints(0, 0, u_plus, u_minus);
  constraints(1, y0, v_plus, v_minus);
  return lcp;
}

/// Each player's largest and smallest payoff at a terminal node (the sum of
/// the outcomes on its path).
template <scalar Scalar>
std::pair<std::vector<Scalar>, std::vector<Scalar>> terminal_payoff_range(const extensive_game<Scalar>& game) {
  std::vector<Scalar> largest, smallest;
  for (const auto& [n, paid] : game.terminal_payoffs()) {
    if (largest.empty()) {
      largest = smallest = paid;
    } else {
      for (std::size_t i = 0; i < paid.size(); ++i) {
        largest[i] = std::max(largest[i], paid[i]);
        smallest[i] = std::min(smallest[i], paid[i]);
      }
    }
  }
  return {largest, smallest};
}

template <scalar Scalar>
sequence_form_lcp_result<Scalar> sequence_form_lcp_run(const extensive_game<Scalar>& game,
                                                       const sequence_form_lcp_options<Scalar>& options, bool& trouble) {
  sequence_form_lcp_result<Scalar> result;
  result.exact = is_exact_v<Scalar>;
  const sequence_form<Scalar> form(game, {.placement = sequence_payoff_placement::terminal_nodes});
  // The LCP's size, refused before the problem is built when its tableau
  // would pass the dense-entry limit.
  const std::size_t size = sequence_form_lcp_size(form);
  const double entries = static_cast<double>(size) * static_cast<double>(size + 2);
  if (entries > static_cast<double>(input_limits_in_force().max_dense_entries))
    detail::enforce_limit(input_limits_in_force().max_dense_entries + 1, input_limits_in_force().max_dense_entries,
                          "max_dense_entries", "",
                          "the sequence-form LCP of " + std::to_string(size) + " variables (its tableau)");
  const auto [largest, smallest] = terminal_payoff_range(game);
  const auto lcp = sequence_form_lcp_problem(form, largest);
  result.lcp_size = size;
  // No limit: none in rationals (the lexicographic path ends), the engine's
  // safeguard in double.
  const std::size_t limit = options.max_pivots != no_limit ? options.max_pivots
                            : is_exact_v<Scalar>         ? engine_limit(no_limit)
                                                         : 0;
  const auto solution =
      lemke(lcp, {.max_pivots = limit, .stop_token = options.stop_token, .on_progress = options.on_progress});
  result.pivots = solution.pivots;
  switch (solution.status) {
    case lemke_status::solved: break;
    case lemke_status::pivot_limit:
      if (options.max_pivots == no_limit) {  // the safeguard: rounding went in circles
        trouble = true;
        return result;
      }
      result.status = run_status::limit_reached;
      return result;
    case lemke_status::cancelled: result.status = run_status::cancelled; return result;
    case lemke_status::secondary_ray:
      // Impossible in exact arithmetic (see the file comment); in double
      // only through rounding.
      if constexpr (is_exact_v<Scalar>) throw internal_error("sequence_form_lcp: Lemke's path ended on a ray");
      trouble = true;
      return result;
  }
  const std::size_t m1 = form.num_sequences(0), m2 = form.num_sequences(1);
  std::vector<realization_plan<Scalar>> plans(2);
  plans[0].assign(solution.z.begin(), solution.z.begin() + static_cast<std::ptrdiff_t>(m1));
  plans[1].assign(solution.z.begin() + static_cast<std::ptrdiff_t>(m1),
                  solution.z.begin() + static_cast<std::ptrdiff_t>(m1 + m2));
  const Scalar tolerance = is_exact_v<Scalar> ? Scalar(0) : Scalar(1e-6);
  try {
    result.equilibria.push_back(behaviour_strategies(game, form, plans, tolerance));
  } catch (const invalid_profile&) {
    // Cannot happen: the LCP pins E x = e exactly.
    if constexpr (is_exact_v<Scalar>) throw internal_error("sequence_form_lcp: an exact solution is not a realization plan");
    trouble = true;
    return result;
  }
  if constexpr (!is_exact_v<Scalar>) {
    // Rounding could have led the path to a point that is no equilibrium:
    // check the regrets against the payoffs' spread.
    const auto regrets = behaviour_regrets(game, result.equilibria.back());
    double low = smallest[0], high = largest[0];
    for (std::size_t i = 0; i < 2; ++i) {
      if (regrets[i] > 1e-6 * std::max(1.0, largest[i] - smallest[i])) {
        trouble = true;
        result.equilibria.clear();
        return result;
      }
      low = std::min(low, smallest[i]);
      high = std::max(high, largest[i]);
    }
    result.error_bound = std::max(regrets[0], regrets[1]) / (high > low ? high - low : 1.0);
  }
  result.payoffs.push_back(expected_payoffs(game, result.equilibria.back()));
  result.realization_plans.push_back(std::move(plans));
  return result;
}

}  // namespace detail

/// One Nash equilibrium of a two-player extensive game with perfect recall
/// (see the file comment). Throws `invalid_argument` for another number of
/// players or imperfect recall.
template <scalar Scalar>
[[nodiscard]] sequence_form_lcp_result<Scalar> sequence_form_lcp(const extensive_game<Scalar>& game,
                                                                 const sequence_form_lcp_options<Scalar>& options = {}) {
  if (game.num_players() != 2)
    throw invalid_argument("sequence_form_lcp needs a two-player game, this one has " +
                           std::to_string(game.num_players()) + " players");
  require_perfect_recall(game, "sequence_form_lcp");
  bool trouble = false;
  auto result = detail::sequence_form_lcp_run(game, options, trouble);
  if constexpr (!is_exact_v<Scalar>) {
    if (trouble) {
      // Rounding led the path astray: redo it exactly.
      const auto exact = detail::sequence_form_lcp_run(
          convert<rational>(game),
          sequence_form_lcp_options<rational>{.max_pivots = options.max_pivots,
                                              .stop_token = options.stop_token,
                                              .on_progress = options.on_progress},
          trouble);
      sequence_form_lcp_result<Scalar> out;
      static_cast<run_report&>(out) = exact;
      out.pivots = result.pivots + exact.pivots;
      out.lcp_size = exact.lcp_size;
      for (const auto& e : exact.equilibria) {
        out.equilibria.push_back(detail::convert_profile<Scalar>(game, e));
        out.payoffs.push_back(expected_payoffs(game, out.equilibria.back()));
      }
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
