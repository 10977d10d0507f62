// The extensive-form game: a value type holding a finite game tree.
//
// Nodes live in one flat array addressed by index (the root is node 0);
// each node is a decision node of a player, a chance node, or a terminal
// node. Decision and chance nodes belong to information sets, which hold
// the actions (and, for chance, their probabilities, kept exact in
// rationals). Outcomes may sit at any node, and a player's payoff at a
// terminal node is the sum of the outcomes met on the path to it, as in
// Gambit. Each player's information sets are kept in the order they were
// created; the .efg reader creates them in the order of first appearance in
// the file, which is the order of Gambit's behaviour profiles.
#pragma once

#include <impasse/core/tolerance.hpp>
#include <impasse/core/error.hpp>
#include <impasse/core/scalar.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace impasse {

/// "No such node / information set / outcome".
inline constexpr std::size_t no_index = std::numeric_limits<std::size_t>::max();
/// The player index of chance.
inline constexpr std::size_t chance_player = std::numeric_limits<std::size_t>::max() - 1;

enum class node_kind : std::uint8_t { terminal, decision, chance };

struct game_node {
  node_kind kind = node_kind::terminal;
  std::size_t parent = no_index;
  /// The action of the parent's information set that leads here.
  std::size_t parent_action = no_index;
  /// The information set (decision and chance nodes), else no_index.
  std::size_t information_set = no_index;
  /// One child per action of the information set.
  std::vector<std::size_t> children;
  /// The outcome met at this node, or no_index.
  std::size_t outcome = no_index;
  std::string label;

  friend bool operator==(const game_node&, const game_node&) = default;
};

template <scalar Scalar>
struct information_set {
  /// The player who moves, or `chance_player`.
  std::size_t player = no_index;
  std::string label;
  std::vector<std::string> actions;
  /// For chance: the probability of each action (non-negative, summing to one).
  std::vector<Scalar> probabilities;
  /// The nodes in this information set, in the order they were added.
  std::vector<std::size_t> nodes;

  friend bool operator==(const information_set&, const information_set&) = default;
};

template <scalar Scalar>
struct game_outcome {
  std::string label;
  std::vector<Scalar> payoffs;  ///< one per player

  friend bool operator==(const game_outcome&, const game_outcome&) = default;
};

template <scalar Scalar>
class extensive_game {
 public:
  using scalar_type = Scalar;

  /// A game of the named players whose tree is a single terminal root.
  explicit extensive_game(std::vector<std::string> players) : players_(std::move(players)) {
    if (players_.empty()) throw invalid_game("an extensive game needs at least one player");
    player_information_sets_.resize(players_.size());
    nodes_.emplace_back();
  }

  [[nodiscard]] std::size_t num_players() const noexcept { return players_.size(); }
  [[nodiscard]] const std::string& player_label(std::size_t player) const { return players_.at(player); }
  void set_player_label(std::size_t player, std::string label) { players_.at(player) = std::move(label); }
  [[nodiscard]] const std::string& title() const noexcept { return title_; }
  void set_title(std::string title) { title_ = std::move(title); }
  [[nodiscard]] const std::string& comment() const noexcept { return comment_; }
  void set_comment(std::string comment) { comment_ = std::move(comment); }

  [[nodiscard]] static constexpr std::size_t root() noexcept { return 0; }
  [[nodiscard]] std::size_t num_nodes() const noexcept { return nodes_.size(); }
  [[nodiscard]] const game_node& node(std::size_t n) const { return nodes_.at(n); }
  [[nodiscard]] const std::vector<game_node>& nodes() const noexcept { return nodes_; }
  void set_node_label(std::size_t n, std::string label) { nodes_.at(n).label = std::move(label); }

  [[nodiscard]] std::size_t num_information_sets() const noexcept { return information_sets_.size(); }
  [[nodiscard]] const information_set<Scalar>& infoset(std::size_t h) const { return information_sets_.at(h); }
  [[nodiscard]] const std::vector<information_set<Scalar>>& information_sets() const noexcept {
    return information_sets_;
  }
  /// `player`'s information sets, in creation order (Gambit's order for games read from files).
  [[nodiscard]] const std::vector<std::size_t>& player_information_sets(std::size_t player) const {
    return player_information_sets_.at(player);
  }
  /// Chance's information sets, in creation order.
  [[nodiscard]] const std::vector<std::size_t>& chance_information_sets() const noexcept {
    return chance_information_sets_;
  }

  [[nodiscard]] std::size_t num_outcomes() const noexcept { return outcomes_.size(); }
  [[nodiscard]] const game_outcome<Scalar>& outcome(std::size_t o) const { return outcomes_.at(o); }

  /// Makes the terminal node `n` a decision node of `player` in a new
  /// information set with the given actions; its children are new terminal
  /// nodes. Returns the information set.
  std::size_t add_decision(std::size_t n, std::size_t player, std::vector<std::string> actions,
                           std::string infoset_label = {}) {
    if (player >= players_.size())
      throw invalid_game("player " + std::to_string(player + 1) + " does not exist (the game has " +
                         std::to_string(players_.size()) + ")");
    if (actions.empty()) throw invalid_game("an information set needs at least one action");
    const std::size_t h = information_sets_.size();
    information_sets_.push_back({player, std::move(infoset_label), std::move(actions), {}, {}});
    player_information_sets_[player].push_back(h);
    attach(n, h);
    return h;
  }

  /// Makes the terminal node `n` a chance node with the given actions and
  /// probabilities (non-negative, finite, summing to one: exactly in
  /// rationals, within the tolerance in double). Returns the information set.
  std::size_t add_chance(std::size_t n, std::vector<std::string> actions, std::vector<Scalar> probabilities,
                         std::string infoset_label = {}) {
    if (actions.empty()) throw invalid_game("a chance move needs at least one action");
    if (probabilities.size() != actions.size())
      throw invalid_game("a chance move has " + std::to_string(actions.size()) + " actions but " +
                         std::to_string(probabilities.size()) + " probabilities");
    check_distribution(probabilities);
    const std::size_t h = information_sets_.size();
    information_sets_.push_back({chance_player, std::move(infoset_label), std::move(actions), std::move(probabilities), {}});
    chance_information_sets_.push_back(h);
    attach(n, h);
    return h;
  }

  /// Makes the terminal node `n` another member of information set `h`.
  void add_to_information_set(std::size_t n, std::size_t h) {
    if (h >= information_sets_.size()) throw invalid_game("information set does not exist");
    attach(n, h);
  }

  /// A new outcome with one payoff per player (finite); returns its index.
  std::size_t add_outcome(std::vector<Scalar> payoffs, std::string label = {}) {
    if (payoffs.size() != players_.size())
      throw invalid_game("an outcome needs " + std::to_string(players_.size()) + " payoffs, one per player; got " +
                         std::to_string(payoffs.size()));
    for (std::size_t i = 0; i < payoffs.size(); ++i)
      if (!is_finite(payoffs[i]))
        throw invalid_game("payoff of player " + std::to_string(i + 1) + " is not a finite number");
    outcomes_.push_back({std::move(label), std::move(payoffs)});
    return outcomes_.size() - 1;
  }

  /// Puts outcome `o` (or no_index: none) at node `n`.
  void set_outcome(std::size_t n, std::size_t o) {
    if (o != no_index && o >= outcomes_.size()) throw invalid_game("outcome does not exist");
    nodes_.at(n).outcome = o;
  }

  /// Each player's payoff at terminal node `n`: the sum of the outcomes on
  /// the path from the root to `n`, `n` included.
  [[nodiscard]] std::vector<Scalar> payoffs_at(std::size_t n) const {
    std::vector<Scalar> total(players_.size(), Scalar(0));
    for (std::size_t m = n; m != no_index; m = nodes_.at(m).parent)
      if (nodes_[m].outcome != no_index)
        for (std::size_t i = 0; i < players_.size(); ++i) total[i] += outcomes_[nodes_[m].outcome].payoffs[i];
    return total;
  }

  /// Every terminal node with its payoffs (the outcomes on its path summed),
  /// in the order of the nodes' numbers: one pass down the tree, O(nodes x
  /// players), where payoffs_at on every leaf would cost each one its depth.
  [[nodiscard]] std::vector<std::pair<std::size_t, std::vector<Scalar>>> terminal_payoffs() const {
    std::vector<std::pair<std::size_t, std::vector<Scalar>>> found, stack;
    stack.emplace_back(root(), std::vector<Scalar>(players_.size(), Scalar(0)));
    while (!stack.empty()) {
      auto [n, sum] = std::move(stack.back());
      stack.pop_back();
      const auto& x = nodes_[n];
      if (x.outcome != no_index)
        for (std::size_t i = 0; i < sum.size(); ++i) sum[i] += outcomes_[x.outcome].payoffs[i];
      if (x.kind == node_kind::terminal) {
        found.emplace_back(n, std::move(sum));
        continue;
      }
      for (const auto c : x.children) stack.emplace_back(c, sum);
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return found;
  }

  /// The player who moves at node `n` (or chance_player; no_index at a terminal node).
  [[nodiscard]] std::size_t player_at(std::size_t n) const {
    const auto& x = nodes_.at(n);
    return x.kind == node_kind::terminal ? no_index : information_sets_[x.information_set].player;
  }

  /// Equal games have the same tree, stored in the same order, and the same labels.
  friend bool operator==(const extensive_game&, const extensive_game&) = default;

  template <scalar To, scalar From>
  friend extensive_game<To> convert(const extensive_game<From>& game);

 private:
  void attach(std::size_t n, std::size_t h) {
    if (n >= nodes_.size()) throw invalid_game("node " + std::to_string(n) + " does not exist");
    if (nodes_[n].kind != node_kind::terminal || !nodes_[n].children.empty())
      throw invalid_game("node " + std::to_string(n) + " already has a move");
    auto& set = information_sets_[h];
    nodes_[n].kind = set.player == chance_player ? node_kind::chance : node_kind::decision;
    nodes_[n].information_set = h;
    set.nodes.push_back(n);
    const std::size_t actions = set.actions.size();
    for (std::size_t a = 0; a < actions; ++a) {
      game_node child;
      child.parent = n;
      child.parent_action = a;
      nodes_.push_back(std::move(child));
      nodes_[n].children.push_back(nodes_.size() - 1);
    }
  }

  static void check_distribution(const std::vector<Scalar>& probabilities) {
    Scalar sum(0);
    const Scalar tolerance = scalar_traits<Scalar>::tolerance();
    for (std::size_t a = 0; a < probabilities.size(); ++a) {
      if (!is_finite(probabilities[a]) || probabilities[a] < Scalar(0))
        throw invalid_game("chance action " + std::to_string(a + 1) + " has a probability that is negative or not finite");
      sum += probabilities[a];
    }
    if (sum - Scalar(1) > tolerance || Scalar(1) - sum > tolerance)
      throw invalid_game("chance probabilities sum to " +
                         to_message_string(sum) +
                         ", not 1");
  }

  std::vector<std::string> players_;
  std::string title_;
  std::string comment_;
  std::vector<game_node> nodes_;
  std::vector<information_set<Scalar>> information_sets_;
  std::vector<std::vector<std::size_t>> player_information_sets_;
  std::vector<std::size_t> chance_information_sets_;
  std::vector<game_outcome<Scalar>> outcomes_;
};

/// The same game with payoffs and probabilities in another scalar (see
/// `scalar_cast`); nodes, information sets and outcomes keep their indices.
template <scalar To, scalar From>
[[nodiscard]] extensive_game<To> convert(const extensive_game<From>& game) {
  extensive_game<To> out(game.players_);
  out.title_ = game.title_;
  out.comment_ = game.comment_;
  out.nodes_ = game.nodes_;
  out.player_information_sets_ = game.player_information_sets_;
  out.chance_information_sets_ = game.chance_information_sets_;
  out.information_sets_.clear();
  for (const auto& h : game.information_sets_) {
    information_set<To> set{h.player, h.label, h.actions, {}, h.nodes};
    for (const auto& p : h.probabilities) set.probabilities.push_back(scalar_cast<To>(p));
    out.information_sets_.push_back(std::move(set));
  }
  for (const auto& o : game.outcomes_) {
    game_outcome<To> converted{o.label, {}};
    for (const auto& u : o.payoffs) converted.payoffs.push_back(scalar_cast<To>(u));
    out.outcomes_.push_back(std::move(converted));
  }
  return out;
}

extern template class extensive_game<double>;
extern template class extensive_game<rational>;

/// The smallest and largest payoff of any player's outcome, and 0 for a play
/// that collects none (core/tolerance.hpp).
template <scalar Scalar>
[[nodiscard]] payoff_span payoff_span_of(const extensive_game<Scalar>& game) {
  payoff_span span;
  for (std::size_t k = 0; k < game.num_outcomes(); ++k)
    for (const auto& u : game.outcome(k).payoffs) span.add(scalar_cast<double>(u));
  if (span.high >= span.low) span.add(0.0);  // a play may collect no outcome
  return span;
}

}  // namespace impasse
