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
// held player-major (each player's payoffs in profile order, so a block of
// player 1's strategies is contiguous for every player),
// and a mixed profile is a flat array in Gambit's order (player 1's
// strategies first), so one pass over the P pure profiles gives every
// strategy's value or the whole Jacobian. The pass goes by blocks of player
// 1's strategies (contiguous in the table): the other players'
// probabilities are multiplied once per block, so each profile costs one
// multiply-add per player for the values (O(n P)), and the Jacobian's
// entries between two players other than player 1 are updated once per
// block (O(n P + n^2 P / m1)), not once per profile.
//
// Nothing here checks a profile: this is the inner loop of solvers that
// keep their own profiles valid. The independent check of what they return
// is `max_regret` in regret.hpp, which shares no code with this file.
#pragma once

#include <impasse/strategic/game.hpp>

#include <boost/container/small_vector.hpp>

#include <cstddef>
#include <functional>
#include <utility>
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
    std::size_t stride = 1;
    for (const auto m : counts_) {
      strides_.push_back(stride);
      stride *= m;
    }
    table_.reserve(players_ * profiles_);
    for (std::size_t i = 0; i < players_; ++i)
      for (std::size_t p = 0; p < profiles_; ++p) table_.push_back(to_value(game.payoff(i, p)));
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
  /// when every other player j mixes as sigma[offset(j) ...]. O(n P): one
  /// multiply-add per player and profile (see `for_each_block`).
  void strategy_values(const T* sigma, T* values) const {
    for (std::size_t k = 0; k < total_; ++k) values[k] = T(0);
    block_sums sums(players_);
    std::vector<T> weighted(players_);
    for_each_block(sigma, sums, [&](std::size_t start, const std::vector<std::size_t>& rows) {
      add_block_values(sigma, sums, start, rows, values, weighted);
    });
  }

  /// The strategy values (as `strategy_values`) and their Jacobian:
  /// jacobian(offset(i) + s, offset(j) + t) = d values[offset(i) + s] /
  /// d sigma[offset(j) + t], zero for j = i (a player's own mixture does not
  /// enter their pure strategies' payoffs). `Matrix` is anything with
  /// `operator()(row, col)` and `setZero`-free assignment; the caller sizes
  /// it total_strategies() square. O(n P + n^2 P / m1) for m1 strategies of
  /// player 1: per profile, the entries between player 1 and each other;
  /// per block of player 1's strategies, those between the others.
  template <class Matrix>
  void strategy_values_and_jacobian(const T* sigma, T* values, Matrix& jacobian) const {
    for (std::size_t r = 0; r < total_; ++r) {
      values[r] = T(0);
      for (std::size_t c = 0; c < total_; ++c) jacobian(r, c) = T(0);
    }
    const std::size_t first = counts_[0], n = players_;
    block_sums sums(players_);
    std::vector<T> weighted(players_);
    for_each_block(sigma, sums, [&](std::size_t start, const std::vector<std::size_t>& rows) {
      add_block_values(sigma, sums, start, rows, values, weighted);
      // Between player 1 (strategy a) and player i: every probability but theirs.
      const T* u = table_.data() + start;
      for (std::size_t i = 1; i < n; ++i) {
        const T* ui = u + i * profiles_;
        const T& others = sums.others[i];
        for (std::size_t a = 0; a < first; ++a) {
          jacobian(a, rows[i]) += others * u[a];
          jacobian(rows[i], a) += others * ui[a];
        }
      }
      // Pairs 1 < i < j (counting from one): every probability but i's and
      // j's; player 1's is inside the weighted sums.
      for (std::size_t i = 1; i < n; ++i) {
        T middle(1);
        for (std::size_t j = i + 1; j < n; ++j) {
          const T weight = sums.prefix[i] * middle * sums.suffix[j + 1];
          jacobian(rows[i], rows[j]) += weight * weighted[i];
          jacobian(rows[j], rows[i]) += weight * weighted[j];
          middle *= sigma[rows[j]];
        }
      }
    });
  }

  /// The strategies each player may play with nonzero probability (local
  /// indices, any order): a profile is zero outside them.
  using profile_support = std::vector<std::vector<std::size_t>>;

  /// `strategy_values` for a profile that is zero outside `support`: only
  /// the pure profiles of the others inside their supports enter, so player
  /// i's values cost m_i times the product of the others' support sizes,
  /// O(n m max_i prod_{j != i} |S_j|) in all, instead of O(n P). The terms
  /// are summed in another order than `strategy_values`, so the two agree
  /// to rounding.
  void strategy_values_on(const profile_support& support, const T* sigma, T* values) const {
    for (std::size_t i = 0; i < players_; ++i) player_values_on(support, sigma, i, values);
  }

  /// `strategy_values_on` for one player's strategies only (the others'
  /// entries of `values` are left as they were). O(m_i prod_{j != i} |S_j|).
  void player_values_on(const profile_support& support, const T* sigma, std::size_t player, T* values) const {
    small_list all(counts_[player]);
    for (std::size_t s = 0; s < all.size(); ++s) all[s] = s;
    listed_values_on(support, sigma, player, all, values);
  }

  /// The values of the support's own strategies only, at a profile zero
  /// outside `support` (the other entries of `values` are left as they
  /// were): what the indifference equations on a support need.
  /// O(n prod_j |S_j|): each pure profile inside the support once per player.
  void support_values_on(const profile_support& support, const T* sigma, T* values) const {
    for (std::size_t i = 0; i < players_; ++i) listed_values_on(support, sigma, i, support[i], values);
  }

  /// The values of the strategies outside `support` only, at a profile zero
  /// outside it (the support's entries of `values` are left as they were):
  /// what the best-response conditions on a support need.
  /// O(sum_i (m_i - |S_i|) prod_{j != i} |S_j|).
  void outside_values_on(const profile_support& support, const T* sigma, T* values) const {
    small_list outside;
    for (std::size_t i = 0; i < players_; ++i) {
      outside.assign(counts_[i], 1);
      for (const auto s : support[i]) outside[s] = 0;
      std::size_t count = 0;
      for (std::size_t s = 0; s < counts_[i]; ++s)
        if (outside[s]) outside[count++] = s;
      outside.resize(count);
      listed_values_on(support, sigma, i, outside, values);
    }
  }

  /// The value of `player`'s strategy `strategy` alone, at a profile zero
  /// outside `support`. O(prod_{j != player} |S_j|).
  [[nodiscard]] T strategy_value_on(const profile_support& support, const T* sigma, std::size_t player,
                                    std::size_t strategy) const {
    T value(0);
    const T* column = table_.data() + player * profiles_ + strategy * strides_[player];
    for_each_support_profile(support, player, player, sigma,
                             [&](std::size_t base, const T& weight) { value += weight * column[base]; });
    return value;
  }

  /// The derivatives of `player`'s strategy values with respect to the
  /// probabilities of `other`'s support strategies, at a profile zero
  /// outside `support`: out[s * |S| + c] = d values[offset(player) + s] /
  /// d sigma[offset(other) + support[other][c]] for every strategy s of
  /// `player`. O(m_player |S_other| prod_{k != player, other} |S_k|).
  void player_derivatives_on(const profile_support& support, const T* sigma, std::size_t player, std::size_t other,
                             std::vector<T>& out) const {
    const auto& columns = support[other];
    const std::size_t width = columns.size(), m = counts_[player];
    out.assign(m * width, T(0));
    const T* u = table_.data() + player * profiles_;
    const std::size_t stride = strides_[player], other_stride = strides_[other];
    for_each_support_profile(support, player, other, sigma, [&](std::size_t base, const T& weight) {
      for (std::size_t c = 0; c < width; ++c) {
        const T* column = u + base + columns[c] * other_stride;
        for (std::size_t s = 0; s < m; ++s) out[s * width + c] += weight * column[s * stride];
      }
    });
  }

  /// The values of the support's own strategies (as `support_values_on`)
  /// and the Jacobian's entries between strategies of `support` (rows and
  /// columns both in it, owners different); the other entries of both are
  /// left as they were. For each pair of players i < j, the pure profiles
  /// of the others inside the support are listed once with their weights
  /// (products of probabilities), and each entry between a strategy a of i
  /// and b of j is a sum over that list, kept in a register:
  /// d values(i, a) / d sigma(j, b) = sum_rest weight u_i(a, b, rest).
  /// The values are summed as `support_values_on` sums them (not from the
  /// Jacobian, though payoffs are linear in each other player's mixture),
  /// so that tied strategies inside and outside the support, summed alike,
  /// stay tied to the last bit. O(n^2 prod_j |S_j|).
  template <class Matrix>
  void support_values_and_jacobian_on(const profile_support& support, const T* sigma, T* values,
                                      Matrix& jacobian) const {
    // (A player with an empty support leaves every list empty and every
    // sum zero; one player has no pairs, and support_values_on gives the
    // payoffs.)
    const std::size_t n = players_;
    weighted_profiles rest;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j) {
        rest.clear();
        for_each_support_profile(support, i, j, sigma,
                                 [&](std::size_t base, const T& weight) { rest.emplace_back(base, weight); });
        const T* ui = table_.data() + i * profiles_;
        const T* uj = table_.data() + j * profiles_;
        for (const auto a : support[i])
          for (const auto b : support[j]) {
            const std::size_t shift = a * strides_[i] + b * strides_[j];
            T by_i(0), by_j(0);
            for (const auto& [base, weight] : rest) {
              by_i += weight * ui[base + shift];
              by_j += weight * uj[base + shift];
            }
            jacobian(offsets_[i] + a, offsets_[j] + b) = by_i;
            jacobian(offsets_[j] + b, offsets_[i] + a) = by_j;
          }
      }
    support_values_on(support, sigma, values);
  }

  /// The payoff of `player` at pure profile index `profile`.
  [[nodiscard]] const T& payoff(std::size_t player, std::size_t profile) const {
    return table_[player * profiles_ + profile];
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

  /// Products of the probabilities of the players after the first (index
  /// 0) in the current block: prefix[i] and suffix[i] those before i and
  /// from i on (prefix[1] = suffix[n] = 1), others[i] = prefix[i] *
  /// suffix[i + 1] all but i's.
  struct block_sums {
    explicit block_sums(std::size_t players)
        : prefix(players + 1, T(1)), suffix(players + 1, T(1)), others(players, T(1)) {}
    std::vector<T> prefix, suffix, others;
  };

  /// Adds one block's terms (see `for_each_block`) to the strategy values,
  /// and sets weighted[i] (i >= 1) to the block's sum of player 1's
  /// probabilities times player i's payoffs. O(n m1).
  void add_block_values(const T* sigma, const block_sums& sums, std::size_t start, const std::vector<std::size_t>& rows,
                        T* values, std::vector<T>& weighted) const {
    const std::size_t first = counts_[0];
    const T all_others = sums.suffix[1];
    const T* u = table_.data() + start;  // player 1's payoffs in the block
    for (std::size_t a = 0; a < first; ++a) values[a] += all_others * u[a];
    for (std::size_t i = 1; i < players_; ++i) {
      const T* ui = u + i * profiles_;
      T sum(0);
      for (std::size_t a = 0; a < first; ++a) sum += sigma[a] * ui[a];
      weighted[i] = sum;
      values[rows[i]] += sums.others[i] * sum;
    }
  }

  /// Room for this many players' indices before the scratch lists below
  /// go to the heap.
  static constexpr std::size_t inline_players = 8;
  using small_list = boost::container::small_vector<std::size_t, inline_players>;

  /// The pure profiles of the players other than `skip` and `also_skip`
  /// inside a support, each as (index in the table with those two at
  /// strategy 0, product of the others' probabilities); see
  /// `for_each_support_profile`.
  using weighted_profiles = boost::container::small_vector<std::pair<std::size_t, T>, 128>;

  /// `player_values_on` for the strategies `strategies` of `player` only:
  /// the others' profiles inside the support are listed once, and each
  /// value is a sum over that list kept in a register.
  template <class List>
  void listed_values_on(const profile_support& support, const T* sigma, std::size_t player, const List& strategies,
                        T* values) const {
    T* out = values + offsets_[player];
    if (strategies.empty()) return;
    weighted_profiles rest;
    for_each_support_profile(support, player, player, sigma,
                             [&](std::size_t base, const T& weight) { rest.emplace_back(base, weight); });
    const T* u = table_.data() + player * profiles_;
    const std::size_t stride = strides_[player];
    for (const auto s : strategies) {
      const T* column = u + s * stride;
      T value(0);
      for (const auto& [base, weight] : rest) value += weight * column[base];
      out[s] = value;
    }
  }

  /// Calls visit(base, weight) for every pure profile of the players other
  /// than `skip` and `also_skip` (the same player, or two) inside
  /// `support`, theirs at strategy 0: `base` its index in the table,
  /// `weight` the product of those players' probabilities. The first of
  /// those players runs in the inner loop, so the others' strategies and
  /// probabilities are gathered once per pass of it; nothing is allocated
  /// for up to `inline_players` players.
  template <class Visit>
  void for_each_support_profile(const profile_support& support, std::size_t skip, std::size_t also_skip,
                                const T* sigma, Visit&& visit) const {
    small_list others;
    for (std::size_t j = 0; j < players_; ++j) {
      if (j == skip || j == also_skip) continue;
      if (support[j].empty()) return;
      others.push_back(j);
    }
    if (others.empty()) {
      visit(std::size_t{0}, T(1));
      return;
    }
    const auto& inner = support[others[0]];
    const std::size_t inner_stride = strides_[others[0]];
    const T* inner_sigma = sigma + offsets_[others[0]];
    const std::size_t outer = others.size();
    small_list at(outer, 0);
    while (true) {
      std::size_t base = 0;
      T weight(1);
      for (std::size_t r = 1; r < outer; ++r) {
        const std::size_t j = others[r], s = support[j][at[r]];
        base += s * strides_[j];
        weight *= sigma[offsets_[j] + s];
      }
      for (const auto s : inner) visit(base + s * inner_stride, T(weight * inner_sigma[s]));
      std::size_t r = 1;
      for (; r < outer; ++r) {
        if (++at[r] < support[others[r]].size()) break;
        at[r] = 0;
      }
      if (r == outer) break;
    }
  }

  /// Walks the pure profiles in index order (player 1 fastest) in blocks
  /// that fix every player but the first: for each block sets `sums` and
  /// calls visit(start, rows), with `start` the index of the block's first
  /// profile (player i's payoffs in the block are table_[i * P + start, +
  /// m1), contiguous) and rows[i]
  /// = offset(i) + the strategy of player i (i >= 1) in the block. The
  /// products of the other players' probabilities are computed once per
  /// block, so a profile costs what `visit` does with it.
  template <class Visit>
  void for_each_block(const T* sigma, block_sums& sums, Visit&& visit) const {
    const std::size_t first = counts_[0], blocks = profiles_ / first;
    std::vector<std::size_t> s(players_, 0), rows(players_, 0);
    for (std::size_t block = 0, start = 0; block < blocks; ++block, start += first) {
      for (std::size_t i = 1; i < players_; ++i) rows[i] = offsets_[i] + s[i];
      for (std::size_t i = 1; i < players_; ++i) sums.prefix[i + 1] = sums.prefix[i] * sigma[rows[i]];
      for (std::size_t i = players_; i-- > 1;) sums.suffix[i] = sums.suffix[i + 1] * sigma[rows[i]];
      for (std::size_t i = 1; i < players_; ++i) sums.others[i] = sums.prefix[i] * sums.suffix[i + 1];
      visit(start, rows);
      for (std::size_t i = 1; i < players_ && ++s[i] == counts_[i]; ++i) s[i] = 0;
    }
  }

  std::vector<std::size_t> counts_;
  std::vector<std::size_t> offsets_;
  std::vector<std::size_t> strides_;  ///< profile index step of each player's strategy
  std::size_t players_ = 0;
  std::size_t profiles_ = 0;
  std::size_t total_ = 0;
  std::vector<T> table_;
};

}  // namespace impasse::detail
