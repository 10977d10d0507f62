// The lrsnash oracle (ctest label `oracle`): several hundred generated
// two-player games across every generator family, square (2x2 to 12x12)
// and not, degenerate and not. On each, impasse's extreme equilibria must
// equal those of lrsnash (lrslib's exact vertex enumeration, Avis et al.)
// exactly, in rationals and in doubles; and Lemke-Howson from every label
// must end at one of them within its pivot limit, or say that it did not.
#include <impasse/io/equilibrium_output.hpp>
#include <impasse/strategic/generators.hpp>
#include <impasse/strategic/lemke_howson.hpp>
#include <impasse/strategic/regret.hpp>
#include <impasse/strategic/vertex_enumeration.hpp>

#include "lrsnash.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <stdexcept>
#include <set>
#include <string>
#include <vector>

namespace impasse {
namespace {

struct oracle_game {
  std::string name;
  strategic_game<rational> game;
};

std::vector<oracle_game> oracle_games() {
  std::vector<oracle_game> out;
  const auto add = [&](std::string name, strategic_game<rational> game) { out.push_back({std::move(name), std::move(game)}); };
  for (std::size_t n = 2; n <= 12; ++n)
    for (std::uint64_t seed = 1; seed <= (n <= 8 ? 12u : 4u); ++seed)
      add("random " + std::to_string(n) + "x" + std::to_string(n) + " seed " + std::to_string(seed),
          random_game<rational>({n, n}, {.seed = seed}));
  const std::vector<std::vector<std::size_t>> shapes = {{2, 5}, {5, 2}, {3, 7}, {7, 3}, {4, 9}, {9, 4}, {6, 11}, {12, 5}};
  for (const auto& shape : shapes)
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
      const std::string size = std::to_string(shape[0]) + "x" + std::to_string(shape[1]) + " seed " + std::to_string(seed);
      add("random " + size, random_game<rational>(shape, {.seed = seed}));
      add("degenerate " + size, random_degenerate_game<rational>(shape, {.seed = seed, .max_payoff = 2}));
      add("unit vector " + size, unit_vector_game<rational>(shape[0], shape[1], {.seed = seed}));
      add("zero-sum " + size, random_zero_sum_game<rational>(shape[0], shape[1], {.seed = seed}));
    }
  for (std::size_t n = 2; n <= 8; ++n)
    for (std::uint64_t seed = 1; seed <= 6; ++seed)
      add("degenerate " + std::to_string(n) + "x" + std::to_string(n) + " seed " + std::to_string(seed),
          random_degenerate_game<rational>({n, n}, {.seed = seed, .max_payoff = static_cast<std::int64_t>(seed % 3) + 1}));
  for (std::size_t n = 1; n <= 6; ++n) add("coordination " + std::to_string(n), coordination_game<rational>(n));
  for (std::size_t k = 2; k <= 3; ++k) add("Sandholm-Gilpin-Conitzer " + std::to_string(k), sandholm_gilpin_conitzer_game<rational>(k));
  for (std::size_t d = 2; d <= 6; d += 2) add("Savani-von Stengel " + std::to_string(d), savani_von_stengel_game<rational>(d));
  for (std::size_t n = 2; n <= 6; ++n)
    for (std::uint64_t seed = 1; seed <= 3; ++seed)
      add("ranking " + std::to_string(n) + " seed " + std::to_string(seed), ranking_game<rational>(n, {.seed = seed}));
  add("Blotto 3 fields 4 soldiers", colonel_blotto_game<rational>(3, 4));
  add("Blotto 3 fields 5 vs 4 soldiers", colonel_blotto_game<rational>(3, 5, 4));
  return out;
}

/// lrsnash's answer for an oracle game, computed once per test program.
const std::set<std::string>& lrsnash_answer(const oracle_game& g) {
  static std::map<std::string, std::set<std::string>> answers;
  auto found = answers.find(g.name);
  if (found == answers.end()) {
    auto lines = test::lrsnash_equilibria(g.game);
    if (!lines) throw std::runtime_error("lrsnash did not run");
    found = answers.emplace(g.name, std::move(*lines)).first;
  }
  return found->second;
}

std::set<std::string> lines_of(const std::vector<mixed_profile<rational>>& equilibria) {
  std::set<std::string> out;
  for (const auto& e : equilibria) out.insert(gambit_line("NE", e, {.exact = true}));
  return out;
}

TEST(Oracle, VertexEnumerationEqualsLrsnash) {
  if (!test::lrsnash_present()) GTEST_SKIP() << "lrsnash is not installed (Debian package lrslib)";
  const auto games = oracle_games();
  ASSERT_GE(games.size(), 300u);
  std::size_t equilibria = 0, degenerate_games = 0;
  for (const auto& g : games) {
    const auto& [name, game] = g;
    SCOPED_TRACE(name);
    const auto* expected = &lrsnash_answer(g);
    ASSERT_FALSE(expected->empty());
    const auto exact = vertex_enumeration(game);
    EXPECT_EQ(exact.status, run_status::complete);
    EXPECT_EQ(lines_of(exact.equilibria), *expected);
    for (const auto& e : exact.equilibria) EXPECT_EQ(max_regret(game, e), rational(0));
    // A floating search confirmed exactly, depth first and by reverse search
    // (what `impasse solve --method vertex` runs): lrsnash's lines exactly,
    // as fractions, with the same components; and the exact reverse search.
    const auto components = vertex_enumeration(game, {.maximal_nash_subsets = true}).components.size();
    for (const auto search : {vertex_search::depth_first, vertex_search::reverse}) {
      const auto confirmed =
          vertex_enumeration(game, {.search = search, .maximal_nash_subsets = true, .floating_search = true});
      EXPECT_EQ(confirmed.status, run_status::complete);
      EXPECT_EQ(lines_of(confirmed.equilibria), *expected);
      EXPECT_EQ(confirmed.equilibria.size(), expected->size());
      for (const auto& e : confirmed.equilibria) EXPECT_EQ(max_regret(game, e), rational(0));
      EXPECT_EQ(confirmed.components.size(), components);
    }
    EXPECT_EQ(lines_of(vertex_enumeration(game, {.search = vertex_search::reverse}).equilibria), *expected);
    // In double: the same equilibria, each the double of an exact one.
    const auto floating = vertex_enumeration(convert<double>(game));
    EXPECT_EQ(floating.equilibria.size(), expected->size());
    std::set<std::string> rounded_expected, rounded;
    for (const auto& e : exact.equilibria) rounded_expected.insert(gambit_line("NE", convert<double>(e), {.decimals = 9}));
    for (const auto& e : floating.equilibria) rounded.insert(gambit_line("NE", e, {.decimals = 9}));
    EXPECT_EQ(rounded, rounded_expected);
    equilibria += expected->size();
    degenerate_games += expected->size() > 0 && name.find("degenerate") != std::string::npos;
  }
  EXPECT_GT(equilibria, 1000u);
  EXPECT_GT(degenerate_games, 50u);
}

TEST(Oracle, LemkeHowsonFromEveryLabelEndsAtAnExtremeEquilibrium) {
  if (!test::lrsnash_present()) GTEST_SKIP() << "lrsnash is not installed (Debian package lrslib)";
  std::size_t paths = 0;
  for (const auto& g : oracle_games()) {
    const auto& [name, game] = g;
    SCOPED_TRACE(name);
    const auto* expected = &lrsnash_answer(g);
    const auto as_double = convert<double>(game);
    const std::size_t labels = game.num_strategies(0) + game.num_strategies(1);
    for (std::size_t label = 1; label <= labels; ++label) {
      SCOPED_TRACE("label " + std::to_string(label));
      const auto exact = lemke_howson(game, {.initial_label = label, .max_pivots = 200'000});
      if (exact.status == run_status::limit_reached) {
        EXPECT_TRUE(exact.equilibria.empty());  // a limit is said, never an unchecked answer
        continue;
      }
      ASSERT_EQ(exact.status, run_status::complete);
      ASSERT_EQ(exact.equilibria.size(), 1u);
      EXPECT_EQ(max_regret(game, exact.equilibria[0]), rational(0));
      EXPECT_TRUE(expected->count(gambit_line("NE", exact.equilibria[0], {.exact = true})));
      const auto floating = lemke_howson(as_double, {.initial_label = label, .max_pivots = 200'000});
      ASSERT_EQ(floating.equilibria.size(), 1u);
      EXPECT_LE(max_regret(as_double, floating.equilibria[0]), 1e-9);
      ++paths;
    }
  }
  EXPECT_GT(paths, 3000u);
}

TEST(Oracle, LemkeHowsonSaysWhenItHitsThePivotLimit) {
  // The hard games need exponentially many pivots; a small limit must be reported.
  const auto game = savani_von_stengel_game<rational>(8);
  const auto result = lemke_howson(game, {.initial_label = 1, .max_pivots = 10});
  EXPECT_EQ(result.status, run_status::limit_reached);
  EXPECT_TRUE(result.equilibria.empty());
  EXPECT_EQ(result.pivots, 10u);
}

}  // namespace
}  // namespace impasse
