#include "commands.hpp"

#include <fmt/format.h>

#include <impasse/core/limits.hpp>
#include <impasse/io/nfg.hpp>
#include <impasse/strategic/generators.hpp>

namespace impasse::cli {
namespace {

std::size_t two_player(const generate_request& r, std::size_t player) {
  if (r.strategies.size() != 2)
    throw invalid_argument("the " + r.family + " family makes two-player games: give --strategies ROWS,COLUMNS");
  return r.strategies[player];
}

/// Refuses, before generating, a game over the pure-profile limit
/// (core/limits.hpp): --strategies 100000,100000 or a Blotto game of
/// 10^12 allocations would otherwise be built in memory.
void check_size(const generate_request& r) {
  const std::size_t cap = input_limits_in_force().max_pure_profiles;
  double profiles = 1;
  if (r.family == "random" || r.family == "degenerate" || r.family == "zero-sum" || r.family == "unit-vector") {
    for (auto m : r.strategies) profiles *= static_cast<double>(m);
  } else if (r.family == "blotto") {
    double allocations = 1;  // C(soldiers + size - 1, size - 1)
    for (std::size_t k = 1; k < r.size; ++k)
      allocations = allocations * static_cast<double>(r.soldiers + k) / static_cast<double>(k);
    profiles = allocations * allocations;
  } else {
    profiles = static_cast<double>(r.size) * static_cast<double>(r.size);  // n x n, or about
  }
  if (profiles > static_cast<double>(cap))
    detail::enforce_limit(cap + 1, cap, "max_pure_profiles", "generate " + r.family,
                          fmt::format("a game of about {:.4g} pure strategy profiles", profiles));
}

strategic_game<rational> generated(const generate_request& r) {
  check_size(r);
  const random_game_options random{.seed = r.seed, .low = r.low, .high = r.high};
  if (r.family == "random") return random_game<rational>(r.strategies, random);
  if (r.family == "degenerate")
    return random_degenerate_game<rational>(r.strategies, {.seed = r.seed, .max_payoff = r.high});
  if (r.family == "coordination") return coordination_game<rational>(r.size);
  if (r.family == "zero-sum") return random_zero_sum_game<rational>(two_player(r, 0), two_player(r, 1), random);
  if (r.family == "sgc") return sandholm_gilpin_conitzer_game<rational>(r.size);
  if (r.family == "unit-vector") return unit_vector_game<rational>(two_player(r, 0), two_player(r, 1), random);
  if (r.family == "hard") return savani_von_stengel_game<rational>(r.size);
  if (r.family == "ranking") return ranking_game<rational>(r.size, {.seed = r.seed});
  if (r.family == "blotto") return colonel_blotto_game<rational>(r.size, r.soldiers);
  throw invalid_argument("unknown game family '" + r.family + "'");
}

}  // namespace

int generate(const generate_request& request, std::ostream& out, std::ostream& err) {
  return run_reporting_errors(out, err, [&](std::string& output) { output = to_nfg(generated(request)); });
}

}  // namespace impasse::cli
