// The value of random zero-sum games (player 1's payoffs uniform in
// -100..100) by linear programming, in double and in exact rationals.
#include <impasse/strategic/generators.hpp>
#include <impasse/strategic/zero_sum.hpp>

#include <benchmark/benchmark.h>

namespace {

template <class Scalar>
void zero_sum(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  auto game = impasse::random_game<Scalar>({n, n}, {.seed = 42, .low = -100, .high = 100});
  for (std::size_t p = 0; p < game.num_profiles(); ++p) game.set_payoff(1, p, -game.payoff(0, p));
  std::size_t pivots = 0;
  for (auto _ : state) {
    auto result = impasse::zero_sum_lp(game);
    pivots = result.pivots;
    benchmark::DoNotOptimize(result);
  }
  state.counters["pivots"] = static_cast<double>(pivots);
}

void zero_sum_double(benchmark::State& state) { zero_sum<double>(state); }
void zero_sum_rational(benchmark::State& state) { zero_sum<impasse::rational>(state); }

BENCHMARK(zero_sum_double)->Arg(10)->Arg(50)->Arg(100)->Arg(200)->Unit(benchmark::kMillisecond);
BENCHMARK(zero_sum_rational)->Arg(10)->Arg(50)->Arg(100)->Unit(benchmark::kMillisecond);

}  // namespace
