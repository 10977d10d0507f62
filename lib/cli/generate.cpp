#include "commands.hpp"

#include <impasse/io/nfg.hpp>
#include <impasse/strategic/generators.hpp>

namespace impasse::cli {
namespace {

std::size_t two_player(const generate_request& r, std::size_t player) {
  if (r.strategies.size() != 2)
    throw invalid_argument("the " + r.family + " family makes two-player games: give --strategies ROWS,COLUMNS");
  return r.strategies[player];
}

strategic_game<rational> generated(const generate_request& r) {
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
