// Newton's method for a Nash equilibrium on a given support: the square
// system "every strategy in player i's support earns the same payoff v_i,
// and i's probabilities sum to one" (|S| + n equations in the |S|
// probabilities of the support and the n values). The path-following
// solvers use it to finish: from a point near an equilibrium, with the
// support read off that point, a few Newton steps reach the equilibrium to
// rounding error. Each step costs one Jacobian, O(n^2 P), and one LU of size
// |S| + n. Whether the result is an equilibrium (no strategy outside the
// support earns more) is for the caller to check.
#pragma once

#include <impasse/detail/multilinear_payoffs.hpp>

#include <Eigen/Dense>

#include <cmath>
#include <cstddef>
#include <optional>
#include <vector>

namespace impasse::detail {

/// The strategies of `sigma` (flat) with probability above `threshold`,
/// as a flag per strategy; every player keeps at least their likeliest one.
inline std::vector<bool> support_above(const multilinear_payoffs<double>& game, const std::vector<double>& sigma,
                                       double threshold) {
  std::vector<bool> support(sigma.size(), false);
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    std::size_t best = game.offset(i);
    for (std::size_t s = 0; s < game.num_strategies(i); ++s) {
      const std::size_t k = game.offset(i) + s;
      if (sigma[k] > threshold) support[k] = true;
      if (sigma[k] > sigma[best]) best = k;
    }
    support[best] = true;
  }
  return support;
}

/// Solves for an equilibrium with the given support from `sigma` (flat;
/// renormalised on the support). Returns the profile (zero off the support)
/// when Newton converges to a point whose probabilities are all at least
/// -tolerance (then clipped to zero and renormalised); nothing otherwise.
inline std::optional<std::vector<double>> newton_on_support(const multilinear_payoffs<double>& game,
                                                            std::vector<double> sigma, const std::vector<bool>& support,
                                                            std::size_t max_iterations = 30, double tolerance = 1e-9) {
  const std::size_t total = game.total_strategies();
  const std::size_t n = game.num_players();
  std::vector<std::size_t> index;  // unknown -> strategy
  for (std::size_t k = 0; k < total; ++k)
    if (support[k]) index.push_back(k);
  for (std::size_t i = 0; i < n; ++i) {
    double sum = 0;
    for (std::size_t s = 0; s < game.num_strategies(i); ++s) {
      const std::size_t k = game.offset(i) + s;
      if (!support[k]) sigma[k] = 0;
      sum += sigma[k];
    }
    if (!(sum > 0)) return std::nullopt;
    for (std::size_t s = 0; s < game.num_strategies(i); ++s) sigma[game.offset(i) + s] /= sum;
  }
  const auto unknowns = static_cast<Eigen::Index>(index.size() + n);
  std::vector<std::size_t> owner(total);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t s = 0; s < game.num_strategies(i); ++s) owner[game.offset(i) + s] = i;
  std::vector<double> values(total);
  Eigen::MatrixXd jacobian(total, total);
  Eigen::VectorXd v(n);
  game.strategy_values(sigma.data(), values.data());
  for (std::size_t i = 0; i < n; ++i) {
    double value = 0;
    for (std::size_t s = 0; s < game.num_strategies(i); ++s)
      value += sigma[game.offset(i) + s] * values[game.offset(i) + s];
    v(static_cast<Eigen::Index>(i)) = value;
  }
  Eigen::MatrixXd system(unknowns, unknowns);
  Eigen::VectorXd residual(unknowns);
  for (std::size_t iteration = 0; iteration < max_iterations; ++iteration) {
    game.strategy_values_and_jacobian(sigma.data(), values.data(), jacobian);
    system.setZero();
    double size = 0;
    for (std::size_t r = 0; r < index.size(); ++r) {
      const auto row = static_cast<Eigen::Index>(r);
      residual(row) = values[index[r]] - v(static_cast<Eigen::Index>(owner[index[r]]));
      for (std::size_t c = 0; c < index.size(); ++c) system(row, static_cast<Eigen::Index>(c)) = jacobian(index[r], index[c]);
      system(row, static_cast<Eigen::Index>(index.size() + owner[index[r]])) = -1;
    }
    for (std::size_t i = 0; i < n; ++i) {
      const auto row = static_cast<Eigen::Index>(index.size() + i);
      double sum = -1;
      for (std::size_t c = 0; c < index.size(); ++c)
        if (owner[index[c]] == i) {
          system(row, static_cast<Eigen::Index>(c)) = 1;
          sum += sigma[index[c]];
        }
      residual(row) = sum;
    }
    size = residual.cwiseAbs().maxCoeff();
    if (size < 1e-15) break;
    // The least-squares step of least norm: Newton's step when the system is
    // regular, and still a step towards the solution set when it is singular
    // (a continuum of equilibria), where an LU would divide by zero.
    const Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> decomposition(system);
    const Eigen::VectorXd delta = decomposition.solve(-residual);
    if (!delta.allFinite()) return std::nullopt;
    for (std::size_t c = 0; c < index.size(); ++c) sigma[index[c]] += delta(static_cast<Eigen::Index>(c));
    v += delta.tail(static_cast<Eigen::Index>(n));
    if (delta.cwiseAbs().maxCoeff() < 1e-15) break;
  }
  for (auto& p : sigma) {
    if (!std::isfinite(p) || p < -tolerance || p > 1 + tolerance) return std::nullopt;
    if (p < 0) p = 0;
  }
  for (std::size_t i = 0; i < n; ++i) {
    double sum = 0;
    for (std::size_t s = 0; s < game.num_strategies(i); ++s) sum += sigma[game.offset(i) + s];
    for (std::size_t s = 0; s < game.num_strategies(i); ++s) sigma[game.offset(i) + s] /= sum;
  }
  return sigma;
}

/// Each player's regret at `sigma` from the strategy values, in the
/// payoffs `game` holds (the solvers' own quick check; what they return is
/// checked again by `max_regret`).
inline double quick_regret(const multilinear_payoffs<double>& game, const std::vector<double>& sigma,
                           std::vector<double>& values) {
  values.resize(game.total_strategies());
  game.strategy_values(sigma.data(), values.data());
  double worst = 0;
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    double expected = 0, best = -HUGE_VAL;
    for (std::size_t s = 0; s < game.num_strategies(i); ++s) {
      const std::size_t k = game.offset(i) + s;
      expected += sigma[k] * values[k];
      best = std::max(best, values[k]);
    }
    worst = std::max(worst, best - expected);
  }
  return worst;
}

}  // namespace impasse::detail
