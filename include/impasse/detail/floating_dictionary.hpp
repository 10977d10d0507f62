// The floating-point lexicographic dictionary of a polytope
// {z >= 0 : M z <= 1} (see detail/lex_dictionary.hpp for the layout and
// the perturbation), for a fast search whose findings are confirmed
// exactly afterwards.
//
// Doubles cannot tell a zero from a tiny number, so every decision is made
// with two thresholds on numbers of order one (the data is scaled to
// [1/8, 1]): below `zero_tolerance` a value counts as zero, above
// `sure_tolerance` as certainly nonzero, and a value in between makes the
// dictionary *unsure*: its caller must then redo the search exactly. The
// same holds for the gap between two ratios in the ratio test, where ties
// are exactly the degenerate cases. To keep rounding errors far below the
// thresholds, the tableau is recomputed from the data (an LU solve of the
// basis) every `refresh_interval` pivots, and a drift larger than a small
// fraction of the zero tolerance also makes it unsure. Columns are stored
// contiguously: the ratio test reads one column, the pivot updates column
// by column.
#pragma once

#include <impasse/detail/lex_dictionary.hpp>

#include <Eigen/LU>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace impasse::detail {

class floating_dictionary {
 public:
  static constexpr bool exact = false;
  static constexpr double zero_tolerance = 1e-10;
  static constexpr double sure_tolerance = 1e-7;
  static constexpr std::size_t refresh_interval = 48;

  /// The slack basis of {z >= 0 : m z <= 1}; m should have entries of
  /// order one.
  explicit floating_dictionary(matrix<double> m)
      : m_(std::move(m)), basis_(static_cast<std::size_t>(m_.cols()), static_cast<std::size_t>(m_.rows())),
        k_(basis_.rows()), table_(k_ * (basis_.structural() + 1)) {
    for (std::size_t r = 0; r < k_; ++r) {
      at(r, 0) = 1;
      for (std::size_t q = 0; q < basis_.structural(); ++q)
        at(r, q + 1) = m_(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(q));
    }
    candidates_.reserve(k_);
    ratios_.reserve(k_);
  }

  [[nodiscard]] const basis_positions& basis() const noexcept { return basis_; }

  /// The row that leaves when nonbasic column q enters, by the
  /// lexicographic minimum ratio test; false when a decision is unsure.
  bool leaving_row(std::size_t q, std::size_t& row) {
    const double* column = &at(0, q + 1);
    const double* values = &at(0, 0);
    // The minimum ratio v_r / t_r over t_r > 0, by cross-multiplication.
    std::size_t best = basis_positions::none;
    double best_value = 0, best_entry = 1;
    bool unsure = false;
    for (std::size_t r = 0; r < k_; ++r) {
      const double t = column[r];
      if (t < sure_tolerance) {
        unsure |= t > zero_tolerance;
        continue;
      }
      const double v = values[r] <= zero_tolerance ? 0.0 : values[r];
      if (best == basis_positions::none || v * best_entry < best_value * t) {
        best = r;
        best_value = v;
        best_entry = t;
      }
    }
    if (unsure) return false;
    row = best;
    if (best == basis_positions::none) return true;
    // Ties: a gap below the zero tolerance (relative to the ratio) is one.
    const double scale = std::max(1.0, best_value / best_entry);
    bool tied = false;
    for (std::size_t r = 0; r < k_; ++r) {
      const double t = column[r];
      if (t < sure_tolerance || r == best) continue;
      const double v = values[r] <= zero_tolerance ? 0.0 : values[r];
      const double gap = v * best_entry - best_value * t;  // (ratio gap) * t * best_entry
      const double unit = scale * t * best_entry;
      if (gap <= zero_tolerance * unit) tied = true;
      else if (gap < sure_tolerance * unit) return false;
    }
    return !tied || break_tie(q, row);
  }

  /// Exchanges the basic variable of row r with nonbasic column q (always
  /// succeeds; a refresh may leave the dictionary unsure).
  bool pivot(std::size_t r, std::size_t q) {
    const std::size_t c = q + 1;
    double* pivot_column = &at(0, c);
    const double inverse = 1.0 / pivot_column[r];
    for (std::size_t j = 0; j < basis_.structural() + 1; ++j) {
      if (j == c) continue;
      double* column = &at(0, j);
      const double factor = column[r] * inverse;
      if (factor != 0)
        for (std::size_t i = 0; i < k_; ++i) column[i] -= factor * pivot_column[i];
      column[r] = factor;
    }
    for (std::size_t i = 0; i < k_; ++i) pivot_column[i] *= -inverse;
    pivot_column[r] = inverse;
    basis_.exchange(r, q);
    if (++since_refresh_ >= refresh_interval) refresh();
    return true;
  }

  /// Whether the basic variable of row r is zero; false when unsure (or
  /// when it is clearly negative, which a feasible basis never has).
  bool basic_value_is_zero(std::size_t r, bool& zero) const {
    const double v = at(r, 0);
    zero = std::abs(v) <= zero_tolerance;
    return zero || v >= sure_tolerance;
  }

  /// False once a refresh found that the tableau had drifted too far.
  [[nodiscard]] bool sure() const noexcept { return sure_; }

 private:
  [[nodiscard]] double& at(std::size_t r, std::size_t j) { return table_[j * k_ + r]; }
  [[nodiscard]] double at(std::size_t r, std::size_t j) const { return table_[j * k_ + r]; }

  /// The lexicographic ratio test in full, for a column whose minimum
  /// ratio is tied.
  bool break_tie(std::size_t q, std::size_t& row) {
    const double* column = &at(0, q + 1);
    const double* values = &at(0, 0);
    candidates_.clear();
    ratios_.clear();
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t r = 0; r < k_; ++r) {
      if (column[r] < sure_tolerance) continue;
      candidates_.push_back(r);
      ratios_.push_back(values[r] <= zero_tolerance ? 0.0 : values[r] / column[r]);
      best = std::min(best, ratios_.back());
    }
    if (!keep_ties(best)) return false;
    for (std::size_t level = 1; candidates_.size() > 1 && level <= k_; ++level) {
      // Row `level - 1` of the perturbation: the column of that slack in B^-1.
      const std::size_t slack = basis_.structural() + level - 1;
      const std::size_t at_column = basis_.column_of(slack);
      best = std::numeric_limits<double>::infinity();
      for (std::size_t i = 0; i < candidates_.size(); ++i) {
        const std::size_t r = candidates_[i];
        double value = at_column != basis_positions::none ? at(r, at_column + 1) : (basis_.row_of(slack) == r ? 1.0 : 0.0);
        if (std::abs(value) <= zero_tolerance) value = 0;
        ratios_[i] = value / column[r];
        best = std::min(best, ratios_[i]);
      }
      if (!keep_ties(best)) return false;
    }
    row = candidates_[0];
    return true;
  }

  /// Keeps the candidates whose ratio ties with `best`; false if one is
  /// neither clearly tied nor clearly above.
  bool keep_ties(double best) {
    if (candidates_.size() <= 1) return true;
    const double scale = std::max(1.0, std::abs(best));
    std::size_t kept = 0;
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
      const double gap = ratios_[i] - best;
      if (gap <= zero_tolerance * scale) {
        candidates_[kept] = candidates_[i];
        ratios_[kept++] = ratios_[i];
      } else if (gap < sure_tolerance * scale) {
        return false;
      }
    }
    candidates_.resize(kept);
    ratios_.resize(kept);
    return true;
  }

  /// Recomputes the tableau of the current basis from the data.
  void refresh() {
    since_refresh_ = 0;
    const auto k = static_cast<Eigen::Index>(k_);
    const auto d = static_cast<Eigen::Index>(basis_.structural());
    const auto column_of_variable = [&](std::size_t var, Eigen::Index out_col, Eigen::MatrixXd& out) {
      if (var < basis_.structural()) out.col(out_col) = m_.col(static_cast<Eigen::Index>(var));
      else out.col(out_col) = Eigen::VectorXd::Unit(k, static_cast<Eigen::Index>(var - basis_.structural()));
    };
    basis_matrix_.resize(k, k);
    right_.resize(k, d + 1);
    for (Eigen::Index r = 0; r < k; ++r) column_of_variable(basis_.basic(static_cast<std::size_t>(r)), r, basis_matrix_);
    right_.col(0).setOnes();
    for (Eigen::Index q = 0; q < d; ++q) column_of_variable(basis_.nonbasic(static_cast<std::size_t>(q)), q + 1, right_);
    right_ = Eigen::PartialPivLU<Eigen::MatrixXd>(basis_matrix_).solve(right_);
    for (Eigen::Index j = 0; j <= d; ++j)
      for (Eigen::Index r = 0; r < k; ++r) {
        double& entry = at(static_cast<std::size_t>(r), static_cast<std::size_t>(j));
        const double fresh = right_(r, j);
        if (!(std::abs(entry - fresh) <= zero_tolerance / 16 * std::max(1.0, std::abs(fresh)))) sure_ = false;
        entry = fresh;
      }
  }

  matrix<double> m_;
  basis_positions basis_;
  std::size_t k_;
  std::vector<double> table_;
  std::vector<std::size_t> candidates_;
  std::vector<double> ratios_;
  Eigen::MatrixXd basis_matrix_, right_;
  std::size_t since_refresh_ = 0;
  bool sure_ = true;
};

}  // namespace impasse::detail
