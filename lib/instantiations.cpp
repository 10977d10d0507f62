// Explicit instantiations of the game types for the two scalars, so that
// users' translation units do not compile them again (see the `extern
// template` declarations in the headers).
#include <impasse/extensive/game.hpp>
#include <impasse/strategic/game.hpp>

namespace impasse {

template class strategic_game<double>;
template class strategic_game<rational>;
template class extensive_game<double>;
template class extensive_game<rational>;

}  // namespace impasse
