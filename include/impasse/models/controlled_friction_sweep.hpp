// Where a deal becomes possible: sweeps of the controlled-friction model over
// a grid of two parameters. At each point every pure stationary Markov
// perfect equilibrium of the stochastic model is computed (in double, by
// the library's enumeration) and the point records whether any of them
// reaches the deal from formal talks; the closed-form condition for the
// deal profile (`deal_profile_margins`) is evaluated exactly beside it.
// The result writes itself as CSV and as an SVG phase diagram. Cost per
// point: one enumeration of 256 pure profiles (16 x 4 x 4) with a 5-state
// policy evaluation each.
#pragma once

#include <impasse/models/controlled_friction_closed_form.hpp>

#include <functional>
#include <string>
#include <vector>

namespace impasse::models {

/// One axis of a sweep: a label, a range and how a value sets the parameters.
struct sweep_axis {
  std::string label;
  rational low;
  rational high;
  std::size_t points = 41;
  /// Sets the parameters for one value on this axis.
  std::function<void(controlled_friction_parameters&, const rational&)> apply;

  [[nodiscard]] rational value(std::size_t k) const {
    if (points < 2) return low;
    return low + (high - low) * rational(static_cast<long>(k), static_cast<long>(points - 1));
  }
};

struct sweep_definition {
  std::string name;   ///< file-name friendly: rents-cancellation
  std::string title;  ///< for the figure
  sweep_axis x;
  sweep_axis y;
};

/// What the sweep found at one grid point.
struct sweep_point {
  rational x;
  rational y;
  /// Pure stationary MPE found, and how many of them reach the deal.
  std::size_t equilibria = 0;
  std::size_t deal_equilibria = 0;
  /// Pure stationary MPE in which someone escalates in formal talks.
  std::size_t escalating_equilibria = 0;
  /// The closed form: perpetual stalling is an MPE (`stalling_margins`, exact).
  bool stalling_closed_form = false;
  /// The closed form: the deal profile is an MPE (both margins >= 0, exact).
  bool deal_profile_closed_form = false;
  /// The enumeration found the deal profile (and perpetual stalling) among the MPE.
  bool deal_profile_found = false;
  bool stalling_profile_found = false;
  /// The smaller of the two players' closed-form margins, in double.
  double deal_profile_margin = 0;
  double stalling_margin = 0;
};

struct sweep_result {
  sweep_definition definition;
  std::vector<sweep_point> points;  ///< y varies fastest
  /// Share of the grid where no pure stationary MPE reaches the deal (the essay's claim).
  double essay_share = 0;
  /// Points where a closed form (the deal profile's or perpetual
  /// stalling's) and the enumeration disagree on whether that profile is an MPE.
  std::size_t disagreements = 0;
  double seconds = 0;
  [[nodiscard]] double seconds_per_point() const { return points.empty() ? 0 : seconds / static_cast<double>(points.size()); }
};

/// Scales every hostility rent (both regimes' rents and what sanctions add) by `factor`.
inline void scale_rents(controlled_friction_parameters& p, const controlled_friction_parameters& base,
                        const rational& factor) {
  p.rent_washington = base.rent_washington * factor;
  p.rent_tehran = base.rent_tehran * factor;
  p.sanctions_rent_tehran = base.sanctions_rent_tehran * factor;
  p.sanctions_signal_washington = base.sanctions_signal_washington * factor;
}

/// The four sweeps of the report, around the parameters `base`:
///   - rents (all hostility rents scaled 0 to 1 times) against the chance a deal is cancelled (0 to 1/2);
///   - sanctions' intensity (0 to 1) against both sides' gains from a deal (0 to 4 times);
///   - the common discount factor (1/2 to 99/100) against the cost of war (0 to 60);
///   - the share of an escalation's war risk the talks absorb (0 to 1) against that risk (0 to 1/20):
///     where the talks are shock absorbers, escalating during them gets cheaper.
[[nodiscard]] inline std::vector<sweep_definition> standard_sweeps(const controlled_friction_parameters& base,
                                                                   std::size_t points = 41) {
  std::vector<sweep_definition> sweeps;
  sweeps.push_back({"rents-cancellation", "Hostility rents against the chance a deal is cancelled",
                    {"hostility rents (x default)", rational(0), rational(1), points,
                     [base](auto& p, const rational& v) { scale_rents(p, base, v); }},
                    {"cancellation probability per year", rational(0), rational(1, 2), points,
                     [](auto& p, const rational& v) { p.cancellation_probability = v; }}});
  sweeps.push_back({"sanctions-deal-gain", "Sanctions against what a deal is worth",
                    {"sanctions intensity", rational(0), rational(1), points,
                     [](auto& p, const rational& v) { p.sanctions = v; }},
                    {"gains from a deal, both sides (x default)", rational(0), rational(4), points,
                     [base](auto& p, const rational& v) {
                       p.deal_gain_washington = base.deal_gain_washington * v;
                       p.deal_gain_tehran = base.deal_gain_tehran * v;
                     }}});
  sweeps.push_back({"discount-war-cost", "Patience against the cost of war",
                    {"discount factor (both)", rational(1, 2), rational(99, 100), points,
                     [](auto& p, const rational& v) { p.discount_washington = p.discount_tehran = v; }},
                    {"cost of war per year", rational(0), rational(60), points,
                     [](auto& p, const rational& v) { p.war_cost = v; }}});
  sweeps.push_back({"absorption-war-risk", "Talks as shock absorbers against the war risk of an escalation",
                    {"share of the war risk the talks absorb", rational(0), rational(1), points,
                     [](auto& p, const rational& v) { p.talks_absorption = v; }},
                    {"war risk of one escalation", rational(0), rational(1, 20), points,
                     [](auto& p, const rational& v) { p.escalation_war_risk = v; }}});
  return sweeps;
}

struct sweep_options {
  /// Threads over grid columns; 0: the hardware's.
  unsigned threads = 0;
};

/// Runs a sweep around `base` (defined in controlled_friction_analysis.hpp,
/// which has the equilibrium computations).
[[nodiscard]] sweep_result run_sweep(const controlled_friction_parameters& base, const sweep_definition& definition,
                                     const sweep_options& options = {});

/// The sweep as CSV: one row per grid point.
void write_csv(std::ostream& out, const sweep_result& sweep);

/// The sweep as an SVG phase diagram: a cell per grid point, shaded by
/// whether an equilibrium reaches the deal (and, where none does, whether
/// some equilibrium escalates in talks), with the closed-form boundaries of
/// the deal profile and of perpetual stalling drawn over it.
void write_svg(std::ostream& out, const sweep_result& sweep);

}  // namespace impasse::models
