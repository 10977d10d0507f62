// Payoffs near the largest double (1.8e308), where the spread of the
// payoffs, expected payoffs and their differences overflow in double, and
// subnormal payoffs (below 2.2e-308), where they lose their digits. The
// same games scaled down by a power of two (an exact scaling, which changes
// no equilibrium) are the reference: every solver must give the same
// answer on both, or fail saying so, never accept every profile.
#include <impasse/strategic/generators.hpp>
#include <impasse/strategic/global_newton.hpp>
#include <impasse/strategic/lemke_howson.hpp>
#include <impasse/strategic/logit_qre.hpp>
#include <impasse/strategic/polymatrix_approximation.hpp>
#include <impasse/strategic/polynomial_enumeration.hpp>
#include <impasse/strategic/pure_equilibria.hpp>
#include <impasse/strategic/regret.hpp>
#include <impasse/strategic/simplicial_subdivision.hpp>
#include <impasse/strategic/support_enumeration.hpp>
#include <impasse/strategic/zero_sum.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace impasse {
namespace extreme_payoffs {

/// A seeded random game with integer payoffs from -50 to 49 times 2^shift:
/// at shift 1018 they reach -1.56 * 2^1023 and their spread 1.55 * 2^1024,
/// beyond the largest double (1.99 * 2^1023).
strategic_game<double> centred_random_game(const std::vector<std::size_t>& counts, std::uint64_t seed, int shift) {
  auto game = random_game<double>(counts, {.seed = seed});
  for (std::size_t i = 0; i < game.num_players(); ++i)
    for (std::size_t p = 0; p < game.num_profiles(); ++p)
      game.set_payoff(i, p, std::ldexp(game.payoff(i, p) - 50, shift));
  return game;
}

/// Whether every profile of `found` is within 1e-7 of one in `expected`,
/// and the other way round.
template <class Profiles>
bool same_profiles(const Profiles& found, const Profiles& expected) {
  const auto near = [](const auto& a, const auto& b) {
    for (std::size_t k = 0; k < a.flat().size(); ++k)
      if (std::abs(scalar_cast<double>(a.flat()[k]) - scalar_cast<double>(b.flat()[k])) > 1e-7) return false;
    return true;
  };
  const auto covered = [&](const Profiles& from, const Profiles& in) {
    for (const auto& a : from) {
      bool any = false;
      for (const auto& b : in) any = any || near(a, b);
      if (!any) return false;
    }
    return true;
  };
  return covered(found, expected) && covered(expected, found);
}

TEST(extreme_payoffs, the_payoff_range_stays_finite_and_regrets_positive) {
  const auto huge = centred_random_game({3, 3}, 4, 1018);
  EXPECT_EQ(payoff_range(huge), std::numeric_limits<double>::max());
  // Every pure profile that is not an equilibrium keeps a positive relative
  // regret (an infinite range made them all 0); an equilibrium's is 0.
  const auto unit = centred_random_game({3, 3}, 4, 0);
  const auto equilibria = pure_strategy_enumeration(unit).equilibria;
  ASSERT_LT(equilibria.size(), 9u);
  for (std::size_t a = 0; a < 3; ++a)
    for (std::size_t b = 0; b < 3; ++b) {
      const pure_profile profile{a, b};
      const bool equilibrium = std::find(equilibria.begin(), equilibria.end(), profile) != equilibria.end();
      if (equilibrium) {
        EXPECT_EQ(relative_regret(huge, profile), 0.0);
      } else {
        EXPECT_GT(relative_regret(huge, profile), 1e-3) << a << ", " << b;
      }
    }
}

TEST(extreme_payoffs, pure_equilibria_are_those_of_the_scaled_game) {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const auto unit = pure_strategy_enumeration(centred_random_game({3, 3, 2}, seed, 0));
    const auto huge = pure_strategy_enumeration(centred_random_game({3, 3, 2}, seed, 1018));
    EXPECT_EQ(huge.equilibria, unit.equilibria) << "seed " << seed;
  }
}

// Near the largest double (shift 1018) and among subnormal numbers (shift
// -1070, where the payoffs, integers below 2^6 times 2^-1070, are still
// exact).
TEST(extreme_payoffs, nplayer_solvers_answer_as_on_the_scaled_game) {
  const auto unit = centred_random_game({2, 2, 2}, 3, 0);
  const auto unit_exact = convert<rational>(unit);
  const auto enumerated = polynomial_enumeration(unit);
  ASSERT_EQ(enumerated.status, run_status::complete);
  ASSERT_FALSE(enumerated.equilibria.empty());
  const auto newton = global_newton(unit);
  ASSERT_FALSE(newton.equilibria.empty());
  const auto polymatrix = polymatrix_approximation(unit);
  ASSERT_FALSE(polymatrix.equilibria.empty());
  const auto subdivided = simplicial_subdivision(unit_exact);
  ASSERT_FALSE(subdivided.equilibria.empty());
  for (const int shift : {1018, -1070}) {
    const auto scaled = centred_random_game({2, 2, 2}, 3, shift);
    const auto scaled_exact = convert<rational>(scaled);
    EXPECT_TRUE(same_profiles(polynomial_enumeration(scaled).equilibria, enumerated.equilibria)) << shift;
    EXPECT_TRUE(same_profiles(polynomial_enumeration(scaled_exact).equilibria, enumerated.equilibria)) << shift;
    EXPECT_TRUE(same_profiles(global_newton(scaled).equilibria, newton.equilibria)) << shift;
    EXPECT_TRUE(same_profiles(polymatrix_approximation(scaled).equilibria, polymatrix.equilibria)) << shift;
    // Simplicial subdivision's labels compare payoffs only, so the path and
    // its exact grid point are the same.
    EXPECT_EQ(simplicial_subdivision(scaled_exact).equilibria, subdivided.equilibria) << shift;
    EXPECT_TRUE(same_profiles(simplicial_subdivision(scaled).equilibria, simplicial_subdivision(unit).equilibria)) << shift;
  }
}

// The logit branch: payoffs shifted by the least and divided by the range
// overflowed at shift 1018 (their difference is beyond the largest
// double), and among subnormal numbers the end point's regret check lost
// its digits (seed 3 failed it at 7e-4 of the range). The same end point,
// and lambda in the game's units: 2^-1018 times the unit game's, and
// beyond the largest double for subnormal payoffs.
TEST(extreme_payoffs, the_logit_branch_ends_where_it_does_on_the_scaled_game) {
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const auto unit = logit_principal_branch(centred_random_game({2, 2, 2}, seed, 0));
    ASSERT_EQ(unit.status, run_status::complete) << seed;
    ASSERT_EQ(unit.equilibria.size(), 1u) << seed;
    for (const int shift : {1018, -1070}) {
      std::size_t points = 0;
      const auto scaled = logit_principal_branch(centred_random_game({2, 2, 2}, seed, shift),
                                                 {.on_point = [&](const logit_point&) { ++points; }});
      ASSERT_EQ(scaled.status, run_status::complete) << seed << ", " << shift << ": " << scaled.reason;
      EXPECT_TRUE(same_profiles(scaled.equilibria, unit.equilibria)) << seed << ", " << shift;
      EXPECT_EQ(scaled.steps, unit.steps) << seed << ", " << shift;
      EXPECT_GT(points, 0u);
      if (shift > 0)
        EXPECT_NEAR(std::ldexp(scaled.end.lambda, shift), unit.end.lambda, 1e-9 * unit.end.lambda) << seed;
      else
        EXPECT_EQ(scaled.end.lambda, std::numeric_limits<double>::infinity()) << seed;
    }
  }
}

// The two-player solvers in double: Lemke-Howson returned a pure profile
// that is no equilibrium at shift 1018 (its payoffs, shifted and divided by
// an infinite range, were all equal), support enumeration nothing at -1070.
TEST(extreme_payoffs, two_player_solvers_answer_as_on_the_scaled_game) {
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const auto unit = centred_random_game({4, 4}, seed, 0);
    const auto supports = support_enumeration(unit);
    const auto paths = lemke_howson_all(unit);
    const auto path = lemke_howson(unit);
    ASSERT_FALSE(supports.equilibria.empty());
    for (const int shift : {1018, -1070}) {
      const auto scaled = centred_random_game({4, 4}, seed, shift);
      EXPECT_TRUE(same_profiles(support_enumeration(scaled).equilibria, supports.equilibria)) << seed << ", " << shift;
      EXPECT_TRUE(same_profiles(lemke_howson_all(scaled).equilibria, paths.equilibria)) << seed << ", " << shift;
      EXPECT_TRUE(same_profiles(lemke_howson(scaled).equilibria, path.equilibria)) << seed << ", " << shift;
    }
  }
}

// The zero-sum LP: the same strategies, and the value scaled back, on a
// zero-sum game at both ends of the range; a game that is not constant-sum
// is refused at every scale (the check's tolerance was 1e-9 times the
// largest of 1 and the payoffs, so any game with payoffs below about 1e-9
// passed as constant-sum).
TEST(extreme_payoffs, the_zero_sum_lp_scales_its_value_back_and_its_check_with_the_payoffs) {
  auto zero_sum = [](int shift) {
    auto game = centred_random_game({3, 4}, 7, shift);
    for (std::size_t p = 0; p < game.num_profiles(); ++p) game.set_payoff(1, p, -game.payoff(0, p));
    return game;
  };
  const auto unit = zero_sum_lp(zero_sum(0));
  ASSERT_EQ(unit.status, run_status::complete);
  for (const int shift : {1018, -1070}) {
    const auto scaled = zero_sum_lp(zero_sum(shift));
    ASSERT_EQ(scaled.status, run_status::complete) << shift;
    EXPECT_TRUE(same_profiles(scaled.equilibria, unit.equilibria)) << shift;
    // Among subnormal numbers the value itself is a multiple of 2^-1074.
    const double quantum = shift < 0 ? std::ldexp(1.0, -1074 - shift) : 0.0;
    EXPECT_NEAR(std::ldexp(scaled.value, -shift), unit.value, 1e-9 * (1 + std::abs(unit.value)) + quantum) << shift;
  }
  for (const int shift : {0, -40, -1070, 1018})
    EXPECT_THROW((void)zero_sum_lp(centred_random_game({3, 4}, 7, shift)), invalid_argument) << shift;
}

}  // namespace extreme_payoffs
}  // namespace impasse
