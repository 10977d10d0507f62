// The parameters of the controlled-friction model (controlled_friction.hpp):
// their exact defaults, the essay's sentence behind each, their ranges, the
// `name=value` overrides a reader gives on the command line, and the
// per-period flows derived from them.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/core/scalar.hpp>

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace impasse::models {

/// The model's parameters, exact. Defaults encode the essay's claims.
struct controlled_friction_parameters {
  rational rent_washington{3};
  rational rent_tehran{4};
  rational sanctions{1};
  rational sanctions_rent_tehran{2};
  rational sanctions_signal_washington{1};
  rational deal_gain_washington{2};
  rational deal_gain_tehran{4};
  rational treaty_legitimacy_cost{3};
  rational cancellation_probability{rational(1, 8)};
  rational negotiation_cost{1};
  rational negotiation_progress{rational(1, 4)};
  rational escalation_signal_washington{1};
  rational escalation_signal_tehran{2};
  rational escalation_war_risk{rational(1, 100)};
  rational talks_absorption{0};
  rational war_cost{20};
  rational discount_washington{rational(9, 10)};
  rational discount_tehran{rational(9, 10)};
  /// The horizon, in periods, over which "war is the likely end" is judged.
  rational years_of_hostility{40};

  [[nodiscard]] friend bool operator==(const controlled_friction_parameters&,
                                       const controlled_friction_parameters&) = default;
};

/// What the table says of one parameter.
struct parameter_description {
  std::string_view name;
  rational controlled_friction_parameters::*field;
  std::string_view meaning;
  /// The essay's sentence the parameter encodes, or what the essay leaves open.
  std::string_view source;
  /// The range a value must lie in: [lower, upper], upper exclusive when `upper_open`.
  rational lower;
  rational upper;  ///< negative: no upper bound
  bool upper_open = false;
};

/// Every parameter, in the order of `controlled_friction_parameters`.
[[nodiscard]] inline std::span<const parameter_description> parameter_table() {
  using p = controlled_friction_parameters;
  static const std::vector<parameter_description> table = {
      {"rent_washington", &p::rent_washington,
       "Washington's per-period rents from hostility: the defence and think-tank economy and political credentials",
       "\"In Washington, an entire cottage industry relies on Iran remaining a tier-one threat. ... Politicians on both "
       "sides of the aisle use Tehran as an effortless rhetorical punching bag to prove their national security "
       "credentials.\" The essay gives no size.",
       rational(0), rational(-1)},
      {"rent_tehran", &p::rent_tehran,
       "Tehran's per-period rents from hostility: the Revolutionary Guards' smuggling monopoly and the legitimacy of "
       "resistance",
       "\"In Tehran, the stakes are even higher. The ruling clerical establishment derives its foundational domestic "
       "legitimacy from anti-imperialist resistance. ... The economic empire of the Islamic Revolutionary Guard Corps "
       "(IRGC) relies heavily on smuggling networks, black-market premiums, and sanction-evasion schemes.\" The essay "
       "gives no size; the default is above Washington's because \"the stakes are even higher\".",
       rational(0), rational(-1)},
      {"sanctions", &p::sanctions, "intensity of sanctions, 0 (none) to 1 (today's)",
       "\"Western diplomats treat economic sanctions like a therapeutic tool.\" Today's intensity is the unit.",
       rational(0), rational(1)},
      {"sanctions_rent_tehran", &p::sanctions_rent_tehran,
       "what sanctions at full intensity add to the Tehran elite's per-period rents",
       "\"Sanctions do not weaken the ruling elite ... the elite who control the distribution of rationed goods, "
       "state-subsidized currency, and smuggled goods grow wealthier. Sanctions centralize power.\" The essay gives no "
       "size.",
       rational(0), rational(-1)},
      {"sanctions_signal_washington", &p::sanctions_signal_washington,
       "what sanctions at full intensity add to Washington's per-period rents",
       "\"Washington keeps using the tool because it provides the appearance of decisive action without the political "
       "risk of military engagement.\" The essay gives no size.",
       rational(0), rational(-1)},
      {"deal_gain_washington", &p::deal_gain_washington,
       "Washington's per-period payoff while a deal is in force (hostility rents are gone)",
       "\"The theater of perpetual negotiation is vastly more valuable to both regimes than an actual resolution would "
       "ever be.\" A deal ends the rents: \"To suddenly remove Iran from the axis of adversaries would disrupt decades of "
       "institutional inertia.\" The essay gives no figure; the default is below the rents, as the essay claims.",
       rational(0), rational(-1)},
      {"deal_gain_tehran", &p::deal_gain_tehran,
       "Tehran's per-period economic gain while a deal is in force (trade, no sanctions)",
       "\"If you normalize trade and open the Iranian economy to the global market, you destroy the IRGC's monopoly on "
       "the domestic economy.\" The essay gives no figure.",
       rational(0), rational(-1)},
      {"treaty_legitimacy_cost", &p::treaty_legitimacy_cost,
       "the legitimacy Tehran's regime loses per period while a treaty is in force",
       "\"The moment the regime signs a comprehensive peace treaty with the 'Great Satan,' it invalidates its own "
       "existence.\" The essay gives no figure; the default 3 leaves Tehran a net deal flow of 1 a year, below its "
       "rents: a heavy cost, though not literally existential.",
       rational(0), rational(-1)},
      {"cancellation_probability", &p::cancellation_probability,
       "the chance per period that a deal in force is cancelled (back to crisis)",
       "\"Iran will never trade its regional influence for economic promises that a future U.S. administration can "
       "wipe out with an executive order.\" The essay gives no rate; the default supposes one election in four years, "
       "half of them bringing a cancelling administration: 1/8.",
       rational(0), rational(1)},
      {"negotiation_cost", &p::negotiation_cost,
       "the per-period cost of making concessions (negotiating) or of signing alone (settling when the other does not)",
       "The essay gives no figure; talks drag on over \"technical details, verification protocols\".", rational(0),
       rational(-1)},
      {"negotiation_progress", &p::negotiation_progress,
       "the chance per period that joint negotiation (both negotiate, or one negotiates and the other settles) "
       "produces a deal",
       "The essay is silent; \"diplomatic breakthroughs as if they are just one good-faith meeting away\" is the view "
       "it rejects.",
       rational(0), rational(1)},
      {"escalation_signal_washington", &p::escalation_signal_washington,
       "Washington's domestic signalling value of one escalation",
       "\"both sides rush to the table not to find peace, but to signal to their domestic audiences that they are "
       "managing the crisis.\" The essay gives no size.",
       rational(0), rational(-1)},
      {"escalation_signal_tehran", &p::escalation_signal_tehran, "Tehran's domestic signalling value of one escalation",
       "\"The public mourning, the fiery speeches, and the vows of revenge are carefully calibrated performances for a "
       "domestic audience that requires a constant external threat to justify internal repression and economic "
       "hardship.\" The essay gives no size; the default is above Washington's.",
       rational(0), rational(-1)},
      {"escalation_war_risk", &p::escalation_war_risk, "the chance of war that each escalating act adds in a period",
       "\"The low-level kinetic exchanges ... will continue at the exact level of intensity required ... without "
       "crossing the threshold into total conflict.\" The essay gives no figure.",
       rational(0), rational(1, 2)},
      {"talks_absorption", &p::talks_absorption,
       "the share of an escalation's war risk that the talks absorb while they run (in formal talks and in a crisis); "
       "in the backchannel, after the talks collapsed, an escalation carries the full risk",
       "\"Negotiation tables are not chambers for conflict resolution; they are shock absorbers. ... as long as a "
       "meeting is 'scheduled for next month,' neither side is forced to launch a full-scale war.\" The essay gives "
       "no figure; the default 0 leaves the risk the same everywhere. Raising it cheapens escalation during talks: "
       "with the other defaults, perpetual stalling stops being an equilibrium above 17/117 (about 0.145), where "
       "Tehran's stalling margin 9/10 (1/100) (1 - a) 260 - 2 turns negative.",
       rational(0), rational(1)},
      {"war_cost", &p::war_cost, "each side's per-period loss in war (the payoff in war is -war_cost)",
       "\"The mainstream fears a catastrophic war.\" The essay gives no figure.", rational(0), rational(-1)},
      {"discount_washington", &p::discount_washington, "Washington's discount factor per period",
       "\"The sluggishness is a deliberate tactic to kick the can down the road indefinitely\": patient players. The "
       "essay gives no figure; 9/10 a year.",
       rational(0), rational(1), true},
      {"discount_tehran", &p::discount_tehran, "Tehran's discount factor per period",
       "\"time is the asset being traded\": patient players. The essay gives no figure; 9/10 a year.", rational(0), rational(1), true},
      {"years_of_hostility", &p::years_of_hostility,
       "the horizon, in periods (years), over which the report asks whether war is the likely end",
       "\"For forty years, the political architectures of both the United States and the Islamic Republic of Iran have "
       "evolved to thrive on mutual hostility.\" The essay looks back forty years; the report looks forward as far.",
       rational(1), rational(1000)},
  };
  return table;
}

/// Throws `invalid_argument` naming the first parameter outside its range
/// (or `years_of_hostility` not a whole number).
inline void validate(const controlled_friction_parameters& parameters) {
  for (const auto& d : parameter_table()) {
    const rational& value = parameters.*(d.field);
    const bool above = d.upper >= 0 && (d.upper_open ? value >= d.upper : value > d.upper);
    if (value < d.lower || above) {
      std::string message = "parameter ";
      message.append(d.name).append(" = ").append(to_fraction_string(value)).append(" is outside [");
      message.append(to_fraction_string(d.lower)).append(", ");
      if (d.upper < 0)
        message.append("infinity)");
      else
        message.append(to_fraction_string(d.upper)).append(d.upper_open ? ")" : "]");
      throw invalid_argument(message);
    }
  }
  if (denominator(parameters.years_of_hostility) != 1)
    throw invalid_argument("parameter years_of_hostility = " + to_fraction_string(parameters.years_of_hostility) +
                           " must be a whole number of periods");
}

/// Sets one parameter from `name=value` (value a decimal or `p/q`), checked
/// against its range; throws `invalid_argument` saying what is wrong.
inline void set_parameter(controlled_friction_parameters& parameters, std::string_view assignment) {
  const auto equals = assignment.find('=');
  if (equals == std::string_view::npos)
    throw invalid_argument(std::string("parameter override '").append(assignment).append("' is not of the form name=value"));
  const auto name = assignment.substr(0, equals);
  const auto text = assignment.substr(equals + 1);
  for (const auto& d : parameter_table()) {
    if (d.name != name) continue;
    rational value;
    try {
      value = parse_rational(text);
    } catch (const invalid_argument& e) {
      throw invalid_argument(std::string("parameter ").append(name).append(": '").append(text).append("' is not a number (") +
                             e.what() + ")");
    }
    auto changed = parameters;
    changed.*(d.field) = value;
    validate(changed);
    parameters = std::move(changed);
    return;
  }
  throw invalid_argument(std::string("unknown parameter '").append(name).append("' (see --help for the list)"));
}

/// The two players and the four actions of a period of talks.
enum class friction_player : std::size_t { washington = 0, tehran = 1 };
enum class talks_action : std::size_t { negotiate = 0, stall = 1, escalate = 2, settle = 3 };
inline constexpr std::array<std::string_view, 2> player_names = {"Washington", "Tehran"};
inline constexpr std::array<std::string_view, 4> talks_action_names = {"negotiate", "stall", "escalate", "settle"};

/// Per-period flows derived from the parameters.
struct friction_flows {
  /// Each player's rents from hostility per period, sanctions included.
  std::array<rational, 2> hostility;
  /// Each player's per-period payoff while a deal is in force.
  std::array<rational, 2> deal;
  std::array<rational, 2> escalation_signal;
  /// The war risk of one escalation while the talks run (formal talks, a
  /// crisis), after `talks_absorption`, and in the backchannel.
  rational talks_war_risk;
  rational backchannel_war_risk;
  std::array<rational, 2> discount;
  /// The present value of sliding from hostility into war, per unit of war
  /// probability: (hostility + war_cost) / (1 - discount).
  std::array<rational, 2> war_loss;
};

[[nodiscard]] inline friction_flows flows(const controlled_friction_parameters& p) {
  friction_flows f;
  f.hostility = {p.rent_washington + p.sanctions * p.sanctions_signal_washington,
                 p.rent_tehran + p.sanctions * p.sanctions_rent_tehran};
  f.deal = {p.deal_gain_washington, p.deal_gain_tehran - p.treaty_legitimacy_cost};
  f.escalation_signal = {p.escalation_signal_washington, p.escalation_signal_tehran};
  f.talks_war_risk = p.escalation_war_risk * (1 - p.talks_absorption);
  f.backchannel_war_risk = p.escalation_war_risk;
  f.discount = {p.discount_washington, p.discount_tehran};
  for (std::size_t i = 0; i < 2; ++i) f.war_loss[i] = (f.hostility[i] + p.war_cost) / (1 - f.discount[i]);
  return f;
}

}  // namespace impasse::models
