// All pure-strategy Nash equilibria of a strategic game with any number of
// players.
//
// Method: a profile is an equilibrium when every player's strategy is a best
// response to the others'. Player 1's best responses are found by one sweep
// of player 1's payoff table in memory order (for every combination of the
// others' strategies, the maximum over player 1's strategies), which leaves
// about P / m_1 candidate profiles. Each further player i then checks each
// surviving candidate against its m_i alternatives, unless that would cost
// more than a sweep of the whole table, in which case it sweeps. Cost between
// O(P) and O(n * P) payoff comparisons for P pure profiles and n players; no
// memory beyond the candidates. Rationals are compared exactly; in double,
// payoffs within the game's payoff tolerance (core/tolerance.hpp: relative
// to the payoff range) count as ties, so payoffs that were computed (say,
// expected over chance) keep their ties at any unit. With max_equilibria
// below the number of candidates, candidates are checked one at a time
// against every player and the search stops at the limit.
#pragma once

#include <impasse/core/result.hpp>
#include <impasse/strategic/game.hpp>
#include <impasse/strategic/regret.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <stop_token>
#include <vector>

namespace impasse {

/// Options of `pure_strategy_enumeration`.
struct pure_strategy_enumeration_options {
  /// Stop after this many equilibria (status `limit_reached`); 0: no limit.
  std::size_t max_equilibria = no_limit;
  /// Called with each equilibrium as it is found, before it is stored.
  std::function<void(const pure_profile&)> on_equilibrium = {};
  /// Checked between blocks of profiles (status `cancelled`).
  std::stop_token stop_token = {};
  /// Payoff comparisons made, of at most n * P (the run may end sooner).
  progress_callback on_progress = {};
};

/// Result of `pure_strategy_enumeration`. Exact in rationals; in double,
/// `error_bound` is the largest relative regret of an equilibrium found.
struct pure_strategy_enumeration_result : run_report {
  /// The equilibria found, in increasing profile index (player 1 fastest).
  std::vector<pure_profile> equilibria;
  /// Payoff comparisons made (between P and n * P for P pure profiles).
  std::size_t comparisons = 0;
};

namespace detail {

/// Within one block of the table (the slower players' strategies fixed),
/// visits each profile where `u` is maximal over this player's `count`
/// strategies, for each of the `stride` combinations of the faster players'
/// strategies, in increasing index order.
template <class Scalar, class Visit>
void sweep_block(std::span<const Scalar> u, std::size_t base, std::size_t stride, std::size_t count,
                 std::vector<Scalar>& best, const Scalar& tolerance, Visit& visit) {
  for (std::size_t k = 0; k < stride; ++k) best[k] = u[base + k];
  for (std::size_t s = 1; s < count; ++s)
    for (std::size_t k = 0; k < stride; ++k)
      if (u[base + s * stride + k] > best[k]) best[k] = u[base + s * stride + k];
  for (std::size_t k = 0; k < stride; ++k) best[k] -= tolerance;
  for (std::size_t s = 0; s < count; ++s)
    for (std::size_t k = 0; k < stride; ++k)
      if (!(u[base + s * stride + k] < best[k])) visit(base + s * stride + k);
}

/// Calls `visit(profile)` for each profile where `player`'s strategy is a
/// best response, in increasing index order, sweeping the payoff table in
/// memory order. Returns false if stopped.
template <scalar Scalar, class Visit>
bool sweep_best_responses(const strategic_game<Scalar>& game, std::size_t player, std::size_t& comparisons,
                          const std::stop_token& stop, const progress_callback& on_progress, Visit&& visit,
                          const Scalar& tolerance = scalar_traits<Scalar>::tolerance()) {
  const auto u = game.payoffs(player);
  const std::size_t stride = game.stride(player);
  const std::size_t count = game.num_strategies(player);
  const std::size_t block = stride * count;
  std::vector<Scalar> best(stride);
  std::size_t since_check = 0;
  for (std::size_t base = 0; base < game.num_profiles(); base += block) {
    if (stride == 1) {  // the first player: a contiguous run per block
      const Scalar* run = u.data() + base;
      const Scalar* top = run;
      for (std::size_t s = 1; s < count; ++s)
        if (run[s] > *top) top = run + s;
      const Scalar threshold = *top - tolerance;
      for (std::size_t s = 0; s < count; ++s)
        if (!(run[s] < threshold)) visit(base + s);
    } else {
      sweep_block(u, base, stride, count, best, tolerance, visit);
    }
    comparisons += block;
    if ((since_check += block) >= (std::size_t{1} << 16)) {
      since_check = 0;
      if (stop.stop_requested()) return false;
      report_progress(on_progress, comparisons, game.num_players() * game.num_profiles(), "comparisons");
    }
  }
  return true;
}

}  // namespace detail

/// Every pure-strategy Nash equilibrium of `game`, any number of players
/// (see the file comment for the method and its cost).
template <scalar Scalar>
[[nodiscard]] pure_strategy_enumeration_result pure_strategy_enumeration(
    const strategic_game<Scalar>& game, const pure_strategy_enumeration_options& options = {}) {
  pure_strategy_enumeration_result result;
  result.exact = is_exact_v<Scalar>;
  if (options.stop_token.stop_requested()) {
    result.status = run_status::cancelled;
    return result;
  }
  const std::size_t profiles = game.num_profiles();
  // Ties within the game's payoff tolerance (core/tolerance.hpp).
  const Scalar tolerance = is_exact_v<Scalar> ? Scalar(0) : payoff_tolerance<Scalar>(payoff_span_of(game));
  std::vector<std::size_t> candidates;
  if (!detail::sweep_best_responses(
          game, 0, result.comparisons, options.stop_token, options.on_progress,
          [&](std::size_t p) { candidates.push_back(p); }, tolerance)) {
    result.status = run_status::cancelled;
    return result;
  }
  // Player 1's best responses are the candidates. When fewer equilibria are
  // wanted than there are candidates, each candidate is checked against
  // every other player in turn, so the search stops at max_equilibria
  // instead of filtering the whole list player by player.
  const auto best_for = [&](std::size_t i, std::size_t p) {
    const std::size_t stride = game.stride(i);
    const std::size_t count = game.num_strategies(i);
    const auto u = game.payoffs(i);
    const std::size_t base = p - ((p / stride) % count) * stride;
    const Scalar threshold = u[p] + tolerance;
    result.comparisons += count;
    for (std::size_t s = 0; s < count; ++s)
      if (u[base + s * stride] > threshold) return false;
    return true;
  };
  // In double, ties within the tolerance count as best responses, so an
  // equilibrium may leave a player a regret up to it: the error bound is the
  // largest such regret. Usually every regret is exactly zero, and the
  // payoff range (a pass over the whole table) is not needed.
  const auto finish = [&]() -> pure_strategy_enumeration_result& {
    if constexpr (!is_exact_v<Scalar>) {
      double worst = 0;
      for (const auto& e : result.equilibria) {
        const std::size_t p = game.profile_index(e);
        for (std::size_t i = 0; i < game.num_players(); ++i) {
          const auto u = game.payoffs(i);
          const std::size_t stride = game.stride(i), base = p - e[i] * stride;
          for (std::size_t s = 0; s < game.num_strategies(i); ++s)
            worst = std::max(worst, u[base + s * stride] - u[p]);
        }
      }
      if (worst > 0) result.error_bound = worst / payoff_range(game);
    }
    return result;
  };
  if (options.max_equilibria != no_limit && options.max_equilibria < candidates.size()) {
    std::size_t since_check = 0;
    for (std::size_t k = 0; k < candidates.size(); ++k) {
      if (detail::limit_hit(result.equilibria.size(), options.max_equilibria)) {
        result.status = run_status::limit_reached;
        break;
      }
      const std::size_t p = candidates[k];
      bool equilibrium = true;
      for (std::size_t i = 1; i < game.num_players() && equilibrium; ++i) equilibrium = best_for(i, p);
      if (equilibrium) {
        pure_profile profile = game.profile_at(p);
        if (options.on_equilibrium) options.on_equilibrium(profile);
        result.equilibria.push_back(std::move(profile));
      }
      if (++since_check >= (std::size_t{1} << 12)) {
        since_check = 0;
        if (options.stop_token.stop_requested()) {
          result.status = run_status::cancelled;
          return result;
        }
      }
    }
    return finish();
  }

  for (std::size_t i = 1; i < game.num_players() && !candidates.empty(); ++i) {
    const std::size_t count = game.num_strategies(i);
    std::vector<std::size_t> kept;
    if (candidates.size() * count > profiles) {
      // Many ties: one sweep of the table is cheaper than checking each candidate.
      std::vector<std::uint8_t> best_response(profiles, 0);
      if (!detail::sweep_best_responses(
              game, i, result.comparisons, options.stop_token, options.on_progress,
              [&](std::size_t p) { best_response[p] = 1; }, tolerance)) {
        result.status = run_status::cancelled;
        return result;
      }
      for (auto p : candidates)
        if (best_response[p]) kept.push_back(p);
    } else {
      std::size_t since_check = 0;
      for (auto p : candidates) {
        if (best_for(i, p)) kept.push_back(p);
        if ((since_check += count) >= (std::size_t{1} << 16)) {
          since_check = 0;
          if (options.stop_token.stop_requested()) {
            result.status = run_status::cancelled;
            return result;
          }
        }
      }
    }
    candidates = std::move(kept);
  }

  for (auto p : candidates) {
    if (detail::limit_hit(result.equilibria.size(), options.max_equilibria)) {
      result.status = run_status::limit_reached;
      break;
    }
    pure_profile profile = game.profile_at(p);
    if (options.on_equilibrium) options.on_equilibrium(profile);
    result.equilibria.push_back(std::move(profile));
  }
  return finish();
}

}  // namespace impasse
