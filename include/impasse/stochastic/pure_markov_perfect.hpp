// Every pure stationary Markov perfect equilibrium of a discounted
// stochastic game, by enumeration of the pure stationary profiles with
// pruning, in parallel.
//
// Pruning: action a of player i in state s is dropped when another action
// a' beats it against every remaining action profile of the others by more
// than the continuation can make up: u_i(a', b) - u_i(a, b) >
// delta_i * TV(p(.|a', b), p(.|a, b)) * R_i, with TV the total-variation
// distance of the next-state distributions and R_i the range of player i's
// possible values ((max u_i - min u_i) / (1 - delta_i)). Such an action is
// never a best response to any continuation values, so no equilibrium
// plays it; the elimination is iterated. (With a single state the test is
// strict dominance in the stage game.)
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
#include <atomic>
#include <chrono>
#include <cstddef>
#include <limits>
#include <mutex>
#include <stop_token>
#include <thread>
#include <utility>
#include <vector>

namespace impasse {

struct pure_markov_perfect_options {
  /// Stop after this many equilibria (`limit_reached`).
  std::size_t max_equilibria = std::numeric_limits<std::size_t>::max();
  /// Worker threads; 0: one per hardware thread.
  std::size_t threads = 0;
  /// Drop actions that can never be best responses (see above).
  bool prune = true;
  std::stop_token stop_token = {};
};

template <scalar Scalar>
struct pure_markov_perfect_result {
  /// The equilibria, in the order of their profiles (state 1's action
  /// profile varying fastest, each as numbered in its state).
  std::vector<markov_perfect_equilibrium<Scalar>> equilibria;
  run_status status = run_status::complete;
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

// The actions of each (state, player) that survive the pruning.
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
  std::vector<Scalar> range(n);
  for (std::size_t i = 0; i < n; ++i) {
    Scalar low = game.outcome(0, 0).payoffs[i], high = low;
    for (const auto& st : game.states())
      for (const auto& o : st.outcomes) {
        low = std::min(low, o.payoffs[i]);
        high = std::max(high, o.payoffs[i]);
      }
    range[i] = (high - low) / (Scalar(1) - game.discount(i));
  }
  const auto variation = [&](const stochastic_outcome<Scalar>& x, const stochastic_outcome<Scalar>& y) {
    // sum over states of max(p_x - p_y, 0)
    Scalar total(0);
    for (const auto& [to, p] : x.next) {
      Scalar q(0);
      for (const auto& [to2, p2] : y.next)
        if (to2 == to) q = p2;
      if (p > q) total += p - q;
    }
    return total;
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
              const Scalar margin = with_b.payoffs[i] - with_a.payoffs[i] -
                                    game.discount(i) * variation(with_b, with_a) * range[i];
              if constexpr (is_exact_v<Scalar>) {
                if (!(margin > Scalar(0))) beats = false;
              } else {
                if (!(margin > scalar_traits<Scalar>::tolerance() * (Scalar(1) + range[i]))) beats = false;
              }
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
              changed = true;
              break;
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
[[nodiscard]] pure_markov_perfect_result<Scalar> pure_markov_perfect_equilibria(
    const stochastic_game<Scalar>& game, const pure_markov_perfect_options& options = {}) {
  const auto start = std::chrono::steady_clock::now();
  pure_markov_perfect_result<Scalar> result;
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
      throw invalid_argument("pure_markov_perfect_equilibria: more than 2^64 pure stationary profiles remain after pruning");
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
  const auto work = [&] {
    std::vector<std::size_t> chosen(S);
    matrix<Scalar> values;
    while (true) {
      if (options.stop_token.stop_requested()) {
        cancelled = true;
        return;
      }
      if (limited) return;
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
          if (++found >= options.max_equilibria) limited = true;
        }
      }
      checked += last - first;
    }
  };
  {
    std::vector<std::jthread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
  }
  std::sort(equilibria.begin(), equilibria.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  if (equilibria.size() > options.max_equilibria) equilibria.resize(options.max_equilibria);
  for (auto& e : equilibria) result.equilibria.push_back(std::move(e.second));
  result.profiles_checked = checked;
  result.status = cancelled ? run_status::cancelled
                  : limited && result.profiles_checked < total ? run_status::limit_reached
                                                               : run_status::complete;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.profiles_per_second = result.seconds > 0 ? static_cast<double>(result.profiles_checked) / result.seconds : 0;
  return result;
}

}  // namespace impasse
