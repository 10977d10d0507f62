// The methods for strategic games of any number of players. They compute
// in double whatever the game's scalar (docs/design.md): their equilibria
// are float arrays, `exact` is false and `error_bound` is the largest
// regret of one returned, relative to the payoff range.
#include "bindings.hpp"

#include <impasse/strategic/global_newton.hpp>
#include <impasse/strategic/logit_qre.hpp>
#include <impasse/strategic/polymatrix_approximation.hpp>
#include <impasse/strategic/polynomial_enumeration.hpp>
#include <impasse/strategic/simplicial_subdivision.hpp>

namespace impasse::python {

namespace {

py::tuple supports_to_python(const std::vector<support_profile>& supports) {
  py::tuple out(supports.size());
  for (std::size_t k = 0; k < supports.size(); ++k) {
    py::tuple players(supports[k].size());
    for (std::size_t i = 0; i < supports[k].size(); ++i) players[i] = py::tuple(py::cast(supports[k][i]));
    out[k] = players;
  }
  return out;
}

/// The fields every n-player result shares.
py::dict checked_fields(const mixed_equilibria_result<double>& result) {
  py::dict fields;
  fields["relative_regrets"] = py::tuple(py::cast(result.relative_regrets));
  return fields;
}

py::object solve_polynomial(const strategic_game_handle& handle, std::size_t max_boxes_per_support,
                            double min_width, std::size_t max_unresolved_boxes, double max_regret,
                            std::size_t max_equilibria, std::size_t max_strategies_per_player,
                            py::object on_equilibrium, py::object on_progress) {
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  const polynomial_enumeration_options options{.max_boxes_per_support = max_boxes_per_support,
                                               .min_width = min_width,
                                               .max_unresolved_boxes = max_unresolved_boxes,
                                               .max_regret = max_regret,
                                               .max_equilibria = max_equilibria,
                                               .max_strategies_per_player = max_strategies_per_player,
                                               .on_equilibrium = session.on_mixed_equilibrium<double>(),
                                               .stop_token = session.stop_token(),
                                               .on_progress = session.on_progress()};
  const auto result = std::visit(
      [&](const auto& game) { return session.run([&] { return polynomial_enumeration(game, options); }); },
      handle.game);
  auto fields = checked_fields(result);
  py::tuple boxes(result.boxes.size());
  for (std::size_t e = 0; e < result.boxes.size(); ++e) boxes[e] = py::tuple(py::cast(result.boxes[e]));
  fields["boxes"] = boxes;
  fields["supports"] = supports_to_python(result.supports);
  fields["degenerate_supports"] = supports_to_python(result.degenerate_supports);
  fields["degenerate_points"] = profiles_to_python(result.degenerate_points);
  fields["exhausted_supports"] = supports_to_python(result.exhausted_supports);
  fields["supports_tried"] = result.supports_tried;
  fields["supports_pruned"] = result.supports_pruned;
  fields["boxes_processed"] = result.boxes_processed;
  return make_result(result, profiles_to_python(result.equilibria), fields);
}

py::object solve_global_newton(const strategic_game_handle& handle, std::size_t starts, std::uint64_t seed,
                               double end_lambda, double max_regret, std::size_t max_steps_per_start,
                               py::object on_equilibrium, py::object on_progress) {
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  const global_newton_options options{.starts = starts,
                                      .seed = seed,
                                      .end_lambda = end_lambda,
                                      .max_regret = max_regret,
                                      .max_steps_per_start = max_steps_per_start,
                                      .on_equilibrium = session.on_mixed_equilibrium<double>(),
                                      .stop_token = session.stop_token(),
                                      .on_progress = session.on_progress()};
  const auto result = std::visit(
      [&](const auto& game) { return session.run([&] { return global_newton(game, options); }); }, handle.game);
  auto fields = checked_fields(result);
  fields["steps"] = result.steps;
  fields["support_changes"] = result.support_changes;
  fields["rejected"] = result.rejected;
  fields["branches_stopped_early"] = result.branches_stopped_early;
  fields["branch_failure"] = result.branch_failure;
  return make_result(result, profiles_to_python(result.equilibria), fields);
}

py::object solve_polymatrix(const strategic_game_handle& handle, std::size_t starts, std::uint64_t seed,
                            std::size_t max_iterations, double max_regret, py::object on_equilibrium,
                            py::object on_progress) {
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  const polymatrix_approximation_options options{.starts = starts,
                                                 .seed = seed,
                                                 .max_iterations = max_iterations,
                                                 .max_regret = max_regret,
                                                 .on_equilibrium = session.on_mixed_equilibrium<double>(),
                                                 .stop_token = session.stop_token(),
                                                 .on_progress = session.on_progress()};
  const auto result = std::visit(
      [&](const auto& game) { return session.run([&] { return polymatrix_approximation(game, options); }); },
      handle.game);
  auto fields = checked_fields(result);
  fields["iterations"] = result.iterations;
  return make_result(result, profiles_to_python(result.equilibria), fields);
}

py::object solve_logit(const strategic_game_handle& handle, double max_regret, double first_step,
                       double max_acceleration, std::size_t max_steps, double max_scaled_lambda,
                       py::object on_equilibrium, py::object on_progress) {
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  const logit_options options{.max_regret = max_regret,
                              .first_step = first_step,
                              .max_acceleration = max_acceleration,
                              .max_steps = max_steps,
                              .max_scaled_lambda = max_scaled_lambda,
                              .on_equilibrium = session.on_mixed_equilibrium<double>(),
                              .stop_token = session.stop_token(),
                              .on_progress = session.on_progress()};
  const auto result = std::visit(
      [&](const auto& game) { return session.run([&] { return logit_principal_branch(game, options); }); },
      handle.game);
  auto fields = checked_fields(result);
  fields["steps"] = result.steps;
  fields["end_lambda"] = result.end.lambda;
  fields["end_profile"] =
      result.end.profile.num_players() == 0 ? py::object(py::none()) : py::object(profile_to_python(result.end.profile));
  return make_result(result, profiles_to_python(result.equilibria), fields);
}

template <scalar Scalar>
std::optional<mixed_profile<Scalar>> profile_from_python(const strategic_game<Scalar>& game, const py::object& start) {
  if (start.is_none()) return std::nullopt;
  static const py::handle fraction = py::object(py::module_::import("fractions").attr("Fraction")).release();
  std::vector<Scalar> flat;
  for (const auto strategy : start.cast<py::sequence>())
    for (const auto x : strategy.cast<py::sequence>()) {
      if constexpr (is_exact_v<Scalar>) flat.push_back(parse_rational(py::str(fraction(x)).cast<std::string>()));
      else flat.push_back(x.cast<double>());
    }
  mixed_profile<Scalar> profile(game.strategy_counts());
  if (flat.size() != profile.flat().size())
    throw invalid_profile("simplicial_subdivision: the start has " + std::to_string(flat.size()) +
                          " probabilities, the game " + std::to_string(profile.flat().size()) + " strategies");
  std::size_t k = 0;
  for (std::size_t i = 0; i < game.num_players(); ++i)
    for (auto& x : profile.strategy(i)) x = flat[k++];
  return profile;
}

py::object solve_simplicial(const strategic_game_handle& handle, const py::object& start, std::size_t starts,
                            std::uint64_t seed, std::size_t random_start_denominator, double max_regret,
                            std::size_t grid_refinement, std::uint64_t max_grid_denominator, std::size_t max_pivots,
                            py::object on_equilibrium, py::object on_progress) {
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  return std::visit(
      [&](const auto& game) {
        using Scalar = typename std::decay_t<decltype(game)>::scalar_type;
        const simplicial_subdivision_options<Scalar> options{.start = profile_from_python(game, start),
                                                             .starts = starts,
                                                             .seed = seed,
                                                             .random_start_denominator = random_start_denominator,
                                                             .max_regret = max_regret,
                                                             .grid_refinement = grid_refinement,
                                                             .max_grid_denominator = max_grid_denominator,
                                                             .max_pivots = max_pivots,
                                                             .on_equilibrium = session.on_mixed_equilibrium<Scalar>(),
                                                             .stop_token = session.stop_token(),
                                                             .on_progress = session.on_progress()};
        const auto result = session.run([&] { return simplicial_subdivision(game, options); });
        py::dict fields;
        fields["relative_regrets"] = py::tuple(py::cast(result.relative_regrets));
        fields["pivots"] = result.pivots;
        fields["paths"] = result.paths;
        fields["grid_denominators"] = py::tuple(py::cast(result.grid_denominators));
        return make_result(result, profiles_to_python(result.equilibria), fields);
      },
      handle.game);
}

logit_options logit_options_from(double max_regret, double first_step, double max_acceleration, std::size_t max_steps,
                                 double max_scaled_lambda) {
  return logit_options{.max_regret = max_regret,
                       .first_step = first_step,
                       .max_acceleration = max_acceleration,
                       .max_steps = max_steps,
                       .max_scaled_lambda = max_scaled_lambda};
}

py::tuple events_to_python(const std::vector<logit_event>& events) {
  py::tuple out(events.size());
  for (std::size_t k = 0; k < events.size(); ++k)
    out[k] = py::make_tuple(events[k].kind == logit_event_kind::turning_point ? "turning_point" : "bifurcation",
                            events[k].lambda, profile_to_python(events[k].profile));
  return out;
}

py::object solve_logit_at_lambdas(const strategic_game_handle& handle, const std::vector<double>& lambdas,
                                  double max_regret, double first_step, double max_acceleration, std::size_t max_steps,
                                  double max_scaled_lambda, py::object on_progress) {
  solve_session session(py::none(), std::move(on_progress));
  auto options = logit_options_from(max_regret, first_step, max_acceleration, max_steps, max_scaled_lambda);
  options.stop_token = session.stop_token();
  options.on_progress = session.on_progress();
  const auto result = std::visit(
      [&](const auto& game) { return session.run([&] { return logit_qre_at_lambdas(game, lambdas, options); }); },
      handle.game);
  py::tuple points(result.points.size());
  std::vector<double> at;
  for (std::size_t k = 0; k < result.points.size(); ++k) {
    points[k] = profile_to_python(result.points[k].profile);
    at.push_back(result.points[k].lambda);
  }
  py::dict fields;
  fields["lambdas"] = py::array_t<double>(static_cast<py::ssize_t>(at.size()), at.data());
  fields["points"] = points;
  fields["events"] = events_to_python(result.events);
  return make_result(result, py::tuple(), fields);
}

py::object solve_logit_estimate(const strategic_game_handle& handle, const std::vector<double>& frequencies,
                                bool stop_at_local_maximum, double max_estimate_lambda, double first_step,
                                double max_acceleration, std::size_t max_steps, py::object on_progress) {
  solve_session session(py::none(), std::move(on_progress));
  auto options = logit_options_from(logit_options{}.max_regret, first_step, max_acceleration, max_steps,
                                    logit_options{}.max_scaled_lambda);
  options.stop_at_local_maximum = stop_at_local_maximum;
  options.max_estimate_lambda = max_estimate_lambda;
  options.stop_token = session.stop_token();
  options.on_progress = session.on_progress();
  const auto result = std::visit(
      [&](const auto& game) { return session.run([&] { return logit_estimate(game, frequencies, options); }); },
      handle.game);
  py::dict fields;
  fields["lambda_"] = result.estimate.lambda;
  fields["profile"] = profile_to_python(result.estimate.profile);
  fields["log_likelihood"] = result.estimate.log_likelihood;
  fields["events"] = events_to_python(result.events);
  return make_result(result, py::tuple(), fields);
}

/// Every point of the principal branch, as `--branch` prints it: the
/// lambdas as an array and the profiles flattened into a matrix, one row
/// per point (player 1's probabilities first).
py::object logit_branch_points(const strategic_game_handle& handle, double max_regret, double first_step,
                               double max_acceleration, std::size_t max_steps, double max_scaled_lambda) {
  solve_session session{py::none(), py::none()};
  auto options = logit_options_from(max_regret, first_step, max_acceleration, max_steps, max_scaled_lambda);
  std::vector<double> lambdas, flat;
  options.on_point = [&](const logit_point& p) {
    lambdas.push_back(p.lambda);
    flat.insert(flat.end(), p.profile.flat().begin(), p.profile.flat().end());
  };
  options.stop_token = session.stop_token();
  options.on_progress = session.on_progress();
  const auto result = std::visit(
      [&](const auto& game) { return session.run([&] { return logit_principal_branch(game, options); }); },
      handle.game);
  const auto rows = static_cast<py::ssize_t>(lambdas.size());
  const py::ssize_t columns = rows == 0 ? 0 : static_cast<py::ssize_t>(flat.size()) / rows;
  py::dict fields;
  fields["relative_regrets"] = py::tuple(py::cast(result.relative_regrets));
  fields["lambdas"] = py::array_t<double>(rows, lambdas.data());
  py::array_t<double> profiles({rows, columns});
  std::copy(flat.begin(), flat.end(), profiles.mutable_data());
  fields["profiles"] = profiles;
  fields["events"] = events_to_python(result.events);
  fields["steps"] = result.steps;
  return make_result(result, profiles_to_python(result.equilibria), fields);
}

}  // namespace

void register_strategic_nplayer(py::module_& m) {
  const polynomial_enumeration_options poly{};
  m.def("polynomial_enumeration", &solve_polynomial, py::arg("game"), py::kw_only(),
        py::arg("max_boxes_per_support") = poly.max_boxes_per_support, py::arg("min_width") = poly.min_width,
        py::arg("max_unresolved_boxes") = poly.max_unresolved_boxes, py::arg("max_regret") = poly.max_regret,
        py::arg("max_equilibria") = poly.max_equilibria,
        py::arg("max_strategies_per_player") = poly.max_strategies_per_player, IMPASSE_PYTHON_CALLBACK_ARGS,
        "Every isolated equilibrium, any number of players, each in an interval box (`boxes`) proved to hold "
        "exactly it.");

  const global_newton_options newton{};
  m.def("global_newton", &solve_global_newton, py::arg("game"), py::kw_only(), py::arg("starts") = newton.starts,
        py::arg("seed") = newton.seed, py::arg("end_lambda") = newton.end_lambda,
        py::arg("max_regret") = newton.max_regret, py::arg("max_steps_per_start") = newton.max_steps_per_start,
        IMPASSE_PYTHON_CALLBACK_ARGS,
        "The equilibria on `starts` seeded global Newton branches (Govindan-Wilson 2003), any number of players.");

  const polymatrix_approximation_options polymatrix{};
  m.def("polymatrix_approximation", &solve_polymatrix, py::arg("game"), py::kw_only(),
        py::arg("starts") = polymatrix.starts, py::arg("seed") = polymatrix.seed,
        py::arg("max_iterations") = polymatrix.max_iterations, py::arg("max_regret") = polymatrix.max_regret,
        IMPASSE_PYTHON_CALLBACK_ARGS,
        "One equilibrium per start by iterated polymatrix approximation (Govindan-Wilson 2004), any number of "
        "players.");

  const logit_options logit{};
  m.def("logit_principal_branch", &solve_logit, py::arg("game"), py::kw_only(),
        py::arg("max_regret") = logit.max_regret, py::arg("first_step") = logit.first_step,
        py::arg("max_acceleration") = logit.max_acceleration, py::arg("max_steps") = logit.max_steps,
        py::arg("max_scaled_lambda") = logit.max_scaled_lambda, IMPASSE_PYTHON_CALLBACK_ARGS,
        "The end point of the principal branch of the logit QRE correspondence, once it passes the regret check "
        "(`end_lambda`, `end_profile`: the last point traced).");
  m.def("logit_branch", &logit_branch_points, py::arg("game"), py::kw_only(), py::arg("max_regret") = logit.max_regret,
        py::arg("first_step") = logit.first_step, py::arg("max_acceleration") = logit.max_acceleration,
        py::arg("max_steps") = logit.max_steps, py::arg("max_scaled_lambda") = logit.max_scaled_lambda,
        "Every point of the principal logit branch (`lambdas`, and `profiles` one row per point, player 1's "
        "probabilities first: gambit-logit without -e), and its checked end point as the equilibrium.");
  m.def("logit_qre_at_lambdas", &solve_logit_at_lambdas, py::arg("game"), py::arg("lambdas"), py::kw_only(),
        py::arg("max_regret") = logit.max_regret, py::arg("first_step") = logit.first_step,
        py::arg("max_acceleration") = logit.max_acceleration, py::arg("max_steps") = logit.max_steps,
        py::arg("max_scaled_lambda") = logit.max_scaled_lambda, py::arg("on_progress") = py::none(),
        "The QRE on the principal branch at each lambda asked for (`points`, in order; gambit-logit -l).");
  m.def("logit_estimate", &solve_logit_estimate, py::arg("game"), py::arg("frequencies"), py::kw_only(),
        py::arg("stop_at_local_maximum") = logit.stop_at_local_maximum,
        py::arg("max_estimate_lambda") = logit.max_estimate_lambda, py::arg("first_step") = logit.first_step,
        py::arg("max_acceleration") = logit.max_acceleration, py::arg("max_steps") = logit.max_steps,
        py::arg("on_progress") = py::none(),
        "The maximum-likelihood QRE of observed strategy frequencies (`lambda_`, `profile`, `log_likelihood`; "
        "gambit-logit -L).");

  const simplicial_subdivision_options<double> simpdiv{};
  m.def("simplicial_subdivision", &solve_simplicial, py::arg("game"), py::kw_only(), py::arg("start") = py::none(),
        py::arg("starts") = simpdiv.starts, py::arg("seed") = simpdiv.seed,
        py::arg("random_start_denominator") = simpdiv.random_start_denominator,
        py::arg("max_regret") = simpdiv.max_regret, py::arg("grid_refinement") = simpdiv.grid_refinement,
        py::arg("max_grid_denominator") = simpdiv.max_grid_denominator, py::arg("max_pivots") = simpdiv.max_pivots,
        IMPASSE_PYTHON_CALLBACK_ARGS,
        "One approximate equilibrium per start by simplicial subdivision with restarts on finer grids (van der "
        "Laan-Talman-van der Heyden 1987, as gambit-simpdiv); exact grid points as Fractions in an exact game.");
}

}  // namespace impasse::python
