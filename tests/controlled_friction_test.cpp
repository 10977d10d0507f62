// The controlled-friction model: its games, its closed forms against the
// solvers, and the verdicts under the defaults and under overrides that
// flip them.
#include <impasse/extensive/regret.hpp>
#include <impasse/extensive/subgame_perfect.hpp>
#include <impasse/io/stochastic_json.hpp>
#include <impasse/models/controlled_friction_analysis.hpp>
#include <impasse/models/controlled_friction_sweep.hpp>
#include <impasse/stochastic/markov_perfect.hpp>
#include <impasse/stochastic/stationary_chain.hpp>
#include <impasse/strategic/regret.hpp>
#include <impasse/strategic/vertex_enumeration.hpp>

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <sstream>

namespace {

using namespace impasse;
using namespace impasse::models;

constexpr std::size_t talks = 0, crisis = 1, backchannel = 2, deal = 3, war = 4;

controlled_friction_parameters with(std::initializer_list<std::string_view> overrides) {
  controlled_friction_parameters p;
  for (const auto o : overrides) set_parameter(p, o);
  return p;
}

/// A parameter set drawn around the defaults, wide enough that each closed
/// form goes both ways.
controlled_friction_parameters random_parameters(std::mt19937_64& rng) {
  const auto draw = [&](long low, long high, long denominator) {
    return rational(std::uniform_int_distribution<long>(low, high)(rng), denominator);
  };
  controlled_friction_parameters p;
  p.rent_washington = draw(0, 40, 10);
  p.rent_tehran = draw(0, 60, 10);
  p.sanctions = draw(0, 4, 4);
  p.deal_gain_washington = draw(0, 60, 10);
  p.deal_gain_tehran = draw(0, 80, 10);
  p.treaty_legitimacy_cost = draw(0, 30, 10);
  p.cancellation_probability = draw(0, 8, 16);
  p.negotiation_cost = draw(0, 20, 10);
  p.negotiation_progress = draw(0, 4, 4);
  p.escalation_signal_washington = draw(0, 40, 10);
  p.escalation_signal_tehran = draw(0, 40, 10);
  p.escalation_war_risk = draw(0, 10, 200);
  p.talks_absorption = draw(0, 4, 4);
  p.war_cost = draw(0, 40, 1);
  p.discount_washington = draw(5, 19, 20);
  p.discount_tehran = draw(5, 19, 20);
  return p;
}

stationary_profile<rational> profile_of(const stochastic_game<rational>& game, std::size_t talks_w, std::size_t talks_t,
                                        std::size_t crisis_both, std::size_t backchannel_both) {
  return pure_stationary_profile<rational>(
      game, {{talks_w, talks_t}, {crisis_both, crisis_both}, {backchannel_both, backchannel_both}, {0, 0}, {0, 0}});
}

TEST(ControlledFrictionParameters, EveryFieldIsDescribedOnceWithItsSource) {
  std::set<std::string_view> names;
  for (const auto& d : parameter_table()) {
    EXPECT_TRUE(names.insert(d.name).second) << d.name;
    EXPECT_FALSE(d.source.empty()) << d.name;
    EXPECT_FALSE(d.meaning.empty()) << d.name;
  }
  EXPECT_EQ(names.size(), 19u);
  EXPECT_NO_THROW(validate(controlled_friction_parameters{}));
}

TEST(ControlledFrictionParameters, OverridesAreParsedExactlyAndCheckedWithClearMessages) {
  auto p = with({"rent_tehran=1/3", "war_cost=12.5"});
  EXPECT_EQ(p.rent_tehran, rational(1, 3));
  EXPECT_EQ(p.war_cost, rational(25, 2));
  const auto message = [&](std::string_view o) {
    try {
      set_parameter(p, o);
    } catch (const invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no exception");
  };
  EXPECT_NE(message("rents=3").find("unknown parameter 'rents'"), std::string::npos);
  EXPECT_NE(message("war_cost").find("not of the form name=value"), std::string::npos);
  EXPECT_NE(message("war_cost=abc").find("war_cost"), std::string::npos);
  EXPECT_NE(message("discount_tehran=1").find("discount_tehran = 1 is outside [0, 1)"), std::string::npos);
  EXPECT_NE(message("cancellation_probability=-1/2").find("cancellation_probability"), std::string::npos);
  EXPECT_NE(message("years_of_hostility=5/2").find("whole number"), std::string::npos);
  EXPECT_EQ(p.rent_tehran, rational(1, 3)) << "a rejected override leaves the parameters alone";
}

TEST(ControlledFrictionStage, DefaultsHaveStallingAsTheUniqueEquilibrium) {
  const auto game = stage_game(controlled_friction_parameters{});
  const auto result = vertex_enumeration(game);
  ASSERT_EQ(result.equilibria.size(), 1u);
  const auto& e = result.equilibria.front();
  EXPECT_EQ(max_regret(game, e), 0);
  EXPECT_EQ(e(0, 1), 1);  // Washington stalls
  EXPECT_EQ(e(1, 1), 1);  // Tehran stalls
  // Stalling pays each its hostility rent, the deal less: H = (3 + 1, 4 + 2), D = (2, 4 - 3).
  const std::array<std::size_t, 2> stall = {1, 1}, settle = {3, 3};
  EXPECT_EQ(game.payoff(0, stall), 4);
  EXPECT_EQ(game.payoff(1, stall), 6);
  EXPECT_EQ(game.payoff(0, settle), 2);
  EXPECT_EQ(game.payoff(1, settle), 1);
}

TEST(ControlledFrictionStage, ClosedFormDealConditionMatchesTheNashCheck) {
  std::mt19937_64 rng(7);
  int deals = 0;
  for (int k = 0; k < 300; ++k) {
    const auto p = random_parameters(rng);
    const auto game = stage_game(p);
    const auto margins = stage_deal_margins(p);
    const bool closed_form = margins[0] >= 0 && margins[1] >= 0;
    const std::vector<std::size_t> both_settle = {3, 3};
    const auto settle = mixed_profile<rational>::pure({4, 4}, both_settle);
    EXPECT_EQ(closed_form, is_nash_equilibrium(game, settle)) << "draw " << k;
    deals += closed_form;
  }
  EXPECT_GT(deals, 10) << "the draws must exercise both sides of the condition";
  EXPECT_LT(deals, 290);
}

TEST(ControlledFrictionRounds, SubgamePerfectPlayUnravelsToStalling) {
  const controlled_friction_parameters p;
  const auto game = rounds_game(p, 2);
  EXPECT_EQ(game.num_nodes(), 21u + 15 * 20);
  const auto result = subgame_perfect_equilibria(game, {.solver = extreme_or_pure_equilibria<rational>});
  ASSERT_EQ(result.equilibria.size(), 1u);
  EXPECT_EQ(max_subgame_regret(game, result.equilibria.front()), 0);
  // Stalling both rounds: 4 + 9/10 * 4 and 6 + 9/10 * 6.
  EXPECT_EQ(result.payoffs.front()[0], rational(38, 5));
  EXPECT_EQ(result.payoffs.front()[1], rational(57, 5));
}

TEST(ControlledFrictionRounds, ADealSignedEarlyIsWorthItsFlowsWithCancellation) {
  const auto p = with({"cancellation_probability=1/2"});
  // Signed in round 1 of 3: D + d((1/2) D + (1/2) H) + d^2((1/4) D + (3/4) H).
  const rational d(9, 10);
  EXPECT_EQ(deal_payoff_in_rounds(p, 0, 0, 3), 2 + d * (1 + 2) + d * d * (rational(1, 2) + 3));
  EXPECT_EQ(deal_payoff_in_rounds(p, 1, 2, 3), d * d * 1);
  EXPECT_THROW((void)rounds_game(p, 0), invalid_argument);
  EXPECT_THROW((void)rounds_game(p, 5), invalid_argument);
}

TEST(ControlledFrictionStochastic, TheModelHasTheEssaysStatesAndValidTransitions) {
  const auto game = stochastic_model(controlled_friction_parameters{});
  ASSERT_EQ(game.num_states(), 5u);
  EXPECT_EQ(game.state(talks).name, "talks");
  EXPECT_NE(game.state(deal).name.find("deal"), std::string::npos);
  EXPECT_TRUE(game.is_absorbing(war));
  EXPECT_EQ(game.state(talks).num_profiles(), 16u);
  // Both escalate in talks: war with 2/100, otherwise the talks collapse into the backchannel.
  const std::array<std::size_t, 2> both_escalate = {2, 2};
  const auto& next = game.outcome(talks, game.state(talks).profile_index(both_escalate)).next;
  ASSERT_EQ(next.size(), 2u);
  EXPECT_EQ(next[0], (std::pair<std::size_t, rational>(backchannel, rational(49, 50))));
  EXPECT_EQ(next[1], (std::pair<std::size_t, rational>(war, rational(1, 50))));
}

TEST(ControlledFrictionStochastic, ClosedFormValuesOfTheDealProfileMatchPolicyEvaluation) {
  std::mt19937_64 rng(11);
  for (int k = 0; k < 40; ++k) {
    const auto p = random_parameters(rng);
    const auto game = stochastic_model(p);
    const auto values = evaluate_stationary_profile(game, profile_of(game, 3, 3, 0, 0));
    for (std::size_t i = 0; i < 2; ++i) {
      const auto v = deal_profile_value(p, i);
      const auto at = [&](std::size_t s) { return values(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(i)); };
      EXPECT_EQ(at(talks), v.talks) << "draw " << k;
      EXPECT_EQ(at(crisis), v.crisis);
      EXPECT_EQ(at(backchannel), v.backchannel);
      EXPECT_EQ(at(deal), v.deal);
      EXPECT_EQ(at(war), v.war);
    }
  }
}

TEST(ControlledFrictionStochastic, ClosedFormConditionsMatchTheExactOneShotDeviationCheck) {
  std::mt19937_64 rng(13);
  int deal_mpe = 0, stalling_mpe = 0;
  for (int k = 0; k < 400; ++k) {
    const auto p = random_parameters(rng);
    const auto game = stochastic_model(p);
    const auto deal_margins = deal_profile_margins(p);
    const auto stalling = stalling_margins(p);
    const bool deal_closed = deal_margins[0] >= 0 && deal_margins[1] >= 0;
    const bool stalling_closed = stalling[0] >= 0 && stalling[1] >= 0;
    EXPECT_EQ(deal_closed, max_one_shot_deviation_gain(game, profile_of(game, 3, 3, 0, 0)) == 0) << "draw " << k;
    EXPECT_EQ(stalling_closed, max_one_shot_deviation_gain(game, profile_of(game, 1, 1, 0, 0)) == 0) << "draw " << k;
    deal_mpe += deal_closed;
    stalling_mpe += stalling_closed;
  }
  EXPECT_GT(deal_mpe, 5);
  EXPECT_LT(deal_mpe, 395);
  EXPECT_GT(stalling_mpe, 5);
  EXPECT_LT(stalling_mpe, 395);
}

TEST(ControlledFrictionStochastic, TalksThatAbsorbShocksMakeEscalatingDuringTalksCheaper) {
  // The essay's shock absorber: while the talks run, an escalation carries
  // (1 - a) of its war risk; in the backchannel, all of it.
  const auto absorbing = with({"talks_absorption=1/2"});
  const auto game = stochastic_model(absorbing);
  const std::array<std::size_t, 2> one_escalates = {2, 1}, one_retaliates = {1, 0}, one_skirmishes = {1, 0};
  const auto war_chance = [&](std::size_t state, const std::array<std::size_t, 2>& profile) {
    for (const auto& [to, p] : game.outcome(state, game.state(state).profile_index(profile)).next)
      if (to == war) return p;
    return rational(0);
  };
  EXPECT_EQ(war_chance(talks, one_escalates), rational(1, 200));
  EXPECT_EQ(war_chance(crisis, one_retaliates), rational(1, 200));
  EXPECT_EQ(war_chance(backchannel, one_skirmishes), rational(1, 100));
  // Tehran's stalling margin, 9/10 (1/100)(1 - a) 260 - 2, is zero at a = 17/117:
  // perpetual stalling is an MPE up to there and not beyond, where Tehran
  // escalates during talks.
  EXPECT_EQ(stalling_margins(with({"talks_absorption=17/117"}))[1], 0);
  EXPECT_EQ(stalling_margins(absorbing)[1], rational(-83, 100));
  const auto stalling = [](const controlled_friction_parameters& p) {
    const auto g = stochastic_model(p);
    return max_one_shot_deviation_gain(g, profile_of(g, 1, 1, 0, 0)) == 0;
  };
  EXPECT_TRUE(stalling(with({"talks_absorption=17/117"})));
  EXPECT_FALSE(stalling(with({"talks_absorption=18/117"})));
  const auto search = search_deal_equilibria(absorbing);
  EXPECT_FALSE(search.stalling_profile_found);
  EXPECT_GT(search.equilibria, 0u);
  EXPECT_EQ(search.escalating_equilibria, search.equilibria) << "every pure MPE escalates during talks";
  // With the default (no absorption) the essay's stalling holds.
  EXPECT_TRUE(search_deal_equilibria(controlled_friction_parameters{}).stalling_profile_found);
}

TEST(ControlledFrictionChain, HittingProbabilitiesOfAFairRandomWalkAreLinear) {
  // Gambler's ruin on 0..4 with absorbing ends: reaching 4 before 0 from k has chance k/4.
  matrix<rational> p = matrix<rational>::Zero(5, 5);
  p(0, 0) = p(4, 4) = 1;
  for (int k = 1; k < 4; ++k) p(k, k - 1) = p(k, k + 1) = rational(1, 2);
  const auto h = hitting_probability<rational>(p, {4}, {0});
  for (int k = 0; k < 5; ++k) EXPECT_EQ(h[static_cast<std::size_t>(k)], rational(k, 4));
  // Within two periods from 2: at 4 only via 3, chance 1/4.
  EXPECT_EQ(probability_within<rational>(p, {4}, 2)[2], rational(1, 4));
  // A state that can never reach the target gets 0, not a singular system.
  matrix<rational> stuck = matrix<rational>::Identity(2, 2);
  EXPECT_EQ(hitting_probability<rational>(stuck, {1})[0], 0);
}

TEST(ControlledFrictionRubinstein, TheProposersShareIsTheBreakdownFormula) {
  const auto r = rubinstein_benchmark(controlled_friction_parameters{});
  // (1 - (99/100)(9/10)) / (1 - (99/100)^2 (81/100)) = 1000/1891.
  EXPECT_EQ(r.proposer_share, rational(1000, 1891));
  EXPECT_EQ(r.status_quo[0], 40);
  EXPECT_EQ(r.status_quo[1], 60);
  EXPECT_LT(r.surplus, 0);
  EXPECT_FALSE(r.agreement);
  const auto cheap = rubinstein_benchmark(with({"rent_washington=0", "rent_tehran=0", "sanctions=0"}));
  EXPECT_TRUE(cheap.agreement);
  EXPECT_EQ(cheap.agreement_value[0] + cheap.agreement_value[1], cheap.deal[0] + cheap.deal[1]);
}

TEST(ControlledFrictionVerdict, TheEssaysClaimsHoldUnderTheDefaults) {
  const auto a = analyze(controlled_friction_parameters{}, {.rounds = 2});
  for (const auto& v : a.verdicts) EXPECT_TRUE(v.holds) << v.question << " " << v.evidence;
  // Two pure MPE, both perpetual stalling (they differ off the path, in a crisis).
  ASSERT_EQ(a.pure_equilibria.size(), 2u);
  EXPECT_EQ(a.pure_equilibria[0].values[0][talks], 40);
  EXPECT_EQ(a.pure_equilibria[0].values[1][talks], 60);
  // The repeated stage game's SPE payoffs exclude the deal's (2, 1): Tehran's flow 1 is below what it can guarantee.
  EXPECT_TRUE(a.repeated_computed);
  EXPECT_FALSE(a.deal_in_repeated_set);
  ASSERT_FALSE(a.pure_equilibria.empty());
  for (const auto& e : a.pure_equilibria) {
    EXPECT_EQ(e.max_deviation_gain, 0);
    EXPECT_EQ(e.deal_probability, 0);
    EXPECT_GT(e.values[0][talks], e.values[0][deal]);
    EXPECT_GT(e.values[1][talks], e.values[1][deal]);
  }
  ASSERT_TRUE(a.homotopy_equilibrium.has_value());
  EXPECT_TRUE(a.homotopy_exact);
  EXPECT_EQ(a.homotopy_equilibrium->max_deviation_gain, 0);
  for (const auto& e : a.stage_equilibria) EXPECT_EQ(max_regret(a.stage, e), 0);
}

TEST(ControlledFrictionVerdict, NoRentsAndNoCancellationMakeTheDealAnEquilibriumOutcome) {
  const auto p = with({"rent_washington=0", "rent_tehran=0", "sanctions=0", "cancellation_probability=0"});
  const auto a = analyze(p, {.rounds = 2, .homotopy = false});
  EXPECT_FALSE(a.verdicts[0].holds) << a.verdicts[0].evidence;
  EXPECT_FALSE(a.verdicts[1].holds) << a.verdicts[1].evidence;
  const auto margins = deal_profile_margins(p);
  EXPECT_GE(margins[0], 0);
  EXPECT_GE(margins[1], 0);
  bool found = false;
  for (const auto& e : a.pure_equilibria) {
    EXPECT_EQ(e.max_deviation_gain, 0);
    found = found || e.profile == profile_of(a.stochastic, 3, 3, 0, 0);
  }
  EXPECT_TRUE(found) << "the closed form says settling is an MPE; the enumeration must find it";
}

TEST(ControlledFrictionVerdict, LoudEscalationWithRealWarRiskMakesWarTheLikelyEnd) {
  // With war costing nothing beyond the lost rents, Tehran's discounted war
  // loss per escalation is 9/10 * 1/20 * 6/(1/10) = 27/10, below its signal
  // of 10: it escalates, and each escalation risks war with 1/20.
  const auto p = with({"escalation_signal_tehran=10", "escalation_war_risk=1/20", "war_cost=0"});
  const auto a = analyze(p, {.rounds = 1, .homotopy = false});
  EXPECT_FALSE(a.verdicts[2].holds) << a.verdicts[2].evidence;
  EXPECT_FALSE(a.verdicts[3].holds) << a.verdicts[3].evidence;
  ASSERT_FALSE(a.pure_equilibria.empty());
  for (const auto& e : a.pure_equilibria) {
    EXPECT_EQ(e.max_deviation_gain, 0);
    EXPECT_GT(e.escalations_in_talks, 0);
    EXPECT_GT(e.war_within_horizon, rational(1, 2));
    EXPECT_GT(e.war_from_backchannel, rational(1, 2));
  }
}

TEST(ControlledFrictionVerdict, ARiskyCollapseFailsTheBackchannelClaimAlone) {
  // Each escalation risks war with 1/4: nobody escalates (the stalling
  // margins stay positive), but a collapse would end in war half the time.
  const auto p = with({"escalation_war_risk=1/4"});
  const auto margins = stalling_margins(p);
  EXPECT_GT(margins[0], 0);
  EXPECT_GT(margins[1], 0);
  const auto a = analyze(p, {.rounds = 1, .homotopy = false});
  EXPECT_TRUE(a.verdicts[0].holds);
  EXPECT_TRUE(a.verdicts[2].holds) << a.verdicts[2].evidence;
  EXPECT_FALSE(a.verdicts[3].holds) << a.verdicts[3].evidence;
}

TEST(ControlledFrictionVerdict, ACutSearchLeavesTheDealQuestionUndetermined) {
  // Impatient players (discount 0) are indifferent about later rounds, so
  // the 2-round game has more SPE than the solver keeps (100).
  const auto p = with({"discount_washington=0", "discount_tehran=0"});
  const auto a = analyze(p, {.rounds = 2, .homotopy = false, .repeated = false});
  ASSERT_EQ(a.rounds_status, run_status::limit_reached);
  EXPECT_TRUE(a.verdicts[0].holds);
  EXPECT_FALSE(a.verdicts[0].settled) << a.verdicts[0].evidence;
  EXPECT_NE(a.verdicts[0].evidence.find("the first 100"), std::string::npos);
}

TEST(ControlledFrictionVerdict, HistoryDependentThreatsCanSustainWhatMarkovPlayCannot) {
  // A war risk of 1/2 per escalation makes the stage game's punishments so
  // harsh that the deal's payoff enters the repeated game's SPE set, while
  // no Markov equilibrium reaches the deal: the report must say both.
  const auto a = analyze(with({"escalation_war_risk=1/2"}), {.rounds = 1, .homotopy = false});
  ASSERT_TRUE(a.repeated_computed);
  EXPECT_TRUE(a.deal_in_repeated_set);
  EXPECT_TRUE(a.verdicts[0].holds);
  EXPECT_NE(a.verdicts[0].evidence.find("inside the SPE payoff set"), std::string::npos);
}

TEST(ControlledFrictionSweep, ClosedFormAndEnumerationAgreeOnEveryGridPoint) {
  const controlled_friction_parameters base;
  for (const auto& definition : standard_sweeps(base, 9)) {
    const auto sweep = run_sweep(base, definition, {.threads = 2});
    ASSERT_EQ(sweep.points.size(), 81u);
    EXPECT_EQ(sweep.disagreements, 0u) << definition.name;
    EXPECT_GT(sweep.essay_share, 0.0) << definition.name;
    std::ostringstream csv, svg;
    write_csv(csv, sweep);
    write_svg(svg, sweep);
    const std::string table = csv.str(), figure = svg.str();
    EXPECT_EQ(std::count(table.begin(), table.end(), '\n'), 82);
    EXPECT_EQ(figure.rfind("<svg", 0), 0u);
    EXPECT_NE(figure.find("</svg>"), std::string::npos);
  }
  // Rents at zero and no cancellation (the first sweep's corner) reach the deal.
  const auto rents = run_sweep(base, standard_sweeps(base, 3).front(), {.threads = 1});
  EXPECT_GT(rents.points.front().deal_equilibria, 0u);
  EXPECT_LT(rents.essay_share, 1.0);
}

TEST(ControlledFrictionExport, TheStochasticGameRoundTripsThroughJson) {
  const auto game = stochastic_model(controlled_friction_parameters{});
  std::ostringstream out;
  write_stochastic_json(out, game);
  std::istringstream in(out.str());
  EXPECT_EQ(read_stochastic_json(in), game);
}

}  // namespace
