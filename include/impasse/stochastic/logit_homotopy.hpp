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
// Methods, 1990). Each step factors one bordered Jacobian of size
// (sum of action counts + states x players + 1), and reuses it for the next
// tangent: its actions-by-actions part is block diagonal by state, so the
// factorisation eliminates each state's block and then solves the Schur
// complement on the values (see bordered_logit_factorisation), O(sum of
// block sizes cubed + actions x values x block size + values^3) instead of
// the O(K^3) of a dense LU for K unknowns.
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

// The Jacobian of the logit path's equations H, stored by blocks. Unknowns
// are ordered actions (the log-probabilities, state by state), then values
// (state by state, player by player), then lambda; rows are ordered the
// same way (each player's probability-sum row and log-odds rows, then the
// value rows). An action row of state s involves only state s's actions,
// its own player's values and lambda; a value row of state s involves only
// state s's actions and values. So the actions-by-actions part is block
// diagonal, one block of size L_s (the actions of all players in s) per state:
//
//   [ A  B ]   A = diag(A_s): action rows x actions
//   [ C  D ]   B: action rows x (values, lambda), dense in the values when transitions are
//              C: value rows x actions, row (s, i) nonzero only on state s's actions
//              D: value rows x values (their lambda column is zero)
struct logit_jacobian {
  Eigen::MatrixXd blocks;              // A_s in rows base_s .. base_s + L_s, columns 0 .. L_s
  Eigen::MatrixXd action_rows;         // B: actions x (values + 1); the last column is d/dlambda
  Eigen::MatrixXd value_rows_actions;  // C_s in rows s n .. s n + n, columns 0 .. L_s
  Eigen::MatrixXd value_rows;          // D: values x values
};

// x <- lu^-1 x in place, for a block of a larger matrix or vector.
template <class Block>
void lu_solve_in_place(const Eigen::PartialPivLU<Eigen::MatrixXd>& lu, Block&& x) {
  x = lu.permutationP() * x;
  lu.matrixLU().template triangularView<Eigen::UnitLower>().solveInPlace(x);
  lu.matrixLU().template triangularView<Eigen::Upper>().solveInPlace(x);
}

// Factorisation of the bordered Jacobian [dH/dx; b'] (b: the path's tangent
// or the predictor's direction), by the blocks of `logit_jacobian`: each A_s
// is factored on its own (partial pivoting within the block), then the Schur
// complement on the values and lambda, D' - C' A^-1 B', of size states x
// players + 1, where C' and D' carry the border row (block Gaussian
// elimination; Golub and Van Loan, Matrix Computations, 4th ed., 3.2.10).
// Cost O(sum_s L_s^3 + actions x values x L + values^3) instead of O(K^3)
// for K = actions + values + 1: at 64 states x 2 players x 4 actions, 64
// blocks of 8 and a 129 x 129 complement instead of a 641 x 641 matrix.
// Where a block is near singular (estimated reciprocal condition number
// below 1e-9, so that eliminating it first could lose accuracy) the whole
// bordered matrix is factored densely with partial pivoting instead. The
// storage is kept between calls: after the first step, a path step
// allocates nothing.
class bordered_logit_factorisation {
 public:
  bordered_logit_factorisation(std::vector<std::size_t> block_base, std::vector<std::size_t> block_size,
                               std::size_t players)
      : base_(std::move(block_base)), size_(std::move(block_size)), n_(players) {
    actions_ = base_.empty() ? 0 : base_.back() + size_.back();
    values_ = base_.size() * n_;
    blocks_.resize(base_.size());
  }

  // Factors [J; b'] for the Jacobian `j` of `logit_path::evaluate` and a
  // border row b of length actions + values + 1.
  void compute(const logit_jacobian& j, const Eigen::VectorXd& border) {
    const auto ka = static_cast<Eigen::Index>(actions_);
    const auto kv = static_cast<Eigen::Index>(values_);
    dense_ = false;
    for (std::size_t s = 0; s < base_.size() && !dense_; ++s) {
      const auto base = static_cast<Eigen::Index>(base_[s]);
      const auto size = static_cast<Eigen::Index>(size_[s]);
      blocks_[s].compute(j.blocks.block(base, 0, size, size));
      if (!(blocks_[s].rcond() > 1e-9)) dense_ = true;
    }
    if (dense_) {
      compute_dense(j, border);
      return;
    }
    // W = A^-1 B, block by block.
    solved_.resize(ka, kv + 1);
    solved_ = j.action_rows;
    for (std::size_t s = 0; s < base_.size(); ++s)
      lu_solve_in_place(blocks_[s], solved_.middleRows(static_cast<Eigen::Index>(base_[s]),
                                                       static_cast<Eigen::Index>(size_[s])));
    // The Schur complement D' - C' W.
    schur_.resize(kv + 1, kv + 1);
    schur_.topLeftCorner(kv, kv) = j.value_rows;
    schur_.col(kv).head(kv).setZero();
    schur_.row(kv) = border.tail(kv + 1).transpose();
    const auto n = static_cast<Eigen::Index>(n_);
    for (std::size_t s = 0; s < base_.size(); ++s) {
      const auto base = static_cast<Eigen::Index>(base_[s]);
      const auto size = static_cast<Eigen::Index>(size_[s]);
      const auto rows = static_cast<Eigen::Index>(s * n_);
      schur_.middleRows(rows, n).noalias() -=
          j.value_rows_actions.block(rows, 0, n, size) * solved_.middleRows(base, size);
    }
    schur_.row(kv).noalias() -= border.head(ka).transpose() * solved_;
    schur_lu_.compute(schur_);
    coupling_ = j.value_rows_actions;
    border_actions_ = border.head(ka);
  }

  // z = [J; b']^-1 r, for the J and b of the last `compute`.
  void solve(const Eigen::VectorXd& r, Eigen::VectorXd& z) {
    if (dense_) {
      z = dense_lu_.solve(r);
      return;
    }
    const auto ka = static_cast<Eigen::Index>(actions_);
    const auto kv = static_cast<Eigen::Index>(values_);
    const auto n = static_cast<Eigen::Index>(n_);
    z.resize(ka + kv + 1);
    // y = A^-1 r_a, then the complement's right-hand side r_v - C' y.
    z.head(ka) = r.head(ka);
    for (std::size_t s = 0; s < base_.size(); ++s)
      lu_solve_in_place(blocks_[s],
                        z.segment(static_cast<Eigen::Index>(base_[s]), static_cast<Eigen::Index>(size_[s])));
    tail_ = r.tail(kv + 1);
    for (std::size_t s = 0; s < base_.size(); ++s) {
      const auto base = static_cast<Eigen::Index>(base_[s]);
      const auto size = static_cast<Eigen::Index>(size_[s]);
      const auto rows = static_cast<Eigen::Index>(s * n_);
      tail_.segment(rows, n).noalias() -= coupling_.block(rows, 0, n, size) * z.segment(base, size);
    }
    tail_(kv) -= border_actions_.dot(z.head(ka));
    // z_v from the complement, then z_a = y - W z_v.
    z.tail(kv + 1) = schur_lu_.solve(tail_);
    z.head(ka).noalias() -= solved_ * z.tail(kv + 1);
  }

 private:
  void compute_dense(const logit_jacobian& j, const Eigen::VectorXd& border) {
    const auto ka = static_cast<Eigen::Index>(actions_);
    const auto kv = static_cast<Eigen::Index>(values_);
    const auto n = static_cast<Eigen::Index>(n_);
    dense_matrix_.setZero(ka + kv + 1, ka + kv + 1);
    for (std::size_t s = 0; s < base_.size(); ++s) {
      const auto base = static_cast<Eigen::Index>(base_[s]);
      const auto size = static_cast<Eigen::Index>(size_[s]);
      const auto rows = static_cast<Eigen::Index>(s * n_);
      dense_matrix_.block(base, base, size, size) = j.blocks.block(base, 0, size, size);
      dense_matrix_.block(ka + rows, base, n, size) = j.value_rows_actions.block(rows, 0, n, size);
    }
    dense_matrix_.topRightCorner(ka, kv + 1) = j.action_rows;
    dense_matrix_.block(ka, ka, kv, kv) = j.value_rows;
    dense_matrix_.row(ka + kv) = border.transpose();
    dense_lu_.compute(dense_matrix_);
  }

  std::vector<std::size_t> base_, size_;
  std::size_t n_ = 0, actions_ = 0, values_ = 0;
  std::vector<Eigen::PartialPivLU<Eigen::MatrixXd>> blocks_;
  Eigen::MatrixXd solved_, schur_;
  Eigen::PartialPivLU<Eigen::MatrixXd> schur_lu_;
  Eigen::MatrixXd coupling_;  // C of the last compute
  Eigen::VectorXd border_actions_, tail_;
  bool dense_ = false;
  Eigen::MatrixXd dense_matrix_;
  Eigen::PartialPivLU<Eigen::MatrixXd> dense_lu_;
};

class logit_path {
 public:
  explicit logit_path(const stochastic_game<double>& game) : game_(game), n_(game.num_players()), S_(game.num_states()) {
    offset_.resize(S_);
    std::size_t widest = 0;
    for (std::size_t s = 0; s < S_; ++s) {
      block_base_.push_back(actions_);
      for (std::size_t i = 0; i < n_; ++i) {
        offset_[s].push_back(actions_);
        actions_ += game.num_actions(s, i);
      }
      block_size_.push_back(actions_ - block_base_.back());
      widest = std::max(widest, block_size_.back());
    }
    unknowns_ = actions_ + S_ * n_;
    const auto w = static_cast<Eigen::Index>(widest);
    q_.resize(w);
    dq_dsigma_.resize(w, w);
    dq_dv_.resize(w, static_cast<Eigen::Index>(S_));
    profile_.resize(n_);
    p_.resize(n_);
  }

  [[nodiscard]] std::size_t unknowns() const { return unknowns_; }
  [[nodiscard]] std::size_t value_index(std::size_t s, std::size_t i) const { return actions_ + s * n_ + i; }
  [[nodiscard]] std::size_t action_index(std::size_t s, std::size_t i, std::size_t a) const { return offset_[s][i] + a; }

  // The blocks of the Jacobian (one per state) and the matching factorisation.
  [[nodiscard]] logit_jacobian make_jacobian() const {
    const auto ka = static_cast<Eigen::Index>(actions_);
    const auto kv = static_cast<Eigen::Index>(S_ * n_);
    const auto w = q_.size();
    return {Eigen::MatrixXd::Zero(ka, w), Eigen::MatrixXd::Zero(ka, kv + 1), Eigen::MatrixXd::Zero(kv, w),
            Eigen::MatrixXd::Zero(kv, kv)};
  }
  [[nodiscard]] bordered_logit_factorisation make_factorisation() const {
    return bordered_logit_factorisation(block_base_, block_size_, n_);
  }

  // Q-values and their derivatives in state s, given all probabilities
  // (flat, by action_index) and values, into the scratch members, indexed
  // by the local action l = action_index(s, i, a) - action_index(s, 0, 0):
  // q_(l) = Q_{s,i}(a); dq_dsigma_(l, l') = dQ_{s,i}(a)/dsigma_{s,j}(b) for
  // j != i; dq_dv_(l, t) = dQ_{s,i}(a)/dV_{t,i}. Cost O(profiles x players
  // x (players + next states)). With `only_q`, q_ alone (half the cost).
  void derivatives(std::size_t s, const Eigen::VectorXd& sigma, const Eigen::VectorXd& values,
                   bool only_q = false) const {
    const auto& state = game_.state(s);
    const auto local = static_cast<Eigen::Index>(block_size_[s]);
    q_.head(local).setZero();
    if (!only_q) {
      dq_dsigma_.topLeftCorner(local, local).setZero();
      dq_dv_.topRows(local).setZero();
    }
    const std::size_t base = offset_[s][0];
    std::fill(profile_.begin(), profile_.end(), 0);
    for (std::size_t index = 0; index < state.num_profiles(); ++index) {
      const auto& outcome = state.outcomes[index];
      for (std::size_t i = 0; i < n_; ++i) p_[i] = sigma(static_cast<Eigen::Index>(offset_[s][i] + profile_[i]));
      for (std::size_t i = 0; i < n_; ++i) {
        double w = outcome.payoffs[i];
        for (const auto& [to, pr] : outcome.next) w += game_.discount(i) * pr * values(static_cast<Eigen::Index>(value_index(to, i)));
        double others = 1;
        for (std::size_t k = 0; k < n_; ++k)
          if (k != i) others *= p_[k];
        const auto row = static_cast<Eigen::Index>(offset_[s][i] + profile_[i] - base);
        q_(row) += others * w;
        if (only_q) continue;
        for (const auto& [to, pr] : outcome.next) dq_dv_(row, static_cast<Eigen::Index>(to)) += others * game_.discount(i) * pr;
        for (std::size_t j = 0; j < n_; ++j) {
          if (j == i) continue;
          double rest = 1;
          for (std::size_t k = 0; k < n_; ++k)
            if (k != i && k != j) rest *= p_[k];
          dq_dsigma_(row, static_cast<Eigen::Index>(offset_[s][j] + profile_[j] - base)) += rest * w;
        }
      }
      for (std::size_t i = 0; i < n_ && ++profile_[i] == state.actions[i].size(); ++i) profile_[i] = 0;
    }
  }

  // H(x) and, if `jacobian` is given, its Jacobian (the lambda column
  // included) by blocks. Cost O(sum over states of profiles x players x
  // (players + next states) + actions x states): no dense K x K matrix.
  void evaluate(const Eigen::VectorXd& x, Eigen::VectorXd& h, logit_jacobian* jacobian) const {
    const auto m = static_cast<Eigen::Index>(unknowns_);
    const auto ka = static_cast<Eigen::Index>(actions_);
    const double lambda = x(m);
    sigma_ = x.head(ka).array().exp();
    const Eigen::VectorXd& sigma = sigma_;
    h.resize(m);
    if (jacobian) {
      jacobian->blocks.setZero();
      jacobian->action_rows.setZero();
      jacobian->value_rows_actions.setZero();
      jacobian->value_rows.setZero();
    }
    for (std::size_t s = 0; s < S_; ++s) {
      derivatives(s, sigma, x, jacobian == nullptr);
      const std::size_t base = offset_[s][0];
      const auto vrows = static_cast<Eigen::Index>(s * n_);
      for (std::size_t i = 0; i < n_; ++i) {
        const std::size_t count = game_.num_actions(s, i);
        const auto first = static_cast<Eigen::Index>(offset_[s][i]);
        const auto lfirst = static_cast<Eigen::Index>(offset_[s][i] - base);
        // Row first: probabilities sum to one.
        double total = 0;
        for (std::size_t a = 0; a < count; ++a) {
          const auto col = first + static_cast<Eigen::Index>(a);
          total += sigma(col);
          if (jacobian) jacobian->blocks(first, lfirst + static_cast<Eigen::Index>(a)) = sigma(col);
        }
        h(first) = total - 1;
        // Rows first + a: log-odds against action 0 follow lambda times the Q-difference.
        for (std::size_t a = 1; a < count; ++a) {
          const auto row = first + static_cast<Eigen::Index>(a);
          const auto lrow = lfirst + static_cast<Eigen::Index>(a);
          h(row) = x(row) - x(first) - lambda * (q_(lrow) - q_(lfirst));
          if (!jacobian) continue;
          auto& blocks = jacobian->blocks;
          blocks(row, lrow) += 1;
          blocks(row, lfirst) -= 1;
          auto& others = jacobian->action_rows;
          others(row, static_cast<Eigen::Index>(S_ * n_)) = -(q_(lrow) - q_(lfirst));
          for (std::size_t j = 0; j < n_; ++j) {
            if (j == i) continue;
            for (std::size_t b = 0; b < game_.num_actions(s, j); ++b) {
              const auto col = static_cast<Eigen::Index>(offset_[s][j] + b);
              const auto lc = static_cast<Eigen::Index>(offset_[s][j] + b - base);
              const double dq = dq_dsigma_(lrow, lc) - dq_dsigma_(lfirst, lc);
              blocks(row, lc) -= lambda * dq * sigma(col);
            }
          }
          for (std::size_t t = 0; t < S_; ++t) {
            const auto vc = static_cast<Eigen::Index>(t * n_ + i);
            others(row, vc) -= lambda * dq_dv_(lrow, static_cast<Eigen::Index>(t));
            others(row, vc) += lambda * dq_dv_(lfirst, static_cast<Eigen::Index>(t));
          }
        }
        // Value row: V = sum_a sigma_a Q_a.
        const auto vrow = static_cast<Eigen::Index>(value_index(s, i));
        double expected = 0;
        for (std::size_t a = 0; a < count; ++a) expected += sigma(first + static_cast<Eigen::Index>(a)) * q_(lfirst + static_cast<Eigen::Index>(a));
        h(vrow) = x(vrow) - expected;
        if (!jacobian) continue;
        const auto r = vrows + static_cast<Eigen::Index>(i);
        auto& coupling = jacobian->value_rows_actions;
        auto& values = jacobian->value_rows;
        values(r, r) += 1;
        for (std::size_t a = 0; a < count; ++a) {
          const auto col = first + static_cast<Eigen::Index>(a);
          const auto lcol = lfirst + static_cast<Eigen::Index>(a);
          coupling(r, lcol) -= sigma(col) * q_(lcol);
          for (std::size_t t = 0; t < S_; ++t)
            values(r, static_cast<Eigen::Index>(t * n_ + i)) -= sigma(col) * dq_dv_(lcol, static_cast<Eigen::Index>(t));
          for (std::size_t j = 0; j < n_; ++j) {
            if (j == i) continue;
            for (std::size_t b = 0; b < game_.num_actions(s, j); ++b) {
              const auto c = static_cast<Eigen::Index>(offset_[s][j] + b);
              const auto lc = static_cast<Eigen::Index>(offset_[s][j] + b - base);
              coupling(r, lc) -= sigma(col) * dq_dsigma_(lcol, lc) * sigma(c);
            }
          }
        }
      }
    }
  }

  // Newton's method on the equilibrium conditions restricted to a support
  // (Q = V on it, probabilities summing to one, zero off it). Returns the
  // probabilities (flat) and values, or nothing if Newton fails (50
  // iterations without a residual below 1e-13 relative to the values).
  //
  // State s's n + k_s equations (each player's probability sum, then Q = V
  // on each support action) involve the k_s support probabilities of state s
  // and the values only. Each Newton step therefore eliminates them state by
  // state: a Householder QR of the (n + k_s) x k_s derivative by state s's
  // probabilities leaves n equations in the values alone; the states x
  // players system these make is solved by LU with partial pivoting, and
  // the probabilities by back substitution. Cost O(sum_s (n + k_s)^2 x
  // values + values^3) a step instead of O((support + values)^3). A state
  // whose probability block is rank deficient (a diagonal of R below
  // 1e-12 of its largest) makes the step one dense LU instead.
  [[nodiscard]] std::optional<std::pair<Eigen::VectorXd, Eigen::VectorXd>> solve_on_support(
      Eigen::VectorXd sigma, Eigen::VectorXd values, const std::vector<bool>& support) const {
    // Unknowns: sigma on the support (state by state), then every value.
    std::vector<std::size_t> position(actions_, actions_);
    std::vector<std::size_t> first_in_state(S_ + 1, 0);  // first support position of each state
    std::size_t k = 0;
    for (std::size_t s = 0; s < S_; ++s) {
      first_in_state[s] = k;
      for (std::size_t c = block_base_[s]; c < block_base_[s] + block_size_[s]; ++c)
        if (support[c]) position[c] = k++;
        else sigma(static_cast<Eigen::Index>(c)) = 0;
    }
    first_in_state[S_] = k;
    const auto kv = static_cast<Eigen::Index>(S_ * n_);
    const auto ni = static_cast<Eigen::Index>(n_);
    const std::size_t size = k + S_ * n_;
    const auto vpos = [&](std::size_t s, std::size_t i) { return static_cast<Eigen::Index>(k + s * n_ + i); };
    // Rows of the whole system: state by state, each player's sum row then
    // its support rows; row r of state s is row first_in_state[s] + s n + r.
    Eigen::VectorXd f(static_cast<Eigen::Index>(size)), step(static_cast<Eigen::Index>(size));
    Eigen::MatrixXd own, coupling, reduced(kv, kv), dense;  // per state: d/dsigma_s, d/dV; reduced: values only
    Eigen::VectorXd reduced_rhs(kv);
    std::vector<Eigen::HouseholderQR<Eigen::MatrixXd>> qr(S_);
    std::vector<Eigen::MatrixXd> top_coupling(S_);
    std::vector<Eigen::VectorXd> top_rhs(S_);
    for (int iteration = 0; iteration < 50; ++iteration) {
      bool structured = true;
      for (std::size_t s = 0; s < S_; ++s) {
        derivatives(s, sigma, values);
        const std::size_t base = offset_[s][0];
        const auto ks = static_cast<Eigen::Index>(first_in_state[s + 1] - first_in_state[s]);
        own.setZero(ni + ks, ks);
        coupling.setZero(ni + ks, kv);
        const auto first_row = static_cast<Eigen::Index>(first_in_state[s] + s * n_);
        const auto first_col = static_cast<Eigen::Index>(first_in_state[s]);
        Eigen::Index row = 0;
        for (std::size_t i = 0; i < n_; ++i) {
          // sum of probabilities
          double total = 0;
          for (std::size_t a = 0; a < game_.num_actions(s, i); ++a) {
            const std::size_t c = offset_[s][i] + a;
            if (!support[c]) continue;
            total += sigma(static_cast<Eigen::Index>(c));
            own(row, static_cast<Eigen::Index>(position[c]) - first_col) = 1;
          }
          f(first_row + row++) = total - 1;
          for (std::size_t a = 0; a < game_.num_actions(s, i); ++a) {
            const std::size_t c = offset_[s][i] + a;
            if (!support[c]) continue;
            const auto r = row++;
            const auto l = static_cast<Eigen::Index>(c - base);
            f(first_row + r) = q_(l) - values(static_cast<Eigen::Index>(value_index(s, i)));
            coupling(r, static_cast<Eigen::Index>(s * n_ + i)) -= 1;
            for (std::size_t t = 0; t < S_; ++t)
              if (const double dv = dq_dv_(l, static_cast<Eigen::Index>(t)); dv != 0)
                coupling(r, static_cast<Eigen::Index>(t * n_ + i)) += dv;
            for (std::size_t j = 0; j < n_; ++j) {
              if (j == i) continue;
              for (std::size_t b = 0; b < game_.num_actions(s, j); ++b) {
                const std::size_t cb = offset_[s][j] + b;
                if (!support[cb]) continue;
                own(r, static_cast<Eigen::Index>(position[cb]) - first_col) +=
                    dq_dsigma_(l, static_cast<Eigen::Index>(cb - base));
              }
            }
          }
        }
        if (!structured) continue;
        // Q' [own | coupling | f]: the top ks rows keep sigma_s, the bottom n do not.
        qr[s].compute(own);
        const auto& r_factor = qr[s].matrixQR();
        const double largest = ks > 0 ? r_factor.diagonal().head(ks).cwiseAbs().maxCoeff() : 0;
        for (Eigen::Index d = 0; d < ks; ++d)
          if (!(std::abs(r_factor(d, d)) > 1e-12 * largest)) structured = false;
        if (!structured) continue;
        coupling.applyOnTheLeft(qr[s].householderQ().adjoint());
        Eigen::VectorXd rhs = f.segment(first_row, ni + ks);
        rhs.applyOnTheLeft(qr[s].householderQ().adjoint());
        top_coupling[s] = coupling.topRows(ks);
        top_rhs[s] = rhs.head(ks);
        reduced.middleRows(static_cast<Eigen::Index>(s * n_), ni) = coupling.bottomRows(ni);
        reduced_rhs.segment(static_cast<Eigen::Index>(s * n_), ni) = rhs.tail(ni);
      }
      const double residual = f.cwiseAbs().maxCoeff();
      if (!std::isfinite(residual)) return std::nullopt;
      if (residual < 1e-13 * std::max(1.0, values.cwiseAbs().maxCoeff())) return std::make_pair(sigma, values);
      if (structured) {
        // Values from the reduced system, then each state's probabilities.
        step.tail(kv) = reduced.partialPivLu().solve(-reduced_rhs);
        for (std::size_t s = 0; s < S_; ++s) {
          const auto ks = static_cast<Eigen::Index>(first_in_state[s + 1] - first_in_state[s]);
          if (ks == 0) continue;
          const Eigen::VectorXd right = -top_rhs[s] - top_coupling[s] * step.tail(kv);
          step.segment(static_cast<Eigen::Index>(first_in_state[s]), ks) =
              qr[s].matrixQR().topLeftCorner(ks, ks).template triangularView<Eigen::Upper>().solve(right);
        }
      } else {
        dense_support_jacobian(sigma, values, support, position, k, dense);
        step = dense.partialPivLu().solve(-f);
      }
      if (!step.allFinite()) return std::nullopt;
      for (std::size_t c = 0; c < actions_; ++c)
        if (support[c]) sigma(static_cast<Eigen::Index>(c)) += step(static_cast<Eigen::Index>(position[c]));
      for (std::size_t s = 0; s < S_; ++s)
        for (std::size_t i = 0; i < n_; ++i) values(static_cast<Eigen::Index>(value_index(s, i))) += step(vpos(s, i));
    }
    return std::nullopt;
  }

  // The Jacobian of solve_on_support's equations as one dense matrix (rows
  // and unknowns in the order described there).
  void dense_support_jacobian(const Eigen::VectorXd& sigma, const Eigen::VectorXd& values,
                              const std::vector<bool>& support, const std::vector<std::size_t>& position,
                              std::size_t k, Eigen::MatrixXd& jac) const {
    const auto size = static_cast<Eigen::Index>(k + S_ * n_);
    jac.setZero(size, size);
    const auto vpos = [&](std::size_t s, std::size_t i) { return static_cast<Eigen::Index>(k + s * n_ + i); };
    Eigen::Index row = 0;
    for (std::size_t s = 0; s < S_; ++s) {
      derivatives(s, sigma, values);
      const std::size_t base = offset_[s][0];
      for (std::size_t i = 0; i < n_; ++i) {
        for (std::size_t a = 0; a < game_.num_actions(s, i); ++a) {
          const std::size_t c = offset_[s][i] + a;
          if (support[c]) jac(row, static_cast<Eigen::Index>(position[c])) = 1;
        }
        ++row;
        for (std::size_t a = 0; a < game_.num_actions(s, i); ++a) {
          const std::size_t c = offset_[s][i] + a;
          if (!support[c]) continue;
          const auto r = row++;
          const auto l = static_cast<Eigen::Index>(c - base);
          jac(r, vpos(s, i)) -= 1;
          for (std::size_t t = 0; t < S_; ++t)
            if (const double dv = dq_dv_(l, static_cast<Eigen::Index>(t)); dv != 0) jac(r, vpos(t, i)) += dv;
          for (std::size_t j = 0; j < n_; ++j) {
            if (j == i) continue;
            for (std::size_t b = 0; b < game_.num_actions(s, j); ++b) {
              const std::size_t cb = offset_[s][j] + b;
              if (support[cb])
                jac(r, static_cast<Eigen::Index>(position[cb])) += dq_dsigma_(l, static_cast<Eigen::Index>(cb - base));
            }
          }
        }
      }
    }
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
  std::vector<std::size_t> block_base_, block_size_;  // first action and number of actions of each state
  std::size_t actions_ = 0;
  std::size_t unknowns_ = 0;
  // Scratch of derivatives() and evaluate(), reused by every call so that a
  // path step allocates nothing (a logit_path serves one run, one thread).
  mutable Eigen::VectorXd q_, sigma_;
  mutable Eigen::MatrixXd dq_dsigma_, dq_dv_;
  mutable std::vector<std::size_t> profile_;
  mutable std::vector<double> p_;
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

  // Everything a path step works in is allocated here, once.
  Eigen::VectorXd h(m), tangent = Eigen::VectorXd::Zero(m + 1);
  tangent(m) = 1;
  detail::logit_jacobian jacobian = path.make_jacobian();
  detail::bordered_logit_factorisation corrector = path.make_factorisation();
  Eigen::VectorXd e = Eigen::VectorXd::Zero(m + 1), t(m + 1), y(m + 1), rhs(m + 1), dy(m + 1);
  e(m) = 1;
  double step = options.initial_step;
  double next_polish = 1.0;
  const auto try_end_point = [&](const Eigen::VectorXd& at) -> bool {
    const Eigen::VectorXd sigma = at.head(static_cast<Eigen::Index>(path.num_actions_total())).array().exp();
    std::vector<bool> support(path.num_actions_total()), tried;
    for (const auto& threshold : {1e-3, 1e-6}) {
      for (std::size_t c = 0; c < support.size(); ++c) support[c] = sigma(static_cast<Eigen::Index>(c)) > threshold;
      // The same support again would give the same answer (often so until lambda is large).
      if (support == tried) continue;
      tried = support;
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
    if (result.steps == 0) {
      path.evaluate(x, h, &jacobian);
      corrector.compute(jacobian, tangent);
      ++result.factorisations;
    }
    corrector.solve(e, t);
    if (!t.allFinite() || t.norm() == 0) {
      result.status = run_status::failed;
      result.reason = "no tangent to the path at lambda " + std::to_string(x(m));
      break;
    }
    t.normalize();
    if (t.dot(tangent) < 0) t = -t;
    // Predictor and corrector, shortening the step until the corrector converges.
    bool accepted = false;
    for (int attempt = 0; attempt < 30 && !accepted; ++attempt) {
      y = x + step * t;
      // Chord iterations: the Jacobian is factored once, at the predicted point.
      int iterations = 0;
      double previous = std::numeric_limits<double>::infinity();
      for (; iterations < 8; ++iterations) {
        // Only the first iteration needs the Jacobian (chord method).
        path.evaluate(y, h, iterations == 0 ? &jacobian : nullptr);
        if (h.cwiseAbs().maxCoeff() < 1e-10 * scale) break;
        if (iterations == 0) {
          corrector.compute(jacobian, t);
          ++result.factorisations;
        }
        rhs.head(m) = -h;
        rhs(m) = 0;
        corrector.solve(rhs, dy);
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
