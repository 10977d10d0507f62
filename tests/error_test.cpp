// Every exception impasse throws derives from impasse::error; a broken
// invariant has a kind of its own, apart from the kinds for bad input.
#include <impasse/core/error.hpp>
#include <impasse/core/scalar.hpp>

#include <gtest/gtest.h>

#include <type_traits>

namespace impasse {
namespace {

static_assert(std::is_base_of_v<error, parse_error>);
static_assert(std::is_base_of_v<error, file_error>);
static_assert(std::is_base_of_v<error, invalid_game>);
static_assert(std::is_base_of_v<error, invalid_profile>);
static_assert(std::is_base_of_v<error, invalid_argument>);
static_assert(std::is_base_of_v<error, internal_error>);
static_assert(!std::is_base_of_v<invalid_argument, internal_error>);

TEST(Errors, PrintersRefuseNegativeDecimalsWithImpasseErrors) {
  // parse_rational and simplest_rational: see scalar_test.cpp.
  EXPECT_THROW((void)to_decimal_string(rational(1, 3), -1), invalid_argument);
  EXPECT_THROW((void)to_decimal_string(1.0, -1), invalid_argument);
}

}  // namespace
}  // namespace impasse
