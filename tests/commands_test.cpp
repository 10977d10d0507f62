// `impasse solve`, run in-process on strings.
#include "commands.hpp"
#include "vertex_backend.hpp"

#include <gtest/gtest.h>
#include <impasse/io/nfg.hpp>
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>
#include <sstream>

namespace impasse::cli {
namespace {

struct run_output {
  int status;
  std::string out, err;
};

run_output run(solve_request request, const std::string& input) {
  std::istringstream in(input);
  std::ostringstream out, err;
  const int status = solve(request, in, out, err);
  return {status, out.str(), err.str()};
}

const std::string battle_of_the_sexes =
    "NFG 1 R \"Battle of the sexes\" { \"Her\" \"Him\" }\n"
    "{ { \"Opera\" \"Fight\" } { \"Opera\" \"Fight\" } }\n\"\"\n"
    "{ { \"\" 2, 1 } { \"\" 0, 0 } { \"\" 1, 2 } }\n1 2 2 3\n";

TEST(SolveCommand, PureExactPrintsGambitLines) {
  const auto r = run({.method = "pure", .exact = true}, battle_of_the_sexes);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "NE,1,0,1,0\nNE,0,1,0,1\n");
  EXPECT_EQ(r.err, "");
}

TEST(SolveCommand, LemkeHowsonFromALabelAndAllAccessible) {
  // From label 1 (her Opera) the path ends at (Opera, Opera); lcp finds all three.
  const auto one = run({.method = "lh", .label = 1, .exact = true}, battle_of_the_sexes);
  ASSERT_EQ(one.status, 0) << one.err;
  EXPECT_EQ(one.out.substr(0, 3), "NE,");
  const auto all = run({.method = "lcp", .exact = true}, battle_of_the_sexes);
  std::set<std::string> lines;
  std::istringstream in(all.out);
  for (std::string line; std::getline(in, line);) lines.insert(line);
  EXPECT_EQ(lines, (std::set<std::string>{"NE,1,0,1,0", "NE,0,1,0,1", "NE,2/3,1/3,1/3,2/3"}));
  const auto bad = run({.method = "lh", .label = 5}, battle_of_the_sexes);
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.err.find("1..4"), std::string::npos) << bad.err;
}

TEST(SolveCommand, SupportEnumerationAndZeroSumLinearProgram) {
  const auto support = run({.method = "support", .exact = true}, battle_of_the_sexes);
  ASSERT_EQ(support.status, 0) << support.err;
  EXPECT_EQ(support.out.size(), std::string("NE,1,0,1,0\nNE,0,1,0,1\nNE,2/3,1/3,1/3,2/3\n").size());
  const std::string pennies = "NFG 1 R \"pennies\" { \"1\" \"2\" } { 2 2 }\n1 -1 -1 1 -1 1 1 -1\n";
  const auto lp = run({.method = "lp", .exact = true}, pennies);
  ASSERT_EQ(lp.status, 0) << lp.err;
  EXPECT_EQ(lp.out, "NE,1/2,1/2,1/2,1/2\n");
  const auto not_zero_sum = run({.method = "lp"}, battle_of_the_sexes);
  EXPECT_EQ(not_zero_sum.status, 1);
  EXPECT_NE(not_zero_sum.err.find("<stdin>: "), std::string::npos) << not_zero_sum.err;
}

TEST(SolveCommand, DecimalsByDefaultAndOnRequest) {
  EXPECT_EQ(run({}, battle_of_the_sexes).out,
            "NE,1.000000,0.000000,1.000000,0.000000\nNE,0.000000,1.000000,0.000000,1.000000\n");
  EXPECT_EQ(run({.decimals = 2}, battle_of_the_sexes).out, "NE,1.00,0.00,1.00,0.00\nNE,0.00,1.00,0.00,1.00\n");
}

TEST(SolveCommand, VertexMethodPrintsEachEquilibriumAsItIsFound) {
  // A backend around the library's search records what the command had
  // printed right after each equilibrium was reported: the lines come out
  // one by one during the search, each once.
  std::ostringstream out, err;
  std::vector<std::string> printed_so_far;
  struct restore {
    ~restore() { use_vertex_backend({}); }
  } guard;
  use_vertex_backend({.exact = [&](const strategic_game<rational>& game, const vertex_enumeration_options<rational>& options) {
                        auto watched = options;
                        if (options.on_equilibrium)
                          watched.on_equilibrium = [&](const mixed_profile<rational>& e) {
                            options.on_equilibrium(e);
                            printed_so_far.push_back(out.str());
                          };
                        return vertex_enumeration(game, watched);
                      },
                      .in_double = {}});
  const auto run_here = [&](solve_request request) {
    out.str("");
    printed_so_far.clear();
    std::istringstream in(battle_of_the_sexes);
    return solve(request, in, out, err);
  };
  ASSERT_EQ(run_here({.method = "vertex"}), 0);
  ASSERT_EQ(printed_so_far.size(), 3u) << out.str() << err.str();
  for (std::size_t k = 0; k < 3; ++k)
    EXPECT_EQ(std::count(printed_so_far[k].begin(), printed_so_far[k].end(), '\n'), static_cast<long>(k + 1)) << k;
  EXPECT_EQ(out.str(), printed_so_far.back());  // nothing printed twice
  const std::multiset<std::string> expected{"NE,1,0,1,0", "NE,0,1,0,1", "NE,2/3,1/3,1/3,2/3"};
  std::multiset<std::string> lines;
  std::istringstream text(out.str());
  for (std::string line; std::getline(text, line);) lines.insert(line);
  EXPECT_EQ(lines, expected);
  // With -c the convex-S lines follow once the search is over.
  ASSERT_EQ(run_here({.method = "vertex", .components = true}), 0);
  ASSERT_EQ(printed_so_far.size(), 3u);
  EXPECT_EQ(out.str().substr(0, printed_so_far.back().size()), printed_so_far.back());
  EXPECT_NE(out.str().find("convex-"), std::string::npos);
  EXPECT_EQ(printed_so_far.back().find("convex-"), std::string::npos);
  // JSON is one document, written at the end: the command asks for no
  // equilibrium as it is found.
  ASSERT_EQ(run_here({.method = "vertex", .format = "json"}), 0);
  EXPECT_TRUE(printed_so_far.empty());
  EXPECT_EQ(nlohmann::json::parse(out.str())["equilibria"].size(), 3u);
}

TEST(SolveCommand, JsonDocument) {
  const auto r = run({.exact = true, .format = "json"}, battle_of_the_sexes);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["game"]["title"], "Battle of the sexes");
  EXPECT_EQ(doc["game"]["players"][1]["label"], "Him");
  EXPECT_EQ(doc["game"]["players"][0]["strategies"][1], "Fight");
  EXPECT_EQ(doc["status"], "complete");
  ASSERT_EQ(doc["equilibria"].size(), 2u);
  EXPECT_EQ(doc["equilibria"][1]["strategies"][0][1], "1");
  EXPECT_EQ(doc["equilibria"][0]["payoffs"][0], "2");
  EXPECT_EQ(doc["equilibria"][1]["payoffs"][1], "2");
}

TEST(SolveCommand, BadInputIsOneLineWithLocationAndNothingOnStdout) {
  const auto r = run({.exact = true}, "NFG 1 R \"t\" { \"1\" \"2\" } { 2 2 }\n1 2 3\n");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "impasse: <stdin>:3:1: the file ends after 3 of the 8 payoffs\n");
}

// A method that computes in double reads a strategic game straight into
// doubles: a payoff beyond a double is an error at its place there, while
// the exact methods still read and solve the same file.
TEST(SolveCommand, MethodsInDoubleReadPayoffsAsDoublesAndPlaceTheirErrors) {
  const std::string huge = "NFG 1 R \"t\" { \"1\" \"2\" } { 2 2 }\n1e400 0 0 1\n0 1 1 0\n";
  for (const std::string method : {"gnm", "ipa", "logit", "simpdiv", "lh", "support", "pure"}) {
    const auto r = run({.method = method}, huge);
    EXPECT_EQ(r.status, 1) << method;
    EXPECT_EQ(r.out, "") << method;
    EXPECT_EQ(r.err, "impasse: <stdin>:2:1: expected a payoff, found '1e400': beyond the range of a double\n")
        << method;
  }
  // No pure equilibrium; one mixed, player 2's first strategy at 1/(10^400 + 1).
  const auto exact = run({.method = "support", .exact = true}, huge);
  EXPECT_EQ(exact.status, 0) << exact.err;
  EXPECT_EQ(exact.out.rfind("NE,1/2,1/2,1/1" + std::string(399, '0') + "1,", 0), 0u) << exact.out;
}

const std::string entry_game =
    "EFG 2 R \"Entry\" { \"Entrant\" \"Incumbent\" }\n\"\"\n"
    "p \"\" 1 1 \"\" { \"In\" \"Out\" } 0\n"
    "p \"\" 2 1 \"\" { \"Fight\" \"Accommodate\" } 0\n"
    "t \"\" 1 \"\" { -1, -1 }\n"
    "t \"\" 2 \"\" { 1, 1 }\n"
    "t \"\" 3 \"\" { 0, 2 }\n";

TEST(SolveCommand, ExtensiveGamesPureAndSubgamePerfect) {
  const auto pure = run({.method = "pure", .exact = true}, entry_game);
  ASSERT_EQ(pure.status, 0) << pure.err;
  EXPECT_EQ(pure.out, "NE,0,1,1,0\nNE,1,0,0,1\n");  // (Out, Fight) and (In, Accommodate)
  const auto spe = run({.method = "spe", .exact = true}, entry_game);
  EXPECT_EQ(spe.out, "NE,1,0,0,1\n");
  const auto json_run = run({.method = "spe", .exact = true, .format = "json"}, entry_game);
  const auto doc = nlohmann::json::parse(json_run.out);
  EXPECT_EQ(doc["game"]["players"][1]["information_sets"][0]["actions"][1], "Accommodate");
  EXPECT_EQ(doc["equilibria"][0]["behaviour"][1][0][1], "1");
  EXPECT_EQ(doc["equilibria"][0]["payoffs"][0], "1");
}

TEST(SolveCommand, MethodsThatDoNotApplyAreReported) {
  const auto r = run({.method = "spe"}, battle_of_the_sexes);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "impasse: <stdin>: method 'spe' does not apply to strategic games (use pure, vertex, support, lh, lcp or lp)\n");
}

TEST(SolveCommand, MissingFile) {
  const auto r = run({.file = "/nonexistent/game.nfg"}, "");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "impasse: /nonexistent/game.nfg: cannot open file\n");
}

TEST(SolveCommand, DecimalsOutOfRange) {
  const auto r = run({.decimals = 1000}, battle_of_the_sexes);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace impasse::cli

namespace impasse::cli {
namespace {

TEST(ConvertCommand, LrsnashFormatHasBothMatricesRowByRow) {
  std::istringstream in(
      "NFG 1 R \"t\" { \"1\" \"2\" } { 2 3 }\n"
      "1 -1 2 -2 3/2 -3 4 -4 5 -5 6 -6\n");
  std::ostringstream out, err;
  ASSERT_EQ(convert({.to = "lrsnash"}, in, out, err), 0) << err.str();
  EXPECT_EQ(out.str(), "2 3\n\n1 3/2 5\n2 4 6\n\n-1 -3 -5\n-2 -4 -6\n");
}

TEST(ConvertCommand, ThreePlayersCannotGoToLrsnash) {
  std::istringstream in("NFG 1 R \"t\" { \"1\" \"2\" \"3\" } { 1 1 1 } 1 2 3\n");
  std::ostringstream out, err;
  EXPECT_EQ(convert({.to = "lrsnash"}, in, out, err), 1);
  EXPECT_EQ(out.str(), "");
  EXPECT_EQ(err.str(), "impasse: lrsnash reads two-player games; this game has 3 players\n");
}

TEST(GenerateCommand, SameSeedSameGameAndItParses) {
  std::ostringstream a, b, c, err;
  ASSERT_EQ(generate({.strategies = {4, 3, 2}, .seed = 9}, a, err), 0);
  ASSERT_EQ(generate({.strategies = {4, 3, 2}, .seed = 9}, b, err), 0);
  ASSERT_EQ(generate({.strategies = {4, 3, 2}, .seed = 10}, c, err), 0);
  EXPECT_EQ(a.str(), b.str());
  EXPECT_NE(a.str(), c.str());
  const auto game = parse_nfg(a.str());
  EXPECT_EQ(game.strategy_counts(), (std::vector<std::size_t>{4, 3, 2}));
  for (std::size_t i = 0; i < 3; ++i)
    for (auto u : game.payoffs(i)) EXPECT_TRUE(u >= 0 && u <= 99);
}

TEST(GenerateCommand, Families) {
  std::ostringstream out, err;
  ASSERT_EQ(generate({.family = "coordination", .size = 4}, out, err), 0) << err.str();
  EXPECT_EQ(parse_nfg(out.str()).strategy_counts(), (std::vector<std::size_t>{4, 4}));
  for (const char* family : {"degenerate", "zero-sum", "unit-vector", "random"}) {
    std::ostringstream o, e;
    EXPECT_EQ(generate({.family = family, .strategies = {3, 4}}, o, e), 0) << family << ": " << e.str();
  }
  for (const char* family : {"sgc", "hard", "ranking", "blotto"}) {
    std::ostringstream o, e;
    EXPECT_EQ(generate({.family = family, .size = 4}, o, e), 0) << family << ": " << e.str();
  }
  std::ostringstream o, e;
  EXPECT_EQ(generate({.family = "zero-sum", .strategies = {2, 2, 2}}, o, e), 1);
  EXPECT_NE(e.str().find("two-player"), std::string::npos);
}

TEST(GenerateCommand, BadParametersAreReported) {
  std::ostringstream out, err;
  EXPECT_EQ(generate({.strategies = {2, 0}}, out, err), 1);
  EXPECT_EQ(generate({.strategies = {2, 2}, .low = 5, .high = 1}, out, err), 1);
  EXPECT_EQ(generate({.family = "nonsense"}, out, err), 1);
  EXPECT_EQ(out.str(), "");
}

}  // namespace
}  // namespace impasse::cli
