// Nash equilibria of a strategic game with any number of players by
// Govindan and Wilson's global Newton method ("A global Newton method to
// compute Nash equilibria", JET 110, 2003). Approximate: double only (a
// rational game is read in double).
//
// The game is perturbed by a bonus lambda g_i(s) to each pure strategy,
// with g drawn at random (seeded, the same on every machine): player i's
// bonus is 1 on one strategy and below 0.1 on the others, so for lambda
// above the start value the perturbed game's only equilibrium is the pure
// profile of the bonuses. The branch of equilibria of the perturbed games
// is followed from there as lambda decreases (detail/
// perturbed_equilibrium_path.hpp); every crossing of lambda = 0 is an
// equilibrium of the game, polished by Newton's method on its support and
// returned only if the independent check passes. The branch goes on past
// each crossing (lambda turns and may cross 0 again) until lambda reaches
// `end_lambda`, so one start may return several equilibria; `starts`
// perturbations give more. Where support changes fall close together the
// support-chart tracer can leave the branch; it then retraces the stretch
// with shorter steps (detail/perturbed_equilibrium_path.hpp), and a branch
// that still goes wrong, or passes `max_steps_per_start` steps or support
// changes, ends there with the equilibria it crossed
// (`branches_stopped_early`, and further perturbations, `retries`, when no
// start gave one). On 30 uniform random 3-player games of 4 to 12
// strategies each (seeds 1 to 6) the first branch reaches its end on 24
// within the default 20,000 steps; the other six, of 10 and 12 strategies,
// stop at that limit after 241 to 476 equilibria; 3,390 in all, every one
// checked, none rejected (before the retracing: 17 reached the end, 913
// equilibria). With the limit at 10^6 all 30 reach the end, 8,456
// equilibria. On the 52 .nfg games of the Gambit corpus 48 first branches
// reach the end (40 before). Payoffs are scaled to a range of 1 inside, so
// a game with payoffs of 1e12 or all zero is handled as any other (an
// all-zero game's start is already an equilibrium, where Gambit's gnm
// fails, its #405).
//
// Cost: per step one Jacobian of the payoffs, O(n^2 P), and one LU of size
// |S| + n + 1 for the current support S; the number of steps and support
// changes depends on the game (tens to hundreds on the corpus games).
#pragma once

#include <impasse/detail/multilinear_payoffs.hpp>
#include <impasse/detail/perturbed_equilibrium_path.hpp>
#include <impasse/detail/support_newton.hpp>
#include <impasse/core/error.hpp>
#include <impasse/strategic/mixed_equilibria.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <stop_token>
#include <string>
#include <vector>

namespace impasse {

struct global_newton_options {
  /// Perturbation rays tried, each from the seeded generator.
  std::size_t starts = 1;
  std::uint64_t seed = 1;
  /// Each branch is followed until lambda (payoffs scaled to range 1)
  /// falls below this (gambit-gnm's -m, default -10).
  double end_lambda = -10;
  /// Largest regret accepted, relative to the payoff range.
  double max_regret = 1e-9;
  /// Steps, and support changes, each branch may take.
  std::size_t max_steps_per_start = 20'000;
  /// When no start has given an equilibrium (every branch stopped early at
  /// a degenerate support change it could not pass, or its crossings failed
  /// the check), up to this many further perturbations are tried, one at a
  /// time, until one gives an equilibrium.
  std::size_t retries = 16;
  /// Stop each branch at its first crossing of lambda = 0 (one equilibrium
  /// per start, the rest of the branch not followed).
  bool first_only = false;
  std::function<void(const mixed_profile<double>&)> on_equilibrium = {};
  std::stop_token stop_token = {};
  /// Called after each start, unit "starts".
  progress_callback on_progress = {};
};

struct global_newton_result : mixed_equilibria_result<double> {
  std::size_t steps = 0;
  std::size_t support_changes = 0;
  /// Crossings of lambda = 0 not kept: their polished point failed the
  /// regret check, or was an equilibrium already found.
  std::size_t rejected = 0;
  /// Branches that ended before `end_lambda` (a step limit, a singular
  /// point), and why the last of them did. Then the status is not
  /// `complete`, though equilibria from the branches may be returned:
  /// `limit_reached` when a branch passed `max_steps_per_start`, else
  /// `failed`, and `reason` says how many branches stopped and why.
  std::size_t branches_stopped_early = 0;
  std::string branch_failure;
};

namespace detail {

/// A number in [0, 1) from 53 bits of the generator: the same on every
/// platform, unlike std::uniform_real_distribution.
inline double unit_random(std::mt19937_64& generator) {
  return static_cast<double>(generator() >> 11) * 0x1.0p-53;
}

/// A bonus vector: for each player 1 on one strategy drawn at random, and
/// uniform in [0, 0.1) on the others.
inline std::vector<double> random_bonus(const std::vector<std::size_t>& counts, std::mt19937_64& generator) {
  std::vector<double> bonus;
  for (const auto m : counts) {
    const auto top = static_cast<std::size_t>(unit_random(generator) * static_cast<double>(m)) % m;
    for (std::size_t s = 0; s < m; ++s) bonus.push_back(s == top ? 1.0 : 0.1 * unit_random(generator));
  }
  return bonus;
}

/// Polishes `sigma` on the support it shows and returns the better of the
/// two as a profile of `game`.
inline mixed_profile<double> polished_profile(const multilinear_payoffs<double>& payoffs,
                                              const strategic_game<double>& game, const std::vector<double>& sigma) {
  const auto to_profile = [&](const std::vector<double>& flat) {
    mixed_profile<double> p(game.strategy_counts());
    for (std::size_t i = 0; i < game.num_players(); ++i)
      for (std::size_t s = 0; s < game.num_strategies(i); ++s) p(i, s) = std::max(0.0, flat[payoffs.offset(i) + s]);
    for (std::size_t i = 0; i < game.num_players(); ++i) {
      double sum = 0;
      for (std::size_t s = 0; s < game.num_strategies(i); ++s) sum += p(i, s);
      for (std::size_t s = 0; s < game.num_strategies(i); ++s) p(i, s) /= sum;
    }
    return p;
  };
  auto best = to_profile(sigma);
  double best_regret = relative_regret(game, best);
  for (const double threshold : {1e-9, 1e-6}) {
    if (const auto polished = newton_on_support(payoffs, sigma, support_above(payoffs, sigma, threshold))) {
      const auto candidate = to_profile(*polished);
      const double regret = relative_regret(game, candidate);
      if (regret < best_regret) {
        best = candidate;
        best_regret = regret;
      }
    }
  }
  return best;
}

}  // namespace detail

/// Equilibria on the global Newton branches of `starts` seeded perturbations
/// (see the file comment), each checked. With none, `status` is
/// `limit_reached` when a branch stopped at `max_steps_per_start` (a longer
/// run may find one), else `failed`, with the reason.
template <scalar Scalar>
[[nodiscard]] global_newton_result global_newton(const strategic_game<Scalar>& game,
                                                 const global_newton_options& options = {}) {
  if (options.starts == 0) throw invalid_argument("global_newton: starts must be at least 1");
  if (!(options.end_lambda < 0)) throw invalid_argument("global_newton: end_lambda must be negative");
  // Payoffs near the largest double would overflow the sums, subnormal ones
  // lose their digits: solve the same game scaled by a power of two.
  if (auto rescaled = detail::rescaled_if_extreme(game)) return global_newton(*rescaled, options);
  const auto checked_game = convert<double>(game);
  const auto payoffs = detail::scaled_payoffs(game);
  global_newton_result result;
  if (options.stop_token.stop_requested()) {
    result.status = run_status::cancelled;
    return result;
  }
  std::mt19937_64 generator(options.seed);
  bool at_limit = false;
  std::size_t branches = 0;
  for (std::size_t start = 0; start < options.starts + options.retries; ++start) {
    if (start >= options.starts && !result.equilibria.empty()) break;
    const auto bonus = detail::random_bonus(game.strategy_counts(), generator);
    // With the others' bonuses below 0.1 and payoffs of range 1, lambda
    // above 1 / 0.9 makes the bonus profile strictly dominant: start at 1.2.
    const auto path = detail::follow_perturbed_path(
        payoffs, bonus, 1.2,
        {.end_lambda = options.end_lambda,
         .max_steps = options.max_steps_per_start,
         .max_events = options.max_steps_per_start,
         .stop_at_first_crossing = options.first_only,
         .stop_token = options.stop_token});
    result.steps += path.steps;
    result.support_changes += path.events;
    for (const auto& sigma : path.crossings) {
      if (!detail::keep_checked(result, checked_game, detail::polished_profile(payoffs, checked_game, sigma),
                                options.max_regret, 1e-6, options.on_equilibrium))
        ++result.rejected;
    }
    if (path.cancelled) {
      result.status = run_status::cancelled;
      return result;
    }
    if (!path.complete) {
      ++result.branches_stopped_early;
      result.branch_failure = path.failure;
      at_limit = at_limit || path.limit_reached;
    }
    ++branches;
    if (start < options.starts) detail::report_progress(options.on_progress, start + 1, options.starts, "starts");
  }
  // With no equilibrium, or branches not followed to their end (there may
  // be more on them): a branch cut short by the caller's step limit may
  // cross further on, which is the limit, not a failure of the method.
  if (result.equilibria.empty() || result.branches_stopped_early > 0)
    result.status = at_limit ? run_status::limit_reached : run_status::failed;
  if (result.equilibria.empty()) {
    result.reason = result.branch_failure.empty()
                        ? "no branch crossed lambda = 0 at a point that passed the regret check"
                        : result.branch_failure;
  } else if (result.branches_stopped_early > 0) {
    result.reason = std::to_string(result.branches_stopped_early) + " of " + std::to_string(branches) +
                    " branches ended before end_lambda (the last: " + result.branch_failure + ")";
  }
  return result;
}

}  // namespace impasse
