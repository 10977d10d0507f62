// Maximal Nash subsets and the components of Nash equilibria of a
// two-player game, from its extreme equilibria.
//
// Every equilibrium of a bimatrix game is a convex combination of extreme
// ones, but not of arbitrary ones: a product conv(X) x conv(Y) of convex
// hulls of extreme strategies X of player 1 and Y of player 2 consists of
// equilibria exactly when every pair in X x Y is an equilibrium. The
// maximal such (X, Y) are the maximal Nash subsets (Winkels 1979, Jansen
// 1981); they are the maximal bicliques of the bipartite graph whose edges
// are the extreme equilibria (Audet, Hansen, Jaumard and Savard 2001; Avis,
// Rosenberg, Savani and von Stengel 2010, section 7), and the equilibrium
// set is their union. Gambit's `enummixed -c` prints them as `convex-N`.
//
// Each conv(X) is a face of player 1's best-response polyhedron, so two
// maximal Nash subsets meet exactly when they share an extreme
// equilibrium; the topological components of the equilibrium set are the
// unions of chains of meeting subsets.
//
// Maximal bicliques are enumerated as the formal concepts of the graph's
// incidence relation with Kuznetsov's Close-by-One algorithm: O(C q^2 p / 64)
// for C subsets, p strategies of player 1 and q of player 2.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <vector>

namespace impasse {

/// A maximal Nash subset: `strategies[i]` lists (increasing) indices of
/// player i's extreme equilibrium strategies; every pair is an equilibrium.
struct nash_subset {
  std::array<std::vector<std::size_t>, 2> strategies;
  [[nodiscard]] friend bool operator==(const nash_subset&, const nash_subset&) = default;
};

namespace detail {

/// A set of indices as a vector of bits.
class index_bits {
 public:
  explicit index_bits(std::size_t size, bool full = false)
      : size_(size), words_((size + 63) / 64, full ? ~std::uint64_t{0} : 0) {
    if (full && size % 64) words_.back() = (std::uint64_t{1} << (size % 64)) - 1;
  }
  void insert(std::size_t i) { words_[i / 64] |= std::uint64_t{1} << (i % 64); }
  [[nodiscard]] bool contains(std::size_t i) const { return (words_[i / 64] >> (i % 64)) & 1U; }
  void intersect(const index_bits& other) {
    for (std::size_t w = 0; w < words_.size(); ++w) words_[w] &= other.words_[w];
  }
  [[nodiscard]] bool empty() const {
    for (auto w : words_)
      if (w) return false;
    return true;
  }
  [[nodiscard]] bool meets(const index_bits& other) const {
    for (std::size_t w = 0; w < words_.size(); ++w)
      if (words_[w] & other.words_[w]) return true;
    return false;
  }
  /// Whether the two sets agree on the elements below `bound`.
  [[nodiscard]] bool agrees_below(const index_bits& other, std::size_t bound) const {
    for (std::size_t w = 0; w * 64 < bound; ++w) {
      const std::uint64_t mask = bound >= 64 * w + 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << (bound % 64)) - 1;
      if ((words_[w] ^ other.words_[w]) & mask) return false;
    }
    return true;
  }
  [[nodiscard]] std::vector<std::size_t> elements() const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < size_; ++i)
      if (contains(i)) out.push_back(i);
    return out;
  }

 private:
  std::size_t size_;
  std::vector<std::uint64_t> words_;
};

}  // namespace detail

/// The maximal Nash subsets of the extreme equilibria `equilibria` (pairs
/// of indices of player 1's and player 2's extreme strategies, below
/// `counts[0]` and `counts[1]`), each with both sides non-empty, in the
/// order Close-by-One finds them (deterministic).
[[nodiscard]] inline std::vector<nash_subset> maximal_nash_subsets(
    const std::vector<std::array<std::size_t, 2>>& equilibria, std::array<std::size_t, 2> counts) {
  std::vector<nash_subset> out;
  if (counts[0] == 0 || counts[1] == 0) return out;
  // partners[y]: player 1's strategies forming an equilibrium with y, and vice versa.
  std::vector<detail::index_bits> partners_of_column(counts[1], detail::index_bits(counts[0]));
  std::vector<detail::index_bits> partners_of_row(counts[0], detail::index_bits(counts[1]));
  for (const auto& [x, y] : equilibria) {
    partners_of_column[y].insert(x);
    partners_of_row[x].insert(y);
  }
  const auto common_partners = [&](const detail::index_bits& rows) {
    detail::index_bits columns(counts[1], true);
    for (std::size_t x = 0; x < counts[0]; ++x)
      if (rows.contains(x)) columns.intersect(partners_of_row[x]);
    return columns;
  };

  struct concept_frame {
    detail::index_bits rows, columns;
    std::size_t next;
  };
  detail::index_bits all_rows(counts[0], true);
  std::vector<concept_frame> stack;
  stack.push_back({all_rows, common_partners(all_rows), 0});
  const auto emit = [&](const concept_frame& f) {
    if (!f.rows.empty() && !f.columns.empty()) out.push_back({{f.rows.elements(), f.columns.elements()}});
  };
  emit(stack.back());
  while (!stack.empty()) {
    concept_frame& top = stack.back();
    const std::size_t y = top.next;
    if (y == counts[1]) {
      stack.pop_back();
      continue;
    }
    ++top.next;
    if (top.columns.contains(y)) continue;
    detail::index_bits rows = top.rows;
    rows.intersect(partners_of_column[y]);
    detail::index_bits columns = common_partners(rows);
    // Canonicity: the closure adds no column before y.
    if (!columns.agrees_below(top.columns, y)) continue;
    concept_frame child{std::move(rows), std::move(columns), y + 1};
    emit(child);
    stack.push_back(std::move(child));
  }
  return out;
}

/// The components of the equilibrium set: groups of indices into
/// `subsets`, connected through shared extreme equilibria, each group
/// increasing and the groups ordered by their first member.
[[nodiscard]] inline std::vector<std::vector<std::size_t>> nash_components(const std::vector<nash_subset>& subsets,
                                                                          std::array<std::size_t, 2> counts) {
  const std::size_t s = subsets.size();
  std::vector<std::array<detail::index_bits, 2>> sets;
  for (const auto& subset : subsets) {
    std::array<detail::index_bits, 2> bits{detail::index_bits(counts[0]), detail::index_bits(counts[1])};
    for (std::size_t player = 0; player < 2; ++player)
      for (auto i : subset.strategies[player]) bits[player].insert(i);
    sets.push_back(std::move(bits));
  }
  std::vector<std::size_t> parent(s);
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  const auto root = [&](std::size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (std::size_t a = 0; a < s; ++a)
    for (std::size_t b = a + 1; b < s; ++b)
      if (sets[a][0].meets(sets[b][0]) && sets[a][1].meets(sets[b][1])) {
        const std::size_t ra = root(a), rb = root(b);
        if (ra != rb) parent[std::max(ra, rb)] = std::min(ra, rb);
      }
  std::vector<std::vector<std::size_t>> out;
  std::vector<std::size_t> group_of(s, s);
  for (std::size_t a = 0; a < s; ++a) {
    const std::size_t r = root(a);
    if (group_of[r] == s) {
      group_of[r] = out.size();
      out.emplace_back();
    }
    out[group_of[r]].push_back(a);
  }
  return out;
}

}  // namespace impasse
