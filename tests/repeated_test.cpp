#include <impasse/repeated/abreu_sannikov.hpp>
#include <impasse/repeated/automata.hpp>
#include <impasse/repeated/finite_horizon.hpp>
#include <impasse/repeated/game.hpp>
#include <impasse/repeated/minmax.hpp>
#include <impasse/repeated/outer_approximation.hpp>
#include <impasse/strategic/mixed_profile.hpp>
#include <impasse/strategic/regret.hpp>

#include "test_games.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <vector>

namespace impasse {
namespace {

template <class Scalar>
class RepeatedTest : public ::testing::Test {};
using Scalars = ::testing::Types<double, rational>;
TYPED_TEST_SUITE(RepeatedTest, Scalars);

template <class Scalar>
double as_double(const Scalar& x) {
  return scalar_cast<double>(x);
}

template <class Scalar>
Scalar ratio(long p, long q) {
  return Scalar(p) / Scalar(q);
}

/// The example of Abreu and Sannikov (2014), section 5, with player 2's
/// payoffs given from her own point of view (rows: her strategies), as in
/// QuantEcon's Player arrays: the bimatrix's column payoffs are p2 transposed.
template <class Scalar>
strategic_game<Scalar> abreu_sannikov_example() {
  return test::bimatrix<Scalar>({{16, 3, 0}, {21, 10, -1}, {9, 5, -5}}, {{9, 13, 3}, {1, 4, 0}, {0, -4, -15}});
}

/// A symmetric prisoner's dilemma with T = 10, R = 9, P = 3, S = 1.
template <class Scalar>
strategic_game<Scalar> dilemma(long t, long r, long p, long s) {
  return test::bimatrix<Scalar>({{r, s}, {t, p}}, {{r, t}, {s, p}});
}

/// `actual` is the polygon `expected` (counter-clockwise), starting anywhere,
/// within `tolerance`.
template <class Scalar>
void expect_polygon(const std::vector<payoff_pair<Scalar>>& actual, const std::vector<std::array<double, 2>>& expected,
                    double tolerance) {
  ASSERT_EQ(actual.size(), expected.size());
  std::size_t shift = 0;
  for (; shift < actual.size(); ++shift)
    if (std::abs(as_double(actual[shift][0]) - expected[0][0]) <= tolerance &&
        std::abs(as_double(actual[shift][1]) - expected[0][1]) <= tolerance)
      break;
  ASSERT_LT(shift, actual.size()) << "first expected vertex missing";
  for (std::size_t k = 0; k < expected.size(); ++k) {
    const auto& v = actual[(k + shift) % actual.size()];
    EXPECT_NEAR(as_double(v[0]), expected[k][0], tolerance) << "vertex " << k;
    EXPECT_NEAR(as_double(v[1]), expected[k][1], tolerance) << "vertex " << k;
  }
}

/// Properties every SPE payoff set has, checked independently of the
/// solver: counter-clockwise and convex, inside the feasible individually
/// rational set (every SPE payoff is at least the pure minmax value), and
/// containing every pure stage equilibrium's payoff (repeating it is an SPE).
template <class Scalar>
void expect_spe_set_properties(const strategic_game<Scalar>& stage, const abreu_sannikov_result<Scalar>& r) {
  ASSERT_EQ(r.status, run_status::complete);
  const double tolerance = 1e-7;
  const auto& v = r.vertices;
  for (std::size_t k = 0; v.size() >= 3 && k < v.size(); ++k) {
    const auto& a = v[k];
    const auto& b = v[(k + 1) % v.size()];
    const auto& c = v[(k + 2) % v.size()];
    const Scalar turn = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
    EXPECT_GT(turn, Scalar(0)) << "vertices " << k << ".." << k + 2 << " do not turn left";
  }
  const auto minmax = pure_minmax_values(stage);
  for (const auto& x : v) {
    EXPECT_GE(as_double(x[0]), as_double(minmax[0]) - tolerance);
    EXPECT_GE(as_double(x[1]), as_double(minmax[1]) - tolerance);
  }
  for (std::size_t p = 0; p < stage.num_profiles(); ++p) {
    const auto s = stage.profile_at(p);
    mixed_profile<Scalar> profile(stage.strategy_counts());
    profile(0, s[0]) = Scalar(1);
    profile(1, s[1]) = Scalar(1);
    if (max_regret(stage, profile) != Scalar(0)) continue;
    // A pure stage equilibrium: its payoff lies in the polygon.
    const payoff_pair<double> u{as_double(stage.payoff(0, p)), as_double(stage.payoff(1, p))};
    for (std::size_t k = 0; v.size() >= 3 && k < v.size(); ++k) {
      const auto& a = v[k];
      const auto& b = v[(k + 1) % v.size()];
      const double turn = (as_double(b[0]) - as_double(a[0])) * (u[1] - as_double(a[1])) -
                          (as_double(b[1]) - as_double(a[1])) * (u[0] - as_double(a[0]));
      EXPECT_GE(turn, -tolerance) << "stage equilibrium " << p << " outside edge " << k;
    }
  }
}

TYPED_TEST(RepeatedTest, RepeatedGameChecksItsDiscountFactorsAndHorizon) {
  using S = TypeParam;
  const auto stage = dilemma<S>(10, 9, 3, 1);
  EXPECT_THROW(repeated_game<S>(stage, S(1)), invalid_argument);
  EXPECT_THROW(repeated_game<S>(stage, S(0)), invalid_argument);
  EXPECT_THROW(repeated_game<S>(stage, S(-1) / 2), invalid_argument);
  EXPECT_THROW(repeated_game<S>(stage, std::vector<S>{S(1) / 2}), invalid_argument);
  EXPECT_THROW(repeated_game<S>(stage, S(1) / 2, 0), invalid_argument);
  EXPECT_NO_THROW(repeated_game<S>(stage, S(1), 3));  // undiscounted finite game
  const repeated_game<S> game(stage, std::vector<S>{S(1) / 2, S(3) / 4});
  EXPECT_FALSE(game.has_common_discount_factor());
  EXPECT_EQ(game.discount_factor(1), S(3) / 4);
  EXPECT_TRUE(game.is_infinite());
  EXPECT_THROW((void)abreu_sannikov(repeated_game<S>(stage, S(1) / 2, 4)), invalid_argument);
}

TYPED_TEST(RepeatedTest, AbreuSannikovPaperExample) {
  using S = TypeParam;
  const auto stage = abreu_sannikov_example<S>();
  const auto r = abreu_sannikov(repeated_game<S>(stage, ratio<S>(3, 10)));
  expect_spe_set_properties(stage, r);
  // The six vertices of the paper's figure (to 4 decimals), counter-clockwise.
  expect_polygon(r.vertices,
                 {{{7.3377, 0}, {7.8631, 0}, {19.7918, 2.8}, {15.5631, 9.1}, {7.3377, 10.9826}, {1.1257, 2.8}}},
                 5e-5);
  EXPECT_NEAR(as_double(r.threat_point[0]), 1.1257, 5e-5);
  EXPECT_NEAR(as_double(r.threat_point[1]), 0, 5e-5);
  if constexpr (is_exact_v<S>) {
    // Some coordinates are exact simple fractions even though the vertices
    // are only approximated: 2.8 = 14/5, 9.1 = 91/10.
    EXPECT_EQ(r.vertices[2][1], S(14) / 5);
    EXPECT_EQ(r.vertices[3][1], S(91) / 10);
  }
}

TYPED_TEST(RepeatedTest, PrisonersDilemmaAtNineTenths) {
  using S = TypeParam;
  const auto stage = dilemma<S>(10, 9, 3, 1);
  const auto r = abreu_sannikov(repeated_game<S>(stage, ratio<S>(9, 10)));
  expect_spe_set_properties(stage, r);
  expect_polygon(r.vertices, {{{3, 3}, {9.75, 3}, {9, 9}, {3, 9.75}}}, 1e-9);
  EXPECT_TRUE(is_spe_payoff(r, {S(9), S(9)}));
  EXPECT_TRUE(is_spe_payoff(r, {S(6), S(6)}));
  EXPECT_TRUE(is_spe_payoff(r, {S(39) / 4, S(3)}));
  EXPECT_FALSE(is_spe_payoff(r, {S(10), S(1)}));  // (D, C) forever: player 2 below his minmax
  EXPECT_FALSE(is_spe_payoff(r, {S(9), S(92) / 10}));
  if constexpr (is_exact_v<S>) {
    EXPECT_FALSE(is_spe_payoff(r, {S(39) / 4 + S(1) / 1000000, S(3)}));
    EXPECT_TRUE(r.exact);
    const std::vector<payoff_pair<S>> exact{{S(3), S(3)}, {S(39) / 4, S(3)}, {S(9), S(9)}, {S(3), S(39) / 4}};
    EXPECT_EQ(r.vertices, exact);
  }
}

TYPED_TEST(RepeatedTest, PrisonersDilemmaCooperationNeedsGrimTriggersThreshold) {
  using S = TypeParam;
  const auto stage = dilemma<S>(10, 9, 3, 1);
  // (T - R) / (T - P) = 1/7: below it only the stage equilibrium survives.
  const auto low = abreu_sannikov(repeated_game<S>(stage, ratio<S>(1, 10)));
  ASSERT_EQ(low.vertices.size(), 1u);
  EXPECT_NEAR(as_double(low.vertices[0][0]), 3, 1e-9);
  EXPECT_NEAR(as_double(low.vertices[0][1]), 3, 1e-9);
  if constexpr (is_exact_v<S>) {
    // At exactly 1/7 mutual cooperation is (just) an SPE payoff.
    const auto at = abreu_sannikov(repeated_game<S>(stage, ratio<S>(1, 7)));
    bool cooperation = false;
    for (const auto& v : at.vertices) cooperation = cooperation || (v[0] == S(9) && v[1] == S(9));
    EXPECT_TRUE(cooperation);
  }
}

TYPED_TEST(RepeatedTest, NoPureEquilibriumMeansNoPureSpe) {
  using S = TypeParam;
  const auto r = abreu_sannikov(repeated_game<S>(test::matching_pennies<S>(), ratio<S>(9, 10)));
  EXPECT_EQ(r.status, run_status::complete);
  EXPECT_TRUE(r.vertices.empty());
}

TYPED_TEST(RepeatedTest, DegenerateSetsAreSegmentsAndPoints) {
  using S = TypeParam;
  // A coordination game: the SPE set is the segment between its equilibria.
  const auto coordination = test::bimatrix<S>({{1, 0}, {0, 2}}, {{1, 0}, {0, 2}});
  const auto segment = abreu_sannikov(repeated_game<S>(coordination, ratio<S>(1, 2)));
  ASSERT_EQ(segment.vertices.size(), 2u);
  EXPECT_NEAR(as_double(segment.vertices[0][0]), 1, 1e-9);
  EXPECT_NEAR(as_double(segment.vertices[1][1]), 2, 1e-9);
  // A game in which every profile pays the same.
  const auto constant = test::bimatrix<S>({{5, 5}, {5, 5}}, {{2, 2}, {2, 2}});
  const auto point = abreu_sannikov(repeated_game<S>(constant, ratio<S>(1, 2)));
  ASSERT_EQ(point.vertices.size(), 1u);
  EXPECT_NEAR(as_double(point.vertices[0][0]), 5, 1e-12);
  EXPECT_NEAR(as_double(point.vertices[0][1]), 2, 1e-12);
}

TYPED_TEST(RepeatedTest, IterationLimitAndCancellationAreReported) {
  using S = TypeParam;
  const repeated_game<S> game(dilemma<S>(10, 9, 3, 1), ratio<S>(9, 10));
  const auto limited = abreu_sannikov(game, {.max_iterations = 3, .recognise_exact = false});
  EXPECT_EQ(limited.status, run_status::limit_reached);
  EXPECT_EQ(limited.iterations, 3u);
  std::stop_source stop;
  stop.request_stop();
  const auto cancelled = abreu_sannikov(game, {.stop_token = stop.get_token()});
  EXPECT_EQ(cancelled.status, run_status::cancelled);
}

TYPED_TEST(RepeatedTest, PureAndMixedMinmax) {
  using S = TypeParam;
  const auto pennies = test::matching_pennies<S>();
  EXPECT_EQ(pure_minmax(pennies, 0).value, S(1));
  EXPECT_EQ(pure_minmax(pennies, 1).value, S(1));
  const auto mixed = mixed_minmax(pennies, 1);
  EXPECT_NEAR(as_double(mixed.value), 0, 1e-12);
  EXPECT_NEAR(as_double(mixed.punishment[0]), 0.5, 1e-12);
  const auto stage = abreu_sannikov_example<S>();
  // Player 1: columns L, M, R hold him to max 21, 10, 0: pure minmax 0 (by R).
  EXPECT_EQ(pure_minmax(stage, 0).value, S(0));
  EXPECT_EQ(pure_minmax(stage, 0).punishment, (pure_profile{0, 2}));
  // Player 2: rows U, M, D hold her to 13, 4, 0: pure minmax 0 (by D).
  EXPECT_EQ(pure_minmax(stage, 1).value, S(0));
  // Mixed minmax never exceeds pure minmax.
  for (std::size_t i = 0; i < 2; ++i) EXPECT_LE(as_double(mixed_minmax(stage, i).value), as_double(pure_minmax(stage, i).value) + 1e-12);
  const auto three = strategic_game<S>({2, 2, 2});
  EXPECT_THROW((void)mixed_minmax(three, 0), invalid_argument);
  EXPECT_THROW((void)pure_minmax(three, 3), invalid_argument);
  // Feasible individually rational payoffs of the dilemma: above (3, 3).
  const auto ir = feasible_individually_rational_set(dilemma<S>(10, 9, 3, 1));
  expect_polygon(ir, {{{3, 3}, {9.75, 3}, {9, 9}, {3, 9.75}}}, 1e-9);
}

TYPED_TEST(RepeatedTest, GrimTriggerCriticalDiscountFactor) {
  using S = TypeParam;
  // (T, R, P, S) sets: the critical factor is (T - R) / (T - P).
  const std::vector<std::array<long, 4>> sets{{10, 9, 3, 1}, {5, 3, 1, 0}, {4, 3, 1, 0}, {7, 6, 2, -3}, {100, 50, 10, 0}};
  for (const auto& [t, r, p, s] : sets) {
    const auto stage = dilemma<S>(t, r, p, s);
    const auto grim = grim_trigger(stage, {0, 0}, {1, 1});
    const auto critical = critical_discount_factor(stage, grim);
    ASSERT_TRUE(critical.value.has_value());
    const S expected = S(t - r) / S(t - p);
    if constexpr (is_exact_v<S>) {
      EXPECT_EQ(*critical.value, expected) << t << "," << r << "," << p << "," << s;
      EXPECT_TRUE(critical.exact);
    } else {
      EXPECT_NEAR(*critical.value, expected, 1e-9);
    }
    // The one-shot deviation check agrees on both sides of it.
    const S above = expected + (S(1) - expected) / 10, below = expected * 9 / 10;
    const auto yes = check_subgame_perfection(repeated_game<S>(stage, above), grim);
    EXPECT_TRUE(yes.subgame_perfect);
    EXPECT_EQ(yes.joint_states, 2u);
    EXPECT_NEAR(as_double(yes.payoffs[0]), static_cast<double>(r), 1e-9);
    const auto no = check_subgame_perfection(repeated_game<S>(stage, below), grim);
    ASSERT_FALSE(no.subgame_perfect);
    EXPECT_EQ(no.deviation->deviation, 1u);  // defect while cooperating
    if constexpr (is_exact_v<S>) {
      // Exactly at the threshold, the deviation gains exactly nothing.
      EXPECT_TRUE(check_subgame_perfection(repeated_game<S>(stage, expected), grim).subgame_perfect);
    }
  }
}

TYPED_TEST(RepeatedTest, TitForTatConditions) {
  using S = TypeParam;
  // Tit-for-tat is an SPE exactly when delta = (T - R) / (R - S) (no gain
  // from defecting once, nor from forgiving a defection) and
  // delta = (P - S) / (T - P) (no gain from punishing a punishment, nor
  // from ending mutual defection). With T, R, P, S = 3, 2, 1, 0 both are 1/2.
  const auto stage = dilemma<S>(3, 2, 1, 0);
  const auto tft = tit_for_tat(stage);
  EXPECT_TRUE(check_subgame_perfection(repeated_game<S>(stage, ratio<S>(1, 2)), tft).subgame_perfect);
  EXPECT_FALSE(check_subgame_perfection(repeated_game<S>(stage, ratio<S>(3, 5)), tft).subgame_perfect);
  EXPECT_FALSE(check_subgame_perfection(repeated_game<S>(stage, ratio<S>(2, 5)), tft).subgame_perfect);
  EXPECT_EQ(check_subgame_perfection(repeated_game<S>(stage, ratio<S>(1, 2)), tft).joint_states, 4u);
  // So there is no critical factor: close to 1 forgiving pays.
  EXPECT_FALSE(critical_discount_factor(stage, tft).value.has_value());
  // When the two conditions differ, tit-for-tat is never an SPE.
  const auto other = dilemma<S>(10, 9, 3, 1);  // (T-R)/(R-S) = 1/8, (P-S)/(T-P) = 2/7
  const auto tft2 = tit_for_tat(other);
  for (const auto& d : {ratio<S>(1, 8), ratio<S>(2, 7), ratio<S>(1, 2)})
    EXPECT_FALSE(check_subgame_perfection(repeated_game<S>(other, d), tft2).subgame_perfect);
  // Its payoff on the path is mutual cooperation.
  EXPECT_EQ(automaton_payoffs(repeated_game<S>(other, ratio<S>(1, 2)), tft2), (std::vector<S>{S(9), S(9)}));
}

TYPED_TEST(RepeatedTest, StickAndCarrotCriticalDiscountFactor) {
  using S = TypeParam;
  // Cournot-like 3x3 game: cooperate (0), compete (1), flood the market (2).
  // (1, 1) is the stage equilibrium; (2, 2) is a harsh punishment.
  const auto stage = test::bimatrix<S>({{6, 1, -2}, {8, 4, -1}, {0, 0, -4}}, {{6, 8, 0}, {1, 4, 0}, {-2, -1, -4}});
  // Stick and carrot with one round of (2, 2): R = 6, T = 8, P = -4, and the
  // best reply to the punishment pays D = -1; the conditions are
  // delta >= (T - R) / (R - P) = 1/5 and delta >= (D - P) / (R - P) = 3/10.
  const auto carrot = stick_and_carrot(stage, {0, 0}, {2, 2}, 1);
  const auto critical = critical_discount_factor(stage, carrot);
  ASSERT_TRUE(critical.value.has_value());
  if constexpr (is_exact_v<S>) {
    EXPECT_EQ(*critical.value, S(3) / 10);
  } else {
    EXPECT_NEAR(*critical.value, 0.3, 1e-9);
  }
  // Grim trigger with the stage equilibrium needs (8 - 6) / (8 - 4) = 1/2.
  const auto grim = critical_discount_factor(stage, grim_trigger(stage, {0, 0}, {1, 1}));
  EXPECT_NEAR(as_double(*grim.value), 0.5, 1e-9);
  EXPECT_TRUE(check_subgame_perfection(repeated_game<S>(stage, ratio<S>(1, 3)), carrot).subgame_perfect);
  EXPECT_FALSE(check_subgame_perfection(repeated_game<S>(stage, ratio<S>(1, 4)), carrot).subgame_perfect);
  // Repeating the stage equilibrium is an SPE for every discount factor.
  const auto nash = grim_trigger(stage, {1, 1}, {1, 1});
  EXPECT_EQ(critical_discount_factor(stage, nash).value, std::optional<S>(S(0)));
}

TYPED_TEST(RepeatedTest, BadAutomataAreRejected) {
  using S = TypeParam;
  const auto stage = dilemma<S>(10, 9, 3, 1);
  auto grim = grim_trigger(stage, {0, 0}, {1, 1});
  const repeated_game<S> game(stage, ratio<S>(1, 2));
  auto wrong = grim;
  wrong.pop_back();
  EXPECT_THROW((void)check_subgame_perfection(game, wrong), invalid_argument);
  wrong = grim;
  wrong[1].actions[0] = 2;
  EXPECT_THROW((void)check_subgame_perfection(game, wrong), invalid_argument);
  wrong = grim;
  wrong[0].transitions[1][3] = 7;
  EXPECT_THROW((void)automaton_payoffs(game, wrong), invalid_argument);
  wrong = grim;
  wrong[0].transitions[0].pop_back();
  EXPECT_THROW((void)critical_discount_factor(stage, wrong), invalid_argument);
  EXPECT_THROW((void)check_subgame_perfection(repeated_game<S>(stage, ratio<S>(1, 2), 3), grim), invalid_argument);
}

TYPED_TEST(RepeatedTest, FiniteHorizonUnravelsWithAUniqueStageEquilibrium) {
  using S = TypeParam;
  const auto stage = dilemma<S>(10, 9, 3, 1);
  for (std::size_t horizon : {1u, 2u, 5u}) {
    const auto r = repeated_backward_induction(repeated_game<S>(stage, ratio<S>(9, 10), horizon));
    ASSERT_EQ(r.status, run_status::complete);
    ASSERT_EQ(r.equilibria.size(), 1u);
    EXPECT_NEAR(as_double(r.equilibria[0].payoffs[0]), 3, 1e-12);
    EXPECT_NEAR(as_double(r.equilibria[0].payoffs[1]), 3, 1e-12);
    if constexpr (is_exact_v<S>) {
      EXPECT_EQ(r.equilibria[0].payoffs, (std::vector<S>{S(3), S(3)}));
    }
    EXPECT_EQ(r.equilibria[0].path, std::vector<std::size_t>(horizon, 3));  // (D, D) every round
  }
  // No pure stage equilibrium: no pure SPE.
  EXPECT_TRUE(repeated_backward_induction(repeated_game<S>(test::matching_pennies<S>(), ratio<S>(1, 2), 3)).equilibria.empty());
  EXPECT_THROW((void)repeated_backward_induction(repeated_game<S>(stage, ratio<S>(1, 2))), invalid_argument);
}

/// C, D and R: (D, D) pays 1 and (R, R) pays 3, both stage equilibria;
/// (C, C) pays 4 but D gains 1 against C.
template <class Scalar>
strategic_game<Scalar> two_equilibria_game() {
  return test::bimatrix<Scalar>({{4, 0, 0}, {5, 1, 0}, {0, 0, 3}}, {{4, 5, 0}, {0, 1, 0}, {0, 0, 3}});
}

TYPED_TEST(RepeatedTest, FiniteHorizonCarrotAndStick) {
  using S = TypeParam;
  const auto stage = two_equilibria_game<S>();
  // Two rounds: (C, C) then (R, R), with (D, D) after a deviation, is an SPE
  // when 4 + 3 delta >= 5 + delta, that is delta >= 1/2.
  const auto cooperates = [](const repeated_backward_induction_result<S>& r) {
    for (const auto& e : r.equilibria)
      if (e.path.front() == 0) return true;
    return false;
  };
  const auto at = repeated_backward_induction(repeated_game<S>(stage, ratio<S>(1, 2), 2));
  EXPECT_EQ(at.stage_equilibria, (std::vector<std::size_t>{4, 8}));
  EXPECT_TRUE(cooperates(at));
  for (const auto& e : at.equilibria)
    if (e.path.front() == 0) {
      EXPECT_EQ(e.path, (std::vector<std::size_t>{0, 8}));
      // (4 + 3/2) / (1 + 1/2) = 11/3.
      EXPECT_NEAR(as_double(e.payoffs[0]), 11.0 / 3, 1e-12);
    }
  EXPECT_FALSE(cooperates(repeated_backward_induction(repeated_game<S>(stage, ratio<S>(49, 100), 2))));
  EXPECT_TRUE(cooperates(repeated_backward_induction(repeated_game<S>(stage, S(1), 2))));
  // Every SPE's last round is a stage equilibrium, and its payoff is the
  // discounted average along its path.
  const auto three = repeated_backward_induction(repeated_game<S>(stage, ratio<S>(9, 10), 3));
  EXPECT_GT(three.equilibria.size(), 4u);
  for (const auto& e : three.equilibria) {
    ASSERT_EQ(e.path.size(), 3u);
    EXPECT_TRUE(e.path.back() == 4 || e.path.back() == 8);
    // Independently: the last round's profile is a stage Nash equilibrium.
    const auto last = stage.profile_at(e.path.back());
    EXPECT_EQ(max_regret(stage, mixed_profile<S>::pure(stage.strategy_counts(), last)), S(0));
    S sum(0), weight(1), total(0);
    for (auto p : e.path) {
      sum += weight * stage.payoff(0, p);
      total += weight;
      weight *= ratio<S>(9, 10);
    }
    EXPECT_NEAR(as_double(S(sum / total)), as_double(e.payoffs[0]), 1e-12);
  }
}

}  // namespace
}  // namespace impasse

namespace impasse {
namespace {

/// Every vertex of `inner` satisfies every hyperplane of `outer`, and each
/// level is at most `slack` above the inner set's support in its direction.
template <class Scalar>
void expect_outer(const outer_approximation_result<Scalar>& outer, const std::vector<payoff_pair<Scalar>>& inner,
                  double slack) {
  ASSERT_EQ(outer.levels.size(), outer.directions.size());
  for (std::size_t l = 0; l < outer.levels.size(); ++l) {
    double support = -1e300;
    for (const auto& v : inner)
      support = std::max(support, as_double(Scalar(outer.directions[l][0] * v[0] + outer.directions[l][1] * v[1])));
    EXPECT_GE(as_double(outer.levels[l]), support - 1e-7) << "direction " << l;
    EXPECT_LE(as_double(outer.levels[l]), support + slack) << "direction " << l;
  }
}

TYPED_TEST(RepeatedTest, OuterApproximationContainsAbreuSannikovsPolygon) {
  using S = TypeParam;
  const repeated_game<S> game(abreu_sannikov_example<S>(), ratio<S>(3, 10));
  const auto inner = abreu_sannikov(game);
  // In rationals the levels converge only in the limit: fewer directions and a looser tolerance.
  const auto outer = is_exact_v<S> ? outer_approximation(game, {.directions = 8, .tolerance = 1e-6})
                                   : outer_approximation(game, {.directions = 64});
  ASSERT_EQ(outer.status, run_status::complete);
  expect_outer(outer, inner.vertices, is_exact_v<S> ? 3.0 : 0.5);
  EXPECT_GE(outer.vertices.size(), 4u);
}

TYPED_TEST(RepeatedTest, OuterApproximationBySimplexAgreesWithGeometry) {
  using S = TypeParam;
  // The same steps, with each linear program solved by the simplex method.
  const repeated_game<S> game(abreu_sannikov_example<S>(), ratio<S>(3, 10));
  const auto by_geometry = outer_approximation(game, {.directions = 8, .max_iterations = 6});
  const auto by_simplex = outer_approximation(game, {.directions = 8, .max_iterations = 6, .two_player_geometry = false});
  ASSERT_EQ(by_geometry.levels.size(), by_simplex.levels.size());
  for (std::size_t l = 0; l < by_geometry.levels.size(); ++l) {
    if constexpr (is_exact_v<S>) {
      EXPECT_EQ(by_geometry.levels[l], by_simplex.levels[l]);
    } else {
      EXPECT_NEAR(by_geometry.levels[l], by_simplex.levels[l], 1e-9);
    }
  }
}

TYPED_TEST(RepeatedTest, OuterApproximationOfTheDilemma) {
  using S = TypeParam;
  const repeated_game<S> game(dilemma<S>(10, 9, 3, 1), ratio<S>(9, 10));
  if constexpr (is_exact_v<S>) {
    const auto limited = outer_approximation(game, {.directions = 8, .max_iterations = 5});
    EXPECT_EQ(limited.status, run_status::limit_reached);
  } else {
    const auto outer = outer_approximation(game, {.directions = 64});
    ASSERT_EQ(outer.status, run_status::complete);
    expect_outer(outer, abreu_sannikov(game).vertices, 0.1);
  }
  EXPECT_THROW((void)outer_approximation(game, {.directions = 2}), invalid_argument);
  // Below grim trigger's threshold only the stage equilibrium is left.
  const auto low = outer_approximation(repeated_game<S>(dilemma<S>(10, 9, 3, 1), ratio<S>(1, 10)), {.directions = 16});
  ASSERT_EQ(low.status, run_status::complete);
  for (const auto& v : low.vertices) {
    EXPECT_NEAR(as_double(v[0]), 3, 1e-6);
    EXPECT_NEAR(as_double(v[1]), 3, 1e-6);
  }
}

/// A three-player prisoner's dilemma (public good): each contributes (0) or
/// not (1); contributing costs 3 and gives everyone 2.
template <class Scalar>
strategic_game<Scalar> public_good() {
  strategic_game<Scalar> game({2, 2, 2});
  for (std::size_t p = 0; p < game.num_profiles(); ++p) {
    const auto s = game.profile_at(p);
    long contributions = 0;
    for (auto x : s) contributions += x == 0;
    for (std::size_t i = 0; i < 3; ++i) game.set_payoff(i, p, Scalar(2 * contributions - (s[i] == 0 ? 3 : 0)));
  }
  return game;
}

TYPED_TEST(RepeatedTest, OuterApproximationWithThreePlayers) {
  using S = TypeParam;
  // Full contribution pays 3 each; defecting alone pays 4 now and 0 forever
  // after under grim trigger: an SPE when 3 >= (1 - delta) 4, delta >= 1/4.
  const auto stage = public_good<S>();
  // Exact linear programs are slow: in rationals, three steps (every step
  // is an outer approximation already, since the iteration starts from one).
  const auto high = outer_approximation(repeated_game<S>(stage, ratio<S>(1, 2)),
                                        {.tolerance = 1e-6, .max_iterations = is_exact_v<S> ? 3u : 100000u});
  ASSERT_EQ(high.status, is_exact_v<S> ? run_status::limit_reached : run_status::complete);
  ASSERT_EQ(high.directions.size(), 26u);
  for (std::size_t l = 0; l < high.levels.size(); ++l) {
    S cooperative(0), stage_equilibrium(0);
    for (std::size_t i = 0; i < 3; ++i) cooperative += high.directions[l][i] * 3;
    EXPECT_GE(as_double(high.levels[l]), as_double(cooperative) - 1e-7);
    EXPECT_GE(as_double(high.levels[l]), as_double(stage_equilibrium) - 1e-7);
  }
  EXPECT_TRUE(critical_discount_factor(stage, grim_trigger(stage, {0, 0, 0}, {1, 1, 1})).value ==
              std::optional<S>(ratio<S>(1, 4)) ||
              !is_exact_v<S>);
  // Well below 1/4 the set collapses to the stage equilibrium (0, 0, 0).
  if constexpr (is_exact_v<S>) return;
  const auto low = outer_approximation(repeated_game<S>(stage, ratio<S>(1, 10)), {.tolerance = 1e-6});
  ASSERT_EQ(low.status, run_status::complete);
  for (std::size_t l = 0; l < low.levels.size(); ++l) EXPECT_NEAR(as_double(low.levels[l]), 0, 1e-5) << l;
}

}  // namespace
}  // namespace impasse
