// The set of pure-action SPE payoffs of infinitely repeated two-player games
// (Abreu-Sannikov), in double and in rationals: the paper's example at
// delta = 0.3, the prisoner's dilemma at 0.9, and random k x k stage games
// (payoffs uniform integers in 0..99, k = 2..10) at delta = 0.3, 0.6, 0.9.
// Also the critical discount factor of grim trigger and stick-and-carrot.
#include <impasse/repeated/abreu_sannikov.hpp>
#include <impasse/repeated/automata.hpp>
#include <impasse/repeated/game.hpp>
#include <impasse/repeated/outer_approximation.hpp>
#include <impasse/strategic/generators.hpp>

#include <benchmark/benchmark.h>

namespace {

template <class Scalar>
impasse::strategic_game<Scalar> bimatrix(std::initializer_list<std::initializer_list<long>> a,
                                         std::initializer_list<std::initializer_list<long>> b) {
  return impasse::strategic_game<Scalar>::bimatrix(a, b);
}

template <class Scalar>
void run(benchmark::State& state, const impasse::repeated_game<Scalar>& game) {
  std::size_t iterations = 0, vertices = 0;
  for (auto _ : state) {
    auto result = impasse::abreu_sannikov(game);
    iterations = result.iterations;
    vertices = result.vertices.size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["iterations"] = static_cast<double>(iterations);
  state.counters["vertices"] = static_cast<double>(vertices);
}

template <class Scalar>
void paper_example(benchmark::State& state) {
  const auto stage = bimatrix<Scalar>({{16, 3, 0}, {21, 10, -1}, {9, 5, -5}}, {{9, 13, 3}, {1, 4, 0}, {0, -4, -15}});
  run(state, impasse::repeated_game<Scalar>(stage, Scalar(3) / 10));
}

template <class Scalar>
void prisoners_dilemma(benchmark::State& state) {
  const auto stage = bimatrix<Scalar>({{9, 1}, {10, 3}}, {{9, 10}, {1, 3}});
  run(state, impasse::repeated_game<Scalar>(stage, Scalar(9) / 10));
}

/// Random k x k stage game (seed 42), delta = range(1) / 10.
template <class Scalar>
void random_stage_game(benchmark::State& state) {
  const auto k = static_cast<std::size_t>(state.range(0));
  const auto stage = impasse::random_game<Scalar>({k, k}, {.seed = 42, .low = 0, .high = 99});
  run(state, impasse::repeated_game<Scalar>(stage, Scalar(state.range(1)) / 10));
}

template <class Scalar>
void grim_trigger_critical(benchmark::State& state) {
  const auto stage = bimatrix<Scalar>({{9, 1}, {10, 3}}, {{9, 10}, {1, 3}});
  const auto grim = impasse::grim_trigger(stage, {0, 0}, {1, 1});
  for (auto _ : state) benchmark::DoNotOptimize(impasse::critical_discount_factor(stage, grim));
}

/// Judd-Yeltekin-Conklin with range(0) directions on the paper's example.
template <class Scalar>
void outer_paper_example(benchmark::State& state) {
  const auto stage = bimatrix<Scalar>({{16, 3, 0}, {21, 10, -1}, {9, 5, -5}}, {{9, 13, 3}, {1, 4, 0}, {0, -4, -15}});
  const impasse::repeated_game<Scalar> game(stage, Scalar(3) / 10);
  std::size_t iterations = 0;
  for (auto _ : state) {
    auto result = impasse::outer_approximation(game, {.directions = static_cast<std::size_t>(state.range(0))});
    iterations = result.iterations;
    benchmark::DoNotOptimize(result);
  }
  state.counters["iterations"] = static_cast<double>(iterations);
}

void outer_paper_example_double(benchmark::State& state) { outer_paper_example<double>(state); }

void paper_example_double(benchmark::State& state) { paper_example<double>(state); }
void paper_example_rational(benchmark::State& state) { paper_example<impasse::rational>(state); }
void prisoners_dilemma_double(benchmark::State& state) { prisoners_dilemma<double>(state); }
void prisoners_dilemma_rational(benchmark::State& state) { prisoners_dilemma<impasse::rational>(state); }
void random_stage_game_double(benchmark::State& state) { random_stage_game<double>(state); }
void random_stage_game_rational(benchmark::State& state) { random_stage_game<impasse::rational>(state); }
void grim_trigger_critical_double(benchmark::State& state) { grim_trigger_critical<double>(state); }
void grim_trigger_critical_rational(benchmark::State& state) { grim_trigger_critical<impasse::rational>(state); }

BENCHMARK(paper_example_double)->Unit(benchmark::kMillisecond);
BENCHMARK(paper_example_rational)->Unit(benchmark::kMillisecond);
BENCHMARK(prisoners_dilemma_double)->Unit(benchmark::kMillisecond);
BENCHMARK(prisoners_dilemma_rational)->Unit(benchmark::kMillisecond);
BENCHMARK(random_stage_game_double)
    ->ArgsProduct({{2, 3, 4, 5, 6, 8, 10}, {3, 6, 9}})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(random_stage_game_rational)->ArgsProduct({{2, 3, 4}, {3, 9}})->Unit(benchmark::kMillisecond);
BENCHMARK(outer_paper_example_double)->Arg(32)->Arg(128)->Unit(benchmark::kMillisecond);
BENCHMARK(grim_trigger_critical_double)->Unit(benchmark::kMicrosecond);
BENCHMARK(grim_trigger_critical_rational)->Unit(benchmark::kMicrosecond);

}  // namespace
