// The two-player solvers on each family of generated games, in double and
// in exact rationals: vertex enumeration (every extreme equilibrium; in
// rationals with `floating_search`, as `impasse solve --method vertex`
// runs it),
// support enumeration (the same set; one thread, so the times add up),
// Lemke-Howson from label 1 (one equilibrium) and from the artificial
// equilibrium through every label (`lemke_howson_all`, what gambit-lcp
// does). The counters are the equilibria found and, for Lemke-Howson, the
// pivots.
//
// The families are those of strategic/generators.hpp: random games with payoffs
// 0..99 and degenerate ones with payoffs 0..2, coordination games (2^n - 1
// equilibria, a degenerate worst case for enumeration), random zero-sum
// games, Sandholm-Gilpin-Conitzer games (one equilibrium with supports of
// half the strategies, the worst case for support enumeration), unit
// vector games, ranking games and the symmetric Colonel Blotto game.
#include <impasse/strategic/generators.hpp>
#include <impasse/strategic/lemke_howson.hpp>
#include <impasse/strategic/support_enumeration.hpp>
#include <impasse/strategic/vertex_enumeration.hpp>

#include <benchmark/benchmark.h>

#include <functional>
#include <string>
#include <vector>

namespace {

template <class Scalar>
struct family_game {
  std::string name;
  std::function<impasse::strategic_game<Scalar>()> make;
};

template <class Scalar>
std::vector<family_game<Scalar>> families() {
  using namespace impasse;
  return {
      {"random/12x12", [] { return random_game<Scalar>({12, 12}, {.seed = 1, .low = 0, .high = 99}); }},
      {"degenerate/12x12", [] { return random_degenerate_game<Scalar>({12, 12}, {.seed = 1, .max_payoff = 2}); }},
      {"coordination/8", [] { return coordination_game<Scalar>(8); }},
      {"zero_sum/12x12", [] { return random_zero_sum_game<Scalar>(12, 12, {.seed = 1, .low = -50, .high = 50}); }},
      {"sandholm_gilpin_conitzer/k3_11x11", [] { return sandholm_gilpin_conitzer_game<Scalar>(3); }},
      {"unit_vector/12x12", [] { return unit_vector_game<Scalar>(12, 12, {.seed = 1, .low = 0, .high = 99}); }},
      {"ranking/10", [] { return ranking_game<Scalar>(10, {.seed = 1}); }},
      {"blotto/3_fields_4_soldiers_15x15", [] { return colonel_blotto_game<Scalar>(3, 4); }},
  };
}

template <class Scalar, class Solve>
void run(benchmark::State& state, const impasse::strategic_game<Scalar>& game, Solve solve) {
  double equilibria = 0, pivots = 0;
  for (auto _ : state) {
    const auto [found, steps] = solve(game);
    equilibria = static_cast<double>(found);
    pivots = static_cast<double>(steps);
  }
  state.counters["equilibria"] = equilibria;
  if (pivots > 0) state.counters["pivots"] = pivots;
}

template <class Scalar>
void register_family(const family_game<Scalar>& family, const std::string& scalar_name) {
  const auto game = family.make();
  const auto add = [&](const std::string& solver, auto solve) {
    benchmark::RegisterBenchmark((solver + "/" + scalar_name + "/" + family.name).c_str(),
                                 [game, solve](benchmark::State& state) { run<Scalar>(state, game, solve); })
        ->Unit(benchmark::kMillisecond);
  };
  add("vertex", [](const auto& g) {
    const auto r = impasse::vertex_enumeration(g, {.floating_search = impasse::is_exact_v<Scalar>});
    return std::pair{r.equilibria.size(), std::size_t{0}};
  });
  add("support", [](const auto& g) {
    const auto r = impasse::support_enumeration(g, {.threads = 1});
    return std::pair{r.equilibria.size(), std::size_t{0}};
  });
  add("lemke_howson", [](const auto& g) {
    const auto r = impasse::lemke_howson(g, {.initial_label = 1});
    return std::pair{r.equilibria.size(), r.pivots};
  });
  add("lemke_howson_all", [](const auto& g) {
    const auto r = impasse::lemke_howson_all(g);
    return std::pair{r.equilibria.size(), r.pivots};
  });
}

const bool registered = [] {
  for (const auto& family : families<double>()) register_family(family, "double");
  for (const auto& family : families<impasse::rational>()) register_family(family, "rational");
  return true;
}();

}  // namespace
