// Subgame-perfect equilibria of extensive games with imperfect information,
// by subgame decomposition (Selten 1965; Kuhn 1953 for the passage from
// mixed to behaviour strategies).
//
// Subgames are solved from the bottom up. Each subgame whose proper
// subgames are already solved becomes a smaller game in which every proper
// subgame is a terminal node paying the continuation values of one of its
// equilibria; that game's reduced strategic form is solved with a
// strategic-form solver (every pure equilibrium by default;
// `extreme_or_pure_equilibria` gives every extreme equilibrium of two-player
// subgames by vertex enumeration), and each equilibrium is turned into
// behaviour strategies. Every combination of the proper subgames' equilibria is tried,
// so the result holds every SPE that the strategic-form solver's equilibria
// generate, up to `max_equilibria` per subgame (status `limit_reached`).
// Information sets that a player's own equilibrium strategy makes
// unreachable play their first action: nothing depends on them. Cost: the
// sum over subgames of their reduced forms' solution cost, times the
// combinations tried. Needs perfect recall.
#pragma once

#include <impasse/extensive_regret.hpp>
#include <impasse/mixed_profile.hpp>
#include <impasse/reduced_strategic_form.hpp>
#include <impasse/solver_result.hpp>
#include <impasse/solvers/pure_equilibria.hpp>
#include <impasse/solvers/vertex_enumeration.hpp>

#include <functional>
#include <map>
#include <stop_token>
#include <vector>

namespace impasse {

template <scalar Scalar>
using strategic_solver = std::function<std::vector<mixed_profile<Scalar>>(const strategic_game<Scalar>&)>;

/// Every pure Nash equilibrium, as mixed profiles.
template <scalar Scalar>
[[nodiscard]] std::vector<mixed_profile<Scalar>> pure_equilibrium_profiles(const strategic_game<Scalar>& game) {
  std::vector<mixed_profile<Scalar>> out;
  for (const auto& e : pure_nash_equilibria(game).equilibria)
    out.push_back(mixed_profile<Scalar>::pure(game.strategy_counts(), e));
  return out;
}

/// Every extreme equilibrium of a two-player game (vertex enumeration),
/// every pure equilibrium otherwise. Finds the mixed SPE that pure
/// equilibria miss, but vertex enumeration is exponential and slow on the
/// degenerate reduced forms many extensive games have.
template <scalar Scalar>
[[nodiscard]] std::vector<mixed_profile<Scalar>> extreme_or_pure_equilibria(const strategic_game<Scalar>& game) {
  if (game.num_players() == 2) return vertex_enumeration(game).equilibria;
  return pure_equilibrium_profiles(game);
}

template <scalar Scalar>
struct subgame_perfect_options {
  /// The most equilibria kept per subgame (the whole game included).
  std::size_t max_equilibria = 1'000;
  /// Solves each subgame's reduced strategic form: pure equilibria by
  /// default (fast on any game); `extreme_or_pure_equilibria` adds mixed ones.
  strategic_solver<Scalar> solver = pure_equilibrium_profiles<Scalar>;
  reduced_form_options reduced_form = {};
  std::stop_token stop_token = {};
};

template <scalar Scalar>
struct subgame_perfect_result {
  std::vector<behaviour_profile<Scalar>> equilibria;
  std::vector<std::vector<Scalar>> payoffs;
  run_status status = run_status::complete;
  /// Subgames, the whole game included.
  std::size_t subgames = 0;
  /// True when some subgame had no equilibrium under the strategic-form
  /// solver (e.g. pure equilibria of matching pennies): then SPE may exist
  /// that this run could not build.
  bool solver_found_none = false;
};

namespace detail {

/// The truncated game of one subgame: its tree down to (not into) the
/// proper subgames, which become terminal nodes paying `continuation`.
template <scalar Scalar>
struct truncated_subgame {
  extensive_game<Scalar> game;
  std::vector<std::size_t> original_set;  // for each information set of `game` (no_index: chance)
};

template <scalar Scalar>
truncated_subgame<Scalar> truncate(const extensive_game<Scalar>& game, std::size_t root,
                                   const std::map<std::size_t, std::vector<Scalar>>& continuation) {
  std::vector<std::string> players;
  for (std::size_t i = 0; i < game.num_players(); ++i) players.push_back(game.player_label(i));
  truncated_subgame<Scalar> out{extensive_game<Scalar>(players), {}};
  auto& small = out.game;
  std::map<std::size_t, std::size_t> set_map;
  for (std::vector<std::pair<std::size_t, std::size_t>> stack{{root, small.root()}}; !stack.empty();) {
    const auto [n, m] = stack.back();
    stack.pop_back();
    const auto& node = game.node(n);
    const auto value = continuation.find(n);
    if (n != root && value != continuation.end()) {
      small.set_outcome(m, small.add_outcome(value->second));
      continue;
    }
    if (node.outcome != no_index) small.set_outcome(m, small.add_outcome(game.outcome(node.outcome).payoffs));
    if (node.kind == node_kind::terminal) continue;
    const auto& set = game.infoset(node.information_set);
    if (node.kind == node_kind::chance) {
      small.add_chance(m, set.actions, set.probabilities);
      out.original_set.push_back(no_index);
    } else if (const auto known = set_map.find(node.information_set); known != set_map.end()) {
      small.add_to_information_set(m, known->second);
    } else {
      set_map[node.information_set] = small.add_decision(m, set.player, set.actions, set.label);
      out.original_set.push_back(node.information_set);
    }
    for (std::size_t a = node.children.size(); a-- > 0;) stack.emplace_back(node.children[a], small.node(m).children[a]);
  }
  return out;
}

}  // namespace detail

template <scalar Scalar>
[[nodiscard]] subgame_perfect_result<Scalar> subgame_perfect_equilibria(const extensive_game<Scalar>& game,
                                                                        const subgame_perfect_options<Scalar>& options = {}) {
  require_perfect_recall(game, "subgame_perfect_equilibria");
  if (options.max_equilibria == 0) throw invalid_argument("subgame_perfect_equilibria: max_equilibria must be positive");
  subgame_perfect_result<Scalar> result;
  // One equilibrium of one subgame: its behaviour at the subgame's own
  // information sets, which equilibrium of each proper subgame it builds on,
  // and its value.
  struct solution {
    std::vector<std::pair<std::size_t, std::vector<Scalar>>> behaviour;
    std::vector<std::size_t> nested_choice;
    std::vector<Scalar> payoffs;
  };
  const auto roots = subgame_roots(game);
  result.subgames = roots.size();
  if (roots.empty()) {  // a single terminal node: nobody moves
    result.equilibria.emplace_back(game);
    result.payoffs.push_back(game.payoffs_at(game.root()));
    return result;
  }
  std::vector<bool> is_root(game.num_nodes(), false);
  for (auto r : roots) is_root[r] = true;
  std::map<std::size_t, std::vector<std::size_t>> nested;  // proper subgames directly below each root
  for (auto r : roots)
    for (std::vector<std::size_t> stack(game.node(r).children.begin(), game.node(r).children.end()); !stack.empty();) {
      const std::size_t n = stack.back();
      stack.pop_back();
      if (is_root[n]) {
        nested[r].push_back(n);
        continue;
      }
      for (auto c : game.node(n).children) stack.push_back(c);
    }
  std::map<std::size_t, std::vector<solution>> solved;
  // Node indices grow downwards (children are created after their parent), so
  // decreasing index order solves every subgame after those below it.
  for (auto r = roots.rbegin(); r != roots.rend(); ++r) {
    const auto& below = nested[*r];
    auto& here = solved[*r];
    // A proper subgame without equilibria leaves this one without any.
    bool more = true;
    for (auto b : below) more = more && !solved[b].empty();
    std::vector<std::size_t> pick(below.size(), 0);
    bool truncated = false;
    while (more && !truncated) {
      if (options.stop_token.stop_requested()) {
        result.status = run_status::cancelled;
        return result;
      }
      std::map<std::size_t, std::vector<Scalar>> continuation;
      for (std::size_t k = 0; k < below.size(); ++k) continuation[below[k]] = solved[below[k]][pick[k]].payoffs;
      const auto small = detail::truncate(game, *r, continuation);
      const auto form = to_reduced_strategic_form(small.game, options.reduced_form);
      const auto equilibria = options.solver(form.game);
      if (equilibria.empty()) result.solver_found_none = true;
      for (const auto& mixed : equilibria) {
        if (here.size() >= options.max_equilibria) {
          truncated = true;
          break;
        }
        const auto behaviour = to_behaviour_profile(small.game, form, mixed);
        // Its value counts the outcomes from the subgame's root down: what
        // the subgame above puts at this root in its own truncated game.
        solution s{{}, pick, expected_payoffs(small.game, behaviour)};
        for (std::size_t h = 0; h < small.original_set.size(); ++h) {
          if (small.original_set[h] == no_index) continue;
          const auto at = behaviour.at(h);
          s.behaviour.emplace_back(small.original_set[h], std::vector<Scalar>(at.begin(), at.end()));
        }
        here.push_back(std::move(s));
      }
      std::size_t k = 0;
      while (k < pick.size() && ++pick[k] == solved[below[k]].size()) pick[k++] = 0;
      more = k < pick.size();
      if (more && here.size() >= options.max_equilibria) truncated = true;
    }
    if (truncated) result.status = run_status::limit_reached;
  }
  for (std::size_t r = 0; r < solved[roots.front()].size(); ++r) {
    behaviour_profile<Scalar> profile(game);
    for (std::vector<std::pair<std::size_t, std::size_t>> stack{{roots.front(), r}}; !stack.empty();) {
      const auto [root, k] = stack.back();
      stack.pop_back();
      const auto& s = solved[root][k];
      for (const auto& [h, distribution] : s.behaviour)
        for (std::size_t a = 0; a < distribution.size(); ++a) profile(h, a) = distribution[a];
      for (std::size_t j = 0; j < s.nested_choice.size(); ++j) stack.emplace_back(nested[root][j], s.nested_choice[j]);
    }
    result.payoffs.push_back(expected_payoffs(game, profile));
    result.equilibria.push_back(std::move(profile));
  }
  return result;
}

}  // namespace impasse
