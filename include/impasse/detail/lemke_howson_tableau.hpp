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
// The double side stores its entries by columns, so that the ratio test
// reads two contiguous columns and a pivot is one contiguous `y -= f x` per
// column.
//
// Two arithmetics:
// - `double` (`floating_lh_side`): ordinary pivoting with tolerances, by
//   the shared double pivot (detail/floating_pivot.hpp);
// - exact (`exact_lh_side<Arithmetic>`): the fraction-free integer
//   dictionaries of vertex enumeration (detail/lex_dictionary.hpp; Edmonds
//   1967, von Stengel 2002, section 6), whose polytopes are these ones: the
//   stored matrix is the basis inverse times its determinant, every entry
//   an integer, each pivot divides exactly by the previous determinant. A
//   path starts in machine words and moves on to two-word integers and then
//   GMP integers where entries outgrow them (detail/fraction_free_integers.hpp).
//
// The lexicographic rule: among the rows that limit the entering variable,
// take the one whose (rhs, then the columns of the original slack variables,
// in order) divided by the pivot column entry is lexicographically least.
// This is the simplex method on the right-hand side perturbed by
// (eps, eps^2, ...); the basis inverse is invertible, so there is always a
// unique such row and a path never cycles, even in degenerate games. Both
// sides apply it with the slacks in the same order, so an exact path and a
// double path that rounding does not lead astray make the same pivots.
#pragma once

#include <impasse/core/scalar.hpp>
#include <impasse/detail/floating_pivot.hpp>
#include <impasse/detail/lex_dictionary.hpp>

#include <Eigen/Core>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

namespace impasse::detail {

/// One side in double: a dense dictionary stored by columns.
class floating_lh_side {
 public:
  static constexpr bool exact = false;
  static constexpr int no_leaving_row = -1;

  floating_lh_side() = default;

  /// A dictionary with `basic` (the slack variables, which also fix the
  /// lexicographic order) and `nonbasic` variables, right-hand side 1 and
  /// `coefficient(row, column)` as the initial entries.
  template <class Coefficient>
  floating_lh_side(std::vector<int> basic, std::vector<int> nonbasic, Coefficient&& coefficient)
      : rows_(basic.size()),
        columns_(nonbasic.size()),
        width_(nonbasic.size() + 1),
        stride_((rows_ + 3) / 4 * 4),
        entries_(stride_ * width_),
        basic_(std::move(basic)),
        nonbasic_(std::move(nonbasic)),
        slack_order_(basic_) {
    ratios_.assign(rows_, 0.0);
    source_.assign(rows_, 0.0);
    changing_.assign(width_, 0);
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
      at(r, columns_) = 1.0;
    }
  }

  [[nodiscard]] std::size_t rows() const noexcept { return rows_; }
  [[nodiscard]] bool is_basic(int variable) const { return in_basis_[static_cast<std::size_t>(variable)]; }
  /// f(v) for each basic variable v.
  template <class F>
  void for_each_basic(F&& f) const {
    for (int v : basic_) f(v);
  }
  /// The value of a variable: its right-hand side if basic, else 0.
  [[nodiscard]] double scaled_value(int variable) const {
    if (!is_basic(variable)) return 0.0;
    return at(index_[static_cast<std::size_t>(variable)], columns_);
  }

  /// Brings `entering` (nonbasic) into the basis by the lexicographic
  /// minimum ratio test and returns the variable that left, or
  /// `no_leaving_row` if no row limits it (impossible for a polytope in
  /// exact arithmetic, so a sign that rounding went wrong).
  int pivot_in(int entering) {
    const std::size_t column = index_[static_cast<std::size_t>(entering)];
    const long row = leaving_row(column);
    if (row < 0) return no_leaving_row;
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
  double& at(std::size_t r, std::size_t c) { return entries_[c * stride_ + r]; }
  const double& at(std::size_t r, std::size_t c) const { return entries_[c * stride_ + r]; }
  const double* column_data(std::size_t c) const { return entries_.data() + c * stride_; }

  /// Row r's entry in the column of variable v of the full tableau: a unit
  /// column if v is basic.
  double full_entry(std::size_t r, int v) const {
    const std::size_t i = index_[static_cast<std::size_t>(v)];
    if (in_basis_[static_cast<std::size_t>(v)]) return i == r ? 1.0 : 0.0;
    return at(r, i);
  }

  long leaving_row(std::size_t column) const {
    // Whole-column array expressions: Eigen vectorises the selects and the
    // reductions, where a loop with branches mispredicts on every other row.
    const auto rows = static_cast<Eigen::Index>(rows_);
    const Eigen::Map<const Eigen::ArrayXd> entering(column_data(column), rows);
    const Eigen::Map<const Eigen::ArrayXd> rhs(column_data(columns_), rows);
    Eigen::Map<Eigen::ArrayXd> ratios(ratios_.data(), rows);
    const double eligible = 1e-11 * entering.abs().maxCoeff();
    // Values within rounding of zero (relative to the largest in their
    // column) are zero: that is where degenerate games have their ties.
    const auto snap = [](double x, double scale) { return std::abs(x) <= 1e-12 * scale ? 0.0 : x; };
    const double rhs_zero = 1e-12 * rhs.abs().maxCoeff();
    constexpr double infinity = std::numeric_limits<double>::infinity();
    // Rows the entering variable does not limit get +infinity; no division
    // by a small entry.
    ratios = (entering > eligible)
                 .select((rhs.abs() <= rhs_zero).select(0.0, rhs.max(0.0)) / (entering > eligible).select(entering, 1.0),
                         infinity);
    const double least = ratios.minCoeff();
    if (!(least < infinity)) return -1;
    // Keep the rows whose ratio is least up to a relative tolerance.
    candidates_.clear();
    const double within = least + 1e-11 * std::abs(least);
    for (std::size_t r = 0; r < rows_; ++r)
      if (ratios_[r] <= within) candidates_.push_back(r);
    const auto keep_least = [&](auto&& value) {
      double smallest = value(candidates_.front());
      for (auto r : candidates_) smallest = std::min(smallest, value(r));
      const double slack = 1e-11 * std::abs(smallest);
      std::size_t kept = 0;
      for (auto r : candidates_)
        if (value(r) <= smallest + slack) candidates_[kept++] = r;
      candidates_.resize(kept);
    };
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
    floating_pivot(entries_.data(), rows_, stride_, width_, row, column, source_.data(), changing_.data());
  }

  std::size_t rows_ = 0;
  std::size_t columns_ = 0;
  std::size_t width_ = 1;
  std::size_t stride_ = 0;       // from one column to the next: rows_ rounded up to 4
  std::vector<double, cache_line_allocator<double>> entries_;  // by columns; column columns_ is the right-hand side
  std::vector<int> basic_;       // the variable basic in each row
  std::vector<int> nonbasic_;    // the variable nonbasic in each column
  std::vector<int> slack_order_;
  std::vector<bool> in_basis_;
  std::vector<std::size_t> index_;  // row if basic, column if not
  // Scratch space, kept to avoid allocating in the inner loops.
  mutable std::vector<double> ratios_;  // the ratio test's per-row ratios
  std::vector<double> source_;          // the pivot column during a pivot
  std::vector<std::size_t> changing_;   // the columns a pivot changes
  mutable std::vector<std::size_t> candidates_;
};


/// One side exactly: the integer dictionary of {z >= 0 : M z <= 1}
/// (detail/lex_dictionary.hpp) with its variables named by game labels.
/// The dictionary's coordinates 0..d-1 and slacks d..d+k-1 are labels
/// `shift`, `shift` + 1, ... modulo d + k: shift 0 for the row player's
/// polytope (x has labels 0..m-1, the slacks of the column player's
/// strategies m..m+n-1), m for the column player's (y has labels
/// m..m+n-1, the slacks of the row player's strategies 0..m-1).
template <class Arithmetic>
class exact_lh_side {
 public:
  static constexpr bool exact = true;
  static constexpr int no_leaving_row = -1;
  /// What `pivot_in` returns when an entry outgrows the arithmetic (the
  /// dictionary is then as it was).
  static constexpr int overflowed = -2;

  /// The slack basis of {z >= 0 : data z <= 1}; `fits` is false when the
  /// data does not fit the arithmetic.
  exact_lh_side(const integer_matrix& data, std::size_t shift, bool& fits)
      : dictionary_(data, fits, 1), shift_(shift), variables_(data.rows + data.cols) {}
  exact_lh_side(const exact_lh_side& other)
      : dictionary_(other.dictionary_, 1), shift_(other.shift_), variables_(other.variables_) {}
  /// The same dictionary in a wider arithmetic.
  template <class Narrower>
  explicit exact_lh_side(const exact_lh_side<Narrower>& other)
      : dictionary_(other.dictionary(), 1), shift_(other.shift()), variables_(other.variables()) {}
  exact_lh_side& operator=(const exact_lh_side&) = delete;

  [[nodiscard]] const integer_dictionary<Arithmetic>& dictionary() const noexcept { return dictionary_; }
  [[nodiscard]] std::size_t shift() const noexcept { return shift_; }
  [[nodiscard]] std::size_t variables() const noexcept { return variables_; }
  [[nodiscard]] bool is_basic(int label) const {
    return dictionary_.basis().row_of(variable(label)) != basis_positions::none;
  }
  /// f(label) for each basic variable.
  template <class F>
  void for_each_basic(F&& f) const {
    for (std::size_t r = 0; r < dictionary_.basis().rows(); ++r) f(label(dictionary_.basis().basic(r)));
  }
  /// The value of a variable times the basis determinant (positive): its
  /// right-hand side if basic, else 0.
  [[nodiscard]] big_integer scaled_value(int label) const {
    const std::size_t r = dictionary_.basis().row_of(variable(label));
    return r == basis_positions::none ? big_integer(0) : big_integer(Arithmetic::to_big(dictionary_.entry(r, 0)));
  }

  /// Brings `entering` (nonbasic) into the basis by the lexicographic
  /// minimum ratio test and returns the label that left, `no_leaving_row`
  /// if no row limits it (impossible on a polytope), or `overflowed`.
  int pivot_in(int entering) {
    const std::size_t q = dictionary_.basis().column_of(variable(entering));
    std::size_t r = basis_positions::none;
    (void)dictionary_.leaving_row(q, r);
    if (r == basis_positions::none) return no_leaving_row;
    const std::size_t leaving = dictionary_.basis().basic(r);
    if (!dictionary_.pivot(r, q)) return overflowed;
    return label(leaving);
  }

 private:
  [[nodiscard]] std::size_t variable(int label) const {
    return (static_cast<std::size_t>(label) + variables_ - shift_) % variables_;
  }
  [[nodiscard]] int label(std::size_t variable) const { return static_cast<int>((variable + shift_) % variables_); }

  integer_dictionary<Arithmetic> dictionary_;
  std::size_t shift_;
  std::size_t variables_;
};

}  // namespace impasse::detail
