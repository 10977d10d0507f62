// Support enumeration on uniform random square games, payoffs 0..99 (the
// setting of QuantEcon's support_enumeration timings), sizes 4 to 12, in
// double and in exact rationals, on one thread and on two (the second
// argument; the times are wall-clock times). Each iteration solves one of
// five games (seeds 1 to 5) in turn, so the time is the mean over them.
#include <impasse/strategic/generators.hpp>
#include <impasse/strategic/support_enumeration.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

namespace {

constexpr std::uint64_t games_per_size = 5;

template <class Scalar>
void support_enumeration(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto threads = static_cast<std::size_t>(state.range(1));
  std::vector<impasse::strategic_game<Scalar>> games;
  for (std::uint64_t seed = 1; seed <= games_per_size; ++seed)
    games.push_back(impasse::random_game<Scalar>({n, n}, {.seed = seed, .low = 0, .high = 99}));
  std::size_t next = 0, equilibria = 0, tried = 0, solved = 0;
  for (auto _ : state) {
    auto result = impasse::support_enumeration(games[next], {.threads = threads});
    next = (next + 1) % games.size();
    equilibria += result.equilibria.size();
    tried += result.supports_tried;
    ++solved;
    benchmark::DoNotOptimize(result);
  }
  state.counters["equilibria"] = static_cast<double>(equilibria) / static_cast<double>(solved);
  state.counters["supports_tried"] = static_cast<double>(tried) / static_cast<double>(solved);
}

void support_enumeration_double(benchmark::State& state) { support_enumeration<double>(state); }
void support_enumeration_rational(benchmark::State& state) { support_enumeration<impasse::rational>(state); }

void sizes(benchmark::internal::Benchmark* benchmark, int first, int last) {
  benchmark->ArgNames({"n", "threads"});
  for (int threads : {1, 2})
    for (int n = first; n <= last; ++n) benchmark->Args({n, threads});
}

BENCHMARK(support_enumeration_double)
    ->Apply([](auto* b) { sizes(b, 4, 9); })
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(support_enumeration_double)
    ->Apply([](auto* b) { sizes(b, 10, 12); })
    ->Iterations(2 * games_per_size)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(support_enumeration_rational)
    ->Apply([](auto* b) { sizes(b, 4, 9); })
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(support_enumeration_rational)
    ->Apply([](auto* b) { sizes(b, 10, 12); })
    ->Iterations(games_per_size)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
