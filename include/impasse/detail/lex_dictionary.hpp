// Dictionaries of a polytope {z >= 0 : M z <= 1} (M positive, k x d) under
// lexicographic pivoting: the exact pivoting engine of vertex enumeration,
// Lemke-Howson (strategic/lemke_howson.hpp) and Lemke's algorithm
// (detail/lemke.hpp, whose dictionary s + M z = q has any right-hand side).
//
// Variables 0..d-1 are the coordinates z, variables d..d+k-1 the slacks
// of the k rows. A basis holds k variables; the dictionary stores, for the
// basis matrix B, the k x (d + 1) array [B^-1 1 | B^-1 N] (values of the
// basic variables, then one column per nonbasic variable) in the form
// z_B + T z_N = B^-1 1. The right-hand side is perturbed to 1 + (e, e^2,
// ..., e^k) for an infinitesimal e, so that every basis is the only basis
// of its (perturbed) vertex: the ratio test breaks ties by comparing rows
// of [B^-1 1 | B^-1] lexicographically (Dantzig, Orden and Wolfe 1955).
// The perturbed polytope is simple, its vertex graph is connected, and each
// vertex of the real polytope is the limit of at least one of its vertices.
//
// Two arithmetics:
// - `integer_dictionary<Arithmetic>`: exact and fraction-free (as in lrs,
//   Avis 2000): integer data, every entry stored times det(B), each pivot
//   divides exactly by the previous determinant, in one of the integer
//   arithmetics of detail/fraction_free_integers.hpp (one word, two words,
//   GMP); the narrow ones report overflow and leave the dictionary as it
//   was, so that the search can go on in a wider one. For sparse problems
//   (Lemke's) it pivots in place in GMP integers, each row over a
//   denominator of its own (see the class comment).
// - `floating_dictionary` (detail/floating_dictionary.hpp): doubles,
//   with thresholds that say when a decision is not certain.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/scalar.hpp>
#include <impasse/detail/fraction_free_integers.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

namespace impasse::detail {

/// A dense row-major matrix of integers.
struct integer_matrix {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<big_integer> entries;
  [[nodiscard]] const big_integer& operator()(std::size_t i, std::size_t j) const { return entries[i * cols + j]; }
  [[nodiscard]] big_integer& operator()(std::size_t i, std::size_t j) { return entries[i * cols + j]; }
};

/// The non-zero entries of one row of a sparse integer matrix, as
/// (column, value).
using sparse_integer_row = std::vector<std::pair<std::size_t, big_integer>>;

/// Which variable is where in the current basis.
class basis_positions {
 public:
  static constexpr std::size_t none = ~std::size_t{0};

  basis_positions(std::size_t structural, std::size_t rows)
      : structural_(structural), basic_(rows), nonbasic_(structural), row_of_(structural + rows, none),
        column_of_(structural + rows, none) {
    for (std::size_t q = 0; q < structural; ++q) nonbasic_[q] = q, column_of_[q] = q;
    for (std::size_t r = 0; r < rows; ++r) basic_[r] = structural + r, row_of_[structural + r] = r;
  }
  [[nodiscard]] std::size_t structural() const noexcept { return structural_; }
  [[nodiscard]] std::size_t rows() const noexcept { return basic_.size(); }
  [[nodiscard]] std::size_t basic(std::size_t r) const noexcept { return basic_[r]; }
  [[nodiscard]] std::size_t nonbasic(std::size_t q) const noexcept { return nonbasic_[q]; }
  [[nodiscard]] std::size_t row_of(std::size_t var) const noexcept { return row_of_[var]; }
  [[nodiscard]] std::size_t column_of(std::size_t var) const noexcept { return column_of_[var]; }
  /// The variable in row r leaves, the one in column q enters.
  void exchange(std::size_t r, std::size_t q) noexcept {
    std::swap(basic_[r], nonbasic_[q]);
    row_of_[basic_[r]] = r, column_of_[basic_[r]] = none;
    column_of_[nonbasic_[q]] = q, row_of_[nonbasic_[q]] = none;
  }

 private:
  std::size_t structural_;
  std::vector<std::size_t> basic_, nonbasic_, row_of_, column_of_;
};

/// The two largest scores t_q * w of each column q over the rows of a
/// table, and the row of the largest, in one branch-free (vectorisable)
/// sweep. At a nondegenerate basis the minimum ratio v_r / t_rq of column
/// q is the largest score with w = 1 / v_r.
class column_scores {
 public:
  void reset(std::size_t columns) {
    first_.assign(columns, -std::numeric_limits<double>::infinity());
    second_.assign(columns, -std::numeric_limits<double>::infinity());
    first_row_.assign(columns, 0.0);
  }
  /// Adds row r of the table.
  void add_row(const double* __restrict t, double w, std::size_t r) {
    double* __restrict first = first_.data();
    double* __restrict second = second_.data();
    double* __restrict first_row = first_row_.data();
    const double index = static_cast<double>(r);
    const std::size_t columns = first_.size();
    // Unconditional stores of selected values, so that this vectorises.
    for (std::size_t q = 0; q < columns; ++q) {
      const double score = t[q] * w, top = first[q];
      first_row[q] = score > top ? index : first_row[q];
      second[q] = std::max(second[q], std::min(top, score));
      first[q] = std::max(top, score);
    }
  }
  [[nodiscard]] double first(std::size_t q) const { return first_[q]; }
  [[nodiscard]] double second(std::size_t q) const { return second_[q]; }
  [[nodiscard]] std::size_t first_row(std::size_t q) const { return static_cast<std::size_t>(first_row_[q]); }

 private:
  std::vector<double> first_, second_, first_row_;
};

/// Exact fraction-free dictionary; see the file comment. A pivot writes
/// the new table next to the old one in a ring of `saved_levels + 1`
/// tables, so that undoing one of the last `saved_levels` pivots (as a
/// depth-first search does when it backs up) costs nothing, and a pivot
/// that overflows leaves the dictionary as it was.
///
/// With no saved levels (GMP only, which cannot overflow) the dictionary
/// pivots in place and keeps each row over a positive denominator of its
/// own instead of the common determinant, reduced by the row's gcd once it
/// outgrows a machine word (`row_denominator`): a pivot touches only the
/// rows whose entry in the entering column is non-zero, and a row's
/// numbers stay the size of its own fractions, where the determinant grows
/// with the whole basis. This is the form for sparse problems, such as the
/// linear complementarity problems of the sequence form (detail/lemke.hpp:
/// 2.5x to 8x faster there than the common determinant, measured in
/// benchmarks/README.md). A ratio test compares entries of one row with
/// each other, which the row's denominator does not change, so both forms
/// share it.
template <class Arithmetic>
class integer_dictionary {
 public:
  using value_type = typename Arithmetic::value_type;
  static constexpr bool exact = true;
  static constexpr std::size_t entry_cost = Arithmetic::entry_cost;
  static constexpr std::size_t default_saved_levels = 32;

  /// The dictionary of the slack basis (z = 0) of {z >= 0 : m z <= 1}. Sets
  /// `ok` to false when the data does not fit the arithmetic.
  integer_dictionary(const integer_matrix& m, bool& ok, std::size_t saved_levels = default_saved_levels)
      : basis_(m.cols, m.rows), width_(m.cols + 1), tables_(saved_levels + 1), current_(&tables_[0]) {
    ok = true;
    for (auto& t : tables_) t.entries.resize(m.rows * width_);
    auto& t = tables_[0];
    t.depth = 0;
    ok = Arithmetic::assign(t.det, big_integer(1)) && ok;
    for (std::size_t r = 0; r < m.rows; ++r) {
      ok = Arithmetic::assign(t.entries[r * width_], big_integer(1)) && ok;
      for (std::size_t q = 0; q < m.cols; ++q) ok = Arithmetic::assign(t.entries[r * width_ + q + 1], m(r, q)) && ok;
    }
    start_in_place();
  }

  /// The dictionary s + M z = rhs of the slack basis (s basic, z = 0), M
  /// given by the non-zero entries of its rows (columns 0..d-1), for any
  /// integer right-hand side, such as a linear complementarity problem's
  /// (detail/lemke.hpp), whose first pivot is on a negative entry: it
  /// pivots in place, each row over its own denominator (GMP only; see the
  /// class comment), which any pivot's sign leaves positive.
  integer_dictionary(std::size_t d, const std::vector<sparse_integer_row>& rows, const std::vector<big_integer>& rhs)
      : basis_(d, rows.size()), width_(d + 1), tables_(1), current_(&tables_[0]) {
    auto& t = tables_[0];
    t.entries.resize(rows.size() * width_);
    t.depth = 0;
    (void)Arithmetic::assign(t.det, big_integer(1));
    start_in_place();  // GMP only, so every assignment here and below fits
    for (std::size_t r = 0; r < rows.size(); ++r) {
      (void)Arithmetic::assign(t.entries[r * width_], rhs[r]);
      for (const auto& [q, x] : rows[r]) (void)Arithmetic::assign(t.entries[r * width_ + q + 1], x);
    }
  }

  /// The dictionary of the basis whose basic variables are `basic`,
  /// reached from the slack basis by pivoting each coordinate in (see
  /// `nonsingular`). Only for arithmetics that cannot overflow.
  integer_dictionary(const integer_matrix& m, const std::vector<std::size_t>& basic)
      : integer_dictionary(m, ok_, 1) {
    std::vector<bool> wanted(m.cols + m.rows, false);
    for (auto v : basic) wanted[v] = true;
    for (auto v : basic) {
      if (v >= m.cols) continue;
      const std::size_t q = basis_.column_of(v);
      std::size_t r = 0;
      while (r < m.rows && (wanted[basis_.basic(r)] || Arithmetic::sign(at(r, q + 1)) == 0)) ++r;
      if (r == m.rows) {  // no such basis
        ok_ = false;
        return;
      }
      (void)pivot(r, q);
    }
    if (Arithmetic::sign(current().det) < 0) {
      for (auto& x : current().entries) Arithmetic::negate(x, x);
      Arithmetic::negate(current().det, current().det);
    }
  }

  /// The same dictionary in another arithmetic (to continue a search in
  /// GMP integers where machine words overflowed), or a copy in the same
  /// one, with `saved_levels` of its own (none saved yet).
  template <class Other>
  explicit integer_dictionary(const integer_dictionary<Other>& other,
                              std::size_t saved_levels = default_saved_levels)
      : basis_(other.basis()), width_(other.basis().structural() + 1), tables_(saved_levels + 1) {
    set_depth(other.depth());
    for (auto& t : tables_) t.entries.resize(basis_.rows() * width_);
    auto& t = current();
    t.depth = depth_;
    if constexpr (std::is_same_v<Other, Arithmetic>) {  // a copy: no detour through GMP
      Arithmetic::copy(t.det, other.determinant());
      for (std::size_t r = 0; r < basis_.rows(); ++r)
        for (std::size_t j = 0; j < width_; ++j) Arithmetic::copy(t.entries[r * width_ + j], other.entry(r, j));
    } else {
      (void)Arithmetic::assign(t.det, Other::to_big(other.determinant()));
      for (std::size_t r = 0; r < basis_.rows(); ++r)
        for (std::size_t j = 0; j < width_; ++j)
          (void)Arithmetic::assign(t.entries[r * width_ + j], Other::to_big(other.entry(r, j)));
    }
    start_in_place();
  }

  integer_dictionary(const integer_dictionary&) = delete;
  integer_dictionary& operator=(const integer_dictionary&) = delete;

  [[nodiscard]] const basis_positions& basis() const noexcept { return basis_; }
  /// False if constructed for a set of basic variables that is singular.
  [[nodiscard]] bool nonsingular() const noexcept { return ok_; }
  /// Entry j (0: the value of the basic variable, q + 1: nonbasic column q)
  /// of row r, times the determinant (times `row_denominator(r)` when
  /// pivoting in place).
  [[nodiscard]] const value_type& entry(std::size_t r, std::size_t j) const { return at(r, j); }
  [[nodiscard]] const value_type& determinant() const noexcept { return current().det; }
  /// The positive number row r's entries are stored times: the
  /// determinant, or with pivots in place the row's own denominator (see
  /// the class comment).
  [[nodiscard]] const value_type& row_denominator(std::size_t r) const {
    return in_place() ? row_denominators_[r] : current().det;
  }
  /// Pivots made and not undone.
  [[nodiscard]] std::size_t depth() const noexcept { return depth_; }

  /// The row that leaves when nonbasic column q enters, by the
  /// lexicographic minimum ratio test; where the right-hand side ties and
  /// the basic variable `preferred` is among the tied rows, its row (as
  /// Lemke's algorithm lets its artificial variable leave). Always certain
  /// (returns true).
  bool leaving_row(std::size_t q, std::size_t& row, std::size_t preferred = basis_positions::none) {
    candidates_.clear();
    for (std::size_t r = 0; r < basis_.rows(); ++r)
      if (Arithmetic::sign(at(r, q + 1)) > 0) candidates_.push_back(r);
    row = lexicographic_extreme(q, -1, preferred);
    return true;
  }

  /// The row where nonbasic column q, all of whose entries are negative,
  /// enters from an infeasible basis and makes every basic variable
  /// non-negative: the lexicographically largest ratio (Lemke's first
  /// pivot, on the most negative right-hand side per unit of the column).
  [[nodiscard]] std::size_t most_infeasible_row(std::size_t q) {
    candidates_.clear();
    for (std::size_t r = 0; r < basis_.rows(); ++r)
      if (Arithmetic::sign(at(r, q + 1)) < 0) candidates_.push_back(r);
    return lexicographic_extreme(q, 1, basis_positions::none);
  }

  /// `leaving_row` for every nonbasic column (out[q] for column q), with a
  /// floating filter first: the scores t / v (reciprocal ratios) computed
  /// from the entries rounded to doubles are within 16 units in the last
  /// place of the true ones and have their signs, so when the largest
  /// positive score exceeds the next by a factor 1 + 10^-12 its row
  /// certainly has the smallest ratio. Rows with v = 0 score 0; a column
  /// where one of them has t > 0 (a degenerate pivot), and a column too
  /// close to call, get the exact lexicographic test.
  bool leaving_rows(std::uint32_t* out) {
    const std::size_t d = basis_.structural();
    zero_rows_.clear();
    for (std::size_t r = 0; r < basis_.rows(); ++r)
      if (Arithmetic::sign(at(r, 0)) == 0) zero_rows_.push_back(r);
    const bool filter = Arithmetic::fits_double(table_entries());
    if (filter) {
      scores_.reset(d);
      rounded_.resize(width_);
      for (std::size_t r = 0; r < basis_.rows(); ++r) {
        for (std::size_t j = 0; j < width_; ++j) rounded_[j] = Arithmetic::to_double(at(r, j));
        scores_.add_row(rounded_.data() + 1, rounded_[0] == 0 ? 0.0 : 1.0 / rounded_[0], r);
      }
    }
    for (std::size_t q = 0; q < d; ++q) {
      bool degenerate = false;
      for (auto r : zero_rows_) degenerate = degenerate || Arithmetic::sign(at(r, q + 1)) > 0;
      std::size_t row = basis_positions::none;
      if (!filter || degenerate) {
        leaving_row(q, row);
      } else if (scores_.first(q) <= 0) {
        row = basis_positions::none;  // no positive entry (signs survive rounding)
      } else if (scores_.second(q) <= 0 || scores_.second(q) < scores_.first(q) * (1 - 1e-12)) {
        row = scores_.first_row(q);
      } else {
        leaving_row(q, row);
      }
      out[q] = static_cast<std::uint32_t>(row);
    }
    return true;
  }

  /// Exchanges the basic variable of row r with nonbasic column q; false
  /// (and nothing changed) if a result overflows the arithmetic.
  bool pivot(std::size_t r, std::size_t q) {
    if (in_place()) return pivot_in_place(r, q);
    table& next = tables_[(depth_ + 1) % tables_.size()];
    if (!pivot_into(current(), next, r, q)) {
      next.depth = basis_positions::none;  // partly overwritten
      return false;
    }
    next.depth = depth_ + 1;
    set_depth(depth_ + 1);
    basis_.exchange(r, q);
    return true;
  }

  /// Undoes the last pivot not yet undone, which was (r, q); false (and
  /// nothing changed) on overflow.
  bool unpivot(std::size_t r, std::size_t q) {
    if (in_place()) return pivot_in_place(r, q);  // pivoting back on (r, q) undoes it
    table& previous = tables_[(depth_ - 1) % tables_.size()];
    if (previous.depth != depth_ - 1) {
      previous.depth = basis_positions::none;
      if (!pivot_into(current(), previous, r, q)) return false;
      previous.depth = depth_ - 1;
    }
    set_depth(depth_ - 1);
    basis_.exchange(r, q);
    return true;
  }

  /// Whether the basic variable of row r is zero.
  bool basic_value_is_zero(std::size_t r, bool& zero) const {
    zero = Arithmetic::sign(at(r, 0)) == 0;
    return true;
  }

  /// The sign of entry (r, q) of B^-1 N, the coefficient of nonbasic
  /// column q in row r. Always true.
  bool entry_sign(std::size_t r, std::size_t q, int& sign) const {
    sign = Arithmetic::sign(at(r, q + 1));
    return true;
  }

  /// The sign entry (a, j) of B^-1 N would have after the pivot on (r, s),
  /// for a != r, j != s and a positive pivot entry, without pivoting: that
  /// of t_aj t_rs - t_as t_rj. Always true.
  bool pivoted_sign(std::size_t a, std::size_t j, std::size_t r, std::size_t s, int& sign) {
    sign = arithmetic_.compare_products(at(a, j + 1), at(r, s + 1), at(a, s + 1), at(r, j + 1));
    return true;
  }

 private:
  /// With no saved levels, every row over the determinant (1 at the slack
  /// basis).
  void start_in_place() {
    if (!in_place()) return;
    if constexpr (!std::is_same_v<Arithmetic, gmp_arithmetic>)
      throw internal_error("integer_dictionary: pivots in place need an arithmetic that cannot overflow");
    row_denominators_.assign(basis_.rows(), current().det);
  }

  [[nodiscard]] bool in_place() const noexcept { return tables_.size() == 1; }

  /// The pivot on (r, q) in place, rows over their own denominators (see
  /// the class comment). With the pivot p (row r over d_r) and a row i's
  /// entry a in the pivot column (over d_i), that row becomes
  /// (x |p| - a' b) / (d_i |p|) for its entries x and the pivot row's b,
  /// a' = a sign(p), and -a' d_r in the pivot column; the common factor
  /// gcd(|p|, a') is taken out first. The pivot row keeps its entries over
  /// |p| (negated if p < 0), with d_r in the pivot column. Always true.
  bool pivot_in_place(std::size_t r, std::size_t q) {
    if constexpr (std::is_same_v<Arithmetic, gmp_arithmetic>) {
      const std::size_t c = q + 1;
      big_integer& p = scratch_p_;
      p = at(r, c);
      const int sign = mpz_sgn(p.backend().data());
      mpz_abs(p.backend().data(), p.backend().data());
      const big_integer pivot_denominator = row_denominators_[r];
      nonzero_.clear();
      for (std::size_t j = 0; j < width_; ++j)
        if (j != c && mpz_sgn(at(r, j).backend().data()) != 0) nonzero_.push_back(j);
      big_integer &a = scratch_a_, &g = scratch_g_, &scale = scratch_scale_;
      const value_type* pivot_row = &current().entries[r * width_];
      for (std::size_t i = 0; i < basis_.rows(); ++i) {
        if (i == r || mpz_sgn(at(i, c).backend().data()) == 0) continue;
        a = at(i, c);
        if (sign < 0) mpz_neg(a.backend().data(), a.backend().data());
        mpz_gcd(g.backend().data(), p.backend().data(), a.backend().data());
        mpz_divexact(scale.backend().data(), p.backend().data(), g.backend().data());
        mpz_divexact(a.backend().data(), a.backend().data(), g.backend().data());
        const bool unit = mpz_cmp_ui(scale.backend().data(), 1) == 0;
        value_type* row = &current().entries[i * width_];
        if (!unit)
          for (std::size_t j = 0; j < width_; ++j)
            if (j != c && mpz_sgn(row[j].backend().data()) != 0)
              mpz_mul(row[j].backend().data(), row[j].backend().data(), scale.backend().data());
        for (const auto j : nonzero_) mpz_submul(row[j].backend().data(), a.backend().data(), pivot_row[j].backend().data());
        mpz_mul(row[c].backend().data(), a.backend().data(), pivot_denominator.backend().data());
        mpz_neg(row[c].backend().data(), row[c].backend().data());
        if (!unit) {
          auto& denominator = row_denominators_[i];
          mpz_mul(denominator.backend().data(), denominator.backend().data(), scale.backend().data());
          // A pass of gcds pays only once the numbers outgrow a machine word.
          if (mpz_size(denominator.backend().data()) > 1) reduce_row(i);
        }
      }
      value_type* row = &current().entries[r * width_];
      row[c] = pivot_denominator;
      if (sign < 0)
        for (std::size_t j = 0; j < width_; ++j) mpz_neg(row[j].backend().data(), row[j].backend().data());
      row_denominators_[r] = p;
      ++depth_;
      basis_.exchange(r, q);
    }
    return true;
  }

  /// Divides row i and its denominator by their gcd (pivots in place).
  void reduce_row(std::size_t i) {
    if constexpr (std::is_same_v<Arithmetic, gmp_arithmetic>) {
      big_integer& g = scratch_g_;
      g = row_denominators_[i];
      value_type* row = &current().entries[i * width_];
      for (std::size_t j = 0; j < width_ && mpz_cmp_ui(g.backend().data(), 1) != 0; ++j)
        if (mpz_sgn(row[j].backend().data()) != 0) mpz_gcd(g.backend().data(), g.backend().data(), row[j].backend().data());
      if (mpz_cmp_ui(g.backend().data(), 1) == 0) return;
      for (std::size_t j = 0; j < width_; ++j)
        if (mpz_sgn(row[j].backend().data()) != 0)
          mpz_divexact(row[j].backend().data(), row[j].backend().data(), g.backend().data());
      mpz_divexact(row_denominators_[i].backend().data(), row_denominators_[i].backend().data(), g.backend().data());
    }
  }

  struct table {
    std::vector<value_type> entries;  ///< row-major, k x (d + 1)
    value_type det{};
    std::size_t depth = basis_positions::none;  ///< the search depth it holds, if any
  };

  [[nodiscard]] const std::vector<value_type>& table_entries() const { return current_->entries; }
  [[nodiscard]] table& current() { return *current_; }
  [[nodiscard]] const table& current() const { return *current_; }
  void set_depth(std::size_t depth) {
    depth_ = depth;
    current_ = &tables_[depth % tables_.size()];
  }
  [[nodiscard]] value_type& at(std::size_t r, std::size_t j) { return current().entries[r * width_ + j]; }
  [[nodiscard]] const value_type& at(std::size_t r, std::size_t j) const { return current().entries[r * width_ + j]; }

  /// `to` = `from` after exchanging row r with column q.
  bool pivot_into(const table& from, table& to, std::size_t r, std::size_t q) {
    const std::size_t c = q + 1;
    const value_type* pivot_row = &from.entries[r * width_];
    arithmetic_.set_pivot(pivot_row, width_, c, from.det);
    for (std::size_t i = 0; i < basis_.rows(); ++i) {
      value_type* row = &to.entries[i * width_];
      if (i != r) {
        if (!arithmetic_.update_row(row, &from.entries[i * width_], width_)) return false;
        continue;
      }
      for (std::size_t j = 0; j < width_; ++j) Arithmetic::copy(row[j], pivot_row[j]);
      Arithmetic::copy(row[c], from.det);
    }
    Arithmetic::copy(to.det, pivot_row[c]);
    return true;
  }

  /// Entry of row r of [B^-1 1 | B^-1] at `level` (times det).
  [[nodiscard]] const value_type& perturbation(std::size_t level, std::size_t r) const {
    if (level == 0) return at(r, 0);
    const std::size_t slack = basis_.structural() + level - 1;
    const std::size_t column = basis_.column_of(slack);
    if (column != basis_positions::none) return at(r, column + 1);
    return basis_.row_of(slack) == r ? row_denominator(r) : zero_;
  }

  /// Among `candidates_` (rows whose entries in column q have one sign),
  /// the one whose row of [B^-1 rhs | B^-1] over its entry in column q is
  /// lexicographically least (`direction` -1) or largest (1); `preferred`
  /// wins a tie of the right-hand side. Level 0 is the right-hand side,
  /// level j + 1 the perturbation of row j.
  [[nodiscard]] std::size_t lexicographic_extreme(std::size_t q, int direction, std::size_t preferred) {
    for (std::size_t level = 0; candidates_.size() > 1 && level <= basis_.rows(); ++level) {
      if (level > 0) {
        // A basic slack's column of B^-1 is the unit vector of its row: over
        // that row's entry (of the sign all candidates share) it is a ratio
        // of that sign where the others have 0, so its row loses and the
        // others stay tied, with no product to compare.
        const std::size_t slack = basis_.structural() + level - 1;
        if (basis_.column_of(slack) == basis_positions::none) {
          const auto it = std::find(candidates_.begin(), candidates_.end(), basis_.row_of(slack));
          if (it != candidates_.end()) candidates_.erase(it);
          continue;
        }
      }
      std::size_t best = candidates_[0];
      std::size_t kept = 1;
      for (std::size_t i = 1; i < candidates_.size(); ++i) {
        const std::size_t r = candidates_[i];
        // ratio(r) - ratio(best) has the sign of value(r) * t(best) - value(best) * t(r)
        // (t(r) t(best) > 0).
        const int cmp = compare_ratio(level, r, best, q) * direction;
        if (cmp > 0) {
          best = r;
          candidates_[0] = r;
          kept = 1;
        } else if (cmp == 0) {
          candidates_[kept++] = r;
        }
      }
      candidates_.resize(kept);
      if (level == 0 && preferred != basis_positions::none && candidates_.size() > 1) {
        const std::size_t r = basis_.row_of(preferred);
        if (std::find(candidates_.begin(), candidates_.end(), r) != candidates_.end()) return r;
      }
    }
    return candidates_.empty() ? basis_positions::none : candidates_[0];
  }

  [[nodiscard]] int compare_ratio(std::size_t level, std::size_t r, std::size_t s, std::size_t q) {
    return arithmetic_.compare_products(perturbation(level, r), at(s, q + 1), perturbation(level, s), at(r, q + 1));
  }

  basis_positions basis_;
  std::size_t width_;
  std::vector<table> tables_;
  std::size_t depth_ = 0;
  table* current_ = nullptr;  ///< tables_[depth_ % tables_.size()]
  value_type zero_{};
  Arithmetic arithmetic_;
  std::vector<std::size_t> candidates_, zero_rows_;
  column_scores scores_;
  std::vector<double> rounded_;
  bool ok_ = true;
  // Pivots in place only: each row's denominator, the pivot row's non-zero
  // columns, and scratch integers.
  std::vector<value_type> row_denominators_;
  std::vector<std::size_t> nonzero_;
  big_integer scratch_p_, scratch_a_, scratch_g_, scratch_scale_;
};

}  // namespace impasse::detail
