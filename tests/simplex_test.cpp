#include <impasse/detail/simplex.hpp>
#include <impasse/strategic/generators.hpp>

#include "expect_near.hpp"

#include <gtest/gtest.h>

#include <initializer_list>
#include <random>
#include <vector>

namespace impasse {
namespace {

using detail::constraint_sense;
using detail::linear_program;
using detail::lp_status;
using detail::pivot_rule;
using detail::solve_linear_program;

template <class Scalar>
class SimplexTest : public ::testing::Test {};
using Scalars = ::testing::Types<double, rational>;
TYPED_TEST_SUITE(SimplexTest, Scalars);

template <class Scalar>
Scalar number(long p, long q = 1) {
  return Scalar(p) / Scalar(q);
}

/// maximize c.x subject to rows (sense) b, x >= 0, entries given as
/// integers over a common denominator.
template <class Scalar>
linear_program<Scalar> program(std::initializer_list<std::initializer_list<long>> rows, std::initializer_list<long> b,
                               std::vector<constraint_sense> senses, std::initializer_list<long> c, long denominator = 1) {
  linear_program<Scalar> lp;
  lp.constraints.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(c.size()));
  Eigen::Index i = 0;
  for (const auto& row : rows) {
    Eigen::Index j = 0;
    for (long v : row) lp.constraints(i, j++) = number<Scalar>(v, denominator);
    ++i;
  }
  lp.bounds.resize(static_cast<Eigen::Index>(b.size()));
  i = 0;
  for (long v : b) lp.bounds(i++) = number<Scalar>(v);
  lp.senses = std::move(senses);
  lp.objective.resize(static_cast<Eigen::Index>(c.size()));
  i = 0;
  for (long v : c) lp.objective(i++) = number<Scalar>(v, denominator);
  return lp;
}

using test::expect_near;

/// An optimal solution is feasible, its dual is feasible with the right
/// signs, and the two objectives agree (strong duality).
template <class Scalar>
void expect_optimality_certificate(const linear_program<Scalar>& lp, const detail::lp_solution<Scalar>& s) {
  ASSERT_EQ(s.status, lp_status::optimal);
  const Scalar tolerance = is_exact_v<Scalar> ? Scalar(0) : Scalar(1e-9);
  const vector<Scalar> lhs = lp.constraints * s.primal;
  for (Eigen::Index j = 0; j < s.primal.size(); ++j) EXPECT_GE(s.primal(j), -tolerance);
  for (Eigen::Index i = 0; i < lhs.size(); ++i) {
    const auto sense = lp.senses[static_cast<std::size_t>(i)];
    if (sense == constraint_sense::less_equal) {
      EXPECT_LE(lhs(i), lp.bounds(i) + tolerance);
      EXPECT_GE(s.dual(i), -tolerance);
    } else if (sense == constraint_sense::greater_equal) {
      EXPECT_GE(lhs(i), lp.bounds(i) - tolerance);
      EXPECT_LE(s.dual(i), tolerance);
    } else {
      expect_near<Scalar>(lhs(i), lp.bounds(i));
    }
  }
  const vector<Scalar> reduced = lp.constraints.transpose() * s.dual - lp.objective;
  for (Eigen::Index j = 0; j < reduced.size(); ++j) EXPECT_GE(reduced(j), -tolerance);
  expect_near<Scalar>(lp.objective.dot(s.primal), s.value);
  expect_near<Scalar>(lp.bounds.dot(s.dual), s.value);
}

constexpr auto le = constraint_sense::less_equal;
constexpr auto ge = constraint_sense::greater_equal;
constexpr auto eq = constraint_sense::equal;

TYPED_TEST(SimplexTest, TextbookProgramReachesItsOptimum) {
  using S = TypeParam;
  // Hillier and Lieberman's Wyndor Glass: max 3x + 5y, x <= 4, 2y <= 12,
  // 3x + 2y <= 18; optimum 36 at (2, 6) with shadow prices (0, 3/2, 1).
  const auto lp = program<S>({{1, 0}, {0, 2}, {3, 2}}, {4, 12, 18}, {le, le, le}, {3, 5});
  const auto s = solve_linear_program(lp);
  expect_optimality_certificate(lp, s);
  expect_near<S>(s.value, S(36));
  expect_near<S>(s.primal(0), S(2));
  expect_near<S>(s.primal(1), S(6));
  expect_near<S>(s.dual(0), S(0));
  expect_near<S>(s.dual(1), number<S>(3, 2));
  expect_near<S>(s.dual(2), S(1));
}

TYPED_TEST(SimplexTest, EqualitiesAndLowerBoundsNeedPhaseOne) {
  using S = TypeParam;
  // max 3x + 2y, x + y = 4, x - y >= -2 (a negative bound), x <= 3:
  // optimum 11 at (3, 1).
  const auto lp = program<S>({{1, 1}, {1, -1}, {1, 0}}, {4, -2, 3}, {eq, ge, le}, {3, 2});
  const auto s = solve_linear_program(lp);
  expect_optimality_certificate(lp, s);
  expect_near<S>(s.value, S(11));
  expect_near<S>(s.primal(0), S(3));
  expect_near<S>(s.primal(1), S(1));
  // min x + y, x + 2y >= 4, 3x + y >= 6: (8/5, 6/5), value 14/5.
  const auto diet = program<S>({{1, 2}, {3, 1}}, {4, 6}, {ge, ge}, {-1, -1});
  const auto d = solve_linear_program(diet);
  expect_optimality_certificate(diet, d);
  expect_near<S>(d.value, number<S>(-14, 5));
  expect_near<S>(d.primal(0), number<S>(8, 5));
  expect_near<S>(d.primal(1), number<S>(6, 5));
}

TYPED_TEST(SimplexTest, RedundantEqualitiesAreHandled) {
  using S = TypeParam;
  // The second row repeats the first: its artificial variable cannot leave
  // the basis and must stay at zero.
  const auto lp = program<S>({{1, 1}, {2, 2}, {1, 0}}, {2, 4, 5}, {eq, eq, le}, {1, 0});
  const auto s = solve_linear_program(lp);
  expect_optimality_certificate(lp, s);
  expect_near<S>(s.value, S(2));
}

TYPED_TEST(SimplexTest, InfeasibleAndUnboundedAreReportedNotThrown) {
  using S = TypeParam;
  const auto infeasible = program<S>({{1, 1}, {1, 1}}, {1, 2}, {le, ge}, {1, 1});
  EXPECT_EQ(solve_linear_program(infeasible).status, lp_status::infeasible);
  const auto contradictory = program<S>({{1, 0}, {1, 0}}, {1, 2}, {eq, eq}, {1, 1});
  EXPECT_EQ(solve_linear_program(contradictory).status, lp_status::infeasible);
  const auto unbounded = program<S>({{1, -1}}, {1}, {le}, {1, 1});
  EXPECT_EQ(solve_linear_program(unbounded).status, lp_status::unbounded);
  // Unbounded after a phase 1.
  const auto late = program<S>({{1, 1}, {1, -1}}, {2, 0}, {ge, le}, {1, 0});
  EXPECT_EQ(solve_linear_program(late).status, lp_status::unbounded);
}

TYPED_TEST(SimplexTest, SizesMustAgree) {
  using S = TypeParam;
  auto lp = program<S>({{1, 0}, {0, 1}}, {1, 1}, {le, le}, {1, 1});
  lp.senses.pop_back();
  EXPECT_THROW((void)solve_linear_program(lp), invalid_argument);
}

// Beale's (1955) example, which cycles under the textbook rule (largest
// reduced cost, ties to the lowest index): minimise -3/4 x4 + 20 x5 -
// 1/2 x6 + 6 x7 subject to 1/4 x4 - 8 x5 - x6 + 9 x7 <= 0, 1/2 x4 -
// 12 x5 - 1/2 x6 + 3 x7 <= 0, x6 <= 1; the optimum is -5/4 at
// x4 = x6 = 1. And Chvatal's (Linear Programming, 1983, p. 31) example,
// optimum 1 at x1 = x3 = 1.
TYPED_TEST(SimplexTest, DegenerateProgramsThatCycleUnderTheTextbookRuleTerminate) {
  using S = TypeParam;
  const auto beale = program<S>({{1, -32, -4, 36}, {2, -48, -2, 12}, {0, 0, 4, 0}}, {0, 0, 1}, {le, le, le},
                                {3, -80, 2, -24}, 4);
  const auto chvatal = program<S>({{1, -11, -5, 18}, {1, -3, -1, 2}, {2, 0, 0, 0}}, {0, 0, 1}, {le, le, le},
                                  {20, -114, -18, -48}, 2);
  for (const auto* lp : {&beale, &chvatal}) {
    const S expected = lp == &beale ? number<S>(5, 4) : S(1);
    for (const auto rule : {pivot_rule::dantzig_then_bland, pivot_rule::bland}) {
      const auto s = solve_linear_program(*lp, {.rule = rule});
      expect_optimality_certificate(*lp, s);
      expect_near<S>(s.value, expected);
    }
    // The textbook rule alone goes round in a cycle until the pivot limit.
    const auto cycling = solve_linear_program(*lp, {.rule = pivot_rule::dantzig, .max_pivots = 500});
    EXPECT_EQ(cycling.status, lp_status::pivot_limit);
    EXPECT_EQ(cycling.pivots, 500u);
  }
}

TYPED_TEST(SimplexTest, RandomProgramsHaveOptimalityCertificates) {
  using S = TypeParam;
  std::mt19937_64 rng(7);
  std::size_t optimal = 0, unbounded = 0;
  for (int trial = 0; trial < 60; ++trial) {
    const auto rows = static_cast<Eigen::Index>(2 + trial % 5), cols = static_cast<Eigen::Index>(2 + trial % 4);
    linear_program<S> lp;
    lp.constraints.resize(rows, cols);
    lp.bounds.resize(rows);
    lp.objective.resize(cols);
    for (Eigen::Index i = 0; i < rows; ++i) {
      for (Eigen::Index j = 0; j < cols; ++j)
        lp.constraints(i, j) = S(static_cast<long>(detail::uniform_integer(rng, -3, 6)));
      lp.bounds(i) = S(static_cast<long>(detail::uniform_integer(rng, -2, 9)));
      lp.senses.push_back(i % 3 == 2 ? ge : le);
    }
    for (Eigen::Index j = 0; j < cols; ++j) lp.objective(j) = S(static_cast<long>(detail::uniform_integer(rng, -2, 5)));
    const auto s = solve_linear_program(lp);
    const auto exact = solve_linear_program(linear_program<rational>{
        lp.constraints.template cast<rational>(), lp.bounds.template cast<rational>(), lp.senses,
        lp.objective.template cast<rational>()});
    EXPECT_EQ(s.status, exact.status) << "trial " << trial;
    if (s.status == lp_status::optimal) {
      ++optimal;
      expect_optimality_certificate(lp, s);
      expect_near<S>(s.value, scalar_cast<S>(exact.value));
    }
    unbounded += s.status == lp_status::unbounded;
  }
  EXPECT_GT(optimal, 10u);
  EXPECT_GT(unbounded, 3u);
}

// Degenerate programs in double: the perturbed simplex with Harris's ratio
// test (see detail/simplex.hpp) must solve them itself, without starting
// again unperturbed (`restarts`), to the value of the exact run.

/// The zero-sum program of strategic/zero_sum.hpp for player 1's payoffs a:
/// maximise sum q subject to (a + 1 - min a) q <= 1, q >= 0.
template <class Scalar>
linear_program<Scalar> matrix_game_program(const matrix<rational>& a) {
  linear_program<Scalar> lp;
  const rational shift = rational(1) - a.minCoeff();
  lp.constraints = a.unaryExpr([&](const rational& x) { return scalar_cast<Scalar>(x + shift); });
  lp.bounds = vector<Scalar>::Ones(a.rows());
  lp.senses.assign(static_cast<std::size_t>(a.rows()), le);
  lp.objective = vector<Scalar>::Ones(a.cols());
  return lp;
}

/// A (rows * copies) x (columns * copies) matrix of payoffs 0..2 in which
/// every row and every column appears `copies` times: ties everywhere.
matrix<rational> repeated_ties(Eigen::Index rows, Eigen::Index columns, Eigen::Index copies, unsigned seed) {
  std::mt19937_64 rng(seed);
  matrix<rational> base(rows, columns);
  for (Eigen::Index i = 0; i < rows; ++i)
    for (Eigen::Index j = 0; j < columns; ++j) base(i, j) = rational(static_cast<long>(detail::uniform_integer(rng, 0, 2)));
  matrix<rational> out(rows * copies, columns * copies);
  for (Eigen::Index i = 0; i < out.rows(); ++i)
    for (Eigen::Index j = 0; j < out.cols(); ++j) out(i, j) = base(i % rows, j % columns);
  return out;
}

linear_program<rational> exactly(const linear_program<double>& lp) {
  return {lp.constraints.cast<rational>(), lp.bounds.cast<rational>(), lp.senses, lp.objective.cast<rational>()};
}

TEST(SimplexDegenerate, TiedMatrixGamesSolveInDoubleWithoutStartingAgain) {
  struct shape {
    Eigen::Index rows, columns, copies;
  };
  for (const auto [rows, columns, copies] :
       {shape{30, 30, 1}, shape{45, 38, 1}, shape{10, 10, 3}, shape{15, 12, 3}, shape{20, 20, 3}, shape{8, 9, 6}})
    for (unsigned seed = 1; seed <= 3; ++seed) {
      SCOPED_TRACE(std::to_string(rows) + "x" + std::to_string(columns) + " x" + std::to_string(copies) + " seed " +
                   std::to_string(seed));
      const auto a = repeated_ties(rows, columns, copies, seed);
      const auto lp = matrix_game_program<double>(a);
      const auto s = solve_linear_program(lp);
      const auto exact = solve_linear_program(matrix_game_program<rational>(a));
      ASSERT_EQ(exact.status, lp_status::optimal);
      expect_optimality_certificate(lp, s);
      EXPECT_EQ(s.restarts, 0u);
      EXPECT_NEAR(s.value, scalar_cast<double>(exact.value), 1e-9);
    }
}

TEST(SimplexDegenerate, CyclingExamplesAndTheirRepeatsSolveInDoubleWithoutStartingAgain) {
  // Beale's and Chvatal's examples (see above), and Beale's with each of
  // its degenerate rows written out five times over.
  const auto beale = program<double>({{1, -32, -4, 36}, {2, -48, -2, 12}, {0, 0, 4, 0}}, {0, 0, 1}, {le, le, le},
                                     {3, -80, 2, -24}, 4);
  const auto chvatal = program<double>({{1, -11, -5, 18}, {1, -3, -1, 2}, {2, 0, 0, 0}}, {0, 0, 1}, {le, le, le},
                                       {20, -114, -18, -48}, 2);
  auto repeated = beale;
  repeated.constraints.resize(11, 4);
  repeated.bounds.resize(11);
  repeated.senses.assign(11, le);
  for (Eigen::Index i = 0; i < 11; ++i) {
    const Eigen::Index from = i < 10 ? i % 2 : 2;
    repeated.constraints.row(i) = beale.constraints.row(from) * static_cast<double>(i < 10 ? 1 + i / 2 : 1);
    repeated.bounds(i) = beale.bounds(from);
  }
  const std::vector<const linear_program<double>*> programs{&beale, &chvatal, &repeated};
  for (const auto* lp : programs)
    for (const auto rule : {pivot_rule::dantzig_then_bland, pivot_rule::bland}) {
      const auto s = solve_linear_program(*lp, {.rule = rule});
      const auto exact = solve_linear_program(exactly(*lp), {.rule = rule});
      expect_optimality_certificate(*lp, s);
      EXPECT_EQ(s.restarts, 0u);
      EXPECT_NEAR(s.value, scalar_cast<double>(exact.value), 1e-12);
      EXPECT_NEAR(s.value, lp == &chvatal ? 1.0 : 1.25, 1e-12);
    }
}

TEST(SimplexDegenerate, RandomDegenerateProgramsAgreeWithTheExactRun) {
  // Mostly zero right-hand sides, small entries, equalities and >= rows:
  // phase 1 starts at a highly degenerate vertex, as in the sequence form.
  // The bounds make a sparse 0/1 point x0 feasible: a . x0 for equalities,
  // its positive part for <= rows and its negative part for >= rows.
  std::mt19937_64 rng(11);
  std::size_t optimal = 0, restarts = 0;
  for (int trial = 0; trial < 40; ++trial) {
    SCOPED_TRACE("trial " + std::to_string(trial));
    const auto rows = static_cast<Eigen::Index>(10 + trial % 15), cols = static_cast<Eigen::Index>(12 + trial % 11);
    linear_program<double> lp;
    lp.constraints.resize(rows, cols);
    lp.bounds = vector<double>::Zero(rows);
    lp.objective.resize(cols);
    vector<double> x0(cols);
    for (Eigen::Index j = 0; j < cols; ++j) x0(j) = detail::uniform_integer(rng, 0, 2) == 0 ? 1.0 : 0.0;
    for (Eigen::Index i = 0; i < rows; ++i) {
      for (Eigen::Index j = 0; j < cols; ++j)
        lp.constraints(i, j) = static_cast<double>(detail::uniform_integer(rng, -1, 2));
      lp.senses.push_back(i % 4 == 1 ? eq : i % 4 == 3 ? ge : le);
      const double at_x0 = lp.constraints.row(i).dot(x0);
      lp.bounds(i) = lp.senses.back() == eq ? at_x0 : lp.senses.back() == le ? std::max(0.0, at_x0) : std::min(0.0, at_x0);
    }
    // Keep it bounded: the variables add up to at most their number.
    lp.constraints.row(rows - 1).setOnes();
    lp.bounds(rows - 1) = static_cast<double>(cols);
    lp.senses.back() = le;
    for (Eigen::Index j = 0; j < cols; ++j) lp.objective(j) = static_cast<double>(detail::uniform_integer(rng, -2, 3));
    const auto s = solve_linear_program(lp);
    const auto exact = solve_linear_program(exactly(lp));
    EXPECT_EQ(s.status, exact.status);
    restarts += s.restarts;
    if (exact.status == lp_status::optimal) {
      ++optimal;
      expect_optimality_certificate(lp, s);
      EXPECT_NEAR(s.value, scalar_cast<double>(exact.value), 1e-9);
    }
  }
  EXPECT_EQ(optimal, 40u);
  EXPECT_EQ(restarts, 0u);
}

// Programs in slack form loaded into a kept tableau, as support
// enumeration's dominance programs are: max x1 + x2 subject to x1 + 2 x2 <=
// 4 and 3 x1 + x2 <= 6 has its optimum 14/5 at (8/5, 6/5); with the goal 1
// the run stops after the first pivot (x1 = 2, value 2); a second, smaller
// program reuses the same tableau.
TYPED_TEST(SimplexTest, SlackFormProgramsStopAtTheirGoalAndReuseTheTableau) {
  using S = TypeParam;
  detail::simplex_tableau<S> t;
  const auto load = [&] {
    t.load_slack_form(2, 2, S(0), 100);
    t.constraint(0, 0) = S(1), t.constraint(0, 1) = S(2), t.bound(0) = S(4);
    t.constraint(1, 0) = S(3), t.constraint(1, 1) = S(1), t.bound(1) = S(6);
    t.set_objective_coefficient(0, S(1));
    t.set_objective_coefficient(1, S(1));
  };
  load();
  EXPECT_EQ(t.maximise_until(S(100)), lp_status::optimal);
  std::vector<S> x(2, S(0));
  t.basic_solution(x);
  expect_near(x[0], number<S>(8, 5));
  expect_near(x[1], number<S>(6, 5));
  load();
  EXPECT_EQ(t.maximise_until(S(1)), lp_status::goal_reached);
  x.assign(2, S(0));
  t.basic_solution(x);
  expect_near(x[0], S(2));
  expect_near(x[1], S(0));
  // max x subject to x <= 3, in the same tableau.
  t.load_slack_form(1, 1, S(0), 100);
  t.constraint(0, 0) = S(1), t.bound(0) = S(3);
  t.set_objective_coefficient(0, S(1));
  EXPECT_EQ(t.maximise_until(S(100)), lp_status::optimal);
  expect_near(t.basic_value(0), S(3));
  // Unbounded: max x subject to -x <= 1.
  t.load_slack_form(1, 1, S(0), 100);
  t.constraint(0, 0) = S(-1), t.bound(0) = S(1);
  t.set_objective_coefficient(0, S(1));
  EXPECT_EQ(t.maximise_until(S(100)), lp_status::unbounded);
}

}  // namespace
}  // namespace impasse
