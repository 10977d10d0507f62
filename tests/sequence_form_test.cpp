// The sequence form, Lemke's algorithm on its LCP, and the zero-sum LP:
// known values from the literature (Kuhn poker), closed forms, and every
// returned equilibrium checked by the independent regret function of
// extensive/regret.hpp, on hand-built games and on the Gambit corpus.
#include <impasse/extensive/generators.hpp>
#include <impasse/extensive/regret.hpp>
#include <impasse/extensive/sequence_form.hpp>
#include <impasse/extensive/sequence_form_lcp.hpp>
#include <impasse/extensive/sequence_form_lp.hpp>
#include <impasse/io/efg.hpp>

#include "corpus.hpp"
#include "expect_near.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <stop_token>
#include <string>
#include <vector>

namespace impasse {
namespace {

/// The node where player 1 holds card `a` and player 2 card `b`, in a game
/// of `one_street_poker(cards)`.
template <scalar Scalar>
std::size_t deal_node(const extensive_game<Scalar>& game, std::size_t cards, std::size_t a, std::size_t b) {
  return game.node(game.root()).children[a * (cards - 1) + (b < a ? b : b - 1)];
}

/// Information sets of the poker games: player 1's opening and
/// fold-or-call sets, player 2's after a check and after a bet.
struct poker_sets {
  std::size_t open, fold_or_call, after_check, after_bet;
};

/// The sets where player 1 holds `a` (and player 2 `b`).
template <scalar Scalar>
poker_sets sets_at(const extensive_game<Scalar>& game, std::size_t cards, std::size_t a, std::size_t b) {
  const auto& root = game.node(deal_node(game, cards, a, b));
  const auto& check = game.node(root.children[0]);
  return {root.information_set, game.node(check.children[1]).information_set, check.information_set,
          game.node(root.children[1]).information_set};
}

/// Matching pennies in extensive form: player 2 does not see player 1's
/// coin; payoffs are carried by outcomes at the root (+1 each, which the
/// sequence form must add along paths) and at the leaves.
template <scalar Scalar>
extensive_game<Scalar> pennies_with_inner_outcome() {
  extensive_game<Scalar> game({"Matcher", "Mismatcher"});
  game.set_outcome(game.root(), game.add_outcome({Scalar(1), Scalar(1)}, "show up"));
  game.add_decision(game.root(), 0, {"H", "T"});
  const auto h = game.node(0).children[0], t = game.node(0).children[1];
  const auto set = game.add_decision(h, 1, {"H", "T"});
  game.add_to_information_set(t, set);
  const auto win = game.add_outcome({Scalar(1), Scalar(-1)}), lose = game.add_outcome({Scalar(-1), Scalar(1)});
  game.set_outcome(game.node(h).children[0], win);
  game.set_outcome(game.node(h).children[1], lose);
  game.set_outcome(game.node(t).children[0], lose);
  game.set_outcome(game.node(t).children[1], win);
  return game;
}

template <class Scalar>
class SequenceFormTest : public ::testing::Test {};
using Scalars = ::testing::Types<double, rational>;
TYPED_TEST_SUITE(SequenceFormTest, Scalars);

using test::expect_near;

template <scalar Scalar>
void expect_zero_regret(const extensive_game<Scalar>& game, const behaviour_profile<Scalar>& profile) {
  for (const auto& r : behaviour_regrets(game, profile)) {
    if constexpr (is_exact_v<Scalar>) {
      EXPECT_EQ(r, Scalar(0));
    } else {
      EXPECT_LE(r, 1e-9);
    }
  }
}

TYPED_TEST(SequenceFormTest, KuhnPokerSequencesAndConstraints) {
  using S = TypeParam;
  const auto game = kuhn_poker<S>();
  const sequence_form<S> form(game);
  ASSERT_EQ(form.num_players(), 2u);
  // Six information sets of two actions each, plus the empty sequence.
  EXPECT_EQ(form.num_sequences(0), 13u);
  EXPECT_EQ(form.num_sequences(1), 13u);
  EXPECT_EQ(form.num_information_sets(0), 6u);
  const matrix<S> e = form.constraint_matrix(0);
  ASSERT_EQ(e.rows(), 7);
  ASSERT_EQ(e.cols(), 13);
  EXPECT_EQ(e(0, 0), S(1));
  EXPECT_EQ(form.constraint_bounds(0)(0), S(1));
  // Player 1's first set (card 0, opening) hangs off the empty sequence;
  // their set after check-bet with card 0 hangs off (open 0, Check).
  const std::size_t open0 = game.player_information_sets(0)[0];
  EXPECT_EQ(form.parent_sequence(open0), 0u);
  const std::size_t fold_or_call0 = game.player_information_sets(0)[1];
  EXPECT_EQ(form.parent_sequence(fold_or_call0), form.sequence(open0, 0));
  EXPECT_EQ(form.information_set_of(0, form.sequence(fold_or_call0, 1)), fold_or_call0);
  EXPECT_EQ(form.action_of(0, form.sequence(fold_or_call0, 1)), 1u);
  // Every column of E but the empty sequence's has one +1 (its own set)
  // and -1 in the rows of the sets it leads to.
  for (Eigen::Index s = 1; s < e.cols(); ++s) {
    long plus = 0;
    for (Eigen::Index r = 0; r < e.rows(); ++r) plus += e(r, s) == S(1);
    EXPECT_EQ(plus, 1) << "sequence " << s;
  }
  // Payoff entries: the showdown after check-check with cards (2, 0) pays
  // player 1 chance's 1/6 times 1 at (open 2: Check, after check 0: Check).
  const matrix<S> a = form.payoff_matrix(0), b = form.payoff_matrix(1);
  EXPECT_EQ(a + b, matrix<S>::Zero(13, 13));
  const auto sets = sets_at(game, 3, 2, 0);
  const auto at = [&](std::size_t h1, std::size_t a1, std::size_t h2, std::size_t a2) {
    return a(static_cast<Eigen::Index>(form.sequence(h1, a1)), static_cast<Eigen::Index>(form.sequence(h2, a2)));
  };
  expect_near(at(sets.open, 0, sets.after_check, 0), S(1) / S(6));
  // Bet and call: 1/6 times 2. Fold after check-bet: player 1 loses 1.
  expect_near(at(sets.open, 1, sets.after_bet, 1), S(2) / S(6));
  expect_near(at(sets.fold_or_call, 0, sets.after_check, 1), S(-1) / S(6));
  // No outcome is met at the empty sequences, nor at (Bet, after a check).
  EXPECT_EQ(a(0, 0), S(0));
  expect_near(at(sets.open, 1, sets.after_check, 0), S(0));
  // 6 deals times 5 terminal nodes, each its own profile of sequences.
  EXPECT_EQ(form.payoff_entries().size(), 30u);
}

TYPED_TEST(SequenceFormTest, RealizationPlansAndBehaviourRoundTrip) {
  using S = TypeParam;
  const auto game = kuhn_poker<S>();
  const sequence_form<S> form(game);
  behaviour_profile<S> profile(game);
  std::mt19937 random(7);
  for (std::size_t h = 0; h < game.num_information_sets(); ++h) {
    if (game.infoset(h).player == chance_player) continue;
    const long p = std::uniform_int_distribution<long>(1, 9)(random);
    profile(h, 0) = S(p) / S(10);
    profile(h, 1) = S(10 - p) / S(10);
  }
  const auto plans = realization_plans(form, profile);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_NO_THROW(validate_realization_plan(form, i, plans[i]));
    // E x = e.
    vector<S> x(static_cast<Eigen::Index>(plans[i].size()));
    for (std::size_t s = 0; s < plans[i].size(); ++s) x(static_cast<Eigen::Index>(s)) = plans[i][s];
    const vector<S> ex = form.constraint_matrix(i) * x;
    for (Eigen::Index r = 0; r < ex.size(); ++r) expect_near(ex(r), form.constraint_bounds(i)(r));
  }
  const auto back = behaviour_strategies(game, form, plans);
  for (std::size_t k = 0; k < back.flat().size(); ++k) expect_near(back.flat()[k], profile.flat()[k]);
  // The sequence-form payoff of the plans is the behaviour profile's.
  const auto by_sequences = sequence_form_payoffs(form, plans);
  const auto by_tree = expected_payoffs(game, profile);
  for (std::size_t i = 0; i < 2; ++i) expect_near(by_sequences[i], by_tree[i]);
}

TYPED_TEST(SequenceFormTest, UnreachedInformationSetsPlayTheirFirstAction) {
  using S = TypeParam;
  const auto game = kuhn_poker<S>();
  const sequence_form<S> form(game);
  behaviour_profile<S> profile(game);
  for (std::size_t h = 0; h < game.num_information_sets(); ++h)
    if (game.infoset(h).player != chance_player) profile(h, 1) = S(1);  // always bet / call
  auto plans = realization_plans(form, profile);
  // Player 1 never checks, so the fold-or-call sets are unreachable and
  // have x = 0 for both of their actions.
  const std::size_t fold_or_call0 = game.player_information_sets(0)[1];
  EXPECT_EQ(plans[0][form.sequence(fold_or_call0, 0)], S(0));
  EXPECT_EQ(plans[0][form.sequence(fold_or_call0, 1)], S(0));
  const auto back = behaviour_strategies(game, form, plans);
  EXPECT_EQ(back(fold_or_call0, 0), S(1));
  EXPECT_EQ(back(fold_or_call0, 1), S(0));
  EXPECT_EQ(back(game.player_information_sets(0)[0], 1), S(1));
  // A plan that does not add up is refused, saying where.
  plans[0][form.sequence(fold_or_call0, 0)] = S(1) / S(2);
  EXPECT_THROW((void)behaviour_strategies(game, form, plans), invalid_profile);
  plans[0].pop_back();
  EXPECT_THROW(validate_realization_plan(form, 0, plans[0]), invalid_profile);
}

TYPED_TEST(SequenceFormTest, OutcomesAtInnerNodesAddUpAlongPaths) {
  using S = TypeParam;
  const auto game = pennies_with_inner_outcome<S>();
  const sequence_form<S> at_outcomes(game);
  const sequence_form<S> at_leaves(game, {.placement = sequence_payoff_placement::terminal_nodes});
  // The root's outcome sits at the empty sequences of both players.
  const matrix<S> a = at_outcomes.payoff_matrix(0);
  EXPECT_EQ(a(0, 0), S(1));
  EXPECT_EQ(a(1, 1), S(1));
  EXPECT_EQ(a(1, 2), S(-1));
  // At the leaves the root's +1 is added to each leaf instead.
  const matrix<S> a_leaves = at_leaves.payoff_matrix(0);
  EXPECT_EQ(a_leaves(0, 0), S(0));
  EXPECT_EQ(a_leaves(1, 1), S(2));
  EXPECT_EQ(a_leaves(1, 2), S(0));
  EXPECT_EQ(at_leaves.payoff_entries()[0].chance_probability, S(1));
  // Both give every profile the tree's expected payoffs.
  behaviour_profile<S> profile(game);
  profile(0, 0) = S(1) / S(4);
  profile(0, 1) = S(3) / S(4);
  profile(1, 0) = S(2) / S(3);
  profile(1, 1) = S(1) / S(3);
  const auto tree = expected_payoffs(game, profile);
  for (const auto* form : {&at_outcomes, &at_leaves}) {
    const auto by_sequences = sequence_form_payoffs(*form, realization_plans(*form, profile));
    for (std::size_t i = 0; i < 2; ++i) expect_near(by_sequences[i], tree[i]);
  }
}

TYPED_TEST(SequenceFormTest, ImperfectRecallIsRefused) {
  using S = TypeParam;
  // Player 1 moves twice and forgets the first move.
  extensive_game<S> game({"Forgetful", "Other"});
  game.add_decision(0, 0, {"L", "R"});
  const auto set = game.add_decision(game.node(0).children[0], 0, {"l", "r"});
  game.add_to_information_set(game.node(0).children[1], set);
  EXPECT_THROW((void)sequence_form<S>(game), invalid_argument);
}

TYPED_TEST(SequenceFormTest, KuhnPokerValueIsMinusOneEighteenthByLinearProgramming) {
  using S = TypeParam;
  const auto game = kuhn_poker<S>();
  const auto result = sequence_form_lp(game);
  ASSERT_EQ(result.status, run_status::complete);
  // Kuhn (1950): the game is worth -1/18 to the first player.
  expect_near(result.value, S(-1) / S(18));
  EXPECT_EQ(result.constant, S(0));
  ASSERT_EQ(result.equilibria.size(), 1u);
  const auto& profile = result.equilibria[0];
  expect_zero_regret(game, profile);
  expect_near(expected_payoffs(game, profile)[0], S(-1) / S(18));
  // Kuhn (1950): player 2's optimal strategy is unique. With the king
  // (card 2) they call a bet and bet after a check; with the queen they
  // check and call a bet 1/3 of the time; with the jack they fold to a bet
  // and bluff 1/3 of the time after a check.
  const auto king = sets_at(game, 3, 0, 2), queen = sets_at(game, 3, 0, 1), jack = sets_at(game, 3, 1, 0);
  expect_near(profile(king.after_bet, 1), S(1));
  expect_near(profile(king.after_check, 1), S(1));
  expect_near(profile(queen.after_check, 0), S(1));
  expect_near(profile(queen.after_bet, 1), S(1) / S(3));
  expect_near(profile(jack.after_bet, 0), S(1));
  expect_near(profile(jack.after_check, 1), S(1) / S(3));
  // Player 1's optimal strategies are a family: bet the jack with some
  // alpha in [0, 1/3], the king with 3 alpha; never bet the queen.
  const auto p1_jack = sets_at(game, 3, 0, 1), p1_queen = sets_at(game, 3, 1, 0), p1_king = sets_at(game, 3, 2, 0);
  const S alpha = profile(p1_jack.open, 1);
  EXPECT_GE(alpha, S(0));
  EXPECT_LE(alpha, S(1) / S(3) + (is_exact_v<S> ? S(0) : S(1e-9)));
  expect_near(profile(p1_king.open, 1), S(3) * alpha);
  expect_near(profile(p1_queen.open, 0), S(1));
  const sequence_form<S> form(game);
  const auto plans = result.realization_plans[0];
  const auto payoffs = sequence_form_payoffs(form, plans);
  expect_near(payoffs[0], S(-1) / S(18));
}

TYPED_TEST(SequenceFormTest, LinearProgramRefusesGamesThatAreNotConstantSum) {
  using S = TypeParam;
  extensive_game<S> game({"A", "B"});
  game.add_decision(0, 0, {"L", "R"});
  game.set_outcome(game.node(0).children[0], game.add_outcome({S(1), S(1)}, "both win"));
  game.set_outcome(game.node(0).children[1], game.add_outcome({S(0), S(0)}, "nothing"));
  try {
    (void)sequence_form_lp(game);
    FAIL() << "expected invalid_argument";
  } catch (const invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("constant-sum"), std::string::npos) << e.what();
  }
  extensive_game<S> three({"A", "B", "C"});
  EXPECT_THROW((void)sequence_form_lp(three), invalid_argument);
}

TYPED_TEST(SequenceFormTest, LemkeFindsAnEquilibriumOfKuhnPokerWorthMinusOneEighteenth) {
  using S = TypeParam;
  const auto game = kuhn_poker<S>();
  const auto result = sequence_form_lcp(game);
  ASSERT_EQ(result.status, run_status::complete);
  ASSERT_EQ(result.equilibria.size(), 1u);
  EXPECT_EQ(result.lcp_size, 13u + 13u + 2 * 7u + 2 * 7u);
  EXPECT_GT(result.pivots, 0u);
  const auto& profile = result.equilibria[0];
  expect_zero_regret(game, profile);
  // Every equilibrium of a zero-sum game pays its value.
  expect_near(result.payoffs[0][0], S(-1) / S(18));
  expect_near(result.payoffs[0][1], S(1) / S(18));
  expect_near(expected_payoffs(game, profile)[0], S(-1) / S(18));
  const sequence_form<S> form(game);
  expect_near(sequence_form_payoffs(form, result.realization_plans[0])[0], S(-1) / S(18));
}

TYPED_TEST(SequenceFormTest, LemkeRefusesWhatItCannotSolve) {
  using S = TypeParam;
  extensive_game<S> three({"A", "B", "C"});
  EXPECT_THROW((void)sequence_form_lcp(three), invalid_argument);
  extensive_game<S> forgetful({"Forgetful", "Other"});
  forgetful.add_decision(0, 0, {"L", "R"});
  const auto set = forgetful.add_decision(forgetful.node(0).children[0], 0, {"l", "r"});
  forgetful.add_to_information_set(forgetful.node(0).children[1], set);
  EXPECT_THROW((void)sequence_form_lcp(forgetful), invalid_argument);
}

TYPED_TEST(SequenceFormTest, LemkeSolvesRandomAndDegenerateTrees) {
  using S = TypeParam;
  std::size_t games = 0;
  for (unsigned seed = 1; seed <= 12; ++seed)
    for (const long range : {1L, 20L}) {
      SCOPED_TRACE("seed " + std::to_string(seed) + ", payoffs in +-" + std::to_string(range));
      const auto game = random_two_player_tree<S>(
          {.depth = seed % 2 == 0 ? 4u : 5u, .branching = seed % 3 == 0 ? 3u : 2u, .seed = seed, .range = range, .chance = seed % 4 < 2});
      ASSERT_TRUE(has_perfect_recall(game));
      ASSERT_FALSE(has_perfect_information(game));
      const auto result = sequence_form_lcp(game);
      ASSERT_EQ(result.status, run_status::complete);
      ASSERT_EQ(result.equilibria.size(), 1u);
      expect_zero_regret(game, result.equilibria[0]);
      const sequence_form<S> form(game);
      const auto by_sequences = sequence_form_payoffs(form, result.realization_plans[0]);
      const auto by_tree = expected_payoffs(game, result.equilibria[0]);
      for (std::size_t i = 0; i < 2; ++i) expect_near(by_sequences[i], by_tree[i]);
      ++games;
    }
  EXPECT_EQ(games, 24u);
}

TYPED_TEST(SequenceFormTest, SequenceFormPayoffsAreTheTreesOnRandomProfiles) {
  using S = TypeParam;
  std::mt19937 random(11);
  for (unsigned seed = 1; seed <= 6; ++seed) {
    const auto game = random_two_player_tree<S>({.depth = 4, .branching = 2 + seed % 2, .seed = seed, .range = 9, .chance = seed % 2 == 0});
    behaviour_profile<S> profile(game);
    for (std::size_t h = 0; h < game.num_information_sets(); ++h) {
      if (game.infoset(h).player == chance_player) continue;
      const std::size_t count = game.infoset(h).actions.size();
      std::vector<long> weights;
      long total = 0;
      for (std::size_t a = 0; a < count; ++a) total += weights.emplace_back(std::uniform_int_distribution<long>(0, 4)(random));
      if (total == 0) weights[0] = total = 1;
      for (std::size_t a = 0; a < count; ++a) profile(h, a) = S(weights[a]) / S(total);
    }
    for (const auto placement : {sequence_payoff_placement::outcomes, sequence_payoff_placement::terminal_nodes}) {
      const sequence_form<S> form(game, {.placement = placement});
      const auto plans = realization_plans(form, profile);
      const auto by_sequences = sequence_form_payoffs(form, plans);
      const auto by_tree = expected_payoffs(game, profile);
      for (std::size_t i = 0; i < 2; ++i) expect_near(by_sequences[i], by_tree[i]);
      const auto back = behaviour_strategies(game, form, plans);
      // Where a player's own plan reaches a set, the behaviour comes back.
      for (std::size_t i = 0; i < 2; ++i)
        for (const auto h : game.player_information_sets(i))
          if (plans[i][form.parent_sequence(h)] != S(0))
            for (std::size_t a = 0; a < game.infoset(h).actions.size(); ++a) expect_near(back(h, a), profile(h, a));
    }
  }
}

TYPED_TEST(SequenceFormTest, LemkeOnGamesWhereEverythingIsAnEquilibrium) {
  using S = TypeParam;
  // Constant payoffs: the shifted payoff matrices vanish, the LCP is all
  // constraints, and any profile is an equilibrium.
  for (const long constant : {0L, 7L}) {
    auto game = random_two_player_tree<S>({.depth = 4, .branching = 2, .seed = 3, .range = 0, .chance = true});
    for (std::size_t n = 0; n < game.num_nodes(); ++n)
      if (game.node(n).kind == node_kind::terminal) game.set_outcome(n, game.add_outcome({S(constant), S(-constant)}));
    const auto result = sequence_form_lcp(game);
    ASSERT_EQ(result.status, run_status::complete);
    ASSERT_EQ(result.equilibria.size(), 1u);
    expect_zero_regret(game, result.equilibria[0]);
    expect_near(result.payoffs[0][0], S(constant));
    const auto lp = sequence_form_lp(game);
    expect_near(lp.value, S(constant));
    expect_zero_regret(game, lp.equilibria[0]);
  }
}

TYPED_TEST(SequenceFormTest, LemkeWhenOnePlayerNeverMoves) {
  using S = TypeParam;
  // A lottery draws 0 (1/4) or 1 (3/4); player 1 sees it, is paid 1/2 for
  // showing up, and keeps (paid the draw) or swaps (paid 3/2 minus the
  // draw). Player 2 only watches. Best: swap a 0, keep a 1, worth
  // 1/2 + 1/4 * 3/2 + 3/4 * 1 = 13/8.
  extensive_game<S> game({"Chooser", "Watcher"});
  game.add_chance(0, {"0", "1"}, {S(1) / S(4), S(3) / S(4)});
  const auto show_up = game.add_outcome({S(1) / S(2), S(0)});
  for (std::size_t k = 0; k < 2; ++k) {
    const std::size_t node = game.node(0).children[k];
    game.add_decision(node, 0, {"keep", "swap"});
    game.set_outcome(node, show_up);
    const S draw(static_cast<long>(k));
    game.set_outcome(game.node(node).children[0], game.add_outcome({draw, S(5)}));
    game.set_outcome(game.node(node).children[1], game.add_outcome({S(3) / S(2) - draw, S(5)}));
  }
  const sequence_form<S> form(game);
  EXPECT_EQ(form.num_sequences(1), 1u);
  EXPECT_EQ(form.constraint_matrix(1), matrix<S>::Ones(1, 1));
  const auto result = sequence_form_lcp(game);
  ASSERT_EQ(result.equilibria.size(), 1u);
  expect_zero_regret(game, result.equilibria[0]);
  const auto zero = game.node(game.node(0).children[0]).information_set;
  const auto one = game.node(game.node(0).children[1]).information_set;
  expect_near(result.equilibria[0](zero, 1), S(1));
  expect_near(result.equilibria[0](one, 0), S(1));
  expect_near(result.payoffs[0][0], S(13) / S(8));
  expect_near(result.payoffs[0][1], S(5));
}

TYPED_TEST(SequenceFormTest, LemkeStopsAtThePivotLimitAndWhenCancelled) {
  using S = TypeParam;
  const auto game = kuhn_poker<S>();
  const auto limited = sequence_form_lcp(game, {.max_pivots = 3});
  EXPECT_EQ(limited.status, run_status::limit_reached);
  EXPECT_EQ(limited.pivots, 3u);
  EXPECT_TRUE(limited.equilibria.empty());
  std::stop_source stop;
  stop.request_stop();
  const auto cancelled = sequence_form_lcp(game, {.stop_token = stop.get_token()});
  EXPECT_EQ(cancelled.status, run_status::cancelled);
  EXPECT_TRUE(cancelled.equilibria.empty());
}

TYPED_TEST(SequenceFormTest, LargerPokerByLemkeAndLinearProgrammingAgree) {
  using S = TypeParam;
  // Six cards: 30 deals, 270 nodes; the value is the same however found.
  const auto game = one_street_poker<S>(6);
  const auto lp = sequence_form_lp(game);
  ASSERT_EQ(lp.status, run_status::complete);
  expect_zero_regret(game, lp.equilibria[0]);
  const auto lemke = sequence_form_lcp(game);
  ASSERT_EQ(lemke.status, run_status::complete);
  expect_zero_regret(game, lemke.equilibria[0]);
  expect_near(lemke.payoffs[0][0], lp.value);
  EXPECT_LT(lp.value, S(0));  // the second player's edge persists
}

TYPED_TEST(SequenceFormTest, ZeroSumRandomTreesHaveOneValueByBothSolvers) {
  using S = TypeParam;
  for (unsigned seed = 1; seed <= 8; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    auto game = random_two_player_tree<S>(
        {.depth = seed % 2 == 0 ? 4u : 5u, .branching = 2, .seed = seed, .range = seed % 3 == 0 ? 1 : 9, .chance = seed % 2 == 1});
    for (std::size_t n = 0; n < game.num_nodes(); ++n)
      if (game.node(n).kind == node_kind::terminal) {
        const S paid = game.outcome(game.node(n).outcome).payoffs[0];
        game.set_outcome(n, game.add_outcome({paid, -paid}));
      }
    const auto lp = sequence_form_lp(game);
    ASSERT_EQ(lp.status, run_status::complete);
    expect_zero_regret(game, lp.equilibria.at(0));
    expect_near(expected_payoffs(game, lp.equilibria[0])[0], lp.value);
    const auto lemke = sequence_form_lcp(game);
    ASSERT_EQ(lemke.status, run_status::complete);
    expect_zero_regret(game, lemke.equilibria.at(0));
    expect_near(lemke.payoffs[0][0], lp.value);
  }
}

TEST(SequenceFormLinearProgram, DoubleSolvesTheDegeneratePokerProgramsItself) {
  // The sequence-form programs of poker are highly degenerate (all but one
  // right-hand side zero). The double simplex used to stall on them from
  // about 24 cards and solve them again in rationals; now it must solve
  // them itself, to the exact program's value, with optimal strategies.
  for (const std::size_t cards : {13u, 24u, 26u}) {
    SCOPED_TRACE(std::to_string(cards) + " cards");
    const auto game = one_street_poker<double>(cards);
    const auto result = sequence_form_lp(game);
    ASSERT_EQ(result.status, run_status::complete);
    EXPECT_FALSE(result.exact);
    ASSERT_EQ(result.equilibria.size(), 1u);
    const auto exact = sequence_form_lp(one_street_poker<rational>(cards));
    ASSERT_EQ(exact.status, run_status::complete);
    EXPECT_TRUE(exact.exact);
    EXPECT_NEAR(result.value, scalar_cast<double>(exact.value), 1e-9);
    for (const auto r : behaviour_regrets(game, result.equilibria[0])) EXPECT_LE(r, 1e-9);
    EXPECT_NEAR(expected_payoffs(game, result.equilibria[0])[0], result.value, 1e-9);
  }
  // With a pivot limit of its own the caller gets what they asked for.
  const auto game = one_street_poker<double>(24);
  const auto limited = sequence_form_lp(game, {.max_pivots = 10});
  EXPECT_EQ(limited.status, run_status::limit_reached);
  EXPECT_FALSE(limited.exact);
}

TEST(SequenceFormLinearProgram, DoubleSolvesFiftyTwoCardPokerToLemkesValue) {
  // 23,869 nodes: too slow to solve exactly in a unit test, so the value
  // is checked against Lemke's equilibrium (a different algorithm on the
  // LCP) and the strategies by their regrets.
  const auto game = one_street_poker<double>(52);
  const auto result = sequence_form_lp(game);
  ASSERT_EQ(result.status, run_status::complete);
  EXPECT_FALSE(result.exact);
  ASSERT_EQ(result.equilibria.size(), 1u);
  for (const auto r : behaviour_regrets(game, result.equilibria[0])) EXPECT_LE(r, 1e-9);
  EXPECT_NEAR(result.value, sequence_form_lcp(game).payoffs.at(0)[0], 1e-9);
}

TEST(SequenceFormCorpus, LinearProgramSolvesEveryConstantSumGame) {
  if (!test::corpus_present()) GTEST_SKIP() << "no Gambit corpus at " << test::corpus_dir();
  std::size_t solved = 0;
  for (const auto& path : test::corpus_games(".efg")) {
    SCOPED_TRACE(path.filename().string());
    const auto game = read_efg_file(path);
    if (game.num_players() != 2 || !has_perfect_recall(game)) continue;
    sequence_form_lp_result<rational> result;
    try {
      result = sequence_form_lp(game);
    } catch (const invalid_argument&) {
      continue;  // not constant-sum
    }
    ASSERT_EQ(result.status, run_status::complete);
    ASSERT_EQ(result.equilibria.size(), 1u);
    EXPECT_EQ(behaviour_regrets(game, result.equilibria[0]), (std::vector<rational>{0, 0}));
    const auto payoffs = expected_payoffs(game, result.equilibria[0]);
    EXPECT_EQ(payoffs[0], result.value);
    EXPECT_EQ(payoffs[1], result.constant - result.value);
    // Lemke's equilibrium is worth the same.
    EXPECT_EQ(sequence_form_lcp(game).payoffs[0][0], result.value);
    ++solved;
  }
  EXPECT_GE(solved, 10u);
}

TEST(SequenceFormCorpus, LemkeInDoubleOnEveryTwoPlayerGame) {
  if (!test::corpus_present()) GTEST_SKIP() << "no Gambit corpus at " << test::corpus_dir();
  for (const auto& path : test::corpus_games(".efg")) {
    SCOPED_TRACE(path.filename().string());
    const auto exact = read_efg_file(path);
    if (exact.num_players() != 2 || !has_perfect_recall(exact)) continue;
    const auto game = convert<double>(exact);
    const auto result = sequence_form_lcp(game);
    ASSERT_EQ(result.status, run_status::complete);
    ASSERT_EQ(result.equilibria.size(), 1u);
    for (const auto r : behaviour_regrets(game, result.equilibria[0])) EXPECT_LE(r, 1e-9);
  }
}

TEST(SequenceFormCorpus, LemkeFindsAnExactEquilibriumOfEveryTwoPlayerGame) {
  if (!test::corpus_present()) GTEST_SKIP() << "no Gambit corpus at " << test::corpus_dir();
  std::size_t solved = 0;
  for (const auto& path : test::corpus_games(".efg")) {
    SCOPED_TRACE(path.filename().string());
    const auto game = read_efg_file(path);
    if (game.num_players() != 2 || !has_perfect_recall(game)) continue;
    const auto result = sequence_form_lcp(game);
    ASSERT_EQ(result.status, run_status::complete);
    ASSERT_EQ(result.equilibria.size(), 1u);
    const auto& profile = result.equilibria[0];
    EXPECT_EQ(behaviour_regrets(game, profile), (std::vector<rational>{0, 0}));
    // The realization plans' sequence-form payoffs are the tree's.
    const sequence_form<rational> form(game);
    EXPECT_EQ(sequence_form_payoffs(form, result.realization_plans[0]), expected_payoffs(game, profile));
    EXPECT_EQ(result.payoffs[0], expected_payoffs(game, profile));
    ++solved;
  }
  EXPECT_GT(solved, 20u);
}

}  // namespace
}  // namespace impasse
