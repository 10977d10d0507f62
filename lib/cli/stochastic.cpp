// `impasse stochastic`: Markov perfect equilibria of a stochastic game in a
// JSON file.
#include "commands.hpp"
#include "game_input.hpp"

#include <impasse/io/equilibrium_output.hpp>
#include <impasse/io/progress_line.hpp>
#include <impasse/io/stochastic_json.hpp>
#include <impasse/stochastic/finite_horizon_markov_perfect.hpp>
#include <impasse/stochastic/logit_homotopy.hpp>
#include <impasse/stochastic/pure_markov_perfect.hpp>
#include <impasse/stochastic/shapley.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

namespace impasse::cli {
namespace {

stationary_profile<double> convert_profile(const stationary_profile<rational>& profile) {
  stationary_profile<double> out;
  for (const auto& p : profile) out.push_back(convert<double>(p));
  return out;
}

template <scalar Scalar>
void write_line(std::ostream& out, const char* tag, const stationary_profile<Scalar>& profile,
                const number_style& style) {
  out << tag;
  for (const auto& p : profile)
    for (const auto& x : p.flat()) out << ',' << format_number(x, style);
  out << '\n';
}

template <scalar Scalar>
void write_values(std::ostream& out, const matrix<Scalar>& values, const number_style& style) {
  out << "V";
  for (Eigen::Index s = 0; s < values.rows(); ++s)
    for (Eigen::Index i = 0; i < values.cols(); ++i) out << ',' << format_number(values(s, i), style);
  out << '\n';
}

/// What the user is told on the error stream after the output, and the
/// certificate of --check: the largest one-shot deviation gain (exact in
/// rationals) over the profiles printed.
struct stochastic_report {
  std::vector<std::string> notes;
  bool answered = true;  ///< false: the solver ended without an answer
  std::size_t checked = 0;
  std::string largest_gain = "0";
  bool check_failed = false;
};

/// --check: the largest one-shot deviation gain of `profile` (stationary) or,
/// with a horizon, of every period's stage profile given the next period's
/// values. It passes when zero in rationals, within the payoff tolerance
/// scaled by 1 / (1 - delta) in double (core/tolerance.hpp).
template <scalar Scalar>
void certify(stochastic_report& report, Scalar& worst, const Scalar& gain, const stochastic_game<Scalar>& game) {
  if (report.checked++ == 0 || gain > worst) worst = gain;
  report.largest_gain = to_message_string(worst);
  if constexpr (is_exact_v<Scalar>) {
    if (gain != Scalar(0)) report.check_failed = true;
  } else {
    double delta = 0;
    for (std::size_t i = 0; i < game.num_players(); ++i) delta = std::max(delta, game.discount(i));
    if (!(gain <= payoff_tolerance<double>(payoff_span_of(game)) / (1 - delta))) report.check_failed = true;
  }
}

template <scalar Scalar>
Scalar finite_horizon_gain(const stochastic_game<Scalar>& game, const finite_horizon_markov_equilibrium<Scalar>& eq) {
  Scalar worst(0);
  const auto periods = eq.strategies.size();
  const matrix<Scalar> zero = matrix<Scalar>::Zero(static_cast<Eigen::Index>(game.num_states()),
                                                   static_cast<Eigen::Index>(game.num_players()));
  for (std::size_t t = 0; t < periods; ++t) {
    const matrix<Scalar>& next = t + 1 < periods ? eq.values[t + 1] : zero;
    for (std::size_t s = 0; s < game.num_states(); ++s) {
      const Scalar regret = max_regret(stage_game(game, s, next), eq.strategies[t][s]);
      if (regret > worst) worst = regret;
    }
  }
  return worst;
}

template <scalar Scalar>
void solve(const stochastic_game<Scalar>& game, const stochastic_request& request, const number_style& style,
           std::ostream& out, stochastic_report& report) {
  progress_line progress("impasse stochastic --method " + request.method);
  Scalar worst(0);
  if (request.horizon) {
    if (request.method == "shapley")
      throw invalid_argument("--horizon works with --method pure or homotopy (mixed stage equilibria), not shapley");
    const auto result = stochastic_backward_induction(
        game, {.horizon = *request.horizon,
               .stage = request.method == "pure" ? stage_solution::pure : stage_solution::mixed,
               .max_equilibria = 1000,
               .on_progress = progress.callback()});
    for (const auto& eq : result.equilibria) {
      out << "MPE";
      for (const auto& period : eq.strategies)
        for (const auto& p : period)
          for (const auto& x : p.flat()) out << ',' << format_number(x, style);
      out << '\n';
      if (request.values) write_values(out, eq.values.front(), style);
      if (request.check) certify(report, worst, finite_horizon_gain(game, eq), game);
    }
    if (result.status != run_status::complete) {
      report.notes.push_back("the backward induction ended with status '" + std::string(to_string(result.status)) +
                             "': the equilibria printed may not be all");
      if (result.equilibria.empty()) report.answered = false;
    }
    return;
  }
  if (request.method == "pure") {
    const auto result =
        pure_stationary_enumeration(game, {.threads = request.threads, .on_progress = progress.callback()});
    for (const auto& eq : result.equilibria) {
      write_line(out, "MPE", eq.strategies, style);
      if (request.values) write_values(out, eq.values, style);
      if (request.check) certify(report, worst, max_one_shot_deviation_gain(game, eq.strategies), game);
    }
    if (result.status != run_status::complete) {
      report.notes.push_back("the enumeration ended with status '" + std::string(to_string(result.status)) +
                             "': the equilibria printed may not be all");
      if (result.equilibria.empty()) report.answered = false;
    }
  } else if (request.method == "homotopy") {
    const auto result = logit_homotopy(game, {.on_progress = progress.callback()});
    // Where the path ended, for a run without an answer or one that is not exact.
    const std::string path = "lambda " + fmt::format("{:.6g}", result.lambda) + " after " +
                             std::to_string(result.steps) + " steps, smallest one-shot deviation gain " +
                             fmt::format("{:.3g}", result.max_gain);
    if (result.equilibria.empty()) {
      report.answered = false;
      report.notes.push_back("the logit homotopy ended without an equilibrium (status '" +
                             std::string(to_string(result.status)) + "' at " + path + ")");
      return;
    }
    const auto& equilibrium = result.equilibria.front();
    if constexpr (is_exact_v<Scalar>) {
      if (!result.exact) {
        // The end point is an equilibrium only to within the tolerance:
        // printing its binary fractions would claim an exactness it lacks.
        report.notes.push_back("the homotopy's equilibrium could not be confirmed exactly: it is printed as "
                               "approximate decimals, not exact fractions (" + path + ")");
        write_line(out, "MPE", convert_profile(equilibrium.strategies), number_style{.exact = false, .decimals = 17});
        if (request.values) write_values(out, matrix<double>(equilibrium.values.template cast<double>()), number_style{.exact = false, .decimals = 17});
        if (request.check) certify(report, worst, max_one_shot_deviation_gain(game, equilibrium.strategies), game);
        return;
      }
    }
    write_line(out, "MPE", equilibrium.strategies, style);
    if (request.values) write_values(out, equilibrium.values, style);
    if (request.check) certify(report, worst, max_one_shot_deviation_gain(game, equilibrium.strategies), game);
  } else {
    const auto result = shapley_value_iteration(game, {.on_progress = progress.callback()});
    if constexpr (is_exact_v<Scalar>) {
      if (!result.exact)
        report.notes.push_back("Shapley iteration's values and strategies could not be confirmed exactly: the "
                               "fractions printed are approximate (rounded from double)");
    }
    if (result.status != run_status::complete)
      report.notes.push_back("Shapley iteration ended with status '" + std::string(to_string(result.status)) +
                             (result.reason.empty() ? std::string() : " (" + result.reason + ")") +
                             "': the values are approximate");
    if (result.equilibria.empty()) report.answered = false;
    for (const auto& equilibrium : result.equilibria) {
      write_line(out, "MPE", equilibrium.strategies, style);
      if (request.values) write_values(out, equilibrium.values, style);
      if (request.check) certify(report, worst, max_one_shot_deviation_gain(game, equilibrium.strategies), game);
    }
  }
}

}  // namespace

int stochastic(const stochastic_request& request, std::istream& in, std::ostream& out, std::ostream& err) {
  stochastic_report report;
  const int code = run_reporting_errors(out, err, [&](std::string& output) {
    if (request.decimals && (*request.decimals < 0 || *request.decimals > 60))
      throw invalid_argument("--decimals takes a whole number from 0 to 60");
    if (request.method != "pure" && request.method != "homotopy" && request.method != "shapley")
      throw invalid_argument("--method must be pure, homotopy or shapley, not " + request.method);
    if (request.horizon && *request.horizon == 0) throw invalid_argument("--horizon must be at least 1");
    const number_style style{.exact = request.exact, .decimals = request.decimals.value_or(6)};
    const auto game = request.file == "-" ? read_stochastic_json(in, "<stdin>") : read_stochastic_json_file(request.file);
    std::ostringstream buffer;
    try {
      if (request.exact) {
        solve(game, request, style, buffer, report);
      } else {
        solve(convert<double>(game), request, style, buffer, report);
      }
    } catch (const invalid_argument& e) {
      throw invalid_argument(source_name(request.file) + ": " + e.what());  // say which file
    }
    output = buffer.str();
  });
  if (code != 0) return code;
  const std::string where = "impasse: " + source_name(request.file) + ": ";
  for (const auto& note : report.notes) err << where << note << "\n";
  if (request.check)
    err << where << "check: largest one-shot deviation gain " << report.largest_gain << " over " << report.checked
        << " profile(s) printed" << (report.check_failed ? " (FAILED)" : "") << "\n";
  if (report.check_failed) return exit_check_failed;
  return report.answered ? 0 : exit_no_answer;
}

}  // namespace impasse::cli
