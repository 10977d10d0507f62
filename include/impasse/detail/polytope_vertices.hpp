// The vertices of a polytope {z >= 0 : M z <= 1} with M positive (a
// best-response polytope), each with the set of constraints tight there.
//
// `polytope_walk` walks the graph of lexicographic bases depth first from
// the slack basis z = 0, pivoting along each edge it has not seen (and
// back, which the integer dictionaries mostly get for free), with a hash
// set of the bases already visited. Every lexicographic basis is visited
// once, and each is the basis of exactly one (perturbed) vertex, so the
// work is B batches of d ratio tests (O(k d) each) and B pivots of O(k d)
// for B bases, and the memory the set of bases, the vertices and the path
// (d leaving rows per level). Unlike lrs's reverse search, which needs no
// memory but d pivots per basis, this trades memory for pivots. Distinct
// vertices of the real polytope are told apart by their sets of tight
// constraints, which identify them; a nondegenerate vertex has only one
// basis, so only degenerate ones need looking up.
//
// `exact_vertex_of` recomputes a vertex exactly from one of its bases: the
// nonbasic constraints, taken as equations, determine it. It is how the
// floating search's findings are confirmed.
#pragma once

#include <impasse/core/result.hpp>
#include <impasse/detail/label_set.hpp>
#include <impasse/detail/lex_dictionary.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <stop_token>
#include <vector>

namespace impasse::detail {

enum class search_end {
  complete,
  cancelled,
  overflow,  ///< an integer dictionary overflowed its arithmetic
  unsure,    ///< a floating dictionary could not decide a comparison
  limit,     ///< visited the most bases allowed
};

template <class Key>
struct polytope_vertex {
  Key labels;  ///< game labels of the constraints tight at the vertex
  Key basis;   ///< the basic variables of the first basis found for it
};

template <class Key>
struct polytope_search {
  std::vector<polytope_vertex<Key>> vertices;  ///< in order of discovery; the first is z = 0
  std::size_t bases = 0;
  std::size_t pivots = 0;
  std::size_t exact_bases = 0;  ///< floating search only: bases decided exactly
  /// Entry updates of the bases visited: rows times columns of the
  /// dictionary, times its arithmetic's `entry_cost` (1 in machine words).
  std::size_t work = 0;
  search_end end = search_end::complete;
};

/// Undoes the pivot (row, column) that led to the current basis, in the
/// dictionary and in `basic` (the set of basic variables); false, and
/// nothing changed, when a narrow integer dictionary overflows.
template <class Dictionary, class Key>
bool undo_pivot(Dictionary& dictionary, std::size_t row, std::size_t column, Key& basic) {
  const basis_positions& basis = dictionary.basis();
  const std::size_t entered = basis.basic(row), left = basis.nonbasic(column);
  if (!dictionary.unpivot(row, column)) return false;
  basic.flip(entered);
  basic.flip(left);
  return true;
}

/// The depth-first walk over the lexicographic bases of a polytope, as an
/// object so that it can stop (on overflow of an integer dictionary) and
/// resume with another dictionary of the same basis.
template <class Key>
class polytope_walk {
 public:
  /// `label_of_variable[v]`: the game label of variable v (coordinates
  /// first, then slacks).
  /// `max_bases`: stop (end `limit`) after visiting that many bases.
  /// `on_progress`: called with the bases visited, every 1024.
  /// `max_work`: stop (end `limit`) once the bases' work (see
  /// `polytope_search::work`) reaches it.
  polytope_walk(const std::vector<std::size_t>& label_of_variable, const std::stop_token& stop,
                std::size_t max_bases = std::numeric_limits<std::size_t>::max(),
                progress_callback on_progress = {},
                std::size_t max_work = std::numeric_limits<std::size_t>::max())
      : labels_(label_of_variable),
        stop_(stop),
        max_bases_(max_bases),
        max_work_(max_work),
        on_progress_(std::move(on_progress)) {}

  /// Walks until done or stopped (cancelled, overflow, unsure), starting at
  /// the dictionary's basis, or resuming where the last call stopped if
  /// that was an overflow and the dictionary is now in the same basis.
  template <class Dictionary>
  search_end run(Dictionary& dictionary) {
    const basis_positions& basis = dictionary.basis();
    const std::size_t d = basis.structural();
    constexpr auto no_row = static_cast<std::uint32_t>(basis_positions::none);
    if (path_.empty()) {  // start
      if (stop_.stop_requested()) return out_.end = search_end::cancelled;
      for (std::size_t r = 0; r < basis.rows(); ++r) current_.insert(basis.basic(r));
      visited_.insert(current_);
      if (!record(dictionary)) return out_.end = search_end::unsure;
      path_.push_back({0, basis_positions::none, basis_positions::none});
      leaving_.resize(d);
      if (!dictionary.leaving_rows(leaving_.data())) return out_.end = search_end::unsure;
    }
    while (!path_.empty()) {
      frame& top = path_.back();
      if (top.next_column == d) {
        if (top.row != basis_positions::none) {
          if (!undo_pivot(dictionary, top.row, top.column, current_)) return out_.end = search_end::overflow;
          ++out_.pivots;
        }
        path_.pop_back();
        continue;
      }
      const std::size_t q = top.next_column;
      const std::uint32_t leaving_row = leaving_[(path_.size() - 1) * d + q];
      // Column q leads back where we came from; no row: cannot happen in a bounded polytope.
      if (q == top.column || leaving_row == no_row) {
        ++top.next_column;
        continue;
      }
      const std::size_t r = leaving_row;
      Key next = current_;
      next.flip(basis.basic(r));
      next.flip(basis.nonbasic(q));
      if (visited_.contains(next)) {
        ++top.next_column;
        continue;
      }
      if (!dictionary.pivot(r, q)) return out_.end = search_end::overflow;  // retried on resuming
      ++top.next_column;
      ++out_.pivots;
      visited_.insert(next);
      current_ = next;
      if constexpr (!Dictionary::exact)
        if (!dictionary.sure()) return out_.end = search_end::unsure;
      if (!record(dictionary)) return out_.end = search_end::unsure;
      if ((out_.bases & 1023) == 0) {
        if (stop_.stop_requested()) return out_.end = search_end::cancelled;
        report_progress(on_progress_, out_.bases, 0, "bases");
      }
      if (out_.bases >= max_bases_ || out_.work >= max_work_) return out_.end = search_end::limit;
      path_.push_back({0, r, q});
      leaving_.resize(path_.size() * d);
      std::uint32_t* rows = leaving_.data() + (path_.size() - 1) * d;
      if (!dictionary.leaving_rows(rows)) return out_.end = search_end::unsure;
      for (std::size_t c = 0; c < d; ++c)  // the neighbours will be looked up soon
        if (c != q && rows[c] != no_row) {
          Key neighbour = current_;
          neighbour.flip(basis.basic(rows[c]));
          neighbour.flip(basis.nonbasic(c));
          visited_.prefetch(neighbour);
        }
    }
    return out_.end = search_end::complete;
  }

  [[nodiscard]] polytope_search<Key>& found() noexcept { return out_; }

 private:
  /// Notes the vertex of the dictionary's basis; false when unsure.
  template <class Dictionary>
  bool record(Dictionary& dictionary) {
    const basis_positions& basis = dictionary.basis();
    Key labels;
    for (std::size_t q = 0; q < basis.structural(); ++q) labels.insert(labels_[basis.nonbasic(q)]);
    bool degenerate = false;
    for (std::size_t r = 0; r < basis.rows(); ++r) {
      bool zero = false;
      if (!dictionary.basic_value_is_zero(r, zero)) return false;
      if (zero) labels.insert(labels_[basis.basic(r)]);
      degenerate |= zero;
    }
    // A nondegenerate vertex has only this basis, so it is new; a
    // degenerate one has more than d labels, so it is told apart from those.
    if (!degenerate || degenerate_vertices_.insert(labels, out_.vertices.size()).second)
      out_.vertices.push_back({labels, current_});
    ++out_.bases;
    std::size_t entry_cost = 1;
    if constexpr (requires { Dictionary::entry_cost; }) entry_cost = Dictionary::entry_cost;
    const std::size_t cost = basis.rows() * (basis.structural() + 1) * entry_cost;
    out_.work = cost > std::numeric_limits<std::size_t>::max() - out_.work ? std::numeric_limits<std::size_t>::max()
                                                                          : out_.work + cost;
    return true;
  }

  // A frame of the path: the next column to try at its basis, and the
  // pivot that led there (undone on leaving). The leaving rows of all
  // columns at the basis of frame i are computed on arrival, in
  // leaving_[i * d, (i + 1) * d).
  struct frame {
    std::size_t next_column;
    std::size_t row, column;
  };

  const std::vector<std::size_t>& labels_;
  std::stop_token stop_;
  std::size_t max_bases_;
  std::size_t max_work_;
  progress_callback on_progress_;
  polytope_search<Key> out_;
  nonempty_label_set_set<Key> visited_;       // bases: never empty, as k >= 1
  label_set_map<Key> degenerate_vertices_;  // labels of degenerate vertices
  Key current_;                             // basic variables of the current basis
  std::vector<frame> path_;
  std::vector<std::uint32_t> leaving_;
};

/// Every vertex of the dictionary's polytope (see `polytope_walk`); stops
/// early, saying why in `end`, on cancellation, overflow or an unsure
/// decision.
template <class Key, class Dictionary>
[[nodiscard]] polytope_search<Key> search_polytope(Dictionary& dictionary,
                                                   const std::vector<std::size_t>& label_of_variable,
                                                   const std::stop_token& stop,
                                                   std::size_t max_bases = std::numeric_limits<std::size_t>::max(),
                                                   progress_callback on_progress = {}) {
  polytope_walk<Key> walk(label_of_variable, stop, max_bases, std::move(on_progress));
  walk.run(dictionary);
  return std::move(walk.found());
}

/// Runs a search of {z >= 0 : m z <= 1} (`polytope_walk`, or any object
/// whose `run` takes a dictionary and resumes after an overflow) exactly:
/// in machine words while they suffice, then on in two-word integers, then
/// in GMP integers, each time from where the narrower ones overflowed.
template <class Search>
void run_exactly(const integer_matrix& m, Search& search) {
  const auto finish_in_gmp = [&](const auto& narrower) {
    integer_dictionary<gmp_arithmetic> big(narrower);
    search.run(big);
  };
  const auto continue_in_int128 = [&](integer_dictionary<int128_arithmetic>& middle) {
    if (search.run(middle) == search_end::overflow) finish_in_gmp(middle);
  };
  bool fits = false;
  integer_dictionary<int64_arithmetic> small(m, fits);
  if (fits) {
    if (search.run(small) == search_end::overflow) {
      integer_dictionary<int128_arithmetic> middle(small);
      continue_in_int128(middle);
    }
    return;
  }
  integer_dictionary<int128_arithmetic> middle(m, fits);
  if (fits) {
    continue_in_int128(middle);
  } else {
    integer_dictionary<gmp_arithmetic> big(m, fits);
    search.run(big);
  }
}

/// A vertex in exact integers: coordinate i is numerators[i] / denominator.
template <class Key>
struct exact_vertex {
  std::vector<big_integer> numerators;
  big_integer denominator;
  Key labels;  ///< game labels of the constraints tight at it
};

/// The mixed strategy of a nonzero vertex of a best-response polytope:
/// its coordinates divided by their sum.
template <class Key>
[[nodiscard]] std::vector<rational> mixed_strategy_of(const exact_vertex<Key>& v) {
  big_integer total = 0;
  for (const auto& x : v.numerators) total += x;
  std::vector<rational> out;
  out.reserve(v.numerators.size());
  for (const auto& x : v.numerators) out.emplace_back(x, total);
  return out;
}

/// The vertex of {z >= 0 : m z <= 1} where the nonbasic constraints of
/// `basis` are tight, computed exactly, or nothing if that basis is
/// singular (then `*singular` is set, if given) or its point lies outside
/// the polytope. Fraction-free Gauss-Jordan elimination on the s x s
/// system of the basic coordinates and the tight rows: O(s^3 + k s)
/// integer operations.
template <class Key>
[[nodiscard]] std::optional<exact_vertex<Key>> exact_vertex_of(const integer_matrix& m, const Key& basis,
                                                                const std::vector<std::size_t>& label_of_variable,
                                                                bool* singular = nullptr) {
  if (singular) *singular = false;
  const std::size_t d = m.cols, k = m.rows;
  std::vector<std::size_t> coordinates, tight_rows;
  for (std::size_t i = 0; i < d; ++i)
    if (basis.contains(i)) coordinates.push_back(i);
  for (std::size_t j = 0; j < k; ++j)
    if (!basis.contains(d + j)) tight_rows.push_back(j);
  const std::size_t s = coordinates.size();
  if (tight_rows.size() != s) {
    if (singular) *singular = true;
    return std::nullopt;
  }

  // [m(tight rows, coordinates) | 1], reduced to [det I | det z].
  integer_matrix e{s, s + 1, std::vector<big_integer>(s * (s + 1))};
  for (std::size_t a = 0; a < s; ++a) {
    for (std::size_t b = 0; b < s; ++b) e(a, b) = m(tight_rows[a], coordinates[b]);
    e(a, s) = 1;
  }
  big_integer det = 1;
  for (std::size_t c = 0; c < s; ++c) {
    std::size_t p = c;
    while (p < s && e(p, c) == 0) ++p;
    if (p == s) {
      if (singular) *singular = true;
      return std::nullopt;
    }
    if (p != c)
      for (std::size_t j = 0; j <= s; ++j) std::swap(e(p, j), e(c, j));
    for (std::size_t i = 0; i < s; ++i) {
      if (i == c) continue;
      for (std::size_t j = 0; j <= s; ++j)
        if (j != c) e(i, j) = (e(i, j) * e(c, c) - e(i, c) * e(c, j)) / det;
      e(i, c) = 0;
    }
    det = e(c, c);
  }

  exact_vertex<Key> out;
  out.numerators.assign(d, big_integer(0));
  out.denominator = det < 0 ? big_integer(-det) : det;
  for (std::size_t b = 0; b < s; ++b) {
    big_integer value = det < 0 ? big_integer(-e(b, s)) : e(b, s);
    if (value < 0) return std::nullopt;
    out.numerators[coordinates[b]] = std::move(value);
  }
  for (std::size_t i = 0; i < d; ++i)
    if (out.numerators[i] == 0) out.labels.insert(label_of_variable[i]);
  for (std::size_t j = 0; j < k; ++j) {
    big_integer row(0);
    for (auto i : coordinates) row += m(j, i) * out.numerators[i];
    if (row > out.denominator) return std::nullopt;
    if (row == out.denominator) out.labels.insert(label_of_variable[d + j]);
  }
  return out;
}

}  // namespace impasse::detail
