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
// Degenerate programs in double. Programs such as the sequence-form LP of
// poker start at a vertex where almost every basic variable is zero (157 of
// 158 right-hand sides in 26-card poker): nearly every pivot is degenerate,
// rounding breaks the exact ties among reduced costs differently from exact
// arithmetic, and the run wanders through degenerate bases until Bland's
// rule takes over, which stalls there for thousands of pivots. So in double
// each phase works on a perturbed program, its basic variables raised by
// small distinct amounts (Wolfe 1963, "A technique for resolving degeneracy
// in linear programming", J. SIAM 11; commercial codes do the same, see
// Bixby 2002, "Solving real-world linear programs: a decade and more of
// progress", Oper. Res. 50): zero steps and ties in the ratio test become
// rare, so nearly every pivot makes progress. The ratio test is Harris's
// (1973, "Pivot selection methods of the Devex LP code", Math. Prog. 5)
// two-pass test: among the rows that bound the step within a small
// feasibility tolerance it takes the largest pivot element. At the end of
// the phase the perturbation is removed (the basic solution recomputed
// from the original right-hand sides through the
// basis inverse, which the identity columns of the tableau hold), and the
// few primal infeasibilities this leaves are removed by dual simplex pivots
// (Lemke 1954; Chvatal ch. 10), which keep the reduced costs optimal. If
// that cleanup fails the program is solved again the plain way
// (`lp_solution::restarts` counts this).
//
// Programs already in slack form (max c . x subject to A x <= b with b >=
// 0, so the slack basis is feasible and phase 1 has nothing to do) can be
// loaded into a kept `simplex_tableau` without building a
// `linear_program`, and optimised until the objective passes a goal:
// support enumeration solves thousands of small dominance programs so
// (`maximise_until`), in the same pivoting code.
//
// Cost: O((m + 1)(n + m + 1)) per pivot for m constraints and n variables
// (in double, plus O(m^2) to remove the perturbation at the end of each
// phase, and a copy of the first tableau); the number of pivots is small
// in practice (exponential in the worst case, Klee and Minty 1972). The
// tableau also yields the dual solution (shadow prices): for an optimal
// program, b . dual = c . primal.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/result.hpp>
#include <impasse/core/scalar.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <stop_token>
#include <vector>

namespace impasse::detail {

enum class constraint_sense { less_equal, equal, greater_equal };

enum class lp_status {
  optimal,     ///< an optimal solution was found
  infeasible,  ///< no x satisfies the constraints
  unbounded,   ///< the objective grows without bound
  pivot_limit,  ///< stopped at the pivot limit (only expected in double)
  cancelled,    ///< stopped through the options' stop token
  goal_reached  ///< the objective passed the goal of `maximise_until`
};

[[nodiscard]] constexpr std::string_view to_string(lp_status status) noexcept {
  switch (status) {
    case lp_status::optimal: return "optimal";
    case lp_status::infeasible: return "infeasible";
    case lp_status::unbounded: return "unbounded";
    case lp_status::pivot_limit: return "pivot limit";
    case lp_status::cancelled: return "cancelled";
    case lp_status::goal_reached: return "goal reached";
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
  /// Dantzig's rule alone, as in textbooks, with the textbook ratio test
  /// and no perturbation in double either: can cycle on degenerate
  /// programs (kept to show that it does; ends at the pivot limit).
  dantzig,
};

struct simplex_options {
  pivot_rule rule = pivot_rule::dantzig_then_bland;
  /// Stop after this many pivots (status `pivot_limit`); 0 means
  /// 50 * (rows + columns) + 1000.
  std::size_t max_pivots = 0;
  /// Checked every 64 pivots (status `cancelled`).
  std::stop_token stop_token = {};
  /// Pivots made, every 64 pivots (the total is not known).
  progress_callback on_progress = {};
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
  /// In double: how many times the perturbed method (see the file comment)
  /// failed to clean up and the program was solved again unperturbed; 0
  /// in rationals.
  std::size_t restarts = 0;
};

/// No goal: `optimise` runs to the end.
struct never_enough {
  template <class Value>
  constexpr bool operator()(const Value&) const noexcept {
    return false;
  }
};

/// The simplex tableau: (rows + 1) x (columns + 1) numbers, the objective
/// row last, the right-hand side in the last column, with the basis. Built
/// from a `linear_program` for `solve_linear_program`, or kept and loaded
/// with programs in slack form (`load_slack_form`) for `maximise_until`.
template <scalar Scalar>
class simplex_tableau {
 public:
  /// An empty tableau, for `load_slack_form`.
  simplex_tableau() = default;

  simplex_tableau(const linear_program<Scalar>& lp, const simplex_options& options) : rule_(options.rule) {
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
      for (std::size_t i = 0; i < rows_; ++i) rhs_scale_ = std::max(rhs_scale_, std::abs(at(i, cols_)));
      feasibility_tolerance_ = 1e-9 * rhs_scale_;
      original_ = t_;
    }
    // The textbook rule stays textbook (it is there to show cycling).
    perturbed_ = !is_exact_v<Scalar> && rule_ != pivot_rule::dantzig;
    max_pivots_ = options.max_pivots != 0 ? options.max_pivots : 50 * (rows_ + cols_) + 1000;
    stop_ = options.stop_token;
    on_progress_ = options.on_progress;
  }

  /// Loads max objective . x subject to A x <= b, x >= 0, with `rows`
  /// constraints over `variables` variables and b >= 0, so that the slack
  /// basis is feasible; A, b and the objective are then written through
  /// `constraint`, `bound` and `objective_coefficient` (all zero at first).
  /// The rule is Dantzig's with the textbook ratio test (ties to the
  /// smallest basic variable) and no perturbation; `tolerance` is the
  /// magnitude below which reduced costs and pivot elements count as zero.
  /// Reuses the storage of earlier programs: no allocation once it is large
  /// enough.
  void load_slack_form(std::size_t rows, std::size_t variables, Scalar tolerance, std::size_t max_pivots) {
    rows_ = rows;
    vars_ = variables;
    identity_ = variables;
    cols_ = variables + rows;
    width_ = cols_ + 1;
    t_.assign((rows_ + 1) * width_, Scalar(0));
    basis_.resize(rows_);
    artificial_.assign(cols_ + 1, 0);
    for (std::size_t i = 0; i < rows_; ++i) {
      at(i, identity_ + i) = Scalar(1);
      basis_[i] = identity_ + i;
    }
    rule_ = pivot_rule::dantzig;
    perturbed_ = false;
    tolerance_ = tolerance;
    pivots_ = 0;
    max_pivots_ = max_pivots;
  }
  [[nodiscard]] Scalar& constraint(std::size_t row, std::size_t variable) { return at(row, variable); }
  [[nodiscard]] Scalar& bound(std::size_t row) { return at(row, cols_); }
  void set_objective_coefficient(std::size_t variable, const Scalar& c) { objective(variable) = -c; }

  /// Phase 2 from the current (feasible) basis: pivots until optimal,
  /// unbounded or out of pivots, or until `objective . x` exceeds `goal`
  /// (status `goal_reached`).
  lp_status maximise_until(const Scalar& goal) {
    return optimise(false, [&](const Scalar& value) { return value > goal; });
  }
  /// The value of variable `variable` in the current basic solution.
  [[nodiscard]] Scalar basic_value(std::size_t variable) {
    for (std::size_t i = 0; i < rows_; ++i)
      if (basis_[i] == variable) return at(i, cols_);
    return Scalar(0);
  }
  /// The basic solution's structural part: x_v for v < variables.
  template <class Out>
  void basic_solution(Out& x) {
    for (std::size_t i = 0; i < rows_; ++i)
      if (basis_[i] < vars_) x[basis_[i]] = at(i, cols_);
  }

  lp_solution<Scalar> solve(const linear_program<Scalar>& lp) {
    if constexpr (is_exact_v<Scalar>) {
      return solve_phases(lp);
    } else {
      lp_solution<Scalar> out = solve_phases(lp);
      if (!cleanup_failed_) return out;
      // The perturbed run could not be cleaned up: start again from the
      // slack basis without perturbation (the pivots so far still count).
      t_ = original_;
      for (std::size_t i = 0; i < rows_; ++i) basis_[i] = identity_ + i;
      perturbed_ = false;
      cleanup_failed_ = false;
      out = solve_phases(lp);
      out.restarts = 1;
      return out;
    }
  }

 private:
  lp_solution<Scalar> solve_phases(const linear_program<Scalar>& lp) {
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
      if constexpr (!is_exact_v<Scalar>) {
        costs_.assign(cols_, 0.0);
        for (std::size_t j = 0; j < cols_; ++j)
          if (artificial_[j]) costs_[j] = -1.0;
      }
      const lp_status phase1 = run_phase(/*allow_artificial=*/true);
      out.pivots = pivots_;
      if (phase1 == lp_status::pivot_limit || phase1 == lp_status::cancelled) {
        out.status = phase1;
        return out;
      }
      // The objective row's right side holds minus the phase-1 optimum.
      if (!is_zero(objective(cols_))) {
        out.status = lp_status::infeasible;
        return out;
      }
      // Move artificial variables that stay basic (at zero) out of the basis
      // (in double on the largest entry of the row, for stability).
      for (std::size_t i = 0; i < rows_; ++i) {
        if (!artificial_[basis_[i]]) continue;
        std::size_t enter = cols_;
        for (std::size_t j = 0; j < cols_; ++j)
          if (!artificial_[j] && !is_zero(at(i, j))) {
            if constexpr (is_exact_v<Scalar>) {
              enter = j;
              break;
            } else {
              if (enter == cols_ || std::abs(at(i, j)) > std::abs(at(i, enter))) enter = j;
            }
          }
        if (enter != cols_) pivot(i, enter);
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
    if constexpr (!is_exact_v<Scalar>) {
      costs_.assign(cols_, 0.0);
      for (std::size_t j = 0; j < vars_; ++j) costs_[j] = lp.objective(static_cast<Eigen::Index>(j));
    }
    out.status = run_phase(/*allow_artificial=*/false);
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

  /// One phase: in rationals plain pivoting; in double pivoting on the
  /// perturbed program, then removing the perturbation and cleaning up (see
  /// the file comment). Sets `cleanup_failed_` when the cleanup fails.
  lp_status run_phase(bool allow_artificial) {
    if constexpr (is_exact_v<Scalar>) {
      return optimise(allow_artificial);
    } else {
      if (!perturbed_) return optimise(allow_artificial);
      perturb();
      const lp_status status = optimise(allow_artificial);
      // A column with no positive entry is an unbounded ray whatever the
      // right-hand side, and the program is feasible (phase 1 succeeded).
      if (status != lp_status::optimal) return status;
      restore_right_hand_side();
      if (!dual_cleanup(allow_artificial)) {
        cleanup_failed_ = pivots_ < max_pivots_;
        return lp_status::pivot_limit;
      }
      // Normally no pivot: the cleanup keeps the reduced costs optimal.
      return optimise(allow_artificial);
    }
  }

  /// Raises every basic variable by a small amount, distinct from row to
  /// row (fractional parts of multiples of the golden ratio), of about
  /// 1e-6 of the largest right-hand side: a feasible basis stays feasible
  /// and no basic variable is zero any more.
  void perturb() {
    for (std::size_t i = 0; i < rows_; ++i) {
      double spread = static_cast<double>(i + 1) * 0.6180339887498949;
      spread -= std::floor(spread);
      at(i, cols_) = std::max(0.0, at(i, cols_)) + 1e-6 * rhs_scale_ * (1 + spread);
    }
    objective(cols_) = basic_objective();
  }

  /// The basic solution for the original right-hand side b: B^-1 b, where
  /// B^-1 stands in the identity columns of the tableau.
  void restore_right_hand_side() {
    std::vector<double> b(rows_);
    for (std::size_t k = 0; k < rows_; ++k) b[k] = original_[k * width_ + cols_];
    for (std::size_t i = 0; i < rows_; ++i) {
      double sum = 0;
      for (std::size_t k = 0; k < rows_; ++k)
        if (b[k] != 0) sum += at(i, identity_ + k) * b[k];
      at(i, cols_) = sum;
    }
    objective(cols_) = basic_objective();
  }

  /// The objective of the phase, costs_ . x, at the current basic solution.
  double basic_objective() {
    double value = 0;
    for (std::size_t i = 0; i < rows_; ++i) value += costs_[basis_[i]] * at(i, cols_);
    return value;
  }

  /// Dual simplex pivots (Chvatal ch. 10) until no basic variable is below
  /// minus the feasibility tolerance: the leaving row is the most negative,
  /// the entering column the one that keeps the reduced costs non-negative
  /// (Harris's two passes again, largest pivot among near-ties). False when
  /// a row has no entering column or the pivots run out: then the caller
  /// starts again without perturbation.
  bool dual_cleanup(bool allow_artificial) {
    const std::size_t budget = pivots_ + rows_ + cols_;
    for (;;) {
      std::size_t leave = rows_;
      double worst = -feasibility_tolerance_;
      for (std::size_t i = 0; i < rows_; ++i)
        if (at(i, cols_) < worst) {
          worst = at(i, cols_);
          leave = i;
        }
      if (leave == rows_) return true;
      if (pivots_ >= budget || pivots_ >= max_pivots_) return false;
      double bound = std::numeric_limits<double>::infinity();
      for (std::size_t j = 0; j < cols_; ++j) {
        if ((artificial_[j] && !allow_artificial) || !(at(leave, j) < -tolerance_)) continue;
        bound = std::min(bound, (std::max(0.0, objective(j)) + tolerance_) / -at(leave, j));
      }
      std::size_t enter = cols_;
      for (std::size_t j = 0; j < cols_; ++j) {
        if ((artificial_[j] && !allow_artificial) || !(at(leave, j) < -tolerance_)) continue;
        if (std::max(0.0, objective(j)) / -at(leave, j) > bound) continue;
        if (enter == cols_ || at(leave, j) < at(leave, enter)) enter = j;
      }
      if (enter == cols_) return false;
      pivot(leave, enter);
    }
  }

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
  /// in phase 1. Stops with `goal_reached` as soon as `enough` holds for
  /// the objective's value after a pivot.
  template <class Enough = never_enough>
  lp_status optimise(bool allow_artificial, Enough enough = {}) {
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
      std::size_t leave = rows_;
      Scalar best_ratio(0);
      if (is_exact_v<Scalar> || !perturbed_) {
        // Ratio test; ties go to the smallest basic variable (Bland).
        for (std::size_t i = 0; i < rows_; ++i) {
          if (!positive(at(i, enter))) continue;
          Scalar ratio = at(i, cols_) / at(i, enter);
          if (leave == rows_ || ratio < best_ratio || (ratio == best_ratio && basis_[i] < basis_[leave])) {
            leave = i;
            best_ratio = std::move(ratio);
          }
        }
      } else if constexpr (!is_exact_v<Scalar>) {
        // Harris's ratio test: the longest step that leaves no basic
        // variable below minus the feasibility tolerance, then among the
        // rows whose own ratio is within it the largest pivot element.
        double bound = std::numeric_limits<double>::infinity();
        for (std::size_t i = 0; i < rows_; ++i)
          if (positive(at(i, enter)))
            bound = std::min(bound, (std::max(0.0, at(i, cols_)) + feasibility_tolerance_) / at(i, enter));
        for (std::size_t i = 0; i < rows_; ++i) {
          if (!positive(at(i, enter))) continue;
          const double ratio = std::max(0.0, at(i, cols_)) / at(i, enter);
          if (ratio > bound) continue;
          if (leave == rows_ || at(i, enter) > at(leave, enter) ||
              (at(i, enter) == at(leave, enter) && ratio < best_ratio)) {
            leave = i;
            best_ratio = ratio;
          }
        }
      }
      if (leave == rows_) return lp_status::unbounded;
      if (pivots_ >= max_pivots_) return lp_status::pivot_limit;
      if (pivots_ % 64 == 0) {
        if (stop_.stop_requested()) return lp_status::cancelled;
        if (pivots_ > 0) report_progress(on_progress_, pivots_, 0, "pivots");
      }
      degenerate_run = is_zero(best_ratio) ? degenerate_run + 1 : 0;
      pivot(leave, enter);
      if (enough(objective(cols_))) return lp_status::goal_reached;
    }
  }

  /// In rationals zeros are skipped (each skip saves a GMP operation); in
  /// double the loops run over every entry without a branch, which the
  /// compiler vectorises (x - f * 0 is x for finite numbers: same result).
  void pivot(std::size_t row, std::size_t column) {
    ++pivots_;
    const Scalar inverse = Scalar(1) / at(row, column);
    Scalar* pivot_row = &t_[row * width_];
    for (std::size_t j = 0; j <= cols_; ++j)
      if (!is_exact_v<Scalar> || !is_zero_exactly(pivot_row[j])) pivot_row[j] *= inverse;
    pivot_row[column] = Scalar(1);
    for (std::size_t i = 0; i <= rows_; ++i) {
      if (i == row) continue;
      Scalar* target = &t_[i * width_];
      if (is_zero_exactly(target[column])) continue;
      const Scalar f = target[column];
      if constexpr (is_exact_v<Scalar>) {
        for (std::size_t j = 0; j <= cols_; ++j)
          if (!is_zero_exactly(pivot_row[j])) target[j] -= f * pivot_row[j];
      } else {
        for (std::size_t j = 0; j <= cols_; ++j) target[j] -= f * pivot_row[j];
      }
      target[column] = Scalar(0);
    }
    basis_[row] = column;
  }

  pivot_rule rule_ = pivot_rule::dantzig_then_bland;
  std::size_t rows_ = 0, vars_ = 0, identity_ = 0, cols_ = 0, width_ = 0;
  std::vector<Scalar> t_;  // (rows + 1) x (cols + 1), the objective row last
  std::vector<std::size_t> basis_;
  std::vector<unsigned char> artificial_;
  std::vector<int> flip_;
  Scalar tolerance_{0};
  // Double only: the perturbation method (see the file comment).
  double rhs_scale_ = 1;  // the largest right-hand side, at least 1
  double feasibility_tolerance_ = 0;
  std::vector<Scalar> original_;  // the tableau as first built
  std::vector<double> costs_;     // the objective of the current phase
  bool perturbed_ = false;
  bool cleanup_failed_ = false;
  std::size_t pivots_ = 0;
  std::size_t max_pivots_ = 0;
  std::stop_token stop_;
  progress_callback on_progress_;
};

/// Solves `lp` (see the file comment). Infeasible and unbounded programs
/// are reported in the status, not thrown; throws `invalid_argument` only
/// when the sizes of the parts disagree.
template <scalar Scalar>
[[nodiscard]] lp_solution<Scalar> solve_linear_program(const linear_program<Scalar>& lp,
                                                       const simplex_options& options = {}) {
  simplex_tableau<Scalar> t(lp, options);
  return t.solve(lp);
}

}  // namespace impasse::detail
