// Explicit instantiations of the game types for the two scalars, so that
// users' translation units do not compile them again (see the `extern
// template` declarations in the headers).
#include <impasse/strategic_game.hpp>

namespace impasse {

template class strategic_game<double>;
template class strategic_game<rational>;

}  // namespace impasse
