// The extension module `impasse._impasse`; the package `impasse`
// (python/impasse/__init__.py) re-exports it with the Python-side helpers.
#include "bindings.hpp"

#include <impasse/version.hpp>

namespace impasse::python {

py::object to_python(const rational& x) {
  // Leaked on purpose: a static py::object would be released after the
  // interpreter has shut down.
  static const py::handle fraction = py::object(py::module_::import("fractions").attr("Fraction")).release();
  return fraction(py::str(to_fraction_string(x)));
}

namespace {

std::string status_name(run_status status) {
  switch (status) {
    case run_status::complete: return "complete";
    case run_status::limit_reached: return "limit_reached";
    case run_status::cancelled: return "cancelled";
    case run_status::failed: return "failed";
  }
  return "failed";
}

}  // namespace

py::object make_result(const run_report& report, py::tuple equilibria, py::dict fields) {
  fields["equilibria"] = std::move(equilibria);
  fields["status"] = status_name(report.status);
  fields["reason"] = report.reason;
  fields["exact"] = report.exact;
  fields["error_bound"] = report.error_bound;
  return py::module_::import("impasse.result").attr("Result")(**fields);
}

void solve_session::poll(const progress* p) {
  py::gil_scoped_acquire acquire;
  if (error_) return;
  // Signal handlers run in the main thread only; elsewhere this returns 0.
  if (PyErr_CheckSignals() != 0) {
    fail(py::error_already_set());
    return;
  }
  if (p == nullptr || on_progress_.is_none()) return;
  try {
    on_progress_(p->done, p->total, std::string(p->unit));
  } catch (py::error_already_set& e) {
    fail(std::move(e));
  }
}

// extensive.cpp and stochastic.cpp, which alone need their games' types.
void register_extensive(py::module_& m);
void register_stochastic(py::module_& m);
void register_repeated(py::module_& m);
void register_model(py::module_& m);

}  // namespace impasse::python

PYBIND11_MODULE(_impasse, m) {
  using namespace impasse::python;
  m.doc() = "impasse: equilibria of strategic and extensive games, exact or in double (C++ core)";
  m.attr("__version__") = IMPASSE_VERSION_STRING;
  register_errors(m);
  register_strategic_game(m);
  register_strategic_enumeration(m);
  register_strategic_pivoting(m);
  register_strategic_nplayer(m);
  register_extensive(m);
  register_stochastic(m);
  register_repeated(m);
  register_model(m);
}
