// Generated extensive games for tests and benchmarks: one-street poker
// (Kuhn poker and its larger-deck versions) and random two-player trees of
// imperfect information with perfect recall. Seeded and reproducible.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/extensive/game.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace impasse {

/// One-street poker with `cards` cards ranked 0 < 1 < ... (Kuhn 1950, "A
/// simplified two-person poker", Contributions to the Theory of Games I, is
/// the case of three cards J < Q < K). Each player antes 1; chance deals
/// each an ordered pair of different cards, all pairs equally likely
/// (labelled "a-b"). Player 1 checks or bets 1. After a check player 2
/// checks (showdown for the antes) or bets 1, and player 1 then folds or
/// calls (showdown for 2). After a bet player 2 folds or calls (showdown
/// for 2). Player 1's information sets: their card, before and after
/// check-bet; player 2's: their card, after a check and after a bet. Zero
/// sum; 1 + c(c-1) * 9 nodes for c cards. Throws `invalid_argument` for
/// fewer than two cards.
template <scalar Scalar>
[[nodiscard]] extensive_game<Scalar> one_street_poker(std::size_t cards) {
  if (cards < 2) throw invalid_argument("one_street_poker needs at least two cards");
  extensive_game<Scalar> game({"Player 1", "Player 2"});
  game.set_title(cards == 3 ? "Kuhn poker" : "One-street poker with " + std::to_string(cards) + " cards");
  std::vector<std::string> deals;
  for (std::size_t a = 0; a < cards; ++a)
    for (std::size_t b = 0; b < cards; ++b)
      if (a != b) deals.push_back(std::to_string(a) + "-" + std::to_string(b));
  game.add_chance(game.root(), deals,
                  std::vector<Scalar>(deals.size(), Scalar(1) / Scalar(static_cast<long>(deals.size()))));
  std::vector<std::size_t> open(cards, no_index), after_check_bet(cards, no_index), after_check(cards, no_index),
      after_bet(cards, no_index);
  const auto decide = [&](std::size_t node, std::size_t player, std::vector<std::size_t>& sets, std::size_t card,
                          std::vector<std::string> actions) {
    if (sets[card] == no_index)
      sets[card] = game.add_decision(node, player, std::move(actions));
    else
      game.add_to_information_set(node, sets[card]);
  };
  const auto pay = [&](std::size_t node, long amount) {
    game.set_outcome(node, game.add_outcome({Scalar(amount), Scalar(-amount)}));
  };
  std::size_t deal = 0;
  for (std::size_t a = 0; a < cards; ++a)
    for (std::size_t b = 0; b < cards; ++b) {
      if (a == b) continue;
      const long showdown = a > b ? 1 : -1;
      const std::size_t root = game.node(game.root()).children[deal++];
      decide(root, 0, open, a, {"Check", "Bet"});
      const std::size_t check = game.node(root).children[0], bet = game.node(root).children[1];
      decide(check, 1, after_check, b, {"Check", "Bet"});
      pay(game.node(check).children[0], showdown);
      const std::size_t check_bet = game.node(check).children[1];
      decide(check_bet, 0, after_check_bet, a, {"Fold", "Call"});
      pay(game.node(check_bet).children[0], -1);
      pay(game.node(check_bet).children[1], 2 * showdown);
      decide(bet, 1, after_bet, b, {"Fold", "Call"});
      pay(game.node(bet).children[0], 1);
      pay(game.node(bet).children[1], 2 * showdown);
    }
  return game;
}

/// Kuhn poker (Kuhn 1950): one-street poker with three cards, worth -1/18
/// to player 1.
template <scalar Scalar>
[[nodiscard]] extensive_game<Scalar> kuhn_poker() {
  return one_street_poker<Scalar>(3);
}

struct random_tree_options {
  /// Levels of decisions, players alternating (player 1 first).
  std::size_t depth = 4;
  /// Actions at every decision.
  std::size_t branching = 2;
  std::uint64_t seed = 1;
  /// Payoffs at the leaves are integers drawn uniformly from
  /// [-range, range]; a small range makes many ties (degenerate games).
  long range = 9;
  /// Chance moves first, dealing player 1 a private signal ("low" with
  /// probability 1/3, "high" with 2/3).
  bool chance = false;
};

/// A random two-player game tree with perfect recall (see the options). A
/// player's information set is given by the level, their own last move
/// and, at every other pair of levels, the other player's last action, so
/// they always recall their own moves but often do not see the other's.
/// branching^depth leaves (twice that with chance).
template <scalar Scalar>
[[nodiscard]] extensive_game<Scalar> random_two_player_tree(const random_tree_options& options = {}) {
  extensive_game<Scalar> game({"Player 1", "Player 2"});
  std::mt19937 random(static_cast<std::uint32_t>(options.seed));
  std::uniform_int_distribution<long> payoff(-options.range, options.range);
  std::map<std::vector<long>, std::size_t> sets;
  std::vector<std::string> actions;
  for (std::size_t a = 0; a < options.branching; ++a) actions.push_back(std::to_string(a + 1));
  struct state {
    std::size_t node, level;
    long last[2], seen[2], signal;
  };
  std::vector<state> stack;
  if (options.chance) {
    game.add_chance(game.root(), {"low", "high"}, {Scalar(1) / Scalar(3), Scalar(2) / Scalar(3)});
    for (long k = 0; k < 2; ++k)
      stack.push_back({game.node(0).children[static_cast<std::size_t>(k)], 0, {-1, -1}, {-1, -1}, k});
  } else {
    stack.push_back({game.root(), 0, {-1, -1}, {-1, -1}, 0});
  }
  while (!stack.empty()) {
    const state s = stack.back();
    stack.pop_back();
    if (s.level == options.depth) {
      game.set_outcome(s.node, game.add_outcome({Scalar(payoff(random)), Scalar(payoff(random))}));
      continue;
    }
    const std::size_t i = s.level % 2;
    const bool observes = (s.level / 2) % 2 == 1;
    std::vector<long> key{static_cast<long>(s.level), s.last[i], observes ? s.seen[1 - i] : -2,
                          i == 0 ? s.signal : -2};
    std::size_t h;
    if (const auto found = sets.find(key); found != sets.end()) {
      h = found->second;
      game.add_to_information_set(s.node, h);
    } else {
      h = game.add_decision(s.node, i, actions);
      sets.emplace(key, h);
    }
    for (std::size_t a = 0; a < options.branching; ++a) {
      state next = s;
      next.node = game.node(s.node).children[a];
      next.level = s.level + 1;
      next.last[i] = static_cast<long>(h * options.branching + a);
      next.seen[i] = static_cast<long>(a);
      stack.push_back(next);
    }
  }
  return game;
}

}  // namespace impasse
