// Where the essay's claims hold: sweeps of the controlled-friction model
// over a grid of two parameters. At each point every pure stationary Markov
// perfect equilibrium of the model is computed (in double, by the library's
// enumeration with pruning) and the point records how many reach the deal,
// escalate and swap on their path, and how likely war becomes; the closed
// forms of the three named profiles (controlled_friction_closed_form.hpp)
// are evaluated exactly beside them and checked against the enumeration. The
// result writes itself as CSV and as an SVG phase diagram. Cost per point:
// one enumeration of at most 14,400 pure profiles (about 4,000 after pruning
// under the defaults) with a 6-state policy evaluation each.
#pragma once

#include <impasse/models/controlled_friction_closed_form.hpp>

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace impasse::models {

/// One axis of a sweep: a label, a range and how a value sets the parameters.
struct sweep_axis {
  std::string label;
  rational low;
  rational high;
  std::size_t points = 25;
  /// Sets the parameters for one value on this axis.
  std::function<void(controlled_friction_parameters&, const rational&)> apply;

  [[nodiscard]] rational value(std::size_t k) const {
    if (points < 2) return low;
    return low + (high - low) * rational(static_cast<long>(k), static_cast<long>(points - 1));
  }
};

struct sweep_definition {
  std::string name;   ///< file-name friendly: commitment-concession-hawks
  std::string title;  ///< for the figure
  sweep_axis x;
  sweep_axis y;
};

/// What the sweep found at one grid point.
struct sweep_point {
  rational x;
  rational y;
  /// Pure stationary MPE found; how many reach the deal from talks, escalate
  /// and swap on their path; the largest chance of war within the horizon.
  std::size_t equilibria = 0;
  std::size_t deal_equilibria = 0;
  std::size_t escalating_equilibria = 0;
  std::size_t swapping_equilibria = 0;
  double largest_war_risk = 0;
  /// Each named profile (by `named_profile`): whether its closed form says it
  /// is an MPE (exact), whether the enumeration found it, and its smaller margin.
  std::array<bool, 3> closed_form{};
  std::array<bool, 3> found{};
  std::array<double, 3> margin{};
};

struct sweep_result {
  sweep_definition definition;
  std::vector<sweep_point> points;  ///< y varies fastest
  /// Share of the grid where no pure stationary MPE reaches the deal.
  double no_deal_share = 0;
  /// Share where no MPE reaches the deal and every MPE escalates with war
  /// within the horizon below 1/2: controlled friction.
  double friction_share = 0;
  /// Points where a closed form and the enumeration disagree on whether its
  /// profile is an MPE (away from the boundary itself).
  std::size_t disagreements = 0;
  double seconds = 0;
  [[nodiscard]] double seconds_per_point() const {
    return points.empty() ? 0 : seconds / static_cast<double>(points.size());
  }
};

/// Scales every hostility rent (both regimes' rents and what sanctions add) by `factor`.
void scale_rents(controlled_friction_parameters& p, const controlled_friction_parameters& base, const rational& factor);

/// The three sweeps of the report, around the parameters `base`:
///   - the commitment channel: Tehran's one-time concession (0 to 3 times the
///     default) against the chance an election brings a hawk;
///   - the rent channel: all hostility rents (0 to 2 times) against sanctions;
///   - controlled friction: the war risk of a grey-zone escalation against
///     the share of it the talks absorb.
[[nodiscard]] std::vector<sweep_definition> standard_sweeps(const controlled_friction_parameters& base,
                                                            std::size_t points = 25);

struct sweep_options {
  /// Threads over grid columns; 0: the hardware's.
  unsigned threads = 0;
};

/// Runs a sweep around `base`.
[[nodiscard]] sweep_result run_sweep(const controlled_friction_parameters& base, const sweep_definition& definition,
                                     const sweep_options& options = {});

/// The sweep as CSV: one row per grid point.
void write_csv(std::ostream& out, const sweep_result& sweep);

/// The sweep as an SVG phase diagram: a cell per grid point, shaded by what
/// the equilibria do there (a deal reached; controlled friction; quiet
/// stalemate; war likely), with the closed-form boundaries of the revocable
/// and durable deal profiles and of the friction profile drawn over it.
void write_svg(std::ostream& out, const sweep_result& sweep);

}  // namespace impasse::models
