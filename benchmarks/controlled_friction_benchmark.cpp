// The controlled-friction model: the whole analysis behind the report (stage
// game, 3-round game, every pure stationary MPE, the homotopy, the repeated
// game's SPE payoff set, exact), one sweep point (every pure stationary MPE
// in double, as the sweeps compute them) and one 41 x 41 sweep on one
// thread. `benchmarks/README.md` quotes the time per sweep point.
#include <impasse/models/controlled_friction_analysis.hpp>
#include <impasse/models/controlled_friction_sweep.hpp>

#include <benchmark/benchmark.h>

namespace {

using namespace impasse::models;

void analysis(benchmark::State& state) {
  const controlled_friction_parameters defaults;
  std::size_t equilibria = 0;
  for (auto _ : state) {
    const auto a = analyze(defaults, {.rounds = static_cast<std::size_t>(state.range(0))});
    equilibria = a.pure_equilibria.size();
    benchmark::DoNotOptimize(a.verdicts);
  }
  state.counters["pure_mpe"] = static_cast<double>(equilibria);
}
BENCHMARK(analysis)->Arg(1)->Arg(3)->Unit(benchmark::kMillisecond);

void sweep_point(benchmark::State& state) {
  const controlled_friction_parameters defaults;
  for (auto _ : state) benchmark::DoNotOptimize(search_deal_equilibria(defaults));
}
BENCHMARK(sweep_point)->Unit(benchmark::kMicrosecond);

void sweep(benchmark::State& state) {
  const controlled_friction_parameters defaults;
  const auto definition = standard_sweeps(defaults, 41)[static_cast<std::size_t>(state.range(0))];
  double per_point = 0;
  for (auto _ : state) {
    const auto result = run_sweep(defaults, definition, {.threads = 1});
    per_point = result.seconds_per_point();
  }
  state.counters["ms_per_point"] = 1000 * per_point;
}
BENCHMARK(sweep)->DenseRange(0, 3)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
