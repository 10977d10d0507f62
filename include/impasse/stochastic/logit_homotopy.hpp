// A stationary Markov perfect equilibrium of a discounted stochastic game,
// mixed if need be, by following the logit quantal-response homotopy.
//
// The path starts at lambda = 0 (everyone mixing uniformly) and follows the
// stationary logit equilibria sigma_{s,i}(a) proportional to
// exp(lambda Q_{s,i}(a; sigma, V)), with V_{s,i} = sum_a sigma_{s,i}(a)
// Q_{s,i}(a), as lambda grows; limit points as lambda -> infinity are Markov
// perfect equilibria (McKelvey and Palfrey 1995 for normal-form games;
// Eibelshaeuser and Poensgen, "Markov quantal response equilibrium and a
// homotopy method for computing and selecting Markov perfect equilibria of
// dynamic stochastic games", 2019, whose sgamesolver does this). Unknowns are
// the log-probabilities, the values and lambda; the path is followed by
// predictor-corrector continuation in arclength (tangent from the null space
// of the Jacobian, Euler predictor, chord-Newton corrector orthogonal to the
// tangent, adaptive steps; Allgower and Georg, Numerical Continuation
// Methods, 1990). Each step factors one dense bordered Jacobian of size
// (sum of action counts + states x players + 1): O(K^3) for K unknowns, and
// reuses it for the next tangent.
//
// Once lambda is large, the support is guessed (actions of probability
// above a threshold) and Newton's method solves the equilibrium conditions
// on that support (Q = V on the support, probabilities summing to one);
// the end point is accepted only if the one-shot deviation check passes
// (gain below `tolerance`). In rationals the end point is then polished:
// the probabilities are guessed as simple fractions, and, for two players,
// the values are guessed and each state's indifference equations solved
// exactly; the result is `exact` only if the exact one-shot deviation check
// gives zero. Everything before the polishing runs in double.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/result.hpp>
#include <impasse/detail/linear_system.hpp>
#include <impasse/stochastic/game.hpp>
#include <impasse/stochastic/markov_perfect.hpp>

#include <Eigen/Dense>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <functional>
#include <string>
#include <type_traits>
#include <limits>
#include <optional>
#include <stop_token>
#include <vector>

namespace impasse {

/// Options of `logit_homotopy`.
template <scalar Scalar>
struct logit_homotopy_options {
  /// Largest one-shot deviation gain accepted (in double), relative to the
  /// payoff range (at least 1): payoffs that span less than 1 are divided by
  /// their range first, which changes neither the equilibria nor the path
  /// (see core/tolerance.hpp).
  double tolerance = 1e-9;
  /// Give up (`limit_reached`) when the path reaches this lambda without an
  /// end point that passes the check.
  double max_lambda = 1e7;
  /// Give up (`limit_reached`) after this many path steps; 0: no limit.
  std::size_t max_steps = 100'000;
  /// First step length (in arclength).
  double initial_step = 0.1;
  /// In rationals: try to make the end point exact.
  bool polish = true;
  /// Called with the equilibrium at the end of the path.
  std::function<void(const markov_perfect_equilibrium<Scalar>&)> on_equilibrium = {};
  /// Checked before every step (status `cancelled`).
  std::stop_token stop_token = {};
  /// Path steps taken, every 16 (the total is not known in advance).
  progress_callback on_progress = {};
};

/// Result of `logit_homotopy`. `exact` (rationals only) when the end point
/// was polished and its exact one-shot deviation gain is zero; otherwise the
/// numbers are those of the double path (converted, in rationals) and
/// `error_bound` is their largest one-shot gain relative to the range of the
/// values (`relative_gain`). Status `failed` (with `reason`) when the path
/// could not be followed (no tangent, or the corrector did not converge).
template <scalar Scalar>
struct logit_homotopy_result : run_report {
  /// The equilibrium at the end of the path, with its values: one when
  /// `complete`, none otherwise.
  std::vector<markov_perfect_equilibrium<Scalar>> equilibria;
  /// The largest one-shot deviation gain of the end point, in double, in the
  /// game's own payoffs; without an equilibrium, the smallest such gain of
  /// the points tried on the path (infinite if none could be tried).
  double max_gain = 0;
  /// Path steps taken (accepted predictor-corrector steps), Jacobians factored, final lambda.
  std::size_t steps = 0;
  std::size_t factorisations = 0;
  double lambda = 0;
  double seconds = 0;
};

namespace detail {

class logit_path {
 public:
  explicit logit_path(const stochastic_game<double>& game) : game_(game), n_(game.num_players()), S_(game.num_states()) {
    offset_.resize(S_);
    for (std::size_t s = 0; s < S_; ++s)
      for (std::size_t i = 0; i < n_; ++i) {
        offset_[s].push_back(actions_);
        actions_ += game.num_actions(s, i);
      }
    unknowns_ = actions_ + S_ * n_;
  }

  [[nodiscard]] std::size_t unknowns() const { return unknowns_; }
  [[nodiscard]] std::size_t value_index(std::size_t s, std::size_t i) const { return actions_ + s * n_ + i; }
  [[nodiscard]] std::size_t action_index(std::size_t s, std::size_t i, std::size_t a) const { return offset_[s][i] + a; }

  // Q-values and their derivatives in one state, given all probabilities
  // (flat, by action_index) and values.
  struct state_derivatives {
    std::vector<std::vector<double>> q;                 // [i][a]
    Eigen::MatrixXd dq_dsigma;                          // rows (i, a) local, cols (j, b) local
    std::vector<std::vector<std::vector<std::pair<std::size_t, double>>>> dq_dv;  // [i][a] -> (s', d) (V of player i)
  };

  void derivatives(std::size_t s, const Eigen::VectorXd& sigma, const Eigen::VectorXd& values,
                   state_derivatives& out) const {
    const auto& state = game_.state(s);
    const std::size_t local = offset_[s].back() + state.actions.back().size() - offset_[s][0];
    out.q.assign(n_, {});
    out.dq_dv.assign(n_, {});
    for (std::size_t i = 0; i < n_; ++i) {
      out.q[i].assign(state.actions[i].size(), 0.0);
      out.dq_dv[i].assign(state.actions[i].size(), {});
    }
    out.dq_dsigma = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(local), static_cast<Eigen::Index>(local));
    const std::size_t base = offset_[s][0];
    std::vector<std::size_t> a(n_, 0);
    std::vector<double> p(n_);
    std::vector<std::vector<double>> dv(n_, std::vector<double>(S_, 0.0));
    std::vector<std::vector<std::vector<double>>> dv_acc(n_);
    for (std::size_t i = 0; i < n_; ++i) dv_acc[i].assign(state.actions[i].size(), std::vector<double>(S_, 0.0));
    for (std::size_t index = 0; index < state.num_profiles(); ++index) {
      const auto& outcome = state.outcomes[index];
      for (std::size_t i = 0; i < n_; ++i) p[i] = sigma(static_cast<Eigen::Index>(offset_[s][i] + a[i]));
      for (std::size_t i = 0; i < n_; ++i) {
        double w = outcome.payoffs[i];
        for (const auto& [to, pr] : outcome.next) w += game_.discount(i) * pr * values(static_cast<Eigen::Index>(value_index(to, i)));
        double others = 1;
        for (std::size_t k = 0; k < n_; ++k)
          if (k != i) others *= p[k];
        out.q[i][a[i]] += others * w;
        for (const auto& [to, pr] : outcome.next) dv_acc[i][a[i]][to] += others * game_.discount(i) * pr;
        const auto row = static_cast<Eigen::Index>(offset_[s][i] + a[i] - base);
        for (std::size_t j = 0; j < n_; ++j) {
          if (j == i) continue;
          double rest = 1;
          for (std::size_t k = 0; k < n_; ++k)
            if (k != i && k != j) rest *= p[k];
          out.dq_dsigma(row, static_cast<Eigen::Index>(offset_[s][j] + a[j] - base)) += rest * w;
        }
      }
      for (std::size_t i = 0; i < n_ && ++a[i] == state.actions[i].size(); ++i) a[i] = 0;
    }
    for (std::size_t i = 0; i < n_; ++i)
      for (std::size_t b = 0; b < state.actions[i].size(); ++b)
        for (std::size_t t = 0; t < S_; ++t)
          if (dv_acc[i][b][t] != 0) out.dq_dv[i][b].emplace_back(t, dv_acc[i][b][t]);
  }

  // H(x) and its Jacobian (unknowns x unknowns+1; the last column is d/dlambda).
  void evaluate(const Eigen::VectorXd& x, Eigen::VectorXd& h, Eigen::MatrixXd& jacobian) const {
    const auto m = static_cast<Eigen::Index>(unknowns_);
    const double lambda = x(m);
    Eigen::VectorXd sigma = x.head(static_cast<Eigen::Index>(actions_)).array().exp();
    h.setZero(m);
    jacobian.setZero(m, m + 1);
    state_derivatives d;
    for (std::size_t s = 0; s < S_; ++s) {
      derivatives(s, sigma, x, d);
      const std::size_t base = offset_[s][0];
      for (std::size_t i = 0; i < n_; ++i) {
        const std::size_t count = game_.num_actions(s, i);
        const auto first = static_cast<Eigen::Index>(offset_[s][i]);
        // Row first: probabilities sum to one.
        double total = 0;
        for (std::size_t a = 0; a < count; ++a) {
          const auto col = first + static_cast<Eigen::Index>(a);
          total += sigma(col);
          jacobian(first, col) = sigma(col);
        }
        h(first) = total - 1;
        // Rows first + a: log-odds against action 0 follow lambda times the Q-difference.
        for (std::size_t a = 1; a < count; ++a) {
          const auto row = first + static_cast<Eigen::Index>(a);
          h(row) = x(row) - x(first) - lambda * (d.q[i][a] - d.q[i][0]);
          jacobian(row, row) += 1;
          jacobian(row, first) -= 1;
          jacobian(row, m) = -(d.q[i][a] - d.q[i][0]);
          for (std::size_t j = 0; j < n_; ++j) {
            if (j == i) continue;
            for (std::size_t b = 0; b < game_.num_actions(s, j); ++b) {
              const auto col = static_cast<Eigen::Index>(offset_[s][j] + b);
              const auto lc = static_cast<Eigen::Index>(offset_[s][j] + b - base);
              const double dq = d.dq_dsigma(static_cast<Eigen::Index>(offset_[s][i] + a - base), lc) -
                                d.dq_dsigma(static_cast<Eigen::Index>(offset_[s][i] - base), lc);
              jacobian(row, col) -= lambda * dq * sigma(col);
            }
          }
          for (const auto& [t, dv] : d.dq_dv[i][a]) jacobian(row, static_cast<Eigen::Index>(value_index(t, i))) -= lambda * dv;
          for (const auto& [t, dv] : d.dq_dv[i][0]) jacobian(row, static_cast<Eigen::Index>(value_index(t, i))) += lambda * dv;
        }
        // Value row: V = sum_a sigma_a Q_a.
        const auto vrow = static_cast<Eigen::Index>(value_index(s, i));
        double expected = 0;
        for (std::size_t a = 0; a < count; ++a) expected += sigma(first + static_cast<Eigen::Index>(a)) * d.q[i][a];
        h(vrow) = x(vrow) - expected;
        jacobian(vrow, vrow) += 1;
        for (std::size_t a = 0; a < count; ++a) {
          const auto col = first + static_cast<Eigen::Index>(a);
          jacobian(vrow, col) -= sigma(col) * d.q[i][a];
          for (const auto& [t, dv] : d.dq_dv[i][a])
            jacobian(vrow, static_cast<Eigen::Index>(value_index(t, i))) -= sigma(col) * dv;
          for (std::size_t j = 0; j < n_; ++j) {
            if (j == i) continue;
            for (std::size_t b = 0; b < game_.num_actions(s, j); ++b) {
              const auto c = static_cast<Eigen::Index>(offset_[s][j] + b);
              jacobian(vrow, c) -= sigma(col) *
                                   d.dq_dsigma(static_cast<Eigen::Index>(offset_[s][i] + a - base),
                                               static_cast<Eigen::Index>(offset_[s][j] + b - base)) *
                                   sigma(c);
            }
          }
        }
      }
    }
  }

  // Newton's method on the equilibrium conditions restricted to a support
  // (Q = V on it, probabilities summing to one, zero off it). Returns the
  // probabilities (flat) and values, or nothing if Newton fails.
  [[nodiscard]] std::optional<std::pair<Eigen::VectorXd, Eigen::VectorXd>> solve_on_support(
      Eigen::VectorXd sigma, Eigen::VectorXd values, const std::vector<bool>& support) const {
    // Unknowns: sigma on the support, then every value.
    std::vector<std::size_t> position(actions_, actions_);
    std::size_t k = 0;
    for (std::size_t c = 0; c < actions_; ++c)
      if (support[c]) position[c] = k++;
      else sigma(static_cast<Eigen::Index>(c)) = 0;
    const std::size_t size = k + S_ * n_;
    const auto vpos = [&](std::size_t s, std::size_t i) { return static_cast<Eigen::Index>(k + s * n_ + i); };
    state_derivatives d;
    for (int iteration = 0; iteration < 50; ++iteration) {
      Eigen::VectorXd f = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(size));
      Eigen::MatrixXd jac = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(size), static_cast<Eigen::Index>(size));
      std::size_t row = 0;
      for (std::size_t s = 0; s < S_; ++s) {
        derivatives(s, sigma, values, d);
        const std::size_t base = offset_[s][0];
        for (std::size_t i = 0; i < n_; ++i) {
          // sum of probabilities
          double total = 0;
          for (std::size_t a = 0; a < game_.num_actions(s, i); ++a) {
            const std::size_t c = offset_[s][i] + a;
            if (!support[c]) continue;
            total += sigma(static_cast<Eigen::Index>(c));
            jac(static_cast<Eigen::Index>(row), static_cast<Eigen::Index>(position[c])) = 1;
          }
          f(static_cast<Eigen::Index>(row++)) = total - 1;
          for (std::size_t a = 0; a < game_.num_actions(s, i); ++a) {
            const std::size_t c = offset_[s][i] + a;
            if (!support[c]) continue;
            const auto r = static_cast<Eigen::Index>(row++);
            f(r) = d.q[i][a] - values(static_cast<Eigen::Index>(value_index(s, i)));
            jac(r, vpos(s, i)) -= 1;
            for (const auto& [t, dv] : d.dq_dv[i][a]) jac(r, vpos(t, i)) += dv;
            for (std::size_t j = 0; j < n_; ++j) {
              if (j == i) continue;
              for (std::size_t b = 0; b < game_.num_actions(s, j); ++b) {
                const std::size_t cb = offset_[s][j] + b;
                if (!support[cb]) continue;
                jac(r, static_cast<Eigen::Index>(position[cb])) +=
                    d.dq_dsigma(static_cast<Eigen::Index>(c - base), static_cast<Eigen::Index>(cb - base));
              }
            }
          }
        }
      }
      const double residual = f.cwiseAbs().maxCoeff();
      if (!std::isfinite(residual)) return std::nullopt;
      if (residual < 1e-13 * std::max(1.0, values.cwiseAbs().maxCoeff())) return std::make_pair(sigma, values);
      const Eigen::PartialPivLU<Eigen::MatrixXd> lu(jac);
      const Eigen::VectorXd step = lu.solve(-f);
      if (!step.allFinite()) return std::nullopt;
      for (std::size_t c = 0; c < actions_; ++c)
        if (support[c]) sigma(static_cast<Eigen::Index>(c)) += step(static_cast<Eigen::Index>(position[c]));
      for (std::size_t s = 0; s < S_; ++s)
        for (std::size_t i = 0; i < n_; ++i) values(static_cast<Eigen::Index>(value_index(s, i))) += step(vpos(s, i));
    }
    return std::nullopt;
  }

  [[nodiscard]] stationary_profile<double> to_profile(const Eigen::VectorXd& sigma) const {
    stationary_profile<double> out;
    for (std::size_t s = 0; s < S_; ++s) {
      mixed_profile<double> p(game_.state(s).action_counts());
      for (std::size_t i = 0; i < n_; ++i)
        for (std::size_t a = 0; a < game_.num_actions(s, i); ++a)
          p(i, a) = sigma(static_cast<Eigen::Index>(offset_[s][i] + a));
      out.push_back(std::move(p));
    }
    return out;
  }

  [[nodiscard]] std::size_t num_actions_total() const { return actions_; }

 private:
  const stochastic_game<double>& game_;
  std::size_t n_, S_;
  std::vector<std::vector<std::size_t>> offset_;
  std::size_t actions_ = 0;
  std::size_t unknowns_ = 0;
};

// Exact polishing (rationals): simple fractions near the double profile,
// made to sum to one exactly; then, for two players, exact solutions of the
// indifference equations given simple fractions near the values.
inline std::optional<stationary_profile<rational>> polish_exactly(const stochastic_game<rational>& game,
                                                                  const stationary_profile<double>& profile,
                                                                  const matrix<double>& values) {
  const auto round_profile = [&](double tolerance) {
    stationary_profile<rational> out;
    for (std::size_t s = 0; s < game.num_states(); ++s) {
      mixed_profile<rational> p(game.state(s).action_counts());
      for (std::size_t i = 0; i < game.num_players(); ++i) {
        rational total(0);
        std::size_t largest = 0;
        for (std::size_t a = 0; a < p.num_strategies(i); ++a) {
          const double x = profile[s](i, a);
          p(i, a) = x < tolerance ? rational(0) : nearby_rational(x, tolerance);
          total += p(i, a);
          if (profile[s](i, a) > profile[s](i, largest)) largest = a;
        }
        p(i, largest) += 1 - total;
        if (p(i, largest) < 0) return std::optional<stationary_profile<rational>>();
      }
      out.push_back(std::move(p));
    }
    return std::optional<stationary_profile<rational>>(std::move(out));
  };
  for (const double tolerance : {1e-9, 1e-7, 1e-5}) {
    auto guess = round_profile(tolerance);
    if (guess && max_one_shot_deviation_gain(game, *guess) == 0) return guess;
  }
  if (game.num_players() != 2) return std::nullopt;
  // Two players: given exact values V, player j's strategy in state s makes
  // player i (i != j) indifferent over i's support: a linear system.
  for (const double tolerance : {1e-9, 1e-7}) {
    matrix<rational> v(values.rows(), values.cols());
    for (Eigen::Index s = 0; s < values.rows(); ++s)
      for (Eigen::Index i = 0; i < values.cols(); ++i)
        v(s, i) = nearby_rational(values(s, i), tolerance * std::max(1.0, std::abs(values(s, i))));
    stationary_profile<rational> out;
    bool ok = true;
    for (std::size_t s = 0; s < game.num_states() && ok; ++s) {
      const auto stage = stage_game(game, s, v);
      mixed_profile<rational> p(stage.strategy_counts());
      for (std::size_t i = 0; i < 2 && ok; ++i) {
        const std::size_t j = 1 - i;
        std::vector<std::size_t> support_i, support_j;
        for (std::size_t a = 0; a < stage.num_strategies(i); ++a)
          if (profile[s](i, a) > 1e-7) support_i.push_back(a);
        for (std::size_t b = 0; b < stage.num_strategies(j); ++b)
          if (profile[s](j, b) > 1e-7) support_j.push_back(b);
        if (support_i.size() != support_j.size()) {
          ok = false;
          break;
        }
        // Unknowns: j's probabilities on its support. Rows: i's payoff on each
        // of its support actions equals V(s, i); the probabilities sum to one
        // (one row replaced: the equal-payoff rows are then k - 1 differences).
        const auto k = static_cast<Eigen::Index>(support_j.size());
        matrix<rational> system = matrix<rational>::Zero(k, k);
        vector<rational> right = vector<rational>::Zero(k);
        std::vector<std::size_t> profile_ij(2);
        for (Eigen::Index r = 0; r < k; ++r) {
          for (Eigen::Index c = 0; c < k; ++c) {
            profile_ij[i] = support_i[static_cast<std::size_t>(r)];
            profile_ij[j] = support_j[static_cast<std::size_t>(c)];
            system(r, c) = stage.payoff(i, profile_ij);
          }
          right(r) = v(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(i));
        }
        const auto z = solve_square<rational>(std::move(system), std::move(right));
        if (!z) {
          ok = false;
          break;
        }
        for (Eigen::Index c = 0; c < k; ++c) {
          if ((*z)(c) < 0) ok = false;
          p(j, support_j[static_cast<std::size_t>(c)]) = (*z)(c);
        }
      }
      out.push_back(std::move(p));
    }
    if (!ok) continue;
    bool sums = true;
    for (std::size_t s = 0; s < out.size(); ++s)
      for (std::size_t i = 0; i < 2; ++i) {
        rational total(0);
        for (std::size_t a = 0; a < out[s].num_strategies(i); ++a) total += out[s](i, a);
        if (total != 1) sums = false;
      }
    if (sums && max_one_shot_deviation_gain(game, out) == 0) return out;
  }
  return std::nullopt;
}

/// `game` with every payoff divided by the payoff range (largest minus
/// smallest payoff of any player): the same Markov perfect
/// equilibria and the same logit path, with lambda multiplied by that range,
/// so that the path's limits and tolerances do not depend on the payoffs'
/// unit. Without it, payoffs scaled by 1e-6 need a lambda 10^6 times larger
/// and payoffs scaled by 1e-9 pass any absolute gain threshold.
inline stochastic_game<double> payoffs_on_unit_range(const stochastic_game<double>& game) {
  const double range = stochastic_payoff_range(game);
  if (!(range > 0)) return game;
  auto states = game.states();
  for (auto& st : states)
    for (auto& o : st.outcomes)
      for (double& u : o.payoffs) u /= range;
  return stochastic_game<double>(game.players(), std::move(states), game.discounts(), game.initial_state(),
                                 game.title());
}

}  // namespace detail

/// Follows the logit homotopy to a stationary Markov perfect equilibrium.
/// `status` is complete when an end point passed the check, limit_reached
/// when max_lambda or max_steps ran out, cancelled through the stop token,
/// failed when the path could not be followed.
template <scalar Scalar>
[[nodiscard]] logit_homotopy_result<Scalar> logit_homotopy(
    const stochastic_game<Scalar>& game, const std::type_identity_t<logit_homotopy_options<Scalar>>& options = {}) {
  const auto start = std::chrono::steady_clock::now();
  logit_homotopy_result<Scalar> result;
  const stochastic_game<double> original = convert<double>(game);
  // Payoffs that span less than 1 are divided by their range (the same path,
  // lambda times the range); larger ones are followed as they are, with the
  // tolerances scaled by the range: either way the gain threshold and the
  // lambda limit are relative to the payoffs' unit (core/tolerance.hpp).
  const double range = stochastic_payoff_range(original);
  const bool rescaled = range > 0 && range < 1;
  const stochastic_game<double> g = rescaled ? detail::payoffs_on_unit_range(original) : original;
  const detail::logit_path path(g);
  const auto m = static_cast<Eigen::Index>(path.unknowns());

  // The start: uniform play and its values, lambda = 0.
  Eigen::VectorXd x(m + 1);
  const auto uniform = uniform_stationary_profile(g);
  const auto start_values = evaluate_stationary_profile(g, uniform);
  for (std::size_t s = 0; s < g.num_states(); ++s)
    for (std::size_t i = 0; i < g.num_players(); ++i) {
      for (std::size_t a = 0; a < g.num_actions(s, i); ++a)
        x(static_cast<Eigen::Index>(path.action_index(s, i, a))) = -std::log(static_cast<double>(g.num_actions(s, i)));
      x(static_cast<Eigen::Index>(path.value_index(s, i))) =
          start_values(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(i));
    }
  x(m) = 0;
  const double scale = rescaled ? 1.0 : std::max(1.0, range);
  result.max_gain = std::numeric_limits<double>::infinity();

  Eigen::VectorXd h, tangent = Eigen::VectorXd::Zero(m + 1);
  tangent(m) = 1;
  Eigen::MatrixXd jacobian, augmented(m + 1, m + 1);
  Eigen::PartialPivLU<Eigen::MatrixXd> corrector;
  double step = options.initial_step;
  double next_polish = 1.0;
  const auto try_end_point = [&](const Eigen::VectorXd& at) -> bool {
    const Eigen::VectorXd sigma = at.head(static_cast<Eigen::Index>(path.num_actions_total())).array().exp();
    std::vector<bool> support(path.num_actions_total());
    for (const auto& threshold : {1e-3, 1e-6}) {
      for (std::size_t c = 0; c < support.size(); ++c) support[c] = sigma(static_cast<Eigen::Index>(c)) > threshold;
      const auto solved = path.solve_on_support(sigma, at, support);
      if (!solved) continue;
      Eigen::VectorXd probabilities = solved->first;
      if ((probabilities.array() < -1e-12).any()) continue;
      probabilities = probabilities.cwiseMax(0.0);
      auto profile = path.to_profile(probabilities);
      for (auto& p : profile)  // renormalise after clipping
        for (std::size_t i = 0; i < p.num_players(); ++i) {
          double total = 0;
          for (std::size_t a = 0; a < p.num_strategies(i); ++a) total += p(i, a);
          for (std::size_t a = 0; a < p.num_strategies(i); ++a) p(i, a) /= total;
        }
      const double gain = max_one_shot_deviation_gain(g, profile);
      const double original_gain = max_one_shot_deviation_gain(original, profile);
      result.max_gain = std::min(result.max_gain, original_gain);
      if (gain <= options.tolerance * scale) {
        const matrix<double> values = evaluate_stationary_profile(original, profile);
        result.max_gain = original_gain;
        result.error_bound = relative_gain(original, profile);
        if constexpr (is_exact_v<Scalar>) {
          std::optional<stationary_profile<rational>> exact;
          if (options.polish) exact = detail::polish_exactly(game, profile, values);
          if (exact) {
            result.exact = true;
            result.max_gain = 0;
            result.error_bound = 0;
            result.equilibria.push_back(
                markov_perfect_equilibrium<rational>{*exact, evaluate_stationary_profile(game, *exact)});
          } else {
            stationary_profile<rational> converted;
            for (const auto& p : profile) converted.push_back(convert<rational>(p));
            result.equilibria.push_back(
                markov_perfect_equilibrium<rational>{converted, values.template cast<rational>()});
          }
        } else {
          result.equilibria.push_back(markov_perfect_equilibrium<double>{profile, values});
        }
        if (options.on_equilibrium) options.on_equilibrium(result.equilibria.back());
        return true;
      }
    }
    return false;
  };

  if (options.stop_token.stop_requested()) {
    result.status = run_status::cancelled;
    return result;
  }
  // lambda = 0 may already be an equilibrium (nobody's choice matters).
  if (try_end_point(x)) {
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
  }
  while (true) {
    if (options.stop_token.stop_requested()) {
      result.status = run_status::cancelled;
      break;
    }
    if (detail::limit_hit(result.steps, options.max_steps) || x(m) > options.max_lambda) {
      result.status = run_status::limit_reached;
      break;
    }
    if (result.steps % 16 == 0) detail::report_progress(options.on_progress, result.steps, 0, "steps");
    // Tangent: null vector of the Jacobian, oriented like the previous one.
    // After the first step the corrector's factorisation (at the last
    // predicted point, bordered by the last tangent) serves: the tangent only
    // sets the predictor's direction, and the corrector fixes what it misses.
    Eigen::VectorXd e = Eigen::VectorXd::Zero(m + 1);
    e(m) = 1;
    Eigen::VectorXd t;
    if (result.steps == 0) {
      path.evaluate(x, h, jacobian);
      augmented.topRows(m) = jacobian;
      augmented.row(m) = tangent.transpose();
      corrector.compute(augmented);
      ++result.factorisations;
    }
    t = corrector.solve(e);
    if (!t.allFinite() || t.norm() == 0) {
      result.status = run_status::failed;
      result.reason = "no tangent to the path at lambda " + std::to_string(x(m));
      break;
    }
    t.normalize();
    if (t.dot(tangent) < 0) t = -t;
    // Predictor and corrector, shortening the step until the corrector converges.
    bool accepted = false;
    Eigen::VectorXd y;
    for (int attempt = 0; attempt < 30 && !accepted; ++attempt) {
      y = x + step * t;
      // Chord iterations: the Jacobian is factored once, at the predicted point.
      int iterations = 0;
      double previous = std::numeric_limits<double>::infinity();
      for (; iterations < 8; ++iterations) {
        path.evaluate(y, h, jacobian);
        if (h.cwiseAbs().maxCoeff() < 1e-10 * scale) break;
        if (iterations == 0) {
          augmented.topRows(m) = jacobian;
          augmented.row(m) = t.transpose();
          corrector.compute(augmented);
          ++result.factorisations;
        }
        Eigen::VectorXd rhs(m + 1);
        rhs.head(m) = -h;
        rhs(m) = 0;
        const Eigen::VectorXd dy = corrector.solve(rhs);
        const double size = dy.norm();
        if (!dy.allFinite() || size > 0.5 * step + 1e-8 || size > 0.7 * previous + 1e-14) {
          iterations = 99;
          break;
        }
        previous = size;
        y += dy;
      }
      if (iterations < 8 && y.allFinite()) {
        accepted = true;
        if (iterations <= 3) step = std::min(step * 1.6, 1e6);
      } else {
        step *= 0.4;
        if (step < 1e-12) break;
      }
    }
    if (!accepted) {
      result.status = run_status::failed;
      result.reason = "the corrector did not converge at lambda " + std::to_string(x(m));
      break;
    }
    x = y;
    tangent = t;
    ++result.steps;
    if (x(m) >= next_polish) {
      next_polish = x(m) * 1.5;
      if (try_end_point(x)) break;
    }
  }
  result.lambda = x(m);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace impasse
