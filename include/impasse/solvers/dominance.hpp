// Iterated elimination of strictly dominated strategies.
//
// A pure strategy s of player i is strictly dominated by a pure strategy t
// when u_i(t, o) > u_i(s, o) for every profile o of the others' (remaining)
// strategies. Removing strictly dominated strategies never removes a Nash
// equilibrium, and the order of removal does not change the end result
// (Gilboa, Kalai and Zemel 1990), so each round removes every dominated
// strategy of every player at once, until a round removes nothing.
// Cost per round: O(n * m * P) comparisons for P remaining profiles and at
// most m strategies per player.
#pragma once

#include <impasse/strategic_game.hpp>

#include <cstddef>
#include <vector>

namespace impasse {

template <scalar Scalar>
struct dominance_result {
  /// The game that survives, with the original labels.
  strategic_game<Scalar> game;
  /// For each player, the original index of each surviving strategy:
  /// `original_strategies[i][s]` is strategy s of `game` in the input game.
  std::vector<std::vector<std::size_t>> original_strategies;
  /// Rounds that removed at least one strategy.
  std::size_t rounds = 0;
};

namespace detail {

/// True when `t` strictly dominates `s` for `player` in `game`.
template <scalar Scalar>
bool strictly_dominates(const strategic_game<Scalar>& game, std::size_t player, std::size_t t,
                        std::size_t s) {
  const auto u = game.payoffs(player);
  const std::size_t stride = game.stride(player);
  const std::size_t block = stride * game.num_strategies(player);
  for (std::size_t base = 0; base < game.num_profiles(); base += block)
    for (std::size_t k = 0; k < stride; ++k)
      if (!(u[base + t * stride + k] > u[base + s * stride + k])) return false;
  return true;
}

}  // namespace detail

/// Removes strictly dominated pure strategies (dominated by another pure
/// strategy) until none is left; keeps the map back to the input's
/// strategies.
template <scalar Scalar>
[[nodiscard]] dominance_result<Scalar> iterated_strict_dominance(const strategic_game<Scalar>& game) {
  dominance_result<Scalar> result{game, {}, 0};
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    std::vector<std::size_t> all(game.num_strategies(i));
    for (std::size_t s = 0; s < all.size(); ++s) all[s] = s;
    result.original_strategies.push_back(std::move(all));
  }
  for (;;) {
    const auto& current = result.game;
    std::vector<std::vector<std::size_t>> kept(current.num_players());
    bool removed = false;
    for (std::size_t i = 0; i < current.num_players(); ++i) {
      for (std::size_t s = 0; s < current.num_strategies(i); ++s) {
        bool dominated = false;
        for (std::size_t t = 0; t < current.num_strategies(i) && !dominated; ++t)
          dominated = t != s && detail::strictly_dominates(current, i, t, s);
        if (dominated)
          removed = true;
        else
          kept[i].push_back(s);
      }
    }
    if (!removed) return result;
    ++result.rounds;
    for (std::size_t i = 0; i < kept.size(); ++i) {
      std::vector<std::size_t> original;
      for (auto s : kept[i]) original.push_back(result.original_strategies[i][s]);
      result.original_strategies[i] = std::move(original);
    }
    result.game = restrict_strategies(current, kept);
  }
}

}  // namespace impasse
