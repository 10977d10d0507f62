// `impasse solve`, run in-process on strings.
#include "commands.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

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

TEST(SolveCommand, DecimalsByDefaultAndOnRequest) {
  EXPECT_EQ(run({}, battle_of_the_sexes).out,
            "NE,1.000000,0.000000,1.000000,0.000000\nNE,0.000000,1.000000,0.000000,1.000000\n");
  EXPECT_EQ(run({.decimals = 2}, battle_of_the_sexes).out, "NE,1.00,0.00,1.00,0.00\nNE,0.00,1.00,0.00,1.00\n");
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
