// `impasse repeated`: the SPE payoffs of a repeated game, or a check of a
// profile of automata.
//
// The automata file is JSON. Strategies and states count from 1, as in
// Gambit's files:
//
//   {"automata": [                       one per player
//     {"name": "grim trigger", "initial": 1,
//      "states": [
//        {"action": 1, "next": {"otherwise": 2, "after": [{"profile": [1, 1], "next": 1}]}},
//        {"action": 2, "next": 2}]},
//     ...]}
//
// "action" is a strategy number or label; "next" is a state number (the
// same after every profile), a list with one state per stage profile in
// Gambit's order (player 1's strategy varying fastest), or an object with
// "otherwise" and a list "after" of profile/next pairs. A built-in profile
// can stand for the whole list:
//
//   {"builtin": "grim-trigger" | "stick-and-carrot" | "tit-for-tat",
//    "cooperation": [1, 1], "punishment": [2, 2], "rounds": 1, "first": 1}
#include "commands.hpp"
#include "automata_input.hpp"
#include "game_input.hpp"
#include "../io/json_input.hpp"
#include "../io/tokenizer.hpp"

#include <impasse/io/equilibrium_output.hpp>
#include <impasse/io/progress_line.hpp>
#include <impasse/repeated/abreu_sannikov.hpp>
#include <impasse/repeated/automata.hpp>
#include <impasse/repeated/finite_horizon.hpp>
#include <impasse/repeated/game.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace impasse::cli {
namespace {

using nlohmann::json;

/// Where in the automata file a value is, for messages: `automata[1].states[2].next`.
struct json_reader {
  std::string source;

  [[noreturn]] void fail(const std::string& where, const std::string& what) const {
    throw invalid_argument(source + ": " + where + ": " + what);
  }

  const json& member(const json& object, const std::string& key, const std::string& where) const {
    if (!object.is_object()) fail(where, "expected an object");
    const auto it = object.find(key);
    if (it == object.end()) fail(where, "missing \"" + key + "\"");
    return *it;
  }

  std::size_t counting_from_1(const json& value, const std::string& where, std::size_t limit, const char* what) const {
    if (!value.is_number_integer()) fail(where, std::string("expected a ") + what + " number (counting from 1)");
    const auto n = value.get<long long>();
    if (n < 1 || static_cast<unsigned long long>(n) > limit)
      fail(where, std::string(what) + " " + std::to_string(n) + " does not exist (there are " + std::to_string(limit) + ")");
    return static_cast<std::size_t>(n - 1);
  }

  std::size_t strategy(const strategic_game<rational>& game, std::size_t player, const json& value,
                       const std::string& where) const {
    if (value.is_string()) {
      for (std::size_t s = 0; s < game.num_strategies(player); ++s)
        if (game.strategy_label(player, s) == value.get<std::string>()) return s;
      fail(where, "player " + std::to_string(player + 1) + " has no strategy labelled \"" + value.get<std::string>() + "\"");
    }
    return counting_from_1(value, where, game.num_strategies(player), "strategy");
  }

  pure_profile profile(const strategic_game<rational>& game, const json& value, const std::string& where) const {
    if (!value.is_array() || value.size() != game.num_players())
      fail(where, "expected a list of " + std::to_string(game.num_players()) + " strategies, one per player");
    pure_profile out;
    for (std::size_t i = 0; i < value.size(); ++i)
      out.push_back(strategy(game, i, value[i], where + "[" + std::to_string(i) + "]"));
    return out;
  }

  automaton_profile builtin(const strategic_game<rational>& game, const json& doc) const {
    const auto& kind = doc["builtin"];
    if (!kind.is_string()) fail("builtin", "expected a name");
    const std::string name = kind.get<std::string>();
    if (name == "tit-for-tat") {
      std::size_t first = 0;
      if (doc.contains("first")) first = strategy(game, 0, doc["first"], "first");
      return tit_for_tat(game, first);
    }
    if (name != "grim-trigger" && name != "stick-and-carrot")
      fail("builtin", "unknown automaton \"" + name + "\" (grim-trigger, stick-and-carrot or tit-for-tat)");
    const auto cooperation = profile(game, member(doc, "cooperation", "builtin"), "cooperation");
    const auto punishment = profile(game, member(doc, "punishment", "builtin"), "punishment");
    if (name == "grim-trigger") return grim_trigger(game, cooperation, punishment);
    const std::size_t rounds = doc.contains("rounds") ? counting_from_1(doc["rounds"], "rounds", 1000, "number of rounds") + 1 : 1;
    return stick_and_carrot(game, cooperation, punishment, rounds);
  }

  automaton_profile automata(const strategic_game<rational>& game, const json& doc) const {
    if (!doc.is_object()) fail("top level", "expected an object with \"automata\" or \"builtin\"");
    if (doc.contains("builtin")) return builtin(game, doc);
    const auto& list = member(doc, "automata", "top level");
    if (!list.is_array() || list.size() != game.num_players())
      fail("automata", "expected a list of " + std::to_string(game.num_players()) + " automata, one per player");
    automaton_profile out;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string at = "automata[" + std::to_string(i) + "]";
      const auto& entry = list[i];
      const auto& states = member(entry, "states", at);
      if (!states.is_array() || states.empty()) fail(at + ".states", "expected a non-empty list of states");
      const std::size_t count = states.size();
      automaton a;
      if (entry.contains("name")) {
        if (!entry["name"].is_string()) fail(at + ".name", "expected a string");
        a.name = entry["name"].get<std::string>();
      }
      if (entry.contains("initial")) a.initial_state = counting_from_1(entry["initial"], at + ".initial", count, "state");
      for (std::size_t s = 0; s < count; ++s) {
        const std::string where = at + ".states[" + std::to_string(s) + "]";
        a.actions.push_back(strategy(game, i, member(states[s], "action", where), where + ".action"));
        const auto& next = member(states[s], "next", where);
        const std::string nw = where + ".next";
        std::vector<std::size_t> row(game.num_profiles());
        if (next.is_number()) {
          row.assign(game.num_profiles(), counting_from_1(next, nw, count, "state"));
        } else if (next.is_array()) {
          if (next.size() != game.num_profiles())
            fail(nw, "expected one next state per stage profile (" + std::to_string(game.num_profiles()) + "), got " +
                         std::to_string(next.size()));
          for (std::size_t p = 0; p < next.size(); ++p)
            row[p] = counting_from_1(next[p], nw + "[" + std::to_string(p) + "]", count, "state");
        } else if (next.is_object()) {
          row.assign(game.num_profiles(), counting_from_1(member(next, "otherwise", nw), nw + ".otherwise", count, "state"));
          if (next.contains("after")) {
            const auto& after = next["after"];
            if (!after.is_array()) fail(nw + ".after", "expected a list of {\"profile\": [...], \"next\": N}");
            for (std::size_t k = 0; k < after.size(); ++k) {
              const std::string aw = nw + ".after[" + std::to_string(k) + "]";
              const auto p = game.profile_index(profile(game, member(after[k], "profile", aw), aw + ".profile"));
              row[p] = counting_from_1(member(after[k], "next", aw), aw + ".next", count, "state");
            }
          }
        } else {
          fail(nw, "expected a state number, a list of states, or an object with \"otherwise\"");
        }
        a.transitions.push_back(std::move(row));
      }
      out.push_back(std::move(a));
    }
    return out;
  }
};

}  // namespace

automaton_profile parse_automata(std::string_view text_view, const std::string& path,
                                 const strategic_game<rational>& game) {
  const json doc = detail::parse_json<json>(text_view, path);
  return json_reader{path}.automata(game, doc);
}

namespace {

automaton_profile read_automata(const std::string& path, const strategic_game<rational>& game) {
  return parse_automata(detail::read_file_text(path), path, game);
}

std::vector<rational> parse_deltas(const std::string& text, std::size_t players) {
  std::vector<rational> out;
  std::stringstream parts(text);
  std::string part;
  while (std::getline(parts, part, ',')) {
    try {
      out.push_back(parse_rational(part));
    } catch (const invalid_argument& e) {
      throw invalid_argument(std::string("--delta: ") + e.what());
    }
  }
  if (out.size() == 1) out.assign(players, out.front());
  if (out.size() != players)
    throw invalid_argument("--delta: give one discount factor, or one per player (" + std::to_string(players) + ")");
  return out;
}

template <scalar Scalar>
std::vector<Scalar> convert_all(const std::vector<rational>& x) {
  std::vector<Scalar> out;
  for (const auto& v : x) out.push_back(scalar_cast<Scalar>(v));
  return out;
}

template <scalar Scalar>
std::string payoff_set(const strategic_game<rational>& exact_stage, const std::vector<rational>& deltas,
                       const repeated_request& request, const number_style& style, std::vector<std::string>& notes) {
  const repeated_game<Scalar> game(convert<Scalar>(exact_stage), convert_all<Scalar>(deltas), request.horizon);
  std::ostringstream out;
  if (game.is_infinite()) {
    progress_line progress("impasse repeated (Abreu-Sannikov)");
    const auto r = abreu_sannikov(game, {.on_progress = progress.callback()});
    if (is_exact_v<Scalar> && !r.exact)
      notes.push_back("the payoff set could not be checked exactly to be a fixed point: its vertices are approximate "
                      "(fractions within about 1e-12), not exact");
    if (r.status != run_status::complete)
      notes.push_back("the Abreu-Sannikov iteration ended with status '" + std::string(to_string(r.status)) +
                      "': the vertices are those of its last iterate");
    for (const auto& v : r.vertices) out << "V," << format_number(v[0], style) << "," << format_number(v[1], style) << "\n";
    return out.str();
  }
  progress_line progress("impasse repeated --horizon");
  const auto r = repeated_backward_induction(game, {.on_progress = progress.callback()});
  if (r.status != run_status::complete)
    throw invalid_argument("the finite-horizon game has too many SPE payoffs to list (" + std::string(to_string(r.status)) + ")");
  if (game.num_players() == 2) {
    // Two players: the vertices of their convex hull, as for the infinite horizon.
    std::vector<payoff_pair<Scalar>> points;
    for (const auto& e : r.equilibria) points.push_back({e.payoffs[0], e.payoffs[1]});
    detail::plane_tolerance<Scalar> tol;
    if constexpr (!is_exact_v<Scalar>) tol = {1e-12, 1e-12};
    auto hull = detail::convex_hull(std::move(points), tol);
    detail::start_at_bottom(hull, tol.point);
    for (const auto& v : hull) out << "V," << format_number(v[0], style) << "," << format_number(v[1], style) << "\n";
  } else {
    for (const auto& e : r.equilibria) {
      out << "P";
      for (const auto& u : e.payoffs) out << "," << format_number(u, style);
      out << "\n";
    }
  }
  return out.str();
}

template <scalar Scalar>
std::string check_automata(const strategic_game<rational>& exact_stage, const automaton_profile& automata,
                           const std::optional<std::vector<rational>>& deltas, const number_style& style) {
  const auto stage = convert<Scalar>(exact_stage);
  std::ostringstream out;
  const auto critical = critical_discount_factor(stage, automata);
  out << "critical,";
  if (critical.value) {
    out << format_number(*critical.value, style);
    if (!critical.exact) out << ",approximate";
  } else {
    out << "none";
  }
  out << "\n";
  if (deltas) {
    const repeated_game<Scalar> game(stage, convert_all<Scalar>(*deltas));
    const auto r = check_subgame_perfection(game, automata);
    out << "payoffs";
    for (const auto& u : r.payoffs) out << "," << format_number(u, style);
    out << "\nsubgame-perfect," << (r.subgame_perfect ? "yes" : "no") << "\n";
    if (r.deviation) {
      out << "deviation,player " << r.deviation->player + 1 << ",strategy " << r.deviation->deviation + 1 << ",states";
      for (auto s : r.deviation->automaton_states) out << " " << s + 1;
      out << ",gain " << format_number(r.deviation->gain, style) << "\n";
    }
  }
  return out.str();
}

}  // namespace

int repeated(const repeated_request& request, std::istream& in, std::ostream& out, std::ostream& err) {
  std::vector<std::string> notes;
  const int code = run_reporting_errors(out, err, [&](std::string& output) {
    if (request.decimals && (*request.decimals < 0 || *request.decimals > 60))
      throw invalid_argument("--decimals takes a whole number from 0 to 60");
    const number_style style{.exact = request.exact, .decimals = request.decimals.value_or(6)};
    const auto game = read_game(request.file, in);
    const auto* stage = std::get_if<strategic_game<rational>>(&game);
    if (!stage) throw invalid_argument(source_name(request.file) + ": repeated games need a strategic (.nfg) stage game");
    std::optional<automaton_profile> automata;
    if (!request.check.empty()) automata = read_automata(request.check, *stage);  // its errors name its file
    try {
      std::optional<std::vector<rational>> deltas;
      if (!request.delta.empty()) deltas = parse_deltas(request.delta, stage->num_players());
      if (automata) {
        output = request.exact ? check_automata<rational>(*stage, *automata, deltas, style)
                               : check_automata<double>(*stage, *automata, deltas, style);
        return;
      }
      if (!deltas) throw invalid_argument("--delta is needed (or --check AUTOMATA.json)");
      output = request.exact ? payoff_set<rational>(*stage, *deltas, request, style, notes)
                             : payoff_set<double>(*stage, *deltas, request, style, notes);
    } catch (const invalid_argument& e) {
      throw invalid_argument(source_name(request.file) + ": " + e.what());  // say which game
    }
  });
  if (code == 0)
    for (const auto& note : notes) err << "impasse: " << source_name(request.file) << ": " << note << "\n";
  return code;
}

}  // namespace impasse::cli
