// Pure-equilibrium enumeration on uniform random games of 10^6 and 10^7
// pure profiles, in double and in exact rationals. The counter
// `profiles_per_second` is the throughput the README quotes.
#include <impasse/strategic/generators.hpp>
#include <impasse/strategic/pure_equilibria.hpp>

#include <benchmark/benchmark.h>

#include <map>
#include <memory>

namespace {

template <class Scalar>
const impasse::strategic_game<Scalar>& cached_game(const std::vector<std::size_t>& shape) {
  static std::map<std::vector<std::size_t>, std::unique_ptr<impasse::strategic_game<Scalar>>> cache;
  auto& slot = cache[shape];
  if (!slot)
    slot = std::make_unique<impasse::strategic_game<Scalar>>(
        impasse::random_game<Scalar>(shape, {.seed = 42, .low = 0, .high = 99}));
  return *slot;
}

template <class Scalar>
void pure_equilibria(benchmark::State& state, std::vector<std::size_t> shape) {
  const auto& game = cached_game<Scalar>(shape);
  std::size_t found = 0;
  for (auto _ : state) {
    auto result = impasse::pure_strategy_enumeration(game);
    found = result.equilibria.size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["profiles"] = static_cast<double>(game.num_profiles());
  state.counters["equilibria"] = static_cast<double>(found);
  state.counters["profiles_per_second"] = benchmark::Counter(
      static_cast<double>(game.num_profiles()) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void pure_equilibria_double(benchmark::State& state, std::vector<std::size_t> shape) {
  pure_equilibria<double>(state, std::move(shape));
}
void pure_equilibria_rational(benchmark::State& state, std::vector<std::size_t> shape) {
  pure_equilibria<impasse::rational>(state, std::move(shape));
}

BENCHMARK_CAPTURE(pure_equilibria_double, 2p_1000x1000, std::vector<std::size_t>{1000, 1000})->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(pure_equilibria_double, 3p_100x100x100, std::vector<std::size_t>{100, 100, 100})->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(pure_equilibria_double, 2p_3163x3163, std::vector<std::size_t>{3163, 3163})->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(pure_equilibria_double, 7p_10each, std::vector<std::size_t>{10, 10, 10, 10, 10, 10, 10})->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(pure_equilibria_rational, 2p_1000x1000, std::vector<std::size_t>{1000, 1000})->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(pure_equilibria_rational, 3p_100x100x100, std::vector<std::size_t>{100, 100, 100})->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(pure_equilibria_rational, 7p_10each, std::vector<std::size_t>{10, 10, 10, 10, 10, 10, 10})->Unit(benchmark::kMillisecond);

}  // namespace
