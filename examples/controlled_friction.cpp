// The controlled-friction report: the essay's model of U.S.-Iran talks
// solved with impasse, verdict first, then the equilibria behind it, then
// where in parameter space a deal becomes possible (CSV and SVG figures).
//
// Usage: controlled_friction [--param name=value]... [--rounds T] [--points N]
//                            [--figures DIR] [--export DIR] [--no-sweeps]
#include <impasse/io/efg.hpp>
#include <impasse/io/nfg.hpp>
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
    text += fmt::format("  {} = {}\n      {}\n      Essay: {}\n", d.name, to_fraction_string(defaults.*(d.field)),
                        d.meaning, d.source);
  return text;
}

template <scalar Scalar>
std::string profile_line(const stochastic_game<rational>& game, const stationary_profile<Scalar>& profile) {
  std::string text;
  for (std::size_t s = 0; s < 3; ++s) {
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

void print_report(const controlled_friction_analysis& a) {
  const auto& g = a.stochastic;
  fmt::print("{}", wrapped(fmt::format(
                      "Calibration: while talks drag on each regime earns its hostility rents ({}, {}) per year; a deal "
                      "in force pays ({}, {}).",
                      num(a.flows.hostility[0]), num(a.flows.hostility[1]), num(a.flows.deal[0]), num(a.flows.deal[1])),
                  100, ""));
  fmt::print("\nVERDICT (computed from the equilibria below)\n");
  for (std::size_t k = 0; k < a.verdicts.size(); ++k) {
    const auto& v = a.verdicts[k];
    const bool yes_is_essay = k != 0;  // the essay says "no" to the first question, "yes" to the others
    const bool answer_yes = yes_is_essay ? v.holds : !v.holds;
    if (v.settled)
      fmt::print("{}. {} {}. The essay's claim {}.\n{}", k + 1, v.question, answer_yes ? "Yes" : "No",
                 v.holds ? "holds" : "FAILS here", wrapped(v.evidence));
    else
      fmt::print("{}. {} Undetermined: the equilibria found agree with the essay, but a solver stopped at its limit.\n{}",
                 k + 1, v.question, wrapped(v.evidence));
  }

  fmt::print("\nTHE STAGE GAME: one period of formal talks (Washington's payoff, Tehran's)\n");
  fmt::print("{:>22}", "Washington \\ Tehran");
  for (const auto name : talks_action_names) fmt::print("{:>18}", name);
  fmt::print("\n");
  for (std::size_t w = 0; w < 4; ++w) {
    fmt::print("{:>22}", talks_action_names[w]);
    for (std::size_t t = 0; t < 4; ++t) {
      const std::array<std::size_t, 2> profile = {w, t};
      fmt::print("{:>18}", fmt::format("{}, {}", num(a.stage.payoff(0, profile)), num(a.stage.payoff(1, profile))));
    }
    fmt::print("\n");
  }
  fmt::print("Nash equilibria (every extreme equilibrium, vertex enumeration, exact): {}\n", a.stage_equilibria.size());
  for (const auto& e : a.stage_equilibria) {
    std::string line;
    for (std::size_t i = 0; i < 2; ++i) {
      std::string part;
      for (std::size_t s = 0; s < 4; ++s)
        if (e(i, s) != 0) part += (part.empty() ? "" : "+") + (e(i, s) == 1 ? "" : to_fraction_string(e(i, s)) + " ") +
                                  std::string(talks_action_names[s]);
      line += (i ? ", " : "") + part;
    }
    fmt::print("  ({})\n", line);
  }

  fmt::print("\nTHE {}-ROUND GAME (extensive form, {} nodes): subgame-perfect equilibria: {}{}\n", a.rounds,
             a.rounds_nodes, a.rounds_equilibria.size(),
             a.rounds_status == run_status::complete ? "" : " (the first ones; limit reached)");
  for (std::size_t k = 0; k < std::min<std::size_t>(a.rounds_equilibria.size(), 5); ++k)
    fmt::print("  SPE {}: payoffs ({}, {}), chance of signing the deal {}\n", k + 1, num(a.rounds_payoffs[k][0]),
               num(a.rounds_payoffs[k][1]), num(a.rounds_deal_probability[k]));

  fmt::print("\nTHE STOCHASTIC GAME (talks, crisis, backchannel, deal, war): pure stationary Markov perfect equilibria: {}\n",
             a.pure_equilibria.size());
  const auto print_summary = [&](const auto& e, bool pure) {
    fmt::print("    {}\n", profile_line(g, e.profile));
    if (pure) {  // as `impasse stochastic --method pure --exact` prints it
      std::string line = "MPE";
      for (const auto& state : e.profile)
        for (const auto& p : state.flat()) line += "," + to_fraction_string(p);
      fmt::print("    {}\n", line);
    }
    fmt::print("    values in talks ({}, {}), in the deal ({}, {}); deal reached with chance {}; war within {} years {}\n",
               num(e.values[0][0]), num(e.values[1][0]), num(e.values[0][3]), num(e.values[1][3]),
               num(e.deal_probability), to_fraction_string(a.parameters.years_of_hostility), num(e.war_within_horizon));
  };
  for (std::size_t k = 0; k < a.pure_equilibria.size(); ++k) {
    fmt::print("  MPE {}:\n", k + 1);
    print_summary(a.pure_equilibria[k], true);
  }
  if (a.homotopy_equilibrium) {
    fmt::print("  The logit homotopy's MPE ({}):\n",
               a.homotopy_exact ? "confirmed exactly: no one-shot deviation gains"
                                : "largest one-shot deviation gain " +
                                      to_decimal_string(a.homotopy_equilibrium->max_deviation_gain, 12));
    print_summary(*a.homotopy_equilibrium, false);
  }
  fmt::print("  Closed forms: perpetual stalling is an MPE iff each signal is at most its discounted war loss "
             "(margins {}, {}); settling is an MPE iff margins {}, {} are >= 0.\n",
             num(a.stalling_margin[0]), num(a.stalling_margin[1]), num(a.deal_profile_margin[0]),
             num(a.deal_profile_margin[1]));

  if (a.repeated_computed) {
    fmt::print("\nTHE REPEATED STAGE GAME (delta = {}): pure-action SPE payoffs with public randomisation, {} vertices\n",
               num(a.flows.discount[0]), a.repeated_spe_vertices.size());
    for (const auto& v : a.repeated_spe_vertices) fmt::print("  ({}, {})\n", num(v[0]), num(v[1]));
    fmt::print("  The deal's payoff per period ({}, {}) is {} the set; perpetual stalling pays ({}, {}).\n",
               num(a.flows.deal[0]), num(a.flows.deal[1]), a.deal_in_repeated_set ? "inside" : "outside",
               num(a.flows.hostility[0]), num(a.flows.hostility[1]));
  }

  const auto& r = a.rubinstein;
  fmt::print("\nTHE RUBINSTEIN BENCHMARK (alternating offers; after each rejection the talks break down, back to perpetual "
             "stalling, with chance {}, one escalation's war risk)\n",
             num(r.breakdown));
  fmt::print("  Stalling forever is worth ({}, {}); a deal signed now ({}, {}); surplus {}.\n", num(r.status_quo[0]),
             num(r.status_quo[1]), num(r.deal[0]), num(r.deal[1]), num(r.surplus));
  if (r.agreement)
    fmt::print("  Bargaining theory predicts immediate agreement, Washington proposing first takes {} of the surplus.\n",
               num(r.proposer_share));
  else
    fmt::print("  With no surplus there is nothing to bargain over: even with transfers, no deal is signed.\n");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"The controlled-friction report: the essay's model of U.S.-Iran talks, solved with impasse."};
  std::vector<std::string> overrides;
  std::size_t rounds = 3;
  std::size_t points = 41;
  std::string figures = "controlled-friction-figures";
  std::string export_dir;
  bool no_sweeps = false;
  app.add_option("--param,-p", overrides, "override a parameter: name=value (repeatable)");
  app.add_option("--rounds", rounds, "rounds of the finite game (1 to 4)")->capture_default_str();
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
    const auto analysis = analyze(parameters, {.rounds = rounds});
    print_report(analysis);

    if (!no_sweeps) {
      std::filesystem::create_directories(figures);
      fmt::print("\nWHERE A DEAL BECOMES POSSIBLE ({} x {} grids; every pure stationary MPE at each point)\n", points,
                 points);
      for (const auto& definition : standard_sweeps(parameters, points)) {
        const auto sweep = run_sweep(parameters, definition);
        const auto base = std::filesystem::path(figures) / definition.name;
        open_and_write(base.string() + ".csv", [&](std::ostream& out) { write_csv(out, sweep); });
        open_and_write(base.string() + ".svg", [&](std::ostream& out) { write_svg(out, sweep); });
        fmt::print("  {}: no pure stationary MPE reaches the deal on {:.1f}% of the box; the closed forms of the "
                   "settle and stall profiles disagree with the enumeration at {} points; {:.2f} ms per point; {}.svg\n",
                   definition.title, 100 * sweep.essay_share, sweep.disagreements, 1000 * sweep.seconds_per_point(),
                   base.string());
      }
    }
    if (!export_dir.empty()) {
      std::filesystem::create_directories(export_dir);
      const std::filesystem::path dir(export_dir);
      open_and_write(dir / "controlled-friction-stage.nfg", [&](std::ostream& out) { write_nfg(out, analysis.stage); });
      open_and_write(dir / "controlled-friction-rounds.efg",
                     [&](std::ostream& out) { write_efg(out, rounds_game(parameters, rounds)); });
      open_and_write(dir / "controlled-friction.json",
                     [&](std::ostream& out) { write_stochastic_json(out, analysis.stochastic); });
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
