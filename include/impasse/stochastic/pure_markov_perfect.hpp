// Every pure stationary Markov perfect equilibrium of a discounted
// stochastic game, by enumeration of the pure stationary profiles with
// pruning, in parallel.
//
// Pruning: bounds L_i(s) <= V_i(s) <= U_i(s) on every stationary profile's
// values come from value iteration of the best and worst cases; action a of
// player i in state s is dropped when another action a' beats it against
// every remaining action profile b of the others and every continuation
// value in the bounds: u_i(a', b) - u_i(a, b) + delta_i sum_t (p(t|a', b) -
// p(t|a, b)) V(t) > 0 at the worst V (L where a' adds probability, U where it
// removes it). Such an action is never a best response, so no equilibrium
// plays it; bounds and elimination are iterated to a fixed point. (With a
// single state the test is strict dominance in the stage game.) Against the
// cruder test with one value range for all states, this prunes actions whose
// risk is a state far below the others, such as war.
//
// Each remaining profile is then evaluated exactly (one S x S solve per
// player) and kept when no one-shot deviation gains (see
// markov_perfect.hpp). Cost: O(prod_s |A_s| * n * S^3) after pruning, where
// |A_s| is the number of remaining action profiles in state s; the profiles
// are shared out among `threads` std::jthreads in blocks.
#pragma once

#include <impasse/core/result.hpp>
#include <impasse/detail/linear_system.hpp>
#include <impasse/stochastic/game.hpp>
#include <impasse/stochastic/markov_perfect.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <limits>
#include <functional>
#include <mutex>
#include <stop_token>
#include <exception>
#include <thread>
#include <utility>
#include <vector>

namespace impasse {

/// Options of `pure_stationary_enumeration`.
template <scalar Scalar>
struct pure_stationary_enumeration_options {
  /// Stop after this many equilibria (`limit_reached`); 0: no limit.
  std::size_t max_equilibria = no_limit;
  /// Called with each equilibrium, in the order of the result, once the
  /// threads are done.
  std::function<void(const markov_perfect_equilibrium<Scalar>&)> on_equilibrium = {};
  /// Worker threads; 0: one per hardware thread.
  std::size_t threads = 0;
  /// Drop actions that can never be best responses (see above).
  bool prune = true;
  /// Checked between blocks of 64 profiles (status `cancelled`).
  std::stop_token stop_token = {};
  /// Profiles checked, of those left after pruning; called from the
  /// calling thread only.
  progress_callback on_progress = {};
};

/// Result of `pure_stationary_enumeration`. Exact in rationals; in double,
/// one-shot gains within the tolerance count as none, and `error_bound` is
/// the largest relative one-shot gain of an equilibrium found
/// (`relative_gain`).
template <scalar Scalar>
struct pure_stationary_enumeration_result : run_report {
  /// The equilibria, in the order of their profiles (state 1's action
  /// profile varying fastest, each as numbered in its state).
  std::vector<markov_perfect_equilibrium<Scalar>> equilibria;
  /// Pure stationary profiles before and after pruning, and how many were checked.
  double profiles_total = 0;
  std::size_t profiles_after_pruning = 0;
  std::size_t profiles_checked = 0;
  /// Actions (state, player, action) pruned.
  std::size_t actions_pruned = 0;
  double seconds = 0;
  double profiles_per_second = 0;
};

namespace detail {

// Bounds on player i's value in each state, valid for every stationary
// profile that plays only `alive` actions: L <= V_sigma <= U, from value
// iteration of the best and the worst case (L = min over the surviving
// action profiles of r + delta sum p L, U likewise with max), started from
// the payoff range over (1 - delta). Each iteration keeps the bounds valid
// (the Bellman operators are monotone), so stopping early is safe. Computed in
// double and widened by a margin far above the rounding error; the exact
// path converts them to rationals, so the pruning stays exact.
template <scalar Scalar>
std::vector<std::array<std::vector<double>, 2>> value_bounds(
    const stochastic_game<Scalar>& game, const std::vector<std::vector<std::vector<std::size_t>>>& alive) {
  const std::size_t n = game.num_players(), S = game.num_states();
  std::vector<std::array<std::vector<double>, 2>> bounds(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double delta = scalar_cast<double>(game.discount(i));
    double low = std::numeric_limits<double>::infinity(), high = -low;
    for (const auto& st : game.states())
      for (const auto& o : st.outcomes) {
        low = std::min(low, scalar_cast<double>(o.payoffs[i]));
        high = std::max(high, scalar_cast<double>(o.payoffs[i]));
      }
    std::vector<double> lo(S, low / (1 - delta)), hi(S, high / (1 - delta));
    const double scale = std::max({1.0, std::abs(low), std::abs(high)}) / (1 - delta);
    for (int iteration = 0; iteration < 500; ++iteration) {
      double change = 0;
      std::vector<double> new_lo(S), new_hi(S);
      for (std::size_t s = 0; s < S; ++s) {
        const auto& state = game.state(s);
        double best = -std::numeric_limits<double>::infinity(), worst = std::numeric_limits<double>::infinity();
        std::vector<std::size_t> pos(n, 0), profile(n);
        while (true) {
          for (std::size_t j = 0; j < n; ++j) profile[j] = alive[s][j][pos[j]];
          const auto& o = state.outcomes[state.profile_index(profile)];
          double up = scalar_cast<double>(o.payoffs[i]), down = up;
          for (const auto& [to, p] : o.next) {
            up += delta * scalar_cast<double>(p) * hi[to];
            down += delta * scalar_cast<double>(p) * lo[to];
          }
          best = std::max(best, up);
          worst = std::min(worst, down);
          std::size_t j = 0;
          for (; j < n && ++pos[j] == alive[s][j].size(); ++j) pos[j] = 0;
          if (j == n) break;
        }
        new_hi[s] = std::min(hi[s], best);
        new_lo[s] = std::max(lo[s], worst);
        change = std::max({change, hi[s] - new_hi[s], new_lo[s] - lo[s]});
      }
      lo = std::move(new_lo);
      hi = std::move(new_hi);
      if (change < 1e-12 * scale) break;
    }
    const double margin = 1e-7 * scale;
    for (std::size_t s = 0; s < S; ++s) {
      lo[s] -= margin;
      hi[s] += margin;
    }
    bounds[i] = {std::move(lo), std::move(hi)};
  }
  return bounds;
}

// The actions of each (state, player) that survive the pruning: action a of
// player i in state s goes when another action b beats it against every
// remaining profile of the others and every continuation value within the
// bounds of `value_bounds`: u_i(b) - u_i(a) + delta_i sum_t (p_b(t) - p_a(t))
// V(t) > 0 for the worst V in the box (L(t) where b adds probability, U(t)
// where it removes it). Such an action is never a best response, so no
// equilibrium plays it. Pruning and bounds are iterated to a fixed point.
template <scalar Scalar>
std::vector<std::vector<std::vector<std::size_t>>> surviving_actions(const stochastic_game<Scalar>& game, bool prune,
                                                                     std::size_t& pruned) {
  const std::size_t n = game.num_players();
  std::vector<std::vector<std::vector<std::size_t>>> alive(game.num_states());
  for (std::size_t s = 0; s < game.num_states(); ++s)
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<std::size_t> all(game.num_actions(s, i));
      for (std::size_t a = 0; a < all.size(); ++a) all[a] = a;
      alive[s].push_back(std::move(all));
    }
  pruned = 0;
  if (!prune) return alive;
  for (bool any = true; any;) {
    any = false;
    const auto box = value_bounds(game, alive);
    std::vector<std::array<std::vector<Scalar>, 2>> bounds(n);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t side = 0; side < 2; ++side)
        for (const double x : box[i][side]) bounds[i][side].push_back(scalar_cast<Scalar>(x));
    // In double, a gain must clear rounding: 1e-9 of the player's value scale.
    std::vector<Scalar> threshold(n, Scalar(0));
    if constexpr (!is_exact_v<Scalar>)
      for (std::size_t i = 0; i < n; ++i)
        threshold[i] = 1e-9 * std::max({1.0, std::abs(box[i][0].front()), std::abs(box[i][1].front())});
    // The smallest gain of b over a in the box, given the outcomes of each.
    const auto least_gain = [&](std::size_t i, const stochastic_outcome<Scalar>& with_b,
                                const stochastic_outcome<Scalar>& with_a) {
      Scalar total = with_b.payoffs[i] - with_a.payoffs[i];
      Scalar continuation(0);
      const auto add = [&](std::size_t to, const Scalar& change) {
        if (change > Scalar(0)) continuation += change * bounds[i][0][to];
        else if (change < Scalar(0)) continuation += change * bounds[i][1][to];
      };
      for (const auto& [to, p] : with_b.next) {
        Scalar q(0);
        for (const auto& [to2, p2] : with_a.next)
          if (to2 == to) q = p2;
        add(to, p - q);
      }
      for (const auto& [to, q] : with_a.next) {
        bool in_b = false;
        for (const auto& [to2, p2] : with_b.next) in_b = in_b || to2 == to;
        if (!in_b) add(to, -q);
      }
      return total + game.discount(i) * continuation;
    };
    for (std::size_t s = 0; s < game.num_states(); ++s) {
      const auto& state = game.state(s);
      for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t i = 0; i < n && !changed; ++i) {
          auto& mine = alive[s][i];
          for (std::size_t k = 0; k < mine.size() && !changed; ++k) {
            const std::size_t a = mine[k];
            for (const std::size_t b : mine) {
              if (b == a) continue;
              // Does b beat a against every remaining profile of the others?
              bool beats = true;
              std::vector<std::size_t> pos(n, 0);
              std::vector<std::size_t> profile(n);
              while (beats) {
                for (std::size_t j = 0; j < n; ++j) profile[j] = j == i ? a : alive[s][j][pos[j]];
                const auto& with_a = state.outcomes[state.profile_index(profile)];
                profile[i] = b;
                const auto& with_b = state.outcomes[state.profile_index(profile)];
                if (!(least_gain(i, with_b, with_a) > threshold[i])) beats = false;
                std::size_t j = 0;
                for (; j < n; ++j) {
                  if (j == i) continue;
                  if (++pos[j] < alive[s][j].size()) break;
                  pos[j] = 0;
                }
                if (j == n) break;
              }
              if (beats) {
                mine.erase(mine.begin() + static_cast<std::ptrdiff_t>(k));
                ++pruned;
                changed = any = true;
                break;
              }
            }
          }
        }
      }
    }
  }
  return alive;
}

// Values of the pure stationary profile choosing outcome `chosen[s]` in each
// state, and whether it is an equilibrium.
template <scalar Scalar>
bool pure_profile_is_markov_perfect(const stochastic_game<Scalar>& game, const std::vector<std::size_t>& chosen,
                                    matrix<Scalar>& values) {
  const auto S = static_cast<Eigen::Index>(game.num_states());
  const std::size_t n = game.num_players();
  values.resize(S, static_cast<Eigen::Index>(n));
  for (std::size_t i = 0; i < n; ++i) {
    matrix<Scalar> system = matrix<Scalar>::Identity(S, S);
    vector<Scalar> reward(S);
    for (Eigen::Index s = 0; s < S; ++s) {
      const auto& outcome = game.outcome(static_cast<std::size_t>(s), chosen[static_cast<std::size_t>(s)]);
      reward(s) = outcome.payoffs[i];
      for (const auto& [to, p] : outcome.next) system(s, static_cast<Eigen::Index>(to)) -= game.discount(i) * p;
    }
    auto solution = solve_square<Scalar>(std::move(system), std::move(reward));
    if (!solution) return false;
    values.col(static_cast<Eigen::Index>(i)) = *solution;
  }
  Scalar tolerance = scalar_traits<Scalar>::tolerance();
  if constexpr (!is_exact_v<Scalar>) tolerance *= std::max(1.0, values.cwiseAbs().maxCoeff());
  for (std::size_t s = 0; s < game.num_states(); ++s) {
    const auto& state = game.state(s);
    const auto profile = state.profile_at(chosen[s]);
    for (std::size_t i = 0; i < n; ++i) {
      auto deviation = profile;
      for (std::size_t a = 0; a < state.actions[i].size(); ++a) {
        if (a == profile[i]) continue;
        deviation[i] = a;
        const Scalar q = outcome_value(game, state.outcomes[state.profile_index(deviation)], i, values);
        if (q - values(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(i)) > tolerance) return false;
      }
    }
  }
  return true;
}

}  // namespace detail

/// Every pure stationary Markov perfect equilibrium (complete unless the
/// options stop the run), with its values.
template <scalar Scalar>
[[nodiscard]] pure_stationary_enumeration_result<Scalar> pure_stationary_enumeration(
    const stochastic_game<Scalar>& game, const pure_stationary_enumeration_options<Scalar>& options = {}) {
  const auto start = std::chrono::steady_clock::now();
  pure_stationary_enumeration_result<Scalar> result;
  result.exact = is_exact_v<Scalar>;
  const std::size_t n = game.num_players();
  const std::size_t S = game.num_states();
  const auto alive = detail::surviving_actions(game, options.prune, result.actions_pruned);

  // The remaining action profiles of each state, as outcome indices.
  std::vector<std::vector<std::size_t>> choices(S);
  result.profiles_total = 1;
  for (std::size_t s = 0; s < S; ++s) {
    const auto& state = game.state(s);
    result.profiles_total *= static_cast<double>(state.num_profiles());
    std::vector<std::size_t> pos(n, 0), profile(n);
    while (true) {
      for (std::size_t i = 0; i < n; ++i) profile[i] = alive[s][i][pos[i]];
      choices[s].push_back(state.profile_index(profile));
      std::size_t i = 0;
      for (; i < n && ++pos[i] == alive[s][i].size(); ++i) pos[i] = 0;
      if (i == n) break;
    }
  }
  std::size_t total = 1;
  for (const auto& c : choices) {
    if (total > std::numeric_limits<std::size_t>::max() / c.size())
      throw invalid_argument("pure_stationary_enumeration: more than 2^64 pure stationary profiles remain after pruning");
    total *= c.size();
  }
  result.profiles_after_pruning = total;

  const std::size_t threads = std::max<std::size_t>(
      1, std::min<std::size_t>(options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency()),
                               (total + 63) / 64));
  constexpr std::size_t block = 64;
  std::atomic<std::size_t> next_block{0}, checked{0}, found{0};
  std::atomic<bool> cancelled{false}, limited{false};
  std::mutex mutex;
  std::vector<std::pair<std::size_t, markov_perfect_equilibrium<Scalar>>> equilibria;
  // An exception in a pool thread would call std::terminate: the first one
  // is kept, the others stop at their next block, and it is rethrown here.
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  const auto search = [&](bool reporter) {
    std::vector<std::size_t> chosen(S);
    matrix<Scalar> values;
    while (true) {
      if (options.stop_token.stop_requested()) {
        cancelled = true;
        return;
      }
      if (limited || failed) return;
      if (reporter) detail::report_progress(options.on_progress, checked, total, "profiles");
      const std::size_t first = next_block.fetch_add(1) * block;
      if (first >= total) return;
      const std::size_t last = std::min(total, first + block);
      for (std::size_t index = first; index < last; ++index) {
        std::size_t rest = index;
        for (std::size_t s = 0; s < S; ++s) {
          chosen[s] = choices[s][rest % choices[s].size()];
          rest /= choices[s].size();
        }
        if (detail::pure_profile_is_markov_perfect(game, chosen, values)) {
          std::vector<std::vector<std::size_t>> actions(S);
          for (std::size_t s = 0; s < S; ++s) actions[s] = game.state(s).profile_at(chosen[s]);
          markov_perfect_equilibrium<Scalar> eq{pure_stationary_profile<Scalar>(game, actions), values};
          std::scoped_lock lock(mutex);
          equilibria.emplace_back(index, std::move(eq));
          if (detail::limit_hit(++found, options.max_equilibria)) limited = true;
        }
      }
      checked += last - first;
    }
  };
  const auto work = [&](bool reporter) {
    try {
      search(reporter);
    } catch (...) {
      std::scoped_lock lock(mutex);
      if (!failure) failure = std::current_exception();
      failed = true;
    }
  };
  {
    std::vector<std::jthread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work, false);
    work(true);
  }
  if (failure) std::rethrow_exception(failure);
  std::sort(equilibria.begin(), equilibria.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  // A list cut to max_equilibria is not complete, even when every profile was checked.
  const bool cut = options.max_equilibria != no_limit && equilibria.size() > options.max_equilibria;
  if (cut) equilibria.resize(options.max_equilibria);
  for (auto& e : equilibria) {
    if (options.on_equilibrium) options.on_equilibrium(e.second);
    if (!result.exact) result.error_bound = std::max(result.error_bound, relative_gain(game, e.second.strategies));
    result.equilibria.push_back(std::move(e.second));
  }
  result.profiles_checked = checked;
  result.status = cancelled ? run_status::cancelled
                  : cut || (limited && result.profiles_checked < total) ? run_status::limit_reached
                                                               : run_status::complete;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.profiles_per_second = result.seconds > 0 ? static_cast<double>(result.profiles_checked) / result.seconds : 0;
  return result;
}

}  // namespace impasse
