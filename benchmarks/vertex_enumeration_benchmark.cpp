// Vertex enumeration on uniform random n x n games with integer payoffs
// 0..99 (random_game with seeds 1..5, the games `impasse generate` writes
// and lrsnash reads), in double (floating search, exact confirmation) and
// in exact rationals; and by reverse search (`vertex_search::reverse`) up to
// 18 x 18, in double and as `impasse solve --method vertex --exact` runs it
// (rationals, floating search, exact confirmation). Each iteration solves all five games; the counter
// `per_game` is the mean time per game, and the others are means per
// game: equilibria, and vertices of player 1's best-response polytope.
#include <impasse/strategic/generators.hpp>
#include <impasse/strategic/vertex_enumeration.hpp>

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
void vertex_enumeration(benchmark::State& state, const impasse::vertex_enumeration_options<Scalar>& options = {}) {
  const auto& games = cached_games<Scalar>(static_cast<std::size_t>(state.range(0)));
  double equilibria = 0, vertices = 0;
  for (auto _ : state)
    for (const auto& game : games) {
      auto result = impasse::vertex_enumeration(game, options);
      equilibria += static_cast<double>(result.equilibria.size());
      vertices += static_cast<double>(result.vertices[0]);
      benchmark::DoNotOptimize(result);
    }
  const auto solved = static_cast<double>(state.iterations() * games.size());
  state.counters["equilibria"] = equilibria / solved;
  state.counters["vertices"] = vertices / solved;
  state.counters["per_game"] = benchmark::Counter(solved, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void vertex_enumeration_double(benchmark::State& state) { vertex_enumeration<double>(state); }
void vertex_enumeration_rational(benchmark::State& state) { vertex_enumeration<impasse::rational>(state); }
void vertex_enumeration_double_reverse(benchmark::State& state) {
  vertex_enumeration<double>(state, {.search = impasse::vertex_search::reverse});
}
void reverse_search_floating_confirmed(benchmark::State& state) {
  vertex_enumeration<impasse::rational>(state,
                                        {.search = impasse::vertex_search::reverse, .floating_search = true});
}

BENCHMARK(vertex_enumeration_double)->DenseRange(4, 14, 2)->Unit(benchmark::kMillisecond);
BENCHMARK(vertex_enumeration_rational)->DenseRange(4, 14, 2)->Unit(benchmark::kMillisecond);
BENCHMARK(vertex_enumeration_double_reverse)->DenseRange(4, 18, 2)->Unit(benchmark::kMillisecond);
BENCHMARK(reverse_search_floating_confirmed)->DenseRange(4, 18, 2)->Unit(benchmark::kMillisecond);

}  // namespace
