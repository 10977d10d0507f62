// What `impasse solve` found, already formatted: shared by the solvers'
// front ends (solve.cpp for the two-player and extensive methods,
// solve_nplayer.cpp for the methods for any number of players).
#pragma once

#include <impasse/extensive/game.hpp>
#include <impasse/core/result.hpp>
#include <impasse/strategic/game.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace impasse::cli {

struct solution {
  struct equilibrium {
    std::vector<std::string> probabilities;  // Gambit's order
    std::vector<std::string> payoffs;        // one per player
    /// "NE", or "convex-S" for an extreme point of maximal Nash subset S (as
    /// gambit-enummixed -c), or for a point of a logit branch its lambda (as
    /// gambit-logit prints it).
    std::string tag = "NE";
    std::size_t component = 0;  ///< for convex-S lines: the component of subset S, from 1
    /// A quantal response equilibrium, not a Nash equilibrium: `tag` is its lambda.
    bool qre = false;
  };
  std::vector<equilibrium> equilibria;
  /// How many of `equilibria` (the first ones) were printed as they were found.
  std::size_t streamed = 0;
  run_status status = run_status::complete;
  /// Players, and per player the sizes of the groups their probabilities
  /// come in: one group of strategies, or one group per information set.
  nlohmann::json players = nlohmann::json::array();
  std::vector<std::vector<std::size_t>> groups;
  bool per_information_set = false;
  /// With --check: a description of each equilibrium that failed it, the
  /// largest regret over all (exact in rationals) and how many were checked.
  std::vector<std::string> failed_checks;
  std::string largest_regret = "0";
  std::size_t checked = 0;
  /// The methods for any number of players check in double, relative to the
  /// payoff range: their largest regret as a number.
  double largest_relative_regret = 0;
  /// What the user should know about the run, printed on the error stream.
  std::vector<std::string> notes;
};

/// Fills `sol.groups` for a strategic game, one group of probabilities per
/// player, and with `labels` (only --format json prints them) `sol.players`:
/// each player's label and strategies.
template <class Scalar>
void describe_players(solution& sol, const strategic_game<Scalar>& game, bool labels) {
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    sol.groups.push_back({game.num_strategies(i)});
    if (!labels) continue;
    nlohmann::json strategies = nlohmann::json::array();
    for (std::size_t s = 0; s < game.num_strategies(i); ++s) strategies.push_back(game.strategy_label(i, s));
    sol.players.push_back({{"label", game.player_label(i)}, {"strategies", strategies}});
  }
}

/// The same for an extensive game: per player, one group per information set.
template <class Scalar>
void describe_players(solution& sol, const extensive_game<Scalar>& game, bool labels) {
  sol.per_information_set = true;
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    nlohmann::json sets = nlohmann::json::array();
    sol.groups.emplace_back();
    for (auto h : game.player_information_sets(i)) {
      if (labels) sets.push_back({{"label", game.infoset(h).label}, {"actions", game.infoset(h).actions}});
      sol.groups.back().push_back(game.infoset(h).actions.size());
    }
    if (labels) sol.players.push_back({{"label", game.player_label(i)}, {"information_sets", sets}});
  }
}

}  // namespace impasse::cli
