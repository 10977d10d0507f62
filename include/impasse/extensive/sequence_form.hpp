// The sequence form of an extensive game with perfect recall (Koller,
// Megiddo and von Stengel 1996, "Efficient computation of equilibria for
// extensive two-person games", GEB 14; von Stengel 1996, "Efficient
// computation of behavior strategies", GEB 14).
//
// A *sequence* of player i is the empty sequence or the last move
// (information set, action) of i on a path; under perfect recall every node
// of an information set h is reached by the same sequence of i, seq(h). A
// *realization plan* x assigns each sequence the probability that i's own
// moves play it:
//
//   x(empty) = 1,   sum over h's actions a of x(h, a) = x(seq(h)),   x >= 0,
//
// that is E x = e with E having one row for the empty sequence and one per
// information set. Realization plans and behaviour strategies are the same
// thing up to unreachable sets: b(h, a) = x(h, a) / x(seq(h)), and
// x(h, a) = x(seq(h)) b(h, a). The payoff of a profile of plans is
// multilinear: sum over the nodes n with an outcome of chance's reach
// probability of n times the outcome's payoffs times the product of the
// players' x(seq_i(n)). The payoffs are stored sparsely, one entry per
// profile of sequences that some outcome is met at, so everything here is
// linear in the size of the tree (where the strategic form is exponential).
//
// Sequences of a player are numbered 0 for the empty sequence, then the
// actions of the player's information sets in the game's order: sequence
// (h, a) is number 1 + (h's offset in a behaviour_profile of that player) + a.
// Cost: O(N * (n + depth)) to build for N nodes and n players (the perfect
// recall check included); exact in rationals.
#pragma once

#include <impasse/core/error.hpp>
#include <impasse/extensive/behaviour_profile.hpp>
#include <impasse/extensive/structure.hpp>
#include <impasse/strategic/game.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace impasse {

/// One player's realization plan: a probability per sequence, in the
/// player's sequence order (the empty sequence first).
template <scalar Scalar>
using realization_plan = std::vector<Scalar>;

/// One profile of sequences at which outcomes are met, and what they pay.
template <scalar Scalar>
struct sequence_payoff {
  /// One sequence per player.
  std::vector<std::size_t> sequences;
  /// One payoff per player: the sum, over the nodes met at these sequences,
  /// of chance's reach probability times the payoff there.
  std::vector<Scalar> payoffs;
  /// The sum of chance's reach probabilities of those nodes.
  Scalar chance_probability{0};

  friend bool operator==(const sequence_payoff&, const sequence_payoff&) = default;
};

/// Where the payoffs of the sequence form are attached.
enum class sequence_payoff_placement {
  /// At every node with an outcome, with the sequences as of that node (so
  /// outcomes met on the way add up along paths): the definition of the
  /// papers, with an entry per node that carries an outcome.
  outcomes,
  /// At the terminal nodes only, each paying the sum of the outcomes on its
  /// path. The same multilinear payoff for every profile of realization
  /// plans; what the LCP needs to shift all payoffs below zero.
  terminal_nodes,
};

struct sequence_form_options {
  sequence_payoff_placement placement = sequence_payoff_placement::outcomes;
};

template <scalar Scalar>
class sequence_form {
 public:
  using scalar_type = Scalar;

  /// The sequence form of `game`. Throws `invalid_argument` unless the game
  /// has perfect recall.
  explicit sequence_form(const extensive_game<Scalar>& game, const sequence_form_options& options = {})
      : players_(game.num_players()) {
    require_perfect_recall(game, "the sequence form");
    const std::size_t n_players = game.num_players();
    first_.assign(game.num_information_sets(), no_index);
    parent_.assign(game.num_information_sets(), no_index);
    owner_.assign(game.num_information_sets(), no_index);
    count_.assign(game.num_information_sets(), 0);
    for (std::size_t i = 0; i < n_players; ++i) {
      auto& p = players_[i];
      p.information_sets = game.player_information_sets(i);
      p.set_of.push_back(no_index);
      p.action_of.push_back(no_index);
      for (const auto h : p.information_sets) {
        first_[h] = p.set_of.size();
        owner_[h] = i;
        count_[h] = game.infoset(h).actions.size();
        for (std::size_t a = 0; a < game.infoset(h).actions.size(); ++a) {
          p.set_of.push_back(h);
          p.action_of.push_back(a);
        }
      }
    }
    // Depth-first from the root: each node's sequence of every player and
    // chance's reach probability; the information sets in order of discovery.
    std::map<std::vector<std::size_t>, std::size_t> entry_of;
    struct frame {
      std::size_t node;
      std::vector<std::size_t> sequences;
      Scalar chance;
      std::vector<Scalar> accumulated;  // outcomes so far (terminal placement)
    };
    const bool at_terminals = options.placement == sequence_payoff_placement::terminal_nodes;
    std::vector<frame> stack;
    stack.push_back({game.root(), std::vector<std::size_t>(n_players, 0), Scalar(1),
                     std::vector<Scalar>(at_terminals ? n_players : 0, Scalar(0))});
    const auto add_entry = [&](const std::vector<std::size_t>& sequences, const Scalar& weight,
                               const std::vector<Scalar>& payoffs) {
      if (weight == Scalar(0)) return;
      auto [it, fresh] = entry_of.try_emplace(sequences, payoffs_.size());
      if (fresh) payoffs_.push_back({sequences, std::vector<Scalar>(n_players, Scalar(0)), Scalar(0)});
      auto& entry = payoffs_[it->second];
      for (std::size_t i = 0; i < n_players; ++i) entry.payoffs[i] += weight * payoffs[i];
      entry.chance_probability += weight;
    };
    while (!stack.empty()) {
      frame f = std::move(stack.back());
      stack.pop_back();
      const auto& node = game.node(f.node);
      if (node.outcome != no_index) {
        const auto& paid = game.outcome(node.outcome).payoffs;
        if (at_terminals) {
          for (std::size_t i = 0; i < n_players; ++i) f.accumulated[i] += paid[i];
        } else {
          add_entry(f.sequences, f.chance, paid);
        }
      }
      if (node.kind == node_kind::terminal) {
        if (at_terminals) add_entry(f.sequences, f.chance, f.accumulated);
        continue;
      }
      const std::size_t h = node.information_set;
      const auto& set = game.infoset(h);
      if (set.player != chance_player && parent_[h] == no_index) {
        parent_[h] = f.sequences[set.player];
        players_[set.player].discovery_order.push_back(h);
      }
      for (std::size_t a = node.children.size(); a-- > 0;) {
        frame child{node.children[a], f.sequences, f.chance, f.accumulated};
        if (set.player == chance_player)
          child.chance *= set.probabilities[a];
        else
          child.sequences[set.player] = first_[h] + a;
        stack.push_back(std::move(child));
      }
    }
    std::sort(payoffs_.begin(), payoffs_.end(),
              [](const sequence_payoff<Scalar>& a, const sequence_payoff<Scalar>& b) { return a.sequences < b.sequences; });
  }

  [[nodiscard]] std::size_t num_players() const noexcept { return players_.size(); }

  /// The number of `player`'s sequences: one more than their actions.
  [[nodiscard]] std::size_t num_sequences(std::size_t player) const { return at(player).set_of.size(); }

  /// The number of `player`'s information sets (rows of E, less one).
  [[nodiscard]] std::size_t num_information_sets(std::size_t player) const { return at(player).information_sets.size(); }

  /// `player`'s information sets (game-wide indices), in the game's order.
  [[nodiscard]] const std::vector<std::size_t>& information_sets(std::size_t player) const {
    return at(player).information_sets;
  }

  /// `player`'s information sets ordered so that each comes after the one
  /// whose action leads to it (the order of a depth-first walk).
  [[nodiscard]] const std::vector<std::size_t>& top_down_order(std::size_t player) const {
    return at(player).discovery_order;
  }

  /// The sequence of action `a` at player information set `h` (game-wide index).
  [[nodiscard]] std::size_t sequence(std::size_t h, std::size_t a) const {
    if (a >= count_actions(h))
      throw invalid_argument("information set " + std::to_string(h) + " has no action " + std::to_string(a + 1));
    return first_[h] + a;
  }

  /// seq(h): the sequence of h's player that leads to information set h.
  [[nodiscard]] std::size_t parent_sequence(std::size_t h) const {
    check_set(h);
    return parent_[h];
  }

  /// The information set (game-wide) and action of `player`'s sequence `s`;
  /// no_index for the empty sequence 0.
  [[nodiscard]] std::size_t information_set_of(std::size_t player, std::size_t s) const {
    return at(player).set_of.at(s);
  }
  [[nodiscard]] std::size_t action_of(std::size_t player, std::size_t s) const { return at(player).action_of.at(s); }

  /// The player of a player information set.
  [[nodiscard]] std::size_t player_of(std::size_t h) const {
    check_set(h);
    return owner_[h];
  }

  /// The number of actions at player information set `h`.
  [[nodiscard]] std::size_t count_actions(std::size_t h) const {
    check_set(h);
    return count_[h];
  }

  /// E for `player`: (1 + information sets) x sequences; row 0 says
  /// x(empty) = 1, row 1 + k says that the actions of the k-th set (in the
  /// game's order) add up to the sequence leading to it.
  [[nodiscard]] matrix<Scalar> constraint_matrix(std::size_t player) const {
    const auto& p = at(player);
    matrix<Scalar> e = matrix<Scalar>::Zero(static_cast<Eigen::Index>(p.information_sets.size() + 1),
                                            static_cast<Eigen::Index>(p.set_of.size()));
    e(0, 0) = Scalar(1);
    for (std::size_t k = 0; k < p.information_sets.size(); ++k) {
      const std::size_t h = p.information_sets[k];
      const auto row = static_cast<Eigen::Index>(k + 1);
      e(row, static_cast<Eigen::Index>(parent_[h])) = Scalar(-1);
      for (std::size_t s = first_[h]; s < p.set_of.size() && p.set_of[s] == h; ++s)
        e(row, static_cast<Eigen::Index>(s)) = Scalar(1);
    }
    return e;
  }

  /// e for `player`: (1, 0, ..., 0), one entry per row of E.
  [[nodiscard]] vector<Scalar> constraint_bounds(std::size_t player) const {
    vector<Scalar> e = vector<Scalar>::Zero(static_cast<Eigen::Index>(at(player).information_sets.size() + 1));
    e(0) = Scalar(1);
    return e;
  }

  /// The payoff entries, sorted by their profiles of sequences; profiles
  /// that no outcome is met at (or only with chance probability zero) have
  /// none.
  [[nodiscard]] const std::vector<sequence_payoff<Scalar>>& payoff_entries() const noexcept { return payoffs_; }

  /// For two players: `player`'s payoffs as a dense matrix, rows player 1's
  /// sequences and columns player 2's (A for player 0, B for player 1).
  [[nodiscard]] matrix<Scalar> payoff_matrix(std::size_t player) const {
    if (players_.size() != 2)
      throw invalid_argument("payoff_matrix: the sequence form has " + std::to_string(players_.size()) +
                             " players; payoff matrices need two");
    if (player >= 2) throw invalid_argument("payoff_matrix: player " + std::to_string(player + 1) + " does not exist");
    matrix<Scalar> m = matrix<Scalar>::Zero(static_cast<Eigen::Index>(num_sequences(0)),
                                            static_cast<Eigen::Index>(num_sequences(1)));
    for (const auto& entry : payoffs_)
      m(static_cast<Eigen::Index>(entry.sequences[0]), static_cast<Eigen::Index>(entry.sequences[1])) +=
          entry.payoffs[player];
    return m;
  }

 private:
  struct player_data {
    std::vector<std::size_t> information_sets;
    std::vector<std::size_t> discovery_order;
    std::vector<std::size_t> set_of;     // per sequence
    std::vector<std::size_t> action_of;  // per sequence
  };

  const player_data& at(std::size_t player) const {
    if (player >= players_.size())
      throw invalid_argument("player " + std::to_string(player + 1) + " does not exist (the game has " +
                             std::to_string(players_.size()) + ")");
    return players_[player];
  }
  void check_set(std::size_t h) const {
    if (h >= first_.size() || first_[h] == no_index)
      throw invalid_argument("information set " + std::to_string(h) + " is not a player's");
  }

  std::vector<player_data> players_;
  std::vector<std::size_t> first_;   // per game information set: its first action's sequence
  std::vector<std::size_t> parent_;  // per game information set: seq(h)
  std::vector<std::size_t> owner_;   // per game information set: its player
  std::vector<std::size_t> count_;   // per game information set: its number of actions
  std::vector<sequence_payoff<Scalar>> payoffs_;
};

namespace detail {

template <scalar Scalar>
Scalar plan_tolerance() {
  if constexpr (is_exact_v<Scalar>) {
    return Scalar(0);
  } else {
    return Scalar(1e-9);
  }
}

/// A behaviour profile of a game in another scalar, for `game` (which must
/// have the same information sets), converted by scalar_cast.
template <scalar To, scalar From>
behaviour_profile<To> convert_profile(const extensive_game<To>& game, const behaviour_profile<From>& profile) {
  behaviour_profile<To> out(game);
  for (std::size_t i = 0; i < game.num_players(); ++i)
    for (const auto h : game.player_information_sets(i))
      for (std::size_t a = 0; a < game.infoset(h).actions.size(); ++a) out(h, a) = scalar_cast<To>(profile(h, a));
  return out;
}

/// Realization plans in another scalar.
template <scalar To, scalar From>
std::vector<std::vector<To>> convert_plans(const std::vector<std::vector<From>>& plans) {
  std::vector<std::vector<To>> out;
  for (const auto& x : plans) {
    auto& converted = out.emplace_back();
    for (const auto& v : x) converted.push_back(scalar_cast<To>(v));
  }
  return out;
}

}  // namespace detail

/// Throws `invalid_profile` unless `plan` is a realization plan of
/// `player`: one entry per sequence, non-negative, x(empty) = 1 and each
/// information set's actions adding up to the sequence leading to it
/// (exactly in rationals, within `tolerance` in double).
template <scalar Scalar>
void validate_realization_plan(const sequence_form<Scalar>& form, std::size_t player, const realization_plan<Scalar>& plan,
                               const Scalar& tolerance = detail::plan_tolerance<Scalar>()) {
  const std::string who = "player " + std::to_string(player + 1) + "'s realization plan";
  if (plan.size() != form.num_sequences(player))
    throw invalid_profile(who + " has " + std::to_string(plan.size()) + " entries for " +
                          std::to_string(form.num_sequences(player)) + " sequences");
  for (std::size_t s = 0; s < plan.size(); ++s)
    if (!is_finite(plan[s]) || plan[s] < -tolerance)
      throw invalid_profile(who + " is negative or not finite at sequence " + std::to_string(s));
  const auto off = [&](const Scalar& gap) { return gap > tolerance || gap < -tolerance; };
  if (off(plan[0] - Scalar(1))) throw invalid_profile(who + " does not give the empty sequence probability 1");
  for (const auto h : form.information_sets(player)) {
    Scalar sum(0);
    const std::size_t first = form.sequence(h, 0);
    for (std::size_t a = 0; a < form.count_actions(h); ++a) sum += plan[first + a];
    if (off(sum - plan[form.parent_sequence(h)]))
      throw invalid_profile(who + ": the actions of information set " + std::to_string(h) +
                            " do not add up to the sequence leading to it");
  }
}

/// Each player's realization plan of a behaviour profile:
/// x(h, a) = x(seq(h)) * b(h, a).
template <scalar Scalar>
[[nodiscard]] std::vector<realization_plan<Scalar>> realization_plans(const sequence_form<Scalar>& form,
                                                                      const behaviour_profile<Scalar>& profile) {
  std::vector<realization_plan<Scalar>> plans;
  for (std::size_t i = 0; i < form.num_players(); ++i) {
    realization_plan<Scalar> x(form.num_sequences(i), Scalar(0));
    x[0] = Scalar(1);
    for (const auto h : form.top_down_order(i)) {
      const Scalar parent = x[form.parent_sequence(h)];
      const std::size_t first = form.sequence(h, 0);
      for (std::size_t a = 0; a < form.count_actions(h); ++a) x[first + a] = parent * profile(h, a);
    }
    plans.push_back(std::move(x));
  }
  return plans;
}

/// The behaviour profile of a profile of realization plans:
/// b(h, a) = x(h, a) / x(seq(h)), and the first action at sets the
/// player's own plan never reaches (x(seq(h)) = 0; in double, within the
/// tolerance). In double each distribution is normalised by its own sum.
/// Throws `invalid_profile` unless each plan is a realization plan.
template <scalar Scalar>
[[nodiscard]] behaviour_profile<Scalar> behaviour_strategies(const extensive_game<Scalar>& game,
                                                             const sequence_form<Scalar>& form,
                                                             const std::vector<realization_plan<Scalar>>& plans,
                                                             const Scalar& tolerance = detail::plan_tolerance<Scalar>()) {
  if (plans.size() != form.num_players() || form.num_players() != game.num_players())
    throw invalid_profile("a realization plan is needed for each of the " + std::to_string(form.num_players()) +
                          " players; got " + std::to_string(plans.size()));
  behaviour_profile<Scalar> profile(game);
  for (std::size_t i = 0; i < plans.size(); ++i) {
    validate_realization_plan(form, i, plans[i], tolerance);
    const auto& x = plans[i];
    for (const auto h : form.information_sets(i)) {
      const std::size_t first = form.sequence(h, 0), count = form.count_actions(h);
      Scalar sum(0);
      if constexpr (is_exact_v<Scalar>) {
        sum = x[form.parent_sequence(h)];
      } else {
        for (std::size_t a = 0; a < count; ++a) sum += std::max(Scalar(0), x[first + a]);
      }
      if (sum <= tolerance) {
        profile(h, 0) = Scalar(1);
        continue;
      }
      for (std::size_t a = 0; a < count; ++a) profile(h, a) = std::max(Scalar(0), x[first + a]) / sum;
    }
  }
  return profile;
}

/// Each player's expected payoff under a profile of realization plans: the
/// sum over the payoff entries of the payoffs times the product of the
/// players' probabilities of the entry's sequences.
template <scalar Scalar>
[[nodiscard]] std::vector<Scalar> sequence_form_payoffs(const sequence_form<Scalar>& form,
                                                        const std::vector<realization_plan<Scalar>>& plans) {
  if (plans.size() != form.num_players())
    throw invalid_profile("a realization plan is needed for each of the " + std::to_string(form.num_players()) +
                          " players; got " + std::to_string(plans.size()));
  for (std::size_t i = 0; i < plans.size(); ++i)
    if (plans[i].size() != form.num_sequences(i))
      throw invalid_profile("player " + std::to_string(i + 1) + "'s realization plan has " +
                            std::to_string(plans[i].size()) + " entries for " +
                            std::to_string(form.num_sequences(i)) + " sequences");
  std::vector<Scalar> total(form.num_players(), Scalar(0));
  for (const auto& entry : form.payoff_entries()) {
    Scalar weight(1);
    for (std::size_t i = 0; i < plans.size() && weight != Scalar(0); ++i) weight *= plans[i][entry.sequences[i]];
    if (weight == Scalar(0)) continue;
    for (std::size_t i = 0; i < total.size(); ++i) total[i] += weight * entry.payoffs[i];
  }
  return total;
}

}  // namespace impasse
