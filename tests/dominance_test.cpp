#include <impasse/io/equilibrium_output.hpp>
#include <impasse/io/nfg.hpp>
#include <impasse/strategic/dominance.hpp>
#include <impasse/strategic/generators.hpp>
#include <impasse/strategic/pure_equilibria.hpp>
#include <impasse/strategic/support_enumeration.hpp>
#include <impasse/strategic/vertex_enumeration.hpp>

#include "corpus.hpp"
#include "test_games.hpp"

#include <gtest/gtest.h>

#include <array>
#include <set>
#include <string>

namespace impasse {
namespace {

template <class Scalar>
class DominanceTest : public ::testing::Test {};
using Scalars = ::testing::Types<double, rational>;
TYPED_TEST_SUITE(DominanceTest, Scalars);

TYPED_TEST(DominanceTest, PrisonersDilemmaSolvesByDominance) {
  using S = TypeParam;
  const auto result = iterated_strict_dominance(test::prisoners_dilemma<S>());
  EXPECT_EQ(result.game.strategy_counts(), (std::vector<std::size_t>{1, 1}));
  EXPECT_EQ(result.original_strategies, (std::vector<std::vector<std::size_t>>{{1}, {1}}));
  EXPECT_EQ(result.rounds, 1u);
}

TYPED_TEST(DominanceTest, IteratesUntilNothingIsDominated) {
  using S = TypeParam;
  // Textbook chain (Gibbons, Fig. 1.1.1): Right is dominated by Middle for
  // the column player; then Down is dominated by Up; then Left by Middle.
  const auto game = test::bimatrix<S>({{1, 1, 0}, {0, 0, 2}}, {{0, 2, 1}, {3, 1, 0}});
  const auto result = iterated_strict_dominance(game);
  EXPECT_EQ(result.original_strategies, (std::vector<std::vector<std::size_t>>{{0}, {1}}));
  EXPECT_EQ(result.rounds, 3u);
  EXPECT_EQ(result.game.payoff(0, 0), S(1));
  EXPECT_EQ(result.game.payoff(1, 0), S(2));
  EXPECT_EQ(result.game.strategy_label(1, 0), "2");
}

TYPED_TEST(DominanceTest, WeakDominanceIsNotStrict) {
  using S = TypeParam;
  // Down is only weakly dominated by Up: it stays.
  const auto game = test::bimatrix<S>({{1, 1}, {1, 0}}, {{0, 0}, {0, 0}});
  const auto result = iterated_strict_dominance(game);
  EXPECT_EQ(result.game.strategy_counts(), (std::vector<std::size_t>{2, 2}));
  EXPECT_EQ(result.rounds, 0u);
}

/// The pure equilibria of what is left, mapped back, are those of the game.
template <class Scalar>
void expect_same_pure_equilibria(const strategy_reduction<Scalar>& reduced, const strategic_game<Scalar>& game,
                                 std::uint64_t seed) {
  std::vector<pure_profile> mapped;
  for (const auto& e : pure_strategy_enumeration(reduced.game).equilibria) {
    pure_profile original(e.size());
    for (std::size_t i = 0; i < e.size(); ++i) original[i] = reduced.original_strategies[i][e[i]];
    mapped.push_back(original);
  }
  std::sort(mapped.begin(), mapped.end());
  auto direct = pure_strategy_enumeration(game).equilibria;
  std::sort(direct.begin(), direct.end());
  EXPECT_EQ(mapped, direct) << "seed " << seed;
}

TYPED_TEST(DominanceTest, KeepsEveryPureEquilibrium) {
  using S = TypeParam;
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    const auto game = random_game<S>({4, 3, 3}, {.seed = seed, .low = 0, .high = 9});
    const auto reduced = iterated_strict_dominance(game);
    expect_same_pure_equilibria(reduced, game, seed);
  }
}

TYPED_TEST(DominanceTest, MixtureDominatesWhereNoPureStrategyDoes) {
  using S = TypeParam;
  // Bottom (1, 1) is beaten by the 50-50 mixture of Top (3, 0) and Middle
  // (0, 3), which pays 3/2 against either column, but by neither alone.
  const auto game = test::bimatrix<S>({{3, 0}, {0, 3}, {1, 1}}, {{1, 0}, {0, 1}, {1, 0}});
  const auto pure = iterated_strict_dominance(game);
  EXPECT_EQ(pure.rounds, 0u);
  EXPECT_EQ(pure.linear_programs, 0u);
  const auto mixed = iterated_strict_dominance(game, {.by_mixed_strategies = true});
  EXPECT_EQ(mixed.original_strategies, (std::vector<std::vector<std::size_t>>{{0, 1}, {0, 1}}));
  EXPECT_EQ(mixed.rounds, 1u);
  EXPECT_GT(mixed.linear_programs, 0u);
  // A tie is not strict: at (3/2, 3/2) Bottom stays.
  const auto tie = test::bimatrix<S>({{3, 0}, {0, 3}, {3, 3}}, {{1, 0}, {0, 1}, {1, 0}});
  const auto untouched = iterated_strict_dominance(tie, {.by_mixed_strategies = true});
  EXPECT_EQ(untouched.game.strategy_counts(), (std::vector<std::size_t>{3, 2}));
  const auto weak = test::bimatrix<S>({{2, 0}, {0, 2}, {1, 1}}, {{1, 0}, {0, 1}, {1, 0}});
  EXPECT_EQ(iterated_strict_dominance(weak, {.by_mixed_strategies = true}).game.strategy_counts(),
            (std::vector<std::size_t>{3, 2}));
}

TYPED_TEST(DominanceTest, MixtureDominanceAgainstEveryProfileOfTwoOthers) {
  using S = TypeParam;
  // Player 1's third strategy pays 1 against each of the four profiles of
  // players 2 and 3; the mixture of the first two pays 3/2 everywhere.
  strategic_game<S> game({3, 2, 2});
  const int payoffs[3][4] = {{3, 0, 3, 0}, {0, 3, 0, 3}, {1, 1, 1, 1}};
  for (std::size_t o = 0; o < 4; ++o)
    for (std::size_t s = 0; s < 3; ++s) {
      const std::vector<std::size_t> profile{s, o % 2, o / 2};
      game.set_payoff(0, profile, S(payoffs[s][o]));
    }
  EXPECT_EQ(iterated_strict_dominance(game).rounds, 0u);
  const auto mixed = iterated_strict_dominance(game, {.by_mixed_strategies = true});
  EXPECT_EQ(mixed.original_strategies, (std::vector<std::vector<std::size_t>>{{0, 1}, {0, 1}, {0, 1}}));
}

/// The extreme equilibria of the reduced game, as profiles of the input
/// game (zero on the removed strategies), as exact lines.
template <class Scalar>
std::set<std::string> equilibria_in_input(const strategy_reduction<Scalar>& reduced, const strategic_game<Scalar>& input) {
  std::set<std::string> out;
  for (const auto& e : support_enumeration(reduced.game).equilibria) {
    mixed_profile<Scalar> full(input.strategy_counts());
    for (std::size_t i = 0; i < 2; ++i)
      for (std::size_t s = 0; s < e.num_strategies(i); ++s) full(i, reduced.original_strategies[i][s]) = e(i, s);
    out.insert(gambit_line("NE", full, {.exact = true}));
  }
  return out;
}

template <class Scalar>
std::set<std::string> equilibria_lines(const strategic_game<Scalar>& game) {
  std::set<std::string> out;
  for (const auto& e : support_enumeration(game).equilibria) out.insert(gambit_line("NE", e, {.exact = true}));
  return out;
}

// Gambit's two "games needing mixed domination": pure domination leaves
// them larger than mixed domination does, and the equilibria of what is
// left are the equilibria of the game (Gambit's enummixed answer).
TEST(Dominance, CorpusGamesNeedingMixedDomination) {
  if (!test::corpus_present()) GTEST_SKIP() << "no Gambit corpus at " << test::corpus_dir();
  for (const std::string name : {"contrib-mixdom.nfg", "contrib-mixdom2.nfg"}) {
    SCOPED_TRACE(name);
    const auto path = test::corpus_dir() / "gambit" / name;
    const auto game = read_nfg_file(path);
    const auto pure = iterated_strict_dominance(game);
    const auto mixed = iterated_strict_dominance(game, {.by_mixed_strategies = true});
    EXPECT_LT(mixed.game.num_profiles(), pure.game.num_profiles());
    bool found = false;
    const auto expected = test::expected_lines(path, "enummixed", found);
    ASSERT_TRUE(found);
    EXPECT_EQ(equilibria_in_input(mixed, game), expected);
    EXPECT_EQ(equilibria_in_input(pure, game), expected);
    const auto as_double = convert<double>(game);
    const auto mixed_double = iterated_strict_dominance(as_double, {.by_mixed_strategies = true});
    EXPECT_EQ(mixed_double.original_strategies, mixed.original_strategies);
    // Without exact programs the floating ones' certificates suffice here.
    const auto certified = iterated_strict_dominance(game, {.by_mixed_strategies = true, .retry_exactly = false});
    EXPECT_EQ(certified.original_strategies, mixed.original_strategies);
  }
  // mixdom solves completely: the pure equilibrium (3, 2) is all that is left.
  const auto mixdom = iterated_strict_dominance(read_nfg_file(test::corpus_dir() / "gambit" / "contrib-mixdom.nfg"),
                                                {.by_mixed_strategies = true});
  EXPECT_EQ(mixdom.original_strategies, (std::vector<std::vector<std::size_t>>{{2}, {1}}));
}

TYPED_TEST(DominanceTest, MixedEliminationKeepsEveryEquilibrium) {
  using S = TypeParam;
  std::size_t removed = 0;
  for (std::uint64_t seed = 1; seed <= 25; ++seed) {
    const auto game = random_game<S>({5, 5}, {.seed = seed, .low = 0, .high = 9});
    const auto reduced = iterated_strict_dominance(game, {.by_mixed_strategies = true});
    removed += 10 - reduced.game.strategy_counts()[0] - reduced.game.strategy_counts()[1];
    EXPECT_EQ(equilibria_in_input(reduced, game), equilibria_lines(game)) << "seed " << seed;
    // At least as much goes as with pure domination alone.
    EXPECT_LE(reduced.game.num_profiles(), iterated_strict_dominance(game).game.num_profiles());
  }
  EXPECT_GT(removed, 25u);
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const auto game = random_game<S>({4, 3, 3}, {.seed = seed, .low = 0, .high = 9});
    const auto reduced = iterated_strict_dominance(game, {.by_mixed_strategies = true});
    expect_same_pure_equilibria(reduced, game, seed);
  }
}

// Without the exact fallback, every removal is still proved exactly: the
// equilibria survive, and nothing is removed that the exact run keeps.
TEST(Dominance, CertifiedRemovalsAreASubsetOfTheExactOnes) {
  for (std::uint64_t seed = 1; seed <= 25; ++seed) {
    const auto game = random_degenerate_game<rational>({6, 5}, {.seed = seed, .max_payoff = 3});
    const auto exact = iterated_strict_dominance(game, {.by_mixed_strategies = true});
    const auto certified = iterated_strict_dominance(game, {.by_mixed_strategies = true, .retry_exactly = false});
    for (std::size_t i = 0; i < 2; ++i)
      EXPECT_TRUE(std::includes(certified.original_strategies[i].begin(), certified.original_strategies[i].end(),
                                exact.original_strategies[i].begin(), exact.original_strategies[i].end()))
          << "seed " << seed;
    // The extreme equilibria of what is left are those of the game.
    std::set<std::string> kept, all;
    for (const auto& e : vertex_enumeration(certified.game).equilibria) {
      mixed_profile<rational> full(game.strategy_counts());
      for (std::size_t i = 0; i < 2; ++i)
        for (std::size_t s = 0; s < e.num_strategies(i); ++s) full(i, certified.original_strategies[i][s]) = e(i, s);
      kept.insert(gambit_line("NE", full, {.exact = true}));
    }
    for (const auto& e : vertex_enumeration(game).equilibria) all.insert(gambit_line("NE", e, {.exact = true}));
    EXPECT_EQ(kept, all) << "seed " << seed;
  }
}

TYPED_TEST(DominanceTest, PayoffEquivalentStrategiesAreMergedIntoTheFirst) {
  using S = TypeParam;
  // Rows 1 and 3 pay both players the same; row 2 pays the row player the
  // same as row 1 but the column player differently, so it stays. Columns
  // 1 and 2 are equivalent.
  const auto game = test::bimatrix<S>({{1, 1, 0}, {1, 1, 0}, {1, 1, 0}}, {{2, 2, 3}, {0, 0, 3}, {2, 2, 3}});
  const auto merged = remove_payoff_equivalent_strategies(game);
  EXPECT_EQ(merged.original_strategies, (std::vector<std::vector<std::size_t>>{{0, 1}, {0, 2}}));
  EXPECT_EQ(merged.rounds, 1u);
  EXPECT_EQ(merged.game.strategy_counts(), (std::vector<std::size_t>{2, 2}));
  EXPECT_EQ(merged.game.strategy_label(0, 1), game.strategy_label(0, 1));
  EXPECT_EQ(detail::payoff_equivalence_classes(game, 0), (std::vector<std::vector<std::size_t>>{{0, 2}, {1}}));
  const auto none = remove_payoff_equivalent_strategies(test::battle_of_the_sexes<S>());
  EXPECT_EQ(none.rounds, 0u);
  EXPECT_EQ(none.game, test::battle_of_the_sexes<S>());
}

TEST(DominanceDegenerate, MixtureProgramsInDoubleAgreeWithTheExactOnes) {
  // Payoffs 0..2, with row 3 the average of rows 1 and 2 (weakly but not
  // strictly dominated by their mixture: that program's optimum is exactly
  // 1) or that average lowered by 1/2 (strictly dominated): degenerate
  // programs, whose double optimum must be the exact one and whose
  // verdicts must agree.
  std::size_t dominated = 0;
  for (unsigned seed = 1; seed <= 12; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const std::size_t n = 8 + seed % 5 * 3;
    auto exact_game = random_degenerate_game<rational>({n, n}, {.seed = seed});
    for (std::size_t o = 0; o < n; ++o) {
      const auto from = [&](std::size_t s) { return exact_game.payoff(0, exact_game.profile_index(std::array<std::size_t, 2>{s, o})); };
      rational average = (from(0) + from(1)) / 2;
      if (seed % 2 == 0) average -= rational(1, 2);
      exact_game.set_payoff(0, exact_game.profile_index(std::array<std::size_t, 2>{2, o}), average);
    }
    const auto game = convert<double>(exact_game);
    const auto payoffs = detail::payoffs_against_others(exact_game, 0);
    for (Eigen::Index s = 0; s < payoffs.rows(); ++s) {
      std::vector<Eigen::Index> others;
      const auto approximate = detail::domination_program<double>(payoffs, s, others);
      const auto exact = detail::domination_program<rational>(payoffs, s, others);
      ASSERT_EQ(exact.status, detail::lp_status::optimal);
      ASSERT_EQ(approximate.status, detail::lp_status::optimal);
      EXPECT_EQ(approximate.restarts, 0u);
      EXPECT_NEAR(approximate.value, scalar_cast<double>(exact.value), 1e-9) << "strategy " << s;
    }
    const auto in_double = iterated_strict_dominance(game, {.by_mixed_strategies = true});
    const auto in_rationals = iterated_strict_dominance(exact_game, {.by_mixed_strategies = true});
    EXPECT_EQ(in_double.original_strategies, in_rationals.original_strategies);
    dominated += n - in_rationals.original_strategies[0].size();
  }
  EXPECT_GT(dominated, 3u);
}

}  // namespace
}  // namespace impasse
