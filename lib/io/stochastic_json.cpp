// Reading and writing stochastic games as JSON (nlohmann-json, a private
// dependency: it appears in no public header).
#include <impasse/io/stochastic_json.hpp>

#include "json_input.hpp"
#include "tokenizer.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <istream>
#include <limits>
#include <ostream>
#include <sstream>

namespace impasse {

template class stochastic_game<double>;
template class stochastic_game<rational>;

namespace {

// ordered_json keeps the file's order of keys (of "next" in particular), so
// that writing and reading back gives an equal game.
using json = nlohmann::ordered_json;

// Where a value sits, for error messages.
struct place {
  const std::string& source;
  std::string state;                   // "" outside the states
  std::optional<std::size_t> outcome;  // from 0
};

[[noreturn]] void fail(const place& at, const std::string& message) {
  if (at.state.empty()) throw invalid_stochastic_game(at.source + ": " + message);
  throw invalid_stochastic_game(at.source, at.state, at.outcome, message);
}

rational read_number(const json& value, const place& at, const std::string& what) {
  if (value.is_number_integer()) {
    if (value.is_number_unsigned()) return rational(value.get<std::uint64_t>());
    return rational(value.get<std::int64_t>());
  }
  if (value.is_number_float()) {
    const double x = value.get<double>();
    if (!std::isfinite(x)) fail(at, what + " is not a finite number");
    return simplest_rational(x);
  }
  if (value.is_string()) {
    try {
      return parse_rational(value.get<std::string>());
    } catch (const limit_exceeded& e) {
      throw limit_exceeded(at.source + ": " + (at.state.empty() ? "" : "state \"" + at.state + "\": ") + e.what(),
                           e.limit());
    } catch (const invalid_argument& e) {
      fail(at, what + " \"" + value.get<std::string>() + "\" is not a number: " + e.what());
    }
  }
  fail(at, what + " must be a number or a string \"p/q\", not " + std::string(value.type_name()));
}

std::string read_string(const json& value, const place& at, const std::string& what) {
  if (!value.is_string()) fail(at, what + " must be a string, not " + std::string(value.type_name()));
  return value.get<std::string>();
}

const json& member(const json& object, const char* key, const place& at, const std::string& owner) {
  const auto it = object.find(key);
  if (it == object.end()) fail(at, owner + " has no \"" + key + "\"");
  return *it;
}

const json& array_member(const json& object, const char* key, const place& at, const std::string& owner) {
  const json& value = member(object, key, at, owner);
  if (!value.is_array()) {
    std::string message = "\"";  // built step by step: GCC 12 warns (-Wrestrict) on "..." + std::string(...)
    message += key;
    message += "\" must be a list, not ";
    message += value.type_name();
    fail(at, message);
  }
  return value;
}

stochastic_game<rational> game_from_json(const json& doc, const std::string& source) {
  const place top{source, {}, {}};
  if (!doc.is_object()) fail(top, "the file must hold one JSON object, not " + std::string(doc.type_name()));
  std::string title;
  if (const auto it = doc.find("title"); it != doc.end()) title = read_string(*it, top, "\"title\"");

  std::vector<std::string> players;
  for (const auto& p : array_member(doc, "players", top, "the game")) players.push_back(read_string(p, top, "a player's name"));
  if (players.empty()) fail(top, "\"players\" is empty");
  detail::enforce_limit(players.size(), input_limits_in_force().max_players, "max_players", source,
                        "a game of " + std::to_string(players.size()) + " players");

  std::vector<rational> discounts;
  const json& discount = member(doc, "discount", top, "the game");
  if (discount.is_array()) {
    if (discount.size() != players.size())
      fail(top, "\"discount\" lists " + std::to_string(discount.size()) + " factors for " +
                    std::to_string(players.size()) + " players");
    for (const auto& d : discount) discounts.push_back(read_number(d, top, "a discount factor"));
  } else {
    discounts.push_back(read_number(discount, top, "\"discount\""));
  }

  const json& states_json = array_member(doc, "states", top, "the game");
  if (states_json.empty()) fail(top, "\"states\" is empty");
  // Names first, so that "next" may refer to states listed later.
  std::vector<std::string> names;
  for (std::size_t s = 0; s < states_json.size(); ++s) {
    if (!states_json[s].is_object()) fail(top, "state " + std::to_string(s + 1) + " must be an object");
    std::string name = read_string(member(states_json[s], "name", top, "state " + std::to_string(s + 1)), top,
                                   "the name of state " + std::to_string(s + 1));
    if (name.empty()) fail(top, "state " + std::to_string(s + 1) + " has an empty name");
    for (const auto& other : names)
      if (other == name) fail(place{source, name, {}}, "two states have this name");
    names.push_back(std::move(name));
  }
  const auto index_of = [&](const std::string& name) -> std::optional<std::size_t> {
    for (std::size_t s = 0; s < names.size(); ++s)
      if (names[s] == name) return s;
    return std::nullopt;
  };

  std::vector<stochastic_state<rational>> states;
  for (std::size_t s = 0; s < states_json.size(); ++s) {
    const json& sj = states_json[s];
    place at{source, names[s], {}};
    stochastic_state<rational> st;
    st.name = names[s];
    const json& actions = array_member(sj, "actions", at, "the state");
    if (actions.size() != players.size())
      fail(at, "\"actions\" has " + std::to_string(actions.size()) + " lists for " + std::to_string(players.size()) +
                   " players");
    for (std::size_t i = 0; i < actions.size(); ++i) {
      if (!actions[i].is_array()) fail(at, "the actions of player \"" + players[i] + "\" must be a list");
      std::vector<std::string> list;
      for (const auto& a : actions[i]) list.push_back(read_string(a, at, "an action's name"));
      if (list.empty()) fail(at, "player \"" + players[i] + "\" has no actions");
      st.actions.push_back(std::move(list));
    }
    const json& outcomes = array_member(sj, "outcomes", at, "the state");
    {
      // The product before num_profiles(), which could overflow.
      const input_limits limits = input_limits_in_force();
      double profiles = 1;
      for (const auto& list : st.actions) profiles *= static_cast<double>(list.size());
      if (profiles > static_cast<double>(limits.max_pure_profiles))
        detail::enforce_limit(limits.max_pure_profiles + 1, limits.max_pure_profiles, "max_pure_profiles",
                              source + ": state \"" + names[s] + "\"",
                              fmt::format("the state's {:.4g} action profiles", profiles));
    }
    if (outcomes.size() != st.num_profiles())
      fail(at, std::to_string(outcomes.size()) + " outcomes, but the actions make " + std::to_string(st.num_profiles()) +
                   " profiles");
    for (std::size_t o = 0; o < outcomes.size(); ++o) {
      at.outcome = o;
      const json& oj = outcomes[o];
      if (!oj.is_object()) fail(at, "the outcome must be an object");
      stochastic_outcome<rational> out;
      const json& payoffs = array_member(oj, "payoffs", at, "the outcome");
      if (payoffs.size() != players.size())
        fail(at, std::to_string(payoffs.size()) + " payoffs for " + std::to_string(players.size()) + " players");
      for (std::size_t i = 0; i < payoffs.size(); ++i)
        out.payoffs.push_back(read_number(payoffs[i], at, "the payoff of player \"" + players[i] + "\""));
      const json& next = member(oj, "next", at, "the outcome");
      if (!next.is_object()) fail(at, "\"next\" must be an object {\"state\": probability, ...}");
      rational sum(0);
      for (const auto& [name, probability] : next.items()) {
        const auto to = index_of(name);
        if (!to) fail(at, "next state \"" + name + "\" is not a state of the game");
        rational p = read_number(probability, at, "the probability of next state \"" + name + "\"");
        if (p < 0) fail(at, "the probability of next state \"" + name + "\" is negative (" + to_fraction_string(p) + ")");
        sum += p;
        out.next.emplace_back(*to, std::move(p));
      }
      if (out.next.empty()) fail(at, "\"next\" is empty");
      if (sum != 1) fail(at, "next-state probabilities sum to " + to_fraction_string(sum) + ", not 1");
      st.outcomes.push_back(std::move(out));
    }
    states.push_back(std::move(st));
  }

  std::size_t initial = 0;
  if (const auto it = doc.find("initial"); it != doc.end()) {
    const std::string name = read_string(*it, top, "\"initial\"");
    const auto s = index_of(name);
    if (!s) fail(top, "the initial state \"" + name + "\" is not a state of the game");
    initial = *s;
  }
  try {
    return stochastic_game<rational>(std::move(players), std::move(states), std::move(discounts), initial,
                                     std::move(title));
  } catch (const invalid_stochastic_game& e) {
    throw invalid_stochastic_game(source, e.state(), e.outcome(), e.message());
  }
}

// Line and column of a byte offset, for JSON syntax errors.
json number_to_json(const rational& x) {
  if (boost::multiprecision::denominator(x) == 1) {
    const auto& n = boost::multiprecision::numerator(x);
    if (n >= std::numeric_limits<std::int64_t>::min() && n <= std::numeric_limits<std::int64_t>::max())
      return json(n.convert_to<std::int64_t>());
  }
  return json(to_fraction_string(x));
}

json number_to_json(double x) {
  if (x == std::floor(x) && std::abs(x) < 9.0e15) return json(static_cast<std::int64_t>(x));
  return json(x);
}

template <scalar Scalar>
json game_to_json(const stochastic_game<Scalar>& game) {
  json doc = json::object();
  if (!game.title().empty()) doc["title"] = game.title();
  doc["players"] = game.players();
  if (game.common_discount()) {
    doc["discount"] = number_to_json(game.discount(0));
  } else {
    json list = json::array();
    for (const auto& d : game.discounts()) list.push_back(number_to_json(d));
    doc["discount"] = std::move(list);
  }
  doc["initial"] = game.state(game.initial_state()).name;
  json states = json::array();
  for (const auto& st : game.states()) {
    json sj = json::object();
    sj["name"] = st.name;
    sj["actions"] = st.actions;
    json outcomes = json::array();
    for (const auto& o : st.outcomes) {
      json oj = json::object();
      json payoffs = json::array();
      for (const auto& u : o.payoffs) payoffs.push_back(number_to_json(u));
      oj["payoffs"] = std::move(payoffs);
      json next = json::object();
      for (const auto& [to, p] : o.next) next[game.state(to).name] = number_to_json(p);
      oj["next"] = std::move(next);
      outcomes.push_back(std::move(oj));
    }
    sj["outcomes"] = std::move(outcomes);
    states.push_back(std::move(sj));
  }
  doc["states"] = std::move(states);
  return doc;
}

}  // namespace

stochastic_game<rational> parse_stochastic_json(std::string_view text, std::string_view source) {
  const std::string name(source);
  return game_from_json(detail::parse_json<json>(text, name), name);
}

stochastic_game<rational> read_stochastic_json(std::istream& in, std::string_view source) {
  return parse_stochastic_json(detail::read_stream_text(in, source), source);
}

stochastic_game<rational> read_stochastic_json_file(const std::filesystem::path& path) {
  return parse_stochastic_json(detail::read_file_text(path.string()), path.string());
}

void write_stochastic_json(std::ostream& out, const stochastic_game<rational>& game) {
  out << game_to_json(game).dump(2) << "\n";
}
void write_stochastic_json(std::ostream& out, const stochastic_game<double>& game) {
  out << game_to_json(game).dump(2) << "\n";
}

std::string to_stochastic_json(const stochastic_game<rational>& game) {
  std::ostringstream out;
  write_stochastic_json(out, game);
  return out.str();
}
std::string to_stochastic_json(const stochastic_game<double>& game) {
  std::ostringstream out;
  write_stochastic_json(out, game);
  return out.str();
}

}  // namespace impasse
