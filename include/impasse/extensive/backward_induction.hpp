// Every pure subgame-perfect equilibrium of a finite game of perfect
// information (chance moves allowed), by backward induction (Zermelo 1913;
// Kuhn 1953; Selten 1965).
//
// Working from the leaves up, each node keeps the list of its subgame's
// pure SPE: at a decision node, for every combination of its children's
// equilibria, the mover may take any action whose continuation is best for
// them (ties branch, so a game can have many SPE); at a chance node the
// continuation values are averaged. Each equilibrium says what every player
// does at every decision node, on and off the path. Without ties the cost is
// O(N * n) for N nodes and n players; ties multiply the count, which
// `max_equilibria` bounds at every node (status `limit_reached`).
// In double, continuation values within the game's payoff tolerance
// (core/tolerance.hpp, relative to the payoff range) count as ties.
#pragma once

#include <impasse/core/result.hpp>
#include <impasse/extensive/behaviour_profile.hpp>
#include <impasse/extensive/structure.hpp>

#include <algorithm>
#include <functional>
#include <limits>
#include <stop_token>
#include <vector>

namespace impasse {

/// Options of `backward_induction`.
template <scalar Scalar>
struct backward_induction_options {
  /// The most equilibria kept, at the root and at every node on the way
  /// (status `limit_reached`); 0: no limit. Ties multiply the count.
  std::size_t max_equilibria = no_limit;
  /// The most numbers stored beyond one equilibrium per node, counting a
  /// node's further equilibria (its payoffs and choices) and every
  /// equilibrium returned after the first (one entry per node); 0: no
  /// limit. Past it each node keeps only its first equilibrium, so the root
  /// still has one, and the status is `limit_reached`: ties along a deep
  /// game cannot fill memory with equilibria no one can read.
  std::size_t max_stored = no_limit;
  /// Called with each equilibrium, in the order of the result.
  std::function<void(const behaviour_profile<Scalar>&)> on_equilibrium = {};
  /// Checked at every node (status `cancelled`).
  std::stop_token stop_token = {};
  /// Nodes solved, of all the game's nodes.
  progress_callback on_progress = {};
};

/// Result of `backward_induction`. Exact in rationals; in double, ties are
/// decided within the tolerance of `scalar_traits<double>`, and
/// `error_bound` is that tolerance times the most decisions on a path,
/// relative to the range of the outcomes' payoffs.
template <scalar Scalar>
struct backward_induction_result : run_report {
  /// Pure behaviour profiles: probability one on the action taken at every information set.
  std::vector<behaviour_profile<Scalar>> equilibria;
  /// Each equilibrium's payoffs, one per player.
  std::vector<std::vector<Scalar>> payoffs;
};

/// Throws `invalid_argument` unless every player's information set is a single node.
template <scalar Scalar>
[[nodiscard]] backward_induction_result<Scalar> backward_induction(
    const extensive_game<Scalar>& game, const backward_induction_options<Scalar>& options = {}) {
  if (!has_perfect_information(game))
    throw invalid_argument("backward_induction needs perfect information: some information set has several nodes "
                           "(use subgame_decomposition for imperfect information)");
  backward_induction_result<Scalar> result;
  result.exact = is_exact_v<Scalar>;
  // Every node keeps its first equilibrium; a further one costs what it stores.
  std::size_t stored = 0;
  const auto full = [&](std::size_t count) {
    return count > 0 && (detail::limit_hit(count, options.max_equilibria) || detail::limit_hit(stored, options.max_stored));
  };
  // Ties within the game's payoff tolerance (core/tolerance.hpp).
  const payoff_span span = payoff_span_of(game);
  const Scalar tolerance = payoff_tolerance<Scalar>(span);

  // One candidate equilibrium of a node's subgame.
  struct partial {
    std::vector<Scalar> payoffs;       // sum of outcomes from this node down
    std::size_t action = no_index;     // the mover's action (decision nodes)
    std::vector<std::size_t> children; // which equilibrium of each child
  };
  std::vector<std::vector<partial>> solved(game.num_nodes());
  std::vector<std::size_t> order;
  for (std::vector<std::size_t> stack{game.root()}; !stack.empty();) {
    const std::size_t n = stack.back();
    stack.pop_back();
    order.push_back(n);
    for (auto c : game.node(n).children) stack.push_back(c);
  }
  std::vector<std::size_t> decisions(game.num_nodes(), 0);  // most decision nodes on a path down from each node
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    if (options.stop_token.stop_requested()) {
      result.status = run_status::cancelled;
      return result;
    }
    if (const auto done = static_cast<std::size_t>(it - order.rbegin()); done % 4096 == 0)
      detail::report_progress(options.on_progress, done, order.size(), "nodes");
    for (auto c : game.node(*it).children) decisions[*it] = std::max(decisions[*it], decisions[c]);
    if (game.node(*it).kind == node_kind::decision) ++decisions[*it];
    const std::size_t n = *it;
    const auto& node = game.node(n);
    std::vector<Scalar> own(game.num_players(), Scalar(0));
    if (node.outcome != no_index) own = game.outcome(node.outcome).payoffs;
    auto& here = solved[n];
    if (node.kind == node_kind::terminal) {
      here.push_back({own, no_index, {}});
      continue;
    }
    const auto& set = game.infoset(node.information_set);
    // Odometer over combinations of the children's equilibria.
    std::vector<std::size_t> pick(node.children.size(), 0);
    bool truncated = false;
    for (bool more = true; more && !truncated;) {
      if (node.kind == node_kind::chance) {
        if (full(here.size())) {
          truncated = true;
          break;
        }
        if (!here.empty()) stored += own.size() + pick.size() + 1;
        partial p{own, no_index, pick};
        for (std::size_t a = 0; a < node.children.size(); ++a)
          for (std::size_t i = 0; i < own.size(); ++i)
            p.payoffs[i] += set.probabilities[a] * solved[node.children[a]][pick[a]].payoffs[i];
        here.push_back(std::move(p));
      } else {
        const std::size_t mover = set.player;
        Scalar best = solved[node.children[0]][pick[0]].payoffs[mover];
        for (std::size_t a = 1; a < node.children.size(); ++a)
          best = std::max(best, solved[node.children[a]][pick[a]].payoffs[mover]);
        for (std::size_t a = 0; a < node.children.size() && !truncated; ++a) {
          const auto& continuation = solved[node.children[a]][pick[a]].payoffs;
          if (continuation[mover] < best - tolerance) continue;
          if (full(here.size())) {
            truncated = true;
            break;
          }
          if (!here.empty()) stored += own.size() + pick.size() + 1;
          partial p{own, a, pick};
          for (std::size_t i = 0; i < own.size(); ++i) p.payoffs[i] += continuation[i];
          here.push_back(std::move(p));
        }
      }
      std::size_t k = 0;
      while (k < pick.size() && ++pick[k] == solved[node.children[k]].size()) pick[k++] = 0;
      more = k < pick.size();
      if (more && full(here.size())) truncated = true;
    }
    if (truncated) result.status = run_status::limit_reached;
  }

  for (std::size_t r = 0; r < solved[game.root()].size(); ++r) {
    if (r > 0) {
      if (detail::limit_hit(stored, options.max_stored)) {
        result.status = run_status::limit_reached;
        break;
      }
      stored += game.num_nodes();
    }
    behaviour_profile<Scalar> profile(game);
    for (std::vector<std::pair<std::size_t, std::size_t>> stack{{game.root(), r}}; !stack.empty();) {
      const auto [n, k] = stack.back();
      stack.pop_back();
      const auto& p = solved[n][k];
      if (game.node(n).kind == node_kind::decision) profile(game.node(n).information_set, p.action) = Scalar(1);
      for (std::size_t a = 0; a < p.children.size(); ++a) stack.emplace_back(game.node(n).children[a], p.children[a]);
    }
    if (options.on_equilibrium) options.on_equilibrium(profile);
    result.equilibria.push_back(std::move(profile));
    result.payoffs.push_back(solved[game.root()][r].payoffs);
  }
  if (!result.exact && !result.equilibria.empty()) {
    const double range = span.range() > 0 ? span.range() : 1;
    result.error_bound = static_cast<double>(decisions[game.root()]) * scalar_cast<double>(tolerance) / range;
  }
  return result;
}

}  // namespace impasse
