#include <impasse/detail/simplex.hpp>
#include <impasse/io/equilibrium_output.hpp>
#include <impasse/io/nfg.hpp>
#include <impasse/strategic/generators.hpp>
#include <impasse/strategic/pure_equilibria.hpp>
#include <impasse/strategic/regret.hpp>
#include <impasse/strategic/support_enumeration.hpp>

#include "corpus.hpp"
#include "test_games.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <unistd.h>

namespace impasse {
namespace {

template <class Scalar>
class SupportEnumerationTest : public ::testing::Test {};
using Scalars = ::testing::Types<double, rational>;
TYPED_TEST_SUITE(SupportEnumerationTest, Scalars);

/// Every equilibrium passes the independent regret check: exactly 0 in
/// rationals, within 1e-9 in double.
template <class Scalar>
void expect_all_equilibria(const strategic_game<Scalar>& game, const support_enumeration_result<Scalar>& result) {
  for (const auto& e : result.equilibria) {
    EXPECT_NO_THROW(validate_profile(game, e));
    if constexpr (is_exact_v<Scalar>) {
      EXPECT_EQ(max_regret(game, e), rational(0)) << gambit_line("NE", e, {.exact = true});
    } else {
      EXPECT_LE(max_regret(game, e), 1e-9) << gambit_line("NE", e, {});
    }
  }
}

/// The equilibria as Gambit lines, exact (a double printed as the exact
/// fraction of its binary value).
template <class Scalar>
std::set<std::string> lines(const support_enumeration_result<Scalar>& result) {
  std::set<std::string> out;
  for (const auto& e : result.equilibria) out.insert(gambit_line("NE", e, {.exact = true}));
  return out;
}

/// Exact lines as a double solver reports them: each probability rounded to
/// the nearest double (as our double path does with its exact answers).
std::set<std::string> rounded(const std::set<std::string>& exact) {
  std::set<std::string> out;
  for (const auto& line : exact) {
    std::string rounded_line = "NE";
    std::istringstream in(line.substr(3));
    std::string value;
    while (std::getline(in, value, ',')) {
      rounded_line += ',';
      rounded_line += to_fraction_string(rational(parse_rational(value).convert_to<double>()));
    }
    out.insert(rounded_line);
  }
  return out;
}

/// True when the two sets of lines have the same size and each line of
/// `a` is within `tolerance` of some line of `b`, number by number.
bool close_lines(const std::set<std::string>& a, const std::set<std::string>& b, double tolerance) {
  const auto numbers = [](const std::string& line) {
    std::vector<double> out;
    std::istringstream in(line.substr(3));
    std::string value;
    while (std::getline(in, value, ',')) out.push_back(parse_rational(value).convert_to<double>());
    return out;
  };
  if (a.size() != b.size()) return false;
  for (const auto& x : a) {
    const auto u = numbers(x);
    bool matched = false;
    for (const auto& y : b) {
      const auto v = numbers(y);
      bool close = u.size() == v.size();
      for (std::size_t i = 0; i < u.size() && close; ++i) close = std::abs(u[i] - v[i]) <= tolerance;
      matched = matched || close;
    }
    if (!matched) return false;
  }
  return true;
}

/// The lines `exact` would have if solved in Scalar.
template <class Scalar>
std::set<std::string> support_lines_in_scalar(const std::set<std::string>& exact) {
  if constexpr (is_exact_v<Scalar>) {
    return exact;
  } else {
    return rounded(exact);
  }
}

TYPED_TEST(SupportEnumerationTest, MatchingPenniesHasOnlyTheMixedEquilibrium) {
  using S = TypeParam;
  const auto game = test::matching_pennies<S>();
  const auto result = support_enumeration(game);
  expect_all_equilibria(game, result);
  ASSERT_EQ(result.equilibria.size(), 1u);
  for (std::size_t i = 0; i < 2; ++i)
    for (std::size_t s = 0; s < 2; ++s) EXPECT_EQ(result.equilibria[0](i, s), S(1) / S(2));
  EXPECT_EQ(result.status, run_status::complete);
  EXPECT_FALSE(result.degenerate);
  EXPECT_EQ((result.exact && result.status == run_status::complete), is_exact_v<S>);
}

TYPED_TEST(SupportEnumerationTest, BattleOfTheSexesHasThreeEquilibriaSmallestFirst) {
  using S = TypeParam;
  const auto game = test::battle_of_the_sexes<S>();
  const auto result = support_enumeration(game);
  expect_all_equilibria(game, result);
  ASSERT_EQ(result.equilibria.size(), 3u);
  // The pure ones (support size 1) come before the mixed one.
  EXPECT_EQ(result.equilibria[2](0, 0), S(2) / S(3));
  EXPECT_EQ(result.equilibria[2](1, 0), S(1) / S(3));
  std::set<pure_profile> pure;
  for (std::size_t e = 0; e < 2; ++e)
    for (std::size_t s = 0; s < 2; ++s)
      if (result.equilibria[e](0, s) == S(1))
        for (std::size_t t = 0; t < 2; ++t)
          if (result.equilibria[e](1, t) == S(1)) pure.insert({s, t});
  EXPECT_EQ(pure, (std::set<pure_profile>{{0, 0}, {1, 1}}));
}

TYPED_TEST(SupportEnumerationTest, PrisonersDilemmaHasOnlyMutualDefection) {
  using S = TypeParam;
  const auto game = test::prisoners_dilemma<S>();
  const auto result = support_enumeration(game);
  expect_all_equilibria(game, result);
  ASSERT_EQ(result.equilibria.size(), 1u);
  EXPECT_EQ(result.equilibria[0], mixed_profile<S>::pure({2, 2}, std::vector<std::size_t>{1, 1}));
}

// Von Stengel's degenerate game (Handbook of Game Theory vol. 3, 2002,
// ch. 45, fig. 2.1; also the example in QuantEcon's lrsnash docs). The top
// row has two best responses, so besides the isolated equilibrium
// ((0, 1/3, 2/3), (1/3, 2/3)) there is a segment of equilibria with
// extreme points ((1, 0, 0), (1, 0)) and ((1, 0, 0), (2/3, 1/3)); the
// last has supports of sizes 1 and 2, so a support enumeration that only
// solves square, equal-size systems (as Nashpy's does, whose system is
// square exactly when the supports have equal sizes) cannot find it. We
// find all three, as lrsnash does.
TYPED_TEST(SupportEnumerationTest, DegenerateGameKeepsTheUnequalSupportEquilibrium) {
  using S = TypeParam;
  const auto game = test::bimatrix<S>({{3, 3}, {2, 5}, {0, 6}}, {{3, 3}, {2, 6}, {3, 1}});
  const auto result = support_enumeration(game);
  expect_all_equilibria(game, result);
  EXPECT_TRUE(result.degenerate);
  EXPECT_EQ(lines(result), support_lines_in_scalar<S>(std::set<std::string>{"NE,1,0,0,1,0", "NE,1,0,0,2/3,1/3", "NE,0,1/3,2/3,1/3,2/3"}));
  EXPECT_EQ((result.exact && result.status == run_status::complete), is_exact_v<S>);
}

// The degenerate zero-sum game of Nashpy's "handle degenerate games" page:
// against (1/2, 1/2, 0) the row player may mix rows 2 and 3 in any
// proportion. The equilibria form a segment; its extreme points are what
// we return (lrsnash agrees), not the points between.
TYPED_TEST(SupportEnumerationTest, EquilibriumSegmentIsReturnedByItsExtremePoints) {
  using S = TypeParam;
  const auto game = test::bimatrix<S>({{0, -1, 1}, {-1, 0, 1}, {-1, 0, 1}}, {{0, 1, -1}, {1, 0, -1}, {1, 0, -1}});
  const auto result = support_enumeration(game);
  expect_all_equilibria(game, result);
  EXPECT_TRUE(result.degenerate);
  EXPECT_EQ(lines(result), support_lines_in_scalar<S>(std::set<std::string>{"NE,1/2,1/2,0,1/2,1/2,0", "NE,1/2,0,1/2,1/2,1/2,0"}));
}

TYPED_TEST(SupportEnumerationTest, RockPaperScissorsNeedsFullSupports) {
  using S = TypeParam;
  const auto game = test::bimatrix<S>({{0, -1, 1}, {1, 0, -1}, {-1, 1, 0}}, {{0, 1, -1}, {-1, 0, 1}, {1, -1, 0}});
  const auto result = support_enumeration(game);
  expect_all_equilibria(game, result);
  EXPECT_EQ(lines(result), support_lines_in_scalar<S>(std::set<std::string>{"NE,1/3,1/3,1/3,1/3,1/3,1/3"}));
}

TYPED_TEST(SupportEnumerationTest, ConstantGameHasEveryPureProfileAsExtremeEquilibrium) {
  using S = TypeParam;
  // Every profile is an equilibrium; the extreme ones are the pure ones.
  const auto game = test::bimatrix<S>({{1, 1}, {1, 1}}, {{2, 2}, {2, 2}});
  const auto result = support_enumeration(game);
  expect_all_equilibria(game, result);
  EXPECT_EQ(lines(result), support_lines_in_scalar<S>(std::set<std::string>{"NE,1,0,1,0", "NE,1,0,0,1", "NE,0,1,1,0", "NE,0,1,0,1"}));
  EXPECT_TRUE(result.degenerate);
}

TYPED_TEST(SupportEnumerationTest, NonSquareGamesWork) {
  using S = TypeParam;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    for (const auto& shape : {std::vector<std::size_t>{1, 5}, std::vector<std::size_t>{5, 1},
                              std::vector<std::size_t>{2, 7}, std::vector<std::size_t>{6, 3}}) {
      const auto game = random_game<S>(shape, {.seed = seed, .low = 0, .high = 9});
      const auto result = support_enumeration(game);
      expect_all_equilibria(game, result);
      EXPECT_FALSE(result.equilibria.empty());  // Nash (1951): one exists
      // Every pure equilibrium is an extreme equilibrium.
      std::set<std::string> found = lines(result);
      for (const auto& p : pure_strategy_enumeration(game).equilibria) {
        const auto e = mixed_profile<S>::pure(game.strategy_counts(), p);
        EXPECT_TRUE(found.count(gambit_line("NE", e, {.exact = true}))) << "seed " << seed;
      }
    }
  }
}

TYPED_TEST(SupportEnumerationTest, RandomGamesAreSolvedInBothArithmetics) {
  using S = TypeParam;
  // Wide payoff ranges (nondegenerate in all likelihood) and narrow ones
  // (ties, so degenerate): every answer is an equilibrium, and double
  // agrees with rational.
  for (std::uint64_t seed = 1; seed <= 12; ++seed)
    for (const std::int64_t high : {3, 1000}) {
      const auto game = random_game<S>({5, 6}, {.seed = seed, .low = 0, .high = high});
      const auto result = support_enumeration(game);
      expect_all_equilibria(game, result);
      EXPECT_EQ(result.rejected_candidates, 0u);
      const auto exact = support_enumeration(convert<rational>(game));
      EXPECT_EQ(lines(result), support_lines_in_scalar<S>(lines(exact))) << "seed " << seed << " high " << high;
      EXPECT_TRUE((exact.exact && exact.status == run_status::complete));
    }
}

TEST(SupportRanges, SubsetOfRankFollowsGospersOrder) {
  // Threads search ranges of supports that start at a rank: the unranking
  // must give the support Gosper's hack reaches after that many steps.
  using detail::support_search::strategy_set;
  using detail::support_search::subset_of_rank;
  using detail::support_search::subsets_of_size;
  for (std::size_t s = 1; s <= 12; ++s)
    for (std::size_t k = 1; k <= s; ++k) {
      strategy_set support = (strategy_set{1} << k) - 1;
      std::uint64_t rank = 0;
      for (; support < (strategy_set{1} << s); ++rank) {
        ASSERT_EQ(subset_of_rank(rank, k), support) << "s " << s << " k " << k << " rank " << rank;
        const strategy_set low = support & (~support + 1), ripple = support + low;
        support = (((ripple ^ support) >> 2) / low) | ripple;
      }
      EXPECT_EQ(rank, subsets_of_size(s, k)) << "s " << s << " k " << k;
    }
  EXPECT_EQ(subsets_of_size(64, 32), 1832624140942590534u);
  EXPECT_EQ(subset_of_rank(subsets_of_size(64, 32) - 1, 32), ~strategy_set{0} << 32);
  EXPECT_EQ(subset_of_rank(subsets_of_size(64, 64) - 1, 64), ~strategy_set{0});
  EXPECT_EQ(subsets_of_size(5, 6), 0u);
}

TYPED_TEST(SupportEnumerationTest, TwoThreadsGiveTheSameRunAsOne) {
  using S = TypeParam;
  // The sides of the larger support sizes run in two threads and are met
  // afterwards: same equilibria in the same order, same counts, on
  // nondegenerate and degenerate games, square and not.
  for (std::uint64_t seed = 1; seed <= 4; ++seed)
    for (const auto& [shape, high] : {std::pair{std::vector<std::size_t>{9, 9}, std::int64_t{99}},
                                      std::pair{std::vector<std::size_t>{9, 9}, std::int64_t{2}},
                                      std::pair{std::vector<std::size_t>{8, 11}, std::int64_t{99}}}) {
      const auto game = random_game<S>(shape, {.seed = seed, .low = 0, .high = high});
      const auto one = support_enumeration(game, {.threads = 1});
      EXPECT_FALSE(one.equilibria.empty());
      // Five threads: more than the machine has, and more ranges in flight.
      for (const std::size_t threads : {2, 5}) {
        const auto many = support_enumeration(game, {.threads = threads});
        expect_all_equilibria(game, many);
        EXPECT_EQ(many.equilibria, one.equilibria) << "seed " << seed << " high " << high << " threads " << threads;
        EXPECT_EQ(many.supports_tried, one.supports_tried);
        EXPECT_EQ(many.vertices, one.vertices);
        EXPECT_EQ(many.degenerate, one.degenerate);
        EXPECT_EQ(many.status, run_status::complete);
      }
    }
  // A limit reached in the matching after a two-thread size.
  const auto game = random_game<S>({9, 9}, {.seed = 2, .low = 0, .high = 99});
  const auto all = support_enumeration(game, {.threads = 1});
  ASSERT_GE(all.equilibria.size(), 3u);
  const std::size_t limit = all.equilibria.size() - 1;
  const auto limited = support_enumeration(game, {.max_equilibria = limit, .threads = 2});
  EXPECT_EQ(limited.status, run_status::limit_reached);
  ASSERT_EQ(limited.equilibria.size(), limit);
  for (std::size_t e = 0; e < limit; ++e) EXPECT_EQ(limited.equilibria[e], all.equilibria[e]);
}

TYPED_TEST(SupportEnumerationTest, OptionsLimitReportAndCancel) {
  using S = TypeParam;
  const auto game = test::battle_of_the_sexes<S>();
  std::vector<mixed_profile<S>> seen;
  const auto all = support_enumeration(game, {.on_equilibrium = [&](const mixed_profile<S>& e) { seen.push_back(e); }});
  EXPECT_EQ(seen, all.equilibria);

  const auto one = support_enumeration(game, {.max_equilibria = 1});
  EXPECT_EQ(one.status, run_status::limit_reached);
  ASSERT_EQ(one.equilibria.size(), 1u);
  EXPECT_EQ(one.equilibria[0], all.equilibria[0]);
  EXPECT_FALSE((one.exact && one.status == run_status::complete));

  std::stop_source stop;
  stop.request_stop();
  const auto cancelled = support_enumeration(game, {.stop_token = stop.get_token()});
  EXPECT_EQ(cancelled.status, run_status::cancelled);
  EXPECT_TRUE(cancelled.equilibria.empty());
  EXPECT_FALSE((cancelled.exact && cancelled.status == run_status::complete));

  // Stopping from the callback, in the middle of a run.
  const auto bigger = random_game<S>({8, 8}, {.seed = 3, .low = 0, .high = 99});
  const auto everything = support_enumeration(bigger);
  ASSERT_GT(everything.equilibria.size(), 2u);
  std::stop_source midway;
  const auto interrupted = support_enumeration(
      bigger, {.on_equilibrium = [&](const mixed_profile<S>&) { midway.request_stop(); }, .stop_token = midway.get_token()});
  EXPECT_EQ(interrupted.status, run_status::cancelled);
  EXPECT_GE(interrupted.equilibria.size(), 1u);
  EXPECT_LT(interrupted.equilibria.size(), everything.equilibria.size());
  for (std::size_t e = 0; e < interrupted.equilibria.size(); ++e)
    EXPECT_EQ(interrupted.equilibria[e], everything.equilibria[e]);
}

TYPED_TEST(SupportEnumerationTest, RefusesGamesItCannotSolve) {
  using S = TypeParam;
  EXPECT_THROW((void)support_enumeration(strategic_game<S>({2, 2, 2})), invalid_argument);
  EXPECT_THROW((void)support_enumeration(strategic_game<S>({65, 2})), invalid_argument);
  // One player with one strategy is fine: the other best-responds.
  const auto game = test::bimatrix<S>({{1, 5, 3}}, {{1, 5, 3}});
  const auto result = support_enumeration(game);
  EXPECT_EQ(lines(result), support_lines_in_scalar<S>(std::set<std::string>{"NE,1,0,1,0"}));
}

// Scaling a player's payoffs by a positive number and adding a constant
// changes no equilibrium. Large payoffs take the exact search from 64-bit
// integers to 128-bit ones and then to GMP integers, as the support size
// grows; fractions are brought to integers first.
TEST(SupportEnumeration, ExactSearchIsTheSameWithHugeOrFractionalPayoffs) {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    const auto game = random_game<rational>({6, 6}, {.seed = seed, .low = 0, .high = 20});
    auto huge = game, fractional = game, large = game;
    const rational big = rational(1000000007) * rational(1000000009) * rational(998244353);
    const rational two_to_40 = rational(1099511627776);
    for (std::size_t p = 0; p < game.num_profiles(); ++p) {
      // 64-bit integers for supports of 1 or 2 strategies, 128-bit for 3
      // or 4, GMP beyond.
      large.set_payoff(0, p, game.payoff(0, p) * (two_to_40 + 3));
      large.set_payoff(1, p, game.payoff(1, p) * (two_to_40 - 5) + two_to_40);
      huge.set_payoff(0, p, game.payoff(0, p) * big + rational(-7));
      huge.set_payoff(1, p, game.payoff(1, p) * big * big + rational(12345));
      fractional.set_payoff(0, p, game.payoff(0, p) / rational(7) + rational(1, 3));
      fractional.set_payoff(1, p, game.payoff(1, p) * rational(3, 11));
    }
    const auto expected = lines(support_enumeration(game));
    const auto huge_result = support_enumeration(huge);
    const auto fractional_result = support_enumeration(fractional);
    EXPECT_EQ(lines(huge_result), expected) << "seed " << seed;
    EXPECT_EQ(lines(support_enumeration(large)), expected) << "seed " << seed;
    EXPECT_EQ(lines(fractional_result), expected) << "seed " << seed;
    expect_all_equilibria(huge, huge_result);
    expect_all_equilibria(fractional, fractional_result);
  }
}

/// Independent test of degeneracy by linear programming: some mixed
/// strategy x with support in S (|S| = k) has k + 1 tied best responses T
/// exactly when {x >= 0 on S, sum x = 1, payoffs on T equal to v, others
/// <= v} is feasible (v split as v+ - v-). Both players, every S and T.
bool degenerate_by_linear_programming(const strategic_game<rational>& game) {
  for (std::size_t player = 0; player < 2; ++player) {
    const std::size_t s = game.num_strategies(player), t = game.num_strategies(1 - player);
    const auto opponent = game.payoff_matrix(1 - player);
    const auto payoff = [&](std::size_t mine, std::size_t theirs) {
      const auto i = static_cast<Eigen::Index>(player == 0 ? mine : theirs);
      const auto j = static_cast<Eigen::Index>(player == 0 ? theirs : mine);
      return opponent(i, j);
    };
    for (std::uint64_t support = 1; support < (std::uint64_t{1} << s); ++support) {
      const auto k = static_cast<std::size_t>(std::popcount(support));
      if (k + 1 > t) continue;
      std::vector<std::size_t> rows;
      for (std::size_t i = 0; i < s; ++i)
        if (support >> i & 1) rows.push_back(i);
      for (std::uint64_t ties = 1; ties < (std::uint64_t{1} << t); ++ties) {
        if (static_cast<std::size_t>(std::popcount(ties)) != k + 1) continue;
        detail::linear_program<rational> lp;
        lp.constraints = matrix<rational>::Zero(static_cast<Eigen::Index>(t + 1), static_cast<Eigen::Index>(k + 2));
        lp.bounds = vector<rational>::Zero(static_cast<Eigen::Index>(t + 1));
        lp.objective = vector<rational>::Zero(static_cast<Eigen::Index>(k + 2));
        for (std::size_t j = 0; j < t; ++j) {
          for (std::size_t r = 0; r < k; ++r)
            lp.constraints(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(r)) = payoff(rows[r], j);
          lp.constraints(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(k)) = -1;
          lp.constraints(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(k + 1)) = 1;
          lp.senses.push_back((ties >> j & 1) ? detail::constraint_sense::equal : detail::constraint_sense::less_equal);
        }
        for (std::size_t r = 0; r < k; ++r) lp.constraints(static_cast<Eigen::Index>(t), static_cast<Eigen::Index>(r)) = 1;
        lp.bounds(static_cast<Eigen::Index>(t)) = 1;
        lp.senses.push_back(detail::constraint_sense::equal);
        if (detail::solve_linear_program(lp).status == detail::lp_status::optimal) return true;
      }
    }
  }
  return false;
}

// Gambit's enummixed lists every extreme equilibrium of each two-player
// game in the corpus. Support enumeration finds the same set, in both
// arithmetics, on the nondegenerate games and on the degenerate ones
// alike. Whether each game is degenerate is settled independently by
// linear programming (games up to 6 x 6); the solver's `degenerate` flag
// must never claim degeneracy wrongly.
TEST(SupportEnumeration, CorpusGamesMatchGambitEnummixed) {
  if (!test::corpus_present()) GTEST_SKIP() << "no Gambit corpus at " << test::corpus_dir();
  std::size_t compared = 0, classified = 0, degenerate = 0;
  std::string nondegenerate_games;
  for (const auto& path : test::corpus_games(".nfg")) {
    bool found = false;
    const auto expected = test::expected_lines(path, "enummixed", found);
    if (!found) continue;
    SCOPED_TRACE(path.filename().string());
    const auto game = read_nfg_file(path);
    ASSERT_EQ(game.num_players(), 2u);
    const auto exact = support_enumeration(game);
    expect_all_equilibria(game, exact);
    EXPECT_EQ(lines(exact), expected);
    EXPECT_TRUE((exact.exact && exact.status == run_status::complete));
    const auto as_double = convert<double>(game);
    const auto floating = support_enumeration(as_double);
    expect_all_equilibria(as_double, floating);
    // The double game differs from the exact one where a payoff (like 0.1)
    // has no exact binary value, so its equilibria may differ in the last
    // bits.
    EXPECT_TRUE(close_lines(lines(floating), expected, 1e-12));
    ++compared;
    if (game.num_strategies(0) <= 6 && game.num_strategies(1) <= 6) {
      const bool truly = degenerate_by_linear_programming(game);
      if (exact.degenerate || floating.degenerate) {
        EXPECT_TRUE(truly);
      }
      ++classified;
      if (truly)
        ++degenerate;
      else
        nondegenerate_games += " " + path.stem().string();
    }
  }
  EXPECT_EQ(compared, 38u);
  EXPECT_GE(classified, 30u);
  EXPECT_GT(degenerate, 10u);
  EXPECT_GT(classified - degenerate, 10u);
  std::cout << "[          ] nondegenerate corpus games:" << nondegenerate_games << "\n";
}

/// lrsnash's extreme equilibria for a bimatrix game, as Gambit lines, or
/// nothing when lrsnash is not installed.
std::optional<std::set<std::string>> lrsnash_equilibria(const strategic_game<rational>& game) {
  const std::filesystem::path program = "/usr/bin/lrsnash";
  if (!std::filesystem::exists(program)) return std::nullopt;
  const std::size_t m = game.num_strategies(0), n = game.num_strategies(1);
  const auto input = std::filesystem::temp_directory_path() / ("impasse_lrsnash_" + std::to_string(::getpid()) + ".txt");
  {
    std::ofstream out(input);
    out << m << " " << n << "\n\n";
    for (std::size_t p = 0; p < 2; ++p) {
      const auto a = game.payoff_matrix(p);
      for (Eigen::Index i = 0; i < a.rows(); ++i) {
        for (Eigen::Index j = 0; j < a.cols(); ++j) out << to_fraction_string(a(i, j)) << " ";
        out << "\n";
      }
      out << "\n";
    }
  }
  std::FILE* pipe = ::popen((program.string() + " " + input.string() + " 2>/dev/null").c_str(), "r");
  if (!pipe) return std::nullopt;
  std::string text;
  char buffer[4096];
  while (std::size_t got = std::fread(buffer, 1, sizeof buffer, pipe)) text.append(buffer, got);
  ::pclose(pipe);
  std::filesystem::remove(input);
  // Blocks separated by blank lines: lines "2 y... payoff" then "1 x... payoff";
  // every player-1 line pairs with every player-2 line of its block.
  std::set<std::string> out;
  std::vector<std::vector<std::string>> xs, ys;
  const auto flush = [&] {
    for (const auto& x : xs)
      for (const auto& y : ys) {
        std::string line = "NE";
        for (const auto& v : x) {
          line += ',';
          line += v;
        }
        for (const auto& v : y) {
          line += ',';
          line += v;
        }
        out.insert(line);
      }
    xs.clear();
    ys.clear();
  };
  std::istringstream lines_in(text);
  std::string line;
  while (std::getline(lines_in, line)) {
    std::istringstream words(line);
    std::string tag;
    if (!(words >> tag) || tag[0] == '*') {
      flush();
      continue;
    }
    const std::size_t count = tag == "1" ? m : n;
    std::vector<std::string> values;
    for (std::size_t i = 0; i < count; ++i) {
      std::string v;
      words >> v;
      values.push_back(to_fraction_string(parse_rational(v)));
    }
    (tag == "1" ? xs : ys).push_back(values);
  }
  flush();
  return out;
}

// lrsnash (lexicographic reverse search, Avis et al. 2010) lists every
// extreme equilibrium, degenerate games included. Random games with few
// payoff values are degenerate almost always; the sets must agree.
TEST(SupportEnumeration, DegenerateRandomGamesMatchLrsnash) {
  if (!lrsnash_equilibria(test::matching_pennies<rational>()))
    GTEST_SKIP() << "lrsnash is not installed";
  std::size_t degenerate = 0;
  for (std::uint64_t seed = 1; seed <= 15; ++seed)
    for (const auto& [m, n, high] : {std::tuple{3ul, 3ul, 2l}, std::tuple{4ul, 4ul, 3l}, std::tuple{3ul, 5ul, 2l},
                                     std::tuple{5ul, 5ul, 4l}, std::tuple{6ul, 4ul, 9l}}) {
      const auto game = random_game<rational>({m, n}, {.seed = seed, .low = 0, .high = high});
      const auto result = support_enumeration(game);
      expect_all_equilibria(game, result);
      EXPECT_EQ(lines(result), *lrsnash_equilibria(game)) << m << "x" << n << " seed " << seed;
      degenerate += result.degenerate;
      const auto floating = support_enumeration(convert<double>(game));
      EXPECT_EQ(lines(floating), rounded(lines(result))) << m << "x" << n << " seed " << seed;
    }
  EXPECT_GT(degenerate, 40u);
}

}  // namespace
}  // namespace impasse
