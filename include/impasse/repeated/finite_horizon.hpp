// The pure-strategy subgame-perfect equilibria of a finitely repeated game,
// by backward induction on their payoffs.
//
// Let S_k be the set of (undiscounted-normalised) payoff vectors of pure
// SPE of the game with k rounds left. In the last round only stage Nash
// equilibria can be played: S_1 = { u(a) : a a pure stage equilibrium }.
// With k rounds left, an SPE plays some profile a now and continues with an
// SPE of the remaining game, chosen after each observed profile; deviations
// are best deterred by the continuation worst for the deviator, m_i =
// min_{w in S_{k-1}} w_i, so
//   S_k = { u(a) + delta w : w in S_{k-1}, u_i(a) + delta_i w_i >=
//           max_{b_i} u_i(b_i, a_-i) + delta_i m_i for every i }
// (Benoit and Krishna, "Finitely repeated games", Econometrica 1985). With a
// unique stage equilibrium a*, S_k = { (1 + ... + delta^(k-1)) u(a*) }: the
// game unravels, and only a* is ever played; with several, the difference
// between the best and worst stage equilibria can reward cooperation in the
// earlier rounds (carrot and stick). Payoffs are reported normalised, each
// divided by 1 + delta + ... + delta^(T-1) (see repeated/game.hpp).
//
// Cost: O(|A| |S_{k-1}| n) per round for |A| stage profiles and n players;
// |S_k| can grow like |A|^k, so `max_payoffs` bounds it.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/result.hpp>
#include <impasse/core/scalar.hpp>
#include <impasse/repeated/game.hpp>
#include <impasse/strategic/game.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <stop_token>
#include <vector>

namespace impasse {

/// One SPE payoff vector and an equilibrium path that reaches it.
template <scalar Scalar>
struct finite_horizon_equilibrium {
  /// Each player's normalised payoff.
  std::vector<Scalar> payoffs;
  /// The stage profiles (indices in the stage game's numbering) played on
  /// the path, round 1 first.
  std::vector<std::size_t> path;
};

/// Options of `repeated_backward_induction`.
template <scalar Scalar>
struct repeated_backward_induction_options {
  /// Stop (status `limit_reached`) when a round has more distinct SPE
  /// payoff vectors than this; 0: no limit. 100,000 is a safeguard on
  /// memory: the sets can grow like |A|^k with k rounds left.
  std::size_t max_payoffs = 100000;
  /// Called with each SPE payoff vector and its path, in the order of the result.
  std::function<void(const finite_horizon_equilibrium<Scalar>&)> on_equilibrium = {};
  /// Checked before every round (status `cancelled`).
  std::stop_token stop_token = {};
  /// Rounds solved, of the horizon.
  progress_callback on_progress = {};
};

/// Result of `repeated_backward_induction`. Exact in rationals; in double,
/// payoffs within 1e-9 times the largest stage payoff count as equal, and
/// `error_bound` is that tolerance times the horizon, relative to the range
/// of the stage payoffs.
template <scalar Scalar>
struct repeated_backward_induction_result : run_report {
  /// One entry per distinct SPE payoff vector, in lexicographic order of
  /// the payoffs.
  std::vector<finite_horizon_equilibrium<Scalar>> equilibria;
  /// The pure Nash equilibria of the stage game (profile indices).
  std::vector<std::size_t> stage_equilibria;
  /// Rounds solved (counting from the last).
  std::size_t rounds = 0;
};

namespace detail {

template <scalar Scalar>
struct finite_horizon_node {
  std::vector<Scalar> sums;   ///< undiscounted-normalised: sum_t delta^t u^t
  std::size_t profile = 0;    ///< the profile played first
  std::size_t continuation = 0;  ///< index in the previous round's list
};

template <scalar Scalar>
bool same_payoffs(const std::vector<Scalar>& x, const std::vector<Scalar>& y, const Scalar& tolerance) {
  for (std::size_t i = 0; i < x.size(); ++i) {
    const Scalar d = x[i] - y[i];
    if (d > tolerance || d < -tolerance) return false;
  }
  return true;
}

}  // namespace detail

/// The pure-strategy SPE payoffs of a finitely repeated game, with a path
/// for each (see the file comment). Throws `invalid_argument` for an
/// infinitely repeated game.
template <scalar Scalar>
[[nodiscard]] repeated_backward_induction_result<Scalar> repeated_backward_induction(
    const repeated_game<Scalar>& game, const repeated_backward_induction_options<Scalar>& options = {}) {
  if (game.is_infinite())
    throw invalid_argument("repeated_backward_induction needs a finite horizon (see repeated/abreu_sannikov.hpp for the infinite one)");
  const auto& stage = game.stage_game();
  const std::size_t players = stage.num_players(), profiles = stage.num_profiles();
  Scalar tolerance(0);
  if constexpr (!is_exact_v<Scalar>) {
    double scale = 1;
    for (std::size_t i = 0; i < players; ++i)
      for (const auto& u : stage.payoffs(i)) scale = std::max(scale, std::abs(u));
    tolerance = 1e-9 * scale;
  }
  // best[i][p]: player i's best payoff against the others' part of profile p.
  std::vector<std::vector<Scalar>> best(players, std::vector<Scalar>(profiles));
  for (std::size_t i = 0; i < players; ++i) {
    const auto u = stage.payoffs(i);
    const std::size_t stride = stage.stride(i), count = stage.num_strategies(i);
    for (std::size_t p = 0; p < profiles; ++p) {
      const std::size_t base = p - ((p / stride) % count) * stride;
      Scalar b = u[base];
      for (std::size_t s = 1; s < count; ++s) b = std::max(b, u[base + s * stride]);
      best[i][p] = b;
    }
  }
  repeated_backward_induction_result<Scalar> result;
  result.exact = is_exact_v<Scalar>;
  if (options.stop_token.stop_requested()) {
    result.status = run_status::cancelled;
    return result;
  }
  if constexpr (!is_exact_v<Scalar>) {
    const auto& table = stage.payoff_table();
    const double range = table.maxCoeff() - table.minCoeff();
    result.error_bound = static_cast<double>(*game.horizon()) * tolerance / (range > 0 ? range : 1.0);
  }
  for (std::size_t p = 0; p < profiles; ++p) {
    bool equilibrium = true;
    for (std::size_t i = 0; i < players && equilibrium; ++i) equilibrium = stage.payoff(i, p) >= best[i][p] - tolerance;
    if (equilibrium) result.stage_equilibria.push_back(p);
  }
  std::vector<std::vector<detail::finite_horizon_node<Scalar>>> rounds;
  const auto dedupe = [&](std::vector<detail::finite_horizon_node<Scalar>>& nodes) {
    std::stable_sort(nodes.begin(), nodes.end(), [](const auto& x, const auto& y) { return x.sums < y.sums; });
    std::vector<detail::finite_horizon_node<Scalar>> unique;
    for (auto& node : nodes)
      if (unique.empty() || !detail::same_payoffs(unique.back().sums, node.sums, tolerance)) unique.push_back(std::move(node));
    nodes = std::move(unique);
  };
  {
    std::vector<detail::finite_horizon_node<Scalar>> last;
    for (auto p : result.stage_equilibria) {
      detail::finite_horizon_node<Scalar> node;
      for (std::size_t i = 0; i < players; ++i) node.sums.push_back(stage.payoff(i, p));
      node.profile = p;
      last.push_back(std::move(node));
    }
    dedupe(last);
    rounds.push_back(std::move(last));
    result.rounds = 1;
  }
  const std::size_t horizon = *game.horizon();
  while (rounds.size() < horizon) {
    if (options.stop_token.stop_requested()) {
      result.status = run_status::cancelled;
      return result;
    }
    detail::report_progress(options.on_progress, rounds.size(), horizon, "rounds");
    const auto& previous = rounds.back();
    if (previous.empty()) break;
    std::vector<Scalar> worst(players);
    for (std::size_t i = 0; i < players; ++i) {
      worst[i] = previous.front().sums[i];
      for (const auto& w : previous) worst[i] = std::min(worst[i], w.sums[i]);
    }
    std::vector<detail::finite_horizon_node<Scalar>> next;
    for (std::size_t p = 0; p < profiles; ++p)
      for (std::size_t c = 0; c < previous.size(); ++c) {
        bool enforced = true;
        for (std::size_t i = 0; i < players && enforced; ++i) {
          const Scalar& delta = game.discount_factor(i);
          enforced = stage.payoff(i, p) + delta * previous[c].sums[i] >= best[i][p] + delta * worst[i] - tolerance;
        }
        if (!enforced) continue;
        detail::finite_horizon_node<Scalar> node;
        for (std::size_t i = 0; i < players; ++i)
          node.sums.push_back(stage.payoff(i, p) + game.discount_factor(i) * previous[c].sums[i]);
        node.profile = p;
        node.continuation = c;
        next.push_back(std::move(node));
        if (options.max_payoffs != no_limit && next.size() > 4 * options.max_payoffs) dedupe(next);
      }
    dedupe(next);
    if (options.max_payoffs != no_limit && next.size() > options.max_payoffs) {
      result.status = run_status::limit_reached;
      return result;
    }
    rounds.push_back(std::move(next));
    ++result.rounds;
  }
  // Normalise and read off the paths.
  std::vector<Scalar> total(players, Scalar(0));
  for (std::size_t i = 0; i < players; ++i) {
    Scalar weight(1);
    for (std::size_t t = 0; t < horizon; ++t) {
      total[i] += weight;
      weight *= game.discount_factor(i);
    }
  }
  if (rounds.size() < horizon) return result;  // no stage equilibrium: no SPE
  for (std::size_t k = 0; k < rounds.back().size(); ++k) {
    finite_horizon_equilibrium<Scalar> e;
    for (std::size_t i = 0; i < players; ++i) e.payoffs.push_back(rounds.back()[k].sums[i] / total[i]);
    std::size_t at = k;
    for (std::size_t r = rounds.size(); r-- > 0;) {
      e.path.push_back(rounds[r][at].profile);
      at = rounds[r][at].continuation;
    }
    if (options.on_equilibrium) options.on_equilibrium(e);
    result.equilibria.push_back(std::move(e));
  }
  return result;
}

}  // namespace impasse
