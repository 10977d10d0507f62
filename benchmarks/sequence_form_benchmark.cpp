// The sequence form and its solvers on games whose strategic form would be
// out of reach: one-street poker with more and more cards (3 cards is Kuhn
// poker; 52 cards is a tree of 23,869 nodes) and random imperfect-information
// trees, by Lemke's algorithm on the LCP and, for the zero-sum poker, by
// linear programming, in double and in exact rationals.
#include <impasse/sequence_form.hpp>
#include <impasse/solvers/sequence_form_lcp.hpp>
#include <impasse/solvers/sequence_form_lp.hpp>

#include <benchmark/benchmark.h>

#include <map>
#include <random>
#include <string>
#include <vector>

namespace {

using impasse::extensive_game;
using impasse::no_index;

/// One-street poker: each player antes 1 and gets one of `cards` cards;
/// player 1 checks or bets 1; after a check player 2 checks or bets and
/// player 1 folds or calls; after a bet player 2 folds or calls (Kuhn 1950
/// with three cards).
template <class Scalar>
extensive_game<Scalar> poker(std::size_t cards) {
  extensive_game<Scalar> game({"Player 1", "Player 2"});
  std::vector<std::string> deals;
  for (std::size_t a = 0; a < cards; ++a)
    for (std::size_t b = 0; b < cards; ++b)
      if (a != b) deals.push_back(std::to_string(a) + "-" + std::to_string(b));
  game.add_chance(game.root(), deals,
                  std::vector<Scalar>(deals.size(), Scalar(1) / Scalar(static_cast<long>(deals.size()))));
  std::vector<std::vector<std::size_t>> sets(4, std::vector<std::size_t>(cards, no_index));
  const auto decide = [&](std::size_t node, std::size_t player, std::size_t kind, std::size_t card,
                          std::vector<std::string> actions) {
    if (sets[kind][card] == no_index)
      sets[kind][card] = game.add_decision(node, player, std::move(actions));
    else
      game.add_to_information_set(node, sets[kind][card]);
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
      decide(root, 0, 0, a, {"Check", "Bet"});
      const std::size_t check = game.node(root).children[0], bet = game.node(root).children[1];
      decide(check, 1, 1, b, {"Check", "Bet"});
      pay(game.node(check).children[0], showdown);
      const std::size_t check_bet = game.node(check).children[1];
      decide(check_bet, 0, 2, a, {"Fold", "Call"});
      pay(game.node(check_bet).children[0], -1);
      pay(game.node(check_bet).children[1], 2 * showdown);
      decide(bet, 1, 3, b, {"Fold", "Call"});
      pay(game.node(bet).children[0], 1);
      pay(game.node(bet).children[1], 2 * showdown);
    }
  return game;
}

/// A random general-sum tree of `depth` levels of `branching` actions,
/// players alternating; a player's information set is the level, their own
/// last move and, at every other pair of levels, the other's last action
/// (perfect recall, imperfect information). Payoffs uniform in -9..9.
template <class Scalar>
extensive_game<Scalar> random_tree(std::size_t depth, std::size_t branching, unsigned seed) {
  extensive_game<Scalar> game({"Player 1", "Player 2"});
  std::mt19937 random(seed);
  std::uniform_int_distribution<long> payoff(-9, 9);
  std::map<std::vector<long>, std::size_t> sets;
  std::vector<std::string> actions;
  for (std::size_t a = 0; a < branching; ++a) actions.push_back(std::to_string(a + 1));
  struct state {
    std::size_t node, level;
    long last[2], seen[2];
  };
  std::vector<state> stack{{game.root(), 0, {-1, -1}, {-1, -1}}};
  while (!stack.empty()) {
    const state s = stack.back();
    stack.pop_back();
    if (s.level == depth) {
      game.set_outcome(s.node, game.add_outcome({Scalar(payoff(random)), Scalar(payoff(random))}));
      continue;
    }
    const std::size_t i = s.level % 2;
    const std::vector<long> key{static_cast<long>(s.level), s.last[i], (s.level / 2) % 2 == 1 ? s.seen[1 - i] : -2};
    std::size_t h;
    if (const auto found = sets.find(key); found != sets.end()) {
      h = found->second;
      game.add_to_information_set(s.node, h);
    } else {
      h = game.add_decision(s.node, i, actions);
      sets.emplace(key, h);
    }
    for (std::size_t a = 0; a < branching; ++a) {
      state next = s;
      next.node = game.node(s.node).children[a];
      next.level = s.level + 1;
      next.last[i] = static_cast<long>(h * branching + a);
      next.seen[i] = static_cast<long>(a);
      stack.push_back(next);
    }
  }
  return game;
}

template <class Scalar>
void lemke_on(benchmark::State& state, const extensive_game<Scalar>& game) {
  std::size_t pivots = 0, size = 0;
  for (auto _ : state) {
    auto result = impasse::sequence_form_lcp(game);
    pivots = result.pivots;
    size = result.lcp_size;
    benchmark::DoNotOptimize(result);
  }
  state.counters["nodes"] = static_cast<double>(game.num_nodes());
  state.counters["lcp_rows"] = static_cast<double>(size);
  state.counters["pivots"] = static_cast<double>(pivots);
}

template <class Scalar>
void lemke_poker(benchmark::State& state) {
  lemke_on(state, poker<Scalar>(static_cast<std::size_t>(state.range(0))));
}

template <class Scalar>
void lemke_random_tree(benchmark::State& state) {
  lemke_on(state, random_tree<Scalar>(static_cast<std::size_t>(state.range(0)), static_cast<std::size_t>(state.range(1)), 5));
}

template <class Scalar>
void lp_poker(benchmark::State& state) {
  const auto game = poker<Scalar>(static_cast<std::size_t>(state.range(0)));
  std::size_t pivots = 0;
  for (auto _ : state) {
    auto result = impasse::sequence_form_lp(game);
    pivots = result.pivots;
    benchmark::DoNotOptimize(result);
  }
  state.counters["nodes"] = static_cast<double>(game.num_nodes());
  state.counters["pivots"] = static_cast<double>(pivots);
}

void sequence_form_of_poker(benchmark::State& state) {
  const auto game = poker<impasse::rational>(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    impasse::sequence_form<impasse::rational> form(game);
    benchmark::DoNotOptimize(form);
  }
  state.counters["nodes"] = static_cast<double>(game.num_nodes());
}

void lemke_poker_double(benchmark::State& state) { lemke_poker<double>(state); }
void lemke_poker_rational(benchmark::State& state) { lemke_poker<impasse::rational>(state); }
void lemke_random_tree_double(benchmark::State& state) { lemke_random_tree<double>(state); }
void lemke_random_tree_rational(benchmark::State& state) { lemke_random_tree<impasse::rational>(state); }
void lp_poker_double(benchmark::State& state) { lp_poker<double>(state); }
void lp_poker_rational(benchmark::State& state) { lp_poker<impasse::rational>(state); }

BENCHMARK(lemke_poker_double)->Arg(3)->Arg(13)->Arg(26)->Arg(52)->Unit(benchmark::kMillisecond);
BENCHMARK(lemke_poker_rational)->Arg(3)->Arg(13)->Arg(26)->Unit(benchmark::kMillisecond);
BENCHMARK(lemke_random_tree_double)->Args({8, 2})->Args({6, 3})->Args({10, 2})->Unit(benchmark::kMillisecond);
BENCHMARK(lemke_random_tree_rational)->Args({8, 2})->Args({6, 3})->Args({10, 2})->Unit(benchmark::kMillisecond);
BENCHMARK(lp_poker_double)->Arg(3)->Arg(13)->Unit(benchmark::kMillisecond);
BENCHMARK(lp_poker_rational)->Arg(3)->Arg(13)->Arg(26)->Unit(benchmark::kMillisecond);
BENCHMARK(sequence_form_of_poker)->Arg(13)->Arg(52)->Unit(benchmark::kMillisecond);

}  // namespace
