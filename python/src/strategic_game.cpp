// The strategic game: built from payoff tables (the Python side turns
// numpy arrays into them), its payoffs and labels back, and .nfg files.
#include "bindings.hpp"

#include <impasse/io/nfg.hpp>

#include <pybind11/stl/filesystem.h>

#include <fstream>
#include <sstream>

namespace impasse::python {

namespace {

template <scalar Scalar>
void set_labels(strategic_game<Scalar>& game, const std::string& title, const std::vector<std::string>& players,
                const std::vector<std::vector<std::string>>& strategies) {
  game.set_title(title);
  if (!players.empty() && players.size() != game.num_players())
    throw invalid_game("there are " + std::to_string(players.size()) + " player labels for " +
                       std::to_string(game.num_players()) + " players");
  for (std::size_t i = 0; i < players.size(); ++i) game.set_player_label(i, players[i]);
  if (!strategies.empty() && strategies.size() != game.num_players())
    throw invalid_game("there are strategy labels for " + std::to_string(strategies.size()) + " players of " +
                       std::to_string(game.num_players()));
  for (std::size_t i = 0; i < strategies.size(); ++i) {
    if (strategies[i].size() != game.num_strategies(i))
      throw invalid_game("player " + std::to_string(i + 1) + " has " + std::to_string(game.num_strategies(i)) +
                         " strategies and " + std::to_string(strategies[i].size()) + " strategy labels");
    for (std::size_t s = 0; s < strategies[i].size(); ++s) game.set_strategy_label(i, s, strategies[i][s]);
  }
}

/// A double game from a profiles x players table, profiles in Gambit's
/// order (player 1's strategy fastest).
strategic_game_handle game_from_doubles(std::vector<std::size_t> counts,
                                        py::array_t<double, py::array::c_style | py::array::forcecast> table,
                                        const std::string& title, const std::vector<std::string>& players,
                                        const std::vector<std::vector<std::string>>& strategies) {
  strategic_game<double> game(std::move(counts));
  if (table.ndim() != 2 || static_cast<std::size_t>(table.shape(0)) != game.num_profiles() ||
      static_cast<std::size_t>(table.shape(1)) != game.num_players())
    throw invalid_game("the payoff table does not have one row per pure profile and one column per player");
  const auto t = table.unchecked<2>();
  for (std::size_t p = 0; p < game.num_profiles(); ++p)
    for (std::size_t i = 0; i < game.num_players(); ++i)
      game.set_payoff(i, p, t(static_cast<py::ssize_t>(p), static_cast<py::ssize_t>(i)));
  set_labels(game, title, players, strategies);
  return {std::move(game)};
}

/// An exact game from payoffs written as `p/q` (or integers, or decimals),
/// player 1's payoffs at every profile first.
strategic_game_handle game_from_rationals(std::vector<std::size_t> counts, const std::vector<std::string>& payoffs,
                                          const std::string& title, const std::vector<std::string>& players,
                                          const std::vector<std::vector<std::string>>& strategies) {
  strategic_game<rational> game(std::move(counts));
  if (payoffs.size() != game.num_profiles() * game.num_players())
    throw invalid_game("there are " + std::to_string(payoffs.size()) + " payoffs for " +
                       std::to_string(game.num_profiles()) + " profiles of " + std::to_string(game.num_players()) +
                       " players");
  for (std::size_t i = 0; i < game.num_players(); ++i)
    for (std::size_t p = 0; p < game.num_profiles(); ++p)
      game.set_payoff(i, p, parse_rational(payoffs[i * game.num_profiles() + p]));
  set_labels(game, title, players, strategies);
  return {std::move(game)};
}

/// One player's payoffs by profile index: a float array, or a list of
/// `Fraction`s for an exact game.
py::object payoff_column(const strategic_game_handle& handle, std::size_t player) {
  return std::visit(
      [&](const auto& game) -> py::object {
        using Scalar = typename std::decay_t<decltype(game)>::scalar_type;
        const auto payoffs = game.payoffs(player);
        if constexpr (is_exact_v<Scalar>) {
          py::list out(payoffs.size());
          for (std::size_t p = 0; p < payoffs.size(); ++p) out[p] = to_python(payoffs[p]);
          return out;
        } else {
          return py::array_t<double>(static_cast<py::ssize_t>(payoffs.size()), payoffs.data());
        }
      },
      handle.game);
}

template <class Function>
decltype(auto) visit_game(const strategic_game_handle& handle, Function&& f) {
  return std::visit(std::forward<Function>(f), handle.game);
}

std::string to_nfg_text(const strategic_game_handle& handle) {
  return visit_game(handle, [](const auto& game) { return to_nfg(game); });
}

}  // namespace

void register_strategic_game(py::module_& m) {
  py::class_<strategic_game_handle>(m, "StrategicGame",
                                    "A strategic (normal-form) game, exact (rational payoffs) or in double. Build one "
                                    "with StrategicGame.from_arrays, from_payoff_profile_array or read_nfg.")
      .def_property_readonly("exact", &strategic_game_handle::exact,
                             "True when the payoffs are exact rationals; solvers then return Fractions.")
      .def_property_readonly("num_players",
                             [](const strategic_game_handle& h) {
                               return visit_game(h, [](const auto& g) { return g.num_players(); });
                             })
      .def_property_readonly("shape",
                             [](const strategic_game_handle& h) {
                               return py::tuple(py::cast(
                                   visit_game(h, [](const auto& g) { return g.strategy_counts(); })));
                             },
                             "The number of strategies of each player.")
      .def_property_readonly("title",
                             [](const strategic_game_handle& h) {
                               return visit_game(h, [](const auto& g) { return g.title(); });
                             })
      .def_property_readonly("players",
                             [](const strategic_game_handle& h) {
                               return visit_game(h, [](const auto& g) {
                                 std::vector<std::string> labels;
                                 for (std::size_t i = 0; i < g.num_players(); ++i) labels.push_back(g.player_label(i));
                                 return labels;
                               });
                             },
                             "The players' labels.")
      .def_property_readonly("strategies",
                             [](const strategic_game_handle& h) {
                               return visit_game(h, [](const auto& g) {
                                 std::vector<std::vector<std::string>> labels(g.num_players());
                                 for (std::size_t i = 0; i < g.num_players(); ++i)
                                   for (std::size_t s = 0; s < g.num_strategies(i); ++s)
                                     labels[i].push_back(g.strategy_label(i, s));
                                 return labels;
                               });
                             },
                             "Each player's strategy labels.")
      .def("_payoff_column", &payoff_column, py::arg("player"))
      .def("to_nfg", &to_nfg_text, "The game as the text of an .nfg file (exact games as NFG 1 R).")
      .def("as_double",
           [](const strategic_game_handle& h) {
             return strategic_game_handle{visit_game(h, [](const auto& g) { return convert<double>(g); })};
           },
           "The same game in double (exact payoffs rounded to nearest).")
      .def("as_exact",
           [](const strategic_game_handle& h) {
             return strategic_game_handle{visit_game(h, [](const auto& g) { return convert<rational>(g); })};
           },
           "The same game in exact rationals (every double is converted exactly).")
      .def("__eq__",
           [](const strategic_game_handle& x, const strategic_game_handle& y) { return x.game == y.game; })
      .def("__repr__", [](const strategic_game_handle& h) {
        return visit_game(h, [&](const auto& g) {
          std::string shape;
          for (auto m : g.strategy_counts()) {
            if (!shape.empty()) shape += 'x';
            shape += std::to_string(m);
          }
          return "<impasse.StrategicGame " + shape + (h.exact() ? " exact" : " double") +
                 (g.title().empty() ? std::string() : " \"" + g.title() + "\"") + ">";
        });
      });

  m.def("_strategic_game_from_doubles", &game_from_doubles, py::arg("counts"), py::arg("table"),
        py::arg("title") = "", py::arg("players") = std::vector<std::string>{},
        py::arg("strategies") = std::vector<std::vector<std::string>>{});
  m.def("_strategic_game_from_rationals", &game_from_rationals, py::arg("counts"), py::arg("payoffs"),
        py::arg("title") = "", py::arg("players") = std::vector<std::string>{},
        py::arg("strategies") = std::vector<std::vector<std::string>>{});

  m.def("parse_nfg",
        [](const std::string& text, const std::string& source) {
          return strategic_game_handle{parse_nfg(text, source)};
        },
        py::arg("text"), py::arg("source") = "<string>",
        "The game in the text of an .nfg file, exact (raises ParseError with the line and column).");
  m.def("read_nfg",
        [](const std::filesystem::path& path) { return strategic_game_handle{read_nfg_file(path)}; }, py::arg("path"),
        "Reads an .nfg file (payoff or outcome version), exact.");
  m.def("write_nfg",
        [](const strategic_game_handle& game, const std::filesystem::path& path) {
          std::ofstream out(path);
          if (!out) throw file_error("cannot open " + path.string() + " for writing");
          out << to_nfg_text(game);
          if (!out) throw file_error("cannot write " + path.string());
        },
        py::arg("game"), py::arg("path"), "Writes the game as an .nfg file that reads back to an equal game.");
}

}  // namespace impasse::python
