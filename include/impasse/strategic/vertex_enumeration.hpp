// Every extreme Nash equilibrium of a two-player game, degenerate or not,
// by vertex enumeration of the best-response polytopes; optionally the
// maximal Nash subsets and the components they form. The same equilibria
// as lrsnash and Gambit's enummixed.
//
// Method (Mangasarian 1964; see Avis, Rosenberg, Savani and von Stengel
// 2010, "Enumeration of Nash equilibria for two-player games", Economic
// Theory 42): with payoffs made positive by a positive affine change, the
// best-response polytopes are P = {x >= 0 : B^T x <= 1} and
// Q = {y >= 0 : A y <= 1}. Label the constraints by strategies: x_i = 0 or
// (A y)_i = 1 carries label i of player 1, (B^T x)_j = 1 or y_j = 0 label
// j of player 2. The extreme equilibria are, after normalising, exactly
// the pairs (x, y) != (0, 0) of vertices of P and Q whose tight
// constraints together carry every label. Both polytopes are enumerated
// (detail/polytope_vertices.hpp, lexicographic pivoting so that degenerate
// polytopes lose and repeat nothing); then each vertex x of P is matched
// with the vertices y of Q whose labels include all the labels x lacks: one
// hash lookup when that set has exactly one label per strategy of player 2
// (always so in nondegenerate games), a scan otherwise.
//
// Arithmetic. In `rational` everything is exact: fraction-free integer
// pivoting (as in lrs) on the payoffs scaled to integers, in machine words
// while the entries fit, then in two-word integers, then in GMP integers,
// each picking up the search where the narrower one overflowed. In
// `double` the polytopes are searched in floating point
// (detail/floating_dictionary.hpp): a decision too close to call with a
// wide margin is taken in exact arithmetic at that basis, and a search
// whose tableau drifts is redone exactly. Every vertex of a reported
// equilibrium is then recomputed exactly from its basis and must have
// exactly the labels the search saw, or the whole search is redone
// exactly; the reported doubles are those of exact equilibria. What the
// floating search trusts: a value below 1e-10 (the data scaled to at most
// 1) is zero and one above 1e-7 is not; `exact_bases` and `exact` in the
// result say how often it declined to, and `exact_search = true` in the
// options removes the trust.
//
// Cost: per polytope, V lexicographic bases, each with one batch of ratio
// tests (O(k d)), one pivot (O(k d)) and d hash lookups, for d strategies
// of one player and k of the other; V grows exponentially with the game's
// size (about 5 000 at 12 x 12 and 30 000 at 14 x 14 for random games).
// Memory: the visited bases, the distinct vertices and the current path.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/result.hpp>
#include <impasse/detail/floating_dictionary.hpp>
#include <impasse/detail/polytope_vertices.hpp>
#include <impasse/detail/complementary_partners.hpp>
#include <impasse/detail/reverse_search.hpp>
#include <impasse/strategic/game.hpp>
#include <impasse/strategic/mixed_profile.hpp>
#include <impasse/strategic/nash_components.hpp>
#include <impasse/strategic/regret.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <stop_token>
#include <utility>
#include <vector>

namespace impasse {

/// How `vertex_enumeration` searches the best-response polytopes.
enum class vertex_search {
  /// Both polytopes, depth first, with a hash set of the bases visited;
  /// then their vertices are matched. The fastest on small games; memory
  /// grows with the number of bases (about 25 MB at 16 x 16).
  depth_first,
  /// Only the polytope of the player with fewer strategies, by reverse
  /// search (Avis and Fukuda 1992, as lrs; detail/reverse_search.hpp);
  /// the partners of each of its vertices are solved for. Memory for the
  /// dictionary and the search path, however many bases, and each
  /// equilibrium is reported (`on_equilibrium`) as soon as it is found.
  reverse,
};

/// Options of `vertex_enumeration`.
template <scalar Scalar>
struct vertex_enumeration_options {
  /// Report at most this many equilibria (status `limit_reached` if there
  /// are more); 0: no limit.
  std::size_t max_equilibria = no_limit;
  /// Called with each equilibrium, in the order of the result: once the
  /// search is over (`depth_first`), or as it is found (`reverse`).
  std::function<void(const mixed_profile<Scalar>&)> on_equilibrium = {};
  /// How the polytopes are searched; the same equilibria either way, in
  /// another order.
  vertex_search search = vertex_search::depth_first;
  /// Also compute the maximal Nash subsets and the components.
  bool maximal_nash_subsets = false;
  /// In `double`: search the polytopes in exact arithmetic too, rather than
  /// in floating point with exact confirmation. No effect in `rational`.
  bool exact_search = false;
  /// In `rational`: search the polytopes in floating point as `double`
  /// does, with every vertex of a reported equilibrium recomputed exactly
  /// (and the whole search redone exactly when the floating search is
  /// unsure or a vertex does not confirm). The equilibria reported are the
  /// exact rationals, found about three times faster on random games.
  /// No effect in `double` or with `exact_search`.
  bool floating_search = false;
  /// Visit at most this many lexicographic bases of each polytope. A search
  /// cut short ends with status `limit_reached` and reports the equilibria
  /// among the vertices it found: true equilibria, but maybe not all.
  /// 0: no limit.
  std::size_t max_bases = no_limit;
  /// Checked every 1024 bases (status `cancelled`).
  std::stop_token stop_token = {};
  /// Bases visited in both polytopes, every 1024 (the total is not known in
  /// advance).
  progress_callback on_progress = {};
};

/// Result of `vertex_enumeration`. `exact` when the polytopes were searched
/// in exact arithmetic: in `rational` unless `floating_search`; in `double`
/// when asked to (`exact_search`) or when the floating search was unsure
/// and was redone. Otherwise `error_bound` bounds the relative regret of the
/// equilibria reported: each was confirmed exactly, then rounded to double
/// (`detail::rounding_regret_bound`).
template <scalar Scalar>
struct vertex_enumeration_result : run_report {
  /// The extreme equilibria (player 1's probabilities first).
  std::vector<mixed_profile<Scalar>> equilibria;
  /// `extreme_strategies[i]`: the distinct mixed strategies of player i in
  /// `equilibria`; equilibrium e is the pair
  /// (extreme_strategies[0][equilibrium_strategies[e][0]],
  ///  extreme_strategies[1][equilibrium_strategies[e][1]]).
  std::array<std::vector<std::vector<Scalar>>, 2> extreme_strategies;
  std::vector<std::array<std::size_t, 2>> equilibrium_strategies;
  /// When asked for: the maximal Nash subsets (indices into
  /// `extreme_strategies`) and the components of the equilibrium set
  /// (groups of indices into `maximal_nash_subsets`).
  std::vector<nash_subset> maximal_nash_subsets;
  std::vector<std::vector<std::size_t>> components;
  /// Vertices of the best-response polytope of player i's mixed strategies
  /// (P for player 1, Q for player 2), the origin included, and the
  /// lexicographic bases visited to find them. In a `reverse` search, for
  /// the player with more strategies: the distinct partners found, and the
  /// bases of the faces searched for the partners of degenerate vertices.
  std::array<std::size_t, 2> vertices{};
  std::array<std::size_t, 2> bases{};
  std::size_t pivots = 0;
  /// In a floating search: the bases where a decision was too close to
  /// call in floating point and was taken exactly.
  std::size_t exact_bases = 0;
};

namespace detail {

/// One player's payoffs as positive integers (a positive affine image):
/// scaled by the common denominator, shifted to start at 0, divided by the
/// common factor (so that they range over 0..R), plus max(1, R / 8), so
/// that the largest entry is at most 9 times the smallest: the polytope
/// is then well-rounded enough for a floating search (which divides by the
/// largest entry: a scaling, under which the lexicographic rule makes the
/// same choices). Entry (i, j) of the result is the payoff at (strategy i
/// of player 1, strategy j of player 2), transposed if asked.
template <scalar Scalar>
[[nodiscard]] integer_matrix positive_integer_payoffs(const strategic_game<Scalar>& game, std::size_t player,
                                                      bool transpose) {
  const auto payoffs = game.payoff_matrix(player);
  const std::size_t m = game.num_strategies(0), n = game.num_strategies(1);
  std::vector<rational> exact;
  big_integer denominator = 1;
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      exact.push_back(scalar_cast<rational>(payoffs(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j))));
      mpz_lcm(denominator.backend().data(), denominator.backend().data(),
              mpq_denref(exact.back().backend().data()));
    }
  std::vector<big_integer> scaled;
  for (const auto& x : exact)
    scaled.push_back(big_integer(numerator(x)) * (denominator / big_integer(boost::multiprecision::denominator(x))));
  const big_integer low = *std::min_element(scaled.begin(), scaled.end());
  big_integer factor = 0;
  for (auto& x : scaled) {
    x -= low;
    mpz_gcd(factor.backend().data(), factor.backend().data(), x.backend().data());
  }
  if (factor != 0)
    for (auto& x : scaled) x /= factor;
  const big_integer shift = std::max(big_integer(1), big_integer(*std::max_element(scaled.begin(), scaled.end()) / 8));
  integer_matrix out{transpose ? n : m, transpose ? m : n, std::vector<big_integer>(m * n)};
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) (transpose ? out(j, i) : out(i, j)) = scaled[i * n + j] + shift;
  return out;
}

/// Game labels of the variables of P (x, then slacks of the n rows) and Q
/// (y, then slacks of the m rows): player 1's strategies are labels 0..m-1,
/// player 2's m..m+n-1.
[[nodiscard]] inline std::array<std::vector<std::size_t>, 2> polytope_labels(std::size_t m, std::size_t n) {
  std::array<std::vector<std::size_t>, 2> out;
  for (std::size_t v = 0; v < m + n; ++v) out[0].push_back(v);
  for (std::size_t v = 0; v < m + n; ++v) out[1].push_back(v < n ? m + v : v - n);
  return out;
}

/// Searches one polytope exactly (see `run_exactly`), depth first.
template <class Key>
[[nodiscard]] polytope_search<Key> search_exactly(const integer_matrix& m, const std::vector<std::size_t>& labels,
                                                  const std::stop_token& stop, std::size_t max_bases,
                                                  progress_callback on_progress = {},
                                                  std::size_t max_work = std::numeric_limits<std::size_t>::max()) {
  polytope_walk<Key> walk(labels, stop, max_bases, std::move(on_progress), max_work);
  run_exactly(m, walk);
  return std::move(walk.found());
}

/// The pairs (index into p, index into q) of vertices other than the
/// origins whose labels cover all m + n labels, by p then q.
template <class Key>
[[nodiscard]] std::vector<std::array<std::size_t, 2>> complementary_vertices(
    const polytope_search<Key>& p, const polytope_search<Key>& q, std::size_t m, std::size_t n,
    std::size_t max_pairs = std::numeric_limits<std::size_t>::max()) {
  label_set_map<Key> by_labels;
  std::vector<std::size_t> degenerate;  // vertices of Q with more than n tight constraints
  for (std::size_t j = 1; j < q.vertices.size(); ++j) {
    by_labels.insert(q.vertices[j].labels, j);
    if (q.vertices[j].labels.size() > n) degenerate.push_back(j);
  }
  std::vector<std::array<std::size_t, 2>> out;
  std::vector<std::size_t> partners;
  for (std::size_t i = 1; i < p.vertices.size(); ++i) {
    const Key missing = p.vertices[i].labels.complement(m + n);
    const std::size_t count = missing.size();
    partners.clear();
    if (count == n) {
      if (const std::size_t j = by_labels.find(missing); j != label_set_map<Key>::absent) partners.push_back(j);
      for (auto j : degenerate)
        if (q.vertices[j].labels.includes(missing)) partners.push_back(j);
    } else if (count < n) {
      for (std::size_t j = 1; j < q.vertices.size(); ++j)
        if (q.vertices[j].labels.includes(missing)) partners.push_back(j);
    }
    std::sort(partners.begin(), partners.end());
    for (auto j : partners) {
      if (out.size() == max_pairs) return out;
      out.push_back({i, j});
    }
  }
  return out;
}

/// What the search of both polytopes found, before confirmation.
template <class Key>
struct polytope_pair {
  std::array<polytope_search<Key>, 2> found;
  bool exact = false;
};

/// Searches P and Q, in floating point unless `exact` (or unless the
/// floating search is unsure, in which case it is redone exactly).
template <class Key>
[[nodiscard]] polytope_pair<Key> search_polytopes(const std::array<integer_matrix, 2>& data, std::size_t m,
                                                  std::size_t n, bool exact, const std::stop_token& stop,
                                                  std::size_t max_bases, const progress_callback& on_progress = {}) {
  const auto labels = polytope_labels(m, n);
  polytope_pair<Key> out{{}, exact};
  // Bases of both polytopes: the second's count on from the first's.
  const auto counting_from = [&](std::size_t before) -> progress_callback {
    if (!on_progress) return {};
    return [&on_progress, before](const progress& p) { on_progress({before + p.done, 0, p.unit}); };
  };
  if (!exact) {
    for (std::size_t player = 0; player < 2; ++player) {
      floating_dictionary dictionary(data[player]);
      out.found[player] = search_polytope<Key>(dictionary, labels[player], stop, max_bases,
                                               counting_from(player == 0 ? 0 : out.found[0].bases));
      out.found[player].exact_bases = dictionary.exact_bases();
      if (out.found[player].end == search_end::cancelled) return out;
      if (out.found[player].end == search_end::unsure)
        return search_polytopes<Key>(data, m, n, true, stop, max_bases, on_progress);
    }
    return out;
  }
  for (std::size_t player = 0; player < 2; ++player) {
    out.found[player] = search_exactly<Key>(data[player], labels[player], stop, max_bases,
                                            counting_from(player == 0 ? 0 : out.found[0].bases));
    if (out.found[player].end == search_end::cancelled) return out;
  }
  return out;
}

template <scalar Scalar, class Key>
[[nodiscard]] vertex_enumeration_result<Scalar> enumerate_extreme_equilibria(
    const strategic_game<Scalar>& game, const vertex_enumeration_options<Scalar>& options) {
  const std::size_t m = game.num_strategies(0), n = game.num_strategies(1);
  // data[0] describes P (rows: player 2's strategies), data[1] describes Q.
  const std::array<integer_matrix, 2> data{positive_integer_payoffs(game, 1, true),
                                           positive_integer_payoffs(game, 0, false)};
  const auto labels = polytope_labels(m, n);
  vertex_enumeration_result<Scalar> result;
  bool exact = options.exact_search || (is_exact_v<Scalar> && !options.floating_search);
  for (;;) {
    auto searched = search_polytopes<Key>(data, m, n, exact, options.stop_token, engine_limit(options.max_bases),
                                          options.on_progress);
    result.exact = searched.exact;
    result.pivots = result.exact_bases = 0;
    for (std::size_t player = 0; player < 2; ++player) {
      result.vertices[player] = searched.found[player].vertices.size();
      result.bases[player] = searched.found[player].bases;
      result.pivots += searched.found[player].pivots;
      result.exact_bases += searched.found[player].exact_bases;
      if (searched.found[player].end == search_end::cancelled) {
        result.status = run_status::cancelled;
        return result;
      }
      if (searched.found[player].end == search_end::limit) result.status = run_status::limit_reached;
    }
    // One pair more than max_equilibria tells that the list is cut; the
    // pairs beyond it are not formed, nor confirmed exactly.
    auto pairs = complementary_vertices(searched.found[0], searched.found[1], m, n,
                                        options.max_equilibria == no_limit ? engine_limit(no_limit)
                                                                           : options.max_equilibria + 1);
    if (options.max_equilibria != no_limit && pairs.size() > options.max_equilibria) {
      pairs.resize(options.max_equilibria);
      result.status = run_status::limit_reached;
    }

    // Recompute each vertex used exactly; it must have the labels the search saw.
    std::array<std::map<std::size_t, std::size_t>, 2> strategy_of_vertex;
    std::array<std::vector<std::vector<rational>>, 2> strategies;
    bool confirmed = true;
    for (const auto& pair : pairs) {
      std::array<std::size_t, 2> indices{};
      for (std::size_t player = 0; player < 2 && confirmed; ++player) {
        const auto& vertex = searched.found[player].vertices[pair[player]];
        auto [slot, fresh] = strategy_of_vertex[player].emplace(pair[player], strategies[player].size());
        indices[player] = slot->second;
        if (!fresh) continue;
        const auto exact_vertex = exact_vertex_of(data[player], vertex.basis, labels[player]);
        if (!exact_vertex || !(exact_vertex->labels == vertex.labels)) {
          confirmed = false;
          break;
        }
        strategies[player].push_back(mixed_strategy_of(*exact_vertex));
      }
      if (!confirmed) break;
      result.equilibrium_strategies.push_back(indices);
    }
    if (!confirmed) {
      if (exact) throw internal_error("vertex_enumeration: an exact vertex does not confirm");
      exact = true;
      result = {};
      continue;
    }

    for (std::size_t player = 0; player < 2; ++player)
      for (const auto& strategy : strategies[player]) {
        std::vector<Scalar> converted;
        for (const auto& p : strategy) converted.push_back(scalar_cast<Scalar>(p));
        result.extreme_strategies[player].push_back(std::move(converted));
      }
    for (const auto& [x, y] : result.equilibrium_strategies) {
      mixed_profile<Scalar> profile(game.strategy_counts());
      for (std::size_t i = 0; i < m; ++i) profile(0, i) = result.extreme_strategies[0][x][i];
      for (std::size_t j = 0; j < n; ++j) profile(1, j) = result.extreme_strategies[1][y][j];
      if (options.on_equilibrium) options.on_equilibrium(profile);
      result.equilibria.push_back(std::move(profile));
    }
    if (options.maximal_nash_subsets) {
      const std::array<std::size_t, 2> counts{strategies[0].size(), strategies[1].size()};
      result.maximal_nash_subsets = maximal_nash_subsets(result.equilibrium_strategies, counts);
      result.components = nash_components(result.maximal_nash_subsets, counts);
    }
    // Every equilibrium reported is an exact one, rounded.
    if (!result.exact && !result.equilibria.empty()) result.error_bound = rounding_regret_bound(game);
    return result;
  }
}

/// The result of a vertex enumeration built from exact equilibria as they
/// are found (by one search, or by many searching parts of one tree): each
/// equilibrium once, its strategies indexed among the extreme strategies,
/// `on_equilibrium` called, `max_equilibria` honoured.
template <scalar Scalar>
class equilibrium_collector {
 public:
  /// A pair of exact mixed strategies, in player order.
  using strategy_pair = std::array<std::vector<rational>, 2>;

  equilibrium_collector(const strategic_game<Scalar>& game, const vertex_enumeration_options<Scalar>& options,
                        vertex_enumeration_result<Scalar>& result)
      : game_(game), options_(options), result_(result) {}

  /// Adds the equilibrium unless it is there already; false, and nothing
  /// added, when it would be one more than `max_equilibria`.
  bool add(strategy_pair&& pair) {
    const std::array<std::size_t, 2> indices{index(0, std::move(pair[0])), index(1, std::move(pair[1]))};
    if (reported_.contains(indices)) return true;
    if (options_.max_equilibria != no_limit && result_.equilibrium_strategies.size() == options_.max_equilibria)
      return false;
    reported_.insert(indices);
    result_.equilibrium_strategies.push_back(indices);
    mixed_profile<Scalar> profile(game_.strategy_counts());
    for (std::size_t player = 0; player < 2; ++player)
      for (std::size_t i = 0; i < game_.num_strategies(player); ++i)
        profile(player, i) = result_.extreme_strategies[player][indices[player]][i];
    if (options_.on_equilibrium) options_.on_equilibrium(profile);
    result_.equilibria.push_back(std::move(profile));
    return true;
  }

  /// The maximal Nash subsets and components if asked for, and the error
  /// bound of a floating search. The subsets are numbered in an order that
  /// does not depend on the order the equilibria were found in (that of
  /// their strategies' exact values), so that searches of the same game in
  /// parts, in any order, number them alike; components likewise.
  void finish() {
    if (options_.maximal_nash_subsets) {
      const std::array<std::size_t, 2> sizes{result_.extreme_strategies[0].size(),
                                             result_.extreme_strategies[1].size()};
      auto subsets = maximal_nash_subsets(result_.equilibrium_strategies, sizes);
      auto components = nash_components(subsets, sizes);
      std::array<std::vector<std::size_t>, 2> rank;  // of each extreme strategy by exact value
      for (std::size_t player = 0; player < 2; ++player) {
        rank[player].resize(sizes[player]);
        std::size_t next = 0;
        for (const auto& entry : index_of_[player]) rank[player][entry.second] = next++;
      }
      std::vector<std::array<std::vector<std::size_t>, 2>> keys;
      for (const auto& subset : subsets) {
        auto& key = keys.emplace_back();
        for (std::size_t player = 0; player < 2; ++player) {
          for (auto i : subset.strategies[player]) key[player].push_back(rank[player][i]);
          std::sort(key[player].begin(), key[player].end());
        }
      }
      std::vector<std::size_t> order(subsets.size()), renumbered(subsets.size());
      for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
      for (std::size_t i = 0; i < order.size(); ++i) {
        renumbered[order[i]] = i;
        result_.maximal_nash_subsets.push_back(std::move(subsets[order[i]]));
      }
      for (auto& component : components) {
        for (auto& s : component) s = renumbered[s];
        std::sort(component.begin(), component.end());
      }
      std::sort(components.begin(), components.end());
      result_.components = std::move(components);
    }
    if (!result_.exact && !result_.equilibria.empty()) result_.error_bound = rounding_regret_bound(game_);
  }

 private:
  std::size_t index(std::size_t player, std::vector<rational>&& strategy) {
    auto [slot, fresh] = index_of_[player].emplace(std::move(strategy), index_of_[player].size());
    if (fresh) {
      std::vector<Scalar> converted;
      for (const auto& p : slot->first) converted.push_back(scalar_cast<Scalar>(p));
      result_.extreme_strategies[player].push_back(std::move(converted));
    }
    return slot->second;
  }

  const strategic_game<Scalar>& game_;
  const vertex_enumeration_options<Scalar>& options_;
  vertex_enumeration_result<Scalar>& result_;
  std::array<std::map<std::vector<rational>, std::size_t>, 2> index_of_;
  std::set<std::array<std::size_t, 2>> reported_;
};

/// `vertex_enumeration` with `vertex_search::reverse`: the polytope of the
/// player with fewer strategies by reverse search (in floating point
/// unless exact; redone exactly if unsure or if a vertex does not
/// confirm), and at each of its vertices the partners in the other
/// polytope (detail/complementary_partners.hpp). Equilibria are confirmed
/// exactly as they are found and reported once, also across a redo.
template <scalar Scalar, class Key>
[[nodiscard]] vertex_enumeration_result<Scalar> enumerate_by_reverse_search(
    const strategic_game<Scalar>& game, const vertex_enumeration_options<Scalar>& options) {
  const std::size_t m = game.num_strategies(0), n = game.num_strategies(1);
  const std::array<integer_matrix, 2> data{positive_integer_payoffs(game, 1, true),
                                           positive_integer_payoffs(game, 0, false)};
  const auto labels = polytope_labels(m, n);
  const std::size_t small = m <= n ? 0 : 1, other = 1 - small;

  vertex_enumeration_result<Scalar> result;
  equilibrium_collector<Scalar> collector(game, options, result);
  bool exact = options.exact_search || (is_exact_v<Scalar> && !options.floating_search);
  const std::size_t max_bases = engine_limit(options.max_bases);
  std::vector<typename complementary_partners<Key>::strategy_pair> found;
  for (;;) {
    using outcome = typename complementary_partners<Key>::outcome;
    complementary_partners<Key> partners(data, labels, small, options.stop_token);
    outcome ended = outcome::done;
    bool cut = false;
    const auto visit = [&](const Key& own_labels, const Key& basis) -> bool {
      found.clear();
      ended = partners.equilibria_at(own_labels, basis, exact, max_bases, found);
      if (ended == outcome::unconfirmed || ended == outcome::cancelled) return false;
      for (auto& pair : found)
        if (!collector.add(std::move(pair))) {
          cut = true;
          return false;
        }
      return ended != outcome::limit;
    };
    polytope_reverse_search<Key> search(labels[small], options.stop_token, visit, max_bases, options.on_progress);
    if (exact) {
      run_exactly(data[small], search);
    } else {
      floating_dictionary dictionary(data[small]);
      search.run(dictionary);
      result.exact_bases += dictionary.exact_bases();
    }
    const auto& counts = search.counts();
    if (ended == outcome::unconfirmed || counts.end == search_end::unsure) {
      exact = true;  // the equilibria reported so far stand: each was confirmed exactly
      continue;
    }
    result.exact = exact;
    result.vertices[small] = counts.vertices;
    result.bases[small] = counts.bases;
    result.vertices[other] = result.extreme_strategies[other].size();
    result.bases[other] = partners.face_bases();
    result.pivots = counts.pivots;
    if (ended == outcome::cancelled || counts.end == search_end::cancelled) {
      result.status = run_status::cancelled;
      return result;
    }
    if (cut || ended == outcome::limit || counts.end == search_end::limit) result.status = run_status::limit_reached;
    collector.finish();
    return result;
  }
}

/// Every extreme equilibrium, exactly, by enumerating only the polytope of
/// the player with fewer strategies, and for each of its vertices the face
/// of the other polytope whose points complete it (as lrsnash does): the
/// points z with every label the vertex lacks, i.e. zero on the coordinates
/// and tight on the rows carrying those labels. That face is the polytope
/// of the remaining coordinates (a face of the other polytope, so its
/// vertices are vertices of it) cut to the rows that must be tight, and
/// its vertices with those labels are the partners. Far cheaper than
/// `enumerate_extreme_equilibria` when one player has many more strategies
/// than the other or the games are degenerate with small faces, as reduced
/// strategic forms of extensive games often are. `max_bases` bounds the
/// lexicographic bases visited in all (status `limit_reached`, with the
/// equilibria found so far), and `max_pivot_work` their work (entry
/// updates weighted by the arithmetic's cost, `polytope_search::work`), so
/// that a large game, whose bases each cost more, gets fewer of them.
/// Strategies are returned in player order.
template <scalar Scalar, class Key>
[[nodiscard]] std::pair<std::vector<mixed_profile<Scalar>>, run_status> extreme_equilibria_by_faces(
    const strategic_game<Scalar>& game, std::size_t max_bases, const std::stop_token& stop,
    std::size_t max_pivot_work) {
  const std::size_t m = game.num_strategies(0), n = game.num_strategies(1);
  const std::array<integer_matrix, 2> data{positive_integer_payoffs(game, 1, true),
                                           positive_integer_payoffs(game, 0, false)};
  const auto labels = polytope_labels(m, n);
  const std::size_t small = m <= n ? 0 : 1, other = 1 - small;
  std::pair<std::vector<mixed_profile<Scalar>>, run_status> out{{}, run_status::complete};
  const auto search = search_exactly<Key>(data[small], labels[small], stop, max_bases, {}, max_pivot_work);
  std::size_t used = search.bases, work = search.work;
  if (search.end == search_end::cancelled) return {{}, run_status::cancelled};
  if (search.end == search_end::limit) out.second = run_status::limit_reached;
  const integer_matrix& t = data[other];
  const std::vector<std::size_t>& t_labels = labels[other];
  for (std::size_t i = 1; i < search.vertices.size(); ++i) {
    const auto& vertex = search.vertices[i];
    const Key missing = vertex.labels.complement(m + n);
    const auto face = face_with_labels(t, t_labels, missing);
    if (face.kept.empty()) continue;
    if (used >= max_bases || work >= max_pivot_work) {
      out.second = run_status::limit_reached;
      break;
    }
    const auto partners = search_exactly<Key>(face.data, face.labels, stop, max_bases - used, {}, max_pivot_work - work);
    used += partners.bases;
    work += std::min(partners.work, max_pivot_work - work);
    if (partners.end == search_end::cancelled) return {{}, run_status::cancelled};
    if (partners.end == search_end::limit) out.second = run_status::limit_reached;
    std::optional<std::vector<rational>> own;
    for (std::size_t j = 1; j < partners.vertices.size(); ++j) {
      if (!partners.vertices[j].labels.includes(face.tight)) continue;
      if (!own) {
        const auto exact = exact_vertex_of(data[small], vertex.basis, labels[small]);
        if (!exact) throw internal_error("vertex_enumeration: an exact vertex does not confirm");
        own = mixed_strategy_of(*exact);
      }
      const auto exact = exact_vertex_of(face.data, partners.vertices[j].basis, face.labels);
      if (!exact) throw internal_error("vertex_enumeration: an exact vertex does not confirm");
      const auto partial = mixed_strategy_of(*exact);
      mixed_profile<Scalar> profile(game.strategy_counts());
      for (std::size_t k = 0; k < own->size(); ++k) profile(small, k) = scalar_cast<Scalar>((*own)[k]);
      for (std::size_t c = 0; c < face.kept.size(); ++c) profile(other, face.kept[c]) = scalar_cast<Scalar>(partial[c]);
      out.first.push_back(std::move(profile));
    }
    if (partners.end == search_end::limit) break;
  }
  return out;
}

/// `extreme_equilibria_by_faces` with the label set sized to the game.
template <scalar Scalar>
[[nodiscard]] std::pair<std::vector<mixed_profile<Scalar>>, run_status> face_enumeration(
    const strategic_game<Scalar>& game, std::size_t max_bases, const std::stop_token& stop,
    std::size_t max_pivot_work = std::numeric_limits<std::size_t>::max()) {
  if (game.num_players() != 2)
    throw invalid_argument("vertex enumeration needs a two-player game, this one has " +
                           std::to_string(game.num_players()) + " players");
  const std::size_t labels = game.num_strategies(0) + game.num_strategies(1);
  if (labels > max_labels)
    throw invalid_argument("vertex enumeration handles at most 1024 strategies in total, this game has " +
                           std::to_string(labels));
  return with_label_set(labels, [&]<class Key>() {
    return extreme_equilibria_by_faces<Scalar, Key>(game, max_bases, stop, max_pivot_work);
  });
}

}  // namespace detail

/// Every extreme Nash equilibrium of a two-player game (see the file
/// comment). Throws `invalid_argument` unless the game has two players
/// with at most 1024 strategies between them.
template <scalar Scalar>
[[nodiscard]] vertex_enumeration_result<Scalar> vertex_enumeration(const strategic_game<Scalar>& game,
                                                                   const vertex_enumeration_options<Scalar>& options = {}) {
  if (game.num_players() != 2)
    throw invalid_argument("vertex_enumeration needs a two-player game, this one has " +
                           std::to_string(game.num_players()) + " players");
  const std::size_t labels = game.num_strategies(0) + game.num_strategies(1);
  if (labels > detail::max_labels)
    throw invalid_argument("vertex_enumeration handles at most 1024 strategies in total, this game has " +
                           std::to_string(labels));
  return detail::with_label_set(labels, [&]<class Key>() {
    if (options.search == vertex_search::reverse) return detail::enumerate_by_reverse_search<Scalar, Key>(game, options);
    return detail::enumerate_extreme_equilibria<Scalar, Key>(game, options);
  });
}

}  // namespace impasse
