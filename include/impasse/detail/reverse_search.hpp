// The vertices of a polytope {z >= 0 : M z <= 1} with M positive, by
// reverse search (Avis and Fukuda 1992, "A pivoting algorithm for convex
// hulls and vertex enumeration of arrangements and polyhedra", Discrete &
// Computational Geometry 8; as lrs does, Avis 2000): memory for the
// dictionary and the current path only, however many bases there are.
//
// The lexicographic bases (detail/lex_dictionary.hpp: the right-hand side
// perturbed to 1 + (e, ..., e^k), so that each basis is the only one of
// its perturbed vertex) form a tree: the parent of a basis is the one the
// simplex method reaches from it in one pivot when it maximises the slack
// of row 0, entering the nonbasic variable of smallest index whose
// reduced cost improves (Bland's rule) and leaving by the lexicographic
// ratio test. Since M is positive, that slack is largest exactly at z = 0,
// whose only basis, the slack basis, is the root; the perturbed polytope
// is simple, so every pivot improves and every other basis has a parent.
// The search walks the tree depth first from the root: a neighbour of the
// current basis (one lexicographic pivot away) is a child when its own
// parent pivot leads back, which is read off the current dictionary
// without pivoting (`is_child`: the sign of the entered variable's
// reduced cost, and those of the smaller-indexed nonbasic ones, after the
// pivot, O(d) comparisons). Only children are pivoted into; a pivot is
// undone on backing up.
//
// A degenerate vertex of the real polytope has several bases; it is
// reported at one of them only, its lexicographically minimal one (lrs's
// `lexmin`): the basis at which no basic variable of value zero could be
// exchanged, by a pivot on a nonzero entry, with a nonbasic variable that
// comes before it in the order slacks of rows 0..k-1, then coordinates.
// The bases of a vertex are the bases of the matroid of its tight
// constraints, so exactly one has no such exchange; and with this order
// every zero-valued basic variable there is a slack whose perturbation
// row starts with +1, so that basis is lexicographically feasible and is
// visited.
//
// Cost per basis: one batch of ratio tests (O(k d)), at most d child tests
// (O(d) each), one pivot into it and one back (O(k d), often free), and
// O(d) per zero-valued basic variable for the lexmin test. Memory: the
// dictionary and, per level of the path, the pivot taken and the d
// leaving rows.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/result.hpp>
#include <impasse/detail/lex_dictionary.hpp>
#include <impasse/detail/polytope_vertices.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <stop_token>
#include <vector>

namespace impasse::detail {

/// What a reverse search counted (its vertices went to the visitor).
struct reverse_search_counts {
  std::size_t vertices = 0;  ///< distinct vertices reported, z = 0 included
  std::size_t bases = 0;
  std::size_t pivots = 0;
  /// Entry updates of the bases visited, as `polytope_search::work`.
  std::size_t work = 0;
  search_end end = search_end::complete;
};

/// A node of the reverse-search tree: the pivots (row, column) that lead
/// to its basis from the root, the slack basis.
using search_tree_node = std::vector<std::array<std::uint32_t, 2>>;

/// The reverse search over the lexicographic bases of a polytope (see the
/// file comment), as an object so that it can stop on overflow of an
/// integer dictionary and resume with a wider dictionary of the same basis.
///
/// The tree can be searched in parts (as mplrs distributes lrs's, Avis
/// and Jordan 2018): `start_at` restricts the search to the subtree of a
/// node, and `split_after` makes a search that has visited enough bases
/// hand the children it has not entered to a callback instead, each the
/// root of a subtree left for another search. The subtrees handed out and
/// the bases visited partition the tree.
template <class Key>
class polytope_reverse_search {
 public:
  /// Called once per vertex with the game labels of its tight constraints
  /// and the basic variables of its lexmin basis; returning false stops
  /// the search (end `limit`).
  using visitor = std::function<bool(const Key& labels, const Key& basis)>;

  /// `label_of_variable[v]`: the game label of variable v (coordinates
  /// first, then slacks). `max_bases`, `on_progress`, `max_work`: as for
  /// `polytope_walk`.
  polytope_reverse_search(const std::vector<std::size_t>& label_of_variable, const std::stop_token& stop,
                          visitor visit, std::size_t max_bases = std::numeric_limits<std::size_t>::max(),
                          progress_callback on_progress = {},
                          std::size_t max_work = std::numeric_limits<std::size_t>::max())
      : labels_(label_of_variable),
        stop_(stop),
        visit_(std::move(visit)),
        max_bases_(max_bases),
        max_work_(max_work),
        on_progress_(std::move(on_progress)) {}

  /// Searches only the subtree of `node` (its basis included), rather than
  /// the whole tree. Before the first `run`.
  void start_at(search_tree_node node) { node_ = std::move(node); }

  /// Once `bases` bases are visited, children are no longer entered but
  /// passed to `on_unexplored` (their nodes), and the search backs up to
  /// its start. Before the first `run`.
  void split_after(std::size_t bases, std::function<void(search_tree_node)> on_unexplored) {
    split_after_ = bases;
    on_unexplored_ = std::move(on_unexplored);
  }

  /// Searches until done or stopped, from the slack basis (which the
  /// dictionary must hold on the first call) or, after an overflow, from
  /// where the last call stopped (the dictionary now wider, same basis).
  template <class Dictionary>
  search_end run(Dictionary& dictionary) {
    const basis_positions& basis = dictionary.basis();
    const std::size_t d = basis.structural();
    constexpr auto no_row = static_cast<std::uint32_t>(basis_positions::none);
    if (!started_) {  // start at the root, or at the node asked for
      if (stop_.stop_requested()) return out_.end = search_end::cancelled;
      if (replayed_ == 0) {
        current_ = Key{};
        for (std::size_t r = 0; r < basis.rows(); ++r) current_.insert(basis.basic(r));
      }
      for (; replayed_ < node_.size(); ++replayed_) {
        const std::size_t r = node_[replayed_][0], q = node_[replayed_][1];
        if (r >= basis.rows() || q >= d) throw internal_error("reverse search: a node off the tree");
        const std::size_t left = basis.basic(r), entered = basis.nonbasic(q);
        if (!dictionary.pivot(r, q)) return out_.end = search_end::overflow;  // retried on resuming
        current_.flip(left);
        current_.flip(entered);
      }
      if constexpr (!Dictionary::exact)
        if (!dictionary.sure()) return out_.end = search_end::unsure;
      started_ = true;
      if (!record(dictionary)) return out_.end = search_end::unsure;
      if (stopped_by_visitor_) return out_.end = search_end::limit;
      path_.push_back({0, basis_positions::none, basis_positions::none});
      leaving_.resize(d);
      if (!dictionary.leaving_rows(leaving_.data())) return out_.end = search_end::unsure;
    }
    while (!path_.empty()) {
      frame& top = path_.back();
      if (top.next_column == d) {  // every child done: back to the parent
        if (top.row != basis_positions::none) {
          if (!undo_pivot(dictionary, top.row, top.column, current_)) return out_.end = search_end::overflow;
          ++out_.pivots;
        }
        path_.pop_back();
        continue;
      }
      const std::size_t q = top.next_column;
      const std::uint32_t leaving_row = leaving_[(path_.size() - 1) * d + q];
      // Column q leads back to the parent; no row: cannot happen in a bounded polytope.
      if (q == top.column || leaving_row == no_row) {
        ++top.next_column;
        continue;
      }
      const std::size_t r = leaving_row;
      bool child = false;
      if (!is_child(dictionary, r, q, child)) return out_.end = search_end::unsure;
      if (!child) {
        ++top.next_column;
        continue;
      }
      if (out_.bases >= split_after_) {  // left for another search
        search_tree_node child = node_;
        for (std::size_t level = 1; level < path_.size(); ++level)
          child.push_back({static_cast<std::uint32_t>(path_[level].row), static_cast<std::uint32_t>(path_[level].column)});
        child.push_back({static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(q)});
        ++top.next_column;
        if (on_unexplored_) on_unexplored_(std::move(child));
        continue;
      }
      const std::size_t left = basis.basic(r), entered = basis.nonbasic(q);
      if (!dictionary.pivot(r, q)) return out_.end = search_end::overflow;  // retried on resuming
      ++top.next_column;
      ++out_.pivots;
      current_.flip(left);
      current_.flip(entered);
      if constexpr (!Dictionary::exact)
        if (!dictionary.sure()) return out_.end = search_end::unsure;
      path_.push_back({0, r, q});
      if (!record(dictionary)) return out_.end = search_end::unsure;
      if (stopped_by_visitor_) return out_.end = search_end::limit;
      if ((out_.bases & 1023) == 0) {
        if (stop_.stop_requested()) return out_.end = search_end::cancelled;
        report_progress(on_progress_, out_.bases, 0, "bases");
      }
      if (out_.bases >= max_bases_ || out_.work >= max_work_) return out_.end = search_end::limit;
      leaving_.resize(path_.size() * d);
      if (!dictionary.leaving_rows(leaving_.data() + (path_.size() - 1) * d)) return out_.end = search_end::unsure;
    }
    return out_.end = search_end::complete;
  }

  [[nodiscard]] const reverse_search_counts& counts() const noexcept { return out_; }
  /// The deepest the path went (pivots from the root).
  [[nodiscard]] std::size_t depth_reached() const noexcept { return depth_reached_; }

 private:
  /// The variable whose value the parent pivots increase: the slack of row 0.
  [[nodiscard]] static std::size_t objective_slack(const basis_positions& basis) { return basis.structural(); }

  /// Whether pivoting on (r, s) leads to a child: whether at the basis it
  /// leads to, Bland's rule enters the variable leaving now. The reduced
  /// costs of maximising the slack of row 0 are the entries of its row
  /// (a) when it is basic, and improve where negative; when it is
  /// nonbasic it alone improves, and only it can enter. False when a
  /// floating dictionary could not decide.
  template <class Dictionary>
  bool is_child(Dictionary& dictionary, std::size_t r, std::size_t s, bool& child) {
    const basis_positions& basis = dictionary.basis();
    const std::size_t a = basis.row_of(objective_slack(basis));
    child = false;
    if (a == basis_positions::none) return true;  // every neighbour enters a variable other than it
    if (a == r) {  // the slack leaves, and then alone improves
      child = true;
      return true;
    }
    int sign = 0;
    if (!dictionary.entry_sign(a, s, sign)) return false;
    if (sign <= 0) return true;  // the variable leaving now would not improve there
    const std::size_t leaving_variable = basis.basic(r);
    for (std::size_t j = 0; j < basis.structural(); ++j) {
      if (j == s || basis.nonbasic(j) > leaving_variable) continue;
      if (!dictionary.pivoted_sign(a, j, r, s, sign)) return false;
      if (sign < 0) return true;  // a variable of smaller index improves there
    }
    child = true;
    return true;
  }

  /// Order of the lexmin test: slacks first, then coordinates.
  [[nodiscard]] static std::size_t rank(std::size_t variable, const basis_positions& basis) {
    const std::size_t d = basis.structural();
    return variable >= d ? variable - d : basis.rows() + variable;
  }

  /// Counts the basis and reports its vertex if it is the vertex's lexmin
  /// basis; false when a floating dictionary could not decide.
  template <class Dictionary>
  bool record(Dictionary& dictionary) {
    const basis_positions& basis = dictionary.basis();
    const std::size_t d = basis.structural();
    Key labels;
    for (std::size_t q = 0; q < d; ++q) labels.insert(labels_[basis.nonbasic(q)]);
    zero_rows_.clear();
    for (std::size_t r = 0; r < basis.rows(); ++r) {
      bool zero = false;
      if (!dictionary.basic_value_is_zero(r, zero)) return false;
      if (zero) {
        labels.insert(labels_[basis.basic(r)]);
        zero_rows_.push_back(r);
      }
    }
    bool lexmin = true;
    for (std::size_t i = 0; i < zero_rows_.size() && lexmin; ++i) {
      const std::size_t r = zero_rows_[i], own = rank(basis.basic(r), basis);
      for (std::size_t q = 0; q < d && lexmin; ++q) {
        if (rank(basis.nonbasic(q), basis) > own) continue;
        int sign = 0;
        if (!dictionary.entry_sign(r, q, sign)) return false;
        lexmin = sign == 0;
      }
    }
    ++out_.bases;
    if (path_.size() > depth_reached_) depth_reached_ = path_.size();
    std::size_t entry_cost = 1;
    if constexpr (requires { Dictionary::entry_cost; }) entry_cost = Dictionary::entry_cost;
    const std::size_t cost = basis.rows() * (d + 1) * entry_cost;
    out_.work = cost > std::numeric_limits<std::size_t>::max() - out_.work ? std::numeric_limits<std::size_t>::max()
                                                                          : out_.work + cost;
    if (lexmin) {
      ++out_.vertices;
      if (visit_ && !visit_(labels, current_)) stopped_by_visitor_ = true;
    }
    return true;
  }

  // A level of the path: the next column to try at its basis, and the
  // pivot that led there (undone on leaving). The leaving rows of the
  // columns at the basis of level i are in leaving_[i * d, (i + 1) * d).
  struct frame {
    std::size_t next_column;
    std::size_t row, column;
  };

  const std::vector<std::size_t>& labels_;
  std::stop_token stop_;
  visitor visit_;
  std::size_t max_bases_;
  std::size_t max_work_;
  progress_callback on_progress_;
  reverse_search_counts out_;
  Key current_;  // basic variables of the current basis
  std::vector<frame> path_;
  std::vector<std::uint32_t> leaving_;
  std::vector<std::size_t> zero_rows_;
  std::size_t depth_reached_ = 0;
  bool stopped_by_visitor_ = false;
  search_tree_node node_;  // where the search starts
  std::size_t replayed_ = 0;  // pivots of node_ made
  bool started_ = false;
  std::size_t split_after_ = std::numeric_limits<std::size_t>::max();
  std::function<void(search_tree_node)> on_unexplored_;
};

}  // namespace impasse::detail
