// The strategic (normal-form) game: a value type holding every player's
// payoff at every pure strategy profile.
//
// Pure profiles are numbered as Gambit numbers them: player 1's strategy
// varies fastest, so profile (s_1, ..., s_n) has index
// sum_i s_i * stride_i with stride_1 = 1 and stride_{i+1} = stride_i * m_i.
// For two players this makes each payoff table an m_1 x m_2 column-major
// matrix, which `payoff_matrix` exposes to Eigen without a copy.
#pragma once

#include <impasse/core/tolerance.hpp>
#include <impasse/core/error.hpp>
#include <impasse/core/scalar.hpp>

#include <Eigen/Core>

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <initializer_list>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace impasse {

/// A pure strategy profile: one strategy index (from 0) per player.
using pure_profile = std::vector<std::size_t>;

/// The largest number of payoff entries (profiles times players) a game may
/// hold; a file that asks for more is refused before anything is allocated.
inline constexpr std::size_t max_payoff_entries = std::size_t{1} << 31;

template <scalar Scalar>
class strategic_game {
 public:
  using scalar_type = Scalar;

  /// A game with `strategy_counts[i]` strategies for player i and every
  /// payoff zero; players and strategies are labelled "1", "2", ... as in
  /// Gambit. Throws `invalid_game` for no players, a player without
  /// strategies, or more than `max_payoff_entries` payoffs.
  explicit strategic_game(std::vector<std::size_t> strategy_counts)
      : counts_(std::move(strategy_counts)) {
    if (counts_.empty()) throw invalid_game("a strategic game needs at least one player");
    strides_.resize(counts_.size());
    std::size_t profiles = 1;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
      if (counts_[i] == 0)
        throw invalid_game("player " + std::to_string(i + 1) + " has no strategies");
      strides_[i] = profiles;
      if (profiles > max_payoff_entries / counts_[i] / counts_.size())
        throw invalid_game("the game has more than " + std::to_string(max_payoff_entries) +
                           " payoff entries (strategy counts too large)");
      profiles *= counts_[i];
    }
    num_profiles_ = profiles;
    payoffs_ = matrix<Scalar>::Zero(static_cast<Eigen::Index>(profiles),
                                    static_cast<Eigen::Index>(counts_.size()));
    player_labels_.resize(counts_.size());
    strategy_labels_.resize(counts_.size());
    for (std::size_t i = 0; i < counts_.size(); ++i) {
      player_labels_[i] = std::to_string(i + 1);
      for (std::size_t s = 0; s < counts_[i]; ++s) strategy_labels_[i].push_back(std::to_string(s + 1));
    }
  }

  /// The two-player game with payoff matrices `a` (row player) and `b`
  /// (column player), which must have the same shape and finite entries.
  template <class DerivedA, class DerivedB>
  [[nodiscard]] static strategic_game bimatrix(const Eigen::MatrixBase<DerivedA>& a,
                                               const Eigen::MatrixBase<DerivedB>& b) {
    if (a.rows() != b.rows() || a.cols() != b.cols())
      throw invalid_game("bimatrix: payoff matrices have different shapes (" +
                         std::to_string(a.rows()) + "x" + std::to_string(a.cols()) + " and " +
                         std::to_string(b.rows()) + "x" + std::to_string(b.cols()) + ")");
    if (a.rows() == 0 || a.cols() == 0) throw invalid_game("bimatrix: a player has no strategies");
    strategic_game game({static_cast<std::size_t>(a.rows()), static_cast<std::size_t>(a.cols())});
    for (Eigen::Index j = 0; j < a.cols(); ++j)
      for (Eigen::Index i = 0; i < a.rows(); ++i) {
        const auto profile = static_cast<std::size_t>(i + j * a.rows());
        game.set_payoff(0, profile, Scalar(a(i, j)));
        game.set_payoff(1, profile, Scalar(b(i, j)));
      }
    return game;
  }

  /// A two-player game from integer payoff rows, row player's matrix `a`,
  /// column player's `b` (for games written out in code and tests). Throws
  /// `invalid_game` for ragged or empty rows.
  [[nodiscard]] static strategic_game bimatrix(std::initializer_list<std::initializer_list<long>> a,
                                               std::initializer_list<std::initializer_list<long>> b) {
    const auto fill = [](std::initializer_list<std::initializer_list<long>> rows, const char* player) {
      const std::size_t width = rows.size() == 0 ? 0 : rows.begin()->size();
      matrix<Scalar> m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(width));
      Eigen::Index i = 0;
      for (const auto& row : rows) {
        if (row.size() != width)
          throw invalid_game(std::string("bimatrix: the ") + player + " player's row " + std::to_string(i + 1) +
                             " has " + std::to_string(row.size()) + " payoffs, the first row " + std::to_string(width));
        Eigen::Index j = 0;
        for (const long x : row) m(i, j++) = Scalar(x);
        ++i;
      }
      return m;
    };
    return bimatrix(fill(a, "row"), fill(b, "column"));
  }

  [[nodiscard]] std::size_t num_players() const noexcept { return counts_.size(); }
  [[nodiscard]] std::size_t num_strategies(std::size_t player) const { return counts_.at(player); }
  [[nodiscard]] const std::vector<std::size_t>& strategy_counts() const noexcept { return counts_; }
  /// Total number of strategies over all players (the length of a mixed profile).
  [[nodiscard]] std::size_t total_strategies() const noexcept {
    std::size_t total = 0;
    for (auto m : counts_) total += m;
    return total;
  }
  [[nodiscard]] std::size_t num_profiles() const noexcept { return num_profiles_; }
  /// How far the profile index moves when `player`'s strategy goes up by one.
  [[nodiscard]] std::size_t stride(std::size_t player) const { return strides_.at(player); }

  /// The index of a pure profile; throws `invalid_profile` if it does not fit.
  [[nodiscard]] std::size_t profile_index(std::span<const std::size_t> profile) const {
    if (profile.size() != counts_.size())
      throw invalid_profile("pure profile has " + std::to_string(profile.size()) +
                            " strategies for a game of " + std::to_string(counts_.size()) +
                            " players");
    std::size_t index = 0;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
      if (profile[i] >= counts_[i])
        throw invalid_profile("player " + std::to_string(i + 1) + " has no strategy " +
                              std::to_string(profile[i] + 1));
      index += profile[i] * strides_[i];
    }
    return index;
  }

  /// The pure profile with a given index.
  [[nodiscard]] pure_profile profile_at(std::size_t index) const {
    if (index >= num_profiles_) throw invalid_profile("profile index out of range");
    pure_profile profile(counts_.size());
    for (std::size_t i = 0; i < counts_.size(); ++i) {
      profile[i] = index % counts_[i];
      index /= counts_[i];
    }
    return profile;
  }

  [[nodiscard]] const Scalar& payoff(std::size_t player, std::size_t profile) const {
    check_player(player);
    if (profile >= num_profiles_) throw invalid_profile("profile index out of range");
    return payoffs_(static_cast<Eigen::Index>(profile), static_cast<Eigen::Index>(player));
  }
  [[nodiscard]] const Scalar& payoff(std::size_t player, std::span<const std::size_t> profile) const {
    return payoff(player, profile_index(profile));
  }

  /// Sets one payoff; throws `invalid_game` for NaN or infinity.
  void set_payoff(std::size_t player, std::size_t profile, Scalar value) {
    check_player(player);
    if (profile >= num_profiles_) throw invalid_profile("profile index out of range");
    if (!is_finite(value))
      throw invalid_game("payoff of player " + std::to_string(player + 1) + " at profile " +
                         std::to_string(profile + 1) + " is not a finite number");
    payoffs_(static_cast<Eigen::Index>(profile), static_cast<Eigen::Index>(player)) =
        std::move(value);
  }
  void set_payoff(std::size_t player, std::span<const std::size_t> profile, Scalar value) {
    set_payoff(player, profile_index(profile), std::move(value));
  }

  /// All of one player's payoffs, by profile index.
  [[nodiscard]] std::span<const Scalar> payoffs(std::size_t player) const {
    check_player(player);
    return {payoffs_.col(static_cast<Eigen::Index>(player)).data(), num_profiles_};
  }

  /// The payoff table as a profiles x players matrix.
  [[nodiscard]] const matrix<Scalar>& payoff_table() const noexcept { return payoffs_; }

  /// In a two-player game, `player`'s payoffs as an m1 x m2 matrix (rows:
  /// player 1's strategies, columns: player 2's).
  [[nodiscard]] Eigen::Map<const matrix<Scalar>> payoff_matrix(std::size_t player) const {
    if (counts_.size() != 2)
      throw invalid_argument("payoff_matrix needs a two-player game, this one has " +
                             std::to_string(counts_.size()) + " players");
    check_player(player);
    return {payoffs_.col(static_cast<Eigen::Index>(player)).data(),
            static_cast<Eigen::Index>(counts_[0]), static_cast<Eigen::Index>(counts_[1])};
  }

  [[nodiscard]] const std::string& title() const noexcept { return title_; }
  void set_title(std::string title) { title_ = std::move(title); }
  [[nodiscard]] const std::string& comment() const noexcept { return comment_; }
  void set_comment(std::string comment) { comment_ = std::move(comment); }
  [[nodiscard]] const std::string& player_label(std::size_t player) const {
    return player_labels_.at(player);
  }
  void set_player_label(std::size_t player, std::string label) {
    player_labels_.at(player) = std::move(label);
  }
  [[nodiscard]] const std::string& strategy_label(std::size_t player, std::size_t strategy) const {
    return strategy_labels_.at(player).at(strategy);
  }
  void set_strategy_label(std::size_t player, std::size_t strategy, std::string label) {
    strategy_labels_.at(player).at(strategy) = std::move(label);
  }

  /// Equal games have equal shapes, payoffs and labels.
  [[nodiscard]] friend bool operator==(const strategic_game& x, const strategic_game& y) {
    return x.counts_ == y.counts_ && x.payoffs_ == y.payoffs_ && x.title_ == y.title_ &&
           x.comment_ == y.comment_ && x.player_labels_ == y.player_labels_ &&
           x.strategy_labels_ == y.strategy_labels_;
  }

 private:
  void check_player(std::size_t player) const {
    if (player >= counts_.size())
      throw invalid_argument("player " + std::to_string(player + 1) + " does not exist in a game of " +
                             std::to_string(counts_.size()) + " players");
  }

  std::vector<std::size_t> counts_;
  std::vector<std::size_t> strides_;
  std::size_t num_profiles_ = 0;
  matrix<Scalar> payoffs_;
  std::string title_;
  std::string comment_;
  std::vector<std::string> player_labels_;
  std::vector<std::vector<std::string>> strategy_labels_;
};

/// The same game with payoffs converted to another scalar (see `scalar_cast`).
template <scalar To, scalar From>
[[nodiscard]] strategic_game<To> convert(const strategic_game<From>& game) {
  if constexpr (std::same_as<To, From>) {
    return game;
  } else {
    strategic_game<To> out(game.strategy_counts());
    out.set_title(game.title());
    out.set_comment(game.comment());
    for (std::size_t i = 0; i < game.num_players(); ++i) {
      out.set_player_label(i, game.player_label(i));
      for (std::size_t s = 0; s < game.num_strategies(i); ++s)
        out.set_strategy_label(i, s, game.strategy_label(i, s));
      const auto from = game.payoffs(i);
      for (std::size_t p = 0; p < from.size(); ++p) out.set_payoff(i, p, scalar_cast<To>(from[p]));
    }
    return out;
  }
}

/// The game restricted to the strategies `kept[i]` of each player i (indices
/// into the original game, in the order given), labels carried along. Throws
/// `invalid_argument` if a player keeps nothing or an index is out of range.
template <scalar Scalar>
[[nodiscard]] strategic_game<Scalar> restrict_strategies(
    const strategic_game<Scalar>& game, const std::vector<std::vector<std::size_t>>& kept) {
  if (kept.size() != game.num_players())
    throw invalid_argument("restrict_strategies: one list of strategies per player is needed");
  std::vector<std::size_t> counts;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (kept[i].empty())
      throw invalid_argument("restrict_strategies: player " + std::to_string(i + 1) +
                             " keeps no strategy");
    for (auto s : kept[i])
      if (s >= game.num_strategies(i))
        throw invalid_argument("restrict_strategies: player " + std::to_string(i + 1) +
                               " has no strategy " + std::to_string(s + 1));
    counts.push_back(kept[i].size());
  }
  strategic_game<Scalar> out(counts);
  out.set_title(game.title());
  out.set_comment(game.comment());
  for (std::size_t i = 0; i < kept.size(); ++i) {
    out.set_player_label(i, game.player_label(i));
    for (std::size_t s = 0; s < kept[i].size(); ++s)
      out.set_strategy_label(i, s, game.strategy_label(i, kept[i][s]));
  }
  pure_profile reduced(counts.size(), 0), original(counts.size());
  for (std::size_t p = 0; p < out.num_profiles(); ++p) {
    for (std::size_t i = 0; i < counts.size(); ++i) original[i] = kept[i][reduced[i]];
    const std::size_t from = game.profile_index(original);
    for (std::size_t i = 0; i < counts.size(); ++i) out.set_payoff(i, p, game.payoff(i, from));
    for (std::size_t i = 0; i < counts.size() && ++reduced[i] == counts[i]; ++i) reduced[i] = 0;
  }
  return out;
}

extern template class strategic_game<double>;
extern template class strategic_game<rational>;

/// The smallest and largest payoff of any player (core/tolerance.hpp).
template <scalar Scalar>
[[nodiscard]] payoff_span payoff_span_of(const strategic_game<Scalar>& game) {
  payoff_span span;
  if constexpr (std::same_as<Scalar, double>) {
    // Vectorised reductions: a loop of min and max is one long chain of
    // dependent instructions, and every solver's check starts here.
    if (game.payoff_table().size() > 0) {
      span.low = game.payoff_table().minCoeff();
      span.high = game.payoff_table().maxCoeff();
    }
  } else {
    for (std::size_t i = 0; i < game.num_players(); ++i)
      for (const auto& u : game.payoffs(i)) span.add(scalar_cast<double>(u));
  }
  return span;
}

namespace detail {

/// floor(log2 |u|) for u != 0, within one for a rational.
template <scalar Scalar>
int binary_exponent(const Scalar& u) {
  if constexpr (std::is_floating_point_v<Scalar>) {
    return std::ilogb(u);
  } else {
    const auto bits = [](const auto& x) {
      return static_cast<int>(boost::multiprecision::msb(boost::multiprecision::abs(x)));
    };
    return bits(boost::multiprecision::numerator(u)) - bits(boost::multiprecision::denominator(u));
  }
}

/// x times 2^k, exactly (for a double, unless the result leaves the range
/// of doubles).
template <scalar Scalar>
Scalar times_power_of_two(Scalar x, int k) {
  if constexpr (std::is_floating_point_v<Scalar>) {
    return std::ldexp(x, k);
  } else {
    if (k > 0) {
      mpq_mul_2exp(x.backend().data(), x.backend().data(), static_cast<mp_bitcnt_t>(k));
    } else if (k < 0) {
      mpq_div_2exp(x.backend().data(), x.backend().data(), static_cast<mp_bitcnt_t>(-k));
    }
    return x;
  }
}

/// `game` with every payoff times 2^k (`times_power_of_two` of each). O(n P).
template <scalar Scalar>
strategic_game<Scalar> times_power_of_two(const strategic_game<Scalar>& game, int k) {
  strategic_game<Scalar> out = game;
  for (std::size_t i = 0; i < game.num_players(); ++i)
    for (std::size_t p = 0; p < game.num_profiles(); ++p) out.set_payoff(i, p, times_power_of_two(game.payoff(i, p), k));
  return out;
}

/// k such that the largest payoff magnitude is about 2^k, when that is
/// 2^960 or more, or 2^-960 or less; nothing otherwise (and for a game
/// whose payoffs are all zero). O(n P).
template <scalar Scalar>
std::optional<int> extreme_payoff_exponent(const strategic_game<Scalar>& game) {
  const auto& table = game.payoff_table();
  int largest = std::numeric_limits<int>::min();
  for (Eigen::Index k = 0; k < table.size(); ++k)
    if (table.data()[k] != Scalar(0)) largest = std::max(largest, binary_exponent(table.data()[k]));
  if (largest == std::numeric_limits<int>::min() || (largest < 960 && largest > -960)) return std::nullopt;
  return largest;
}

/// `game` with every payoff multiplied by 2^-k so that the largest
/// magnitude is about 1, when that magnitude is 2^960 or more, or 2^-960 or
/// less (`extreme_payoff_exponent`); nothing otherwise. Solvers whose
/// results hold no payoffs (only profiles) solve such a game instead: they
/// take expected payoffs and their differences in double, which overflow
/// for payoffs near the largest double (1.8e308) and lose their digits
/// among subnormal numbers (below 2.2e-308). Multiplying by a power of two
/// is exact (except that, scaling down, payoffs more than 2^1074 times
/// smaller than the largest, far below every tolerance, may become zero)
/// and changes neither the equilibria nor regrets relative to the payoff
/// range. O(n P).
template <scalar Scalar>
std::optional<strategic_game<Scalar>> rescaled_if_extreme(const strategic_game<Scalar>& game) {
  const auto exponent = extreme_payoff_exponent(game);
  if (!exponent) return std::nullopt;
  return times_power_of_two(game, -*exponent);
}

}  // namespace detail

}  // namespace impasse
