#include <impasse/io/nfg.hpp>

#include "corpus.hpp"
#include "malformed.hpp"
#include "test_games.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
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

// Read in double, a game is the exact game converted, payoff for payoff and
// bit for bit: on every .nfg of the corpus (both versions, integers,
// decimals, fractions) and on payoffs at the fast path's edges.
TEST(ReadNfgInDouble, IsTheExactGameConverted) {
  const auto same = [](const strategic_game<rational>& exact, const strategic_game<double>& in_double,
                       const std::string& name) {
    const auto converted = convert<double>(exact);
    ASSERT_EQ(in_double.strategy_counts(), converted.strategy_counts()) << name;
    EXPECT_EQ(in_double.title(), converted.title()) << name;
    EXPECT_EQ(in_double.comment(), converted.comment()) << name;
    for (std::size_t i = 0; i < converted.num_players(); ++i) {
      EXPECT_EQ(in_double.player_label(i), converted.player_label(i)) << name;
      for (std::size_t s = 0; s < converted.num_strategies(i); ++s)
        EXPECT_EQ(in_double.strategy_label(i, s), converted.strategy_label(i, s)) << name;
      const auto expected = converted.payoffs(i);
      const auto got = in_double.payoffs(i);
      for (std::size_t p = 0; p < expected.size(); ++p)
        ASSERT_EQ(std::bit_cast<std::uint64_t>(got[p]), std::bit_cast<std::uint64_t>(expected[p]))
            << name << ": player " << i + 1 << ", profile " << p;
    }
  };
  const std::string edges =
      "NFG 1 D \"edges\" { \"1\" \"2\" } { 2 2 }\n"
      "0.1 -0 123456789012345 1234567890123456 0.0000000000000000000001 0.00000000000000000000001 "
      "1/3 -2.5e-7\n";
  same(parse_nfg(edges), parse_nfg<double>(edges), "edges");
  const std::string outcomes =
      "NFG 1 R \"o\" { \"Row\" \"Col\" }\n{ { \"U\" \"D\" } { \"L\" \"R\" } }\n"
      "{ { \"a\" 1/3, -0.7 } { \"\" 2.25 1e3 } }\n1 0 2 1\n";
  same(parse_nfg(outcomes), parse_nfg<double>(outcomes), "outcomes");
  if (!test::corpus_present()) GTEST_SKIP() << "corpus not found at " << test::corpus_dir();
  std::size_t files = 0;
  for (const auto& path : test::corpus_games(".nfg")) {
    same(read_nfg_file(path), read_nfg_file<double>(path), path.filename().string());
    ++files;
  }
  EXPECT_GT(files, 40u);
}

TEST(ReadNfgInDouble, MalformedFilesGiveTheSameErrors) {
  test::check_malformed_files("malformed", ".nfg", [](const std::string& path) { return read_nfg_file<double>(path); });
}

TEST(ReadNfgInDouble, APayoffNoDoubleHoldsIsAnErrorAtItsPlace) {
  try {
    (void)parse_nfg<double>("NFG 1 R \"t\" { \"A\" \"B\" } { 2 1 }\n1 2\n3 -1e400\n", "big.nfg");
    FAIL() << "accepted";
  } catch (const parse_error& e) {
    EXPECT_EQ(e.line(), 3u) << e.what();
    EXPECT_EQ(e.column(), 3u) << e.what();
    EXPECT_NE(e.message().find("range of a double"), std::string::npos) << e.what();
  }
  // In rationals the same file is a game.
  EXPECT_EQ(parse_nfg("NFG 1 R \"t\" { \"A\" \"B\" } { 2 1 }\n1 2\n3 -1e400\n").num_players(), 2u);
}

// An outcome no profile uses may hold any number (found by the .nfg fuzzer:
// the reader in double refused a file whose exact game converts); one that
// a profile uses is an error at its payoff, naming the outcome and profile.
TEST(ReadNfgInDouble, AnOutcomeBeyondADoubleIsAnErrorOnlyWhereItIsUsed) {
  const std::string head = "NFG 1 R \"t\" { \"A\" \"B\" } { 2 1 }\n{ { \"\" 1 2 } { \"\" 3e999 4 } }\n";
  const auto unused = parse_nfg<double>(head + "1 0\n");
  EXPECT_EQ(unused.payoff(0, 0), 1.0);
  EXPECT_EQ(unused.payoff(1, 1), 0.0);
  try {
    (void)parse_nfg<double>(head + "1 2\n", "used.nfg");
    FAIL() << "accepted";
  } catch (const parse_error& e) {
    EXPECT_EQ(e.line(), 2u) << e.what();
    EXPECT_EQ(e.column(), 19u) << e.what();
    EXPECT_NE(e.message().find("beyond the range of a double (outcome 2 is used at profile 2)"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace impasse
