#include <impasse/detail/linear_system.hpp>

#include <gtest/gtest.h>

namespace impasse {
namespace {

template <class Scalar>
class LinearSystemTest : public ::testing::Test {};
using Scalars = ::testing::Types<double, rational>;
TYPED_TEST_SUITE(LinearSystemTest, Scalars);

TYPED_TEST(LinearSystemTest, SolvesANeedsPivotingSystem) {
  using S = TypeParam;
  matrix<S> a(3, 3);
  a << S(0), S(2), S(1),  //
      S(1), S(1), S(1),   //
      S(2), S(1), S(3);
  vector<S> b(3);
  b << S(5), S(4), S(4);
  const auto x = detail::solve_square(a, b);
  ASSERT_TRUE(x.has_value());
  // The solution is (2, 3, -1); the first pivot must come from row 2.
  const vector<S> residual = a * *x - b;
  for (Eigen::Index i = 0; i < 3; ++i) EXPECT_TRUE(detail::is_zero<S>(residual(i))) << i;
  EXPECT_TRUE(detail::is_zero<S>((*x)(0) - S(2)));
  EXPECT_TRUE(detail::is_zero<S>((*x)(1) - S(3)));
  EXPECT_TRUE(detail::is_zero<S>((*x)(2) - S(-1)));
}

TYPED_TEST(LinearSystemTest, SingularSystemHasNoSolution) {
  using S = TypeParam;
  matrix<S> a(2, 2);
  a << S(1), S(2), S(2), S(4);
  vector<S> b(2);
  b << S(1), S(2);
  EXPECT_FALSE(detail::solve_square(a, b).has_value());
}

TEST(LinearSystem, RationalResultIsExact) {
  matrix<rational> a(2, 2);
  a << 3, 1, 1, 3;
  vector<rational> b(2);
  b << 1, 0;
  const auto x = detail::solve_square(a, b);
  ASSERT_TRUE(x.has_value());
  EXPECT_EQ((*x)(0), rational(3, 8));
  EXPECT_EQ((*x)(1), rational(-1, 8));
}

}  // namespace
}  // namespace impasse
