#include <impasse/detail/linear_system.hpp>
#include <impasse/extensive/subgame_perfect.hpp>
#include <impasse/io/equilibrium_output.hpp>
#include <impasse/io/nfg.hpp>
#include <impasse/strategic/generators.hpp>
#include <impasse/strategic/pure_equilibria.hpp>
#include <impasse/strategic/regret.hpp>
#include <impasse/strategic/vertex_enumeration.hpp>

#include "corpus.hpp"
#include "lrsnash.hpp"
#include "test_games.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace impasse {
namespace {

template <class Scalar>
class VertexEnumerationTest : public ::testing::Test {};
using Scalars = ::testing::Types<double, rational>;
TYPED_TEST_SUITE(VertexEnumerationTest, Scalars);

/// Gambit's exact line for each equilibrium (doubles printed as the
/// fractions of their binary values).
template <class Scalar>
std::set<std::string> exact_lines(const std::vector<mixed_profile<Scalar>>& equilibria) {
  std::set<std::string> out;
  for (const auto& e : equilibria) out.insert(gambit_line("NE", e, {.exact = true}));
  return out;
}

/// The lines of `lines` (exact fractions) rounded to doubles, printed exactly.
std::set<std::string> rounded_lines(const std::set<std::string>& lines) {
  std::set<std::string> out;
  for (const auto& line : lines) {
    std::string rounded = "NE";
    std::size_t start = 3;
    while (start <= line.size()) {
      std::size_t end = line.find(',', start);
      if (end == std::string::npos) end = line.size();
      const double x = scalar_cast<double>(parse_rational(line.substr(start, end - start)));
      rounded += ',';
      rounded += to_fraction_string(rational(x));
      start = end + 1;
    }
    out.insert(rounded);
  }
  return out;
}

/// What a solver in `Scalar` should print for exact answers `lines`.
template <class Scalar>
std::set<std::string> in_scalar(const std::set<std::string>& lines) {
  if constexpr (is_exact_v<Scalar>) return lines;
  else return rounded_lines(lines);
}

/// Every equilibrium has zero regret (exactly in rationals; in double up
/// to 1e-9 relative to the largest payoff).
template <class Scalar>
void expect_equilibria(const strategic_game<Scalar>& game, const std::vector<mixed_profile<Scalar>>& equilibria) {
  double scale = 1;
  for (const auto& x : game.payoff_table().reshaped()) scale = std::max(scale, std::abs(scalar_cast<double>(x)));
  for (const auto& e : equilibria) {
    if constexpr (is_exact_v<Scalar>) {
      EXPECT_EQ(max_regret(game, e), 0) << gambit_line("NE", e, {.exact = true});
    } else {
      EXPECT_LE(max_regret(game, e), 1e-9 * scale) << gambit_line("NE", e, {.exact = false});
    }
  }
}

/// The equilibria of `game` as found by the exact solver, as lines.
template <class Scalar>
std::set<std::string> exact_answer(const strategic_game<Scalar>& game) {
  return exact_lines(vertex_enumeration(convert<rational>(game)).equilibria);
}

TYPED_TEST(VertexEnumerationTest, TextbookGames) {
  using S = TypeParam;
  const auto pd = vertex_enumeration(test::prisoners_dilemma<S>());
  EXPECT_EQ(exact_lines(pd.equilibria), (std::set<std::string>{"NE,0,1,0,1"}));
  const auto pennies = vertex_enumeration(test::matching_pennies<S>());
  EXPECT_EQ(exact_lines(pennies.equilibria), (std::set<std::string>{"NE,1/2,1/2,1/2,1/2"}));
  const auto sexes = vertex_enumeration(test::battle_of_the_sexes<S>());
  EXPECT_EQ(sexes.status, run_status::complete);
  EXPECT_EQ(exact_lines(sexes.equilibria), in_scalar<S>({"NE,1,0,1,0", "NE,0,1,0,1", "NE,2/3,1/3,1/3,2/3"}));
  expect_equilibria(test::battle_of_the_sexes<S>(), sexes.equilibria);
}

// Player 1's T weakly dominates B; against R they tie, so player 1 may mix
// as long as player 2 still prefers R: x(T) in [0, 1/2]. Extreme
// equilibria (T, L), (B, R), ((1/2, 1/2), R); two maximal Nash subsets,
// {T} x {L} and {B, (1/2, 1/2)} x {R}, which do not meet.
template <class Scalar>
strategic_game<Scalar> weak_dominance_game() {
  return test::bimatrix<Scalar>({{1, 1}, {0, 1}}, {{1, 0}, {0, 1}});
}

TYPED_TEST(VertexEnumerationTest, DegenerateGameWithAContinuum) {
  using S = TypeParam;
  const auto game = weak_dominance_game<S>();
  const auto result = vertex_enumeration(game, {.maximal_nash_subsets = true});
  const std::set<std::string> expected{"NE,1,0,1,0", "NE,0,1,0,1", "NE,1/2,1/2,0,1"};
  EXPECT_EQ(exact_lines(result.equilibria), expected);  // all dyadic: exact in double too
  expect_equilibria(game, result.equilibria);
  ASSERT_EQ(result.maximal_nash_subsets.size(), 2u);
  ASSERT_EQ(result.components.size(), 2u);
  // The subset with two strategies of player 1 holds B and (1/2, 1/2) against R.
  const auto& subsets = result.maximal_nash_subsets;
  const auto& wide = subsets[0].strategies[0].size() == 2 ? subsets[0] : subsets[1];
  ASSERT_EQ(wide.strategies[0].size(), 2u);
  ASSERT_EQ(wide.strategies[1].size(), 1u);
  EXPECT_EQ(result.extreme_strategies[1][wide.strategies[1][0]], (std::vector<S>{S(0), S(1)}));
  std::set<std::vector<S>> xs;
  for (auto i : wide.strategies[0]) xs.insert(result.extreme_strategies[0][i]);
  EXPECT_EQ(xs, (std::set<std::vector<S>>{{S(0), S(1)}, {S(1) / 2, S(1) / 2}}));
  // Every point of the segment is an equilibrium.
  for (int k = 0; k <= 4; ++k) {
    mixed_profile<S> p({2, 2});
    p(0, 0) = S(k) / 8, p(0, 1) = 1 - S(k) / 8, p(1, 1) = S(1);
    EXPECT_TRUE(is_nash_equilibrium(game, p));
  }
}

TYPED_TEST(VertexEnumerationTest, AllZeroGameHasEveryPureProfileInOneSubset) {
  using S = TypeParam;
  const strategic_game<S> game({2, 3});
  const auto result = vertex_enumeration(game, {.maximal_nash_subsets = true});
  EXPECT_EQ(result.equilibria.size(), 6u);
  expect_equilibria(game, result.equilibria);
  ASSERT_EQ(result.maximal_nash_subsets.size(), 1u);
  EXPECT_EQ(result.maximal_nash_subsets[0].strategies[0].size(), 2u);
  EXPECT_EQ(result.maximal_nash_subsets[0].strategies[1].size(), 3u);
  EXPECT_EQ(result.components, (std::vector<std::vector<std::size_t>>{{0}}));
}

TYPED_TEST(VertexEnumerationTest, OneStrategyPlayers) {
  using S = TypeParam;
  const auto row = test::bimatrix<S>({{3, 1, 3}}, {{0, 2, 2}});
  EXPECT_EQ(exact_lines(vertex_enumeration(row).equilibria), (std::set<std::string>{"NE,1,0,1,0", "NE,1,0,0,1"}));
  const auto single = test::bimatrix<S>({{5}}, {{-2}});
  EXPECT_EQ(exact_lines(vertex_enumeration(single).equilibria), (std::set<std::string>{"NE,1,1"}));
}

// More than 64 strategies in all: wider label sets. A 40 x 30 game of zeros
// has every pure profile as an extreme equilibrium, all in one subset; in
// a 1 x 100 game the extreme equilibria are player 2's pure best replies.
TYPED_TEST(VertexEnumerationTest, ManyStrategies) {
  using S = TypeParam;
  const auto zeros = vertex_enumeration(strategic_game<S>({40, 30}), {.maximal_nash_subsets = true});
  EXPECT_EQ(zeros.equilibria.size(), 1200u);
  ASSERT_EQ(zeros.maximal_nash_subsets.size(), 1u);
  EXPECT_EQ(zeros.maximal_nash_subsets[0].strategies[0].size(), 40u);
  EXPECT_EQ(zeros.maximal_nash_subsets[0].strategies[1].size(), 30u);

  const auto single_row = random_game<S>({1, 100}, {.seed = 5, .low = 0, .high = 5});
  std::set<std::string> best_replies;
  for (const auto& profile : pure_strategy_enumeration(single_row).equilibria)
    best_replies.insert(gambit_line("NE", mixed_profile<S>::pure({1, 100}, profile), {.exact = true}));
  EXPECT_GT(best_replies.size(), 5u);
  EXPECT_EQ(exact_lines(vertex_enumeration(single_row).equilibria), best_replies);
}

/// The game as Gambit's answers see it: exact, or rounded to doubles.
template <class Scalar>
strategic_game<Scalar> corpus_game(const std::filesystem::path& path) {
  return convert<Scalar>(read_nfg_file(path));
}

TYPED_TEST(VertexEnumerationTest, AgreesWithGambitOnTheCorpus) {
  using S = TypeParam;
  if (!test::corpus_present()) GTEST_SKIP() << "corpus not found at " << test::corpus_dir();
  std::size_t games = 0;
  for (const auto& path : test::corpus_games(".nfg")) {
    bool found = false;
    const auto expected = test::expected_lines(path, "enummixed", found);
    if (!found) continue;
    ++games;
    SCOPED_TRACE(path.filename().string());
    const auto game = corpus_game<S>(path);
    const auto result = vertex_enumeration(game);
    EXPECT_EQ(result.status, run_status::complete);
    expect_equilibria(game, result.equilibria);
    EXPECT_EQ(result.equilibria.size(), expected.size());
    if constexpr (is_exact_v<S>) {
      EXPECT_EQ(exact_lines(result.equilibria), expected);
      EXPECT_TRUE(result.exact);
    } else {
      // The double game is the exact game of its binary payoffs; its
      // equilibria are those of the exact solver on that game, rounded.
      EXPECT_EQ(exact_lines(result.equilibria), rounded_lines(exact_answer(game)));
    }
    // One polytope and the completing faces of the other; the same after
    // removing dominated and merging payoff-equivalent strategies.
    const auto [faces, status] = detail::face_enumeration(game, std::numeric_limits<std::size_t>::max(), {});
    EXPECT_EQ(status, run_status::complete);
    EXPECT_EQ(exact_lines(faces), exact_lines(result.equilibria));
    const auto reduced = reduced_vertex_enumeration(game);
    EXPECT_EQ(reduced.status, run_status::complete);
    EXPECT_EQ(exact_lines(reduced.equilibria), exact_lines(result.equilibria));
    // Reverse search of one polytope, exactly and in floating point (as the command runs it).
    for (const bool floating : {false, true}) {
      const auto reverse = vertex_enumeration(game, {.search = vertex_search::reverse, .floating_search = floating});
      EXPECT_EQ(reverse.status, run_status::complete);
      EXPECT_EQ(reverse.equilibria.size(), result.equilibria.size());
      EXPECT_EQ(exact_lines(reverse.equilibria), exact_lines(result.equilibria));
    }
  }
  EXPECT_EQ(games, 38u);
}

TYPED_TEST(VertexEnumerationTest, SeventyFiveEquilibria) {
  using S = TypeParam;
  if (!test::corpus_present()) GTEST_SKIP() << "corpus not found";
  const auto path = test::corpus_dir() / "gambit" / "catalog-journals-dcg-vonstengel1999-6x6_game_with_75_eq.nfg";
  const auto result = vertex_enumeration(corpus_game<S>(path));
  EXPECT_EQ(result.equilibria.size(), 75u);
  bool found = false;
  const auto expected = test::expected_lines(path, "enummixed", found);
  ASSERT_TRUE(found);
  EXPECT_EQ(exact_lines(result.equilibria), in_scalar<S>(expected));  // integer payoffs: the same game
}

// contrib-deg2, worked by hand from its 7 extreme equilibria: x1 = (1,0,0)
// pairs with y = (0,1,0), (1/2,1/2,0) and (0,0,1); x4 = (0,1/2,1/2) with
// the last two; x2 = (0,1,0) with (0,0,1) only; x3 = (0,0,1) with
// (1,0,0). Maximal Nash subsets: {x1} x {3 ys}, {x1,x4} x {2 ys},
// {x1,x2,x4} x {(0,0,1)}, {x3} x {(1,0,0)}; the first three meet in x1.
TYPED_TEST(VertexEnumerationTest, MaximalNashSubsetsOfADegenerateCorpusGame) {
  using S = TypeParam;
  if (!test::corpus_present()) GTEST_SKIP() << "corpus not found";
  const auto result =
      vertex_enumeration(corpus_game<S>(test::corpus_dir() / "gambit" / "contrib-deg2.nfg"), {.maximal_nash_subsets = true});
  ASSERT_EQ(result.equilibria.size(), 7u);
  std::multiset<std::pair<std::size_t, std::size_t>> shapes;
  for (const auto& subset : result.maximal_nash_subsets)
    shapes.insert({subset.strategies[0].size(), subset.strategies[1].size()});
  EXPECT_EQ(shapes, (std::multiset<std::pair<std::size_t, std::size_t>>{{1, 3}, {2, 2}, {3, 1}, {1, 1}}));
  ASSERT_EQ(result.components.size(), 2u);
  std::multiset<std::size_t> sizes{result.components[0].size(), result.components[1].size()};
  EXPECT_EQ(sizes, (std::multiset<std::size_t>{3, 1}));
}

/// Checks the maximal Nash subsets against their definition: every pair
/// is an extreme equilibrium, no extreme strategy can be added to either
/// side, every extreme equilibrium lies in one, and none repeats.
template <class Scalar>
void expect_maximal_nash_subsets(const vertex_enumeration_result<Scalar>& result) {
  std::set<std::array<std::size_t, 2>> pairs(result.equilibrium_strategies.begin(), result.equilibrium_strategies.end());
  std::set<std::array<std::size_t, 2>> covered;
  std::set<std::array<std::vector<std::size_t>, 2>> seen;
  for (const auto& subset : result.maximal_nash_subsets) {
    EXPECT_TRUE(seen.insert(subset.strategies).second);
    for (auto x : subset.strategies[0])
      for (auto y : subset.strategies[1]) {
        EXPECT_TRUE(pairs.count({x, y})) << x << " " << y;
        covered.insert({x, y});
      }
    for (std::size_t player = 0; player < 2; ++player)
      for (std::size_t s = 0; s < result.extreme_strategies[player].size(); ++s) {
        const auto& side = subset.strategies[player];
        if (std::find(side.begin(), side.end(), s) != side.end()) continue;
        bool fits = true;
        for (auto other : subset.strategies[1 - player])
          fits = fits && pairs.count(player == 0 ? std::array{s, other} : std::array{other, s});
        EXPECT_FALSE(fits) << "subset not maximal";
      }
  }
  EXPECT_EQ(covered, pairs);
  std::size_t in_components = 0;
  for (const auto& component : result.components) in_components += component.size();
  EXPECT_EQ(in_components, result.maximal_nash_subsets.size());
}

TYPED_TEST(VertexEnumerationTest, MaximalNashSubsetsOnTheCorpus) {
  using S = TypeParam;
  if (!test::corpus_present()) GTEST_SKIP() << "corpus not found";
  for (const char* name : {"contrib-2x2const.nfg", "contrib-deg1.nfg", "contrib-deg2.nfg", "contrib-zero.nfg",
                           "contrib-coord4.nfg", "contrib-winkels.nfg", "contrib-vd.nfg", "contrib-csg4.nfg"}) {
    SCOPED_TRACE(name);
    const auto result =
        vertex_enumeration(corpus_game<S>(test::corpus_dir() / "gambit" / name), {.maximal_nash_subsets = true});
    expect_maximal_nash_subsets(result);
    if (std::string(name) == "contrib-2x2const.nfg") {
      ASSERT_EQ(result.maximal_nash_subsets.size(), 1u);
      EXPECT_EQ(result.maximal_nash_subsets[0].strategies[0].size(), 1u);
    }
  }
}

TYPED_TEST(VertexEnumerationTest, AgreesWithLrsnashOnRandomGames) {
  using S = TypeParam;
  if (!test::lrsnash_present()) GTEST_SKIP() << "lrsnash not installed";
  const std::vector<std::vector<std::size_t>> shapes = {{3, 3}, {4, 4}, {5, 3}, {2, 6}};
  for (std::uint64_t seed = 1; seed <= 6; ++seed)
    for (const auto& shape : shapes) {
      // Payoffs 0..3 make degenerate games common; 0..99 rarely.
      const auto exact = random_game<rational>(shape, {.seed = seed, .low = 0, .high = seed % 2 ? 3 : 99});
      const auto expected = test::lrsnash_equilibria(exact);
      ASSERT_TRUE(expected);
      const auto game = convert<S>(exact);
      for (const auto search : {vertex_search::depth_first, vertex_search::reverse}) {
        const auto result = vertex_enumeration(game, {.search = search});
        expect_equilibria(game, result.equilibria);
        EXPECT_EQ(exact_lines(result.equilibria), in_scalar<S>(*expected)) << "seed " << seed;
      }
    }
}

// Large payoffs push the exact search from machine words to two-word
// integers (about 10^6) and on to GMP integers (10^15), mid-search.
TYPED_TEST(VertexEnumerationTest, AgreesWithLrsnashOnLargePayoffs) {
  using S = TypeParam;
  if (!test::lrsnash_present()) GTEST_SKIP() << "lrsnash not installed";
  for (const std::int64_t high : {std::int64_t{1'000'000}, std::int64_t{1'000'000'000'000'000}})
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
      const auto exact = random_game<rational>({5, 5}, {.seed = seed, .low = -high, .high = high});
      const auto expected = test::lrsnash_equilibria(exact);
      ASSERT_TRUE(expected);
      const auto game = convert<S>(exact);
      for (const auto search : {vertex_search::depth_first, vertex_search::reverse}) {
        const auto result = vertex_enumeration(game, {.search = search});
        expect_equilibria(game, result.equilibria);
        EXPECT_EQ(exact_lines(result.equilibria), in_scalar<S>(*expected)) << "seed " << seed << ", payoffs to " << high;
      }
    }
}

TYPED_TEST(VertexEnumerationTest, FloatingAndExactSearchesAgree) {
  using S = TypeParam;
  std::size_t degenerate = 0;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const auto game = random_game<S>({6, 6}, {.seed = seed, .low = 0, .high = seed % 3 ? 99 : 4});
    const auto fast = vertex_enumeration(game);
    const auto exact = vertex_enumeration(game, {.exact_search = true});
    EXPECT_EQ(exact_lines(fast.equilibria), exact_lines(exact.equilibria)) << "seed " << seed;
    EXPECT_EQ(fast.vertices, exact.vertices);
    EXPECT_EQ(fast.bases, exact.bases);  // the same lexicographic bases
    EXPECT_TRUE(exact.exact);
    expect_equilibria(game, fast.equilibria);
    if (exact.bases[0] > exact.vertices[0] || exact.bases[1] > exact.vertices[1]) ++degenerate;
  }
  EXPECT_GT(degenerate, 0u);  // the comparison covers degenerate polytopes
}

/// By brute force over every choice of k basic variables of the polytope
/// {z >= 0 : m z <= 1} (k rows, d columns): the number of bases that are
/// lexicographically feasible for the right-hand side 1 + (e, e^2, ...),
/// i.e. whose rows of [B^-1 1 | B^-1] are lexicographically positive, and
/// the number of distinct vertices.
std::pair<std::size_t, std::size_t> count_bases_and_vertices(const detail::integer_matrix& m) {
  const std::size_t k = m.rows, d = m.cols;
  std::size_t lexicographic = 0;
  std::set<std::vector<rational>> vertices;
  std::vector<bool> chosen(d + k, false);
  std::fill(chosen.end() - static_cast<std::ptrdiff_t>(k), chosen.end(), true);
  do {
    matrix<rational> basis(k, k);
    Eigen::Index col = 0;
    for (std::size_t v = 0; v < d + k; ++v) {
      if (!chosen[v]) continue;
      for (std::size_t r = 0; r < k; ++r)
        basis(static_cast<Eigen::Index>(r), col) = v < d ? rational(m(r, v)) : rational(r == v - d ? 1 : 0);
      ++col;
    }
    // Columns of B^-1 [1 | I], one solve each.
    std::vector<vector<rational>> columns;
    for (std::size_t c = 0; c <= k; ++c) {
      vector<rational> rhs = vector<rational>::Zero(static_cast<Eigen::Index>(k));
      if (c == 0) rhs.setOnes();
      else rhs(static_cast<Eigen::Index>(c - 1)) = 1;
      auto x = detail::solve_square<rational>(basis, rhs);
      if (!x) break;
      columns.push_back(*x);
    }
    if (columns.size() != k + 1) continue;  // singular
    bool feasible = true, lex_positive = true;
    for (std::size_t r = 0; r < k; ++r) {
      feasible = feasible && columns[0](static_cast<Eigen::Index>(r)) >= 0;
      std::size_t c = 0;
      while (c <= k && columns[c](static_cast<Eigen::Index>(r)) == 0) ++c;
      lex_positive = lex_positive && c <= k && columns[c](static_cast<Eigen::Index>(r)) > 0;
    }
    lexicographic += lex_positive;
    if (!feasible) continue;
    std::vector<rational> point(d, rational(0));
    col = 0;
    for (std::size_t v = 0; v < d + k; ++v)
      if (chosen[v]) {
        if (v < d) point[v] = columns[0](col);
        ++col;
      }
    vertices.insert(point);
  } while (std::next_permutation(chosen.begin(), chosen.end()));
  return {lexicographic, vertices.size()};
}

// The search must visit exactly the lexicographically feasible bases (each
// once) and find every vertex, however degenerate the polytope: checked
// against brute force on games with payoffs 0..2, where ties abound.
TYPED_TEST(VertexEnumerationTest, VisitsEveryLexicographicBasisOnce) {
  using S = TypeParam;
  std::size_t degenerate = 0;
  for (std::uint64_t seed = 1; seed <= 8; ++seed)
    for (const auto& shape : std::vector<std::vector<std::size_t>>{{3, 3}, {4, 3}, {4, 4}, {2, 5}}) {
      const auto game = random_game<S>(shape, {.seed = seed, .low = 0, .high = seed % 2 ? 1 : 2});
      const auto result = vertex_enumeration(game);
      const std::array<detail::integer_matrix, 2> polytopes{detail::positive_integer_payoffs(game, 1, true),
                                                            detail::positive_integer_payoffs(game, 0, false)};
      // Reverse search visits the same bases of the smaller player's polytope, and reports each vertex once.
      const auto reverse = vertex_enumeration(game, {.search = vertex_search::reverse});
      const std::size_t small = shape[0] <= shape[1] ? 0 : 1;
      for (std::size_t player = 0; player < 2; ++player) {
        const auto [bases, vertices] = count_bases_and_vertices(polytopes[player]);
        EXPECT_EQ(result.bases[player], bases) << "seed " << seed << ", player " << player + 1;
        EXPECT_EQ(result.vertices[player], vertices) << "seed " << seed << ", player " << player + 1;
        if (player == small) {
          EXPECT_EQ(reverse.bases[player], bases) << "seed " << seed << ", player " << player + 1;
          EXPECT_EQ(reverse.vertices[player], vertices) << "seed " << seed << ", player " << player + 1;
        }
        degenerate += bases > vertices;
      }
      EXPECT_EQ(exact_lines(reverse.equilibria), exact_lines(result.equilibria)) << "seed " << seed;
    }
  EXPECT_GT(degenerate, 20u);
}

TYPED_TEST(VertexEnumerationTest, LimitCallbackAndCancellation) {
  using S = TypeParam;
  const strategic_game<S> game({3, 3});  // 9 pure equilibria
  for (const auto search : {vertex_search::depth_first, vertex_search::reverse}) {
    std::vector<mixed_profile<S>> seen;
    const auto limited = vertex_enumeration(
        game, {.max_equilibria = 4,
               .on_equilibrium = [&](const mixed_profile<S>& e) { seen.push_back(e); },
               .search = search});
    EXPECT_EQ(limited.equilibria.size(), 4u);
    EXPECT_EQ(seen, limited.equilibria);
    EXPECT_EQ(limited.status, run_status::limit_reached);
    EXPECT_EQ(vertex_enumeration(game, {.max_equilibria = 9, .search = search}).status, run_status::complete);

    std::stop_source source;
    source.request_stop();
    const auto big = random_game<S>({9, 9}, {.seed = 3});
    const auto cancelled = vertex_enumeration(big, {.search = search, .stop_token = source.get_token()});
    EXPECT_EQ(cancelled.status, run_status::cancelled);
    EXPECT_TRUE(cancelled.equilibria.empty());
  }
}

// Reverse search against the depth-first search on random games, from
// payoffs 0..1 (ties everywhere: degenerate vertices, singular systems,
// faces of partners) to 0..99, in every arithmetic mode: the same
// equilibria, the same maximal Nash subsets, the same bases and vertices
// of the polytope searched, and each equilibrium reported once.
TYPED_TEST(VertexEnumerationTest, ReverseSearchAgreesWithDepthFirstSearch) {
  using S = TypeParam;
  std::mt19937_64 rng(11);
  std::size_t faces = 0, degenerate_games = 0;
  for (int trial = 0; trial < 240; ++trial) {
    const std::size_t m = 1 + rng() % 7, n = 1 + rng() % 7;
    const std::int64_t high = std::array<std::int64_t, 4>{1, 3, 9, 99}[trial % 4];
    const auto game = random_game<S>({m, n}, {.seed = rng(), .low = 0, .high = high});
    for (const bool floating : {false, true}) {
      const auto expected = vertex_enumeration(game, {.maximal_nash_subsets = true, .floating_search = floating});
      const auto reverse = vertex_enumeration(
          game, {.search = vertex_search::reverse, .maximal_nash_subsets = true, .floating_search = floating});
      SCOPED_TRACE("trial " + std::to_string(trial) + (floating ? ", floating" : ""));
      EXPECT_EQ(reverse.status, run_status::complete);
      EXPECT_EQ(reverse.equilibria.size(), expected.equilibria.size());
      EXPECT_EQ(exact_lines(reverse.equilibria), exact_lines(expected.equilibria));
      EXPECT_EQ(reverse.maximal_nash_subsets.size(), expected.maximal_nash_subsets.size());
      EXPECT_EQ(reverse.components.size(), expected.components.size());
      const std::size_t small = m <= n ? 0 : 1;
      EXPECT_EQ(reverse.bases[small], expected.bases[small]);
      EXPECT_EQ(reverse.vertices[small], expected.vertices[small]);
      faces += reverse.bases[1 - small] > 0;
      degenerate_games += expected.bases[small] > expected.vertices[small];
    }
  }
  EXPECT_GT(faces, 20u);  // partners of degenerate vertices were searched for
  EXPECT_GT(degenerate_games, 40u);
}

// The reverse-search tree searched in parts, as `impasse-mpi` does: a
// search that has visited a few bases hands its unentered children on as
// subtrees, each searched from its node the same way; together they visit
// every basis once and report every vertex once, in floating point and
// exactly, on nondegenerate and degenerate polytopes.
TYPED_TEST(VertexEnumerationTest, ReverseSearchSubtreesPartitionTheTree) {
  using S = TypeParam;
  using Key = detail::label_set<1>;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const auto game = random_game<S>({7, 6}, {.seed = seed, .low = 0, .high = seed % 2 ? 99 : 2});
    const auto polytope = detail::positive_integer_payoffs(game, 0, false);
    const auto labels = detail::polytope_labels(7, 6)[1];
    std::multiset<std::vector<std::size_t>> whole, parts;
    const auto into = [](std::multiset<std::vector<std::size_t>>& out) {
      return [&out](const Key& vertex_labels, const Key&) {
        std::vector<std::size_t> list;
        for (std::size_t l = 0; l < 13; ++l)
          if (vertex_labels.contains(l)) list.push_back(l);
        out.insert(list);
        return true;
      };
    };
    detail::polytope_reverse_search<Key> full(labels, {}, into(whole));
    detail::run_exactly(polytope, full);
    ASSERT_EQ(full.counts().end, detail::search_end::complete);
    for (const bool floating : {false, true}) {
      parts.clear();
      std::vector<detail::search_tree_node> queue{{}};
      std::size_t bases = 0, searches = 0;
      while (!queue.empty()) {
        auto node = std::move(queue.back());
        queue.pop_back();
        detail::polytope_reverse_search<Key> part(labels, {}, into(parts));
        part.start_at(std::move(node));
        part.split_after(5, [&](detail::search_tree_node child) { queue.push_back(std::move(child)); });
        if (floating) {
          detail::floating_dictionary dictionary(polytope);
          part.run(dictionary);
        } else {
          detail::run_exactly(polytope, part);
        }
        ASSERT_EQ(part.counts().end, detail::search_end::complete);
        bases += part.counts().bases;
        ++searches;
      }
      EXPECT_EQ(bases, full.counts().bases) << "seed " << seed;
      EXPECT_EQ(parts, whole) << "seed " << seed;
      EXPECT_GT(searches, full.counts().bases / 10) << "seed " << seed;
    }
  }
}

TYPED_TEST(VertexEnumerationTest, RefusesOtherThanTwoPlayers) {
  using S = TypeParam;
  EXPECT_THROW((void)vertex_enumeration(strategic_game<S>({2, 2, 2})), invalid_argument);
  EXPECT_THROW((void)vertex_enumeration(strategic_game<S>({3})), invalid_argument);
}

TYPED_TEST(VertexEnumerationTest, LargerRandomGamesInBothArithmetics) {
  using S = TypeParam;
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const auto game = random_game<S>({8, 7}, {.seed = seed});
    const auto result = vertex_enumeration(game);
    expect_equilibria(game, result.equilibria);
    EXPECT_EQ(exact_lines(result.equilibria), in_scalar<S>(exact_answer(game)));
    EXPECT_GT(result.vertices[0], 8u);
  }
}

}  // namespace
}  // namespace impasse

namespace impasse {
namespace {

// The two-word arithmetic against GMP: comparisons of products of up to
// 126-bit operands, exact divisions (x p - a b) / d = q, and overflow when
// q reaches 2^127.
TEST(VertexEnumerationArithmetic, TwoWordIntegersAgreeWithGmp) {
  using detail::big_integer;
  using arithmetic = detail::int128_arithmetic;
  std::mt19937_64 rng(7);
  const auto random_big = [&](unsigned bits) {  // |x| < 2^bits, random sign
    big_integer x = 0;
    for (unsigned b = 0; b < bits; b += 32) x = (x << 32) + big_integer(rng() & 0xffffffffU);
    x %= big_integer(1) << bits;
    return (rng() & 1) ? big_integer(-x) : x;
  };
  const auto word = [](const big_integer& x) {
    arithmetic::value_type v = 0;
    EXPECT_TRUE(arithmetic::assign(v, x));
    return v;
  };
  for (int trial = 0; trial < 5000; ++trial) {
    const big_integer a = random_big(1 + rng() % 126), b = random_big(1 + rng() % 126);
    const big_integer c = random_big(1 + rng() % 126), d = trial % 7 ? random_big(1 + rng() % 126) : a * 0 + b;
    const big_integer l = a * b, r = c * (trial % 7 ? d : a);
    EXPECT_EQ(arithmetic{}.compare_products(word(a), word(b), word(c), word(trial % 7 ? d : a)), l < r ? -1 : l > r ? 1 : 0);
    EXPECT_EQ(arithmetic::to_big(word(a)), a);
  }
  // (x p - a b) / d through a pivot on a two-column table: the pivot row
  // is (b, p), the updated row (x, a).
  const auto divide = [&](arithmetic::value_type& out, const big_integer& x, const big_integer& p, const big_integer& a,
                          const big_integer& b, const big_integer& d) {
    const arithmetic::value_type pivot_row[2] = {word(b), word(p)}, row[2] = {word(x), word(a)};
    arithmetic::value_type result[2] = {0, 0};
    arithmetic ops;
    ops.set_pivot(pivot_row, 2, 1, word(d));
    const bool fits = ops.update_row(result, row, 2);
    out = result[0];
    if (fits) {
      EXPECT_EQ(arithmetic::to_big(result[1]), -a);
    }
    return fits;
  };
  std::size_t divisions = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    const unsigned q_bits = 1 + rng() % 127;  // up to 2^127 - 1: both the fast and the 256-bit paths
    const big_integer q = random_big(q_bits);
    const unsigned divisor_bits = 1 + rng() % std::max(1U, 123 - std::min(q_bits, 122U));
    big_integer divisor = random_big(divisor_bits) << static_cast<unsigned>(rng() % 4);
    if (divisor == 0) divisor = 1;
    const big_integer a = random_big(1 + rng() % 60), b = random_big(1 + rng() % 60);
    const big_integer p = big_integer(1 + static_cast<long>(rng() % 3)) * ((rng() & 1) ? 1 : -1);
    const big_integer product = q * divisor + a * b;
    if (product % p != 0 || boost::multiprecision::msb(abs(product / p) + 1) >= 127 ||
        boost::multiprecision::msb(abs(divisor)) >= 126)
      continue;
    arithmetic::value_type out = 0;
    ASSERT_TRUE(divide(out, product / p, p, a, b, divisor));
    EXPECT_EQ(arithmetic::to_big(out), q);
    ++divisions;
  }
  EXPECT_GT(divisions, 3000u);
  // Quotients of 2^127 - 1 fit; 2^127 and -2^127 do not.
  const big_integer top = (big_integer(1) << 127) - 1, one = 1, zero = 0;
  arithmetic::value_type out = 0;
  EXPECT_TRUE(divide(out, top, one, zero, zero, one));
  EXPECT_EQ(arithmetic::to_big(out), top);
  EXPECT_FALSE(divide(out, big_integer(1) << 126, big_integer(2), zero, zero, one));
  EXPECT_FALSE(divide(out, big_integer(1) << 126, big_integer(-2), zero, zero, one));
  EXPECT_FALSE(divide(out, top, top, one, big_integer(2), big_integer(3)));
}

TYPED_TEST(VertexEnumerationTest, BaseBudgetSaysSoAndKeepsOnlyEquilibria) {
  using S = TypeParam;
  const auto game = random_game<S>({12, 12}, {.seed = 7});
  const auto full = vertex_enumeration(game);
  ASSERT_EQ(full.status, run_status::complete);
  ASSERT_GT(full.bases[0], 100u);
  const auto cut = vertex_enumeration(game, {.max_bases = 100});
  EXPECT_EQ(cut.status, run_status::limit_reached);
  EXPECT_LE(cut.bases[0], 100u);
  EXPECT_LE(cut.bases[1], 100u);
  EXPECT_LT(cut.equilibria.size(), full.equilibria.size());
  expect_equilibria(game, cut.equilibria);
  const auto all = exact_lines(full.equilibria);
  for (const auto& line : exact_lines(cut.equilibria)) EXPECT_TRUE(all.contains(line)) << line;
  // A budget the search does not need changes nothing.
  const auto ample = vertex_enumeration(game, {.max_bases = full.bases[0] + full.bases[1]});
  EXPECT_EQ(ample.status, run_status::complete);
  EXPECT_EQ(exact_lines(ample.equilibria), all);
}

// The work budget counts what the search did: each basis costs the entries
// its dictionary holds (rows times columns plus the right-hand side) times
// its arithmetic's cost, machine words here (payoffs 0..9), GMP integers
// once the payoffs need them. A budget the search does not need changes
// nothing; one it needs stops it with status `limit_reached` and only
// equilibria.
TYPED_TEST(VertexEnumerationTest, WorkBudgetWeighsEachBasisByItsArithmetic) {
  using S = TypeParam;
  const auto game = random_game<S>({7, 6}, {.seed = 3, .low = 0, .high = 9});
  const auto polytope = detail::positive_integer_payoffs(game, 1, true);
  const auto labels = detail::polytope_labels(7, 6);
  const auto small = detail::search_exactly<detail::label_set<1>>(polytope, labels[0], {}, 1'000'000);
  ASSERT_EQ(small.end, detail::search_end::complete);
  EXPECT_EQ(small.work, small.bases * polytope.rows * (polytope.cols + 1));
  // The same polytope with every entry times 2^130 (the same vertices) needs GMP.
  detail::integer_matrix wide = polytope;
  for (auto& x : wide.entries) x <<= 130;
  const auto big = detail::search_exactly<detail::label_set<1>>(wide, labels[0], {}, 1'000'000);
  ASSERT_EQ(big.end, detail::search_end::complete);
  EXPECT_EQ(big.bases, small.bases);
  EXPECT_EQ(big.work, small.work * detail::gmp_arithmetic::entry_cost);

  const auto full = detail::face_enumeration(game, std::numeric_limits<std::size_t>::max(), {});
  ASSERT_EQ(full.second, run_status::complete);
  const auto ample = detail::face_enumeration(game, std::numeric_limits<std::size_t>::max(), {}, 100 * small.work);
  EXPECT_EQ(ample.second, run_status::complete);
  EXPECT_EQ(exact_lines(ample.first), exact_lines(full.first));
  const auto cut = detail::face_enumeration(game, std::numeric_limits<std::size_t>::max(), {}, small.work / 2);
  EXPECT_EQ(cut.second, run_status::limit_reached);
  EXPECT_LT(cut.first.size(), full.first.size());
  expect_equilibria(game, cut.first);
}

// Enumerating one polytope and, for each of its vertices, the face of the
// other that completes it finds exactly the extreme equilibria that
// enumerating both polytopes finds, degenerate games included; so does
// reducing the game first (on the corpus: AgreesWithGambitOnTheCorpus).
TYPED_TEST(VertexEnumerationTest, FacesOfTheOtherPolytopeGiveTheSameEquilibria) {
  using S = TypeParam;
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    const auto game = random_degenerate_game<S>({4 + seed % 5, 3 + seed % 4}, {.seed = seed, .max_payoff = 3});
    SCOPED_TRACE(seed);
    const auto both = exact_lines(vertex_enumeration(game).equilibria);
    const auto [faces, status] = detail::face_enumeration(game, std::numeric_limits<std::size_t>::max(), {});
    EXPECT_EQ(status, run_status::complete);
    expect_equilibria(game, faces);
    EXPECT_EQ(exact_lines(faces), both);
    EXPECT_EQ(exact_lines(reduced_vertex_enumeration(game).equilibria), both);
  }
}

TYPED_TEST(VertexEnumerationTest, PayoffEquivalentStrategiesShareTheirWeightInEveryWay) {
  using S = TypeParam;
  // Battle of the sexes with the row player's first strategy twice and a
  // strictly dominated third row: each extreme equilibrium playing row 1
  // comes once with each copy.
  const auto game = test::bimatrix<S>({{2, 0}, {2, 0}, {0, 1}, {-1, -1}}, {{1, 0}, {1, 0}, {0, 2}, {5, 5}});
  const auto reduced = reduced_vertex_enumeration(game);
  EXPECT_EQ(reduced.status, run_status::complete);
  EXPECT_EQ(reduced.reduced_counts, (std::vector<std::size_t>{2, 2}));
  EXPECT_EQ(exact_lines(reduced.equilibria), exact_lines(vertex_enumeration(game).equilibria));
  EXPECT_EQ(exact_lines(reduced.equilibria),
            in_scalar<S>({"NE,1,0,0,0,1,0", "NE,0,1,0,0,1,0", "NE,0,0,1,0,0,1", "NE,2/3,0,1/3,0,1/3,2/3",
                          "NE,0,2/3,1/3,0,1/3,2/3"}));
  expect_equilibria(game, reduced.equilibria);
  const auto capped = reduced_vertex_enumeration(game, {.max_equilibria = 2});
  EXPECT_EQ(capped.status, run_status::limit_reached);
  EXPECT_EQ(capped.equilibria.size(), 2u);
  EXPECT_THROW((void)reduced_vertex_enumeration(strategic_game<S>({2, 2, 2})), invalid_argument);
}

}  // namespace
}  // namespace impasse
