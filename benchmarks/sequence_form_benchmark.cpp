// The sequence form and its solvers on games whose strategic form would be
// out of reach: one-street poker with more and more cards (3 cards is Kuhn
// poker; 52 cards is a tree of 23,869 nodes) and random imperfect-information
// trees, by Lemke's algorithm on the LCP and, for the zero-sum poker, by
// linear programming, in double and in exact rationals.
#include <impasse/extensive/generators.hpp>
#include <impasse/extensive/sequence_form.hpp>
#include <impasse/extensive/sequence_form_lcp.hpp>
#include <impasse/extensive/sequence_form_lp.hpp>

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

namespace {

using impasse::extensive_game;

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
  lemke_on(state, impasse::one_street_poker<Scalar>(static_cast<std::size_t>(state.range(0))));
}

template <class Scalar>
void lemke_random_tree(benchmark::State& state) {
  lemke_on(state, impasse::random_two_player_tree<Scalar>({.depth = static_cast<std::size_t>(state.range(0)),
                                                           .branching = static_cast<std::size_t>(state.range(1)),
                                                           .seed = 5}));
}

template <class Scalar>
void lp_poker(benchmark::State& state) {
  const auto game = impasse::one_street_poker<Scalar>(static_cast<std::size_t>(state.range(0)));
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
  const auto game = impasse::one_street_poker<impasse::rational>(static_cast<std::size_t>(state.range(0)));
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
BENCHMARK(lp_poker_double)->Arg(3)->Arg(13)->Arg(26)->Arg(52)->Unit(benchmark::kMillisecond);
BENCHMARK(lp_poker_rational)->Arg(3)->Arg(13)->Arg(26)->Unit(benchmark::kMillisecond);
BENCHMARK(sequence_form_of_poker)->Arg(13)->Arg(52)->Unit(benchmark::kMillisecond);

}  // namespace
