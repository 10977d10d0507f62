// The stochastic-game value type and its JSON files.
#include <impasse/io/stochastic_json.hpp>
#include <impasse/stochastic/game.hpp>

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace impasse {
namespace {

const std::string stochastic_game_data_dir = std::string(IMPASSE_TEST_DATA_DIR) + "/stochastic/";

// A two-state game built by hand: "a" (2x1 actions) and absorbing "b".
template <scalar Scalar>
stochastic_game<Scalar> small_game() {
  stochastic_state<Scalar> a{"a", {{"up", "down"}, {"only"}}, {}};
  a.outcomes.push_back({{Scalar(1), Scalar(2)}, {{0, Scalar(1) / Scalar(4)}, {1, Scalar(3) / Scalar(4)}}});
  a.outcomes.push_back({{Scalar(0), Scalar(-1)}, {{0, Scalar(1)}}});
  stochastic_state<Scalar> b{"b", {{"stay"}, {"stay"}}, {{{Scalar(5), Scalar(5)}, {{1, Scalar(1)}}}}};
  return stochastic_game<Scalar>({"P", "Q"}, {a, b}, {Scalar(9) / Scalar(10)});
}

template <class T>
class stochastic_game_typed : public ::testing::Test {};
using scalars = ::testing::Types<double, rational>;
TYPED_TEST_SUITE(stochastic_game_typed, scalars);

TYPED_TEST(stochastic_game_typed, accessors) {
  const auto game = small_game<TypeParam>();
  EXPECT_EQ(game.num_players(), 2u);
  EXPECT_EQ(game.num_states(), 2u);
  EXPECT_EQ(game.num_actions(0, 0), 2u);
  EXPECT_EQ(game.num_actions(0, 1), 1u);
  EXPECT_EQ(game.state(0).num_profiles(), 2u);
  EXPECT_EQ(game.find_state("b"), std::optional<std::size_t>(1));
  EXPECT_EQ(game.find_state("c"), std::nullopt);
  EXPECT_EQ(game.discount(1), TypeParam(9) / TypeParam(10));
  EXPECT_TRUE(game.common_discount());
  EXPECT_FALSE(game.is_absorbing(0));
  EXPECT_TRUE(game.is_absorbing(1));
  EXPECT_EQ(game.outcome(0, 1).payoffs[1], TypeParam(-1));
  const std::vector<std::size_t> profile{1, 0};
  EXPECT_EQ(game.state(0).profile_index(profile), 1u);
  EXPECT_EQ(game.state(0).profile_at(1), profile);
}

// Every kind of bad game is refused with the state and outcome named.
TYPED_TEST(stochastic_game_typed, validation_names_state_and_outcome) {
  using S = TypeParam;
  const auto expect_error = [](auto&& build, const std::string& state, std::optional<std::size_t> outcome,
                               const std::string& words) {
    try {
      build();
      ADD_FAILURE() << "no error for: " << words;
    } catch (const invalid_stochastic_game& e) {
      EXPECT_EQ(e.state(), state) << e.what();
      EXPECT_EQ(e.outcome(), outcome) << e.what();
      EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    }
  };
  const auto base = small_game<S>();
  const auto with = [&](auto&& change) {
    return [&base, change] {
      auto states = base.states();
      auto discounts = base.discounts();
      change(states, discounts);
      return stochastic_game<S>(base.players(), states, discounts);
    };
  };
  expect_error(with([](auto& st, auto&) { st[0].outcomes[0].next[0].second = S(1) / S(2); }), "a", 0,
               "sum to");
  expect_error(with([](auto& st, auto&) { st[0].outcomes[1].next[0].first = 7; }), "a", 1, "does not exist");
  expect_error(with([](auto& st, auto&) { st[0].outcomes.pop_back(); }), "a", std::nullopt, "1 outcomes");
  expect_error(with([](auto& st, auto&) { st[1].outcomes[0].payoffs.pop_back(); }), "b", 0, "1 payoffs");
  expect_error(with([](auto& st, auto&) { st[0].outcomes[0].next[0].first = 1; }), "a", 0, "listed twice");
  expect_error(with([](auto& st, auto&) {
                 st[0].outcomes[0].next = {{0, S(3) / S(2)}, {1, S(-1) / S(2)}};
               }),
               "a", 0, "negative");
  expect_error(with([](auto& st, auto&) { st[1].name = "a"; }), "a", std::nullopt, "two states");
  expect_error(with([](auto& st, auto&) { st[0].actions[1].clear(); }), "a", std::nullopt, "no actions");
  expect_error(with([](auto&, auto& d) { d[0] = S(1); }), "", std::nullopt, "outside [0, 1)");
  expect_error(with([](auto&, auto& d) { d[0] = S(-1) / S(10); }), "", std::nullopt, "outside [0, 1)");
  expect_error(with([](auto&, auto& d) { d = {S(0), S(0), S(0)}; }), "", std::nullopt, "one per player");
  if constexpr (!is_exact_v<S>) {
    expect_error(with([](auto& st, auto&) { st[0].outcomes[0].payoffs[0] = std::nan(""); }), "a", 0,
                 "not a finite");
    expect_error(with([](auto&, auto& d) { d[0] = std::nan(""); }), "", std::nullopt, "not a finite");
    // Within the tolerance a double sum is one.
    EXPECT_NO_THROW(with([](auto& st, auto&) { st[0].outcomes[0].next[0].second += 1e-12; })());
  }
  EXPECT_THROW(stochastic_game<S>({"P", "Q"}, base.states(), base.discounts(), 2), invalid_stochastic_game);
  EXPECT_THROW(stochastic_game<S>({}, {}, {S(0)}), invalid_game);
}

TYPED_TEST(stochastic_game_typed, stationary_profiles) {
  const auto game = small_game<TypeParam>();
  const auto uniform = uniform_stationary_profile(game);
  ASSERT_EQ(uniform.size(), 2u);
  EXPECT_EQ(uniform[0](0, 1), TypeParam(1) / TypeParam(2));
  EXPECT_NO_THROW(validate_stationary_profile(game, uniform));
  const auto pure = pure_stationary_profile<TypeParam>(game, {{1, 0}, {0, 0}});
  EXPECT_EQ(pure[0](0, 1), TypeParam(1));
  EXPECT_EQ(pure[0](0, 0), TypeParam(0));
  auto bad = uniform;
  bad[0](0, 0) = TypeParam(1);
  EXPECT_THROW(validate_stationary_profile(game, bad), invalid_profile);
  EXPECT_THROW((void)pure_stationary_profile<TypeParam>(game, {{0, 0}}), invalid_profile);
}

TEST(stochastic_json, reads_the_example_file) {
  const auto game = read_stochastic_json_file(stochastic_game_data_dir + "talks.json");
  EXPECT_EQ(game.title(), "Talks that may end in a deal or a crisis");
  EXPECT_EQ(game.players(), (std::vector<std::string>{"US", "Iran"}));
  ASSERT_EQ(game.num_states(), 3u);
  EXPECT_EQ(game.discount(0), rational(4, 5));
  EXPECT_EQ(game.discount(1), rational(19, 20));  // 0.95 read as the simplest rational
  EXPECT_FALSE(game.common_discount());
  EXPECT_EQ(game.initial_state(), 0u);
  EXPECT_EQ(game.state(1).actions[0][1], "back down");
  const auto& first = game.outcome(0, 0);
  EXPECT_EQ(first.payoffs, (std::vector<rational>{3, 1}));
  ASSERT_EQ(first.next.size(), 2u);
  EXPECT_EQ(first.next[0], (std::pair<std::size_t, rational>(0, rational(1, 2))));
  EXPECT_EQ(first.next[1], (std::pair<std::size_t, rational>(2, rational(1, 2))));
  EXPECT_TRUE(game.is_absorbing(2));
  // Profile 1 is (stall, negotiate): the first player's action varies fastest.
  EXPECT_EQ(game.outcome(0, 1).payoffs, (std::vector<rational>{0, 2}));
}

TEST(stochastic_json, round_trips) {
  for (const char* name : {"talks.json", "big_match.json", "matching_pennies.json"}) {
    const auto game = read_stochastic_json_file(stochastic_game_data_dir + name);
    const auto text = to_stochastic_json(game);
    EXPECT_EQ(parse_stochastic_json(text), game) << name << "\n" << text;
    const auto inexact = convert<double>(game);
    EXPECT_EQ(convert<double>(parse_stochastic_json(to_stochastic_json(inexact))), inexact) << name;
  }
  // Doubles that are not simple fractions survive too.
  auto game = convert<double>(read_stochastic_json_file(stochastic_game_data_dir + "matching_pennies.json"));
  auto states = game.states();
  states[0].outcomes[2].payoffs[0] = 0.1 + 0.2;
  states[0].outcomes[3].payoffs[1] = -1e-300;
  const stochastic_game<double> odd(game.players(), states, {0.123456789012345678});
  EXPECT_EQ(convert<double>(parse_stochastic_json(to_stochastic_json(odd))), odd);
}

// A malformed file: the error names the state and the outcome.
void expect_json_error(const std::string& text, const std::string& words) {
  try {
    (void)parse_stochastic_json(text, "game.json");
    ADD_FAILURE() << "no error for: " << text;
  } catch (const error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(words), std::string::npos) << message;
    EXPECT_EQ(message.rfind("game.json:", 0), 0u) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
}

std::string one_state(const std::string& discount, const std::string& outcome2,
                      const std::string& extra = "") {
  return R"({ "players": ["A", "B"], "discount": )" + discount + extra + R"(,
  "states": [ { "name": "s", "actions": [["x", "y"], ["z"]],
    "outcomes": [ { "payoffs": [1, 2], "next": { "s": 1 } }, )" + outcome2 + " ] } ] }";
}

TEST(stochastic_json, errors_say_where) {
  EXPECT_NO_THROW((void)parse_stochastic_json(one_state("0.5", R"({ "payoffs": [0, 0], "next": { "s": 1 } })")));
  expect_json_error(one_state("0.5", R"({ "payoffs": [0, 0], "next": { "s": "1/3", "t": "1/3" } })"),
                    "state \"s\", outcome 2: next state \"t\" is not a state");
  expect_json_error(one_state("0.5", R"({ "payoffs": [0, 0], "next": { "s": "1/3" } })"),
                    "state \"s\", outcome 2: next-state probabilities sum to 1/3, not 1");
  expect_json_error(one_state("0.5", R"({ "payoffs": [0], "next": { "s": 1 } })"),
                    "state \"s\", outcome 2: 1 payoffs for 2 players");
  expect_json_error(one_state("0.5", R"({ "payoffs": [0, "x"], "next": { "s": 1 } })"),
                    "state \"s\", outcome 2: the payoff of player \"B\" \"x\" is not a number");
  expect_json_error(one_state("0.5", R"({ "payoffs": [0, 0], "next": { "s": -1, "s2": 2 } })"),
                    "state \"s\", outcome 2:");
  expect_json_error(one_state("0.5", R"({ "payoffs": [0, 0] })"), "state \"s\", outcome 2: the outcome has no \"next\"");
  expect_json_error(R"({ "players": ["A", "B"], "discount": 0.5, "states": [ { "name": "s", "actions": [["x", "y"], ["z"]], "outcomes": [ { "payoffs": [1, 2], "next": { "s": 1 } } ] } ] })",
                    "state \"s\": 1 outcomes, but the actions make 2 profiles");
  expect_json_error(one_state("1", R"({ "payoffs": [0, 0], "next": { "s": 1 } })"), "outside [0, 1)");
  expect_json_error(one_state("\"-1/2\"", R"({ "payoffs": [0, 0], "next": { "s": 1 } })"), "outside [0, 1)");
  expect_json_error(one_state("[0.5]", R"({ "payoffs": [0, 0], "next": { "s": 1 } })"), "1 factors for 2 players");
  expect_json_error(one_state("0.5", R"({ "payoffs": [0, 0], "next": { "s": 1 } })", R"(, "initial": "nowhere")"),
                    "the initial state \"nowhere\" is not a state");
  expect_json_error(R"({ "players": ["A"], "discount": 0, "states": [
      { "name": "t", "actions": [["x"]], "outcomes": [ { "payoffs": [0], "next": { "t": 1 } } ] },
      { "name": "t", "actions": [["x"]], "outcomes": [ { "payoffs": [0], "next": { "t": 1 } } ] } ] })",
                    "state \"t\": two states have this name");
  expect_json_error(R"({ "players": ["A"], "discount": 0.5, )", "game.json:1:");
  expect_json_error(R"([1, 2])", "one JSON object");
  expect_json_error(R"({ "players": ["A"], "states": [] })", "the game has no \"discount\"");
}

TEST(stochastic_json, missing_file) {
  EXPECT_THROW((void)read_stochastic_json_file(stochastic_game_data_dir + "no-such-file.json"), file_error);
}

}  // namespace
}  // namespace impasse
