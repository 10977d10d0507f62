// The reduced strategic form of an extensive game with perfect recall.
//
// A pure strategy picks an action at each of the player's information sets;
// a *reduced* strategy picks actions only at the sets its own earlier
// choices leave reachable, so strategies that differ only where the player
// has already steered away are one. Payoffs of a profile are expected over
// chance. Every strategic-form solver then applies to the extensive game
// (Kuhn 1953; von Stengel 2002 for the reduced form). The number of reduced
// strategies can be exponential in the tree's size; `max_profiles` bounds
// the work. Cost O(P * N) for P reduced profiles and N nodes.
#pragma once

#include <impasse/extensive/behaviour_profile.hpp>
#include <impasse/extensive/structure.hpp>
#include <impasse/strategic/game.hpp>
#include <impasse/strategic/mixed_profile.hpp>

#include <string>
#include <vector>

namespace impasse {

/// A reduced strategy: for each of the player's information sets (in the
/// game's order) the action taken, or no_index where the strategy's own
/// choices make the set unreachable.
using reduced_strategy = std::vector<std::size_t>;

template <scalar Scalar>
struct reduced_strategic_form {
  strategic_game<Scalar> game;
  /// strategies[i][s] is player i's reduced strategy number s in `game`.
  std::vector<std::vector<reduced_strategy>> strategies;
};

struct reduced_form_options {
  /// Refuse (with `invalid_argument`) games with more reduced profiles.
  std::size_t max_profiles = 10'000'000;
};

namespace detail {

/// For each of `player`'s information sets (in the player's order), the
/// position and action of the player's last own move before it, or no_index:
/// under perfect recall every node of the set agrees, and the parent comes
/// earlier in the order.
template <scalar Scalar>
void own_move_parents(const extensive_game<Scalar>& game, std::size_t player, std::vector<std::size_t>& parent,
                      std::vector<std::size_t>& parent_action) {
  const auto& sets = game.player_information_sets(player);
  std::vector<std::size_t> position(game.num_information_sets(), no_index);
  for (std::size_t k = 0; k < sets.size(); ++k) position[sets[k]] = k;
  const auto last = last_own_moves(game, player);
  for (std::size_t k = 0; k < sets.size(); ++k) {
    const auto [set, action] = last[game.infoset(sets[k]).nodes.front()];
    parent[k] = set == no_index ? no_index : position[set];
    parent_action[k] = action;
  }
}

/// How many reduced strategies `player` has (in double: it may be huge),
/// without listing them: at an information set one action is chosen, and
/// then a strategy for each set that follows that action.
template <scalar Scalar>
[[nodiscard]] double reduced_strategy_count(const extensive_game<Scalar>& game, std::size_t player) {
  const auto& sets = game.player_information_sets(player);
  std::vector<std::size_t> parent(sets.size(), no_index), parent_action(sets.size(), no_index);
  own_move_parents(game, player, parent, parent_action);
  // after[k][a]: the product of the counts of the sets right after action a at set k.
  std::vector<std::vector<double>> after(sets.size());
  for (std::size_t k = 0; k < sets.size(); ++k) after[k].assign(game.infoset(sets[k]).actions.size(), 1.0);
  double total = 1;
  for (std::size_t k = sets.size(); k-- > 0;) {
    double count = 0;
    for (const double x : after[k]) count += x;
    if (parent[k] == no_index)
      total *= count;
    else
      after[parent[k]][parent_action[k]] *= count;
  }
  return total;
}

/// Every reduced strategy of `player`, in lexicographic order of actions;
/// stops after `limit` + 1 of them.
template <scalar Scalar>
std::vector<reduced_strategy> reduced_strategies(const extensive_game<Scalar>& game, std::size_t player,
                                                 std::size_t limit) {
  const auto& sets = game.player_information_sets(player);
  const std::size_t k_count = sets.size();
  // parent[k]: position (among the player's sets) and action of the last own
  // move before set k, or no_index for none. Under perfect recall every
  // node of the set agrees, and the parent comes earlier in the order.
  std::vector<std::size_t> parent(k_count, no_index), parent_action(k_count, no_index);
  own_move_parents(game, player, parent, parent_action);
  std::vector<reduced_strategy> out;
  reduced_strategy choice(k_count, no_index);
  const auto fill_from = [&](std::size_t start) {
    for (std::size_t k = start; k < k_count; ++k)
      choice[k] = parent[k] == no_index || choice[parent[k]] == parent_action[k] ? 0 : no_index;
  };
  fill_from(0);
  for (;;) {
    out.push_back(choice);
    if (out.size() > limit) return out;  // the caller reports the form too large
    std::size_t k = k_count;
    while (k > 0 && (choice[k - 1] == no_index || choice[k - 1] + 1 == game.infoset(sets[k - 1]).actions.size())) --k;
    if (k == 0) return out;
    ++choice[k - 1];
    fill_from(k);
  }
}

/// Each player's expected payoff (over chance) when every decision node `n`
/// takes action `choose(n)`.
template <scalar Scalar, class Choose>
std::vector<Scalar> play_pure(const extensive_game<Scalar>& game, Choose&& choose) {
  std::vector<Scalar> total(game.num_players(), Scalar(0));
  for (std::vector<std::pair<std::size_t, Scalar>> stack{{game.root(), Scalar(1)}}; !stack.empty();) {
    auto [n, weight] = std::move(stack.back());
    stack.pop_back();
    const auto& node = game.node(n);
    if (node.outcome != no_index)
      for (std::size_t i = 0; i < total.size(); ++i) total[i] += weight * game.outcome(node.outcome).payoffs[i];
    if (node.kind == node_kind::chance) {
      const auto& set = game.infoset(node.information_set);
      for (std::size_t a = 0; a < node.children.size(); ++a)
        if (set.probabilities[a] != Scalar(0)) stack.emplace_back(node.children[a], weight * set.probabilities[a]);
    } else if (node.kind == node_kind::decision) {
      stack.emplace_back(node.children[choose(node)], weight);
    }
  }
  return total;
}

}  // namespace detail

/// The reduced strategic form. Throws `invalid_argument` for imperfect
/// recall or when the form has more than `options.max_profiles` profiles.
template <scalar Scalar>
[[nodiscard]] reduced_strategic_form<Scalar> to_reduced_strategic_form(const extensive_game<Scalar>& game,
                                                                       const reduced_form_options& options = {}) {
  require_perfect_recall(game, "the reduced strategic form");
  // Counted before any is listed: a chain of 300,000 decisions has 150,001
  // strategies per player, each a list of 150,000 choices.
  {
    double profiles = 1, entries = 0;
    for (std::size_t i = 0; i < game.num_players(); ++i) {
      const double count = detail::reduced_strategy_count(game, i);
      profiles *= count;
      entries += count * static_cast<double>(game.player_information_sets(i).size());
    }
    if (profiles > static_cast<double>(options.max_profiles))
      throw invalid_argument("the reduced strategic form has more than " + std::to_string(options.max_profiles) +
                             " profiles");
    if (entries > static_cast<double>(options.max_profiles) * 10)
      throw invalid_argument("the reduced strategic form's strategies hold more than " +
                             std::to_string(options.max_profiles * 10) + " choices");
  }
  std::vector<std::vector<reduced_strategy>> strategies;
  std::vector<std::size_t> counts;
  std::size_t profiles = 1;
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    strategies.push_back(detail::reduced_strategies(game, i, options.max_profiles / profiles + 1));
    counts.push_back(strategies.back().size());
    if (counts.back() > options.max_profiles / profiles)
      throw invalid_argument("the reduced strategic form has more than " + std::to_string(options.max_profiles) +
                             " profiles");
    profiles *= counts.back();
  }
  strategic_game<Scalar> form(counts);
  form.set_title(game.title());
  form.set_comment(game.comment());
  // position of each player information set among its player's sets
  std::vector<std::size_t> position(game.num_information_sets(), no_index);
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    form.set_player_label(i, game.player_label(i));
    const auto& sets = game.player_information_sets(i);
    for (std::size_t k = 0; k < sets.size(); ++k) position[sets[k]] = k;
    for (std::size_t s = 0; s < counts[i]; ++s) {
      std::string label;
      for (auto a : strategies[i][s]) label += a == no_index ? std::string("*") : std::to_string(a + 1);
      form.set_strategy_label(i, s, label.empty() ? "-" : label);
    }
  }
  pure_profile profile(counts.size(), 0);
  for (std::size_t p = 0; p < form.num_profiles(); ++p) {
    auto total = detail::play_pure(game, [&](const game_node& node) {
      const std::size_t i = game.infoset(node.information_set).player;
      return strategies[i][profile[i]][position[node.information_set]];
    });
    for (std::size_t i = 0; i < total.size(); ++i) form.set_payoff(i, p, std::move(total[i]));
    for (std::size_t i = 0; i < counts.size() && ++profile[i] == counts[i]; ++i) profile[i] = 0;
  }
  return {std::move(form), std::move(strategies)};
}

/// The behaviour profile that plays the reduced strategies `profile`:
/// probability one on each chosen action, and all zeros at an information
/// set the player's own strategy makes unreachable (Gambit's convention).
template <scalar Scalar>
[[nodiscard]] behaviour_profile<Scalar> reduced_behaviour_profile(const extensive_game<Scalar>& game,
                                                                  const reduced_strategic_form<Scalar>& form,
                                                                  const pure_profile& profile) {
  behaviour_profile<Scalar> out(game);
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    const auto& sets = game.player_information_sets(i);
    const auto& strategy = form.strategies[i].at(profile.at(i));
    for (std::size_t k = 0; k < sets.size(); ++k)
      if (strategy[k] != no_index) out(sets[k], strategy[k]) = Scalar(1);
  }
  return out;
}

/// Behaviour strategies equivalent to a mixed profile of the reduced
/// strategic form (Kuhn 1953): at each information set, the probability of
/// each action among the strategies that reach it. Where no strategy played
/// with positive probability reaches a set, the first action is played:
/// nothing depends on it.
template <scalar Scalar>
[[nodiscard]] behaviour_profile<Scalar> to_behaviour_profile(const extensive_game<Scalar>& game,
                                                             const reduced_strategic_form<Scalar>& form,
                                                             const mixed_profile<Scalar>& mixed) {
  if (mixed.strategy_counts() != form.game.strategy_counts())
    throw invalid_profile("to_behaviour_profile: the mixed profile does not fit the reduced strategic form");
  behaviour_profile<Scalar> out(game);
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    const auto& sets = game.player_information_sets(i);
    for (std::size_t k = 0; k < sets.size(); ++k) {
      Scalar reach(0);
      for (std::size_t s = 0; s < form.strategies[i].size(); ++s) {
        const std::size_t a = form.strategies[i][s][k];
        if (a == no_index || mixed(i, s) == Scalar(0)) continue;
        reach += mixed(i, s);
        out(sets[k], a) += mixed(i, s);
      }
      if (reach == Scalar(0)) {
        out(sets[k], 0) = Scalar(1);
      } else {
        for (std::size_t a = 0; a < game.infoset(sets[k]).actions.size(); ++a) out(sets[k], a) /= reach;
      }
    }
  }
  return out;
}

/// The mixed profile of the reduced strategic form that a behaviour profile
/// induces (Kuhn 1953): each reduced strategy's probability is the product
/// of the behaviour probabilities of the actions it takes.
template <scalar Scalar>
[[nodiscard]] mixed_profile<Scalar> to_mixed_profile(const extensive_game<Scalar>& game,
                                                     const reduced_strategic_form<Scalar>& form,
                                                     const behaviour_profile<Scalar>& behaviour) {
  mixed_profile<Scalar> out(form.game.strategy_counts());
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    const auto& sets = game.player_information_sets(i);
    for (std::size_t s = 0; s < form.strategies[i].size(); ++s) {
      Scalar p(1);
      for (std::size_t k = 0; k < sets.size(); ++k)
        if (form.strategies[i][s][k] != no_index) p *= behaviour(sets[k], form.strategies[i][s][k]);
      out(i, s) = p;
    }
  }
  return out;
}

/// The agent form (Selten 1975): a strategic game with one player, an
/// "agent", per information set of each player, whose strategies are that
/// set's actions and whose payoff is its owner's. Pure equilibria of the
/// agent form are profiles that no single information set gains by changing.
/// Cost O(P * N) for P profiles of actions.
template <scalar Scalar>
[[nodiscard]] strategic_game<Scalar> to_agent_form(const extensive_game<Scalar>& game,
                                                   const reduced_form_options& options = {}) {
  std::vector<std::size_t> counts, owner, agent_of(game.num_information_sets(), no_index);
  std::size_t profiles = 1;
  for (std::size_t i = 0; i < game.num_players(); ++i)
    for (auto h : game.player_information_sets(i)) {
      agent_of[h] = counts.size();
      counts.push_back(game.infoset(h).actions.size());
      owner.push_back(i);
      if (counts.back() > options.max_profiles / profiles)
        throw invalid_argument("the agent form has more than " + std::to_string(options.max_profiles) + " profiles");
      profiles *= counts.back();
    }
  if (counts.empty()) throw invalid_argument("the agent form needs at least one information set");
  strategic_game<Scalar> form(counts);
  form.set_title(game.title());
  for (std::size_t i = 0; i < game.num_players(); ++i)
    for (std::size_t k = 0; k < game.player_information_sets(i).size(); ++k) {
      const auto h = game.player_information_sets(i)[k];
      form.set_player_label(agent_of[h], game.player_label(i) + " at " + std::to_string(k + 1));
      for (std::size_t a = 0; a < counts[agent_of[h]]; ++a) form.set_strategy_label(agent_of[h], a, game.infoset(h).actions[a]);
    }
  pure_profile actions(counts.size(), 0);
  for (std::size_t p = 0; p < form.num_profiles(); ++p) {
    const auto total =
        detail::play_pure(game, [&](const game_node& node) { return actions[agent_of[node.information_set]]; });
    for (std::size_t agent = 0; agent < counts.size(); ++agent) form.set_payoff(agent, p, total[owner[agent]]);
    for (std::size_t k = 0; k < counts.size() && ++actions[k] == counts[k]; ++k) actions[k] = 0;
  }
  return form;
}

}  // namespace impasse
