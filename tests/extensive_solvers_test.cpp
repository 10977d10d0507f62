// Pure equilibria and subgame perfection in extensive games: textbook games
// with known answers, and Gambit's own answers on the corpus.
#include <impasse/extensive_regret.hpp>
#include <impasse/io/efg.hpp>
#include <impasse/io/equilibrium_output.hpp>
#include <impasse/solvers/backward_induction.hpp>
#include <impasse/solvers/extensive_pure_equilibria.hpp>

#include "corpus.hpp"

#include <gtest/gtest.h>

#include <set>

namespace impasse {
namespace {

template <class Scalar>
std::string line(const behaviour_profile<Scalar>& profile) {
  return gambit_line("NE", profile, {.exact = true});
}

template <class Scalar>
std::set<std::string> lines(const std::vector<behaviour_profile<Scalar>>& profiles) {
  std::set<std::string> out;
  for (const auto& p : profiles) out.insert(line(p));
  return out;
}

/// Entry deterrence (Selten 1978): the entrant stays Out (0, 2) or goes In;
/// then the incumbent Fights (-1, -1) or Accommodates (1, 1).
template <class Scalar>
extensive_game<Scalar> entry_deterrence() {
  extensive_game<Scalar> game({"Entrant", "Incumbent"});
  game.add_decision(0, 0, {"In", "Out"});
  const auto in = game.node(0).children[0], out = game.node(0).children[1];
  game.add_decision(in, 1, {"Fight", "Accommodate"});
  game.set_outcome(game.node(in).children[0], game.add_outcome({Scalar(-1), Scalar(-1)}, "fight"));
  game.set_outcome(game.node(in).children[1], game.add_outcome({Scalar(1), Scalar(1)}, "share"));
  game.set_outcome(out, game.add_outcome({Scalar(0), Scalar(2)}, "monopoly"));
  return game;
}

template <class Scalar>
class ExtensiveSolversTest : public ::testing::Test {};
using Scalars = ::testing::Types<double, rational>;
TYPED_TEST_SUITE(ExtensiveSolversTest, Scalars);

TYPED_TEST(ExtensiveSolversTest, EntryDeterrenceHasAThreatThatIsNotCredible) {
  using S = TypeParam;
  const auto game = entry_deterrence<S>();
  // Two pure Nash equilibria: (In, Accommodate), and (Out, Fight) held up by
  // an incredible threat.
  const auto nash = pure_nash_equilibria(game);
  EXPECT_EQ(lines(nash.equilibria), (std::set<std::string>{"NE,1,0,0,1", "NE,0,1,1,0"}));
  // Only (In, Accommodate) is subgame perfect.
  const auto spe = backward_induction(game);
  ASSERT_EQ(spe.equilibria.size(), 1u);
  EXPECT_EQ(line(spe.equilibria[0]), "NE,1,0,0,1");
  EXPECT_EQ(spe.payoffs[0], (std::vector<S>{S(1), S(1)}));
  EXPECT_EQ(max_subgame_regret(game, spe.equilibria[0]), S(0));
  // The threat is a Nash equilibrium but not subgame perfect: zero regret at
  // the root, positive in the subgame after In.
  behaviour_profile<S> threat(game);
  threat(0, 1) = S(1);
  threat(1, 0) = S(1);
  EXPECT_EQ(behaviour_regrets(game, threat), (std::vector<S>{S(0), S(0)}));
  EXPECT_EQ(max_subgame_regret(game, threat), S(2));
}

/// Selten's chain store with `markets` entrants in turn, each choosing In or
/// Out against an incumbent who then Fights or Accommodates; payoffs add up.
template <class Scalar>
extensive_game<Scalar> chain_store(std::size_t markets) {
  std::vector<std::string> players{"Incumbent"};
  for (std::size_t k = 0; k < markets; ++k) players.push_back("Entrant " + std::to_string(k + 1));
  extensive_game<Scalar> game(players);
  std::vector<Scalar> stay(players.size(), Scalar(0)), fight(players.size(), Scalar(0)),
      share(players.size(), Scalar(0));
  std::vector<std::size_t> frontier{0};
  for (std::size_t k = 0; k < markets; ++k) {
    stay.assign(players.size(), Scalar(0));
    stay[0] = Scalar(5);
    stay[k + 1] = Scalar(1);
    fight.assign(players.size(), Scalar(0));
    share.assign(players.size(), Scalar(0));
    share[0] = Scalar(2);
    share[k + 1] = Scalar(2);
    const auto o_stay = game.add_outcome(stay), o_fight = game.add_outcome(fight), o_share = game.add_outcome(share);
    std::vector<std::size_t> next;
    for (auto n : frontier) {
      game.add_decision(n, k + 1, {"In", "Out"});
      const auto in = game.node(n).children[0];
      game.set_outcome(game.node(n).children[1], o_stay);
      game.add_decision(in, 0, {"Fight", "Accommodate"});
      game.set_outcome(game.node(in).children[0], o_fight);
      game.set_outcome(game.node(in).children[1], o_share);
      next.push_back(game.node(n).children[1]);
      next.push_back(game.node(in).children[0]);
      next.push_back(game.node(in).children[1]);
    }
    frontier = next;
  }
  return game;
}

TYPED_TEST(ExtensiveSolversTest, ChainStoreUnravels) {
  using S = TypeParam;
  const auto game = chain_store<S>(3);
  const auto spe = backward_induction(game);
  ASSERT_EQ(spe.equilibria.size(), 1u);
  // Every entrant enters and the incumbent always accommodates.
  const auto& profile = spe.equilibria[0];
  for (std::size_t h = 0; h < game.num_information_sets(); ++h) {
    const auto& set = game.infoset(h);
    EXPECT_EQ(profile(h, set.player == 0 ? 1 : 0), S(1)) << "information set " << h;
  }
  EXPECT_EQ(spe.payoffs[0], (std::vector<S>{S(6), S(2), S(2), S(2)}));
  EXPECT_EQ(max_subgame_regret(game, profile), S(0));
  // With two markets, deterrence (fight whoever enters, nobody enters) is a
  // Nash equilibrium that is not subgame perfect.
  const auto two = chain_store<S>(2);
  behaviour_profile<S> deterrence(two);
  for (std::size_t h = 0; h < two.num_information_sets(); ++h)
    deterrence(h, two.infoset(h).player == 0 ? 0 : 1) = S(1);
  EXPECT_EQ(behaviour_regrets(two, deterrence), (std::vector<S>{S(0), S(0), S(0)}));
  EXPECT_GT(max_subgame_regret(two, deterrence), S(0));
  const auto nash = pure_nash_equilibria(two);
  EXPECT_GT(nash.equilibria.size(), 1u);
}

/// A centipede of `length` moves: at move k the mover takes (k+2 for them, k
/// for the other) or passes; after the last pass both get `length`, though
/// passing all the way would have given each more than the first take.
template <class Scalar>
extensive_game<Scalar> centipede(std::size_t length) {
  extensive_game<Scalar> game({"A", "B"});
  std::size_t n = 0;
  for (std::size_t k = 0; k < length; ++k) {
    game.add_decision(n, k % 2, {"Take", "Pass"});
    std::vector<Scalar> take(2);
    take[k % 2] = Scalar(static_cast<long>(k + 2));
    take[1 - k % 2] = Scalar(static_cast<long>(k));
    game.set_outcome(game.node(n).children[0], game.add_outcome(take));
    n = game.node(n).children[1];
  }
  game.set_outcome(n, game.add_outcome({Scalar(static_cast<long>(length)), Scalar(static_cast<long>(length))}));
  return game;
}

TYPED_TEST(ExtensiveSolversTest, CentipedeTakesAtOnce) {
  using S = TypeParam;
  const auto game = centipede<S>(6);
  const auto spe = backward_induction(game);
  ASSERT_EQ(spe.equilibria.size(), 1u);
  for (std::size_t h = 0; h < game.num_information_sets(); ++h) EXPECT_EQ(spe.equilibria[0](h, 0), S(1));
  EXPECT_EQ(spe.payoffs[0], (std::vector<S>{S(2), S(0)}));
  EXPECT_EQ(max_subgame_regret(game, spe.equilibria[0]), S(0));
}

TYPED_TEST(ExtensiveSolversTest, ChanceMovesAverageContinuations) {
  using S = TypeParam;
  // Nature picks a high (1/3) or low (2/3) state; the worker, seeing it,
  // works (payoff 3 high, 0 low, cost 1) or shirks (0); the boss pays 2 for work.
  extensive_game<S> game({"Worker", "Boss"});
  game.add_chance(0, {"high", "low"}, {S(1) / S(3), S(2) / S(3)});
  const auto high = game.node(0).children[0], low = game.node(0).children[1];
  game.add_decision(high, 0, {"work", "shirk"});
  game.add_decision(low, 0, {"work", "shirk"});
  game.set_outcome(game.node(high).children[0], game.add_outcome({S(2), S(3)}));
  game.set_outcome(game.node(low).children[0], game.add_outcome({S(-1), S(0)}));
  const auto result = backward_induction(game);
  ASSERT_EQ(result.equilibria.size(), 1u);
  EXPECT_EQ(line(result.equilibria[0]), "NE,1,0,0,1");
  EXPECT_EQ(result.payoffs[0][0], S(2) / S(3));
  EXPECT_EQ(result.payoffs[0][1], S(1));
  EXPECT_EQ(expected_payoffs(game, result.equilibria[0]), result.payoffs[0]);
}

TYPED_TEST(ExtensiveSolversTest, TiesBranchAndTheLimitSaysSo) {
  using S = TypeParam;
  // Three movers in a row, each indifferent: 2 * 2^2 * 2^4 = 128 SPE.
  extensive_game<S> game({"A"});
  std::vector<std::size_t> frontier{0};
  for (std::size_t level = 0; level < 3; ++level) {
    std::vector<std::size_t> next;
    for (auto n : frontier) {
      game.add_decision(n, 0, {"l", "r"});
      for (auto c : game.node(n).children) next.push_back(c);
    }
    frontier = next;
  }
  EXPECT_EQ(backward_induction(game).equilibria.size(), 128u);
  const auto limited = backward_induction(game, {.max_equilibria = 10});
  EXPECT_EQ(limited.status, run_status::limit_reached);
  EXPECT_LE(limited.equilibria.size(), 10u);
  for (const auto& e : limited.equilibria) EXPECT_EQ(max_subgame_regret(game, e), S(0));
}

TEST(ExtensiveSolvers, ImperfectInformationIsRefusedByBackwardInduction) {
  auto game = entry_deterrence<rational>();
  extensive_game<rational> simultaneous({"A", "B"});
  simultaneous.add_decision(0, 0, {"x", "y"});
  const auto h = simultaneous.add_decision(simultaneous.node(0).children[0], 1, {"l", "r"});
  simultaneous.add_to_information_set(simultaneous.node(0).children[1], h);
  EXPECT_THROW((void)backward_induction(simultaneous), invalid_argument);
}

TEST(Corpus, PureEquilibriaOfExtensiveGamesMatchGambitEnumpure) {
  if (!test::corpus_present()) GTEST_SKIP() << "no Gambit corpus at " << test::corpus_dir();
  std::size_t compared = 0, equilibria = 0;
  for (const auto& path : test::corpus_games(".efg")) {
    bool found = false;
    const auto expected = test::expected_lines(path, "enumpure", found);
    if (!found) continue;
    SCOPED_TRACE(path.filename().string());
    const auto game = read_efg_file(path);
    const auto result = pure_nash_equilibria(game);
    EXPECT_EQ(result.status, run_status::complete);
    EXPECT_EQ(lines(result.equilibria), expected);
    EXPECT_EQ(lines(pure_nash_equilibria(convert<double>(game)).equilibria), expected);
    ++compared;
    equilibria += expected.size();
  }
  EXPECT_GE(compared, 100u);
  EXPECT_GT(equilibria, 100u);
}

TEST(Corpus, BackwardInductionOnPerfectInformationGames) {
  if (!test::corpus_present()) GTEST_SKIP() << "no Gambit corpus at " << test::corpus_dir();
  std::size_t games = 0;
  for (const auto& path : test::corpus_games(".efg")) {
    const auto game = read_efg_file(path);
    if (!has_perfect_information(game)) continue;
    SCOPED_TRACE(path.filename().string());
    const auto result = backward_induction(game, {.max_equilibria = 50});
    ASSERT_FALSE(result.equilibria.empty());
    for (std::size_t k = 0; k < result.equilibria.size(); k += 7) {  // a sample: each check is O(N^2)
      EXPECT_EQ(max_subgame_regret(game, result.equilibria[k]), rational(0));
      EXPECT_EQ(expected_payoffs(game, result.equilibria[k]), result.payoffs[k]);
    }
    ++games;
  }
  EXPECT_GE(games, 10u);
}

}  // namespace
}  // namespace impasse
