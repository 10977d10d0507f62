// Support enumeration: every extreme Nash equilibrium of a two-player game,
// degenerate games included; exact in rationals, and in double every
// equilibrium reported is first confirmed in exact arithmetic, so the double
// path never reports a false one.
//
// Method. A Nash equilibrium (x, y) with supports I and J makes every
// strategy of I a best response to y and every strategy of J a best response
// to x. Following Porter, Nudelman and Shoham ("Simple search methods for
// finding a Nash equilibrium", GEB 63, 2008), supports are tried smallest
// and most balanced first (sizes k = 1, 2, ..., equal for both players), and
// conditional dominance prunes the search. Given a support S of one player:
// an opponent's response strictly dominated on S, by another response or by
// a mixture of others, is never a best response to a strategy with support
// S, so it leaves the candidates; and S is skipped when one of its own
// strategies is strictly dominated, by another or by a mixture, given every
// response still possible. Mixtures are found by a small linear program and
// used only after a check that cannot be fooled by rounding (see
// `mixture_is_better`); the programs are solved by the library's one
// simplex method (detail/simplex.hpp).
//
// Each player's side is searched on its own. For a support S of size k and
// k candidate best responses J, the indifference equations (the opponent is
// indifferent over J, the probabilities sum to one) form a square system,
// built one response at a time along a depth-first walk over J, so a step
// costs O(k^2) and a singular prefix prunes its whole subtree; the last
// response costs O(k). A non-singular system whose solution is positive on
// S and leaves no outside response better gives a *vertex*: a mixed
// strategy fixed by its support and its set K of pure best responses (K
// contains J; it is larger exactly when the game is degenerate). Vertices
// of the two players are then matched: (x, y) is an equilibrium exactly
// when supp y lies in BR(x) and supp x in BR(y).
//
// Degenerate games. Matching by best-response sets rather than by equal
// supports is what keeps the enumeration complete when the game is
// degenerate: every extreme equilibrium (x, y) has x fixed by supp x and
// BR(x), with |BR(x)| >= |supp x|, and then some |supp x| of those best
// responses already give a non-singular square system (exchange lemma), so x
// is found from an *equal-size* pair even when |supp y| != |supp x|. The
// result is the set of extreme equilibria (the vertices of the maximal Nash
// subsets), the set Gambit's enummixed and lrsnash print. Equilibrium
// components that are not single points are returned through their extreme
// points only. No option switches unequal supports on or off: they cost
// nothing extra, only the matching changes. (A support enumeration that
// pairs equal supports only, as the textbook one does, misses for instance
// ((1, 0, 0), (2/3, 1/3)) in von Stengel's 3x2 example; see the tests.)
//
// Arithmetic. Rational games are searched exactly, in fraction-free integer
// arithmetic (Bareiss 1968; each player's payoffs are scaled to integers):
// in 64-bit integers, or 128-bit ones, for the support sizes where a bound
// on every minor shows that they suffice, in GMP integers otherwise (the
// integer ladder of detail/fraction_free_integers.hpp); every
// test is exact, and the result says `exact`. Double games are searched in
// double within a tolerance (so a near-tie may be misjudged and an
// equilibrium missed, and `exact` stays false), but every equilibrium found
// is recomputed in exact rationals from its supports, checked, and only then
// reported (rounded to double).
//
// Threads. The supports of one size are independent until their vertices
// are matched, so for the larger support sizes both players' supports are
// cut into ranges of consecutive supports, searched by several threads at
// the same time, and their vertices matched afterwards in the order a
// single thread would match them: the result does not depend on the
// threads.
//
// Complexity: O(sum_k C(m, k) C(n, k) k^2) in the worst case for an m x n
// game (every pair of equal-size supports), far less after pruning; memory
// linear in the number of vertices. At most 64 strategies per player.
// Timings on random 12 x 12 games are in benchmarks/README.md.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/result.hpp>
#include <impasse/core/scalar.hpp>
#include <impasse/detail/support_search.hpp>
#include <impasse/strategic/game.hpp>
#include <impasse/strategic/mixed_profile.hpp>
#include <impasse/strategic/regret.hpp>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <stop_token>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

namespace impasse {

/// Options of `support_enumeration`.
template <scalar Scalar>
struct support_enumeration_options {
  /// Stop after this many equilibria (status `limit_reached`); 0: no limit.
  std::size_t max_equilibria = no_limit;
  /// Called with each equilibrium as it is found, before it is stored.
  std::function<void(const mixed_profile<Scalar>&)> on_equilibrium = {};
  /// Checked between supports (status `cancelled`).
  std::stop_token stop_token = {};
  /// Threads (at most 64): with 2 or more, the supports of each size of
  /// both players are cut into ranges that the threads search at the same
  /// time; 0: as many as the hardware has. The equilibria, their order and
  /// the counts are the same whatever the number.
  std::size_t threads = 0;
  /// Support sizes searched, of min(m, n).
  progress_callback on_progress = {};
};

/// Result of `support_enumeration`. `exact` (in rationals) when the run
/// searched exactly: with status `complete`, every extreme equilibrium is in
/// `equilibria`. In double a floating-point search can misjudge a near-tie,
/// so `exact` stays false even when nothing was missed, and `error_bound`
/// bounds the relative regret of the equilibria reported: each was
/// confirmed exactly, then rounded to double.
template <scalar Scalar>
struct support_enumeration_result : run_report {
  /// The extreme equilibria found, each once, smallest supports first.
  std::vector<mixed_profile<Scalar>> equilibria;
  /// Equal-size pairs (support, candidate best responses), over both
  /// players, whose indifference equations were set up in full.
  std::size_t supports_tried = 0;
  /// Mixed strategies (of either player) fixed by their support and best
  /// responses that the search met: the candidates that were matched.
  std::size_t vertices = 0;
  /// True when the search met a mixed strategy with more pure best
  /// responses than its support has strategies: the game is degenerate.
  /// False does not prove the game nondegenerate (pruned supports are not
  /// examined).
  bool degenerate = false;
  /// Candidates of the floating-point search that the exact check refused
  /// (always 0 in rationals).
  std::size_t rejected_candidates = 0;
};

/// Every extreme Nash equilibrium of a two-player game (see the file
/// comment). Throws `invalid_argument` unless the game has two players with
/// at most 64 strategies each.
template <scalar Scalar>
[[nodiscard]] support_enumeration_result<Scalar> support_enumeration(
    const strategic_game<Scalar>& game, const support_enumeration_options<Scalar>& options = {}) {
  if (game.num_players() != 2)
    throw invalid_argument("support_enumeration needs a two-player game, this one has " +
                           std::to_string(game.num_players()) + " players");
  for (std::size_t i = 0; i < 2; ++i)
    if (game.num_strategies(i) > 64)
      throw invalid_argument("support_enumeration handles at most 64 strategies per player; player " +
                             std::to_string(i + 1) + " has " + std::to_string(game.num_strategies(i)));
  // Payoffs near the largest double would overflow the sums, subnormal ones
  // lose their digits: solve the same game scaled by a power of two.
  if (auto rescaled = detail::rescaled_if_extreme(game)) return support_enumeration(*rescaled, options);

  namespace internal = detail::support_search;
  using internal::strategy_set;
  using internal::support_vertex;
  support_enumeration_result<Scalar> result;
  const std::size_t m = game.num_strategies(0), n = game.num_strategies(1);

  // The exact game, for the exact check of every candidate.
  const strategic_game<rational> exact = convert<rational>(game);
  const auto exact_a = exact.payoff_matrix(0);
  const auto exact_b = exact.payoff_matrix(1);
  const auto row_opponent = [&](std::size_t i, std::size_t j) -> rational {
    return exact_b(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
  };
  const auto column_opponent = [&](std::size_t j, std::size_t i) -> rational {
    return exact_a(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
  };

  std::vector<support_vertex> row_vertices, column_vertices;
  std::set<std::pair<strategy_set, strategy_set>> row_keys, column_keys;
  std::set<std::vector<rational>> reported;

  const auto report = [&](const support_vertex& xv, const support_vertex& yv) -> bool {
    const auto x = internal::exact_vertex_strategy(row_opponent, m, n, xv);
    const auto y = internal::exact_vertex_strategy(column_opponent, n, m, yv);
    if (!x || !y || !internal::is_exact_equilibrium(exact, *x, *y)) {
      ++result.rejected_candidates;
      return true;
    }
    std::vector<rational> flat(*x);
    flat.insert(flat.end(), y->begin(), y->end());
    if (!reported.insert(flat).second) return true;
    mixed_profile<Scalar> profile(game.strategy_counts());
    for (std::size_t i = 0; i < m; ++i) profile(0, i) = scalar_cast<Scalar>((*x)[i]);
    for (std::size_t j = 0; j < n; ++j) profile(1, j) = scalar_cast<Scalar>((*y)[j]);
    if (options.on_equilibrium) options.on_equilibrium(profile);
    result.equilibria.push_back(std::move(profile));
    if (detail::limit_hit(result.equilibria.size(), options.max_equilibria)) {
      result.status = run_status::limit_reached;
      return false;
    }
    return true;
  };
  // Each new vertex meets the first `count` vertices of the other player
  // (those found before it) whose support lies in its best responses:
  // looked up subset by subset when there are fewer subsets than vertices,
  // otherwise by a scan.
  std::unordered_map<strategy_set, std::vector<std::size_t>> row_by_support, column_by_support;
  const auto meet = [&](const support_vertex& v, const std::vector<support_vertex>& others, std::size_t count,
                        const std::unordered_map<strategy_set, std::vector<std::size_t>>& by_support,
                        auto&& report_pair) {
    const int width = std::popcount(v.best_responses);
    if (width < 63 && (std::size_t{1} << width) < count) {
      for (strategy_set subset = v.best_responses; subset != 0; subset = (subset - 1) & v.best_responses) {
        const auto bucket = by_support.find(subset);
        if (bucket == by_support.end()) continue;
        for (auto index : bucket->second) {  // increasing
          if (index >= count) break;
          if ((v.support & ~others[index].best_responses) == 0 && !report_pair(others[index])) return false;
        }
      }
    } else {
      for (std::size_t index = 0; index < count; ++index) {
        const auto& w = others[index];
        if ((w.support & ~v.best_responses) == 0 && (v.support & ~w.best_responses) == 0 && !report_pair(w))
          return false;
      }
    }
    return true;
  };
  const auto meet_row = [&](const support_vertex& v, std::size_t count) {
    return meet(v, column_vertices, count, column_by_support, [&](const support_vertex& w) { return report(v, w); });
  };
  const auto meet_column = [&](const support_vertex& w, std::size_t count) {
    return meet(w, row_vertices, count, row_by_support, [&](const support_vertex& v) { return report(v, w); });
  };
  // Keeps a vertex met for the first time; true if it is new. The two
  // touch disjoint data, so the two sides may add at the same time.
  const auto add_row_vertex = [&](const support_vertex& v) {
    if (!row_keys.insert({v.support, v.best_responses}).second) return false;
    row_by_support[v.support].push_back(row_vertices.size());
    row_vertices.push_back(v);
    return true;
  };
  const auto add_column_vertex = [&](const support_vertex& w) {
    if (!column_keys.insert({w.support, w.best_responses}).second) return false;
    column_by_support[w.support].push_back(column_vertices.size());
    column_vertices.push_back(w);
    return true;
  };
  const auto on_row_vertex = [&](const support_vertex& v) {
    return !add_row_vertex(v) || meet_row(v, column_vertices.size());
  };
  const auto on_column_vertex = [&](const support_vertex& w) {
    return !add_column_vertex(w) || meet_column(w, row_vertices.size());
  };

  // The searches: double for double games; exact integers for rational
  // games, in 64 or 128 bits for the support sizes where every value fits,
  // in GMP integers otherwise.
  internal::best_response_memory row_memory, column_memory;
  internal::search_pair<double> floating;
  internal::search_pair<detail::big_integer> big;
  internal::search_pair<std::int64_t> small;
  internal::search_pair<detail::int128> medium;
  if constexpr (is_exact_v<Scalar>) {
    const auto integers = internal::integer_payoffs(exact);
    big.emplace(integers, m, n, row_memory, column_memory);
    small.emplace(integers, m, n, row_memory, column_memory);
    medium.emplace(integers, m, n, row_memory, column_memory);
  } else {
    floating.emplace(game, row_memory, column_memory);
  }
  // Calls `body` with the search pair of the narrowest arithmetic that holds
  // the supports of size k of one side (0: player 1 mixing).
  const auto with_arithmetic = [&](std::size_t side, std::size_t k, auto&& body) {
    if (floating.ready()) return body(floating);
    if (small.ready() && small.fits(side, k, 64)) return body(small);
    if (medium.ready() && medium.fits(side, k, 128)) return body(medium);
    return body(big);
  };
  // Runs the supports of size k of one side, giving each vertex to `found`.
  const auto search_side = [&](std::size_t side, std::size_t k, auto&& found) {
    (side == 0 ? row_memory : column_memory).start(side == 0 ? m : n, k);
    return with_arithmetic(side, k, [&](auto& sides) {
      auto& search = side == 0 ? sides.rows : sides.columns;
      return search->search(k, options.stop_token, found);
    });
  };
  // Both sides of size k on several threads. Each side's supports are cut
  // into ranges of consecutive supports (a few per thread, so that unequal
  // ranges even out); the threads take the ranges in turn, each keeping its
  // vertices and what it learnt for the next size apart. The vertices are
  // then added in the order of the sequential search and met in its order
  // (player 1's new vertices with player 2's older ones, then player 2's
  // new ones with all of player 1's; see `meet_unmet`), so the result is
  // the same. False if stopped.
  const std::size_t workers =
      std::min<std::size_t>(options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency()), 64);
  // A size searched on threads, its vertices added but not yet met: the
  // calling thread meets them while the other threads search the next size
  // (or before a size searched on one thread, or at the end), which keeps
  // the sequential order of the meetings and so of the equilibria.
  struct unmet_vertices {
    std::size_t rows_before, rows_end, columns_before, columns_end;
  };
  std::optional<unmet_vertices> unmet;
  const auto meet_unmet = [&]() -> bool {
    if (!unmet) return true;
    const unmet_vertices v = *unmet;
    unmet.reset();
    for (std::size_t i = v.rows_before; i < v.rows_end; ++i)
      if (!meet_row(row_vertices[i], v.columns_before) || options.stop_token.stop_requested()) return false;
    for (std::size_t j = v.columns_before; j < v.columns_end; ++j)
      if (!meet_column(column_vertices[j], v.rows_end) || options.stop_token.stop_requested()) return false;
    return true;
  };
  const auto search_both_sides = [&](std::size_t k) {
    struct alignas(64) range {  // a cache line of its own: each thread writes its range's vectors
      std::size_t side;
      std::uint64_t first, count;
      std::vector<support_vertex> vertices;
      std::unordered_map<strategy_set, strategy_set> remembered;
      bool finished = false;
    };
    std::vector<range> ranges;
    for (std::size_t side = 0; side < 2; ++side) {
      (side == 0 ? row_memory : column_memory).start(side == 0 ? m : n, k);
      const std::uint64_t total = (side == 0 ? m : n) >= k && (side == 0 ? n : m) >= k
                                      ? detail::support_search::subsets_of_size(side == 0 ? m : n, k)
                                      : 0;
      const std::uint64_t pieces = std::min<std::uint64_t>(total, 32 * workers);
      for (std::uint64_t piece = 0; piece < pieces; ++piece) {
        const std::uint64_t first = total / pieces * piece + std::min(piece, total % pieces);
        const std::uint64_t count = total / pieces + (piece < total % pieces ? 1 : 0);
        ranges.push_back({side, first, count, {}, {}, false});
      }
    }
    for (std::size_t side = 0; side < 2; ++side)
      with_arithmetic(side, k, [&](auto& sides) { sides.make_spares(workers - 1); });
    std::atomic<std::size_t> next{0};
    std::atomic<bool> halted{false};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    const auto work = [&](std::size_t worker) {
      try {
        for (std::size_t r = next++; r < ranges.size() && !halted; r = next++) {
          auto& piece = ranges[r];
          const bool remember = (piece.side == 0 ? row_memory : column_memory).remember;
          piece.finished = with_arithmetic(piece.side, k, [&](auto& sides) {
            auto& search = worker == 0 ? *(piece.side == 0 ? sides.rows : sides.columns) : sides.spare(piece.side, worker - 1);
            return search.search_supports(
                k, piece.first, piece.count, options.stop_token,
                [&](const support_vertex& v) {
                  piece.vertices.push_back(v);
                  return true;
                },
                remember ? &piece.remembered : nullptr);
          });
          if (!piece.finished) halted = true;
        }
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        halted = true;
      }
    };
    bool met = true;
    {
      std::vector<std::jthread> helpers;
      for (std::size_t worker = 1; worker < workers; ++worker) helpers.emplace_back(work, worker);
      try {
        met = meet_unmet();  // the previous size's, while the helpers search this one
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        met = false;
      }
      if (!met) halted = true;
      work(0);
    }
    if (failure) std::rethrow_exception(failure);
    const auto gather = [](auto& sides) {
      if (sides.ready()) sides.gather_spares();
    };
    gather(floating);
    gather(small);
    gather(medium);
    gather(big);
    if (!met || halted) return false;
    const std::size_t rows_before = row_vertices.size(), columns_before = column_vertices.size();
    for (auto& piece : ranges) {
      auto& memory = piece.side == 0 ? row_memory : column_memory;
      memory.current.merge(piece.remembered);
      for (const auto& v : piece.vertices) {
        if (piece.side == 0)
          add_row_vertex(v);
        else
          add_column_vertex(v);
      }
    }
    unmet = unmet_vertices{rows_before, row_vertices.size(), columns_before, column_vertices.size()};
    return true;
  };
  // Further threads pay for themselves from a few thousand pairs of supports.
  const auto worth_threads = [&](std::size_t k) {
    double pairs = 1;  // C(m, k) C(n, k)
    for (std::size_t i = 1; i <= k; ++i)
      pairs *= static_cast<double>(m - k + i) * static_cast<double>(n - k + i) / static_cast<double>(i * i);
    return workers >= 2 && pairs >= 4096;
  };

  bool stopped = false;
  for (std::size_t k = 1; k <= std::min(m, n) && !stopped; ++k) {
    detail::report_progress(options.on_progress, k - 1, std::min(m, n), "support sizes");
    if (worth_threads(k)) {
      stopped = !search_both_sides(k);
    } else if (!meet_unmet() || !search_side(0, k, on_row_vertex) || !search_side(1, k, on_column_vertex)) {
      stopped = true;
    }
  }
  if (!stopped && !meet_unmet()) stopped = true;
  if (stopped && result.status != run_status::limit_reached) result.status = run_status::cancelled;
  const auto add_counts = [&](const auto& sides) {
    for (const auto* search : {&sides.rows, &sides.columns})
      if (*search) {
        result.supports_tried += (*search)->supports_tried;
        result.degenerate = result.degenerate || (*search)->degenerate;
      }
  };
  add_counts(floating);
  add_counts(big);
  add_counts(small);
  add_counts(medium);
  result.vertices = row_vertices.size() + column_vertices.size();
  result.exact = is_exact_v<Scalar>;
  // Every equilibrium reported is an exact one, rounded.
  if (!result.exact && !result.equilibria.empty()) result.error_bound = detail::rounding_regret_bound(game);
  return result;
}

}  // namespace impasse
