// Stochastic games: the logit homotopy on random games of sgamesolver's
// demonstration size (64 states, 2 players, 4 actions each), the pure
// stationary MPE enumeration, and Shapley's value iteration.
#include <impasse/stochastic/game.hpp>
#include <impasse/stochastic/logit_homotopy.hpp>
#include <impasse/stochastic/pure_markov_perfect.hpp>
#include <impasse/stochastic/shapley.hpp>

#include <benchmark/benchmark.h>

#include <random>
#include <string>

namespace {

using namespace impasse;

// Uniform integer payoffs in [0, 99]; each outcome moves to one of `fanout`
// uniformly drawn states with random probabilities in multiples of 1/8.
template <scalar Scalar>
stochastic_game<Scalar> random_game(std::uint64_t seed, std::size_t players, std::size_t states, std::size_t actions,
                                    std::size_t fanout, Scalar discount, bool zero_sum = false) {
  std::mt19937_64 rng(seed);
  std::vector<stochastic_state<Scalar>> list;
  for (std::size_t s = 0; s < states; ++s) {
    stochastic_state<Scalar> st;
    st.name = std::string("s").append(std::to_string(s));
    for (std::size_t i = 0; i < players; ++i) {
      std::vector<std::string> names;
      for (std::size_t a = 0; a < actions; ++a) names.push_back(std::string("a").append(std::to_string(a)));
      st.actions.push_back(names);
    }
    for (std::size_t o = 0; o < st.num_profiles(); ++o) {
      stochastic_outcome<Scalar> out;
      for (std::size_t i = 0; i < players; ++i) out.payoffs.push_back(Scalar(static_cast<long>(rng() % 100)));
      if (zero_sum) out.payoffs[1] = -out.payoffs[0];
      std::vector<std::size_t> weights(states, 0);
      for (std::size_t k = 0; k < 8; ++k) ++weights[rng() % fanout == 0 ? rng() % states : (s + rng() % fanout) % states];
      for (std::size_t t = 0; t < states; ++t)
        if (weights[t] > 0) out.next.emplace_back(t, Scalar(static_cast<long>(weights[t])) / Scalar(8));
      st.outcomes.push_back(std::move(out));
    }
    list.push_back(std::move(st));
  }
  std::vector<std::string> names;
  for (std::size_t i = 0; i < players; ++i) names.push_back(std::string("P").append(std::to_string(i + 1)));
  return stochastic_game<Scalar>(names, std::move(list), {discount});
}

void logit_homotopy_random(benchmark::State& state) {
  const auto states = static_cast<std::size_t>(state.range(0));
  const auto game = random_game<double>(1, 2, states, 4, 4, 0.95);
  std::size_t steps = 0, found = 0;
  double lambda = 0, gain = 0;
  for (auto _ : state) {
    const auto result = logit_homotopy(game);
    steps = result.steps;
    lambda = result.lambda;
    gain = result.max_gain;
    found = result.equilibria.size();
    benchmark::DoNotOptimize(result.equilibria);
  }
  state.counters["found"] = static_cast<double>(found);
  state.counters["steps"] = static_cast<double>(steps);
  state.counters["lambda"] = lambda;
  state.counters["max_gain"] = gain;
}
BENCHMARK(logit_homotopy_random)->Arg(8)->Arg(64)->Unit(benchmark::kMillisecond)->Iterations(1);

void pure_markov_perfect_random(benchmark::State& state) {
  const auto threads = static_cast<std::size_t>(state.range(0));
  // 6 states of 3 x 3 actions: 9^6 = 531441 pure stationary profiles.
  const auto game = random_game<double>(2, 2, 6, 3, 3, 0.9);
  double rate = 0, checked = 0, found = 0;
  for (auto _ : state) {
    const auto result = pure_stationary_enumeration(game, {.threads = threads, .prune = false});
    rate = result.profiles_per_second;
    checked = static_cast<double>(result.profiles_checked);
    found = static_cast<double>(result.equilibria.size());
  }
  state.counters["profiles_per_second"] = rate;
  state.counters["profiles"] = checked;
  state.counters["equilibria"] = found;
}
BENCHMARK(pure_markov_perfect_random)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(1);

void shapley_random(benchmark::State& state) {
  const auto game = random_game<double>(3, 2, static_cast<std::size_t>(state.range(0)), 4, 4, 0.95, true);
  std::size_t iterations = 0;
  for (auto _ : state) {
    const auto result = shapley_value_iteration(game);
    iterations = result.iterations;
    benchmark::DoNotOptimize(result.equilibria);
  }
  state.counters["iterations"] = static_cast<double>(iterations);
}
BENCHMARK(shapley_random)->Arg(64)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
