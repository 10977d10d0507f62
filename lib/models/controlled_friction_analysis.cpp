// The controlled-friction analysis: the model's games solved with the
// library's solvers, and the essay's claims answered from the equilibria.
#include <impasse/models/controlled_friction_analysis.hpp>

#include <impasse/extensive/regret.hpp>
#include <impasse/stochastic/finite_horizon_markov_perfect.hpp>
#include <impasse/stochastic/logit_homotopy.hpp>
#include <impasse/stochastic/markov_perfect.hpp>
#include <impasse/stochastic/pure_markov_perfect.hpp>
#include <impasse/extensive/subgame_perfect.hpp>
#include <impasse/strategic/vertex_enumeration.hpp>
#include <impasse/stochastic/stationary_chain.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <functional>

namespace impasse::models {

namespace {

using enum friction_state;
constexpr std::size_t talks_index = index(talks);
constexpr std::size_t backchannel_index = index(backchannel);
constexpr std::size_t dove_index = index(deal_dove);
constexpr std::size_t hawk_index = index(deal_hawk);
constexpr std::size_t war_index = index(war);

template <scalar Scalar>
std::string number(const Scalar& x, int decimals = 4) {
  return to_decimal_string(x, decimals);
}

/// The chance each action profile of `state` is played, times `f(outcome index)`, summed.
template <scalar Scalar, class F>
Scalar expected_over(const stochastic_state<Scalar>& state, const mixed_profile<Scalar>& sigma, F&& f) {
  Scalar total(0);
  impasse::detail::for_each_played_profile(state, sigma, [&](std::size_t k, const auto&, const Scalar& weight) {
    total += weight * f(k);
  });
  return total;
}

/// Escalating acts (of any level, and overt) expected in one year of `state`.
template <scalar Scalar>
std::array<Scalar, 2> escalations_in(const stochastic_state<Scalar>& state, const mixed_profile<Scalar>& sigma) {
  std::array<Scalar, 2> out{Scalar(0), Scalar(0)};
  for (std::size_t i = 0; i < state.actions.size(); ++i)
    for (std::size_t a = 0; a < state.actions[i].size(); ++a) {
      const int level = escalation_level(state.actions[i][a]);
      if (level > 0) out[0] += sigma(i, a);
      if (level == 2) out[1] += sigma(i, a);
    }
  return out;
}

}  // namespace

template <scalar Scalar>
std::optional<named_profile> recognise(const stationary_profile<Scalar>& profile) {
  // Pure actions only.
  const auto action = [&](std::size_t s, std::size_t i) -> std::optional<std::size_t> {
    for (std::size_t a = 0; a < profile[s].num_strategies(i); ++a)
      if (profile[s](i, a) == Scalar(1)) return a;
    return std::nullopt;
  };
  for (const auto which : {named_profile::friction, named_profile::revocable_deal, named_profile::durable_deal}) {
    const auto p = profile_of(which);
    bool same = true;
    for (std::size_t i = 0; i < 2 && same; ++i) {
      same = action(talks_index, i) == index_of(p.talks[i]) &&
             action(index(crisis), i) == static_cast<std::size_t>(p.crisis[i]) &&
             action(backchannel_index, i) == static_cast<std::size_t>(p.backchannel[i]);
      const bool commitment = profile[dove_index].num_strategies(i) == 1;
      if (!commitment) {
        same = same && action(dove_index, i) == std::size_t(p.dove_breaks[i]) &&
               action(hawk_index, i) == std::size_t(p.hawk_breaks[i]);
      } else if (which == named_profile::revocable_deal) {
        same = false;  // in the benchmark a deal cannot be revoked
      }
    }
    if (same) return which;
  }
  return std::nullopt;
}

template <scalar Scalar>
equilibrium_summary<Scalar> summarize(const stochastic_game<Scalar>& game, const stochastic_game<Scalar>& welfare_game,
                                      const stationary_profile<Scalar>& profile, long years) {
  equilibrium_summary<Scalar> out;
  out.profile = profile;
  const auto values = evaluate_stationary_profile(game, profile);
  const auto welfare = evaluate_stationary_profile(welfare_game, profile);
  const std::size_t S = game.num_states();
  for (std::size_t i = 0; i < 2; ++i)
    for (std::size_t s = 0; s < S; ++s) {
      out.values[i].push_back(values(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(i)));
      out.welfare[i].push_back(welfare(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(i)));
    }
  const auto transitions = transition_matrix(game, profile);
  out.deal_probability = hitting_probability<Scalar>(transitions, {dove_index, hawk_index}, {war_index})[talks_index];
  const auto horizon = static_cast<std::size_t>(years);
  const auto war_within = probability_within<Scalar>(transitions, {war_index}, horizon);
  out.war_within_horizon = war_within[talks_index];
  out.war_from_backchannel = war_within[backchannel_index];
  out.war_eventually = hitting_probability<Scalar>(transitions, {war_index})[talks_index];
  out.backchannel_to_talks = hitting_probability<Scalar>(transitions, {talks_index}, {war_index})[backchannel_index];

  // A deal signed now, ten years on: the chain with every exit from the deal states cut.
  {
    auto kept = transitions;
    for (std::size_t s = 0; s < S; ++s)
      for (std::size_t t = 0; t < S; ++t)
        if (t != dove_index && t != hawk_index) kept(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(t)) = 0;
    out.deal_survival_ten_years = probability_within<Scalar>(kept, {dove_index, hawk_index}, 10)[dove_index];
  }
  // Escalations and swaps per year over the horizon from talks.
  {
    std::vector<std::array<Scalar, 2>> escalations(S);
    std::vector<Scalar> swaps(S, Scalar(0));
    for (std::size_t s = 0; s < S; ++s) escalations[s] = escalations_in(game.state(s), profile[s]);
    swaps[backchannel_index] = profile[backchannel_index](0, 0) * profile[backchannel_index](1, 0);
    vector<Scalar> distribution = vector<Scalar>::Zero(static_cast<Eigen::Index>(S));
    distribution(static_cast<Eigen::Index>(talks_index)) = 1;
    Scalar acts(0), overt(0), swapped(0);
    for (std::size_t year = 0; year < horizon; ++year) {
      for (std::size_t s = 0; s < S; ++s) {
        const Scalar& p = distribution(static_cast<Eigen::Index>(s));
        if (p == Scalar(0)) continue;
        acts += p * escalations[s][0];
        overt += p * escalations[s][1];
        swapped += p * swaps[s];
      }
      distribution = (transitions.transpose() * distribution).eval();
    }
    const Scalar n(static_cast<long>(horizon));
    out.escalations_per_year = acts / n;
    out.overt_escalations_per_year = overt / n;
    out.swaps_per_year = swapped / n;
  }
  out.max_deviation_gain = max_one_shot_deviation_gain(game, profile);
  out.named = recognise(profile);
  return out;
}

template equilibrium_summary<double> summarize(const stochastic_game<double>&, const stochastic_game<double>&,
                                               const stationary_profile<double>&, long);
template equilibrium_summary<rational> summarize(const stochastic_game<rational>&, const stochastic_game<rational>&,
                                                 const stationary_profile<rational>&, long);
template <scalar Scalar>
std::optional<profile_family> recognise_family(const stationary_profile<Scalar>& profile) {
  const auto action = [&](std::size_t s, std::size_t i) -> std::optional<std::size_t> {
    for (std::size_t a = 0; a < profile[s].num_strategies(i); ++a)
      if (profile[s](i, a) == Scalar(1)) return a;
    return std::nullopt;
  };
  for (const auto family : {profile_family::friction, profile_family::deal})
    for (const auto& p : family_profiles(family)) {
      bool same = true;
      for (std::size_t i = 0; i < 2 && same; ++i) {
        same = action(talks_index, i) == index_of(p.talks[i]) &&
               action(index(crisis), i) == static_cast<std::size_t>(p.crisis[i]) &&
               action(backchannel_index, i) == static_cast<std::size_t>(p.backchannel[i]);
        if (profile[dove_index].num_strategies(i) > 1)
          same = same && action(dove_index, i) == std::size_t(p.dove_breaks[i]) &&
                 action(hawk_index, i) == std::size_t(p.hawk_breaks[i]);
      }
      if (same) return family;
    }
  return std::nullopt;
}

template std::optional<profile_family> recognise_family(const stationary_profile<double>&);
template std::optional<profile_family> recognise_family(const stationary_profile<rational>&);
template std::optional<named_profile> recognise(const stationary_profile<double>&);
template std::optional<named_profile> recognise(const stationary_profile<rational>&);

template <scalar Scalar>
equilibrium_set<Scalar> solve_pure(const controlled_friction_parameters& parameters, model_variant variant,
                                   unsigned threads) {
  validate(parameters);
  const auto f = flows<Scalar>(parameters);
  const auto game = stochastic_model(f, variant);
  const auto welfare = stochastic_model(f, variant, payoff_kind::welfare);
  const auto pure = pure_stationary_enumeration(game, {.threads = threads});
  equilibrium_set<Scalar> out;
  out.status = pure.status;
  out.profiles = static_cast<std::size_t>(pure.profiles_total);
  out.seconds = pure.seconds;
  const long years = parameters.years_of_hostility.convert_to<long>();
  for (const auto& e : pure.equilibria) {
    out.equilibria.push_back(summarize(game, welfare, e.strategies, years));
    if (out.equilibria.back().deal_probability > Scalar(0)) ++out.reaching_deal;
  }
  return out;
}

template equilibrium_set<double> solve_pure(const controlled_friction_parameters&, model_variant, unsigned);
template equilibrium_set<rational> solve_pure(const controlled_friction_parameters&, model_variant, unsigned);

deal_search search_equilibria(const controlled_friction_parameters& parameters, bool commitment, unsigned threads) {
  deal_search out;
  const auto model = solve_pure<double>(parameters, model_variant::model, threads);
  out.equilibria = model.equilibria.size();
  out.reaching_deal = 0;
  for (const auto& e : model.equilibria) {
    if (e.deal_probability > 1e-12) ++out.reaching_deal;
    if (e.escalations_per_year > 1e-12) ++out.escalating;
    if (e.swaps_per_year > 1e-12) ++out.swapping;
    if (e.escalations_per_year > 1e-12 && e.swaps_per_year > 1e-12 && e.war_within_horizon < 0.5) ++out.controlled;
    out.largest_war_within_horizon = std::max(out.largest_war_within_horizon, e.war_within_horizon);
    if (e.named) out.named_found[static_cast<std::size_t>(*e.named)] = true;
    if (const auto family = recognise_family(e.profile)) out.family_found[static_cast<std::size_t>(*family)] = true;
  }
  if (commitment) {
    const auto bench = solve_pure<double>(parameters, model_variant::commitment, threads);
    out.commitment_equilibria = bench.equilibria.size();
    for (const auto& e : bench.equilibria) {
      if (e.deal_probability > 1e-12) ++out.commitment_reaching_deal;
      if (e.named == named_profile::durable_deal) out.binding_deal_found = true;
      if (recognise_family(e.profile) == profile_family::deal) out.binding_family_found = true;
    }
  }
  return out;
}

namespace {

/// Which equilibria `best_value` looks at.
enum class reaching { any, deal, no_deal };

/// The best (largest) value at talks of regime i over the equilibria of `set`
/// that reach a deal, or do not, or all.
std::optional<rational> best_value(const equilibrium_set<rational>& set, std::size_t i, reaching which = reaching::any) {
  std::optional<rational> best;
  for (const auto& e : set.equilibria) {
    if (which == reaching::deal && e.deal_probability == 0) continue;
    if (which == reaching::no_deal && e.deal_probability > 0) continue;
    if (!best || e.values[i][talks_index] > *best) best = e.values[i][talks_index];
  }
  return best;
}

channel_result switch_off(const controlled_friction_parameters& p, std::string name,
                          std::span<const std::string_view> parameters) {
  channel_result out;
  out.name = std::move(name);
  for (const auto n : parameters) out.overrides.push_back(std::string(n) + "=0");
  const auto set = solve_pure<rational>(without(p, parameters), model_variant::model);
  out.equilibria = set.equilibria.size();
  out.reaching_deal = set.reaching_deal;
  for (const auto& e : set.equilibria)
    if (e.deal_probability > 0) out.best_deal_survival = std::max(out.best_deal_survival, e.deal_survival_ten_years.convert_to<double>());
  return out;
}

std::string overrides_text(const std::vector<std::string>& overrides) {
  std::string out;
  for (const auto& o : overrides) out += (out.empty() ? "" : " ") + ("--param " + o);
  return out;
}

}  // namespace

controlled_friction_analysis::controlled_friction_analysis(const controlled_friction_parameters& p)
    : parameters(p),
      flows(models::flows<rational>(p)),
      stage(stage_game(p)),
      model(stochastic_model(p, model_variant::model)),
      commitment(stochastic_model(p, model_variant::commitment)) {}

controlled_friction_analysis analyze(const controlled_friction_parameters& parameters,
                                     const controlled_friction_options& options) {
  validate(parameters);
  controlled_friction_analysis a(parameters);
  const auto& f = a.flows;
  const long years = parameters.years_of_hostility.convert_to<long>();
  for (std::size_t i = 0; i < 2; ++i) a.deal_surplus[i] = f.deal_welfare[i] - f.hostility_welfare[i];

  // 1. The stage game.
  a.stage_equilibria = vertex_enumeration(a.stage).equilibria;

  // 2. The model and its commitment benchmark, every pure stationary MPE.
  a.model_equilibria = solve_pure<rational>(parameters, model_variant::model);
  a.commitment_equilibria = solve_pure<rational>(parameters, model_variant::commitment);
  if (!a.model_equilibria.equilibria.empty()) {
    // The talks game given the first MPE's continuation values.
    matrix<rational> v(static_cast<Eigen::Index>(friction_state_count), 2);
    const auto& e = a.model_equilibria.equilibria.front();
    for (std::size_t s = 0; s < friction_state_count; ++s)
      for (std::size_t i = 0; i < 2; ++i) v(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(i)) = e.values[i][s];
    a.talks_continuation_game = impasse::stage_game(a.model, talks_index, v);
    a.talks_continuation_equilibria = vertex_enumeration(*a.talks_continuation_game).equilibria;
  }
  if (options.homotopy) {
    // One run: it follows the path in double and polishes the end point to
    // rationals. Only a polished profile (no one-shot gain, exactly) is handed
    // to exact code; otherwise the end point is summarised in double, and
    // kept only if its one-shot gain is below 1e-9 of the payoff scale.
    const auto run = logit_homotopy(a.model);
    a.homotopy_lambda = run.lambda;
    a.homotopy_steps = run.steps;
    if (!run.equilibria.empty()) {
      const auto g = convert<double>(a.model);
      stationary_profile<double> end;
      for (const auto& state : run.equilibria[0].strategies) end.push_back(convert<double>(state));
      if (run.exact) {
        a.homotopy_exact = true;
        const auto welfare = stochastic_model(parameters, model_variant::model, payoff_kind::welfare);
        a.homotopy_exact_summary = summarize(a.model, welfare, run.equilibria[0].strategies, years);
      }
      if (run.exact || run.max_gain < 1e-9) {
        const auto welfare = convert<double>(stochastic_model(parameters, model_variant::model, payoff_kind::welfare));
        a.homotopy = summarize(g, welfare, end, years);
      }
    }
  }

  // 3. The closed forms.
  for (const auto which : {named_profile::friction, named_profile::revocable_deal, named_profile::durable_deal})
    a.model_profile_margins[static_cast<std::size_t>(which)] = named_profile_margins(f, which, false);
  a.binding_deal_margins = named_profile_margins(f, named_profile::durable_deal, true);
  a.tehran_recoup = recoup(f, 1);
  a.friction_path_closed_form = friction_path_of(f, years);

  // 4. The T-round game against the finite-horizon MPE: each finite-horizon
  // MPE, played in the extensive form, must be an SPE there with the same
  // payoffs; the SPE the subgame decomposition finds are listed beside them
  // (history-dependent ones included, so there may be more).
  a.rounds = options.rounds;
  if (a.rounds > 0) {
    const auto rounds = rounds_game(parameters, a.rounds);
    a.rounds_nodes = rounds.num_nodes();
    const auto spe = subgame_decomposition(rounds, {.max_equilibria = 64});
    a.rounds_status = spe.status;
    for (const auto& payoff : spe.payoffs) a.rounds_spe_payoffs.push_back({payoff[0], payoff[1]});
    const auto finite = stochastic_backward_induction(
        a.model, {.horizon = a.rounds, .stage = stage_solution::mixed, .max_equilibria = 64});
    bool agree = !finite.equilibria.empty();
    for (const auto& e : finite.equilibria) {
      const std::array<rational, 2> value = {e.values[0](static_cast<Eigen::Index>(talks_index), 0),
                                             e.values[0](static_cast<Eigen::Index>(talks_index), 1)};
      a.finite_horizon_values.push_back(value);
      const auto behaviour = rounds_behaviour_profile(rounds, a.model, e.strategies);
      const auto payoffs = expected_payoffs(rounds, behaviour);
      agree = agree && payoffs[0] == value[0] && payoffs[1] == value[1] && max_subgame_regret(rounds, behaviour) == 0;
    }
    a.rounds_agree = agree;
  }

  // 5. The two channels, one at a time.
  a.rent_channel_off = switch_off(parameters, "rent channel", rent_channel_parameters);
  a.commitment_channel_off = switch_off(parameters, "commitment channel", commitment_channel_parameters);

  // 6. Sanctions.
  for (const auto& s : options.sanctions_grid) {
    auto p = parameters;
    p.sanctions = s;
    sanctions_point point;
    point.sanctions = s;
    const auto model = s == parameters.sanctions ? a.model_equilibria : solve_pure<rational>(p, model_variant::model);
    const auto bench =
        s == parameters.sanctions ? a.commitment_equilibria : solve_pure<rational>(p, model_variant::commitment);
    point.equilibria = model.equilibria.size();
    point.reaching_deal = model.reaching_deal;
    bool first = true;
    for (const auto& e : model.equilibria) {
      point.deal_probability = std::max(point.deal_probability, e.deal_probability);
      if (first || e.values[1][talks_index] > point.tehran_regime) point.tehran_regime = e.values[1][talks_index];
      if (first || e.welfare[1][talks_index] > point.tehran_nation) point.tehran_nation = e.welfare[1][talks_index];
      if (first || e.values[0][talks_index] > point.washington_regime) point.washington_regime = e.values[0][talks_index];
      first = false;
    }
    const auto binding = best_value(bench, 1, reaching::deal);
    const auto best_model = best_value(model, 1);
    if (binding && best_model) point.tehran_binding_gain = *binding - *best_model;
    point.tehran_signing_margin = recoup(flows<rational>(p), 1).margin_revocable;
    a.sanctions_statics.push_back(std::move(point));
  }

  // The claims.
  const auto& model = a.model_equilibria;
  const auto& bench = a.commitment_equilibria;
  const std::size_t n = model.equilibria.size();
  const bool complete = model.status == run_status::complete && bench.status == run_status::complete;
  const auto homotopy_reaches = a.homotopy && a.homotopy->deal_probability > 1e-9;
  const auto verdict = [&](std::string question, bool essay_says_yes) -> claim_verdict& {
    claim_verdict v;
    v.question = std::move(question);
    v.essay_says_yes = essay_says_yes;
    a.verdicts.push_back(std::move(v));
    return a.verdicts.back();
  };

  {  // 1. No equilibrium reaches the deal, although it is efficient.
    auto& v = verdict("Does any equilibrium reach the deal, although it would make both nations richer?", false);
    const bool efficient = a.deal_surplus[0] > 0 && a.deal_surplus[1] > 0;
    v.holds = efficient && n > 0 && model.reaching_deal == 0 && !homotopy_reaches;
    v.settled = !v.holds || complete;
    v.evidence = fmt::format(
        "A deal raises the nations' material welfare by {} (U.S.) and {} (Iran) a year, {} in all{}. Yet {} of the "
        "{} pure stationary MPE (complete enumeration of {} profiles) reach it from talks{}.",
        number(a.deal_surplus[0]), number(a.deal_surplus[1]), number(a.deal_surplus[0] + a.deal_surplus[1]),
        efficient ? "" : " (the deal is not efficient here)", model.reaching_deal, n, model.profiles,
        a.homotopy ? fmt::format("; the logit homotopy's MPE reaches it with chance {}", number(a.homotopy->deal_probability))
                   : std::string());
    v.flip_override = overrides_text(a.rent_channel_off.overrides);
  }
  const auto best_binding_w = best_value(bench, 0, reaching::deal), best_binding_t = best_value(bench, 1, reaching::deal);
  const auto best_model_w = best_value(model, 0), best_model_t = best_value(model, 1);
  {  // 2. With commitment, a deal is signed and both regimes gain over friction.
    auto& v = verdict("Would a deal both sides could make binding be signed, with both regimes better off than "
                      "without one?",
                      true);
    const bool reached = bench.reaching_deal > 0;
    // Against the model's equilibria that reach no deal (all of them, when every one does).
    auto status_w = best_value(model, 0, reaching::no_deal), status_t = best_value(model, 1, reaching::no_deal);
    if (!status_w) status_w = best_model_w, status_t = best_model_t;
    v.holds = reached && status_w && status_t && *best_binding_w > *status_w && *best_binding_t > *status_t;
    v.evidence = fmt::format(
        "In the commitment benchmark (the same game, a signed deal enforced forever) {} of {} pure MPE reach the "
        "deal{}.",
        bench.reaching_deal, bench.equilibria.size(),
        reached && status_w && status_t
            ? fmt::format("; the best of them is worth {} to Washington and {} to Tehran at talks, against at most {} "
                          "and {} in the model's MPE that reach no deal",
                          number(*best_binding_w), number(*best_binding_t), number(*status_w), number(*status_t))
            : std::string());
    v.flip_override = "--param network_concession_tehran=40";
  }
  {  // 3. What the commitment problem costs.
    auto& v = verdict("Does the commitment problem cost both regimes (and both nations)?", true);
    if (best_binding_w && best_binding_t && best_model_w && best_model_t) {
      const rational cost_w = *best_binding_w - *best_model_w, cost_t = *best_binding_t - *best_model_t;
      // The nations: the binding deal's welfare against the model's best.
      rational welfare_binding_w(0), welfare_binding_t(0), welfare_model_w(0), welfare_model_t(0);
      bool first = true;
      for (const auto& e : bench.equilibria)
        if (e.deal_probability > 0 && e.values[1][talks_index] == *best_binding_t) {
          welfare_binding_w = e.welfare[0][talks_index];
          welfare_binding_t = e.welfare[1][talks_index];
        }
      for (const auto& e : model.equilibria) {
        if (first || e.welfare[0][talks_index] > welfare_model_w) welfare_model_w = e.welfare[0][talks_index];
        if (first || e.welfare[1][talks_index] > welfare_model_t) welfare_model_t = e.welfare[1][talks_index];
        first = false;
      }
      v.holds = cost_w > 0 && cost_t > 0;
      v.evidence = fmt::format(
          "Measured at talks, the inability to commit costs Washington's regime {} and Tehran's {} (discounted, best "
          "binding-deal MPE against the best MPE without commitment); it costs the nations {} (U.S.) and {} (Iran) "
          "in material welfare. The mechanism (closed form): the first hawk revokes, so a deal lives {} discounted "
          "years instead of {}; it recoups {} of Tehran's concession and negotiating cost of {} (plus {} from signing "
          "again after a revocation) where a binding deal would recoup {}. Were a deal signed now, the chance it "
          "survives ten years in the model's first MPE is {}.",
          number(cost_w), number(cost_t), number(welfare_binding_w - welfare_model_w),
          number(welfare_binding_t - welfare_model_t), number(a.tehran_recoup.life_revocable),
          number(a.tehran_recoup.life_binding), number(a.tehran_recoup.recouped_revocable), number(a.tehran_recoup.cost),
          number(a.tehran_recoup.resigning_value), number(a.tehran_recoup.recouped_binding),
          model.equilibria.empty() ? std::string("-") : number(model.equilibria.front().deal_survival_ten_years));
    } else {
      v.holds = false;
      v.evidence = "No binding deal is an equilibrium here (or the model has no MPE), so there is no commitment gap "
                   "to measure.";
    }
    v.flip_override = "--param hawk_share=0";
  }
  {  // 4. Controlled friction.
    auto& v = verdict("Do the regimes keep escalating, in the grey zone, without war becoming the likely end?", true);
    rational least_rate = n ? rational(1000) : rational(0), most_war = 0, overt = 0;
    for (const auto& e : model.equilibria) {
      least_rate = std::min(least_rate, e.escalations_per_year);
      most_war = std::max(most_war, e.war_within_horizon);
      overt = std::max(overt, e.overt_escalations_per_year);
    }
    v.holds = n > 0 && least_rate > 0 && most_war < rational(1, 2);
    v.evidence = fmt::format(
        "Every one of the {} pure MPE escalates on its path: at least {} escalating acts a year over {} years from "
        "talks, of which at most {} overt. The chance of war within {} years is at most {}{}. Grey-zone escalation "
        "adds {} to the chance of war while the talks run and {} in the backchannel; an overt one {} times as much "
        "for {} times the signal.",
        n, number(least_rate), years, number(overt), years, number(most_war),
        a.homotopy ? fmt::format(" (the homotopy's MPE: {} acts a year, war {})",
                                 number(a.homotopy->escalations_per_year), number(a.homotopy->war_within_horizon))
                   : std::string(),
        number(f.talks_war_risk), number(f.backchannel_war_risk), number(f.overt_risk_multiple),
        number(f.overt_signal_multiple));
    if (n > 0 && least_rate == 0) v.evidence = "Some pure MPE never escalates. " + v.evidence;
    v.flip_override = "--param escalation_signal_washington=0 --param escalation_signal_tehran=0";
  }
  {  // 5. Swaps on the path.
    auto& v = verdict("Are small self-enforcing deals (backchannel swaps) made while the grand bargain is not?", true);
    rational least_swaps = n ? rational(1000) : rational(0);
    for (const auto& e : model.equilibria) least_swaps = std::min(least_swaps, e.swaps_per_year);
    v.holds = n > 0 && least_swaps > 0 && model.reaching_deal == 0;
    v.evidence = fmt::format(
        "Every pure MPE makes at least {} swaps a year on its path (paid on the spot: {} to Washington, {} to "
        "Tehran; neither side need trust the other's future), while {} of {} reach the grand bargain.",
        number(least_swaps), number(f.swap_value[0]), number(f.swap_value[1]), model.reaching_deal, n);
    v.flip_override = "--param talks_absorption=0";
  }
  {  // 6. Sanctions widen the gap.
    auto& v = verdict("Do sanctions widen the gap between the regime's interest and the nation's?", true);
    const auto& pts = a.sanctions_statics;
    bool regime_rises = true, nation_falls = true, no_more_deals = true, gain_shrinks = true;
    for (std::size_t k = 1; k < pts.size(); ++k) {
      regime_rises = regime_rises && pts[k].tehran_regime > pts[k - 1].tehran_regime;
      nation_falls = nation_falls && pts[k].tehran_nation < pts[k - 1].tehran_nation;
      no_more_deals = no_more_deals && pts[k].deal_probability <= pts[k - 1].deal_probability;
      if (pts[k].tehran_binding_gain && pts[k - 1].tehran_binding_gain)
        gain_shrinks = gain_shrinks && *pts[k].tehran_binding_gain < *pts[k - 1].tehran_binding_gain;
    }
    v.holds = pts.size() >= 2 && regime_rises && nation_falls && no_more_deals && gain_shrinks;
    if (pts.size() >= 2) {
      const auto& lo = pts.front();
      const auto& hi = pts.back();
      v.evidence = fmt::format(
          "As sanctions rise from {} to {}, Tehran's regime's value at talks goes from {} to {} while Iran's material "
          "welfare goes from {} to {}; the largest chance of a deal goes from {} to {}; what a binding deal would add "
          "to Tehran's regime goes from {} to {}. Each unit of sanctions adds {} to the Tehran elite's rents against "
          "{} of lost welfare it weighs.",
          number(lo.sanctions), number(hi.sanctions), number(lo.tehran_regime), number(hi.tehran_regime),
          number(lo.tehran_nation), number(hi.tehran_nation), number(lo.deal_probability), number(hi.deal_probability),
          lo.tehran_binding_gain ? number(*lo.tehran_binding_gain) : std::string("none"),
          hi.tehran_binding_gain ? number(*hi.tehran_binding_gain) : std::string("none"),
          number(parameters.sanctions_rent_tehran), number(parameters.welfare_weight_tehran * parameters.sanctions_damage_tehran));
    }
    v.flip_override = "--param sanctions_rent_tehran=0";
  }
  {  // 7. Collapsed talks lead to the backchannel.
    auto& v = verdict("Do collapsed talks lead to the backchannel rather than war?", true);
    const rational collapse_to_war = std::min(rational(1), 2 * f.talks_war_risk);
    rational worst = 0, least_return = 1;
    for (const auto& e : model.equilibria) {
      worst = std::max(worst, e.war_from_backchannel);
      least_return = std::min(least_return, e.backchannel_to_talks);
    }
    v.holds = n > 0 && collapse_to_war < rational(1, 2) && worst < rational(1, 2) && least_return > rational(1, 2);
    v.evidence = fmt::format(
        "A collapse (both escalate in the grey zone during talks) lands in the backchannel with chance {} and in war "
        "with {}. From the backchannel, over every pure MPE, the chance of war within {} years is at most {}, and play "
        "returns to formal talks before any war with chance at least {}.",
        number(1 - collapse_to_war), number(collapse_to_war), years, number(worst), number(least_return));
    v.flip_override = "--param escalation_war_risk=1/16 --param talks_absorption=0 --param war_cost=5";
  }
  return a;
}

}  // namespace impasse::models
