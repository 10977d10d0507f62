// Vertex enumeration on uniform random n x n games with integer payoffs
// 0..99 (the games `impasse generate` writes and lrsnash reads), in double
// (floating search, exact confirmation) and in exact rationals. Each
// iteration solves the next of five games (seeds 1..5), so times are means
// over them; the counters give the mean number of equilibria and of
// vertices of player 1's best-response polytope.
#include <impasse/generators.hpp>
#include <impasse/solvers/vertex_enumeration.hpp>

#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <vector>

namespace {

constexpr std::uint64_t games_per_size = 5;

template <class Scalar>
const std::vector<impasse::strategic_game<Scalar>>& cached_games(std::size_t n) {
  static std::map<std::size_t, std::unique_ptr<std::vector<impasse::strategic_game<Scalar>>>> cache;
  auto& slot = cache[n];
  if (!slot) {
    slot = std::make_unique<std::vector<impasse::strategic_game<Scalar>>>();
    for (std::uint64_t seed = 1; seed <= games_per_size; ++seed)
      slot->push_back(impasse::random_game<Scalar>({n, n}, {.seed = seed, .low = 0, .high = 99}));
  }
  return *slot;
}

template <class Scalar>
void vertex_enumeration(benchmark::State& state) {
  const auto& games = cached_games<Scalar>(static_cast<std::size_t>(state.range(0)));
  std::size_t next = 0;
  double equilibria = 0, vertices = 0;
  for (auto _ : state) {
    auto result = impasse::vertex_enumeration(games[next]);
    equilibria += static_cast<double>(result.equilibria.size());
    vertices += static_cast<double>(result.vertices[0]);
    benchmark::DoNotOptimize(result);
    next = (next + 1) % games.size();
  }
  const auto runs = static_cast<double>(state.iterations());
  state.counters["equilibria"] = equilibria / runs;
  state.counters["vertices"] = vertices / runs;
}

void vertex_enumeration_double(benchmark::State& state) { vertex_enumeration<double>(state); }
void vertex_enumeration_rational(benchmark::State& state) { vertex_enumeration<impasse::rational>(state); }

BENCHMARK(vertex_enumeration_double)->DenseRange(4, 14, 2)->Unit(benchmark::kMillisecond);
BENCHMARK(vertex_enumeration_rational)->DenseRange(4, 14, 2)->Unit(benchmark::kMillisecond);

}  // namespace
