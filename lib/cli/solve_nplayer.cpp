// `impasse solve --method simpdiv|gnm|ipa|enumpoly|logit`.
#include "solve_nplayer.hpp"

#include "game_input.hpp"

#include <impasse/core/error.hpp>
#include <impasse/extensive/regret.hpp>
#include <impasse/extensive/reduced_strategic_form.hpp>
#include <impasse/strategic/logit_qre.hpp>
#include <impasse/strategic/mixed_equilibria.hpp>
#include <impasse/strategic/polynomial_enumeration.hpp>
#include <impasse/strategic/polymatrix_approximation.hpp>
#include <impasse/strategic/simplicial_subdivision.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <iomanip>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace impasse::cli {
namespace {

using nlohmann::json;

/// A number as gambit-logit prints a probability: `digits` significant
/// digits, the shorter of fixed and scientific notation (C++'s default
/// floating format, as Gambit's tool uses).
std::string significant(double x, int digits) {
  std::ostringstream out;
  out << std::setprecision(digits) << x;
  return out.str();
}

/// gambit-logit's lambda and log-likelihood: fixed, `digits` decimals.
std::string fixed(double x, int digits) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(digits) << x;
  return out.str();
}

/// How the solvers' mixed profiles of a strategic game become printed
/// lines: directly for an .nfg, through the reduced strategic form (Kuhn's
/// behaviour strategies) for an .efg.
struct presenter {
  /// The probabilities to print for a mixed profile (double or exact).
  std::function<std::vector<double>(const mixed_profile<double>&)> probabilities;
  std::function<std::vector<rational>(const mixed_profile<rational>&)> exact_probabilities;
  std::function<std::vector<double>(const mixed_profile<double>&)> payoffs;
  std::function<std::vector<rational>(const mixed_profile<rational>&)> exact_payoffs;
  /// The independent regret check, relative to the payoff range (behaviour
  /// regret for an .efg), for --check.
  std::function<double(const mixed_profile<double>&)> regret;
  std::function<double(const mixed_profile<rational>&)> exact_regret;
};

/// The regret --check allows: 1e-6 of the payoff range, the bound
/// for every NE line of these methods; exactly zero is not asked of simpdiv,
/// whose exact profiles are grid points within the bound it was given.
constexpr double check_bound = 1e-6;

/// Adds an NE line for `profile` to `out` (and its check with --check).
template <scalar Scalar>
void add_equilibrium(solution& out, const mixed_profile<Scalar>& profile, const solve_request& request,
                     const number_style& style, const presenter& show) {
  solution::equilibrium line;
  if constexpr (is_exact_v<Scalar>) {
    for (const auto& p : show.exact_probabilities(profile)) line.probabilities.push_back(format_number(p, style));
    for (const auto& u : show.exact_payoffs(profile)) line.payoffs.push_back(format_number(u, style));
  } else if (request.method == "logit") {
    for (const double p : show.probabilities(profile)) line.probabilities.push_back(significant(p, style.decimals));
    for (const double u : show.payoffs(profile)) line.payoffs.push_back(significant(u, style.decimals));
  } else {
    for (const double p : show.probabilities(profile)) line.probabilities.push_back(format_number(p, style));
    for (const double u : show.payoffs(profile)) line.payoffs.push_back(format_number(u, style));
  }
  out.equilibria.push_back(std::move(line));
  if (request.check) {
    double regret = 0;
    if constexpr (is_exact_v<Scalar>)
      regret = show.exact_regret(profile);
    else
      regret = show.regret(profile);
    // The largest relative regret seen, for the --check summary line.
    if (out.checked++ == 0 || regret > out.largest_relative_regret) out.largest_relative_regret = regret;
    out.largest_regret = to_message_string(out.largest_relative_regret) + " of the payoff range";
    if (!(regret <= check_bound))
      out.failed_checks.push_back("regret " + to_message_string(regret) + " of the payoff range at equilibrium " +
                                  std::to_string(out.equilibria.size()));
  }
}

/// Reads observed strategy frequencies for --estimate: `count` numbers
/// separated by commas or white space, as gambit-logit -L reads them.
std::vector<double> read_frequencies(const std::string& file, std::size_t count) {
  std::ifstream in(file);
  if (!in) throw file_error(file + ": cannot open the frequency file");
  std::vector<double> out;
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t line = 1, column = 1, start_line = 1, start_column = 1;
  std::string token;
  const auto flush = [&] {
    if (token.empty()) return;
    double value = 0;
    try {
      const rational exact = parse_rational(token);
      value = scalar_cast<double>(exact);
    } catch (const std::exception&) {
      throw parse_error(file, start_line, start_column, "expected a frequency (a number), found '" + token + "'");
    }
    if (value < 0) throw parse_error(file, start_line, start_column, "a frequency cannot be negative");
    out.push_back(value);
    token.clear();
  };
  for (const char c : text) {
    if (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      flush();
    } else {
      if (token.empty()) {
        start_line = line;
        start_column = column;
      }
      token += c;
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  flush();
  if (out.size() != count)
    throw parse_error(file, line, column,
                      "expected " + std::to_string(count) + " frequencies (one per strategy), found " +
                          std::to_string(out.size()));
  return out;
}

void describe_events(solution& out, const std::vector<logit_event>& events) {
  for (const auto& e : events)
    out.notes.push_back(std::string(e.kind == logit_event_kind::bifurcation ? "bifurcation" : "turning point") +
                        " of the logit branch at lambda " + significant(e.lambda, 6));
}

/// `game` in double: itself when it is one, else converted.
template <scalar Scalar>
decltype(auto) in_double(const strategic_game<Scalar>& game) {
  if constexpr (std::same_as<Scalar, double>)
    return (game);
  else
    return convert<double>(game);
}

template <scalar Scalar>
solution solve_logit(const strategic_game<Scalar>& given, const solve_request& request, const number_style& style,
                     const presenter& show) {
  solution out;
  const int digits = style.decimals;
  const auto& game = in_double(given);
  const auto qre_line = [&](const logit_point& point, bool with_likelihood) {
    solution::equilibrium line;
    line.tag = fixed(point.lambda, digits);
    line.qre = true;
    for (const double p : show.probabilities(point.profile)) line.probabilities.push_back(significant(p, digits));
    if (with_likelihood) line.probabilities.push_back(fixed(point.log_likelihood, digits));
    return line;
  };
  logit_options options;
  if (request.max_regret) options.max_regret = *request.max_regret;
  if (!request.estimate.empty()) {
    const auto frequencies = read_frequencies(request.estimate, game.total_strategies());
    if (request.branch)
      options.on_point = [&](const logit_point& p) {
        logit_point with = p;
        double sum = 0;
        for (std::size_t k = 0; k < frequencies.size(); ++k)
          if (frequencies[k] > 0) sum += frequencies[k] * std::log(p.profile.flat()[k]);
        with.log_likelihood = sum;
        out.equilibria.push_back(qre_line(with, true));
      };
    const auto result = logit_estimate(game, frequencies, options);
    out.status = result.status;
    if (!result.reason.empty()) out.notes.push_back(result.reason);
    describe_events(out, result.events);
    out.equilibria.push_back(qre_line(result.estimate, true));
    return out;
  }
  if (request.branch) options.on_point = [&](const logit_point& p) { out.equilibria.push_back(qre_line(p, false)); };
  if (!request.lambdas.empty()) {
    const auto result = logit_qre_at_lambdas(game, request.lambdas, options);
    out.status = result.status;
    if (!result.reason.empty()) out.notes.push_back(result.reason);
    describe_events(out, result.events);
    for (const auto& p : result.points) out.equilibria.push_back(qre_line(p, false));
    return out;
  }
  const auto result = logit_principal_branch(game, options);
  out.status = result.status;
  describe_events(out, result.events);
  if (!result.reason.empty()) out.notes.push_back(result.reason);
  for (const auto& e : result.equilibria) add_equilibrium(out, e, request, style, show);
  return out;
}

/// For enumpoly --exact: the certified equilibrium `profile` (double) as
/// the simplest fractions within 1e-12, if those are exactly an
/// equilibrium (`show`'s exact regret zero); nothing otherwise (an
/// irrational equilibrium).
std::optional<mixed_profile<rational>> exact_equilibrium(const mixed_profile<double>& profile, const presenter& show) {
  auto exact = detail::nearby_fractions(profile, 1e-12);
  if (!exact || show.exact_regret(*exact) != 0) return std::nullopt;
  return exact;
}

template <scalar Scalar>
solution solve_with(const strategic_game<Scalar>& game, const solve_request& request, const number_style& style,
                    const presenter& show) {
  const std::string& method = request.method;
  // --exact: simpdiv computes in rationals; enumpoly prints an equilibrium
  // as fractions when nearby fractions are exactly one (else decimals, said
  // approximate); gnm, ipa and logit compute in double and print decimals,
  // saying so, as the other commands do for an answer that is not exact.
  const bool exact_output = request.exact && (method == "simpdiv" || method == "enumpoly");
  if (request.exact && !exact_output && is_nplayer_method(method)) {
    const number_style decimals{.exact = false, .decimals = style.decimals};
    solve_request in_double = request;
    in_double.exact = false;
    solution out = solve_with(game, in_double, decimals, show);
    out.notes.push_back(method + " computes in double: the equilibria printed are approximate decimals, not exact "
                                 "fractions (--exact)");
    return out;
  }
  if (request.end_lambda && !(*request.end_lambda < 0))
    throw invalid_argument("--end-lambda must be a negative number");
  if (request.max_steps && *request.max_steps == 0) throw invalid_argument("--max-steps must be at least 1");
  if (request.max_regret && !(*request.max_regret > 0))
    throw invalid_argument("--max-regret must be a positive number");
  if (method == "logit") return solve_logit(game, request, style, show);
  if (method == "gnm" || method == "ipa") {
    solution out;
    const double bound = request.max_regret.value_or(1e-9);
    const std::uint64_t seed = request.seed.value_or(1);
    const auto report = [&](const auto& result) {
      out.status = result.status;
      if (!result.reason.empty()) out.notes.push_back(result.reason);
      for (const auto& e : result.equilibria) add_equilibrium(out, e, request, style, show);
    };
    if (method == "gnm")
      report(global_newton(game, {.starts = request.starts,
                                  .seed = seed,
                                  .end_lambda = request.end_lambda.value_or(-10),
                                  .max_regret = bound,
                                  .max_steps_per_start = request.max_steps.value_or(20'000)}));
    else
      report(polymatrix_approximation(game, {.starts = request.starts, .seed = seed, .max_regret = bound}));
    return out;
  }
  if (method == "simpdiv") {
    // gambit-simpdiv: from every player's first strategy, then --starts - 1
    // random pure profiles from --seed; the grid doubled (--grid-refinement)
    // until the regret is at most --max-regret (default 1e-7, Gambit's -m)
    // of the payoff range. With --exact in rationals, each NE line an exact
    // grid point; otherwise in double.
    solution out;
    const auto report = [&](const auto& result) {
      out.status = result.status;
      if (!result.reason.empty()) out.notes.push_back(result.reason);
      for (const auto& e : result.equilibria) add_equilibrium(out, e, request, style, show);
    };
    const auto run = [&](const auto& in) {
      using In = typename std::remove_cvref_t<decltype(in)>::scalar_type;
      report(simplicial_subdivision(in, simplicial_subdivision_options<In>{
                                            .starts = request.starts,
                                            .seed = request.seed.value_or(1),
                                            .max_regret = request.max_regret.value_or(1e-7),
                                            .grid_refinement = request.grid_refinement}));
    };
    if constexpr (is_exact_v<Scalar>) {
      if (request.exact) {
        run(game);
        return out;
      }
    } else if (request.exact) {
      throw internal_error("simpdiv --exact was given a game read in double");
    }
    run(in_double(game));
    return out;
  }
  if constexpr (!is_exact_v<Scalar>) {
    if (method == "enumpoly") throw internal_error("enumpoly was given a game read in double");
  } else if (method == "enumpoly") {
    solution out;
    polynomial_enumeration_options options;
    if (request.max_regret) options.max_regret = *request.max_regret;
    const auto result = polynomial_enumeration(game, options);
    out.status = result.status;
    if (!result.reason.empty()) out.notes.push_back(result.reason);
    const number_style decimals{.exact = false, .decimals = style.decimals};
    std::size_t approximate = 0;
    for (const auto& e : result.equilibria) {
      if (!request.exact) {
        add_equilibrium(out, e, request, style, show);
      } else if (const auto exact = exact_equilibrium(e, show)) {
        add_equilibrium(out, *exact, request, style, show);
      } else {
        add_equilibrium(out, e, request, decimals, show);
        ++approximate;
      }
    }
    if (approximate > 0)
      out.notes.push_back(std::to_string(approximate) +
                          " certified equilibri" + (approximate == 1 ? "um is" : "a are") +
                          " not rational (no nearby fraction is exactly an equilibrium): printed as approximate "
                          "decimals, within the proved interval box");
    for (const auto& support : result.degenerate_supports) {
      std::string text = "degenerate support (a continuum or a singular solution; equilibria there are not certified):";
      for (const auto& strategies : support) {
        text += " {";
        for (std::size_t k = 0; k < strategies.size(); ++k) text += (k ? "," : "") + std::to_string(strategies[k] + 1);
        text += "}";
      }
      out.notes.push_back(text);
    }
    // Equilibria on degenerate supports passed the regret check but are not
    // proved isolated: printed after the certified ones, as Gambit prints
    // what it finds there.
    for (const auto& e : result.degenerate_points) {
      if (const auto exact = request.exact ? exact_equilibrium(e, show) : std::nullopt)
        add_equilibrium(out, *exact, request, style, show);
      else
        add_equilibrium(out, e, request, request.exact ? decimals : style, show);
    }
    if (request.exact && !result.degenerate_points.empty())
      out.notes.push_back("points on degenerate supports are printed as fractions only where those are exactly an "
                          "equilibrium, otherwise as approximate decimals");
    return out;
  }
  throw invalid_argument("method '" + method + "' is not one of simpdiv, gnm, ipa, enumpoly, logit");
}

/// Probabilities, payoffs and regret of a strategic game's profiles in
/// double (`game` must outlive it); the exact members are left to the caller.
presenter strategic_presenter(const strategic_game<double>& game) {
  return {
      .probabilities = [](const mixed_profile<double>& p) { return p.flat(); },
      .payoffs =
          [&game](const mixed_profile<double>& p) {
            std::vector<double> u;
            for (std::size_t i = 0; i < game.num_players(); ++i) u.push_back(expected_payoff(game, p, i));
            return u;
          },
      .regret = [&game](const mixed_profile<double>& p) { return relative_regret(game, p); },
  };
}

/// Throws `invalid_game` naming the file and the payoff when a payoff of a
/// game read in rationals lies beyond the range of a double: the methods
/// here check and print their equilibria in double, where it would be
/// infinite. `what` names the game's profiles ("profile", or "profile of
/// the reduced strategic form").
void require_double_range(const strategic_game<rational>& game, const solve_request& request, const std::string& what) {
  for (std::size_t i = 0; i < game.num_players(); ++i)
    for (std::size_t p = 0; p < game.num_profiles(); ++p)
      if (!std::isfinite(scalar_cast<double>(game.payoff(i, p))))
        throw invalid_game((request.file == "-" ? std::string("<stdin>") : request.file) + ": player " +
                           std::to_string(i + 1) + "'s payoff at " + what + " " + std::to_string(p + 1) +
                           " lies beyond the range of a double (about 1.8e308), in which " + request.method +
                           " checks and prints its equilibria; dividing every payoff by one positive number keeps "
                           "the equilibria");
}

}  // namespace

bool is_nplayer_method(const std::string& method) {
  return method == "simpdiv" || method == "gnm" || method == "ipa" || method == "enumpoly" || method == "logit";
}

void refuse_options_of_other_methods(const solve_request& request) {
  // Each option of the methods for any number of players, whether it was
  // given (a value other than its default), and the methods it means
  // something to. One table, so that an option added to a method is
  // refused by every other in the same place.
  struct scope {
    std::string_view option;
    bool given;
    std::vector<std::string_view> methods;
  };
  const std::vector<scope> scopes = {
      {"--seed", request.seed.has_value(), {"simpdiv", "gnm", "ipa"}},
      {"--starts", request.starts != 1, {"simpdiv", "gnm", "ipa"}},
      {"--grid-refinement", request.grid_refinement != 2, {"simpdiv"}},
      {"--max-regret", request.max_regret.has_value(), {"simpdiv", "gnm", "ipa", "enumpoly", "logit"}},
      {"--end-lambda", request.end_lambda.has_value(), {"gnm"}},
      {"--max-steps", request.max_steps.has_value(), {"gnm"}},
      {"--lambda", !request.lambdas.empty(), {"logit"}},
      {"--estimate", !request.estimate.empty(), {"logit"}},
      {"--branch", request.branch, {"logit"}},
  };
  for (const auto& [option, given, methods] : scopes) {
    if (!given || std::find(methods.begin(), methods.end(), request.method) != methods.end()) continue;
    std::string list;
    for (std::size_t k = 0; k < methods.size(); ++k)
      list += std::string(k == 0 ? "" : k + 1 == methods.size() ? " and " : ", ") + std::string(methods[k]);
    throw invalid_argument(std::string(option) + " applies to " + list + " only, not to " + request.method);
  }
}

bool nplayer_method_computes_in_double(const solve_request& request) {
  const std::string& method = request.method;
  return method == "gnm" || method == "ipa" || method == "logit" || (method == "simpdiv" && !request.exact);
}

solution solve_nplayer(const strategic_game<rational>& game, const solve_request& request, const number_style& style) {
  require_double_range(game, request, "profile");
  const auto game_double = convert<double>(game);
  presenter show = strategic_presenter(game_double);
  show.exact_probabilities = [](const mixed_profile<rational>& p) { return p.flat(); };
  show.exact_payoffs = [&](const mixed_profile<rational>& p) {
    std::vector<rational> u;
    for (std::size_t i = 0; i < game.num_players(); ++i) u.push_back(expected_payoff(game, p, i));
    return u;
  };
  show.exact_regret = [&](const mixed_profile<rational>& p) { return relative_regret(game, p); };
  solution sol = solve_with(game, request, style, show);
  describe_players(sol, game, request.format == "json");
  return sol;
}

solution solve_nplayer(const strategic_game<double>& game, const solve_request& request, const number_style& style) {
  // The methods that read a game in double return profiles in double only:
  // the presenter's exact members stay empty.
  solution sol = solve_with(game, request, style, strategic_presenter(game));
  describe_players(sol, game, request.format == "json");
  return sol;
}

solution solve_nplayer(const extensive_game<rational>& game, const solve_request& request, const number_style& style) {
  const auto form = to_reduced_strategic_form(game);
  require_double_range(form.game, request, "profile of the reduced strategic form");
  const auto game_double = convert<double>(game);
  // The reduced form in double, for the double solvers' profiles.
  reduced_strategic_form<double> form_double{convert<double>(form.game), form.strategies};
  presenter show{
      .probabilities =
          [&](const mixed_profile<double>& p) { return to_behaviour_profile(game_double, form_double, p).flat(); },
      .exact_probabilities =
          [&](const mixed_profile<rational>& p) { return to_behaviour_profile(game, form, p).flat(); },
      .payoffs = [&](const mixed_profile<double>& p) { return expected_payoffs(game_double, to_behaviour_profile(game_double, form_double, p)); },
      .exact_payoffs = [&](const mixed_profile<rational>& p) { return expected_payoffs(game, to_behaviour_profile(game, form, p)); },
      .regret =
          [&](const mixed_profile<double>& p) {
            const double range = payoff_range(form_double.game);
            double worst = 0;
            for (const double r : behaviour_regrets(game_double, to_behaviour_profile(game_double, form_double, p)))
              worst = std::max(worst, r);
            return range > 0 ? worst / range : worst;
          },
      .exact_regret =
          [&](const mixed_profile<rational>& p) {
            const double range = payoff_range(form.game);
            rational worst(0);
            for (const auto& r : behaviour_regrets(game, to_behaviour_profile(game, form, p))) worst = std::max(worst, r);
            return range > 0 ? scalar_cast<double>(worst) / range : scalar_cast<double>(worst);
          },
  };
  solution sol = solve_with(form.game, request, style, show);
  describe_players(sol, game, request.format == "json");
  return sol;
}

}  // namespace impasse::cli
