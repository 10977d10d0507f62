// Repeated games: the stage game (a StrategicGame) with one discount factor
// per player and an optional horizon, as `impasse.RepeatedGame` holds them
// (python/impasse/repeated.py). Exact stage games compute in rationals, the
// discount factors converted exactly from Fraction, int or float.
#include "bindings.hpp"

#include <impasse/repeated/abreu_sannikov.hpp>
#include <impasse/repeated/automata.hpp>
#include <impasse/repeated/finite_horizon.hpp>
#include <impasse/repeated/minmax.hpp>

namespace impasse::python {

namespace {

/// `x` (an int, float or Fraction) in `Scalar`: exactly in rationals.
template <scalar Scalar>
Scalar scalar_from_python(py::handle x) {
  if constexpr (is_exact_v<Scalar>) {
    static const py::handle fraction = py::object(py::module_::import("fractions").attr("Fraction")).release();
    return parse_rational(py::str(fraction(x)).cast<std::string>());
  } else {
    return x.cast<double>();
  }
}

template <scalar Scalar>
repeated_game<Scalar> make_repeated(const strategic_game<Scalar>& stage, const py::sequence& deltas,
                                    std::optional<std::size_t> horizon) {
  std::vector<Scalar> d;
  for (const auto x : deltas) d.push_back(scalar_from_python<Scalar>(x));
  return repeated_game<Scalar>(stage, std::move(d), horizon);
}

template <scalar Scalar>
py::tuple vector_to_python(const std::vector<Scalar>& v) {
  py::tuple out(v.size());
  for (std::size_t k = 0; k < v.size(); ++k) out[k] = to_python(v[k]);
  return out;
}

py::object solve_abreu_sannikov(const strategic_game_handle& stage, const py::sequence& deltas, double tolerance,
                                std::size_t max_iterations, bool recognise_exact, py::object on_progress) {
  solve_session session(py::none(), std::move(on_progress));
  return std::visit(
      [&](const auto& game) {
        const auto repeated = make_repeated(game, deltas, std::nullopt);
        const abreu_sannikov_options options{.tolerance = tolerance,
                                             .max_iterations = max_iterations,
                                             .recognise_exact = recognise_exact,
                                             .stop_token = session.stop_token(),
                                             .on_progress = session.on_progress()};
        const auto result = session.run([&] { return abreu_sannikov(repeated, options); });
        py::tuple vertices(result.vertices.size());
        for (std::size_t k = 0; k < result.vertices.size(); ++k)
          vertices[k] = py::make_tuple(to_python(result.vertices[k][0]), to_python(result.vertices[k][1]));
        py::dict fields;
        fields["vertices"] = vertices;
        fields["threat_point"] = py::make_tuple(to_python(result.threat_point[0]), to_python(result.threat_point[1]));
        fields["last_change"] = result.last_change;
        fields["iterations"] = result.iterations;
        return make_result(result, py::tuple(), fields);
      },
      stage.game);
}

py::object solve_finite_horizon(const strategic_game_handle& stage, const py::sequence& deltas, std::size_t horizon,
                                std::size_t max_payoffs, py::object on_equilibrium, py::object on_progress) {
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  return std::visit(
      [&](const auto& game) {
        using Scalar = typename std::decay_t<decltype(game)>::scalar_type;
        using equilibrium = finite_horizon_equilibrium<Scalar>;
        const auto convert = [](const equilibrium& e) {
          return py::make_tuple(vector_to_python(e.payoffs), py::tuple(py::cast(e.path)));
        };
        const auto repeated = make_repeated(game, deltas, horizon);
        const repeated_backward_induction_options<Scalar> options{
            .max_payoffs = max_payoffs,
            .on_equilibrium = session.on_equilibrium<equilibrium>(convert),
            .stop_token = session.stop_token(),
            .on_progress = session.on_progress()};
        const auto result = session.run([&] { return repeated_backward_induction(repeated, options); });
        py::tuple payoffs(result.equilibria.size()), paths(result.equilibria.size());
        for (std::size_t e = 0; e < result.equilibria.size(); ++e) {
          payoffs[e] = vector_to_python(result.equilibria[e].payoffs);
          paths[e] = py::tuple(py::cast(result.equilibria[e].path));
        }
        py::dict fields;
        fields["payoffs"] = payoffs;
        fields["paths"] = paths;
        fields["stage_equilibria"] = py::tuple(py::cast(result.stage_equilibria));
        fields["rounds"] = result.rounds;
        return make_result(result, py::tuple(), fields);
      },
      stage.game);
}

py::object solve_minmax(const strategic_game_handle& stage, std::size_t player, bool mixed) {
  solve_session session{py::none(), py::none()};
  return std::visit(
      [&](const auto& game) {
        py::dict fields;
        if (mixed) {
          const mixed_minmax_options options{.stop_token = session.stop_token(), .on_progress = session.on_progress()};
          const auto result = session.run([&] { return mixed_minmax(game, player, options); });
          fields["value"] = to_python(result.value);
          fields["punishment"] = vector_to_python(result.punishment);
          return make_result(result, py::tuple(), fields);
        }
        const pure_minmax_options options{.stop_token = session.stop_token()};
        const auto result = session.run([&] { return pure_minmax(game, player, options); });
        fields["value"] = to_python(result.value);
        fields["punishment"] = py::tuple(py::cast(std::vector<std::size_t>(result.punishment.begin(), result.punishment.end())));
        return make_result(result, py::tuple(), fields);
      },
      stage.game);
}

automaton_profile automata_from_python(const py::sequence& automata) {
  automaton_profile out;
  for (const auto a : automata) {
    automaton x;
    x.name = py::str(a.attr("name")).cast<std::string>();
    x.initial_state = a.attr("initial_state").cast<std::size_t>();
    x.actions = a.attr("actions").cast<std::vector<std::size_t>>();
    x.transitions = a.attr("transitions").cast<std::vector<std::vector<std::size_t>>>();
    out.push_back(std::move(x));
  }
  return out;
}

py::object check_automata(const strategic_game_handle& stage, const py::sequence& deltas, const py::sequence& automata) {
  solve_session session{py::none(), py::none()};
  const auto profile = automata_from_python(automata);
  return std::visit(
      [&](const auto& game) {
        const auto repeated = make_repeated(game, deltas, std::nullopt);
        const check_subgame_perfection_options options{.stop_token = session.stop_token()};
        const auto result = session.run([&] { return check_subgame_perfection(repeated, profile, options); });
        py::dict fields;
        fields["subgame_perfect"] = result.subgame_perfect;
        fields["payoffs"] = vector_to_python(result.payoffs);
        fields["joint_states"] = result.joint_states;
        if (result.deviation) {
          py::dict d;
          d["automaton_states"] = py::tuple(py::cast(result.deviation->automaton_states));
          d["player"] = result.deviation->player;
          d["deviation"] = result.deviation->deviation;
          d["gain"] = to_python(result.deviation->gain);
          fields["deviation"] = d;
        } else {
          fields["deviation"] = py::none();
        }
        return make_result(result, py::tuple(), fields);
      },
      stage.game);
}

py::object critical_delta(const strategic_game_handle& stage, const py::sequence& automata) {
  solve_session session{py::none(), py::none()};
  const auto profile = automata_from_python(automata);
  return std::visit(
      [&](const auto& game) {
        const critical_discount_factor_options options{.stop_token = session.stop_token()};
        const auto result = session.run([&] { return critical_discount_factor(game, profile, options); });
        py::dict fields;
        fields["value"] = result.value ? to_python(*result.value) : py::object(py::none());
        fields["constraints"] = result.constraints;
        return make_result(result, py::tuple(), fields);
      },
      stage.game);
}

py::tuple named_automata(const strategic_game_handle& stage, const std::string& kind, const std::vector<std::size_t>& a,
                         const std::vector<std::size_t>& b) {
  return std::visit(
      [&](const auto& game) {
        automaton_profile profile;
        if (kind == "grim_trigger") profile = grim_trigger(game, pure_profile(a.begin(), a.end()), pure_profile(b.begin(), b.end()));
        else if (kind == "tit_for_tat") profile = tit_for_tat(game, a.empty() ? 0 : a.front());
        else if (kind == "stick_and_carrot")
          profile = stick_and_carrot(game, pure_profile(a.begin(), a.end()), pure_profile(b.begin(), b.end()));
        else throw invalid_argument("unknown automaton family " + kind);
        py::tuple out(profile.size());
        for (std::size_t i = 0; i < profile.size(); ++i)
          out[i] = py::make_tuple(profile[i].name, profile[i].initial_state, py::cast(profile[i].actions),
                                  py::cast(profile[i].transitions));
        return out;
      },
      stage.game);
}

}  // namespace

void register_repeated(py::module_& m) {
  const abreu_sannikov_options as{};
  m.def("_abreu_sannikov", &solve_abreu_sannikov, py::arg("stage"), py::arg("deltas"), py::kw_only(),
        py::arg("tolerance") = as.tolerance, py::arg("max_iterations") = as.max_iterations,
        py::arg("recognise_exact") = as.recognise_exact, py::arg("on_progress") = py::none());
  const repeated_backward_induction_options<double> bi{};
  m.def("_repeated_backward_induction", &solve_finite_horizon, py::arg("stage"), py::arg("deltas"), py::arg("horizon"),
        py::kw_only(), py::arg("max_payoffs") = bi.max_payoffs, IMPASSE_PYTHON_CALLBACK_ARGS);
  m.def("_minmax", &solve_minmax, py::arg("stage"), py::arg("player"), py::arg("mixed"));
  m.def("_check_subgame_perfection", &check_automata, py::arg("stage"), py::arg("deltas"), py::arg("automata"));
  m.def("_critical_discount_factor", &critical_delta, py::arg("stage"), py::arg("automata"));
  m.def("_named_automata", &named_automata, py::arg("stage"), py::arg("kind"), py::arg("a"), py::arg("b"));
}

}  // namespace impasse::python
