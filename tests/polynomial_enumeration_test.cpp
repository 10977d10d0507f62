// Certified enumeration of every isolated equilibrium: closed forms, the
// 2x2x2 game's nine equilibria every time (Gambit's #198, #474, #591,
// #1055: enumpoly hanging or missing one of them), boxes that hold their
// equilibria, degenerate supports, budgets, and Gambit's answers.
#include <impasse/io/nfg.hpp>
#include <impasse/strategic/generators.hpp>
#include <impasse/strategic/regret.hpp>
#include <impasse/strategic/polynomial_enumeration.hpp>

#include "corpus.hpp"
#include "nplayer_games.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cfenv>
#include <cmath>
#include <limits>
#include <random>
#include <sstream>
#include <string>

namespace impasse {
namespace {

// The interval type's outward rounding (no rounding-mode switches: each
// bound moved one ulp outward) against exact rational arithmetic: every
// sum, difference, product and quotient of random intervals, with bounds
// from subnormal to 1e300 and both signs, encloses the exact results at
// the intervals' ends; and this holds whatever rounding mode the caller
// has set.
TEST(interval_arithmetic, outward_rounding_encloses_the_exact_results_in_every_rounding_mode) {
  using detail::interval;
  std::mt19937_64 generator(7);
  std::uniform_real_distribution<double> mantissa(-1, 1);
  std::uniform_int_distribution<int> exponent(-1074, 1000);
  const auto draw = [&] {
    const int kind = static_cast<int>(generator() % 8);
    if (kind == 0) return 0.0;
    if (kind == 1) return std::numeric_limits<double>::denorm_min() * static_cast<double>(generator() % 5 + 1);
    if (kind < 4) return std::ldexp(mantissa(generator), exponent(generator) / 8);  // near one
    return std::ldexp(mantissa(generator), exponent(generator) % 300);
  };
  // An overflowing bound is infinite (and an exact value beyond the
  // largest double lies below +inf).
  const auto encloses = [](const interval& x, const rational& exact) {
    const bool above = std::isinf(x.lower()) ? x.lower() < 0 : rational(x.lower()) <= exact;
    const bool below = std::isinf(x.upper()) ? x.upper() > 0 : exact <= rational(x.upper());
    return above && below;
  };
  for (const int mode : {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO}) {
    ASSERT_EQ(std::fesetround(mode), 0);
    for (int trial = 0; trial < 2000; ++trial) {
      double a = draw(), b = draw(), c = draw(), e = draw();
      if (a > b) std::swap(a, b);
      if (c > e) std::swap(c, e);
      const interval x(a, b), y(c, e);
      for (const double p : {a, b})
        for (const double q : {c, e}) {
          const rational exact_p(p), exact_q(q);
          EXPECT_TRUE(encloses(x + y, exact_p + exact_q)) << p << " + " << q << " in mode " << mode;
          EXPECT_TRUE(encloses(x - y, exact_p - exact_q)) << p << " - " << q << " in mode " << mode;
          EXPECT_TRUE(encloses(x * y, exact_p * exact_q)) << p << " * " << q << " in mode " << mode;
          if (c > 0 || e < 0) {
            EXPECT_TRUE(encloses(x / y, exact_p / exact_q)) << p << " / " << q << " in mode " << mode;
          }
        }
    }
  }
  std::fesetround(FE_TONEAREST);
  // Exact operands stay tight: one ulp outward, not more.
  const interval third = interval(1.0) / interval(3.0);
  EXPECT_EQ(third.lower(), std::nextafter(1.0 / 3.0, 0.0));
  EXPECT_EQ(third.upper(), std::nextafter(1.0 / 3.0, 1.0));
}

// The enclosures the search prunes with, against exact arithmetic. On
// random games (payoffs from 1e-3 to 1e12 in double; thirds and sevenths
// in rationals, which no double holds), random supports and random boxes
// reaching past the simplex: the range `value` returns for each equation
// holds the exact value at random points of the box; on a thin box it is
// also tight (width within 1e-9 of the payoffs' scale); and `outside`
// never claims a strategy better or worse than exact arithmetic says.
// The values are computed in double with an error bound (`corner_values`),
// so an error bound that were too small, or a probability rounded without
// its error counted, would show here as an exact value outside its range.
template <scalar Scalar>
void expect_ranges_enclose_exact_values(const strategic_game<Scalar>& game, std::mt19937_64& generator) {
  using detail::interval;
  const auto counts = game.strategy_counts();
  const std::size_t n = counts.size();
  const auto full = detail::enclosing_payoffs(game);
  const auto corners = detail::corner_payoffs_of(game, convert<double>(game));
  const detail::multilinear_payoffs<rational> exact(convert<rational>(game));
  double scale = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t p = 0; p < game.num_profiles(); ++p) scale = std::max(scale, std::abs(scalar_cast<double>(game.payoff(i, p))));
  std::uniform_real_distribution<double> unit(-1.0 / 1024, 1 + 1.0 / 1024);
  for (int trial = 0; trial < 40; ++trial) {
    support_profile support(n);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t s = 0; s < counts[i]; ++s)
        if (generator() % 3 != 0) support[i].push_back(s);
      if (support[i].empty()) support[i].push_back(generator() % counts[i]);
    }
    detail::support_system system(full, corners, detail::enclosing_payoffs(restrict_strategies(game, support)), support);
    const std::size_t d = system.dimension();
    if (d == 0) continue;
    for (const bool thin : {true, false}) {
      detail::interval_vector box(d);
      for (auto& x : box) {
        double a = unit(generator), b = thin ? a : unit(generator);
        if (a > b) std::swap(a, b);
        x = interval(a, b);
      }
      detail::interval_vector ranges;
      system.value(box, ranges);
      ASSERT_EQ(ranges.size(), d);
      const int verdict = system.outside(box);
      for (int point = 0; point < (thin ? 1 : 8); ++point) {
        // An exact point of the box, and its profile in rationals.
        std::vector<rational> sigma(game.total_strategies(), rational(0));
        std::size_t u = 0, offset = 0;
        std::vector<std::size_t> offsets;
        for (std::size_t i = 0; i < n; ++i) {
          offsets.push_back(offset);
          rational rest(1);
          for (std::size_t k = 1; k < support[i].size(); ++k, ++u) {
            const double low = box[u].lower(), high = box[u].upper();
            const double t = std::uniform_real_distribution<double>(0, 1)(generator);
            const rational x = point == 0 ? rational(low) : point == 1 ? rational(high) : rational(std::clamp(low + t * (high - low), low, high));
            sigma[offset + support[i][k]] = x;
            rest -= x;
          }
          sigma[offset + support[i][0]] = rest;
          offset += counts[i];
        }
        std::vector<rational> values(game.total_strategies());
        exact.strategy_values(sigma.data(), values.data());
        std::size_t r = 0;
        bool better = false, all_worse = true;
        for (std::size_t i = 0; i < n; ++i) {
          const rational& reference = values[offsets[i] + support[i][0]];
          for (std::size_t k = 1; k < support[i].size(); ++k, ++r) {
            const rational difference = values[offsets[i] + support[i][k]] - reference;
            EXPECT_LE(rational(ranges[r].lower()), difference) << "equation " << r << ", trial " << trial;
            EXPECT_GE(rational(ranges[r].upper()), difference) << "equation " << r << ", trial " << trial;
            if (thin) {
              EXPECT_LE(ranges[r].upper() - ranges[r].lower(), 1e-9 * std::max(scale, 1.0));
            }
          }
          for (std::size_t s = 0; s < counts[i]; ++s) {
            if (std::find(support[i].begin(), support[i].end(), s) != support[i].end()) continue;
            const rational gain = values[offsets[i] + s] - reference;
            better = better || gain > 0;
            all_worse = all_worse && gain < 0;
          }
        }
        if (verdict < 0) {
          EXPECT_TRUE(better) << "an outside strategy claimed better, trial " << trial;
        }
        if (verdict > 0) {
          EXPECT_TRUE(all_worse) << "outside strategies claimed worse, trial " << trial;
        }
      }
    }
  }
}

TEST(polynomial_enumeration, ranges_enclose_the_exact_values_of_the_equations) {
  std::mt19937_64 generator(11);
  for (const std::vector<std::size_t>& counts : std::vector<std::vector<std::size_t>>{{3, 3, 3}, {4, 3, 2}, {2, 2, 2, 2}, {3, 2, 2, 2, 2}}) {
    strategic_game<double> doubles(counts);
    strategic_game<rational> fractions(counts);
    std::uniform_real_distribution<double> mantissa(-1, 1);
    for (std::size_t i = 0; i < counts.size(); ++i)
      for (std::size_t p = 0; p < doubles.num_profiles(); ++p) {
        doubles.set_payoff(i, p, std::ldexp(mantissa(generator), static_cast<int>(generator() % 50) - 10));
        fractions.set_payoff(i, p, rational(static_cast<long>(generator() % 2001) - 1000, generator() % 2 ? 3L : 7L));
      }
    expect_ranges_enclose_exact_values(doubles, generator);
    expect_ranges_enclose_exact_values(fractions, generator);
  }
}

/// Every equilibrium lies in its box; the boxes are tight; each passed the check.
void expect_certified(const polynomial_enumeration_result& result) {
  ASSERT_EQ(result.boxes.size(), result.equilibria.size());
  for (std::size_t e = 0; e < result.equilibria.size(); ++e) {
    const auto& flat = result.equilibria[e].flat();
    ASSERT_EQ(result.boxes[e].size(), flat.size());
    for (std::size_t k = 0; k < flat.size(); ++k) {
      EXPECT_LE(result.boxes[e][k].first, flat[k]);
      EXPECT_GE(result.boxes[e][k].second, flat[k]);
      EXPECT_LT(result.boxes[e][k].second - result.boxes[e][k].first, 1e-6);
    }
    EXPECT_LE(result.relative_regrets[e], 1e-9);
  }
}

/// Whether `exact` lies in one of the result's boxes.
bool boxed(const polynomial_enumeration_result& result, const mixed_profile<rational>& exact) {
  for (const auto& box : result.boxes) {
    bool inside = true;
    for (std::size_t k = 0; k < box.size() && inside; ++k)
      inside = rational(box[k].first) <= exact.flat()[k] && exact.flat()[k] <= rational(box[k].second);
    if (inside) return true;
  }
  return false;
}

TEST(polynomial_enumeration, unique_completely_mixed_equilibrium_is_boxed_exactly) {
  const auto result = polynomial_enumeration(test::weighted_jordan<rational>());
  EXPECT_EQ(result.status, run_status::complete);
  ASSERT_EQ(result.equilibria.size(), 1u);
  expect_certified(result);
  EXPECT_TRUE(boxed(result, test::weighted_jordan_equilibrium<rational>()));
  EXPECT_TRUE(result.degenerate_supports.empty());
}

TEST(polynomial_enumeration, cyclic_pennies_with_four_players) {
  const auto result = polynomial_enumeration(test::cyclic_pennies<double>(4));
  ASSERT_EQ(result.equilibria.size(), 1u);
  expect_certified(result);
  EXPECT_TRUE(boxed(result, test::cyclic_pennies_equilibrium<rational>(4)));
}

TEST(polynomial_enumeration, supports_in_porter_nudelman_shoham_order) {
  const auto supports = detail::supports_in_pns_order({2, 3, 2});
  EXPECT_EQ(supports.size(), 3u * 7u * 3u);
  EXPECT_EQ(supports.front(), (support_profile{{0}, {0}, {0}}));
  EXPECT_EQ(supports.back(), (support_profile{{0, 1}, {0, 1, 2}, {0, 1}}));
  // Sizes never decrease in total; among equal totals, balanced first.
  std::size_t previous = 0;
  for (const auto& s : supports) {
    const std::size_t total = s[0].size() + s[1].size() + s[2].size();
    EXPECT_GE(total, previous);
    previous = total;
  }
  // Total 4: (2,1,1), (1,2,1), (1,1,2) (spread 1) come before none else; total
  // 5 puts (2,2,1)... before (1,3,1) (spread 2).
  std::size_t first_131 = 0, last_221 = 0;
  for (std::size_t k = 0; k < supports.size(); ++k) {
    const auto& s = supports[k];
    if (s[0].size() == 1 && s[1].size() == 3 && s[2].size() == 1 && first_131 == 0) first_131 = k;
    if (s[0].size() + s[1].size() + s[2].size() == 5 && s[1].size() == 2) last_221 = k;
  }
  EXPECT_LT(last_221, first_131);
}

TEST(polynomial_enumeration, all_zero_payoffs_pure_profiles_certified_mixed_supports_degenerate) {
  const strategic_game<rational> game({2, 2, 2});
  const auto result = polynomial_enumeration(game);
  EXPECT_EQ(result.status, run_status::complete);
  EXPECT_EQ(result.equilibria.size(), 8u);  // every pure profile
  EXPECT_FALSE(result.degenerate_supports.empty());
  for (const auto& e : result.equilibria) EXPECT_EQ(max_regret(convert<double>(game), e), 0.0);
}

TEST(polynomial_enumeration, a_player_with_one_strategy) {
  const auto result = polynomial_enumeration(test::jordan_with_dummy<rational>());
  ASSERT_EQ(result.equilibria.size(), 1u);
  expect_certified(result);
  EXPECT_EQ(result.equilibria[0](3, 0), 1.0);
}

TEST(polynomial_enumeration, duplicated_strategies_give_one_equilibrium_per_copy_and_a_degenerate_support) {
  const auto game = test::with_duplicate(test::weighted_jordan<rational>(), 1, 0);
  const auto result = polynomial_enumeration(game);
  ASSERT_GE(result.equilibria.size(), 2u);
  expect_certified(result);
  const auto jordan = test::weighted_jordan_equilibrium<double>();
  for (const auto& e : result.equilibria) {
    EXPECT_NEAR(e(1, 0) + e(1, 2), jordan(1, 0), 1e-9);
    EXPECT_NEAR(e(0, 0), jordan(0, 0), 1e-9);
  }
  EXPECT_FALSE(result.degenerate_supports.empty());  // both copies at once: a segment
}

TEST(polynomial_enumeration, payoffs_of_1e12) {
  const auto game = test::scaled(test::weighted_jordan<rational>(), rational(1000000000000LL));
  const auto result = polynomial_enumeration(game);
  ASSERT_EQ(result.equilibria.size(), 1u);
  expect_certified(result);
  EXPECT_TRUE(boxed(result, test::weighted_jordan_equilibrium<rational>()));
}

TEST(polynomial_enumeration, running_out_of_the_budget_is_a_status) {
  // A random 4x4x4 game: its larger supports take hundreds of boxes each.
  const auto result = polynomial_enumeration(random_game<double>({4, 4, 4}, {.seed = 1}), {.max_boxes_per_support = 2});
  EXPECT_EQ(result.status, run_status::limit_reached);
  EXPECT_FALSE(result.exhausted_supports.empty());
  EXPECT_FALSE(result.reason.empty());
}

TEST(polynomial_enumeration, cancelled_and_limited) {
  std::stop_source source;
  source.request_stop();
  EXPECT_EQ(polynomial_enumeration(test::weighted_jordan<double>(), {.stop_token = source.get_token()}).status,
            run_status::cancelled);
  const strategic_game<double> zero({2, 2, 2});
  const auto two = polynomial_enumeration(zero, {.max_equilibria = 2});
  EXPECT_EQ(two.status, run_status::limit_reached);
  EXPECT_EQ(two.equilibria.size(), 2u);
}

TEST(polynomial_enumeration, refuses_players_with_too_many_strategies) {
  const strategic_game<double> game({21, 2, 2});
  EXPECT_THROW((void)polynomial_enumeration(game), invalid_argument);
}


// McKelvey and McLennan's 2x2x2 game has nine equilibria, two of them
// completely mixed. Gambit's enumpoly hangs or misses one on some machines
// (#198, #474, #591, #1055); here all nine, certified, every run.
TEST(polynomial_enumeration, gambit_198_474_591_1055_all_nine_equilibria_of_the_2x2x2_game) {
  if (!test::corpus_present()) GTEST_SKIP() << "the Gambit corpus (../shared/corpus) is absent";
  const auto game = read_nfg_file(test::corpus_dir() / "gambit" / "contrib-2x2x2.nfg");
  for (int run = 0; run < 3; ++run) {
    const auto result = polynomial_enumeration(game);
    EXPECT_EQ(result.status, run_status::complete);
    ASSERT_EQ(result.equilibria.size(), 9u);
    expect_certified(result);
    EXPECT_TRUE(result.degenerate_supports.empty());
    std::size_t completely_mixed = 0;
    for (const auto& e : result.equilibria) {
      bool interior = true;
      for (const double p : e.flat()) interior = interior && p > 0;
      completely_mixed += interior;
    }
    EXPECT_EQ(completely_mixed, 2u);
  }
}

// Every corpus game with three or more players that runs in seconds: each
// equilibrium Gambit's enumpoly lists is found (certified, or on a
// degenerate support as a checked point, or as nearby fractions that are
// exactly an equilibrium).
void check_corpus_game(const std::filesystem::path& path) {
  bool found = false;
  const auto expected = test::expected_lines(path, "enumpoly", found);
  ASSERT_TRUE(found) << path;
  const auto result = polynomial_enumeration(read_nfg_file(path));
  EXPECT_EQ(result.status, run_status::complete) << path.filename() << ": " << result.reason;
  expect_certified(result);
  for (const auto& line : expected) {
    const auto gambit = test::numbers_of(line);
    bool matched = false;
    const auto near = [&](const mixed_profile<double>& e) {
      double gap = 0;
      for (std::size_t k = 0; k < gambit.size(); ++k) gap = std::max(gap, std::abs(e.flat()[k] - gambit[k]));
      return gap < 1e-5;
    };
    for (const auto& e : result.equilibria) matched = matched || near(e);
    for (const auto& e : result.degenerate_points) matched = matched || near(e);
    EXPECT_TRUE(matched) << path.filename() << ": Gambit's " << line << " not found";
  }
}

// Every corpus game with three or more players and an answer from Gambit's
// enumpoly (14 games, 2.6 s in Release, 5x4x3 the slowest).
TEST(polynomial_enumeration, DISABLED_corpus_games_against_gambit_enumpoly) {
  if (!test::corpus_present()) GTEST_SKIP() << "the Gambit corpus (../shared/corpus) is absent";
  std::size_t games = 0;
  for (const auto& path : test::corpus_games_with_enumpoly_answers()) {
    ++games;
    check_corpus_game(path);
  }
  EXPECT_EQ(games, 14u);
}

}  // namespace
}  // namespace impasse
