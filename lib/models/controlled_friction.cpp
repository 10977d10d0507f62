// The controlled-friction model's stage game and T-round extensive game,
// both read off the stochastic game so that the three forms share one
// timing (controlled_friction.hpp).
#include <impasse/models/controlled_friction.hpp>

#include <string>
#include <vector>

#include <impasse/extensive/regret.hpp>

namespace impasse::models {

strategic_game<rational> stage_game(const controlled_friction_parameters& p) {
  validate(p);
  const auto f = flows<rational>(p);
  strategic_game<rational> game({5, 5});
  game.set_title("Controlled friction: one year of formal talks (the talks state's flows)");
  for (std::size_t i = 0; i < 2; ++i) {
    game.set_player_label(i, std::string(player_names[i]));
    for (std::size_t a = 0; a < 5; ++a) game.set_strategy_label(i, a, std::string(talks_action_names[a]));
  }
  for (std::size_t w = 0; w < 5; ++w)
    for (std::size_t t = 0; t < 5; ++t) {
      const auto u = talks_flows(f, static_cast<talks_action>(w), static_cast<talks_action>(t));
      const std::array<std::size_t, 2> profile = {w, t};
      game.set_payoff(0, profile, u[0]);
      game.set_payoff(1, profile, u[1]);
    }
  return game;
}

extensive_game<rational> rounds_game(const controlled_friction_parameters& p, std::size_t rounds,
                                     model_variant variant, std::size_t max_nodes) {
  validate(p);
  if (rounds == 0) throw invalid_argument("rounds_game: the game needs at least one round");
  const auto model = stochastic_model(p, variant);
  extensive_game<rational> game({std::string(player_names[0]), std::string(player_names[1])});
  game.set_title("Controlled friction: the first " + std::to_string(rounds) + " years from talks");

  struct pending {
    std::size_t node;
    std::size_t state;
  };
  std::vector<pending> frontier = {{game.root(), model.initial_state()}};
  std::array<rational, 2> discount = {1, 1};
  const auto check_size = [&] {
    if (game.num_nodes() > max_nodes)
      throw invalid_argument("rounds_game: " + std::to_string(rounds) + " rounds exceed " + std::to_string(max_nodes) +
                             " nodes; ask for fewer rounds");
  };
  for (std::size_t year = 0; year < rounds; ++year) {
    std::vector<pending> next_frontier;
    const std::string when = ", year " + std::to_string(year + 1);
    const bool last = year + 1 == rounds;
    // After the year's moves at `leaf`: the year's outcome, then the draw of next year's state.
    const auto close_year = [&](std::size_t leaf, std::size_t s, std::size_t profile, const std::string& label) {
      const auto& outcome = model.outcome(s, profile);
      game.set_outcome(leaf, game.add_outcome({discount[0] * outcome.payoffs[0], discount[1] * outcome.payoffs[1]},
                                              label + when));
      if (last) return;
      // Next year's state, by a chance move (with one action when it is certain).
      std::vector<std::string> names;
      std::vector<rational> probabilities;
      for (const auto& [to, probability] : outcome.next) {
        names.push_back(model.state(to).name);
        probabilities.push_back(probability);
      }
      game.add_chance(leaf, std::move(names), std::move(probabilities), "next year" + when);
      for (std::size_t k = 0; k < outcome.next.size(); ++k)
        next_frontier.push_back({game.node(leaf).children[k], outcome.next[k].first});
    };
    for (const auto& [node, s] : frontier) {
      const auto& state = model.state(s);
      if (state.num_profiles() == 1) {  // nobody chooses (war; a deal in the commitment benchmark)
        close_year(node, s, 0, state.name);
        continue;
      }
      game.add_decision(node, 0, state.actions[0], "Washington, " + state.name + when);
      std::size_t tehran = no_index;
      for (std::size_t w = 0; w < state.actions[0].size(); ++w) {
        const std::size_t child = game.node(node).children[w];
        if (tehran == no_index)
          tehran = game.add_decision(child, 1, state.actions[1], "Tehran, " + state.name + when);
        else
          game.add_to_information_set(child, tehran);
        for (std::size_t t = 0; t < state.actions[1].size(); ++t) {
          const std::array<std::size_t, 2> profile = {w, t};
          close_year(game.node(child).children[t], s, state.profile_index(profile),
                     state.name + ": " + state.actions[0][w] + "/" + state.actions[1][t]);
        }
      }
      check_size();
    }
    for (std::size_t i = 0; i < 2; ++i) discount[i] *= model.discount(i);
    frontier = std::move(next_frontier);
  }
  return game;
}

behaviour_profile<rational> rounds_behaviour_profile(const extensive_game<rational>& rounds,
                                                     const stochastic_game<rational>& model,
                                                     const std::vector<stationary_profile<rational>>& strategies) {
  behaviour_profile<rational> out(rounds);
  // Depth first, knowing each node's state and year.
  struct visit {
    std::size_t node;
    std::size_t state;
    std::size_t year;
  };
  std::vector<visit> stack = {{rounds.root(), model.initial_state(), 0}};
  while (!stack.empty()) {
    const auto [n, s, year] = stack.back();
    stack.pop_back();
    const auto& node = rounds.node(n);
    if (node.kind == node_kind::terminal) continue;
    if (node.kind == node_kind::chance) {
      const auto& set = rounds.infoset(node.information_set);
      for (std::size_t k = 0; k < node.children.size(); ++k) {
        const auto next = model.find_state(set.actions[k]);
        if (!next) throw invalid_argument("rounds_behaviour_profile: no state \"" + set.actions[k] + "\" in the model");
        stack.push_back({node.children[k], *next, year + 1});
      }
      continue;
    }
    if (year >= strategies.size())
      throw invalid_argument("rounds_behaviour_profile: the game is longer than the " + std::to_string(strategies.size()) +
                             " periods of the strategies");
    const std::size_t player = rounds.infoset(node.information_set).player;
    for (std::size_t a = 0; a < node.children.size(); ++a) {
      out(node.information_set, a) = strategies[year][s](player, a);
      stack.push_back({node.children[a], s, year});
    }
  }
  return out;
}

}  // namespace impasse::models
