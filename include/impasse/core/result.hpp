// The parts every solver shares (docs/design.md): how a run ended
// (`run_status`), whether its numbers are exact (`run_report`), how limits
// are spelled (0 is no limit) and how progress is reported.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>

namespace impasse {

/// How a solver's run ended. Only `complete` promises that the search ran to
/// its end; whether it was an exact search is `run_report::exact`.
enum class run_status {
  complete,       ///< the search ran to the end
  limit_reached,  ///< stopped at a limit the caller set in the options (equilibria, pivots, bases, iterations)
  cancelled,      ///< stopped through the options' `std::stop_token`
  failed,         ///< the method could not go on (numerical failure, a safeguard); `run_report::reason` says why
};

[[nodiscard]] constexpr std::string_view to_string(run_status status) noexcept {
  switch (status) {
    case run_status::complete: return "complete";
    case run_status::limit_reached: return "limit reached";
    case run_status::cancelled: return "cancelled";
    case run_status::failed: return "failed";
  }
  return "unknown";
}

/// What every solver's result says besides its answer; each `<solver>_result`
/// derives from it, so generic code (and the Python bindings) read it the
/// same way everywhere.
struct run_report {
  /// How the run ended.
  run_status status = run_status::complete;
  /// Why the run did not complete: always set when `status` is `failed`,
  /// and by some solvers to name the limit reached; empty when `complete`.
  std::string reason;
  /// True when every decision of the run was taken in exact arithmetic and
  /// every number reported is exact: the equilibria are exact equilibria of
  /// the game (in `double`, rounded to the nearest double at the end), and
  /// with `status == complete` nothing the solver looks for was missed. A
  /// result in `rational` is exact unless this says otherwise.
  bool exact = false;
  /// When not `exact`: how far the answer may be from one. For equilibria,
  /// the largest regret (a player's gain from deviating; in a subgame or a
  /// state where the concept asks for it) of any equilibrium reported,
  /// relative to the game's payoff range; for payoff sets, the documented
  /// measure of the solver. 0 when `exact` or when nothing was reported.
  double error_bound = 0;
};

/// A `stop_token` in the options is checked at each solver's natural step
/// (a pivot, a block of bases or profiles, an iteration) and before the
/// first: a stop requested before the call ends it at once, `cancelled`.

/// A limit in the options (`max_equilibria`, `max_pivots`, `max_bases`,
/// `max_iterations`): 0 means no limit, in every solver.
inline constexpr std::size_t no_limit = 0;

/// Work a solver has done, for a progress line.
struct progress {
  /// Units of work done so far.
  std::size_t done = 0;
  /// Units of work in all, when known in advance; 0 when not known.
  std::size_t total = 0;
  /// What a unit is ("profiles", "supports", "pivots", "iterations", ...).
  std::string_view unit;
};

/// Called by long-running solvers with their progress, from the thread that
/// called the solver, at most a few hundred times a second.
using progress_callback = std::function<void(const progress&)>;

namespace detail {

/// True once `count` has reached `limit` (never when `limit` is `no_limit`).
[[nodiscard]] constexpr bool limit_hit(std::size_t count, std::size_t limit) noexcept {
  return limit != no_limit && count >= limit;
}

/// A limit from the options as the engines in detail/ take it: `no_limit`
/// becomes the largest count.
[[nodiscard]] constexpr std::size_t engine_limit(std::size_t limit) noexcept {
  return limit == no_limit ? static_cast<std::size_t>(-1) : limit;
}

/// Calls `callback`, if set, with `done` of `total` `unit`s.
inline void report_progress(const progress_callback& callback, std::size_t done, std::size_t total,
                            std::string_view unit) {
  if (callback) callback(progress{done, total, unit});
}

}  // namespace detail

/// For iterative solvers, checked before each iteration: the status to end
/// with now, if any: `cancelled` when `stop` is requested, `limit_reached`
/// once `iterations` has reached `max_iterations` (0: no limit).
[[nodiscard]] inline std::optional<run_status> iteration_stop(const std::stop_token& stop, std::size_t iterations,
                                                              std::size_t max_iterations) {
  if (stop.stop_requested()) return run_status::cancelled;
  if (detail::limit_hit(iterations, max_iterations)) return run_status::limit_reached;
  return std::nullopt;
}

}  // namespace impasse
