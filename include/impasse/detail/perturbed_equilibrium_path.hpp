// The path of equilibria of a game perturbed by a bonus: player i earns
// u_i(s; sigma) + lambda g_i(s) from pure strategy s. For lambda large the
// perturbed game has one equilibrium, the pure profile that maximises each
// g_i; the set of pairs (sigma, lambda) with sigma an equilibrium of the
// lambda-perturbed game is, for almost every g, a one-dimensional manifold
// (Kohlberg and Mertens' structure theorem), and following its branch from
// that start as lambda decreases is Govindan and Wilson's global Newton
// method ("A global Newton method to compute Nash equilibria", JET 110,
// 2003): every point where the branch crosses lambda = 0 is an equilibrium
// of the game itself, and the branch crosses it an odd number of times.
//
// Govindan and Wilson follow the branch in the coordinates of the structure
// theorem; here it is followed in *support charts*, the same curve: on a
// support S the unknowns are the probabilities on S, each player's payoff
// v_i and lambda, the equations "every s in S_i earns v_i" and "the
// probabilities of S_i sum to one", and the curve is traced by predictor-
// corrector continuation (path_following.hpp). The chart changes where a
// probability reaches zero (the strategy leaves; its payoff then falls below
// v_i) or an outside strategy's payoff reaches v_i (it enters; its
// probability then grows), which is Lemke-Howson's pivot in a nonlinear
// setting. Every event is located on the curve by a bracketing root finder
// (path_follower::locate).
//
// Where support changes fall closer together than the steps, the tracer can
// leave the branch for another part of the same curve: a loop of it, or the
// branch itself run backwards. Two checks catch this. A located event at
// which another event function is already clearly negative was reached
// past changes that come first, and the step is redone shorter. A support
// change met a second time (the branch is an arc and meets none twice)
// sends the tracer back to the change before the first meeting, to retrace
// from there with steps capped at a quarter of those it took. Support
// changes are told apart by strategy, lambda and profile: along a
// continuum of equilibria lambda stays 0. On 30 uniform random 3-player
// games (4 to 12 strategies, seeds 1 to 6) the first branches reached
// their end on 17 before these checks, on 18 with the first alone, and on
// all 30 with both (97 retraces, 8,456 distinct crossings; steps
// unbounded).
//
// The payoffs are a model with the interface of multilinear_payoffs on a
// support (values and derivatives at a profile that is zero outside it):
// the game's multilinear payoffs (global Newton) or a polymatrix
// approximation of them (iterated polymatrix approximation). The
// equations on the chart need the support's own values and Jacobian
// (`support_values_and_jacobian_on`, `support_values_on`), the events the
// outside strategies' values (`outside_values_on`, `strategy_value_on`), so
// no evaluation computes values it does not use. Cost per step: one
// Jacobian and one LU of size |S| + n + 1, a few evaluations of the
// support's values for the corrector, and four of the outside values for
// the events.
#pragma once

#include <impasse/detail/path_following.hpp>
#include <impasse/detail/multilinear_payoffs.hpp>

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <utility>
#include <vector>

namespace impasse::detail {

/// A polymatrix game on the same strategies as a multilinear one: player
/// i's payoff from s is c(i,s) + sum over j != i, t of A((i,s),(j,t))
/// sigma_j(t). Built as the first-order approximation of a game at a
/// profile (Govindan and Wilson 2004).
struct polymatrix_payoffs {
  std::vector<std::size_t> counts;
  std::vector<std::size_t> offsets;
  Eigen::VectorXd constant;
  Eigen::MatrixXd linear;

  [[nodiscard]] std::size_t num_players() const { return counts.size(); }
  [[nodiscard]] std::size_t num_strategies(std::size_t i) const { return counts[i]; }
  [[nodiscard]] std::size_t offset(std::size_t i) const { return offsets[i]; }
  [[nodiscard]] std::size_t total_strategies() const { return static_cast<std::size_t>(constant.size()); }

  void strategy_values(const double* sigma, double* values) const {
    const auto k = constant.size();
    const Eigen::Map<const Eigen::VectorXd> s(sigma, k);
    Eigen::Map<Eigen::VectorXd>(values, k) = constant + linear * s;
  }
  template <class Matrix>
  void strategy_values_and_jacobian(const double* sigma, double* values, Matrix& jacobian) const {
    strategy_values(sigma, values);
    for (Eigen::Index r = 0; r < linear.rows(); ++r)
      for (Eigen::Index c = 0; c < linear.cols(); ++c)
        jacobian(static_cast<std::size_t>(r), static_cast<std::size_t>(c)) = linear(r, c);
  }

  /// The same on a profile that is zero outside `support` (one list of
  /// strategies per player), in the model's interface (see
  /// multilinear_payoffs): a polymatrix game's values cost O(K^2)
  /// whatever the support, so these ignore it and fill in every entry.
  using profile_support = multilinear_payoffs<double>::profile_support;
  void support_values_on(const profile_support& /*support*/, const double* sigma, double* values) const {
    strategy_values(sigma, values);
  }
  void outside_values_on(const profile_support& /*support*/, const double* sigma, double* values) const {
    strategy_values(sigma, values);
  }
  /// O(K): one row of the linear part.
  [[nodiscard]] double strategy_value_on(const profile_support& /*support*/, const double* sigma, std::size_t player,
                                         std::size_t strategy) const {
    const auto row = static_cast<Eigen::Index>(offsets[player] + strategy);
    return constant(row) + linear.row(row).dot(Eigen::Map<const Eigen::VectorXd>(sigma, constant.size()));
  }
  template <class Matrix>
  void support_values_and_jacobian_on(const profile_support& /*support*/, const double* sigma, double* values,
                                      Matrix& jacobian) const {
    strategy_values_and_jacobian(sigma, values, jacobian);
  }

  /// The approximation of `game` at `sigma`: same values and derivatives there.
  static polymatrix_payoffs approximate(const multilinear_payoffs<double>& game, const std::vector<double>& sigma) {
    polymatrix_payoffs out;
    out.counts = game.strategy_counts();
    for (std::size_t i = 0; i < game.num_players(); ++i) out.offsets.push_back(game.offset(i));
    const auto k = static_cast<Eigen::Index>(game.total_strategies());
    Eigen::MatrixXd jacobian(k, k);
    std::vector<double> values(static_cast<std::size_t>(k));
    game.strategy_values_and_jacobian(sigma.data(), values.data(), jacobian);
    const Eigen::Map<const Eigen::VectorXd> s(sigma.data(), k);
    out.linear = jacobian;
    out.constant = Eigen::Map<const Eigen::VectorXd>(values.data(), k) - jacobian * s;
    return out;
  }
};

struct perturbed_path_options {
  /// The branch ends when lambda falls below this (after crossing 0).
  double end_lambda = -10;
  std::size_t max_steps = 100'000;
  std::size_t max_events = 10'000;
  /// Times the branch may be retraced with shorter steps from before one
  /// support change it met twice (see follow_perturbed_path). Two were
  /// enough on every branch measured (30 random 3-player games, no step
  /// limit: all reach their end with 2 as with 8, with 1 only 26); where a
  /// loop is the game's own (a continuum of equilibria, a degenerate
  /// support change), each further retrace only crawls at a quarter of the
  /// last one's steps: with 8, the corpus's degenerate games ran to the
  /// 20,000-step limit on 8 of 312 branches (52 games, seeds 1-6), with 3
  /// on 4 (the other four stop after 350 to 1,982 steps), each with the
  /// same equilibria.
  std::size_t max_retraces = 3;
  double first_step = 0.05;
  /// Stop at the first crossing of lambda = 0 (one equilibrium is enough).
  bool stop_at_first_crossing = false;
  std::stop_token stop_token = {};
  /// For debugging: told of each step and event.
  std::function<void(const std::string&)> trace = {};
};

struct perturbed_path_result {
  /// Profiles (flat) where the branch crossed lambda = 0, in order.
  std::vector<std::vector<double>> crossings;
  bool complete = false;   ///< reached end_lambda
  bool limit_reached = false;  ///< stopped at max_steps or max_events
  bool cancelled = false;
  std::string failure;     ///< why it stopped otherwise
  std::size_t steps = 0;
  std::size_t events = 0;  ///< support changes
  std::size_t retraces = 0;  ///< stretches retraced with shorter steps
};

/// Follows the branch of `payoffs` (a model as above) perturbed by `bonus`
/// (flat, one per strategy) from the pure profile maximising it, starting
/// at lambda = `start_lambda` (which must make that profile the unique
/// equilibrium; the caller picks it from the payoff range).
template <class Payoffs>
perturbed_path_result follow_perturbed_path(const Payoffs& payoffs, const std::vector<double>& bonus, double start_lambda,
                                            const perturbed_path_options& options) {
  const std::size_t n = payoffs.num_players();
  const std::size_t total = payoffs.total_strategies();
  perturbed_path_result result;
  std::vector<bool> support(total, false);
  std::vector<double> sigma(total, 0.0), values(total);
  Eigen::MatrixXd payoff_jacobian(static_cast<Eigen::Index>(total), static_cast<Eigen::Index>(total));
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t best = payoffs.offset(i);
    for (std::size_t s = 0; s < payoffs.num_strategies(i); ++s)
      if (bonus[payoffs.offset(i) + s] > bonus[best]) best = payoffs.offset(i) + s;
    support[best] = true;
    sigma[best] = 1;
  }
  std::vector<std::size_t> owner(total);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t s = 0; s < payoffs.num_strategies(i); ++s) owner[payoffs.offset(i) + s] = i;

  // The chart: unknowns are sigma on the support (in strategy order), v, lambda.
  // `by_player`: the same, per player (local indices), for the payoff sums,
  // which need only the profiles inside the support (sigma is zero outside).
  std::vector<std::size_t> index;
  multilinear_payoffs<double>::profile_support by_player(n);
  const auto rebuild = [&] {
    index.clear();
    for (auto& list : by_player) list.clear();
    for (std::size_t k = 0; k < total; ++k)
      if (support[k]) {
        index.push_back(k);
        by_player[owner[k]].push_back(k - payoffs.offset(owner[k]));
      }
  };
  rebuild();
  const auto unpack = [&](const Eigen::VectorXd& x) {
    std::fill(sigma.begin(), sigma.end(), 0.0);
    for (std::size_t c = 0; c < index.size(); ++c) sigma[index[c]] = x(static_cast<Eigen::Index>(c));
  };
  const auto system = [&](const Eigen::VectorXd& x, Eigen::VectorXd& h, Eigen::MatrixXd* jac) {
    unpack(x);
    const std::size_t m = index.size();
    const auto rows = static_cast<Eigen::Index>(m + n);
    const double lambda = x(rows);
    if (jac) {
      payoffs.support_values_and_jacobian_on(by_player, sigma.data(), values.data(), payoff_jacobian);
      jac->setZero(rows, rows + 1);
    } else {
      payoffs.support_values_on(by_player, sigma.data(), values.data());
    }
    h.resize(rows);
    for (std::size_t r = 0; r < m; ++r) {
      const std::size_t k = index[r];
      const auto row = static_cast<Eigen::Index>(r);
      const auto v = static_cast<Eigen::Index>(m + owner[k]);
      h(row) = values[k] + lambda * bonus[k] - x(v);
      if (!jac) continue;
      for (std::size_t c = 0; c < m; ++c)
        if (owner[index[c]] != owner[k]) (*jac)(row, static_cast<Eigen::Index>(c)) = payoff_jacobian(k, index[c]);
      (*jac)(row, v) = -1;
      (*jac)(row, rows) = bonus[k];
    }
    for (std::size_t i = 0; i < n; ++i) {
      const auto row = static_cast<Eigen::Index>(m + i);
      double sum = -1;
      for (std::size_t c = 0; c < m; ++c)
        if (owner[index[c]] == i) {
          sum += x(static_cast<Eigen::Index>(c));
          if (jac) (*jac)(row, static_cast<Eigen::Index>(c)) = 1;
        }
      h(row) = sum;
    }
  };
  // The start: the pure profile, its payoffs, lambda.
  const auto pack = [&](double lambda, const std::vector<double>& v) {
    Eigen::VectorXd x(static_cast<Eigen::Index>(index.size() + n + 1));
    for (std::size_t c = 0; c < index.size(); ++c) x(static_cast<Eigen::Index>(c)) = sigma[index[c]];
    for (std::size_t i = 0; i < n; ++i) x(static_cast<Eigen::Index>(index.size() + i)) = v[i];
    x(static_cast<Eigen::Index>(index.size() + n)) = lambda;
    return x;
  };
  payoffs.support_values_on(by_player, sigma.data(), values.data());
  std::vector<double> v(n);
  for (const auto k : index) v[owner[k]] = values[k] + start_lambda * bonus[k];

  path_follower follower(system, {.first_step = options.first_step, .max_acceleration = 2.0});
  Eigen::VectorXd x = pack(start_lambda, v);
  {
    Eigen::VectorXd direction = Eigen::VectorXd::Zero(x.size());
    direction(x.size() - 1) = -1;  // lambda decreasing
    follower.start(x, direction);
  }
  // The state after each support change (and at the start), to retrace the
  // branch from there when it is found to have left it (below).
  struct checkpoint {
    std::vector<bool> support;
    path_follower::probe at;
    double step = 0;
    std::size_t steps = 0;
  };
  std::vector<checkpoint> checkpoints{{support, follower.current(), follower.step_size(), 0}};
  const double free_max_step = follower.max_step();
  // A retrace goes on until the branch has more support changes behind it
  // than when the loop was found (`passed`), or its cap on the steps has
  // held for `capped_steps` steps (sixteen times those of the stretch: a
  // stretch retraced at a quarter of the step takes about four times as
  // many). Retraces of one stretch count up to `max_retraces`.
  std::size_t retraces = 0, passed = 0, capped_steps = 0;
  // Event functions at a point of the current chart: each support
  // probability (must stay >= 0), each outside strategy's shortfall
  // v_i - u_i(t) - lambda g_i(t) (must stay >= 0), and lambda (crossing 0).
  const auto lambda_of = [&](const Eigen::VectorXd& y) { return y(y.size() - 1); };
  const auto slack = [&](const Eigen::VectorXd& y, std::size_t t) {
    unpack(y);
    const std::size_t i = owner[t];
    return y(static_cast<Eigen::Index>(index.size() + i)) -
           payoffs.strategy_value_on(by_player, sigma.data(), i, t - payoffs.offset(i)) - lambda_of(y) * bonus[t];
  };
  const auto event_value = [&](const Eigen::VectorXd& y, std::size_t k) {
    // k < total: strategy k's probability (support) or slack (outside).
    if (support[k]) {
      for (std::size_t c = 0; c < index.size(); ++c)
        if (index[c] == k) return y(static_cast<Eigen::Index>(c));
    }
    return slack(y, k);
  };
  // Every event function at once, from one evaluation of the outside
  // strategies' values on the support's profiles (where event_value per
  // strategy would cost that each).
  const auto all_events = [&](const Eigen::VectorXd& y, std::vector<double>& out) {
    unpack(y);
    payoffs.outside_values_on(by_player, sigma.data(), values.data());
    out.resize(total);
    const double lambda = lambda_of(y);
    for (std::size_t k = 0; k < total; ++k)
      if (!support[k]) out[k] = y(static_cast<Eigen::Index>(index.size() + owner[k])) - values[k] - lambda * bonus[k];
    for (std::size_t c = 0; c < index.size(); ++c) out[index[c]] = y(static_cast<Eigen::Index>(c));
  };
  std::vector<double> at_before, at_y, at_arc;
  // Whether an event function non-negative at both ends of the step from
  // `from` to `to` (tangent `to_tangent` there) is below -1e-8 at a quarter,
  // half or three quarters of the cubic Hermite arc between them (at_before
  // and at_y hold the functions at the ends). Cost: three evaluations of
  // the strategy values on the support.
  const auto dips_within = [&](const path_follower::probe& from, const Eigen::VectorXd& to,
                               const Eigen::VectorXd& to_tangent) {
    const double h = (to - from.x).norm();
    for (const double s : {0.25, 0.5, 0.75}) {
      const double s2 = s * s, s3 = s2 * s;
      const Eigen::VectorXd y = (2 * s3 - 3 * s2 + 1) * from.x + (s3 - 2 * s2 + s) * h * from.tangent +
                                (-2 * s3 + 3 * s2) * to + (s3 - s2) * h * to_tangent;
      all_events(y, at_arc);
      for (std::size_t k = 0; k < total; ++k)
        if (at_before[k] >= 0 && at_y[k] >= 0 && at_arc[k] < -1e-8) return true;
    }
    return false;
  };
  // Whether at_before already holds the event functions at the current
  // point (the previous step ended there without an event).
  bool events_known = false;
  // Every support change so far: strategy, lambda and profile.
  struct support_change {
    std::size_t strategy;
    double lambda;
    std::vector<double> sigma;
  };
  std::vector<support_change> visited;
  // Whether two profiles differ by at most `tolerance` in every probability.
  const auto close = [](const std::vector<double>& a, const std::vector<double>& b, double tolerance) {
    for (std::size_t k = 0; k < a.size(); ++k)
      if (std::abs(a[k] - b[k]) > tolerance) return false;
    return true;
  };
  // Whether a support change of `strategy` at `lambda` and profile `sigma`
  // is `seen`: lambda alone does not tell apart the changes along a
  // continuum of equilibria, where it stays 0.
  const auto same_change = [&](const support_change& seen, std::size_t strategy, double lambda,
                               const std::vector<double>& at_sigma) {
    return seen.strategy == strategy && std::abs(seen.lambda - lambda) <= 1e-9 * std::max(1.0, std::abs(lambda)) &&
           close(seen.sigma, at_sigma, 1e-7);
  };
  while (true) {
    if (options.stop_token.stop_requested()) {
      result.cancelled = true;
      return result;
    }
    if (result.steps >= options.max_steps || result.events >= options.max_events) {
      result.failure = "the path took more than its limit of steps or support changes";
      result.limit_reached = true;
      return result;
    }
    const path_follower::probe before = follower.current();
    bool bifurcation = false;
    if (follower.step(bifurcation) != path_follower::outcome::accepted) {
      result.failure = "the step size fell below its minimum (a singular point of the path)";
      return result;
    }
    ++result.steps;
    if (result.steps > capped_steps) follower.set_max_step(free_max_step);
    const Eigen::VectorXd after = follower.point();
    if (options.trace) options.trace("step lambda " + std::to_string(lambda_of(after)) + " h " + std::to_string(follower.step_size()));
    // The first event along the step: the smallest fraction where an event
    // function changes sign (by linear interpolation, then refined). A
    // function a hair below zero at `before` (a point located on an earlier
    // event) still counts as starting feasible.
    constexpr double feasible = -1e-10;
    if (!events_known) all_events(before.x, at_before);
    events_known = false;
    const double la = lambda_of(before.x);
    // The earliest event between `before` and `y` by linear interpolation:
    // `which` (total for none), its fraction, and whether lambda's crossing
    // of zero comes first.
    const auto first_event = [&](const Eigen::VectorXd& y, std::size_t& which, bool& crossing) {
      double first = 2;
      which = total;
      crossing = false;
      all_events(y, at_y);
      for (std::size_t k = 0; k < total; ++k) {
        const double a = at_before[k], b = at_y[k];
        if (a >= feasible && b < std::min(a, 0.0)) {
          const double fraction = std::max(a, 0.0) / (std::max(a, 0.0) - b);
          if (fraction < first) {
            first = fraction;
            which = k;
          }
        }
      }
      const double lb = lambda_of(y);
      // A step from a located crossing (lambda zero to the last digits)
      // does not cross again.
      if (std::abs(la) > 1e-12 && ((la > 0 && lb <= 0) || (la < 0 && lb >= 0))) {
        const double fraction = la / (la - lb);
        if (fraction <= first) {
          first = fraction;
          crossing = true;
        }
      }
      return first;
    };
    std::size_t which = total;
    bool crossing = false;
    if (first_event(after, which, crossing) > 1) {
      // No event function changes sign between the step's ends; but on a
      // long step one can dip below zero and come back, and the tracer
      // would jump over two support changes onto another part of the
      // curve. On a dip the step is redone four times shorter.
      if (dips_within(before, after, follower.tangent())) {
        follower.move_to(before);
        follower.set_step_size((after - before.x).norm() * 0.25);
        events_known = true;
        continue;
      }
      if (lambda_of(after) < options.end_lambda) {
        result.complete = true;
        return result;
      }
      // Above the start's lambda the perturbed game's only equilibrium is
      // the start: a branch back there has been followed the wrong way at a
      // degenerate support change, and would run to infinity.
      if (result.events > 0 && lambda_of(after) > start_lambda) {
        result.failure = "the path turned back to its start at a degenerate support change";
        return result;
      }
      at_before.swap(at_y);
      events_known = true;
      continue;
    }
    // Locate the event on the curve: a root of its function in the arclength
    // from `before` (path_follower::locate).
    // Linear interpolation can misorder two events close together on a
    // bending curve: while another event function is already negative at
    // the located point, that one came first and is located instead, on
    // the shorter stretch.
    follower.move_to(before);
    const double step = (after - before.x).norm();
    // The arclength parameter of `after` (the corrector moves orthogonally
    // to the tangent), so that the search's far end is `after` itself.
    double reach = before.tangent.dot(after - before.x);
    std::optional<path_follower::probe> located;
    for (int attempt = 0; attempt < 20; ++attempt) {
      const auto criterion = [&](const Eigen::VectorXd& y) { return crossing ? lambda_of(y) : event_value(y, which); };
      located = follower.locate(reach, [&](const path_follower::probe& p) { return criterion(p.x); });
      if (!located) break;
      std::size_t earlier = total;
      bool earlier_crossing = false;
      first_event(located->x, earlier, earlier_crossing);
      if (earlier_crossing && !crossing) {
        crossing = true;
      } else if (!earlier_crossing && earlier != total && (crossing || earlier != which) &&
                 event_value(located->x, earlier) < feasible) {
        which = earlier;
        crossing = false;
      } else {
        break;
      }
      reach = before.tangent.dot(located->x - before.x);
    }
    if (!located) {
      result.failure = "an event could not be located on the path";
      return result;
    }
    const path_follower::probe at = *located;
    const auto criterion = [&](const Eigen::VectorXd& y) { return crossing ? lambda_of(y) : event_value(y, which); };
    // locate returns its far end when the criterion does not change sign
    // between the step's start and the point the corrector reaches there
    // (which on a long step need not be `after`): the event is then not on
    // this stretch of the curve. Switching charts there would leave the
    // branch; the step is redone four times shorter instead.
    // Nor is it when another event function, non-negative where the step
    // began, is clearly negative at the located point: the corrector found
    // a point of the chart's curve on another part of it, past support
    // changes the branch makes first.
    const auto left_branch = [&] {
      all_events(at.x, at_arc);
      for (std::size_t k = 0; k < total; ++k)
        if (k != which && at_before[k] >= feasible && at_arc[k] < -1e-7) return true;
      return false;
    };
    if ((!(std::abs(criterion(at.x)) <= 1e-9) || left_branch()) && step > 1e-9) {
      follower.move_to(before);
      follower.set_step_size(step * 0.25);
      events_known = true;
      continue;
    }
    if (crossing) {
      unpack(at.x);
      // A retraced stretch crosses again where it crossed before.
      const auto known = [&](const std::vector<double>& seen) { return close(seen, sigma, 1e-9); };
      if (std::none_of(result.crossings.begin(), result.crossings.end(), known)) result.crossings.push_back(sigma);
      if (options.stop_at_first_crossing) {
        result.complete = true;
        return result;
      }
      // Continue from the crossing, checking the next step for events like
      // any other: an unchecked step past it could carry a support change
      // (an outside strategy's shortfall already negative at the next
      // step's start is never an event again, and the tracer left the
      // branch there).
      follower.move_to(at);
      follower.set_step_size(std::max(step * 0.1, 1e-6));
      continue;
    }
    // A support change at `at`. The branch is an arc (it never meets
    // itself), so a support change of the same strategy at the same lambda
    // and profile seen before means the tracer left the branch since then
    // and is going round a loop of the curve: it retraces (below), and
    // stops after `max_retraces` retraces of one stretch. `sigma` holds the
    // profile at `at` from here on.
    ++result.events;
    if (retraces > 0 && visited.size() > passed) {
      follower.set_max_step(free_max_step);
      retraces = 0;
    }
    {
      const double here = lambda_of(at.x);
      unpack(at.x);
      std::size_t seen_at = visited.size();
      for (std::size_t e = 0; e < visited.size() && seen_at == visited.size(); ++e)
        if (same_change(visited[e], which, here, sigma)) seen_at = e;
      if (seen_at < visited.size()) {
        // A support change met twice: the branch is an arc, so the tracer
        // left it after that change, most often at a cluster of support
        // changes closer together than its steps, and came back along
        // another part of the curve. Retrace from the change before the
        // first meeting with steps capped at a quarter of those taken there
        // (and a quarter again on each further retrace), until past the
        // stretch where it went wrong.
        if (retraces >= options.max_retraces) {
          result.failure = "the path met a support change it had passed before (a loop after a degenerate support change)";
          return result;
        }
        ++retraces;
        ++result.retraces;
        if (options.trace) options.trace("retrace from support change " + std::to_string(seen_at));
        const checkpoint& back = checkpoints[seen_at];
        support = back.support;
        rebuild();
        follower.move_to(back.at);
        follower.set_max_step(std::min(follower.max_step(), back.step) * 0.25);
        follower.set_step_size(back.step);
        passed = visited.size();
        capped_steps = result.steps + 16 * (result.steps - back.steps) + 100;
        visited.resize(seen_at);
        checkpoints.resize(seen_at + 1);
        events_known = false;
        continue;
      }
      visited.push_back({which, here, sigma});
    }
    if (options.trace) options.trace("event " + std::to_string(which) + (support[which] ? " leaves" : " enters") + " at lambda " + std::to_string(lambda_of(at.x)) + " criterion " + std::to_string(criterion(at.x)));
    std::vector<double> current_v(n);
    for (std::size_t i = 0; i < n; ++i) current_v[i] = at.x(static_cast<Eigen::Index>(index.size() + i));
    const double lambda = lambda_of(at.x);
    const bool leaving = support[which];
    if (leaving) {
      sigma[which] = 0;
      support[which] = false;
    } else {
      support[which] = true;
      sigma[which] = 0;
    }
    rebuild();
    Eigen::VectorXd y = pack(lambda, current_v);
    // Orient the new chart's tangent: a leaving strategy's shortfall grows,
    // an entering one's probability grows.
    follower.start(y, follower.null_direction(y));
    Eigen::VectorXd t = follower.tangent();
    const double probe_length = 1e-7;
    const Eigen::VectorXd ahead = y + probe_length * t;
    double grows = 0;
    if (leaving) {
      grows = slack(ahead, which) - slack(y, which);
    } else {
      for (std::size_t c = 0; c < index.size(); ++c)
        if (index[c] == which) grows = ahead(static_cast<Eigen::Index>(c)) - y(static_cast<Eigen::Index>(c));
    }
    if (grows < 0) follower.start(y, -t);
    follower.set_step_size(std::max(step * 0.5, 1e-4));
    checkpoints.push_back({support, follower.current(), follower.step_size(), result.steps});
  }
}

}  // namespace impasse::detail
