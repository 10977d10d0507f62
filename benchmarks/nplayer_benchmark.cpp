// The solvers for games with three or more players, in-process: the logit
// QRE end point, global Newton (one start), iterated polymatrix
// approximation (one start), simplicial subdivision (one start, in double
// and in rationals) and certified enumeration (up to 4x4x4), on the corpus games
// (../shared/corpus, read in place; skipped when absent) and on seeded
// uniform random 3-player games of growing size. benchmarks/compare_gambit.sh
// times Gambit's tools on the same files as whole processes.
#include <impasse/strategic/generators.hpp>
#include <impasse/io/nfg.hpp>
#include <impasse/strategic/global_newton.hpp>
#include <impasse/strategic/logit_qre.hpp>
#include <impasse/strategic/polymatrix_approximation.hpp>
#include <impasse/strategic/polynomial_enumeration.hpp>
#include <impasse/strategic/simplicial_subdivision.hpp>

#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

namespace {

const std::filesystem::path corpus = std::filesystem::path(IMPASSE_CORPUS_DIR) / "gambit";

template <class Solve>
void run(benchmark::State& state, const impasse::strategic_game<double>& game, Solve&& solve) {
  std::size_t found = 0;
  for (auto _ : state) {
    found = solve(game);
    benchmark::DoNotOptimize(found);
  }
  state.counters["equilibria"] = static_cast<double>(found);
}

void register_solvers(const std::string& name, const impasse::strategic_game<double>& game, bool enumerate) {
  benchmark::RegisterBenchmark(("simpdiv/" + name).c_str(), [game](benchmark::State& s) {
    run(s, game, [](const auto& g) { return impasse::simplicial_subdivision(g).equilibria.size(); });
  })->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(("simpdiv-exact/" + name).c_str(), [exact = impasse::convert<impasse::rational>(game)](
                                                                      benchmark::State& s) {
    std::size_t found = 0;
    for (auto _ : s) {
      found = impasse::simplicial_subdivision(exact).equilibria.size();
      benchmark::DoNotOptimize(found);
    }
    s.counters["equilibria"] = static_cast<double>(found);
  })->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(("logit/" + name).c_str(), [game](benchmark::State& s) {
    run(s, game, [](const auto& g) { return impasse::logit_principal_branch(g).equilibria.size(); });
  })->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(("gnm/" + name).c_str(), [game](benchmark::State& s) {
    run(s, game, [](const auto& g) { return impasse::global_newton(g).equilibria.size(); });
  })->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(("ipa/" + name).c_str(), [game](benchmark::State& s) {
    run(s, game, [](const auto& g) { return impasse::polymatrix_approximation(g).equilibria.size(); });
  })->Unit(benchmark::kMillisecond);
  if (enumerate)
    benchmark::RegisterBenchmark(("enumpoly/" + name).c_str(), [game](benchmark::State& s) {
      run(s, game, [](const auto& g) { return impasse::polynomial_enumeration(g).equilibria.size(); });
    })->Unit(benchmark::kMillisecond);
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> corpus_games{"contrib-2x2x2.nfg",  "contrib-2x2x2x2.nfg", "contrib-2x2x2x2x2.nfg",
                                              "contrib-3x3x3.nfg",  "contrib-5x4x3.nfg",   "contrib-8x2x2.nfg",
                                              "contrib-g1.nfg",     "contrib-g2.nfg",      "contrib-g3.nfg",
                                              "contrib-perfect3.nfg", "catalog-journals-ijgt-nau2004-sec4.nfg"};
  if (std::filesystem::is_directory(corpus))
    for (const auto& name : corpus_games)
      register_solvers(name, impasse::convert<double>(impasse::read_nfg_file(corpus / name)), true);
  for (const std::size_t size : {3u, 4u, 6u, 8u, 10u, 12u})
    register_solvers("random-" + std::to_string(size) + "^3",
                     impasse::random_game<double>({size, size, size}, {.seed = 1}), size <= 4);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
}
