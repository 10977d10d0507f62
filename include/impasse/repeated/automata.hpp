// Strategies of a repeated game as finite automata, their discounted
// payoffs, the one-shot deviation check of subgame perfection, and the
// critical discount factor above which a profile of automata is a
// subgame-perfect equilibrium.
//
// An automaton (a Moore machine; Mailath and Samuelson, "Repeated Games and
// Reputations", 2006, ch. 2.3) has states, an action in each state, an
// initial state and a transition on every observed stage profile. A profile
// of automata moves on the joint states (one state per player); only the
// joint states reachable from the initial one under some history matter.
//
// - Payoffs: V_i = (1 - delta_i) (I - delta_i P)^-1 u_i over the joint
//   states, P the on-path transition: one exact linear solve, O(n^3) for n
//   joint states.
// - Subgame perfection: by the one-shot deviation principle (ibid.,
//   Proposition 2.2.1), the profile is an SPE exactly when at no reachable
//   joint state s does a player gain by deviating once:
//   V_i(s) >= (1 - delta) u_i(b_i, a_-i(s)) + delta V_i(next(s, b_i, a_-i(s))).
//   O(n (n^2 + sum_i |A_i|)) after the solve; exact in rationals.
// - Critical discount factor (common delta): divided by (1 - delta) and
//   multiplied by det(I - delta P) > 0, each one-shot constraint is a
//   polynomial in delta of degree at most n + 1, recovered exactly by
//   interpolation at n + 2 points. The profile is an SPE on the intervals
//   between the polynomials' roots where every polynomial is non-negative;
//   the critical factor is the lowest delta from which it is an SPE all the
//   way to 1. It is exact when it is a rational root (always so for
//   constraints linear in delta, such as grim trigger's (T - R) / (T - P));
//   an irrational root is returned to double precision and flagged.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/scalar.hpp>
#include <impasse/detail/linear_system.hpp>
#include <impasse/repeated/abreu_sannikov.hpp>  // detail::simplest_rational_between
#include <impasse/repeated/game.hpp>
#include <impasse/strategic/game.hpp>

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace impasse {

/// One player's strategy as a finite automaton.
struct automaton {
  std::string name;
  std::size_t initial_state = 0;
  /// The strategy played in each state.
  std::vector<std::size_t> actions;
  /// transitions[state][profile]: the next state after the stage profile
  /// with that index (the stage game's numbering) is observed.
  std::vector<std::vector<std::size_t>> transitions;

  [[nodiscard]] std::size_t num_states() const noexcept { return actions.size(); }
  [[nodiscard]] friend bool operator==(const automaton&, const automaton&) = default;
};

/// One automaton per player.
using automaton_profile = std::vector<automaton>;

/// Throws `invalid_argument`, saying which player, state and entry, unless
/// `profile` has one automaton per player, each with at least one state,
/// actions the player has, and a transition to an existing state for every
/// stage profile.
template <scalar Scalar>
void validate_automata(const strategic_game<Scalar>& game, const automaton_profile& profile) {
  if (profile.size() != game.num_players())
    throw invalid_argument("automata: " + std::to_string(profile.size()) + " automata for a game of " +
                           std::to_string(game.num_players()) + " players");
  for (std::size_t i = 0; i < profile.size(); ++i) {
    const auto& a = profile[i];
    const std::string who = "automaton of player " + std::to_string(i + 1);
    if (a.actions.empty()) throw invalid_argument(who + " has no states");
    if (a.transitions.size() != a.actions.size())
      throw invalid_argument(who + " has " + std::to_string(a.actions.size()) + " actions but " +
                             std::to_string(a.transitions.size()) + " rows of transitions");
    if (a.initial_state >= a.actions.size())
      throw invalid_argument(who + ": initial state " + std::to_string(a.initial_state) + " does not exist");
    for (std::size_t s = 0; s < a.actions.size(); ++s) {
      if (a.actions[s] >= game.num_strategies(i))
        throw invalid_argument(who + ", state " + std::to_string(s) + ": player " + std::to_string(i + 1) +
                               " has no strategy " + std::to_string(a.actions[s]) + " (strategies count from 0)");
      if (a.transitions[s].size() != game.num_profiles())
        throw invalid_argument(who + ", state " + std::to_string(s) + ": " + std::to_string(a.transitions[s].size()) +
                               " transitions for " + std::to_string(game.num_profiles()) + " stage profiles");
      for (std::size_t p = 0; p < a.transitions[s].size(); ++p)
        if (a.transitions[s][p] >= a.actions.size())
          throw invalid_argument(who + ", state " + std::to_string(s) + ", profile " + std::to_string(p) +
                                 ": next state " + std::to_string(a.transitions[s][p]) + " does not exist");
    }
  }
}

/// Grim trigger for every player: play `cooperation` as long as it has
/// always been played, `punishment` forever after any other profile.
template <scalar Scalar>
[[nodiscard]] automaton_profile grim_trigger(const strategic_game<Scalar>& game, const pure_profile& cooperation,
                                             const pure_profile& punishment) {
  const std::size_t c = game.profile_index(cooperation);
  (void)game.profile_index(punishment);
  automaton_profile out(game.num_players());
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i].name = "grim trigger";
    out[i].actions = {cooperation[i], punishment[i]};
    out[i].transitions = {std::vector<std::size_t>(game.num_profiles(), 1),
                          std::vector<std::size_t>(game.num_profiles(), 1)};
    out[i].transitions[0][c] = 0;
  }
  return out;
}

/// Tit-for-tat in a two-player game where both players have the same
/// strategies: play `first` in the first round, then what the opponent
/// played in the round before.
template <scalar Scalar>
[[nodiscard]] automaton_profile tit_for_tat(const strategic_game<Scalar>& game, std::size_t first = 0) {
  if (game.num_players() != 2 || game.num_strategies(0) != game.num_strategies(1))
    throw invalid_argument("tit_for_tat needs a two-player game in which both players have the same number of strategies");
  const std::size_t m = game.num_strategies(0);
  if (first >= m) throw invalid_argument("tit_for_tat: there is no strategy " + std::to_string(first));
  automaton_profile out(2);
  for (std::size_t i = 0; i < 2; ++i) {
    out[i].name = "tit for tat";
    out[i].initial_state = first;
    for (std::size_t s = 0; s < m; ++s) {
      out[i].actions.push_back(s);
      std::vector<std::size_t> next(game.num_profiles());
      for (std::size_t p = 0; p < next.size(); ++p) next[p] = game.profile_at(p)[1 - i];
      out[i].transitions.push_back(std::move(next));
    }
  }
  return out;
}

/// Stick and carrot (Abreu 1986, "Extremal equilibria of oligopolistic
/// supergames"): play `cooperation`; after any other profile play
/// `punishment` for `punishment_rounds` rounds, restarting the punishment
/// if anyone fails to take part in it, then cooperate again.
template <scalar Scalar>
[[nodiscard]] automaton_profile stick_and_carrot(const strategic_game<Scalar>& game, const pure_profile& cooperation,
                                                 const pure_profile& punishment, std::size_t punishment_rounds = 1) {
  if (punishment_rounds == 0) throw invalid_argument("stick_and_carrot: the punishment lasts at least one round");
  const std::size_t c = game.profile_index(cooperation), q = game.profile_index(punishment);
  automaton_profile out(game.num_players());
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i].name = "stick and carrot";
    out[i].actions.push_back(cooperation[i]);
    std::vector<std::size_t> from_cooperation(game.num_profiles(), 1);
    from_cooperation[c] = 0;
    out[i].transitions.push_back(std::move(from_cooperation));
    for (std::size_t k = 1; k <= punishment_rounds; ++k) {
      out[i].actions.push_back(punishment[i]);
      std::vector<std::size_t> next(game.num_profiles(), 1);
      next[q] = k == punishment_rounds ? 0 : k + 1;
      out[i].transitions.push_back(std::move(next));
    }
  }
  return out;
}

namespace detail {

/// The joint states reachable from the initial one under any history.
struct joint_automaton {
  std::vector<std::vector<std::size_t>> states;  ///< each player's state
  std::vector<std::size_t> profile;              ///< the stage profile played
  std::vector<std::vector<std::size_t>> next;    ///< [joint state][stage profile]
};

template <scalar Scalar>
joint_automaton explore(const strategic_game<Scalar>& game, const automaton_profile& automata) {
  validate_automata(game, automata);
  joint_automaton joint;
  std::map<std::vector<std::size_t>, std::size_t> index;
  std::vector<std::size_t> start;
  for (const auto& a : automata) start.push_back(a.initial_state);
  index.emplace(start, 0);
  joint.states.push_back(start);
  pure_profile actions(automata.size());
  for (std::size_t k = 0; k < joint.states.size(); ++k) {
    const auto state = joint.states[k];
    for (std::size_t i = 0; i < automata.size(); ++i) actions[i] = automata[i].actions[state[i]];
    joint.profile.push_back(game.profile_index(actions));
    std::vector<std::size_t> next(game.num_profiles());
    std::vector<std::size_t> successor(automata.size());
    for (std::size_t p = 0; p < game.num_profiles(); ++p) {
      for (std::size_t i = 0; i < automata.size(); ++i) successor[i] = automata[i].transitions[state[i]][p];
      const auto [it, inserted] = index.emplace(successor, joint.states.size());
      if (inserted) joint.states.push_back(successor);
      next[p] = it->second;
    }
    joint.next.push_back(std::move(next));
  }
  return joint;
}

/// W = (I - delta P)^-1 u_i for one player (undiscounted-normalised
/// values: the payoffs are (1 - delta) W).
template <scalar Scalar>
vector<Scalar> discounted_sums(const strategic_game<Scalar>& game, const joint_automaton& joint, std::size_t player,
                               const Scalar& delta) {
  const auto n = static_cast<Eigen::Index>(joint.states.size());
  matrix<Scalar> system = matrix<Scalar>::Identity(n, n);
  vector<Scalar> right(n);
  for (Eigen::Index s = 0; s < n; ++s) {
    const auto p = joint.profile[static_cast<std::size_t>(s)];
    system(s, static_cast<Eigen::Index>(joint.next[static_cast<std::size_t>(s)][p])) -= delta;
    right(s) = game.payoff(player, p);
  }
  auto solution = solve_square<Scalar>(std::move(system), std::move(right));
  if (!solution) throw invalid_argument("automata: singular system for the discounted payoffs");
  return *solution;
}

/// det(I - delta P), exactly in rationals.
template <scalar Scalar>
Scalar transition_determinant(const joint_automaton& joint, const Scalar& delta) {
  const auto n = static_cast<Eigen::Index>(joint.states.size());
  matrix<Scalar> a = matrix<Scalar>::Identity(n, n);
  for (Eigen::Index s = 0; s < n; ++s) {
    const auto p = joint.profile[static_cast<std::size_t>(s)];
    a(s, static_cast<Eigen::Index>(joint.next[static_cast<std::size_t>(s)][p])) -= delta;
  }
  using std::abs;
  Scalar det(1);
  for (Eigen::Index c = 0; c < n; ++c) {
    Eigen::Index pivot = c;
    for (Eigen::Index r = c + 1; r < n; ++r)
      if (abs(a(r, c)) > abs(a(pivot, c))) pivot = r;
    if (a(pivot, c) == Scalar(0)) return Scalar(0);
    if (pivot != c) {
      a.row(pivot).swap(a.row(c));
      det = -det;
    }
    det *= a(c, c);
    for (Eigen::Index r = c + 1; r < n; ++r) {
      const Scalar f = a(r, c) / a(c, c);
      if (f == Scalar(0)) continue;
      for (Eigen::Index k = c; k < n; ++k) a(r, k) -= f * a(c, k);
    }
  }
  return det;
}

/// Coefficients (constant first) of the polynomial through the points.
template <scalar Scalar>
std::vector<Scalar> interpolate(const std::vector<Scalar>& x, std::vector<Scalar> y) {
  const std::size_t n = x.size();
  // Newton's divided differences, then expansion into the monomial basis.
  for (std::size_t k = 1; k < n; ++k)
    for (std::size_t i = n - 1; i >= k; --i) {
      y[i] = (y[i] - y[i - 1]) / (x[i] - x[i - k]);
      if (i == k) break;
    }
  std::vector<Scalar> c(n, Scalar(0));
  for (std::size_t k = n; k-- > 0;) {
    // c = c * (t - x[k]) + y[k]
    for (std::size_t j = n - 1; j > 0; --j) c[j] = c[j - 1] - x[k] * c[j];
    c[0] = -x[k] * c[0] + y[k];
  }
  return c;
}

template <scalar Scalar>
Scalar evaluate(const std::vector<Scalar>& c, const Scalar& t) {
  Scalar v(0);
  for (std::size_t k = c.size(); k-- > 0;) v = v * t + c[k];
  return v;
}

/// The real roots in (0, 1) of a polynomial (coefficients constant first),
/// each as a Scalar and whether it is exact; in double, coefficients of
/// magnitude up to `zero` count as zero.
template <scalar Scalar>
std::vector<std::pair<Scalar, bool>> roots_in_unit_interval(std::vector<Scalar> c, double zero) {
  while (!c.empty() && std::abs(scalar_cast<double>(c.back())) <= zero && (is_exact_v<Scalar> ? c.back() == Scalar(0) : true))
    c.pop_back();
  std::vector<std::pair<Scalar, bool>> out;
  // Divide out the factors delta and 1 - delta (cycles of the automata
  // make det(I - delta P) vanish at 1, often more than once): only roots
  // strictly inside (0, 1) matter, and multiple roots at the ends would
  // blur the others in double.
  const auto negligible = [&](const Scalar& x) {
    if constexpr (is_exact_v<Scalar>) {
      return x == 0;
    } else {
      return std::abs(x) <= zero;
    }
  };
  while (c.size() > 1 && negligible(c.front())) c.erase(c.begin());
  while (c.size() > 1 && negligible(evaluate(c, Scalar(1)))) {
    // c(t) = (t - 1) q(t): synthetic division by t - 1.
    std::vector<Scalar> q(c.size() - 1);
    Scalar carry(0);
    for (std::size_t k = c.size() - 1; k-- > 0;) {
      carry = c[k + 1] + carry;
      q[k] = carry;
    }
    c = std::move(q);
  }
  if (c.size() <= 1) return out;
  const auto degree = static_cast<Eigen::Index>(c.size() - 1);
  Eigen::MatrixXd companion = Eigen::MatrixXd::Zero(degree, degree);
  const double lead = scalar_cast<double>(c.back());
  for (Eigen::Index k = 0; k < degree; ++k) companion(0, k) = -scalar_cast<double>(c[static_cast<std::size_t>(degree - 1 - k)]) / lead;
  for (Eigen::Index k = 1; k < degree; ++k) companion(k, k - 1) = 1;
  const Eigen::EigenSolver<Eigen::MatrixXd> solver(companion, false);
  for (Eigen::Index k = 0; k < degree; ++k) {
    const std::complex<double> z = solver.eigenvalues()(k);
    if (std::abs(z.imag()) > 1e-7 || z.real() <= 1e-12 || z.real() >= 1 - 1e-12) continue;
    double r = z.real();
    // Polish in double (Newton), then look for the exact rational root.
    for (int step = 0; step < 20; ++step) {
      double value = 0, slope = 0;
      for (std::size_t j = c.size(); j-- > 0;) {
        slope = slope * r + value;
        value = value * r + scalar_cast<double>(c[j]);
      }
      if (slope == 0) break;
      const double moved = r - value / slope;
      if (!(moved > 0 && moved < 1)) break;
      r = moved;
    }
    if constexpr (is_exact_v<Scalar>) {
      const rational x(r);
      const rational radius(1e-9);
      rational low = x - radius, high = x + radius;
      if (low <= 0) low = rational(0);
      const rational guess = simplest_rational_between(low, high);
      if (evaluate(c, guess) == 0) {
        out.emplace_back(guess, true);
        continue;
      }
      out.emplace_back(x, false);
    } else {
      out.emplace_back(r, true);
    }
  }
  return out;
}

}  // namespace detail

/// Each player's discounted payoff (normalised, see repeated/game.hpp) when
/// the automata play each other from their initial states. Exact in
/// rationals. Throws `invalid_argument` for automata that do not fit.
template <scalar Scalar>
[[nodiscard]] std::vector<Scalar> automaton_payoffs(const repeated_game<Scalar>& game, const automaton_profile& automata) {
  const auto& stage = game.stage_game();
  const auto joint = detail::explore(stage, automata);
  std::vector<Scalar> out;
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    const Scalar& delta = game.discount_factor(i);
    if (game.horizon()) {
      // The first T rounds of the path, weights (1 - delta) delta^t / (1 - delta^T).
      Scalar sum(0), weight(1), total(0);
      std::size_t s = 0;
      for (std::size_t t = 0; t < *game.horizon(); ++t) {
        const auto p = joint.profile[s];
        sum += weight * stage.payoff(i, p);
        total += weight;
        weight *= delta;
        s = joint.next[s][p];
      }
      out.push_back(sum / total);
    } else {
      out.push_back((Scalar(1) - delta) * detail::discounted_sums(stage, joint, i, delta)(0));
    }
  }
  return out;
}

/// A profitable one-shot deviation.
template <scalar Scalar>
struct one_shot_deviation {
  std::vector<std::size_t> automaton_states;  ///< each player's state where it pays
  std::size_t player = 0;
  std::size_t deviation = 0;  ///< the strategy the player deviates to
  Scalar gain{0};             ///< how much more the deviation is worth
};

/// Options of `check_subgame_perfection`: a plain aggregate.
struct check_subgame_perfection_options {
  /// Checked at every joint state (status `cancelled`).
  std::stop_token stop_token = {};
};

/// Result of `check_subgame_perfection`. Exact in rationals; in double a
/// gain of at most 1e-9 times the largest stage payoff does not count, and
/// `error_bound` is that margin relative to the range of the stage payoffs.
template <scalar Scalar>
struct check_subgame_perfection_result : run_report {
  bool subgame_perfect = false;
  /// The most profitable one-shot deviation, when there is one.
  std::optional<one_shot_deviation<Scalar>> deviation;
  /// Each player's payoff from the initial states.
  std::vector<Scalar> payoffs;
  /// Joint states reachable under some history (all of them checked).
  std::size_t joint_states = 0;
};

/// Whether the profile of automata is a subgame-perfect equilibrium of the
/// infinitely repeated game, by the one-shot deviation principle at every
/// reachable joint state: exact in rationals, within 1e-9 (scaled to the
/// payoffs) in double. Throws `invalid_argument` for a finite horizon or
/// automata that do not fit.
template <scalar Scalar>
[[nodiscard]] check_subgame_perfection_result<Scalar> check_subgame_perfection(
    const repeated_game<Scalar>& game, const automaton_profile& automata,
    const check_subgame_perfection_options& options = {}) {
  if (!game.is_infinite())
    throw invalid_argument("check_subgame_perfection needs an infinitely repeated game (see repeated/finite_horizon.hpp)");
  const auto& stage = game.stage_game();
  const auto joint = detail::explore(stage, automata);
  check_subgame_perfection_result<Scalar> result;
  result.exact = is_exact_v<Scalar>;
  result.joint_states = joint.states.size();
  Scalar tolerance(0);
  if constexpr (!is_exact_v<Scalar>) {
    double scale = 1;
    for (std::size_t i = 0; i < stage.num_players(); ++i)
      for (const auto& u : stage.payoffs(i)) scale = std::max(scale, std::abs(u));
    tolerance = 1e-9 * scale;
    const auto& table = stage.payoff_table();
    const double range = table.maxCoeff() - table.minCoeff();
    result.error_bound = tolerance / (range > 0 ? range : 1.0);
  }
  pure_profile actions(stage.num_players());
  for (std::size_t i = 0; i < stage.num_players(); ++i) {
    const Scalar& delta = game.discount_factor(i);
    const vector<Scalar> w = detail::discounted_sums(stage, joint, i, delta);
    const Scalar weight = Scalar(1) - delta;
    result.payoffs.push_back(weight * w(0));
    for (std::size_t s = 0; s < joint.states.size(); ++s) {
      if (options.stop_token.stop_requested()) {
        result.status = run_status::cancelled;
        return result;
      }
      actions = stage.profile_at(joint.profile[s]);
      const Scalar value = weight * w(static_cast<Eigen::Index>(s));
      for (std::size_t b = 0; b < stage.num_strategies(i); ++b) {
        actions[i] = b;
        const std::size_t p = stage.profile_index(actions);
        const Scalar deviating = weight * stage.payoff(i, p) + delta * weight * w(static_cast<Eigen::Index>(joint.next[s][p]));
        const Scalar gain = deviating - value;
        if (gain > tolerance && (!result.deviation || gain > result.deviation->gain))
          result.deviation = one_shot_deviation<Scalar>{joint.states[s], i, b, gain};
      }
    }
  }
  result.subgame_perfect = !result.deviation.has_value();
  return result;
}

/// Options of `critical_discount_factor`: a plain aggregate.
struct critical_discount_factor_options {
  /// Checked for every constraint (status `cancelled`).
  std::stop_token stop_token = {};
};

/// Result of `critical_discount_factor`. In rationals `exact` unless
/// `value` is an irrational root, given to double precision (then
/// `error_bound` is the root's absolute error, at most 1e-12). In double,
/// constraints within 1e-9 of zero count as zero: not `exact`, and
/// `error_bound` is 1e-9.
template <scalar Scalar>
struct critical_discount_factor_result : run_report {
  /// The lowest common discount factor from which (up to 1) the profile is
  /// a subgame-perfect equilibrium; 0 when it is one for every discount
  /// factor; nullopt when it is not one for discount factors close to 1.
  std::optional<Scalar> value;
  /// The one-shot constraints (polynomials in delta) examined.
  std::size_t constraints = 0;
};

/// The critical common discount factor of a profile of automata (see the
/// file comment). Throws `invalid_argument` for automata that do not fit.
template <scalar Scalar>
[[nodiscard]] critical_discount_factor_result<Scalar> critical_discount_factor(
    const strategic_game<Scalar>& stage, const automaton_profile& automata,
    const critical_discount_factor_options& options = {}) {
  critical_discount_factor_result<Scalar> result;
  result.exact = is_exact_v<Scalar>;
  if constexpr (!is_exact_v<Scalar>) result.error_bound = 1e-9;
  const auto joint = detail::explore(stage, automata);
  const std::size_t n = joint.states.size();
  const std::size_t points = n + 2;
  std::vector<Scalar> deltas;
  for (std::size_t k = 1; k <= points; ++k) deltas.push_back(Scalar(static_cast<long>(k)) / Scalar(static_cast<long>(points + 1)));
  // For each sample delta: D and D W_i (polynomial in delta of degree < n).
  std::vector<Scalar> dets;
  std::vector<std::vector<vector<Scalar>>> scaled;  // [k][player]
  for (const auto& d : deltas) {
    dets.push_back(detail::transition_determinant(joint, d));
    std::vector<vector<Scalar>> per_player;
    for (std::size_t i = 0; i < stage.num_players(); ++i)
      per_player.push_back(dets.back() * detail::discounted_sums(stage, joint, i, d));
    scaled.push_back(std::move(per_player));
  }
  std::vector<std::vector<Scalar>> polynomials;
  pure_profile actions(stage.num_players());
  for (std::size_t i = 0; i < stage.num_players(); ++i)
    for (std::size_t s = 0; s < n; ++s) {
      if (options.stop_token.stop_requested()) {
        result.status = run_status::cancelled;
        return result;
      }
      const auto base = stage.profile_at(joint.profile[s]);
      for (std::size_t b = 0; b < stage.num_strategies(i); ++b) {
        if (b == base[i]) continue;
        actions = base;
        actions[i] = b;
        const std::size_t p = stage.profile_index(actions);
        const auto to = static_cast<Eigen::Index>(joint.next[s][p]);
        std::vector<Scalar> values;
        for (std::size_t k = 0; k < points; ++k)
          values.push_back(scaled[k][i](static_cast<Eigen::Index>(s)) - dets[k] * stage.payoff(i, p) -
                           deltas[k] * scaled[k][i](to));
        polynomials.push_back(detail::interpolate(deltas, std::move(values)));
      }
    }
  result.constraints = polynomials.size();
  // In double, a scale for what counts as zero: the constraints' values
  // are differences of payoffs times powers of delta.
  double zero = 0;
  if constexpr (!is_exact_v<Scalar>) {
    double scale = 1;
    for (std::size_t i = 0; i < stage.num_players(); ++i)
      for (const auto& u : stage.payoffs(i)) scale = std::max(scale, std::abs(u));
    zero = 1e-9 * scale;
    for (auto& c : polynomials)
      for (auto& x : c)
        if (std::abs(x) <= zero) x = 0;
  }
  std::vector<std::pair<Scalar, bool>> roots;
  for (const auto& c : polynomials)
    for (auto& r : detail::roots_in_unit_interval(c, zero)) roots.push_back(std::move(r));
  std::sort(roots.begin(), roots.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  const auto good_at = [&](const Scalar& t) {
    for (const auto& c : polynomials)
      if (detail::evaluate(c, t) < -Scalar(zero)) return false;
    return true;
  };
  Scalar upper(1);
  for (std::size_t k = roots.size() + 1; k-- > 0;) {
    const Scalar lower = k == 0 ? Scalar(0) : roots[k - 1].first;
    if (lower == upper) continue;
    if (!good_at((lower + upper) / 2)) {
      if (upper == Scalar(1)) return result;  // not an SPE close to 1
      break;
    }
    upper = lower;
    const bool exact_root = k == 0 || roots[k - 1].second;
    if constexpr (is_exact_v<Scalar>) {
      result.exact = exact_root;
      result.error_bound = exact_root ? 0.0 : 1e-12;
    }
  }
  result.value = upper;
  return result;
}

}  // namespace impasse
