#include <impasse/io/efg.hpp>

#include "corpus.hpp"
#include "malformed.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace impasse {
namespace {

const char* const one_card_poker =
    "EFG 2 R \"A simple poker game\" { \"Fred\" \"Alice\" }\n"
    "\"one-card poker\"\n\n"
    "c \"\" 1 \"\" { \"Red\" 1/2 \"Black\" 1/2 } 0\n"
    "p \"\" 1 1 \"\" { \"Raise\" \"Fold\" } 0\n"
    "p \"\" 2 1 \"\" { \"Meet\" \"Pass\" } 0\n"
    "t \"\" 1 \"Win Big\" { 2, -2 }\n"
    "t \"\" 2 \"Win\" { 1, -1 }\n"
    "t \"\" 2 \"Win\" { 1, -1 }\n"
    "p \"\" 1 2 \"\" { \"Raise\" \"Fold\" } 0\n"
    "p \"\" 2 1 0\n"
    "t \"\" 3 \"Lose Big\" { -2, 2 }\n"
    "t \"\" 2\n"
    "t \"\" 4 \"Lose\" { -1, 1 }\n";

TEST(ReadEfg, OneCardPoker) {
  const auto game = parse_efg(one_card_poker);
  EXPECT_EQ(game.title(), "A simple poker game");
  EXPECT_EQ(game.comment(), "one-card poker");
  EXPECT_EQ(game.num_players(), 2u);
  EXPECT_EQ(game.num_nodes(), 11u);
  ASSERT_EQ(game.chance_information_sets().size(), 1u);
  const auto& deal = game.infoset(game.chance_information_sets()[0]);
  EXPECT_EQ(deal.actions, (std::vector<std::string>{"Red", "Black"}));
  EXPECT_EQ(deal.probabilities, (std::vector<rational>{rational(1, 2), rational(1, 2)}));
  EXPECT_EQ(game.player_information_sets(0).size(), 2u);
  ASSERT_EQ(game.player_information_sets(1).size(), 1u);
  // Alice cannot see the card: her one information set has two nodes.
  EXPECT_EQ(game.infoset(game.player_information_sets(1)[0]).nodes.size(), 2u);
  EXPECT_EQ(game.num_outcomes(), 4u);
  // Red, Raise, Meet: Fred wins big.
  const std::size_t red = game.node(game.root()).children[0];
  const std::size_t raise = game.node(red).children[0];
  const std::size_t meet = game.node(raise).children[0];
  EXPECT_EQ(game.payoffs_at(meet), (std::vector<rational>{2, -2}));
  EXPECT_EQ(game.player_at(raise), 1u);
  EXPECT_EQ(game.player_at(game.root()), chance_player);
}

TEST(ReadEfg, OutcomesAddUpAlongThePath) {
  const auto game = parse_efg(
      "EFG 2 R \"t\" { \"A\" }\n"
      "p \"\" 1 1 \"\" { \"x\" \"y\" } 1 \"toll\" { -1 }\n"
      "t \"\" 2 \"prize\" { 5 }\n"
      "t \"\" 0\n");
  EXPECT_EQ(game.payoffs_at(game.node(0).children[0]), (std::vector<rational>{4}));
  EXPECT_EQ(game.payoffs_at(game.node(0).children[1]), (std::vector<rational>{-1}));
}

TEST(ReadEfg, DuplicateLabelsAreStillAGame) {
  // Gambit's newer label rules reject these; they are well-formed games.
  const auto game = parse_efg(
      "EFG 2 R \"dup\" { \"A\" \"B\" }\n"
      "p \"n\" 1 1 \"h\" { \"x\" \"x\" } 0\n"
      "p \"n\" 2 1 \"h\" { \"l\" \"r\" } 0\n"
      "t \"n\" 1 \"o\" { 1, 2 }\n"
      "t \"n\" 2 \"o\" { 3, 4 }\n"
      "p \"n\" 2 2 \"h\" { \"l\" \"r\" } 0\n"
      "t \"n\" 3 \"o\" { 5, 6 }\n"
      "t \"n\" 4 \"o\" { 7, 8 }\n");
  EXPECT_EQ(game.player_information_sets(1).size(), 2u);
}

TEST(WriteEfg, RoundTrips) {
  const auto game = parse_efg(one_card_poker);
  EXPECT_EQ(parse_efg(to_efg(game)), game);
  const auto as_double = convert<double>(game);
  EXPECT_EQ(convert<double>(parse_efg(to_efg(as_double))), as_double);
}

TEST(WriteEfg, DeepTreesNeedNoDeepRecursion) {
  // A centipede-like chain 100000 moves long: reading and writing it must
  // not recurse once per level.
  extensive_game<rational> game({"A", "B"});
  const std::size_t stop = game.add_outcome({1, 0}, "stop");
  std::size_t n = game.root();
  for (std::size_t level = 0; level < 100000; ++level) {
    game.add_decision(n, level % 2, {"take", "pass"});
    game.set_outcome(game.node(n).children[0], stop);
    n = game.node(n).children[1];
  }
  const auto text = to_efg(game);
  const auto back = parse_efg(text);
  EXPECT_EQ(back.num_nodes(), game.num_nodes());
  EXPECT_EQ(to_efg(back), text);
}

TEST(BuildExtensiveGame, RejectsImpossibleMoves) {
  extensive_game<rational> game({"A", "B"});
  EXPECT_THROW(game.add_decision(0, 2, {"x"}), invalid_game);
  EXPECT_THROW(game.add_decision(0, 0, {}), invalid_game);
  EXPECT_THROW(game.add_chance(0, {"a", "b"}, {rational(1, 2), rational(1, 3)}), invalid_game);
  EXPECT_THROW(game.add_chance(0, {"a", "b"}, {rational(3, 2), rational(-1, 2)}), invalid_game);
  EXPECT_THROW(game.add_outcome({1}), invalid_game);
  const auto h = game.add_decision(0, 0, {"x", "y"});
  EXPECT_THROW(game.add_decision(0, 1, {"z"}), invalid_game);  // node 0 already moves
  game.add_to_information_set(1, h);
  EXPECT_THROW(game.set_outcome(2, 7), invalid_game);
  extensive_game<double> floating({"A"});
  EXPECT_THROW(floating.add_outcome({std::nan("")}), invalid_game);
  EXPECT_THROW(floating.add_chance(0, {"a"}, {std::nan("")}), invalid_game);
}

TEST(ReadEfg, MalformedFilesGiveParseErrorsWithLocation) {
  EXPECT_GE(test::malformed_cases("malformed-efg").size(), 17u);
  test::check_malformed_files("malformed-efg", ".efg", [](const std::string& path) { return read_efg_file(path); });
}

TEST(Corpus, EveryExtensiveGameLoadsAndRoundTrips) {
  if (!test::corpus_present()) GTEST_SKIP() << "no Gambit corpus at " << test::corpus_dir();
  const auto files = test::corpus_games(".efg");
  ASSERT_EQ(files.size(), 118u);
  for (const auto& path : files) {
    SCOPED_TRACE(path.filename().string());
    const auto game = read_efg_file(path);
    EXPECT_EQ(parse_efg(to_efg(game)), game);
    const auto as_double = convert<double>(game);
    EXPECT_EQ(convert<double>(parse_efg(to_efg(as_double))), as_double);
  }
}

}  // namespace
}  // namespace impasse
