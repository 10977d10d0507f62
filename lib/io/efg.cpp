// Reader and writer for Gambit's .efg format (see <impasse/io/efg.hpp>).
#include <impasse/io/efg.hpp>

#include "gambit_text.hpp"
#include "tokenizer.hpp"

#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

namespace impasse {
namespace {

using detail::token;
using detail::token_kind;
using detail::tokenizer;

class efg_reader {
 public:
  efg_reader(std::string_view text, std::string_view source) : in_(text, source) {}

  extensive_game<rational> read() {
    auto header = detail::read_gambit_file_header(in_, "EFG", "2", "an extensive game");
    extensive_game<rational> game(std::move(header.players));
    game.set_title(std::move(header.title));
    if (in_.peek().kind == token_kind::string) game.set_comment(in_.next().text);

    // The file lists the tree in depth-first order; an explicit stack keeps
    // a deep tree from exhausting the call stack.
    std::vector<std::size_t> pending{extensive_game<rational>::root()};
    while (!pending.empty()) {
      const std::size_t n = pending.back();
      pending.pop_back();
      read_node(game, n);
      // A reused information set adds its actions' nodes for a few bytes:
      // bound the tree, not only the file.
      if (game.num_nodes() > in_.limits().max_tree_nodes)
        in_.enforce_limit(in_.peek(), game.num_nodes(), in_.limits().max_tree_nodes, "max_tree_nodes",
                          "a tree of " + std::to_string(game.num_nodes()) + " nodes");
      const auto& children = game.node(n).children;
      for (auto c = children.rbegin(); c != children.rend(); ++c) pending.push_back(*c);
    }
    const token end = in_.next();
    if (end.kind != token_kind::end)
      in_.fail(end, "unexpected " + detail::describe(end) + " after the last node of the tree");
    return game;
  }

 private:
  void read_node(extensive_game<rational>& game, std::size_t n) {
    const token kind = in_.next();
    if (kind.kind == token_kind::end)
      in_.fail(kind, "the file ends before the tree does (expected a node: 'c', 'p' or 't')");
    if (kind.kind != token_kind::word || (kind.text != "c" && kind.text != "p" && kind.text != "t"))
      in_.fail(kind, "expected a node: 'c' (chance), 'p' (personal) or 't' (terminal), found " + detail::describe(kind));
    game.set_node_label(n, in_.expect(token_kind::string, "the node's label as a quoted string").text);
    if (kind.text == "c") read_chance_move(game, n);
    if (kind.text == "p") read_personal_move(game, n);
    read_outcome(game, n);
  }

  void read_chance_move(extensive_game<rational>& game, std::size_t n) {
    const token at = in_.peek();
    const std::size_t number = in_.expect_count("the chance information set's number");
    const auto known = chance_sets_.find(number);
    if (in_.peek().kind != token_kind::string) {
      if (known == chance_sets_.end())
        in_.fail(at, "chance information set " + std::to_string(number) +
                         " is used before it is defined (give its label, actions and probabilities)");
      game.add_to_information_set(n, known->second);
      return;
    }
    const std::string label = in_.next().text;
    const token open = in_.expect(token_kind::left_brace, "'{' opening the chance actions");
    std::vector<std::string> actions;
    std::vector<rational> probabilities;
    while (in_.peek().kind != token_kind::right_brace) {
      actions.push_back(in_.expect(token_kind::string, "a quoted action label or '}'").text);
      const token p = in_.peek();
      probabilities.push_back(in_.expect_number("the action's probability"));
      if (probabilities.back() < 0 || probabilities.back() > 1)
        in_.fail(p, "probability " + to_fraction_string(probabilities.back()) + " is not between 0 and 1");
      in_.accept(token_kind::comma);
    }
    in_.next();
    if (actions.empty()) in_.fail(open, "a chance move needs at least one action");
    rational sum = 0;
    for (const auto& p : probabilities) sum += p;
    if (sum != 1) in_.fail(open, "chance probabilities sum to " + to_fraction_string(sum) + ", not 1");
    if (known != chance_sets_.end()) {
      const auto& set = game.infoset(known->second);
      if (set.label != label || set.actions != actions || set.probabilities != probabilities)
        in_.fail(at, "chance information set " + std::to_string(number) + " is defined again differently");
      game.add_to_information_set(n, known->second);
      return;
    }
    chance_sets_[number] = game.add_chance(n, std::move(actions), std::move(probabilities), label);
  }

  void read_personal_move(extensive_game<rational>& game, std::size_t n) {
    const token player_at = in_.peek();
    const std::size_t player = in_.expect_count("the number of the player who moves");
    if (player == 0 || player > game.num_players())
      in_.fail(player_at, "player " + std::to_string(player) + " does not exist (the game has " +
                              std::to_string(game.num_players()) + " players)");
    const token at = in_.peek();
    const std::size_t number = in_.expect_count("the information set's number");
    const auto key = std::make_pair(player - 1, number);
    const auto known = personal_sets_.find(key);
    if (in_.peek().kind != token_kind::string) {
      if (known == personal_sets_.end())
        in_.fail(at, "information set " + std::to_string(number) + " of player " + std::to_string(player) +
                         " is used before it is defined (give its label and actions)");
      game.add_to_information_set(n, known->second);
      return;
    }
    const std::string label = in_.next().text;
    const token open = in_.expect(token_kind::left_brace, "'{' opening the actions");
    std::vector<std::string> actions;
    while (in_.peek().kind != token_kind::right_brace)
      actions.push_back(in_.expect(token_kind::string, "a quoted action label or '}'").text);
    in_.next();
    if (actions.empty()) in_.fail(open, "an information set needs at least one action");
    if (known != personal_sets_.end()) {
      const auto& set = game.infoset(known->second);
      if (set.label != label || set.actions != actions)
        in_.fail(at, "information set " + std::to_string(number) + " of player " + std::to_string(player) +
                         " is defined again with other actions or label");
      game.add_to_information_set(n, known->second);
      return;
    }
    personal_sets_[key] = game.add_decision(n, player - 1, std::move(actions), label);
  }

  void read_outcome(extensive_game<rational>& game, std::size_t n) {
    const token at = in_.peek();
    const std::size_t number = in_.expect_count("the outcome's number (0 for none)");
    if (in_.peek().kind != token_kind::string) {
      if (number == 0) return;
      const auto known = outcomes_.find(number);
      if (known == outcomes_.end())
        in_.fail(at, "outcome " + std::to_string(number) + " is used before it is defined (give its label and payoffs)");
      game.set_outcome(n, known->second);
      return;
    }
    if (number == 0) in_.fail(at, "outcome 0 means 'no outcome' and cannot have a label or payoffs");
    const std::string label = in_.next().text;
    in_.expect(token_kind::left_brace, "'{' opening the outcome's payoffs");
    std::vector<rational> payoffs;
    while (in_.peek().kind != token_kind::right_brace) {
      if (!payoffs.empty()) in_.accept(token_kind::comma);
      if (payoffs.size() == game.num_players())
        in_.fail(in_.peek(), "outcome " + std::to_string(number) + " has more than " +
                                 std::to_string(game.num_players()) + " payoffs (one per player)");
      payoffs.push_back(in_.expect_number("a payoff"));
    }
    const token close = in_.next();
    if (payoffs.size() != game.num_players())
      in_.fail(close, "outcome " + std::to_string(number) + " has " + std::to_string(payoffs.size()) +
                          " payoff(s), expected " + std::to_string(game.num_players()) + " (one per player)");
    const auto known = outcomes_.find(number);
    if (known != outcomes_.end()) {
      const auto& o = game.outcome(known->second);
      if (o.label != label || o.payoffs != payoffs)
        in_.fail(at, "outcome " + std::to_string(number) + " is defined again with other payoffs or label");
      game.set_outcome(n, known->second);
      return;
    }
    const std::size_t o = game.add_outcome(std::move(payoffs), label);
    outcomes_[number] = o;
    game.set_outcome(n, o);
  }

  tokenizer in_;
  std::map<std::size_t, std::size_t> chance_sets_;
  std::map<std::pair<std::size_t, std::size_t>, std::size_t> personal_sets_;
  std::map<std::size_t, std::size_t> outcomes_;
};

/// Chance probabilities as the exact fractions to write. Readers demand that
/// they sum to exactly one; doubles rarely do, so each is written as the
/// simplest fraction that rounds to it (1/3 for 0.333...), and if those
/// still miss one, the last takes up the difference.
template <scalar Scalar>
std::vector<rational> exact_probabilities(const std::vector<Scalar>& probabilities) {
  std::vector<rational> out;
  for (const auto& p : probabilities) {
    if constexpr (is_exact_v<Scalar>)
      out.push_back(p);
    else
      out.push_back(simplest_rational(p));
  }
  rational others = 0;
  for (std::size_t a = 0; a + 1 < out.size(); ++a) others += out[a];
  if (others + out.back() != 1) out.back() = 1 - others;
  return out;
}

template <scalar Scalar>
void write(std::ostream& out, const extensive_game<Scalar>& game) {
  using detail::number_text;
  using detail::quoted;
  out << "EFG 2 " << (is_exact_v<Scalar> ? "R" : "D") << " " << quoted(game.title()) << " {";
  for (std::size_t i = 0; i < game.num_players(); ++i) out << " " << quoted(game.player_label(i));
  out << " }\n" << quoted(game.comment()) << "\n\n";

  // Numbers in order of first appearance, depth first.
  std::vector<std::size_t> set_number(game.num_information_sets(), 0), outcome_number(game.num_outcomes(), 0);
  std::vector<std::size_t> next_set(game.num_players() + 1, 1);  // last slot: chance
  std::size_t next_outcome = 1;
  std::vector<std::size_t> pending{game.root()};
  while (!pending.empty()) {
    const std::size_t n = pending.back();
    pending.pop_back();
    const auto& node = game.node(n);
    if (node.kind == node_kind::terminal) {
      out << "t " << quoted(node.label) << " ";
    } else {
      const auto& set = game.infoset(node.information_set);
      const std::size_t slot = set.player == chance_player ? game.num_players() : set.player;
      std::size_t& number = set_number[node.information_set];
      if (number == 0) number = next_set[slot]++;
      if (node.kind == node_kind::chance) {
        out << "c " << quoted(node.label) << " " << number << " " << quoted(set.label) << " {";
        const auto probabilities = exact_probabilities(set.probabilities);
        for (std::size_t a = 0; a < set.actions.size(); ++a)
          out << " " << quoted(set.actions[a]) << " " << to_fraction_string(probabilities[a]);
      } else {
        out << "p " << quoted(node.label) << " " << set.player + 1 << " " << number << " " << quoted(set.label) << " {";
        for (const auto& a : set.actions) out << " " << quoted(a);
      }
      out << " } ";
    }
    if (node.outcome == no_index) {
      out << "0";
    } else {
      std::size_t& number = outcome_number[node.outcome];
      if (number == 0) number = next_outcome++;
      const auto& o = game.outcome(node.outcome);
      out << number << " " << quoted(o.label) << " {";
      for (std::size_t i = 0; i < o.payoffs.size(); ++i) out << (i ? ", " : " ") << number_text(o.payoffs[i]);
      out << " }";
    }
    out << "\n";
    for (auto c = node.children.rbegin(); c != node.children.rend(); ++c) pending.push_back(*c);
  }
}

template <scalar Scalar>
std::string to_text(const extensive_game<Scalar>& game) {
  std::ostringstream out;
  write(out, game);
  return out.str();
}

}  // namespace

extensive_game<rational> parse_efg(std::string_view text, std::string_view source) {
  return efg_reader(text, source).read();
}

extensive_game<rational> read_efg(std::istream& in, std::string_view source) {
  return parse_efg(detail::read_stream_text(in, source), source);
}

extensive_game<rational> read_efg_file(const std::filesystem::path& path) {
  return parse_efg(detail::read_file_text(path.string()), path.string());
}

void write_efg(std::ostream& out, const extensive_game<rational>& game) { write(out, game); }
void write_efg(std::ostream& out, const extensive_game<double>& game) { write(out, game); }
std::string to_efg(const extensive_game<rational>& game) { return to_text(game); }
std::string to_efg(const extensive_game<double>& game) { return to_text(game); }

}  // namespace impasse
