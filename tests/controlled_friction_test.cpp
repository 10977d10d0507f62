// The controlled-friction model: the contract of its games (names, sizes,
// one timing for the three forms), its closed forms against the solvers on
// random calibrations, the verdicts under the defaults and under the
// overrides that flip them, the sweeps and the sensitivity design.
#include <impasse/extensive/regret.hpp>
#include <impasse/models/controlled_friction_analysis.hpp>
#include <impasse/models/controlled_friction_sensitivity.hpp>
#include <impasse/models/controlled_friction_sweep.hpp>
#include <impasse/stochastic/finite_horizon_markov_perfect.hpp>
#include <impasse/stochastic/markov_perfect.hpp>
#include <impasse/stochastic/pure_markov_perfect.hpp>
#include <impasse/extensive/subgame_perfect.hpp>
#include <impasse/stochastic/stationary_chain.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>
#include <sstream>

namespace {

using namespace impasse;
using namespace impasse::models;

controlled_friction_parameters with(std::initializer_list<std::string_view> overrides) {
  controlled_friction_parameters p;
  for (const auto o : overrides) set_parameter(p, o);
  return p;
}

/// A calibration drawn uniformly (on a grid of rationals) from every
/// parameter's plausible range.
controlled_friction_parameters random_parameters(std::mt19937_64& rng) {
  controlled_friction_parameters p;
  for (const auto* d : sampled_parameters()) {
    const long k = std::uniform_int_distribution<long>(0, 40)(rng);
    p.*(d->field) = d->plausible_low + (d->plausible_high - d->plausible_low) * rational(k, 40);
  }
  validate(p);
  return p;
}

/// The named profile as a stationary profile of `game` (the model, or the
/// benchmark whose deal states have one action).
stationary_profile<rational> as_stationary(const stochastic_game<rational>& game, const friction_profile& f) {
  std::vector<std::vector<std::size_t>> actions(game.num_states());
  actions[index(friction_state::talks)] = {index_of(f.talks[0]), index_of(f.talks[1])};
  actions[index(friction_state::crisis)] = {std::size_t(f.crisis[0]), std::size_t(f.crisis[1])};
  actions[index(friction_state::backchannel)] = {std::size_t(f.backchannel[0]), std::size_t(f.backchannel[1])};
  const bool commitment = game.num_actions(index(friction_state::deal_dove), 0) == 1;
  actions[index(friction_state::deal_dove)] = commitment ? std::vector<std::size_t>{0, 0}
                                                         : std::vector<std::size_t>{f.dove_breaks[0], f.dove_breaks[1]};
  actions[index(friction_state::deal_hawk)] = commitment ? std::vector<std::size_t>{0, 0}
                                                         : std::vector<std::size_t>{f.hawk_breaks[0], f.hawk_breaks[1]};
  actions[index(friction_state::war)] = {0, 0};
  return pure_stationary_profile<rational>(game, actions);
}

TEST(ControlledFrictionParameters, TableCoversEveryFieldWithValidRangesAndSources) {
  const controlled_friction_parameters defaults;
  std::set<std::string_view> names;
  for (const auto& d : parameter_table()) {
    EXPECT_TRUE(names.insert(d.name).second) << d.name;
    EXPECT_FALSE(d.source.empty()) << d.name;
    EXPECT_FALSE(d.meaning.empty()) << d.name;
    const rational& v = defaults.*(d.field);
    EXPECT_GE(v, d.lower) << d.name;
    EXPECT_LE(d.plausible_low, v) << d.name;
    EXPECT_GE(d.plausible_high, v) << d.name;
    EXPECT_GE(d.plausible_low, d.lower) << d.name;
    if (d.upper >= 0) {
      EXPECT_TRUE(d.upper_open ? d.plausible_high < d.upper : d.plausible_high <= d.upper) << d.name;
    }
  }
  EXPECT_EQ(names.size(), 33u);
  EXPECT_EQ(sampled_parameters().size(), 32u);  // all but the report's horizon
  validate(defaults);
}

TEST(ControlledFrictionParameters, OverridesAreCheckedAndNamed) {
  auto p = with({"sanctions=1/2", "war_cost=12.5"});
  EXPECT_EQ(p.sanctions, rational(1, 2));
  EXPECT_EQ(p.war_cost, rational(25, 2));
  EXPECT_THROW(set_parameter(p, "sanctions=2"), impasse::invalid_argument);
  EXPECT_THROW(set_parameter(p, "no_such=1"), impasse::invalid_argument);
  EXPECT_THROW(set_parameter(p, "war_cost"), impasse::invalid_argument);
  EXPECT_THROW(set_parameter(p, "war_cost=abc"), impasse::invalid_argument);
  EXPECT_THROW(set_parameter(p, "discount_tehran=1"), impasse::invalid_argument);
  EXPECT_THROW(set_parameter(p, "overt_war_risk_multiple=1"), impasse::invalid_argument);  // must rise more than proportionally
  try {
    set_parameter(p, "hawk_share=3/2");
    FAIL();
  } catch (const impasse::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("hawk_share"), std::string::npos);
  }
  const auto off = without(p, rent_channel_parameters);
  EXPECT_EQ(off.rent_washington, 0);
  EXPECT_EQ(off.sanctions_rent_tehran, 0);
  EXPECT_EQ(off.war_cost, p.war_cost);
}

TEST(ControlledFrictionModel, TheDealIsEfficientAndSanctionsFeedTheRegime) {
  const controlled_friction_parameters p;
  const auto f = flows<rational>(p);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_GT(f.deal_welfare[i], f.hostility_welfare[i]) << "nation " << i;  // both nations gain every year
    EXPECT_GT(f.deal[i], f.hostility[i]) << "regime " << i;                  // and so do both regimes, year by year
  }
  EXPECT_GT(sanctions_rent_slope(p), 0);
  // H_T = -1/2 (1 + s 3) + 3/2 + 2 s: sanctions raise the regime's yearly value by 1/2 per unit.
  EXPECT_EQ(f.hostility[1], rational(-1, 2) * 4 + rational(3, 2) + 2);
  EXPECT_EQ(f.concession[1], 14);
  EXPECT_EQ(f.hawk_arrival, rational(1, 8));
}

TEST(ControlledFrictionModel, ExportedNamesFollowTheContract) {
  const controlled_friction_parameters p;
  for (const auto variant : {model_variant::model, model_variant::commitment}) {
    const auto game = stochastic_model(p, variant);
    EXPECT_EQ(game.initial_state(), index(friction_state::talks));
    EXPECT_EQ(game.state(game.initial_state()).name, "talks");
    double profiles = 1;
    for (std::size_t s = 0; s < game.num_states(); ++s) {
      const auto& st = game.state(s);
      const bool is_deal = s == index(friction_state::deal_dove) || s == index(friction_state::deal_hawk);
      EXPECT_EQ(st.name.find("deal") != std::string::npos, is_deal) << st.name;
      EXPECT_EQ(st.name.find("war") != std::string::npos, s == index(friction_state::war)) << st.name;
      profiles *= static_cast<double>(st.num_profiles());
      for (const auto& list : st.actions)
        for (const auto& a : list) {
          EXPECT_EQ(a.find("de-escalate"), std::string::npos);
          EXPECT_EQ(escalation_level(a) > 0, a.find("escalate") != std::string::npos) << a;
        }
      // Every state entered after an escalation (short of war) is a crisis.
      for (std::size_t k = 0; k < st.outcomes.size(); ++k) {
        const auto profile = st.profile_at(k);
        const bool escalation = escalation_level(st.actions[0][profile[0]]) > 0 || escalation_level(st.actions[1][profile[1]]) > 0;
        if (!escalation) continue;
        for (const auto& [to, probability] : st.outcomes[k].next)
          if (to != index(friction_state::war)) {
            EXPECT_NE(game.state(to).name.find("crisis"), std::string::npos) << st.name << " -> " << game.state(to).name;
          }
      }
    }
    EXPECT_EQ(profiles, static_cast<double>(variant == model_variant::model ? model_pure_profiles : commitment_pure_profiles));
    EXPECT_LE(model_pure_profiles, 100'000u);
  }
}

TEST(ControlledFrictionModel, OneTimingForTheStageRoundsAndStochasticForms) {
  std::mt19937_64 rng(11);
  for (int draw = 0; draw < 4; ++draw) {
    const auto p = draw == 0 ? controlled_friction_parameters{} : random_parameters(rng);
    // The stage game's payoffs are the talks state's flows.
    const auto stage = stage_game(p);
    const auto model = stochastic_model(p);
    const auto& talks = model.state(index(friction_state::talks));
    for (std::size_t w = 0; w < 5; ++w)
      for (std::size_t t = 0; t < 5; ++t) {
        const std::array<std::size_t, 2> profile = {w, t};
        const auto& outcome = talks.outcomes[talks.profile_index(profile)];
        EXPECT_EQ(stage.payoff(0, profile), outcome.payoffs[0]);
        EXPECT_EQ(stage.payoff(1, profile), outcome.payoffs[1]);
      }
    // The T-round game is the stochastic game's first T years: every
    // finite-horizon MPE, played in it, is an SPE with the same payoffs.
    for (std::size_t years = 1; years <= 2; ++years) {
      const auto rounds = rounds_game(p, years);
      for (const auto stage_kind : {stage_solution::pure, stage_solution::mixed}) {
        const auto finite =
            stochastic_backward_induction(model, {.horizon = years, .stage = stage_kind, .max_equilibria = 20});
        ASSERT_FALSE(finite.equilibria.empty());
        for (const auto& e : finite.equilibria) {
          const auto behaviour = rounds_behaviour_profile(rounds, model, e.strategies);
          const auto payoffs = expected_payoffs(rounds, behaviour);
          EXPECT_EQ(payoffs[0], e.values[0](index(friction_state::talks), 0)) << "draw " << draw << ", " << years << " years";
          EXPECT_EQ(payoffs[1], e.values[0](index(friction_state::talks), 1));
          EXPECT_EQ(max_subgame_regret(rounds, behaviour), 0);
        }
      }
    }
    // One year: no history, so the SPE payoffs are exactly the finite-horizon MPE values.
    const auto one = rounds_game(p, 1);
    const auto spe = subgame_decomposition(one);
    const auto finite = stochastic_backward_induction(model, {.horizon = 1, .stage = stage_solution::mixed});
    std::set<std::array<rational, 2>> a, b;
    for (const auto& x : spe.payoffs) a.insert({x[0], x[1]});
    for (const auto& e : finite.equilibria) b.insert({e.values[0](0, 0), e.values[0](0, 1)});
    EXPECT_EQ(a, b) << "draw " << draw;
  }
}

TEST(ControlledFrictionModel, WelfareGameSharesTheTransitions) {
  const controlled_friction_parameters p;
  const auto regime = stochastic_model(p);
  const auto welfare = stochastic_model(p, model_variant::model, payoff_kind::welfare);
  ASSERT_EQ(regime.num_states(), welfare.num_states());
  for (std::size_t s = 0; s < regime.num_states(); ++s)
    for (std::size_t k = 0; k < regime.state(s).outcomes.size(); ++k)
      EXPECT_EQ(regime.state(s).outcomes[k].next, welfare.state(s).outcomes[k].next);
  const auto f = flows<rational>(p);
  EXPECT_EQ(welfare.state(index(friction_state::deal_dove)).outcomes[0].payoffs[1], f.deal_welfare[1]);
  EXPECT_EQ(welfare.state(index(friction_state::talks)).outcomes[0].payoffs[1], f.hostility_welfare[1]);
}

// The closed forms against the library's policy evaluation and one-shot
// deviation check, exactly, on random calibrations from the plausible box.
TEST(ControlledFrictionClosedForms, ValuesAndMarginsMatchTheSolvers) {
  std::mt19937_64 rng(2026);
  std::array<int, 3> equilibria{};
  for (int draw = 0; draw < 60; ++draw) {
    const auto p = draw == 0 ? controlled_friction_parameters{} : random_parameters(rng);
    const auto f = flows<rational>(p);
    for (const bool commitment : {false, true}) {
      const auto game = stochastic_model(p, commitment ? model_variant::commitment : model_variant::model);
      for (const auto which : {named_profile::friction, named_profile::revocable_deal, named_profile::durable_deal}) {
        if (commitment && which == named_profile::revocable_deal) continue;
        const auto profile = as_stationary(game, profile_of(which));
        const auto values = evaluate_stationary_profile(game, profile);
        const auto margins = named_profile_margins(f, which, commitment);
        for (std::size_t i = 0; i < 2; ++i) {
          auto v = profile_values(f, which, i);
          if (commitment && which == named_profile::friction)
            v[index(friction_state::deal_dove)] = v[index(friction_state::deal_hawk)] = f.deal[i] / (1 - f.discount[i]);
          for (std::size_t s = 0; s < game.num_states(); ++s)
            ASSERT_EQ(v[s], values(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(i)))
                << named_profile_names[static_cast<std::size_t>(which)] << ", state " << s << ", draw " << draw;
        }
        // The smallest margin is minus the largest one-shot gain.
        const auto gains = one_shot_deviation_gains(game, profile);
        for (std::size_t i = 0; i < 2; ++i) {
          rational largest = 0;
          for (Eigen::Index s = 0; s < gains.rows(); ++s) largest = std::max(largest, gains(s, static_cast<Eigen::Index>(i)));
          if (margins[i].margin <= 0) {
            EXPECT_EQ(-margins[i].margin, largest) << "draw " << draw;
          } else {
            EXPECT_EQ(largest, 0);
          }
        }
        const bool mpe = is_markov_perfect(game, profile);
        EXPECT_EQ(is_equilibrium(margins), mpe) << named_profile_names[static_cast<std::size_t>(which)] << ", draw " << draw;
        if (!commitment && mpe) ++equilibria[static_cast<std::size_t>(which)];
      }
    }
    // The commitment condition: Tehran's settle-versus-stall gain in the
    // revocable deal, from the library's action values.
    const auto game = stochastic_model(p);
    const auto profile = as_stationary(game, profile_of(named_profile::revocable_deal));
    const auto q = action_values(game, profile, evaluate_stationary_profile(game, profile));
    const auto r = recoup(f, 1);
    const auto& talks = q[index(friction_state::talks)][1];
    EXPECT_EQ(r.margin_revocable, talks[index_of(talks_action::settle)] - talks[index_of(talks_action::stall)]) << draw;
    EXPECT_EQ(r.margin_binding, (1 - f.discount[1]) * (f.discount[1] * (f.deal[1] - f.hostility[1]) / (1 - f.discount[1]) -
                                                     f.concession[1] - f.negotiation_cost));
  }
  // The draws test both sides of each condition.
  for (const int n : equilibria) {
    EXPECT_GT(n, 0);
    EXPECT_LT(n, 60);
  }
}

// The general closed form (a direct solve of the six-state system) for
// every member of both families, against the library.
TEST(ControlledFrictionClosedForms, FamiliesMatchTheSolvers) {
  std::mt19937_64 rng(99);
  std::array<int, 2> found{};
  for (int draw = 0; draw < 40; ++draw) {
    const auto p = draw == 0 ? controlled_friction_parameters{} : random_parameters(rng);
    const auto f = flows<rational>(p);
    for (const bool commitment : {false, true}) {
      const auto game = stochastic_model(p, commitment ? model_variant::commitment : model_variant::model);
      for (const auto family : {profile_family::friction, profile_family::deal}) {
        bool any = false;
        for (const auto& member : family_profiles(family)) {
          const auto profile = as_stationary(game, member);
          const auto values = evaluate_stationary_profile(game, profile);
          for (std::size_t i = 0; i < 2; ++i) {
            const auto v = profile_values(f, member, i, commitment);
            for (std::size_t s = 0; s < game.num_states(); ++s)
              ASSERT_EQ(v[s], values(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(i))) << "draw " << draw;
          }
          any = any || is_markov_perfect(game, profile);
        }
        EXPECT_EQ(family_equilibrium_of(f, family, commitment).has_value(), any) << "draw " << draw;
        if (!commitment && any) ++found[static_cast<std::size_t>(family)];
      }
    }
  }
  for (const int n : found) {
    EXPECT_GT(n, 0);
    EXPECT_LT(n, 40);
  }
  // The named profiles' explicit formulas are the direct solve written out.
  const auto f = flows<rational>(controlled_friction_parameters{});
  for (const auto which : {named_profile::friction, named_profile::revocable_deal, named_profile::durable_deal})
    for (std::size_t i = 0; i < 2; ++i)
      EXPECT_EQ(profile_values(f, which, i), profile_values(f, profile_of(which), i, false));
}

TEST(ControlledFrictionClosedForms, FrictionPathAndDealLifeInClosedForm) {
  const controlled_friction_parameters p;
  const auto f = flows<rational>(p);
  const auto r = recoup(f, 1);
  // q = 1/8, d = 9/10: L = (1 + 9/80) / (1 - 9/10 * 7/8) = 89/17.
  EXPECT_EQ(r.life_revocable, rational(89, 17));
  EXPECT_EQ(r.life_binding, 10);
  EXPECT_EQ(r.cost, rational(57, 4));
  EXPECT_LT(r.margin_revocable, 0);  // the revocable deal does not recoup the concession
  EXPECT_GT(r.margin_binding, 0);    // a binding one would
  rational survival = 1;
  for (int k = 0; k < 9; ++k) survival *= rational(7, 8);
  EXPECT_EQ(r.survival_ten_years, survival);
  const auto path = friction_path_of(f, 40);
  rational peace = 1;
  for (int k = 0; k < 20; ++k) peace *= 1 - 2 * rational(1, 500);
  EXPECT_EQ(path.war_within_horizon, 1 - peace);
  EXPECT_EQ(path.collapse_to_backchannel, rational(249, 250));
}

TEST(ControlledFrictionClosedForms, NamedProfilesFoundExactlyWhenTheClosedFormsSaySo) {
  std::mt19937_64 rng(77);
  std::size_t deal_points = 0;
  for (int draw = 0; draw < 40; ++draw) {
    const auto p = random_parameters(rng);
    const auto found = search_equilibria(p, true, 1);
    const auto f = flows<rational>(p);
    for (std::size_t k = 0; k < 3; ++k) {
      const auto m = named_profile_margins(f, static_cast<named_profile>(k), false);
      if (abs(std::min(m[0].margin, m[1].margin)) < rational(1, 1'000'000)) continue;  // on the boundary
      EXPECT_EQ(is_equilibrium(m), found.named_found[k]) << named_profile_names[k] << ", draw " << draw;
    }
    const auto b = named_profile_margins(f, named_profile::durable_deal, true);
    if (abs(std::min(b[0].margin, b[1].margin)) >= rational(1, 1'000'000)) {
      EXPECT_EQ(is_equilibrium(b), found.binding_deal_found) << "binding, draw " << draw;
    }
    deal_points += found.reaching_deal > 0;
  }
  EXPECT_GT(deal_points, 0u);
  EXPECT_LT(deal_points, 40u);
}

TEST(ControlledFrictionClosedForms, DoubleAndExactEnumerationAgree) {
  for (const auto& p : {controlled_friction_parameters{}, with({"rent_tehran=0", "rent_washington=0"}),
                        with({"talks_absorption=0"})}) {
    const auto exact = solve_pure<rational>(p, model_variant::model);
    const auto fast = solve_pure<double>(p, model_variant::model);
    ASSERT_EQ(exact.equilibria.size(), fast.equilibria.size());
    for (std::size_t k = 0; k < exact.equilibria.size(); ++k) {
      EXPECT_EQ(exact.equilibria[k].named, fast.equilibria[k].named);
      EXPECT_NEAR(exact.equilibria[k].values[1][0].convert_to<double>(), fast.equilibria[k].values[1][0], 1e-9);
      EXPECT_EQ(exact.equilibria[k].max_deviation_gain, 0);
    }
  }
}

// The pruning is exact: it never removes an action some MPE plays.
TEST(ControlledFrictionModel, PruningKeepsEveryEquilibrium) {
  std::mt19937_64 rng(5);
  for (int draw = 0; draw < 6; ++draw) {
    const auto p = draw == 0 ? controlled_friction_parameters{} : random_parameters(rng);
    const auto game = convert<double>(stochastic_model(p, model_variant::commitment));
    const auto pruned = pure_stationary_enumeration(game, {.threads = 1});
    const auto full = pure_stationary_enumeration(game, {.threads = 1, .prune = false});
    ASSERT_EQ(pruned.equilibria.size(), full.equilibria.size()) << "draw " << draw;
    for (std::size_t k = 0; k < full.equilibria.size(); ++k)
      EXPECT_EQ(pruned.equilibria[k].strategies, full.equilibria[k].strategies);
  }
  const auto model = convert<double>(stochastic_model(controlled_friction_parameters{}));
  const auto run = pure_stationary_enumeration(model, {.threads = 1});
  EXPECT_EQ(run.profiles_after_pruning, 4096u);  // overt escalation goes in talks and crises
}

class ControlledFrictionVerdicts : public ::testing::Test {
 protected:
  static const controlled_friction_analysis& defaults() {
    static const auto a = analyze(controlled_friction_parameters{}, {.rounds = 1});
    return a;
  }
};

TEST_F(ControlledFrictionVerdicts, EveryClaimHoldsUnderTheDefaults) {
  const auto& a = defaults();
  ASSERT_EQ(a.verdicts.size(), 7u);
  for (const auto& v : a.verdicts) {
    EXPECT_TRUE(v.holds) << v.question << "\n" << v.evidence;
    EXPECT_TRUE(v.settled);
  }
  // The numbers behind them.
  EXPECT_EQ(a.model_equilibria.status, run_status::complete);
  EXPECT_EQ(a.model_equilibria.equilibria.size(), 2u);
  EXPECT_EQ(a.model_equilibria.reaching_deal, 0u);
  EXPECT_GE(a.commitment_equilibria.reaching_deal, 1u);
  EXPECT_EQ(a.deal_surplus[0], rational(11, 4));
  EXPECT_EQ(a.deal_surplus[1], 12);
  for (const auto& e : a.model_equilibria.equilibria) {
    EXPECT_EQ(e.deal_probability, 0);
    EXPECT_GT(e.escalations_per_year, 0);
    EXPECT_EQ(e.overt_escalations_per_year, 0);
    EXPECT_GT(e.swaps_per_year, 0);
    EXPECT_LT(e.war_within_horizon, rational(1, 10));
    EXPECT_EQ(e.war_within_horizon, a.friction_path_closed_form.war_within_horizon);
    // A deal signed now would be revoked by the first hawk: it survives ten
    // years with chance (7/8)^9, an equilibrium outcome.
    EXPECT_EQ(e.deal_survival_ten_years, a.tehran_recoup.survival_ten_years);
  }
  EXPECT_EQ(a.model_equilibria.equilibria.front().named, named_profile::friction);
  EXPECT_TRUE(is_equilibrium(a.model_profile_margins[0]));
  EXPECT_FALSE(is_equilibrium(a.model_profile_margins[1]));
  EXPECT_FALSE(is_equilibrium(a.model_profile_margins[2]));
  EXPECT_TRUE(is_equilibrium(a.binding_deal_margins));
  bool binding_found = false;
  for (const auto& e : a.commitment_equilibria.equilibria) binding_found = binding_found || e.named == named_profile::durable_deal;
  EXPECT_TRUE(binding_found);
  // The homotopy's end point was polished to an exact MPE.
  EXPECT_TRUE(a.homotopy_exact);
  ASSERT_TRUE(a.homotopy_exact_summary);
  EXPECT_EQ(a.homotopy_exact_summary->max_deviation_gain, 0);
  EXPECT_TRUE(a.rounds_agree);
  // Each channel, switched off, lets a deal through.
  EXPECT_GT(a.rent_channel_off.reaching_deal, 0u);
  EXPECT_GT(a.commitment_channel_off.reaching_deal, 0u);
  // Sanctions: the regime's value rises, the nation's welfare falls.
  ASSERT_EQ(a.sanctions_statics.size(), 5u);
  EXPECT_GT(a.sanctions_statics.back().tehran_regime, a.sanctions_statics.front().tehran_regime);
  EXPECT_LT(a.sanctions_statics.back().tehran_nation, a.sanctions_statics.front().tehran_nation);
}

TEST_F(ControlledFrictionVerdicts, EachFlipOverrideFlipsItsClaim) {
  const auto& base = defaults();
  for (std::size_t k = 0; k < base.verdicts.size(); ++k) {
    controlled_friction_parameters p;
    std::istringstream words(base.verdicts[k].flip_override);
    for (std::string word; words >> word;)
      if (word != "--param") set_parameter(p, word);
    const auto flipped = analyze(p, {.rounds = 0, .homotopy = false, .sanctions_grid = {rational(0), p.sanctions}});
    EXPECT_FALSE(flipped.verdicts[k].holds) << base.verdicts[k].question << " under " << base.verdicts[k].flip_override
                                            << "\n" << flipped.verdicts[k].evidence;
  }
}

TEST(ControlledFrictionAnalysis, FloatingOverridesNeverReachExactCodeUnpolished) {
  // Once a crash: `talks_absorption=1/10` handed a double profile to exact code.
  for (const auto* o : {"talks_absorption=1/10", "talks_absorption=0.1", "escalation_war_risk=0.0123"}) {
    const auto a = analyze(with({o}), {.rounds = 0, .sanctions_grid = {}});
    EXPECT_FALSE(a.verdicts.empty()) << o;
    if (a.homotopy_exact) {
      EXPECT_EQ(a.homotopy_exact_summary->max_deviation_gain, 0);
    }
  }
}

TEST(ControlledFrictionSweeps, ClosedFormsAgreeWithEnumerationOnEveryPoint) {
  const controlled_friction_parameters p;
  for (const auto& definition : standard_sweeps(p, 7)) {
    const auto sweep = run_sweep(p, definition, {.threads = 2});
    EXPECT_EQ(sweep.points.size(), 49u);
    EXPECT_EQ(sweep.disagreements, 0u) << definition.name;
    EXPECT_GT(sweep.no_deal_share, 0) << definition.name;
    std::ostringstream csv, svg;
    write_csv(csv, sweep);
    write_svg(svg, sweep);
    const auto text = csv.str();
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 50);
    EXPECT_NE(svg.str().find("</svg>"), std::string::npos);
  }
}

TEST(ControlledFrictionSensitivity, DesignIsDeterministicAndIndependentOfThreads) {
  const sensitivity_design design{.base_samples = 64, .seed = 3, .enumerated = 8};
  const controlled_friction_parameters base;
  const auto n = evaluation_count(design);
  EXPECT_EQ(n, 64u * 34u);
  const auto one = evaluate_design(design, base, 0, n, 1);
  const auto two = evaluate_design(design, base, 0, n, 2);
  EXPECT_EQ(one, two);
  // Blocks computed apart and joined give the same as one run (the MPI path).
  auto joined = evaluate_design(design, base, 0, n / 3, 1);
  const auto rest = evaluate_design(design, base, n / 3, n, 2);
  joined.insert(joined.end(), rest.begin(), rest.end());
  EXPECT_EQ(joined, one);
  // Column i of A_B^(i) comes from B, every other from A.
  const auto d = sampled_parameters().size();
  const auto a = design_parameters(design, base, 5 * (d + 2));
  const auto b = design_parameters(design, base, 5 * (d + 2) + 1);
  const auto ab = design_parameters(design, base, 5 * (d + 2) + 2 + 3);
  for (std::size_t i = 0; i < d; ++i) {
    const auto& field = sampled_parameters()[i]->field;
    EXPECT_EQ(ab.*field, i == 3 ? b.*field : a.*field);
  }
  EXPECT_EQ(enumerated_samples(design), enumerated_samples(design));
  EXPECT_EQ(enumerated_samples(design).size(), 8u);
  // Packing for MPI loses nothing.
  const auto points = evaluate_enumerated(design, base, 0, 8, 2);
  for (const auto& point : points) {
    std::array<double, enumerated_point::packed_size> buffer{};
    point.pack(buffer.data());
    const auto back = enumerated_point::unpack(buffer.data());
    EXPECT_EQ(back.sample, point.sample);
    EXPECT_EQ(back.found, point.found);
    EXPECT_EQ(back.verdicts, point.verdicts);
    EXPECT_EQ(back.largest_war, point.largest_war);
  }
}

TEST(ControlledFrictionSensitivity, IndicesFindTheParametersAVerdictDependsOn) {
  const sensitivity_design design{.base_samples = 512, .enumerated = 64};
  const controlled_friction_parameters base;
  const auto verdicts = evaluate_design(design, base, 0, evaluation_count(design), 2);
  const auto enumerated = evaluate_enumerated(design, base, 0, design.enumerated, 2);
  const auto r = summarize_sensitivity(design, verdicts, enumerated);
  // "Sanctions feed the regime" depends on three parameters only
  // (sanctions_rent_tehran > welfare_weight_tehran * sanctions_damage_tehran):
  // every other parameter's total index is exactly zero.
  const auto c = static_cast<std::size_t>(sensitivity_claim::sanctions_feed);
  for (std::size_t i = 0; i < r.parameters.size(); ++i) {
    const auto& name = r.parameters[i];
    const bool relevant = name == "sanctions_rent_tehran" || name == "welfare_weight_tehran" || name == "sanctions_damage_tehran";
    if (relevant) {
      EXPECT_GT(r.total[c][i], 0.05) << name;
    } else {
      EXPECT_EQ(r.total[c][i], 0) << name;
    }
  }
  // The closed forms agree with the enumeration, profile by profile.
  for (const auto n : r.disagreements) EXPECT_EQ(n, 0u);
  EXPECT_EQ(r.enumerated.size(), 64u);
  EXPECT_GT(r.share[static_cast<std::size_t>(sensitivity_claim::friction)], 0);
  std::ostringstream text, csv, svg;
  write_sensitivity_text(text, r);
  write_sensitivity_csv(csv, r);
  write_sensitivity_svg(svg, r);
  EXPECT_NE(text.str().find("Share of the plausible box"), std::string::npos);
  EXPECT_NE(svg.str().find("</svg>"), std::string::npos);
}

}  // namespace
