// The controlled-friction model: the whole analysis behind the report
// (every pure stationary MPE of the model and of the commitment benchmark,
// exact, the channels, the sanctions statics, the homotopy, the T-year
// game), one sweep point (every pure stationary MPE in double, as the sweeps
// compute them), one sweep on one thread, and the sensitivity analysis's
// closed forms and enumerated points. `benchmarks/README.md` quotes them.
#include <impasse/models/controlled_friction_analysis.hpp>
#include <impasse/models/controlled_friction_sensitivity.hpp>
#include <impasse/models/controlled_friction_sweep.hpp>

#include <benchmark/benchmark.h>

namespace {

using namespace impasse::models;

void analysis(benchmark::State& state) {
  const controlled_friction_parameters defaults;
  std::size_t equilibria = 0;
  for (auto _ : state) {
    const auto a = analyze(defaults, {.rounds = static_cast<std::size_t>(state.range(0))});
    equilibria = a.model_equilibria.equilibria.size();
    benchmark::DoNotOptimize(a.verdicts);
  }
  state.counters["pure_mpe"] = static_cast<double>(equilibria);
}
BENCHMARK(analysis)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

void sweep_point(benchmark::State& state) {
  const controlled_friction_parameters defaults;
  for (auto _ : state) benchmark::DoNotOptimize(search_equilibria(defaults, state.range(0) != 0, 1));
}
BENCHMARK(sweep_point)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

void sweep(benchmark::State& state) {
  const controlled_friction_parameters defaults;
  const auto definition = standard_sweeps(defaults, 25)[static_cast<std::size_t>(state.range(0))];
  double per_point = 0;
  for (auto _ : state) {
    const auto result = run_sweep(defaults, definition, {.threads = 1});
    per_point = result.seconds_per_point();
  }
  state.counters["ms_per_point"] = 1000 * per_point;
}
BENCHMARK(sweep)->DenseRange(0, 2)->Unit(benchmark::kMillisecond)->Iterations(1);

void sensitivity_closed_forms(benchmark::State& state) {
  const sensitivity_design design{.base_samples = 256};
  const controlled_friction_parameters defaults;
  const auto n = evaluation_count(design);
  for (auto _ : state) benchmark::DoNotOptimize(evaluate_design(design, defaults, 0, n, 1));
  state.counters["evaluations_per_second"] =
      benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(sensitivity_closed_forms)->Unit(benchmark::kMillisecond);

void sensitivity_enumerated(benchmark::State& state) {
  const sensitivity_design design{.base_samples = 256, .enumerated = 32};
  const controlled_friction_parameters defaults;
  for (auto _ : state) benchmark::DoNotOptimize(evaluate_enumerated(design, defaults, 0, 32, 1));
  state.counters["points_per_second"] = benchmark::Counter(32, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(sensitivity_enumerated)->Unit(benchmark::kMillisecond);

}  // namespace
