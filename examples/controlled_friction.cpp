// The controlled-friction report: the essay's model of U.S.-Iran talks
// solved with impasse, verdict first, then the equilibria behind it, the two
// channels, sanctions, and where in parameter space the claims hold (CSV
// and SVG figures). The global sensitivity analysis is its own program,
// controlled_friction_sensitivity (threads, or MPI across machines).
//
// Usage: controlled_friction [--param name=value]... [--rounds T] [--points N]
//                            [--figures DIR] [--export DIR] [--no-sweeps]
#include <impasse/io/efg.hpp>
#include <impasse/io/nfg.hpp>
#include <impasse/io/progress_line.hpp>
#include <impasse/io/stochastic_json.hpp>
#include <impasse/models/controlled_friction_analysis.hpp>
#include <impasse/models/controlled_friction_sweep.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

using namespace impasse;
using namespace impasse::models;

std::string num(const rational& x) { return to_decimal_string(x, 3); }
std::string num(double x) { return to_decimal_string(x, 3); }

/// `text` broken into lines of at most `width` characters at spaces, each
/// line after `indent`.
std::string wrapped(const std::string& text, std::size_t width = 100, const std::string& indent = "   ") {
  std::string out, line;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const auto word = text.substr(start, end - start);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += indent + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  if (!line.empty()) out += indent + line + "\n";
  return out;
}

void open_and_write(const std::filesystem::path& path, const auto& write) {
  std::ofstream out(path);
  if (!out) throw file_error(path.string() + ": cannot open for writing");
  write(out);
  if (!out) throw file_error(path.string() + ": write failed");
}

std::string parameter_help() {
  std::string text = "Parameters (--param name=value; value a decimal or p/q), with their defaults:\n";
  const controlled_friction_parameters defaults;
  for (const auto& d : parameter_table())
    text += fmt::format("  {} = {}   (plausible {} to {})\n      {}\n      Essay: {}\n", d.name,
                        to_fraction_string(defaults.*(d.field)), to_fraction_string(d.plausible_low),
                        to_fraction_string(d.plausible_high), d.meaning, d.source);
  return text;
}

/// A stationary profile, state by state, by action names (pure actions bare,
/// mixed ones with their probabilities).
template <scalar Scalar>
std::string profile_line(const stochastic_game<rational>& game, const stationary_profile<Scalar>& profile) {
  std::string text;
  for (std::size_t s = 0; s + 1 < game.num_states(); ++s) {
    text += fmt::format("{}{}: ", s ? "; " : "", game.state(s).name);
    for (std::size_t i = 0; i < 2; ++i) {
      std::string part;
      for (std::size_t a = 0; a < game.num_actions(s, i); ++a) {
        const double p = scalar_cast<double>(profile[s](i, a));
        if (p < 1e-9) continue;
        part += fmt::format("{}{}", part.empty() ? "" : "+", p > 1 - 1e-9 ? game.state(s).actions[i][a]
                                                                           : num(p) + " " + game.state(s).actions[i][a]);
      }
      text += (i ? " / " : "") + part;
    }
  }
  return text;
}

template <scalar Scalar>
void print_summary(const controlled_friction_analysis& a, const stochastic_game<rational>& game,
                   const equilibrium_summary<Scalar>& e, bool pure) {
  fmt::print("{}", wrapped(profile_line(game, e.profile), 100, "    "));
  if (pure) {  // as `impasse stochastic --method pure --exact` prints it
    std::string line = "MPE";
    for (const auto& state : e.profile)
      for (const auto& p : state.flat()) line += "," + to_fraction_string(scalar_cast<rational>(p));
    fmt::print("    {}\n", line);
  }
  fmt::print("{}", wrapped(fmt::format(
                               "regimes' values at talks ({}, {}); nations' welfare ({}, {}); deal reached with chance "
                               "{}; a deal signed now survives ten years with chance {}; {} escalations a year ({} "
                               "overt), {} swaps a year; war within {} years {}{}",
                               num(e.values[0][0]), num(e.values[1][0]), num(e.welfare[0][0]), num(e.welfare[1][0]),
                               num(e.deal_probability), num(e.deal_survival_ten_years), num(e.escalations_per_year),
                               num(e.overt_escalations_per_year), num(e.swaps_per_year),
                               to_fraction_string(a.parameters.years_of_hostility), num(e.war_within_horizon),
                               e.named ? fmt::format(" (the {} profile)", named_profile_names[static_cast<std::size_t>(*e.named)])
                                       : std::string()),
                           100, "    "));
}

std::string margin_text(const std::array<margin_result<rational>, 2>& m) {
  std::string out;
  for (std::size_t i = 0; i < 2; ++i)
    out += fmt::format("{}{} {} (tightest: {} in {})", i ? ", " : "", player_names[i], num(m[i].margin), m[i].action,
                       friction_state_names[index(m[i].state)]);
  return out;
}

void print_report(const controlled_friction_analysis& a) {
  const auto& f = a.flows;
  fmt::print("{}", wrapped(fmt::format(
                               "Calibration: without a deal the regimes value a year at ({}, {}), their nations' material "
                               "welfare is ({}, {}); with a deal in force the regimes get ({}, {}), the nations ({}, {}). "
                               "Signing costs Tehran {} once (its regional network and its legitimacy); a hawkish "
                               "administration, which comes with chance {} a year, gains {} from revoking.",
                               num(f.hostility[0]), num(f.hostility[1]), num(f.hostility_welfare[0]),
                               num(f.hostility_welfare[1]), num(f.deal[0]), num(f.deal[1]), num(f.deal_welfare[0]),
                               num(f.deal_welfare[1]), num(f.concession[1]), num(f.hawk_arrival),
                               num(f.revocation_gain_hawk)),
                           100, ""));
  fmt::print("\nVERDICT (computed from the equilibria below)\n");
  for (std::size_t k = 0; k < a.verdicts.size(); ++k) {
    const auto& v = a.verdicts[k];
    const bool answer_yes = v.essay_says_yes ? v.holds : !v.holds;
    if (v.settled)
      fmt::print("{}. {} {}. The essay's claim {}.\n{}", k + 1, v.question, answer_yes ? "Yes" : "No",
                 v.holds ? "holds" : "FAILS here", wrapped(v.evidence));
    else
      fmt::print("{}. {} Undetermined: the equilibria found agree with the essay, but a solver stopped at its limit.\n{}",
                 k + 1, v.question, wrapped(v.evidence));
    fmt::print("   Flipped by: {}\n", v.flip_override);
  }

  fmt::print("\nTHE TWO CHANNELS, one at a time (every pure stationary MPE recomputed)\n");
  for (const auto* c : {&a.rent_channel_off, &a.commitment_channel_off})
    fmt::print("{}", wrapped(fmt::format("Without the {} ({}): {} of {} pure MPE reach the deal{}, so the first "
                                         "verdict {}.",
                                         c->name, fmt::join(c->overrides, ", "), c->reaching_deal, c->equilibria,
                                         c->reaching_deal ? fmt::format("; the most durable survives ten years with "
                                                                        "chance {}",
                                                                        num(c->best_deal_survival))
                                                          : std::string(),
                                         c->reaching_deal ? "fails: this channel is needed to keep the deal out"
                                                          : "still holds: the other channel alone keeps the deal out"),
                             100, "  "));
  fmt::print("{}", wrapped(fmt::format(
                               "The commitment condition (closed form, Tehran): a revocable deal lives {} discounted "
                               "years under the hawks' hazard {} a year (binding: {}); its yearly gain over stalling, "
                               "{}, recoups {} (plus {} from signing again after a revocation) of the {} that signing "
                               "costs; a binding deal would recoup {}. Settling margins: {} revocable, {} binding.",
                               num(a.tehran_recoup.life_revocable), num(a.tehran_recoup.hazard),
                               num(a.tehran_recoup.life_binding), num(a.tehran_recoup.yearly_gain),
                               num(a.tehran_recoup.recouped_revocable), num(a.tehran_recoup.resigning_value),
                               num(a.tehran_recoup.cost), num(a.tehran_recoup.recouped_binding),
                               num(a.tehran_recoup.margin_revocable), num(a.tehran_recoup.margin_binding)),
                           100, "  "));

  fmt::print("\nSANCTIONS (every pure stationary MPE at each intensity)\n");
  fmt::print("  {:>9} {:>5} {:>10} {:>14} {:>14} {:>14} {:>18} {:>16}\n", "sanctions", "MPE", "deal", "Tehran regime",
             "Iran welfare", "Wash. regime", "binding deal adds", "signing margin");
  for (const auto& s : a.sanctions_statics)
    fmt::print("  {:>9} {:>5} {:>10} {:>14} {:>14} {:>14} {:>18} {:>16}\n", num(s.sanctions), s.equilibria,
               num(s.deal_probability), num(s.tehran_regime), num(s.tehran_nation), num(s.washington_regime),
               s.tehran_binding_gain ? num(*s.tehran_binding_gain) : std::string("none"), num(s.tehran_signing_margin));

  fmt::print("\nTHE STOCHASTIC GAME (talks, crisis, backchannel-crisis, deal-dove, deal-hawk, war): {} pure stationary "
             "MPE among {} profiles\n",
             a.model_equilibria.equilibria.size(), a.model_equilibria.profiles);
  for (std::size_t k = 0; k < a.model_equilibria.equilibria.size(); ++k) {
    fmt::print("  MPE {}:\n", k + 1);
    print_summary(a, a.model, a.model_equilibria.equilibria[k], true);
  }
  if (a.homotopy) {
    fmt::print("  The logit homotopy's MPE (lambda {}, {} steps; {}):\n", num(a.homotopy_lambda), a.homotopy_steps,
               a.homotopy_exact ? "polished to rationals, no one-shot deviation gains"
                                : "approximate: one-shot gain " + to_decimal_string(a.homotopy->max_deviation_gain, 12));
    print_summary(a, a.model, *a.homotopy, false);
  } else {
    fmt::print("  The logit homotopy ended without a confirmed MPE (lambda {}, {} steps).\n", num(a.homotopy_lambda),
               a.homotopy_steps);
  }
  fmt::print("  Closed forms (smallest one-shot margins; >= 0 for both means an MPE):\n");
  for (std::size_t k = 0; k < 3; ++k)
    fmt::print("{}", wrapped(fmt::format("{}: {}", named_profile_names[k], margin_text(a.model_profile_margins[k])), 100,
                             "    "));

  fmt::print("\nTHE COMMITMENT BENCHMARK (a signed deal enforced forever): {} pure stationary MPE among {} profiles\n",
             a.commitment_equilibria.equilibria.size(), a.commitment_equilibria.profiles);
  for (std::size_t k = 0; k < a.commitment_equilibria.equilibria.size(); ++k) {
    fmt::print("  MPE {}:\n", k + 1);
    print_summary(a, a.commitment, a.commitment_equilibria.equilibria[k], false);
  }
  fmt::print("{}", wrapped("binding deal, closed form: " + margin_text(a.binding_deal_margins), 100, "  "));

  fmt::print("\nTHE STAGE GAME: one year of formal talks, the talks state's flows (Washington's, Tehran's)\n");
  fmt::print("{:>20}", "Washington \\ Tehran");
  for (const auto name : talks_action_names) fmt::print("{:>16}", name);
  fmt::print("\n");
  for (std::size_t w = 0; w < 5; ++w) {
    fmt::print("{:>20}", talks_action_names[w]);
    for (std::size_t t = 0; t < 5; ++t) {
      const std::array<std::size_t, 2> profile = {w, t};
      fmt::print("{:>16}", fmt::format("{}, {}", num(a.stage.payoff(0, profile)), num(a.stage.payoff(1, profile))));
    }
    fmt::print("\n");
  }
  const auto print_equilibria = [](const std::vector<mixed_profile<rational>>& list) {
    for (const auto& e : list) {
      std::string line;
      for (std::size_t i = 0; i < 2; ++i) {
        std::string part;
        for (std::size_t s = 0; s < 5; ++s)
          if (e(i, s) != 0)
            part += (part.empty() ? "" : "+") + (e(i, s) == 1 ? "" : to_fraction_string(e(i, s)) + " ") +
                    std::string(talks_action_names[s]);
        line += (i ? ", " : "") + part;
      }
      fmt::print("  ({})\n", line);
    }
  };
  fmt::print("Nash equilibria (every extreme equilibrium, vertex enumeration, exact): {}\n", a.stage_equilibria.size());
  print_equilibria(a.stage_equilibria);
  if (a.talks_continuation_game) {
    fmt::print("The talks game at the first MPE's continuation values (what each year of talks is really played as): "
               "{} extreme equilibria\n",
               a.talks_continuation_equilibria.size());
    print_equilibria(a.talks_continuation_equilibria);
  }
  if (a.rounds > 0)
    fmt::print("{}", wrapped(fmt::format(
                             "\nTHE {}-YEAR GAME (extensive form, {} nodes, chance moves for the transitions): the "
                             "subgame decomposition finds {}{} SPE payoffs (history-dependent ones included); each of the "
                             "{} finite-horizon MPE of the stochastic game, played in the extensive form, {}.",
                             a.rounds, a.rounds_nodes, a.rounds_status == run_status::complete ? "" : "at least ",
                             a.rounds_spe_payoffs.size(), a.finite_horizon_values.size(),
                             a.rounds_agree ? "is an SPE there with the same payoffs (checked exactly)"
                                            : "does NOT match an SPE with the same payoffs"),
                         100, ""));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"The controlled-friction report: the essay's model of U.S.-Iran talks, solved with impasse. The global "
               "sensitivity analysis is the program controlled_friction_sensitivity."};
  std::vector<std::string> overrides;
  std::size_t rounds = 2;
  std::size_t points = 25;
  std::string figures = "controlled-friction-figures";
  std::string export_dir;
  bool no_sweeps = false;
  app.add_option("--param,-p", overrides, "override a parameter: name=value (repeatable)");
  app.add_option("--rounds", rounds, "years of the finite game (0 to 3; 0 skips it)")->capture_default_str()->check(CLI::Range(0, 3));
  app.add_option("--points", points, "grid points per axis in the sweeps")->capture_default_str()->check(CLI::Range(2, 401));
  app.add_option("--figures", figures, "directory for the sweeps' CSV and SVG files")->capture_default_str();
  app.add_option("--export", export_dir, "also write the model's games (.nfg, .efg, stochastic .json) to DIR");
  app.add_flag("--no-sweeps", no_sweeps, "skip the parameter sweeps");
  app.footer(parameter_help());
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  try {
    const auto start = std::chrono::steady_clock::now();
    controlled_friction_parameters parameters;
    for (const auto& o : overrides) set_parameter(parameters, o);
    fmt::print("Controlled friction: the essay's model of U.S.-Iran talks, solved with impasse\n");
    fmt::print("Parameters: {}\n\n",
               overrides.empty() ? std::string("the defaults (--help lists them with the essay's sentences)")
                                 : fmt::format("defaults with {}", fmt::join(overrides, ", ")));
    // A progress line on standard error while the model is solved and swept
    // (only when standard error is a terminal: the report itself is unchanged).
    progress_line progress("controlled friction");
    progress.draw({0, 0, "solving the model"});
    const auto analysis = analyze(parameters, {.rounds = rounds});
    progress.clear();
    print_report(analysis);

    if (!no_sweeps) {
      std::filesystem::create_directories(figures);
      fmt::print("\nWHERE THE CLAIMS HOLD ({} x {} grids; every pure stationary MPE at each point)\n", points, points);
      const auto sweeps = standard_sweeps(parameters, points);
      for (std::size_t k = 0; k < sweeps.size(); ++k) {
        const auto& definition = sweeps[k];
        progress.draw({k, sweeps.size(), "sweeps"});
        const auto sweep = run_sweep(parameters, definition);
        progress.clear();
        const auto base = std::filesystem::path(figures) / definition.name;
        open_and_write(base.string() + ".csv", [&](std::ostream& out) { write_csv(out, sweep); });
        open_and_write(base.string() + ".svg", [&](std::ostream& out) { write_svg(out, sweep); });
        fmt::print("{}", wrapped(fmt::format("{}: no pure stationary MPE reaches the deal on {:.1f}% of the box, "
                                             "controlled friction on {:.1f}%; the closed forms disagree with the "
                                             "enumeration at {} points; {:.2f} ms per point; {}.svg",
                                             definition.title, 100 * sweep.no_deal_share, 100 * sweep.friction_share,
                                             sweep.disagreements, 1000 * sweep.seconds_per_point(), base.string()),
                                 100, "  "));
      }
    }
    if (!export_dir.empty()) {
      std::filesystem::create_directories(export_dir);
      const std::filesystem::path dir(export_dir);
      open_and_write(dir / "controlled-friction-stage.nfg", [&](std::ostream& out) { write_nfg(out, analysis.stage); });
      if (rounds > 0)
        open_and_write(dir / "controlled-friction-rounds.efg",
                       [&](std::ostream& out) { write_efg(out, rounds_game(parameters, rounds)); });
      open_and_write(dir / "controlled-friction.json",
                     [&](std::ostream& out) { write_stochastic_json(out, analysis.model); });
      open_and_write(dir / "controlled-friction-commitment.json",
                     [&](std::ostream& out) { write_stochastic_json(out, analysis.commitment); });
      fmt::print("\nWrote the model's games to {}\n", export_dir);
    }
    fmt::print("\nReport computed in {:.2f} s.\n",
               std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  } catch (const impasse::error& e) {
    std::cerr << "controlled_friction: " << e.what() << '\n';
    return 1;
  } catch (const std::exception& e) {  // e.g. std::filesystem::filesystem_error for --figures or --export
    std::cerr << "controlled_friction: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
