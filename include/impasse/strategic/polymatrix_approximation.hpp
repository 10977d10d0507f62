// A Nash equilibrium of a strategic game with any number of players by
// iterated polymatrix approximation (Govindan and Wilson, "Computing Nash
// equilibria by iterated polymatrix approximation", J. Econ. Dyn. Control
// 28, 2004). Approximate: double only (a rational game is read in double).
//
// At a profile sigma the game is replaced by its polymatrix approximation,
// the game whose payoffs are the first-order expansion of the true ones at
// sigma (same strategy values and derivatives there, no interaction between
// opponents). A polymatrix game's equilibrium is found exactly by following
// its perturbed-equilibrium path, which is piecewise linear
// (detail/perturbed_equilibrium_path.hpp, the same machinery as
// global_newton), to its first crossing of lambda = 0; that equilibrium is
// the next sigma. A fixed point is an equilibrium of the game (the
// approximation at an equilibrium has it as an equilibrium). When a step
// would raise the regret it is halved (damping), and once the regret is
// small Newton's method on the support finishes. Nothing is returned that
// the independent regret check refuses (Gambit's ipa returned a
// non-equilibrium, its #406). The iteration converges only locally: on
// uniform random 3-player games of 8 to 12 strategies each it rarely
// settles from the centroid, so where no start settles the first
// equilibrium on a global Newton branch (global_newton.hpp, same seed) is
// returned instead and `reason` says so; with `finish_with_global_newton`
// off the status is then `failed` with the reason.
//
// Cost per iteration: one Jacobian of the payoffs, O(n^2 P), and a
// piecewise-linear path in the polymatrix game, a few LU factorisations of
// size at most K + n + 1 per support change.
#pragma once

#include <impasse/strategic/global_newton.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <stop_token>
#include <string>
#include <vector>

namespace impasse {

struct polymatrix_approximation_options {
  /// Starting profiles: the centroid first, then seeded random interior
  /// profiles; each start gives at most one equilibrium.
  std::size_t starts = 1;
  std::uint64_t seed = 1;
  /// Iterations per start (0: no limit). A safeguard: an iteration that
  /// has not settled in 200 rarely does (Govindan and Wilson 2004 report
  /// a few dozen).
  std::size_t max_iterations = 200;
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
  for (std::size_t start = 0; start < options.starts; ++start) {
    std::vector<double> sigma(payoffs.total_strategies());
    for (std::size_t i = 0; i < n; ++i) {
      double sum = 0;
      for (std::size_t s = 0; s < game.num_strategies(i); ++s) {
        const double w = start == 0 ? 1.0 : 0.05 + detail::unit_random(generator);
        sigma[payoffs.offset(i) + s] = w;
        sum += w;
      }
      for (std::size_t s = 0; s < game.num_strategies(i); ++s) sigma[payoffs.offset(i) + s] /= sum;
    }
    const auto bonus = detail::random_bonus(game.strategy_counts(), generator);
    double regret = detail::quick_regret(payoffs, sigma, values);
    bool settled = false;
    // The best regret so far and when it was last cut by a tenth: an
    // iteration that has not done so in 25 iterations has stalled.
    double best = regret;
    std::size_t improved_at = 0;
    for (std::size_t iteration = 0; !detail::limit_hit(iteration, options.max_iterations); ++iteration) {
      if (regret < 0.9 * best) {
        best = regret;
        improved_at = iteration;
      } else if (iteration >= improved_at + 25) {
        failure = "the iteration stalled at regret " + std::to_string(regret) + " of the payoff range";
        break;
      }
      if (options.stop_token.stop_requested()) {
        result.status = run_status::cancelled;
        return result;
      }
      ++result.iterations;
      detail::report_progress(options.on_progress, result.iterations, options.starts * options.max_iterations,
                              "iterations");
      if (regret < 1e-6) {
        settled = true;
        break;
      }
      const auto approximation = detail::polymatrix_payoffs::approximate(payoffs, sigma);
      const auto path = detail::follow_perturbed_path(
          approximation, bonus, start_lambda,
          {.end_lambda = -1, .max_steps = 10'000, .stop_at_first_crossing = true, .stop_token = options.stop_token});
      if (path.crossings.empty()) {
        failure = "the polymatrix approximation's path found no equilibrium" +
                  (path.failure.empty() ? std::string() : " (" + path.failure + ")");
        break;
      }
      const auto& target = path.crossings.front();
      // Damped step: towards the approximation's equilibrium, halved while
      // the regret would grow (at most 10 halvings).
      double weight = 1;
      std::vector<double> next(sigma.size());
      double next_regret = regret;
      for (int halving = 0; halving < 10; ++halving, weight /= 2) {
        for (std::size_t k = 0; k < sigma.size(); ++k) next[k] = (1 - weight) * sigma[k] + weight * target[k];
        next_regret = detail::quick_regret(payoffs, next, values);
        if (next_regret < regret) break;
      }
      sigma = next;
      regret = next_regret;
    }
    if (!settled && regret >= 1e-6 && failure.empty())
      failure = "the iteration did not settle within " + std::to_string(options.max_iterations) +
                " iterations (regret " + std::to_string(regret) + " of the payoff range)";
    if (!detail::keep_checked(result, checked_game, detail::polished_profile(payoffs, checked_game, sigma),
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
