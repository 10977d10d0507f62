// The extreme equilibria at the vertices of one best-response polytope,
// for a search that visits that polytope's vertices one at a time (the
// reverse search of detail/reverse_search.hpp): for each vertex x, the
// vertices of the other polytope that carry every label x lacks.
//
// A nondegenerate x lacks exactly as many labels as the other player has
// strategies; its only possible partner is the solution of a square
// system (the other player's best responses to x supported on, the rows
// of x's support tight), found exactly by `exact_vertex_of` and, in a
// floating search, first screened in floating point
// (`floating_partner_filter`). A degenerate x, or one whose system is
// singular, has a face of the other polytope as its set of partners; its
// vertices come from an exact reverse search of that face.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/scalar.hpp>
#include <impasse/detail/polytope_vertices.hpp>
#include <impasse/detail/reverse_search.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <stop_token>
#include <vector>

namespace impasse::detail {

/// The face of a polytope {z >= 0 : t z <= 1} whose points carry every
/// label in `missing`: its coordinates with those labels are zero, so it
/// is the polytope of the other coordinates (`kept`) on which the rows
/// with those labels (`tight`) must be tight. Its vertices are vertices of
/// the polytope.
template <class Key>
struct complementary_face {
  integer_matrix data;               ///< the rows of t on the kept coordinates
  std::vector<std::size_t> labels;   ///< game labels of its variables: kept coordinates, then rows
  std::vector<std::size_t> kept;     ///< the coordinates of t it keeps
  Key tight;                         ///< labels of the rows that must be tight
};

template <class Key>
[[nodiscard]] complementary_face<Key> face_with_labels(const integer_matrix& t, const std::vector<std::size_t>& t_labels,
                                                       const Key& missing) {
  complementary_face<Key> out;
  for (std::size_t c = 0; c < t.cols; ++c)
    if (!missing.contains(t_labels[c])) out.kept.push_back(c);
  out.data = {t.rows, out.kept.size(), std::vector<big_integer>(t.rows * out.kept.size())};
  for (auto c : out.kept) out.labels.push_back(t_labels[c]);
  for (std::size_t r = 0; r < t.rows; ++r) {
    out.labels.push_back(t_labels[t.cols + r]);
    if (missing.contains(t_labels[t.cols + r])) out.tight.insert(t_labels[t.cols + r]);
    for (std::size_t c = 0; c < out.kept.size(); ++c) out.data(r, c) = t(r, out.kept[c]);
  }
  return out;
}

/// A floating-point test of whether the point of {z >= 0 : t z <= 1}
/// where given rows are tight and the other coordinates zero, the s x s
/// system t(rows, coordinates) z = 1, lies in the polytope. `false` only
/// when floating point is sure it does not: the LU factorisation (partial
/// pivoting, O(s^3)) is well conditioned (no pivot below 1e-9 of the
/// largest) and a coordinate or a slack is below -1e-7 (the data divided
/// by its largest entry; the solution's size taken as at least 1). Every
/// `true` is decided exactly by the caller. The same trust as the
/// floating search's (detail/floating_dictionary.hpp).
class floating_partner_filter {
 public:
  explicit floating_partner_filter(const integer_matrix& t) : rows_(t.rows), cols_(t.cols), t_(t.rows * t.cols) {
    big_integer high = 1;
    for (const auto& x : t.entries) high = std::max(high, x);
    const rational scale(high);
    for (std::size_t i = 0; i < t.entries.size(); ++i) t_[i] = scalar_cast<double>(rational(t.entries[i]) / scale);
    tight_.assign(rows_, false);
  }

  [[nodiscard]] bool may_be_inside(const std::vector<std::size_t>& coordinates, const std::vector<std::size_t>& rows) {
    const std::size_t s = coordinates.size();
    a_.resize(s * s);
    y_.assign(s, 1.0);
    for (std::size_t i = 0; i < s; ++i)
      for (std::size_t j = 0; j < s; ++j) a_[i * s + j] = t_[rows[i] * cols_ + coordinates[j]];
    double largest = 0, smallest = std::numeric_limits<double>::infinity();
    for (std::size_t c = 0; c < s; ++c) {
      std::size_t p = c;
      for (std::size_t i = c + 1; i < s; ++i)
        if (std::abs(a_[i * s + c]) > std::abs(a_[p * s + c])) p = i;
      if (p != c) {
        for (std::size_t j = c; j < s; ++j) std::swap(a_[p * s + j], a_[c * s + j]);
        std::swap(y_[p], y_[c]);
      }
      const double pivot = a_[c * s + c];
      largest = std::max(largest, std::abs(pivot));
      smallest = std::min(smallest, std::abs(pivot));
      if (pivot == 0) return true;  // singular in floating point: decided exactly
      for (std::size_t i = c + 1; i < s; ++i) {
        const double factor = a_[i * s + c] / pivot;
        if (factor == 0) continue;
        for (std::size_t j = c + 1; j < s; ++j) a_[i * s + j] -= factor * a_[c * s + j];
        y_[i] -= factor * y_[c];
      }
    }
    if (s > 0 && smallest < 1e-9 * largest) return true;
    double size = 1;
    for (std::size_t c = s; c-- > 0;) {
      double value = y_[c];
      for (std::size_t j = c + 1; j < s; ++j) value -= a_[c * s + j] * y_[j];
      y_[c] = value / a_[c * s + c];
      size = std::max(size, std::abs(y_[c]));
    }
    const double margin = 1e-7 * size;
    for (std::size_t j = 0; j < s; ++j)
      if (y_[j] < -margin) return false;
    for (auto r : rows) tight_[r] = true;
    bool inside = true;
    for (std::size_t r = 0; r < rows_ && inside; ++r) {
      if (tight_[r]) continue;
      double slack = 1;
      for (std::size_t j = 0; j < s; ++j) slack -= t_[r * cols_ + coordinates[j]] * y_[j];
      inside = slack >= -margin;
    }
    for (auto r : rows) tight_[r] = false;
    return inside;
  }

 private:
  std::size_t rows_, cols_;
  std::vector<double> t_;
  std::vector<double> a_, y_;
  std::vector<bool> tight_;
};

/// The equilibria at the vertices of the best-response polytope of one
/// player (`own`), each paired with its partners in the other's (see the
/// file comment).
template <class Key>
class complementary_partners {
 public:
  /// A pair of exact mixed strategies, in player order.
  using strategy_pair = std::array<std::vector<rational>, 2>;
  enum class outcome {
    done,
    unconfirmed,  ///< the vertex recomputed exactly lacks the labels seen (a floating search erred)
    cancelled,
    limit,        ///< a face search reached its budget of bases
  };

  /// `data[p]` and `labels[p]`: the polytope of player p's mixed
  /// strategies and the game labels of its variables (see
  /// `positive_integer_payoffs` and `polytope_labels`).
  complementary_partners(const std::array<integer_matrix, 2>& data,
                         const std::array<std::vector<std::size_t>, 2>& labels, std::size_t own,
                         std::stop_token stop)
      : data_(data), labels_(labels), own_(own), other_(1 - own), stop_(std::move(stop)) {
    own_count_ = data_[own_].cols;
    other_count_ = data_[other_].cols;
    universe_ = own_count_ + other_count_;
    for (std::size_t c = 0; c < own_count_; ++c) origin_.insert(labels_[own_][c]);
  }

  /// Appends to `out` the equilibria at the vertex with labels
  /// `own_labels` and basis `basis` of the own polytope (none at z = 0).
  /// Not `exact`: a nondegenerate vertex's candidate is screened in
  /// floating point first. `max_face_bases` bounds the bases of the face
  /// searches, counted over calls in `face_bases()`.
  outcome equilibria_at(const Key& own_labels, const Key& basis, bool exact, std::size_t max_face_bases,
                        std::vector<strategy_pair>& out) {
    if (own_labels.includes(origin_)) return outcome::done;
    const Key missing = own_labels.complement(universe_);
    const integer_matrix& t = data_[other_];
    const auto& t_labels = labels_[other_];
    partners_.clear();
    bool face_needed = missing.size() != other_count_;
    if (!face_needed) {
      coordinates_.clear();
      rows_.clear();
      Key other_basis;
      for (std::size_t c = 0; c < other_count_; ++c)
        if (!missing.contains(t_labels[c])) coordinates_.push_back(c), other_basis.insert(c);
      for (std::size_t r = 0; r < t.rows; ++r)
        if (missing.contains(t_labels[other_count_ + r])) rows_.push_back(r);
        else other_basis.insert(other_count_ + r);
      if (!exact) {
        if (!filter_) filter_.emplace(t);
        if (!filter_->may_be_inside(coordinates_, rows_)) return outcome::done;
      }
      if (auto y = exact_vertex_of(t, other_basis, t_labels, &face_needed)) partners_.push_back(mixed_strategy_of(*y));
    }
    bool limit = false;
    if (face_needed) {
      const auto face = face_with_labels(t, t_labels, missing);
      if (face.kept.empty()) return outcome::done;
      face_vertices_.clear();
      polytope_reverse_search<Key> search(
          face.labels, stop_,
          [&](const Key& labels, const Key& face_basis) {
            if (labels.includes(face.tight)) face_vertices_.push_back(face_basis);
            return true;
          },
          max_face_bases - std::min(max_face_bases, face_bases_));
      run_exactly(face.data, search);
      face_bases_ += search.counts().bases;
      if (search.counts().end == search_end::cancelled) return outcome::cancelled;
      limit = search.counts().end == search_end::limit;
      for (const auto& face_basis : face_vertices_) {
        const auto v = exact_vertex_of(face.data, face_basis, face.labels);
        if (!v) throw internal_error("vertex_enumeration: an exact vertex of a face does not confirm");
        exact_vertex<Key> y;
        y.numerators.assign(other_count_, big_integer(0));
        for (std::size_t c = 0; c < face.kept.size(); ++c) y.numerators[face.kept[c]] = v->numerators[c];
        y.denominator = v->denominator;
        partners_.push_back(mixed_strategy_of(y));
      }
    }
    if (!partners_.empty()) {
      const auto x = exact_vertex_of(data_[own_], basis, labels_[own_]);
      if (!x || !(x->labels == own_labels)) {
        if (exact) throw internal_error("vertex_enumeration: an exact vertex does not confirm");
        return outcome::unconfirmed;
      }
      auto own_strategy = mixed_strategy_of(*x);
      for (auto& y : partners_) {
        strategy_pair pair;
        pair[own_] = own_strategy;
        pair[other_] = std::move(y);
        out.push_back(std::move(pair));
      }
    }
    return limit ? outcome::limit : outcome::done;
  }

  /// Bases visited by the face searches so far.
  [[nodiscard]] std::size_t face_bases() const noexcept { return face_bases_; }

 private:
  const std::array<integer_matrix, 2>& data_;
  const std::array<std::vector<std::size_t>, 2>& labels_;
  std::size_t own_, other_, own_count_ = 0, other_count_ = 0, universe_ = 0;
  std::stop_token stop_;
  Key origin_;  // the labels of z = 0 in the own polytope
  std::optional<floating_partner_filter> filter_;
  std::vector<std::size_t> coordinates_, rows_;
  std::vector<std::vector<rational>> partners_;
  std::vector<Key> face_vertices_;
  std::size_t face_bases_ = 0;
};

}  // namespace impasse::detail
