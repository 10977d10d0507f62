// The two linear systems the Lemke-Howson algorithm pivots on, in
// dictionary form, with the lexicographic minimum ratio test.
//
// For payoff matrices A, B > 0 (m x n) the best-response polytopes are
//   P = {x >= 0 : B^T x <= 1}   with slacks s = 1 - B^T x,
//   Q = {y >= 0 : A y <= 1}     with slacks r = 1 - A y
// (von Stengel 2002, section 3). Variables are named by their label, from
// 0: in P, x_i has label i and s_j label m + j; in Q, r_i has label i and
// y_j label m + j. A tableau keeps, for its basic variables, each one's row
// of B^{-1} [M I 1] restricted to the nonbasic columns plus the right-hand
// side.
//
// Two arithmetics:
// - `double`: ordinary pivoting with tolerances;
// - `big_integer` (GMP): fraction-free integer pivoting (Edmonds 1967; von
//   Stengel 2002, section 6): the stored matrix is the basis inverse times
//   its determinant, every entry an integer, and each pivot divides exactly
//   by the previous determinant, so entries stay as small as minors of the
//   payoff matrices and there is no gcd to take.
//
// The lexicographic rule: among the rows that limit the entering variable,
// take the one whose (rhs, then the columns of the original slack variables,
// in order) divided by the pivot column entry is lexicographically least.
// This is the simplex method on the right-hand side perturbed by
// (eps, eps^2, ...); the basis inverse is invertible, so there is always a
// unique such row and a path never cycles, even in degenerate games.
#pragma once

#include <impasse/core/scalar.hpp>

#include <Eigen/Core>

#include <boost/multiprecision/gmp.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <vector>

namespace impasse::detail {

template <class Number>
class lh_tableau {
 public:
  static constexpr bool exact = !std::is_same_v<Number, double>;

  lh_tableau() = default;

  /// A dictionary with `basic` (the slack variables, which also fix the
  /// lexicographic order) and `nonbasic` variables, right-hand side 1 and
  /// `coefficient(row, column)` as the initial entries.
  template <class Coefficient>
  lh_tableau(std::vector<int> basic, std::vector<int> nonbasic, Coefficient&& coefficient)
      : rows_(basic.size()),
        columns_(nonbasic.size()),
        width_(nonbasic.size() + 1),
        entries_(rows_ * width_),
        basic_(std::move(basic)),
        nonbasic_(std::move(nonbasic)),
        slack_order_(basic_),
        determinant_(1) {
    const std::size_t variables = rows_ + columns_;
    in_basis_.assign(variables, false);
    index_.assign(variables, 0);
    for (std::size_t r = 0; r < rows_; ++r) {
      in_basis_[static_cast<std::size_t>(basic_[r])] = true;
      index_[static_cast<std::size_t>(basic_[r])] = r;
    }
    for (std::size_t c = 0; c < columns_; ++c) index_[static_cast<std::size_t>(nonbasic_[c])] = c;
    for (std::size_t r = 0; r < rows_; ++r) {
      for (std::size_t c = 0; c < columns_; ++c) at(r, c) = coefficient(r, c);
      at(r, columns_) = Number(1);
    }
  }

  [[nodiscard]] std::size_t rows() const noexcept { return rows_; }
  [[nodiscard]] bool is_basic(int variable) const { return in_basis_[static_cast<std::size_t>(variable)]; }
  [[nodiscard]] const std::vector<int>& basic() const noexcept { return basic_; }
  [[nodiscard]] const std::vector<int>& nonbasic() const noexcept { return nonbasic_; }
  /// The basis determinant (1 in double): a basic variable's value is its
  /// right-hand side divided by this.
  [[nodiscard]] const Number& determinant() const noexcept { return determinant_; }
  /// The scaled value of a variable: its right-hand side if basic, else 0.
  [[nodiscard]] Number scaled_value(int variable) const {
    if (!is_basic(variable)) return Number(0);
    return entries_[index_[static_cast<std::size_t>(variable)] * width_ + columns_];
  }

  /// Brings `entering` (nonbasic) into the basis by the lexicographic
  /// minimum ratio test and returns the variable that left, or -1 if no row
  /// limits it (impossible for a polytope in exact arithmetic; in double a
  /// sign that rounding went wrong).
  int pivot_in(int entering) {
    const std::size_t column = index_[static_cast<std::size_t>(entering)];
    long row = -1;
    if constexpr (exact)
      row = leaving_row_exact(column);
    else
      row = leaving_row_floating(column);
    if (row < 0) return -1;
    const int leaving = basic_[static_cast<std::size_t>(row)];
    pivot(static_cast<std::size_t>(row), column);
    basic_[static_cast<std::size_t>(row)] = entering;
    nonbasic_[column] = leaving;
    in_basis_[static_cast<std::size_t>(entering)] = true;
    in_basis_[static_cast<std::size_t>(leaving)] = false;
    index_[static_cast<std::size_t>(entering)] = static_cast<std::size_t>(row);
    index_[static_cast<std::size_t>(leaving)] = column;
    return leaving;
  }

 private:
  Number& at(std::size_t r, std::size_t c) { return entries_[r * width_ + c]; }
  const Number& at(std::size_t r, std::size_t c) const { return entries_[r * width_ + c]; }

  /// Row r's entry in the column of variable v of the full tableau (scaled
  /// by the determinant): a unit column if v is basic.
  Number full_entry(std::size_t r, int v) const {
    const std::size_t i = index_[static_cast<std::size_t>(v)];
    if (in_basis_[static_cast<std::size_t>(v)]) return i == r ? determinant_ : Number(0);
    return at(r, i);
  }

  // ---- exact: compare a/b with c/e by cross-multiplying (b, e > 0) ----

  /// Sign of (rows r's vector) - (row k's vector), lexicographically, each
  /// divided by its pivot-column entry.
  int compare_rows_exact(std::size_t r, std::size_t k, std::size_t column) const {
    const Number& pr = at(r, column);
    const Number& pk = at(k, column);
    const auto compare = [&](const Number& vr, const Number& vk) {
      lhs_ = vr * pk;
      rhs_ = vk * pr;
      return lhs_ < rhs_ ? -1 : (lhs_ > rhs_ ? 1 : 0);
    };
    if (const int c = compare(at(r, columns_), at(k, columns_)); c != 0) return c;
    for (int v : slack_order_) {
      const std::size_t i = index_[static_cast<std::size_t>(v)];
      if (in_basis_[static_cast<std::size_t>(v)]) {
        // A unit column: only the rows where v is basic have a non-zero entry.
        if (i == r) return 1;   // r's entry is positive, k's zero
        if (i == k) return -1;
        continue;
      }
      if (const int c = compare(at(r, i), at(k, i)); c != 0) return c;
    }
    return 0;  // unreachable: the basis inverse has no two proportional rows
  }

  long leaving_row_exact(std::size_t column) const {
    long best = -1;
    for (std::size_t r = 0; r < rows_; ++r) {
      if (at(r, column) <= 0) continue;
      if (best < 0 || compare_rows_exact(r, static_cast<std::size_t>(best), column) < 0) best = static_cast<long>(r);
    }
    return best;
  }

  // ---- double: ratios with tolerances ----

  long leaving_row_floating(std::size_t column) const {
    double column_scale = 0, rhs_scale = 0;
    for (std::size_t r = 0; r < rows_; ++r) {
      column_scale = std::max(column_scale, std::abs(at(r, column)));
      rhs_scale = std::max(rhs_scale, std::abs(at(r, columns_)));
    }
    const double eligible = 1e-11 * column_scale;
    candidates_.clear();
    for (std::size_t r = 0; r < rows_; ++r)
      if (at(r, column) > eligible) candidates_.push_back(r);
    if (candidates_.empty()) return -1;
    // Values within rounding of zero (relative to the largest in their
    // column) are zero: that is where degenerate games have their ties.
    const auto snap = [](double x, double scale) { return std::abs(x) <= 1e-12 * scale ? 0.0 : x; };
    // Keep the candidates whose value is least up to a relative tolerance.
    const auto keep_least = [&](auto&& value) {
      double least = value(candidates_.front());
      for (auto r : candidates_) least = std::min(least, value(r));
      const double slack = 1e-11 * std::abs(least);
      std::size_t kept = 0;
      for (auto r : candidates_)
        if (value(r) <= least + slack) candidates_[kept++] = r;
      candidates_.resize(kept);
    };
    keep_least([&](std::size_t r) { return std::max(snap(at(r, columns_), rhs_scale), 0.0) / at(r, column); });
    // Ties broken by the slack columns in order (the lexicographic rule).
    for (std::size_t t = 0; t < slack_order_.size() && candidates_.size() > 1; ++t) {
      const int v = slack_order_[t];
      double scale = 0;
      for (auto r : candidates_) scale = std::max(scale, std::abs(full_entry(r, v)));
      keep_least([&](std::size_t r) { return snap(full_entry(r, v), scale) / at(r, column); });
    }
    std::size_t chosen = candidates_.front();
    for (auto r : candidates_)
      if (at(r, column) > at(chosen, column)) chosen = r;
    return static_cast<long>(chosen);
  }

  void pivot(std::size_t row, std::size_t column) {
    if constexpr (exact) {
      // Fraction-free: entry(i, j) <- (entry(i, j) * p - entry(i, c) * entry(r, j)) / det,
      // the pivot column becomes (-entry(i, c); det at the pivot row), det <- p.
      Number p = at(row, column);
      mpz_ptr pd = p.backend().data();
      mpz_ptr det = determinant_.backend().data();
      for (std::size_t i = 0; i < rows_; ++i) {
        if (i == row) continue;
        Number& factor_entry = at(i, column);
        mpz_ptr factor = factor_entry.backend().data();
        const bool zero_factor = mpz_sgn(factor) == 0;
        for (std::size_t j = 0; j < width_; ++j) {
          if (j == column) continue;
          mpz_ptr e = at(i, j).backend().data();
          mpz_mul(e, e, pd);
          if (!zero_factor) mpz_submul(e, factor, at(row, j).backend().data());
          mpz_divexact(e, e, det);
        }
        mpz_neg(factor, factor);
      }
      at(row, column) = determinant_;
      determinant_ = p;
    } else {
      const double p = at(row, column);
      const auto width = static_cast<Eigen::Index>(width_);
      Eigen::Map<Eigen::VectorXd> pivot_row(&entries_[row * width_], width);
      pivot_row /= p;
      pivot_row(static_cast<Eigen::Index>(column)) = 1 / p;
      for (std::size_t i = 0; i < rows_; ++i) {
        if (i == row) continue;
        Eigen::Map<Eigen::VectorXd> target(&entries_[i * width_], width);
        const double factor = target(static_cast<Eigen::Index>(column));
        if (factor == 0) continue;
        target -= factor * pivot_row;  // a row of the rank-one update, vectorised
        target(static_cast<Eigen::Index>(column)) = -factor / p;
      }
    }
  }

  std::size_t rows_ = 0;
  std::size_t columns_ = 0;
  std::size_t width_ = 1;
  std::vector<Number> entries_;  // rows_ x width_, row-major; column columns_ is the right-hand side
  std::vector<int> basic_;       // the variable basic in each row
  std::vector<int> nonbasic_;    // the variable nonbasic in each column
  std::vector<int> slack_order_;
  std::vector<bool> in_basis_;
  std::vector<std::size_t> index_;  // row if basic, column if not
  Number determinant_;
  // Scratch space, kept to avoid allocating in the inner loops.
  mutable Number lhs_, rhs_;
  mutable std::vector<std::size_t> candidates_;
};

}  // namespace impasse::detail
