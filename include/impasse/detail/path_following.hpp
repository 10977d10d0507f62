// Predictor-corrector continuation of a smooth curve H(x) = 0, H: R^{K+1}
// -> R^K, in arclength (Allgower and Georg, Numerical Continuation Methods,
// 1990, chapters 2 and 6): an Euler predictor along the unit tangent, a
// chord-Newton corrector in the hyperplane orthogonal to it, and step-size
// control from the corrector's first distance and contraction rate.
//
// The tangent at each point solves [J; t_prev^T] t = e_{K+1}, so it is
// oriented along the direction of travel by construction, and the sign of
// det [J; t_prev^T] (which equals that of det [J; t^T]) is the curve's
// orientation: it changes sign exactly where the curve passes a simple
// bifurcation point (Allgower-Georg, section 8.1), which `step` reports. A
// turning point of any coordinate is a sign change of that coordinate of
// the tangent, which the caller sees from consecutive tangents.
//
// Cost per accepted step: a few evaluations of H, one of its Jacobian, and
// one LU factorisation of a (K+1) x (K+1) matrix, O(K^3).
#pragma once

#include <Eigen/Dense>
#include <boost/math/tools/toms748_solve.hpp>

#include <cmath>
#include <cstddef>
#include <functional>
#include <optional>

namespace impasse::detail {

struct path_following_options {
  double first_step = 0.03;
  double min_step = 1e-12;
  double max_step = 1e6;
  /// Largest factor by which a step may grow (or shrink after a success).
  double max_acceleration = 1.5;
  /// Corrector: accepted when a Newton step is shorter than this.
  double tolerance = 1e-9;
  /// Corrector: rejected when the first Newton step exceeds this or the
  /// contraction rate exceeds `max_contraction`.
  double max_distance = 0.4;
  double max_contraction = 0.6;
  std::size_t max_corrector_iterations = 40;
  /// Recompute the tangent from the Jacobian at the corrected point (one
  /// more Jacobian and LU per step) instead of reusing the predictor's:
  /// for refining events that depend on the tangent.
  bool exact_tangents = false;
};

class path_follower {
 public:
  /// Evaluates H(x) (length K) and, when the pointer is not null, its
  /// Jacobian (K x (K+1)) at x.
  using system_function = std::function<void(const Eigen::VectorXd&, Eigen::VectorXd&, Eigen::MatrixXd*)>;

  path_follower(system_function system, const path_following_options& options)
      : system_(std::move(system)), options_(options), step_(options.first_step) {}

  /// Starts at `x` (on the curve), heading where `direction` points.
  void start(const Eigen::VectorXd& x, const Eigen::VectorXd& direction) {
    x_ = x;
    system_(x_, h_, &jacobian_);
    const auto k = h_.size();
    Eigen::MatrixXd augmented(k + 1, k + 1);
    augmented.topRows(k) = jacobian_;
    augmented.row(k) = direction.transpose();
    Eigen::PartialPivLU<Eigen::MatrixXd> lu(augmented);
    Eigen::VectorXd e = Eigen::VectorXd::Zero(k + 1);
    e(k) = 1;
    t_ = lu.solve(e);
    t_.normalize();
    orientation_ = lu.determinant() > 0 ? 1 : -1;
  }

  /// A unit vector spanning the null space of the Jacobian at `x` (the
  /// curve's tangent up to sign), from a QR factorisation of J^T; for a
  /// start where no direction is known to be transversal to the curve.
  [[nodiscard]] Eigen::VectorXd null_direction(const Eigen::VectorXd& x) {
    Eigen::VectorXd h;
    Eigen::MatrixXd jacobian;
    system_(x, h, &jacobian);
    const auto k = jacobian.rows();
    Eigen::HouseholderQR<Eigen::MatrixXd> qr(jacobian.transpose());
    const Eigen::MatrixXd q = qr.householderQ() * Eigen::MatrixXd::Identity(k + 1, k + 1);
    return q.col(k);
  }

  [[nodiscard]] const Eigen::VectorXd& point() const noexcept { return x_; }
  [[nodiscard]] const Eigen::VectorXd& tangent() const noexcept { return t_; }
  [[nodiscard]] double step_size() const noexcept { return step_; }
  /// The sign of det [J; t^T] at the current point.
  [[nodiscard]] int orientation() const noexcept { return orientation_; }
  [[nodiscard]] double arclength() const noexcept { return arclength_; }
  [[nodiscard]] std::size_t evaluations() const noexcept { return evaluations_; }

  /// Where the curve is at arclength about `h` from the current point along
  /// the current tangent (predictor then corrector), without moving; the
  /// point and its tangent, or nothing if the corrector fails.
  struct probe {
    Eigen::VectorXd x;
    Eigen::VectorXd tangent;
    int orientation = 1;
    double first_distance = 0;
    double contraction = 0;
  };
  [[nodiscard]] std::optional<probe> corrected(double h) { return correct(x_, t_, h); }
  /// The current point as a probe, to come back to with `move_to`.
  [[nodiscard]] probe current() const { return {x_, t_, orientation_}; }

  /// The point at arclength h in (0, step] from the current point where
  /// `criterion(probe)` is zero, given that it changes sign over the step,
  /// without moving: Alefeld, Potra and Shi's bracketing method (TOMS 748,
  /// 1995; Boost.Math's `toms748_solve`), about 1.65 digits of order per
  /// probe where the regula falsi with forced bisections it replaces was
  /// linear. Stops when |criterion| < 1e-13 or the bracket is under 1e-14
  /// of the step; returns the probe with the smallest |criterion| (the far
  /// end when the criterion does not change sign), or nothing if the
  /// corrector fails at the far end.
  template <class Criterion>
  [[nodiscard]] std::optional<probe> locate(double step, Criterion&& criterion) {
    const probe here{x_, t_, orientation_};
    double f_low = criterion(here);
    auto at = corrected(step);
    if (!at) return std::nullopt;
    const double f_high = criterion(*at);
    double low = 0;
    if (f_low == 0) {
      // Zero at the start (a point located on this event before, such as
      // a chart switch): if the criterion first leaves zero away from its
      // sign at the far end, the root sought lies further on.
      low = 1e-6 * step;
      const auto near = corrected(low);
      const double f_near = near ? criterion(*near) : 0.0;
      if (!(std::isfinite(f_near) && f_near != 0 && std::isfinite(f_high) && (f_near < 0) != (f_high < 0)))
        return here;
      f_low = f_near;
    }
    if (!std::isfinite(f_low) || !std::isfinite(f_high) || (f_low < 0) == (f_high < 0) || std::abs(f_high) < 1e-13)
      return at;
    std::optional<probe> best = std::move(at);
    double best_f = std::abs(f_high);
    // A probe that fails, or lands close enough, reports 0: the method
    // then stops at once.
    const auto f = [&](double h) {
      auto next = corrected(h);
      if (!next) return 0.0;
      const double value = criterion(*next);
      if (!std::isfinite(value)) return 0.0;
      if (std::abs(value) < best_f) {
        best_f = std::abs(value);
        best = std::move(next);
      }
      return std::abs(value) < 1e-13 ? 0.0 : value;
    };
    const double width = 1e-14 * std::max(1.0, step);
    boost::uintmax_t iterations = 60;
    (void)boost::math::tools::toms748_solve(f, low, step, f_low, f_high,
                                            [width](double a, double b) { return b - a <= width; }, iterations);
    return best;
  }

  enum class outcome { accepted, step_too_small };

  /// One accepted step, halving (by the acceleration factor) on failure.
  /// `bifurcation` is set when the orientation changed on this step.
  outcome step(bool& bifurcation) {
    bifurcation = false;
    while (true) {
      if (std::abs(step_) < options_.min_step) return outcome::step_too_small;
      auto next = correct(x_, t_, step_);
      if (!next) {
        step_ /= 2;
        continue;
      }
      // Step-size control (Allgower-Georg 6.1): grow or shrink by how hard the corrector worked.
      const double a = options_.max_acceleration;
      double decel = 1.0 / a;
      decel = std::max(decel, std::sqrt(next->first_distance / options_.max_distance) * a);
      decel = std::max(decel, std::sqrt(next->contraction / options_.max_contraction) * a);
      decel = std::min(decel, a);
      arclength_ += step_;
      x_ = std::move(next->x);
      t_ = std::move(next->tangent);
      bifurcation = next->orientation != orientation_;
      orientation_ = next->orientation;
      step_ = std::min(options_.max_step, step_ / decel);
      return outcome::accepted;
    }
  }

  /// Moves to a point found by `corrected` (used when a caller refines an
  /// event and wants to continue from it).
  void move_to(const probe& p) {
    x_ = p.x;
    t_ = p.tangent;
    orientation_ = p.orientation;
  }
  /// The next step's length, at most the cap below.
  void set_step_size(double h) { step_ = std::min(h, options_.max_step); }
  /// Caps this and every later step (a caller retracing a stretch more
  /// finely lowers it, and restores it past the stretch).
  void set_max_step(double h) {
    options_.max_step = h;
    step_ = std::min(step_, h);
  }
  [[nodiscard]] double max_step() const noexcept { return options_.max_step; }

 private:
  std::optional<probe> correct(const Eigen::VectorXd& x, const Eigen::VectorXd& t, double h) {
    probe out;
    out.x = x + h * t;
    system_(out.x, h_, &jacobian_);
    ++evaluations_;
    const auto k = h_.size();
    // The augmented matrix, its factors and the Newton vectors reuse the
    // follower's storage: a corrector runs several times per step and each
    // event's location, and allocating them each time cost about 10%.
    Eigen::MatrixXd& augmented = augmented_;
    augmented.resize(k + 1, k + 1);
    augmented.topRows(k) = jacobian_;
    augmented.row(k) = t.transpose();
    Eigen::PartialPivLU<Eigen::MatrixXd>& lu = lu_;
    lu.compute(augmented);
    Eigen::VectorXd& rhs = rhs_;
    rhs.resize(k + 1);
    Eigen::VectorXd& delta = delta_;
    double previous = 0;
    for (std::size_t iteration = 0;; ++iteration) {
      if (iteration >= options_.max_corrector_iterations) return std::nullopt;
      if (iteration > 0) {
        system_(out.x, h_, nullptr);
        ++evaluations_;
      }
      rhs.head(k) = -h_;
      rhs(k) = 0;
      delta = lu.solve(rhs);
      const double distance = delta.norm();
      if (!std::isfinite(distance)) return std::nullopt;
      if (iteration == 0) {
        if (distance > options_.max_distance) return std::nullopt;
        out.first_distance = distance;
      } else {
        const double rate = distance / (previous + options_.tolerance * 0.1);
        if (rate > options_.max_contraction) return std::nullopt;
        out.contraction = std::max(out.contraction, rate);
      }
      out.x += delta;
      previous = distance;
      if (distance <= options_.tolerance * std::max(1.0, std::abs(h))) break;
    }
    // The tangent at the new point, oriented along t.
    Eigen::VectorXd e = Eigen::VectorXd::Zero(k + 1);
    e(k) = 1;
    if (options_.exact_tangents) {
      system_(out.x, h_, &jacobian_);
      ++evaluations_;
      augmented.topRows(k) = jacobian_;
      lu.compute(augmented);
    }
    out.tangent = lu.solve(e);
    out.tangent.normalize();
    out.orientation = lu.determinant() > 0 ? 1 : -1;
    if (!out.tangent.allFinite()) return std::nullopt;
    return out;
  }

  system_function system_;
  path_following_options options_;
  Eigen::VectorXd x_, t_, h_;
  Eigen::MatrixXd jacobian_;
  // Scratch for `correct` (see there).
  Eigen::MatrixXd augmented_;
  Eigen::PartialPivLU<Eigen::MatrixXd> lu_;
  Eigen::VectorXd rhs_, delta_;
  double step_;
  int orientation_ = 1;
  double arclength_ = 0;
  std::size_t evaluations_ = 0;
};

}  // namespace impasse::detail
