// The logit quantal response equilibrium (QRE) correspondence of a
// strategic game with any number of players (McKelvey and Palfrey, "Quantal
// response equilibria for normal form games", GEB 10, 1995): the profiles
// with sigma_i(s) proportional to exp(lambda u_i(s, sigma_-i)) for lambda >=
// 0. Its principal branch starts at the centroid (lambda = 0) and, for
// almost every game, reaches a Nash equilibrium as lambda grows (Turocy, "A
// dynamic homotopy interpretation of the logistic quantal response
// equilibrium correspondence", GEB 51, 2005). Approximate: computed in
// double only (a rational game is read in double).
//
// Method. Unknowns are the log-probabilities and lambda; the equations say
// each player's probabilities sum to one and log sigma_i(s) - log
// sigma_i(0) = lambda (u_i(s) - u_i(0)). The branch is followed by
// predictor-corrector continuation in arclength (detail/path_following.hpp)
// with step-size control. Payoffs are scaled to a range of 1 inside (and
// lambda by the range), so games with payoffs of 1e12 are traced as games
// with payoffs of 1; every lambda reported is in the game's own units, as
// Gambit's. Along the way:
// - a *turning point* is where lambda stops growing and the branch bends
//   back (the lambda component of the tangent changes sign);
// - a *bifurcation* is where the orientation det [J; t^T] changes sign, the
//   mark of a branch point (Allgower-Georg, section 8.1). The branch is
//   followed straight through it (the tangent is oriented by the previous
//   one, not by the sign of a determinant), where Gambit's tracer reverses
//   and stalls (its issue #492).
// Both are reported with the lambda and profile where they occur.
//
// The end point. The trace stops once the profile's regret, relative to
// the payoff range, is below `max_regret` (as gambit-logit's -m). The
// support is then read off the profile and Newton's method solves the
// equilibrium equations on it; the polished point replaces the traced one
// when it is a profile with smaller regret. The result holds it as an
// equilibrium only if the independent check (`max_regret` of regret.hpp)
// passes; otherwise the status is `failed` with the reason, and `end` still
// holds the last QRE reached.
//
// Cost: per step, one Jacobian of the payoffs (O(n^2 P) for P pure profiles
// and n players) and one LU factorisation of size K + 1 (K strategies in
// all); the number of steps grows with log lambda, about 50 to 200 on the
// corpus games.
#pragma once

#include <impasse/detail/multilinear_payoffs.hpp>
#include <impasse/detail/path_following.hpp>
#include <impasse/detail/support_newton.hpp>
#include <impasse/core/error.hpp>
#include <impasse/strategic/mixed_equilibria.hpp>

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <stop_token>
#include <string>
#include <vector>

namespace impasse {

/// One point of the logit correspondence.
struct logit_point {
  /// In the game's own payoff units, as Gambit prints it (inf for a game
  /// whose payoffs are all subnormal, whose lambdas lie beyond the largest
  /// double).
  double lambda = 0;
  mixed_profile<double> profile{std::vector<std::size_t>{}};
  /// Set by `logit_estimate`: sum over strategies of frequency times log
  /// probability.
  double log_likelihood = 0;
};

enum class logit_event_kind {
  turning_point,  ///< lambda stops growing along the branch and bends back, or stops falling and turns forward again
  bifurcation,    ///< the branch's orientation changes: a branch point
};

struct logit_event {
  logit_event_kind kind = logit_event_kind::turning_point;
  double lambda = 0;
  mixed_profile<double> profile{std::vector<std::size_t>{}};
};

struct logit_options {
  /// The end point must have regret below this, relative to the payoff
  /// range (gambit-logit's -m, default 1e-8).
  double max_regret = 1e-8;
  /// First step in arclength, and the largest factor a step may grow by.
  double first_step = 0.03;
  double max_acceleration = 1.5;
  /// Give up (status `limit_reached`) beyond this many accepted steps, or
  /// beyond this lambda times the payoff range.
  std::size_t max_steps = 200'000;
  double max_scaled_lambda = 1e12;
  /// For `logit_estimate`: stop at the first local maximum of the
  /// likelihood along the branch (as Gambit); false follows the branch to
  /// `max_estimate_lambda` and keeps the best point.
  bool stop_at_local_maximum = true;
  /// For `logit_estimate`, in the game's units (Gambit's 1e6).
  double max_estimate_lambda = 1e6;
  /// Called with each accepted point of the branch, from the centroid on.
  std::function<void(const logit_point&)> on_point = {};
  /// Called with the end point once it has passed the regret check.
  std::function<void(const mixed_profile<double>&)> on_equilibrium = {};
  std::stop_token stop_token = {};
  /// Called every 64 accepted steps, unit "steps" (total unknown).
  progress_callback on_progress = {};
};

struct logit_principal_branch_result : mixed_equilibria_result<double> {
  /// The last point of the branch reached (the traced end point, before
  /// polishing), whether or not it passed the check.
  logit_point end;
  /// Turning points and bifurcations met, in the order met.
  std::vector<logit_event> events;
  std::size_t steps = 0;
};

/// Result of `logit_qre_at_lambdas`. QRE are not equilibria: `exact` is
/// false and `error_bound` 0; each point solves the QRE equations at its
/// lambda to the corrector's tolerance.
struct logit_qre_at_lambdas_result : run_report {
  /// One QRE per lambda asked for, in the order asked; `status` says if
  /// the branch was lost before the last.
  std::vector<logit_point> points;
  std::vector<logit_event> events;
};

/// Result of `logit_estimate`. QRE are not equilibria: `exact` is false and
/// `error_bound` 0; each point solves the QRE equations to the corrector's
/// tolerance.
struct logit_estimate_result : run_report {
  /// The QRE on the principal branch that maximises the likelihood of the
  /// observed frequencies (its `log_likelihood` set).
  logit_point estimate;
  std::vector<logit_event> events;
};

namespace detail {

/// The logit branch of one game: the system, its tracing, and events.
class logit_branch {
 public:
  template <scalar Scalar>
  explicit logit_branch(const strategic_game<Scalar>& game)
      : range_(payoff_range(game)), payoffs_(scaled_payoffs(game)) {
    if (range_ <= 0) range_ = 1;
    total_ = payoffs_.total_strategies();
    values_.resize(total_);
    sigma_.resize(total_);
    jacobian_.resize(static_cast<Eigen::Index>(total_), static_cast<Eigen::Index>(total_));
  }

  [[nodiscard]] const multilinear_payoffs<double>& payoffs() const { return payoffs_; }
  [[nodiscard]] double range() const { return range_; }
  [[nodiscard]] std::size_t size() const { return total_; }

  /// H and its Jacobian at x = (log sigma, scaled lambda).
  void evaluate(const Eigen::VectorXd& x, Eigen::VectorXd& h, Eigen::MatrixXd* jacobian) {
    const auto k = static_cast<Eigen::Index>(total_);
    const double lambda = x(k);
    for (std::size_t j = 0; j < total_; ++j) sigma_[j] = std::exp(x(static_cast<Eigen::Index>(j)));
    if (jacobian) {
      payoffs_.strategy_values_and_jacobian(sigma_.data(), values_.data(), jacobian_);
      jacobian->setZero(k, k + 1);
    } else {
      payoffs_.strategy_values(sigma_.data(), values_.data());
    }
    h.resize(k);
    for (std::size_t i = 0; i < payoffs_.num_players(); ++i) {
      const std::size_t first = payoffs_.offset(i);
      const std::size_t count = payoffs_.num_strategies(i);
      const auto f = static_cast<Eigen::Index>(first);
      double sum = -1;
      for (std::size_t s = 0; s < count; ++s) sum += sigma_[first + s];
      h(f) = sum;
      for (std::size_t s = 1; s < count; ++s) {
        const auto row = static_cast<Eigen::Index>(first + s);
        h(row) = x(row) - x(f) - lambda * (values_[first + s] - values_[first]);
      }
      if (!jacobian) continue;
      auto& jac = *jacobian;
      for (std::size_t s = 0; s < count; ++s) jac(f, static_cast<Eigen::Index>(first + s)) = sigma_[first + s];
      for (std::size_t s = 1; s < count; ++s) {
        const auto row = static_cast<Eigen::Index>(first + s);
        jac(row, row) = 1;
        jac(row, f) = -1;
        jac(row, k) = -(values_[first + s] - values_[first]);
        for (std::size_t c = 0; c < total_; ++c) {
          const double d = jacobian_(first + s, c) - jacobian_(first, c);
          if (d != 0) jac(row, static_cast<Eigen::Index>(c)) = -lambda * d * sigma_[c];
        }
      }
    }
  }

  [[nodiscard]] Eigen::VectorXd centroid() const {
    Eigen::VectorXd x(static_cast<Eigen::Index>(total_ + 1));
    for (std::size_t i = 0; i < payoffs_.num_players(); ++i)
      for (std::size_t s = 0; s < payoffs_.num_strategies(i); ++s)
        x(static_cast<Eigen::Index>(payoffs_.offset(i) + s)) = -std::log(static_cast<double>(payoffs_.num_strategies(i)));
    x(static_cast<Eigen::Index>(total_)) = 0;
    return x;
  }

  [[nodiscard]] std::vector<double> probabilities(const Eigen::VectorXd& x) const {
    std::vector<double> p(total_);
    for (std::size_t j = 0; j < total_; ++j) p[j] = std::exp(x(static_cast<Eigen::Index>(j)));
    return p;
  }

  [[nodiscard]] logit_point point(const Eigen::VectorXd& x) const {
    logit_point out{.lambda = x(static_cast<Eigen::Index>(total_)) / range_,
                    .profile = mixed_profile<double>(payoffs_.strategy_counts())};
    for (std::size_t i = 0; i < payoffs_.num_players(); ++i)
      for (std::size_t s = 0; s < payoffs_.num_strategies(i); ++s)
        out.profile(i, s) = std::exp(x(static_cast<Eigen::Index>(payoffs_.offset(i) + s)));
    return out;
  }

  /// Newton's method on the log-probabilities with lambda held at x's:
  /// makes x a QRE to rounding error when it starts near one that is not a
  /// turning point. Returns whether it converged.
  bool solve_at_lambda(Eigen::VectorXd& x) {
    const auto k = static_cast<Eigen::Index>(total_);
    Eigen::VectorXd h;
    Eigen::MatrixXd jacobian;
    for (int iteration = 0; iteration < 30; ++iteration) {
      evaluate(x, h, &jacobian);
      if (h.cwiseAbs().maxCoeff() < 1e-14) return true;
      const Eigen::VectorXd delta = jacobian.leftCols(k).partialPivLu().solve(-h);
      if (!delta.allFinite()) return false;
      x.head(k) += delta;
      if (delta.cwiseAbs().maxCoeff() < 1e-15) return true;
    }
    evaluate(x, h, nullptr);
    return h.cwiseAbs().maxCoeff() < 1e-10;
  }

  /// Regret relative to the payoff range at x.
  [[nodiscard]] double regret(const Eigen::VectorXd& x) {
    const auto p = probabilities(x);
    return quick_regret(payoffs_, p, values_);
  }

 private:
  double range_;
  multilinear_payoffs<double> payoffs_;
  std::size_t total_ = 0;
  std::vector<double> values_, sigma_;
  Eigen::MatrixXd jacobian_;
};

/// Finds, between `previous` (tangent `tangent`) and the follower's current
/// point, the point where `criterion(x, t)` is zero, by the secant method on
/// the arclength from `previous` (bisection when it strays).
template <class Criterion>
Eigen::VectorXd refine_on_branch(logit_branch& branch, const Eigen::VectorXd& previous, const Eigen::VectorXd& tangent,
                                 double step, Criterion&& criterion) {
  path_following_options path{.first_step = step, .tolerance = 1e-12, .exact_tangents = true};
  path_follower local(
      [&branch](const Eigen::VectorXd& x, Eigen::VectorXd& h, Eigen::MatrixXd* j) { branch.evaluate(x, h, j); }, path);
  local.start(previous, tangent);
  const auto at = local.locate(step, [&](const path_follower::probe& p) { return criterion(p.x, p.tangent); });
  return at ? at->x : previous;
}

/// Follows the branch from the centroid, calling `visit(follower, previous
/// point, previous tangent)` after each accepted step; `visit` returns false
/// to stop. Records turning points and bifurcations in `events`. Returns the
/// status and the reason when not complete.
template <class Visit>
run_status trace_logit_branch(logit_branch& branch, const logit_options& options, std::vector<logit_event>& events,
                              std::string& reason, std::size_t& steps, Visit&& visit) {
  path_following_options path{.first_step = options.first_step, .max_acceleration = options.max_acceleration};
  path_follower follower(
      [&branch](const Eigen::VectorXd& x, Eigen::VectorXd& h, Eigen::MatrixXd* j) { branch.evaluate(x, h, j); }, path);
  const auto k = static_cast<Eigen::Index>(branch.size());
  Eigen::VectorXd direction = Eigen::VectorXd::Zero(k + 1);
  direction(k) = 1;
  follower.start(branch.centroid(), direction);
  if (options.on_point) options.on_point(branch.point(follower.point()));
  if (!visit(follower, follower.point(), follower.tangent())) return run_status::complete;
  while (true) {
    if (options.stop_token.stop_requested()) return run_status::cancelled;
    if (steps >= options.max_steps) {
      reason = "the branch took more than " + std::to_string(options.max_steps) + " steps";
      return run_status::limit_reached;
    }
    const Eigen::VectorXd previous = follower.point();
    const Eigen::VectorXd previous_tangent = follower.tangent();
    bool bifurcation = false;
    if (follower.step(bifurcation) != path_follower::outcome::accepted) {
      reason = "the step size fell below its minimum at lambda " +
               std::to_string(follower.point()(k) / branch.range()) + " (a singular point of the branch)";
      return run_status::failed;
    }
    ++steps;
    if (steps % 64 == 0) report_progress(options.on_progress, steps, 0, "steps");
    const Eigen::VectorXd& x = follower.point();
    if (bifurcation)
      events.push_back({.kind = logit_event_kind::bifurcation, .lambda = x(k) / branch.range(),
                        .profile = branch.point(x).profile});
    if ((previous_tangent(k) > 0) != (follower.tangent()(k) > 0)) {
      // Lambda peaked (or bottomed out) between the two points: where the
      // tangent's lambda component is zero.
      const auto at = refine_on_branch(branch, previous, previous_tangent, (x - previous).norm() * 1.0000001,
                                       [k](const Eigen::VectorXd&, const Eigen::VectorXd& t) { return t(k); });
      events.push_back({.kind = logit_event_kind::turning_point, .lambda = at(k) / branch.range(),
                        .profile = branch.point(at).profile});
    }
    if (options.on_point) options.on_point(branch.point(x));
    if (!visit(follower, previous, previous_tangent)) return run_status::complete;
    if (x(k) > options.max_scaled_lambda) {
      reason = "lambda passed " + std::to_string(options.max_scaled_lambda / branch.range()) +
               " before the regret fell below the bound";
      return run_status::limit_reached;
    }
    if (x(k) < -1e-9) {
      reason = "the branch returned to lambda = 0";
      return run_status::failed;
    }
  }
}

}  // namespace detail

/// The end point of the principal branch of the logit correspondence, as
/// gambit-logit computes it, checked as a Nash equilibrium (see the file
/// comment). `equilibria` holds it once it passes; `end` the last QRE met.
template <scalar Scalar>
[[nodiscard]] logit_principal_branch_result logit_principal_branch(const strategic_game<Scalar>& game, const logit_options& options = {}) {
  if (!(options.max_regret > 0)) throw invalid_argument("logit: max_regret must be positive");
  // Payoffs near the largest double or subnormal: the same game scaled by
  // 2^-e (as detail::rescaled_if_extreme), whose lambda is 2^e times the
  // game's. Subnormal payoffs have lambdas beyond the largest double: inf.
  if (const auto extreme = detail::extreme_payoff_exponent(game)) {
    const int exponent = *extreme;
    const auto back = [exponent](double lambda) { return std::ldexp(lambda, -exponent); };
    logit_options local = options;
    if (options.on_point)
      local.on_point = [&](const logit_point& point) {
        logit_point in_game_units = point;
        in_game_units.lambda = back(point.lambda);
        options.on_point(in_game_units);
      };
    auto result = logit_principal_branch(detail::times_power_of_two(game, -exponent), local);
    result.end.lambda = back(result.end.lambda);
    for (auto& event : result.events) event.lambda = back(event.lambda);
    return result;
  }
  const auto checked_game = convert<double>(game);
  detail::logit_branch branch(game);
  logit_principal_branch_result result;
  if (options.stop_token.stop_requested()) {
    result.status = run_status::cancelled;
    return result;
  }
  const auto k = static_cast<Eigen::Index>(branch.size());
  Eigen::VectorXd last;
  result.status = detail::trace_logit_branch(
      branch, options, result.events, result.reason, result.steps,
      [&](detail::path_follower& follower, const Eigen::VectorXd&, const Eigen::VectorXd&) {
        last = follower.point();
        return !(branch.regret(last) < options.max_regret);
      });
  result.end = branch.point(last);
  if (result.status != run_status::complete) return result;
  // Polish on the support the end point shows, and keep the better point.
  auto best = result.end.profile;
  double best_regret = relative_regret(checked_game, best);
  const auto sigma = branch.probabilities(last);
  for (const double threshold : {1e-6, 1e-4, 1e-2}) {
    const auto support = detail::support_above(branch.payoffs(), sigma, threshold);
    if (const auto polished = detail::newton_on_support(branch.payoffs(), sigma, support)) {
      mixed_profile<double> candidate(game.strategy_counts());
      for (std::size_t i = 0; i < game.num_players(); ++i)
        for (std::size_t s = 0; s < game.num_strategies(i); ++s)
          candidate(i, s) = (*polished)[branch.payoffs().offset(i) + s];
      const double regret = relative_regret(checked_game, candidate);
      if (regret < best_regret) {
        best = candidate;
        best_regret = regret;
      }
    }
  }
  (void)k;
  if (!detail::keep_checked(result, checked_game, best, options.max_regret, 0.0, options.on_equilibrium)) {
    result.status = run_status::failed;
    result.reason = "the end point's regret is " + std::to_string(best_regret) +
                    " of the payoff range, above the bound " + std::to_string(options.max_regret);
  }
  return result;
}

/// The QRE on the principal branch at each lambda in `lambdas` (in the
/// game's units, each >= 0): the first point where the branch reaches it,
/// found by tracing and then solving for that lambda exactly (as
/// gambit-logit -l). Cost: one trace up to the largest lambda.
template <scalar Scalar>
[[nodiscard]] logit_qre_at_lambdas_result logit_qre_at_lambdas(const strategic_game<Scalar>& game, const std::vector<double>& lambdas,
                                                        const logit_options& options = {}) {
  for (const double lambda : lambdas)
    if (!(lambda >= 0) || !std::isfinite(lambda))
      throw invalid_argument("logit: lambda must be a finite number >= 0, not " + std::to_string(lambda));
  detail::logit_branch branch(game);
  logit_qre_at_lambdas_result result;
  const auto k = static_cast<Eigen::Index>(branch.size());
  std::vector<std::optional<logit_point>> found(lambdas.size());
  std::size_t remaining = lambdas.size();
  for (std::size_t q = 0; q < lambdas.size(); ++q)
    if (lambdas[q] == 0) {
      found[q] = branch.point(branch.centroid());
      --remaining;
    }
  std::size_t steps = 0;
  if (remaining > 0) {
    result.status = detail::trace_logit_branch(
        branch, options, result.events, result.reason, steps,
        [&](detail::path_follower& follower, const Eigen::VectorXd& previous, const Eigen::VectorXd& tangent) {
          const Eigen::VectorXd& x = follower.point();
          for (std::size_t q = 0; q < lambdas.size(); ++q) {
            if (found[q]) continue;
            const double target = lambdas[q] * branch.range();
            if ((previous(k) - target) * (x(k) - target) > 0) continue;
            const double step = (x - previous).norm();
            const Eigen::VectorXd at = detail::refine_on_branch(branch, previous, tangent, step * 1.0000001,
                                                     [&](const Eigen::VectorXd& y, const Eigen::VectorXd&) {
                                                       return y(k) - target;
                                                     });
            Eigen::VectorXd polished = at;
            polished(k) = target;
            if (!branch.solve_at_lambda(polished)) polished = at;
            found[q] = branch.point(polished);
            found[q]->lambda = lambdas[q];
            --remaining;
          }
          return remaining > 0;
        });
  }
  for (auto& f : found) {
    if (!f) break;
    result.points.push_back(std::move(*f));
  }
  if (result.points.size() < lambdas.size() && result.status == run_status::complete) {
    result.status = run_status::failed;
    result.reason = "the branch did not reach every lambda";
  }
  return result;
}

/// Maximum-likelihood estimate of lambda from observed strategy
/// frequencies (counts or shares, flat in Gambit's order): the QRE on the
/// principal branch that maximises sum_k f_k log sigma_k, as gambit-logit
/// -L and pygambit's logit_estimate. The likelihood's derivative along the
/// branch is f . dlog(sigma)/ds; its first sign change from + to - brackets
/// a local maximum, refined by the secant method on the arclength.
template <scalar Scalar>
[[nodiscard]] logit_estimate_result logit_estimate(const strategic_game<Scalar>& game, const std::vector<double>& frequencies,
                                                   const logit_options& options = {}) {
  detail::logit_branch branch(game);
  if (frequencies.size() != branch.size())
    throw invalid_argument("logit_estimate: " + std::to_string(frequencies.size()) + " frequencies given for a game of " +
                           std::to_string(branch.size()) + " strategies");
  for (std::size_t j = 0; j < frequencies.size(); ++j)
    if (!(frequencies[j] >= 0) || !std::isfinite(frequencies[j]))
      throw invalid_argument("logit_estimate: frequency " + std::to_string(j + 1) + " is not a finite number >= 0");
  const auto k = static_cast<Eigen::Index>(branch.size());
  const auto likelihood = [&](const Eigen::VectorXd& x) {
    double sum = 0;
    for (Eigen::Index j = 0; j < k; ++j)
      if (frequencies[static_cast<std::size_t>(j)] > 0) sum += frequencies[static_cast<std::size_t>(j)] * x(j);
    return sum;
  };
  const auto slope = [&](const Eigen::VectorXd&, const Eigen::VectorXd& t) {
    double sum = 0;
    for (Eigen::Index j = 0; j < k; ++j) sum += frequencies[static_cast<std::size_t>(j)] * t(j);
    return sum;
  };
  logit_estimate_result result;
  Eigen::VectorXd best = branch.centroid();
  double best_value = likelihood(best);
  std::size_t steps = 0;
  logit_options local = options;
  local.max_scaled_lambda = options.max_estimate_lambda * branch.range() * 1.5;
  result.status = detail::trace_logit_branch(
      branch, local, result.events, result.reason, steps,
      [&](detail::path_follower& follower, const Eigen::VectorXd& previous, const Eigen::VectorXd& tangent) {
        const Eigen::VectorXd& x = follower.point();
        if (slope(previous, tangent) > 0 && slope(x, follower.tangent()) <= 0) {
          const auto at = detail::refine_on_branch(branch, previous, tangent, (x - previous).norm() * 1.0000001, slope);
          const double value = likelihood(at);
          if (value > best_value) {
            best = at;
            best_value = value;
          }
          if (options.stop_at_local_maximum) return false;
        }
        if (likelihood(x) > best_value) {
          best = x;
          best_value = likelihood(x);
        }
        return x(k) < options.max_estimate_lambda * branch.range();  // the end of the range searched, as Gambit's
      });
  result.estimate = branch.point(best);
  result.estimate.log_likelihood = best_value;
  return result;
}

}  // namespace impasse
