// Global sensitivity of the controlled-friction verdicts: every parameter
// sampled over its plausible range (parameter_table) with a quasi-random
// Sobol design (Boost.Random's `sobol`; the seed is the skip offset into the
// sequence), the verdicts' closed forms evaluated at every design point, a
// random subsample also solved by complete enumeration of the pure
// stationary MPE to show that closed forms and enumeration agree, and
// variance-based sensitivity indices saying which parameters decide each
// verdict.
//
// The design is Saltelli's (Saltelli et al., Computer Physics
// Communications 181, 2010): two independent quasi-random matrices A and B
// of N points in d dimensions (the first and last d coordinates of a
// 2d-dimensional Sobol point), and for each parameter i the matrix A_B^(i),
// A with column i from B: N (d + 2) evaluations. For a verdict Y (0 or 1),
// with V the variance of Y over A and B,
//   first-order S_i = mean_j Y_B (Y_ABi - Y_A) / V        (Saltelli 2010),
//   total       T_i = mean_j (Y_A - Y_ABi)^2 / (2 V)      (Jansen 1999).
// Evaluation e is sample j = e / (d + 2), matrix k = e % (d + 2) (0: A,
// 1: B, 2 + i: A_B^(i)), so any range of evaluations can be computed on its
// own: on threads, or on the ranks of an MPI job that gathers them in order.
// Cost: a few microseconds per evaluation (closed forms in double); a few
// milliseconds per enumerated point.
#pragma once

#include <impasse/models/controlled_friction_parameters.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace impasse::models {

struct sensitivity_design {
  /// N, the points of each base matrix.
  std::size_t base_samples = 4096;
  /// The Sobol sequence starts at this point (skip offset).
  std::uint64_t seed = 0;
  /// How many of the N base points (rows of A) are also solved by
  /// enumeration, chosen at random with `subsample_seed`.
  std::size_t enumerated = 1024;
  std::uint64_t subsample_seed = 1;
};

/// The verdicts the closed forms answer at each design point.
enum class sensitivity_claim : std::size_t {
  no_deal,           ///< the deal is efficient, and no profile of the deal family is an MPE
  binding_deal,      ///< a deal-family profile is an MPE of the benchmark and both regimes gain over friction
  friction,          ///< a friction-family profile is an MPE, war within the horizon below 1/2
  swaps_not_deal,    ///< friction (its swaps on the path) and no deal
  sanctions_feed,    ///< sanctions raise Tehran's regime's value while they cut the nation's welfare
  essay,             ///< all of the above
};
inline constexpr std::size_t sensitivity_claim_count = 6;
inline constexpr std::array<std::string_view, sensitivity_claim_count> sensitivity_claim_names = {
    "no deal although efficient", "a binding deal would be signed", "controlled friction",
    "swaps but no grand bargain",  "sanctions feed the regime",       "the essay's case, all together"};

/// The parameters the design samples (plausible_low < plausible_high), in table order.
[[nodiscard]] std::vector<const parameter_description*> sampled_parameters();

/// The number of evaluations of a design: N (d + 2).
[[nodiscard]] std::size_t evaluation_count(const sensitivity_design& design);

/// The parameters at evaluation `e` (every other parameter keeps `base`).
[[nodiscard]] controlled_friction_parameters design_parameters(const sensitivity_design& design,
                                                               const controlled_friction_parameters& base,
                                                               std::size_t e);

/// The closed-form verdicts at evaluation `e`, one bit per `sensitivity_claim`.
[[nodiscard]] std::uint8_t closed_form_verdicts(const controlled_friction_parameters& parameters);

/// Called now and then with (work done, work in all); may be empty.
using sensitivity_progress = std::function<void(std::size_t, std::size_t)>;

/// Evaluations [first, last) of the design, on `threads` threads (0: the
/// hardware's); the result is the same for any number of threads.
[[nodiscard]] std::vector<std::uint8_t> evaluate_design(const sensitivity_design& design,
                                                        const controlled_friction_parameters& base, std::size_t first,
                                                        std::size_t last, unsigned threads = 0,
                                                        const sensitivity_progress& progress = {});

/// The base points solved by enumeration, in increasing order.
[[nodiscard]] std::vector<std::size_t> enumerated_samples(const sensitivity_design& design);

/// What complete enumeration found at one base point, next to the closed forms there.
struct enumerated_point {
  std::size_t sample = 0;
  std::uint32_t equilibria = 0;
  std::uint32_t reaching_deal = 0;
  std::uint32_t escalating = 0;
  std::uint32_t swapping = 0;
  std::uint32_t controlled = 0;  ///< escalate and swap on the path, war below 1/2
  std::uint32_t commitment_reaching_deal = 0;
  double largest_war = 0;
  /// Whether the enumeration found, and the closed form says is an MPE: by
  /// named_profile (0 to 2), the binding deal in the benchmark (3), some
  /// member of the friction family (4), of the deal family (5), of the deal
  /// family in the benchmark (6). `margin` is the smaller margin of 0 to 3.
  static constexpr std::size_t checks = 7;
  std::array<bool, checks> found{};
  std::array<bool, checks> closed_form{};
  std::array<double, 4> margin{};
  std::uint8_t verdicts = 0;  ///< the closed-form verdict bits here

  /// Packs into (and out of) a fixed number of doubles, for MPI.
  static constexpr std::size_t packed_size = 8 + 2 * checks + 4 + 1;
  void pack(double* out) const;
  static enumerated_point unpack(const double* in);
};

/// Solves the enumerated points [first, last) of `enumerated_samples`.
[[nodiscard]] std::vector<enumerated_point> evaluate_enumerated(const sensitivity_design& design,
                                                                const controlled_friction_parameters& base,
                                                                std::size_t first, std::size_t last,
                                                                unsigned threads = 0,
                                                                const sensitivity_progress& progress = {});

/// Shares, indices and agreement computed from a whole design's results.
struct sensitivity_result {
  sensitivity_design design;
  std::vector<std::string> parameters;  ///< the sampled parameters' names
  std::size_t evaluations = 0;
  /// Share of the base points (A and B) where each claim holds.
  std::array<double, sensitivity_claim_count> share{};
  /// first_order[c][i], total[c][i]; NaN where the claim never varies.
  std::array<std::vector<double>, sensitivity_claim_count> first_order;
  std::array<std::vector<double>, sensitivity_claim_count> total;
  /// The enumerated subsample.
  std::vector<enumerated_point> enumerated;
  /// Points where a closed form and the enumeration disagree, by check (see
  /// `enumerated_point`; the named profiles away from a margin within
  /// rounding of zero).
  std::array<std::size_t, enumerated_point::checks> disagreements{};
  /// Over the subsample, by enumeration: no pure MPE reaches the deal; some
  /// MPE is controlled friction (escalates and swaps on its path, war below
  /// 1/2); every MPE is; some benchmark MPE reaches the deal.
  double enumerated_no_deal = 0;
  double enumerated_friction = 0;
  double enumerated_friction_everywhere = 0;
  double enumerated_binding = 0;
  /// How often the closed-form verdicts "no deal" and "friction" agree with
  /// the enumeration's (the closed forms look through one family of
  /// profiles each; the enumeration through every profile).
  double no_deal_agreement = 0;
  double friction_agreement = 0;
};

[[nodiscard]] sensitivity_result summarize_sensitivity(const sensitivity_design& design,
                                                       const std::vector<std::uint8_t>& verdicts,
                                                       std::vector<enumerated_point> enumerated);

/// Plain-text summary (deterministic: the same for the same design).
void write_sensitivity_text(std::ostream& out, const sensitivity_result& result);
/// CSV: one row per (claim, parameter) with both indices.
void write_sensitivity_csv(std::ostream& out, const sensitivity_result& result);
/// CSV: one row per enumerated point.
void write_enumerated_csv(std::ostream& out, const sensitivity_result& result);
/// SVG: total-order indices per parameter for each claim, as a heat map.
void write_sensitivity_svg(std::ostream& out, const sensitivity_result& result);

}  // namespace impasse::models
