// The stochastic (Markov) game: a value type. Play moves between states;
// in each state every player picks one of that state's actions, the action
// profile pays each player a stage payoff and draws the next state from a
// (sparse) probability distribution. Player i discounts the future by
// delta_i in [0, 1). A state where every player has a single action and
// that returns to itself is absorbing.
//
// Action profiles of a state are numbered as in a .nfg file: the first
// player's action varies fastest, so profile (a_1, ..., a_n) has index
// sum_i a_i * stride_i with stride_1 = 1 and stride_{i+1} = stride_i * m_i.
//
// A stationary (Markov) strategy profile assigns each state a mixed
// profile of that state's stage game: `stationary_profile`.
//
// The constructor validates everything and throws `invalid_stochastic_game`
// (an `invalid_game`) naming the state and outcome at fault.
#pragma once

#include <impasse/core/tolerance.hpp>
#include <impasse/core/error.hpp>
#include <impasse/core/scalar.hpp>
#include <impasse/strategic/mixed_profile.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace impasse {

/// A stochastic game that cannot exist. `state()` and `outcome()` say where
/// (empty / nothing when the fault is not in one state or outcome).
class invalid_stochastic_game : public invalid_game {
 public:
  invalid_stochastic_game(std::string state, std::optional<std::size_t> outcome, const std::string& message)
      : invalid_game(where(state, outcome) + message), state_(std::move(state)), outcome_(outcome), message_(message) {}
  /// The same, with the file (or other source) it comes from in front.
  invalid_stochastic_game(const std::string& source, std::string state, std::optional<std::size_t> outcome,
                          const std::string& message)
      : invalid_game(source + ": " + (state.empty() ? std::string() : where(state, outcome)) + message),
        state_(std::move(state)),
        outcome_(outcome),
        message_(message) {}
  explicit invalid_stochastic_game(const std::string& message) : invalid_game(message), message_(message) {}

  /// The state's name, or "" when the fault is not in one state.
  [[nodiscard]] const std::string& state() const noexcept { return state_; }
  /// The outcome (action-profile) index from 0, if the fault is in one.
  [[nodiscard]] std::optional<std::size_t> outcome() const noexcept { return outcome_; }
  /// What is wrong, without the place.
  [[nodiscard]] const std::string& message() const noexcept { return message_; }

 private:
  static std::string where(const std::string& state, std::optional<std::size_t> outcome) {
    std::string out = "state \"" + state + "\"";
    if (outcome) out += ", outcome " + std::to_string(*outcome + 1);
    return out + ": ";
  }
  std::string state_;
  std::optional<std::size_t> outcome_;
  std::string message_;
};

/// What one action profile of a state leads to.
template <scalar Scalar>
struct stochastic_outcome {
  /// One stage payoff per player.
  std::vector<Scalar> payoffs;
  /// The next state's distribution: (state index, probability) pairs, each
  /// state at most once, probabilities positive or zero, summing to one.
  std::vector<std::pair<std::size_t, Scalar>> next;

  [[nodiscard]] friend bool operator==(const stochastic_outcome&, const stochastic_outcome&) = default;
};

/// One state: its name, each player's action names, and one outcome per
/// action profile (the first player's action varying fastest).
template <scalar Scalar>
struct stochastic_state {
  std::string name;
  std::vector<std::vector<std::string>> actions;
  std::vector<stochastic_outcome<Scalar>> outcomes;

  /// Each player's number of actions here.
  [[nodiscard]] std::vector<std::size_t> action_counts() const {
    std::vector<std::size_t> counts;
    for (const auto& a : actions) counts.push_back(a.size());
    return counts;
  }
  /// The number of action profiles (the product of the action counts).
  [[nodiscard]] std::size_t num_profiles() const {
    std::size_t n = 1;
    for (const auto& a : actions) n *= a.size();
    return n;
  }
  /// The index of an action profile (no range check beyond `outcomes.at`).
  [[nodiscard]] std::size_t profile_index(std::span<const std::size_t> profile) const {
    std::size_t index = 0, stride = 1;
    for (std::size_t i = 0; i < actions.size(); ++i) {
      index += profile[i] * stride;
      stride *= actions[i].size();
    }
    return index;
  }
  /// The action profile with a given index.
  [[nodiscard]] std::vector<std::size_t> profile_at(std::size_t index) const {
    std::vector<std::size_t> profile(actions.size());
    for (std::size_t i = 0; i < actions.size(); ++i) {
      profile[i] = index % actions[i].size();
      index /= actions[i].size();
    }
    return profile;
  }

  [[nodiscard]] friend bool operator==(const stochastic_state&, const stochastic_state&) = default;
};

template <scalar Scalar>
class stochastic_game {
 public:
  using scalar_type = Scalar;

  /// Validates and builds the game. `discounts` holds one factor for all
  /// players or one per player, each in [0, 1). Throws
  /// `invalid_stochastic_game` for: no players or states, duplicate or empty
  /// state names, a player without actions in a state, the wrong number of
  /// action lists, outcomes or payoffs, a payoff or probability that is not
  /// finite, a negative probability, a next state out of range or listed
  /// twice, next-state probabilities that do not sum to one (exactly for
  /// rationals, within 1e-9 for doubles), a discount outside [0, 1), or an
  /// initial state out of range.
  stochastic_game(std::vector<std::string> players, std::vector<stochastic_state<Scalar>> states,
                  std::vector<Scalar> discounts, std::size_t initial_state = 0, std::string title = {})
      : players_(std::move(players)),
        states_(std::move(states)),
        discounts_(std::move(discounts)),
        initial_(initial_state),
        title_(std::move(title)) {
    validate();
  }

  [[nodiscard]] std::size_t num_players() const noexcept { return players_.size(); }
  [[nodiscard]] const std::vector<std::string>& players() const noexcept { return players_; }
  [[nodiscard]] const std::string& player_name(std::size_t player) const { return players_.at(player); }

  [[nodiscard]] std::size_t num_states() const noexcept { return states_.size(); }
  [[nodiscard]] const std::vector<stochastic_state<Scalar>>& states() const noexcept { return states_; }
  [[nodiscard]] const stochastic_state<Scalar>& state(std::size_t s) const { return states_.at(s); }
  /// The index of the state called `name`, if there is one.
  [[nodiscard]] std::optional<std::size_t> find_state(std::string_view name) const {
    for (std::size_t s = 0; s < states_.size(); ++s)
      if (states_[s].name == name) return s;
    return std::nullopt;
  }
  [[nodiscard]] std::size_t num_actions(std::size_t s, std::size_t player) const {
    return states_.at(s).actions.at(player).size();
  }
  /// The outcome of action profile `profile` (an index) in state `s`.
  [[nodiscard]] const stochastic_outcome<Scalar>& outcome(std::size_t s, std::size_t profile) const {
    return states_.at(s).outcomes.at(profile);
  }

  /// Player `player`'s discount factor.
  [[nodiscard]] const Scalar& discount(std::size_t player) const {
    return discounts_.size() == 1 ? discounts_[0] : discounts_.at(player);
  }
  /// The discount factors as given: one (common) or one per player.
  [[nodiscard]] const std::vector<Scalar>& discounts() const noexcept { return discounts_; }
  [[nodiscard]] bool common_discount() const noexcept { return discounts_.size() == 1; }

  [[nodiscard]] std::size_t initial_state() const noexcept { return initial_; }
  [[nodiscard]] const std::string& title() const noexcept { return title_; }

  /// True when state `s` has a single action per player and returns to itself.
  [[nodiscard]] bool is_absorbing(std::size_t s) const {
    const auto& st = states_.at(s);
    if (st.num_profiles() != 1) return false;
    for (const auto& [to, p] : st.outcomes[0].next)
      if (to == s && p == Scalar(1)) return true;
    return false;
  }

  [[nodiscard]] friend bool operator==(const stochastic_game&, const stochastic_game&) = default;

 private:
  void validate() const {
    if (players_.empty()) throw invalid_stochastic_game("a stochastic game needs at least one player");
    if (states_.empty()) throw invalid_stochastic_game("a stochastic game needs at least one state");
    const std::size_t n = players_.size();
    if (discounts_.size() != 1 && discounts_.size() != n)
      throw invalid_stochastic_game("the discount must be one number or one per player (" + std::to_string(n) +
                                    "), not " + std::to_string(discounts_.size()));
    for (std::size_t i = 0; i < discounts_.size(); ++i) {
      const auto& d = discounts_[i];
      const std::string who = discounts_.size() == 1 ? "the discount factor" : "the discount factor of player \"" + players_[i] + "\"";
      if (!is_finite(d) || d != d) throw invalid_stochastic_game(who + " is not a finite number");
      if (d < Scalar(0) || d >= Scalar(1))
        throw invalid_stochastic_game(who + " is " + to_message_string(d) + ", outside [0, 1)");
    }
    if (initial_ >= states_.size())
      throw invalid_stochastic_game("the initial state " + std::to_string(initial_ + 1) + " does not exist (" +
                                    std::to_string(states_.size()) + " states)");
    for (std::size_t s = 0; s < states_.size(); ++s) {
      const auto& st = states_[s];
      if (st.name.empty()) throw invalid_stochastic_game("state " + std::to_string(s + 1) + " has no name");
      for (std::size_t t = 0; t < s; ++t)
        if (states_[t].name == st.name) throw invalid_stochastic_game(st.name, std::nullopt, "two states have this name");
      if (st.actions.size() != n)
        throw invalid_stochastic_game(st.name, std::nullopt,
                                      std::to_string(st.actions.size()) + " action lists for " + std::to_string(n) +
                                          " players");
      std::size_t profiles = 1;
      for (std::size_t i = 0; i < n; ++i) {
        if (st.actions[i].empty())
          throw invalid_stochastic_game(st.name, std::nullopt, "player \"" + players_[i] + "\" has no actions");
        if (profiles > (std::size_t{1} << 40) / st.actions[i].size())
          throw invalid_stochastic_game(st.name, std::nullopt, "too many action profiles");
        profiles *= st.actions[i].size();
      }
      if (st.outcomes.size() != profiles)
        throw invalid_stochastic_game(st.name, std::nullopt,
                                      std::to_string(st.outcomes.size()) + " outcomes, but the actions make " +
                                          std::to_string(profiles) + " profiles");
      for (std::size_t o = 0; o < profiles; ++o) {
        const auto& out = st.outcomes[o];
        if (out.payoffs.size() != n)
          throw invalid_stochastic_game(st.name, o,
                                        std::to_string(out.payoffs.size()) + " payoffs for " + std::to_string(n) +
                                            " players");
        for (std::size_t i = 0; i < n; ++i)
          if (!is_finite(out.payoffs[i]))
            throw invalid_stochastic_game(st.name, o, "the payoff of player \"" + players_[i] + "\" is not a finite number");
        if (out.next.empty()) throw invalid_stochastic_game(st.name, o, "no next state");
        Scalar sum(0);
        for (std::size_t k = 0; k < out.next.size(); ++k) {
          const auto& [to, p] = out.next[k];
          if (to >= states_.size())
            throw invalid_stochastic_game(st.name, o, "next state " + std::to_string(to + 1) + " does not exist");
          for (std::size_t l = 0; l < k; ++l)
            if (out.next[l].first == to)
              throw invalid_stochastic_game(st.name, o, "next state \"" + states_[to].name + "\" is listed twice");
          if (!is_finite(p))
            throw invalid_stochastic_game(st.name, o,
                                          "the probability of next state \"" + states_[to].name + "\" is not a finite number");
          if (p < Scalar(0))
            throw invalid_stochastic_game(st.name, o, "the probability of next state \"" + states_[to].name +
                                                          "\" is negative (" + to_message_string(p) + ")");
          sum += p;
        }
        const Scalar gap = sum - Scalar(1);
        const Scalar tolerance = scalar_traits<Scalar>::tolerance();
        if (gap > tolerance || gap < -tolerance)
          throw invalid_stochastic_game(st.name, o,
                                        "next-state probabilities sum to " + to_message_string(sum) + ", not 1");
      }
    }
  }

  std::vector<std::string> players_;
  std::vector<stochastic_state<Scalar>> states_;
  std::vector<Scalar> discounts_;
  std::size_t initial_ = 0;
  std::string title_;
};

/// The same game in another scalar (see `scalar_cast`).
template <scalar To, scalar From>
[[nodiscard]] stochastic_game<To> convert(const stochastic_game<From>& game) {
  if constexpr (std::same_as<To, From>) {
    return game;
  } else {
    std::vector<stochastic_state<To>> states;
    for (const auto& st : game.states()) {
      stochastic_state<To> out{st.name, st.actions, {}};
      for (const auto& o : st.outcomes) {
        stochastic_outcome<To> c;
        for (const auto& u : o.payoffs) c.payoffs.push_back(scalar_cast<To>(u));
        for (const auto& [to, p] : o.next) c.next.emplace_back(to, scalar_cast<To>(p));
        out.outcomes.push_back(std::move(c));
      }
      states.push_back(std::move(out));
    }
    std::vector<To> discounts;
    for (const auto& d : game.discounts()) discounts.push_back(scalar_cast<To>(d));
    return stochastic_game<To>(game.players(), std::move(states), std::move(discounts), game.initial_state(),
                               game.title());
  }
}

/// A stationary (Markov) strategy profile: for each state, a mixed profile
/// of that state's stage game (probabilities of each player's actions).
template <scalar Scalar>
using stationary_profile = std::vector<mixed_profile<Scalar>>;

/// Every player mixing uniformly in every state.
template <scalar Scalar>
[[nodiscard]] stationary_profile<Scalar> uniform_stationary_profile(const stochastic_game<Scalar>& game) {
  stationary_profile<Scalar> out;
  for (const auto& st : game.states()) out.push_back(mixed_profile<Scalar>::uniform(st.action_counts()));
  return out;
}

/// The stationary profile playing, in state s, the pure action profile
/// `actions[s]` (one action index per player).
template <scalar Scalar, scalar GameScalar>
[[nodiscard]] stationary_profile<Scalar> pure_stationary_profile(const stochastic_game<GameScalar>& game,
                                                                 const std::vector<std::vector<std::size_t>>& actions) {
  if (actions.size() != game.num_states())
    throw invalid_profile("a pure stationary profile needs one action profile per state (" +
                          std::to_string(game.num_states()) + "), not " + std::to_string(actions.size()));
  stationary_profile<Scalar> out;
  for (std::size_t s = 0; s < game.num_states(); ++s)
    out.push_back(mixed_profile<Scalar>::pure(game.state(s).action_counts(), actions[s]));
  return out;
}

/// Throws `invalid_profile` (naming the state, player and action) unless
/// `profile` has one valid mixed profile per state of `game`.
template <scalar Scalar, scalar GameScalar>
void validate_stationary_profile(const stochastic_game<GameScalar>& game, const stationary_profile<Scalar>& profile,
                                 const Scalar& tolerance = scalar_traits<Scalar>::tolerance()) {
  if (profile.size() != game.num_states())
    throw invalid_profile("the stationary profile has " + std::to_string(profile.size()) + " states, the game " +
                          std::to_string(game.num_states()));
  for (std::size_t s = 0; s < game.num_states(); ++s) {
    const auto& st = game.state(s);
    if (profile[s].strategy_counts() != st.action_counts())
      throw invalid_profile("state \"" + st.name + "\": the profile's action counts do not match the game");
    for (std::size_t i = 0; i < game.num_players(); ++i) {
      Scalar sum(0);
      for (std::size_t a = 0; a < st.actions[i].size(); ++a) {
        const Scalar& p = profile[s](i, a);
        if (!is_finite(p) || p < -tolerance)
          throw invalid_profile("state \"" + st.name + "\", player \"" + game.player_name(i) + "\", action \"" +
                                st.actions[i][a] + "\": probability " + to_message_string(p));
        sum += p;
      }
      const Scalar gap = sum - Scalar(1);
      if (gap > tolerance || gap < -tolerance)
        throw invalid_profile("state \"" + st.name + "\", player \"" + game.player_name(i) +
                              "\": probabilities sum to " + to_message_string(sum));
    }
  }
}

extern template class stochastic_game<double>;
extern template class stochastic_game<rational>;

/// The smallest and largest stage payoff of any player (core/tolerance.hpp).
template <scalar Scalar>
[[nodiscard]] payoff_span payoff_span_of(const stochastic_game<Scalar>& game) {
  payoff_span span;
  for (const auto& st : game.states())
    for (const auto& o : st.outcomes)
      for (const auto& u : o.payoffs) span.add(scalar_cast<double>(u));
  return span;
}

/// The payoff range of `game`: largest minus smallest stage payoff.
template <scalar Scalar>
[[nodiscard]] double stochastic_payoff_range(const stochastic_game<Scalar>& game) {
  return payoff_span_of(game).range();
}

}  // namespace impasse
