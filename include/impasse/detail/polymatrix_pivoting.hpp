// The perturbed-equilibrium path of a polymatrix game, by complementary
// pivoting. For a polymatrix game (strategy values c + L sigma, linear in
// the profile) perturbed by lambda g, the branch that
// detail/perturbed_equilibrium_path.hpp follows by predictor-corrector
// continuation is piecewise linear, and each of its pieces is an edge of
// one polyhedron: Howson's generalisation of Lemke-Howson to polymatrix
// games (Howson, "Equilibria of polymatrix games", Management Science 18,
// 1972), with the bonus g as Lemke's covering vector (as in Govindan and
// Wilson's iterated polymatrix approximation, JEDC 28, 2004, and in
// GameTracer). The unknowns are the probabilities sigma_k, the slacks
//
//   w_k = u_i - c_k - (L sigma)_k - lambda g_k >= 0    (k a strategy of i),
//
// each player's value u_i (free) and lambda >= 0, with sum_{k of i}
// sigma_k = 1 and sigma_k w_k = 0. For lambda large the one solution is
// the pure profile maximising g; the path lowers lambda from there, each
// pivot bringing in the complement of the variable that left, until lambda
// leaves the basis at 0: an equilibrium of the polymatrix game, the same
// point as the continuation's first crossing of lambda = 0.
//
// The dictionary is dense over the non-basic variables: M + N rows (M
// strategies, N players) by M + 2 columns; its first is built in closed
// form from the start profile (no factorisation), and a pivot is the
// shared double pivot (`floating_pivot`), O((M + N)(M + 2)). Double only.
// Degenerate ties are broken towards lambda leaving, then the largest
// pivot; there is no lexicographic rule, so a degenerate game can cycle,
// and a pivot limit ends the run: the caller then falls back to the
// continuation, which handles degeneracy.
#pragma once

#include <impasse/detail/floating_pivot.hpp>
#include <impasse/detail/perturbed_equilibrium_path.hpp>

#include <Eigen/Dense>

#include <cmath>
#include <cstddef>
#include <optional>
#include <stop_token>
#include <vector>

namespace impasse::detail {

struct polymatrix_pivoting_result {
  /// The equilibrium reached at lambda = 0 (flat), when the path got there.
  std::optional<std::vector<double>> equilibrium;
  std::size_t pivots = 0;
};

/// Follows the branch of `game` perturbed by `bonus` (flat, one per
/// strategy; each player's largest entry unique) from the pure profile that
/// maximises it down to lambda = 0, by pivoting; at most `max_pivots`
/// pivots (0: 50 (M + N) + 100). No equilibrium is returned where the
/// path met a ray or the limit, or where the end point's probabilities are
/// not a distribution to within 1e-9 (rounding); the caller checks the
/// equilibrium property itself.
inline polymatrix_pivoting_result polymatrix_path_by_pivoting(const polymatrix_payoffs& game,
                                                              const std::vector<double>& bonus,
                                                              std::size_t max_pivots = 0,
                                                              const std::stop_token& stop_token = {}) {
  const std::size_t players = game.num_players(), total = game.total_strategies(), rows = total + players;
  if (max_pivots == 0) max_pivots = 50 * rows + 100;
  polymatrix_pivoting_result result;
  // Variables: sigma_k = k, w_k = total + k, u_i = 2 total + i, lambda = 2 total + players.
  const std::size_t lambda = 2 * total + players;
  std::vector<std::size_t> owner(total), top(players);
  for (std::size_t i = 0; i < players; ++i) {
    top[i] = game.offset(i);
    for (std::size_t s = 0; s < game.num_strategies(i); ++s) {
      const std::size_t k = game.offset(i) + s;
      owner[k] = i;
      if (bonus[k] > bonus[top[i]]) top[i] = k;
    }
  }
  // Non-basic at the start: sigma_k (k not a top strategy), w_top(i), lambda.
  // Column 0 of the dictionary is the constant: basic = T(r, 0) + sum_j T(r, j) nonbasic_j.
  std::vector<std::size_t> column_variable(total + 2), row_variable(rows);
  std::vector<std::size_t> column_of(lambda + 1, 0), row_of(lambda + 1, rows);  // rows: not basic
  {
    std::size_t column = 1;
    for (std::size_t k = 0; k < total; ++k)
      column_variable[column++] = k == top[owner[k]] ? total + k : k;
    column_variable[column] = lambda;
  }
  for (std::size_t j = 1; j < total + 2; ++j) column_of[column_variable[j]] = j;
  Eigen::MatrixXd table = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(total + 2));
  // value_r = c_r + sum_i L(r, top_i) + sum_{k not top} (L(r, k) - L(r, top_owner(k))) sigma_k + lambda g_r:
  // rows 0..total-1 hold value_r for now; the basic variables are then formed from them.
  const auto col = [&](std::size_t variable) { return static_cast<Eigen::Index>(column_of[variable]); };
  Eigen::MatrixXd values = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(total), static_cast<Eigen::Index>(total + 2));
  for (std::size_t r = 0; r < total; ++r) {
    const auto rr = static_cast<Eigen::Index>(r);
    double constant = game.constant(rr);
    for (std::size_t i = 0; i < players; ++i) constant += game.linear(rr, static_cast<Eigen::Index>(top[i]));
    values(rr, 0) = constant;
    for (std::size_t k = 0; k < total; ++k)
      if (k != top[owner[k]])
        values(rr, col(k)) = game.linear(rr, static_cast<Eigen::Index>(k)) -
                             game.linear(rr, static_cast<Eigen::Index>(top[owner[k]]));
    values(rr, col(lambda)) = bonus[r];
  }
  // Basic rows: sigma_top(i) (row i), u_i (row players + i), w_k for k not top (the rest).
  std::size_t row = 0;
  for (std::size_t i = 0; i < players; ++i, ++row) {
    row_variable[row] = top[i];
    const auto rr = static_cast<Eigen::Index>(row);
    table(rr, 0) = 1;
    for (std::size_t s = 0; s < game.num_strategies(i); ++s) {
      const std::size_t k = game.offset(i) + s;
      if (k != top[i]) table(rr, col(k)) = -1;
    }
  }
  for (std::size_t i = 0; i < players; ++i, ++row) {  // u_i = w_top(i) + value_top(i)
    row_variable[row] = 2 * total + i;
    const auto rr = static_cast<Eigen::Index>(row);
    table.row(rr) = values.row(static_cast<Eigen::Index>(top[i]));
    table(rr, col(total + top[i])) += 1;
  }
  for (std::size_t k = 0; k < total; ++k) {  // w_k = u_owner(k) - value_k
    if (k == top[owner[k]]) continue;
    row_variable[row] = total + k;
    const auto rr = static_cast<Eigen::Index>(row);
    table.row(rr) = table.row(static_cast<Eigen::Index>(players + owner[k])) - values.row(static_cast<Eigen::Index>(k));
    ++row;
  }
  for (std::size_t r = 0; r < rows; ++r) row_of[row_variable[r]] = r;

  const auto restricted = [&](std::size_t variable) { return variable < 2 * total || variable == lambda; };
  // From here the table is the dictionary x_B + S x_N = s_0 of the shared
  // double pivot (detail/floating_pivot.hpp): S = -T beside the
  // constant column s_0 = T(., 0), stored by columns as Eigen stores them.
  table.rightCols(static_cast<Eigen::Index>(total + 1)) *= -1;
  std::vector<double> pivot_column(rows);
  std::vector<std::size_t> changing(total + 2);
  const auto pivot = [&](std::size_t r, std::size_t c) {
    floating_pivot(table.data(), rows, rows, total + 2, r, c, pivot_column.data(), changing.data());
    const std::size_t leaving = row_variable[r], entered = column_variable[c];
    row_variable[r] = entered;
    column_variable[c] = leaving;
    row_of[entered] = r;
    row_of[leaving] = rows;
    column_of[leaving] = c;
    column_of[entered] = 0;
    ++result.pivots;
    return leaving;
  };

  // lambda enters from +infinity: the first w to reach 0 as it falls leaves.
  const auto lambda_column = static_cast<Eigen::Index>(column_of[lambda]);
  std::size_t leaving_row = rows;
  double highest = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    const auto rr = static_cast<Eigen::Index>(r);
    if (row_variable[r] < total || row_variable[r] >= 2 * total) continue;  // the w's: the only restricted rows lambda moves
    const double slope = -table(rr, lambda_column);
    if (slope <= 0) continue;
    const double threshold = -table(rr, 0) / slope;
    if (threshold > highest) {
      highest = threshold;
      leaving_row = r;
    }
  }
  if (leaving_row != rows) {
    std::size_t left = pivot(leaving_row, static_cast<std::size_t>(lambda_column));
    for (;;) {
      if (result.pivots > max_pivots || stop_token.stop_requested()) return result;
      const std::size_t entering = left < total ? left + total : left - total;
      const auto c = static_cast<Eigen::Index>(column_of[entering]);
      double scale = 0;
      for (std::size_t r = 0; r < rows; ++r) scale = std::max(scale, std::abs(table(static_cast<Eigen::Index>(r), c)));
      const double tolerance = 1e-11 * scale;
      std::size_t best = rows;
      double best_ratio = 0, best_entry = 0;
      for (std::size_t r = 0; r < rows; ++r) {
        if (!restricted(row_variable[r])) continue;
        const auto rr = static_cast<Eigen::Index>(r);
        const double entry = table(rr, c);  // the basic variable falls by `entry` per unit of the entering one
        if (entry <= tolerance) continue;
        const double ratio = std::max(0.0, table(rr, 0)) / entry;
        const bool tie = best != rows && std::abs(ratio - best_ratio) <= 1e-12 * (1 + best_ratio);
        const bool better = best == rows || (!tie && ratio < best_ratio) ||
                            (tie && row_variable[best] != lambda &&
                             (row_variable[r] == lambda || entry > best_entry));
        if (better) {
          best = r;
          best_ratio = ratio;
          best_entry = entry;
        }
      }
      if (best == rows) return result;  // a ray: not expected for a polymatrix game
      left = pivot(best, static_cast<std::size_t>(c));
      if (left == lambda) break;
    }
  }
  std::vector<double> sigma(total, 0.0);
  for (std::size_t k = 0; k < total; ++k)
    if (row_of[k] != rows) sigma[k] = std::max(0.0, table(static_cast<Eigen::Index>(row_of[k]), 0));
  for (std::size_t i = 0; i < players; ++i) {
    double sum = 0;
    for (std::size_t s = 0; s < game.num_strategies(i); ++s) sum += sigma[game.offset(i) + s];
    if (!(std::abs(sum - 1) <= 1e-9)) return result;
  }
  result.equilibrium = std::move(sigma);
  return result;
}

}  // namespace impasse::detail
