// Extensive games from .efg files and their solvers: backward induction
// (perfect information), subgame decomposition (subgame-perfect
// equilibria), Lemke's algorithm on the sequence form (one Nash equilibrium
// of a two-player game), the sequence-form LP (zero-sum) and the pure
// equilibria of the reduced strategic form.
#include "bindings.hpp"

#include <impasse/extensive/backward_induction.hpp>
#include <impasse/extensive/pure_equilibria.hpp>
#include <impasse/extensive/sequence_form_lp.hpp>
#include <impasse/extensive/sequence_form_lcp.hpp>
#include <impasse/extensive/subgame_perfect.hpp>
#include <impasse/io/efg.hpp>

#include <pybind11/stl/filesystem.h>

#include <fstream>

namespace impasse::python {

namespace {

/// An extensive game as Python holds it, like `strategic_game_handle`.
struct extensive_game_handle {
  std::variant<extensive_game<double>, extensive_game<rational>> game;

  [[nodiscard]] bool exact() const noexcept { return game.index() == 1; }
};

/// A behaviour profile as a tuple with, for each player, a tuple with the
/// action probabilities at each of that player's information sets (in the
/// game's order, as an `NE,` line lists them).
template <scalar Scalar, scalar GameScalar>
py::tuple behaviour_to_python(const extensive_game<GameScalar>& game, const behaviour_profile<Scalar>& profile) {
  py::tuple players(game.num_players());
  for (std::size_t i = 0; i < game.num_players(); ++i) {
    const auto& sets = game.player_information_sets(i);
    py::tuple strategies(sets.size());
    for (std::size_t k = 0; k < sets.size(); ++k) strategies[k] = strategy_to_python<Scalar>(profile.at(sets[k]));
    players[i] = strategies;
  }
  return players;
}

template <scalar Scalar, scalar GameScalar>
py::tuple behaviours_to_python(const extensive_game<GameScalar>& game,
                               const std::vector<behaviour_profile<Scalar>>& profiles) {
  py::tuple out(profiles.size());
  for (std::size_t e = 0; e < profiles.size(); ++e) out[e] = behaviour_to_python(game, profiles[e]);
  return out;
}

template <scalar Scalar>
py::tuple payoffs_to_python(const std::vector<std::vector<Scalar>>& payoffs) {
  py::tuple out(payoffs.size());
  for (std::size_t e = 0; e < payoffs.size(); ++e) out[e] = strategy_to_python<Scalar>(std::span<const Scalar>(payoffs[e]));
  return out;
}

/// The equilibrium callback of an extensive solver: each profile as
/// `behaviour_to_python` gives it.
template <scalar Scalar>
std::function<void(const behaviour_profile<Scalar>&)> on_behaviour(solve_session& session,
                                                                     const extensive_game<Scalar>& game) {
  return session.on_equilibrium<behaviour_profile<Scalar>>(
      [&game](const behaviour_profile<Scalar>& p) { return behaviour_to_python(game, p); });
}

py::object solve_backward_induction(const extensive_game_handle& handle, std::size_t max_equilibria,
                                    py::object on_equilibrium, py::object on_progress) {
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  return std::visit(
      [&](const auto& game) {
        using Scalar = typename std::decay_t<decltype(game)>::scalar_type;
        const backward_induction_options<Scalar> options{.max_equilibria = max_equilibria,
                                                         .on_equilibrium = on_behaviour(session, game),
                                                         .stop_token = session.stop_token(),
                                                         .on_progress = session.on_progress()};
        const auto result = session.run([&] { return backward_induction(game, options); });
        py::dict fields;
        fields["payoffs"] = payoffs_to_python(result.payoffs);
        return make_result(result, behaviours_to_python(game, result.equilibria), fields);
      },
      handle.game);
}

py::object solve_subgame_decomposition(const extensive_game_handle& handle, std::size_t max_equilibria,
                                       std::size_t max_bases, std::size_t max_pivot_work, py::object on_equilibrium,
                                       py::object on_progress) {
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  return std::visit(
      [&](const auto& game) {
        using Scalar = typename std::decay_t<decltype(game)>::scalar_type;
        const subgame_decomposition_options<Scalar> options{.max_equilibria = max_equilibria,
                                                            .on_equilibrium = on_behaviour(session, game),
                                                            .max_bases = max_bases,
                                                            .max_pivot_work = max_pivot_work,
                                                            .stop_token = session.stop_token(),
                                                            .on_progress = session.on_progress()};
        const auto result = session.run([&] { return subgame_decomposition(game, options); });
        py::dict fields;
        fields["payoffs"] = payoffs_to_python(result.payoffs);
        fields["subgames"] = result.subgames;
        fields["solver_found_none"] = result.solver_found_none;
        return make_result(result, behaviours_to_python(game, result.equilibria), fields);
      },
      handle.game);
}

py::object solve_sequence_form_lcp(const extensive_game_handle& handle, std::size_t max_pivots,
                                   py::object on_equilibrium, py::object on_progress) {
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  return std::visit(
      [&](const auto& game) {
        using Scalar = typename std::decay_t<decltype(game)>::scalar_type;
        const sequence_form_lcp_options<Scalar> options{.max_pivots = max_pivots,
                                                        .on_equilibrium = on_behaviour(session, game),
                                                        .stop_token = session.stop_token(),
                                                        .on_progress = session.on_progress()};
        const auto result = session.run([&] { return sequence_form_lcp(game, options); });
        py::dict fields;
        fields["payoffs"] = payoffs_to_python(result.payoffs);
        fields["pivots"] = result.pivots;
        fields["lcp_size"] = result.lcp_size;
        return make_result(result, behaviours_to_python(game, result.equilibria), fields);
      },
      handle.game);
}

py::object solve_sequence_form_lp(const extensive_game_handle& handle, std::size_t max_pivots,
                                  py::object on_equilibrium, py::object on_progress) {
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  return std::visit(
      [&](const auto& game) {
        using Scalar = typename std::decay_t<decltype(game)>::scalar_type;
        const sequence_form_lp_options<Scalar> options{.max_pivots = max_pivots,
                                                       .on_equilibrium = on_behaviour(session, game),
                                                       .stop_token = session.stop_token(),
                                                       .on_progress = session.on_progress()};
        const auto result = session.run([&] { return sequence_form_lp(game, options); });
        py::dict fields;
        fields["value"] = to_python(result.value);
        fields["constant"] = to_python(result.constant);
        fields["pivots"] = result.pivots;
        return make_result(result, behaviours_to_python(game, result.equilibria), fields);
      },
      handle.game);
}

py::object solve_reduced_pure(const extensive_game_handle& handle, std::size_t max_equilibria,
                              py::object on_equilibrium, py::object on_progress) {
  solve_session session(std::move(on_equilibrium), std::move(on_progress));
  return std::visit(
      [&](const auto& game) {
        using Scalar = typename std::decay_t<decltype(game)>::scalar_type;
        reduced_pure_strategy_enumeration_options<Scalar> options;
        options.max_equilibria = max_equilibria;
        options.on_equilibrium = on_behaviour(session, game);
        options.stop_token = session.stop_token();
        options.on_progress = session.on_progress();
        const auto result = session.run([&] { return reduced_pure_strategy_enumeration(game, options); });
        py::dict fields;
        fields["reduced_profiles"] = result.reduced_profiles;
        return make_result(result, behaviours_to_python(game, result.equilibria), fields);
      },
      handle.game);
}

template <class Function>
decltype(auto) visit_game(const extensive_game_handle& handle, Function&& f) {
  return std::visit(std::forward<Function>(f), handle.game);
}

std::string to_efg_text(const extensive_game_handle& handle) {
  return visit_game(handle, [](const auto& game) { return to_efg(game); });
}

}  // namespace

void register_extensive(py::module_& m) {
  py::class_<extensive_game_handle>(m, "ExtensiveGame",
                                    "An extensive-form game (a tree with information sets, chance and outcomes), "
                                    "exact or in double; read one with read_efg.")
      .def_property_readonly("exact", &extensive_game_handle::exact)
      .def_property_readonly("num_players",
                             [](const extensive_game_handle& h) {
                               return visit_game(h, [](const auto& g) { return g.num_players(); });
                             })
      .def_property_readonly("title",
                             [](const extensive_game_handle& h) {
                               return visit_game(h, [](const auto& g) { return g.title(); });
                             })
      .def_property_readonly("players",
                             [](const extensive_game_handle& h) {
                               return visit_game(h, [](const auto& g) {
                                 std::vector<std::string> labels;
                                 for (std::size_t i = 0; i < g.num_players(); ++i) labels.push_back(g.player_label(i));
                                 return labels;
                               });
                             })
      .def_property_readonly("information_sets",
                             [](const extensive_game_handle& h) {
                               return visit_game(h, [](const auto& g) {
                                 std::vector<std::size_t> counts;
                                 for (std::size_t i = 0; i < g.num_players(); ++i)
                                   counts.push_back(g.player_information_sets(i).size());
                                 return py::tuple(py::cast(counts));
                               });
                             },
                             "The number of information sets of each player.")
      .def("to_efg", &to_efg_text, "The game as the text of an .efg file.")
      .def("reduced_strategic_form",
           [](const extensive_game_handle& h, std::size_t max_profiles) {
             return visit_game(h, [&](const auto& g) {
               return strategic_game_handle{to_reduced_strategic_form(g, {.max_profiles = max_profiles}).game};
             });
           },
           py::kw_only(), py::arg("max_profiles") = reduced_form_options{}.max_profiles,
           "The reduced strategic form (perfect recall needed) as a StrategicGame, which every strategic solver "
           "takes (`impasse solve` on an .efg does the same for the n-player methods).")
      .def("as_double",
           [](const extensive_game_handle& h) {
             return extensive_game_handle{visit_game(h, [](const auto& g) { return convert<double>(g); })};
           })
      .def("as_exact",
           [](const extensive_game_handle& h) {
             return extensive_game_handle{visit_game(h, [](const auto& g) { return convert<rational>(g); })};
           })
      .def("__eq__", [](const extensive_game_handle& x, const extensive_game_handle& y) { return x.game == y.game; })
      .def("__repr__", [](const extensive_game_handle& h) {
        return visit_game(h, [&](const auto& g) {
          return "<impasse.ExtensiveGame " + std::to_string(g.num_players()) + " players" +
                 (h.exact() ? " exact" : " double") + (g.title().empty() ? std::string() : " \"" + g.title() + "\"") +
                 ">";
        });
      });

  m.def("parse_efg",
        [](const std::string& text, const std::string& source) {
          return extensive_game_handle{parse_efg(text, source)};
        },
        py::arg("text"), py::arg("source") = "<string>", "The game in the text of an .efg file, exact.");
  m.def("read_efg",
        [](const std::filesystem::path& path) { return extensive_game_handle{read_efg_file(path)}; },
        py::arg("path"), "Reads an .efg file, exact.");
  m.def("write_efg",
        [](const extensive_game_handle& game, const std::filesystem::path& path) {
          std::ofstream out(path);
          if (!out) throw file_error("cannot open " + path.string() + " for writing");
          out << to_efg_text(game);
          if (!out) throw file_error("cannot write " + path.string());
        },
        py::arg("game"), py::arg("path"));

  const backward_induction_options<double> backward{};
  m.def("backward_induction", &solve_backward_induction, py::arg("game"), py::kw_only(),
        py::arg("max_equilibria") = backward.max_equilibria, IMPASSE_PYTHON_CALLBACK_ARGS,
        "Every pure subgame-perfect equilibrium of a game of perfect information (`payoffs`: each one's).");

  const subgame_decomposition_options<double> decomposition{};
  m.def("subgame_decomposition", &solve_subgame_decomposition, py::arg("game"), py::kw_only(),
        py::arg("max_equilibria") = decomposition.max_equilibria, py::arg("max_bases") = decomposition.max_bases,
        py::arg("max_pivot_work") = decomposition.max_pivot_work, IMPASSE_PYTHON_CALLBACK_ARGS,
        "Subgame-perfect equilibria built from each subgame's equilibria (every extreme one of each two-player "
        "subgame's reduced strategic form).");

  const sequence_form_lcp_options<double> lcp{};
  m.def("sequence_form_lcp", &solve_sequence_form_lcp, py::arg("game"), py::kw_only(),
        py::arg("max_pivots") = lcp.max_pivots, IMPASSE_PYTHON_CALLBACK_ARGS,
        "One Nash equilibrium of a two-player game with perfect recall, by Lemke's algorithm on the sequence "
        "form.");

  const sequence_form_lp_options<double> lp{};
  m.def("sequence_form_lp", &solve_sequence_form_lp, py::arg("game"), py::kw_only(),
        py::arg("max_pivots") = lp.max_pivots, IMPASSE_PYTHON_CALLBACK_ARGS,
        "The value (`value`, to player 1) and a pair of optimal behaviour strategies of a two-player "
        "constant-sum game with perfect recall, by linear programming on the sequence form (Koller-Megiddo-von "
        "Stengel).");

  const reduced_pure_strategy_enumeration_options<double> pure{};
  m.def("reduced_pure_strategy_enumeration", &solve_reduced_pure, py::arg("game"), py::kw_only(),
        py::arg("max_equilibria") = pure.max_equilibria, IMPASSE_PYTHON_CALLBACK_ARGS,
        "Every pure-strategy Nash equilibrium of the reduced strategic form, as behaviour profiles (`impasse "
        "solve --method pure` on an .efg).");
}

}  // namespace impasse::python
