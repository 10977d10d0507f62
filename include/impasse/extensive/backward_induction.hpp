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
  // Ties within the game's payoff tolerance (core/tolerance.hpp).
  const payoff_span span = payoff_span_of(game);
  const Scalar tolerance = payoff_tolerance<Scalar>(span);

  // The candidate equilibria of every node's subgame, stored flat (a deep
  // game has a node per decision, and a few allocations each cost more than
  // the induction): node n's are candidates [first[n], first[n] + count[n]);
  // candidate k's payoffs (the sum of outcomes from its node down) are
  // values[k * players, (k + 1) * players), and the equilibrium it picks of
  // each child is picks[candidates[k].picks + a] for child a.
  struct candidate {
    std::size_t action;  // the mover's action (decision nodes), else no_index
    std::size_t picks;   // where its children's picks start in `picks`
  };
  const std::size_t players = game.num_players();
  std::vector<candidate> candidates;
  std::vector<Scalar> values;
  std::vector<std::size_t> picks;
  std::vector<std::size_t> first(game.num_nodes(), 0), count(game.num_nodes(), 0);
  candidates.reserve(game.num_nodes());
  values.reserve(game.num_nodes() * players);
  picks.reserve(game.num_nodes());
  std::vector<std::size_t> order;
  order.reserve(game.num_nodes());
  for (std::vector<std::size_t> stack{game.root()}; !stack.empty();) {
    const std::size_t n = stack.back();
    stack.pop_back();
    order.push_back(n);
    for (auto c : game.node(n).children) stack.push_back(c);
  }
  const auto value = [&](std::size_t node, std::size_t k, std::size_t player) -> const Scalar& {
    return values[(first[node] + k) * players + player];
  };
  std::vector<std::size_t> decisions(game.num_nodes(), 0);  // most decision nodes on a path down from each node
  std::vector<std::size_t> pick;                            // odometer over the children's equilibria
  std::vector<Scalar> sum(players);
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    if (options.stop_token.stop_requested()) {
      result.status = run_status::cancelled;
      return result;
    }
    if (const auto done = static_cast<std::size_t>(it - order.rbegin()); done % 4096 == 0)
      detail::report_progress(options.on_progress, done, order.size(), "nodes");
    const std::size_t n = *it;
    const auto& node = game.node(n);
    for (auto c : node.children) decisions[n] = std::max(decisions[n], decisions[c]);
    if (node.kind == node_kind::decision) ++decisions[n];
    const std::vector<Scalar>* own = node.outcome != no_index ? &game.outcome(node.outcome).payoffs : nullptr;
    first[n] = candidates.size();
    // `sum` starts at the node's own outcome; a candidate adds its continuation.
    const auto start_sum = [&] {
      for (std::size_t i = 0; i < players; ++i) sum[i] = own ? (*own)[i] : Scalar(0);
    };
    const auto add = [&](std::size_t action) {
      candidates.push_back({action, picks.size()});
      picks.insert(picks.end(), pick.begin(), pick.end());
      values.insert(values.end(), sum.begin(), sum.end());
    };
    pick.assign(node.children.size(), 0);
    if (node.kind == node_kind::terminal) {
      start_sum();
      add(no_index);
      count[n] = 1;
      continue;
    }
    const auto& set = game.infoset(node.information_set);
    bool truncated = false;
    const auto full = [&] {
      const std::size_t here = candidates.size() - first[n];
      return here > 0 && (detail::limit_hit(here, options.max_equilibria) || detail::limit_hit(stored, options.max_stored));
    };
    for (bool more = true; more && !truncated;) {
      if (node.kind == node_kind::chance) {
        if (full()) {
          truncated = true;
          break;
        }
        if (candidates.size() > first[n]) stored += players + pick.size() + 1;
        start_sum();
        for (std::size_t a = 0; a < node.children.size(); ++a)
          for (std::size_t i = 0; i < players; ++i)
            sum[i] += set.probabilities[a] * value(node.children[a], pick[a], i);
        add(no_index);
      } else {
        const std::size_t mover = set.player;
        Scalar best = value(node.children[0], pick[0], mover);
        for (std::size_t a = 1; a < node.children.size(); ++a)
          best = std::max(best, value(node.children[a], pick[a], mover));
        for (std::size_t a = 0; a < node.children.size() && !truncated; ++a) {
          if (value(node.children[a], pick[a], mover) < best - tolerance) continue;
          if (full()) {
            truncated = true;
            break;
          }
          if (candidates.size() > first[n]) stored += players + pick.size() + 1;
          start_sum();
          for (std::size_t i = 0; i < players; ++i) sum[i] += value(node.children[a], pick[a], i);
          add(a);
        }
      }
      std::size_t k = 0;
      while (k < pick.size() && ++pick[k] == count[node.children[k]]) pick[k++] = 0;
      more = k < pick.size();
      if (more && full()) truncated = true;
    }
    count[n] = candidates.size() - first[n];
    if (truncated) result.status = run_status::limit_reached;
  }

  const std::size_t root = game.root();
  for (std::size_t r = 0; r < count[root]; ++r) {
    if (r > 0) {
      if (detail::limit_hit(stored, options.max_stored)) {
        result.status = run_status::limit_reached;
        break;
      }
      stored += game.num_nodes();
    }
    behaviour_profile<Scalar> profile(game);
    for (std::vector<std::pair<std::size_t, std::size_t>> stack{{root, r}}; !stack.empty();) {
      const auto [n, k] = stack.back();
      stack.pop_back();
      const candidate& c = candidates[first[n] + k];
      const auto& node = game.node(n);
      if (node.kind == node_kind::decision) profile(node.information_set, c.action) = Scalar(1);
      for (std::size_t a = 0; a < node.children.size(); ++a) stack.emplace_back(node.children[a], picks[c.picks + a]);
    }
    if (options.on_equilibrium) options.on_equilibrium(profile);
    result.equilibria.push_back(std::move(profile));
    const auto root_values = values.begin() + static_cast<std::ptrdiff_t>((first[root] + r) * players);
    result.payoffs.emplace_back(root_values, root_values + static_cast<std::ptrdiff_t>(players));
  }
  if (!result.exact && !result.equilibria.empty()) {
    const double range = span.range() > 0 ? span.range() : 1;
    result.error_bound = static_cast<double>(decisions[game.root()]) * scalar_cast<double>(tolerance) / range;
  }
  return result;
}

}  // namespace impasse
