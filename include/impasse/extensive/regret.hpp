// Payoffs of behaviour profiles and regret in extensive games: the
// independent check that tests run on every equilibrium an extensive-form
// solver returns.
//
// A player's regret in the subgame at node r is the value of their best
// response to the others' behaviour strategies there, minus what the
// profile gives them. Under perfect recall a best response is found by
// backward induction over the player's own information sets (each action's
// value: the others' and chance's reach-weighted payoffs of the terminal
// nodes it leads to with no further own move, plus the best values of the
// own information sets that follow it). A profile is a Nash equilibrium when
// every regret at the root is zero, and subgame perfect (Selten 1965) when
// that holds at the root of every subgame. Cost O(n * N) per subgame for N
// nodes and n players; `max_subgame_regret` checks every subgame root, so
// O(n * N^2) in the worst case (perfect information). Exact in rationals.
#pragma once

#include <impasse/core/tolerance.hpp>
#include <impasse/extensive/behaviour_profile.hpp>
#include <impasse/extensive/structure.hpp>

#include <algorithm>
#include <vector>

namespace impasse {

/// Each player's regret in the subgame at node `subroot` (the whole game by
/// default). Throws `invalid_argument` for imperfect recall.
template <scalar Scalar>
[[nodiscard]] std::vector<Scalar> behaviour_regrets(const extensive_game<Scalar>& game,
                                                    const behaviour_profile<Scalar>& profile,
                                                    std::size_t subroot = extensive_game<Scalar>::root()) {
  validate_profile(game, profile);
  require_perfect_recall(game, "behaviour_regrets");
  // Preorder of the subtree, with each node's sum of outcomes from subroot.
  std::vector<std::size_t> order;
  std::vector<std::vector<Scalar>> accumulated(game.num_nodes());
  {
    std::vector<std::size_t> stack{subroot};
    while (!stack.empty()) {
      const std::size_t n = stack.back();
      stack.pop_back();
      order.push_back(n);
      const auto& node = game.node(n);
      accumulated[n] = n == subroot ? std::vector<Scalar>(game.num_players(), Scalar(0)) : accumulated[node.parent];
      if (node.outcome != no_index)
        for (std::size_t i = 0; i < game.num_players(); ++i) accumulated[n][i] += game.outcome(node.outcome).payoffs[i];
      for (auto c = node.children.rbegin(); c != node.children.rend(); ++c) stack.push_back(*c);
    }
  }
  // Flat action numbering of the player information sets, as in the profile.
  std::vector<std::size_t> offset(game.num_information_sets(), no_index);
  std::size_t actions = 0;
  for (std::size_t h = 0; h < game.num_information_sets(); ++h)
    if (game.infoset(h).player != chance_player) {
      offset[h] = actions;
      actions += game.infoset(h).actions.size();
    }
  const std::size_t root_bucket = actions;

  std::vector<Scalar> regrets;
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    std::vector<Scalar> others(game.num_nodes()), all(game.num_nodes());
    std::vector<std::size_t> bucket(game.num_nodes());
    std::vector<Scalar> value(actions + 1, Scalar(0));
    std::vector<std::size_t> parent_bucket(game.num_information_sets(), no_index);
    std::vector<std::size_t> discovered;
    Scalar profile_value(0);
    for (const std::size_t n : order) {
      const auto& node = game.node(n);
      if (n == subroot) {
        others[n] = all[n] = Scalar(1);
        bucket[n] = root_bucket;
      } else {
        const auto& parent = game.node(node.parent);
        const auto& set = game.infoset(parent.information_set);
        const std::size_t a = node.parent_action;
        if (set.player == chance_player) {
          others[n] = others[node.parent] * set.probabilities[a];
          all[n] = all[node.parent] * set.probabilities[a];
          bucket[n] = bucket[node.parent];
        } else if (set.player == i) {
          others[n] = others[node.parent];
          all[n] = all[node.parent] * profile(parent.information_set, a);
          bucket[n] = offset[parent.information_set] + a;
        } else {
          others[n] = others[node.parent] * profile(parent.information_set, a);
          all[n] = all[node.parent] * profile(parent.information_set, a);
          bucket[n] = bucket[node.parent];
        }
      }
      if (node.kind == node_kind::terminal) {
        value[bucket[n]] += others[n] * accumulated[n][i];
        profile_value += all[n] * accumulated[n][i];
      } else if (node.kind == node_kind::decision && game.infoset(node.information_set).player == i &&
                 parent_bucket[node.information_set] == no_index) {
        parent_bucket[node.information_set] = bucket[n];
        discovered.push_back(node.information_set);
      }
    }
    // Later-discovered information sets follow earlier ones: fold back.
    for (auto h = discovered.rbegin(); h != discovered.rend(); ++h) {
      const std::size_t count = game.infoset(*h).actions.size();
      Scalar best = value[offset[*h]];
      for (std::size_t a = 1; a < count; ++a) best = std::max(best, value[offset[*h] + a]);
      value[parent_bucket[*h]] += best;
    }
    regrets.push_back(value[root_bucket] - profile_value);
  }
  return regrets;
}

/// The largest regret of any player in any subgame: zero exactly at a
/// subgame-perfect equilibrium.
template <scalar Scalar>
[[nodiscard]] Scalar max_subgame_regret(const extensive_game<Scalar>& game, const behaviour_profile<Scalar>& profile) {
  Scalar worst(0);
  for (const auto r : subgame_roots(game))
    for (const auto& x : behaviour_regrets(game, profile, r)) worst = std::max(worst, x);
  return worst;
}

/// The spread of the game's payoffs: the largest payoff minus the smallest
/// at any terminal node (each the sum of the outcomes on its path), over
/// every player (1 when they are all equal), in double. Solvers divide
/// regrets by it to give `run_report::error_bound`. O(N).
template <scalar Scalar>
[[nodiscard]] double payoff_range(const extensive_game<Scalar>& game) {
  double low = 0, high = 0;
  bool first = true;
  std::vector<std::pair<std::size_t, std::vector<double>>> stack{
      {game.root(), std::vector<double>(game.num_players(), 0.0)}};
  while (!stack.empty()) {
    auto [n, paid] = std::move(stack.back());
    stack.pop_back();
    const auto& node = game.node(n);
    if (node.outcome != no_index)
      for (std::size_t i = 0; i < paid.size(); ++i) paid[i] += scalar_cast<double>(game.outcome(node.outcome).payoffs[i]);
    if (node.kind == node_kind::terminal) {
      for (double u : paid) {
        low = first ? u : std::min(low, u);
        high = first ? u : std::max(high, u);
        first = false;
      }
      continue;
    }
    for (auto c : node.children) stack.emplace_back(c, paid);
  }
  return high > low ? finite_spread(low, high) : 1;
}

/// The largest regret at the root (`behaviour_regrets`) divided by
/// `payoff_range(game)`, in double.
template <scalar Scalar>
[[nodiscard]] double relative_regret(const extensive_game<Scalar>& game, const behaviour_profile<Scalar>& profile) {
  const auto r = behaviour_regrets(game, profile);
  return r.empty() ? 0.0 : scalar_cast<double>(*std::max_element(r.begin(), r.end())) / payoff_range(game);
}

/// Each player's expected payoff under `profile`.
template <scalar Scalar>
[[nodiscard]] std::vector<Scalar> expected_payoffs(const extensive_game<Scalar>& game,
                                                   const behaviour_profile<Scalar>& profile) {
  validate_profile(game, profile);
  std::vector<Scalar> total(game.num_players(), Scalar(0));
  std::vector<std::pair<std::size_t, Scalar>> stack{{game.root(), Scalar(1)}};
  while (!stack.empty()) {
    auto [n, reach] = std::move(stack.back());
    stack.pop_back();
    const auto& node = game.node(n);
    if (reach == Scalar(0)) continue;
    if (node.outcome != no_index)
      for (std::size_t i = 0; i < game.num_players(); ++i) total[i] += reach * game.outcome(node.outcome).payoffs[i];
    if (node.kind == node_kind::terminal) continue;
    const auto& set = game.infoset(node.information_set);
    for (std::size_t a = 0; a < node.children.size(); ++a) {
      const Scalar& p = set.player == chance_player ? set.probabilities[a] : profile(node.information_set, a);
      stack.emplace_back(node.children[a], reach * p);
    }
  }
  return total;
}

}  // namespace impasse
