#include <impasse/io/lrsnash.hpp>

#include <ostream>
#include <sstream>

namespace impasse {

void write_lrsnash(std::ostream& out, const strategic_game<rational>& game) {
  if (game.num_players() != 2)
    throw invalid_argument("lrsnash reads two-player games; this game has " + std::to_string(game.num_players()) +
                           " players");
  out << game.num_strategies(0) << " " << game.num_strategies(1) << "\n";
  for (std::size_t player = 0; player < 2; ++player) {
    out << "\n";
    const auto payoffs = game.payoff_matrix(player);
    for (Eigen::Index r = 0; r < payoffs.rows(); ++r) {
      for (Eigen::Index c = 0; c < payoffs.cols(); ++c) out << (c ? " " : "") << to_fraction_string(payoffs(r, c));
      out << "\n";
    }
  }
}

std::string to_lrsnash(const strategic_game<rational>& game) {
  std::ostringstream out;
  write_lrsnash(out, game);
  return out.str();
}

}  // namespace impasse
