// Structural properties of a game tree that solvers rely on: perfect
// recall, perfect information, and the roots of subgames.
//
// Perfect recall (Kuhn 1953): at every information set of player i, all
// nodes share the same sequence of i's own earlier moves (information set,
// action). Under perfect recall mixed and behaviour strategies are
// equivalent and the reduced strategic and sequence forms are well defined.
// A subgame root (Selten 1965) is a non-terminal node whose subtree cuts no
// information set of a player: every information set with a node in the
// subtree lies wholly inside it. All three take O(N * depth) time at most
// for N nodes.
#pragma once

#include <impasse/extensive/game.hpp>

#include <algorithm>
#include <map>
#include <tuple>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace impasse {

/// A player's own moves on the path from the root: (information set, action) pairs, earliest first.
using own_sequence = std::vector<std::pair<std::size_t, std::size_t>>;

/// The sequence of `player`'s own moves on the path from the root to node `n` (excluding n's own move).
template <scalar Scalar>
[[nodiscard]] own_sequence own_moves_to(const extensive_game<Scalar>& game, std::size_t player, std::size_t n) {
  own_sequence out;
  for (std::size_t child = n, parent = game.node(n).parent; parent != no_index;
       child = parent, parent = game.node(parent).parent)
    if (game.player_at(parent) == player)
      out.emplace_back(game.node(parent).information_set, game.node(child).parent_action);
  std::reverse(out.begin(), out.end());
  return out;
}

/// Nothing if the game has perfect recall; otherwise a sentence naming the
/// first information set where a player forgets, and what.
template <scalar Scalar>
[[nodiscard]] std::optional<std::string> perfect_recall_violation(const extensive_game<Scalar>& game) {
  // One pass over the tree: for each player and node, the number of the
  // player's own sequence of moves (information set, action) that leads
  // there, equal numbers for equal sequences (a trie). Linear in the tree,
  // where comparing sequences walked up from each node is quadratic in its
  // depth (minutes on a chain of 300,000 decisions).
  const std::size_t players = game.num_players();
  std::vector<std::vector<std::size_t>> sequence(players, std::vector<std::size_t>(game.num_nodes(), 0));
  std::map<std::tuple<std::size_t, std::size_t, std::size_t>, std::size_t> trie;
  for (std::vector<std::size_t> stack{game.root()}; !stack.empty();) {
    const std::size_t n = stack.back();
    stack.pop_back();
    const auto& node = game.node(n);
    for (const std::size_t c : node.children) {
      for (std::size_t i = 0; i < players; ++i) {
        sequence[i][c] = sequence[i][n];
        if (node.kind == node_kind::decision && game.player_at(n) == i) {
          const auto key = std::make_tuple(sequence[i][n], node.information_set, game.node(c).parent_action);
          sequence[i][c] = trie.try_emplace(key, trie.size() + 1).first->second;
        }
      }
      stack.push_back(c);
    }
  }
  for (std::size_t i = 0; i < players; ++i) {
    const auto& sets = game.player_information_sets(i);
    for (std::size_t k = 0; k < sets.size(); ++k) {
      const auto& members = game.infoset(sets[k]).nodes;
      for (std::size_t m = 1; m < members.size(); ++m)
        if (sequence[i][members[m]] != sequence[i][members.front()])
          return "player " + std::to_string(i + 1) + " (" + game.player_label(i) + ") does not recall their own " +
                 "earlier moves at information set " + std::to_string(k + 1) +
                 (game.infoset(sets[k]).label.empty() ? "" : " (\"" + game.infoset(sets[k]).label + "\")") +
                 ": its nodes are reached by different sequences of that player's moves";
    }
  }
  return std::nullopt;
}

/// For each node, `player`'s last own move (information set, action) on the
/// way from the root, or (no_index, no_index) for none: one pass over the tree.
template <scalar Scalar>
[[nodiscard]] std::vector<std::pair<std::size_t, std::size_t>> last_own_moves(const extensive_game<Scalar>& game,
                                                                             std::size_t player) {
  std::vector<std::pair<std::size_t, std::size_t>> last(game.num_nodes(), {no_index, no_index});
  for (std::vector<std::size_t> stack{game.root()}; !stack.empty();) {
    const std::size_t n = stack.back();
    stack.pop_back();
    const auto& node = game.node(n);
    const bool own = node.kind == node_kind::decision && game.player_at(n) == player;
    for (const std::size_t c : node.children) {
      last[c] = own ? std::make_pair(node.information_set, game.node(c).parent_action) : last[n];
      stack.push_back(c);
    }
  }
  return last;
}

template <scalar Scalar>
[[nodiscard]] bool has_perfect_recall(const extensive_game<Scalar>& game) {
  return !perfect_recall_violation(game).has_value();
}

/// Throws `invalid_argument` naming `solver` and the violation unless the game has perfect recall.
template <scalar Scalar>
void require_perfect_recall(const extensive_game<Scalar>& game, const std::string& solver) {
  if (auto why = perfect_recall_violation(game)) throw invalid_argument(solver + " needs perfect recall, but " + *why);
}

/// True when every player's information set holds a single node.
template <scalar Scalar>
[[nodiscard]] bool has_perfect_information(const extensive_game<Scalar>& game) {
  for (const auto& set : game.information_sets())
    if (set.player != chance_player && set.nodes.size() != 1) return false;
  return true;
}

/// The roots of all subgames (the root of the game included), in node-index
/// order. Chance nodes sharing an information set do not tie subtrees
/// together: chance has no information to keep.
template <scalar Scalar>
[[nodiscard]] std::vector<std::size_t> subgame_roots(const extensive_game<Scalar>& game) {
  const std::size_t count = game.num_nodes();
  // Depth-first preorder numbers; a subtree is the interval [pre, pre + size).
  std::vector<std::size_t> pre(count), size(count, 1), order;
  order.reserve(count);
  std::vector<std::size_t> stack{game.root()};
  while (!stack.empty()) {
    const std::size_t n = stack.back();
    stack.pop_back();
    pre[n] = order.size();
    order.push_back(n);
    const auto& children = game.node(n).children;
    for (auto c = children.rbegin(); c != children.rend(); ++c) stack.push_back(*c);
  }
  for (auto it = order.rbegin(); it != order.rend(); ++it)
    if (game.node(*it).parent != no_index) size[game.node(*it).parent] += size[*it];
  // Each player information set's span of preorder numbers.
  std::vector<std::size_t> low(game.num_information_sets(), no_index), high(game.num_information_sets(), 0);
  for (std::size_t h = 0; h < game.num_information_sets(); ++h)
    for (auto n : game.infoset(h).nodes) {
      low[h] = std::min(low[h], pre[n]);
      high[h] = std::max(high[h], pre[n]);
    }
  // Bottom up: the smallest low and largest high over the subtree's sets.
  std::vector<std::size_t> min_low(count, no_index), max_high(count, 0);
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const std::size_t n = *it;
    const auto& node = game.node(n);
    if (node.kind == node_kind::decision) {
      min_low[n] = std::min(min_low[n], low[node.information_set]);
      max_high[n] = std::max(max_high[n], high[node.information_set]);
    }
    if (node.parent != no_index) {
      min_low[node.parent] = std::min(min_low[node.parent], min_low[n]);
      max_high[node.parent] = std::max(max_high[node.parent], max_high[n]);
    }
  }
  std::vector<std::size_t> roots;
  for (std::size_t n = 0; n < count; ++n) {
    if (game.node(n).kind == node_kind::terminal) continue;
    const bool inside = min_low[n] == no_index || (min_low[n] >= pre[n] && max_high[n] < pre[n] + size[n]);
    if (inside) roots.push_back(n);
  }
  return roots;
}

}  // namespace impasse
