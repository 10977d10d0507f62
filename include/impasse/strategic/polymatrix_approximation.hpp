// A Nash equilibrium of a strategic game with any number of players by
// iterated polymatrix approximation (Govindan and Wilson, "Computing Nash
// equilibria by iterated polymatrix approximation", J. Econ. Dyn. Control
// 28, 2004). Approximate: double only (a rational game is read in double).
//
// At a profile the game is replaced by a polymatrix game with the same
// strategy values there: payoff matrix J / (n - 1), J the Jacobian of the
// strategy values (multilinear of degree n - 1, so J sigma / (n - 1) are the
// values at sigma; Euler's theorem). The iteration runs in the coordinates
// of Govindan and Wilson's structure theorem, z = sigma + v(sigma), where
// sigma is the projection of z on the product of simplices: from zh, sigma
// = retract(zh), the polymatrix game's equilibrium s (first by one linear
// solve on the last support, kept only if no strategy outside it pays
// more; otherwise at the end of its bonus path, by Howson's pivoting,
// detail/polymatrix_pivoting.hpp, or where that cycles by continuation,
// detail/perturbed_equilibrium_path.hpp), and z = s + J s / (n - 1); then
// zh moves a step `step` towards z, by the rule of false position per
// coordinate while the support holds (GameTracer's ipa, Blum, Shelton and
// Koller 2006, as Gambit ships it). A fixed point (z = zh) is an
// equilibrium. It ends when z or s is within 1e-6 of zh or sigma; Newton's
// method on the support then polishes the profile, and nothing is returned
// that the independent regret check refuses (Gambit's ipa returned a
// non-equilibrium, its #406, because its support shortcut does not check
// the strategies outside the support). Where no start converges, the first
// equilibrium on a global Newton branch (global_newton.hpp, same seed) is
// returned instead and `reason` says so; with `finish_with_global_newton`
// off the status is then `failed` with the reason.
//
// Cost per iteration: one Jacobian of the payoffs, O(n P + n^2 P / m1), and
// one LU factorisation of size at most K + n (the support's system), or
// when the support changes a pivoting path of O((K + n) K) per pivot.
#pragma once

#include <impasse/detail/polymatrix_pivoting.hpp>
#include <impasse/strategic/global_newton.hpp>

#include <Eigen/LU>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <stop_token>
#include <string>
#include <vector>

namespace impasse {

namespace detail {

/// The Euclidean projection of `z` on the product of the players' simplices
/// (Govindan and Wilson's retraction): per player, max(z_s - v, 0) with v
/// the one number that makes the probabilities sum to one. O(K log K).
inline std::vector<double> simplex_projection(const multilinear_payoffs<double>& payoffs, const std::vector<double>& z) {
  std::vector<double> sigma(z.size());
  std::vector<double> sorted;
  for (std::size_t i = 0; i < payoffs.num_players(); ++i) {
    const std::size_t first = payoffs.offset(i), count = payoffs.num_strategies(i);
    sorted.assign(z.begin() + static_cast<std::ptrdiff_t>(first), z.begin() + static_cast<std::ptrdiff_t>(first + count));
    std::sort(sorted.rbegin(), sorted.rend());
    double sum = 0, level = 0;
    for (std::size_t k = 0; k < count; ++k) {
      sum += sorted[k];
      level = (sum - 1) / static_cast<double>(k + 1);
      if (k + 1 == count || sorted[k + 1] <= level) break;
    }
    for (std::size_t k = 0; k < count; ++k) sigma[first + k] = std::max(0.0, z[first + k] - level);
  }
  return sigma;
}

/// The equilibrium of the polymatrix game `game` (values `linear` times the
/// profile) whose support is that of `support`, by one linear solve of
/// equal values on the support and probabilities summing to one: written
/// to `out` and true when it exists, is non-negative and no strategy
/// outside the support pays more (so it is an equilibrium); false
/// otherwise. `owner[k]`: the player of strategy k. O((S + n)^3 + K^2).
inline bool polymatrix_equilibrium_on_support(const polymatrix_payoffs& game, const std::vector<double>& support,
                                              const std::vector<std::size_t>& owner, std::vector<double>& out) {
  const std::size_t total = support.size(), n = game.num_players();
  std::vector<std::size_t> played;
  for (std::size_t k = 0; k < total; ++k)
    if (support[k] > 0) played.push_back(k);
  const auto q = static_cast<Eigen::Index>(played.size()), size = q + static_cast<Eigen::Index>(n);
  Eigen::MatrixXd system = Eigen::MatrixXd::Zero(size, size);
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(size);
  for (Eigen::Index r = 0; r < q; ++r) {
    const auto row = static_cast<Eigen::Index>(played[static_cast<std::size_t>(r)]);
    for (Eigen::Index c = 0; c < q; ++c) system(r, c) = game.linear(row, static_cast<Eigen::Index>(played[static_cast<std::size_t>(c)]));
    system(r, q + static_cast<Eigen::Index>(owner[played[static_cast<std::size_t>(r)]])) = -1;
  }
  for (Eigen::Index c = 0; c < q; ++c) system(q + static_cast<Eigen::Index>(owner[played[static_cast<std::size_t>(c)]]), c) = 1;
  rhs.tail(static_cast<Eigen::Index>(n)).setOnes();
  const Eigen::PartialPivLU<Eigen::MatrixXd> lu(system);
  const Eigen::VectorXd x = lu.solve(rhs);
  if (!x.allFinite() || (system * x - rhs).norm() > 1e-9 * (1 + rhs.norm()) || (q > 0 && x.head(q).minCoeff() < 0))
    return false;
  out.assign(total, 0.0);
  for (Eigen::Index c = 0; c < q; ++c) out[played[static_cast<std::size_t>(c)]] = x(c);
  const Eigen::VectorXd values = game.linear * Eigen::Map<const Eigen::VectorXd>(out.data(), static_cast<Eigen::Index>(total));
  for (std::size_t k = 0; k < total; ++k)
    if (support[k] <= 0 && values(static_cast<Eigen::Index>(k)) > x(q + static_cast<Eigen::Index>(owner[k])) + 1e-12)
      return false;
  return true;
}

}  // namespace detail

struct polymatrix_approximation_options {
  /// Starting profiles: the centroid first, then seeded random interior
  /// profiles; each start gives at most one equilibrium.
  std::size_t starts = 1;
  std::uint64_t seed = 1;
  /// Iterations per start (0: no limit). A safeguard: on random 3-player
  /// games of 8 to 12 strategies each the iteration converges in 37 to 143.
  std::size_t max_iterations = 500;
  /// The step towards each new z, in (0, 1] (GameTracer's alpha; Gambit
  /// uses 0.2).
  double step = 0.2;
  /// Largest regret accepted, relative to the payoff range.
  double max_regret = 1e-9;
  /// Where no start settles, return the first equilibrium of a global
  /// Newton branch instead (said in `reason`), rather than none.
  bool finish_with_global_newton = true;
  std::function<void(const mixed_profile<double>&)> on_equilibrium = {};
  std::stop_token stop_token = {};
  /// Called after each iteration, unit "iterations" (of `starts` times
  /// `max_iterations` at most).
  progress_callback on_progress = {};
};

struct polymatrix_approximation_result : mixed_equilibria_result<double> {
  std::size_t iterations = 0;
  /// No start settled, and the equilibrium is global Newton's.
  bool finished_by_global_newton = false;
};

template <scalar Scalar>
[[nodiscard]] polymatrix_approximation_result polymatrix_approximation(
    const strategic_game<Scalar>& game, const polymatrix_approximation_options& options = {}) {
  if (options.starts == 0) throw invalid_argument("polymatrix_approximation: starts must be at least 1");
  // Payoffs near the largest double would overflow the sums, subnormal ones
  // lose their digits: solve the same game scaled by a power of two.
  if (auto rescaled = detail::rescaled_if_extreme(game)) return polymatrix_approximation(*rescaled, options);
  const auto checked_game = convert<double>(game);
  const auto payoffs = detail::scaled_payoffs(game);
  const std::size_t n = game.num_players();
  polymatrix_approximation_result result;
  std::mt19937_64 generator(options.seed);
  std::vector<double> values;
  std::string failure;
  // Strategy values of an approximation stay within 2(n - 1) + 1 of each
  // other (scaled payoffs); the bonus gap is at least 0.9.
  const double start_lambda = (2.0 * static_cast<double>(n) + 1.0) / 0.9;
  if (!(options.step > 0 && options.step <= 1))
    throw invalid_argument("polymatrix_approximation: step must be in (0, 1], not " + std::to_string(options.step));
  const std::size_t total = payoffs.total_strategies();
  std::vector<std::size_t> owner(total);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t s = 0; s < game.num_strategies(i); ++s) owner[payoffs.offset(i) + s] = i;
  const auto distance = [](const std::vector<double>& a, const std::vector<double>& b) {
    double sum = 0;
    for (std::size_t k = 0; k < a.size(); ++k) sum += (a[k] - b[k]) * (a[k] - b[k]);
    return std::sqrt(sum);
  };
  constexpr double close = 1e-6;
  for (std::size_t start = 0; start < options.starts; ++start) {
    std::vector<double> zh(total);
    for (std::size_t i = 0; i < n; ++i) {
      double sum = 0;
      for (std::size_t s = 0; s < game.num_strategies(i); ++s) {
        const double w = start == 0 ? 1.0 : 0.05 + detail::unit_random(generator);
        zh[payoffs.offset(i) + s] = w;
        sum += w;
      }
      for (std::size_t s = 0; s < game.num_strategies(i); ++s) zh[payoffs.offset(i) + s] /= sum;
    }
    const auto bonus = detail::random_bonus(game.strategy_counts(), generator);
    std::vector<double> sh = detail::simplex_projection(payoffs, zh), previous_s = sh, s(total), z(total), y(total),
                        yh(total), previous_sh(total, 0.0), next(total);
    bool converged = false;
    for (std::size_t iteration = 0; !detail::limit_hit(iteration, options.max_iterations); ++iteration) {
      if (options.stop_token.stop_requested()) {
        result.status = run_status::cancelled;
        return result;
      }
      ++result.iterations;
      detail::report_progress(options.on_progress, result.iterations, options.starts * options.max_iterations,
                              "iterations");
      auto approximation = detail::polymatrix_payoffs::approximate(payoffs, sh);
      approximation.linear /= static_cast<double>(n - 1);
      approximation.constant.setZero();
      if (iteration == 0 || !detail::polymatrix_equilibrium_on_support(approximation, previous_s, owner, s)) {
        // The approximation's equilibrium on the bonus path: by pivoting, or
        // where that fails (a degenerate game can cycle) by continuation.
        const auto pivoted = detail::polymatrix_path_by_pivoting(approximation, bonus, 0, options.stop_token);
        if (!pivoted.equilibrium ||
            !detail::polymatrix_equilibrium_on_support(approximation, *pivoted.equilibrium, owner, s)) {
          const auto path = detail::follow_perturbed_path(
              approximation, bonus, start_lambda,
              {.end_lambda = -1, .max_steps = 10'000, .stop_at_first_crossing = true, .stop_token = options.stop_token});
          if (path.crossings.empty()) {
            failure = "the polymatrix approximation's path found no equilibrium" +
                      (path.failure.empty() ? std::string() : " (" + path.failure + ")");
            break;
          }
          s = path.crossings.front();
        }
      }
      const Eigen::Map<const Eigen::VectorXd> s_vector(s.data(), static_cast<Eigen::Index>(total));
      Eigen::Map<Eigen::VectorXd>(z.data(), static_cast<Eigen::Index>(total)) =
          s_vector + approximation.linear * s_vector;
      bool same_support = true;
      for (std::size_t k = 0; k < total; ++k) same_support = same_support && ((s[k] > 0) == (previous_s[k] > 0));
      // Where z - sigma and zh - sigma make an obtuse angle (or the support
      // held), zh moves along zh - sigma to z's projection on that line.
      double along = 0, length = 0;
      for (std::size_t k = 0; k < total; ++k) {
        along += (z[k] - sh[k]) * (zh[k] - sh[k]);
        length += (zh[k] - sh[k]) * (zh[k] - sh[k]);
      }
      if (length > 0 && (along <= 0 || same_support)) {
        const double scale = along / length;
        for (std::size_t k = 0; k < total; ++k) {
          zh[k] = sh[k] + scale * (zh[k] - sh[k]);
          yh[k] = previous_sh[k] + scale * (yh[k] - previous_sh[k]);
        }
      }
      if (!std::isfinite(distance(z, zh)) || !std::isfinite(distance(s, sh))) {
        failure = "the iteration reached a profile that is not finite";
        break;
      }
      if (distance(z, zh) < close || distance(s, sh) < close) {
        converged = true;
        break;
      }
      // The next zh: a step towards z, or towards the false-position
      // estimate of the fixed point per coordinate while the support holds.
      for (std::size_t k = 0; k < total; ++k) {
        double target = z[k];
        if (iteration > 0 && same_support) {
          const double d = z[k] - zh[k] - y[k] + yh[k];
          if (d > close) target = (yh[k] * z[k] - zh[k] * y[k]) / d;
        }
        next[k] = options.step * target + (1 - options.step) * zh[k];
      }
      previous_s = s;
      y = z;
      previous_sh = sh;
      yh = zh;
      zh = next;
      sh = detail::simplex_projection(payoffs, zh);
    }
    if (!converged && failure.empty())
      failure = "the iteration did not converge within " + std::to_string(options.max_iterations) +
                " iterations (regret " + std::to_string(detail::quick_regret(payoffs, s, values)) +
                " of the payoff range)";
    if (converged &&
        !detail::keep_checked(result, checked_game, detail::polished_profile(payoffs, checked_game, s),
                              options.max_regret, 1e-6, options.on_equilibrium) &&
        failure.empty())
      failure = "the iteration's end point failed the regret check";
  }
  if (result.equilibria.empty() && options.finish_with_global_newton && !options.stop_token.stop_requested()) {
    // The iteration is only locally convergent: where it did not settle,
    // the first equilibrium on a global Newton branch is returned instead,
    // and the reason says so.
    const auto newton = global_newton(game, {.seed = options.seed,
                                             .max_regret = options.max_regret,
                                             .first_only = true,
                                             .stop_token = options.stop_token});
    if (!newton.equilibria.empty()) {
      if (options.on_equilibrium) options.on_equilibrium(newton.equilibria.front());
      result.equilibria.push_back(newton.equilibria.front());
      result.relative_regrets.push_back(newton.relative_regrets.front());
      result.error_bound = newton.relative_regrets.front();
      result.reason = failure + "; the equilibrium returned is global Newton's (the first on its branch)";
      result.finished_by_global_newton = true;
      return result;
    }
    if (newton.status == run_status::cancelled) result.status = run_status::cancelled;
  }
  if (result.equilibria.empty()) {
    if (result.status != run_status::cancelled) result.status = run_status::failed;
    result.reason = failure;
  }
  return result;
}

}  // namespace impasse
