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

template <scalar Scalar>
void solve(const stochastic_game<Scalar>& game, const stochastic_request& request, const number_style& style,
           std::ostream& out) {
  progress_line progress("impasse stochastic --method " + request.method);
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
    }
    return;
  }
  if (request.method == "pure") {
    const auto result =
        pure_stationary_enumeration(game, {.threads = request.threads, .on_progress = progress.callback()});
    for (const auto& eq : result.equilibria) {
      write_line(out, "MPE", eq.strategies, style);
      if (request.values) write_values(out, eq.values, style);
    }
  } else if (request.method == "homotopy") {
    const auto result = logit_homotopy(game, {.on_progress = progress.callback()});
    if (result.equilibria.empty()) return;
    const auto& equilibrium = result.equilibria.front();
    if constexpr (is_exact_v<Scalar>) {
      if (!result.exact) {
        // The end point is an equilibrium only to within 1e-9: printing
        // its binary fractions would claim an exactness it lacks.
        write_line(out, "MPE", convert_profile(equilibrium.strategies), number_style{.exact = false, .decimals = 17});
        if (request.values) write_values(out, matrix<double>(equilibrium.values.template cast<double>()), number_style{.exact = false, .decimals = 17});
        return;
      }
    }
    write_line(out, "MPE", equilibrium.strategies, style);
    if (request.values) write_values(out, equilibrium.values, style);
  } else {
    const auto result = shapley_value_iteration(game, {.on_progress = progress.callback()});
    for (const auto& equilibrium : result.equilibria) {
      write_line(out, "MPE", equilibrium.strategies, style);
      if (request.values) write_values(out, equilibrium.values, style);
    }
  }
}

}  // namespace

int stochastic(const stochastic_request& request, std::istream& in, std::ostream& out, std::ostream& err) {
  return run_reporting_errors(out, err, [&](std::string& output) {
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
        solve(game, request, style, buffer);
      } else {
        solve(convert<double>(game), request, style, buffer);
      }
    } catch (const invalid_argument& e) {
      throw invalid_argument(source_name(request.file) + ": " + e.what());  // say which file
    }
    output = buffer.str();
  });
}

}  // namespace impasse::cli
