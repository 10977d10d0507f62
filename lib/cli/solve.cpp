// `impasse solve`: equilibria of a strategic (.nfg) or extensive (.efg) game.
#include "commands.hpp"
#include "game_input.hpp"
#include "solution.hpp"
#include "solve_nplayer.hpp"
#include "vertex_backend.hpp"

#include <impasse/core/limits.hpp>
#include <impasse/impasse.hpp>
#include <impasse/io/progress_line.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

namespace impasse::cli {

namespace {
vertex_backend installed_vertex_backend;
}  // namespace

void use_vertex_backend(vertex_backend backend) { installed_vertex_backend = std::move(backend); }

template <scalar Scalar>
vertex_enumeration_result<Scalar> search_vertices(const strategic_game<Scalar>& game,
                                                  const vertex_enumeration_options<Scalar>& options) {
  if constexpr (is_exact_v<Scalar>) {
    if (installed_vertex_backend.exact) return installed_vertex_backend.exact(game, options);
  } else {
    if (installed_vertex_backend.in_double) return installed_vertex_backend.in_double(game, options);
  }
  return vertex_enumeration(game, options);
}

template vertex_enumeration_result<rational> search_vertices(const strategic_game<rational>&,
                                                             const vertex_enumeration_options<rational>&);
template vertex_enumeration_result<double> search_vertices(const strategic_game<double>&,
                                                           const vertex_enumeration_options<double>&);

namespace {

// The command's bounds on SPE, per node of a game of perfect information and
// per subgame otherwise: ties can multiply equilibria exponentially, and a
// command should answer, saying "limit reached", rather than fill memory.
// (The library's default is no limit.)
constexpr std::size_t spe_max_equilibria_per_node = 10'000;
// And on the numbers stored for them beyond one per node (some 30 MB):
// along a deep game every tie doubles what a node could keep.
constexpr std::size_t spe_max_stored = 1'000'000;
constexpr std::size_t spe_max_equilibria_per_subgame = 1'000;

}  // namespace

namespace {

using nlohmann::json;

/// The regret a check allows: none in exact arithmetic, the game's payoff
/// tolerance in double (core/tolerance.hpp: relative to the payoff range).
template <scalar Scalar, class Game>
bool small_enough(const Scalar& regret, const Game& game) {
  if constexpr (is_exact_v<Scalar>) {
    return regret == Scalar(0);
  } else {
    return regret <= payoff_tolerance<Scalar>(payoff_span_of(game));
  }
}

/// Keeps the largest regret seen by --check in `sol`.
template <scalar Scalar>
void record_regret(solution& sol, Scalar& worst, const Scalar& regret) {
  if (sol.checked++ == 0 || regret > worst) worst = regret;
  sol.largest_regret = to_message_string(worst);
}

/// With --check: notes `profile` in `sol` if its regret is too large.
/// `subgame_perfect`: the largest regret over every subgame, not only the root.
template <scalar Scalar>
void check(solution& sol, const extensive_game<Scalar>& game, const behaviour_profile<Scalar>& profile,
           bool subgame_perfect, Scalar& largest) {
  Scalar worst(0);
  if (subgame_perfect) {
    worst = max_subgame_regret(game, profile);
  } else {
    for (const auto& r : behaviour_regrets(game, profile)) worst = std::max(worst, r);
  }
  record_regret(sol, largest, worst);
  if (!small_enough(worst, game))
    sol.failed_checks.push_back(std::string(subgame_perfect ? "subgame " : "") + "regret " +
                                to_message_string(worst) + " at equilibrium " + std::to_string(sol.equilibria.size()));
}

template <class Profile, class Scalar>
solution::equilibrium format(const Profile& profile, const std::vector<Scalar>& payoffs, const number_style& style) {
  solution::equilibrium out;
  for (const auto& p : profile.flat()) out.probabilities.push_back(format_number(p, style));
  for (const auto& u : payoffs) out.payoffs.push_back(format_number(u, style));
  return out;
}

/// The equilibria's lines as the command prints them (without --format json).
void write_lines(std::ostream& out, const std::vector<solution::equilibrium>& equilibria, std::size_t first = 0) {
  for (std::size_t k = first; k < equilibria.size(); ++k) {
    out << equilibria[k].tag;
    for (const auto& p : equilibria[k].probabilities) out << "," << p;
    out << "\n";
  }
}

/// `stream`: where the vertex method writes each equilibrium's line as soon
/// as it is confirmed (the other methods, and the vertex method when null,
/// leave all printing to the caller); `sol.streamed` says how many.
template <scalar Scalar>
solution solve_strategic(const strategic_game<Scalar>& game, const solve_request& request, const number_style& style,
                         std::ostream* stream = nullptr) {
  progress_line progress("impasse solve --method " + request.method);
  const std::string& method = request.method;
  solution out;
  describe_players(out, game, request.format == "json");
  Scalar largest_regret(0);
  const auto add = [&](const mixed_profile<Scalar>& profile) {
    std::vector<Scalar> payoffs;
    for (std::size_t i = 0; i < game.num_players(); ++i) payoffs.push_back(expected_payoff(game, profile, i));
    out.equilibria.push_back(format(profile, payoffs, style));
    if (request.check) {
      const Scalar regret = max_regret(game, profile);
      record_regret(out, largest_regret, regret);
      if (!small_enough(regret, game))
        out.failed_checks.push_back("regret " + to_message_string(regret) + " at equilibrium " +
                                    std::to_string(out.equilibria.size()));
    }
  };
  if (method == "pure") {
    const auto result = pure_strategy_enumeration(game, {.on_progress = progress.callback()});
    out.status = result.status;
    for (const auto& e : result.equilibria) add(mixed_profile<Scalar>::pure(game.strategy_counts(), e));
  } else if (method == "vertex") {
    // In rational: a floating search whose equilibria are confirmed and
    // reported exactly (redone exactly when unsure), the same output faster.
    // Reverse search, so that memory does not grow with the bases visited.
    // The reverse search reports each equilibrium once, exactly, as it is
    // found and in the order of the result; its line goes out at once, so
    // that a long run shows what it has. (A backend that does not call back,
    // as impasse-mpi's, has all its lines printed at the end.)
    vertex_enumeration_options<Scalar> options{.search = vertex_search::reverse,
                                               .maximal_nash_subsets = request.components,
                                               .floating_search = true,
                                               .on_progress = progress.callback()};
    if (stream != nullptr)
      options.on_equilibrium = [&](const mixed_profile<Scalar>& e) {
        add(e);
        progress.clear();
        write_lines(*stream, out.equilibria, out.equilibria.size() - 1);
        stream->flush();
        ++out.streamed;
      };
    const auto result = search_vertices(game, options);
    out.status = result.status;
    if (out.streamed != 0 && out.streamed != result.equilibria.size())
      throw internal_error("solve --method vertex: " + std::to_string(out.streamed) + " equilibria reported as found, " +
                           std::to_string(result.equilibria.size()) + " in the result");
    if (out.streamed == 0)
      for (const auto& e : result.equilibria) add(e);
    // As gambit-enummixed -c: the extreme points of each maximal Nash subset
    // (every pair of its two players' extreme strategies), tagged convex-S.
    for (std::size_t c = 0; c < result.components.size(); ++c)
      for (const auto subset : result.components[c]) {
        const auto& strategies = result.maximal_nash_subsets[subset].strategies;
        for (const auto x : strategies[0])
          for (const auto y : strategies[1]) {
            mixed_profile<Scalar> profile(game.strategy_counts());
            for (std::size_t k = 0; k < game.num_strategies(0); ++k) profile(0, k) = result.extreme_strategies[0][x][k];
            for (std::size_t k = 0; k < game.num_strategies(1); ++k) profile(1, k) = result.extreme_strategies[1][y][k];
            add(profile);
            out.equilibria.back().tag = "convex-" + std::to_string(subset + 1);
            out.equilibria.back().component = c + 1;
          }
      }
  } else if (method == "support") {
    const auto result = support_enumeration(game, {.on_progress = progress.callback()});
    out.status = result.status;
    for (const auto& e : result.equilibria) add(e);
  } else if (method == "lp") {
    const auto result = zero_sum_lp(game, {.on_progress = progress.callback()});
    out.status = result.status;
    for (const auto& e : result.equilibria) add(e);
  } else if (method == "lh") {
    const auto result = lemke_howson(game, {.initial_label = request.label, .on_progress = progress.callback()});
    out.status = result.status;
    for (const auto& e : result.equilibria) add(e);
  } else if (method == "lcp") {
    const auto result = lemke_howson_all(game, {.on_progress = progress.callback()});
    out.status = result.status;
    for (const auto& e : result.equilibria) add(e);
  } else {
    throw invalid_argument("method '" + method + "' does not apply to strategic games (use pure, vertex, support, lh, lcp or lp)");
  }
  return out;
}

template <scalar Scalar>
solution solve_extensive(const extensive_game<Scalar>& game, const solve_request& request, const number_style& style) {
  progress_line progress("impasse solve --method " + request.method);
  const std::string& method = request.method;
  solution out;
  describe_players(out, game, request.format == "json");
  Scalar largest(0);  // the largest regret --check saw
  if (method == "pure") {
    const auto result = reduced_pure_strategy_enumeration(game, {.on_progress = progress.callback()});
    out.status = result.status;
    for (const auto& e : result.equilibria) {
      // Reduced profiles leave unreachable sets at zero; any action there
      // gives the same payoffs.
      behaviour_profile<Scalar> completed = e;
      for (std::size_t h = 0; h < game.num_information_sets(); ++h)
        if (game.infoset(h).player != chance_player) {
          Scalar sum(0);
          for (const auto& p : e.at(h)) sum += p;
          if (sum == Scalar(0)) completed(h, 0) = Scalar(1);
        }
      out.equilibria.push_back(format(e, expected_payoffs(game, completed), style));
      if (request.check) check(out, game, completed, false, largest);
    }
  } else if (method == "spe") {
    if (has_perfect_information(game)) {
      const auto result = backward_induction(
          game, {.max_equilibria = spe_max_equilibria_per_node, .max_stored = spe_max_stored, .on_progress = progress.callback()});
      out.status = result.status;
      for (std::size_t k = 0; k < result.equilibria.size(); ++k) {
        out.equilibria.push_back(format(result.equilibria[k], result.payoffs[k], style));
        if (request.check) check(out, game, result.equilibria[k], true, largest);
      }
    } else {
      // Every extreme equilibrium of each two-player subgame, within the
      // default budget (status limit_reached beyond it).
      const auto result = subgame_decomposition(
          game, {.max_equilibria = spe_max_equilibria_per_subgame, .on_progress = progress.callback()});
      out.status = result.status;
      if (result.solver_found_none)
        out.notes.push_back(
            "a subgame of more than two players has no pure equilibrium: subgame-perfect equilibria in mixed "
            "strategies may exist that --method spe does not compute");
      for (std::size_t k = 0; k < result.equilibria.size(); ++k) {
        out.equilibria.push_back(format(result.equilibria[k], result.payoffs[k], style));
        if (request.check) check(out, game, result.equilibria[k], true, largest);
      }
    }
  } else if (method == "lcp") {
    const auto result = sequence_form_lcp(game, {.on_progress = progress.callback()});
    out.status = result.status;
    for (std::size_t k = 0; k < result.equilibria.size(); ++k) {
      out.equilibria.push_back(format(result.equilibria[k], result.payoffs[k], style));
      if (request.check) check(out, game, result.equilibria[k], false, largest);
    }
  } else if (method == "lp") {
    const auto result = sequence_form_lp(game, {.on_progress = progress.callback()});
    out.status = result.status;
    for (const auto& e : result.equilibria) {
      out.equilibria.push_back(format(e, expected_payoffs(game, e), style));
      if (request.check) check(out, game, e, false, largest);
    }
  } else {
    throw invalid_argument("method '" + method + "' does not apply to extensive games (use pure, spe, lcp or lp)");
  }
  return out;
}

void write_json(std::ostream& out, const std::string& title, const solve_request& request, const solution& sol) {
  json equilibria = json::array(), subsets = json::array(), qre = json::array();
  for (const auto& e : sol.equilibria) {
    json profile = json::array();
    std::size_t k = 0;
    for (const auto& sizes : sol.groups) {
      json player = json::array();
      for (auto size : sizes) {
        json group = json::array();
        for (std::size_t a = 0; a < size; ++a) group.push_back(e.probabilities[k++]);
        if (sol.per_information_set)
          player.push_back(group);
        else
          player = group;
      }
      profile.push_back(player);
    }
    json entry = {{sol.per_information_set ? "behaviour" : "strategies", profile}, {"payoffs", e.payoffs}};
    if (e.qre) {
      entry["lambda"] = e.tag;
      entry.erase("payoffs");
      qre.push_back(std::move(entry));
    } else if (e.tag == "NE") {
      equilibria.push_back(std::move(entry));
    } else {
      entry["maximal_nash_subset"] = std::stoul(e.tag.substr(7));
      entry["component"] = e.component;
      subsets.push_back(std::move(entry));
    }
  }
  json doc = {{"game", {{"title", title}, {"players", sol.players}}},
                    {"method", request.method},
                    {"exact", request.exact},
                    {"status", std::string(to_string(sol.status))},
                    {"equilibria", equilibria}};
  if (!subsets.empty()) doc["maximal_nash_subsets"] = subsets;
  if (!qre.empty()) doc["quantal_response_equilibria"] = qre;
  out << doc.dump(2) << "\n";
}

}  // namespace

int solve(const solve_request& request, std::istream& in, std::ostream& out, std::ostream& err) {
  std::vector<std::string> failed_checks, notes;
  run_status status = run_status::complete;
  std::size_t found = 0, checked = 0;
  std::string largest_regret;
  const int code = run_reporting_errors(out, err, [&](std::string& output) {
    if (request.decimals && (*request.decimals < 0 || *request.decimals > 60))
      throw invalid_argument("--decimals takes a whole number from 0 to 60");
    // The options of the methods for any number of players, each refused
    // by the methods it means nothing to (the two-player ones among them).
    refuse_options_of_other_methods(request);
    // Vertex enumeration is exact unless decimals are asked for.
    const bool exact = request.exact || (request.method == "vertex" && !request.decimals);
    const number_style style{.exact = exact, .decimals = request.decimals.value_or(6)};
    // A method that computes in double reads a strategic game straight into
    // doubles (the same game convert<double> gives, without a rational per
    // payoff); the others read it exactly.
    const bool in_double = is_nplayer_method(request.method) ? nplayer_method_computes_in_double(request) : !exact;
    const auto game = read_game(request.file, in, in_double ? strategic_numbers::double_ : strategic_numbers::exact);
    solution sol;
    std::string title;
    // The vertex method's lines go straight to the output as found (Gambit's
    // line format only; JSON is one document written at the end).
    std::ostream* stream = request.method == "vertex" && request.format != "json" ? &out : nullptr;
    try {
      if (const auto* strategic_in_double = std::get_if<strategic_game<double>>(&game)) {
        title = strategic_in_double->title();
        sol = is_nplayer_method(request.method) ? solve_nplayer(*strategic_in_double, request, style)
                                                : solve_strategic(*strategic_in_double, request, style, stream);
      } else if (const auto* strategic = std::get_if<strategic_game<rational>>(&game)) {
        title = strategic->title();
        // Read exactly: an n-player method in rationals, or any other with
        // an exact answer (without one the game was read in double above).
        sol = is_nplayer_method(request.method) ? solve_nplayer(*strategic, request, style)
                                                : solve_strategic(*strategic, request, style, stream);
      } else {
        const auto& extensive = std::get<extensive_game<rational>>(game);
        title = extensive.title();
        if (is_nplayer_method(request.method))
          sol = solve_nplayer(extensive, request, style);
        else
          sol = exact ? solve_extensive(extensive, request, style)
                      : solve_extensive(convert<double>(extensive), request, style);
      }
    } catch (const invalid_argument& e) {
      throw invalid_argument(source_name(request.file) + ": " + e.what());  // say which file
    } catch (const limit_exceeded& e) {
      throw limit_exceeded(source_name(request.file) + ": " + e.what(), e.limit());
    }
    std::ostringstream buffer;
    if (request.format == "json") {
      write_json(buffer, title, request, sol);
    } else {
      write_lines(buffer, sol.equilibria, sol.streamed);  // those not printed already
    }
    output = buffer.str();
    failed_checks = sol.failed_checks;
    notes = sol.notes;
    status = sol.status;
    found = sol.equilibria.size();
    checked = sol.checked;
    largest_regret = sol.largest_regret;
  });
  if (code != 0) return code;
  const std::string where = "impasse: " + source_name(request.file) + ": ";
  for (const auto& note : notes) err << "impasse: " << source_name(request.file) << ": " << note << "\n";
  if (status != run_status::complete && request.format != "json")
    err << "impasse: " << source_name(request.file) << ": the run ended with status '" << to_string(status)
        << "': the equilibria printed may not be all\n";
  for (const auto& failure : failed_checks) err << where << "check failed: " << failure << "\n";
  if (request.check)
    err << where << "check: largest " << (request.method == "spe" ? "subgame regret " : "regret ") << largest_regret
        << " over " << checked << " profile(s) printed" << (failed_checks.empty() ? "" : " (FAILED)") << "\n";
  if (!failed_checks.empty()) return exit_check_failed;
  if (found == 0 && status != run_status::complete) {
    err << where << "no equilibrium: the " << request.method << " method ended with status '" << to_string(status)
        << "' before it found one\n";
    return exit_no_answer;
  }
  return 0;
}

}  // namespace impasse::cli
