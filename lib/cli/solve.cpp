#include "commands.hpp"
#include "game_input.hpp"

#include <impasse/impasse.hpp>

#include <nlohmann/json.hpp>

#include <sstream>

namespace impasse::cli {
namespace {

struct printed_equilibrium {
  std::vector<std::string> probabilities;  // Gambit order
  std::vector<std::string> payoffs;        // one per player
};

template <scalar Scalar>
printed_equilibrium print(const strategic_game<Scalar>& game, const mixed_profile<Scalar>& profile,
                          const number_style& style) {
  printed_equilibrium out;
  for (const auto& p : profile.flat()) out.probabilities.push_back(format_number(p, style));
  for (std::size_t i = 0; i < game.num_players(); ++i)
    out.payoffs.push_back(format_number(expected_payoff(game, profile, i), style));
  return out;
}

struct solution {
  std::vector<printed_equilibrium> equilibria;
  run_status status = run_status::complete;
};

template <scalar Scalar>
solution solve_strategic(const strategic_game<Scalar>& game, const solve_request& request,
                         const number_style& style) {
  solution out;
  if (request.method == "pure") {
    const auto result = pure_nash_equilibria(game);
    out.status = result.status;
    for (const auto& e : result.equilibria)
      out.equilibria.push_back(print(game, mixed_profile<Scalar>::pure(game.strategy_counts(), e), style));
  } else {
    throw invalid_argument("method '" + request.method + "' does not apply to strategic games");
  }
  return out;
}

void write_json(std::ostream& out, const strategic_game<rational>& game, const solve_request& request,
                const solution& sol) {
  using nlohmann::json;
  json players = json::array();
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    json strategies = json::array();
    for (std::size_t s = 0; s < game.num_strategies(i); ++s) strategies.push_back(game.strategy_label(i, s));
    players.push_back({{"label", game.player_label(i)}, {"strategies", strategies}});
  }
  json equilibria = json::array();
  for (const auto& e : sol.equilibria) {
    json strategies = json::array();
    std::size_t k = 0;
    for (std::size_t i = 0; i < game.num_players(); ++i) {
      json mixed = json::array();
      for (std::size_t s = 0; s < game.num_strategies(i); ++s) mixed.push_back(e.probabilities[k++]);
      strategies.push_back(mixed);
    }
    equilibria.push_back({{"strategies", strategies}, {"payoffs", e.payoffs}});
  }
  const json doc = {{"game", {{"title", game.title()}, {"players", players}}},
                    {"method", request.method},
                    {"exact", request.exact},
                    {"status", std::string(to_string(sol.status))},
                    {"equilibria", equilibria}};
  out << doc.dump(2) << "\n";
}

}  // namespace

int solve(const solve_request& request, std::istream& in, std::ostream& out, std::ostream& err) {
  return run_reporting_errors(out, err, [&](std::string& output) {
    if (request.decimals && (*request.decimals < 0 || *request.decimals > 60))
      throw invalid_argument("--decimals takes a whole number from 0 to 60");
    const number_style style{.exact = request.exact, .decimals = request.decimals.value_or(6)};
    const strategic_game<rational> game = read_strategic_game(request.file, in);
    const solution sol = request.exact ? solve_strategic(game, request, style)
                                       : solve_strategic(convert<double>(game), request, style);
    std::ostringstream buffer;
    if (request.format == "json") {
      write_json(buffer, game, request, sol);
    } else {
      for (const auto& e : sol.equilibria) {
        buffer << "NE";
        for (const auto& p : e.probabilities) buffer << "," << p;
        buffer << "\n";
      }
    }
    output = buffer.str();
  });
}

}  // namespace impasse::cli
