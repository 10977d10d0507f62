// Subgame-perfect equilibria of extensive games with imperfect information,
// by subgame decomposition (Selten 1965; Kuhn 1953 for the passage from
// mixed to behaviour strategies).
//
// Subgames are solved from the bottom up. Each subgame whose proper
// subgames are already solved becomes a smaller game in which every proper
// subgame is a terminal node paying the continuation values of one of its
// equilibria; that game's reduced strategic form is solved with a
// strategic-form solver, and each equilibrium is turned into behaviour
// strategies. By default two-player subgames get every extreme equilibrium
// (`reduced_vertex_enumeration`: vertex enumeration after removing
// payoff-equivalent strategies and strategies strictly dominated by pure or
// mixed strategies, within a budget of `max_bases` lexicographic bases per
// polytope), and subgames of more players every pure equilibrium; a
// `solver` in the options replaces both. Every combination of the proper
// subgames' equilibria is tried, so the result holds every SPE that the
// strategic-form solver's equilibria generate, up to `max_equilibria` per
// subgame; status `limit_reached` when that count or the budget cut a
// search short (every SPE returned is still subgame perfect).
// Information sets that a player's own equilibrium strategy makes
// unreachable play their first action: nothing depends on them. Cost: the
// sum over subgames of their reduced forms' solution cost, times the
// combinations tried. Needs perfect recall.
#pragma once

#include <impasse/core/result.hpp>
#include <impasse/extensive/reduced_strategic_form.hpp>
#include <impasse/extensive/regret.hpp>
#include <impasse/strategic/dominance.hpp>
#include <impasse/strategic/lemke_howson.hpp>
#include <impasse/strategic/mixed_profile.hpp>
#include <impasse/strategic/pure_equilibria.hpp>
#include <impasse/strategic/vertex_enumeration.hpp>

#include <algorithm>
#include <array>
#include <functional>
#include <limits>
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
  for (const auto& e : pure_strategy_enumeration(game).equilibria)
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

/// Options of `reduced_vertex_enumeration`.
template <scalar Scalar>
struct reduced_vertex_enumeration_options {
  /// Report at most this many equilibria (status `limit_reached`); 0: no limit.
  std::size_t max_equilibria = no_limit;
  /// Called with each equilibrium, in the order of the result.
  std::function<void(const mixed_profile<Scalar>&)> on_equilibrium = {};
  /// Budget of the vertex enumeration: lexicographic bases in all; 0: no limit.
  std::size_t max_bases = no_limit;
  /// Budget of the vertex enumeration by cost: the entries each basis's
  /// pivot updates, weighted by the arithmetic's cost (see
  /// `subgame_decomposition_options`); 0: no limit.
  std::size_t max_pivot_work = no_limit;
  /// Checked every 1024 bases (status `cancelled`).
  std::stop_token stop_token = {};
};

/// Result of `reduced_vertex_enumeration`. `limit_reached` when
/// `max_equilibria` or the budget cut the search short. When the budget
/// did, the equilibria the vertex enumeration found are reported with every
/// pure equilibrium, and if there are none, the one a Lemke-Howson path from
/// label 1 ends at: a game never comes back without an equilibrium, but not
/// all need be extreme. Exact in rationals; in double, `error_bound` is the
/// largest relative regret of an equilibrium reported.
template <scalar Scalar>
struct reduced_vertex_enumeration_result : run_report {
  /// Equilibria of the input game.
  std::vector<mixed_profile<Scalar>> equilibria;
  /// Strategies per player of the game the vertex enumeration solved.
  std::vector<std::size_t> reduced_counts;
};

/// Every extreme equilibrium of a two-player game, computed on a smaller
/// game. Repeatedly merges payoff-equivalent strategies (which pay every
/// player the same; `detail::payoff_equivalence_classes`) and removes
/// strategies strictly dominated by pure or mixed strategies (each removal
/// proved exactly; `iterated_strict_dominance`) until neither changes
/// anything, enumerates the extreme equilibria of what is left (vertex
/// enumeration of the smaller player's polytope, and for each vertex of
/// the face of the other polytope that completes it:
/// `detail::extreme_equilibria_by_faces`), and maps them back: zero on every removed strategy, and the weight of each
/// class of payoff-equivalent strategies on one member, in every way. This
/// is exactly the set of extreme equilibria of the input: strictly
/// dominated strategies are never played in equilibrium, and an
/// equilibrium that splits a class's weight is the midpoint of two others.
/// Degenerate reduced strategic forms of extensive games are often much
/// smaller after this (see the issue 4 notes in benchmarks/README.md).
/// Throws `invalid_argument` unless the game has two players.
template <scalar Scalar>
[[nodiscard]] reduced_vertex_enumeration_result<Scalar> reduced_vertex_enumeration(
    const strategic_game<Scalar>& game, const reduced_vertex_enumeration_options<Scalar>& options = {}) {
  if (game.num_players() != 2)
    throw invalid_argument("reduced_vertex_enumeration needs a two-player game, this one has " +
                           std::to_string(game.num_players()) + " players");
  strategic_game<Scalar> reduced = game;
  // members[i][s]: the input's strategies that strategy s of `reduced` stands for.
  std::array<std::vector<std::vector<std::size_t>>, 2> members;
  for (std::size_t i = 0; i < 2; ++i)
    for (std::size_t s = 0; s < game.num_strategies(i); ++s) members[i].push_back({s});
  for (bool changed = true; changed;) {
    changed = false;
    std::vector<std::vector<std::size_t>> kept(2);
    for (std::size_t i = 0; i < 2; ++i) {
      std::vector<std::vector<std::size_t>> merged;
      for (const auto& c : detail::payoff_equivalence_classes(reduced, i)) {
        kept[i].push_back(c.front());
        merged.emplace_back();
        for (auto s : c) merged.back().insert(merged.back().end(), members[i][s].begin(), members[i][s].end());
        std::sort(merged.back().begin(), merged.back().end());
      }
      changed = changed || merged.size() < members[i].size();
      members[i] = std::move(merged);
    }
    if (changed) reduced = restrict_strategies(reduced, kept);
    const auto dominance =
        iterated_strict_dominance(reduced, {.by_mixed_strategies = true, .retry_exactly = false});
    if (dominance.rounds > 0) {
      changed = true;
      for (std::size_t i = 0; i < 2; ++i) {
        std::vector<std::vector<std::size_t>> surviving;
        for (auto s : dominance.original_strategies[i]) surviving.push_back(std::move(members[i][s]));
        members[i] = std::move(surviving);
      }
      reduced = dominance.game;
    }
  }
  reduced_vertex_enumeration_result<Scalar> result;
  result.exact = is_exact_v<Scalar>;
  const auto finish = [&]() -> reduced_vertex_enumeration_result<Scalar>& {
    // Every equilibrium reported is an exact one, rounded (the vertex
    // enumeration confirms each exactly; pure ones and Lemke-Howson's are
    // checked too).
    if (!result.exact && !result.equilibria.empty()) result.error_bound = detail::rounding_regret_bound(game);
    return result;
  };
  result.reduced_counts = reduced.strategy_counts();
  // Not a structured binding: the lambda below captures `equilibria`, which
  // clang 14 (the fuzzing compiler) rejects for bindings.
  auto enumerated = detail::face_enumeration(reduced, detail::engine_limit(options.max_bases), options.stop_token,
                                             detail::engine_limit(options.max_pivot_work));
  auto& equilibria = enumerated.first;
  const run_status status = enumerated.second;
  result.status = status;
  if (status == run_status::cancelled) return result;
  if (status == run_status::limit_reached) {
    // The search was cut short: add the equilibria that are cheap to find.
    const auto add = [&](mixed_profile<Scalar> e) {
      if (std::find(equilibria.begin(), equilibria.end(), e) == equilibria.end()) equilibria.push_back(std::move(e));
    };
    // No more than can be reported (each maps back to at least one).
    for (const auto& e :
         pure_strategy_enumeration(reduced, {.max_equilibria = options.max_equilibria, .stop_token = options.stop_token})
             .equilibria)
      add(mixed_profile<Scalar>::pure(reduced.strategy_counts(), e));
    if (equilibria.empty()) {  // one Lemke-Howson path always ends at an equilibrium
      const auto path = lemke_howson(reduced, {.stop_token = options.stop_token});
      if (path.status == run_status::cancelled) {
        result.status = run_status::cancelled;
        return result;
      }
      for (const auto& e : path.equilibria) add(e);
    }
  }
  // Each equilibrium, with the weight of every class on one of its
  // members, in every way (an odometer over the classes played).
  for (const auto& e : equilibria) {
    std::vector<std::array<std::size_t, 2>> played;  // (player, strategy of `reduced`)
    for (std::size_t i = 0; i < 2; ++i)
      for (std::size_t s = 0; s < members[i].size(); ++s)
        if (e(i, s) != Scalar(0)) played.push_back({i, s});
    std::vector<std::size_t> choice(played.size(), 0);
    for (bool more = true; more;) {
      if (detail::limit_hit(result.equilibria.size(), options.max_equilibria)) {
        result.status = run_status::limit_reached;
        return finish();
      }
      mixed_profile<Scalar> profile(game.strategy_counts());
      for (std::size_t k = 0; k < played.size(); ++k) {
        const auto [i, s] = played[k];
        profile(i, members[i][s][choice[k]]) = e(i, s);
      }
      if (options.on_equilibrium) options.on_equilibrium(profile);
      result.equilibria.push_back(std::move(profile));
      std::size_t k = 0;
      while (k < played.size() && ++choice[k] == members[played[k][0]][played[k][1]].size()) choice[k++] = 0;
      more = k < played.size();
    }
  }
  return finish();
}

/// Options of `subgame_decomposition`.
template <scalar Scalar>
struct subgame_decomposition_options {
  /// The most equilibria kept per subgame, the whole game included (status
  /// `limit_reached`); 0: no limit.
  std::size_t max_equilibria = no_limit;
  /// Called with each subgame-perfect equilibrium of the whole game, in the
  /// order of the result.
  std::function<void(const behaviour_profile<Scalar>&)> on_equilibrium = {};
  /// When set, solves each subgame's reduced strategic form instead of the
  /// default (`reduced_vertex_enumeration` for two players, every pure
  /// equilibrium for more); e.g. `pure_equilibrium_profiles<Scalar>`.
  strategic_solver<Scalar> solver = {};
  /// The default solver's budgets per two-player subgame (and per
  /// combination of the equilibria below it), whichever runs out first
  /// (status `limit_reached` when one cuts a search short); 0: no limit.
  /// `max_bases` counts the lexicographic bases of the vertex enumeration;
  /// `max_pivot_work` weighs each by the entries its pivot updates, times
  /// the cost of its arithmetic (12 for GMP integers against 1 for machine
  /// words), since a basis of the 163 x 43 dictionary of Gambit's
  /// `contrib-4cards.efg` costs about 1 ms and one of a 16 x 16 game a few
  /// microseconds. Together they keep a subgame to under a second
  /// (`impasse solve --method spe` on that file: 22.9 s with the count
  /// alone) and the corpus's degenerate subgames from running for hours.
  std::size_t max_bases = 20'000;
  std::size_t max_pivot_work = 25'000'000;
  reduced_form_options reduced_form = {};
  /// Checked before each subgame's solution (status `cancelled`).
  std::stop_token stop_token = {};
  /// Subgames solved, of all subgames.
  progress_callback on_progress = {};
};

/// Result of `subgame_decomposition`. Exact in rationals (with the default
/// solver); in double, `error_bound` bounds the relative regret of each
/// subgame's equilibria in that subgame's reduced strategic form (the
/// rounding of exact ones, or the regret computed for a custom solver's).
template <scalar Scalar>
struct subgame_decomposition_result : run_report {
  std::vector<behaviour_profile<Scalar>> equilibria;
  std::vector<std::vector<Scalar>> payoffs;
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
[[nodiscard]] subgame_decomposition_result<Scalar> subgame_decomposition(
    const extensive_game<Scalar>& game, const subgame_decomposition_options<Scalar>& options = {}) {
  require_perfect_recall(game, "subgame_decomposition");
  subgame_decomposition_result<Scalar> result;
  result.exact = is_exact_v<Scalar>;
  const auto full = [&](std::size_t count) { return detail::limit_hit(count, options.max_equilibria); };
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
    detail::report_progress(options.on_progress, static_cast<std::size_t>(r - roots.rbegin()), roots.size(), "subgames");
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
      std::vector<mixed_profile<Scalar>> equilibria;
      double error_bound = 0;
      if (options.solver) {
        equilibria = options.solver(form.game);
        if constexpr (!is_exact_v<Scalar>) error_bound = detail::largest_relative_regret(form.game, equilibria);
      } else if (form.game.num_players() == 2) {
        auto found = reduced_vertex_enumeration(
            form.game, {.max_equilibria = options.max_equilibria,
                        .max_bases = options.max_bases,
                        .max_pivot_work = options.max_pivot_work,
                        .stop_token = options.stop_token});
        if (found.status == run_status::cancelled) {
          result.status = run_status::cancelled;
          return result;
        }
        if (found.status == run_status::limit_reached) result.status = run_status::limit_reached;
        error_bound = found.error_bound;
        equilibria = std::move(found.equilibria);
      } else {
        // One more than can be used tells a cut list from a complete one.
        const auto pure = pure_strategy_enumeration(
            form.game, {.max_equilibria = options.max_equilibria == no_limit ? no_limit : options.max_equilibria + 1,
                        .stop_token = options.stop_token});
        if (pure.status == run_status::cancelled) {
          result.status = run_status::cancelled;
          return result;
        }
        if (pure.status == run_status::limit_reached) result.status = run_status::limit_reached;
        error_bound = pure.error_bound;
        for (const auto& e : pure.equilibria) equilibria.push_back(mixed_profile<Scalar>::pure(form.game.strategy_counts(), e));
      }
      if (equilibria.empty()) result.solver_found_none = true;
      if (!result.exact && !equilibria.empty())
        result.error_bound = std::max(result.error_bound, error_bound);
      for (const auto& mixed : equilibria) {
        if (full(here.size())) {
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
      if (more && full(here.size())) truncated = true;
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
    if (options.on_equilibrium) options.on_equilibrium(profile);
    result.equilibria.push_back(std::move(profile));
  }
  return result;
}

}  // namespace impasse
