// Comparing numbers in tests of both arithmetics: exactly in rationals,
// within 1e-9 in double.
#pragma once

#include <impasse/core/scalar.hpp>

#include <gtest/gtest.h>

namespace impasse::test {

template <class Scalar>
void expect_near(const Scalar& actual, const Scalar& expected) {
  if constexpr (is_exact_v<Scalar>) {
    EXPECT_EQ(actual, expected);
  } else {
    EXPECT_NEAR(actual, expected, 1e-9);
  }
}

}  // namespace impasse::test
