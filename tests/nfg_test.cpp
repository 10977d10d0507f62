#include <impasse/io/nfg.hpp>

#include "malformed.hpp"
#include "test_games.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace impasse {
namespace {

TEST(ReadNfg, PayoffVersionWithCounts) {
  const auto game = parse_nfg(
      "NFG 1 R \"Selten (IJGT, 75), Figure 2, normal form\"\n"
      "{ \"Player 1\" \"Player 2\" } { 3 2 }\n\n1 1 0 2 0 2 1 1 0 3 2 0\n");
  EXPECT_EQ(game.title(), "Selten (IJGT, 75), Figure 2, normal form");
  ASSERT_EQ(game.strategy_counts(), (std::vector<std::size_t>{3, 2}));
  EXPECT_EQ(game.player_label(1), "Player 2");
  EXPECT_EQ(game.strategy_label(0, 2), "3");
  // Profile 1 is (row 2, column 1): payoffs 0, 2.
  EXPECT_EQ(game.payoff(0, 1), rational(0));
  EXPECT_EQ(game.payoff(1, 1), rational(2));
  EXPECT_EQ(game.payoff(1, pure_profile{2, 1}), rational(0));
}

TEST(ReadNfg, OutcomeVersionWithLabelsAndNullOutcome) {
  const auto game = parse_nfg(
      "NFG 1 R \"outcomes\" { \"Row\" \"Col\" }\n"
      "{ { \"Up\" \"Down\" }\n{ \"Left\" \"Right\" }\n}\n\"a comment\"\n\n"
      "{\n{ \"win\" 1/2, -3 }\n{ \"\" 2.25 7 }\n}\n1 0 2 1\n");
  EXPECT_EQ(game.comment(), "a comment");
  EXPECT_EQ(game.strategy_label(0, 1), "Down");
  EXPECT_EQ(game.strategy_label(1, 0), "Left");
  EXPECT_EQ(game.payoff(0, pure_profile{0, 0}), rational(1, 2));
  EXPECT_EQ(game.payoff(1, pure_profile{0, 0}), rational(-3));
  EXPECT_EQ(game.payoff(0, pure_profile{1, 0}), rational(0));
  EXPECT_EQ(game.payoff(0, pure_profile{0, 1}), rational(9, 4));
  EXPECT_EQ(game.payoff(1, pure_profile{1, 1}), rational(-3));
}

TEST(ReadNfg, TokensNeedNoSpacesAndStringsTakeEscapes) {
  const auto game = parse_nfg(
      "NFG 1 R \"say \\\"hi\\\" \\\\ bye\"{\"A\"\"B\"}{{\"x\"\"y\"}{\"z\"}}\"multi\nline\"{{\"\"1,2}{\"\"3,4}}1 2");
  EXPECT_EQ(game.title(), "say \"hi\" \\ bye");
  EXPECT_EQ(game.comment(), "multi\nline");
  EXPECT_EQ(game.player_label(1), "B");
  EXPECT_EQ(game.payoff(1, pure_profile{1, 0}), rational(4));
}

TEST(ReadNfg, DecimalsAreExact) {
  const auto game = parse_nfg("NFG 1 D \"d\" { \"1\" } { 2 }\n0.1 -7.600000\n");
  EXPECT_EQ(game.payoff(0, 0), rational(1, 10));
  EXPECT_EQ(game.payoff(0, 1), rational(-38, 5));
}

TEST(WriteNfg, RoundTripsRationalGames) {
  auto game = test::bimatrix<rational>({{1, 2, 3}, {4, 5, 6}}, {{-1, 0, 1}, {7, 8, 9}});
  game.set_payoff(0, 3, rational(-22, 7));
  game.set_title("a \"quoted\" title with a \\ backslash, \\\" one before a quote, \\\\ two, and one at the end \\");
  game.set_comment("line one\nline two");
  game.set_player_label(0, "Washington");
  game.set_strategy_label(1, 2, "escalate");
  EXPECT_EQ(parse_nfg(to_nfg(game)), game);
  // A lone backslash is written as Gambit writes it.
  EXPECT_NE(to_nfg(game).find("with a \\ backslash"), std::string::npos);
}

TEST(ReadNfg, BackslashesAsGambitReadsThem) {
  const auto game = parse_nfg("NFG 1 R \"C:\\games\\x \\\" q\" { \"1\" } { 1 } 0");
  EXPECT_EQ(game.title(), "C:\\games\\x \" q");
}

TEST(WriteNfg, RoundTripsDoublesExactly) {
  auto game = test::bimatrix<double>({{1, 2}, {3, 4}}, {{5, 6}, {7, 8}});
  game.set_payoff(0, 0, 0.1);
  game.set_payoff(1, 1, 1e-300);
  game.set_payoff(1, 2, -12345678.9);
  game.set_payoff(0, 3, 1e22);
  EXPECT_EQ(convert<double>(parse_nfg(to_nfg(game))), game);
}

TEST(WriteNfg, ThreePlayerRoundTrip) {
  strategic_game<rational> game({2, 3, 2});
  for (std::size_t p = 0; p < game.num_profiles(); ++p)
    for (std::size_t i = 0; i < 3; ++i) game.set_payoff(i, p, rational(static_cast<long>(p * 3 + i), 5));
  EXPECT_EQ(parse_nfg(to_nfg(game)), game);
}

TEST(ReadNfgFile, MissingFileIsAFileError) {
  EXPECT_THROW((void)read_nfg_file("/nonexistent/impasse/game.nfg"), file_error);
}

TEST(ReadNfg, MalformedFilesGiveParseErrorsWithLocation) {
  EXPECT_GE(test::malformed_cases("malformed").size(), 25u);
  test::check_malformed_files("malformed", ".nfg", [](const std::string& path) { return read_nfg_file(path); });
}

}  // namespace
}  // namespace impasse
