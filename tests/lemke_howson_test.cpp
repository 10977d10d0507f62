#include <impasse/io/equilibrium_output.hpp>
#include <impasse/io/nfg.hpp>
#include <impasse/strategic/generators.hpp>
#include <impasse/strategic/lemke_howson.hpp>
#include <impasse/strategic/regret.hpp>

#include "corpus.hpp"
#include "test_games.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <set>
#include <sstream>

namespace impasse {
namespace {

template <class Scalar>
class LemkeHowsonTest : public ::testing::Test {};
using Scalars = ::testing::Types<double, rational>;
TYPED_TEST_SUITE(LemkeHowsonTest, Scalars);

/// What regret counts as zero: nothing in rationals, rounding in double.
template <class Scalar>
Scalar lemke_howson_regret_tolerance() {
  return is_exact_v<Scalar> ? Scalar(0) : Scalar(1e-9);
}

/// Checks with the independent regret function that `profile` is an equilibrium.
template <class Scalar>
void expect_equilibrium(const strategic_game<Scalar>& game, const mixed_profile<Scalar>& profile) {
  EXPECT_LE(max_regret(game, profile), lemke_howson_regret_tolerance<Scalar>()) << gambit_line("NE", profile, {.exact = false});
}

/// Runs Lemke-Howson and checks that it ended at an equilibrium.
template <class Scalar>
mixed_profile<Scalar> solve(const strategic_game<Scalar>& game, std::size_t label) {
  const auto result = lemke_howson(game, {.initial_label = label, .max_pivots = 1'000'000});
  EXPECT_EQ(result.status, run_status::complete) << "label " << label;
  EXPECT_EQ(result.equilibria.size(), 1u) << "label " << label;
  if (result.equilibria.empty()) return mixed_profile<Scalar>(game.strategy_counts());
  expect_equilibrium(game, result.equilibria[0]);
  return result.equilibria[0];
}

/// The probabilities of an `NE,...` line.
std::vector<rational> parse_line(const std::string& line) {
  std::vector<rational> out;
  std::stringstream in(line.substr(line.find(',') + 1));
  std::string item;
  while (std::getline(in, item, ',')) out.push_back(parse_rational(item));
  return out;
}

/// Whether `profile` is one of Gambit's lines: exactly in rationals, within
/// 1e-9 in double.
template <class Scalar>
bool among(const mixed_profile<Scalar>& profile, const std::set<std::string>& lines) {
  if constexpr (is_exact_v<Scalar>) {
    return lines.count(gambit_line("NE", profile, {.exact = true})) > 0;
  } else {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) {
      const auto expected = parse_line(line);
      if (expected.size() != profile.flat().size()) return false;
      for (std::size_t k = 0; k < expected.size(); ++k)
        if (std::abs(profile.flat()[k] - expected[k].template convert_to<double>()) > 1e-9) return false;
      return true;
    });
  }
}

/// The set of lines among `lines` that the profiles match.
template <class Scalar>
std::set<std::string> matched_lines(const std::vector<mixed_profile<Scalar>>& profiles,
                                    const std::set<std::string>& lines) {
  std::set<std::string> out;
  for (const auto& line : lines)
    for (const auto& p : profiles)
      if (among(p, std::set<std::string>{line})) out.insert(line);
  return out;
}

TYPED_TEST(LemkeHowsonTest, TextbookGames) {
  using S = TypeParam;
  const auto pennies = test::matching_pennies<S>();
  for (std::size_t label = 1; label <= 4; ++label) {
    const auto equilibrium = solve(pennies, label);
    for (const auto& p : equilibrium.flat()) EXPECT_NEAR(scalar_cast<double>(p), 0.5, 1e-12);
  }
  const auto dilemma = test::prisoners_dilemma<S>();
  for (std::size_t label = 1; label <= 4; ++label)
    EXPECT_EQ(solve(dilemma, label), mixed_profile<S>::pure({2, 2}, std::vector<std::size_t>{1, 1}));
  const auto sexes = test::battle_of_the_sexes<S>();
  const std::set<std::string> all = {"NE,1,0,1,0", "NE,0,1,0,1", "NE,2/3,1/3,1/3,2/3"};
  for (std::size_t label = 1; label <= 4; ++label) EXPECT_TRUE(among(solve(sexes, label), all)) << label;
  const auto found = lemke_howson_all(sexes);
  EXPECT_EQ(found.status, run_status::complete);
  EXPECT_EQ(matched_lines(found.equilibria, all), all);
}

TYPED_TEST(LemkeHowsonTest, LabelsNumberRowStrategiesFirst) {
  using S = TypeParam;
  // In a coordination game, dropping strategy i of either player leads
  // straight to the pure equilibrium (i, i): labels 1..m are the row
  // player's strategies and m+1..2m the column player's.
  const std::size_t m = 4;
  const auto game = coordination_game<S>(m);
  for (std::size_t i = 0; i < m; ++i) {
    const auto expected = mixed_profile<S>::pure({m, m}, std::vector<std::size_t>{i, i});
    for (std::size_t label : {i + 1, m + i + 1}) {
      const auto result = lemke_howson(game, {.initial_label = label});
      ASSERT_EQ(result.equilibria.size(), 1u);
      EXPECT_EQ(result.equilibria[0], expected) << "label " << label;
      EXPECT_EQ(result.pivots, 2u);
    }
  }
}

TYPED_TEST(LemkeHowsonTest, RejectsBadInput) {
  using S = TypeParam;
  const auto game = test::battle_of_the_sexes<S>();
  for (std::size_t label : {std::size_t{0}, std::size_t{5}}) {
    try {
      (void)lemke_howson(game, {.initial_label = label});
      ADD_FAILURE() << "label " << label << " accepted";
    } catch (const invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("1..4"), std::string::npos) << e.what();
    }
  }
  const strategic_game<S> three({2, 2, 2});
  EXPECT_THROW((void)lemke_howson(three), invalid_argument);
  EXPECT_THROW((void)lemke_howson_all(three), invalid_argument);
  const strategic_game<S> one({3});
  EXPECT_THROW((void)lemke_howson(one), invalid_argument);
}

TYPED_TEST(LemkeHowsonTest, EveryLabelOnTheCorpusEndsAtAnExtremeEquilibrium) {
  using S = TypeParam;
  if (!test::corpus_present()) GTEST_SKIP() << "no Gambit corpus at " << test::corpus_dir();
  std::size_t games = 0, runs = 0;
  for (const auto& path : test::corpus_games(".nfg")) {
    bool found = false;
    const auto expected = test::expected_lines(path, "enummixed", found);
    if (!found) continue;
    SCOPED_TRACE(path.filename().string());
    const auto game = convert<S>(read_nfg_file(path));
    for (std::size_t label = 1; label <= game.total_strategies(); ++label, ++runs)
      EXPECT_TRUE(among(solve(game, label), expected)) << "label " << label;
    const auto all = lemke_howson_all(game);
    EXPECT_EQ(all.status, run_status::complete);
    EXPECT_FALSE(all.equilibria.empty());
    for (const auto& e : all.equilibria) {
      expect_equilibrium(game, e);
      EXPECT_TRUE(among(e, expected)) << gambit_line("NE", e, {.exact = false});
    }
    ++games;
  }
  EXPECT_EQ(games, 38u);
  EXPECT_EQ(runs, 258u);  // every label of every game
}

TYPED_TEST(LemkeHowsonTest, InaccessibleEquilibriaAreNotFound) {
  using S = TypeParam;
  if (!test::corpus_present()) GTEST_SKIP() << "no Gambit corpus at " << test::corpus_dir();
  // name -> the equilibria accessible from the artificial one, as the
  // games' titles and comments say: Wilson's example (in Shapley 1974, also
  // Shapley's Fig. 3) and Todd's corrected and second examples each have a
  // pair of mixed equilibria joined only to each other; Todd's first,
  // "incorrect" example and Shapley's Fig. 2 have none.
  const std::map<std::string, std::set<std::string>> accessible = {
      {"contrib-sh3.nfg", {"NE,0,0,1,0,0,1"}},
      {"catalog-journals-other-shapley1974-fig3.nfg", {"NE,0,0,1,0,0,1"}},
      {"contrib-todd2.nfg", {"NE,0,0,0,0,1,0,1,0"}},
      {"contrib-todd3.nfg", {"NE,1,0,0,0,0,0,0,1,0,0,0"}},
      {"contrib-todd1.nfg", {}},  // all five
      {"catalog-journals-other-shapley1974-fig2.nfg", {}},  // all three
  };
  for (const auto& [name, subset] : accessible) {
    SCOPED_TRACE(name);
    const auto path = test::corpus_dir() / "gambit" / name;
    bool found = false;
    const auto extreme = test::expected_lines(path, "enummixed", found);
    ASSERT_TRUE(found);
    const auto game = convert<S>(read_nfg_file(path));
    const auto all = lemke_howson_all(game);
    EXPECT_EQ(all.status, run_status::complete);
    const std::set<std::string> want = subset.empty() ? extreme : subset;
    EXPECT_EQ(all.equilibria.size(), want.size());
    EXPECT_EQ(matched_lines(all.equilibria, extreme), want);
    if (!subset.empty()) {
      EXPECT_LT(want.size(), extreme.size());  // some are really missing
    }
    // No label leads elsewhere either.
    for (std::size_t label = 1; label <= game.total_strategies(); ++label)
      EXPECT_TRUE(among(solve(game, label), want)) << "label " << label;
  }
}

TYPED_TEST(LemkeHowsonTest, CoordinationGameEquilibriaAreAllAccessible) {
  using S = TypeParam;
  for (std::size_t n = 1; n <= 6; ++n) {
    const auto game = coordination_game<S>(n);
    std::size_t reported = 0;
    const auto all = lemke_howson_all(game, {.on_equilibrium = [&](const mixed_profile<S>&) { ++reported; }});
    EXPECT_EQ(all.status, run_status::complete);
    EXPECT_EQ(all.equilibria.size(), (std::size_t{1} << n) - 1) << n;
    EXPECT_EQ(reported, all.equilibria.size());
    for (const auto& e : all.equilibria) expect_equilibrium(game, e);
    std::set<std::vector<bool>> supports;  // all distinct: one per non-empty set of strategies
    for (const auto& e : all.equilibria) {
      std::vector<bool> support;
      for (const auto& p : e.flat()) support.push_back(p > S(0));
      supports.insert(support);
    }
    EXPECT_EQ(supports.size(), all.equilibria.size());
  }
}

TYPED_TEST(LemkeHowsonTest, EveryLabelTerminatesOnRandomAndDegenerateGames) {
  using S = TypeParam;
  std::size_t games = 0, degenerate_ties = 0;
  for (std::size_t m = 2; m <= 12; m += (m < 6 ? 1 : 3))
    for (std::size_t n : {m, m + 1, 2 * m - 1, std::size_t{2}})
      for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        // Seeds 1 and 2: two or three payoff values, so nearly every game is
        // degenerate; 3 and 4: a wide range.
        const auto game = seed <= 2 ? random_degenerate_game<S>({m, n}, {.seed = seed * 1000 + m * 13 + n,
                                                                         .max_payoff = static_cast<std::int64_t>(seed)})
                                    : random_game<S>({m, n}, {.seed = seed * 1000 + m * 13 + n, .low = -500, .high = 500});
        SCOPED_TRACE(game.title() + " " + std::to_string(m) + "x" + std::to_string(n));
        for (std::size_t label = 1; label <= m + n; ++label) (void)solve(game, label);
        ++games;
        if (seed <= 2) ++degenerate_ties;
      }
  EXPECT_GT(games, 100u);
  EXPECT_GT(degenerate_ties, 50u);
}

TEST(LemkeHowson, HundredsOfSmallDegenerateGamesInBothArithmetics) {
  // The network of paths on many small degenerate games: every equilibrium
  // checked, in rationals and in double.
  std::size_t games = 0, equilibria = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    const std::size_t m = 2 + seed % 4, n = 2 + (seed / 4) % 4;
    const auto game = random_degenerate_game<rational>({m, n}, {.seed = seed, .max_payoff = static_cast<std::int64_t>(1 + seed % 3)});
    const auto exact = lemke_howson_all(game);
    const auto floating = lemke_howson_all(convert<double>(game));
    ASSERT_EQ(exact.status, run_status::complete);
    ASSERT_EQ(floating.status, run_status::complete);
    for (const auto& e : exact.equilibria) expect_equilibrium(game, e);
    for (const auto& e : floating.equilibria) expect_equilibrium(convert<double>(game), e);
    EXPECT_FALSE(exact.equilibria.empty());
    ++games;
    equilibria += exact.equilibria.size();
  }
  EXPECT_EQ(games, 300u);
  EXPECT_GT(equilibria, 400u);
}

/// A deliberately plain Lemke-Howson to compare pivot by pivot: full
/// tableaux [M I | 1] in rationals, pivoting by Gauss-Jordan, and the
/// lexicographic rule on (right-hand side, slack columns) written out.
struct reference_lemke_howson {
  struct tableau {
    matrix<rational> t;      // rows x (variables + 1); variables by label, then the right-hand side
    std::vector<int> basis;  // the variable basic in each row
    std::vector<int> slacks;
  };
  tableau x_side, y_side;
  std::size_t m, n, pivots = 0;

  explicit reference_lemke_howson(const strategic_game<rational>& game)
      : m(game.num_strategies(0)), n(game.num_strategies(1)) {
    matrix<rational> a = game.payoff_matrix(0), b = game.payoff_matrix(1);
    a.array() += 1 - a.minCoeff();
    b.array() += 1 - b.minCoeff();
    const auto v = static_cast<Eigen::Index>(m + n);
    x_side.t = matrix<rational>::Zero(static_cast<Eigen::Index>(n), v + 1);
    for (std::size_t j = 0; j < n; ++j) {
      const auto r = static_cast<Eigen::Index>(j);
      for (std::size_t i = 0; i < m; ++i) x_side.t(r, static_cast<Eigen::Index>(i)) = b(static_cast<Eigen::Index>(i), r);
      x_side.t(r, static_cast<Eigen::Index>(m + j)) = 1;
      x_side.t(r, v) = 1;
      x_side.basis.push_back(static_cast<int>(m + j));
    }
    y_side.t = matrix<rational>::Zero(static_cast<Eigen::Index>(m), v + 1);
    for (std::size_t i = 0; i < m; ++i) {
      const auto r = static_cast<Eigen::Index>(i);
      y_side.t(r, r) = 1;
      for (std::size_t j = 0; j < n; ++j) y_side.t(r, static_cast<Eigen::Index>(m + j)) = a(r, static_cast<Eigen::Index>(j));
      y_side.t(r, v) = 1;
      y_side.basis.push_back(static_cast<int>(i));
    }
    x_side.slacks = x_side.basis;
    y_side.slacks = y_side.basis;
  }

  static int pivot(tableau& s, int entering) {
    const Eigen::Index e = entering, rhs = s.t.cols() - 1;
    Eigen::Index best = -1;
    const auto key = [&](Eigen::Index r) {
      std::vector<rational> k{s.t(r, rhs) / s.t(r, e)};
      for (int slack : s.slacks) k.push_back(s.t(r, slack) / s.t(r, e));
      return k;
    };
    for (Eigen::Index r = 0; r < s.t.rows(); ++r)
      if (s.t(r, e) > 0 && (best < 0 || key(r) < key(best))) best = r;
    const int leaving = s.basis[static_cast<std::size_t>(best)];
    s.t.row(best) /= rational(s.t(best, e));
    for (Eigen::Index r = 0; r < s.t.rows(); ++r)
      if (r != best) s.t.row(r) -= rational(s.t(r, e)) * s.t.row(best);
    s.basis[static_cast<std::size_t>(best)] = entering;
    return leaving;
  }

  mixed_profile<rational> run(int label) {
    const auto basic = [](const tableau& s, int v) { return std::count(s.basis.begin(), s.basis.end(), v) > 0; };
    bool in_x = !basic(x_side, label);
    int entering = label;
    for (;;) {
      const int leaving = pivot(in_x ? x_side : y_side, entering);
      ++pivots;
      if (leaving == label) break;
      entering = leaving;
      in_x = !in_x;
    }
    mixed_profile<rational> profile({m, n});
    const auto fill = [&](const tableau& s, std::size_t player, std::size_t first, std::size_t count) {
      rational total = 0;
      for (std::size_t r = 0; r < s.basis.size(); ++r) {
        const auto v = static_cast<std::size_t>(s.basis[r]);
        if (v >= first && v < first + count) {
          profile(player, v - first) = s.t(static_cast<Eigen::Index>(r), s.t.cols() - 1);
          total += profile(player, v - first);
        }
      }
      for (std::size_t k = 0; k < count; ++k) profile(player, k) /= total;
    };
    fill(x_side, 0, 0, m);
    fill(y_side, 1, m, n);
    return profile;
  }
};

TEST(LemkeHowson, FollowsTheSamePathsAsAPlainImplementation) {
  // Pivot for pivot on small integer games, most of them degenerate, where
  // the lexicographic rule decides; the fraction-free integer tableaux and
  // the double tableaux must take exactly the plain rational path.
  std::size_t runs = 0, same_in_double = 0;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    const std::size_t m = 2 + seed % 5, n = 2 + (seed * 7) % 5;
    const auto game = random_degenerate_game<rational>({m, n}, {.seed = seed, .max_payoff = static_cast<std::int64_t>(1 + seed % 4)});
    for (std::size_t label = 1; label <= m + n; ++label, ++runs) {
      reference_lemke_howson reference(game);
      const auto expected = reference.run(static_cast<int>(label - 1));
      const auto exact = lemke_howson(game, {.initial_label = label});
      ASSERT_EQ(exact.equilibria.size(), 1u);
      EXPECT_EQ(exact.equilibria[0], expected) << game.title() << ", label " << label;
      EXPECT_EQ(exact.pivots, reference.pivots) << game.title() << ", label " << label;
      const auto floating = lemke_howson(convert<double>(game), {.initial_label = label});
      ASSERT_EQ(floating.equilibria.size(), 1u);
      expect_equilibrium(convert<double>(game), floating.equilibria[0]);
      same_in_double += floating.pivots == reference.pivots;
    }
  }
  EXPECT_GT(runs, 400u);
  EXPECT_EQ(same_in_double, runs);  // double rounding never changes a decision here
}

TEST(LemkeHowson, ExactPathsMoveToWiderIntegersWhereEntriesOutgrowThem) {
  // The exact tableaux start in machine words, two-word or GMP integers,
  // whichever holds the payoffs, and go on in wider ones from the pivot
  // where an entry outgrew them. Payoffs up to 2^20 on 7 x 6 games overflow
  // machine words and then two-word integers mid-path; times 2^70 they
  // start in two-word integers, times 2^130 in GMP. Every path must be the
  // plain rational one, pivot for pivot.
  std::size_t runs = 0;
  for (std::uint64_t seed = 1; seed <= 4; ++seed)
    for (const int shift : {0, 70, 130}) {
      const auto base = random_game<rational>({7, 6}, {.seed = seed, .low = 0, .high = std::int64_t{1} << 20});
      const auto game = detail::times_power_of_two(base, shift);
      for (std::size_t label = 1; label <= 13; label += 3, ++runs) {
        reference_lemke_howson reference(game);
        const auto expected = reference.run(static_cast<int>(label - 1));
        const auto exact = lemke_howson(game, {.initial_label = label});
        ASSERT_EQ(exact.equilibria.size(), 1u);
        EXPECT_EQ(exact.equilibria[0], expected) << "seed " << seed << ", times 2^" << shift << ", label " << label;
        EXPECT_EQ(exact.pivots, reference.pivots) << "seed " << seed << ", times 2^" << shift << ", label " << label;
      }
    }
  EXPECT_EQ(runs, 60u);
}

TEST(LemkeHowson, TheNetworkOfPathsIsTheSameInEveryIntegerWidth) {
  // lemke_howson_all runs in the narrowest integers Hadamard's bound on the
  // tableau entries allows: machine words for 5 x 5 payoffs up to 99,
  // two-word integers times 2^8, GMP times 2^60. Payoffs scaled by a
  // positive factor are the same game, and (nondegenerate) the same paths.
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const auto game = random_game<rational>({5, 5}, {.seed = seed, .low = 0, .high = 99});
    const auto words = lemke_howson_all(game);
    ASSERT_GE(words.equilibria.size(), 1u);
    for (const int shift : {8, 60}) {
      std::size_t reported = 0;
      const auto wider = lemke_howson_all(detail::times_power_of_two(game, shift),
                                          {.on_equilibrium = [&](const mixed_profile<rational>&) { ++reported; }});
      EXPECT_EQ(wider.equilibria, words.equilibria) << "seed " << seed << ", times 2^" << shift;
      EXPECT_EQ(wider.pivots, words.pivots) << "seed " << seed << ", times 2^" << shift;
      EXPECT_EQ(wider.paths, words.paths) << "seed " << seed << ", times 2^" << shift;
      EXPECT_EQ(reported, words.equilibria.size());
      for (const auto& e : wider.equilibria) EXPECT_EQ(max_regret(game, e), 0);
    }
  }
}

TYPED_TEST(LemkeHowsonTest, NondegenerateGamesTakeTheSamePathInBothArithmetics) {
  using S = TypeParam;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const auto game = random_game<rational>({15, 12}, {.seed = seed, .low = 0, .high = 1'000'000});
    for (std::size_t label : {1u, 7u, 16u, 27u}) {
      const auto exact = lemke_howson(game, {.initial_label = label});
      const auto other = lemke_howson(convert<S>(game), {.initial_label = label});
      EXPECT_EQ(other.pivots, exact.pivots);
      ASSERT_EQ(other.equilibria.size(), 1u);
      EXPECT_TRUE(among(other.equilibria[0], {gambit_line("NE", exact.equilibria[0], {.exact = true})}));
    }
  }
}

// ---- Savani and von Stengel's hard games ----

/// The length of the Lemke-Howson path dropping `label` (from 0), computed
/// on the combinatorial model the paper analyses: vertices of the dual
/// cyclic polytope as Gale strings, leaving a facet moves to the unique
/// other Gale string without it.
std::size_t gale_path_length(std::size_t d, std::size_t label) {
  const std::size_t n = 2 * d;
  const auto second_label = detail::savani_von_stengel_labels(d);
  std::vector<std::size_t> second_position(n);
  for (std::size_t k = 0; k < n; ++k) second_position[second_label[k]] = k;
  const auto even = [&](const std::vector<bool>& bits) {
    std::size_t start = 0;
    while (start < n && bits[start]) ++start;
    std::size_t run = 0;
    for (std::size_t k = 1; k <= n; ++k) {
      if (bits[(start + k) % n]) {
        ++run;
      } else if (run % 2) {
        return false;
      } else {
        run = 0;
      }
    }
    return true;
  };
  const auto leave = [&](std::vector<bool>& vertex, std::size_t facet) {
    vertex[facet] = false;
    std::size_t joined = n, candidates = 0;
    for (std::size_t z = 0; z < n; ++z) {
      if (vertex[z] || z == facet) continue;
      vertex[z] = true;
      if (even(vertex)) {
        joined = z;
        ++candidates;
      }
      vertex[z] = false;
    }
    EXPECT_EQ(candidates, 1u);
    vertex[joined] = true;
    return joined;
  };
  std::vector<bool> first(n, false), second(n, false);
  for (std::size_t k = 0; k < d; ++k) first[k] = second[d + k] = true;
  std::size_t steps = 0;
  bool in_first = label < d;
  std::size_t facet = in_first ? label : second_position[label];
  for (;;) {
    ++steps;
    const std::size_t joined = leave(in_first ? first : second, facet);
    const std::size_t picked_up = in_first ? joined : second_label[joined];
    if (picked_up == label) return steps;
    in_first = !in_first;
    facet = in_first ? picked_up : second_position[picked_up];
  }
}

TEST(LemkeHowson, GaleStringModelReproducesThePublishedGrowth) {
  // Dropping label 1 takes F(3d/2 + 2) - 1 steps (F the Fibonacci numbers),
  // and the shortest path over all labels grows like phi^(3d/4): the paper's
  // lower bound is Omega(phi^(3d/4)), phi the golden ratio.
  const std::vector<std::size_t> fibonacci = {0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597,
                                              2584, 4181, 6765};
  const std::map<std::size_t, std::size_t> shortest = {{2, 4}, {4, 8}, {6, 16}, {8, 40}, {10, 68}, {12, 176}};
  for (const auto& [d, length] : shortest) {
    EXPECT_EQ(gale_path_length(d, 0), fibonacci[3 * d / 2 + 2] - 1) << d;
    std::size_t least = std::numeric_limits<std::size_t>::max();
    for (std::size_t label = 0; label < 2 * d; ++label) least = std::min(least, gale_path_length(d, label));
    EXPECT_EQ(least, length) << d;
    EXPECT_GE(static_cast<double>(least), std::pow(std::numbers::phi, 0.75 * static_cast<double>(d))) << d;
  }
}

TYPED_TEST(LemkeHowsonTest, HardGamesTakeExponentiallyManyPivotsFromEveryLabel) {
  using S = TypeParam;
  // Pivot counts equal the Gale-string path lengths for every label: the
  // same path, step for step in length, on the geometric game. Exact
  // arithmetic up to d = 10; double stays on the exact path up to d = 12.
  const std::size_t largest = is_exact_v<S> ? 10 : 12;
  std::size_t previous_shortest = 0;
  for (std::size_t d = 2; d <= largest; d += 2) {
    SCOPED_TRACE(d);
    const auto game = savani_von_stengel_game<S>(d);
    std::size_t shortest = std::numeric_limits<std::size_t>::max();
    for (std::size_t label = 1; label <= 2 * d; ++label) {
      const auto result = lemke_howson(game, {.initial_label = label});
      ASSERT_EQ(result.equilibria.size(), 1u);
      expect_equilibrium(game, result.equilibria[0]);
      EXPECT_EQ(result.pivots, gale_path_length(d, label - 1)) << "label " << label;
      shortest = std::min(shortest, result.pivots);
    }
    if (d >= 6) {
      EXPECT_GT(shortest, previous_shortest * 3 / 2);  // exponential growth
    }
    previous_shortest = shortest;
  }
}

TEST(LemkeHowson, DoubleFallsBackToExactWhenRoundingLosesThePath) {
  // At d = 14 the double tableaux lose the path for a few labels; the
  // answer is then recomputed exactly, and is still an equilibrium.
  const auto game = savani_von_stengel_game<double>(14);
  for (std::size_t label = 1; label <= 28; ++label) {
    const auto result = lemke_howson(game, {.initial_label = label});
    ASSERT_EQ(result.equilibria.size(), 1u) << label;
    expect_equilibrium(game, result.equilibria[0]);
  }
}

TYPED_TEST(LemkeHowsonTest, LimitsAndCancellation) {
  using S = TypeParam;
  const auto hard = savani_von_stengel_game<S>(8);  // 376 pivots from label 1
  const auto limited = lemke_howson(hard, {.initial_label = 1, .max_pivots = 100});
  EXPECT_EQ(limited.status, run_status::limit_reached);
  EXPECT_TRUE(limited.equilibria.empty());
  EXPECT_EQ(limited.pivots, 100u);
  const auto enough = lemke_howson(hard, {.initial_label = 1, .max_pivots = 376});
  EXPECT_EQ(enough.status, run_status::complete);
  EXPECT_EQ(enough.equilibria.size(), 1u);

  std::stop_source stop;
  stop.request_stop();
  const auto cancelled = lemke_howson(hard, {.stop_token = stop.get_token()});
  EXPECT_EQ(cancelled.status, run_status::cancelled);
  EXPECT_TRUE(cancelled.equilibria.empty());
  EXPECT_EQ(lemke_howson_all(hard, {.stop_token = stop.get_token()}).status, run_status::cancelled);

  const auto coordination = coordination_game<S>(4);
  std::size_t reported = 0;
  const auto five = lemke_howson_all(coordination, {.max_equilibria = 5,
                                                    .on_equilibrium = [&](const mixed_profile<S>&) { ++reported; }});
  EXPECT_EQ(five.status, run_status::limit_reached);
  EXPECT_EQ(five.equilibria.size(), 5u);
  EXPECT_EQ(reported, 5u);
  const auto few_pivots = lemke_howson_all(coordination, {.max_pivots = 20});
  EXPECT_EQ(few_pivots.status, run_status::limit_reached);
  EXPECT_EQ(few_pivots.pivots, 20u);
  const auto full = lemke_howson_all(coordination, {.max_equilibria = 15});
  EXPECT_EQ(full.status, run_status::complete);
  EXPECT_EQ(full.equilibria.size(), 15u);
}

TYPED_TEST(LemkeHowsonTest, ZeroSumGamesGiveTheValueFromEveryLabel) {
  using S = TypeParam;
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    const auto game = random_zero_sum_game<S>(5 + seed % 3, 4 + seed % 4, {.seed = seed, .low = -9, .high = 9});
    using std::abs;
    std::optional<S> value;
    for (std::size_t label = 1; label <= game.total_strategies(); ++label) {
      const S payoff = expected_payoff(game, solve(game, label), 0);
      if (!value) value = payoff;
      EXPECT_LE(abs(payoff - *value), lemke_howson_regret_tolerance<S>()) << "seed " << seed << ", label " << label;
    }
  }
  // A symmetric zero-sum game is worth nothing to either player.
  using std::abs;
  const auto blotto = colonel_blotto_game<S>(3, 4);
  for (std::size_t label : {1u, 8u, 16u, 30u})
    EXPECT_LE(abs(expected_payoff(blotto, solve(blotto, label), 0)), lemke_howson_regret_tolerance<S>());
}

TYPED_TEST(LemkeHowsonTest, SandholmGilpinConitzerGamesHaveOneAccessibleEquilibrium) {
  using S = TypeParam;
  for (std::size_t k = 2; k <= 4; ++k) {
    const auto game = sandholm_gilpin_conitzer_game<S>(k);
    const std::size_t n = 4 * k - 1, cycle = 2 * k - 1;
    mixed_profile<S> unique({n, n});
    for (std::size_t s = 0; s < cycle; ++s) unique(0, s) = unique(1, s) = S(1) / S(static_cast<long>(cycle));
    for (std::size_t label = 1; label <= 2 * n; ++label) {
      EXPECT_TRUE(among(solve(game, label), {gambit_line("NE", convert<rational>(unique), {.exact = true})}));
    }
    const auto all = lemke_howson_all(game);
    EXPECT_EQ(all.equilibria.size(), 1u);
  }
}

TYPED_TEST(LemkeHowsonTest, OtherGeneratedFamilies) {
  using S = TypeParam;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const auto unit = unit_vector_game<S>(6, 9, {.seed = seed});
    const auto ranking = ranking_game<S>(8, {.seed = seed});
    for (std::size_t label = 1; label <= 15; ++label) (void)solve(unit, label);
    for (std::size_t label = 1; label <= 16; ++label) (void)solve(ranking, label);
    for (const auto& e : lemke_howson_all(ranking).equilibria) expect_equilibrium(ranking, e);
  }
}

}  // namespace
}  // namespace impasse
