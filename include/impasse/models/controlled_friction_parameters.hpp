// The parameters of the controlled-friction model (controlled_friction.hpp):
// their exact defaults, the essay's sentence behind each (or what the essay
// leaves open), their admissible ranges, the plausible ranges the global
// sensitivity analysis samples, the `name=value` overrides a reader gives on
// the command line, and the per-period flows derived from them.
//
// Two layers of value are kept apart. Each *nation* has a material welfare
// per year (trade, sanctions, military spending, war); each *regime* values
// a weight on its nation's welfare plus what the regime alone gets: the
// elite's rents from hostility (raised by sanctions), the domestic signal of
// an escalation, the one-time costs of signing, the swaps. The games are
// played by the regimes; the nations' welfare is what an efficient deal is
// judged by.
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

/// The model's parameters, exact, per year. The defaults are one calibration
/// of the essay; every one can be overridden (`set_parameter`) and the
/// sensitivity analysis samples all of them over `plausible_low` to
/// `plausible_high`.
struct controlled_friction_parameters {
  // The nations' material welfare.
  rational trade_gain_washington{7, 4};
  rational trade_gain_tehran{8};
  rational military_burden_washington{1};
  rational military_burden_tehran{1};
  rational sanctions{1};
  rational sanctions_damage_tehran{3};
  rational war_cost{20};
  // What the regimes value beyond their nations' welfare.
  rational welfare_weight_washington{1};
  rational welfare_weight_tehran{1, 2};
  rational rent_washington{3, 2};
  rational rent_tehran{3, 2};
  rational sanctions_signal_washington{1, 2};
  rational sanctions_rent_tehran{2};
  // Signing, honouring and breaking a deal.
  rational network_concession_tehran{9};
  rational legitimacy_cost_tehran{5};
  rational signing_cost_washington{0};
  rational election_rate{1, 4};
  rational hawk_share{1, 2};
  rational revocation_gain_hawk{8};
  rational breach_blame{1, 4};
  // Talks, escalation and the backchannel.
  rational negotiation_cost{1, 4};
  rational negotiation_progress{1, 4};
  rational escalation_signal_washington{1, 2};
  rational escalation_signal_tehran{3, 5};
  rational overt_signal_multiple{3, 2};
  rational escalation_war_risk{1, 250};
  rational overt_war_risk_multiple{8};
  rational talks_absorption{1, 2};
  rational swap_value_washington{1};
  rational swap_value_tehran{3, 2};
  rational discount_washington{9, 10};
  rational discount_tehran{9, 10};
  /// The horizon, in years, over which "war is the likely end" is judged.
  rational years_of_hostility{40};

  [[nodiscard]] friend bool operator==(const controlled_friction_parameters&,
                                       const controlled_friction_parameters&) = default;
};

/// What the table says of one parameter.
struct parameter_description {
  std::string_view name;
  rational controlled_friction_parameters::*field;
  std::string_view meaning;
  /// The essay's sentence the parameter encodes, and what the essay leaves open.
  std::string_view source;
  /// The range a value must lie in: [lower, upper], upper exclusive when
  /// `upper_open`; a negative `upper` means no upper bound.
  rational lower;
  rational upper;
  bool upper_open = false;
  /// The range the global sensitivity analysis samples (uniformly).
  rational plausible_low;
  rational plausible_high;
};

/// Every parameter, in the order of `controlled_friction_parameters`.
[[nodiscard]] std::span<const parameter_description> parameter_table();

/// The parameters that make up each of the two channels the report separates.
/// The rent channel: the regimes' rents from hostility, and what sanctions add
/// to them. The commitment channel: what a hawkish administration gains from
/// revoking a deal, against what Tehran concedes for good when it signs.
inline constexpr std::array<std::string_view, 4> rent_channel_parameters = {
    "rent_washington", "rent_tehran", "sanctions_signal_washington", "sanctions_rent_tehran"};
inline constexpr std::array<std::string_view, 3> commitment_channel_parameters = {
    "revocation_gain_hawk", "network_concession_tehran", "legitimacy_cost_tehran"};

/// Throws `invalid_argument` naming the first parameter outside its range
/// (or `years_of_hostility` not a whole number).
void validate(const controlled_friction_parameters& parameters);

/// Sets one parameter from `name=value` (value a decimal or `p/q`), checked
/// against its range; throws `invalid_argument` saying what is wrong.
void set_parameter(controlled_friction_parameters& parameters, std::string_view assignment);

/// The parameters with every parameter of `names` set to zero.
[[nodiscard]] controlled_friction_parameters without(const controlled_friction_parameters& parameters,
                                                     std::span<const std::string_view> names);

/// The two players.
enum class friction_player : std::size_t { washington = 0, tehran = 1 };
inline constexpr std::array<std::string_view, 2> player_names = {"Washington", "Tehran"};

/// The per-year flows the games are built from, derived from the parameters
/// (in `Scalar`: exact for the model, double for the sensitivity analysis).
/// Index 0 is Washington, 1 Tehran.
template <class Scalar>
struct friction_flows {
  /// Each regime's value per year while there is no deal (talks, crisis,
  /// backchannel): H = -lambda m - lambda s S + r + s sigma.
  std::array<Scalar, 2> hostility;
  /// Each regime's value per year while a deal is in force: D = lambda g.
  std::array<Scalar, 2> deal;
  /// Each nation's material welfare per year without a deal and with one.
  std::array<Scalar, 2> hostility_welfare;
  std::array<Scalar, 2> deal_welfare;
  /// What each regime pays once, in the year a deal is signed (Tehran: its
  /// regional network and its legitimacy; Washington: political capital).
  std::array<Scalar, 2> concession;
  /// The domestic signal of one grey-zone escalation, and the multiple an
  /// overt one earns.
  std::array<Scalar, 2> signal;
  Scalar overt_signal_multiple;
  /// The war risk of one grey-zone escalation while the talks run (formal
  /// talks, a crisis: after the talks absorb their share) and in the
  /// backchannel (the full risk); an overt one multiplies it.
  Scalar talks_war_risk;
  Scalar backchannel_war_risk;
  Scalar overt_risk_multiple;
  std::array<Scalar, 2> swap_value;
  Scalar negotiation_cost;
  Scalar negotiation_progress;
  /// Per year in a deal: the chance that an election brings a hawkish
  /// administration (election_rate * hawk_share), and a dovish one back
  /// (election_rate * (1 - hawk_share)).
  Scalar hawk_arrival;
  Scalar dove_arrival;
  Scalar revocation_gain_hawk;
  Scalar breach_blame;
  Scalar war_cost;
  std::array<Scalar, 2> discount;
};

/// The flows of `p`, in `Scalar`.
template <class Scalar>
[[nodiscard]] friction_flows<Scalar> flows(const controlled_friction_parameters& p) {
  const auto c = [](const rational& x) { return scalar_cast<Scalar>(x); };
  friction_flows<Scalar> f;
  const rational lw = p.welfare_weight_washington, lt = p.welfare_weight_tehran;
  const rational welfare_w = -p.military_burden_washington;
  const rational welfare_t = -p.military_burden_tehran - p.sanctions * p.sanctions_damage_tehran;
  f.hostility_welfare = {c(welfare_w), c(welfare_t)};
  f.deal_welfare = {c(p.trade_gain_washington), c(p.trade_gain_tehran)};
  f.hostility = {c(lw * welfare_w + p.rent_washington + p.sanctions * p.sanctions_signal_washington),
                 c(lt * welfare_t + p.rent_tehran + p.sanctions * p.sanctions_rent_tehran)};
  f.deal = {c(lw * p.trade_gain_washington), c(lt * p.trade_gain_tehran)};
  f.concession = {c(p.signing_cost_washington), c(p.network_concession_tehran + p.legitimacy_cost_tehran)};
  f.signal = {c(p.escalation_signal_washington), c(p.escalation_signal_tehran)};
  f.overt_signal_multiple = c(p.overt_signal_multiple);
  f.talks_war_risk = c(p.escalation_war_risk * (1 - p.talks_absorption));
  f.backchannel_war_risk = c(p.escalation_war_risk);
  f.overt_risk_multiple = c(p.overt_war_risk_multiple);
  f.swap_value = {c(p.swap_value_washington), c(p.swap_value_tehran)};
  f.negotiation_cost = c(p.negotiation_cost);
  f.negotiation_progress = c(p.negotiation_progress);
  f.hawk_arrival = c(p.election_rate * p.hawk_share);
  f.dove_arrival = c(p.election_rate * (1 - p.hawk_share));
  f.revocation_gain_hawk = c(p.revocation_gain_hawk);
  f.breach_blame = c(p.breach_blame);
  f.war_cost = c(p.war_cost);
  f.discount = {c(p.discount_washington), c(p.discount_tehran)};
  return f;
}

}  // namespace impasse::models
