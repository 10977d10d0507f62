// A small dense simplex method for the linear programs the solvers need
// (zero-sum games, dominance by mixed strategies), in either scalar.
//
//   maximize c . x  subject to  a_i . x (<= | = | >=) b_i,  x >= 0.
//
// Method: the two-phase tableau simplex (Dantzig 1951; e.g. Chvatal,
// "Linear Programming", 1983, ch. 2-8). Rows with b_i < 0 are negated;
// every row then gets a column of the identity (its slack, or an artificial
// variable), phase 1 drives the artificial variables to zero and phase 2
// optimises. Entering variables follow Dantzig's rule (largest reduced
// cost); after a run of degenerate pivots (no progress) the method switches
// to Bland's rule (smallest index; Bland 1977) until the objective moves
// again, which rules out cycling: Beale's (1955) example, which cycles
// under Dantzig's rule with the usual tie-breaking, terminates.
// In rationals every step is exact. In double, reduced costs and pivots
// within a tolerance of zero count as zero, and a pivot limit stops the run
// (status `pivot_limit`) so that nothing can hang.
//
// Cost: O((m + 1)(n + m + 1)) per pivot for m constraints and n variables;
// the number of pivots is small in practice (exponential in the worst case,
// Klee and Minty 1972). The tableau also yields the dual solution (shadow
// prices): for an optimal program, b . dual = c . primal.
#pragma once

#include <impasse/error.hpp>
#include <impasse/scalar.hpp>
#include <impasse/strategic_game.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace impasse::detail {

enum class constraint_sense { less_equal, equal, greater_equal };

enum class lp_status {
  optimal,     ///< an optimal solution was found
  infeasible,  ///< no x satisfies the constraints
  unbounded,   ///< the objective grows without bound
  pivot_limit  ///< stopped at the pivot limit (only expected in double)
};

[[nodiscard]] constexpr std::string_view to_string(lp_status status) noexcept {
  switch (status) {
    case lp_status::optimal: return "optimal";
    case lp_status::infeasible: return "infeasible";
    case lp_status::unbounded: return "unbounded";
    case lp_status::pivot_limit: return "pivot limit";
  }
  return "unknown";
}

/// maximize objective . x subject to constraints.row(i) . x (senses[i])
/// bounds(i) for each i, and x >= 0.
template <scalar Scalar>
struct linear_program {
  matrix<Scalar> constraints;
  vector<Scalar> bounds;
  std::vector<constraint_sense> senses;
  vector<Scalar> objective;
};

/// How the entering variable is chosen.
enum class pivot_rule {
  /// Dantzig's largest reduced cost, switching to Bland's rule during runs
  /// of degenerate pivots: fast, and never cycles.
  dantzig_then_bland,
  /// Bland's smallest index throughout: never cycles, often slower.
  bland,
  /// Dantzig's rule alone, as in textbooks: can cycle on degenerate
  /// programs (kept to show that it does; ends at the pivot limit).
  dantzig,
};

struct simplex_options {
  pivot_rule rule = pivot_rule::dantzig_then_bland;
  /// Stop after this many pivots (status `pivot_limit`); 0 means
  /// 50 * (rows + columns) + 1000.
  std::size_t max_pivots = 0;
};

template <scalar Scalar>
struct lp_solution {
  lp_status status = lp_status::optimal;
  /// The optimal value (when optimal).
  Scalar value{0};
  /// An optimal x (when optimal).
  vector<Scalar> primal;
  /// Shadow prices, one per constraint: how fast the optimal value grows
  /// with bounds(i). Non-negative for <=, non-positive for >=; when
  /// optimal, bounds . dual = value.
  vector<Scalar> dual;
  std::size_t pivots = 0;
};

namespace simplex_internal {

template <scalar Scalar>
class tableau {
 public:
  tableau(const linear_program<Scalar>& lp, const simplex_options& options) : rule_(options.rule) {
    rows_ = static_cast<std::size_t>(lp.constraints.rows());
    vars_ = static_cast<std::size_t>(lp.constraints.cols());
    if (lp.bounds.size() != lp.constraints.rows() || lp.senses.size() != rows_ ||
        static_cast<std::size_t>(lp.objective.size()) != vars_)
      throw invalid_argument("linear program: " + std::to_string(rows_) + " constraint rows, " +
                             std::to_string(lp.bounds.size()) + " bounds, " + std::to_string(lp.senses.size()) +
                             " senses, " + std::to_string(vars_) + " variables and " +
                             std::to_string(lp.objective.size()) + " objective coefficients do not fit");
    // Columns: the variables, then one surplus column per >= row, then one
    // identity column per row (slack or artificial), then the right side.
    flip_.assign(rows_, 1);
    std::vector<constraint_sense> sense(lp.senses);
    for (std::size_t i = 0; i < rows_; ++i)
      if (lp.bounds(static_cast<Eigen::Index>(i)) < 0) {
        flip_[i] = -1;
        if (sense[i] == constraint_sense::less_equal)
          sense[i] = constraint_sense::greater_equal;
        else if (sense[i] == constraint_sense::greater_equal)
          sense[i] = constraint_sense::less_equal;
      }
    std::size_t surplus = 0;
    for (auto s : sense) surplus += s == constraint_sense::greater_equal;
    identity_ = vars_ + surplus;
    cols_ = identity_ + rows_;
    width_ = cols_ + 1;
    t_.assign((rows_ + 1) * width_, Scalar(0));
    basis_.resize(rows_);
    artificial_.assign(cols_ + 1, 0);
    std::size_t next_surplus = vars_;
    for (std::size_t i = 0; i < rows_; ++i) {
      const auto ii = static_cast<Eigen::Index>(i);
      const Scalar f(flip_[i]);
      for (std::size_t j = 0; j < vars_; ++j) at(i, j) = f * lp.constraints(ii, static_cast<Eigen::Index>(j));
      at(i, cols_) = f * lp.bounds(ii);
      if (sense[i] == constraint_sense::greater_equal) at(i, next_surplus++) = Scalar(-1);
      at(i, identity_ + i) = Scalar(1);
      basis_[i] = identity_ + i;
      if (sense[i] != constraint_sense::less_equal) artificial_[identity_ + i] = 1;
    }
    if constexpr (!is_exact_v<Scalar>) {
      double scale = 1;
      for (const auto& v : t_) scale = std::max(scale, std::abs(v));
      for (Eigen::Index j = 0; j < lp.objective.size(); ++j) scale = std::max(scale, std::abs(lp.objective(j)));
      tolerance_ = 1e-9 * scale;
    }
    max_pivots_ = options.max_pivots != 0 ? options.max_pivots : 50 * (rows_ + cols_) + 1000;
  }

  lp_solution<Scalar> solve(const linear_program<Scalar>& lp) {
    lp_solution<Scalar> out;
    // Phase 1: maximise minus the sum of the artificial variables.
    bool any_artificial = false;
    for (std::size_t i = 0; i < rows_; ++i)
      if (artificial_[basis_[i]]) {
        any_artificial = true;
        for (std::size_t j = 0; j <= cols_; ++j)
          if (!artificial_[j]) objective(j) -= at(i, j);
      }
    if (any_artificial) {
      const lp_status phase1 = optimise(/*allow_artificial=*/true);
      out.pivots = pivots_;
      if (phase1 == lp_status::pivot_limit) {
        out.status = phase1;
        return out;
      }
      // The objective row's right side holds minus the phase-1 optimum.
      if (!is_zero(objective(cols_))) {
        out.status = lp_status::infeasible;
        return out;
      }
      // Move artificial variables that stay basic (at zero) out of the basis.
      for (std::size_t i = 0; i < rows_; ++i) {
        if (!artificial_[basis_[i]]) continue;
        for (std::size_t j = 0; j < cols_; ++j)
          if (!artificial_[j] && !is_zero(at(i, j))) {
            pivot(i, j);
            break;
          }
        // Otherwise the row is redundant; its artificial variable stays at 0.
      }
    }
    // Phase 2: the real objective, expressed in the current basis.
    for (std::size_t j = 0; j <= cols_; ++j) objective(j) = Scalar(0);
    for (std::size_t j = 0; j < vars_; ++j) objective(j) = -lp.objective(static_cast<Eigen::Index>(j));
    for (std::size_t i = 0; i < rows_; ++i) {
      const std::size_t b = basis_[i];
      if (b >= vars_ || is_zero_exactly(objective(b))) continue;
      const Scalar f = objective(b);
      for (std::size_t j = 0; j <= cols_; ++j)
        if (!is_zero_exactly(at(i, j))) objective(j) -= f * at(i, j);
    }
    out.status = optimise(/*allow_artificial=*/false);
    out.pivots = pivots_;
    if (out.status != lp_status::optimal) return out;
    out.value = objective(cols_);
    out.primal = vector<Scalar>::Zero(static_cast<Eigen::Index>(vars_));
    for (std::size_t i = 0; i < rows_; ++i)
      if (basis_[i] < vars_) out.primal(static_cast<Eigen::Index>(basis_[i])) = at(i, cols_);
    out.dual.resize(static_cast<Eigen::Index>(rows_));
    for (std::size_t i = 0; i < rows_; ++i)
      out.dual(static_cast<Eigen::Index>(i)) = Scalar(flip_[i]) * objective(identity_ + i);
    return out;
  }

 private:
  Scalar& at(std::size_t i, std::size_t j) { return t_[i * width_ + j]; }
  Scalar& objective(std::size_t j) { return t_[rows_ * width_ + j]; }

  static bool is_zero_exactly(const Scalar& x) {
    if constexpr (is_exact_v<Scalar>) {
      return x.is_zero();
    } else {
      return x == 0;
    }
  }
  bool is_zero(const Scalar& x) const {
    if constexpr (is_exact_v<Scalar>) {
      return x.is_zero();
    } else {
      return std::abs(x) <= tolerance_;
    }
  }
  bool negative(const Scalar& x) const { return x < -tolerance_; }
  bool positive(const Scalar& x) const { return x > tolerance_; }

  /// Pivots until optimal or unbounded; artificial columns may enter only
  /// in phase 1.
  lp_status optimise(bool allow_artificial) {
    std::size_t degenerate_run = 0;
    const std::size_t bland_after = 2 * (rows_ + 1);
    for (;;) {
      const bool bland = rule_ == pivot_rule::bland ||
                         (rule_ == pivot_rule::dantzig_then_bland && degenerate_run >= bland_after);
      std::size_t enter = cols_;
      for (std::size_t j = 0; j < cols_; ++j) {
        if (artificial_[j] && !allow_artificial) continue;
        if (!negative(objective(j))) continue;
        if (bland) {
          enter = j;
          break;
        }
        if (enter == cols_ || objective(j) < objective(enter)) enter = j;
      }
      if (enter == cols_) return lp_status::optimal;
      // Ratio test; ties go to the smallest basic variable (Bland).
      std::size_t leave = rows_;
      Scalar best_ratio(0);
      for (std::size_t i = 0; i < rows_; ++i) {
        if (!positive(at(i, enter))) continue;
        Scalar ratio = at(i, cols_) / at(i, enter);
        if (leave == rows_ || ratio < best_ratio || (ratio == best_ratio && basis_[i] < basis_[leave])) {
          leave = i;
          best_ratio = std::move(ratio);
        }
      }
      if (leave == rows_) return lp_status::unbounded;
      if (pivots_ >= max_pivots_) return lp_status::pivot_limit;
      degenerate_run = is_zero(best_ratio) ? degenerate_run + 1 : 0;
      pivot(leave, enter);
    }
  }

  void pivot(std::size_t row, std::size_t column) {
    ++pivots_;
    const Scalar inverse = Scalar(1) / at(row, column);
    for (std::size_t j = 0; j <= cols_; ++j)
      if (!is_zero_exactly(at(row, j))) at(row, j) *= inverse;
    at(row, column) = Scalar(1);
    for (std::size_t i = 0; i <= rows_; ++i) {
      if (i == row) continue;
      Scalar& lead = t_[i * width_ + column];
      if (is_zero_exactly(lead)) continue;
      const Scalar f = lead;
      for (std::size_t j = 0; j <= cols_; ++j)
        if (!is_zero_exactly(at(row, j))) t_[i * width_ + j] -= f * at(row, j);
      lead = Scalar(0);
    }
    basis_[row] = column;
  }

  pivot_rule rule_;
  std::size_t rows_ = 0, vars_ = 0, identity_ = 0, cols_ = 0, width_ = 0;
  std::vector<Scalar> t_;  // (rows + 1) x (cols + 1), the objective row last
  std::vector<std::size_t> basis_;
  std::vector<unsigned char> artificial_;
  std::vector<int> flip_;
  Scalar tolerance_{0};
  std::size_t pivots_ = 0;
  std::size_t max_pivots_ = 0;
};

}  // namespace simplex_internal

/// Solves `lp` (see the file comment). Infeasible and unbounded programs
/// are reported in the status, not thrown; throws `invalid_argument` only
/// when the sizes of the parts disagree.
template <scalar Scalar>
[[nodiscard]] lp_solution<Scalar> solve_linear_program(const linear_program<Scalar>& lp,
                                                       const simplex_options& options = {}) {
  simplex_internal::tableau<Scalar> t(lp, options);
  return t.solve(lp);
}

}  // namespace impasse::detail
