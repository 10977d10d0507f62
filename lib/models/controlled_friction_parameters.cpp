// The controlled-friction model's parameter table: each parameter's meaning,
// the essay's sentence behind it, its admissible and plausible ranges.
#include <impasse/models/controlled_friction_parameters.hpp>

#include <algorithm>
#include <string>

namespace impasse::models {

namespace {

constexpr std::string_view no_figure = " The essay gives no figure.";

}  // namespace

std::span<const parameter_description> parameter_table() {
  using p = controlled_friction_parameters;
  const rational none(-1);
  static const std::vector<parameter_description> table = {
      // The nations' material welfare.
      {"trade_gain_washington", &p::trade_gain_washington,
       "the U.S. economy's gain per year while a deal is in force (trade, calmer oil markets), against hostility "
       "without military burden",
       "\"If you normalize trade and open the Iranian economy to the global market...\" The essay gives no figure; "
       "the U.S. gain is small beside Iran's.",
       rational(0), none, false, rational(1, 2), rational(4)},
      {"trade_gain_tehran", &p::trade_gain_tehran,
       "Iran's economic gain per year while a deal is in force (trade, investment, oil exports)",
       "\"If you normalize trade and open the Iranian economy to the global market, you destroy the IRGC's monopoly "
       "on the domestic economy.\" The essay gives no figure.",
       rational(0), none, false, rational(3), rational(14)},
      {"military_burden_washington", &p::military_burden_washington,
       "what hostility costs the U.S. per year in military spending, saved by a deal",
       "\"Defense contractors justify massive hardware deployments to the Persian Gulf based on Iranian asymmetric "
       "capabilities.\" The essay gives no figure.",
       rational(0), none, false, rational(0), rational(3)},
      {"military_burden_tehran", &p::military_burden_tehran,
       "what hostility costs Iran per year in military spending and its regional network, saved by a deal",
       "\"Its network of regional allies -- the Axis of Resistance -- is its only viable deterrent.\" The essay gives "
       "no figure.",
       rational(0), none, false, rational(0), rational(3)},
      {"sanctions", &p::sanctions, "intensity of sanctions, 0 (none) to 1 (today's); a deal lifts them",
       "\"Western diplomats treat economic sanctions like a therapeutic tool.\" Today's intensity is the unit.",
       rational(0), rational(1), false, rational(0), rational(1)},
      {"sanctions_damage_tehran", &p::sanctions_damage_tehran,
       "what sanctions at full intensity cost Iran's economy per year",
       "\"When the Iranian rial plummets, ordinary citizens spend 14 hours a day trying to buy basic groceries.\" The "
       "essay gives no figure.",
       rational(0), none, false, rational(1), rational(6)},
      {"war_cost", &p::war_cost, "each nation's and regime's loss per year at war (war is absorbing)",
       "\"The mainstream fears a catastrophic war.\" The essay gives no figure.", rational(0), none, false,
       rational(5), rational(60)},
      // The regimes.
      {"welfare_weight_washington", &p::welfare_weight_washington,
       "the weight Washington's political establishment puts on the nation's material welfare",
       "An elected government answers for the economy; the essay says only that politicians \"use Tehran as an "
       "effortless rhetorical punching bag\"." ,
       rational(0), none, false, rational(1, 2), rational(3, 2)},
      {"welfare_weight_tehran", &p::welfare_weight_tehran,
       "the weight Tehran's ruling establishment puts on the nation's material welfare",
       "\"Sanctions do not weaken the ruling elite; they eliminate the independent middle class that could actually "
       "challenge them.\" The essay gives no figure; the default is half Washington's.",
       rational(0), none, false, rational(1, 4), rational(1)},
      {"rent_washington", &p::rent_washington,
       "Washington's rents per year from hostility: the defence and think-tank economy, security credentials",
       "\"In Washington, an entire cottage industry relies on Iran remaining a tier-one threat. ... Politicians on "
       "both sides of the aisle use Tehran as an effortless rhetorical punching bag to prove their national security "
       "credentials.\" The essay gives no size.",
       rational(0), none, false, rational(0), rational(3)},
      {"rent_tehran", &p::rent_tehran,
       "Tehran's rents per year from hostility without sanctions: the legitimacy of resistance, the Guards' "
       "economic empire",
       "\"The ruling clerical establishment derives its foundational domestic legitimacy from anti-imperialist "
       "resistance. ... The economic empire of the Islamic Revolutionary Guard Corps (IRGC) relies heavily on "
       "smuggling networks, black-market premiums, and sanction-evasion schemes.\" The essay gives no size.",
       rational(0), none, false, rational(0), rational(3)},
      {"sanctions_signal_washington", &p::sanctions_signal_washington,
       "what sanctions at full intensity are worth to Washington per year: the appearance of action",
       "\"Washington keeps using the tool because it provides the appearance of decisive action without the political "
       "risk of military engagement.\" The essay gives no size.",
       rational(0), none, false, rational(0), rational(3, 2)},
      {"sanctions_rent_tehran", &p::sanctions_rent_tehran,
       "what sanctions at full intensity add to the Tehran elite's rents per year",
       "\"The elite who control the distribution of rationed goods, state-subsidized currency, and smuggled goods "
       "grow wealthier. Sanctions centralize power.\" The essay gives no size; the default exceeds the regime's share "
       "of the damage (welfare_weight_tehran x sanctions_damage_tehran), so sanctions strengthen the regime.",
       rational(0), none, false, rational(0), rational(4)},
      // Signing, honouring and breaking.
      {"network_concession_tehran", &p::network_concession_tehran,
       "what Tehran gives up for good when it signs: its regional network dismantled and rebuilt only slowly "
       "(present value, paid once in the year of signing)",
       "\"Iran would not abandon its forward-defense doctrine. Its network of regional allies -- the Axis of "
       "Resistance -- is its only viable deterrent. ... Iran will never trade its regional influence for economic "
       "promises that a future U.S. administration can wipe out with an executive order.\" The essay gives no figure.",
       rational(0), none, false, rational(2), rational(20)},
      {"legitimacy_cost_tehran", &p::legitimacy_cost_tehran,
       "the legitimacy Tehran's regime spends once by signing",
       "\"The moment the regime signs a comprehensive peace treaty with the 'Great Satan,' it invalidates its own "
       "existence.\" The essay gives no figure.",
       rational(0), none, false, rational(0), rational(10)},
      {"signing_cost_washington", &p::signing_cost_washington,
       "the political capital Washington spends once by signing",
       "\"To suddenly remove Iran from the axis of adversaries would disrupt decades of institutional inertia.\" The "
       "essay gives no figure; the default is none.",
       rational(0), none, false, rational(0), rational(4)},
      {"election_rate", &p::election_rate, "the chance per year that the U.S. administration changes hands",
       "\"economic promises that a future U.S. administration can wipe out with an executive order.\" Presidential "
       "elections come every four years: 1/4.",
       rational(0), rational(1), false, rational(1, 8), rational(1, 2)},
      {"hawk_share", &p::hawk_share,
       "the chance that a new administration is hawkish (gains from revoking a deal)",
       "\"a future U.S. administration\" The essay gives no figure; the default is an even chance.", rational(0),
       rational(1), false, rational(0), rational(1)},
      {"revocation_gain_hawk", &p::revocation_gain_hawk,
       "what revoking a deal by executive order is worth, once, to a hawkish administration (its base's reward, "
       "credentials)",
       "\"Politicians on both sides of the aisle use Tehran as an effortless rhetorical punching bag to prove their "
       "national security credentials.\"" ,
       rational(0), none, false, rational(0), rational(16)},
      {"breach_blame", &p::breach_blame,
       "what breaking a deal in force costs the side that breaks it, once (allies' displeasure, blame)",
       "The essay is silent; without it a side would be indifferent to breaking a deal the other breaks.", rational(0),
       none, false, rational(0), rational(1)},
      // Talks, escalation, backchannel.
      {"negotiation_cost", &p::negotiation_cost,
       "the cost per year of negotiating or settling (concessions on the table, verification)",
       "\"technical details, verification protocols, and regional proxy actions slow things down.\" The essay gives "
       "no figure.",
       rational(0), none, false, rational(0), rational(1)},
      {"negotiation_progress", &p::negotiation_progress,
       "the chance per year that joint negotiation (both negotiate, or one negotiates and the other settles) "
       "produces the deal",
       "The essay rejects \"diplomatic breakthroughs as if they are just one good-faith meeting away\"; it gives no "
       "figure.",
       rational(0), rational(1), false, rational(0), rational(1, 2)},
      {"escalation_signal_washington", &p::escalation_signal_washington,
       "Washington's domestic signal from one grey-zone escalation (sanctions designations, cyber operations, "
       "interdictions)",
       "\"both sides rush to the table not to find peace, but to signal to their domestic audiences that they are "
       "managing the crisis.\" The essay gives no size.",
       rational(0), none, false, rational(0), rational(3, 2)},
      {"escalation_signal_tehran", &p::escalation_signal_tehran,
       "Tehran's domestic signal from one grey-zone escalation (a proxy skirmish, a seized tanker)",
       "\"The public mourning, the fiery speeches, and the vows of revenge are carefully calibrated performances for a "
       "domestic audience that requires a constant external threat.\" The essay gives no size.",
       rational(0), none, false, rational(0), rational(3, 2)},
      {"overt_signal_multiple", &p::overt_signal_multiple,
       "the signal of an overt escalation (a strike on a base, an assassination: twice the intensity) as a multiple "
       "of a grey-zone one's: between 1 and 2, rising less than proportionally",
       "\"a drone strike on a base, a targeted assassination, a seized tanker\" The essay gives no figure.",
       rational(1), rational(2), false, rational(1), rational(2)},
      {"escalation_war_risk", &p::escalation_war_risk,
       "the chance of war one grey-zone escalation adds in a year where no talks absorb it",
       "\"The low-level kinetic exchanges ... will continue at the exact level of intensity required to maintain "
       "internal political stability for both sides, without crossing the threshold into total conflict.\" The essay "
       "gives no figure.",
       rational(0), rational(1, 16), false, rational(0), rational(1, 50)},
      {"overt_war_risk_multiple", &p::overt_war_risk_multiple,
       "the war risk of an overt escalation as a multiple of a grey-zone one's: at least 2, rising more than "
       "proportionally",
       "The essay's threshold into total conflict; it gives no figure.", rational(2), rational(8), false, rational(2),
       rational(8)},
      {"talks_absorption", &p::talks_absorption,
       "the share of an escalation's war risk the talks absorb while they run (formal talks and a crisis); after they "
       "collapse, in the backchannel, none",
       "\"Negotiation tables are not chambers for conflict resolution; they are shock absorbers. ... as long as a "
       "meeting is 'scheduled for next month,' neither side is forced to launch a full-scale war.\" The essay gives no "
       "figure; the default is half.",
       rational(0), rational(1), false, rational(0), rational(1)},
      {"swap_value_washington", &p::swap_value_washington,
       "what a backchannel swap is worth to Washington, on the spot (its nationals home)",
       "\"The current status quo -- marked by occasional backchannel deals, prisoner swaps, and managed proxy clashes "
       "-- is the real equilibrium.\" The essay gives no figure.",
       rational(0), none, false, rational(0), rational(2)},
      {"swap_value_tehran", &p::swap_value_tehran,
       "what a backchannel swap is worth to Tehran, on the spot (its nationals home, frozen funds released)",
       "\"Washington and Tehran talk constantly through Swiss intermediaries, Omani backchannels, and quiet "
       "intelligence meet-ups in New York.\" The essay gives no figure.",
       rational(0), none, false, rational(0), rational(3)},
      {"discount_washington", &p::discount_washington, "Washington's discount factor per year",
       "\"The sluggishness is a deliberate tactic to kick the can down the road indefinitely\": patient players. The "
       "essay gives no figure; 9/10 a year.",
       rational(0), rational(1), true, rational(4, 5), rational(24, 25)},
      {"discount_tehran", &p::discount_tehran, "Tehran's discount factor per year",
       "\"time is the asset being traded\": patient players. The essay gives no figure; 9/10 a year.", rational(0),
       rational(1), true, rational(4, 5), rational(24, 25)},
      {"years_of_hostility", &p::years_of_hostility,
       "the horizon, in years, over which the report asks whether war is the likely end (not sampled)",
       "\"For forty years, the political architectures of both the United States and the Islamic Republic of Iran "
       "have evolved to thrive on mutual hostility.\" The essay looks back forty years; the report looks forward as "
       "far.",
       rational(1), rational(1000), false, rational(40), rational(40)},
  };
  return table;
}

void validate(const controlled_friction_parameters& parameters) {
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
                           " must be a whole number of years");
}

void set_parameter(controlled_friction_parameters& parameters, std::string_view assignment) {
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
    } catch (const std::exception& e) {
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

controlled_friction_parameters without(const controlled_friction_parameters& parameters,
                                       std::span<const std::string_view> names) {
  auto out = parameters;
  for (const auto name : names) {
    const auto table = parameter_table();
    const auto it = std::find_if(table.begin(), table.end(), [&](const auto& d) { return d.name == name; });
    if (it == table.end()) throw invalid_argument(std::string("unknown parameter '").append(name).append("'"));
    out.*(it->field) = 0;
  }
  return out;
}

}  // namespace impasse::models
