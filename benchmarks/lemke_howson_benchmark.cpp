// Lemke-Howson: one equilibrium (label 1) of uniform random square games,
// in double and in exact rationals, and the Savani-von Stengel games by
// dimension, whose pivot counts grow exponentially.
//
// Random games: each iteration solves the next of a fixed set of games
// (seeds 1, 2, ...), and the counters give the median and 90th percentile
// processor time per game and the median number of pivots, because path
// lengths (and so times) vary a lot from game to game.
#include <impasse/strategic/generators.hpp>
#include <impasse/strategic/lemke_howson.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <memory>
#include <tuple>
#include <vector>

namespace {

template <class Scalar>
const std::vector<impasse::strategic_game<Scalar>>& random_games(std::size_t size, std::int64_t high,
                                                                 std::size_t count) {
  static std::map<std::tuple<std::size_t, std::int64_t, std::size_t>, std::vector<impasse::strategic_game<Scalar>>> cache;
  auto& games = cache[{size, high, count}];
  if (games.empty())
    for (std::uint64_t seed = 1; seed <= count; ++seed)
      games.push_back(impasse::random_game<Scalar>({size, size}, {.seed = seed, .low = 0, .high = high}));
  return games;
}

double quantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(q * static_cast<double>(values.size() - 1) + 0.5)];
}

template <class Scalar>
void random_square(benchmark::State& state, std::size_t size, std::int64_t high, std::size_t count) {
  const auto& games = random_games<Scalar>(size, high, count);
  std::vector<double> seconds, pivots;
  std::size_t next = 0;
  for (auto _ : state) {
    const std::clock_t start = std::clock();  // processor time: other processes do not count
    auto result = impasse::lemke_howson(games[next], {.initial_label = 1});
    seconds.push_back(static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC);
    pivots.push_back(static_cast<double>(result.pivots));
    benchmark::DoNotOptimize(result);
    next = (next + 1) % games.size();
  }
  state.counters["median_ms"] = quantile(seconds, 0.5) * 1e3;
  state.counters["p90_ms"] = quantile(seconds, 0.9) * 1e3;
  state.counters["median_pivots"] = quantile(pivots, 0.5);
  state.counters["games"] = static_cast<double>(std::min(games.size(), seconds.size()));
}

void lemke_howson_double(benchmark::State& state, std::size_t size, std::int64_t high) {
  random_square<double>(state, size, high, 51);
}
void lemke_howson_rational(benchmark::State& state, std::size_t size, std::int64_t high) {
  random_square<impasse::rational>(state, size, high, 9);
}

// Payoffs 0..10^6: nondegenerate in practice. Payoffs 0..99 (random_game's
// default): many ties, so the lexicographic rule is at work.
BENCHMARK_CAPTURE(lemke_howson_double, 100x100_payoffs_to_1e6, 100, 1'000'000)->Iterations(51)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(lemke_howson_double, 100x100_payoffs_to_99, 100, 99)->Iterations(51)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(lemke_howson_double, 30x30_payoffs_to_1e6, 30, 1'000'000)->Iterations(51)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(lemke_howson_rational, 30x30_payoffs_to_1e6, 30, 1'000'000)->Iterations(9)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(lemke_howson_rational, 100x100_payoffs_to_1e6, 100, 1'000'000)->Iterations(9)->Unit(benchmark::kMillisecond);

template <class Scalar>
void hard_game(benchmark::State& state) {
  const auto d = static_cast<std::size_t>(state.range(0));
  const auto game = impasse::savani_von_stengel_game<Scalar>(d);
  std::size_t pivots = 0;
  for (auto _ : state) {
    auto result = impasse::lemke_howson(game, {.initial_label = 1});
    pivots = result.pivots;
    benchmark::DoNotOptimize(result);
  }
  state.counters["d"] = static_cast<double>(d);
  state.counters["pivots"] = static_cast<double>(pivots);
  state.counters["pivots_per_second"] =
      benchmark::Counter(static_cast<double>(pivots) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void savani_von_stengel_double(benchmark::State& state) { hard_game<double>(state); }
void savani_von_stengel_rational(benchmark::State& state) { hard_game<impasse::rational>(state); }

// Label 1, the longest path: F(3d/2 + 2) - 1 pivots.
BENCHMARK(savani_von_stengel_double)->DenseRange(4, 12, 2)->Unit(benchmark::kMillisecond);
BENCHMARK(savani_von_stengel_rational)->DenseRange(4, 12, 2)->Unit(benchmark::kMillisecond);

template <class Scalar>
void all_coordination(benchmark::State& state) {
  const auto game = impasse::coordination_game<Scalar>(static_cast<std::size_t>(state.range(0)));
  std::size_t found = 0, pivots = 0;
  for (auto _ : state) {
    auto result = impasse::lemke_howson_all(game);
    found = result.equilibria.size();
    pivots = result.pivots;
    benchmark::DoNotOptimize(result);
  }
  state.counters["equilibria"] = static_cast<double>(found);
  state.counters["pivots"] = static_cast<double>(pivots);
}
void lemke_howson_all_coordination(benchmark::State& state) { all_coordination<double>(state); }
// The exact network: 255 equilibria, 7,682 pivots in machine words, and a
// copy of both dictionaries for every path.
void lemke_howson_all_coordination_rational(benchmark::State& state) { all_coordination<impasse::rational>(state); }
BENCHMARK(lemke_howson_all_coordination)->Arg(8)->Unit(benchmark::kMillisecond);
BENCHMARK(lemke_howson_all_coordination_rational)->Arg(8)->Unit(benchmark::kMillisecond);

}  // namespace
