// The payoffs of a strategic game with any number of players as multilinear
// functions of a mixed profile: each pure strategy's expected payoff against
// the others' mixtures, and the derivatives of those payoffs with respect to
// the other players' probabilities. The n-player solvers (logit, global
// Newton, polymatrix approximation, simplicial subdivision, polynomial
// enumeration) all run on this.
//
// The value type `T` is any ring the solvers need: double, rational, or an
// interval type (Boost.Interval), so that the same loops evaluate payoffs,
// exactly, approximately or with guaranteed enclosures. The payoff table is
// held profile-major (all players' payoffs of one pure profile together),
// and a mixed profile is a flat array in Gambit's order (player 1's
// strategies first), so one pass over the P pure profiles gives every
// strategy's value (O(n P) with prefix and suffix products of the other
// players' probabilities) or the whole Jacobian (O(n^2 P)).
//
// Nothing here checks a profile: this is the inner loop of solvers that
// keep their own profiles valid. The independent check of what they return
// is `max_regret` in regret.hpp, which shares no code with this file.
#pragma once

#include <impasse/strategic/game.hpp>

#include <cstddef>
#include <functional>
#include <vector>

namespace impasse::detail {

template <class T>
class multilinear_payoffs {
 public:
  /// The game's payoffs, each converted to `T` by `to_value(payoff)`; by
  /// default `T(payoff)`, or `T(double(payoff))` when T cannot hold the scalar.
  template <scalar Scalar, class Convert>
  multilinear_payoffs(const strategic_game<Scalar>& game, Convert&& to_value)
      : counts_(game.strategy_counts()), players_(game.num_players()), profiles_(game.num_profiles()) {
    std::size_t offset = 0;
    for (const auto m : counts_) {
      offsets_.push_back(offset);
      offset += m;
    }
    total_ = offset;
    table_.reserve(players_ * profiles_);
    for (std::size_t p = 0; p < profiles_; ++p)
      for (std::size_t i = 0; i < players_; ++i) table_.push_back(to_value(game.payoff(i, p)));
  }

  template <scalar Scalar>
  explicit multilinear_payoffs(const strategic_game<Scalar>& game)
      : multilinear_payoffs(game, [](const Scalar& x) { return convert_payoff(x); }) {}

  [[nodiscard]] std::size_t num_players() const noexcept { return players_; }
  [[nodiscard]] std::size_t num_strategies(std::size_t player) const { return counts_[player]; }
  [[nodiscard]] const std::vector<std::size_t>& strategy_counts() const noexcept { return counts_; }
  /// Where `player`'s probabilities start in a flat profile.
  [[nodiscard]] std::size_t offset(std::size_t player) const { return offsets_[player]; }
  /// The length of a flat profile: every strategy of every player.
  [[nodiscard]] std::size_t total_strategies() const noexcept { return total_; }
  [[nodiscard]] std::size_t num_profiles() const noexcept { return profiles_; }

  /// values[offset(i) + s] = player i's expected payoff from pure strategy s
  /// when every other player j mixes as sigma[offset(j) ...]. O(n P).
  void strategy_values(const T* sigma, T* values) const {
    for (std::size_t k = 0; k < total_; ++k) values[k] = T(0);
    for_each_profile(sigma, [&](const T* u, const std::vector<std::size_t>& s, const std::vector<T>& prefix,
                                const std::vector<T>& suffix) {
      for (std::size_t i = 0; i < players_; ++i) values[offsets_[i] + s[i]] += prefix[i] * suffix[i + 1] * u[i];
    });
  }

  /// The strategy values (as `strategy_values`) and their Jacobian:
  /// jacobian(offset(i) + s, offset(j) + t) = d values[offset(i) + s] /
  /// d sigma[offset(j) + t], zero for j = i (a player's own mixture does not
  /// enter their pure strategies' payoffs). `Matrix` is anything with
  /// `operator()(row, col)` and `setZero`-free assignment; the caller sizes
  /// it total_strategies() square. O(n^2 P).
  template <class Matrix>
  void strategy_values_and_jacobian(const T* sigma, T* values, Matrix& jacobian) const {
    for (std::size_t r = 0; r < total_; ++r) {
      values[r] = T(0);
      for (std::size_t c = 0; c < total_; ++c) jacobian(r, c) = T(0);
    }
    for_each_profile(sigma, [&](const T* u, const std::vector<std::size_t>& s, const std::vector<T>& prefix,
                                const std::vector<T>& suffix) {
      for (std::size_t i = 0; i < players_; ++i) {
        const std::size_t row_i = offsets_[i] + s[i];
        values[row_i] += prefix[i] * suffix[i + 1] * u[i];
        // Pairs i < j: the product of every probability but i's and j's.
        T middle(1);
        for (std::size_t j = i + 1; j < players_; ++j) {
          const T weight = prefix[i] * middle * suffix[j + 1];
          const std::size_t row_j = offsets_[j] + s[j];
          jacobian(row_i, row_j) += weight * u[i];
          jacobian(row_j, row_i) += weight * u[j];
          middle *= sigma[row_j];
        }
      }
    });
  }

  /// The payoff of `player` at pure profile index `profile`.
  [[nodiscard]] const T& payoff(std::size_t player, std::size_t profile) const {
    return table_[profile * players_ + player];
  }

 private:
  template <scalar Scalar>
  static T convert_payoff(const Scalar& x) {
    if constexpr (std::is_constructible_v<T, Scalar>) {
      return T(x);
    } else {
      return T(scalar_cast<double>(x));
    }
  }

  /// Calls visit(payoffs, strategies, prefix, suffix) for every pure
  /// profile in index order, with prefix[i] (suffix[i]) the product of the
  /// probabilities of players before (from) i.
  template <class Visit>
  void for_each_profile(const T* sigma, Visit&& visit) const {
    std::vector<std::size_t> s(players_, 0);
    std::vector<T> prefix(players_ + 1), suffix(players_ + 1);
    const T* u = table_.data();
    for (std::size_t p = 0; p < profiles_; ++p, u += players_) {
      probabilities_at(sigma, s, prefix, suffix);
      visit(u, s, prefix, suffix);
      advance(s);
    }
  }

  void probabilities_at(const T* sigma, const std::vector<std::size_t>& s, std::vector<T>& prefix,
                        std::vector<T>& suffix) const {
    prefix[0] = T(1);
    for (std::size_t i = 0; i < players_; ++i) prefix[i + 1] = prefix[i] * sigma[offsets_[i] + s[i]];
    suffix[players_] = T(1);
    for (std::size_t i = players_; i-- > 0;) suffix[i] = suffix[i + 1] * sigma[offsets_[i] + s[i]];
  }

  void advance(std::vector<std::size_t>& s) const {
    for (std::size_t i = 0; i < players_ && ++s[i] == counts_[i]; ++i) s[i] = 0;
  }

  std::vector<std::size_t> counts_;
  std::vector<std::size_t> offsets_;
  std::size_t players_ = 0;
  std::size_t profiles_ = 0;
  std::size_t total_ = 0;
  std::vector<T> table_;
};

}  // namespace impasse::detail
