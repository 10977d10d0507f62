// The floating-point lexicographic dictionary of a polytope
// {z >= 0 : M z <= 1} (see detail/lex_dictionary.hpp for the layout and
// the perturbation), for a fast search whose findings are confirmed
// exactly afterwards.
//
// The data is the integer data divided by its largest entry: a scaling of
// the polytope, under which the lexicographic rule makes the same choices,
// and which keeps numbers of order one when the smallest entry is not much
// smaller than the largest (see `positive_integer_payoffs`).
//
// Doubles cannot tell a zero from a tiny number, so every decision is made
// with two thresholds: below `zero_tolerance` a value counts as zero, above
// `sure_tolerance` as certainly nonzero. The same holds for the gap between
// two ratios in the ratio test, where ties are exactly the degenerate
// cases. A value in between is not decided in floating point: the exact
// dictionary of the current basis is built from the integer data (a few
// fraction-free pivots), the decision is taken there, and the floating
// tableau is overwritten with the exact values rounded. On random games
// with integer payoffs this happens about once per 10^5 bases.
//
// To keep rounding errors far below the thresholds, the tableau is
// recomputed from the data (an LU solve of the basis) every
// `refresh_interval` pivots. A drift larger than a small fraction of the
// zero tolerance makes the dictionary *unsure*: decisions taken since may
// be wrong, and the caller must redo the whole search exactly.
#pragma once

#include <impasse/detail/lex_dictionary.hpp>

#include <Eigen/LU>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace impasse::detail {

class floating_dictionary {
 public:
  static constexpr bool exact = false;
  static constexpr double zero_tolerance = 1e-10;
  static constexpr double sure_tolerance = 1e-7;
  static constexpr std::size_t refresh_interval = 128;

  /// The slack basis of {z >= 0 : data z <= 1}, data positive integers.
  explicit floating_dictionary(const integer_matrix& data)
      : data_(&data), scale_(largest(data)), m_(scaled(data)), basis_(data.cols, data.rows), k_(data.rows),
        width_(data.cols + 1), table_(k_ * width_), inverse_values_(k_) {
    for (std::size_t r = 0; r < k_; ++r) {
      at(r, 0) = 1;
      for (std::size_t q = 0; q < basis_.structural(); ++q)
        at(r, q + 1) = m_(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(q));
    }
    candidates_.reserve(k_);
    ratios_.reserve(k_);
  }

  [[nodiscard]] const basis_positions& basis() const noexcept { return basis_; }

  /// Back to the slack basis, as constructed (cheaper than a new
  /// dictionary: the data stays converted).
  void restart() {
    basis_ = basis_positions(basis_.structural(), k_);
    for (std::size_t r = 0; r < k_; ++r) {
      at(r, 0) = 1;
      for (std::size_t q = 0; q < basis_.structural(); ++q)
        at(r, q + 1) = m_(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(q));
    }
    exact_.reset();
    since_refresh_ = 0;
    sure_ = true;
  }

  /// `leaving_row` for every nonbasic column at once (out[q] for column q).
  /// One sweep of the tableau finds the largest two scores t_r / v_r of
  /// every column (`column_scores`; rows with v_r = 0 score 0), and a
  /// column goes the slow way only if they are too close to call, or if a
  /// row with v_r = 0 may have t_r > 0 (a degenerate pivot). Always true.
  bool leaving_rows(std::uint32_t* out) {
    const std::size_t d = basis_.structural();
    zero_rows_.clear();
    for (std::size_t r = 0; r < k_; ++r) {
      const double v = at(r, 0);
      if (v >= sure_tolerance) {
        inverse_values_[r] = 1.0 / v;
      } else if (std::abs(v) <= zero_tolerance) {
        inverse_values_[r] = 0;
        zero_rows_.push_back(r);
      } else {
        return leaving_rows_one_by_one(out);  // decided exactly
      }
    }
    scores_.reset(d);
    for (std::size_t r = 0; r < k_; ++r) scores_.add_row(&at(r, 1), inverse_values_[r], r);
    for (std::size_t q = 0; q < d; ++q) {
      const std::size_t r = scores_.first_row(q);
      const double s1 = scores_.first(q), s2 = scores_.second(q);
      bool degenerate = false;
      for (auto z : zero_rows_) degenerate = degenerate || at(z, q + 1) > zero_tolerance;
      // Ratios 1 / s1 < 1 / s2 must differ by the sure margin: 1/s2 - 1/s1 = (s1 - s2) / (s1 s2).
      const bool clear = !degenerate && at(r, q + 1) >= sure_tolerance &&
                         (s2 <= 0 || s1 - s2 >= sure_tolerance * std::max(1.0, 1.0 / s1) * s1 * s2);
      std::size_t row = r;
      if (!clear && !leaving_row(q, row)) return false;
      out[q] = static_cast<std::uint32_t>(row);
    }
    return true;
  }

  /// The row that leaves when nonbasic column q enters, by the
  /// lexicographic minimum ratio test (exactly when floating point is not
  /// sure). Always true.
  bool leaving_row(std::size_t q, std::size_t& row) {
    if (floating_leaving_row(q, row)) return true;
    auto* resolved = exact_dictionary();
    if (!resolved) return false;
    std::size_t exact_row = basis_positions::none;
    resolved->leaving_row(resolved->basis().column_of(basis_.nonbasic(q)), exact_row);
    row = exact_row == basis_positions::none ? exact_row : basis_.row_of(resolved->basis().basic(exact_row));
    return true;
  }

  /// Exchanges the basic variable of row r with nonbasic column q (always
  /// true; a refresh may leave the dictionary unsure).
  bool pivot(std::size_t r, std::size_t q) {
    const std::size_t c = q + 1;
    double* pivot_row = &at(r, 0);
    const double inverse = 1.0 / pivot_row[c];
    for (std::size_t j = 0; j < width_; ++j) pivot_row[j] *= inverse;
    pivot_row[c] = inverse;
    for (std::size_t i = 0; i < k_; ++i) {
      if (i == r) continue;
      double* row = &at(i, 0);
      const double factor = row[c];
      if (factor == 0) continue;
      for (std::size_t j = 0; j < width_; ++j) row[j] -= factor * pivot_row[j];
      row[c] = -factor * inverse;
    }
    basis_.exchange(r, q);
    exact_.reset();
    if (++since_refresh_ >= refresh_interval) refresh();
    return true;
  }

  /// Undoes the last pivot, (r, q), by pivoting back.
  bool unpivot(std::size_t r, std::size_t q) { return pivot(r, q); }

  /// Whether the basic variable of row r is zero (exactly when floating
  /// point is not sure). Always true.
  bool basic_value_is_zero(std::size_t r, bool& zero) {
    const double v = at(r, 0);
    zero = std::abs(v) <= zero_tolerance;
    if (zero || v >= sure_tolerance) return true;
    const auto* resolved = exact_dictionary();
    if (!resolved) return false;
    zero = gmp_arithmetic::sign(resolved->entry(resolved->basis().row_of(basis_.basic(r)), 0)) == 0;
    return true;
  }

  /// The sign of entry (r, q) of B^-1 N (exactly when floating point is
  /// not sure); false if the exact basis turned out singular.
  bool entry_sign(std::size_t r, std::size_t q, int& sign) {
    const double t = at(r, q + 1);
    if (std::abs(t) <= zero_tolerance || std::abs(t) >= sure_tolerance) {
      sign = std::abs(t) <= zero_tolerance ? 0 : (t > 0 ? 1 : -1);
      return true;
    }
    auto* resolved = exact_dictionary();
    if (!resolved) return false;
    return resolved->entry_sign(resolved->basis().row_of(basis_.basic(r)),
                                resolved->basis().column_of(basis_.nonbasic(q)), sign);
  }

  /// The sign of entry (a, j) after the pivot on (r, s), without pivoting
  /// (see `integer_dictionary::pivoted_sign`): t_aj t_rs - t_as t_rj, zero
  /// when below the zero tolerance of the larger product, decided exactly
  /// when between the tolerances.
  bool pivoted_sign(std::size_t a, std::size_t j, std::size_t r, std::size_t s, int& sign) {
    const double left = at(a, j + 1) * at(r, s + 1), right = at(a, s + 1) * at(r, j + 1);
    const double gap = left - right, unit = std::max({1.0, std::abs(left), std::abs(right)});
    if (std::abs(gap) <= zero_tolerance * unit || std::abs(gap) >= sure_tolerance * unit) {
      sign = std::abs(gap) <= zero_tolerance * unit ? 0 : (gap > 0 ? 1 : -1);
      return true;
    }
    auto* resolved = exact_dictionary();
    if (!resolved) return false;
    const auto row = [&](std::size_t i) { return resolved->basis().row_of(basis_.basic(i)); };
    const auto column = [&](std::size_t q) { return resolved->basis().column_of(basis_.nonbasic(q)); };
    return resolved->pivoted_sign(row(a), column(j), row(r), column(s), sign);
  }

  /// False once a refresh found that the tableau had drifted too far.
  [[nodiscard]] bool sure() const noexcept { return sure_; }
  /// How many bases needed exact decisions.
  [[nodiscard]] std::size_t exact_bases() const noexcept { return exact_bases_; }

 private:
  [[nodiscard]] double& at(std::size_t r, std::size_t j) { return table_[r * width_ + j]; }
  [[nodiscard]] double at(std::size_t r, std::size_t j) const { return table_[r * width_ + j]; }

  bool leaving_rows_one_by_one(std::uint32_t* out) {
    for (std::size_t q = 0; q < basis_.structural(); ++q) {
      std::size_t row = basis_positions::none;
      if (!leaving_row(q, row)) return false;
      out[q] = static_cast<std::uint32_t>(row);
    }
    return true;
  }

  /// The largest entry of the data.
  [[nodiscard]] static rational largest(const integer_matrix& data) {
    big_integer high = 1;
    for (const auto& x : data.entries) high = std::max(high, x);
    return rational(high);
  }

  /// The data divided by its largest entry.
  [[nodiscard]] matrix<double> scaled(const integer_matrix& data) const {
    matrix<double> out(static_cast<Eigen::Index>(data.rows), static_cast<Eigen::Index>(data.cols));
    for (std::size_t i = 0; i < data.rows; ++i)
      for (std::size_t j = 0; j < data.cols; ++j)
        out(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) =
            scalar_cast<double>(rational(data(i, j)) / scale_);
    return out;
  }

  /// The exact dictionary of the current basis, or null (and the
  /// dictionary unsure) if that basis is singular in exact arithmetic,
  /// which floating point should never have let happen; the floating
  /// tableau is overwritten with its values. Dividing the data by c
  /// multiplies the rows of basic coordinates by c and divides the columns
  /// of nonbasic coordinates by c.
  integer_dictionary<gmp_arithmetic>* exact_dictionary() {
    if (exact_) return &*exact_;
    std::vector<std::size_t> basic(k_);
    for (std::size_t r = 0; r < k_; ++r) basic[r] = basis_.basic(r);
    exact_.emplace(*data_, basic);
    ++exact_bases_;
    if (!exact_->nonsingular()) {
      exact_.reset();
      sure_ = false;
      return nullptr;
    }
    auto& resolved = *exact_;
    const rational det(resolved.determinant());
    const std::size_t d = basis_.structural();
    for (std::size_t r = 0; r < k_; ++r) {
      const std::size_t exact_row = resolved.basis().row_of(basis_.basic(r));
      const rational row_scale = basis_.basic(r) < d ? scale_ / det : 1 / det;
      at(r, 0) = scalar_cast<double>(rational(resolved.entry(exact_row, 0)) * row_scale);
      for (std::size_t q = 0; q < d; ++q) {
        const std::size_t var = basis_.nonbasic(q);
        const rational value = rational(resolved.entry(exact_row, resolved.basis().column_of(var) + 1)) * row_scale;
        at(r, q + 1) = scalar_cast<double>(var < d ? value / scale_ : value);
      }
    }
    since_refresh_ = 0;
    return &resolved;
  }

  /// The floating ratio test; false when a decision is not sure.
  bool floating_leaving_row(std::size_t q, std::size_t& row) {
    const auto column = [&](std::size_t r) { return at(r, q + 1); };
    const auto values = [&](std::size_t r) { return at(r, 0); };
    // The minimum ratio v_r / t_r over t_r > 0, by cross-multiplication.
    std::size_t best = basis_positions::none;
    double best_value = 0, best_entry = 1;
    bool unsure = false;
    for (std::size_t r = 0; r < k_; ++r) {
      const double t = column(r);
      if (t < sure_tolerance) {
        unsure |= t > zero_tolerance;
        continue;
      }
      const double v = values(r) <= zero_tolerance ? 0.0 : values(r);
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
      const double t = column(r);
      if (t < sure_tolerance || r == best) continue;
      const double v = values(r) <= zero_tolerance ? 0.0 : values(r);
      const double gap = v * best_entry - best_value * t;  // (ratio gap) * t * best_entry
      const double unit = scale * t * best_entry;
      if (gap <= zero_tolerance * unit) tied = true;
      else if (gap < sure_tolerance * unit) return false;
    }
    return !tied || break_tie(q, row);
  }

  /// The lexicographic ratio test in full, for a column whose minimum
  /// ratio is tied.
  bool break_tie(std::size_t q, std::size_t& row) {
    const auto column = [&](std::size_t r) { return at(r, q + 1); };
    const auto values = [&](std::size_t r) { return at(r, 0); };
    candidates_.clear();
    ratios_.clear();
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t r = 0; r < k_; ++r) {
      if (column(r) < sure_tolerance) continue;
      candidates_.push_back(r);
      ratios_.push_back(values(r) <= zero_tolerance ? 0.0 : values(r) / column(r));
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
        ratios_[i] = value / column(r);
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
    lu_.compute(basis_matrix_);
    right_ = lu_.solve(right_);
    for (Eigen::Index j = 0; j <= d; ++j)
      for (Eigen::Index r = 0; r < k; ++r) {
        double& entry = at(static_cast<std::size_t>(r), static_cast<std::size_t>(j));
        const double fresh = right_(r, j);
        if (!(std::abs(entry - fresh) <= zero_tolerance / 16 * std::max(1.0, std::abs(fresh)))) sure_ = false;
        entry = fresh;
      }
  }

  const integer_matrix* data_;
  rational scale_;  ///< the largest entry of the data, by which it is divided
  matrix<double> m_;
  basis_positions basis_;
  std::size_t k_;
  std::size_t width_;
  std::vector<double> table_;
  // Scratch space of the batched ratio test.
  std::vector<double> inverse_values_;
  column_scores scores_;
  std::vector<std::size_t> candidates_, zero_rows_;
  std::vector<double> ratios_;
  Eigen::MatrixXd basis_matrix_, right_;
  Eigen::PartialPivLU<Eigen::MatrixXd> lu_;
  std::optional<integer_dictionary<gmp_arithmetic>> exact_;
  std::size_t exact_bases_ = 0;
  std::size_t since_refresh_ = 0;
  bool sure_ = true;
};

}  // namespace impasse::detail
