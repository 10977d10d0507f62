// Gambit's own games and Gambit's own answers: every .nfg loads, writes
// back to the same game, and has the pure equilibria gambit-enumpure found.
#include <impasse/impasse.hpp>

#include "corpus.hpp"

#include <gtest/gtest.h>

namespace impasse {
namespace {

TEST(Corpus, EveryStrategicGameLoadsAndRoundTrips) {
  if (!test::corpus_present()) GTEST_SKIP() << "no Gambit corpus at " << test::corpus_dir();
  const auto files = test::corpus_games(".nfg");
  ASSERT_EQ(files.size(), 52u);
  for (const auto& path : files) {
    SCOPED_TRACE(path.filename().string());
    const auto game = read_nfg_file(path);
    EXPECT_EQ(parse_nfg(to_nfg(game)), game);
    const auto as_double = convert<double>(game);
    EXPECT_EQ(convert<double>(parse_nfg(to_nfg(as_double))), as_double);
  }
}

TEST(Corpus, PureEquilibriaMatchGambitEnumpure) {
  if (!test::corpus_present()) GTEST_SKIP() << "no Gambit corpus at " << test::corpus_dir();
  std::size_t compared = 0, equilibria = 0;
  for (const auto& path : test::corpus_games(".nfg")) {
    SCOPED_TRACE(path.filename().string());
    bool found = false;
    const auto expected = test::expected_lines(path, "enumpure", found);
    if (!found) continue;
    const auto game = read_nfg_file(path);
    std::set<std::string> exact_lines, double_lines;
    for (const auto& e : pure_strategy_enumeration(game).equilibria) {
      const auto profile = mixed_profile<rational>::pure(game.strategy_counts(), e);
      EXPECT_EQ(max_regret(game, profile), rational(0));
      exact_lines.insert(gambit_line("NE", profile, {.exact = true}));
    }
    const auto as_double = convert<double>(game);
    for (const auto& e : pure_strategy_enumeration(as_double).equilibria)
      double_lines.insert(gambit_line("NE", mixed_profile<double>::pure(game.strategy_counts(), e), {.exact = true}));
    EXPECT_EQ(exact_lines, expected);
    EXPECT_EQ(double_lines, expected);
    ++compared;
    equilibria += expected.size();
  }
  EXPECT_EQ(compared, 52u);
  EXPECT_GT(equilibria, 50u);
}

}  // namespace
}  // namespace impasse
