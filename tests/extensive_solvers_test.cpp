// Pure equilibria and subgame perfection in extensive games: textbook games
// with known answers, and Gambit's own answers on the corpus.
#include <impasse/extensive/backward_induction.hpp>
#include <impasse/extensive/pure_equilibria.hpp>
#include <impasse/extensive/regret.hpp>
#include <impasse/extensive/subgame_perfect.hpp>
#include <impasse/io/efg.hpp>
#include <impasse/io/equilibrium_output.hpp>
#include <impasse/strategic/regret.hpp>

#include "corpus.hpp"
#include "test_games.hpp"

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

using test::entry_deterrence;

template <class Scalar>
class ExtensiveSolversTest : public ::testing::Test {};
using Scalars = ::testing::Types<double, rational>;
TYPED_TEST_SUITE(ExtensiveSolversTest, Scalars);

TYPED_TEST(ExtensiveSolversTest, EntryDeterrenceHasAThreatThatIsNotCredible) {
  using S = TypeParam;
  const auto game = entry_deterrence<S>();
  // Two pure Nash equilibria: (In, Accommodate), and (Out, Fight) held up by
  // an incredible threat.
  const auto nash = reduced_pure_strategy_enumeration(game);
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
  const auto nash = reduced_pure_strategy_enumeration(two);
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

/// A one-player tree of `levels` levels of binary decisions, each node its
/// own information set and every play paying nothing: every one of its
/// pure strategy profiles is subgame perfect.
template <class S>
extensive_game<S> indifferent_binary_tree(std::size_t levels) {
  extensive_game<S> game({"A"});
  std::vector<std::size_t> frontier{0};
  for (std::size_t level = 0; level < levels; ++level) {
    std::vector<std::size_t> next;
    for (auto n : frontier) {
      game.add_decision(n, 0, {"l", "r"});
      for (auto c : game.node(n).children) next.push_back(c);
    }
    frontier = next;
  }
  return game;
}

TYPED_TEST(ExtensiveSolversTest, TiesBranchAndTheLimitSaysSo) {
  using S = TypeParam;
  // Three movers in a row, each indifferent: 2 * 2^2 * 2^4 = 128 SPE.
  const auto game = indifferent_binary_tree<S>(3);
  EXPECT_EQ(backward_induction(game).equilibria.size(), 128u);
  const auto limited = backward_induction(game, {.max_equilibria = 10});
  EXPECT_EQ(limited.status, run_status::limit_reached);
  EXPECT_LE(limited.equilibria.size(), 10u);
  for (const auto& e : limited.equilibria) EXPECT_EQ(max_subgame_regret(game, e), S(0));
}

TYPED_TEST(ExtensiveSolversTest, WhatTiesStoreIsBoundedAndTheRootKeepsAnEquilibrium) {
  using S = TypeParam;
  // Five levels of indifferent movers: 2 * 2^2 * ... * 2^16 = 2^31 SPE, far
  // more than memory holds. Past max_stored numbers each node keeps its
  // first equilibrium, so the root still has one, and the status says so.
  const auto game = indifferent_binary_tree<S>(5);
  const std::size_t budget = 1'000;
  const auto bounded = backward_induction(game, {.max_stored = budget});
  EXPECT_EQ(bounded.status, run_status::limit_reached);
  ASSERT_GE(bounded.equilibria.size(), 1u);
  // Every equilibrium after the first costs one entry per node.
  EXPECT_LE(bounded.equilibria.size(), 2 + budget / game.num_nodes());
  for (const auto& e : bounded.equilibria) EXPECT_EQ(max_subgame_regret(game, e), S(0));
}

/// Selten's horse (Selten 1975): player 1 continues (C) or not (D); after C
/// player 2 continues (c) or not (d); player 3 moves not knowing whether D
/// or (C, d) happened. The only subgame is the whole game.
template <class Scalar>
extensive_game<Scalar> seltens_horse() {
  extensive_game<Scalar> game({"1", "2", "3"});
  game.add_decision(0, 0, {"C", "D"});
  const auto c = game.node(0).children[0], d = game.node(0).children[1];
  game.add_decision(c, 1, {"c", "d"});
  const auto cd = game.node(c).children[1];
  const auto h3 = game.add_decision(d, 2, {"L", "R"});
  game.add_to_information_set(cd, h3);
  const auto pay = [&](std::size_t n, long a, long b, long e) {
    game.set_outcome(n, game.add_outcome({Scalar(a), Scalar(b), Scalar(e)}));
  };
  pay(game.node(c).children[0], 1, 1, 1);
  pay(game.node(d).children[0], 3, 2, 2);
  pay(game.node(d).children[1], 0, 0, 0);
  pay(game.node(cd).children[0], 4, 4, 0);
  pay(game.node(cd).children[1], 0, 0, 1);
  return game;
}

TYPED_TEST(ExtensiveSolversTest, SeltensHorseHasTwoPureSubgamePerfectEquilibria) {
  using S = TypeParam;
  const auto game = seltens_horse<S>();
  EXPECT_EQ(subgame_roots(game), (std::vector<std::size_t>{0}));
  const auto result = subgame_decomposition(game);
  // (C, c, R) and (D, c, L): no proper subgame rules either out (only
  // trembling-hand perfection removes the second).
  EXPECT_EQ(lines(result.equilibria), (std::set<std::string>{"NE,1,0,1,0,0,1", "NE,0,1,1,0,1,0"}));
  for (const auto& e : result.equilibria) EXPECT_EQ(max_subgame_regret(game, e), S(0));
}

TYPED_TEST(ExtensiveSolversTest, SubgameDecompositionWithASimultaneousSubgame) {
  using S = TypeParam;
  // Player 1 takes an outside option worth (2, 2) or enters a battle of the
  // sexes: (A, a) pays (3, 1), (B, b) pays (1, 3), mismatches pay 0.
  extensive_game<S> game({"1", "2"});
  game.add_decision(0, 0, {"Out", "In"});
  game.set_outcome(game.node(0).children[0], game.add_outcome({S(2), S(2)}));
  const auto in = game.node(0).children[1];
  game.add_decision(in, 0, {"A", "B"});
  const auto h2 = game.add_decision(game.node(in).children[0], 1, {"a", "b"});
  game.add_to_information_set(game.node(in).children[1], h2);
  const auto zero = game.add_outcome({S(0), S(0)});
  game.set_outcome(game.node(game.node(in).children[0]).children[0], game.add_outcome({S(3), S(1)}));
  game.set_outcome(game.node(game.node(in).children[0]).children[1], zero);
  game.set_outcome(game.node(game.node(in).children[1]).children[0], zero);
  game.set_outcome(game.node(game.node(in).children[1]).children[1], game.add_outcome({S(1), S(3)}));
  EXPECT_EQ(subgame_roots(game), (std::vector<std::size_t>{0, 2}));
  const auto result = subgame_decomposition(game, {.solver = extreme_or_pure_equilibria<S>});
  // Expecting (A, a) player 1 enters; expecting (B, b) or the mixed
  // equilibrium ((3/4, 1/4), (1/4, 3/4)), worth 3/4 to them, they stay out.
  EXPECT_EQ(lines(result.equilibria),
            (std::set<std::string>{"NE,0,1,1,0,1,0", "NE,1,0,0,1,0,1", "NE,1,0,3/4,1/4,1/4,3/4"}));
  for (const auto& e : result.equilibria) EXPECT_EQ(max_subgame_regret(game, e), S(0));
  EXPECT_EQ(lines(subgame_decomposition(game).equilibria), lines(result.equilibria));  // the default
  // (Out, A, b) is a Nash equilibrium but not subgame perfect: b is no best
  // reply to A in the subgame.
  behaviour_profile<S> not_perfect(game);
  not_perfect(0, 0) = not_perfect(1, 0) = not_perfect(2, 1) = S(1);
  EXPECT_EQ(behaviour_regrets(game, not_perfect), (std::vector<S>{S(0), S(0)}));
  EXPECT_GT(max_subgame_regret(game, not_perfect), S(0));
}

TYPED_TEST(ExtensiveSolversTest, SubgameWithoutPureEquilibriumIsReported) {
  using S = TypeParam;
  // Matching pennies after an entry decision: no pure SPE exists.
  extensive_game<S> game({"1", "2"});
  game.add_decision(0, 0, {"Out", "In"});
  game.set_outcome(game.node(0).children[0], game.add_outcome({S(0), S(0)}));
  const auto in = game.node(0).children[1];
  game.add_decision(in, 0, {"H", "T"});
  const auto h2 = game.add_decision(game.node(in).children[0], 1, {"h", "t"});
  game.add_to_information_set(game.node(in).children[1], h2);
  const auto win = game.add_outcome({S(1), S(-1)}), lose = game.add_outcome({S(-1), S(1)});
  game.set_outcome(game.node(game.node(in).children[0]).children[0], win);
  game.set_outcome(game.node(game.node(in).children[0]).children[1], lose);
  game.set_outcome(game.node(game.node(in).children[1]).children[0], lose);
  game.set_outcome(game.node(game.node(in).children[1]).children[1], win);
  const auto pure = subgame_decomposition(game, {.solver = pure_equilibrium_profiles<S>});
  EXPECT_TRUE(pure.equilibria.empty());
  EXPECT_TRUE(pure.solver_found_none);
  // With vertex enumeration for two-player subgames (the default), the
  // subgame is worth 0 at (1/2, 1/2), so player 1 is indifferent: two SPE.
  for (const auto& mixed :
       {subgame_decomposition(game, {.solver = extreme_or_pure_equilibria<S>}), subgame_decomposition(game)}) {
    EXPECT_FALSE(mixed.solver_found_none);
    EXPECT_EQ(mixed.status, run_status::complete);
    EXPECT_EQ(lines(mixed.equilibria), (std::set<std::string>{"NE,1,0,1/2,1/2,1/2,1/2", "NE,0,1,1/2,1/2,1/2,1/2"}));
    for (const auto& e : mixed.equilibria) EXPECT_EQ(max_subgame_regret(game, e), S(0));
  }
}

TYPED_TEST(ExtensiveSolversTest, MixedAndBehaviourStrategiesAreEquivalent) {
  using S = TypeParam;
  const auto game = seltens_horse<S>();
  const auto form = to_reduced_strategic_form(game);
  behaviour_profile<S> b(game);
  b(0, 0) = S(1) / S(3);
  b(0, 1) = S(2) / S(3);
  b(1, 0) = S(3) / S(4);
  b(1, 1) = S(1) / S(4);
  b(2, 0) = S(1) / S(5);
  b(2, 1) = S(4) / S(5);
  const auto mixed = to_mixed_profile(game, form, b);
  validate_profile(form.game, mixed);
  // Kuhn: the same payoffs, and back to the same behaviour.
  const auto payoffs = expected_payoffs(game, b);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_NEAR(scalar_cast<double>(expected_payoff(form.game, mixed, i)), scalar_cast<double>(payoffs[i]), 1e-12);
  if constexpr (is_exact_v<S>) {
    for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(expected_payoff(form.game, mixed, i), payoffs[i]);
    EXPECT_EQ(to_behaviour_profile(game, form, mixed), b);
  }
}

TYPED_TEST(ExtensiveSolversTest, AgentFormEquilibriaNeedNotBeNash) {
  using S = TypeParam;
  // One player: Left pays 1; Right, then left pays 0 and right pays 2.
  extensive_game<S> game({"Solo"});
  game.add_decision(0, 0, {"L", "R"});
  game.set_outcome(game.node(0).children[0], game.add_outcome({S(1)}));
  const auto right = game.node(0).children[1];
  game.add_decision(right, 0, {"l", "r"});
  game.set_outcome(game.node(right).children[0], game.add_outcome({S(0)}));
  game.set_outcome(game.node(right).children[1], game.add_outcome({S(2)}));
  // (L, l): no single information set gains by changing, yet (R, r) pays 2.
  const auto agent = to_agent_form(game);
  EXPECT_EQ(agent.num_players(), 2u);
  EXPECT_EQ(pure_strategy_enumeration(agent).equilibria, (std::vector<pure_profile>{{0, 0}, {1, 1}}));
  EXPECT_EQ(lines(reduced_pure_strategy_enumeration(game).equilibria), (std::set<std::string>{"NE,0,1,0,1"}));
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
    const auto result = reduced_pure_strategy_enumeration(game);
    EXPECT_EQ(result.status, run_status::complete);
    EXPECT_EQ(lines(result.equilibria), expected);
    EXPECT_EQ(lines(reduced_pure_strategy_enumeration(convert<double>(game)).equilibria), expected);
    ++compared;
    equilibria += expected.size();
  }
  EXPECT_GE(compared, 100u);
  EXPECT_GT(equilibria, 100u);
}

TEST(Corpus, SubgamePerfectEquilibriaHaveNoRegretInAnySubgame) {
  if (!test::corpus_present()) GTEST_SKIP() << "no Gambit corpus at " << test::corpus_dir();
  std::size_t games = 0, equilibria = 0, too_large = 0;
  for (const auto& path : test::corpus_games(".efg")) {
    const auto game = read_efg_file(path);
    if (!has_perfect_recall(game)) continue;
    SCOPED_TRACE(path.filename().string());
    try {
      const auto result = subgame_decomposition(
          game, {.max_equilibria = 4, .max_bases = 2'000, .reduced_form = {.max_profiles = 100'000}});
      for (const auto& e : result.equilibria) EXPECT_EQ(max_subgame_regret(game, e), rational(0));
      equilibria += result.equilibria.size();
    } catch (const invalid_argument& e) {
      // Too large a reduced form here (the three-entrant chain store with
      // incomplete information, which Gambit does not finish either).
      EXPECT_NE(std::string(e.what()).find("more than 100000"), std::string::npos) << e.what();
      ++too_large;
    }
    ++games;
  }
  EXPECT_GE(games, 100u);
  EXPECT_LE(too_large, 1u);
  EXPECT_GE(equilibria, 100u);
}

// The corpus games whose degenerate reduced strategic forms made vertex
// enumeration take more than 5 s: within a small budget each run ends
// with subgame-perfect equilibria and says whether it found them all.
TEST(Corpus, MixedSubgamePerfectEquilibriaOfDegenerateGames) {
  if (!test::corpus_present()) GTEST_SKIP() << "no Gambit corpus at " << test::corpus_dir();
  for (const std::string name : {"contrib-artist2", "contrib-bayes2a", "contrib-montyhal", "contrib-palf2",
                                 "contrib-palf3", "contrib-4cards", "contrib-caro2", "contrib-tim"}) {
    SCOPED_TRACE(name);
    const auto game = read_efg_file(test::corpus_dir() / "gambit" / (name + ".efg"));
    const auto result = subgame_decomposition(game, {.max_equilibria = 20, .max_bases = 1'000});
    EXPECT_FALSE(result.equilibria.empty());
    EXPECT_FALSE(result.solver_found_none);
    for (const auto& e : result.equilibria) EXPECT_EQ(max_subgame_regret(game, e), rational(0));
    if (name == "contrib-palf3") {
      // Small enough once reduced (22 x 8, from 64 x 8) to finish: its four
      // extreme equilibria.
      const auto complete = subgame_decomposition(game);
      EXPECT_EQ(complete.status, run_status::complete);
      EXPECT_EQ(complete.equilibria.size(), 4u);
      for (const auto& e : complete.equilibria) EXPECT_EQ(max_subgame_regret(game, e), rational(0));
      const auto form = to_reduced_strategic_form(game).game;
      EXPECT_EQ(reduced_vertex_enumeration(form).reduced_counts, (std::vector<std::size_t>{22, 8}));
    } else {
      EXPECT_EQ(result.status, run_status::limit_reached);
    }
  }
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
    // Two independent algorithms, one answer: subgame decomposition finds
    // exactly the equilibria backward induction finds.
    if (result.status == run_status::complete) {
      const auto decomposed = subgame_decomposition(game);
      EXPECT_EQ(lines(decomposed.equilibria), lines(result.equilibria));
    }
    ++games;
  }
  EXPECT_GE(games, 10u);
}

}  // namespace
}  // namespace impasse
