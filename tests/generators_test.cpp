#include <impasse/detail/linear_system.hpp>
#include <impasse/strategic/generators.hpp>
#include <impasse/strategic/pure_equilibria.hpp>
#include <impasse/strategic/regret.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <set>

namespace impasse {
namespace {

/// What regret counts as zero: nothing in rationals, rounding in double.
template <class Scalar>
Scalar regret_tolerance() {
  return is_exact_v<Scalar> ? Scalar(0) : Scalar(1e-12);
}

template <class Scalar>
class GeneratorsTest : public ::testing::Test {};
using Scalars = ::testing::Types<double, rational>;
TYPED_TEST_SUITE(GeneratorsTest, Scalars);

/// Both players' payoffs at (i, j) of a two-player game.
template <class Scalar>
std::pair<Scalar, Scalar> payoffs_at(const strategic_game<Scalar>& game, std::size_t i, std::size_t j) {
  const pure_profile profile{i, j};
  return {game.payoff(0, profile), game.payoff(1, profile)};
}

TEST(Generators, UniformIntegersArePinnedAcrossPlatforms) {
  // mt19937_64's output is fixed by the standard (its 10000th number from the
  // default seed is 9981545732273789042); the mapping to a range is ours.
  std::mt19937_64 standard;
  standard.discard(9999);
  EXPECT_EQ(standard(), 9981545732273789042ULL);
  std::mt19937_64 rng(1);
  std::vector<std::int64_t> drawn;
  for (int k = 0; k < 8; ++k) drawn.push_back(detail::uniform_integer(rng, 0, 9));
  std::mt19937_64 again(1);
  for (int k = 0; k < 8; ++k) EXPECT_EQ(detail::uniform_integer(again, 0, 9), drawn[static_cast<std::size_t>(k)]);
  for (auto x : drawn) EXPECT_TRUE(x >= 0 && x <= 9);
  // The same games on every platform: a few payoffs pinned.
  const auto game = random_zero_sum_game<rational>(3, 3, {.seed = 7, .low = -5, .high = 5});
  std::vector<long> first_row;
  for (std::size_t j = 0; j < 3; ++j) first_row.push_back(game.payoff(0, pure_profile{0, j}).convert_to<long>());
  EXPECT_EQ(first_row, (std::vector<long>{-5, -3, -4}));
}

TYPED_TEST(GeneratorsTest, SameSeedSameGameOtherSeedOtherGame) {
  using S = TypeParam;
  EXPECT_EQ(random_degenerate_game<S>({3, 4}, {.seed = 3}), random_degenerate_game<S>({3, 4}, {.seed = 3}));
  EXPECT_NE(random_degenerate_game<S>({3, 4}, {.seed = 3}), random_degenerate_game<S>({3, 4}, {.seed = 4}));
  EXPECT_EQ(random_zero_sum_game<S>(4, 5, {.seed = 9}), random_zero_sum_game<S>(4, 5, {.seed = 9}));
  EXPECT_NE(random_zero_sum_game<S>(4, 5, {.seed = 9}), random_zero_sum_game<S>(4, 5, {.seed = 10}));
  EXPECT_EQ(unit_vector_game<S>(5, 6, {.seed = 2}), unit_vector_game<S>(5, 6, {.seed = 2}));
  EXPECT_NE(unit_vector_game<S>(5, 6, {.seed = 2}), unit_vector_game<S>(5, 6, {.seed = 3}));
  EXPECT_EQ(ranking_game<S>(6, {.seed = 2}), ranking_game<S>(6, {.seed = 2}));
  EXPECT_NE(ranking_game<S>(6, {.seed = 2}), ranking_game<S>(6, {.seed = 3}));
  // The double game is the rational one rounded.
  EXPECT_EQ(convert<double>(ranking_game<rational>(6, {.seed = 2})), ranking_game<double>(6, {.seed = 2}));
  EXPECT_EQ(convert<double>(savani_von_stengel_game<rational>(6)), savani_von_stengel_game<double>(6));
}

TYPED_TEST(GeneratorsTest, DegenerateGamesHaveFewPayoffsAndManyTies) {
  using S = TypeParam;
  const auto game = random_degenerate_game<S>({6, 5}, {.seed = 11, .max_payoff = 2});
  std::set<S> values;
  for (std::size_t p = 0; p < game.num_profiles(); ++p)
    for (std::size_t i = 0; i < 2; ++i) values.insert(game.payoff(i, p));
  EXPECT_EQ(values, (std::set<S>{S(0), S(1), S(2)}));
  EXPECT_NE(game.title().find("0..2"), std::string::npos);
  EXPECT_THROW((void)random_degenerate_game<S>({2, 2}, {.max_payoff = -1}), invalid_argument);
}

TYPED_TEST(GeneratorsTest, CoordinationGameHasTwoToTheNMinusOneEquilibria) {
  using S = TypeParam;
  for (std::size_t n = 1; n <= 5; ++n) {
    const auto game = coordination_game<S>(n);
    EXPECT_EQ(game.strategy_counts(), (std::vector<std::size_t>{n, n}));
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) EXPECT_EQ(payoffs_at(game, i, j), std::pair(S(i == j), S(i == j)));
    // The pure equilibria are the n diagonal profiles...
    EXPECT_EQ(pure_strategy_enumeration(game).equilibria.size(), n);
    // ...and for each of the 2^n - 1 non-empty sets of strategies, both
    // mixing uniformly over it is an equilibrium.
    for (std::size_t set = 1; set < (std::size_t{1} << n); ++set) {
      mixed_profile<S> profile({n, n});
      const auto size = static_cast<long>(std::popcount(set));
      for (std::size_t s = 0; s < n; ++s)
        if (set >> s & 1) profile(0, s) = profile(1, s) = S(1) / S(size);
      EXPECT_LE(max_regret(game, profile), regret_tolerance<S>()) << "set " << set;
    }
    if (n >= 2) {  // mismatched supports are not
      mixed_profile<S> mismatch({n, n});
      mismatch(0, 0) = mismatch(1, 1) = S(1);
      EXPECT_GT(max_regret(game, mismatch), S(0));
    }
  }
  EXPECT_THROW((void)coordination_game<S>(0), invalid_argument);
  EXPECT_THROW((void)coordination_game<S>(std::size_t{1} << 20), invalid_argument);  // 2^41 payoffs
}

TYPED_TEST(GeneratorsTest, ZeroSumGamesSumToZero) {
  using S = TypeParam;
  const auto game = random_zero_sum_game<S>(4, 7, {.seed = 5, .low = -20, .high = 20});
  EXPECT_EQ(game.strategy_counts(), (std::vector<std::size_t>{4, 7}));
  bool some_nonzero = false;
  for (std::size_t p = 0; p < game.num_profiles(); ++p) {
    EXPECT_EQ(game.payoff(0, p) + game.payoff(1, p), S(0));
    EXPECT_TRUE(game.payoff(0, p) >= S(-20) && game.payoff(0, p) <= S(20));
    some_nonzero |= game.payoff(0, p) != S(0);
  }
  EXPECT_TRUE(some_nonzero);
  EXPECT_THROW((void)random_zero_sum_game<S>(0, 3), invalid_argument);
  EXPECT_THROW((void)random_zero_sum_game<S>(2, 3, {.low = 3, .high = 2}), invalid_argument);
}

TYPED_TEST(GeneratorsTest, SandholmGilpinConitzerGameHasItsUniqueEquilibrium) {
  using S = TypeParam;
  for (std::size_t k = 2; k <= 5; ++k) {
    const auto game = sandholm_gilpin_conitzer_game<S>(k);
    const std::size_t n = 4 * k - 1, cycle = 2 * k - 1;
    ASSERT_EQ(game.strategy_counts(), (std::vector<std::size_t>{n, n}));
    for (std::size_t p = 0; p < game.num_profiles(); ++p)
      for (std::size_t i = 0; i < 2; ++i) {
        const S& x = game.payoff(i, p);
        EXPECT_TRUE(x == S(0) || x == S(2) || x == S(3) || x == S(4));
      }
    // Both uniform over the cycle: payoff 3 each, nothing better.
    mixed_profile<S> profile({n, n});
    for (std::size_t s = 0; s < cycle; ++s) profile(0, s) = profile(1, s) = S(1) / S(static_cast<long>(cycle));
    EXPECT_LE(max_regret(game, profile), regret_tolerance<S>());
    EXPECT_NEAR(scalar_cast<double>(expected_payoff(game, profile, 0)), 3.0, 1e-12);
    EXPECT_NEAR(scalar_cast<double>(expected_payoff(game, profile, 1)), 3.0, 1e-12);
    // It is the only equilibrium, so in particular there is no pure one.
    EXPECT_TRUE(pure_strategy_enumeration(game).equilibria.empty());
    // In the cycle, strategy i beats i - 1 for whoever plays it.
    EXPECT_EQ(payoffs_at(game, 1, 0), std::pair(S(4), S(2)));
    EXPECT_EQ(payoffs_at(game, 0, 1), std::pair(S(2), S(4)));
    EXPECT_EQ(payoffs_at(game, 0, cycle - 1), std::pair(S(4), S(2)));
  }
  EXPECT_THROW((void)sandholm_gilpin_conitzer_game<S>(1), invalid_argument);
  EXPECT_THROW((void)sandholm_gilpin_conitzer_game<S>(std::size_t{1} << 62), invalid_argument);
}

TYPED_TEST(GeneratorsTest, UnitVectorGameColumnsAreUnitVectors) {
  using S = TypeParam;
  const auto game = unit_vector_game<S>(5, 8, {.seed = 4, .low = 0, .high = 9});
  for (std::size_t j = 0; j < 8; ++j) {
    std::size_t ones = 0;
    for (std::size_t i = 0; i < 5; ++i) {
      const auto [a, b] = payoffs_at(game, i, j);
      EXPECT_TRUE(a == S(0) || a == S(1));
      ones += a == S(1);
      EXPECT_TRUE(b >= S(0) && b <= S(9));
    }
    EXPECT_EQ(ones, 1u) << "column " << j;
  }
  EXPECT_THROW((void)unit_vector_game<S>(3, 0), invalid_argument);
  EXPECT_THROW((void)unit_vector_game<S>(std::size_t{1} << 40, std::size_t{1} << 40), invalid_argument);
}

/// Gale's evenness condition on a cyclic string of 2d bits with d ones:
/// every maximal run of ones has even length.
bool gale_even(const std::vector<bool>& bits) {
  const std::size_t n = bits.size();
  const auto zero = std::find(bits.begin(), bits.end(), false);
  if (zero == bits.end()) return true;
  std::size_t run = 0;
  const auto start = static_cast<std::size_t>(zero - bits.begin());
  for (std::size_t k = 1; k <= n; ++k) {
    if (bits[(start + k) % n]) {
      ++run;
    } else {
      if (run % 2) return false;
      run = 0;
    }
  }
  return true;
}

TEST(Generators, SavaniVonStengelGameRealisesDualCyclicPolytopes) {
  // Every set of d facets of either best-response polytope (payoffs shifted
  // to be positive) is a vertex exactly when it satisfies Gale's evenness
  // condition along the cyclic order of the construction.
  for (std::size_t d : {2u, 4u, 6u}) {
    SCOPED_TRACE(d);
    const auto game = savani_von_stengel_game<rational>(d);
    ASSERT_EQ(game.strategy_counts(), (std::vector<std::size_t>{d, d}));
    const auto label = detail::savani_von_stengel_labels(d);
    EXPECT_EQ(std::set<std::size_t>(label.begin(), label.end()).size(), 2 * d);
    for (std::size_t player = 0; player < 2; ++player) {
      // The polytope of `player`'s strategy u: u >= 0 and M^T u <= 1, where M
      // holds the other player's payoffs (player 2's for x, player 1's for y).
      matrix<rational> m = game.payoff_matrix(1 - player);
      if (player == 1) m.transposeInPlace();  // rows: y's coordinates
      const rational least = m.minCoeff();
      m.array() += 1 - least;
      // Facet at position k: a coordinate (u_c >= 0) or a constraint (column c of M).
      const auto facet = [&](std::size_t k) {
        const std::size_t l = player == 0 ? k : label[k];
        const bool coordinate = player == 0 ? l < d : l >= d;
        return std::pair(coordinate, player == 0 ? l % d : (coordinate ? l - d : l));
      };
      std::size_t vertices = 0;
      for (std::size_t set = 0; set < (std::size_t{1} << (2 * d)); ++set) {
        if (static_cast<std::size_t>(std::popcount(set)) != d) continue;
        std::vector<bool> bits(2 * d);
        matrix<rational> system = matrix<rational>::Zero(static_cast<Eigen::Index>(d), static_cast<Eigen::Index>(d));
        vector<rational> rhs = vector<rational>::Zero(static_cast<Eigen::Index>(d));
        Eigen::Index row = 0;
        for (std::size_t k = 0; k < 2 * d; ++k) {
          if (!(set >> k & 1)) continue;
          bits[k] = true;
          const auto [coordinate, c] = facet(k);
          if (coordinate) {
            system(row, static_cast<Eigen::Index>(c)) = 1;
          } else {
            system.row(row) = m.col(static_cast<Eigen::Index>(c)).transpose();
            rhs(row) = 1;
          }
          ++row;
        }
        bool vertex = false;
        if (const auto u = detail::solve_square(system, rhs)) {
          // A vertex with exactly these facets tight: every other facet strictly slack.
          vertex = true;
          for (std::size_t k = 0; k < 2 * d && vertex; ++k) {
            if (bits[k]) continue;
            const auto [coordinate, c] = facet(k);
            const rational slack = coordinate ? (*u)(static_cast<Eigen::Index>(c))
                                              : 1 - m.col(static_cast<Eigen::Index>(c)).dot(*u);
            vertex = slack > 0;
          }
        }
        EXPECT_EQ(vertex, gale_even(bits)) << "player " << player << ", facets " << set;
        vertices += vertex;
      }
      // As many as the cyclic polytope with 2d vertices in dimension d has
      // facets: 2d / (2d - d/2) * C(2d - d/2, d/2) = 4, 20, 112.
      EXPECT_EQ(vertices, d == 2 ? 4u : d == 4 ? 20u : 112u);
    }
  }
  EXPECT_THROW((void)savani_von_stengel_game<rational>(3), invalid_argument);
  EXPECT_THROW((void)savani_von_stengel_game<double>(0), invalid_argument);
}

TYPED_TEST(GeneratorsTest, RankingGamePaysThePrizeMinusTheCost) {
  using S = TypeParam;
  const std::size_t n = 7;
  const auto game = ranking_game<rational>(n, {.seed = 5, .steps = 10});
  const auto a = game.payoff_matrix(0), b = game.payoff_matrix(1);
  // Effort 0 is free: a(0, j) and b(i, 0) are prize shares only.
  const auto share = [](const rational& x) { return x == 0 || x == rational(1, 2) || x == 1; };
  std::vector<rational> cost_row(n), cost_column(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto r = static_cast<Eigen::Index>(i);
    EXPECT_TRUE(share(a(0, r)) && share(b(r, 0)));
    cost_row[i] = 1 - a(r, 0) - b(r, 0);  // the prizes at a profile sum to 1
    cost_column[i] = 1 - a(0, r) - b(0, r);
  }
  for (std::size_t e = 1; e < n; ++e) {  // costs grow with effort, by at most steps / (n steps)
    EXPECT_GT(cost_row[e], cost_row[e - 1]);
    EXPECT_GT(cost_column[e], cost_column[e - 1]);
    EXPECT_LE(cost_row[e] - cost_row[e - 1], rational(1, static_cast<long>(n)));
  }
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      const auto r = static_cast<Eigen::Index>(i), c = static_cast<Eigen::Index>(j);
      EXPECT_TRUE(share(a(r, c) + cost_row[i]));
      EXPECT_EQ(a(r, c) + b(r, c), 1 - cost_row[i] - cost_column[j]);
    }
  // The scores grow with effort, so the prize only moves towards more effort.
  for (Eigen::Index i = 1; i < static_cast<Eigen::Index>(n); ++i)
    for (Eigen::Index j = 0; j < static_cast<Eigen::Index>(n); ++j)
      EXPECT_GE(a(i, j) + cost_row[static_cast<std::size_t>(i)],
                a(i - 1, j) + cost_row[static_cast<std::size_t>(i - 1)]);
  EXPECT_THROW((void)ranking_game<S>(0), invalid_argument);
  EXPECT_THROW((void)ranking_game<S>(3, {.steps = 0}), invalid_argument);
}

/// C(n, k) for small numbers.
std::size_t binomial(std::size_t n, std::size_t k) {
  std::size_t out = 1;
  for (std::size_t i = 1; i <= k; ++i) out = out * (n - k + i) / i;
  return out;
}

TYPED_TEST(GeneratorsTest, ColonelBlottoStrategiesAreTheAllocations) {
  using S = TypeParam;
  for (std::size_t fields = 1; fields <= 4; ++fields)
    for (std::size_t soldiers = 0; soldiers <= 6; ++soldiers) {
      const auto game = colonel_blotto_game<S>(fields, soldiers);
      const std::size_t count = binomial(soldiers + fields - 1, fields - 1);
      ASSERT_EQ(game.strategy_counts(), (std::vector<std::size_t>{count, count}));
      std::set<std::string> labels;
      for (std::size_t s = 0; s < count; ++s) labels.insert(game.strategy_label(0, s));
      EXPECT_EQ(labels.size(), count);  // all different allocations
      for (std::size_t i = 0; i < count; ++i)
        for (std::size_t j = 0; j < count; ++j) {
          const auto [a, b] = payoffs_at(game, i, j);
          EXPECT_EQ(a + b, S(0));
          EXPECT_EQ(a, -payoffs_at(game, j, i).first);  // symmetric and zero-sum
          EXPECT_TRUE(a >= -S(static_cast<long>(fields)) && a <= S(static_cast<long>(fields)));
        }
    }
  const auto game = colonel_blotto_game<S>(3, 3);
  EXPECT_EQ(game.strategy_label(0, 0), "3-0-0");
  std::size_t spread = 0;
  while (game.strategy_label(0, spread) != "1-1-1") ++spread;
  EXPECT_EQ(payoffs_at(game, 0, spread).first, S(-1));  // wins one battlefield, loses two
  const auto uneven = colonel_blotto_game<S>(2, 3, 1);
  EXPECT_EQ(uneven.strategy_counts(), (std::vector<std::size_t>{4, 2}));
  EXPECT_EQ(payoffs_at(uneven, 0, 0).first, S(1));  // 3-0 against 1-0: one won, one tied
  EXPECT_EQ(payoffs_at(uneven, 3, 0).first, S(0));  // 0-3 against 1-0: one lost, one won
  EXPECT_THROW((void)colonel_blotto_game<S>(0, 3), invalid_argument);
  EXPECT_THROW((void)colonel_blotto_game<S>(20, 40), invalid_argument);
}

}  // namespace
}  // namespace impasse
